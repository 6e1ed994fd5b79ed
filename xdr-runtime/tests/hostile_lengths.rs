//! Hostile input: lying length prefixes, truncation, invalid values, deep
//! nesting, and the declared maxima on the encoding side.

mod common;

use common::{sample_composite, Composite, Node, Tree};
use xdr_runtime::{
    from_bytes, to_vec, Decode, Decoder, Encode, Encoder, Error, DEFAULT_DEPTH_LIMIT,
};

/// A length word followed by `rest`.
fn prefixed(len: u32, rest: &[u8]) -> Vec<u8> {
    let mut v = len.to_be_bytes().to_vec();
    v.extend_from_slice(rest);
    v
}

// ---------------------------------------------------------------------------
// Strings and opaque data
// ---------------------------------------------------------------------------

#[test]
fn string_prefix_all_ones_exceeds_max() {
    let bytes = prefixed(0xffff_ffff, b"abcd");
    let err = Decoder::new(&bytes).get_string(16, "t.name").unwrap_err();
    assert_eq!(
        err,
        Error::LengthExceedsMax {
            field: "t.name",
            len: 0xffff_ffff,
            max: 16
        }
    );
    assert!(err.is_limit());
    let text = err.to_string();
    assert!(text.contains("t.name") && text.contains("4294967295") && text.contains("16"));
}

#[test]
fn string_prefix_all_ones_without_max_is_beyond_input() {
    // `string s<>`: the maximum is 2^32 - 1, so only the input bounds it.
    let bytes = prefixed(0xffff_ffff, b"abcd");
    let err = Decoder::new(&bytes)
        .get_string(u32::MAX, "t.any")
        .unwrap_err();
    assert_eq!(
        err,
        Error::LengthBeyondInput {
            field: "t.any",
            len: 0xffff_ffff,
            needed: 0xffff_ffff,
            remaining: 4
        }
    );
    assert!(err.is_limit());
    assert!(!err.is_eof());
    let text = err.to_string();
    assert!(text.contains("t.any") && text.contains("4294967295"));
}

#[test]
fn string_max_plus_one() {
    let bytes = prefixed(17, &[b'a'; 20]);
    assert_eq!(
        Decoder::new(&bytes).get_string(16, "t.name"),
        Err(Error::LengthExceedsMax {
            field: "t.name",
            len: 17,
            max: 16
        })
    );
}

#[test]
fn string_exactly_max() {
    let bytes = prefixed(16, &[b'a'; 16]);
    let mut dec = Decoder::new(&bytes);
    assert_eq!(dec.get_string(16, "t.name").unwrap(), "a".repeat(16));
    dec.finish().unwrap();
    // max of zero: only the empty string.
    assert_eq!(Decoder::new(&[0; 4]).get_string(0, "t.z").unwrap(), "");
    assert_eq!(
        Decoder::new(&prefixed(1, b"a\0\0\0")).get_string(0, "t.z"),
        Err(Error::LengthExceedsMax {
            field: "t.z",
            len: 1,
            max: 0
        })
    );
}

#[test]
fn string_longer_than_remaining() {
    let bytes = prefixed(10, b"abcdefgh");
    assert_eq!(
        Decoder::new(&bytes).get_string(16, "t.name"),
        Err(Error::LengthBeyondInput {
            field: "t.name",
            len: 10,
            needed: 10,
            remaining: 8
        })
    );
    // The data fits but its padding does not.
    let bytes = prefixed(10, b"abcdefghij");
    assert_eq!(
        Decoder::new(&bytes).get_string(16, "t.name"),
        Err(Error::UnexpectedEof {
            needed: 12,
            remaining: 10
        })
    );
}

