//! The commands, each following its namesake in libvirt 9.0.0's
//! `tools/virsh-*.c`: the same calls in the same order, the same output.

use crate::args::{self, Args, Opt};
use crate::format::{pad, strcasecmp, version_string};
use crate::table::Table;
use crate::{report, strerror, Ctx, Failure};
use libvirt_client::api::blocking::{Connect, Domain, DomainSnapshot, StoragePool};
use libvirt_client::api::{
    ConnectListAllDomainsFlags, ConnectListAllNetworksFlags, ConnectListAllStoragePoolsFlags,
    DomainCreateFlags, DomainMessageType, DomainSnapshotListFlags, DomainState, DomainStateReason,
    DomainUndefineFlagsValues, Uuid,
};
use libvirt_client::{Error, ErrorNumber};
use std::cmp::Ordering;
use std::io::Read;

/// Options of `list`, `net-list` and `pool-list`.
pub(crate) const LIST_OPTS: &[Opt] = &[
    args::flag("all"),
    args::flag("inactive"),
    args::flag("name"),
    args::flag("uuid"),
];

/// The domain id virsh prints: `-` for inactive domains.
fn id_string(dom: &Domain) -> String {
    dom.id().map_or_else(|| "-".into(), |id| id.to_string())
}

pub(crate) fn is_code(e: &Error, code: ErrorNumber) -> bool {
    e.remote_code() == Some(code)
}

/// The text as a UUID when it has a UUID's length (36 bytes), as
/// virsh's lookups require before trying a UUID.
pub(crate) fn uuid_text(text: &str) -> Option<Uuid> {
    if text.len() == 36 {
        text.parse().ok()
    } else {
        None
    }
}

/// `virshLookupDomainInternal`: by id (if `by_id` and the text is a
/// non-negative int), by UUID (if 36 bytes long), then by name.
pub(crate) fn lookup_domain(c: &Connect, text: &str, by_id: bool) -> Result<Domain, Failure> {
    let by_id = || {
        let id = args::parse_int(text).filter(|&id| by_id && id >= 0)?;
        Domain::lookup_by_id(c, id).ok()
    };
    let by_uuid = || Domain::lookup_by_uuid(c, &uuid_text(text)?).ok();
    by_id()
        .or_else(by_uuid)
        .or_else(|| Domain::lookup_by_name(c, text).ok())
        .ok_or_else(|| Failure::msg(format!("failed to get domain '{text}'")))
}

/// `virshCommandOptDomain`: the domain named by option `domain`.
pub(crate) fn domain_arg(c: &Connect, args: &Args) -> Result<Domain, Failure> {
    lookup_domain(c, args.data("domain")?, true)
}

/// `virshCommandOptPool`: by UUID (if 36 bytes long), then by name.
pub(crate) fn lookup_pool(c: &Connect, text: &str) -> Result<StoragePool, Failure> {
    match uuid_text(text).and_then(|uuid| StoragePool::lookup_by_uuid(c, &uuid).ok()) {
        Some(pool) => Ok(pool),
        None => StoragePool::lookup_by_name(c, text)
            .map_err(Failure::context(format!("failed to get pool '{text}'"))),
    }
}

/// `virshDomainState`: the state and reason, from `virDomainGetInfo`
/// (reason unknown) where `virDomainGetState` is not supported.
fn state_of(dom: &Domain) -> Result<(DomainState, DomainStateReason), Error> {
    match dom.get_state(0) {
        Err(e) if is_code(&e, ErrorNumber::NoSupport) => dom
            .get_info()
            .map(|i| (i.state, DomainStateReason::new(i.state, -1))),
        other => other,
    }
}

/// `virshDomainSorter`: active domains by id, then inactive ones by name.
fn domain_order(a: &Domain, b: &Domain) -> Ordering {
    match (a.id(), b.id()) {
        (None, None) => strcasecmp(a.name(), b.name()),
        (Some(ia), Some(ib)) => ia.cmp(&ib),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
    }
}

