//! The calls made while opening and closing a connection.
//!
//! Remote connections, as libvirt's `doRemoteOpen`:
//! 1. `AUTH_LIST`, then the chosen method (none, or `AUTH_POLKIT`);
//! 2. `CONNECT_SUPPORTS_FEATURE(VIR_DRV_FEATURE_PROGRAM_KEEPALIVE)` when
//!    keepalive is wanted, and keepalive starts if the daemon says yes;
//! 3. `CONNECT_OPEN(name, flags)`.
//!
//! Admin connections (`libvirt-admin.c`) only send `ADMIN_PROC_CONNECT_OPEN`.
//!
//! The calls are the generated methods of [`proto`](crate::proto);
//! `CONNECT_OPEN` is one of the crate's internal ones (`RemoteInternalCalls`,
//! `AdminInternalCalls`), which users do not get: opening a connection twice
//! is an error, and closing it is [`Client::close`]. The constants below
//! name the numbers for code that works with raw frames.

use crate::api::ErrorNumber;
use crate::client::{Client, CloseCall};
use crate::error::{Error, Result};
use crate::keepalive::KeepaliveConfig;
use crate::proto::admin::{self, AdminInternalCalls};
use crate::proto::remote::{self, RemoteCalls, RemoteInternalCalls};

/// `REMOTE_PROGRAM`.
pub const REMOTE_PROGRAM: u32 = remote::PROGRAM;
/// `REMOTE_PROTOCOL_VERSION`.
pub const REMOTE_VERSION: u32 = remote::PROTOCOL_VERSION;
/// `ADMIN_PROGRAM`.
pub const ADMIN_PROGRAM: u32 = admin::PROGRAM;
/// `ADMIN_PROTOCOL_VERSION`.
pub const ADMIN_VERSION: u32 = admin::PROTOCOL_VERSION;

/// `REMOTE_PROC_CONNECT_OPEN`.
pub const PROC_CONNECT_OPEN: i32 = remote::RemoteProcedure::ConnectOpen.value();
/// `REMOTE_PROC_CONNECT_CLOSE`.
pub const PROC_CONNECT_CLOSE: i32 = remote::RemoteProcedure::ConnectClose.value();
/// `REMOTE_PROC_CONNECT_SUPPORTS_FEATURE`.
pub const PROC_CONNECT_SUPPORTS_FEATURE: i32 =
    remote::RemoteProcedure::ConnectSupportsFeature.value();
/// `REMOTE_PROC_AUTH_LIST`.
pub const PROC_AUTH_LIST: i32 = remote::RemoteProcedure::AuthList.value();
/// `REMOTE_PROC_AUTH_POLKIT`.
pub const PROC_AUTH_POLKIT: i32 = remote::RemoteProcedure::AuthPolkit.value();
/// `ADMIN_PROC_CONNECT_OPEN`.
pub const ADMIN_PROC_CONNECT_OPEN: i32 = admin::AdminProcedure::ConnectOpen.value();
/// `ADMIN_PROC_CONNECT_CLOSE`.
pub const ADMIN_PROC_CONNECT_CLOSE: i32 = admin::AdminProcedure::ConnectClose.value();

/// `VIR_DRV_FEATURE_PROGRAM_KEEPALIVE`.
pub const FEATURE_PROGRAM_KEEPALIVE: i32 = 10;
/// `VIR_CONNECT_RO`: the `CONNECT_OPEN` flag for read-only connections.
pub const CONNECT_RO: u32 = 1;

/// An authentication method (`remote_auth_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthType {
    None,
    Sasl,
    Polkit,
    Other(i32),
}

impl AuthType {
    fn from_wire(v: remote::AuthType) -> Self {
        match v {
            remote::AuthType::None => Self::None,
            remote::AuthType::Sasl => Self::Sasl,
            remote::AuthType::Polkit => Self::Polkit,
            other => Self::Other(other.value()),
        }
    }
}

/// `AUTH_LIST`: the methods the daemon accepts; `None` from daemons too
/// old to know the call.
async fn auth_list(client: &Client) -> Result<Option<Vec<AuthType>>> {
    match client.auth_list().await {
        Err(e) if e.remote_code() == Some(ErrorNumber::NoSupport) => Ok(None),
        Err(e) => Err(e),
        Ok(types) => Ok(Some(types.into_iter().map(AuthType::from_wire).collect())),
    }
}

