//! [`StoragePool`] and [`StorageVol`]: storage pools and their volumes.

use crate::api::handle::handle;
use crate::api::Uuid;
use crate::proto::remote::{NonnullStoragePool, NonnullStorageVol};

handle!(
    /// A storage pool of a connection.
    StoragePool,
    NonnullStoragePool,
    "virStoragePoolPtr",
    "virStoragePoolGetConnect"
);

impl StoragePool {
    /// The pool's name.
    #[doc(alias = "virStoragePoolGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The pool's UUID.
    #[doc(alias = "virStoragePoolGetUUID", alias = "virStoragePoolGetUUIDString")]
    pub fn uuid(&self) -> Uuid {
        Uuid::from(self.raw().uuid)
    }
}

handle!(
    /// A storage volume of a pool.
    StorageVol,
    NonnullStorageVol,
    "virStorageVolPtr",
    "virStorageVolGetConnect"
);

impl StorageVol {
    /// The volume's name.
    #[doc(alias = "virStorageVolGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The volume's key (unique on the host, usually its path).
    #[doc(alias = "virStorageVolGetKey")]
    pub fn key(&self) -> &str {
        &self.raw().key
    }

    /// The name of the pool holding the volume.
    pub fn pool_name(&self) -> &str {
        &self.raw().pool
    }
}
