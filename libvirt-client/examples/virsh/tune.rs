//! Tuning and CPU placement: `schedinfo`, `blkdeviotune` and
//! `vcpuinfo`, after `tools/virsh-domain.c`.

use crate::args::{self, Args, Kind, Opt};
use crate::commands::domain_arg;
use crate::format::pad;
use crate::stats::in_order;
use crate::{Ctx, Failure};
use libvirt_client::api::blocking::{Connect, Domain};
use libvirt_client::api::{
    consts, DomainModificationImpact, DomainState, DomainXMLFlags, SchedulerParams, TypedParams,
    TypedParamsStruct, TypedValue, VcpuState,
};
use libvirt_client::prelude::*;

/// Options of `schedinfo`, in virsh's order.
pub(crate) const SCHEDINFO_OPTS: &[Opt] = &[
    args::data("domain"),
    args::opt("weight", Kind::NamedInt),
    args::opt("cap", Kind::NamedInt),
    args::flag("current"),
    args::flag("config"),
    args::flag("live"),
    args::opt("set", Kind::Argv),
];

/// The order in which drivers send scheduler parameters (QEMU and LXC,
/// then the test driver and Xen).
const SCHEDULER_ORDER: [&str; 11] = [
    consts::VIR_DOMAIN_SCHEDULER_CPU_SHARES,
    consts::VIR_DOMAIN_SCHEDULER_VCPU_PERIOD,
    consts::VIR_DOMAIN_SCHEDULER_VCPU_QUOTA,
    consts::VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD,
    consts::VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA,
    consts::VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD,
    consts::VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA,
    consts::VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD,
    consts::VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA,
    consts::VIR_DOMAIN_SCHEDULER_WEIGHT,
    consts::VIR_DOMAIN_SCHEDULER_CAP,
];

/// The `--live`, `--config` and `--current` options as flags.
fn impact(args: &Args) -> Result<DomainModificationImpact, Failure> {
    args.exclusive("current", "live")?;
    args.exclusive("current", "config")?;
    let mut flags = DomainModificationImpact::CURRENT;
    if args.flag("config") {
        flags |= DomainModificationImpact::CONFIG;
    }
    if args.flag("live") {
        flags |= DomainModificationImpact::LIVE;
    }
    Ok(flags)
}

/// `strtol`-style integer text: optional leading whitespace and sign,
/// decimal digits, nothing after. Returns the sign and the magnitude.
fn c_integer(text: &str) -> Option<(bool, u64)> {
    let t = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(|n| (negative, n))
}

/// `virTypedParameterAssignFromStr`: `text` as a value of the type of
/// `like`, or the error libvirt reports.
fn typed_from_str(name: &str, like: &TypedValue, text: &str) -> Result<TypedValue, Failure> {
    let int = c_integer(text);
    let signed = int.and_then(|(neg, n)| {
        let n = i64::try_from(n).ok()?;
        Some(if neg { -n } else { n })
    });
    let (value, expected) = match like {
        TypedValue::Int(_) => (
            signed
                .and_then(|v| i32::try_from(v).ok())
                .map(TypedValue::Int),
            "int",
        ),
        // strtoul: "-N" wraps, as long as N itself fits.
        TypedValue::UInt(_) => (
            int.and_then(|(neg, n)| {
                let n = u32::try_from(n).ok()?;
                Some(TypedValue::UInt(if neg { n.wrapping_neg() } else { n }))
            }),
            "unsigned int",
        ),
        TypedValue::LLong(_) => (signed.map(TypedValue::LLong), "long long"),
        TypedValue::ULLong(_) => (
            int.map(|(neg, n)| TypedValue::ULLong(if neg { n.wrapping_neg() } else { n })),
            "unsigned long long",
        ),
        TypedValue::Double(_) => (text.trim().parse().ok().map(TypedValue::Double), "double"),
        TypedValue::Boolean(_) => {
            let value = match text {
                t if t.eq_ignore_ascii_case("true") || t == "1" => Some(true),
                t if t.eq_ignore_ascii_case("false") || t == "0" => Some(false),
                _ => None,
            };
            return value.map(TypedValue::Boolean).ok_or_else(|| {
                Failure::msg(format!(
                    "invalid argument: Invalid boolean value for field '{name}'"
                ))
            });
        }
        TypedValue::String(_) => (Some(TypedValue::String(text.into())), ""),
    };
    value.ok_or_else(|| {
        Failure::msg(format!(
            "invalid argument: Invalid value for field '{name}': expected {expected}"
        ))
    })
}

