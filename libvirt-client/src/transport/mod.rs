//! Byte streams to a daemon, opened from a [`Uri`].
//!
//! A [`Transport`] is a boxed `AsyncRead + AsyncWrite`, so layers can be
//! stacked on it without the rest of the client noticing: a TLS session
//! or a SASL security layer will wrap the plain socket with
//! [`Transport::wrap`] before the connection driver takes it over. An
//! in-memory pipe (`tokio::io::duplex`) works the same way, which is how
//! the tests run a mock daemon.
//!
//! File descriptor passing (`VIR_NET_CALL_WITH_FDS`) will need ancillary
//! data on UNIX sockets, which a plain byte stream cannot carry; it will
//! come as an extra capability of the UNIX transport, and the driver
//! already keeps the `*_WITH_FDS` message types apart for it.

mod tcp;
mod unix;

pub use tcp::connect_tcp;
pub use unix::connect_unix;

use crate::error::{Error, Result};
use crate::uri::{self, SocketEnv, TransportKind, Uri};
use std::fmt;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// What a transport is made of: any sendable, unpinned byte stream.
pub trait Io: AsyncRead + AsyncWrite + Send + Unpin + 'static {}

impl<T: AsyncRead + AsyncWrite + Send + Unpin + 'static> Io for T {}

/// An open byte stream to a daemon.
pub struct Transport {
    io: Box<dyn Io>,
    kind: TransportKind,
    peer: String,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("kind", &self.kind)
            .field("peer", &self.peer)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Wraps any byte stream; `peer` describes the other end in messages.
    pub fn new(io: impl Io, kind: TransportKind, peer: impl Into<String>) -> Self {
        Self {
            io: Box::new(io),
            kind,
            peer: peer.into(),
        }
    }

    /// The transport kind.
    pub fn kind(&self) -> TransportKind {
        self.kind
    }

    /// The other end: a socket path or `host:port`.
    pub fn peer(&self) -> &str {
        &self.peer
    }

    /// Stacks a layer (TLS, SASL, a byte counter...) on top of the stream.
    pub fn wrap<T: Io>(self, layer: impl FnOnce(Box<dyn Io>) -> T) -> Self {
        Self {
            io: Box::new(layer(self.io)),
            kind: self.kind,
            peer: self.peer,
        }
    }

    /// The boxed stream.
    pub fn into_inner(self) -> Box<dyn Io> {
        self.io
    }
}

impl AsyncRead for Transport {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Transport {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// The error for transports that parse but are not implemented yet.
pub(crate) fn unsupported(kind: TransportKind) -> Error {
    Error::Unsupported(format!("transport {kind} not supported yet"))
}

/// Opens the transport `uri` asks for.
///
/// Admin URIs and `unix` go to the socket chosen by
/// [`uri::unix_socket_path`] / [`uri::admin_socket_path`] in `env`; `tcp`
/// goes to the URI's host (`localhost` if none) and port (16509 if none).
/// The other transports fail with an [`Error::Unsupported`].
pub async fn connect(uri: &Uri, read_only: bool, env: &SocketEnv) -> Result<Transport> {
    if uri.is_admin() {
        let path = uri::admin_socket_path(uri, env)?;
        return connect_unix(&path).await;
    }
    match uri.transport() {
        TransportKind::Unix => {
            let path = uri::unix_socket_path(Some(uri), read_only, env)?;
            connect_unix(&path).await
        }
        TransportKind::Tcp => {
            let host = uri.host().unwrap_or("localhost");
            let port = uri.effective_port().unwrap_or(uri::TCP_PORT);
            connect_tcp(host, port).await
        }
        other => Err(unsupported(other)),
    }
}
