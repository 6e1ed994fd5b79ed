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
//! # Limits and errors
//!
//! Every failure is one [`Error`]; the variants about sizes name the field
//! (as `type.field`) together with the length found and the limit.
//!
//! - **No panics on input.** Decoding returns a value or an [`Error`]
//!   whatever the bytes; input that ends early is [`Error::UnexpectedEof`].
//! - **No allocation the input cannot back.** A length prefix above the
//!   declared `<max>` is [`Error::LengthExceedsMax`]; one that promises more
//!   elements than the remaining bytes can hold (given each element's
//!   smallest encoded size) is [`Error::LengthBeyondInput`]. Both are
//!   reported before any buffer is reserved, and arrays reserve at most
//!   64 KiB up front whatever the prefix says.
//! - **Maxima on both sides.** [`Encoder`] refuses to write a string,
//!   opaque or array longer than its `<max>` ([`Error::LengthExceedsMax`])
//!   or a fixed-length item of the wrong length
//!   ([`Error::FixedLengthMismatch`]); a failed call writes nothing.
//! - **Bounded nesting.** Optional data and non-empty variable-length arrays
//!   nest at most [`DEFAULT_DEPTH_LIMIT`] levels deep (adjustable with
//!   [`Decoder::with_depth_limit`]), else [`Error::DepthLimitExceeded`].
//! - **Strict values.** A `bool` other than 0 or 1
//!   ([`Error::InvalidBool`]), a `char`/`short` outside its C type
//!   ([`Error::OutOfRange`]) and a `string` that is not UTF-8
//!   ([`Error::InvalidUtf8`]) are rejected; [`from_bytes`] and
//!   [`Decoder::finish`] reject trailing bytes ([`Error::TrailingBytes`]).
//! - **Lenient padding.** The padding after opaque data and strings is
//!   written as zeros but not checked on decode, like the C implementation
//!   libvirt uses.
//! - **Frames.** A length word outside `28..=4 + 32 MiB` is
//!   [`Error::InvalidMessageLength`]; see [`frame`].
//!
//! ```
//! use xdr_runtime::{Decoder, Encoder, Error};
//!
//! // A length prefix of 2^32 - 1 for a `string name<16>`.
//! let hostile = [0xff, 0xff, 0xff, 0xff, b'a', b'b', b'c', b'd'];
//! let err = Decoder::new(&hostile).get_string(16, "example.name").unwrap_err();
//! assert_eq!(
//!     err,
//!     Error::LengthExceedsMax { field: "example.name", len: 0xffff_ffff, max: 16 }
//! );
//!
//! // The same limit applies when encoding.
//! let err = Encoder::new().put_string(&"x".repeat(17), 16, "example.name").unwrap_err();
//! assert!(err.is_limit());
//! ```
//!
//! [RFC 4506]: https://www.rfc-editor.org/rfc/rfc4506

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
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
