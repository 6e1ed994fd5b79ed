//! The commands, each following its namesake in libvirt 9.0.0's
//! `tools/virsh-*.c`: the same calls in the same order, the same output.

use crate::args::{self, Args, Opt};
use crate::format::{
    c_string, domain_state, domain_state_reason, pad, parse_id, parse_uuid, strcasecmp,
    uuid_string, version_string,
};
use crate::table::Table;
use crate::{report, strerror, Ctx, Failure};
use libvirt_client::prelude::*;
use libvirt_client::proto::remote::{NonnullDomain, NonnullStoragePool};
use libvirt_client::{BlockingClient, Error, ErrorNumber};
use std::cmp::Ordering;
use std::io::Read;

/// `VIR_CONNECT_LIST_DOMAINS_ACTIVE` / `_INACTIVE`.
const LIST_DOMAINS_ACTIVE: u32 = 1;
const LIST_DOMAINS_INACTIVE: u32 = 2;
/// `VIR_CONNECT_LIST_NETWORKS_*` and `VIR_CONNECT_LIST_STORAGE_POOLS_*`
/// share these values.
const LIST_INACTIVE: u32 = 1;
const LIST_ACTIVE: u32 = 2;
/// `VIR_DOMAIN_START_PAUSED`.
const START_PAUSED: u32 = 1;
/// `VIR_DOMAIN_SNAPSHOT_LIST_METADATA`.
const SNAPSHOT_LIST_METADATA: u32 = 2;

/// Options of `list`, `net-list` and `pool-list`.
pub(crate) const LIST_OPTS: &[Opt] = &[
    args::flag("all"),
    args::flag("inactive"),
    args::flag("name"),
    args::flag("uuid"),
];

/// The domain id virsh prints: `-` for inactive domains.
fn id_string(id: i32) -> String {
    if id == -1 {
        "-".into()
    } else {
        id.to_string()
    }
}

fn is_code(e: &Error, code: ErrorNumber) -> bool {
    e.remote_code() == Some(code)
}

/// `virshLookupDomainInternal`: by id (if `by_id` and the text is a
/// non-negative int), by UUID (if 36 bytes long), then by name.
fn lookup_domain(c: &BlockingClient, text: &str, by_id: bool) -> Result<NonnullDomain, Failure> {
    let by_id = || {
        let id = parse_id(text).filter(|&id| by_id && id >= 0)?;
        c.domain_lookup_by_id(id).ok()
    };
    let by_uuid = || {
        let uuid = parse_uuid(text).filter(|_| text.len() == 36)?;
        c.domain_lookup_by_uuid(&uuid).ok()
    };
    by_id()
        .or_else(by_uuid)
        .or_else(|| c.domain_lookup_by_name(text).ok())
        .ok_or_else(|| Failure::msg(format!("failed to get domain '{text}'")))
}

/// `virshCommandOptPool`: by UUID (if 36 bytes long), then by name.
fn lookup_pool(c: &BlockingClient, text: &str) -> Result<NonnullStoragePool, Failure> {
    let by_uuid = parse_uuid(text)
        .filter(|_| text.len() == 36)
        .and_then(|uuid| c.storage_pool_lookup_by_uuid(&uuid).ok());
    match by_uuid {
        Some(pool) => Ok(pool),
        None => c
            .storage_pool_lookup_by_name(text)
            .map_err(Failure::context(format!("failed to get pool '{text}'"))),
    }
}

/// `virshDomainState`: the state and reason, from `virDomainGetInfo`
/// (reason unknown) where `virDomainGetState` is not supported.
fn state_of(c: &BlockingClient, dom: &NonnullDomain) -> Result<(i32, i32), Error> {
    match c.domain_get_state(dom, 0) {
        Ok(s) => Ok((s.state, s.reason)),
        Err(e) if is_code(&e, ErrorNumber::ErrNoSupport) => {
            c.domain_get_info(dom).map(|i| (i32::from(i.state), -1))
        }
        Err(e) => Err(e),
    }
}

