//! The libvirt message header and length-prefixed framing.

use proptest::prelude::*;
use xdr_runtime::frame::{
    decode_header_and_body, decode_message, encode_message, finish_message, frame_len,
    message_encoder, MAX_FRAME_LEN, MIN_FRAME_LEN, PREFIX_LEN,
};
use xdr_runtime::message::{
    Header, MessageStatus, MessageType, HEADER_LEN, LEN_WORD, MESSAGE_MAX, NUM_FDS_MAX,
    PAYLOAD_MAX, STRING_MAX,
};
use xdr_runtime::rpc::{Annotations, Priority, Procedure, StreamDirection};
use xdr_runtime::{from_bytes, to_vec, Encode, Error};

const REMOTE_PROGRAM: u32 = 0x2000_8086;

fn header(kind: MessageType, serial: u32, status: MessageStatus) -> Header {
    Header {
        program: REMOTE_PROGRAM,
        version: 1,
        procedure: 1,
        kind,
        serial,
        status,
    }
}

/// `REMOTE_PROC_CONNECT_OPEN`, call, serial 7, OK.
const CONNECT_OPEN_CALL: [u8; 24] = [
    0x20, 0x00, 0x80, 0x86, // program
    0x00, 0x00, 0x00, 0x01, // version
    0x00, 0x00, 0x00, 0x01, // procedure
    0x00, 0x00, 0x00, 0x00, // type: VIR_NET_CALL
    0x00, 0x00, 0x00, 0x07, // serial
    0x00, 0x00, 0x00, 0x00, // status: VIR_NET_OK
];

#[test]
fn constants_match_virnetprotocol() {
    assert_eq!(MESSAGE_MAX, 33_554_432);
    assert_eq!(HEADER_LEN, 24);
    assert_eq!(LEN_WORD, 4);
    assert_eq!(PAYLOAD_MAX, 33_554_408);
    assert_eq!(NUM_FDS_MAX, 32);
    assert_eq!(STRING_MAX, 4_194_304);
    assert_eq!(PREFIX_LEN, 28);
    assert_eq!(MIN_FRAME_LEN, 28);
    assert_eq!(MAX_FRAME_LEN, 4 + 33_554_432);
}

#[test]
fn header_golden_bytes() {
    let h = header(MessageType::Call, 7, MessageStatus::Ok);
    assert_eq!(to_vec(&h).unwrap(), CONNECT_OPEN_CALL);
    assert_eq!(from_bytes::<Header>(&CONNECT_OPEN_CALL).unwrap(), h);

    // A reply carrying an error, with a negative procedure number.
    let h = Header {
        program: 0x2008_7ee0,
        version: 2,
        procedure: -3,
        kind: MessageType::Reply,
        serial: 0xffff_fffe,
        status: MessageStatus::Error,
    };
    let bytes = [
        0x20, 0x08, 0x7e, 0xe0, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfd, 0, 0, 0, 1, 0xff, 0xff, 0xff,
        0xfe, 0, 0, 0, 1,
    ];
    assert_eq!(to_vec(&h).unwrap(), bytes);
    assert_eq!(from_bytes::<Header>(&bytes).unwrap(), h);
}

#[test]
fn header_truncated_or_long() {
    for cut in 0..24 {
        assert!(from_bytes::<Header>(&CONNECT_OPEN_CALL[..cut])
            .unwrap_err()
            .is_eof());
        assert!(decode_header_and_body(&CONNECT_OPEN_CALL[..cut])
            .unwrap_err()
            .is_eof());
    }
    let mut long = CONNECT_OPEN_CALL.to_vec();
    long.push(0);
    assert_eq!(from_bytes::<Header>(&long), Err(Error::TrailingBytes(1)));
}

#[test]
fn all_message_types() {
    let all = [
        (MessageType::Call, 0),
        (MessageType::Reply, 1),
        (MessageType::Message, 2),
        (MessageType::Stream, 3),
        (MessageType::CallWithFds, 4),
        (MessageType::ReplyWithFds, 5),
        (MessageType::StreamHole, 6),
    ];
    for (kind, value) in all {
        assert_eq!(kind.value(), value);
        assert_eq!(MessageType::from_value(value), kind);
        assert_eq!(to_vec(&kind).unwrap(), value.to_be_bytes());
        assert_eq!(from_bytes::<MessageType>(&value.to_be_bytes()), Ok(kind));
        // In a header, the type is the fourth word.
        let bytes = to_vec(&header(kind, 1, MessageStatus::Ok)).unwrap();
        assert_eq!(bytes[12..16], value.to_be_bytes());
    }
}

