//! The connection driver: one task owns the framed transport, reads and
//! writes it, and routes what it reads.
//!
//! ```text
//!  Client::call ──Command (bounded mpsc)──┐          ┌─► reply oneshot (by serial)
//!  call dropped ──serial (unbounded)──────┤  Driver  ├─► Events (broadcast)
//!  RawStream ─────Command::Send───────────┘    │     └─► stream queue (by serial)
//!                                         Framed<Transport, FrameCodec>
//! ```
//!
//! Reading and writing are pumped by the same `poll`, so a large write
//! never stops replies from being read (a daemon blocked on writing to us
//! cannot deadlock a client blocked on writing to it). Several queued calls
//! are fed into the write buffer before a single flush.
//!
//! Frames are routed by message type first: `REPLY` by serial to the
//! waiting call, `MESSAGE` to the event subscribers (whatever its serial),
//! `STREAM`/`STREAM_HOLE` by serial to the open stream, and keepalive
//! traffic is handled here. A failure of the connection fails every
//! pending call with one [`Error::Closed`].

use crate::error::{CloseReason, Error, Result};
use crate::events::EventMessage;
use crate::frame::{Frame, FrameCodec, FrameError};
use crate::in_flight::{deliver, Completion, InFlight, PendingCall, ReplyTx};
use crate::keepalive::{self, Action, Keepalive, KeepaliveConfig};
use crate::stream::{StreamItem, Streams};
use crate::transport::Transport;
use bytes::Bytes;
use futures_util::{Sink, Stream};
use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio_util::codec::Framed;
use xdr_runtime::message::{MessageStatus, MessageType};

/// Frames handled per `poll` before yielding to other tasks.
const POLL_BUDGET: usize = 64;

/// A request from a client handle to the driver.
#[derive(Debug)]
pub(crate) enum Command {
    /// Send a call and route its reply.
    Call(CallRequest),
    /// Send a frame that gets no reply (stream data, finish, abort).
    Send(Bytes),
    /// Flush, close the transport and stop; sent after `CONNECT_CLOSE`.
    Close(oneshot::Sender<()>),
    /// Start sending keepalive PINGs.
    StartKeepalive(KeepaliveConfig),
}

/// A call on its way to the driver.
#[derive(Debug)]
pub(crate) struct CallRequest {
    pub(crate) serial: u32,
    pub(crate) program: u32,
    pub(crate) version: u32,
    pub(crate) procedure: i32,
    /// The finished message, length word included.
    pub(crate) frame: Bytes,
    pub(crate) reply: ReplyTx,
    /// Where stream frames for this serial go, for stream-opening calls.
    pub(crate) stream: Option<mpsc::Sender<StreamItem>>,
}

/// The channels a driver serves.
pub(crate) struct Channels {
    pub(crate) commands: mpsc::Receiver<Command>,
    pub(crate) cancels: mpsc::UnboundedReceiver<u32>,
    pub(crate) events: broadcast::Sender<EventMessage>,
    pub(crate) state: watch::Sender<Option<CloseReason>>,
    /// Set by [`Client::close`](crate::Client::close) before it sends
    /// `CONNECT_CLOSE`: the daemon hanging up is then expected.
    pub(crate) close_requested: Arc<AtomicBool>,
}

/// The state of one connection; polled by [`Connection`](crate::Connection).
pub(crate) struct Driver {
    framed: Framed<Transport, FrameCodec>,
    ch: Channels,
    in_flight: InFlight,
    streams: Streams,
    keepalive: Keepalive,
    /// Keepalive answers and probes, written before anything else.
    control: VecDeque<Bytes>,
    /// A stream item waiting for room in its queue; reading pauses meanwhile.
    stalled: Option<(u32, Option<StreamItem>)>,
    max_in_flight: usize,
    /// Data was fed to the sink and not flushed yet.
    dirty: bool,
    /// Stop taking commands, flush, close the transport.
    closing: Option<Option<oneshot::Sender<()>>>,
    finished: bool,
}