/// `virshDomainSorter`: active domains by id, then inactive ones by name.
fn domain_order(a: &NonnullDomain, b: &NonnullDomain) -> Ordering {
    let (ia, ib) = (a.id as u32, b.id as u32);
    match (ia == u32::MAX, ib == u32::MAX) {
        (true, true) => strcasecmp(&a.name, &b.name),
        (false, false) => ia.cmp(&ib),
        (false, true) => Ordering::Less,
        (true, false) => Ordering::Greater,
    }
}

/// `cmdVersion`. This client has no C library: the library and API
/// versions it reports are the daemon's, which is what virsh prints when
/// it runs with the same libvirt as the daemon.
pub(crate) fn version(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let hv_type = c
        .connect_get_type()
        .map_err(Failure::context("failed to get hypervisor type"))?;
    let lib = c
        .connect_get_lib_version()
        .map_err(Failure::context("failed to get the library version"))?;
    let lib = version_string(lib);
    ctx.print(&format!("Compiled against library: libvirt {lib}\n"));
    ctx.print(&format!("Using library: libvirt {lib}\n"));
    ctx.print(&format!("Using API: {hv_type} {lib}\n"));
    let hv = c
        .connect_get_version()
        .map_err(Failure::context("failed to get the hypervisor version"))?;
    if hv == 0 {
        ctx.print(&format!(
            "Cannot extract running {hv_type} hypervisor version\n"
        ));
    } else {
        ctx.print(&format!(
            "Running hypervisor: {hv_type} {}\n",
            version_string(hv)
        ));
    }
    if args.flag("daemon") {
        match c.connect_get_lib_version() {
            Ok(v) => ctx.print(&format!("Running against daemon: {}\n", version_string(v))),
            Err(e) => report(&Failure::context("failed to get the daemon version")(e).0),
        }
    }
    Ok(())
}

/// `cmdList`.
pub(crate) fn list(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let flags = if args.flag("all") {
        LIST_DOMAINS_ACTIVE | LIST_DOMAINS_INACTIVE
    } else if args.flag("inactive") {
        LIST_DOMAINS_INACTIVE
    } else {
        LIST_DOMAINS_ACTIVE
    };
    let (by_name, by_uuid) = (args.flag("name"), args.flag("uuid"));
    let c = ctx.conn()?.clone();
    let mut doms = c
        .connect_list_all_domains(1, flags)
        .map_err(Failure::context("Failed to list domains"))?
        .domains;
    doms.sort_by(domain_order);
    if by_name || by_uuid {
        for dom in &doms {
            let mut line = String::new();
            if by_uuid {
                line.push_str(&uuid_string(&dom.uuid));
            }
            if by_name {
                if by_uuid {
                    line.push(' ');
                }
                line.push_str(&dom.name);
            }
            line.push('\n');
            ctx.print(&line);
        }
        return Ok(());
    }
    let mut table = Table::new(&["Id", "Name", "State"]);
    for dom in &doms {
        // A domain that vanished in the meantime is left out.
        let Ok((state, _)) = state_of(&c, dom) else {
            continue;
        };
        table.push(vec![
            id_string(dom.id),
            dom.name.clone(),
            domain_state(state).into(),
        ]);
    }
    ctx.print_table(&table);
    Ok(())
}

/// Prints one `dominfo` line: the label padded to 15 bytes, a space and
/// the value.
fn info_line(ctx: &mut Ctx, label: &str, value: &str) {
    ctx.print(&format!("{} {value}\n", pad(label, 15)));
}

