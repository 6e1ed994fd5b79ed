//! Host statistics that the C library gathers with more than one RPC (the
//! count, then the values) or whose reply it interprets.

use crate::api::{Connect, NodeCpuStats, NodeMemoryStats, Result, TypedParams, TypedParamsStruct};
use crate::proto::remote::RemoteCalls;

/// `VIR_NODE_CPU_STATS_ALL_CPUS` and `VIR_NODE_MEMORY_STATS_ALL_CELLS`.
pub const ALL: i32 = -1;

impl Connect {
    /// CPU time statistics of one host CPU, or with `cpu_num` = -1
    /// ([`node::ALL`](ALL)) of all of them together. Asks for the number of
    /// values first, as the C library does.
    ///
    /// C function [`virNodeGetCPUStats`](https://libvirt.org/html/libvirt-libvirt-host.html#virNodeGetCPUStats).
    #[doc(alias = "virNodeGetCPUStats")]
    pub async fn node_get_cpu_stats(&self, cpu_num: i32, flags: u32) -> Result<NodeCpuStats> {
        let client = self.client();
        let n = client.node_get_cpu_stats(cpu_num, 0, flags).await?.nparams;
        let mut params = TypedParams::new();
        if n > 0 {
            for s in client.node_get_cpu_stats(cpu_num, n, flags).await?.params {
                params.add(s.field, s.value);
            }
        }
        Ok(NodeCpuStats::from_params(params)?)
    }

    /// Memory statistics of one NUMA cell, or with `cell_num` = -1
    /// ([`node::ALL`](ALL)) of the whole host, in KiB. Asks for the number
    /// of values first, as the C library does.
    ///
    /// C function [`virNodeGetMemoryStats`](https://libvirt.org/html/libvirt-libvirt-host.html#virNodeGetMemoryStats).
    #[doc(alias = "virNodeGetMemoryStats")]
    pub async fn node_get_memory_stats(
        &self,
        cell_num: i32,
        flags: u32,
    ) -> Result<NodeMemoryStats> {
        let client = self.client();
        let n = client
            .node_get_memory_stats(0, cell_num, flags)
            .await?
            .nparams;
        let mut params = TypedParams::new();
        if n > 0 {
            for s in client
                .node_get_memory_stats(n, cell_num, flags)
                .await?
                .params
            {
                params.add(s.field, s.value);
            }
        }
        Ok(NodeMemoryStats::from_params(params)?)
    }

    /// The free memory of the host, in bytes.
    ///
    /// C's `virNodeGetFreeMemory` returns 0 both on error and when the
    /// daemon's driver reports 0 bytes free; the daemon then answers with
    /// an error that has no cause ("An error occurred, but the cause is
    /// unknown"). That answer is 0 here too; any other error is an error.
    #[doc(alias = "virNodeGetFreeMemory")]
    pub async fn node_get_free_memory(&self) -> Result<u64> {
        match self.client().node_get_free_memory().await {
            Ok(v) => Ok(v),
            Err(e) if is_error_without_cause(&e) => Ok(0),
            Err(e) => Err(e),
        }
    }
}

/// The daemon's answer to a driver call that failed without saying why:
/// an internal error from no particular domain, with libvirt's generic
/// message ("An error occurred, but the cause is unknown", or from older
/// daemons "Library function returned error but did not set virError").
fn is_error_without_cause(e: &crate::Error) -> bool {
    e.remote().is_some_and(|r| {
        r.code == crate::api::ErrorNumber::InternalError
            && r.domain == crate::api::ErrorDomain::None
            && r.message.as_deref().is_some_and(|m| {
                m.contains("the cause is unknown") || m.contains("did not set virError")
            })
    })
}
