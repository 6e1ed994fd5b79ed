//! The one error type of XDR encoding, decoding and framing.

/// A result whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why XDR data could not be encoded or decoded.
///
/// Every variant that concerns a declared limit names the field (as
/// `type.field` in XDR spelling) so that a failure can be traced back to the
/// `.x` definition. The `Display` text is meant for people and may change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input ended before a value was complete (also: a frame shorter
    /// than its length word says).
    #[error("unexpected end of XDR data: the next item needs {needed} bytes, {remaining} remain")]
    UnexpectedEof {
        /// Bytes the next item needs.
        needed: usize,
        /// Bytes that were left.
        remaining: usize,
    },
    /// A variable-length item is longer than its declared maximum.
    #[error("length {len} of `{field}` exceeds its declared maximum {max}")]
    LengthExceedsMax {
        /// The field, as `type.field`.
        field: &'static str,
        /// The length found (decode) or given (encode).
        len: u64,
        /// The maximum declared in the `.x` file.
        max: u32,
    },
    /// A length prefix promises more data than the input still holds.
    ///
    /// Raised before anything is allocated for the item.
    #[error("length {len} of `{field}` needs at least {needed} bytes but only {remaining} remain")]
    LengthBeyondInput {
        /// The field, as `type.field`.
        field: &'static str,
        /// The length prefix read.
        len: u32,
        /// The smallest number of bytes `len` elements take.
        needed: u64,
        /// Bytes left in the input.
        remaining: usize,
    },
    /// A fixed-length array or opaque was given with the wrong length.
    #[error("`{field}` must hold exactly {expected} elements, got {len}")]
    FixedLengthMismatch {
        /// The field, as `type.field`.
        field: &'static str,
        /// The declared length.
        expected: u32,
        /// The length given.
        len: usize,
    },
    /// A boolean was neither 0 nor 1.
    #[error("invalid XDR boolean {0}")]
    InvalidBool(u32),
    /// A `char` or `short` value does not fit its C type.
    #[error("value {value} of `{ty}` is out of range")]
    OutOfRange {
        /// The XDR type (`char`, `unsigned short`, ...).
        ty: &'static str,
        /// The value read.
        value: i64,
    },
    /// A union discriminant matches no arm and the union has no `default`.
    #[error("invalid discriminant {value} for union `{union}`")]
    InvalidDiscriminant {
        /// The XDR union name.
        union: &'static str,
        /// The discriminant read or given.
        value: i64,
    },
    /// A string is not valid UTF-8.
    #[error("`{field}` is not valid UTF-8")]
    InvalidUtf8 {
        /// The field, as `type.field`.
        field: &'static str,
    },
    /// Bytes were left over after a complete value (by
    /// [`Decoder::finish`](crate::Decoder::finish), [`from_bytes`](crate::from_bytes)
    /// or a frame longer than its length word).
    #[error("{0} trailing bytes after a complete XDR value")]
    TrailingBytes(usize),
    /// Optional data or variable-length arrays nested deeper than the
    /// decoder allows; carries the limit.
    #[error("XDR data nested deeper than {0} levels")]
    DepthLimitExceeded(u32),
    /// A frame's length prefix is outside the bounds of the libvirt RPC protocol.
    #[error("message length {len} is outside the allowed range {min}..={max}")]
    InvalidMessageLength {
        /// The length found or required.
        len: u64,
        /// The smallest valid length (length word plus header).
        min: u32,
        /// The largest valid length (`VIR_NET_MESSAGE_MAX` plus the length word).
        max: u32,
    },
}

impl Error {
    /// True when the input simply ended too early (more bytes may complete it).
    ///
    /// Only [`Error::UnexpectedEof`] counts. A length prefix whose data is cut
    /// off is [`Error::LengthBeyondInput`], which [`is_limit`](Self::is_limit)
    /// reports instead: it is found before reading the data and is treated as
    /// a size problem, not as a short read.
    pub fn is_eof(&self) -> bool {
        matches!(self, Error::UnexpectedEof { .. })
    }

    /// True when a declared or protocol size limit was exceeded: a length
    /// above its `<max>`, a length prefix beyond the input, nesting beyond the
    /// depth limit, or a frame length out of bounds.
    pub fn is_limit(&self) -> bool {
        matches!(
            self,
            Error::LengthExceedsMax { .. }
                | Error::LengthBeyondInput { .. }
                | Error::DepthLimitExceeded(_)
                | Error::InvalidMessageLength { .. }
        )
    }
}