#[test]
fn opaque_limits() {
    for get in [
        |d: &mut Decoder<'_>, max| d.get_opaque(max, "t.blob").map(|v| v.len()),
        |d: &mut Decoder<'_>, max| d.get_opaque_ref(max, "t.blob").map(<[u8]>::len),
    ] {
        assert_eq!(
            get(&mut Decoder::new(&prefixed(0xffff_ffff, &[])), 8),
            Err(Error::LengthExceedsMax {
                field: "t.blob",
                len: 0xffff_ffff,
                max: 8
            })
        );
        assert_eq!(
            get(&mut Decoder::new(&prefixed(9, &[0; 12])), 8),
            Err(Error::LengthExceedsMax {
                field: "t.blob",
                len: 9,
                max: 8
            })
        );
        assert_eq!(get(&mut Decoder::new(&prefixed(8, &[0; 8])), 8), Ok(8));
        assert_eq!(
            get(&mut Decoder::new(&prefixed(8, &[0; 7])), 8),
            Err(Error::LengthBeyondInput {
                field: "t.blob",
                len: 8,
                needed: 8,
                remaining: 7
            })
        );
        assert_eq!(
            get(&mut Decoder::new(&prefixed(0xffff_ffff, &[0; 7])), u32::MAX),
            Err(Error::LengthBeyondInput {
                field: "t.blob",
                len: 0xffff_ffff,
                needed: 0xffff_ffff,
                remaining: 7
            })
        );
        // Missing padding.
        assert!(get(&mut Decoder::new(&prefixed(5, &[0; 6])), 8)
            .unwrap_err()
            .is_eof());
    }
}

#[test]
fn fixed_lengths_beyond_input() {
    // Lengths that come from the `.x` file rather than the input still fail
    // cleanly, however large.
    for n in [5, 1 << 20, usize::MAX - 3, usize::MAX - 1, usize::MAX] {
        let err = Decoder::new(&[0; 4]).get_opaque_exact(n).unwrap_err();
        assert!(err.is_eof(), "{n}: {err:?}");
    }
    assert!(Decoder::new(&[0; 4])
        .get_opaque_fixed::<5>()
        .unwrap_err()
        .is_eof());
    assert!(Decoder::new(&[0; 100])
        .get_opaque_fixed::<65536>()
        .unwrap_err()
        .is_eof());
    // Fixed arrays check their size against the input before allocating.
    assert_eq!(
        Decoder::new(&[0; 8]).get_array_exact(u32::MAX, 4, "t.huge", u32::decode),
        Err(Error::LengthBeyondInput {
            field: "t.huge",
            len: u32::MAX,
            needed: 4 * u64::from(u32::MAX),
            remaining: 8
        })
    );
    assert_eq!(
        Decoder::new(&[0; 8]).get_array_exact(3, 4, "t.three", u32::decode),
        Err(Error::LengthBeyondInput {
            field: "t.three",
            len: 3,
            needed: 12,
            remaining: 8
        })
    );
}

// ---------------------------------------------------------------------------
// Arrays
// ---------------------------------------------------------------------------

#[test]
fn array_prefix_limits() {
    let get = |bytes: &[u8], max| Decoder::new(bytes).get_array(max, 4, "t.ids", u32::decode);
    assert_eq!(
        get(&prefixed(0xffff_ffff, &[0; 16]), 100),
        Err(Error::LengthExceedsMax {
            field: "t.ids",
            len: 0xffff_ffff,
            max: 100
        })
    );
    assert_eq!(
        get(&prefixed(101, &[0; 16]), 100),
        Err(Error::LengthExceedsMax {
            field: "t.ids",
            len: 101,
            max: 100
        })
    );
    assert_eq!(get(&prefixed(4, &[0; 16]), 4), Ok(vec![0; 4]));
    assert_eq!(
        get(&prefixed(5, &[0; 16]), 5),
        Err(Error::LengthBeyondInput {
            field: "t.ids",
            len: 5,
            needed: 20,
            remaining: 16
        })
    );
    assert_eq!(
        get(&prefixed(0xffff_ffff, &[0; 16]), u32::MAX),
        Err(Error::LengthBeyondInput {
            field: "t.ids",
            len: 0xffff_ffff,
            needed: 4 * 0xffff_ffff,
            remaining: 16
        })
    );
}

