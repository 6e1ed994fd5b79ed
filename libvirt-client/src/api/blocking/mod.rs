//! The typed API for threads without an async runtime: the same handle
//! types and methods as [`crate::api`], without `async`.
//!
//! ```no_run
//! use libvirt_client::api::blocking::Connect;
//!
//! let conn = Connect::open("test:///default")?;
//! for dom in conn.list_all_domains(Default::default())? {
//!     println!("{} {}", dom.name(), dom.get_info()?.state);
//! }
//! # Ok::<(), libvirt_client::Error>(())
//! ```
//!
//! Each blocking handle wraps its async twin ([`Domain::inner`]) and a
//! [`Runner`] that runs the async method on the calling thread while the
//! connection's own thread drives the socket.

mod manual;
mod runner;

pub use manual::DomainStatsRecord;
pub use runner::Runner;

use crate::error::Result;
use crate::{BlockingClient, ConnectOptions};

/// Declares the blocking twin of an async handle.
macro_rules! blocking_handle {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("The blocking [`", stringify!($name), "`](crate::api::", stringify!($name), ").")]
        #[derive(Debug, Clone)]
        pub struct $name {
            inner: crate::api::$name,
            runner: Runner,
        }

        impl $name {
            /// Wraps an async handle; `runner` runs its methods.
            pub fn new(inner: crate::api::$name, runner: Runner) -> Self {
                Self { inner, runner }
            }

            /// The async handle.
            pub fn inner(&self) -> &crate::api::$name {
                &self.inner
            }

            /// What runs the async methods.
            pub fn runner(&self) -> &Runner {
                &self.runner
            }

            /// The async handle, unwrapped.
            pub fn into_inner(self) -> crate::api::$name {
                self.inner
            }
        }
    )*};
}

blocking_handle!(
    Connect,
    Domain,
    Network,
    NetworkPort,
    Interface,
    StoragePool,
    StorageVol,
    NodeDevice,
    Secret,
    NWFilter,
    NWFilterBinding,
    DomainSnapshot,
    DomainCheckpoint,
);

impl Connect {
    /// Opens a connection to `uri`; a thread of its own drives it.
    #[doc(alias = "virConnectOpen")]
    pub fn open(uri: &str) -> Result<Connect> {
        Self::open_with(uri, ConnectOptions::default())
    }

    /// See [`crate::api::Connect::open_default`].
    pub fn open_default() -> Result<Connect> {
        let uri = crate::Uri::from_env()?;
        let client = BlockingClient::start(|| async {
            crate::connection::connect_default(&ConnectOptions::default()).await
        })?;
        let inner = crate::api::Connect::from_client(client.client().clone());
        let inner = match uri {
            Some(uri) => inner.with_uri(&uri),
            None => inner,
        };
        Ok(Self::new(inner, Runner::new(client)))
    }

    /// Opens a read-only connection to `uri`.
    #[doc(alias = "virConnectOpenReadOnly")]
    pub fn open_read_only(uri: &str) -> Result<Connect> {
        Self::open_with(uri, ConnectOptions::default().read_only(true))
    }

    /// Opens a connection to `uri` with `options`.
    #[doc(alias = "virConnectOpenAuth")]
    pub fn open_with(uri: &str, options: ConnectOptions) -> Result<Connect> {
        let uri = crate::Uri::parse(uri)?;
        let client = BlockingClient::connect_with(uri.clone(), options)?;
        let inner = crate::api::Connect::from_client(client.client().clone()).with_uri(&uri);
        Ok(Self::new(inner, Runner::new(client)))
    }

    /// The typed API over an existing blocking client.
    pub fn from_client(client: BlockingClient) -> Connect {
        let inner = crate::api::Connect::from_client(client.client().clone());
        Self::new(inner, Runner::new(client))
    }

    /// Closes the connection, for every clone and handle.
    #[doc(alias = "virConnectClose")]
    pub fn close(&self) -> Result<()> {
        self.runner.client().close()
    }

    /// See [`crate::api::Connect::get_uri`].
    #[doc(alias = "virConnectGetURI")]
    pub fn get_uri(&self) -> Result<String> {
        self.runner.block_on(self.inner.get_uri())
    }

    /// See [`crate::api::Connect::is_encrypted`].
    #[doc(alias = "virConnectIsEncrypted")]
    pub fn is_encrypted(&self) -> bool {
        self.inner.is_encrypted()
    }

    /// True while the connection is open.
    #[doc(alias = "virConnectIsAlive")]
    pub fn is_alive(&self) -> bool {
        self.inner.is_alive()
    }
}
