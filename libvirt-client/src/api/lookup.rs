//! Lookups by the text form of a UUID: the string is parsed here, then
//! the object is looked up by its UUID, as the C library does.

use crate::api::{
    Connect, Domain, NWFilter, Network, NetworkPort, Result, Secret, StoragePool, Uuid,
};

macro_rules! by_uuid_string {
    ($($ty:ident, $c:literal, $page:literal;)*) => {$(
        impl $ty {
            #[doc = concat!("Looks the object up by the text form of its UUID.\n\nC function [`", $c, "`](https://libvirt.org/html/libvirt-", $page, ".html#", $c, ").")]
            #[doc(alias = $c)]
            pub async fn lookup_by_uuid_string(conn: &Connect, uuid: &str) -> Result<$ty> {
                let uuid: Uuid = uuid.parse()?;
                $ty::lookup_by_uuid(conn, &uuid).await
            }
        }
    )*};
}

by_uuid_string! {
    Domain, "virDomainLookupByUUIDString", "libvirt-domain";
    Network, "virNetworkLookupByUUIDString", "libvirt-network";
    StoragePool, "virStoragePoolLookupByUUIDString", "libvirt-storage";
    Secret, "virSecretLookupByUUIDString", "libvirt-secret";
    NWFilter, "virNWFilterLookupByUUIDString", "libvirt-nwfilter";
}

impl NetworkPort {
    /// Looks a port of `network` up by the text form of its UUID.
    ///
    /// C function [`virNetworkPortLookupByUUIDString`](https://libvirt.org/html/libvirt-libvirt-network.html#virNetworkPortLookupByUUIDString).
    #[doc(alias = "virNetworkPortLookupByUUIDString")]
    pub async fn lookup_by_uuid_string(
        network: &crate::api::Network,
        uuid: &str,
    ) -> Result<NetworkPort> {
        let uuid: Uuid = uuid.parse()?;
        NetworkPort::lookup_by_uuid(network, &uuid).await
    }
}