/// `cmdSchedInfoUpdate`: the parameters `--set`, `--cap` and `--weight`
/// change, each converted to the type of the current value.
fn scheduler_updates(args: &Args, current: &TypedParams) -> Result<TypedParams, Failure> {
    let mut words = Vec::new();
    for word in args.argv("set") {
        let (name, value) = word
            .split_once('=')
            .ok_or_else(|| Failure::msg("Invalid syntax for --set, expecting name=value"))?;
        words.push((name, value));
    }
    for name in ["cap", "weight"] {
        if let Some(value) = args.string(name)? {
            words.push((name, value));
        }
    }
    let mut updates = TypedParams::new();
    for (name, text) in words {
        let like = current
            .get_value(name)
            .ok_or_else(|| Failure::msg(format!("invalid scheduler option: {name}")))?;
        updates.add(name, typed_from_str(name, like, text)?);
    }
    Ok(updates)
}

/// `cmdSchedinfo`: the scheduler and its parameters, after changing
/// those `--set`, `--weight` and `--cap` name.
pub(crate) fn schedinfo(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let flags = impact(args)?;
    let (live, config) = (args.flag("live"), args.flag("config"));
    // Live and config cannot be queried at once: current instead.
    let query_flags = if live && config {
        DomainModificationImpact::CURRENT
    } else {
        flags
    };
    let with_flags = !flags.is_empty() || args.flag("current");
    let c = ctx.conn()?.clone();
    let dom = domain_arg(&c, args)?;
    let scheduler = match dom.get_scheduler_type() {
        Ok(scheduler) => scheduler,
        Err(e) => {
            ctx.print(&format!("{}: Unknown\n", pad("Scheduler", 15)));
            return Err(e.into());
        }
    };
    ctx.print(&format!("{}: {}\n", pad("Scheduler", 15), scheduler.r#type));
    if scheduler.nparams == 0 {
        // virsh fails here without saying why.
        return Err(Failure::silent());
    }
    let query = |dom: &Domain| {
        if with_flags {
            dom.get_scheduler_parameters_flags(query_flags)
        } else {
            dom.get_scheduler_parameters()
        }
    };
    let mut params = query(&dom)?.to_params();
    let updates = scheduler_updates(args, &params)?;
    if !updates.is_empty() {
        let updates =
            SchedulerParams::from_params(updates).map_err(|e| Failure::msg(e.to_string()))?;
        if with_flags {
            dom.set_scheduler_parameters_flags(&updates, flags)?;
        } else {
            dom.set_scheduler_parameters(&updates)?;
        }
        params = query(&dom)?.to_params();
    } else if live && config {
        return Err(Failure::msg("cannot query both live and config at once"));
    }
    let mut out = String::new();
    for (name, value) in in_order(params, &SCHEDULER_ORDER) {
        out += &format!("{}: {value}\n", pad(&name, 15));
    }
    ctx.print(&out);
    Ok(())
}

/// Options of `blkdeviotune` (queries only: no option to change a
/// value).
pub(crate) const BLKDEVIOTUNE_OPTS: &[Opt] = &[
    args::data("domain"),
    args::data("device"),
    args::flag("config"),
    args::flag("live"),
    args::flag("current"),
];

/// The order in which drivers send block I/O tuning parameters.
const IOTUNE_ORDER: [&str; 20] = [
    consts::VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_SIZE_IOPS_SEC,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC_MAX_LENGTH,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_READ_BYTES_SEC_MAX_LENGTH,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_WRITE_BYTES_SEC_MAX_LENGTH,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_IOPS_SEC_MAX_LENGTH,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_READ_IOPS_SEC_MAX_LENGTH,
    consts::VIR_DOMAIN_BLOCK_IOTUNE_WRITE_IOPS_SEC_MAX_LENGTH,
];

/// `cmdBlkdeviotune` without values to set: a disk's I/O limits.
pub(crate) fn blkdeviotune(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let flags = impact(args)?;
    let c = ctx.conn()?.clone();
    let dom = domain_arg(&c, args)?;
    let disk = args.data("device")?;
    // virsh asks for the number of parameters first (for no disk) and
    // names the step that failed; the typed call does both steps, so the
    // count is asked for here on the raw protocol.
    let count = c
        .runner()
        .client()
        .domain_get_block_io_tune(
            dom.inner().raw(),
            None,
            0,
            flags.bits() | consts::VIR_TYPED_PARAM_STRING_OKAY,
        )
        .map_err(Failure::context(
            "Unable to get number of block I/O throttle parameters",
        ))?
        .nparams;
    if count == 0 {
        return Ok(());
    }
    let tune = dom
        .get_block_io_tune(Some(disk), flags)
        .map_err(Failure::context(
            "Unable to get block I/O throttle parameters",
        ))?;
    let mut out = String::new();
    for (name, value) in in_order(tune.to_params(), &IOTUNE_ORDER) {
        out += &format!("{}: {value}\n", pad(&name, 15));
    }
    ctx.print(&out);
    Ok(())
}

/// `virshNodeGetCPUCount`: the number of host CPUs, from the CPU map or
/// else from the node's topology.
fn host_cpus(c: &Connect) -> Result<usize, Failure> {
    match c.node_get_cpu_map(0) {
        Ok(map) => Ok(map.cpus as usize),
        Err(_) => {
            let info = c.node_get_info()?;
            let cpus = info.nodes * info.sockets * info.cores * info.threads;
            Ok(usize::try_from(cpus).unwrap_or(0))
        }
    }
}

/// `virshVcpuinfoPrintAffinity`: the `CPU Affinity:` line of one vCPU's
/// map of `max` host CPUs.
fn affinity_line(map: &[u8], max: usize, pretty: bool) -> String {
    let used = |cpu: usize| map.get(cpu / 8).is_some_and(|b| b & (1 << (cpu % 8)) != 0);
    let value = if pretty {
        format!(
            "{} (out of {max})",
            cpu_ranges((0..max).filter(|&i| used(i)))
        )
    } else {
        (0..max).map(|i| if used(i) { 'y' } else { '-' }).collect()
    };
    format!("{} {value}\n", pad("CPU Affinity:", 15))
}

/// `virBitmapFormat`: ascending numbers as `0-3,5,7-8`.
fn cpu_ranges(cpus: impl Iterator<Item = usize>) -> String {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for cpu in cpus {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == cpu => *end = cpu,
            _ => runs.push((cpu, cpu)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    parts.join(",")
}

/// virsh's word for a vCPU's state.
fn vcpu_state(state: VcpuState) -> &'static str {
    match state {
        VcpuState::Offline => "offline",
        VcpuState::Running => "running",
        VcpuState::Blocked => "blocked",
        _ => "no state",
    }
}

/// `cmdVcpuinfo`: where each vCPU runs and may run.
pub(crate) fn vcpuinfo(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let pretty = args.flag("pretty");
    let c = ctx.conn()?.clone();
    let dom = domain_arg(&c, args)?;
    let max = host_cpus(&c)?;
    let info = dom.get_info()?;
    let maplen = max.div_ceil(8);
    let n = i32::try_from(info.nr_virt_cpu).unwrap_or(i32::MAX);
    let vcpus = match dom.get_vcpus(n, i32::try_from(maplen).unwrap_or(i32::MAX)) {
        Ok(vcpus) => vcpus,
        Err(_) if info.state == DomainState::Shutoff => {
            return inactive_vcpuinfo(ctx, &dom, max, pretty);
        }
        Err(e) => return Err(e.into()),
    };
    let mut blocks = Vec::new();
    for (i, vcpu) in vcpus.info.iter().enumerate() {
        let mut out = format!("{} {}\n", pad("VCPU:", 15), vcpu.number);
        out += &format!("{} {}\n", pad("CPU:", 15), vcpu.cpu);
        out += &format!("{} {}\n", pad("State:", 15), vcpu_state(vcpu.state));
        if vcpu.cpu_time != 0 {
            let seconds = vcpu.cpu_time as f64 / 1_000_000_000.0;
            out += &format!("{} {seconds:.1}s\n", pad("CPU time:", 15));
        }
        let map = vcpus.cpumaps.get(i * maplen..).unwrap_or_default();
        out += &affinity_line(map, max, pretty);
        blocks.push(out);
    }
    ctx.print(&blocks.join("\n"));
    Ok(())
}

/// The attributes of the first `<name ...>` start tag in `xml` (the
/// text between the name and `>`), and where the tag ends.
fn start_tag<'a>(xml: &'a str, name: &str) -> Option<(&'a str, usize)> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = xml[from..].find(&open) {
        let rest = &xml[from + at + open.len()..];
        if rest.starts_with([' ', '>', '/', '\n', '\t']) {
            let end = rest.find('>')?;
            let tag_end = from + at + open.len() + end + 1;
            return Some((&rest[..end], tag_end));
        }
        from += at + open.len();
    }
    None
}

/// The value of attribute `name` in a start tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    attrs.split_whitespace().find_map(|part| {
        let value = part.strip_prefix(name)?.strip_prefix('=')?;
        let value = value.trim_end_matches('/');
        value
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
    })
}

