//! Whole messages built by generated methods, and replies they decode,
//! compared with bytes written by hand from RFC 4506 and libvirt's RPC
//! framing (length word, 24-byte header, XDR body).

mod support;

use libvirt_tests::latest::remote::{self, RemoteBlockingCalls};
use support::recorder::Recorder;
use support::words;

#[test]
fn connect_open_call_matches_hand_written_bytes() {
    let rec = Recorder::replying(Vec::new());
    rec.connect_open(Some("test:///default"), 1).unwrap();
    let sent = rec.sent.borrow()[0].clone();
    let mut expected = words(&[
        56,         // length word: 4 + 24 + 28
        0x20008086, // REMOTE_PROGRAM
        1,          // REMOTE_PROTOCOL_VERSION
        1,          // REMOTE_PROC_CONNECT_OPEN
        0,          // VIR_NET_CALL
        1,          // serial
        0,          // VIR_NET_OK
        1,          // remote_string: present
        15,         // string length
    ]);
    expected.extend_from_slice(b"test:///default\0"); // 15 bytes + 1 byte of padding
    expected.extend(words(&[1])); // flags = VIR_CONNECT_RO
    assert_eq!(sent, expected);
}

#[test]
fn absent_optional_string_is_a_single_zero_word() {
    let rec = Recorder::replying(Vec::new());
    rec.connect_open(None, 0).unwrap();
    let (header, body) = rec.only_message();
    assert_eq!(header.procedure, 1);
    assert_eq!(body, words(&[0, 0]));
}

fn domain_bytes(name: &str, uuid: [u8; 16], id: i32) -> Vec<u8> {
    let mut b = words(&[name.len() as u32]);
    b.extend_from_slice(name.as_bytes());
    b.resize(b.len() + (4 - name.len() % 4) % 4, 0);
    b.extend_from_slice(&uuid);
    b.extend(words(&[id as u32]));
    b
}

#[test]
fn lookup_by_name_sends_the_name_and_returns_the_domain() {
    let uuid = *b"0123456789abcdef";
    let rec = Recorder::replying(domain_bytes("test", uuid, 1));
    let dom = rec.domain_lookup_by_name("test").unwrap();
    assert_eq!(
        dom,
        remote::NonnullDomain {
            name: "test".into(),
            uuid,
            id: 1
        }
    );
    let (header, body) = rec.only_message();
    assert_eq!(header.procedure, 23);
    assert_eq!(body, [&words(&[4])[..], b"test"].concat());
}

#[test]
fn domain_get_info_reply_decodes_narrow_and_wide_fields() {
    // unsigned char and unsigned short travel as full 4-byte words.
    let reply = words(&[1, 0, 0x0080_0000, 0, 0x0040_0000, 2, 0x1, 0x2]);
    let rec = Recorder::replying(reply);
    let dom = remote::NonnullDomain {
        name: "test".into(),
        uuid: [7; 16],
        id: 1,
    };
    let info = rec.domain_get_info(&dom).unwrap();
    assert_eq!(
        info,
        remote::DomainGetInfoRet {
            state: 1,
            max_mem: 8 << 20,
            memory: 4 << 20,
            nr_virt_cpu: 2,
            cpu_time: (1 << 32) | 2
        }
    );
    let (header, body) = rec.only_message();
    assert_eq!(header.procedure, 16);
    assert_eq!(body, domain_bytes("test", [7; 16], 1));
}

#[test]
fn typed_param_union_encodes_discriminant_then_arm() {
    let param = remote::TypedParam {
        field: "cpu_time".into(),
        value: remote::TypedParamValue::Ullong(100),
    };
    let bytes = xdr_runtime::to_vec(&param).unwrap();
    let mut expected = words(&[8]);
    expected.extend_from_slice(b"cpu_time");
    expected.extend(words(&[4, 0, 100])); // VIR_TYPED_PARAM_ULLONG, then the hyper
    assert_eq!(bytes, expected);
    assert_eq!(
        xdr_runtime::from_bytes::<remote::TypedParam>(&expected).unwrap(),
        param
    );

    let string = remote::TypedParamValue::String("ab".into());
    assert_eq!(
        xdr_runtime::to_vec(&string).unwrap(),
        [words(&[7, 2]), b"ab\0\0".to_vec()].concat()
    );
}

#[test]
fn unknown_union_discriminant_is_rejected() {
    let err = xdr_runtime::from_bytes::<remote::TypedParamValue>(&words(&[99, 0])).unwrap_err();
    assert_eq!(
        err,
        xdr_runtime::Error::InvalidDiscriminant {
            union: "remote_typed_param_value",
            value: 99
        }
    );
}

