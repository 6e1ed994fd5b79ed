//! A pure-Rust client for libvirt's RPC protocol: it speaks the wire
//! protocol of `libvirtd` and the modular daemons directly, without the C
//! library.
//!
//! ```no_run
//! use libvirt_client::{connect, handshake, Result};
//! use xdr_runtime::frame::message_encoder;
//!
//! # async fn demo() -> Result<()> {
//! let (client, connection) = connect("qemu:///system").await?;
//! connection.spawn();
//!
//! // REMOTE_PROC_CONNECT_GET_LIB_VERSION: no arguments, one unsigned hyper back.
//! let version: u64 = client
//!     .call_typed(handshake::REMOTE_PROGRAM, handshake::REMOTE_VERSION, 157, &())
//!     .await?;
//! println!("libvirt {}.{}.{}", version / 1_000_000, version / 1000 % 1000, version % 1000);
//!
//! // The same call with the raw interface generated code uses.
//! let body = client
//!     .call_raw(handshake::REMOTE_PROGRAM, handshake::REMOTE_VERSION, 157, message_encoder())
//!     .await?;
//! assert_eq!(body.len(), 8);
//! client.close().await
//! # }
//! ```
//!
//! # Connection driver
//!
//! [`connect`] returns a [`Client`] and a [`Connection`]. The client is a
//! cheap `Clone + Send + Sync` handle; the connection is a future that owns
//! the socket and does all reading and writing. Nothing moves until the
//! connection is polled: spawn it with [`Connection::spawn`] (or
//! [`connect_and_spawn`]), or poll it yourself. It finishes when the
//! connection closes, and [`Client::closed`] reports why.
//!
//! Calls are queued to the driver through a bounded channel (callers wait
//! when it is full), written in batches with one flush, and matched to
//! replies by serial, so calls from many tasks overlap on one connection.
//! Events (`MESSAGE` frames) go to [`Client::subscribe_events`], data
//! streams to their [`RawStream`], keepalive PINGs are answered by the
//! driver, and if the connection fails every pending call gets the same
//! [`Error::Closed`].
//!
//! # Cancel safety
//!
//! Every call future may be dropped at any point, for example by
//! `tokio::time::timeout` or `select!`. A call still queued is then never
//! sent; a call already sent is forgotten and its late reply is discarded.
//! The connection stays consistent and usable. [`Client::with_timeout`] and
//! [`ConnectOptions::call_timeout`] do this for you.
//!
//! # Memory bounds
//!
//! A slow or absent consumer never makes the client buffer without limit:
//! at most [`ConnectOptions::queue_capacity`] calls wait for the driver
//! and [`ConnectOptions::max_in_flight`] wait for replies (each reply is
//! one frame of at most 32 MiB, held until its caller takes it); events
//! are kept in a ring of [`ConnectOptions::event_capacity`] per
//! subscriber, the oldest dropped (and reported) when a subscriber lags;
//! stream data is queued up to [`ConnectOptions::stream_capacity`] chunks
//! per stream, after which the driver stops reading the socket until the
//! stream's reader catches up. A frame announcing more than 32 MiB is
//! rejected before any of it is buffered.
//!
//! # Blocking use
//!
//! [`BlockingClient`] offers the same calls to threads without a runtime.

#![forbid(unsafe_code)]

pub mod api;
pub mod blocking;
mod client;
mod connection;
mod dispatch;
mod error;
pub mod events;
pub mod frame;
pub mod handshake;
mod in_flight;
pub mod keepalive;
pub mod proto;
mod remote_error;
mod stream;
pub mod transport;
pub mod uri;

pub use blocking::{BlockingClient, BlockingStream};
pub use client::Client;
pub use connection::{
    connect, connect_and_spawn, connect_default, connect_with, from_transport, open,
    ConnectOptions, Connection, SUPPORTED_TRANSPORTS,
};
pub use error::{CloseReason, Error, Result};
pub use events::{EventMessage, Events, EventsError};
pub use keepalive::KeepaliveConfig;
// The types of a `DaemonError`'s code, domain and level, generated from
// libvirt's `virErrorNumber`, `virErrorDomain` and `virErrorLevel`.
pub use api::{ErrorDomain, ErrorLevel, ErrorNumber};
pub use remote_error::{DaemonError, ErrorDomainRef, ErrorNetworkRef};
pub use stream::{RawStream, StreamChunk};
pub use transport::Transport;
pub use uri::{Uri, UriError};

/// The call traits of the programs of a hypervisor connection (remote,
/// QEMU, LXC), to call generated methods on a [`Client`] or
/// [`BlockingClient`].
///
/// Admin connections use `proto::admin::{AdminCalls, AdminBlockingCalls}`
/// instead; their method names (`connect_get_lib_version`, ...) overlap
/// the remote program's.
pub mod prelude {
    pub use crate::proto::lxc::{LxcBlockingCalls, LxcCalls};
    pub use crate::proto::qemu::{QemuBlockingCalls, QemuCalls};
    pub use crate::proto::remote::{RemoteBlockingCalls, RemoteCalls};
}