/// `cmdDominfo`.
pub(crate) fn dominfo(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, args.data("domain"), true)?;
    info_line(ctx, "Id:", &id_string(dom.id));
    info_line(ctx, "Name:", &dom.name);
    info_line(ctx, "UUID:", &uuid_string(&dom.uuid));
    if let Ok(os_type) = c.domain_get_os_type(&dom) {
        info_line(ctx, "OS Type:", &os_type);
    }
    let info = c.domain_get_info(&dom);
    if let Ok(info) = &info {
        info_line(ctx, "State:", domain_state(i32::from(info.state)));
        info_line(ctx, "CPU(s):", &info.nr_virt_cpu.to_string());
        if info.cpu_time != 0 {
            let seconds = info.cpu_time as f64 / 1_000_000_000.0;
            info_line(ctx, "CPU time:", &format!("{seconds:.1}s"));
        }
        if info.max_mem != u64::from(u32::MAX) {
            info_line(ctx, "Max memory:", &format!("{} KiB", info.max_mem));
        } else {
            info_line(ctx, "Max memory:", "no limit");
        }
        info_line(ctx, "Used memory:", &format!("{} KiB", info.memory));
    }
    let persistent = match c.domain_is_persistent(&dom) {
        Ok(0) => "no",
        Ok(_) => "yes",
        Err(_) => "unknown",
    };
    info_line(ctx, "Persistent:", persistent);
    if let Ok(autostart) = c.domain_get_autostart(&dom) {
        let text = if autostart != 0 { "enable" } else { "disable" };
        info_line(ctx, "Autostart:", text);
    }
    let managed_save = match c.domain_has_managed_save_image(&dom, 0) {
        Ok(0) => "no",
        Ok(_) => "yes",
        Err(_) => "unknown",
    };
    info_line(ctx, "Managed save:", managed_save);
    security_info(ctx, &c, &dom)?;
    if let Ok(messages) = c.domain_get_messages(&dom, 0) {
        for (i, message) in messages.iter().enumerate() {
            info_line(ctx, if i == 0 { "Messages:" } else { "" }, message);
        }
    }
    info.map(|_| ()).map_err(Failure::from)
}

/// The security lines of `dominfo`, printed only when a security model
/// is active.
fn security_info(ctx: &mut Ctx, c: &BlockingClient, dom: &NonnullDomain) -> Result<(), Failure> {
    let model = match c.node_get_security_model() {
        Ok(model) => model,
        Err(e) if is_code(&e, ErrorNumber::ErrNoSupport) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let name = c_string(&model.model);
    if name.is_empty() {
        return Ok(());
    }
    info_line(ctx, "Security model:", &name);
    info_line(ctx, "Security DOI:", &c_string(&model.doi));
    let label = c.domain_get_security_label(dom)?;
    let text = c_string(&label.label);
    if !text.is_empty() {
        let mode = if label.enforcing != 0 {
            "enforcing"
        } else {
            "permissive"
        };
        info_line(ctx, "Security label:", &format!("{text} ({mode})"));
    }
    Ok(())
}

/// `cmdDomstate`.
pub(crate) fn domstate(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, args.data("domain"), true)?;
    let (state, reason) = state_of(&c, &dom)?;
    let line = if args.flag("reason") {
        format!(
            "{} ({})\n",
            domain_state(state),
            domain_state_reason(state, reason)
        )
    } else {
        format!("{}\n", domain_state(state))
    };
    ctx.print(&line);
    Ok(())
}

/// `cmdNodeinfo`.
pub(crate) fn nodeinfo(ctx: &mut Ctx, _: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let info = c
        .node_get_info()
        .map_err(Failure::context("failed to get node information"))?;
    let line = |label: &str, value: String| format!("{} {value}\n", pad(label, 20));
    let mut out = line("CPU model:", c_string(&info.model));
    out += &line("CPU(s):", info.cpus.to_string());
    if info.mhz != 0 {
        out += &line("CPU frequency:", format!("{} MHz", info.mhz));
    }
    out += &line("CPU socket(s):", info.sockets.to_string());
    out += &line("Core(s) per socket:", info.cores.to_string());
    out += &line("Thread(s) per core:", info.threads.to_string());
    out += &line("NUMA cell(s):", info.nodes.to_string());
    out += &line("Memory size:", format!("{} KiB", info.memory));
    ctx.print(&out);
    Ok(())
}

/// `cmdCapabilities`.
pub(crate) fn capabilities(ctx: &mut Ctx, _: &Args) -> Result<(), Failure> {
    let caps = ctx
        .conn()?
        .connect_get_capabilities()
        .map_err(Failure::context("failed to get capabilities"))?;
    ctx.print(&format!("{caps}\n"));
    Ok(())
}

/// The `VIR_CONNECT_LIST_{NETWORKS,STORAGE_POOLS}_*` flags of `--all`
/// and `--inactive`.
fn list_flags(args: &Args) -> u32 {
    if args.flag("all") {
        LIST_ACTIVE | LIST_INACTIVE
    } else if args.flag("inactive") {
        LIST_INACTIVE
    } else {
        LIST_ACTIVE
    }
}