#[test]
fn all_message_statuses() {
    let all = [
        (MessageStatus::Ok, 0),
        (MessageStatus::Error, 1),
        (MessageStatus::Continue, 2),
    ];
    for (status, value) in all {
        assert_eq!(status.value(), value);
        assert_eq!(MessageStatus::from_value(value), status);
        assert_eq!(to_vec(&status).unwrap(), value.to_be_bytes());
        assert_eq!(
            from_bytes::<MessageStatus>(&value.to_be_bytes()),
            Ok(status)
        );
        let bytes = to_vec(&header(MessageType::Stream, 1, status)).unwrap();
        assert_eq!(bytes[20..24], value.to_be_bytes());
    }
}

#[test]
fn unknown_values_are_preserved() {
    for v in [7, 100, -1, i32::MIN, i32::MAX] {
        let kind = MessageType::from_value(v);
        assert_eq!(kind, MessageType::Unknown(v));
        assert_eq!(kind.value(), v);
        assert_eq!(to_vec(&kind).unwrap(), v.to_be_bytes());
    }
    for v in [3, -1, i32::MAX] {
        let status = MessageStatus::from_value(v);
        assert_eq!(status, MessageStatus::Unknown(v));
        assert_eq!(status.value(), v);
    }
    // A header from a newer peer decodes and re-encodes unchanged.
    let mut bytes = CONNECT_OPEN_CALL;
    bytes[12..16].copy_from_slice(&9i32.to_be_bytes());
    bytes[20..24].copy_from_slice(&(-4i32).to_be_bytes());
    let h = from_bytes::<Header>(&bytes).unwrap();
    assert_eq!(h.kind, MessageType::Unknown(9));
    assert_eq!(h.status, MessageStatus::Unknown(-4));
    assert_eq!(to_vec(&h).unwrap(), bytes);
}

#[test]
fn message_encoder_and_finish_message() {
    let mut enc = message_encoder();
    assert_eq!(enc.len(), PREFIX_LEN);
    enc.put_u32(0xaabb_ccdd);
    enc.put_string("hi", 8, "t.s").unwrap();
    let mut frame = enc.into_vec();
    finish_message(&mut frame, &header(MessageType::Call, 7, MessageStatus::Ok)).unwrap();

    let mut expected = vec![0, 0, 0, 40];
    expected.extend_from_slice(&CONNECT_OPEN_CALL);
    expected.extend_from_slice(&[0xaa, 0xbb, 0xcc, 0xdd, 0, 0, 0, 2, b'h', b'i', 0, 0]);
    assert_eq!(frame, expected);
    assert_eq!(frame_len(*frame.first_chunk().unwrap()), Ok(frame.len()));

    let (h, body) = decode_message(&frame).unwrap();
    assert_eq!(h, header(MessageType::Call, 7, MessageStatus::Ok));
    assert_eq!(body, &expected[28..]);
    assert_eq!(encode_message(&h, body).unwrap(), frame);

    // finish_message may be called again, e.g. with a new serial.
    finish_message(&mut frame, &header(MessageType::Call, 8, MessageStatus::Ok)).unwrap();
    assert_eq!(frame[..4], [0, 0, 0, 40]);
    assert_eq!(frame[20..24], [0, 0, 0, 8]);
}

#[test]
fn empty_body() {
    let h = header(MessageType::Reply, 3, MessageStatus::Ok);
    let frame = encode_message(&h, &[]).unwrap();
    assert_eq!(frame.len(), 28);
    assert_eq!(frame[..4], [0, 0, 0, 28]);
    assert_eq!(decode_message(&frame), Ok((h, &[][..])));
    let mut frame = message_encoder().into_vec();
    finish_message(&mut frame, &h).unwrap();
    assert_eq!(decode_message(&frame), Ok((h, &[][..])));
}

fn invalid_len(len: u64) -> Error {
    Error::InvalidMessageLength {
        len,
        min: MIN_FRAME_LEN,
        max: MAX_FRAME_LEN,
    }
}

