//! [`Secret`]: secrets (passphrases, keys) kept by the daemon.

use crate::api::handle::handle;
use crate::api::{SecretUsageType, Uuid};
use crate::proto::remote::NonnullSecret;

handle!(
    /// A secret of a connection.
    Secret,
    NonnullSecret,
    "virSecretPtr",
    "virSecretGetConnect"
);

impl Secret {
    /// The secret's UUID.
    #[doc(alias = "virSecretGetUUID", alias = "virSecretGetUUIDString")]
    pub fn uuid(&self) -> Uuid {
        Uuid::from(self.raw().uuid)
    }

    /// What the secret is used for.
    #[doc(alias = "virSecretGetUsageType")]
    pub fn usage_type(&self) -> SecretUsageType {
        SecretUsageType::from_raw(self.raw().usage_type)
    }

    /// The usage's identifier (a volume path, a Ceph user, ...).
    #[doc(alias = "virSecretGetUsageID")]
    pub fn usage_id(&self) -> &str {
        &self.raw().usage_id
    }
}
