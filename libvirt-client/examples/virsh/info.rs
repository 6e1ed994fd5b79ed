//! `net-info`, `pool-info` and `vol-info`, after `tools/virsh-network.c`,
//! `virsh-pool.c` and `virsh-volume.c`.

use crate::args::Args;
use crate::commands::{autostart_word, info_line, lookup_pool, uuid_text, yes_no_unknown};
use crate::format::pretty_capacity;
use crate::{Ctx, Failure};
use libvirt_client::api::blocking::{Connect, Network, StoragePool, StorageVol};
use libvirt_client::api::{StoragePoolState, StorageVolInfoFlags};

/// `virshCommandOptNetwork`: by UUID (if 36 bytes long), then by name;
/// the error of the last lookup follows virsh's own.
fn lookup_network(c: &Connect, text: &str) -> Result<Network, Failure> {
    match uuid_text(text).and_then(|uuid| Network::lookup_by_uuid(c, &uuid).ok()) {
        Some(net) => Ok(net),
        None => Network::lookup_by_name(c, text)
            .map_err(Failure::context(format!("failed to get network '{text}'"))),
    }
}

/// `cmdNetworkInfo`.
pub(crate) fn net_info(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let net = lookup_network(&c, args.data("network")?)?;
    info_line(ctx, "Name:", net.name());
    info_line(ctx, "UUID:", &net.uuid().to_string());
    if let Ok(active) = net.is_active() {
        info_line(ctx, "Active:", if active { "yes" } else { "no" });
    }
    info_line(ctx, "Persistent:", yes_no_unknown(net.is_persistent()));
    info_line(ctx, "Autostart:", autostart_word(net.get_autostart()));
    if let Ok(bridge) = net.get_bridge_name() {
        info_line(ctx, "Bridge:", &bridge);
    }
    Ok(())
}

/// `cmdPoolInfo`.
pub(crate) fn pool_info(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let pool = lookup_pool(&c, args.data("pool")?)?;
    info_line(ctx, "Name:", pool.name());
    info_line(ctx, "UUID:", &pool.uuid().to_string());
    let info = pool.get_info()?;
    info_line(ctx, "State:", &info.state.to_string());
    info_line(ctx, "Persistent:", yes_no_unknown(pool.is_persistent()));
    info_line(ctx, "Autostart:", autostart_word(pool.get_autostart()));
    if matches!(
        info.state,
        StoragePoolState::Running | StoragePoolState::Degraded
    ) {
        let sizes = [
            ("Capacity:", info.capacity),
            ("Allocation:", info.allocation),
            ("Available:", info.available),
        ];
        for (label, bytes) in sizes {
            if args.flag("bytes") {
                info_line(ctx, label, &bytes.to_string());
            } else {
                info_line(ctx, label, &pretty_capacity(bytes));
            }
        }
    }
    Ok(())
}

/// `virshCommandOptVol`: the volume `vol` names, by name in pool `pool`
/// when one is given (it must be active), else by key, else by path.
fn lookup_vol(c: &Connect, args: &Args) -> Result<StorageVol, Failure> {
    let text = args.data("vol")?;
    let pool = match args.string("pool")? {
        None => None,
        Some(p) => {
            let pool = lookup_pool(c, p)?;
            let inactive = format!("pool '{p}' is not active");
            match pool.is_active() {
                Ok(true) => Some(pool),
                Ok(false) => return Err(Failure::msg(inactive)),
                Err(e) => return Err(Failure::context(inactive)(e)),
            }
        }
    };
    let by_name = || {
        let pool = pool.as_ref()?;
        StorageVol::lookup_by_name(pool, text).ok()
    };
    let found = match by_name().or_else(|| StorageVol::lookup_by_key(c, text).ok()) {
        Some(vol) => vol,
        None => StorageVol::lookup_by_path(c, text).map_err(Failure::context(match pool {
            Some(_) => format!("failed to get vol '{text}'"),
            None => format!("failed to get vol '{text}', specifying --pool might help"),
        }))?,
    };
    if let Some(pool) = &pool {
        if let Ok(home) = StoragePool::lookup_by_volume(&found) {
            if home.name() != pool.name() {
                return Err(Failure::msg(format!(
                    "Requested volume '{text}' is not in pool '{}'",
                    pool.name()
                )));
            }
        }
    }
    Ok(found)
}

/// `cmdVolInfo`.
pub(crate) fn vol_info(ctx: &mut Ctx, args: &Args) -> Result<(), Failure> {
    let c = ctx.conn()?.clone();
    let vol = lookup_vol(&c, args)?;
    info_line(ctx, "Name:", vol.name());
    let physical = args.flag("physical");
    let info = if physical {
        vol.get_info_flags(StorageVolInfoFlags::GET_PHYSICAL)?
    } else {
        vol.get_info()?
    };
    info_line(ctx, "Type:", &info.kind.to_string());
    let second = if physical { "Physical:" } else { "Allocation:" };
    for (label, bytes) in [("Capacity:", info.capacity), (second, info.allocation)] {
        if args.flag("bytes") {
            info_line(ctx, label, &format!("{bytes} bytes"));
        } else {
            info_line(ctx, label, &pretty_capacity(bytes));
        }
    }
    Ok(())
}
