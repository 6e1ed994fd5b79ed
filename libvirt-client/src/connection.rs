//! Opening connections: [`connect`] and friends return a [`Client`] and
//! the [`Connection`] future that drives it.

use crate::client::Client;
use crate::dispatch::{Channels, Driver};
use crate::error::{Error, Result};
use crate::frame::FrameCodec;
use crate::handshake::{self, RemoteOpen};
use crate::keepalive::KeepaliveConfig;
use crate::transport::{self, Transport};
use crate::uri::{self, SocketEnv, TransportKind, Uri};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, watch};
use xdr_runtime::frame::MAX_FRAME_LEN;

/// How to open and run a connection. Build with [`ConnectOptions::new`]
/// and the setters.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ConnectOptions {
    /// Open read-only: the `-ro` socket and `VIR_CONNECT_RO`. Default false.
    pub read_only: bool,
    /// Send keepalive PINGs if the daemon supports them; default libvirt's
    /// 5 s / 5. `None` still answers the daemon's PINGs.
    pub keepalive: Option<KeepaliveConfig>,
    /// Default timeout of every call made through the returned client.
    /// Default none.
    pub call_timeout: Option<Duration>,
    /// Limit for opening the transport plus the handshake. Default none.
    pub connect_timeout: Option<Duration>,
    /// Calls that may wait for the driver before callers are made to wait
    /// (the bounded command queue). Default 64.
    pub queue_capacity: usize,
    /// Calls that may be sent and unanswered at once; further calls wait
    /// in the queue. Default 4096.
    pub max_in_flight: usize,
    /// Events kept for a slow subscriber before the oldest are dropped.
    /// Default 1024.
    pub event_capacity: usize,
    /// Chunks queued per data stream before reading the socket pauses.
    /// Default 16.
    pub stream_capacity: usize,
    /// Largest frame accepted or sent, length word included; default and
    /// maximum is the protocol's 32 MiB + 4.
    pub max_frame: u32,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            read_only: false,
            keepalive: Some(KeepaliveConfig::default()),
            call_timeout: None,
            connect_timeout: None,
            queue_capacity: 64,
            max_in_flight: 4096,
            event_capacity: 1024,
            stream_capacity: 16,
            max_frame: MAX_FRAME_LEN,
        }
    }
}

impl ConnectOptions {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`read_only`](Self::read_only).
    pub fn read_only(mut self, yes: bool) -> Self {
        self.read_only = yes;
        self
    }

    /// Sets [`keepalive`](Self::keepalive).
    pub fn keepalive(mut self, config: Option<KeepaliveConfig>) -> Self {
        self.keepalive = config;
        self
    }

    /// Sets [`call_timeout`](Self::call_timeout).
    pub fn call_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.call_timeout = timeout;
        self
    }

    /// Sets [`connect_timeout`](Self::connect_timeout).
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets [`queue_capacity`](Self::queue_capacity).
    pub fn queue_capacity(mut self, n: usize) -> Self {
        self.queue_capacity = n.max(1);
        self
    }

    /// Sets [`max_in_flight`](Self::max_in_flight).
    pub fn max_in_flight(mut self, n: usize) -> Self {
        self.max_in_flight = n.max(1);
        self
    }

    /// Sets [`event_capacity`](Self::event_capacity).
    pub fn event_capacity(mut self, n: usize) -> Self {
        self.event_capacity = n.max(1);
        self
    }

    /// Sets [`stream_capacity`](Self::stream_capacity).
    pub fn stream_capacity(mut self, n: usize) -> Self {
        self.stream_capacity = n.max(1);
        self
    }

    /// Sets [`max_frame`](Self::max_frame) (clamped to the protocol's range).
    pub fn max_frame(mut self, n: u32) -> Self {
        self.max_frame = n;
        self
    }
}

/// The future that drives one connection: reads, writes, routes replies,
/// events and stream data, and answers keepalives.
///
/// Spawn it (see [`Connection::spawn`]) or otherwise poll it for as long as
/// the connection is used. It resolves to `Ok(())` after a local close
/// (with [`Client::close`] or by dropping every client) and to the
/// [`Error::Closed`] that pending calls received otherwise. Dropping it
/// closes the connection.
#[must_use = "a connection does nothing unless its Connection future is polled; spawn it"]
pub struct Connection {
    driver: Box<Driver>,
}

impl fmt::Debug for Connection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connection").finish_non_exhaustive()
    }
}

impl Future for Connection {
    type Output = Result<()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        self.driver.poll_drive(cx)
    }
}

impl Connection {
    /// Spawns the driver on the current tokio runtime. Its outcome is also
    /// visible through [`Client::closed`].
    pub fn spawn(self) -> tokio::task::JoinHandle<Result<()>> {
        tokio::spawn(self)
    }
}

