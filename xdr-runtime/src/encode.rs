//! Encoding: the [`Encode`] trait and the [`Encoder`] that writes XDR into a `Vec<u8>`.

use crate::error::{Error, Result};
use xdr_codec::Pack;

/// A value that can be written as XDR.
///
/// Generated code implements it for every struct, enum, union and typedef of
/// a `.x` file; this crate implements it for the scalar types.
pub trait Encode {
    /// Appends the XDR form of `self` to `enc`.
    ///
    /// Fails only when a declared limit is exceeded (a string, opaque or
    /// array longer than its `<max>`, a fixed array of the wrong length) or a
    /// union holds a discriminant it may not carry.
    fn encode(&self, enc: &mut Encoder) -> Result<()>;
}

/// Writes XDR items into a growable buffer.
///
/// Every method appends one item with its padding. Lengths are checked
/// against the declared maximum (or fixed length) before anything is
/// written, and the compound methods ([`put_array`](Self::put_array),
/// [`put_array_exact`](Self::put_array_exact),
/// [`put_option`](Self::put_option)) truncate the buffer back when an
/// element fails, so a failed call leaves no partial item behind.
#[derive(Debug, Default, Clone)]
pub struct Encoder {
    buf: Vec<u8>,
}

impl Encoder {
    /// An empty encoder.
    pub fn new() -> Self {
        Self::default()
    }

    /// An encoder that appends to `buf` (for example after a header that is
    /// already in place).
    pub fn from_vec(buf: Vec<u8>) -> Self {
        Self { buf }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Number of bytes written so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Gives the buffer back.
    pub fn into_vec(self) -> Vec<u8> {
        self.buf
    }

    /// Runs `f`; if it fails, drops whatever it appended.
    #[inline]
    fn atomic(&mut self, f: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        let mark = self.buf.len();
        let result = f(self);
        if result.is_err() {
            self.buf.truncate(mark);
        }
        result
    }

    fn scalar<T: Pack<Vec<u8>>>(&mut self, v: T) {
        // Writing into a Vec cannot fail.
        let _ = v.pack(&mut self.buf);
    }

    /// Writes an XDR `int`.
    #[inline]
    pub fn put_i32(&mut self, v: i32) {
        self.scalar(v);
    }

    /// Writes an XDR `unsigned int`.
    #[inline]
    pub fn put_u32(&mut self, v: u32) {
        self.scalar(v);
    }

    /// Writes an XDR `hyper`.
    #[inline]
    pub fn put_i64(&mut self, v: i64) {
        self.scalar(v);
    }

    /// Writes an XDR `unsigned hyper`.
    #[inline]
    pub fn put_u64(&mut self, v: u64) {
        self.scalar(v);
    }

    /// Writes an XDR `float`.
    #[inline]
    pub fn put_f32(&mut self, v: f32) {
        self.scalar(v);
    }

    /// Writes an XDR `double`.
    #[inline]
    pub fn put_f64(&mut self, v: f64) {
        self.scalar(v);
    }

    /// Writes an XDR `bool` (0 or 1).
    #[inline]
    pub fn put_bool(&mut self, v: bool) {
        self.put_u32(u32::from(v));
    }

    fn pad(&mut self, len: usize) {
        self.buf.extend_from_slice(xdr_codec::padding(len));
    }

    fn check_max(field: &'static str, len: usize, max: u32) -> Result<u32> {
        match u32::try_from(len) {
            Ok(n) if n <= max => Ok(n),
            _ => Err(Error::LengthExceedsMax {
                field,
                len: len as u64,
                max,
            }),
        }
    }

    /// Writes fixed-length opaque data (`opaque x[N]`): the bytes and zero
    /// padding to a multiple of four.
    pub fn put_opaque_fixed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
        self.pad(bytes.len());
    }

    /// Appends raw bytes without padding (an already encoded XDR body).
    pub fn put_raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Writes fixed-length opaque data whose length is only known at run
    /// time, checking it against the declared length `n`.
    pub fn put_opaque_exact(&mut self, bytes: &[u8], n: u32, field: &'static str) -> Result<()> {
        if bytes.len() != n as usize {
            return Err(Error::FixedLengthMismatch {
                field,
                expected: n,
                len: bytes.len(),
            });
        }
        self.put_opaque_fixed(bytes);
        Ok(())
    }

    /// Writes variable-length opaque data (`opaque x<max>`): the length, the
    /// bytes and zero padding. Longer than `max` is
    /// [`Error::LengthExceedsMax`] naming `field`.
    pub fn put_opaque(&mut self, bytes: &[u8], max: u32, field: &'static str) -> Result<()> {
        let n = Self::check_max(field, bytes.len(), max)?;
        self.put_u32(n);
        self.put_opaque_fixed(bytes);
        Ok(())
    }

    /// Writes an XDR `string<max>`; the limit is in bytes, as on the wire.
    pub fn put_string(&mut self, s: &str, max: u32, field: &'static str) -> Result<()> {
        self.put_opaque(s.as_bytes(), max, field)
    }

    /// Writes a variable-length array (`T x<max>`), each element with `item`.
    pub fn put_array<T>(
        &mut self,
        items: &[T],
        max: u32,
        field: &'static str,
        mut item: impl FnMut(&mut Self, &T) -> Result<()>,
    ) -> Result<()> {
        let n = Self::check_max(field, items.len(), max)?;
        self.atomic(|enc| {
            enc.put_u32(n);
            items.iter().try_for_each(|v| item(enc, v))
        })
    }

    /// Writes a fixed-length array (`T x[n]`) whose length is only known at
    /// run time, checking it against the declared length `n`.
    pub fn put_array_exact<T>(
        &mut self,
        items: &[T],
        n: u32,
        field: &'static str,
        mut item: impl FnMut(&mut Self, &T) -> Result<()>,
    ) -> Result<()> {
        if items.len() != n as usize {
            return Err(Error::FixedLengthMismatch {
                field,
                expected: n,
                len: items.len(),
            });
        }
        self.atomic(|enc| items.iter().try_for_each(|v| item(enc, v)))
    }

    /// Writes optional data (`T *x`): a boolean, then the value if present.
    pub fn put_option<T: ?Sized>(
        &mut self,
        value: Option<&T>,
        item: impl FnOnce(&mut Self, &T) -> Result<()>,
    ) -> Result<()> {
        match value {
            None => {
                self.put_bool(false);
                Ok(())
            }
            Some(v) => self.atomic(|enc| {
                enc.put_bool(true);
                item(enc, v)
            }),
        }
    }
}

/// Encodes `value` into a new buffer.
pub fn to_vec<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut enc = Encoder::new();
    value.encode(&mut enc)?;
    Ok(enc.into_vec())
}
