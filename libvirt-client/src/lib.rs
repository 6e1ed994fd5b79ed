//! A pure-Rust libvirt client: it speaks libvirt's RPC protocol to the
//! daemon (`libvirtd`, `virtqemud`, `virtproxyd`, ...) directly, without
//! libvirt's C library. Its API is libvirt's own, generated at compile time
//! from libvirt's API description and protocol files: an [`api::Connect`],
//! object handles ([`api::Domain`], [`api::StoragePool`], [`api::Network`],
//! ...) whose methods are libvirt's functions in snake_case
//! (`virDomainGetInfo` is [`api::Domain::get_info`]), enums and bit flags for every libvirt enum, and
//! structs for typed parameters. Search the docs for a C name
//! (`virDomainCreate`, `VIR_DOMAIN_RUNNING`): every item carries it as an
//! alias.
//!
//! # Cookbook
//!
//! ## List domains with their state
//!
//! ```no_run
//! use libvirt_client::api::{Connect, ConnectListAllDomainsFlags};
//!
//! # async fn demo() -> libvirt_client::Result<()> {
//! let conn = Connect::open("qemu:///system").await?;
//! for dom in conn.list_all_domains(ConnectListAllDomainsFlags::empty()).await? {
//!     let info = dom.get_info().await?;
//!     // `state` is a `DomainState`; it prints the words virsh prints.
//!     println!("{:<20} {:<10} {} KiB", dom.name(), info.state, info.memory);
//! }
//! # Ok(()) }
//! ```
//!
//! ## A domain's life cycle
//!
//! ```no_run
//! use libvirt_client::api::{Connect, Domain, DomainState};
//!
//! # async fn demo(xml: &str) -> libvirt_client::Result<()> {
//! let conn = Connect::open("test+unix:///default").await?;
//! let dom = Domain::define_xml(&conn, xml).await?;
//! dom.create().await?; // as in C, the handle's id is refreshed
//! println!("{} runs as id {:?}", dom.name(), dom.id());
//! let (state, reason) = dom.get_state(0).await?;
//! assert_eq!(state, DomainState::Running);
//! println!("{state} ({reason})"); // "running (booted)"
//! dom.destroy().await?;
//! dom.undefine().await?;
//! # Ok(()) }
//! ```
//!
//! ## Typed parameters
//!
//! Getters do what the C library does (ask how many parameters there are,
//! then fetch them, allowing strings) and return a struct with one
//! `Option` per parameter libvirt documents, plus the ones it does not
//! know in `extra`. Setters take the same struct; [`api::TypedParams`] is the
//! ordered name → value list underneath.
//!
//! ```no_run
//! use libvirt_client::api::{Domain, DomainModificationImpact, BlockIoTune};
//!
//! # async fn demo(dom: &Domain) -> libvirt_client::Result<()> {
//! let tune = dom.get_block_io_tune(Some("vda"), DomainModificationImpact::LIVE).await?;
//! println!("total_bytes_sec = {:?}", tune.total_bytes_sec);
//!
//! let mut change = BlockIoTune::default();
//! change.total_iops_sec = Some(500);
//! dom.set_block_io_tune("vda", &change, DomainModificationImpact::LIVE).await?;
//! # Ok(()) }
//! ```
//!
//! ## Errors
//!
//! Every call returns [`Result`]. A daemon's error keeps libvirt's code,
//! domain and message ([`DaemonError`]); a lost connection is one
//! [`Error::Closed`] for every pending and later call.
//!
//! ```no_run
//! use libvirt_client::api::{Connect, Domain};
//! use libvirt_client::ErrorNumber;
//!
//! # async fn demo(conn: &Connect) -> libvirt_client::Result<()> {
//! match Domain::lookup_by_name(conn, "web").await {
//!     Ok(dom) => println!("found {}", dom.uuid()),
//!     Err(e) if e.remote_code() == Some(ErrorNumber::NoDomain) => println!("no such domain"),
//!     Err(e) => return Err(e),
//! }
//! # Ok(()) }
//! ```
//!
//! ## Without async
//!
//! [`api::blocking`] has the same handles and methods for plain threads.
//!
//! ```no_run
//! use libvirt_client::api::blocking::Connect;
//!
//! let conn = Connect::open("qemu:///system")?;
//! println!("{:?}", conn.node_get_info()?);
//! # Ok::<(), libvirt_client::Error>(())
//! ```
//!
//! More in `examples/`: `list_domains`, `lifecycle`, `typed_params`,
//! `errors` and `virsh`, a subset of virsh with byte-identical output.
//!
//! # What is generated, and from what
//!
//! - [`api`]: from `api/libvirt-api.xml` (libvirt 9.0.0's API description)
//!   by `include_api!`: every enum group, flag set and constant
//!   ([`api::consts`] under the C names), the typed-parameter structs, and
//!   one method per function that has a remote procedure; the functions
//!   where the C library does more than one call are written by hand
//!   beside them (`api/coverage.txt` lists them, and what is left out and
//!   why).
//! - [`proto`]: from libvirt's `.x` files by `include_protocol!`: every
//!   procedure of the wire protocol as a method of [`Client`] (bring
//!   [`prelude`] into scope), for what the typed layer does not cover.
//!   [`api::Connect::client`] reaches it from a typed connection.
//!
//! # The engine underneath
//!
//! ## Connection driver
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
//! ## Cancel safety
//!
//! Every call future may be dropped at any point, for example by
//! `tokio::time::timeout` or `select!`. A call still queued is then never
//! sent; a call already sent is forgotten and its late reply is discarded.
//! The connection stays consistent and usable. [`Client::with_timeout`] and
//! [`ConnectOptions::call_timeout`] do this for you.
//!
//! ## Memory bounds
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
//! ## Blocking use
//!
//! [`BlockingClient`] offers the same raw calls to threads without a
//! runtime; [`api::blocking`] builds the blocking typed API on it.

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
