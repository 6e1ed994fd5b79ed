//! [`Domain`]: a virtual machine (C's `virDomainPtr`).

use crate::api::{Connect, Uuid};
use crate::proto::remote::NonnullDomain;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

/// A domain (virtual machine) of a connection. Cheap to clone: clones
/// share the connection and the domain's id.
///
/// Methods are libvirt's `virDomain*` functions (`get_info`, `create`,
/// `get_xml_desc`, ...). As in the C library, starting the domain through
/// this handle refreshes its [`id`](Self::id).
#[doc(alias = "virDomainPtr")]
#[derive(Debug, Clone)]
pub struct Domain {
    conn: Connect,
    raw: NonnullDomain,
    id: Arc<AtomicI32>,
}

impl Domain {
    /// The connection this domain belongs to.
    #[doc(alias = "virDomainGetConnect")]
    pub fn connect(&self) -> &Connect {
        &self.conn
    }

    /// The domain as the protocol names it.
    pub fn raw(&self) -> &NonnullDomain {
        &self.raw
    }

    /// The handle of a domain the daemon named in a reply.
    pub fn from_raw(conn: &Connect, raw: NonnullDomain) -> Self {
        let id = Arc::new(AtomicI32::new(raw.id));
        Self {
            conn: conn.clone(),
            raw,
            id,
        }
    }

    /// The domain as the protocol names it, with its current id.
    pub fn into_raw(self) -> NonnullDomain {
        let id = self.id.load(Ordering::Relaxed);
        NonnullDomain { id, ..self.raw }
    }

    /// The domain's name.
    #[doc(alias = "virDomainGetName")]
    pub fn name(&self) -> &str {
        &self.raw.name
    }

    /// The domain's UUID.
    #[doc(alias = "virDomainGetUUID", alias = "virDomainGetUUIDString")]
    pub fn uuid(&self) -> Uuid {
        Uuid::from(self.raw.uuid)
    }

    /// The domain's id while it runs; `None` when it is inactive.
    #[doc(alias = "virDomainGetID")]
    pub fn id(&self) -> Option<u32> {
        u32::try_from(self.id.load(Ordering::Relaxed)).ok()
    }

    /// Records the id the daemon reported after a start.
    pub(crate) fn set_id(&self, id: i32) {
        self.id.store(id, Ordering::Relaxed);
    }
}
