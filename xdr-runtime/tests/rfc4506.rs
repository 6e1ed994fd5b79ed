//! Golden byte tests written by hand from the encoding rules of RFC 4506.
//!
//! Every case states the exact bytes the RFC prescribes, checks that
//! encoding produces them and that decoding them gives the value back with
//! nothing left over.

use std::fmt::Debug;
use xdr_runtime::{from_bytes, to_vec, Decode, Decoder, Encode, Encoder, Error, Result};

/// Encodes `value`, compares with `bytes`, then decodes `bytes` back.
fn golden<T: Encode + Decode + PartialEq + Debug>(value: T, bytes: &[u8]) {
    let encoded = to_vec(&value).expect("encode");
    assert_eq!(encoded, bytes, "encoding of {value:?}");
    assert_eq!(
        encoded.len() % 4,
        0,
        "encoding of {value:?} is not 4-aligned"
    );
    let decoded: T = from_bytes(bytes).expect("decode");
    assert_eq!(decoded, value, "decoding of {bytes:02x?}");
}

/// Like [`golden`] for items written and read with explicit closures.
fn golden_with<T: PartialEq + Debug>(
    value: &T,
    bytes: &[u8],
    put: impl FnOnce(&mut Encoder, &T) -> Result<()>,
    get: impl FnOnce(&mut Decoder<'_>) -> Result<T>,
) {
    let mut enc = Encoder::new();
    put(&mut enc, value).expect("encode");
    assert_eq!(enc.as_bytes(), bytes, "encoding of {value:?}");
    assert_eq!(enc.len() % 4, 0);
    let mut dec = Decoder::new(bytes);
    let decoded = get(&mut dec).expect("decode");
    dec.finish().expect("no trailing bytes");
    assert_eq!(&decoded, value, "decoding of {bytes:02x?}");
}

// 4.1 Integer: 32-bit two's complement, most significant byte first.
#[test]
fn int() {
    golden(0i32, &[0, 0, 0, 0]);
    golden(1i32, &[0, 0, 0, 1]);
    golden(-1i32, &[0xff, 0xff, 0xff, 0xff]);
    golden(-2i32, &[0xff, 0xff, 0xff, 0xfe]);
    golden(0x0102_0304i32, &[1, 2, 3, 4]);
    golden(i32::MAX, &[0x7f, 0xff, 0xff, 0xff]);
    golden(i32::MIN, &[0x80, 0, 0, 0]);
}

// 4.2 Unsigned integer.
#[test]
fn unsigned_int() {
    golden(0u32, &[0, 0, 0, 0]);
    golden(7u32, &[0, 0, 0, 7]);
    golden(0xdead_beefu32, &[0xde, 0xad, 0xbe, 0xef]);
    golden(u32::MAX, &[0xff, 0xff, 0xff, 0xff]);
}

// 4.5 Hyper integer: 64-bit two's complement, most significant byte first.
#[test]
fn hyper() {
    golden(0i64, &[0; 8]);
    golden(1i64, &[0, 0, 0, 0, 0, 0, 0, 1]);
    golden(-1i64, &[0xff; 8]);
    golden(-2i64, &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);
    golden(0x0102_0304_0506_0708i64, &[1, 2, 3, 4, 5, 6, 7, 8]);
    golden(i64::MIN, &[0x80, 0, 0, 0, 0, 0, 0, 0]);
    golden(i64::MAX, &[0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
}

// 4.5 Unsigned hyper integer.
#[test]
fn unsigned_hyper() {
    golden(0u64, &[0; 8]);
    golden(
        0xfedc_ba98_7654_3210u64,
        &[0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10],
    );
    golden(u64::MAX, &[0xff; 8]);
    golden(1u64 << 32, &[0, 0, 0, 1, 0, 0, 0, 0]);
}

/// Floats compare by bits so that NaN and -0.0 are checked exactly.
fn golden_f32(v: f32, bytes: [u8; 4]) {
    assert_eq!(to_vec(&v).unwrap(), bytes, "encoding of {v}");
    let back: f32 = from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bits(), v.to_bits(), "decoding of {bytes:02x?}");
}

fn golden_f64(v: f64, bytes: [u8; 8]) {
    assert_eq!(to_vec(&v).unwrap(), bytes, "encoding of {v}");
    let back: f64 = from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bits(), v.to_bits(), "decoding of {bytes:02x?}");
}

// 4.6 Floating-point: IEEE 754 single precision, sign bit first.
#[test]
fn float() {
    golden_f32(0.0, [0, 0, 0, 0]);
    golden_f32(-0.0, [0x80, 0, 0, 0]);
    golden_f32(1.0, [0x3f, 0x80, 0, 0]);
    golden_f32(-2.5, [0xc0, 0x20, 0, 0]);
    golden_f32(f32::INFINITY, [0x7f, 0x80, 0, 0]);
    golden_f32(f32::NEG_INFINITY, [0xff, 0x80, 0, 0]);
    golden_f32(f32::from_bits(0x7fc0_0000), [0x7f, 0xc0, 0, 0]); // quiet NaN
    golden_f32(f32::from_bits(0x0000_0001), [0, 0, 0, 1]); // smallest subnormal
    golden_f32(f32::MAX, [0x7f, 0x7f, 0xff, 0xff]);
    // Any NaN decodes to a NaN carrying the same payload.
    let nan: f32 = from_bytes(&[0xff, 0xc0, 0x12, 0x34]).unwrap();
    assert!(nan.is_nan());
    assert_eq!(nan.to_bits(), 0xffc0_1234);
}

// 4.7 Double-precision floating-point.
#[test]
fn double() {
    golden_f64(0.0, [0; 8]);
    golden_f64(-0.0, [0x80, 0, 0, 0, 0, 0, 0, 0]);
    golden_f64(1.0, [0x3f, 0xf0, 0, 0, 0, 0, 0, 0]);
    golden_f64(-2.5, [0xc0, 0x04, 0, 0, 0, 0, 0, 0]);
    golden_f64(f64::INFINITY, [0x7f, 0xf0, 0, 0, 0, 0, 0, 0]);
    golden_f64(f64::NEG_INFINITY, [0xff, 0xf0, 0, 0, 0, 0, 0, 0]);
    golden_f64(
        f64::from_bits(0x7ff8_0000_0000_0000),
        [0x7f, 0xf8, 0, 0, 0, 0, 0, 0],
    );
    golden_f64(f64::from_bits(1), [0, 0, 0, 0, 0, 0, 0, 1]);
    golden_f64(f64::MAX, [0x7f, 0xef, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
    let nan: f64 = from_bytes(&[0x7f, 0xf0, 0, 0, 0, 0, 0, 1]).unwrap();
    assert!(nan.is_nan());
}

// 4.4 Boolean: an enum with FALSE = 0 and TRUE = 1.
#[test]
fn boolean() {
    golden(false, &[0, 0, 0, 0]);
    golden(true, &[0, 0, 0, 1]);
}

/// The enumeration of RFC 4506 section 4.3:
/// `enum { RED = 2, YELLOW = 3, BLUE = 5 } colors;`, plus a negative member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Colors {
    Red,
    Yellow,
    Blue,
    Below,
}

impl Encode for Colors {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        enc.put_i32(match self {
            Colors::Red => 2,
            Colors::Yellow => 3,
            Colors::Blue => 5,
            Colors::Below => -7,
        });
        Ok(())
    }
}

impl Decode for Colors {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        match dec.get_i32()? {
            2 => Ok(Colors::Red),
            3 => Ok(Colors::Yellow),
            5 => Ok(Colors::Blue),
            -7 => Ok(Colors::Below),
            v => Err(Error::InvalidDiscriminant {
                union: "colors",
                value: v.into(),
            }),
        }
    }
}