/// `cmdVersion`. This client has no C library: the library and API
/// versions it reports are the daemon's, which is what virsh prints when
/// it runs with the same libvirt as the daemon.
pub(crate) fn version(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let hv_type = c
        .get_type()
        .map_err(Failure::context("failed to get hypervisor type"))?;
    let lib = c
        .get_lib_version()
        .map_err(Failure::context("failed to get the library version"))?;
    let lib = version_string(lib);
    ctx.print(&format!("Compiled against library: libvirt {lib}\n"));
    ctx.print(&format!("Using library: libvirt {lib}\n"));
    ctx.print(&format!("Using API: {hv_type} {lib}\n"));
    let hv = c
        .get_version()
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
        match c.get_lib_version() {
            Ok(v) => ctx.print(&format!("Running against daemon: {}\n", version_string(v))),
            Err(e) => report(&Failure::context("failed to get the daemon version")(e).0),
        }
    }
    Ok(())
}

/// `cmdList`.
pub(crate) fn list(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let flags = if args.flag("all") {
        ConnectListAllDomainsFlags::ACTIVE | ConnectListAllDomainsFlags::INACTIVE
    } else if args.flag("inactive") {
        ConnectListAllDomainsFlags::INACTIVE
    } else {
        ConnectListAllDomainsFlags::ACTIVE
    };
    let (by_name, by_uuid) = (args.flag("name"), args.flag("uuid"));
    let c = ctx.conn()?.clone();
    let mut doms = c
        .list_all_domains(flags)
        .map_err(Failure::context("Failed to list domains"))?;
    doms.sort_by(domain_order);
    if by_name || by_uuid {
        for dom in &doms {
            let line = match (by_uuid, by_name) {
                (true, true) => format!("{} {}\n", dom.uuid(), dom.name()),
                (true, false) => format!("{}\n", dom.uuid()),
                _ => format!("{}\n", dom.name()),
            };
            ctx.print(&line);
        }
        return Ok(());
    }
    let mut table = Table::new(&["Id", "Name", "State"]);
    for dom in &doms {
        // A domain that vanished in the meantime is left out.
        let Ok((state, _)) = state_of(dom) else {
            continue;
        };
        table.push(vec![id_string(dom), dom.name().into(), state.to_string()]);
    }
    ctx.print_table(&table);
    Ok(())
}

/// Prints one `dominfo`-style line: the label padded to 15 bytes, a
/// space and the value.
pub(crate) fn info_line(ctx: &mut Ctx, label: &str, value: &str) {
    ctx.print(&format!("{} {value}\n", pad(label, 15)));
}

/// `yes`, `no`, or `unknown` when the question failed.
pub(crate) fn yes_no_unknown(answer: Result<bool, Error>) -> &'static str {
    match answer {
        Ok(true) => "yes",
        Ok(false) => "no",
        Err(_) => "unknown",
    }
}

