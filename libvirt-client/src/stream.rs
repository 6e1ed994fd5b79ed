//! Data streams (`VIR_NET_STREAM` / `VIR_NET_STREAM_HOLE` frames) tied to
//! the serial of the call that opened them.
//!
//! The driver keeps one bounded queue per open stream. When a stream's
//! reader falls behind and its queue is full, the driver stops reading the
//! socket until there is room again (it keeps writing meanwhile), so the
//! daemon is slowed down by TCP flow control instead of the client
//! buffering without bound. A stream must therefore be read, finished or
//! dropped; dropping it aborts it.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::frame::Frame;
use bytes::Bytes;
use std::collections::HashMap;
use std::task::{Context, Poll};
use tokio::sync::mpsc;
use tokio_util::sync::PollSender;
use xdr_runtime::message::{MessageStatus, MessageType};

/// What the driver hands a stream reader.
#[derive(Debug)]
pub(crate) enum StreamItem {
    Data(Bytes),
    Hole(Bytes),
    /// `CONTINUE` without payload: the daemon has no more data.
    Eof,
    /// `OK`: the daemon confirmed a finish or an abort.
    Finished,
    /// `ERROR`: the stream failed.
    Failed(Error),
}

impl StreamItem {
    /// Classifies a stream frame from the daemon.
    pub(crate) fn from_frame(frame: Frame) -> Self {
        match (frame.header.kind, frame.header.status) {
            (_, MessageStatus::Error) => Self::Failed(Error::remote_from_body(&frame.body)),
            (MessageType::StreamHole, _) => Self::Hole(frame.body),
            (_, MessageStatus::Ok) => Self::Finished,
            (_, _) if frame.body.is_empty() => Self::Eof,
            (_, _) => Self::Data(frame.body),
        }
    }

    fn ends_stream(&self) -> bool {
        matches!(self, Self::Finished | Self::Failed(_))
    }
}

/// The driver's table of open streams.
#[derive(Debug, Default)]
pub(crate) struct Streams {
    open: HashMap<u32, PollSender<StreamItem>>,
}

impl Streams {
    pub(crate) fn register(&mut self, serial: u32, tx: mpsc::Sender<StreamItem>) {
        self.open.insert(serial, PollSender::new(tx));
    }

    pub(crate) fn remove(&mut self, serial: u32) {
        self.open.remove(&serial);
    }

    /// Tries to queue `item` for the stream `serial`. `Pending` means the
    /// queue is full: keep the item and poll again (the waker is set).
    /// Items for unknown or abandoned streams are dropped.
    pub(crate) fn poll_deliver(
        &mut self,
        cx: &mut Context<'_>,
        serial: u32,
        item: &mut Option<StreamItem>,
    ) -> Poll<()> {
        let Some(tx) = self.open.get_mut(&serial) else {
            tracing::debug!(serial, "stream data for no open stream discarded");
            *item = None;
            return Poll::Ready(());
        };
        match tx.poll_reserve(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(Err(_)) => {
                // The reader was dropped; the stream was aborted.
                *item = None;
                self.open.remove(&serial);
                return Poll::Ready(());
            }
            Poll::Ready(Ok(())) => {}
        }
        if let Some(it) = item.take() {
            let ends = it.ends_stream();
            if tx.send_item(it).is_err() || ends {
                self.open.remove(&serial);
            }
        }
        Poll::Ready(())
    }

    /// Ends every stream with `err`, without waiting for queue space.
    pub(crate) fn fail_all(&mut self, err: &Error) {
        for (_, tx) in self.open.drain() {
            if let Some(tx) = tx.get_ref() {
                let _ = tx.try_send(StreamItem::Failed(err.clone()));
            }
        }
    }
}

/// One piece of incoming stream data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamChunk {
    /// Raw bytes.
    Data(Bytes),
    /// A hole in sparse data (`virNetStreamHole`): `length` bytes of zeros.
    Hole {
        /// Length of the hole.
        length: i64,
        /// `virNetStreamHole.flags`.
        flags: u32,
    },
}