// 4.3 Enumeration: encoded as its int value.
#[test]
fn enum_as_int() {
    golden(Colors::Red, &[0, 0, 0, 2]);
    golden(Colors::Yellow, &[0, 0, 0, 3]);
    golden(Colors::Blue, &[0, 0, 0, 5]);
    golden(Colors::Below, &[0xff, 0xff, 0xff, 0xf9]);
    assert_eq!(
        from_bytes::<Colors>(&[0, 0, 0, 4]),
        Err(Error::InvalidDiscriminant {
            union: "colors",
            value: 4
        })
    );
}

// char and short are not RFC 4506 types but rpcgen sends them as a full int.
#[test]
fn char_and_short_travel_as_int() {
    golden(-1i8, &[0xff; 4]);
    golden(0x7fi8, &[0, 0, 0, 0x7f]);
    golden(0xffu8, &[0, 0, 0, 0xff]);
    golden(-2i16, &[0xff, 0xff, 0xff, 0xfe]);
    golden(0x1234i16, &[0, 0, 0x12, 0x34]);
    golden(0xffffu16, &[0, 0, 0xff, 0xff]);
}

// 4.9 Fixed-length opaque data: the bytes, then 0 to 3 zero bytes so that
// the total is a multiple of four.
#[test]
fn fixed_opaque_padding() {
    golden_with(
        &[0u8; 0],
        &[],
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<0>(),
    );
    golden_with(
        &[0xaa],
        &[0xaa, 0, 0, 0],
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<1>(),
    );
    golden_with(
        &[0xaa, 0xbb],
        &[0xaa, 0xbb, 0, 0],
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<2>(),
    );
    golden_with(
        &[1, 2, 3],
        &[1, 2, 3, 0],
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<3>(),
    );
    golden_with(
        &[1, 2, 3, 4],
        &[1, 2, 3, 4],
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<4>(),
    );
    golden_with(
        &[1, 2, 3, 4, 5],
        &[1, 2, 3, 4, 5, 0, 0, 0],
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<5>(),
    );
    // A UUID (`opaque uuid[16]`) needs no padding.
    let uuid: [u8; 16] = core::array::from_fn(|i| i as u8);
    golden_with(
        &uuid,
        &uuid,
        |e, v| {
            e.put_opaque_fixed(v);
            Ok(())
        },
        |d| d.get_opaque_fixed::<16>(),
    );
}

