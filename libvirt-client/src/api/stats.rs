//! Bulk statistics of many domains in one call: C's
//! `virConnectGetAllDomainStats` and `virDomainListGetStats`.

use crate::api::{
    Connect, ConnectGetAllDomainStatsFlags, Domain, DomainStatsTypes, Result, TypedParams,
};
use crate::proto::remote::{NonnullDomain, RemoteCalls};

/// The statistics of one domain (C's `virDomainStatsRecord`): typed
/// parameters named `state.state`, `cpu.time`, `balloon.current`,
/// `vcpu.0.state`, `block.1.rd.bytes`, ... as described for
/// `virConnectGetAllDomainStats`.
#[doc(alias = "virDomainStatsRecord")]
#[derive(Debug, Clone)]
pub struct DomainStatsRecord {
    /// The domain.
    pub domain: Domain,
    /// Its statistics, in the order the daemon sent them.
    pub params: TypedParams,
}

async fn stats(
    conn: &Connect,
    doms: &[NonnullDomain],
    stats: DomainStatsTypes,
    flags: ConnectGetAllDomainStatsFlags,
) -> Result<Vec<DomainStatsRecord>> {
    let records = conn
        .client()
        .connect_get_all_domain_stats(doms, stats.bits(), flags.bits())
        .await?;
    records
        .into_iter()
        .map(|r| {
            Ok(DomainStatsRecord {
                domain: Domain::from_raw(conn, r.dom),
                params: TypedParams::from_wire(r.params)?,
            })
        })
        .collect()
}

impl Connect {
    /// Statistics of every domain that `flags` selects (all when empty):
    /// the groups `stats` names (all the driver supports when empty).
    ///
    /// C function [`virConnectGetAllDomainStats`](https://libvirt.org/html/libvirt-libvirt-domain.html#virConnectGetAllDomainStats).
    #[doc(alias = "virConnectGetAllDomainStats")]
    pub async fn get_all_domain_stats(
        &self,
        stats_types: DomainStatsTypes,
        flags: ConnectGetAllDomainStatsFlags,
    ) -> Result<Vec<DomainStatsRecord>> {
        stats(self, &[], stats_types, flags).await
    }
}

impl Domain {
    /// Statistics of the given domains, which must share one connection
    /// and be at least one.
    ///
    /// C function [`virDomainListGetStats`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainListGetStats).
    #[doc(alias = "virDomainListGetStats")]
    pub async fn list_get_stats(
        domains: &[Domain],
        stats_types: DomainStatsTypes,
        flags: ConnectGetAllDomainStatsFlags,
    ) -> Result<Vec<DomainStatsRecord>> {
        let Some(first) = domains.first() else {
            return Err(crate::Error::InvalidArgument(
                "virDomainListGetStats needs at least one domain".into(),
            ));
        };
        let raw: Vec<NonnullDomain> = domains.iter().map(|d| d.raw().clone()).collect();
        stats(first.connect(), &raw, stats_types, flags).await
    }
}
