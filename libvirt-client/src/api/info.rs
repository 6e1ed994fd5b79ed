//! The `virXxxInfo` structs of libvirt's C API, typed: what
//! `get_info`-style calls return, with states and kinds as enums and
//! character buffers as strings.

use crate::api::security::c_string;
use crate::api::{
    Connect, Domain, DomainBlockJobInfoFlags, DomainBlockJobType, DomainControlState,
    DomainDiskErrorCode, DomainInterfaceAddressesSource, DomainJobType, DomainMemoryStatTags,
    IPAddrType, Result, StoragePool, StoragePoolState, StorageVol, StorageVolInfoFlags,
    StorageVolType, VcpuState,
};
use crate::proto::remote::RemoteCalls;

/// The host's hardware (C's `virNodeInfo`).
#[doc(alias = "virNodeInfo")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeInfo {
    /// The CPU model (`x86_64`, ...).
    pub model: String,
    /// Memory size in KiB.
    pub memory: u64,
    /// The number of active CPUs.
    pub cpus: u32,
    /// Expected CPU frequency in MHz (0 if unknown).
    pub mhz: u32,
    /// The number of NUMA cells (1 for uniform memory access).
    pub nodes: u32,
    /// The number of CPU sockets per node.
    pub sockets: u32,
    /// The number of cores per socket.
    pub cores: u32,
    /// The number of threads per core.
    pub threads: u32,
}

/// A storage pool's state and sizes (C's `virStoragePoolInfo`).
#[doc(alias = "virStoragePoolInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoragePoolInfo {
    /// The pool's state.
    pub state: StoragePoolState,
    /// Logical size in bytes.
    pub capacity: u64,
    /// Current allocation in bytes.
    pub allocation: u64,
    /// Remaining free space in bytes.
    pub available: u64,
}

/// A storage volume's kind and sizes (C's `virStorageVolInfo`).
#[doc(alias = "virStorageVolInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StorageVolInfo {
    /// What kind of volume it is (C's `type`).
    pub kind: StorageVolType,
    /// Logical size in bytes.
    pub capacity: u64,
    /// Current allocation in bytes.
    pub allocation: u64,
}

/// One statistic of a domain's memory (C's `virDomainMemoryStatStruct`).
#[doc(alias = "virDomainMemoryStatStruct")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryStat {
    /// Which statistic.
    pub tag: DomainMemoryStatTags,
    /// Its value (KiB for sizes, see the tag).
    pub val: u64,
}

/// The state of a domain's control interface (C's `virDomainControlInfo`).
#[doc(alias = "virDomainControlInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DomainControlInfo {
    /// The control state.
    pub state: DomainControlState,
    /// With [`DomainControlState::Error`], a `DomainControlErrorReason`
    /// value; 0 otherwise.
    pub details: u32,
    /// Milliseconds since the state started.
    pub state_time: u64,
}

/// Progress of a domain's background job (C's `virDomainJobInfo`). Times
/// in milliseconds, data in bytes.
#[doc(alias = "virDomainJobInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DomainJobInfo {
    /// The kind of job (C's `type`).
    pub kind: DomainJobType,
    /// Time since the job started.
    pub time_elapsed: u64,
    /// Estimated time left, for bounded jobs.
    pub time_remaining: u64,
    /// All data (memory and files) to process.
    pub data_total: u64,
    /// Data processed so far.
    pub data_processed: u64,
    /// Data still to process.
    pub data_remaining: u64,
    /// Memory to process.
    pub mem_total: u64,
    /// Memory processed so far.
    pub mem_processed: u64,
    /// Memory still to process.
    pub mem_remaining: u64,
    /// File data to process.
    pub file_total: u64,
    /// File data processed so far.
    pub file_processed: u64,
    /// File data still to process.
    pub file_remaining: u64,
}

/// One virtual CPU of a domain (C's `virVcpuInfo`).
#[doc(alias = "virVcpuInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VcpuInfo {
    /// The virtual CPU's number.
    pub number: u32,
    /// Its state.
    pub state: VcpuState,
    /// CPU time used, in nanoseconds.
    pub cpu_time: u64,
    /// The host CPU it runs on (-1 when offline).
    pub cpu: i32,
}

