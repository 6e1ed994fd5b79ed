//! [`Interface`]: host network interfaces.

use crate::api::handle::handle;
use crate::proto::remote::NonnullInterface;

handle!(
    /// A network interface of the host.
    Interface,
    NonnullInterface,
    "virInterfacePtr",
    "virInterfaceGetConnect"
);

impl Interface {
    /// The interface's name.
    #[doc(alias = "virInterfaceGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The interface's MAC address.
    #[doc(alias = "virInterfaceGetMACString")]
    pub fn mac(&self) -> &str {
        &self.raw().mac
    }
}
