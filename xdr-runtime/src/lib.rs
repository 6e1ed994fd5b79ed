//! XDR ([RFC 4506]) encoding and decoding for libvirt's RPC protocol.
//!
//! This crate is the runtime of the code that `libvirt-proto-macro`
//! generates from libvirt's `.x` files, and the message layer of
//! `libvirt-client`:
//!
//! - [`Encode`]/[`Decode`] and the [`Encoder`]/[`Decoder`] that every
//!   generated type uses, with each declared `<max>` enforced on both sides;
//! - [`message`]: the 24-byte `virNetMessageHeader`;
//! - [`frame`]: length-prefixed framing with the 32 MiB bound;
//! - [`rpc`]: procedure descriptions and the [`Call`](rpc::Call) traits that
//!   generated client methods are written against.
//!
//! ```
//! use xdr_runtime::{Decoder, Encoder};
//!
//! let mut enc = Encoder::new();
//! enc.put_string("demo", 16, "example.name")?;
//! enc.put_u64(42);
//! assert_eq!(enc.as_bytes(), b"\0\0\0\x04demo\0\0\0\0\0\0\0\x2a");
//!
//! let mut dec = Decoder::new(enc.as_bytes());
//! assert_eq!(dec.get_string(16, "example.name")?, "demo");
//! assert_eq!(dec.get_u64()?, 42);
//! dec.finish()?;
//! # Ok::<(), xdr_runtime::Error>(())
//! ```
//!
//! Decoding never panics and never allocates more than the input can back:
//! a length prefix beyond the declared maximum or beyond the remaining bytes
//! is an [`Error`] before any buffer is reserved.
//!
//! [RFC 4506]: https://www.rfc-editor.org/rfc/rfc4506

mod decode;
mod encode;
mod error;
pub mod frame;
pub mod message;
mod primitives;
pub mod rpc;

pub use decode::{from_bytes, Decode, Decoder, DEFAULT_DEPTH_LIMIT};
pub use encode::{to_vec, Encode, Encoder};
pub use error::{Error, Result};
