//! A transport that records the messages generated methods build and
//! answers with a canned reply body.

use std::cell::RefCell;
use xdr_runtime::frame::{decode_message, finish_message};
use xdr_runtime::message::{Header, MessageStatus, MessageType};
use xdr_runtime::rpc::{BlockingCall, Procedure};
use xdr_runtime::Encoder;

/// Records each call as a complete frame (serial 1) and replies with `reply`.
pub(crate) struct Recorder {
    pub(crate) reply: Vec<u8>,
    pub(crate) sent: RefCell<Vec<Vec<u8>>>,
}

impl Recorder {
    pub(crate) fn replying(reply: Vec<u8>) -> Self {
        Self {
            reply,
            sent: RefCell::new(Vec::new()),
        }
    }

    /// The header and body of the only message sent.
    pub(crate) fn only_message(&self) -> (Header, Vec<u8>) {
        let sent = self.sent.borrow();
        assert_eq!(sent.len(), 1, "exactly one message sent");
        let (header, body) = decode_message(&sent[0]).expect("a valid frame");
        (header, body.to_vec())
    }
}

impl BlockingCall for Recorder {
    type Error = xdr_runtime::Error;
    type Reply = Vec<u8>;
    type Stream = ();

    fn call_blocking(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> Result<Vec<u8>, Self::Error> {
        let mut frame = message.into_vec();
        let header = Header {
            program: procedure.program,
            version: procedure.version,
            procedure: procedure.number,
            kind: MessageType::Call,
            serial: 1,
            status: MessageStatus::Ok,
        };
        finish_message(&mut frame, &header)?;
        self.sent.borrow_mut().push(frame);
        Ok(self.reply.clone())
    }

    fn call_with_stream_blocking(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> Result<(Vec<u8>, ()), Self::Error> {
        self.call_blocking(procedure, message).map(|r| (r, ()))
    }
}