#[test]
fn fixed_opaque_known_at_run_time() {
    for (data, bytes) in [
        (&b""[..], &b""[..]),
        (b"a", b"a\0\0\0"),
        (b"ab", b"ab\0\0"),
        (b"abc", b"abc\0"),
        (b"abcd", b"abcd"),
    ] {
        let n = data.len() as u32;
        let mut enc = Encoder::new();
        enc.put_opaque_exact(data, n, "t.f").unwrap();
        assert_eq!(enc.as_bytes(), bytes);
        let mut dec = Decoder::new(bytes);
        assert_eq!(dec.get_opaque_exact(data.len()).unwrap(), data);
        dec.finish().unwrap();
    }
}

// 4.10 Variable-length opaque data: unsigned length, the bytes, padding.
#[test]
fn variable_opaque() {
    let cases: [(&[u8], &[u8]); 6] = [
        (b"", &[0, 0, 0, 0]),
        (b"\x01", &[0, 0, 0, 1, 1, 0, 0, 0]),
        (b"\x01\x02", &[0, 0, 0, 2, 1, 2, 0, 0]),
        (b"\x01\x02\x03", &[0, 0, 0, 3, 1, 2, 3, 0]),
        (b"\x01\x02\x03\x04", &[0, 0, 0, 4, 1, 2, 3, 4]),
        (
            b"\xff\xfe\xfd\xfc\xfb",
            &[0, 0, 0, 5, 0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0, 0, 0],
        ),
    ];
    for (data, bytes) in cases {
        golden_with(
            &data.to_vec(),
            bytes,
            |e, v| e.put_opaque(v, 16, "t.data"),
            |d| d.get_opaque(16, "t.data"),
        );
        let mut dec = Decoder::new(bytes);
        assert_eq!(dec.get_opaque_ref(16, "t.data").unwrap(), data);
        dec.finish().unwrap();
    }
}

// 4.11 String: like variable-length opaque, the bytes being ASCII (here
// UTF-8).
#[test]
fn string() {
    let cases: [(&str, &[u8]); 6] = [
        ("", &[0, 0, 0, 0]),
        ("a", b"\0\0\0\x01a\0\0\0"),
        ("ab", b"\0\0\0\x02ab\0\0"),
        ("abc", b"\0\0\0\x03abc\0"),
        ("abcd", b"\0\0\0\x04abcd"),
        ("hello", b"\0\0\0\x05hello\0\0\0"),
    ];
    for (s, bytes) in cases {
        golden_with(
            &s.to_owned(),
            bytes,
            |e, v| e.put_string(v, 8, "t.name"),
            |d| d.get_string(8, "t.name"),
        );
    }
    // Multi-byte UTF-8: the length counts bytes, not characters.
    golden_with(
        &"é".to_owned(),
        &[0, 0, 0, 2, 0xc3, 0xa9, 0, 0],
        |e, v| e.put_string(v, 2, "t.name"),
        |d| d.get_string(2, "t.name"),
    );
}

