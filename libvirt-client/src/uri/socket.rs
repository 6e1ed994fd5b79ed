//! Which UNIX socket a local connection uses, following libvirt's
//! `remoteGetURIDaemonInfo`/`remoteGetUNIXSocket` (remote_sockets.c) and,
//! for admin connections, `getSocketPath` (libvirt-admin.c).
//!
//! | daemon | system (root)                     | session (unprivileged)            |
//! |--------|-----------------------------------|-----------------------------------|
//! | legacy | `/run/libvirt/libvirt-sock[-ro]`  | `$XDG_RUNTIME_DIR/libvirt/libvirt-sock` |
//! | direct | `/run/libvirt/virtqemud-sock[-ro]`| `$XDG_RUNTIME_DIR/libvirt/virtqemud-sock` |
//! | admin  | `/run/libvirt/libvirt-admin-sock` | `$XDG_RUNTIME_DIR/libvirt/libvirt-admin-sock` |
//!
//! libvirt itself writes the system directory as `/var/run/libvirt`, which
//! is a symbolic link to `/run/libvirt` on every current distribution.
//! Session daemons have no read-only socket.

use super::{Mode, TransportKind, Uri, UriError};
use std::fmt;
use std::path::{Path, PathBuf};

/// Drivers probed, in libvirt's order, when no URI names one
/// (`remoteProbeSystemDriverFromSocket`).
const SYSTEM_PROBE: &[&str] = &["xen", "qemu", "lxc", "vbox", "bhyve", "vz"];
/// Drivers probed for a session daemon (`remoteProbeSessionDriverFromSocket`).
const SESSION_PROBE: &[&str] = &["qemu", "vbox"];

/// The facts about this process that socket selection depends on.
///
/// [`SocketEnv::from_process`] reads them from the environment; tests build
/// one by hand.
pub struct SocketEnv {
    /// True when running as root (effective uid 0): system sockets are used.
    pub privileged: bool,
    /// Where system daemons put their sockets (`/run/libvirt`).
    pub system_dir: PathBuf,
    /// Where session daemons put theirs (`$XDG_RUNTIME_DIR/libvirt`).
    pub session_dir: PathBuf,
    /// Mode used by `mode=auto` when neither socket exists yet; libvirt's
    /// default build picks the per-driver daemon.
    pub auto_fallback: Mode,
    /// Tells whether a socket exists (used by `mode=auto`).
    pub exists: Box<dyn Fn(&Path) -> bool + Send + Sync>,
}

impl fmt::Debug for SocketEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SocketEnv")
            .field("privileged", &self.privileged)
            .field("system_dir", &self.system_dir)
            .field("session_dir", &self.session_dir)
            .field("auto_fallback", &self.auto_fallback)
            .finish_non_exhaustive()
    }
}

impl SocketEnv {
    /// The environment of this process: effective uid from
    /// `/proc/self/status` (not root if that cannot be read), session
    /// directory from `XDG_RUNTIME_DIR`, else `XDG_CACHE_HOME`, else
    /// `$HOME/.cache`, as GLib's `g_get_user_runtime_dir` does.
    pub fn from_process() -> Self {
        Self {
            privileged: effective_uid() == Some(0),
            system_dir: PathBuf::from("/run/libvirt"),
            session_dir: user_runtime_dir().join("libvirt"),
            auto_fallback: Mode::Direct,
            exists: Box::new(|p: &Path| p.exists()),
        }
    }
}

fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