impl Driver {
    pub(crate) fn new(
        transport: Transport,
        codec: FrameCodec,
        ch: Channels,
        max_in_flight: usize,
    ) -> Self {
        Self {
            framed: Framed::new(transport, codec),
            ch,
            in_flight: InFlight::default(),
            streams: Streams::default(),
            keepalive: Keepalive::new(None),
            control: VecDeque::new(),
            stalled: None,
            max_in_flight: max_in_flight.max(1),
            dirty: false,
            closing: None,
            finished: false,
        }
    }

    /// Drives the connection until it closes: `Ok` after a local close,
    /// the [`Error::Closed`] handed to pending calls otherwise.
    pub(crate) fn poll_drive(&mut self, cx: &mut Context<'_>) -> Poll<Result<()>> {
        if self.finished {
            return Poll::Ready(Ok(()));
        }
        match self.poll_inner(cx) {
            Poll::Ready(Err(CloseReason::Eof | CloseReason::Io(_)))
                if self.ch.close_requested.load(Ordering::Acquire) =>
            {
                // The daemon answered CONNECT_CLOSE by hanging up.
                let _ = self.shutdown(CloseReason::Local);
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(reason)) => Poll::Ready(Err(self.shutdown(reason))),
            Poll::Ready(Ok(())) => {
                let _ = self.shutdown(CloseReason::Local);
                Poll::Ready(Ok(()))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn poll_inner(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), CloseReason>> {
        // After the first round only the sources that made progress are
        // polled again: the others returned Pending and their wakers are
        // registered. A frame read may free an in-flight slot or queue a
        // keepalive answer, so reading progress re-polls writing too.
        let (mut read, mut write) = (true, true);
        for round in 0..POLL_BUDGET {
            let mut progress = false;
            if round == 0 {
                while let Poll::Ready(Some(serial)) = self.ch.cancels.poll_recv(cx) {
                    if self.in_flight.cancel(serial) {
                        tracing::trace!(serial, "call abandoned by its caller");
                    }
                    self.streams.remove(serial);
                }
                match self.keepalive.poll(cx) {
                    Poll::Ready(Action::Ping) => {
                        tracing::debug!("sending keepalive ping");
                        self.control
                            .push_back(keepalive::message(keepalive::PROC_PING));
                        progress = true;
                    }
                    Poll::Ready(Action::Dead) => {
                        return Poll::Ready(Err(CloseReason::KeepaliveTimeout))
                    }
                    Poll::Pending => {}
                }
            }
            let r = read && self.poll_read(cx)?;
            let w = (write || r || !self.control.is_empty()) && self.poll_write(cx)?;
            (read, write) = (r, w);
            progress |= r || w;
            if let Some(done) = &mut self.closing {
                if !self.dirty && self.control.is_empty() {
                    return match Sink::<Bytes>::poll_close(Pin::new(&mut self.framed), cx) {
                        Poll::Ready(_) => {
                            if let Some(tx) = done.take() {
                                let _ = tx.send(());
                            }
                            Poll::Ready(Ok(()))
                        }
                        Poll::Pending => Poll::Pending,
                    };
                }
            }
            if !progress {
                return Poll::Pending;
            }
        }
        // Budget used up with work left: let other tasks run first.
        cx.waker().wake_by_ref();
        Poll::Pending
    }

    /// Reads and routes one frame, or finishes delivering a stalled one.
    fn poll_read(&mut self, cx: &mut Context<'_>) -> Result<bool, CloseReason> {
        if let Some((serial, item)) = &mut self.stalled {
            match self.streams.poll_deliver(cx, *serial, item) {
                Poll::Ready(()) => self.stalled = None,
                Poll::Pending => return Ok(false),
            }
        }
        match Pin::new(&mut self.framed).poll_next(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                self.keepalive.on_receive();
                self.route(cx, frame);
                Ok(true)
            }
            Poll::Ready(Some(Err(e))) => Err(read_failure(e)),
            Poll::Ready(None) => Err(CloseReason::Eof),
            Poll::Pending => Ok(false),
        }
    }

    fn route(&mut self, cx: &mut Context<'_>, frame: Frame) {
        let h = frame.header;
        if keepalive::is_keepalive(&h) {
            match h.procedure {
                keepalive::PROC_PING => {
                    tracing::trace!("answering keepalive ping");
                    self.control
                        .push_back(keepalive::message(keepalive::PROC_PONG));
                }
                keepalive::PROC_PONG => tracing::trace!("keepalive pong"),
                other => tracing::debug!(procedure = other, "unknown keepalive message ignored"),
            }
            return;
        }
        match h.kind {
            MessageType::Reply | MessageType::ReplyWithFds => self.route_reply(frame),
            MessageType::Message => {
                let event = EventMessage {
                    program: h.program,
                    version: h.version,
                    procedure: h.procedure,
                    serial: h.serial,
                    body: frame.body,
                };
                // No subscriber is not an error: the event is dropped.
                let _ = self.ch.events.send(event);
            }
            MessageType::Stream | MessageType::StreamHole => {
                let serial = h.serial;
                let mut item = Some(StreamItem::from_frame(frame));
                if self
                    .streams
                    .poll_deliver(cx, serial, &mut item)
                    .is_pending()
                {
                    tracing::trace!(serial, "stream queue full, pausing reads");
                    self.stalled = Some((serial, item));
                }
            }
            other => tracing::warn!(
                kind = ?other,
                program = h.program,
                procedure = h.procedure,
                "unexpected message type from the daemon ignored"
            ),
        }
    }

    fn route_reply(&mut self, frame: Frame) {
        let h = frame.header;
        let Some(call) = self.in_flight.take(h.serial) else {
            tracing::debug!(serial = h.serial, "reply for no pending call discarded");
            return;
        };
        let outcome = if h.program != call.program || h.version != call.version {
            Err(Error::Protocol(format!(
                "reply for serial {} names program {:#x} version {}, the call was procedure {} of {:#x} version {}",
                h.serial, h.program, h.version, call.procedure, call.program, call.version
            )))
        } else if h.kind == MessageType::ReplyWithFds {
            Err(Error::Unsupported(
                "replies carrying file descriptors are not supported yet".into(),
            ))
        } else {
            match h.status {
                MessageStatus::Ok => Ok(frame.body),
                MessageStatus::Error => Err(Error::remote_from_body(&frame.body)),
                other => Err(Error::Protocol(format!(
                    "reply for serial {} has status {other:?}",
                    h.serial
                ))),
            }
        };
        if outcome.is_err() {
            self.streams.remove(h.serial);
        }
        if deliver(call, outcome) == Completion::CallerGone {
            tracing::debug!(serial = h.serial, "late reply discarded, caller gone");
        }
    }

    /// Writes control frames, then queued commands while there is room,
    /// then flushes.
    fn poll_write(&mut self, cx: &mut Context<'_>) -> Result<bool, CloseReason> {
        let mut progress = false;
        loop {
            let want_command = self.closing.is_none() && self.in_flight.len() < self.max_in_flight;
            if self.control.is_empty() && !want_command {
                break;
            }
            match Sink::<Bytes>::poll_ready(Pin::new(&mut self.framed), cx) {
                Poll::Ready(Ok(())) => {}
                Poll::Ready(Err(e)) => return Err(write_failure(e)),
                Poll::Pending => break,
            }
            if let Some(frame) = self.control.pop_front() {
                self.start_send(frame).map_err(write_failure)?;
                progress = true;
                continue;
            }
            match self.ch.commands.poll_recv(cx) {
                Poll::Ready(Some(cmd)) => {
                    self.command(cmd)?;
                    progress = true;
                }
                Poll::Ready(None) => {
                    // Every client handle is gone: nobody can wait for anything.
                    self.closing = Some(None);
                    progress = true;
                    break;
                }
                Poll::Pending => break,
            }
        }
        if self.dirty {
            match Sink::<Bytes>::poll_flush(Pin::new(&mut self.framed), cx) {
                Poll::Ready(Ok(())) => self.dirty = false,
                Poll::Ready(Err(e)) => return Err(write_failure(e)),
                Poll::Pending => {}
            }
        }
        Ok(progress)
    }

    fn start_send(&mut self, frame: Bytes) -> Result<(), FrameError> {
        Pin::new(&mut self.framed).start_send(frame)?;
        self.dirty = true;
        Ok(())
    }

    fn command(&mut self, cmd: Command) -> Result<(), CloseReason> {
        match cmd {
            Command::Call(req) => self.start_call(req),
            Command::Send(frame) => match self.start_send(frame) {
                Err(FrameError::Io(e)) => Err(CloseReason::Io(Arc::new(e))),
                Err(e) => {
                    tracing::warn!(error = %e, "stream frame not sent");
                    Ok(())
                }
                Ok(()) => Ok(()),
            },
            Command::Close(done) => {
                self.closing = Some(Some(done));
                Ok(())
            }
            Command::StartKeepalive(config) => {
                self.keepalive.start(config);
                Ok(())
            }
        }
    }

    fn start_call(&mut self, req: CallRequest) -> Result<(), CloseReason> {
        if req.reply.is_closed() {
            // The caller gave up while the call was queued: never send it.
            return Ok(());
        }
        let call = PendingCall {
            program: req.program,
            version: req.version,
            procedure: req.procedure,
            reply: req.reply,
        };
        if let Err(call) = self.in_flight.insert(req.serial, call) {
            let err = Error::Protocol(format!("serial {} is already in flight", req.serial));
            let _ = call.reply.send(Err(err));
            return Ok(());
        }
        match self.start_send(req.frame) {
            Ok(()) => {
                if let Some(tx) = req.stream {
                    self.streams.register(req.serial, tx);
                }
                Ok(())
            }
            Err(FrameError::Io(e)) => Err(CloseReason::Io(Arc::new(e))),
            Err(e) => {
                // Refused before a byte was written: only this call fails.
                let err = match e {
                    FrameError::TooLarge { len, max } => Error::MessageTooLarge { len, max },
                    other => Error::Protocol(other.to_string()),
                };
                self.in_flight.complete(req.serial, Err(err));
                Ok(())
            }
        }
    }

    /// Fails everything that is waiting and publishes the close reason.
    fn shutdown(&mut self, reason: CloseReason) -> Error {
        let err = Error::Closed(reason.clone());
        if self.finished {
            return err;
        }
        self.finished = true;
        match &reason {
            CloseReason::Local => tracing::debug!("connection closed"),
            other => tracing::debug!(reason = %other, "connection failed"),
        }
        // Publish first, so that a caller whose send fails reads the reason.
        self.ch.state.send_replace(Some(reason));
        self.ch.commands.close();
        self.ch.cancels.close();
        while let Ok(cmd) = self.ch.commands.try_recv() {
            match cmd {
                Command::Call(req) => {
                    let _ = req.reply.send(Err(err.clone()));
                }
                Command::Close(done) => {
                    let _ = done.send(());
                }
                Command::Send(_) | Command::StartKeepalive(_) => {}
            }
        }
        let n = self.in_flight.fail_all(&err);
        if n > 0 {
            tracing::debug!(pending = n, "pending calls failed");
        }
        self.streams.fail_all(&err);
        if let Some(Some(done)) = self.closing.take() {
            let _ = done.send(());
        }
        err
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.shutdown(CloseReason::DriverGone);
        }
    }
}

fn read_failure(e: FrameError) -> CloseReason {
    match e {
        FrameError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => CloseReason::Eof,
        FrameError::Io(e) => CloseReason::Io(Arc::new(e)),
        FrameError::TooLarge { len, max } => CloseReason::FrameTooLarge { len, max },
        other => CloseReason::Protocol(Arc::from(format!("received {other}"))),
    }
}

fn write_failure(e: FrameError) -> CloseReason {
    match e {
        FrameError::Io(e) => CloseReason::Io(Arc::new(e)),
        other => CloseReason::Protocol(Arc::from(format!("sending: {other}"))),
    }
}
