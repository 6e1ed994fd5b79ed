//! Statistics: `domstats`, `dommemstat`, `domblkstat`, `domifstat`,
//! `nodememstats` and `nodecpustats`, after
//! `tools/virsh-domain-monitor.c` and `virsh-host.c`.

use crate::args::{self, Args, Kind, Opt};
use crate::commands::{domain_arg, is_code, lookup_domain};
use crate::format::pad;
use crate::{Ctx, Failure};
use libvirt_client::api::blocking::{Domain, DomainStatsRecord};
use libvirt_client::api::{
    consts, ConnectGetAllDomainStatsFlags, DomainMemoryModFlags, DomainMemoryStatTags,
    DomainStatsTypes, TypedParams, TypedParamsStruct, TypedValue,
};
use libvirt_client::prelude::*;
use libvirt_client::ErrorNumber;

/// `domstats`' options that select statistics groups.
const STAT_GROUPS: [(&str, DomainStatsTypes); 11] = [
    ("state", DomainStatsTypes::STATE),
    ("cpu-total", DomainStatsTypes::CPU_TOTAL),
    ("balloon", DomainStatsTypes::BALLOON),
    ("vcpu", DomainStatsTypes::VCPU),
    ("interface", DomainStatsTypes::INTERFACE),
    ("block", DomainStatsTypes::BLOCK),
    ("perf", DomainStatsTypes::PERF),
    ("iothread", DomainStatsTypes::IOTHREAD),
    ("memory", DomainStatsTypes::MEMORY),
    ("dirtyrate", DomainStatsTypes::DIRTYRATE),
    ("vm", DomainStatsTypes::VM),
];

/// `domstats`' options that filter domains or change what is gathered.
const STAT_FLAGS: [(&str, ConnectGetAllDomainStatsFlags); 11] = [
    ("list-active", ConnectGetAllDomainStatsFlags::ACTIVE),
    ("list-inactive", ConnectGetAllDomainStatsFlags::INACTIVE),
    ("list-persistent", ConnectGetAllDomainStatsFlags::PERSISTENT),
    ("list-transient", ConnectGetAllDomainStatsFlags::TRANSIENT),
    ("list-running", ConnectGetAllDomainStatsFlags::RUNNING),
    ("list-paused", ConnectGetAllDomainStatsFlags::PAUSED),
    ("list-shutoff", ConnectGetAllDomainStatsFlags::SHUTOFF),
    ("list-other", ConnectGetAllDomainStatsFlags::OTHER),
    ("nowait", ConnectGetAllDomainStatsFlags::NOWAIT),
    ("backing", ConnectGetAllDomainStatsFlags::BACKING),
    ("enforce", ConnectGetAllDomainStatsFlags::ENFORCE_STATS),
];

/// Options of `domstats`, in virsh's order.
pub(crate) const DOMSTATS_OPTS: &[Opt] = &[
    args::flag("state"),
    args::flag("cpu-total"),
    args::flag("balloon"),
    args::flag("vcpu"),
    args::flag("interface"),
    args::flag("block"),
    args::flag("perf"),
    args::flag("iothread"),
    args::flag("memory"),
    args::flag("dirtyrate"),
    args::flag("vm"),
    args::flag("list-active"),
    args::flag("list-inactive"),
    args::flag("list-persistent"),
    args::flag("list-transient"),
    args::flag("list-running"),
    args::flag("list-paused"),
    args::flag("list-shutoff"),
    args::flag("list-other"),
    // Accepted and ignored, as by virsh, whose pretty printer is not
    // written.
    args::flag("raw"),
    args::flag("enforce"),
    args::flag("backing"),
    args::flag("nowait"),
    args::opt("domain", Kind::Argv),
];