// 4.12 Fixed-length array: the elements in order, no length.
#[test]
fn fixed_array() {
    let value = vec![1i32, -1, 3];
    golden_with(
        &value,
        &[0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 3],
        |e, v| e.put_array_exact(v, 3, "t.xs", |e, x| x.encode(e)),
        |d| d.get_array_exact(3, 4, "t.xs", i32::decode),
    );
    // Elements of different sizes: `hyper pair[2]`.
    golden_with(
        &vec![1i64, 2],
        &[0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2],
        |e, v| e.put_array_exact(v, 2, "t.pair", |e, x| x.encode(e)),
        |d| d.get_array_exact(2, 8, "t.pair", i64::decode),
    );
    golden_with(
        &Vec::<u32>::new(),
        &[],
        |e, v| e.put_array_exact(v, 0, "t.none", |e, x| x.encode(e)),
        |d| d.get_array_exact(0, 4, "t.none", u32::decode),
    );
}

// 4.13 Variable-length array: unsigned count, then the elements.
#[test]
fn variable_array() {
    golden_with(
        &Vec::<u32>::new(),
        &[0, 0, 0, 0],
        |e, v| e.put_array(v, 5, "t.xs", |e, x| x.encode(e)),
        |d| d.get_array(5, 4, "t.xs", u32::decode),
    );
    golden_with(
        &vec![7u32, 8],
        &[0, 0, 0, 2, 0, 0, 0, 7, 0, 0, 0, 8],
        |e, v| e.put_array(v, 5, "t.xs", |e, x| x.encode(e)),
        |d| d.get_array(5, 4, "t.xs", u32::decode),
    );
    // An array of strings: each element carries its own length and padding.
    golden_with(
        &vec!["a".to_owned(), "bcde".to_owned()],
        &[
            0, 0, 0, 2, 0, 0, 0, 1, b'a', 0, 0, 0, 0, 0, 0, 4, b'b', b'c', b'd', b'e',
        ],
        |e, v| e.put_array(v, 5, "t.names", |e, s| e.put_string(s, 8, "t.names[]")),
        |d| d.get_array(5, 4, "t.names", |d| d.get_string(8, "t.names[]")),
    );
}

// 4.19 Optional data: a bool, then the value when it is TRUE.
#[test]
fn optional_data() {
    golden_with(
        &None::<u32>,
        &[0, 0, 0, 0],
        |e, v| e.put_option(v.as_ref(), |e, x| x.encode(e)),
        |d| d.get_option(u32::decode),
    );
    golden_with(
        &Some(0x1234_5678u32),
        &[0, 0, 0, 1, 0x12, 0x34, 0x56, 0x78],
        |e, v| e.put_option(v.as_ref(), |e, x| x.encode(e)),
        |d| d.get_option(u32::decode),
    );
    // `string *name`.
    golden_with(
        &Some("xy".to_owned()),
        &[0, 0, 0, 1, 0, 0, 0, 2, b'x', b'y', 0, 0],
        |e, v| e.put_option(v.as_deref(), |e, s| e.put_string(s, 4, "t.name")),
        |d| d.get_option(|d| d.get_string(4, "t.name")),
    );
}

/// A struct as generated code would write it:
///
/// ```text
/// struct sample {
///     int id;
///     unsigned hyper size;
///     string name<16>;
///     bool active;
///     opaque tag[3];
///     unsigned int *next;
/// };
/// ```
#[derive(Debug, Clone, PartialEq)]
struct Sample {
    id: i32,
    size: u64,
    name: String,
    active: bool,
    tag: [u8; 3],
    next: Option<u32>,
}

impl Encode for Sample {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        self.id.encode(enc)?;
        self.size.encode(enc)?;
        enc.put_string(&self.name, 16, "sample.name")?;
        self.active.encode(enc)?;
        enc.put_opaque_fixed(&self.tag);
        enc.put_option(self.next.as_ref(), |e, v| v.encode(e))
    }
}

impl Decode for Sample {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(Self {
            id: i32::decode(dec)?,
            size: u64::decode(dec)?,
            name: dec.get_string(16, "sample.name")?,
            active: bool::decode(dec)?,
            tag: dec.get_opaque_fixed()?,
            next: dec.get_option(u32::decode)?,
        })
    }
}

// 4.14 Structure: the components in declaration order.
#[test]
fn structure() {
    golden(
        Sample {
            id: -3,
            size: 0x1_0000_0002,
            name: "vm01a".into(),
            active: true,
            tag: *b"xyz",
            next: Some(9),
        },
        &[
            0xff, 0xff, 0xff, 0xfd, // id
            0, 0, 0, 1, 0, 0, 0, 2, // size
            0, 0, 0, 5, b'v', b'm', b'0', b'1', b'a', 0, 0, 0, // name
            0, 0, 0, 1, // active
            b'x', b'y', b'z', 0, // tag
            0, 0, 0, 1, 0, 0, 0, 9, // next
        ],
    );
    golden(
        Sample {
            id: 0,
            size: 0,
            name: String::new(),
            active: false,
            tag: [0; 3],
            next: None,
        },
        &[0; 28],
    );
}