/// `cmdDominfo`.
pub(crate) fn dominfo(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let dom = domain_arg(&c, args)?;
    info_line(ctx, "Id:", &id_string(&dom));
    info_line(ctx, "Name:", dom.name());
    info_line(ctx, "UUID:", &dom.uuid().to_string());
    if let Ok(os_type) = dom.get_os_type() {
        info_line(ctx, "OS Type:", &os_type);
    }
    let info = dom.get_info();
    if let Ok(info) = &info {
        info_line(ctx, "State:", &info.state.to_string());
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
    info_line(ctx, "Persistent:", yes_no_unknown(dom.is_persistent()));
    if let Ok(autostart) = dom.get_autostart() {
        let text = if autostart { "enable" } else { "disable" };
        info_line(ctx, "Autostart:", text);
    }
    let managed_save = dom.has_managed_save_image(0);
    info_line(ctx, "Managed save:", yes_no_unknown(managed_save));
    security_info(ctx, &c, &dom)?;
    if let Ok(messages) = dom.get_messages(DomainMessageType::empty()) {
        for (i, message) in messages.iter().enumerate() {
            info_line(ctx, if i == 0 { "Messages:" } else { "" }, message);
        }
    }
    info.map(|_| ()).map_err(Failure::from)
}

/// The security lines of `dominfo`, printed only when a security model
/// is active.
fn security_info(ctx: &mut Ctx, c: &Connect, dom: &Domain) -> Result<(), Failure> {
    let model = match c.node_get_security_model() {
        Ok(model) => model,
        Err(e) if is_code(&e, ErrorNumber::NoSupport) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if model.model.is_empty() {
        return Ok(());
    }
    info_line(ctx, "Security model:", &model.model);
    info_line(ctx, "Security DOI:", &model.doi);
    let label = dom.get_security_label()?;
    if !label.label.is_empty() {
        let mode = if label.enforcing {
            "enforcing"
        } else {
            "permissive"
        };
        info_line(ctx, "Security label:", &format!("{} ({mode})", label.label));
    }
    Ok(())
}

/// `cmdDomstate`.
pub(crate) fn domstate(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let dom = domain_arg(&c, args)?;
    let (state, reason) = state_of(&dom)?;
    let line = if args.flag("reason") {
        format!("{state} ({reason})\n")
    } else {
        format!("{state}\n")
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
    let mut out = line("CPU model:", info.model);
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
        .get_capabilities()
        .map_err(Failure::context("failed to get capabilities"))?;
    ctx.print(&format!("{caps}\n"));
    Ok(())
}

/// Reads a boolean answer the way virsh tests it in C: an error (-1)
/// counts as true.
fn c_truth(answer: Result<bool, Error>) -> bool {
    answer.unwrap_or(true)
}

/// The `autostart` column and line of virsh's network and pool
/// commands.
pub(crate) fn autostart_word(answer: Result<bool, Error>) -> &'static str {
    match answer {
        Ok(false) => "no",
        Ok(true) => "yes",
        Err(_) => "no autostart",
    }
}

/// `cmdNetworkList`.
pub(crate) fn net_list(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let (by_name, by_uuid) = (args.flag("name"), args.flag("uuid"));
    if by_name && by_uuid {
        return Err(Failure::msg(
            "Only one argument from --table, --name and --uuid may be specified.",
        ));
    }
    let flags = if args.flag("all") {
        ConnectListAllNetworksFlags::ACTIVE | ConnectListAllNetworksFlags::INACTIVE
    } else if args.flag("inactive") {
        ConnectListAllNetworksFlags::INACTIVE
    } else {
        ConnectListAllNetworksFlags::ACTIVE
    };
    let c = ctx.conn()?.clone();
    let mut nets = c
        .list_all_networks(flags)
        .map_err(Failure::context("Failed to list networks"))?;
    nets.sort_by(|a, b| strcasecmp(a.name(), b.name()));
    let mut table = Table::new(&["Name", "State", "Autostart", "Persistent"]);
    for net in &nets {
        if by_uuid {
            ctx.print(&format!("{}\n", net.uuid()));
        } else if by_name {
            ctx.print(&format!("{}\n", net.name()));
        } else {
            let autostart = autostart_word(net.get_autostart());
            let active = c_truth(net.is_active());
            let persistent = c_truth(net.is_persistent());
            table.push(vec![
                net.name().into(),
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
    args.exclusive("all", "inactive")?;
    let (by_name, by_uuid) = (args.flag("name"), args.flag("uuid"));
    let flags = if args.flag("all") {
        ConnectListAllStoragePoolsFlags::ACTIVE | ConnectListAllStoragePoolsFlags::INACTIVE
    } else if args.flag("inactive") {
        ConnectListAllStoragePoolsFlags::INACTIVE
    } else {
        ConnectListAllStoragePoolsFlags::ACTIVE
    };
    let c = ctx.conn()?.clone();
    let mut pools = c
        .list_all_storage_pools(flags)
        .map_err(Failure::context("Failed to list pools"))?;
    pools.sort_by(|a, b| strcasecmp(a.name(), b.name()));
    let mut table = Table::new(&["Name", "State", "Autostart"]);
    for pool in &pools {
        let autostart = autostart_word(pool.get_autostart());
        let state = match pool.get_info() {
            Err(_) => {
                report(&["Could not retrieve pool information".into()]);
                "unknown"
            }
            Ok(_) if c_truth(pool.is_active()) => "active",
            Ok(_) => "inactive",
        };
        table.push(vec![pool.name().into(), state.into(), autostart.into()]);
    }
    if by_name || by_uuid {
        for pool in &pools {
            let mut out = String::new();
            if by_uuid {
                out += &pad(&pool.uuid().to_string(), 36);
                out.push(if by_name { ' ' } else { '\n' });
            }
            if by_name {
                out += &format!("{}\n", pad(pool.name(), 20));
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
    let pool = lookup_pool(&c, args.data("pool")?)?;
    let mut vols = pool
        .list_all_volumes(0)
        .map_err(Failure::context("Failed to list volumes"))?;
    vols.sort_by(|a, b| strcasecmp(a.name(), b.name()));
    let mut table = Table::new(&["Name", "Path"]);
    for vol in &vols {
        let path = vol.get_path().unwrap_or_else(|_| "unknown".into());
        table.push(vec![vol.name().into(), path]);
    }
    ctx.print_table(&table);
    Ok(())
}

/// `cmdStart` (looks domains up by UUID and name only).
pub(crate) fn start(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, args.data("domain")?, false)?;
    if dom.id().is_some() {
        return Err(Failure::msg("Domain is already active"));
    }
    let failed = Failure::context(format!("Failed to start domain '{}'", dom.name()));
    if args.flag("paused") {
        dom.create_with_flags(DomainCreateFlags::START_PAUSED)
            .map_err(failed)?;
    } else {
        dom.create().map_err(failed)?;
    }
    ctx.print_extra(&format!("Domain '{}' started\n", dom.name()));
    Ok(())
}

/// `cmdDestroy`.
pub(crate) fn destroy(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let name = args.data("domain")?;
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, name, true)?;
    dom.destroy().map_err(Failure::context(format!(
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
    let path = args.data("file")?;
    let xml = read_file(path)?;
    let c = ctx.conn()?.clone();
    let dom = Domain::define_xml(&c, &xml).map_err(Failure::context(format!(
        "Failed to define domain from {path}"
    )))?;
    ctx.print_extra(&format!("Domain '{}' defined from {path}\n", dom.name()));
    Ok(())
}

/// A count that may be unsupported by the driver (then 0), as `undefine`
/// asks for managed save images and snapshots.
fn count_or_unsupported<T: Default>(answer: Result<T, Error>) -> Result<T, Failure> {
    match answer {
        Ok(n) => Ok(n),
        Err(e) if is_code(&e, ErrorNumber::NoSupport) => Ok(T::default()),
        Err(e) => Err(e.into()),
    }
}

/// `cmdUndefine` without options: `virDomainUndefineFlags(0)` when that
/// cannot strand a managed save image or snapshot metadata, with the
/// piecewise fallback of old servers.
pub(crate) fn undefine(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let name = args.data("domain")?;
    let c = ctx.conn()?.clone();
    let dom = lookup_domain(&c, name, true)?;
    let running = dom.is_active()?;
    let snapshot_num = |flags| DomainSnapshot::num(&dom, flags);
    let (mut has_managed_save, mut has_snapshots, mut snapshot_metadata) = (false, 0, 0);
    let mut flags_safe = false;
    if !running {
        has_managed_save = count_or_unsupported(dom.has_managed_save_image(0))?;
        has_snapshots = count_or_unsupported(snapshot_num(DomainSnapshotListFlags::empty()))?;
        if has_snapshots != 0 {
            match snapshot_num(DomainSnapshotListFlags::METADATA) {
                Ok(n) => {
                    snapshot_metadata = n;
                    flags_safe = true;
                }
                Err(_) => snapshot_metadata = has_snapshots,
            }
        }
    }
    let managed_save_safe = flags_safe || !has_managed_save;
    let snapshots_safe = flags_safe || has_snapshots == 0 || snapshot_metadata == 0;
    let mut outcome = None;
    if managed_save_safe && snapshots_safe {
        match dom.undefine_flags(DomainUndefineFlagsValues::empty()) {
            Err(e)
                if is_code(&e, ErrorNumber::NoSupport) || is_code(&e, ErrorNumber::InvalidArg) => {}
            other => outcome = Some(other),
        }
    }
    let outcome = match outcome {
        Some(outcome) => outcome,
        None if has_managed_save => {
            return Err(Failure::msg(
                "Refusing to undefine while domain managed save image exists",
            ));
        }
        None if snapshot_metadata != 0 => {
            return Err(Failure::msg(format!(
                "Refusing to undefine while {snapshot_metadata} snapshots exist"
            )));
        }
        None => dom.undefine(),
    };
    outcome.map_err(Failure::context(format!(
        "Failed to undefine domain '{name}'"
    )))?;
    ctx.print_extra(&format!("Domain '{name}' has been undefined\n"));
    Ok(())
}
