//! Behaviour of the golden fixture expansions: union arms (default, void,
//! several labels), recursive optional data, arrays, procedure tables of
//! both program styles.

mod support;

use libvirt_tests::fixtures::{arrays, enums, optional, program, rpc_program, union_default};
use support::recorder::Recorder;
use support::words;
use xdr_runtime::{from_bytes, to_vec, Error};

#[test]
fn enum_values_come_from_constants() {
    assert_eq!(
        enums::DemoColor::Blue.value(),
        enums::DEMO_COLOR_BASE as i32
    );
    assert_eq!(enums::DemoColor::from_value(2), enums::DemoColor::Green);
    assert_eq!(enums::DemoColor::Red.xdr_name(), Some("DEMO_COLOR_RED"));
}

#[test]
fn union_default_arm_keeps_its_discriminant() {
    use union_default::{DemoKind, DemoValue};
    let v: DemoValue = from_bytes(&[words(&[9, 2]), vec![0xAB, 0xCD, 0, 0]].concat()).unwrap();
    assert_eq!(
        v,
        DemoValue::Default {
            discriminant: DemoKind::Unknown(9),
            value: vec![0xAB, 0xCD]
        }
    );
    assert_eq!(
        to_vec(&v).unwrap(),
        [words(&[9, 2]), vec![0xAB, 0xCD, 0, 0]].concat()
    );
    assert_eq!(to_vec(&DemoValue::None).unwrap(), words(&[3]));
}

#[test]
fn union_default_arm_cannot_carry_a_case_value() {
    use union_default::{DemoKind, DemoValue};
    let wrong = DemoValue::Default {
        discriminant: DemoKind::Int,
        value: vec![],
    };
    assert_eq!(
        to_vec(&wrong).unwrap_err(),
        Error::InvalidDiscriminant {
            union: "demo_value",
            value: 1
        }
    );
}

#[test]
fn shared_arm_checks_its_labels() {
    use union_default::DemoCode;
    let v: DemoCode = from_bytes(&words(&[2, 0, 7])).unwrap();
    assert_eq!(
        v,
        DemoCode::Small {
            discriminant: 2,
            value: 7
        }
    );
    assert_eq!(v.discriminant(), 2);
    let wrong = DemoCode::Small {
        discriminant: 3,
        value: 7,
    };
    assert!(matches!(
        to_vec(&wrong),
        Err(Error::InvalidDiscriminant { value: 3, .. })
    ));
    assert!(matches!(
        from_bytes::<DemoCode>(&words(&[4])),
        Err(Error::InvalidDiscriminant { value: 4, .. })
    ));
}

#[test]
fn recursive_optional_data_is_boxed_and_depth_limited() {
    use optional::DemoNode;
    let list = DemoNode {
        value: 1,
        next: Some(Box::new(DemoNode {
            value: 2,
            next: None,
        })),
    };
    let bytes = to_vec(&list).unwrap();
    assert_eq!(bytes, words(&[1, 1, 2, 0]));
    assert_eq!(from_bytes::<DemoNode>(&bytes).unwrap(), list);
    // A hostile chain of 100,000 links stops at the depth limit.
    let deep: Vec<u8> = (0..100_000).flat_map(|_| words(&[0, 1])).collect();
    assert!(matches!(
        from_bytes::<DemoNode>(&deep),
        Err(Error::DepthLimitExceeded(_))
    ));
}

#[test]
fn optional_typedef_of_a_bounded_string_is_checked() {
    use optional::DemoHolder;
    let holder = DemoHolder {
        name: Some("x".repeat(33)),
        head: None,
        size: Some(5),
    };
    assert!(matches!(
        to_vec(&holder),
        Err(Error::LengthExceedsMax {
            max: 32,
            len: 33,
            ..
        })
    ));
}

#[test]
fn arrays_encode_with_their_exact_layout() {
    let a = arrays::DemoArrays {
        uuid: [1; 16],
        blob: vec![9],
        anything: vec![],
        fixed: [1, 2, 3],
        bounded: vec![4],
        unbounded: vec![],
        label: vec![-1],
        flags: [0, 255],
        ratio: 0.5,
        enabled: true,
    };
    let bytes = to_vec(&a).unwrap();
    let mut expected = vec![1u8; 16];
    expected.extend(words(&[1]));
    expected.extend([9, 0, 0, 0]);
    expected.extend(words(&[0, 1, 2, 3, 1, 4, 0, 1, 0xFFFF_FFFF, 0, 255]));
    expected.extend(0.5f64.to_be_bytes());
    expected.extend(words(&[1]));
    assert_eq!(bytes, expected);
    assert_eq!(from_bytes::<arrays::DemoArrays>(&bytes).unwrap(), a);
}

#[test]
fn libvirt_style_program_table_and_methods() {
    use program::DemoBlockingCalls;
    assert_eq!(program::PROCEDURES.len(), 4);
    let lookup = program::procedure(1).unwrap();
    assert_eq!(
        (lookup.program, lookup.version, lookup.name),
        (0x2000_0001, 1, "DEMO_PROC_LOOKUP")
    );
    assert_eq!(
        lookup.annotations.priority,
        xdr_runtime::rpc::Priority::High
    );
    assert_eq!(
        program::procedure(4).unwrap().annotations.readstream,
        Some(1)
    );
    assert!(program::procedure(3).unwrap().is_event());
    assert!(program::procedure(5).is_none());

    let mut reply = words(&[1, 2]);
    reply.extend(b"ab\0\0");
    reply.extend(words(&[7, 1]));
    let rec = Recorder::replying(reply);
    let list = rec.list_all(1, 0).unwrap();
    assert_eq!(
        list,
        program::ListAllRet {
            items: vec![program::Item {
                name: "ab".into(),
                id: 7
            }],
            ret: 1
        }
    );
    let (_, body) = rec.only_message();
    assert_eq!(body, words(&[1, 0]), "need_results, flags");

    let mut msg = words(&[1]);
    msg.extend(b"z\0\0\0");
    msg.extend(words(&[5, 9]));
    let event = program::Event::decode(3, &msg).unwrap().unwrap();
    assert_eq!(
        event,
        program::Event::EventChanged(program::EventChangedMsg {
            item: program::Item {
                name: "z".into(),
                id: 5
            },
            detail: 9
        })
    );
}

#[test]
fn rfc5531_program_procedures() {
    use rpc_program::PingProgPingVersBlockingCalls;
    assert_eq!(rpc_program::PROCEDURES.len(), 2);
    assert_eq!(rpc_program::PROCEDURES[1].program, 0x2000_0099);
    assert_eq!(rpc_program::PROCEDURES[1].version, 2);
    let rec = Recorder::replying(words(&[5, 0, 42]));
    let ret = rec.ping_ping(5).unwrap();
    assert_eq!(ret, rpc_program::PingRet { seq: 5, time: 42 });
    rec.sent.borrow_mut().clear();
    let rec = Recorder::replying(Vec::new());
    rec.ping_null().unwrap();
}
