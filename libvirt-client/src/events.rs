//! Unsolicited `MESSAGE` frames (domain events and the like), delivered to
//! subscribers.
//!
//! The daemon sends events with an arbitrary serial (libvirt uses 1 or 0),
//! so the driver routes by message type, never by serial: an event can
//! never be taken for a reply.
//!
//! Events go through a bounded broadcast channel. A subscriber that falls
//! more than its capacity behind loses the oldest events and is told how
//! many with [`EventsError::Lagged`]; a slow subscriber never stalls the
//! connection and never makes the client buffer without bound.

use crate::error::CloseReason;
use bytes::Bytes;
use tokio::sync::{broadcast, watch};

/// One event as it came off the wire: a `VIR_NET_MESSAGE` frame's header
/// fields and its undecoded body. The generated `Event` enum of each
/// program decodes the body, e.g.
/// `proto::remote::Event::decode(msg.procedure, &msg.body)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventMessage {
    /// Program number (`REMOTE_PROGRAM`, `QEMU_PROGRAM`, ...).
    pub program: u32,
    /// Program version.
    pub version: u32,
    /// Procedure number, e.g. `REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE`.
    pub procedure: i32,
    /// The serial the daemon put in the header (not meaningful).
    pub serial: u32,
    /// The XDR-encoded event message.
    pub body: Bytes,
}

/// Why [`Events::recv`] returned no event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EventsError {
    /// This subscriber fell behind and this many events were dropped for
    /// it; the next call returns the oldest event still kept.
    #[error("{0} events were dropped because the subscriber fell behind")]
    Lagged(u64),
    /// The connection is closed and every event has been received.
    #[error("the connection is closed")]
    Closed,
}

/// A subscription to the events of one connection, from
/// [`Client::subscribe_events`](crate::Client::subscribe_events).
///
/// Only events that arrive after subscribing are seen.
#[derive(Debug)]
pub struct Events {
    rx: broadcast::Receiver<EventMessage>,
    state: watch::Receiver<Option<CloseReason>>,
}

impl Events {
    pub(crate) fn new(
        rx: broadcast::Receiver<EventMessage>,
        state: watch::Receiver<Option<CloseReason>>,
    ) -> Self {
        Self { rx, state }
    }

    /// Waits for the next event.
    pub async fn recv(&mut self) -> Result<EventMessage, EventsError> {
        loop {
            if let Some(r) = self.try_recv() {
                return r;
            }
            let closed = {
                let recv = std::pin::pin!(self.rx.recv());
                let changed = std::pin::pin!(self.state.changed());
                match futures_util::future::select(recv, changed).await {
                    futures_util::future::Either::Left((r, _)) => return map(r),
                    // Woken when the connection closes; loop to drain first.
                    futures_util::future::Either::Right((changed, _)) => changed.is_err(),
                }
            };
            if closed && self.rx.is_empty() {
                return Err(EventsError::Closed);
            }
        }
    }

    /// Returns an event if one is waiting, an error if the subscription
    /// lagged or ended, and `None` if there is nothing yet.
    pub fn try_recv(&mut self) -> Option<Result<EventMessage, EventsError>> {
        use broadcast::error::TryRecvError;
        match self.rx.try_recv() {
            Ok(e) => Some(Ok(e)),
            Err(TryRecvError::Lagged(n)) => Some(Err(EventsError::Lagged(n))),
            Err(TryRecvError::Closed) => Some(Err(EventsError::Closed)),
            Err(TryRecvError::Empty) if self.state.borrow().is_some() => {
                Some(Err(EventsError::Closed))
            }
            Err(TryRecvError::Empty) => None,
        }
    }
}

fn map(r: Result<EventMessage, broadcast::error::RecvError>) -> Result<EventMessage, EventsError> {
    match r {
        Ok(e) => Ok(e),
        Err(broadcast::error::RecvError::Lagged(n)) => Err(EventsError::Lagged(n)),
        Err(broadcast::error::RecvError::Closed) => Err(EventsError::Closed),
    }
}