/// Reads a boolean answer the way virsh tests it in C: an error (-1)
/// counts as true.
fn c_truth(answer: Result<i32, Error>) -> bool {
    answer.map_or(true, |v| v != 0)
}

/// `cmdNetworkList`.
pub(crate) fn net_list(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let (by_name, by_uuid) = (args.flag("name"), args.flag("uuid"));
    if by_name && by_uuid {
        return Err(Failure::msg(
            "Only one argument from --table, --name and --uuid may be specified.",
        ));
    }
    let c = ctx.conn()?.clone();
    let mut nets = c
        .connect_list_all_networks(1, list_flags(args))
        .map_err(Failure::context("Failed to list networks"))?
        .nets;
    nets.sort_by(|a, b| strcasecmp(&a.name, &b.name));
    let mut table = Table::new(&["Name", "State", "Autostart", "Persistent"]);
    for net in &nets {
        if by_uuid {
            ctx.print(&format!("{}\n", uuid_string(&net.uuid)));
        } else if by_name {
            ctx.print(&format!("{}\n", net.name));
        } else {
            let autostart = match c.network_get_autostart(net) {
                Ok(0) => "no",
                Ok(_) => "yes",
                Err(_) => "no autostart",
            };
            let active = c_truth(c.network_is_active(net));
            let persistent = c_truth(c.network_is_persistent(net));
            table.push(vec![
                net.name.clone(),
                if active { "active" } else { "inactive" }.into(),
                autostart.into(),
                if persistent { "yes" } else { "no" }.into(),
            ]);
        }
    }
    if !by_name && !by_uuid {
        ctx.print_table(&table);
    }
    Ok(())
}

/// `cmdPoolList` without `--details`.
pub(crate) fn pool_list(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    if args.flag("all") && args.flag("inactive") {
        return Err(Failure::msg(
            "Options --all and --inactive are mutually exclusive",
        ));
    }
    let (by_name, by_uuid) = (args.flag("name"), args.flag("uuid"));
    let c = ctx.conn()?.clone();
    let mut pools = c
        .connect_list_all_storage_pools(1, list_flags(args))
        .map_err(Failure::context("Failed to list pools"))?
        .pools;
    pools.sort_by(|a, b| strcasecmp(&a.name, &b.name));
    let mut table = Table::new(&["Name", "State", "Autostart"]);
    for pool in &pools {
        let autostart = match c.storage_pool_get_autostart(pool) {
            Ok(0) => "no",
            Ok(_) => "yes",
            Err(_) => "no autostart",
        };
        let state = match c.storage_pool_get_info(pool) {
            Err(_) => {
                report(&["Could not retrieve pool information".into()]);
                "unknown"
            }
            Ok(_) if c_truth(c.storage_pool_is_active(pool)) => "active",
            Ok(_) => "inactive",
        };
        table.push(vec![pool.name.clone(), state.into(), autostart.into()]);
    }
    if by_name || by_uuid {
        for pool in &pools {
            let mut out = String::new();
            if by_uuid {
                out += &pad(&uuid_string(&pool.uuid), 36);
                out.push(if by_name { ' ' } else { '\n' });
            }
            if by_name {
                out += &format!("{}\n", pad(&pool.name, 20));
            }
            ctx.print(&out);
        }
    } else {
        ctx.print_table(&table);
    }
    Ok(())
}

/// `cmdVolList` without `--details`.
pub(crate) fn vol_list(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let pool = lookup_pool(&c, args.data("pool"))?;
    let mut vols = c
        .storage_pool_list_all_volumes(&pool, 1, 0)
        .map_err(Failure::context("Failed to list volumes"))?
        .vols;
    vols.sort_by(|a, b| strcasecmp(&a.name, &b.name));
    let mut table = Table::new(&["Name", "Path"]);
    for vol in &vols {
        let path = c
            .storage_vol_get_path(vol)
            .unwrap_or_else(|_| "unknown".into());
        table.push(vec![vol.name.clone(), path]);
    }
    ctx.print_table(&table);
    Ok(())
}

