//! libvirt connection URIs.
//!
//! ```text
//! driver[+transport]://[user@][host][:port]/[path][?param=value&...]
//! ```
//!
//! Parsing follows libvirt 9.0 (`virURIParse`, `remoteSplitURIScheme`,
//! `doRemoteOpen`): the transport defaults to `tls` when a host is given
//! and to `unix` otherwise; client-side parameters are pulled out into
//! [`RemoteParams`] and the rest is passed on to the daemon; the name sent
//! with `CONNECT_OPEN` is computed exactly as the C client computes it.
//!
//! ```
//! use libvirt_client::uri::{TransportKind, Uri};
//!
//! let uri: Uri = "qemu+tcp://admin@host.example:16509/system?no_verify=1&x=a%20b".parse()?;
//! assert_eq!(uri.driver(), "qemu");
//! assert_eq!(uri.transport(), TransportKind::Tcp);
//! assert_eq!(uri.host(), Some("host.example"));
//! assert!(uri.remote_params().no_verify);
//! assert_eq!(uri.open_name(), "qemu:///system?x=a%20b");
//! # Ok::<(), libvirt_client::uri::UriError>(())
//! ```
//!
//! Transports that are recognised but not implemented yet (`tls`, `ssh`,
//! `libssh`, `libssh2`, `ext`) parse fine; connecting with them fails with
//! an "unsupported" error.

mod name;
mod params;
mod parse;
mod socket;
#[cfg(test)]
mod tests;

pub use params::{Mode, Proxy, RemoteParams};
pub use socket::{admin_socket_path, unix_socket_path, SocketEnv};

use std::fmt;
use std::str::FromStr;

/// The environment variable holding the default URI.
pub const DEFAULT_URI_ENV: &str = "LIBVIRT_DEFAULT_URI";
/// The environment variable holding the default admin URI.
pub const DEFAULT_ADMIN_URI_ENV: &str = "LIBVIRT_ADMIN_DEFAULT_URI";
/// The daemon's standard TLS port.
pub const TLS_PORT: u16 = 16514;
/// The daemon's standard plain TCP port.
pub const TCP_PORT: u16 = 16509;

/// Why a URI was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UriError {
    /// The URI is empty.
    #[error("empty URI")]
    Empty,
    /// The URI is longer than anything sensible.
    #[error("URI is {0} bytes long, which is too long")]
    TooLong(usize),
    /// A character that URIs may not contain.
    #[error("invalid character {ch:?} at byte {pos}")]
    InvalidCharacter {
        /// Byte offset of the character.
        pos: usize,
        /// The character.
        ch: char,
    },
    /// A `%` not followed by two hex digits.
    #[error("invalid percent-encoding in the {0}")]
    BadPercentEncoding(&'static str),
    /// A component is not UTF-8 once decoded.
    #[error("the {0} is not valid UTF-8 once percent-decoded")]
    NotUtf8(&'static str),
    /// A component decodes to a NUL byte.
    #[error("the {0} contains a NUL byte")]
    NulByte(&'static str),
    /// No `driver:` in front.
    #[error("URI '{0}' does not include a driver name")]
    MissingScheme(String),
    /// The `user@host:port` part is malformed.
    #[error("invalid authority '{0}'")]
    InvalidAuthority(String),
    /// The host name is malformed.
    #[error("invalid host '{0}'")]
    InvalidHost(String),
    /// The port is not a number from 1 to 65535.
    #[error("invalid port '{0}'")]
    InvalidPort(String),
    /// The part after `+` is not a transport libvirt knows.
    #[error("transport '{0}' not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)")]
    UnknownTransport(String),
    /// `unix` transport together with a host.
    #[error("using unix socket and remote server '{0}' is not supported")]
    UnixWithHost(String),
    /// `qemu://system` and the like, which mean `qemu:///system`.
    #[error("invalid URI {uri} (maybe you want {hint})")]
    MissingSlash {
        /// The URI as given.
        uri: String,
        /// What was probably meant.
        hint: String,
    },
    /// A flag parameter whose value is not an integer.
    #[error("failed to parse value '{value}' of URI parameter {name}")]
    InvalidParam {
        /// Parameter name.
        name: String,
        /// Its value.
        value: String,
    },
    /// `mode=` is not `auto`, `legacy` or `direct`.
    #[error("unknown remote mode '{0}'")]
    UnknownMode(String),
    /// `proxy=` is not `auto`, `netcat` or `native`.
    #[error("unknown proxy type '{0}'")]
    UnknownProxy(String),
    /// The URI is well formed but cannot be used as asked.
    #[error("{0}")]
    Unusable(String),
}

/// How the connection reaches the daemon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportKind {
    /// A local UNIX socket.
    Unix,
    /// Plain TCP (port 16509).
    Tcp,
    /// TCP with TLS (port 16514).
    Tls,
    /// The `ssh` binary running netcat or `virt-ssh-helper` remotely.
    Ssh,
    /// ssh through libssh.
    Libssh,
    /// ssh through libssh2.
    Libssh2,
    /// Any command speaking the protocol on stdin/stdout.
    Ext,
}

impl TransportKind {
    /// The name used in URIs.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unix => "unix",
            Self::Tcp => "tcp",
            Self::Tls => "tls",
            Self::Ssh => "ssh",
            Self::Libssh => "libssh",
            Self::Libssh2 => "libssh2",
            Self::Ext => "ext",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "unix" => Self::Unix,
            "tcp" => Self::Tcp,
            "tls" => Self::Tls,
            "ssh" => Self::Ssh,
            "libssh" => Self::Libssh,
            "libssh2" => Self::Libssh2,
            "ext" => Self::Ext,
            _ => return None,
        })
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A parsed libvirt URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uri {
    original: String,
    scheme: String,
    driver_len: usize,
    transport: Option<TransportKind>,
    user: Option<String>,
    host: Option<String>,
    port: Option<u16>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
    params: Vec<(String, String)>,
    remote: RemoteParams,
}