/// The data stream opened by a `@readstream`/`@writestream` procedure,
/// from [`Client::call_with_stream_raw`].
///
/// Dropping it without [`finish`](Self::finish) aborts the stream.
#[derive(Debug)]
pub struct RawStream {
    client: Client,
    program: u32,
    version: u32,
    procedure: i32,
    serial: u32,
    rx: mpsc::Receiver<StreamItem>,
    done: bool,
}

impl RawStream {
    pub(crate) fn new(
        client: Client,
        (program, version, procedure, serial): (u32, u32, i32, u32),
        rx: mpsc::Receiver<StreamItem>,
    ) -> Self {
        Self {
            client,
            program,
            version,
            procedure,
            serial,
            rx,
            done: false,
        }
    }

    /// The serial of the call that opened the stream.
    pub fn serial(&self) -> u32 {
        self.serial
    }

    fn frame(&self, kind: MessageType, status: MessageStatus, body: &[u8]) -> Result<Bytes> {
        let header = xdr_runtime::message::Header {
            program: self.program,
            version: self.version,
            procedure: self.procedure,
            kind,
            serial: self.serial,
            status,
        };
        crate::client::build_frame(&header, body)
    }

    /// Receives the next chunk; `None` once the daemon has sent all data.
    pub async fn recv(&mut self) -> Result<Option<StreamChunk>> {
        if self.done {
            return Ok(None);
        }
        match self.rx.recv().await {
            Some(StreamItem::Data(b)) => Ok(Some(StreamChunk::Data(b))),
            Some(StreamItem::Hole(b)) => {
                let mut dec = xdr_runtime::Decoder::new(&b);
                let length = dec.get_i64()?;
                let flags = dec.get_u32()?;
                dec.finish()?;
                Ok(Some(StreamChunk::Hole { length, flags }))
            }
            Some(StreamItem::Eof) | Some(StreamItem::Finished) => {
                self.done = true;
                Ok(None)
            }
            Some(StreamItem::Failed(e)) => {
                self.done = true;
                Err(e)
            }
            None => Err(self.client.closed_error()),
        }
    }

    /// Sends raw data to the daemon (one frame; at most 32 MiB minus the
    /// header per call).
    pub async fn send(&self, data: &[u8]) -> Result<()> {
        let frame = self.frame(MessageType::Stream, MessageStatus::Continue, data)?;
        self.client.send_frame(frame).await
    }

    /// Sends a hole of `length` bytes (sparse streams).
    pub async fn send_hole(&self, length: i64, flags: u32) -> Result<()> {
        let mut enc = xdr_runtime::Encoder::new();
        enc.put_i64(length);
        enc.put_u32(flags);
        let frame = self.frame(
            MessageType::StreamHole,
            MessageStatus::Continue,
            enc.as_bytes(),
        )?;
        self.client.send_frame(frame).await
    }

    async fn close_with(&mut self, status: MessageStatus) -> Result<()> {
        let frame = self.frame(MessageType::Stream, status, &[])?;
        self.done = true;
        self.client.send_frame(frame).await?;
        loop {
            match self.rx.recv().await {
                Some(StreamItem::Finished) => return Ok(()),
                Some(StreamItem::Failed(e)) => return Err(e),
                Some(_) => continue,
                None => return Err(self.client.closed_error()),
            }
        }
    }

    /// Tells the daemon all data was sent (or received) and waits for its
    /// confirmation.
    pub async fn finish(mut self) -> Result<()> {
        self.close_with(MessageStatus::Ok).await
    }

    /// Aborts the stream and waits for the daemon's confirmation.
    pub async fn abort(mut self) -> Result<()> {
        self.close_with(MessageStatus::Error).await
    }
}

impl Drop for RawStream {
    fn drop(&mut self) {
        if !self.done {
            if let Ok(frame) = self.frame(MessageType::Stream, MessageStatus::Error, &[]) {
                self.client.try_send_frame(frame);
            }
        }
    }
}
