//! The wire codec: length-prefixed libvirt RPC messages as a tokio-util
//! [`Decoder`]/[`Encoder`], on top of [`xdr_runtime::frame`].
//!
//! ```text
//! +----------------+------------------------------------------+-----------+
//! | length: u32 BE | header: program, version, procedure,     | body      |
//! |                |   type, serial, status (6 x 4 bytes)     | (XDR)     |
//! +----------------+------------------------------------------+-----------+
//!  `length` counts all three parts, itself included:
//!  28 <= length <= 4 + 32 MiB (MAX_FRAME_LEN = 33_554_436)
//! ```
//!
//! The length word is checked as soon as its four bytes are in: an
//! over-long (or too short) frame is an error before any of its body is
//! buffered, so a hostile peer cannot make the client allocate more than
//! one maximal frame.

use bytes::{Buf, Bytes, BytesMut};
use std::io;
use tokio_util::codec::{Decoder, Encoder};
use xdr_runtime::frame::{frame_len, MAX_FRAME_LEN, MIN_FRAME_LEN, PREFIX_LEN};
use xdr_runtime::message::Header;
use xdr_runtime::Decode;

/// One message read from the wire: its header and its undecoded body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The decoded `virNetMessageHeader`.
    pub header: Header,
    /// Everything after the header (XDR arguments, reply, error or raw
    /// stream data).
    pub body: Bytes,
}

/// Why a frame could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// The transport failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A length word above the limit.
    #[error("frame length {len} exceeds the maximum of {max} bytes")]
    TooLarge {
        /// The length found.
        len: u64,
        /// Largest accepted length.
        max: u32,
    },
    /// A length word too small for a header.
    #[error("frame length {len} is below the minimum of {min} bytes")]
    TooShort {
        /// The length found.
        len: u64,
        /// Smallest valid length.
        min: u32,
    },
    /// The length word of an outgoing frame does not match its size.
    #[error("outgoing frame says it is {word} bytes long but is {actual}")]
    LengthMismatch {
        /// The length word.
        word: u32,
        /// The real size.
        actual: usize,
    },
    /// The header could not be decoded.
    #[error("bad message header: {0}")]
    Header(xdr_runtime::Error),
}

impl FrameError {
    /// True when a length limit was hit (in either direction).
    pub fn is_too_large(&self) -> bool {
        matches!(self, Self::TooLarge { .. })
    }
}

/// Reads and writes libvirt RPC frames, enforcing a maximum frame length.
#[derive(Debug, Clone, Copy)]
pub struct FrameCodec {
    max_frame: u32,
}

impl Default for FrameCodec {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameCodec {
    /// A codec with the protocol's limit ([`MAX_FRAME_LEN`], 32 MiB plus
    /// the length word).
    pub const fn new() -> Self {
        Self {
            max_frame: MAX_FRAME_LEN,
        }
    }

    /// A codec with a lower limit (clamped to the protocol's bounds).
    pub fn with_max_frame(max_frame: u32) -> Self {
        Self {
            max_frame: max_frame.clamp(MIN_FRAME_LEN, MAX_FRAME_LEN),
        }
    }

    /// The largest frame accepted, length word included.
    pub const fn max_frame(&self) -> u32 {
        self.max_frame
    }

    fn check(&self, len: u64) -> Result<usize, FrameError> {
        if len > u64::from(self.max_frame) {
            return Err(FrameError::TooLarge {
                len,
                max: self.max_frame,
            });
        }
        if len < u64::from(MIN_FRAME_LEN) {
            return Err(FrameError::TooShort {
                len,
                min: MIN_FRAME_LEN,
            });
        }
        Ok(len as usize)
    }
}

impl Decoder for FrameCodec {
    type Item = Frame;
    type Error = FrameError;

    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Frame>, FrameError> {
        let Some(word) = src.get(..4) else {
            return Ok(None);
        };
        let word = [word[0], word[1], word[2], word[3]];
        let len = match frame_len(word) {
            Ok(len) => self.check(len as u64)?,
            Err(_) => self.check(u64::from(u32::from_be_bytes(word)))?,
        };
        if src.len() < len {
            // Room for the rest of this frame only; the limit was checked.
            src.reserve(len - src.len());
            return Ok(None);
        }
        let mut frame = src.split_to(len);
        let header = Header::decode(&mut xdr_runtime::Decoder::new(&frame[4..PREFIX_LEN]))
            .map_err(FrameError::Header)?;
        frame.advance(PREFIX_LEN);
        Ok(Some(Frame {
            header,
            body: frame.freeze(),
        }))
    }
}

/// Writes a complete, already finished message (length word and header
/// included, as built by [`xdr_runtime::frame::finish_message`]).
impl Encoder<Bytes> for FrameCodec {
    type Error = FrameError;

    fn encode(&mut self, item: Bytes, dst: &mut BytesMut) -> Result<(), FrameError> {
        let len = self.check(item.len() as u64)?;
        let word = u32::from_be_bytes([item[0], item[1], item[2], item[3]]);
        if word as usize != len {
            return Err(FrameError::LengthMismatch { word, actual: len });
        }
        dst.extend_from_slice(&item);
        Ok(())
    }
}

/// Writes a header and body, computing the length word.
impl Encoder<Frame> for FrameCodec {
    type Error = FrameError;