impl Uri {
    /// Parses a URI. Never panics; every malformed input is a [`UriError`].
    pub fn parse(input: &str) -> Result<Self, UriError> {
        // The two spellings libvirt rewrites before parsing.
        let text = if input.eq_ignore_ascii_case("xen") || input == "xen://" {
            "xen:///system"
        } else {
            input
        };
        let parts = parse::split(text)?;
        let (driver_len, transport) = match parts.scheme.split_once('+') {
            Some((driver, t)) => {
                let t = t.to_ascii_lowercase();
                let kind = TransportKind::from_name(&t).ok_or(UriError::UnknownTransport(t))?;
                (driver.len(), Some(kind))
            }
            None => (parts.scheme.len(), None),
        };
        if let (Some(TransportKind::Unix), Some(host)) = (transport, &parts.host) {
            return Err(UriError::UnixWithHost(host.clone()));
        }
        if let Some(host) = &parts.host {
            if matches!(parts.scheme.as_str(), "qemu" | "vbox" | "vz")
                && matches!(host.as_str(), "system" | "session")
            {
                return Err(UriError::MissingSlash {
                    uri: input.to_owned(),
                    hint: format!("{}:///{host}", parts.scheme),
                });
            }
        }
        let params = match &parts.query {
            Some(q) => parse::split_params(q)?,
            None => Vec::new(),
        };
        let remote = RemoteParams::extract(&params)?;
        Ok(Self {
            original: input.to_owned(),
            scheme: parts.scheme,
            driver_len,
            transport,
            user: parts.user,
            host: parts.host,
            port: parts.port,
            path: parts.path,
            query: parts.query,
            fragment: parts.fragment,
            params,
            remote,
        })
    }

    /// The URI in `LIBVIRT_DEFAULT_URI`, if that is set and not empty.
    pub fn from_env() -> Result<Option<Self>, UriError> {
        Self::from_env_var(DEFAULT_URI_ENV)
    }

    /// The admin URI in `LIBVIRT_ADMIN_DEFAULT_URI`, if set and not empty.
    pub fn admin_from_env() -> Result<Option<Self>, UriError> {
        Self::from_env_var(DEFAULT_ADMIN_URI_ENV)
    }

    fn from_env_var(var: &str) -> Result<Option<Self>, UriError> {
        match std::env::var(var) {
            Ok(s) if !s.is_empty() => Self::parse(&s).map(Some),
            _ => Ok(None),
        }
    }

    /// The URI as given.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// The whole scheme, transport included (`qemu+ssh`).
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The driver: the scheme before any `+transport` (`qemu`).
    pub fn driver(&self) -> &str {
        &self.scheme[..self.driver_len]
    }

    /// The transport written in the URI, if any.
    pub fn explicit_transport(&self) -> Option<TransportKind> {
        self.transport
    }

    /// The transport to use: the written one, else `tls` with a host and
    /// `unix` without (libvirt's defaults).
    pub fn transport(&self) -> TransportKind {
        match (self.transport, &self.host) {
            (Some(t), _) => t,
            (None, Some(_)) => TransportKind::Tls,
            (None, None) => TransportKind::Unix,
        }
    }

    /// The user name before `@`, decoded.
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// The host, decoded, without the brackets of an IPv6 literal.
    pub fn host(&self) -> Option<&str> {
        self.host.as_deref()
    }

    /// The port written in the URI (0 counts as none).
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The port to connect to: the written one, else the transport's
    /// standard port; `None` for transports that use no port of ours.
    pub fn effective_port(&self) -> Option<u16> {
        self.port.or(match self.transport() {
            TransportKind::Tcp => Some(TCP_PORT),
            TransportKind::Tls => Some(TLS_PORT),
            _ => None,
        })
    }

    /// The decoded path (`/system`), empty when there is none.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The raw query string after `?`, undecoded.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The decoded fragment after `#`.
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// Every query parameter, decoded, in order (recognised ones included).
    pub fn params(&self) -> &[(String, String)] {
        &self.params
    }

    /// The last value of a parameter, matching the name case-insensitively.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The client-side parameters, and the rest to pass on.
    pub fn remote_params(&self) -> &RemoteParams {
        &self.remote
    }

    /// True for admin URIs: `libvirtd:///...` or a daemon name such as
    /// `virtqemud:///...` or `virtproxyd:///...`, without a transport.
    pub fn is_admin(&self) -> bool {
        self.transport.is_none() && (self.scheme == "libvirtd" || self.scheme.starts_with("virt"))
    }

    /// The name sent to the daemon with `CONNECT_OPEN`: `name=` if given;
    /// `""` for `remote` URIs (the daemon picks); else the URI without
    /// transport, user, host, port and client-side parameters, e.g.
    /// `qemu+ssh://root@h/system?mode=legacy&foo=1` gives
    /// `qemu:///system?foo=1`.
    pub fn open_name(&self) -> String {
        name::open_name(self)
    }
}

impl FromStr for Uri {
    type Err = UriError;
    fn from_str(s: &str) -> Result<Self, UriError> {
        Self::parse(s)
    }
}

impl fmt::Display for Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}
