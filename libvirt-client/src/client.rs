//! [`Client`]: the cheap, cloneable handle through which calls are made.

use crate::dispatch::{CallRequest, Command};
use crate::error::{CloseReason, Error, Result};
use crate::events::{EventMessage, Events};
use crate::keepalive::KeepaliveConfig;
use crate::stream::{RawStream, StreamItem};
use bytes::Bytes;
use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use xdr_runtime::frame::{finish_message, message_encoder, MAX_FRAME_LEN, PREFIX_LEN};
use xdr_runtime::message::{Header, MessageStatus, MessageType};
use xdr_runtime::rpc::{Call, Procedure};
use xdr_runtime::{Decode, Encode, Encoder};

/// A procedure to call when the connection is closed politely
/// (`REMOTE_PROC_CONNECT_CLOSE`, `ADMIN_PROC_CONNECT_CLOSE`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct CloseCall {
    pub(crate) program: u32,
    pub(crate) version: u32,
    pub(crate) procedure: i32,
}

struct Inner {
    commands: mpsc::Sender<Command>,
    cancels: mpsc::UnboundedSender<u32>,
    events: broadcast::Sender<EventMessage>,
    state: watch::Receiver<Option<CloseReason>>,
    serial: AtomicU32,
    close_call: OnceLock<CloseCall>,
    close_requested: Arc<AtomicBool>,
    stream_capacity: usize,
}

/// A handle to one connection. Cloning is cheap and every clone talks to
/// the same connection; calls from many tasks run concurrently and are
/// matched to their replies by serial.
///
/// The connection itself is driven by the [`Connection`](crate::Connection)
/// future returned alongside; nothing happens unless it is polled (usually
/// spawned). When every `Client` is dropped the connection closes.
///
/// # Cancel safety
///
/// Dropping a call's future (or losing it to a timeout) is safe at any
/// point: a call still queued is never sent, and a reply that arrives after
/// the caller left is discarded. The connection stays usable either way.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    timeout: Option<Duration>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("closed", &self.is_closed())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// Removes an abandoned call from the driver's table when dropped armed.
struct CancelGuard<'a> {
    cancels: &'a mpsc::UnboundedSender<u32>,
    serial: u32,
    armed: bool,
}

impl Drop for CancelGuard<'_> {
    fn drop(&mut self) {
        if self.armed {
            // Unbounded: at most one message per abandoned call, and it
            // must not wait inside `drop`.
            let _ = self.cancels.send(self.serial);
        }
    }
}

/// Builds a finished message from an encoder made by
/// [`message_encoder`], checking the 32 MiB limit.
pub(crate) fn finish_call(message: Encoder, header: &Header) -> Result<Bytes> {
    if message.len() > MAX_FRAME_LEN as usize {
        return Err(Error::MessageTooLarge {
            len: message.len() as u64,
            max: MAX_FRAME_LEN,
        });
    }
    let mut frame = message.into_vec();
    if frame.len() < PREFIX_LEN {
        return Err(Error::Protocol(
            "message encoder lacks the reserved prefix; use frame::message_encoder()".into(),
        ));
    }
    finish_message(&mut frame, header)?;
    Ok(Bytes::from(frame))
}

/// Builds a finished message from a header and an encoded body.
pub(crate) fn build_frame(header: &Header, body: &[u8]) -> Result<Bytes> {
    let mut enc = message_encoder();
    enc.put_raw(body);
    finish_call(enc, header)
}