#[test]
fn array_min_size_is_multiplied() {
    // `hyper xs<>`: three elements need 24 bytes.
    let bytes = prefixed(3, &[0; 20]);
    assert_eq!(
        Decoder::new(&bytes).get_array(u32::MAX, 8, "t.hypers", i64::decode),
        Err(Error::LengthBeyondInput {
            field: "t.hypers",
            len: 3,
            needed: 24,
            remaining: 20
        })
    );
    // An absurd element size saturates instead of overflowing.
    let bytes = prefixed(2, &[0; 8]);
    assert!(matches!(
        Decoder::new(&bytes).get_array(u32::MAX, usize::MAX, "t.big", u32::decode),
        Err(Error::LengthBeyondInput {
            needed: u64::MAX,
            ..
        })
    ));
    assert!(matches!(
        Decoder::new(&bytes).get_array_exact(u32::MAX, usize::MAX, "t.big", u32::decode),
        Err(Error::LengthBeyondInput {
            needed: u64::MAX,
            ..
        })
    ));
}

#[test]
fn array_min_size_zero_is_bounded_by_max() {
    // Elements that take no bytes: only the declared maximum bounds them.
    let bytes = prefixed(10, &[]);
    let units = Decoder::new(&bytes)
        .get_array(10, 0, "t.voids", <()>::decode)
        .unwrap();
    assert_eq!(units.len(), 10);
    assert!(matches!(
        Decoder::new(&prefixed(11, &[])).get_array(10, 0, "t.voids", <()>::decode),
        Err(Error::LengthExceedsMax {
            len: 11,
            max: 10,
            ..
        })
    ));
}

#[test]
fn array_preallocation_is_bounded_for_large_elements() {
    // A million elements of at least 4 bytes are backed by 4 MiB of input,
    // but each takes 64 KiB in memory: reserving them all up front would ask
    // for 64 GiB. The first element fails, so only the reservation matters.
    let n = 1u32 << 20;
    let bytes = prefixed(n, &vec![0; 4 << 20]);
    let result = Decoder::new(&bytes).get_array(u32::MAX, 4, "t.pages", |d| {
        d.get_u32()?;
        Err::<[u8; 65536], _>(Error::InvalidBool(7))
    });
    assert_eq!(result.unwrap_err(), Error::InvalidBool(7));
    let result = Decoder::new(&bytes[4..]).get_array_exact(n, 4, "t.pages", |d| {
        d.get_u32()?;
        Err::<[u8; 65536], _>(Error::InvalidBool(7))
    });
    assert_eq!(result.unwrap_err(), Error::InvalidBool(7));
}

#[test]
fn nested_array_inner_prefix_lies() {
    // `string names<4>` (each `string<16>`): the outer count is fine, the
    // second element's prefix is not.
    let get = |bytes: &[u8]| {
        Decoder::new(bytes).get_array(4, 4, "t.names", |d| d.get_string(16, "t.names[]"))
    };
    let mut bytes = prefixed(2, &prefixed(1, b"a\0\0\0"));
    bytes.extend_from_slice(&0xffff_ffffu32.to_be_bytes());
    assert_eq!(
        get(&bytes),
        Err(Error::LengthExceedsMax {
            field: "t.names[]",
            len: 0xffff_ffff,
            max: 16
        })
    );
    let mut bytes = prefixed(2, &prefixed(1, b"a\0\0\0"));
    bytes.extend_from_slice(&prefixed(12, b"abcd"));
    assert_eq!(
        get(&bytes),
        Err(Error::LengthBeyondInput {
            field: "t.names[]",
            len: 12,
            needed: 12,
            remaining: 4
        })
    );
    // `unsigned int grid<><>`: the inner array's size is checked against
    // what the outer one left.
    let mut bytes = prefixed(1, &prefixed(3, &[0; 8]));
    bytes.truncate(4 + 4 + 8);
    assert_eq!(
        Decoder::new(&bytes).get_array(u32::MAX, 4, "t.grid", |d| {
            d.get_array(u32::MAX, 4, "t.grid[]", u32::decode)
        }),
        Err(Error::LengthBeyondInput {
            field: "t.grid[]",
            len: 3,
            needed: 12,
            remaining: 8
        })
    );
    // The outer count must leave room for each inner length word.
    let bytes = prefixed(3, &prefixed(0, &prefixed(0, &[])));
    assert_eq!(
        Decoder::new(&bytes).get_array(u32::MAX, 4, "t.grid", |d| {
            d.get_array(u32::MAX, 4, "t.grid[]", u32::decode)
        }),
        Err(Error::LengthBeyondInput {
            field: "t.grid",
            len: 3,
            needed: 12,
            remaining: 8
        })
    );
}

