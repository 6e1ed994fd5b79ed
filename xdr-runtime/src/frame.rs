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

// `finish_message` relies on every valid frame holding the whole prefix.
const _: () = assert!(MIN_FRAME_LEN as usize == PREFIX_LEN);

/// Checks a length word read from the wire and returns the whole frame's
/// size (length word included).
///
/// A word below [`MIN_FRAME_LEN`] or above [`MAX_FRAME_LEN`] is
/// [`Error::InvalidMessageLength`]; check it before reserving a buffer for
/// the rest of the frame.
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
///
/// A `frame` shorter than [`PREFIX_LEN`] or longer than [`MAX_FRAME_LEN`]
/// is [`Error::InvalidMessageLength`] and is left untouched.
pub fn finish_message(frame: &mut [u8], header: &Header) -> Result<()> {
    let len = frame_len_of(frame.len())?;
    let mut enc = Encoder::from_vec(Vec::with_capacity(PREFIX_LEN));
    enc.put_u32(len);
    header.encode(&mut enc)?;
    frame[..PREFIX_LEN].copy_from_slice(enc.as_bytes());
    Ok(())
}

/// Checks the size of a whole frame and returns it as the length word.
fn frame_len_of(size: usize) -> Result<u32> {
    // usize to u64 is lossless on every supported target.
    check_frame_len(size as u64)?;
    // Lossless: the check bounds it by MAX_FRAME_LEN.
    Ok(size as u32)
}

/// Builds a complete frame from a header and an already encoded body.
///
/// A body longer than [`PAYLOAD_MAX`](crate::message::PAYLOAD_MAX) is
/// [`Error::InvalidMessageLength`], reported before anything is copied.
pub fn encode_message(header: &Header, body: &[u8]) -> Result<Vec<u8>> {
    frame_len_of(PREFIX_LEN.saturating_add(body.len()))?;
    let mut enc = Encoder::from_vec(Vec::with_capacity(PREFIX_LEN + body.len()));
    enc.put_raw(&[0; PREFIX_LEN]);
    enc.put_raw(body);
    let mut frame = enc.into_vec();
    finish_message(&mut frame, header)?;
    Ok(frame)
}

/// Splits a complete frame (length word included) into its header and body.
///
/// Fails with [`Error::UnexpectedEof`] when `frame` is shorter than its
/// length word says (or too short to hold one), [`Error::TrailingBytes`]
/// when it is longer, and [`Error::InvalidMessageLength`] when the length
/// word itself is out of bounds.
pub fn decode_message(frame: &[u8]) -> Result<(Header, &[u8])> {
    let word: [u8; 4] = match frame.first_chunk::<4>() {
        Some(w) => *w,
        None => {
            return Err(Error::UnexpectedEof {
                needed: 4,
                remaining: frame.len(),
            })
        }
    };
    let len = frame_len(word)?;
    match frame.len().cmp(&len) {
        std::cmp::Ordering::Less => Err(Error::UnexpectedEof {
            needed: len,
            remaining: frame.len(),
        }),
        std::cmp::Ordering::Greater => Err(Error::TrailingBytes(frame.len() - len)),
        std::cmp::Ordering::Equal => decode_header_and_body(&frame[4..]),
    }
}

/// Splits a frame whose length word has already been removed into its
/// header and body.
///
/// Only the header is decoded; fewer than 24 bytes is
/// [`Error::UnexpectedEof`]. The body is returned as is.
pub fn decode_header_and_body(message: &[u8]) -> Result<(Header, &[u8])> {
    let mut dec = Decoder::new(message);
    let header = Header::decode(&mut dec)?;
    Ok((header, dec.remaining()))
}
