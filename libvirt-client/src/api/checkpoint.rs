//! [`DomainCheckpoint`]: checkpoints of a domain.

use crate::api::handle::handle;
use crate::api::Domain;
use crate::proto::remote::NonnullDomainCheckpoint;

handle!(
    /// A checkpoint of a domain.
    DomainCheckpoint,
    NonnullDomainCheckpoint,
    "virDomainCheckpointPtr",
    "virDomainCheckpointGetConnect"
);

impl DomainCheckpoint {
    /// The checkpoint's name.
    #[doc(alias = "virDomainCheckpointGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The domain the checkpoint belongs to.
    #[doc(alias = "virDomainCheckpointGetDomain")]
    pub fn domain(&self) -> Domain {
        Domain::from_raw(self.connect(), self.raw().dom.clone())
    }
}
