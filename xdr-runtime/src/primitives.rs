//! [`Encode`] and [`Decode`] for the XDR scalar types.
//!
//! | XDR                | Rust   | wire size |
//! |--------------------|--------|-----------|
//! | `int`              | `i32`  | 4         |
//! | `unsigned int`     | `u32`  | 4         |
//! | `hyper`            | `i64`  | 8         |
//! | `unsigned hyper`   | `u64`  | 8         |
//! | `float`            | `f32`  | 4         |
//! | `double`           | `f64`  | 8         |
//! | `bool`             | `bool` | 4         |
//! | `char`             | `i8`   | 4 (as `int`, like rpcgen's `xdr_char`) |
//! | `unsigned char`    | `u8`   | 4         |
//! | `short`            | `i16`  | 4         |
//! | `unsigned short`   | `u16`  | 4         |
//! | `void`             | `()`   | 0         |

use crate::decode::{Decode, Decoder};
use crate::encode::{Encode, Encoder};
use crate::error::{Error, Result};

macro_rules! scalar {
    ($($ty:ty => $put:ident, $get:ident;)*) => {$(
        impl Encode for $ty {
            #[inline]
            fn encode(&self, enc: &mut Encoder) -> Result<()> {
                enc.$put(*self);
                Ok(())
            }
        }
        impl Decode for $ty {
            #[inline]
            fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
                dec.$get()
            }
        }
    )*};
}

scalar! {
    i32 => put_i32, get_i32;
    u32 => put_u32, get_u32;
    i64 => put_i64, get_i64;
    u64 => put_u64, get_u64;
    f32 => put_f32, get_f32;
    f64 => put_f64, get_f64;
    bool => put_bool, get_bool;
}

// `char` and `short` travel as a full XDR int; values that do not fit the
// C type are rejected rather than truncated.
macro_rules! narrow {
    ($($ty:ty => $wide:ty, $put:ident, $get:ident, $name:literal;)*) => {$(
        impl Encode for $ty {
            #[inline]
            fn encode(&self, enc: &mut Encoder) -> Result<()> {
                enc.$put(<$wide>::from(*self));
                Ok(())
            }
        }
        impl Decode for $ty {
            #[inline]
            fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
                let wide = dec.$get()?;
                <$ty>::try_from(wide).map_err(|_| Error::OutOfRange { ty: $name, value: i64::from(wide) })
            }
        }
    )*};
}

narrow! {
    i8 => i32, put_i32, get_i32, "char";
    u8 => u32, put_u32, get_u32, "unsigned char";
    i16 => i32, put_i32, get_i32, "short";
    u16 => u32, put_u32, get_u32, "unsigned short";
}

impl Encode for () {
    #[inline]
    fn encode(&self, _enc: &mut Encoder) -> Result<()> {
        Ok(())
    }
}

impl Decode for () {
    #[inline]
    fn decode(_dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(())
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    #[inline]
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        (**self).encode(enc)
    }
}

impl<T: Decode> Decode for Box<T> {
    #[inline]
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        T::decode(dec).map(Box::new)
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    #[inline]
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        (**self).encode(enc)
    }
}
