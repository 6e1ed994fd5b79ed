//! The protocol, generated at compile time from libvirt's own `.x` files
//! (`proto/`, vendored unmodified) by `include_protocol!`.
//!
//! One module per file. Each holds the file's constants and types, and
//! for each program its procedure numbers (`RemoteProcedure`,
//! `QemuProcedure`, ...: the `enum remote_procedure` of the file), its
//! procedure table (`PROCEDURES`, of `xdr_runtime::rpc::Procedure`), its
//! event messages (`Event`, which decodes the body of an
//! [`EventMessage`](crate::EventMessage)) and two call traits with one
//! method per procedure: `RemoteCalls` (async) and `RemoteBlockingCalls`,
//! and likewise `Qemu…`, `Lxc…`, `Admin…`. [`Client`](crate::Client)
//! implements the async traits and [`BlockingClient`](crate::BlockingClient)
//! the blocking ones; bring them into scope with
//! `use libvirt_client::prelude::*;`.
//!
//! Names drop the file's prefix (`remote_nonnull_domain` is
//! `NonnullDomain`) except where the result would be a name of Rust's
//! prelude or of the runtime: `remote_string` is `RemoteString`,
//! `remote_procedure` `RemoteProcedure`, `remote_error` `RemoteError`. So
//! `use libvirt_client::*;` and `use libvirt_client::proto::remote::*;`
//! together shadow nothing and collide nowhere.
//!
//! ```no_run
//! use libvirt_client::prelude::*;
//!
//! # async fn demo() -> libvirt_client::Result<()> {
//! let client = libvirt_client::connect_and_spawn("test:///default").await?;
//! for dom in client.connect_list_all_domains(1, 0).await?.domains {
//!     let info = client.domain_get_info(&dom).await?;
//!     println!("{} state {} memory {} KiB", dom.name, info.state, info.memory);
//! }
//! # Ok(()) }
//! ```
//!
//! The generated code is documented from the `.x` files; print it with the
//! `xdr-expand` command of `libvirt-proto-codegen`.

/// `remote_protocol.x`: the main libvirt API (`REMOTE_PROGRAM`).
///
/// `CONNECT_OPEN` and `CONNECT_CLOSE` are not methods of the call traits:
/// the client opens the connection itself and closes it with
/// [`Client::close`](crate::Client::close), for every clone at once.
///
/// ```compile_fail
/// use libvirt_client::prelude::*;
/// # async fn demo(client: &libvirt_client::Client) -> libvirt_client::Result<()> {
/// client.connect_close().await?; // no such method: use client.close()
/// # Ok(()) }
/// ```
///
/// ```compile_fail
/// use libvirt_client::prelude::*;
/// # fn demo(client: &libvirt_client::BlockingClient) -> libvirt_client::Result<()> {
/// client.connect_open(Some("test:///default"), 0)?; // no such method
/// # Ok(()) }
/// ```
pub mod remote {
    libvirt_proto_macro::include_protocol!(
        "proto/remote_protocol.x",
        api_xml = "api/libvirt-api.xml",
        internal = [CONNECT_OPEN, CONNECT_CLOSE],
    );
}

/// `qemu_protocol.x`: QEMU-specific calls (`QEMU_PROGRAM`).
pub mod qemu {
    libvirt_proto_macro::include_protocol!(
        "proto/qemu_protocol.x",
        extern = { "proto/remote_protocol.x" => crate::proto::remote },
        api_xml = "api/libvirt-api.xml",
    );
}

/// `lxc_protocol.x`: LXC-specific calls (`LXC_PROGRAM`).
pub mod lxc {
    libvirt_proto_macro::include_protocol!(
        "proto/lxc_protocol.x",
        extern = { "proto/remote_protocol.x" => crate::proto::remote },
        api_xml = "api/libvirt-api.xml",
    );
}

/// `admin_protocol.x`: daemon administration (`ADMIN_PROGRAM`, on the
/// admin sockets). As in [`remote`], `CONNECT_OPEN` and `CONNECT_CLOSE`
/// are the client's own business.
pub mod admin {
    libvirt_proto_macro::include_protocol!(
        "proto/admin_protocol.x",
        api_xml = "api/libvirt-api.xml",
        internal = [CONNECT_OPEN, CONNECT_CLOSE],
    );
}

/// `virkeepaliveprotocol.x`: the keepalive program, handled by the
/// connection driver. Its PING and PONG are one-way messages, so no call
/// methods are generated.
pub mod keepalive {
    libvirt_proto_macro::include_protocol!("proto/virkeepaliveprotocol.x", client = "none");
}

/// `virnetprotocol.x`: the message header, message error and stream hole.
///
/// The connection driver uses the hand-written equivalents in
/// `xdr_runtime::message`; the workspace tests check both encode alike.
pub mod virnet {
    libvirt_proto_macro::include_protocol!(
        "proto/virnetprotocol.x",
        api_xml = "api/libvirt-api.xml"
    );
}
