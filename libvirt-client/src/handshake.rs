//! The calls made while opening and closing a connection, encoded by hand
//! (they will move to generated methods once the protocol code exists).
//!
//! Remote connections, as libvirt's `doRemoteOpen`:
//! 1. `AUTH_LIST`, then the chosen method (none, or `AUTH_POLKIT`);
//! 2. `CONNECT_SUPPORTS_FEATURE(VIR_DRV_FEATURE_PROGRAM_KEEPALIVE)` when
//!    keepalive is wanted, and keepalive starts if the daemon says yes;
//! 3. `CONNECT_OPEN(name, flags)`.
//!
//! Admin connections (`libvirt-admin.c`) only send `ADMIN_PROC_CONNECT_OPEN`.

use crate::client::{Client, CloseCall};
use crate::error::{Error, Result};
use crate::error_code::ErrorCode;
use crate::keepalive::KeepaliveConfig;
use xdr_runtime::frame::message_encoder;
use xdr_runtime::message::STRING_MAX;
use xdr_runtime::Decoder;

/// `REMOTE_PROGRAM`.
pub const REMOTE_PROGRAM: u32 = 0x2000_8086;
/// `REMOTE_PROTOCOL_VERSION`.
pub const REMOTE_VERSION: u32 = 1;
/// `ADMIN_PROGRAM`.
pub const ADMIN_PROGRAM: u32 = 0x0690_0690;
/// `ADMIN_PROTOCOL_VERSION`.
pub const ADMIN_VERSION: u32 = 1;

/// `REMOTE_PROC_CONNECT_OPEN`.
pub const PROC_CONNECT_OPEN: i32 = 1;
/// `REMOTE_PROC_CONNECT_CLOSE`.
pub const PROC_CONNECT_CLOSE: i32 = 2;
/// `REMOTE_PROC_CONNECT_SUPPORTS_FEATURE`.
pub const PROC_CONNECT_SUPPORTS_FEATURE: i32 = 60;
/// `REMOTE_PROC_AUTH_LIST`.
pub const PROC_AUTH_LIST: i32 = 66;
/// `REMOTE_PROC_AUTH_POLKIT`.
pub const PROC_AUTH_POLKIT: i32 = 70;
/// `ADMIN_PROC_CONNECT_OPEN`.
pub const ADMIN_PROC_CONNECT_OPEN: i32 = 1;
/// `ADMIN_PROC_CONNECT_CLOSE`.
pub const ADMIN_PROC_CONNECT_CLOSE: i32 = 2;

/// `VIR_DRV_FEATURE_PROGRAM_KEEPALIVE`.
pub const FEATURE_PROGRAM_KEEPALIVE: i32 = 10;
/// `VIR_CONNECT_RO`: the `CONNECT_OPEN` flag for read-only connections.
pub const CONNECT_RO: u32 = 1;

/// `REMOTE_AUTH_TYPE_LIST_MAX`.
const AUTH_TYPE_LIST_MAX: u32 = 20;

/// An authentication method (`remote_auth_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthType {
    None,
    Sasl,
    Polkit,
    Other(i32),
}

impl AuthType {
    fn from_wire(v: i32) -> Self {
        match v {
            0 => Self::None,
            1 => Self::Sasl,
            2 => Self::Polkit,
            n => Self::Other(n),
        }
    }
}

async fn call_remote(
    client: &Client,
    procedure: i32,
    enc: xdr_runtime::Encoder,
) -> Result<bytes::Bytes> {
    client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, procedure, enc)
        .await
}

/// `AUTH_LIST`: the methods the daemon accepts; `None` from daemons too
/// old to know the call.
async fn auth_list(client: &Client) -> Result<Option<Vec<AuthType>>> {
    let body = match call_remote(client, PROC_AUTH_LIST, message_encoder()).await {
        Err(e) if e.remote_code() == Some(ErrorCode::NO_SUPPORT) => return Ok(None),
        other => other?,
    };
    let mut dec = Decoder::new(&body);
    let types = dec.get_array(AUTH_TYPE_LIST_MAX, 4, "remote_auth_list_ret.types", |d| {
        d.get_i32().map(AuthType::from_wire)
    })?;
    dec.finish()?;
    Ok(Some(types))
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
            // remote_auth_polkit_ret { int complete; }
            let body = call_remote(client, PROC_AUTH_POLKIT, message_encoder()).await?;
            let _complete: i32 = xdr_runtime::from_bytes(&body)?;
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
    let mut enc = message_encoder();
    enc.put_i32(feature);
    match call_remote(client, PROC_CONNECT_SUPPORTS_FEATURE, enc).await {
        Ok(body) => Ok(xdr_runtime::from_bytes::<i32>(&body)? != 0),
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
    // remote_connect_open_args { remote_string name; unsigned int flags; }
    let mut enc = message_encoder();
    enc.put_option(Some(open.name), |e, n| {
        e.put_string(n, STRING_MAX, "remote_connect_open_args.name")
    })?;
    enc.put_u32(open.flags);
    call_remote(client, PROC_CONNECT_OPEN, enc).await?;
    client.set_close_call(CloseCall {
        program: REMOTE_PROGRAM,
        version: REMOTE_VERSION,
        procedure: PROC_CONNECT_CLOSE,
    });
    Ok(())
}

/// Opens an admin connection: `admin_connect_open_args { unsigned int flags; }`.
pub(crate) async fn open_admin(client: &Client, flags: u32) -> Result<()> {
    let mut enc = message_encoder();
    enc.put_u32(flags);
    client
        .call_raw(ADMIN_PROGRAM, ADMIN_VERSION, ADMIN_PROC_CONNECT_OPEN, enc)
        .await?;
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