// ---------------------------------------------------------------------------
// Truncation and trailing bytes
// ---------------------------------------------------------------------------

#[test]
fn every_truncation_fails() {
    let bytes = to_vec(&sample_composite()).unwrap();
    assert_eq!(from_bytes::<Composite>(&bytes).unwrap(), sample_composite());
    for cut in 0..bytes.len() {
        let err = from_bytes::<Composite>(&bytes[..cut])
            .expect_err(&format!("prefix of {cut} bytes decoded"));
        assert!(
            err.is_eof() || matches!(err, Error::LengthBeyondInput { .. }),
            "prefix of {cut} bytes: {err:?}"
        );
    }
}

#[test]
fn every_truncation_of_scalars_is_eof() {
    for cut in 0..4 {
        let bytes = [0u8; 3];
        let input = &bytes[..cut.min(3)];
        assert_eq!(
            Decoder::new(input).get_u32(),
            Err(Error::UnexpectedEof {
                needed: 4,
                remaining: input.len()
            })
        );
        assert!(Decoder::new(input).get_i32().unwrap_err().is_eof());
        assert!(Decoder::new(input).get_f32().unwrap_err().is_eof());
        assert!(Decoder::new(input).get_bool().unwrap_err().is_eof());
    }
    for cut in 0..8 {
        let bytes = [0u8; 8];
        let input = &bytes[..cut];
        assert_eq!(
            Decoder::new(input).get_u64(),
            Err(Error::UnexpectedEof {
                needed: 8,
                remaining: cut
            })
        );
        assert!(Decoder::new(input).get_i64().unwrap_err().is_eof());
        assert!(Decoder::new(input).get_f64().unwrap_err().is_eof());
    }
}

#[test]
fn failed_read_consumes_nothing() {
    let bytes = [0, 0, 0, 1, 0xaa];
    let mut dec = Decoder::new(&bytes[..3]);
    assert!(dec.get_u32().is_err());
    assert_eq!(dec.remaining(), &bytes[..3]);
    let mut dec = Decoder::new(&bytes[4..]);
    assert!(dec.get_u64().is_err());
    assert_eq!(dec.remaining(), &[0xaa]);
}

#[test]
fn trailing_bytes() {
    assert_eq!(
        from_bytes::<u32>(&[0, 0, 0, 1, 0]),
        Err(Error::TrailingBytes(1))
    );
    assert_eq!(from_bytes::<()>(&[0; 8]), Err(Error::TrailingBytes(8)));
    let mut bytes = to_vec(&sample_composite()).unwrap();
    bytes.extend_from_slice(&[0; 4]);
    assert_eq!(
        from_bytes::<Composite>(&bytes),
        Err(Error::TrailingBytes(4))
    );
    let mut dec = Decoder::new(&[0, 0, 0, 1, 2, 3]);
    dec.get_u32().unwrap();
    assert_eq!(dec.finish(), Err(Error::TrailingBytes(2)));
}

// ---------------------------------------------------------------------------
// Invalid values
// ---------------------------------------------------------------------------

#[test]
fn invalid_bool() {
    for v in [2u32, 0x100, 0x0100_0000, 0xffff_ffff] {
        assert_eq!(
            from_bytes::<bool>(&v.to_be_bytes()),
            Err(Error::InvalidBool(v))
        );
        // The flag of optional data is a bool too.
        assert_eq!(
            Decoder::new(&v.to_be_bytes()).get_option(u32::decode),
            Err(Error::InvalidBool(v))
        );
    }
}