/// `virshDomainGetVcpuBitmap` on the inactive XML: the vCPUs that will
/// be online (`<vcpus>` states, else the first `current`), and the
/// maximum count.
fn config_vcpus(xml: &str) -> Result<(Vec<usize>, usize), Failure> {
    let max_error = || Failure::msg("Failed to retrieve maximum vcpu count");
    let (attrs, text_start) = start_tag(xml, "vcpu").ok_or_else(max_error)?;
    let text_end = xml[text_start..].find('<').ok_or_else(max_error)? + text_start;
    let max: usize = xml[text_start..text_end]
        .trim()
        .parse()
        .map_err(|_| max_error())?;
    let current = attribute(attrs, "current")
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n != 0)
        .unwrap_or(max);
    let Some((_, list_start)) = start_tag(xml, "vcpus") else {
        return Ok(((0..current).collect(), max));
    };
    let list_end = xml[list_start..]
        .find("</vcpus>")
        .map_or(xml.len(), |end| end + list_start);
    let (mut online, mut nodes) = (Vec::new(), 0);
    let mut rest = &xml[list_start..list_end];
    while let Some((attrs, end)) = start_tag(rest, "vcpu") {
        nodes += 1;
        let id = attribute(attrs, "id").and_then(|v| v.parse::<usize>().ok());
        if let (Some(id), Some("yes")) = (id, attribute(attrs, "enabled")) {
            if id < max && !online.contains(&id) {
                online.push(id);
            }
        }
        rest = &rest[end..];
    }
    if nodes == 0 {
        return Ok(((0..current).collect(), max));
    }
    online.sort_unstable();
    if online.len() != current {
        return Err(Failure::msg("Failed to retrieve vcpu state bitmap"));
    }
    Ok((online, max))
}

