//! Property tests: encoding then decoding is the identity, encodings are
//! 4-aligned, no strict prefix of an encoding decodes, and no input makes
//! decoding panic.

mod common;

use common::{
    any_composite, any_f32, any_f64, any_node, any_tree, string_max, Composite, Node, Tree,
};
use proptest::collection::vec;
use proptest::prelude::*;
use std::fmt::Debug;
use xdr_runtime::message::Header;
use xdr_runtime::{frame, from_bytes, to_vec, Decode, Decoder, Encode, Encoder, Error, Result};

/// Checks the three properties of an encoding for a value of a type with
/// `Encode`/`Decode`, and returns the encoding.
fn check_value<T: Encode + Decode + PartialEq + Debug>(value: &T) -> Vec<u8> {
    let bytes = to_vec(value).expect("encode");
    assert_eq!(
        bytes.len() % 4,
        0,
        "{value:?} encodes to {} bytes",
        bytes.len()
    );
    assert_eq!(&from_bytes::<T>(&bytes).expect("decode"), value);
    for cut in 0..bytes.len() {
        assert!(
            from_bytes::<T>(&bytes[..cut]).is_err(),
            "prefix of {cut}/{} bytes of {value:?} decoded",
            bytes.len()
        );
    }
    bytes
}

/// The same for items written and read by closures.
fn check_with<T: PartialEq + Debug>(
    value: &T,
    put: impl FnOnce(&mut Encoder, &T) -> Result<()>,
    get: impl Fn(&mut Decoder<'_>) -> Result<T>,
) -> Vec<u8> {
    let mut enc = Encoder::new();
    put(&mut enc, value).expect("encode");
    let bytes = enc.into_vec();
    assert_eq!(bytes.len() % 4, 0);
    let decode = |input: &[u8]| -> Result<T> {
        let mut dec = Decoder::new(input);
        let v = get(&mut dec)?;
        dec.finish()?;
        Ok(v)
    };
    assert_eq!(&decode(&bytes).expect("decode"), value);
    for cut in 0..bytes.len() {
        assert!(
            decode(&bytes[..cut]).is_err(),
            "prefix of {cut} bytes decoded"
        );
    }
    bytes
}

proptest! {
    #[test]
    fn scalars(
        i in any::<i32>(), u in any::<u32>(), h in any::<i64>(), uh in any::<u64>(),
        f in any_f32(), d in any_f64(), b in any::<bool>(),
        c in any::<i8>(), uc in any::<u8>(), s in any::<i16>(), us in any::<u16>(),
    ) {
        prop_assert_eq!(check_value(&i), i.to_be_bytes());
        prop_assert_eq!(check_value(&u), u.to_be_bytes());
        prop_assert_eq!(check_value(&h), h.to_be_bytes());
        prop_assert_eq!(check_value(&uh), uh.to_be_bytes());
        prop_assert_eq!(check_value(&f), f.0.to_bits().to_be_bytes());
        prop_assert_eq!(check_value(&d), d.0.to_bits().to_be_bytes());
        prop_assert_eq!(check_value(&b), u32::from(b).to_be_bytes());
        prop_assert_eq!(check_value(&c), i32::from(c).to_be_bytes());
        prop_assert_eq!(check_value(&uc), u32::from(uc).to_be_bytes());
        prop_assert_eq!(check_value(&s), i32::from(s).to_be_bytes());
        prop_assert_eq!(check_value(&us), u32::from(us).to_be_bytes());
        prop_assert_eq!(check_value(&Box::new(h)), h.to_be_bytes());
    }

    #[test]
    fn strings(s in string_max(64), slack in 0u32..8) {
        let max = s.len() as u32 + slack;
        let bytes = check_with(&s, |e, v| e.put_string(v, max, "t.s"), |d| d.get_string(max, "t.s"));
        prop_assert_eq!(bytes.len(), 4 + s.len().next_multiple_of(4));
        // One byte less of maximum is refused on both sides.
        if let Some(tight) = (s.len() as u32).checked_sub(1) {
            prop_assert!(Encoder::new().put_string(&s, tight, "t.s").is_err());
            let err = Decoder::new(&bytes).get_string(tight, "t.s").unwrap_err();
            prop_assert_eq!(err, Error::LengthExceedsMax { field: "t.s", len: s.len() as u64, max: tight });
        }
    }

    #[test]
    fn opaque(data in vec(any::<u8>(), 0..70)) {
        let max = data.len() as u32;
        let bytes = check_with(&data, |e, v| e.put_opaque(v, max, "t.o"), |d| d.get_opaque(max, "t.o"));
        prop_assert_eq!(bytes.len(), 4 + data.len().next_multiple_of(4));
        prop_assert_eq!(&bytes[4..4 + data.len()], &data[..]);
        prop_assert!(bytes[4 + data.len()..].iter().all(|&p| p == 0), "padding is zero");
        let n = data.len();
        let fixed = check_with(
            &data,
            |e, v| e.put_opaque_exact(v, n as u32, "t.f"),
            |d| d.get_opaque_exact(n).map(<[u8]>::to_vec),
        );
        prop_assert_eq!(&fixed[..], &bytes[4..]);
    }

    #[test]
    fn fixed_opaque(a in any::<[u8; 5]>(), b in any::<[u8; 16]>(), c in any::<[u8; 3]>()) {
        check_with(&a, |e, v| { e.put_opaque_fixed(v); Ok(()) }, |d| d.get_opaque_fixed());
        check_with(&b, |e, v| { e.put_opaque_fixed(v); Ok(()) }, |d| d.get_opaque_fixed());
        check_with(&c, |e, v| { e.put_opaque_fixed(v); Ok(()) }, |d| d.get_opaque_fixed());
    }

    #[test]
    fn arrays(ints in vec(any::<i32>(), 0..20), hypers in vec(any::<u64>(), 0..20)) {
        let max = ints.len() as u32;
        let bytes = check_with(
            &ints,
            |e, v| e.put_array(v, max, "t.ints", |e, x| x.encode(e)),
            |d| d.get_array(max, 4, "t.ints", i32::decode),
        );
        prop_assert_eq!(bytes.len(), 4 + 4 * ints.len());
        let bytes = check_with(
            &hypers,
            |e, v| e.put_array(v, 20, "t.hypers", |e, x| x.encode(e)),
            |d| d.get_array(20, 8, "t.hypers", u64::decode),
        );
        prop_assert_eq!(bytes.len(), 4 + 8 * hypers.len());
        let n = ints.len() as u32;
        let bytes = check_with(
            &ints,
            |e, v| e.put_array_exact(v, n, "t.fixed", |e, x| x.encode(e)),
            |d| d.get_array_exact(n, 4, "t.fixed", i32::decode),
        );
        prop_assert_eq!(bytes.len(), 4 * ints.len());
    }

    #[test]
    fn nested_arrays_of_strings(rows in vec(vec(string_max(6), 0..4), 0..4)) {
        check_with(
            &rows,
            |e, rows| e.put_array(rows, 4, "t.rows", |e, row| {
                e.put_array(row, 4, "t.rows[]", |e, s| e.put_string(s, 6, "t.rows[][]"))
            }),
            |d| d.get_array(4, 4, "t.rows", |d| {
                d.get_array(4, 4, "t.rows[]", |d| d.get_string(6, "t.rows[][]"))
            }),
        );
    }

    #[test]
    fn options(a in any::<Option<u32>>(), s in proptest::option::of(string_max(10)),
               nested in any::<Option<Option<Option<i64>>>>()) {
        check_with(&a, |e, v| e.put_option(v.as_ref(), |e, x| x.encode(e)), |d| d.get_option(u32::decode));
        check_with(
            &s,
            |e, v| e.put_option(v.as_deref(), |e, x| e.put_string(x, 10, "t.s")),
            |d| d.get_option(|d| d.get_string(10, "t.s")),
        );
        check_with(
            &nested,
            |e, v| e.put_option(v.as_ref(), |e, v| {
                e.put_option(v.as_ref(), |e, v| e.put_option(v.as_ref(), |e, x| x.encode(e)))
            }),
            |d| d.get_option(|d| d.get_option(|d| d.get_option(i64::decode))),
        );
    }

    #[test]
    fn composite(value in any_composite()) {
        check_value(&value);
    }

    #[test]
    fn recursive_types(node in any_node(), tree in any_tree()) {
        check_value(&node);
        check_value(&tree);
    }
}

/// Decodes `bytes` with `T`; when that succeeds, re-encoding must give the
/// same bytes up to padding (same length) and decode to the same value.
fn decode_is_canonical<T: Encode + Decode + PartialEq + Debug>(bytes: &[u8]) {
    if let Ok(value) = from_bytes::<T>(bytes) {
        let again = to_vec(&value).expect("a decoded value encodes");
        assert_eq!(again.len(), bytes.len());
        assert_eq!(from_bytes::<T>(&again).expect("re-decode"), value);
    }
}

/// Runs every decoder of the crate over `bytes`; none may panic.
fn decode_everything(bytes: &[u8]) {
    decode_is_canonical::<Composite>(bytes);
    decode_is_canonical::<Node>(bytes);
    decode_is_canonical::<Tree>(bytes);
    decode_is_canonical::<Header>(bytes);
    let _ = frame::decode_message(bytes);
    let _ = frame::decode_header_and_body(bytes);
    if let Some(word) = bytes.first_chunk::<4>() {
        let _ = frame::frame_len(*word);
    }
    let mut dec = Decoder::new(bytes).with_depth_limit(8);
    let _ = dec.get_array(u32::MAX, 0, "t.any", |d| {
        d.get_option(|d| d.get_array(u32::MAX, 4, "t.any[]", |d| d.get_string(u32::MAX, "t.s")))
    });
    let mut dec = Decoder::new(bytes);
    let _ = dec.get_opaque_ref(u32::MAX, "t.o");
    let _ = dec.get_opaque_fixed::<7>();
    let _ = dec.get_array_exact(3, 8, "t.x", f64::decode);
}

proptest! {
    // Cheap per case, so run more of them.
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn random_bytes_never_panic(bytes in vec(any::<u8>(), 0..512)) {
        decode_everything(&bytes);
    }

    // Random bytes rarely get past the first length prefix; mutating a
    // valid encoding reaches the deeper paths.
    #[test]
    fn mutated_encodings_never_panic(
        value in any_composite(),
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = to_vec(&value).unwrap();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        decode_everything(&bytes);
        decode_everything(&bytes[..cut.index(bytes.len() + 1)]);
    }

    // Words that are small lengths, flags and discriminants are the
    // interesting ones for a decoder.
    #[test]
    fn random_small_words_never_panic(words in vec(prop_oneof![0u32..6, Just(u32::MAX), any::<u32>()], 0..128)) {
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_be_bytes()).collect();
        decode_everything(&bytes);
    }
}