#[test]
fn unknown_enum_values_survive_a_round_trip() {
    let v: remote::AuthType = xdr_runtime::from_bytes(&words(&[77])).unwrap();
    assert_eq!(v, remote::AuthType::Unknown(77));
    assert_eq!(xdr_runtime::to_vec(&v).unwrap(), words(&[77]));
    assert_eq!(
        xdr_runtime::from_bytes::<remote::AuthType>(&words(&[2])).unwrap(),
        remote::AuthType::Polkit
    );
}

#[test]
fn list_all_domains_returns_the_list_and_its_count() {
    let mut reply = words(&[2]);
    reply.extend(domain_bytes("a", [1; 16], 1));
    reply.extend(domain_bytes("bb", [2; 16], -1));
    reply.extend(words(&[2])); // ret: the count
    let rec = Recorder::replying(reply);
    let reply = rec.connect_list_all_domains(1, 0).unwrap();
    assert_eq!(reply.ret, 2);
    assert_eq!(reply.domains.len(), 2);
    assert_eq!(reply.domains[1].name, "bb");
    assert_eq!(reply.domains[1].id, -1);
    let (header, body) = rec.only_message();
    assert_eq!(header.procedure, 273);
    assert_eq!(body, words(&[1, 0])); // need_results = 1 (int), flags = 0
}

#[test]
fn count_only_list_all_domains_reply_decodes_to_its_count() {
    // need_results = 0: the daemon counts the domains and sends no list,
    // as `virConnectListAllDomains(conn, NULL, 0)` asks.
    let rec = Recorder::replying(words(&[0, 3])); // empty list, ret = 3
    let reply = rec.connect_list_all_domains(0, 0).unwrap();
    assert_eq!(reply.ret, 3);
    assert!(reply.domains.is_empty());
    let (header, body) = rec.only_message();
    assert_eq!(header.procedure, 273);
    assert_eq!(body, words(&[0, 0])); // need_results = 0, flags = 0
}

#[test]
fn every_need_results_procedure_returns_its_whole_reply() {
    // Count-only replies of the other list calls decode as well.
    let rec = Recorder::replying(words(&[0, 5]));
    let reply = rec.connect_list_all_networks(0, 0).unwrap();
    assert_eq!((reply.nets.len(), reply.ret), (0, 5));
    let rec = Recorder::replying(words(&[0, 4]));
    let reply = rec.connect_list_all_storage_pools(0, 0).unwrap();
    assert_eq!((reply.pools.len(), reply.ret), (0, 4));
}

#[test]
fn event_messages_decode_by_procedure_number() {
    let mut body = domain_bytes("vm", [3; 16], 4);
    body.extend(words(&[2, 0])); // VIR_DOMAIN_EVENT_STARTED, detail
    let event = remote::Event::decode(107, &body)
        .unwrap()
        .expect("107 is an event");
    let remote::Event::DomainEventLifecycle(msg) = &event else {
        panic!("wrong event {event:?}")
    };
    assert_eq!((msg.dom.name.as_str(), msg.event, msg.detail), ("vm", 2, 0));
    assert_eq!(event.procedure().name, "REMOTE_PROC_DOMAIN_EVENT_LIFECYCLE");
    assert!(
        remote::Event::decode(16, &body).unwrap().is_none(),
        "16 is a call, not an event"
    );
}

#[test]
fn void_reply_with_trailing_bytes_is_an_error() {
    let rec = Recorder::replying(words(&[0]));
    let err = rec.connect_close().unwrap_err();
    assert_eq!(err, xdr_runtime::Error::TrailingBytes(4));
}

#[test]
fn string_lists_take_any_str_slice() {
    let rec = Recorder::replying([words(&[3]), b"cpu\0".to_vec()].concat());
    assert_eq!(
        rec.connect_baseline_cpu(&["<a/>", "<bc/>"], 0).unwrap(),
        "cpu"
    );
    let owned = vec![String::from("<a/>"), String::from("<bc/>")];
    assert_eq!(rec.connect_baseline_cpu(&owned, 0).unwrap(), "cpu");
    let sent = rec.sent.borrow();
    let (_, body) = xdr_runtime::frame::decode_message(&sent[0]).unwrap();
    let mut expected = words(&[2, 4]);
    expected.extend(b"<a/>");
    expected.extend(words(&[5]));
    expected.extend(b"<bc/>\0\0\0");
    expected.extend(words(&[0]));
    assert_eq!(body, expected);
    assert_eq!(sent[0], sent[1], "both forms send the same bytes");
}