fn non_empty_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn user_runtime_dir() -> PathBuf {
    non_empty_env("XDG_RUNTIME_DIR")
        .or_else(|| non_empty_env("XDG_CACHE_HOME"))
        .or_else(|| non_empty_env("HOME").map(|h| h.join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"))
}

/// True when libvirt would use the per-user (session) daemon: a `/session`
/// path or a `test+...` scheme, and not running as root.
fn wants_session(uri: Option<&Uri>, env: &SocketEnv) -> bool {
    if env.privileged {
        return false;
    }
    match uri {
        Some(u) => u.path() == "/session" || u.scheme().starts_with("test+"),
        None => true,
    }
}

fn socket_in(env: &SocketEnv, session: bool, prefix: &str, read_only: bool) -> PathBuf {
    if session {
        env.session_dir.join(format!("{prefix}-sock"))
    } else if read_only {
        env.system_dir.join(format!("{prefix}-sock-ro"))
    } else {
        env.system_dir.join(format!("{prefix}-sock"))
    }
}

fn probe_driver(env: &SocketEnv, session: bool, read_only: bool) -> Option<&'static str> {
    let list = if session { SESSION_PROBE } else { SYSTEM_PROBE };
    list.iter().copied().find(|d| {
        let path = socket_in(env, session, &format!("virt{d}d"), read_only);
        (env.exists)(&path)
    })
}

/// The UNIX socket for a (non-admin) connection to `uri`, or to the
/// default daemon when `uri` is `None`.
pub fn unix_socket_path(
    uri: Option<&Uri>,
    read_only: bool,
    env: &SocketEnv,
) -> Result<PathBuf, UriError> {
    if let Some(socket) = uri.and_then(|u| u.remote_params().socket.as_deref()) {
        return Ok(PathBuf::from(socket));
    }
    let transport = uri.map_or(TransportKind::Unix, Uri::transport);
    let session = wants_session(uri, env);
    let mut mode = uri
        .and_then(|u| u.remote_params().mode)
        .unwrap_or(Mode::Auto);
    let driver = match uri {
        Some(u) => Some(u.driver()),
        None if mode != Mode::Legacy => probe_driver(env, session, read_only),
        None => None,
    };
    let direct = driver.map(|d| socket_in(env, session, &format!("virt{d}d"), read_only));
    let legacy = socket_in(env, session, "libvirt", read_only);
    if mode == Mode::Auto {
        mode = if transport != TransportKind::Unix {
            Mode::Legacy
        } else if direct.as_deref().is_some_and(|p| (env.exists)(p)) {
            Mode::Direct
        } else if (env.exists)(&legacy) {
            Mode::Legacy
        } else {
            env.auto_fallback
        };
    }
    match mode {
        Mode::Direct if transport != TransportKind::Unix => Err(UriError::Unusable(format!(
            "cannot use direct socket mode for {transport} transport"
        ))),
        Mode::Direct => direct.ok_or_else(|| {
            UriError::Unusable("cannot use direct socket mode if no URI is set".into())
        }),
        _ => Ok(legacy),
    }
}

/// The admin socket for an admin URI (`libvirtd:///system`,
/// `virtqemud:///session`, ...): only `socket=` is allowed as a parameter
/// and the path must be `/system` or `/session`.
pub fn admin_socket_path(uri: &Uri, env: &SocketEnv) -> Result<PathBuf, UriError> {
    let mut socket = None;
    for (name, value) in uri.params() {
        if name == "socket" {
            socket = Some(value);
        } else {
            return Err(UriError::Unusable(format!(
                "unknown URI parameter '{name}' for an admin connection"
            )));
        }
    }
    if let Some(s) = socket {
        return Ok(PathBuf::from(s));
    }
    if !uri.is_admin() {
        return Err(UriError::Unusable(format!(
            "unsupported admin URI scheme '{}'",
            uri.scheme()
        )));
    }
    let base = match uri.scheme() {
        "libvirtd" => "libvirt-admin-sock".to_owned(),
        daemon => format!("{daemon}-admin-sock"),
    };
    match uri.path() {
        "/system" => Ok(env.system_dir.join(base)),
        "/session" => Ok(env.session_dir.join(base)),
        other => Err(UriError::Unusable(format!(
            "invalid admin URI path '{other}', try '/system'"
        ))),
    }
}