/// Wraps an open transport without any handshake: the raw RPC engine,
/// for custom programs, tests, or a transport that was authenticated by
/// other means.
pub fn from_transport(transport: Transport, options: &ConnectOptions) -> (Client, Connection) {
    let (cmd_tx, cmd_rx) = mpsc::channel(options.queue_capacity.max(1));
    let (cancel_tx, cancel_rx) = mpsc::unbounded_channel();
    let (events, _) = broadcast::channel(options.event_capacity.max(1));
    let (state_tx, state_rx) = watch::channel(None);
    let close_requested = Arc::new(AtomicBool::new(false));
    let client = Client::new(
        cmd_tx,
        cancel_tx,
        events.clone(),
        state_rx,
        Arc::clone(&close_requested),
        options.call_timeout,
        options.stream_capacity,
    );
    let channels = Channels {
        commands: cmd_rx,
        cancels: cancel_rx,
        events,
        state: state_tx,
        close_requested,
    };
    let codec = FrameCodec::with_max_frame(options.max_frame);
    let driver = Driver::new(transport, codec, channels, options.max_in_flight);
    (
        client,
        Connection {
            driver: Box::new(driver),
        },
    )
}

/// Runs `handshake` while driving `connection`. If the connection ends
/// first, the handshake gets one more chance: its last reply may have been
/// routed in the same step as the daemon hanging up.
async fn drive_during<F>(connection: &mut Connection, handshake: F) -> Result<()>
where
    F: Future<Output = Result<()>>,
{
    use futures_util::FutureExt;
    tokio::pin!(handshake);
    let ended = match futures_util::future::select(handshake.as_mut(), &mut *connection).await {
        futures_util::future::Either::Left((r, _)) => return r,
        futures_util::future::Either::Right((r, _)) => r,
    };
    match handshake.as_mut().now_or_never() {
        Some(done) => done,
        None => Err(ended
            .err()
            .unwrap_or(Error::Closed(crate::CloseReason::Local))),
    }
}

/// Performs the handshake `uri` calls for over an open transport: an admin
/// `CONNECT_OPEN` for admin URIs, otherwise authentication, keepalive
/// negotiation and `CONNECT_OPEN` with [`Uri::open_name`]. With no URI the
/// name is empty and the daemon chooses its default driver.
pub async fn open(
    transport: Transport,
    uri: Option<&Uri>,
    options: &ConnectOptions,
) -> Result<(Client, Connection)> {
    let (client, mut connection) = from_transport(transport, options);
    let handshake = async {
        match uri {
            Some(u) if u.is_admin() => handshake::open_admin(&client, 0).await,
            _ => {
                let name = uri.map(Uri::open_name).unwrap_or_default();
                let open = RemoteOpen {
                    name: &name,
                    flags: if options.read_only {
                        handshake::CONNECT_RO
                    } else {
                        0
                    },
                    auth: uri.and_then(|u| u.remote_params().auth.as_deref()),
                    keepalive: options.keepalive,
                };
                handshake::open_remote(&client, &open).await
            }
        }
    };
    drive_during(&mut connection, handshake).await?;
    Ok((client, connection))
}

/// Opens a connection to `uri` with default options.
///
/// ```no_run
/// # async fn demo() -> libvirt_client::Result<()> {
/// let (client, connection) = libvirt_client::connect("qemu:///system").await?;
/// connection.spawn();
/// // ... calls ...
/// client.close().await
/// # }
/// ```
pub async fn connect(uri: &str) -> Result<(Client, Connection)> {
    connect_with(&Uri::parse(uri)?, &ConnectOptions::default()).await
}

/// Opens a connection to `uri`: picks and opens the transport, then runs
/// the handshake (see [`open`]).
pub async fn connect_with(uri: &Uri, options: &ConnectOptions) -> Result<(Client, Connection)> {
    with_timeout(options.connect_timeout, async {
        let env = SocketEnv::from_process();
        let transport = transport::connect(uri, options.read_only, &env).await?;
        open(transport, Some(uri), options).await
    })
    .await
}

/// Opens a connection to `LIBVIRT_DEFAULT_URI` if set; otherwise, like
/// libvirt without a URI, to the default local daemon's socket with an
/// empty name so that the daemon picks the driver.
pub async fn connect_default(options: &ConnectOptions) -> Result<(Client, Connection)> {
    if let Some(uri) = Uri::from_env()? {
        return connect_with(&uri, options).await;
    }
    with_timeout(options.connect_timeout, async {
        let env = SocketEnv::from_process();
        let path = uri::unix_socket_path(None, options.read_only, &env)?;
        let transport = transport::connect_unix(&path).await?;
        open(transport, None, options).await
    })
    .await
}

/// Connects to `uri` and spawns the connection on the current runtime.
pub async fn connect_and_spawn(uri: &str) -> Result<Client> {
    let (client, connection) = connect(uri).await?;
    connection.spawn();
    Ok(client)
}

async fn with_timeout<T>(limit: Option<Duration>, f: impl Future<Output = Result<T>>) -> Result<T> {
    match limit {
        Some(d) => tokio::time::timeout(d, f)
            .await
            .unwrap_or(Err(Error::Timeout(d))),
        None => f.await,
    }
}

/// The transports [`connect_with`] can open today.
pub const SUPPORTED_TRANSPORTS: &[TransportKind] = &[TransportKind::Unix, TransportKind::Tcp];