/// What [`Domain::get_vcpus`] returns: each virtual CPU and, per virtual
/// CPU, the bitmap (`maplen` bytes) of host CPUs it may run on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vcpus {
    /// The virtual CPUs.
    pub info: Vec<VcpuInfo>,
    /// The affinity bitmaps, `maplen` bytes per virtual CPU, one bit per
    /// host CPU (bit 0 of byte 0 is CPU 0).
    pub cpumaps: Vec<u8>,
}

impl Vcpus {
    /// True when virtual CPU `vcpu` may run on host CPU `cpu` (C's
    /// `VIR_CPU_USABLE`); `maplen` as passed to the call.
    pub fn usable(&self, maplen: usize, vcpu: usize, cpu: usize) -> bool {
        self.cpumaps
            .get(vcpu * maplen + cpu / 8)
            .is_some_and(|b| b & (1 << (cpu % 8)) != 0)
    }
}

fn non_negative(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

impl Connect {
    /// The host's hardware: CPU model, memory, CPU topology.
    ///
    /// C function [`virNodeGetInfo`](https://libvirt.org/html/libvirt-libvirt-host.html#virNodeGetInfo).
    #[doc(alias = "virNodeGetInfo")]
    pub async fn node_get_info(&self) -> Result<NodeInfo> {
        let r = self.client().node_get_info().await?;
        Ok(NodeInfo {
            model: c_string(&r.model),
            memory: r.memory,
            cpus: non_negative(r.cpus),
            mhz: non_negative(r.mhz),
            nodes: non_negative(r.nodes),
            sockets: non_negative(r.sockets),
            cores: non_negative(r.cores),
            threads: non_negative(r.threads),
        })
    }
}

impl StoragePool {
    /// The pool's state, capacity, allocation and free space.
    ///
    /// C function [`virStoragePoolGetInfo`](https://libvirt.org/html/libvirt-libvirt-storage.html#virStoragePoolGetInfo).
    #[doc(alias = "virStoragePoolGetInfo")]
    pub async fn get_info(&self) -> Result<StoragePoolInfo> {
        let r = self
            .connect()
            .client()
            .storage_pool_get_info(self.raw())
            .await?;
        Ok(StoragePoolInfo {
            state: StoragePoolState::from_raw(i32::from(r.state)),
            capacity: r.capacity,
            allocation: r.allocation,
            available: r.available,
        })
    }
}

impl StorageVol {
    /// The volume's kind, capacity and allocation.
    ///
    /// C function [`virStorageVolGetInfo`](https://libvirt.org/html/libvirt-libvirt-storage.html#virStorageVolGetInfo).
    #[doc(alias = "virStorageVolGetInfo")]
    pub async fn get_info(&self) -> Result<StorageVolInfo> {
        let r = self
            .connect()
            .client()
            .storage_vol_get_info(self.raw())
            .await?;
        Ok(StorageVolInfo {
            kind: StorageVolType::from_raw(i32::from(r.r#type)),
            capacity: r.capacity,
            allocation: r.allocation,
        })
    }

    /// The volume's kind, capacity and allocation; with
    /// [`StorageVolInfoFlags::GET_PHYSICAL`] the allocation is the
    /// physical size on disk.
    ///
    /// C function [`virStorageVolGetInfoFlags`](https://libvirt.org/html/libvirt-libvirt-storage.html#virStorageVolGetInfoFlags).
    #[doc(alias = "virStorageVolGetInfoFlags")]
    pub async fn get_info_flags(&self, flags: StorageVolInfoFlags) -> Result<StorageVolInfo> {
        let r = self
            .connect()
            .client()
            .storage_vol_get_info_flags(self.raw(), flags.bits())
            .await?;
        Ok(StorageVolInfo {
            kind: StorageVolType::from_raw(i32::from(r.r#type)),
            capacity: r.capacity,
            allocation: r.allocation,
        })
    }
}

impl Domain {
    /// Up to `max_stats` memory statistics of a running domain (balloon
    /// size, swap, faults, ...).
    ///
    /// C function [`virDomainMemoryStats`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainMemoryStats).
    #[doc(alias = "virDomainMemoryStats")]
    pub async fn memory_stats(&self, max_stats: u32, flags: u32) -> Result<Vec<MemoryStat>> {
        let r = self
            .connect()
            .client()
            .domain_memory_stats(self.raw(), max_stats, flags)
            .await?;
        Ok(r.into_iter()
            .map(|s| MemoryStat {
                tag: DomainMemoryStatTags::from_raw(s.tag),
                val: s.val,
            })
            .collect())
    }

    /// The state of the domain's control interface (the monitor).
    ///
    /// C function [`virDomainGetControlInfo`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetControlInfo).
    #[doc(alias = "virDomainGetControlInfo")]
    pub async fn get_control_info(&self, flags: u32) -> Result<DomainControlInfo> {
        let r = self
            .connect()
            .client()
            .domain_get_control_info(self.raw(), flags)
            .await?;
        Ok(DomainControlInfo {
            state: DomainControlState::from_raw(i32::try_from(r.state).unwrap_or(i32::MAX)),
            details: r.details,
            state_time: r.state_time,
        })
    }

    /// Progress of the domain's background job (migration, save, dump).
    ///
    /// C function [`virDomainGetJobInfo`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetJobInfo).
    #[doc(alias = "virDomainGetJobInfo")]
    pub async fn get_job_info(&self) -> Result<DomainJobInfo> {
        let r = self
            .connect()
            .client()
            .domain_get_job_info(self.raw())
            .await?;
        Ok(DomainJobInfo {
            kind: DomainJobType::from_raw(r.r#type),
            time_elapsed: r.time_elapsed,
            time_remaining: r.time_remaining,
            data_total: r.data_total,
            data_processed: r.data_processed,
            data_remaining: r.data_remaining,
            mem_total: r.mem_total,
            mem_processed: r.mem_processed,
            mem_remaining: r.mem_remaining,
            file_total: r.file_total,
            file_processed: r.file_processed,
            file_remaining: r.file_remaining,
        })
    }

    /// Up to `maxinfo` virtual CPUs of a running domain with, for each,
    /// a `maplen`-byte bitmap of the host CPUs it may run on.
    ///
    /// C function [`virDomainGetVcpus`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetVcpus).
    #[doc(alias = "virDomainGetVcpus")]
    pub async fn get_vcpus(&self, maxinfo: i32, maplen: i32) -> Result<Vcpus> {
        let r = self
            .connect()
            .client()
            .domain_get_vcpus(self.raw(), maxinfo, maplen)
            .await?;
        Ok(Vcpus {
            info: r
                .info
                .into_iter()
                .map(|v| VcpuInfo {
                    number: v.number,
                    state: VcpuState::from_raw(v.state),
                    cpu_time: v.cpu_time,
                    cpu: v.cpu,
                })
                .collect(),
            cpumaps: r.cpumaps,
        })
    }
}

/// An I/O error of one disk (C's `virDomainDiskError`).
#[doc(alias = "virDomainDiskError")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskError {
    /// The disk's target (`vda`, ...).
    pub disk: String,
    /// The error.
    pub error: DomainDiskErrorCode,
}

/// One IP address of a domain's interface (C's `virDomainIPAddress`).
#[doc(alias = "virDomainIPAddress")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpAddress {
    /// IPv4 or IPv6 (C's `type`).
    pub kind: IPAddrType,
    /// The address.
    pub addr: String,
    /// The prefix length.
    pub prefix: u32,
}

/// One network interface of a domain with its addresses (C's
/// `virDomainInterface`).
#[doc(alias = "virDomainInterface")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainInterface {
    /// The interface's name in the guest or on the host.
    pub name: String,
    /// Its MAC address, if known.
    pub hwaddr: Option<String>,
    /// Its IP addresses.
    pub addrs: Vec<IpAddress>,
}

/// The host's CPUs: which are present and which online (what
/// [`Connect::node_get_cpu_map`] returns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeCpuMap {
    /// The number of CPUs the host has (present or not).
    pub cpus: u32,
    /// One bit per CPU, set when it is online (bit 0 of byte 0 is CPU 0).
    pub cpumap: Vec<u8>,
    /// The number of online CPUs.
    pub online: u32,
}

impl NodeCpuMap {
    /// True when host CPU `cpu` is online.
    pub fn is_online(&self, cpu: usize) -> bool {
        self.cpumap
            .get(cpu / 8)
            .is_some_and(|b| b & (1 << (cpu % 8)) != 0)
    }
}

/// Progress of a block job (C's `virDomainBlockJobInfo`).
#[doc(alias = "virDomainBlockJobInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockJobInfo {
    /// The kind of job (C's `type`).
    pub kind: DomainBlockJobType,
    /// Its bandwidth limit (MiB/s, or bytes/s with
    /// [`DomainBlockJobInfoFlags::BANDWIDTH_BYTES`]).
    pub bandwidth: u64,
    /// Progress: `cur` of `end` units done.
    pub cur: u64,
    /// The end of the progress scale.
    pub end: u64,
}

impl Domain {
    /// The I/O errors of the domain's disks. As the C library's callers
    /// do, asks for their number first, then fetches them.
    ///
    /// C function [`virDomainGetDiskErrors`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetDiskErrors).
    #[doc(alias = "virDomainGetDiskErrors")]
    pub async fn get_disk_errors(&self, flags: u32) -> Result<Vec<DiskError>> {
        let client = self.connect().client();
        let n = client
            .domain_get_disk_errors(self.raw(), 0, flags)
            .await?
            .nerrors;
        let Ok(n) = u32::try_from(n) else {
            return Ok(Vec::new());
        };
        if n == 0 {
            return Ok(Vec::new());
        }
        let r = client.domain_get_disk_errors(self.raw(), n, flags).await?;
        Ok(r.errors
            .into_iter()
            .map(|e| DiskError {
                disk: e.disk,
                error: DomainDiskErrorCode::from_raw(e.error),
            })
            .collect())
    }

    /// The domain's network interfaces and their IP addresses, as `source`
    /// knows them (the DHCP leases, the guest agent, the ARP table).
    ///
    /// C function [`virDomainInterfaceAddresses`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainInterfaceAddresses).
    #[doc(alias = "virDomainInterfaceAddresses")]
    pub async fn interface_addresses(
        &self,
        source: DomainInterfaceAddressesSource,
        flags: u32,
    ) -> Result<Vec<DomainInterface>> {
        let r = self
            .connect()
            .client()
            .domain_interface_addresses(self.raw(), source.to_raw() as u32, flags)
            .await?;
        Ok(r.into_iter()
            .map(|i| DomainInterface {
                name: i.name,
                hwaddr: i.hwaddr,
                addrs: i
                    .addrs
                    .into_iter()
                    .map(|a| IpAddress {
                        kind: IPAddrType::from_raw(a.r#type),
                        addr: a.addr,
                        prefix: a.prefix,
                    })
                    .collect(),
            })
            .collect())
    }

    /// The progress of the block job on `disk`; `None` when no job runs
    /// there.
    ///
    /// C function [`virDomainGetBlockJobInfo`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetBlockJobInfo).
    #[doc(alias = "virDomainGetBlockJobInfo")]
    pub async fn get_block_job_info(
        &self,
        disk: &str,
        flags: DomainBlockJobInfoFlags,
    ) -> Result<Option<BlockJobInfo>> {
        let r = self
            .connect()
            .client()
            .domain_get_block_job_info(self.raw(), disk, flags.bits())
            .await?;
        Ok((r.found != 0).then_some(BlockJobInfo {
            kind: DomainBlockJobType::from_raw(r.r#type),
            bandwidth: r.bandwidth,
            cur: r.cur,
            end: r.end,
        }))
    }
}

impl Connect {
    /// Which host CPUs are online.
    ///
    /// C function [`virNodeGetCPUMap`](https://libvirt.org/html/libvirt-libvirt-host.html#virNodeGetCPUMap).
    #[doc(alias = "virNodeGetCPUMap")]
    pub async fn node_get_cpu_map(&self, flags: u32) -> Result<NodeCpuMap> {
        let r = self.client().node_get_cpu_map(1, 1, flags).await?;
        Ok(NodeCpuMap {
            cpus: non_negative(r.ret),
            cpumap: r.cpumap,
            online: r.online,
        })
    }
}