#[test]
fn invalid_utf8() {
    for bad in [
        &b"\xff"[..],
        b"\xc3",             // truncated sequence
        b"\xc0\xaf",         // overlong '/'
        b"\xed\xa0\x80",     // UTF-16 surrogate
        b"ok\x80",           // stray continuation byte
        b"\xf4\x90\x80\x80", // beyond U+10FFFF
    ] {
        let mut bytes = prefixed(bad.len() as u32, bad);
        bytes.resize(bytes.len().next_multiple_of(4), 0);
        assert_eq!(
            Decoder::new(&bytes).get_string(16, "t.name"),
            Err(Error::InvalidUtf8 { field: "t.name" }),
            "{bad:02x?}"
        );
        // The same bytes are fine as opaque data.
        assert_eq!(Decoder::new(&bytes).get_opaque(16, "t.blob").unwrap(), bad);
    }
    assert!(Error::InvalidUtf8 { field: "t.name" }
        .to_string()
        .contains("t.name"));
    // Embedded NUL bytes are valid UTF-8 and kept.
    let bytes = prefixed(3, b"a\0b\0");
    assert_eq!(
        Decoder::new(&bytes).get_string(16, "t.name").unwrap(),
        "a\0b"
    );
}

#[test]
fn char_and_short_out_of_range() {
    let wire = |v: i32| v.to_be_bytes();
    assert_eq!(from_bytes::<i8>(&wire(-128)), Ok(-128));
    assert_eq!(from_bytes::<i8>(&wire(127)), Ok(127));
    assert_eq!(
        from_bytes::<i8>(&wire(128)),
        Err(Error::OutOfRange {
            ty: "char",
            value: 128
        })
    );
    assert_eq!(
        from_bytes::<i8>(&wire(-129)),
        Err(Error::OutOfRange {
            ty: "char",
            value: -129
        })
    );
    assert_eq!(from_bytes::<u8>(&wire(255)), Ok(255));
    assert_eq!(
        from_bytes::<u8>(&wire(256)),
        Err(Error::OutOfRange {
            ty: "unsigned char",
            value: 256
        })
    );
    assert_eq!(
        from_bytes::<u8>(&wire(-1)),
        Err(Error::OutOfRange {
            ty: "unsigned char",
            value: 0xffff_ffff
        })
    );
    assert_eq!(from_bytes::<i16>(&wire(-32768)), Ok(-32768));
    assert_eq!(from_bytes::<i16>(&wire(32767)), Ok(32767));
    assert_eq!(
        from_bytes::<i16>(&wire(32768)),
        Err(Error::OutOfRange {
            ty: "short",
            value: 32768
        })
    );
    assert_eq!(
        from_bytes::<i16>(&wire(i32::MIN)),
        Err(Error::OutOfRange {
            ty: "short",
            value: i64::from(i32::MIN)
        })
    );
    assert_eq!(from_bytes::<u16>(&wire(65535)), Ok(65535));
    assert_eq!(
        from_bytes::<u16>(&wire(65536)),
        Err(Error::OutOfRange {
            ty: "unsigned short",
            value: 65536
        })
    );
}

// ---------------------------------------------------------------------------
// Padding
// ---------------------------------------------------------------------------

// RFC 4506 requires zero padding, but the C implementation libvirt uses
// (xdr_opaque) skips the padding bytes without looking at them. This
// runtime does the same: non-zero padding is accepted on decode, and the
// encoder always writes zeros.
#[test]
fn non_zero_padding_is_accepted_and_normalised() {
    let bytes = prefixed(1, b"a\xff\xfe\xfd");
    let mut dec = Decoder::new(&bytes);
    let s = dec.get_string(4, "t.s").unwrap();
    assert_eq!(s, "a");
    dec.finish().unwrap();
    let mut enc = Encoder::new();
    enc.put_string(&s, 4, "t.s").unwrap();
    assert_eq!(enc.as_bytes(), prefixed(1, b"a\0\0\0"));

    let bytes = prefixed(2, b"\x01\x02\x03\x04");
    assert_eq!(Decoder::new(&bytes).get_opaque(4, "t.o").unwrap(), [1, 2]);
    assert_eq!(
        Decoder::new(&bytes).get_opaque_ref(4, "t.o").unwrap(),
        [1, 2]
    );

    let bytes = [7, 1, 1, 1];
    assert_eq!(Decoder::new(&bytes).get_opaque_fixed::<1>().unwrap(), [7]);
    assert_eq!(Decoder::new(&bytes).get_opaque_exact(3).unwrap(), [7, 1, 1]);
}