/// A discriminated union as generated code would write it:
///
/// ```text
/// union result switch (int status) {
/// case 0: hyper value;
/// case 1: string message<32>;
/// case 2: void;
/// default: opaque raw<8>;
/// };
/// ```
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Value(i64),
    Message(String),
    Nothing,
    Other(i32, Vec<u8>),
}

impl Encode for Outcome {
    fn encode(&self, enc: &mut Encoder) -> Result<()> {
        match self {
            Outcome::Value(v) => {
                enc.put_i32(0);
                v.encode(enc)
            }
            Outcome::Message(m) => {
                enc.put_i32(1);
                enc.put_string(m, 32, "result.message")
            }
            Outcome::Nothing => {
                enc.put_i32(2);
                ().encode(enc)
            }
            Outcome::Other(d, raw) => {
                if (0..=2).contains(d) {
                    return Err(Error::InvalidDiscriminant {
                        union: "result",
                        value: (*d).into(),
                    });
                }
                enc.put_i32(*d);
                enc.put_opaque(raw, 8, "result.raw")
            }
        }
    }
}

impl Decode for Outcome {
    fn decode(dec: &mut Decoder<'_>) -> Result<Self> {
        Ok(match dec.get_i32()? {
            0 => Outcome::Value(i64::decode(dec)?),
            1 => Outcome::Message(dec.get_string(32, "result.message")?),
            2 => {
                <()>::decode(dec)?;
                Outcome::Nothing
            }
            d => Outcome::Other(d, dec.get_opaque(8, "result.raw")?),
        })
    }
}

// 4.15 Discriminated union: the discriminant, then the selected arm.
#[test]
fn discriminated_union() {
    golden(
        Outcome::Value(-1),
        &[0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    );
    golden(
        Outcome::Message("ok".into()),
        &[0, 0, 0, 1, 0, 0, 0, 2, b'o', b'k', 0, 0],
    );
    golden(Outcome::Nothing, &[0, 0, 0, 2]);
    golden(
        Outcome::Other(-5, vec![0xab]),
        &[0xff, 0xff, 0xff, 0xfb, 0, 0, 0, 1, 0xab, 0, 0, 0],
    );
    assert_eq!(
        to_vec(&Outcome::Other(1, vec![])),
        Err(Error::InvalidDiscriminant {
            union: "result",
            value: 1
        })
    );
}

// 4.16 Void: zero bytes.
#[test]
fn void() {
    golden((), &[]);
    let mut dec = Decoder::new(&[1, 2, 3, 4]);
    <()>::decode(&mut dec).unwrap();
    assert_eq!(dec.remaining(), &[1, 2, 3, 4]);
}

// Boxes and references encode as the value they point to.
#[test]
fn boxes_and_references() {
    golden(Box::new(5u32), &[0, 0, 0, 5]);
    assert_eq!(to_vec(&&7i32).unwrap(), [0, 0, 0, 7]);
    let mut enc = Encoder::new();
    (&&Outcome::Nothing).encode(&mut enc).unwrap();
    assert_eq!(enc.as_bytes(), [0, 0, 0, 2]);
}

// Items follow one another with no separators or alignment beyond their own
// padding.
#[test]
fn sequence_of_items() {
    let mut enc = Encoder::new();
    enc.put_bool(true);
    enc.put_string("abc", 3, "t.s").unwrap();
    enc.put_i64(-1);
    enc.put_opaque_fixed(&[9]);
    enc.put_f32(1.0);
    let bytes: &[u8] = &[
        0, 0, 0, 1, 0, 0, 0, 3, b'a', b'b', b'c', 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 9, 0, 0, 0, 0x3f, 0x80, 0, 0,
    ];
    assert_eq!(enc.as_bytes(), bytes);
    let mut dec = Decoder::new(bytes);
    assert!(dec.get_bool().unwrap());
    assert_eq!(dec.get_string(3, "t.s").unwrap(), "abc");
    assert_eq!(dec.get_i64().unwrap(), -1);
    assert_eq!(dec.get_opaque_fixed::<1>().unwrap(), [9]);
    assert_eq!(dec.get_f32().unwrap(), 1.0);
    dec.finish().unwrap();
}
