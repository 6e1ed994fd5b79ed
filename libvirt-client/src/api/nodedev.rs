//! [`NodeDevice`]: host devices.

use crate::api::handle::handle;
use crate::proto::remote::NonnullNodeDevice;

handle!(
    /// A device of the host (PCI, USB, network card, ...).
    NodeDevice,
    NonnullNodeDevice,
    "virNodeDevicePtr"
);

impl NodeDevice {
    /// The device's name.
    #[doc(alias = "virNodeDeviceGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }
}