// ---------------------------------------------------------------------------
// Nesting depth
// ---------------------------------------------------------------------------

#[test]
fn nested_optionals_up_to_the_limit() {
    // `node *list` with n nodes nests n optionals.
    let n = DEFAULT_DEPTH_LIMIT as usize;
    let at_limit = Some(Node::chain(n));
    let mut enc = Encoder::new();
    enc.put_option(at_limit.as_ref(), |e, v| v.encode(e))
        .unwrap();
    let bytes = enc.into_vec();
    let back = Decoder::new(&bytes)
        .get_option(Node::decode)
        .expect("exactly at the limit");
    assert_eq!(back, at_limit);

    let over = Node::chain(n + 1);
    let mut enc = Encoder::new();
    enc.put_option(Some(&over), |e, v| v.encode(e)).unwrap();
    assert_eq!(
        Decoder::new(enc.as_bytes()).get_option(Node::decode),
        Err(Error::DepthLimitExceeded(DEFAULT_DEPTH_LIMIT))
    );
    assert!(Error::DepthLimitExceeded(1).is_limit());
    back.unwrap().dismantle();
    over.dismantle();
}

#[test]
fn custom_depth_limit() {
    let bytes = to_vec(&Node::chain(4)).unwrap(); // three optionals
    let decode = |limit| Node::decode(&mut Decoder::new(&bytes).with_depth_limit(limit));
    assert_eq!(decode(3), Ok(Node::chain(4)));
    assert_eq!(decode(2), Err(Error::DepthLimitExceeded(2)));
    assert_eq!(decode(0), Err(Error::DepthLimitExceeded(0)));
    // An absent optional does not count.
    assert_eq!(
        Decoder::new(&[0; 4])
            .with_depth_limit(0)
            .get_option(u32::decode),
        Ok(None)
    );
}

#[test]
fn hostile_optional_chain_does_not_overflow_the_stack() {
    // A million "present" nodes: value 0, flag 1, value 0, flag 1, ...
    let bytes: Vec<u8> = [0, 0, 0, 0, 0, 0, 0, 1].repeat(1 << 20);
    assert_eq!(
        from_bytes::<Node>(&bytes),
        Err(Error::DepthLimitExceeded(DEFAULT_DEPTH_LIMIT))
    );
}

#[test]
fn hostile_array_nesting_does_not_overflow_the_stack() {
    // `struct tree { unsigned int id; tree children<>; }` with every node
    // claiming one child.
    let bytes: Vec<u8> = [0, 0, 0, 0, 0, 0, 0, 1].repeat(1 << 20);
    assert_eq!(
        from_bytes::<Tree>(&bytes),
        Err(Error::DepthLimitExceeded(DEFAULT_DEPTH_LIMIT))
    );
    // Empty arrays do not count: a wide, flat tree is fine.
    let flat = Tree {
        id: 1,
        children: (0..1000)
            .map(|id| Tree {
                id,
                children: vec![],
            })
            .collect(),
    };
    assert_eq!(from_bytes::<Tree>(&to_vec(&flat).unwrap()), Ok(flat));
}

#[test]
fn depth_is_restored_after_errors() {
    let mut dec = Decoder::new(&[0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]).with_depth_limit(1);
    assert_eq!(
        dec.get_option(|_| Err::<(), _>(Error::InvalidBool(9))),
        Err(Error::InvalidBool(9))
    );
    assert_eq!(dec.get_option(u32::decode), Ok(Some(1)));

    let bytes = [0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0, 1, 0, 0, 0, 6];
    let mut dec = Decoder::new(&bytes).with_depth_limit(1);
    assert_eq!(
        dec.get_array(1, 4, "t.a", |_| Err::<(), _>(Error::InvalidBool(9))),
        Err(Error::InvalidBool(9))
    );
    dec.get_u32().unwrap();
    assert_eq!(dec.get_array(1, 4, "t.a", u32::decode), Ok(vec![6]));
}

