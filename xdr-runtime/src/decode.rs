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

/// How deep optional data may nest before decoding gives up.
pub const DEFAULT_DEPTH_LIMIT: u32 = 256;

/// Reads XDR items from a byte slice.
///
/// Scalars, strings and opaque data are read straight out of the slice; a
/// length prefix is checked against the declared maximum and against the
/// bytes that remain before anything is allocated.
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

impl<'a> Decoder<'a> {
    /// A decoder over `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self {
            rest: bytes,
            depth: 0,
            depth_limit: DEFAULT_DEPTH_LIMIT,
        }
    }

    /// Sets how deep optional data may nest (default [`DEFAULT_DEPTH_LIMIT`]).
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
        let needed = u64::from(len) * min_size as u64;
        if needed > self.rest.len() as u64 {
            return Err(Error::LengthBeyondInput {
                field,
                len,
                needed,
                remaining: self.rest.len(),
            });
        }
        Ok(len as usize)
    }

    /// Reads fixed-length opaque data (`opaque x[N]`) and its padding.
    #[inline]
    pub fn get_opaque_fixed<const N: usize>(&mut self) -> Result<[u8; N]> {
        let bytes = self.take(N + padding(N))?;
        let mut out = [0u8; N];
        out.copy_from_slice(&bytes[..N]);
        Ok(out)
    }

    /// Reads `n` bytes of fixed-length opaque data and its padding, borrowed
    /// from the input.
    pub fn get_opaque_exact(&mut self, n: usize) -> Result<&'a [u8]> {
        let bytes = self.take(n.checked_add(padding(n)).unwrap_or(usize::MAX))?;
        Ok(&bytes[..n])
    }

    /// Reads variable-length opaque data (`opaque x<max>`), borrowed from the input.
    #[inline]
    pub fn get_opaque_ref(&mut self, max: u32, field: &'static str) -> Result<&'a [u8]> {
        let len = self.length(max, 1, field)?;
        self.get_opaque_exact(len)
    }

    /// Reads variable-length opaque data (`opaque x<max>`).
    #[inline]
    pub fn get_opaque(&mut self, max: u32, field: &'static str) -> Result<Vec<u8>> {
        self.get_opaque_ref(max, field).map(<[u8]>::to_vec)
    }

    /// Reads an XDR `string<max>`, which must be UTF-8.
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
    /// `min_size` is the smallest encoded size of one element; a length
    /// prefix that cannot fit in the remaining input fails before the vector
    /// is allocated.
    #[inline]
    pub fn get_array<T>(
        &mut self,
        max: u32,
        min_size: usize,
        field: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec<T>> {
        let len = self.length(max, min_size, field)?;
        // With zero-sized elements the prefix alone bounds nothing; cap the
        // up-front reservation by the input size instead.
        let mut out = Vec::with_capacity(len.min(self.rest.len().max(16)));
        for _ in 0..len {
            out.push(item(self)?);
        }
        Ok(out)
    }

    /// Reads a fixed-length array (`T x[n]`), each element with `item`.
    pub fn get_array_exact<T>(
        &mut self,
        n: u32,
        min_size: usize,
        field: &'static str,
        mut item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec<T>> {
        let needed = u64::from(n) * min_size as u64;
        if needed > self.rest.len() as u64 {
            return Err(Error::LengthBeyondInput {
                field,
                len: n,
                needed,
                remaining: self.rest.len(),
            });
        }
        let mut out = Vec::with_capacity((n as usize).min(self.rest.len().max(16)));
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
        if self.depth >= self.depth_limit {
            return Err(Error::DepthLimitExceeded(self.depth_limit));
        }
        self.depth += 1;
        let value = item(self);
        self.depth -= 1;
        value.map(Some)
    }
}

/// Decodes one `T` that must span all of `bytes`.
pub fn from_bytes<T: Decode>(bytes: &[u8]) -> Result<T> {
    let mut dec = Decoder::new(bytes);
    let value = T::decode(&mut dec)?;
    dec.finish()?;
    Ok(value)
}