/// `cmdDomstats`: the statistics of the domains named (in that order),
/// else of every domain the filters select.
pub(crate) fn domstats(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let stats = STAT_GROUPS
        .iter()
        .filter(|(name, _)| args.flag(name))
        .fold(DomainStatsTypes::empty(), |all, (_, bit)| all | *bit);
    let flags = STAT_FLAGS
        .iter()
        .filter(|(name, _)| args.flag(name))
        .fold(ConnectGetAllDomainStatsFlags::empty(), |all, (_, bit)| {
            all | *bit
        });
    let c = ctx.conn()?.clone();
    let records = if args.argv("domain").is_empty() {
        c.get_all_domain_stats(stats, flags)?
    } else {
        let doms = args
            .argv("domain")
            .iter()
            .map(|text| lookup_domain(&c, text, true))
            .collect::<Result<Vec<_>, _>>()?;
        Domain::list_get_stats(&doms, stats, flags)?
    };
    let text: Vec<String> = records.iter().map(record_text).collect();
    ctx.print(&text.join("\n"));
    Ok(())
}

/// One record of `domstats`: the domain's name, then each statistic.
fn record_text(record: &DomainStatsRecord) -> String {
    let mut out = format!("Domain: '{}'\n", record.domain.name());
    for (name, value) in &record.params {
        out += &format!("  {name}={value}\n");
    }
    out
}

/// Options of `dommemstat`.
pub(crate) const DOMMEMSTAT_OPTS: &[Opt] = &[
    args::data("domain"),
    args::opt("period", Kind::NamedInt),
    args::flag("config"),
    args::flag("live"),
    args::flag("current"),
];

/// The name `dommemstat` prints for a memory statistic; `None` for
/// those it does not know.
fn memory_stat_name(tag: DomainMemoryStatTags) -> Option<&'static str> {
    Some(match tag {
        DomainMemoryStatTags::SwapIn => "swap_in",
        DomainMemoryStatTags::SwapOut => "swap_out",
        DomainMemoryStatTags::MajorFault => "major_fault",
        DomainMemoryStatTags::MinorFault => "minor_fault",
        DomainMemoryStatTags::Unused => "unused",
        DomainMemoryStatTags::Available => "available",
        DomainMemoryStatTags::Usable => "usable",
        DomainMemoryStatTags::ActualBalloon => "actual",
        DomainMemoryStatTags::Rss => "rss",
        DomainMemoryStatTags::LastUpdate => "last_update",
        DomainMemoryStatTags::DiskCaches => "disk_caches",
        DomainMemoryStatTags::HugetlbPgalloc => "hugetlb_pgalloc",
        DomainMemoryStatTags::HugetlbPgfail => "hugetlb_pgfail",
        _ => return None,
    })
}

/// `cmdDomMemStat`: the balloon's statistics, or with `--period` a new
/// collection period.
pub(crate) fn dommemstat(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    args.exclusive("current", "live")?;
    args.exclusive("current", "config")?;
    let mut flags = DomainMemoryModFlags::CURRENT;
    if args.flag("config") {
        flags |= DomainMemoryModFlags::CONFIG;
    }
    if args.flag("live") {
        flags |= DomainMemoryModFlags::LIVE;
    }
    let c = ctx.conn()?.clone();
    let name = args.data("domain")?;
    let dom = domain_arg(&c, args)?;
    let chosen = ["current", "live", "config"].iter().any(|f| args.flag(f));
    if !chosen && dom.is_active().unwrap_or(false) {
        flags |= DomainMemoryModFlags::LIVE;
    }
    if let Some(period) = args.int("period")? {
        if period < 0 {
            return Err(Failure::msg(format!(
                "Invalid collection period value '{period}'"
            )));
        }
        return dom
            .set_memory_stats_period(period, flags)
            .map_err(Failure::context(
                "Unable to change balloon collection period.",
            ));
    }
    let max = consts::VIR_DOMAIN_MEMORY_STAT_NR.unsigned_abs();
    let stats = dom.memory_stats(max, 0).map_err(Failure::context(format!(
        "Failed to get memory statistics for domain {name}"
    )))?;
    let mut out = String::new();
    for stat in stats {
        if let Some(label) = memory_stat_name(stat.tag) {
            out += &format!("{label} {}\n", stat.val);
        }
    }
    ctx.print(&out);
    Ok(())
}