// ---------------------------------------------------------------------------
// Encoding enforces the same limits
// ---------------------------------------------------------------------------

#[test]
fn encode_enforces_maxima_and_names_the_field() {
    let mut enc = Encoder::new();
    enc.put_u32(1);
    assert_eq!(
        enc.put_string("abcde", 4, "t.name"),
        Err(Error::LengthExceedsMax {
            field: "t.name",
            len: 5,
            max: 4
        })
    );
    assert_eq!(
        enc.put_opaque(&[0; 9], 8, "t.blob"),
        Err(Error::LengthExceedsMax {
            field: "t.blob",
            len: 9,
            max: 8
        })
    );
    assert_eq!(
        enc.put_array(&[1u32, 2, 3], 2, "t.ids", |e, v| v.encode(e)),
        Err(Error::LengthExceedsMax {
            field: "t.ids",
            len: 3,
            max: 2
        })
    );
    assert_eq!(
        enc.put_array_exact(&[1u32, 2], 3, "t.fixed", |e, v| v.encode(e)),
        Err(Error::FixedLengthMismatch {
            field: "t.fixed",
            expected: 3,
            len: 2
        })
    );
    assert_eq!(
        enc.put_opaque_exact(&[0; 17], 16, "t.uuid"),
        Err(Error::FixedLengthMismatch {
            field: "t.uuid",
            expected: 16,
            len: 17
        })
    );
    let text = Error::FixedLengthMismatch {
        field: "t.uuid",
        expected: 16,
        len: 17,
    }
    .to_string();
    assert!(text.contains("t.uuid") && text.contains("16") && text.contains("17"));
    // Nothing of the failed items was written.
    assert_eq!(enc.as_bytes(), [0, 0, 0, 1]);

    // Exactly at the maximum is fine.
    enc.put_string("abcd", 4, "t.name").unwrap();
    enc.put_array(&[1u32, 2], 2, "t.ids", |e, v| v.encode(e))
        .unwrap();
    assert_eq!(enc.len(), 4 + 8 + 12);
}

#[test]
fn failed_elements_leave_nothing_behind() {
    let mut enc = Encoder::new();
    enc.put_u32(0xaabb_ccdd);
    let names = ["ok".to_owned(), "far too long".to_owned()];
    assert_eq!(
        enc.put_array(&names, 4, "t.names", |e, s| e.put_string(s, 4, "t.names[]")),
        Err(Error::LengthExceedsMax {
            field: "t.names[]",
            len: 12,
            max: 4
        })
    );
    assert_eq!(enc.as_bytes(), [0xaa, 0xbb, 0xcc, 0xdd]);
    assert!(enc
        .put_array_exact(&names, 2, "t.names", |e, s| e.put_string(s, 4, "t.names[]"))
        .is_err());
    assert_eq!(enc.as_bytes(), [0xaa, 0xbb, 0xcc, 0xdd]);
    assert!(enc
        .put_option(Some("far too long"), |e, s| e.put_string(s, 4, "t.opt"))
        .is_err());
    assert_eq!(enc.as_bytes(), [0xaa, 0xbb, 0xcc, 0xdd]);

    let mut bad = sample_composite();
    bad.inners[1].tags = vec!["123456789".into()];
    let mut enc = Encoder::new();
    assert!(matches!(
        bad.encode(&mut enc),
        Err(Error::LengthExceedsMax {
            field: "inner.tags",
            len: 9,
            max: 8
        })
    ));
    // The struct's earlier fields stay (the caller discards the encoder),
    // but the array that failed was rolled back entirely.
    let mut good_prefix = sample_composite();
    good_prefix.inners.clear();
    let full = to_vec(&good_prefix).unwrap();
    // Drop the empty `inners` count and the list: a flag, then three nodes
    // of a value and a flag each.
    let cut = full.len() - 4 - (4 + 3 * 8);
    assert_eq!(enc.as_bytes(), &full[..cut]);
}
