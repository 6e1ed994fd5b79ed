//! [`NWFilter`] and [`NWFilterBinding`]: network filters and their
//! bindings to ports.

use crate::api::handle::handle;
use crate::api::Uuid;
use crate::proto::remote::{NonnullNwfilter, NonnullNwfilterBinding};

handle!(
    /// A network filter of a connection.
    NWFilter,
    NonnullNwfilter,
    "virNWFilterPtr"
);

impl NWFilter {
    /// The filter's name.
    #[doc(alias = "virNWFilterGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The filter's UUID.
    #[doc(alias = "virNWFilterGetUUID", alias = "virNWFilterGetUUIDString")]
    pub fn uuid(&self) -> Uuid {
        Uuid::from(self.raw().uuid)
    }
}

handle!(
    /// A binding of a network filter to a port.
    NWFilterBinding,
    NonnullNwfilterBinding,
    "virNWFilterBindingPtr"
);

impl NWFilterBinding {
    /// The port device the filter is bound to.
    #[doc(alias = "virNWFilterBindingGetPortDev")]
    pub fn port_dev(&self) -> &str {
        &self.raw().portdev
    }

    /// The name of the bound filter.
    #[doc(alias = "virNWFilterBindingGetFilterName")]
    pub fn filter_name(&self) -> &str {
        &self.raw().filtername
    }
}
