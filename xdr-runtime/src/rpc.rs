//! What generated client code is written against: procedure descriptions
//! and the two small traits a transport implements.
//!
//! `libvirt-proto-macro` turns each `enum *_procedure` member into a
//! [`Procedure`] and each callable procedure into a thin method on a
//! generated extension trait whose default bodies encode the arguments into
//! a message buffer, hand it to [`Call::call`] (or
//! [`BlockingCall::call_blocking`]) and decode the reply. How the message
//! travels is the implementor's business.

use crate::encode::Encoder;
use std::future::Future;

/// Dispatch priority of a procedure in the daemon (`@priority`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Priority {
    /// May block on the hypervisor (the default).
    #[default]
    Low,
    /// Answered by the daemon's priority workers even when others are busy.
    High,
}

/// Direction of the data stream a procedure opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamDirection {
    /// Data flows from the daemon to the client (`@readstream`).
    Read,
    /// Data flows from the client to the daemon (`@writestream`).
    Write,
}

/// The annotations of a procedure, from the `/** ... */` comment before it
/// in the `.x` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Annotations {
    /// `@generate: none|client|server|both` (which stubs libvirt's own
    /// generator writes).
    pub generate: Option<&'static str>,
    /// `@priority`.
    pub priority: Priority,
    /// Every `@acl:` rule, in order.
    pub acl: &'static [&'static str],
    /// Every `@aclfilter:` rule, in order.
    pub aclfilter: &'static [&'static str],
    /// `@readstream: N`: the stream is the N-th parameter of the C API.
    pub readstream: Option<u32>,
    /// `@writestream: N`: the stream is the N-th parameter of the C API.
    pub writestream: Option<u32>,
    /// `@sparseflag: FLAG`: the flag that asks for a sparse stream.
    pub sparseflag: Option<&'static str>,
}

/// One procedure of an RPC program, as declared in the `.x` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Procedure {
    /// Program number (`REMOTE_PROGRAM`, ...).
    pub program: u32,
    /// Program version.
    pub version: u32,
    /// Procedure number.
    pub number: i32,
    /// The enum member, e.g. `REMOTE_PROC_DOMAIN_GET_INFO`.
    pub name: &'static str,
    /// XDR name of the arguments struct, if the procedure takes any.
    pub args: Option<&'static str>,
    /// XDR name of the reply struct, if the procedure returns anything.
    pub ret: Option<&'static str>,
    /// XDR name of the event message, if this is a server-to-client event.
    pub msg: Option<&'static str>,
    /// The procedure's annotations.
    pub annotations: Annotations,
}

impl Procedure {
    /// True for server-to-client event messages, which are never called.
    pub const fn is_event(&self) -> bool {
        self.msg.is_some()
    }

    /// The stream the procedure opens, if any.
    pub const fn stream(&self) -> Option<StreamDirection> {
        if self.annotations.readstream.is_some() {
            Some(StreamDirection::Read)
        } else if self.annotations.writestream.is_some() {
            Some(StreamDirection::Write)
        } else {
            None
        }
    }
}

/// Sends calls and waits for their replies, asynchronously.
///
/// The `message` handed to each method was made by
/// [`frame::message_encoder`](crate::frame::message_encoder) and holds the
/// encoded arguments after a reserved prefix; the implementor writes the
/// header with [`frame::finish_message`](crate::frame::finish_message) and
/// sends it.
pub trait Call {
    /// The implementor's error; every XDR failure converts into it.
    type Error: From<crate::Error>;
    /// A reply body (the XDR bytes after the header).
    type Reply: AsRef<[u8]> + Send;
    /// The data stream of `@readstream`/`@writestream` procedures.
    type Stream;

    /// Sends a call and resolves to the reply body.
    fn call(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> impl Future<Output = Result<Self::Reply, Self::Error>> + Send;

    /// Sends a call that opens a data stream and resolves to the reply body
    /// and the stream.
    fn call_with_stream(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> impl Future<Output = Result<(Self::Reply, Self::Stream), Self::Error>> + Send;
}

/// Sends calls and waits for their replies, blocking the calling thread.
///
/// The blocking twin of [`Call`], with the same contract.
pub trait BlockingCall {
    /// The implementor's error; every XDR failure converts into it.
    type Error: From<crate::Error>;
    /// A reply body (the XDR bytes after the header).
    type Reply: AsRef<[u8]>;
    /// The data stream of `@readstream`/`@writestream` procedures.
    type Stream;

    /// Sends a call and returns the reply body.
    fn call_blocking(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> Result<Self::Reply, Self::Error>;

    /// Sends a call that opens a data stream and returns the reply body and
    /// the stream.
    fn call_with_stream_blocking(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> Result<(Self::Reply, Self::Stream), Self::Error>;
}

/// Builds a call message: a [`message_encoder`](crate::frame::message_encoder)
/// with the arguments written by `encode` after the reserved prefix.
///
/// Generated methods call this first, so that a failure to encode (a value
/// over its declared limit) is reported before anything is sent.
pub fn message(encode: impl FnOnce(&mut Encoder) -> crate::Result<()>) -> crate::Result<Encoder> {
    let mut message = crate::frame::message_encoder();
    encode(&mut message)?;
    Ok(message)
}

/// Sends a message built by [`message`] and decodes the reply with
/// `decode`: the body of every generated async method.
pub fn call<'a, C, T>(
    transport: &'a C,
    procedure: &'static Procedure,
    message: crate::Result<Encoder>,
    decode: fn(&[u8]) -> crate::Result<T>,
) -> impl Future<Output = Result<T, C::Error>> + Send + 'a
where
    C: Call + ?Sized,
    T: 'a,
{
    let sent = message.map(|m| transport.call(procedure, m));
    async move {
        let reply = sent?.await?;
        Ok(decode(reply.as_ref())?)
    }
}

/// Like [`call`], for procedures that open a data stream.
pub fn call_with_stream<'a, C, T>(
    transport: &'a C,
    procedure: &'static Procedure,
    message: crate::Result<Encoder>,
    decode: fn(&[u8]) -> crate::Result<T>,
) -> impl Future<Output = Result<(T, C::Stream), C::Error>> + Send + 'a
where
    C: Call + ?Sized,
    T: 'a,
{
    let sent = message.map(|m| transport.call_with_stream(procedure, m));
    async move {
        let (reply, stream) = sent?.await?;
        Ok((decode(reply.as_ref())?, stream))
    }
}

/// The blocking twin of [`call`]: the body of every generated blocking method.
pub fn call_blocking<C, T>(
    transport: &C,
    procedure: &'static Procedure,
    message: crate::Result<Encoder>,
    decode: fn(&[u8]) -> crate::Result<T>,
) -> Result<T, C::Error>
where
    C: BlockingCall + ?Sized,
{
    let reply = transport.call_blocking(procedure, message?)?;
    Ok(decode(reply.as_ref())?)
}

/// The blocking twin of [`call_with_stream`].
pub fn call_with_stream_blocking<C, T>(
    transport: &C,
    procedure: &'static Procedure,
    message: crate::Result<Encoder>,
    decode: fn(&[u8]) -> crate::Result<T>,
) -> Result<(T, C::Stream), C::Error>
where
    C: BlockingCall + ?Sized,
{
    let (reply, stream) = transport.call_with_stream_blocking(procedure, message?)?;
    Ok((decode(reply.as_ref())?, stream))
}
