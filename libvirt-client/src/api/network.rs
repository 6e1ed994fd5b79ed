//! [`Network`] and [`NetworkPort`]: virtual networks and their ports.

use crate::api::handle::handle;
use crate::api::Uuid;
use crate::proto::remote::{NonnullNetwork, NonnullNetworkPort};

handle!(
    /// A virtual network of a connection.
    Network,
    NonnullNetwork,
    "virNetworkPtr",
    "virNetworkGetConnect"
);

impl Network {
    /// The network's name.
    #[doc(alias = "virNetworkGetName")]
    pub fn name(&self) -> &str {
        &self.raw().name
    }

    /// The network's UUID.
    #[doc(alias = "virNetworkGetUUID", alias = "virNetworkGetUUIDString")]
    pub fn uuid(&self) -> Uuid {
        Uuid::from(self.raw().uuid)
    }
}

handle!(
    /// A port of a virtual network.
    NetworkPort,
    NonnullNetworkPort,
    "virNetworkPortPtr"
);

impl NetworkPort {
    /// The port's UUID.
    #[doc(alias = "virNetworkPortGetUUID", alias = "virNetworkPortGetUUIDString")]
    pub fn uuid(&self) -> Uuid {
        Uuid::from(self.raw().uuid)
    }

    /// The network the port belongs to.
    #[doc(alias = "virNetworkPortGetNetwork")]
    pub fn network(&self) -> Network {
        Network::from_raw(self.connect(), self.raw().net.clone())
    }
}