/// Picks a method as `remoteAuthenticate` does: the one named by the URI's
/// `auth=` parameter if the daemon offers it, else the daemon's first.
pub(crate) fn choose_auth(offered: &[AuthType], wanted: Option<&str>) -> Result<AuthType> {
    let Some(first) = offered.first().copied() else {
        return Ok(AuthType::None);
    };
    let Some(name) = wanted else {
        return Ok(first);
    };
    let lower = name.to_ascii_lowercase();
    let want = if lower == "sasl" || lower.starts_with("sasl.") {
        AuthType::Sasl
    } else if lower == "polkit" {
        AuthType::Polkit
    } else {
        return Err(Error::Auth(format!("unknown authentication type {name}")));
    };
    if offered.contains(&want) {
        Ok(want)
    } else {
        Err(Error::Auth(format!(
            "requested authentication type {name} rejected"
        )))
    }
}

async fn authenticate(client: &Client, wanted: Option<&str>) -> Result<()> {
    let Some(offered) = auth_list(client).await? else {
        return Ok(());
    };
    match choose_auth(&offered, wanted)? {
        AuthType::None => Ok(()),
        AuthType::Polkit => {
            client.auth_polkit().await?;
            Ok(())
        }
        AuthType::Sasl => Err(Error::Unsupported(
            "authentication sasl not supported yet".into(),
        )),
        AuthType::Other(n) => Err(Error::Unsupported(format!(
            "authentication type {n} not supported yet"
        ))),
    }
}

/// `CONNECT_SUPPORTS_FEATURE`; like libvirt, a failed call means "no",
/// unless the connection itself is gone.
pub(crate) async fn supports_feature(client: &Client, feature: i32) -> Result<bool> {
    match client.connect_supports_feature(feature).await {
        Ok(supported) => Ok(supported != 0),
        Err(e) if e.is_closed() => Err(e),
        Err(e) => {
            tracing::debug!(feature, error = %e, "feature query failed, assuming unsupported");
            Ok(false)
        }
    }
}

/// What a remote handshake needs.
#[derive(Debug, Clone)]
pub(crate) struct RemoteOpen<'a> {
    pub(crate) name: &'a str,
    pub(crate) flags: u32,
    pub(crate) auth: Option<&'a str>,
    pub(crate) keepalive: Option<KeepaliveConfig>,
}

/// Authenticates, negotiates keepalive and opens the remote connection.
pub(crate) async fn open_remote(client: &Client, open: &RemoteOpen<'_>) -> Result<()> {
    authenticate(client, open.auth).await?;
    if let Some(config) = open.keepalive {
        if supports_feature(client, FEATURE_PROGRAM_KEEPALIVE).await? {
            client.start_keepalive(config).await?;
        } else {
            tracing::info!("daemon does not support keepalive; not sending pings");
        }
    }
    RemoteInternalCalls::connect_open(client, Some(open.name), open.flags).await?;
    client.set_close_call(CloseCall {
        program: REMOTE_PROGRAM,
        version: REMOTE_VERSION,
        procedure: PROC_CONNECT_CLOSE,
    });
    Ok(())
}

/// Opens an admin connection.
pub(crate) async fn open_admin(client: &Client, flags: u32) -> Result<()> {
    AdminInternalCalls::connect_open(client, flags).await?;
    client.set_close_call(CloseCall {
        program: ADMIN_PROGRAM,
        version: ADMIN_VERSION,
        procedure: ADMIN_PROC_CONNECT_CLOSE,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_choice_follows_libvirt() {
        use AuthType::{Polkit, Sasl};
        let none = AuthType::None;
        assert_eq!(choose_auth(&[], None).unwrap(), none);
        assert_eq!(choose_auth(&[], Some("polkit")).unwrap(), none);
        assert_eq!(choose_auth(&[Polkit, Sasl], None).unwrap(), Polkit);
        assert_eq!(
            choose_auth(&[none, Sasl], Some("SASL.scram-sha-256")).unwrap(),
            Sasl
        );
        assert_eq!(
            choose_auth(&[none, Polkit], Some("polkit")).unwrap(),
            Polkit
        );
        let e = choose_auth(&[none], Some("polkit")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "authentication failed: requested authentication type polkit rejected"
        );
        assert!(matches!(
            choose_auth(&[none], Some("kerberos")),
            Err(Error::Auth(_))
        ));
    }
}
