//! Calls sent and not yet answered: serial -> where the reply goes.
//!
//! Pure bookkeeping, no IO: the driver inserts a call when it writes it,
//! completes it when the reply with the same serial arrives, removes it
//! when the caller gives up, and fails everything at once when the
//! connection dies.

use crate::error::{Error, Result};
use bytes::Bytes;
use std::collections::HashMap;
use tokio::sync::oneshot;

/// Where a call's outcome is delivered.
pub(crate) type ReplyTx = oneshot::Sender<Result<Bytes>>;

/// A call waiting for its reply.
#[derive(Debug)]
pub(crate) struct PendingCall {
    /// Program the call was made to; the reply must carry the same.
    pub(crate) program: u32,
    /// Program version of the call.
    pub(crate) version: u32,
    /// Procedure number, for messages.
    pub(crate) procedure: i32,
    /// The caller's end.
    pub(crate) reply: ReplyTx,
}

/// What happened to a reply handed to [`InFlight::complete`].
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Completion {
    /// Given to the waiting caller.
    Delivered,
    /// The caller had already gone (dropped or timed out); discarded.
    CallerGone,
    /// No call with this serial is pending (cancelled earlier, or bogus).
    Unknown,
}

/// The in-flight table.
#[derive(Debug, Default)]
pub(crate) struct InFlight {
    calls: HashMap<u32, PendingCall>,
}

impl InFlight {
    /// Number of calls waiting.
    pub(crate) fn len(&self) -> usize {
        self.calls.len()
    }

    /// Registers a call; gives it back if the serial is already in use.
    pub(crate) fn insert(&mut self, serial: u32, call: PendingCall) -> Result<(), PendingCall> {
        use std::collections::hash_map::Entry;
        match self.calls.entry(serial) {
            Entry::Occupied(_) => Err(call),
            Entry::Vacant(slot) => {
                slot.insert(call);
                Ok(())
            }
        }
    }

    /// Removes and returns the call with `serial`.
    pub(crate) fn take(&mut self, serial: u32) -> Option<PendingCall> {
        self.calls.remove(&serial)
    }

    /// Delivers an outcome to the call with `serial`.
    pub(crate) fn complete(&mut self, serial: u32, outcome: Result<Bytes>) -> Completion {
        match self.take(serial) {
            Some(call) => deliver(call, outcome),
            None => Completion::Unknown,
        }
    }

    /// Forgets the call with `serial` (its caller gave up); true if it was
    /// pending. A reply that arrives later is [`Completion::Unknown`].
    pub(crate) fn cancel(&mut self, serial: u32) -> bool {
        self.calls.remove(&serial).is_some()
    }

    /// Fails every pending call with a clone of `err`; returns how many.
    pub(crate) fn fail_all(&mut self, err: &Error) -> usize {
        let n = self.calls.len();
        for (_, call) in self.calls.drain() {
            let _ = call.reply.send(Err(err.clone()));
        }
        n
    }
}

/// Hands `outcome` to `call`'s caller.
pub(crate) fn deliver(call: PendingCall, outcome: Result<Bytes>) -> Completion {
    match call.reply.send(outcome) {
        Ok(()) => Completion::Delivered,
        Err(_) => Completion::CallerGone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CloseReason;
    use tokio::sync::oneshot::error::TryRecvError;

    fn call() -> (PendingCall, oneshot::Receiver<Result<Bytes>>) {
        let (tx, rx) = oneshot::channel();
        let call = PendingCall {
            program: 1,
            version: 1,
            procedure: 2,
            reply: tx,
        };
        (call, rx)
    }

    #[test]
    fn reply_reaches_the_call_with_the_same_serial() {
        let mut table = InFlight::default();
        let (a, mut ra) = call();
        let (b, mut rb) = call();
        table.insert(1, a).unwrap();
        table.insert(2, b).unwrap();
        assert_eq!(
            table.complete(2, Ok(Bytes::from_static(b"two"))),
            Completion::Delivered
        );
        assert_eq!(&rb.try_recv().unwrap().unwrap()[..], b"two");
        assert!(matches!(ra.try_recv(), Err(TryRecvError::Empty)));
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn duplicate_serial_is_refused() {
        let mut table = InFlight::default();
        table.insert(5, call().0).unwrap();
        assert!(table.insert(5, call().0).is_err());
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn cancelled_call_makes_a_late_reply_unknown() {
        let mut table = InFlight::default();
        let (a, _ra) = call();
        table.insert(9, a).unwrap();
        assert!(table.cancel(9));
        assert!(!table.cancel(9));
        assert_eq!(table.complete(9, Ok(Bytes::new())), Completion::Unknown);
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn reply_for_a_dropped_caller_is_discarded() {
        let mut table = InFlight::default();
        let (a, ra) = call();
        table.insert(3, a).unwrap();
        drop(ra);
        assert_eq!(table.complete(3, Ok(Bytes::new())), Completion::CallerGone);
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn fail_all_gives_every_caller_the_same_error() {
        let mut table = InFlight::default();
        let mut receivers = Vec::new();
        for serial in 1..=10 {
            let (c, r) = call();
            table.insert(serial, c).unwrap();
            receivers.push(r);
        }
        let err = Error::Closed(CloseReason::Eof);
        assert_eq!(table.fail_all(&err), 10);
        assert_eq!(table.len(), 0);
        for mut r in receivers {
            assert!(r.try_recv().unwrap().unwrap_err().is_closed());
        }
    }
}