/// `domblkstat`'s labels, in its order: the name of the old API, which
/// virsh prints by default, and the `--human` label.
const BLOCK_STAT_LABELS: [(&str, &str); 9] = [
    ("rd_req", "number of read operations:"),
    ("rd_bytes", "number of bytes read:"),
    ("wr_req", "number of write operations:"),
    ("wr_bytes", "number of bytes written:"),
    ("errs", "error count:"),
    ("flush_operations", "number of flush operations:"),
    ("rd_total_times", "total duration of reads (ns):"),
    ("wr_total_times", "total duration of writes (ns):"),
    ("flush_total_times", "total duration of flushes (ns):"),
];

/// `cmdDomblkstat`: a disk's I/O statistics, from
/// `virDomainBlockStatsFlags`, or from the older `virDomainBlockStats`
/// where the driver does not support it.
pub(crate) fn domblkstat(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let name = args.data("domain")?;
    let dom = domain_arg(&c, args)?;
    let device = args.string("device")?.unwrap_or_default();
    let human = args.flag("human");
    let label = |i: usize| {
        let (legacy, label) = BLOCK_STAT_LABELS[i];
        if human {
            pad(label, 31)
        } else {
            legacy.to_string()
        }
    };
    let mut rows = Vec::new();
    match dom.block_stats_flags(device, 0) {
        Ok(stats) => {
            let values = [
                stats.read_req,
                stats.read_bytes,
                stats.write_req,
                stats.write_bytes,
                stats.errs,
                stats.flush_req,
                stats.read_total_times,
                stats.write_total_times,
                stats.flush_total_times,
            ];
            for (i, value) in values.iter().enumerate() {
                if let Some(value) = value {
                    rows.push((label(i), value.to_string()));
                }
            }
            for (field, value) in &stats.extra {
                rows.push((field.to_string(), value.to_string()));
            }
        }
        Err(e) if is_code(&e, ErrorNumber::NoSupport) => {
            let stats = dom.block_stats(device).map_err(Failure::context(format!(
                "Failed to get block stats {name} {device}"
            )))?;
            let values = [
                stats.rd_req,
                stats.rd_bytes,
                stats.wr_req,
                stats.wr_bytes,
                stats.errs,
            ];
            for (i, value) in values.iter().enumerate() {
                if *value >= 0 {
                    rows.push((label(i), value.to_string()));
                }
            }
        }
        // The typed call asks for the number of statistics, then for
        // them: a failure is the first step's (the daemon checks the
        // domain and the disk there), which virsh reports with libvirt's
        // message alone.
        Err(e) => return Err(e.into()),
    }
    // With --human the device is named once, above the lines.
    let (mut out, prefix) = if human {
        (format!("Device: {device}\n"), "")
    } else {
        (String::new(), device)
    };
    for (label, value) in rows {
        out += &format!("{prefix} {label} {value}\n");
    }
    ctx.print(&out);
    Ok(())
}

/// `cmdDomIfstat`: an interface's traffic counters.
pub(crate) fn domifstat(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let name = args.data("domain")?;
    let dom = domain_arg(&c, args)?;
    let device = args.data("interface")?;
    let stats = dom
        .interface_stats(device)
        .map_err(Failure::context(format!(
            "Failed to get interface stats {name} {device}"
        )))?;
    let values = [
        ("rx_bytes", stats.rx_bytes),
        ("rx_packets", stats.rx_packets),
        ("rx_errs", stats.rx_errs),
        ("rx_drop", stats.rx_drop),
        ("tx_bytes", stats.tx_bytes),
        ("tx_packets", stats.tx_packets),
        ("tx_errs", stats.tx_errs),
        ("tx_drop", stats.tx_drop),
    ];
    let mut out = String::new();
    for (label, value) in values {
        if value >= 0 {
            out += &format!("{device} {label} {value}\n");
        }
    }
    ctx.print(&out);
    Ok(())
}

/// The entries of `params` in the order `order` names them, then the
/// others in their own order. The typed-parameter structs keep values
/// by name; this puts them back in the order drivers send them, which
/// virsh prints.
pub(crate) fn in_order(mut params: TypedParams, order: &[&str]) -> Vec<(String, TypedValue)> {
    let mut out = Vec::new();
    for name in order {
        if let Some(value) = params.remove(name) {
            out.push((name.to_string(), value));
        }
    }
    out.extend(params);
    out
}