#[test]
fn frame_len_bounds() {
    assert_eq!(frame_len(0u32.to_be_bytes()), Err(invalid_len(0)));
    assert_eq!(frame_len(4u32.to_be_bytes()), Err(invalid_len(4)));
    assert_eq!(frame_len(27u32.to_be_bytes()), Err(invalid_len(27)));
    assert_eq!(frame_len(28u32.to_be_bytes()), Ok(28));
    assert_eq!(frame_len(29u32.to_be_bytes()), Ok(29));
    assert_eq!(
        frame_len((4 + 33_554_432u32).to_be_bytes()),
        Ok(4 + 33_554_432)
    );
    assert_eq!(
        frame_len((4 + 33_554_433u32).to_be_bytes()),
        Err(invalid_len(4 + 33_554_433))
    );
    assert_eq!(
        frame_len([0xff, 0xff, 0xff, 0xff]),
        Err(invalid_len(0xffff_ffff))
    );
    let err = frame_len([0xff; 4]).unwrap_err();
    assert!(err.is_limit());
    assert!(err.to_string().contains("4294967295"));
}

#[test]
fn decode_message_errors() {
    let h = header(MessageType::Call, 7, MessageStatus::Ok);
    let frame = encode_message(&h, &[1, 2, 3, 4]).unwrap();

    // Too short to hold the length word.
    for cut in 0..4 {
        assert_eq!(
            decode_message(&frame[..cut]),
            Err(Error::UnexpectedEof {
                needed: 4,
                remaining: cut
            })
        );
    }
    // Shorter than the length word says.
    for cut in 4..frame.len() {
        assert_eq!(
            decode_message(&frame[..cut]),
            Err(Error::UnexpectedEof {
                needed: 32,
                remaining: cut
            })
        );
    }
    // Longer than the length word says.
    let mut long = frame.clone();
    long.extend_from_slice(&[0; 3]);
    assert_eq!(decode_message(&long), Err(Error::TrailingBytes(3)));
    // A length word out of bounds, whatever follows.
    let mut bad = frame.clone();
    bad[..4].copy_from_slice(&27u32.to_be_bytes());
    assert_eq!(decode_message(&bad), Err(invalid_len(27)));
    bad[..4].copy_from_slice(&[0xff; 4]);
    assert_eq!(decode_message(&bad), Err(invalid_len(0xffff_ffff)));
    bad[..4].copy_from_slice(&0u32.to_be_bytes());
    assert_eq!(decode_message(&bad), Err(invalid_len(0)));
    // The intact frame decodes.
    assert_eq!(decode_message(&frame), Ok((h, &[1, 2, 3, 4][..])));
}

#[test]
fn size_limit_on_encode() {
    let h = header(MessageType::Call, 1, MessageStatus::Ok);
    // The largest body fits exactly.
    let body = vec![0u8; PAYLOAD_MAX as usize];
    let frame = encode_message(&h, &body).unwrap();
    assert_eq!(frame.len(), MAX_FRAME_LEN as usize);
    assert_eq!(frame[..4], MAX_FRAME_LEN.to_be_bytes());
    assert_eq!(decode_message(&frame).unwrap().1.len(), body.len());
    drop(frame);

    // One byte more is refused.
    let mut body = body;
    body.push(0);
    assert_eq!(
        encode_message(&h, &body),
        Err(invalid_len(u64::from(MAX_FRAME_LEN) + 1))
    );

    // The same through message_encoder/finish_message; the frame is left
    // untouched.
    let mut enc = message_encoder();
    enc.put_raw(&body);
    let mut frame = enc.into_vec();
    assert_eq!(
        finish_message(&mut frame, &h),
        Err(invalid_len(u64::from(MAX_FRAME_LEN) + 1))
    );
    assert!(frame[..PREFIX_LEN].iter().all(|&b| b == 0));
}

#[test]
fn finish_message_needs_the_prefix() {
    let h = header(MessageType::Call, 1, MessageStatus::Ok);
    for len in [0, 4, 27] {
        let mut short = vec![0xee; len];
        assert_eq!(finish_message(&mut short, &h), Err(invalid_len(len as u64)));
        assert!(short.iter().all(|&b| b == 0xee));
    }
}

