//! Blocking twins of the hand-written async methods (the generated ones
//! get theirs from `include_api!`): accessors, lookups by UUID string, and
//! the calls the C library makes of several RPCs.

use super::{Connect, Domain, NWFilter, Network, NetworkPort, Secret, StoragePool};
use crate::api::{
    BlockJobInfo, DiskError, DomainBlockJobInfoFlags, DomainInterface,
    DomainInterfaceAddressesSource, NodeCpuMap,
};
use crate::api::{
    ConnectGetAllDomainStatsFlags, DomainCreateFlags, DomainGetJobStatsFlags, DomainInfo,
    DomainJobType, DomainModificationImpact, DomainState, DomainStateReason, DomainStatsTypes,
    JobStats, NodeCpuStats, NodeMemoryStats, Result, SchedulerParams, SecurityLabel, SecurityModel,
    TypedParams, Uuid,
};
use crate::api::{
    DomainControlInfo, DomainJobInfo, MemoryStat, NodeInfo, StoragePoolInfo, StorageVolInfo,
    StorageVolInfoFlags, Vcpus,
};

/// `&self` methods whose result needs no wrapping: run the async method.
macro_rules! twins {
    ($ty:ident { $( $(#[$m:meta])* fn $name:ident(&self $(, $arg:ident: $t:ty)*) -> $ret:ty; )* }) => {
        impl $ty {
            $(
                $(#[$m])*
                pub fn $name(&self $(, $arg: $t)*) -> Result<$ret> {
                    self.runner().block_on(self.inner().$name($($arg),*))
                }
            )*
        }
    };
}

/// Accessors that need no RPC: the async handle's.
macro_rules! accessors {
    ($ty:ident { $( $(#[$m:meta])* fn $name:ident -> $ret:ty; )* }) => {
        impl $ty {
            $(
                $(#[$m])*
                pub fn $name(&self) -> $ret {
                    self.inner().$name()
                }
            )*

            /// The connection this object belongs to.
            pub fn connect(&self) -> Connect {
                Connect::new(self.inner().connect().clone(), self.runner().clone())
            }
        }
    };
}

/// Lookups by the text form of a UUID.
macro_rules! by_uuid_string {
    ($($ty:ident, $c:literal;)*) => {$(
        impl $ty {
            #[doc = concat!("Looks the object up by the text form of its UUID (C's `", $c, "`).")]
            #[doc(alias = $c)]
            pub fn lookup_by_uuid_string(conn: &Connect, uuid: &str) -> Result<$ty> {
                let inner = conn
                    .runner()
                    .block_on(crate::api::$ty::lookup_by_uuid_string(conn.inner(), uuid))?;
                Ok($ty::new(inner, conn.runner().clone()))
            }
        }
    )*};
}

by_uuid_string! {
    Domain, "virDomainLookupByUUIDString";
    Network, "virNetworkLookupByUUIDString";
    StoragePool, "virStoragePoolLookupByUUIDString";
    Secret, "virSecretLookupByUUIDString";
    NWFilter, "virNWFilterLookupByUUIDString";
}

impl NetworkPort {
    /// Looks a port of `network` up by the text form of its UUID (C's
    /// `virNetworkPortLookupByUUIDString`).
    #[doc(alias = "virNetworkPortLookupByUUIDString")]
    pub fn lookup_by_uuid_string(network: &Network, uuid: &str) -> Result<NetworkPort> {
        let inner = network
            .runner()
            .block_on(crate::api::NetworkPort::lookup_by_uuid_string(
                network.inner(),
                uuid,
            ))?;
        Ok(NetworkPort::new(inner, network.runner().clone()))
    }
}

accessors!(Domain {
    /// The domain's name.
    fn name -> &str;
    /// The domain's UUID.
    fn uuid -> Uuid;
    /// The domain's id while it runs.
    fn id -> Option<u32>;
});
accessors!(Network {
    /// The network's name.
    fn name -> &str;
    /// The network's UUID.
    fn uuid -> Uuid;
});
accessors!(StoragePool {
    /// The pool's name.
    fn name -> &str;
    /// The pool's UUID.
    fn uuid -> Uuid;
});
accessors!(Secret {
    /// The secret's UUID.
    fn uuid -> Uuid;
    /// The usage's identifier.
    fn usage_id -> &str;
});
accessors!(NWFilter {
    /// The filter's name.
    fn name -> &str;
    /// The filter's UUID.
    fn uuid -> Uuid;
});
accessors!(NetworkPort {
    /// The port's UUID.
    fn uuid -> Uuid;
});
accessors!(StorageVol {
    /// The volume's name.
    fn name -> &str;
    /// The volume's key.
    fn key -> &str;
    /// The name of the pool holding the volume.
    fn pool_name -> &str;
});
accessors!(NodeDevice {
    /// The device's name.
    fn name -> &str;
});
accessors!(Interface {
    /// The interface's name.
    fn name -> &str;
    /// The interface's MAC address.
    fn mac -> &str;
});
accessors!(NWFilterBinding {
    /// The port device the filter is bound to.
    fn port_dev -> &str;
    /// The name of the bound filter.
    fn filter_name -> &str;
});
accessors!(DomainSnapshot {
    /// The snapshot's name.
    fn name -> &str;
});
accessors!(DomainCheckpoint {
    /// The checkpoint's name.
    fn name -> &str;
});

use super::{DomainCheckpoint, DomainSnapshot, Interface, NWFilterBinding, NodeDevice, StorageVol};

twins!(Domain {
    /// See [`crate::api::Domain::get_info`].
    #[doc(alias = "virDomainGetInfo")]
    fn get_info(&self) -> DomainInfo;
    /// See [`crate::api::Domain::get_state`].
    #[doc(alias = "virDomainGetState")]
    fn get_state(&self, flags: u32) -> (DomainState, DomainStateReason);
    /// See [`crate::api::Domain::create`].
    #[doc(alias = "virDomainCreate")]
    fn create(&self) -> ();
    /// See [`crate::api::Domain::create_with_flags`].
    #[doc(alias = "virDomainCreateWithFlags")]
    fn create_with_flags(&self, flags: DomainCreateFlags) -> ();
    /// See [`crate::api::Domain::get_job_stats`].
    #[doc(alias = "virDomainGetJobStats")]
    fn get_job_stats(&self, flags: DomainGetJobStatsFlags) -> (DomainJobType, JobStats);
    /// See [`crate::api::Domain::get_scheduler_parameters`].
    #[doc(alias = "virDomainGetSchedulerParameters")]
    fn get_scheduler_parameters(&self) -> SchedulerParams;
    /// See [`crate::api::Domain::get_scheduler_parameters_flags`].
    #[doc(alias = "virDomainGetSchedulerParametersFlags")]
    fn get_scheduler_parameters_flags(&self, flags: DomainModificationImpact) -> SchedulerParams;
    /// See [`crate::api::Domain::get_security_label`].
    #[doc(alias = "virDomainGetSecurityLabel")]
    fn get_security_label(&self) -> SecurityLabel;
    /// See [`crate::api::Domain::get_security_label_list`].
    #[doc(alias = "virDomainGetSecurityLabelList")]
    fn get_security_label_list(&self) -> Vec<SecurityLabel>;
    /// See [`crate::api::Domain::memory_stats`].
    #[doc(alias = "virDomainMemoryStats")]
    fn memory_stats(&self, max_stats: u32, flags: u32) -> Vec<MemoryStat>;
    /// See [`crate::api::Domain::get_control_info`].
    #[doc(alias = "virDomainGetControlInfo")]
    fn get_control_info(&self, flags: u32) -> DomainControlInfo;
    /// See [`crate::api::Domain::get_job_info`].
    #[doc(alias = "virDomainGetJobInfo")]
    fn get_job_info(&self) -> DomainJobInfo;
    /// See [`crate::api::Domain::get_vcpus`].
    #[doc(alias = "virDomainGetVcpus")]
    fn get_vcpus(&self, maxinfo: i32, maplen: i32) -> Vcpus;
    /// See [`crate::api::Domain::get_disk_errors`].
    #[doc(alias = "virDomainGetDiskErrors")]
    fn get_disk_errors(&self, flags: u32) -> Vec<DiskError>;
    /// See [`crate::api::Domain::interface_addresses`].
    #[doc(alias = "virDomainInterfaceAddresses")]
    fn interface_addresses(&self, source: DomainInterfaceAddressesSource, flags: u32) -> Vec<DomainInterface>;
    /// See [`crate::api::Domain::get_block_job_info`].
    #[doc(alias = "virDomainGetBlockJobInfo")]
    fn get_block_job_info(&self, disk: &str, flags: DomainBlockJobInfoFlags) -> Option<BlockJobInfo>;
    /// See [`crate::api::Domain::get_cpu_stats`].
    #[doc(alias = "virDomainGetCPUStats")]
    fn get_cpu_stats(&self, start_cpu: i32, ncpus: u32, flags: u32) -> Vec<TypedParams>;
});

twins!(StoragePool {
    /// See [`crate::api::StoragePool::get_info`].
    #[doc(alias = "virStoragePoolGetInfo")]
    fn get_info(&self) -> StoragePoolInfo;
});

twins!(StorageVol {
    /// See [`crate::api::StorageVol::get_info`].
    #[doc(alias = "virStorageVolGetInfo")]
    fn get_info(&self) -> StorageVolInfo;
    /// See [`crate::api::StorageVol::get_info_flags`].
    #[doc(alias = "virStorageVolGetInfoFlags")]
    fn get_info_flags(&self, flags: StorageVolInfoFlags) -> StorageVolInfo;
});

twins!(Connect {
    /// See [`crate::api::Connect::node_get_cpu_stats`].
    #[doc(alias = "virNodeGetCPUStats")]
    fn node_get_cpu_stats(&self, cpu_num: i32, flags: u32) -> NodeCpuStats;
    /// See [`crate::api::Connect::node_get_memory_stats`].
    #[doc(alias = "virNodeGetMemoryStats")]
    fn node_get_memory_stats(&self, cell_num: i32, flags: u32) -> NodeMemoryStats;
    /// See [`crate::api::Connect::node_get_security_model`].
    #[doc(alias = "virNodeGetSecurityModel")]
    fn node_get_security_model(&self) -> SecurityModel;
    /// See [`crate::api::Connect::node_get_info`].
    #[doc(alias = "virNodeGetInfo")]
    fn node_get_info(&self) -> NodeInfo;
    /// See [`crate::api::Connect::node_get_cpu_map`].
    #[doc(alias = "virNodeGetCPUMap")]
    fn node_get_cpu_map(&self, flags: u32) -> NodeCpuMap;
    /// See [`crate::api::Connect::node_get_free_memory`].
    #[doc(alias = "virNodeGetFreeMemory")]
    fn node_get_free_memory(&self) -> u64;
});

/// The statistics of one domain, with a blocking handle (see
/// [`crate::api::DomainStatsRecord`]).
#[derive(Debug, Clone)]
pub struct DomainStatsRecord {
    /// The domain.
    pub domain: Domain,
    /// Its statistics, in the order the daemon sent them.
    pub params: TypedParams,
}

fn records(
    runner: &super::Runner,
    r: Vec<crate::api::DomainStatsRecord>,
) -> Vec<DomainStatsRecord> {
    r.into_iter()
        .map(|r| DomainStatsRecord {
            domain: Domain::new(r.domain, runner.clone()),
            params: r.params,
        })
        .collect()
}

impl Connect {
    /// See [`crate::api::Connect::get_all_domain_stats`].
    #[doc(alias = "virConnectGetAllDomainStats")]
    pub fn get_all_domain_stats(
        &self,
        stats_types: DomainStatsTypes,
        flags: ConnectGetAllDomainStatsFlags,
    ) -> Result<Vec<DomainStatsRecord>> {
        let r = self
            .runner()
            .block_on(self.inner().get_all_domain_stats(stats_types, flags))?;
        Ok(records(self.runner(), r))
    }
}

impl Domain {
    /// See [`crate::api::Domain::list_get_stats`].
    #[doc(alias = "virDomainListGetStats")]
    pub fn list_get_stats(
        domains: &[Domain],
        stats_types: DomainStatsTypes,
        flags: ConnectGetAllDomainStatsFlags,
    ) -> Result<Vec<DomainStatsRecord>> {
        let Some(first) = domains.first() else {
            return Err(crate::Error::InvalidArgument(
                "virDomainListGetStats needs at least one domain".into(),
            ));
        };
        let inner: Vec<crate::api::Domain> = domains.iter().map(|d| d.inner().clone()).collect();
        let r = first.runner().block_on(crate::api::Domain::list_get_stats(
            &inner,
            stats_types,
            flags,
        ))?;
        Ok(records(first.runner(), r))
    }
}