/// `cmdNodeMemStats`: the host's memory, or one NUMA cell's.
pub(crate) fn nodememstats(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let cell = args
        .int("cell")?
        .unwrap_or(consts::VIR_NODE_MEMORY_STATS_ALL_CELLS);
    let c = ctx.conn()?.clone();
    // virsh asks for the number of statistics first and names the step
    // that failed; the typed call does both steps, so the count is asked
    // for here on the raw protocol.
    let count = c
        .runner()
        .client()
        .node_get_memory_stats(0, cell, 0)
        .map_err(Failure::context("Unable to get number of memory stats"))?
        .nparams;
    if count == 0 {
        return Ok(());
    }
    let stats = c
        .node_get_memory_stats(cell, 0)
        .map_err(Failure::context("Unable to get memory stats"))?;
    let order = [
        consts::VIR_NODE_MEMORY_STATS_TOTAL,
        consts::VIR_NODE_MEMORY_STATS_FREE,
        consts::VIR_NODE_MEMORY_STATS_BUFFERS,
        consts::VIR_NODE_MEMORY_STATS_CACHED,
    ];
    let mut out = String::new();
    for (field, value) in in_order(stats.to_params(), &order) {
        out += &format!("{}: {value:>20} KiB\n", pad(&field, 7));
    }
    ctx.print(&out);
    Ok(())
}

/// `printf("%5.1lf")` as glibc prints it, NaN included.
fn percent(value: f64) -> String {
    if value.is_nan() {
        // 0/0 is the x86-64 default NaN, whose sign bit is set.
        " -nan".into()
    } else {
        format!("{value:>5.1}")
    }
}

/// `cmdNodeCpuStats`: the host's CPU times, or with `--percent` their
/// shares over one second.
pub(crate) fn nodecpustats(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let cpu = args
        .int("cpu")?
        .unwrap_or(consts::VIR_NODE_CPU_STATS_ALL_CPUS);
    let by_percent = args.flag("percent");
    let c = ctx.conn()?.clone();
    // As for nodememstats: the count on its own, for virsh's message.
    let count = c
        .runner()
        .client()
        .node_get_cpu_stats(cpu, 0, 0)
        .map_err(Failure::context("Unable to get number of cpu stats"))?
        .nparams;
    if count == 0 {
        return Ok(());
    }
    let read = || {
        let s = c
            .node_get_cpu_stats(cpu, 0)
            .map_err(Failure::context("Unable to get node cpu stats"))?;
        Ok::<_, Failure>([s.user, s.kernel, s.idle, s.iowait, s.intr, s.utilization])
    };
    let mut values = read()?;
    let usage = values[5];
    if usage.is_none() && by_percent {
        std::thread::sleep(std::time::Duration::from_secs(1));
        let now = read()?;
        for (before, now) in values.iter_mut().zip(now) {
            if let (Some(before), Some(now)) = (before.as_mut(), now) {
                *before = now.wrapping_sub(*before);
            }
        }
    }
    let labels = ["user:", "system:", "idle:", "iowait:", "intr:"];
    let mut out = String::new();
    if !by_percent {
        for (label, value) in labels.iter().zip(values) {
            if let Some(value) = value {
                out += &format!("{} {value:>20}\n", pad(label, 15));
            }
        }
    } else if let Some(usage) = usage {
        out += &format!("{} {usage:>5}%\n", pad("usage:", 15));
        let idle = 100u64.wrapping_sub(usage);
        out += &format!("{} {idle:>5}%\n", pad("idle:", 15));
    } else {
        let total: f64 = values[..5].iter().flatten().map(|&v| v as f64).sum();
        let busy = values[0].unwrap_or(0).wrapping_add(values[1].unwrap_or(0)) as f64;
        out += &format!("{} {}%\n", pad("usage:", 15), percent(busy / total * 100.0));
        for (label, value) in labels.iter().zip(values) {
            if let Some(value) = value {
                let share = value as f64 / total * 100.0;
                out += &format!("{} {}%\n", pad(label, 15), percent(share));
            }
        }
    }
    ctx.print(&out);
    Ok(())
}
