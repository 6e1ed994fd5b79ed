//! [`DomainSnapshot`]: snapshots of a domain.

use crate::api::handle::handle;
use crate::api::Domain;
use crate::proto::remote::NonnullDomainSnapshot;

handle!(
    /// A snapshot of a domain.
    DomainSnapshot,
    NonnullDomainSnapshot,
    "virDomainSnapshotPtr",
    "virDomainSnapshotGetConnect"
);

impl DomainSnapshot {
    /// The snapshot's name.
    #[doc(alias = "virDomainSnapshotGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The domain the snapshot belongs to.
    #[doc(alias = "virDomainSnapshotGetDomain")]
    pub fn domain(&self) -> Domain {
        Domain::from_raw(self.connect(), self.raw().dom.clone())
    }
}