#[test]
fn procedure_descriptions() {
    const PLAIN: Procedure = Procedure {
        program: REMOTE_PROGRAM,
        version: 1,
        number: 1,
        name: "REMOTE_PROC_CONNECT_OPEN",
        args: Some("remote_connect_open_args"),
        ret: None,
        msg: None,
        annotations: Annotations {
            generate: Some("both"),
            priority: Priority::High,
            acl: &["connect:getattr"],
            aclfilter: &[],
            readstream: None,
            writestream: None,
            sparseflag: None,
        },
    };
    assert!(!PLAIN.is_event());
    assert_eq!(PLAIN.stream(), None);
    assert_eq!(Annotations::default().priority, Priority::Low);

    let event = Procedure {
        msg: Some("remote_domain_event_lifecycle_msg"),
        ..PLAIN
    };
    assert!(event.is_event());

    let read = Procedure {
        annotations: Annotations {
            readstream: Some(1),
            ..Annotations::default()
        },
        ..PLAIN
    };
    assert_eq!(read.stream(), Some(StreamDirection::Read));
    let write = Procedure {
        annotations: Annotations {
            writestream: Some(2),
            sparseflag: Some("VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM"),
            ..Annotations::default()
        },
        ..PLAIN
    };
    assert_eq!(write.stream(), Some(StreamDirection::Write));
}

fn any_type() -> impl Strategy<Value = MessageType> {
    any::<i32>().prop_map(MessageType::from_value)
}

fn any_status() -> impl Strategy<Value = MessageStatus> {
    any::<i32>().prop_map(MessageStatus::from_value)
}

fn any_header() -> impl Strategy<Value = Header> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<i32>(),
        prop_oneof![0i32..7, any::<i32>()].prop_map(MessageType::from_value),
        any::<u32>(),
        prop_oneof![0i32..3, any::<i32>()].prop_map(MessageStatus::from_value),
    )
        .prop_map(
            |(program, version, procedure, kind, serial, status)| Header {
                program,
                version,
                procedure,
                kind,
                serial,
                status,
            },
        )
}

proptest! {
    #[test]
    fn enums_round_trip(kind in any_type(), status in any_status()) {
        prop_assert_eq!(MessageType::from_value(kind.value()), kind);
        prop_assert_eq!(MessageStatus::from_value(status.value()), status);
        prop_assert_eq!(from_bytes::<MessageType>(&to_vec(&kind).unwrap()).unwrap(), kind);
        prop_assert_eq!(from_bytes::<MessageStatus>(&to_vec(&status).unwrap()).unwrap(), status);
    }

    #[test]
    fn frames_round_trip(h in any_header(), body in proptest::collection::vec(any::<u8>(), 0..64)) {
        let frame = encode_message(&h, &body).unwrap();
        prop_assert_eq!(frame.len(), PREFIX_LEN + body.len());
        prop_assert_eq!(frame_len(*frame.first_chunk().unwrap()).unwrap(), frame.len());
        prop_assert_eq!(&frame[4..28], &to_vec(&h).unwrap()[..]);
        let (back, rest) = decode_message(&frame).unwrap();
        prop_assert_eq!(back, h);
        prop_assert_eq!(rest, &body[..]);
        prop_assert_eq!(decode_header_and_body(&frame[4..]).unwrap(), (h, &body[..]));

        let mut enc = message_encoder();
        enc.put_raw(&body);
        let mut built = enc.into_vec();
        finish_message(&mut built, &h).unwrap();
        prop_assert_eq!(built, frame);
    }

    #[test]
    fn frame_len_accepts_exactly_the_bounds(word in any::<u32>()) {
        let ok = (MIN_FRAME_LEN..=MAX_FRAME_LEN).contains(&word);
        match frame_len(word.to_be_bytes()) {
            Ok(len) => prop_assert!(ok && len == word as usize),
            Err(e) => prop_assert!(!ok && e == invalid_len(u64::from(word))),
        }
    }

    #[test]
    fn header_encoding_is_always_24_bytes(h in any_header()) {
        let mut enc = xdr_runtime::Encoder::new();
        h.encode(&mut enc).unwrap();
        prop_assert_eq!(enc.len(), HEADER_LEN as usize);
    }
}
