//! Decoding: the [`Decode`] trait and the [`Decoder`] that reads XDR from a byte slice.

use crate::error::{Error, Result};
use xdr_codec::Unpack;

/// A value that can be read from XDR.
///
/// Decoding never panics: whatever the bytes, it returns a value or an
/// [`Error`].
pub trait Decode: Sized {
    /// Reads one value from `dec`.
    fn decode(dec: &mut Decoder<'_>) -> Result<Self>;
}

/// How deep optional data and variable-length arrays may nest before
/// decoding gives up.
pub const DEFAULT_DEPTH_LIMIT: u32 = 256;

/// Upper bound, in bytes, of the memory [`Decoder::get_array`] and
/// [`Decoder::get_array_exact`] reserve before the first element is decoded.
///
/// A length prefix is only known to be backed by `len * min_size` input
/// bytes; an element in memory may be far larger than its smallest encoding,
/// so reserving `len` elements up front could multiply a hostile prefix into
/// gigabytes. Past this bound the vector grows as elements actually decode.
const PREALLOC_BYTES: usize = 64 * 1024;

/// Reads XDR items from a byte slice.
///
/// Scalars, strings and opaque data are read straight out of the slice; a
/// length prefix is checked against the declared maximum and against the
/// bytes that remain before anything is allocated.
///
/// # Limits
///
/// - Every variable-length item's length prefix is checked against its
///   declared `<max>` ([`Error::LengthExceedsMax`]) and then against the
///   input left ([`Error::LengthBeyondInput`]) before any buffer is reserved.
/// - Optional data (`T *x`) and non-empty variable-length arrays count as one
///   level of nesting each; more than the depth limit (default
///   [`DEFAULT_DEPTH_LIMIT`], see [`Decoder::with_depth_limit`]) is
///   [`Error::DepthLimitExceeded`]. Recursive XDR types can only recurse
///   through those two constructs, so the stack stays bounded.
///
/// # Padding
///
/// RFC 4506 says the 0 to 3 bytes that pad opaque data and strings to a
/// multiple of four are zero. Like the C implementation libvirt uses
/// (`xdr_opaque` skips them unread), the decoder does not check them: any
/// padding bytes are accepted and discarded. The [`Encoder`](crate::Encoder)
/// always writes zeros, so decoding and re-encoding normalises the padding.
#[derive(Debug, Clone)]
pub struct Decoder<'a> {
    rest: &'a [u8],
    depth: u32,
    depth_limit: u32,
}

/// Bytes of padding after `len` bytes of opaque data.
#[inline]
fn padding(len: usize) -> usize {
    (4 - len % 4) % 4
}

/// How many elements of `T` to reserve for an array of `len` elements.
#[inline]
fn prealloc<T>(len: usize) -> usize {
    len.min(PREALLOC_BYTES / std::mem::size_of::<T>().max(1))
}

