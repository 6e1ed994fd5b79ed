//! The libvirt RPC message header (`virNetMessageHeader`) and its enums.
//!
//! These mirror `virnetprotocol.x`; a test in the workspace checks that the
//! code generated from that file encodes them identically.

use crate::decode::{Decode, Decoder};
use crate::encode::{Encode, Encoder};
use crate::error::Result;

/// Largest message, length word excluded (`VIR_NET_MESSAGE_MAX`, 32 MiB).
pub const MESSAGE_MAX: u32 = 33_554_432;
/// Size of the encoded header (`VIR_NET_MESSAGE_HEADER_MAX`).
pub const HEADER_LEN: u32 = 24;
/// Size of the length word in front of every message (`VIR_NET_MESSAGE_LEN_MAX`).
pub const LEN_WORD: u32 = 4;
/// Largest payload after the header (`VIR_NET_MESSAGE_PAYLOAD_MAX`).
pub const PAYLOAD_MAX: u32 = MESSAGE_MAX - HEADER_LEN;
/// Most file descriptors one message may carry (`VIR_NET_MESSAGE_NUM_FDS_MAX`).
pub const NUM_FDS_MAX: u32 = 32;
/// Longest string in a message error (`VIR_NET_MESSAGE_STRING_MAX`).
pub const STRING_MAX: u32 = 4_194_304;

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $value:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this build does not know; kept so that newer peers do
            /// not break decoding.
            Unknown(i32),
        }

        impl $name {
            /// The value on the wire.
            pub const fn value(self) -> i32 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(v) => v,
                }
            }

            /// The variant for a wire value.
            pub const fn from_value(v: i32) -> Self {
                match v {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl Encode for $name {
            fn encode(&self, enc: &mut Encoder) -> Result<()> {
                enc.put_i32(self.value());
                Ok(())
            }
        }

        impl Decode for $name {
            fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
                dec.get_i32().map(Self::from_value)
            }
        }
    };
}

wire_enum! {
    /// What a message is (`virNetMessageType`).
    MessageType {
        /// Client to server: a method call (`VIR_NET_CALL`).
        Call = 0,
        /// Server to client: the reply to a call (`VIR_NET_REPLY`).
        Reply = 1,
        /// Either direction: an asynchronous event (`VIR_NET_MESSAGE`).
        Message = 2,
        /// Either direction: stream data (`VIR_NET_STREAM`).
        Stream = 3,
        /// Client to server: a call with file descriptors (`VIR_NET_CALL_WITH_FDS`).
        CallWithFds = 4,
        /// Server to client: a reply with file descriptors (`VIR_NET_REPLY_WITH_FDS`).
        ReplyWithFds = 5,
        /// Either direction: a hole in sparse stream data (`VIR_NET_STREAM_HOLE`).
        StreamHole = 6,
    }
}

wire_enum! {
    /// The outcome carried in a header (`virNetMessageStatus`).
    MessageStatus {
        /// Success; always the status of calls (`VIR_NET_OK`).
        Ok = 0,
        /// The body is a `virNetMessageError` (`VIR_NET_ERROR`).
        Error = 1,
        /// Stream data, more to follow (`VIR_NET_CONTINUE`).
        Continue = 2,
    }
}

/// The 24-byte header in front of every message body (`virNetMessageHeader`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Header {
    /// Program number (`REMOTE_PROGRAM`, `QEMU_PROGRAM`, ...).
    pub program: u32,
    /// Program version.
    pub version: u32,
    /// Procedure number within the program.
    pub procedure: i32,
    /// Kind of message.
    pub kind: MessageType,
    /// Serial that ties a reply (or stream data) to its call.
    pub serial: u32,
    /// Outcome.
    pub status: MessageStatus,
}

impl Encode for Header {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        enc.put_u32(self.program);
        enc.put_u32(self.version);
        enc.put_i32(self.procedure);
        self.kind.encode(enc)?;
        enc.put_u32(self.serial);
        self.status.encode(enc)
    }
}

impl Decode for Header {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(Self {
            program: dec.get_u32()?,
            version: dec.get_u32()?,
            procedure: dec.get_i32()?,
            kind: MessageType::decode(dec)?,
            serial: dec.get_u32()?,
            status: MessageStatus::decode(dec)?,
        })
    }
}