    fn encode(&mut self, item: Frame, dst: &mut BytesMut) -> Result<(), FrameError> {
        let len = self.check((PREFIX_LEN + item.body.len()) as u64)?;
        let mut enc = xdr_runtime::Encoder::from_vec(Vec::with_capacity(PREFIX_LEN));
        enc.put_u32(len as u32);
        xdr_runtime::Encode::encode(&item.header, &mut enc).map_err(FrameError::Header)?;
        dst.reserve(len);
        dst.extend_from_slice(enc.as_bytes());
        dst.extend_from_slice(&item.body);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::{SinkExt, StreamExt};
    use tokio_util::codec::{FramedRead, FramedWrite};
    use xdr_runtime::message::{MessageStatus, MessageType};

    fn header(serial: u32) -> Header {
        Header {
            program: 0x2000_8086,
            version: 1,
            procedure: 157,
            kind: MessageType::Reply,
            serial,
            status: MessageStatus::Ok,
        }
    }

    fn wire(serial: u32, body: &[u8]) -> Vec<u8> {
        xdr_runtime::frame::encode_message(&header(serial), body).unwrap()
    }

    #[tokio::test]
    async fn frame_split_into_one_byte_reads_is_reassembled() {
        let bytes = wire(7, b"\0\0\0\0\0\0\0\x2a");
        let mut builder = tokio_test::io::Builder::new();
        for b in &bytes {
            builder.read(std::slice::from_ref(b));
        }
        let mut framed = FramedRead::new(builder.build(), FrameCodec::new());
        let frame = framed.next().await.unwrap().unwrap();
        assert_eq!(frame.header, header(7));
        assert_eq!(&frame.body[..], b"\0\0\0\0\0\0\0\x2a");
        assert!(framed.next().await.is_none());
    }

    #[tokio::test]
    async fn several_frames_in_one_read_and_a_frame_across_reads() {
        let mut all = wire(1, b"abcd");
        all.extend(wire(2, b""));
        all.extend(wire(3, b"12345678"));
        let (first, second) = all.split_at(all.len() - 5);
        let io = tokio_test::io::Builder::new()
            .read(first)
            .wait(std::time::Duration::from_millis(1))
            .read(second)
            .build();
        let serials: Vec<u32> = FramedRead::new(io, FrameCodec::new())
            .map(|f| f.unwrap().header.serial)
            .collect()
            .await;
        assert_eq!(serials, [1, 2, 3]);
    }

    #[test]
    fn oversized_length_word_is_rejected_before_buffering() {
        let mut codec = FrameCodec::new();
        let mut buf = BytesMut::from(&[0xff, 0xff, 0xff, 0xff, 0, 0][..]);
        let err = codec.decode(&mut buf).unwrap_err();
        assert!(err.is_too_large(), "{err}");
        assert!(
            buf.capacity() < 1024,
            "nothing reserved for the bogus frame"
        );
        let mut buf = BytesMut::from(&(MAX_FRAME_LEN + 1).to_be_bytes()[..]);
        assert!(codec.decode(&mut buf).unwrap_err().is_too_large());
    }

    #[test]
    fn largest_legal_length_is_accepted_and_waits_for_data() {
        let mut codec = FrameCodec::new();
        let mut buf = BytesMut::from(&MAX_FRAME_LEN.to_be_bytes()[..]);
        assert!(codec.decode(&mut buf).unwrap().is_none());
    }

    #[test]
    fn too_short_length_word_is_rejected() {
        let mut codec = FrameCodec::new();
        for len in [0u32, 4, 27] {
            let mut buf = BytesMut::from(&len.to_be_bytes()[..]);
            let err = codec.decode(&mut buf).unwrap_err();
            assert!(matches!(err, FrameError::TooShort { .. }) && !err.is_too_large());
        }
    }

    #[test]
    fn lower_limit_is_enforced() {
        let mut codec = FrameCodec::with_max_frame(64);
        let mut buf = BytesMut::from(&wire(1, &[0; 40])[..]);
        assert!(codec.decode(&mut buf).unwrap_err().is_too_large());
        let mut out = BytesMut::new();
        let big = Bytes::from(wire(1, &[0; 40]));
        assert!(Encoder::<Bytes>::encode(&mut codec, big, &mut out).is_err());
        assert!(out.is_empty());
    }

    #[tokio::test]
    async fn encoder_writes_what_the_decoder_reads() {
        let mut out = Vec::new();
        {
            let mut sink = FramedWrite::new(&mut out, FrameCodec::new());
            sink.feed(Bytes::from(wire(1, b"abcd"))).await.unwrap();
            let frame = Frame {
                header: header(2),
                body: Bytes::from_static(b"efgh"),
            };
            sink.feed(frame).await.unwrap();
            SinkExt::<Frame>::flush(&mut sink).await.unwrap();
        }
        assert_eq!(out[..32], wire(1, b"abcd")[..]);
        assert_eq!(out[32..], wire(2, b"efgh")[..]);
    }

    #[test]
    fn mismatched_length_word_is_refused() {
        let mut bytes = wire(1, b"abcd");
        bytes[3] += 4;
        let mut out = BytesMut::new();
        let err = Encoder::<Bytes>::encode(&mut FrameCodec::new(), Bytes::from(bytes), &mut out);
        assert!(matches!(err, Err(FrameError::LengthMismatch { .. })));
    }
}
