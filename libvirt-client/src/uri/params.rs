//! The query parameters the remote driver understands, extracted the way
//! libvirt's `doRemoteOpen` does; everything else is passed on to the
//! daemon in the name sent with `CONNECT_OPEN`.

use super::UriError;
use std::fmt;
use std::str::FromStr;

/// Which daemon a local connection goes to (`mode=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Use the per-driver daemon if its socket exists, else `libvirtd`.
    #[default]
    Auto,
    /// Always the monolithic `libvirtd` (`libvirt-sock`).
    Legacy,
    /// Always the per-driver daemon (`virtqemud-sock`, ...).
    Direct,
}

/// Which helper runs on the far side of an ssh tunnel (`proxy=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Proxy {
    /// Try `virt-ssh-helper`, fall back to netcat.
    #[default]
    Auto,
    /// Only netcat.
    Netcat,
    /// Only `virt-ssh-helper`.
    Native,
}

impl FromStr for Mode {
    type Err = UriError;
    fn from_str(s: &str) -> Result<Self, UriError> {
        match s {
            "auto" => Ok(Self::Auto),
            "legacy" => Ok(Self::Legacy),
            "direct" => Ok(Self::Direct),
            _ => Err(UriError::UnknownMode(s.to_owned())),
        }
    }
}

impl FromStr for Proxy {
    type Err = UriError;
    fn from_str(s: &str) -> Result<Self, UriError> {
        match s {
            "auto" => Ok(Self::Auto),
            "netcat" => Ok(Self::Netcat),
            "native" => Ok(Self::Native),
            _ => Err(UriError::UnknownProxy(s.to_owned())),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Auto => "auto",
            Self::Legacy => "legacy",
            Self::Direct => "direct",
        })
    }
}

/// The client-side parameters of a URI.
///
/// Names match case-insensitively and the last occurrence wins, as in
/// libvirt; every occurrence of a recognised name is removed from what is
/// passed on. Parameters that later transports need (`pkipath`, `keyfile`,
/// ...) are parsed and kept even though no transport here uses them yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RemoteParams {
    /// `name=`: the name to send with `CONNECT_OPEN` instead of the computed one.
    pub name: Option<String>,
    /// `command=`: the ssh binary, or the `ext` transport's command.
    pub command: Option<String>,
    /// `socket=`: the UNIX socket path (local, or on the far side of ssh).
    pub socket: Option<String>,
    /// `auth=`: the authentication method to insist on (`sasl`, `sasl.MECH`, `polkit`).
    pub auth: Option<String>,
    /// `sshauth=`: ssh authentication methods, comma separated.
    pub sshauth: Option<String>,
    /// `netcat=`: the netcat binary on the remote host.
    pub netcat: Option<String>,
    /// `keyfile=`: the ssh private key.
    pub keyfile: Option<String>,
    /// `pkipath=`: directory holding the TLS CA, certificate and key.
    pub pkipath: Option<String>,
    /// `known_hosts=`: the ssh known-hosts file.
    pub known_hosts: Option<String>,
    /// `known_hosts_verify=`: `normal`, `auto` or `ignore`.
    pub known_hosts_verify: Option<String>,
    /// `tls_priority=`: a GnuTLS priority string.
    pub tls_priority: Option<String>,
    /// `mode=`: which local daemon to use.
    pub mode: Option<Mode>,
    /// `proxy=`: which helper the ssh transports run remotely.
    pub proxy: Option<Proxy>,
    /// `no_sanity=N`: skip TLS certificate sanity checks when N is non-zero.
    pub no_sanity: bool,
    /// `no_verify=N`: skip TLS or ssh host verification when N is non-zero.
    pub no_verify: bool,
    /// `no_tty=N`: never prompt on a terminal when N is non-zero.
    pub no_tty: bool,
    /// `authfile=` (client credentials file); stripped, not sent on.
    pub authfile: Option<String>,
    /// Every other parameter, in order, passed on to the daemon.
    pub passthrough: Vec<(String, String)>,
}

/// `virStrToLong_i`: optional leading spaces and sign, then base-10 digits.
fn parse_flag(name: &str, value: &str) -> Result<bool, UriError> {
    value
        .trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
        .parse::<i32>()
        .map(|v| v != 0)
        .map_err(|_| UriError::InvalidParam {
            name: name.to_owned(),
            value: value.to_owned(),
        })
}

impl RemoteParams {
    /// Sorts decoded `(name, value)` pairs into recognised and passed-on ones.
    pub(crate) fn extract(params: &[(String, String)]) -> Result<Self, UriError> {
        let mut p = Self::default();
        for (name, value) in params {
            let v = || Some(value.clone());
            match name.to_ascii_lowercase().as_str() {
                "name" => p.name = v(),
                "command" => p.command = v(),
                "socket" => p.socket = v(),
                "auth" => p.auth = v(),
                "sshauth" => p.sshauth = v(),
                "netcat" => p.netcat = v(),
                "keyfile" => p.keyfile = v(),
                "pkipath" => p.pkipath = v(),
                "known_hosts" => p.known_hosts = v(),
                "known_hosts_verify" => p.known_hosts_verify = v(),
                "tls_priority" => p.tls_priority = v(),
                "mode" => p.mode = Some(value.parse()?),
                "proxy" => p.proxy = Some(value.parse()?),
                "no_sanity" => p.no_sanity = parse_flag(name, value)?,
                "no_verify" => p.no_verify = parse_flag(name, value)?,
                "no_tty" => p.no_tty = parse_flag(name, value)?,
                "authfile" => p.authfile = v(),
                _ => p.passthrough.push((name.clone(), value.clone())),
            }
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn flags_parse_like_strtol() {
        assert!(parse_flag("no_verify", "1").unwrap());
        assert!(parse_flag("no_verify", " -3").unwrap());
        assert!(parse_flag("no_verify", "+1").unwrap());
        assert!(!parse_flag("no_verify", "0").unwrap());
        for bad in ["", "yes", "1x", "99999999999"] {
            assert!(parse_flag("no_verify", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn names_are_case_insensitive_and_last_wins() {
        let p = RemoteParams::extract(&pairs(&[
            ("SOCKET", "/a"),
            ("socket", "/b"),
            ("Mode", "legacy"),
            ("foo", "bar"),
            ("authfile", "/creds"),
        ]))
        .unwrap();
        assert_eq!(p.socket.as_deref(), Some("/b"));
        assert_eq!(p.mode, Some(Mode::Legacy));
        assert_eq!(p.authfile.as_deref(), Some("/creds"));
        assert_eq!(p.passthrough, pairs(&[("foo", "bar")]));
    }

    #[test]
    fn mode_and_proxy_values_are_checked() {
        assert!(RemoteParams::extract(&pairs(&[("mode", "Direct")])).is_err());
        assert!(RemoteParams::extract(&pairs(&[("proxy", "ssh")])).is_err());
        let p = RemoteParams::extract(&pairs(&[("proxy", "native")])).unwrap();
        assert_eq!(p.proxy, Some(Proxy::Native));
    }
}