impl Client {
    pub(crate) fn new(
        commands: mpsc::Sender<Command>,
        cancels: mpsc::UnboundedSender<u32>,
        events: broadcast::Sender<EventMessage>,
        state: watch::Receiver<Option<CloseReason>>,
        close_requested: Arc<AtomicBool>,
        timeout: Option<Duration>,
        stream_capacity: usize,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                commands,
                cancels,
                events,
                state,
                serial: AtomicU32::new(1),
                close_call: OnceLock::new(),
                close_requested,
                stream_capacity: stream_capacity.max(1),
            }),
            timeout,
        }
    }

    /// A handle to the same connection whose calls time out after
    /// `timeout` (`None`: wait for ever). The timeout covers queueing and
    /// waiting for the reply; a timed-out call fails with
    /// [`Error::Timeout`] and leaves the connection usable.
    pub fn with_timeout(&self, timeout: Option<Duration>) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
            timeout,
        }
    }

    /// This handle's call timeout.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// True once the connection is closed; calls then fail at once.
    pub fn is_closed(&self) -> bool {
        self.inner.state.borrow().is_some() || self.inner.commands.is_closed()
    }

    /// Why the connection closed, once it has.
    pub fn close_reason(&self) -> Option<CloseReason> {
        self.inner.state.borrow().clone().or_else(|| {
            self.inner
                .commands
                .is_closed()
                .then_some(CloseReason::DriverGone)
        })
    }

    /// Waits until the connection closes and says why.
    pub async fn closed(&self) -> CloseReason {
        let mut state = self.inner.state.clone();
        let reason = match state.wait_for(Option::is_some).await {
            Ok(r) => r.clone(),
            Err(_) => None,
        };
        reason.unwrap_or(CloseReason::DriverGone)
    }

    /// The canonical error for calls on a closed connection.
    pub(crate) fn closed_error(&self) -> Error {
        Error::Closed(self.close_reason().unwrap_or(CloseReason::DriverGone))
    }

    /// Subscribes to the connection's events (`MESSAGE` frames); see
    /// [`Events`]. Registering for events with the daemon (for example
    /// `CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY`) is a normal call.
    pub fn subscribe_events(&self) -> Events {
        Events::new(self.inner.events.subscribe(), self.inner.state.clone())
    }

    fn next_serial(&self) -> u32 {
        loop {
            // 0 is what keepalive and events use; skip it on wrap-around.
            let s = self.inner.serial.fetch_add(1, Ordering::Relaxed);
            if s != 0 {
                return s;
            }
        }
    }

    pub(crate) async fn send_command(&self, cmd: Command) -> Result<()> {
        self.inner
            .commands
            .send(cmd)
            .await
            .map_err(|_| self.closed_error())
    }

    /// Queues a frame that gets no reply (stream data and control).
    pub(crate) async fn send_frame(&self, frame: Bytes) -> Result<()> {
        self.send_command(Command::Send(frame)).await
    }

    /// Like [`send_frame`](Self::send_frame) but never waits; used from `drop`.
    pub(crate) fn try_send_frame(&self, frame: Bytes) {
        let _ = self.inner.commands.try_send(Command::Send(frame));
    }

    pub(crate) fn set_close_call(&self, call: CloseCall) {
        let _ = self.inner.close_call.set(call);
    }

    pub(crate) async fn start_keepalive(&self, config: KeepaliveConfig) -> Result<()> {
        self.send_command(Command::StartKeepalive(config)).await
    }

    /// Sends a call and waits for its reply body.
    ///
    /// `message` must come from [`xdr_runtime::frame::message_encoder`]
    /// with the arguments encoded after the reserved prefix; the header is
    /// filled in here. A message over 32 MiB fails with
    /// [`Error::MessageTooLarge`] without being sent. A `VIR_NET_ERROR`
    /// reply becomes [`Error::Remote`].
    pub async fn call_raw(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
    ) -> Result<Bytes> {
        let serial = self.next_serial();
        self.call_inner(serial, program, version, procedure, message, None)
            .await
    }

    async fn call_inner(
        &self,
        serial: u32,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
        stream: Option<mpsc::Sender<StreamItem>>,
    ) -> Result<Bytes> {
        let header = Header {
            program,
            version,
            procedure,
            kind: MessageType::Call,
            serial,
            status: MessageStatus::Ok,
        };
        let frame = finish_call(message, &header)?;
        let (reply, rx) = oneshot::channel();
        let request = CallRequest {
            serial,
            program,
            version,
            procedure,
            frame,
            reply,
            stream,
        };
        let mut guard = CancelGuard {
            cancels: &self.inner.cancels,
            serial,
            armed: true,
        };
        let exchange = async {
            self.send_command(Command::Call(request)).await?;
            rx.await.unwrap_or_else(|_| Err(self.closed_error()))
        };
        let result = match self.timeout {
            Some(limit) => tokio::time::timeout(limit, exchange)
                .await
                .unwrap_or(Err(Error::Timeout(limit))),
            None => exchange.await,
        };
        guard.armed = matches!(result, Err(Error::Timeout(_)));
        result
    }

    /// Encodes `args`, calls, and decodes the whole reply as `R`.
    pub async fn call_typed<A, R>(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        args: &A,
    ) -> Result<R>
    where
        A: Encode + ?Sized,
        R: Decode,
    {
        let mut message = message_encoder();
        args.encode(&mut message)?;
        let reply = self.call_raw(program, version, procedure, message).await?;
        Ok(xdr_runtime::from_bytes(&reply)?)
    }

    /// Sends a call that opens a data stream; returns the reply body and
    /// the stream. Stream frames arriving right after the reply are kept.
    pub async fn call_with_stream_raw(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
    ) -> Result<(Bytes, RawStream)> {
        let (tx, rx) = mpsc::channel(self.inner.stream_capacity);
        let serial = self.next_serial();
        let reply = self
            .call_inner(serial, program, version, procedure, message, Some(tx))
            .await?;
        let stream = RawStream::new(self.clone(), (program, version, procedure, serial), rx);
        Ok((reply, stream))
    }

    /// Closes the connection politely: sends `CONNECT_CLOSE` (for
    /// connections opened with a handshake), then flushes and closes the
    /// transport. Pending calls from other handles fail with
    /// [`Error::Closed`]. Closing a closed connection is a no-op.
    pub async fn close(&self) -> Result<()> {
        if self.is_closed() {
            return Ok(());
        }
        let mut result = Ok(());
        self.inner.close_requested.store(true, Ordering::Release);
        if let Some(c) = self.inner.close_call.get().copied() {
            result = self
                .call_raw(c.program, c.version, c.procedure, message_encoder())
                .await
                .map(drop);
        }
        let (done, wait) = oneshot::channel();
        if self.send_command(Command::Close(done)).await.is_ok() {
            let _ = wait.await;
        }
        match result {
            Err(e) if e.is_closed() => Ok(()),
            other => other,
        }
    }
}

impl Call for Client {
    type Error = Error;
    type Reply = Bytes;
    type Stream = RawStream;

    fn call(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> impl Future<Output = Result<Bytes>> + Send {
        self.call_raw(
            procedure.program,
            procedure.version,
            procedure.number,
            message,
        )
    }

    fn call_with_stream(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> impl Future<Output = Result<(Bytes, RawStream)>> + Send {
        self.call_with_stream_raw(
            procedure.program,
            procedure.version,
            procedure.number,
            message,
        )
    }
}