/// `virshVcpuinfoInactive`: for a shut-off domain, the vCPUs of its
/// configuration and their pinning.
fn inactive_vcpuinfo(ctx: &mut Ctx, dom: &Domain, max: usize, pretty: bool) -> Result<(), Failure> {
    let xml = dom
        .get_xml_desc(DomainXMLFlags::INACTIVE)
        .map_err(Failure::context("Failed to get domain description xml"))?;
    let (online, max_vcpus) = config_vcpus(&xml)?;
    let maplen = max.div_ceil(8);
    let pins = dom.get_vcpu_pin_info(
        i32::try_from(max_vcpus).unwrap_or(i32::MAX),
        i32::try_from(maplen).unwrap_or(i32::MAX),
        DomainModificationImpact::CONFIG,
    )?;
    let mut blocks = Vec::new();
    for vcpu in online {
        let mut out = format!("{} {vcpu}\n", pad("VCPU:", 15));
        out += &format!("{} N/A\n", pad("CPU:", 15));
        out += &format!("{} N/A\n", pad("State:", 15));
        out += &format!("{} N/A\n", pad("CPU time", 15));
        let map = pins.cpumaps.get(vcpu * maplen..).unwrap_or_default();
        out += &affinity_line(map, max, pretty);
        blocks.push(out);
    }
    ctx.print(&blocks.join("\n"));
    Ok(())
}
