//! [`Connect`]: a connection to a hypervisor driver, the root of the typed
//! API (C's `virConnectPtr`).

use crate::api::Result as ApiResult;
use crate::connection::{self, ConnectOptions};
use crate::error::Result;
use crate::proto::remote::RemoteCalls;
use crate::uri::Uri;
use crate::Client;
use std::sync::Arc;

/// A connection to one hypervisor driver of a libvirt daemon
/// (`qemu:///system`, `test:///default`, ...). Cheap to clone: every
/// clone, and every object handle obtained through it, shares the one
/// connection.
///
/// Methods are libvirt's `virConnect*` and `virNode*` functions: see the
/// generated methods below (`list_all_domains`, `get_capabilities`,
/// `node_get_info`, ...).
#[doc(alias = "virConnectPtr")]
#[derive(Debug, Clone)]
pub struct Connect {
    client: Client,
    /// The URI it was opened with, as given.
    uri: Option<Arc<str>>,
}

impl Connect {
    /// Opens a connection to `uri` (as `virsh -c URI` does) and drives it
    /// on the current tokio runtime.
    #[doc(alias = "virConnectOpen")]
    pub async fn open(uri: &str) -> Result<Connect> {
        Self::open_with(uri, ConnectOptions::default()).await
    }

    /// Opens the default connection, as C's `virConnectOpen(NULL)` does:
    /// the URI in `LIBVIRT_DEFAULT_URI`, else the local daemon's socket
    /// (the system daemon for root, the session daemon otherwise).
    pub async fn open_default() -> Result<Connect> {
        let options = ConnectOptions::default();
        let uri = Uri::from_env()?;
        let (client, connection) = connection::connect_default(&options).await?;
        connection.spawn();
        let conn = Self::from_client(client);
        Ok(match uri {
            Some(uri) => conn.with_uri(&uri),
            None => conn,
        })
    }

    /// Opens a read-only connection to `uri`.
    #[doc(alias = "virConnectOpenReadOnly")]
    pub async fn open_read_only(uri: &str) -> Result<Connect> {
        Self::open_with(uri, ConnectOptions::default().read_only(true)).await
    }

    /// Opens a connection to `uri` with `options` (read-only, timeouts,
    /// keepalive, ...).
    #[doc(alias = "virConnectOpenAuth")]
    pub async fn open_with(uri: &str, options: ConnectOptions) -> Result<Connect> {
        let uri = Uri::parse(uri)?;
        let (client, connection) = connection::connect_with(&uri, &options).await?;
        connection.spawn();
        Ok(Self::from_client(client).with_uri(&uri))
    }

    /// The typed API over an existing client (for example one built over
    /// a custom transport).
    pub fn from_client(client: Client) -> Connect {
        Self { client, uri: None }
    }

    /// Records the URI the connection was opened with, for
    /// [`get_uri`](Self::get_uri).
    pub fn with_uri(mut self, uri: &Uri) -> Connect {
        self.uri = Some(Arc::from(uri.as_str()));
        self
    }

    /// The URI of the connection. As C's `virConnectGetURI` does, this is
    /// the URI the connection was opened with (transport and parameters
    /// included); for a connection made with
    /// [`from_client`](Self::from_client) alone, the daemon is asked, and
    /// answers the URI its driver opened.
    #[doc(alias = "virConnectGetURI")]
    pub async fn get_uri(&self) -> ApiResult<String> {
        match &self.uri {
            Some(uri) => Ok(uri.to_string()),
            None => self.client.connect_get_uri().await,
        }
    }

    /// The raw client underneath: every procedure of the protocol, for
    /// what the typed API does not offer.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Closes the connection (for every clone and handle) after telling
    /// the daemon.
    #[doc(alias = "virConnectClose")]
    pub async fn close(&self) -> Result<()> {
        self.client.close().await
    }

    /// True when the connection's transport encrypts its traffic. The
    /// transports this client speaks (unix sockets and plain TCP) do not.
    #[doc(alias = "virConnectIsEncrypted")]
    pub fn is_encrypted(&self) -> bool {
        false
    }

    /// True while the connection is open.
    #[doc(alias = "virConnectIsAlive")]
    pub fn is_alive(&self) -> bool {
        !self.client.is_closed()
    }
}
