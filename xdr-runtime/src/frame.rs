//! Length-prefixed framing of libvirt RPC messages.
//!
//! ```text
//! +----------------+---------------------------+-------------------------+
//! | length (u32 BE)| header (24 bytes)         | body (XDR)              |
//! +----------------+---------------------------+-------------------------+
//!  `length` counts all three parts, itself included.
//!  4 + 24 <= length <= 4 + VIR_NET_MESSAGE_MAX (33_554_432)
//! ```
//!
//! A message is built in one buffer: [`message_encoder`] reserves the length
//! word and the header, the body is encoded after them, and
//! [`finish_message`] fills both in once the size is known, so the body is
//! never copied.

use crate::decode::{Decode, Decoder};
use crate::encode::{Encode, Encoder};
use crate::error::{Error, Result};
use crate::message::{Header, HEADER_LEN, LEN_WORD, MESSAGE_MAX};

/// Bytes in front of a message body: the length word and the header.
pub const PREFIX_LEN: usize = (LEN_WORD + HEADER_LEN) as usize;

/// The smallest valid value of the length word.
pub const MIN_FRAME_LEN: u32 = LEN_WORD + HEADER_LEN;

/// The largest valid value of the length word.
pub const MAX_FRAME_LEN: u32 = LEN_WORD + MESSAGE_MAX;

/// Checks a length word read from the wire and returns the whole frame's
/// size (length word included).
pub fn frame_len(word: [u8; 4]) -> Result<usize> {
    let len = u32::from_be_bytes(word);
    check_frame_len(u64::from(len))?;
    Ok(len as usize)
}

fn check_frame_len(len: u64) -> Result<()> {
    if len < u64::from(MIN_FRAME_LEN) || len > u64::from(MAX_FRAME_LEN) {
        return Err(Error::InvalidMessageLength {
            len,
            min: MIN_FRAME_LEN,
            max: MAX_FRAME_LEN,
        });
    }
    Ok(())
}

/// An encoder whose first [`PREFIX_LEN`] bytes are reserved for the length
/// word and header; encode the body into it, then call [`finish_message`].
pub fn message_encoder() -> Encoder {
    let mut buf = Vec::with_capacity(256);
    buf.resize(PREFIX_LEN, 0);
    Encoder::from_vec(buf)
}

/// Writes the length word and `header` into the reserved front of `frame`
/// (built with [`message_encoder`]), checking the 32 MiB limit.
pub fn finish_message(frame: &mut [u8], header: &Header) -> Result<()> {
    if frame.len() < PREFIX_LEN {
        return Err(Error::InvalidMessageLength {
            len: frame.len() as u64,
            min: MIN_FRAME_LEN,
            max: MAX_FRAME_LEN,
        });
    }
    check_frame_len(frame.len() as u64)?;
    let mut enc = Encoder::from_vec(Vec::with_capacity(PREFIX_LEN));
    enc.put_u32(frame.len() as u32);
    header.encode(&mut enc)?;
    frame[..PREFIX_LEN].copy_from_slice(enc.as_bytes());
    Ok(())
}

/// Builds a complete frame from a header and an already encoded body.
pub fn encode_message(header: &Header, body: &[u8]) -> Result<Vec<u8>> {
    let mut enc = message_encoder();
    enc.put_raw(body);
    let mut frame = enc.into_vec();
    finish_message(&mut frame, header)?;
    Ok(frame)
}

/// Splits a complete frame (length word included) into its header and body.
pub fn decode_message(frame: &[u8]) -> Result<(Header, &[u8])> {
    let word: [u8; 4] = match frame.get(..4) {
        Some(w) => [w[0], w[1], w[2], w[3]],
        None => {
            return Err(Error::UnexpectedEof {
                needed: 4,
                remaining: frame.len(),
            })
        }
    };
    let len = frame_len(word)?;
    if len != frame.len() {
        return Err(Error::InvalidMessageLength {
            len: frame.len() as u64,
            min: len as u32,
            max: len as u32,
        });
    }
    decode_header_and_body(&frame[4..])
}

/// Splits a frame whose length word has already been removed into its
/// header and body.
pub fn decode_header_and_body(message: &[u8]) -> Result<(Header, &[u8])> {
    let mut dec = Decoder::new(message);
    let header = Header::decode(&mut dec)?;
    Ok((header, dec.remaining()))
}