/// `cmdStart` (looks domains up by UUID and name only).
pub(crate) fn start(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, args.data("domain"), false)?;
    if dom.id != -1 {
        return Err(Failure::msg("Domain is already active"));
    }
    let failed = Failure::context(format!("Failed to start domain '{}'", dom.name));
    if args.flag("paused") {
        c.domain_create_with_flags(&dom, START_PAUSED)
            .map_err(failed)?;
    } else {
        c.domain_create(&dom).map_err(failed)?;
    }
    ctx.print_extra(&format!("Domain '{}' started\n", dom.name));
    Ok(())
}

/// `cmdDestroy`.
pub(crate) fn destroy(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let name = args.data("domain");
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, name, true)?;
    c.domain_destroy(&dom).map_err(Failure::context(format!(
        "Failed to destroy domain '{name}'"
    )))?;
    ctx.print_extra(&format!("Domain '{name}' destroyed\n"));
    Ok(())
}

/// `virFileReadAll`, with libvirt's messages.
fn read_file(path: &str) -> Result<String, Failure> {
    let mut file = std::fs::File::open(path)
        .map_err(|e| Failure::msg(format!("Failed to open file '{path}': {}", strerror(&e))))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Failure::msg(format!("Failed to read file '{path}': {}", strerror(&e))))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `cmdDefine`.
pub(crate) fn define(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let path = args.data("file");
    let xml = read_file(path)?;
    let dom = ctx
        .conn()?
        .domain_define_xml(&xml)
        .map_err(Failure::context(format!(
            "Failed to define domain from {path}"
        )))?;
    ctx.print_extra(&format!("Domain '{}' defined from {path}\n", dom.name));
    Ok(())
}

/// A count that may be unsupported by the driver (then 0), as `undefine`
/// asks for managed save images and snapshots.
fn count_or_unsupported(answer: Result<i32, Error>) -> Result<i32, Failure> {
    match answer {
        Ok(n) => Ok(n),
        Err(e) if is_code(&e, ErrorNumber::ErrNoSupport) => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// `cmdUndefine` without options: `virDomainUndefineFlags(0)` when that
/// cannot strand a managed save image or snapshot metadata, with the
/// piecewise fallback of old servers.
pub(crate) fn undefine(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let name = args.data("domain");
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, name, true)?;
    let running = c.domain_is_active(&dom)? != 0;
    let (mut has_managed_save, mut has_snapshots, mut snapshot_metadata) = (0, 0, 0);
    let mut flags_safe = false;
    if !running {
        has_managed_save = count_or_unsupported(c.domain_has_managed_save_image(&dom, 0))?;
        has_snapshots = count_or_unsupported(c.domain_snapshot_num(&dom, 0))?;
        if has_snapshots != 0 {
            match c.domain_snapshot_num(&dom, SNAPSHOT_LIST_METADATA) {
                Ok(n) => {
                    snapshot_metadata = n;
                    flags_safe = true;
                }
                Err(_) => snapshot_metadata = has_snapshots,
            }
        }
    }
    let managed_save_safe = flags_safe || has_managed_save == 0;
    let snapshots_safe = flags_safe || has_snapshots == 0 || snapshot_metadata == 0;
    let mut outcome = None;
    if managed_save_safe && snapshots_safe {
        match c.domain_undefine_flags(&dom, 0) {
            Err(e)
                if is_code(&e, ErrorNumber::ErrNoSupport)
                    || is_code(&e, ErrorNumber::ErrInvalidArg) => {}
            other => outcome = Some(other),
        }
    }
    let outcome = match outcome {
        Some(outcome) => outcome,
        None if has_managed_save != 0 => {
            return Err(Failure::msg(
                "Refusing to undefine while domain managed save image exists",
            ));
        }
        None if snapshot_metadata != 0 => {
            return Err(Failure::msg(format!(
                "Refusing to undefine while {snapshot_metadata} snapshots exist"
            )));
        }
        None => c.domain_undefine(&dom),
    };
    outcome.map_err(Failure::context(format!(
        "Failed to undefine domain '{name}'"
    )))?;
    ctx.print_extra(&format!("Domain '{name}' has been undefined\n"));
    Ok(())
}