impl<'a> Decoder<'a> {
    /// A decoder over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            rest: bytes,
            depth: 0,
            depth_limit: DEFAULT_DEPTH_LIMIT,
        }
    }

    /// Sets how deep optional data and variable-length arrays may nest
    /// (default [`DEFAULT_DEPTH_LIMIT`]); `0` forbids any present optional
    /// value and any non-empty variable-length array.
    pub fn with_depth_limit(mut self, limit: u32) -> Self {
        self.depth_limit = limit;
        self
    }

    /// The bytes not read yet.
    pub fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    /// Checks that everything was read.
    pub fn finish(self) -> Result<()> {
        match self.rest.len() {
            0 => Ok(()),
            n => Err(Error::TrailingBytes(n)),
        }
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.rest.len() < n {
            return Err(Error::UnexpectedEof {
                needed: n,
                remaining: self.rest.len(),
            });
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    /// Takes `n` bytes followed by their padding and returns the `n` bytes.
    /// The padding is skipped unchecked (see the type's documentation).
    #[inline]
    fn take_padded(&mut self, n: usize) -> Result<&'a [u8]> {
        // `n` can only be near `usize::MAX` when it was not read from the
        // input; saturating keeps the comparison in `take` meaningful.
        let bytes = self.take(n.saturating_add(padding(n)))?;
        Ok(&bytes[..n])
    }

    /// Enters one level of nesting, or fails if that would pass the limit.
    #[inline]
    fn enter(&mut self) -> Result<()> {
        if self.depth >= self.depth_limit {
            return Err(Error::DepthLimitExceeded(self.depth_limit));
        }
        self.depth += 1;
        Ok(())
    }

    /// Checks that `n` elements of at least `min_size` bytes each fit in the
    /// input left.
    #[inline]
    fn check_backed(&self, n: u32, min_size: usize, field: &'static str) -> Result<()> {
        // u32 * u64 cannot overflow u64 unless `min_size` is absurd;
        // saturating keeps even that case a clean error.
        let needed = u64::from(n).saturating_mul(min_size as u64);
        if needed > self.rest.len() as u64 {
            return Err(Error::LengthBeyondInput {
                field,
                len: n,
                needed,
                remaining: self.rest.len(),
            });
        }
        Ok(())
    }

    #[inline]
    fn scalar<T: Unpack<&'a [u8]>>(&mut self, size: usize) -> Result<T> {
        let remaining = self.rest.len();
        if remaining < size {
            return Err(Error::UnexpectedEof {
                needed: size,
                remaining,
            });
        }
        T::unpack(&mut self.rest)
            .map(|(v, _)| v)
            .map_err(|_| Error::UnexpectedEof {
                needed: size,
                remaining,
            })
    }

    /// Reads an XDR `int`.
    #[inline]
    pub fn get_i32(&mut self) -> Result<i32> {
        self.scalar(4)
    }

    /// Reads an XDR `unsigned int`.
    #[inline]
    pub fn get_u32(&mut self) -> Result<u32> {
        self.scalar(4)
    }

    /// Reads an XDR `hyper`.
    #[inline]
    pub fn get_i64(&mut self) -> Result<i64> {
        self.scalar(8)
    }

    /// Reads an XDR `unsigned hyper`.
    #[inline]
    pub fn get_u64(&mut self) -> Result<u64> {
        self.scalar(8)
    }

    /// Reads an XDR `float`.
    #[inline]
    pub fn get_f32(&mut self) -> Result<f32> {
        self.scalar(4)
    }

    /// Reads an XDR `double`.
    #[inline]
    pub fn get_f64(&mut self) -> Result<f64> {
        self.scalar(8)
    }

    /// Reads an XDR `bool`; anything but 0 or 1 is an error.
    #[inline]
    pub fn get_bool(&mut self) -> Result<bool> {
        match self.get_u32()? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(Error::InvalidBool(v)),
        }
    }

    /// Reads a length prefix, checked against `max` and against the bytes
    /// that remain (each element taking at least `min_size` bytes).
    #[inline]
    fn length(&mut self, max: u32, min_size: usize, field: &'static str) -> Result<usize> {
        let len = self.get_u32()?;
        if len > max {
            return Err(Error::LengthExceedsMax {
                field,
                len: u64::from(len),
                max,
            });
        }
        self.check_backed(len, min_size, field)?;
        // Lossless: the prefix fits the input, whose length is a usize.
        Ok(len as usize)
    }

    /// Reads fixed-length opaque data (`opaque x[N]`) and its padding.
    ///
    /// The padding bytes are skipped without being checked.
    #[inline]
    pub fn get_opaque_fixed<const N: usize>(&mut self) -> Result<[u8; N]> {
        let bytes = self.take_padded(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// Reads `n` bytes of fixed-length opaque data and its padding, borrowed
    /// from the input.
    ///
    /// The padding bytes are skipped without being checked.
    pub fn get_opaque_exact(&mut self, n: usize) -> Result<&'a [u8]> {
        self.take_padded(n)
    }

    /// Reads variable-length opaque data (`opaque x<max>`), borrowed from the input.
    ///
    /// A length above `max` is [`Error::LengthExceedsMax`]; a length beyond
    /// the input left is [`Error::LengthBeyondInput`]; missing padding after
    /// the data is [`Error::UnexpectedEof`].
    #[inline]
    pub fn get_opaque_ref(&mut self, max: u32, field: &'static str) -> Result<&'a [u8]> {
        let len = self.length(max, 1, field)?;
        self.take_padded(len)
    }

    /// Reads variable-length opaque data (`opaque x<max>`).
    #[inline]
    pub fn get_opaque(&mut self, max: u32, field: &'static str) -> Result<Vec<u8>> {
        self.get_opaque_ref(max, field).map(<[u8]>::to_vec)
    }

    /// Reads an XDR `string<max>`, which must be UTF-8
    /// ([`Error::InvalidUtf8`] otherwise). Embedded NUL bytes are kept.
    #[inline]
    pub fn get_string(&mut self, max: u32, field: &'static str) -> Result<String> {
        let bytes = self.get_opaque_ref(max, field)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(Error::InvalidUtf8 { field }),
        }
    }

    /// Reads a variable-length array (`T x<max>`), each element with `item`.
    ///
    /// `min_size` is the smallest encoded size of one element (4 for every
    /// XDR type but `void`); a length prefix that cannot fit in the remaining
    /// input fails before the vector is allocated. With `min_size == 0` only
    /// `max` bounds the length. A non-empty array counts as one level of
    /// nesting against the depth limit.
    #[inline]
    pub fn get_array<T>(
        &mut self,
        max: u32,
        min_size: usize,
        field: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec<T>> {
        let len = self.length(max, min_size, field)?;
        if len == 0 {
            return Ok(Vec::new());
        }
        self.enter()?;
        let mut out = Vec::with_capacity(prealloc::<T>(len));
        let result = (0..len).try_for_each(|_| {
            out.push(item(self)?);
            Ok(())
        });
        self.depth -= 1;
        result.map(|()| out)
    }

    /// Reads a fixed-length array (`T x[n]`), each element with `item`.
    ///
    /// `min_size` is as for [`get_array`](Self::get_array): `n` elements
    /// that cannot fit in the remaining input fail before the vector is
    /// allocated.
    pub fn get_array_exact<T>(
        &mut self,
        n: u32,
        min_size: usize,
        field: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.check_backed(n, min_size, field)?;
        let mut out = Vec::with_capacity(prealloc::<T>(n as usize));
        for _ in 0..n {
            out.push(item(self)?);
        }
        Ok(out)
    }

    /// Reads optional data (`T *x`): a boolean, then the value if present.
    ///
    /// Nesting is counted so that hostile input cannot exhaust the stack
    /// through recursive types.
    #[inline]
    pub fn get_option<T>(
        &mut self,
        item: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<Option<T>> {
        if !self.get_bool()? {
            return Ok(None);
        }
        self.enter()?;
        let value = item(self);
        self.depth -= 1;
        value.map(Some)
    }
}

/// Decodes one `T` that must span all of `bytes`; leftover bytes are
/// [`Error::TrailingBytes`].
pub fn from_bytes<T: Decode>(bytes: &[u8]) -> Result<T> {
    let mut dec = Decoder::new(bytes);
    let value = T::decode(&mut dec)?;
    dec.finish()?;
    Ok(value)
}
