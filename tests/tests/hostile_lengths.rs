//! Replies with lying or oversized lengths fail cleanly, naming the field,
//! and oversized arguments are refused before anything is sent.

mod support;

use libvirt_tests::latest::remote::{self, RemoteBlockingCalls};
use support::recorder::Recorder;
use support::words;
use xdr_runtime::Error;

#[test]
fn list_length_0xffffffff_exceeds_the_declared_maximum() {
    let rec = Recorder::replying(words(&[0xFFFF_FFFF, 0]));
    let err = rec.connect_list_all_domains(1, 0).unwrap_err();
    assert_eq!(
        err,
        Error::LengthExceedsMax {
            field: "remote_connect_list_all_domains_ret.domains",
            len: 0xFFFF_FFFF,
            max: 16384
        }
    );
}

#[test]
fn list_one_above_the_maximum_is_refused() {
    let rec = Recorder::replying(words(&[16385]));
    let err = rec.connect_list_all_domains(1, 0).unwrap_err();
    assert!(
        matches!(
            err,
            Error::LengthExceedsMax {
                len: 16385,
                max: 16384,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn list_longer_than_the_reply_fails_before_allocating() {
    // 16384 domains would need at least 16384 * 24 bytes; only 8 follow.
    let rec = Recorder::replying(words(&[16384, 0, 0]));
    let err = rec.connect_list_all_domains(1, 0).unwrap_err();
    assert!(
        matches!(err, Error::LengthBeyondInput { field: "remote_connect_list_all_domains_ret.domains", len: 16384, needed, .. } if needed == 16384 * 24),
        "{err:?}"
    );
}

#[test]
fn string_length_beyond_the_reply_is_refused() {
    let rec = Recorder::replying(words(&[0xFFFF_FFF0]));
    let err = rec.connect_get_hostname().unwrap_err();
    assert!(
        matches!(
            err,
            Error::LengthExceedsMax {
                field: "remote_connect_get_hostname_ret.hostname",
                ..
            }
        ),
        "{err:?}"
    );
    let rec = Recorder::replying(words(&[100, 0]));
    let err = rec.connect_get_hostname().unwrap_err();
    assert!(
        matches!(err, Error::LengthBeyondInput { len: 100, .. }),
        "{err:?}"
    );
}

#[test]
fn truncated_replies_fail_at_every_length() {
    let mut full = words(&[4]);
    full.extend_from_slice(b"host");
    for cut in 0..full.len() {
        let rec = Recorder::replying(full[..cut].to_vec());
        assert!(rec.connect_get_hostname().is_err(), "cut at {cut}");
    }
    let rec = Recorder::replying(full);
    assert_eq!(rec.connect_get_hostname().unwrap(), "host");
}

#[test]
fn oversized_arguments_are_refused_before_sending() {
    let rec = Recorder::replying(Vec::new());
    let name = "x".repeat(remote::STRING_MAX as usize + 1);
    let err = rec.domain_lookup_by_name(&name).unwrap_err();
    assert_eq!(
        err,
        Error::LengthExceedsMax {
            field: "remote_domain_lookup_by_name_args.name",
            len: u64::from(remote::STRING_MAX) + 1,
            max: remote::STRING_MAX
        }
    );
    assert!(rec.sent.borrow().is_empty(), "nothing was sent");
}

#[test]
fn oversized_arrays_in_arguments_are_refused() {
    let rec = Recorder::replying(Vec::new());
    let dom = remote::NonnullDomain {
        name: "d".into(),
        uuid: [0; 16],
        id: 1,
    };
    let params: Vec<remote::TypedParam> = (0..=remote::DOMAIN_SCHEDULER_PARAMETERS_MAX)
        .map(|i| remote::TypedParam {
            field: format!("p{i}"),
            value: remote::TypedParamValue::Int(1),
        })
        .collect();
    let err = rec
        .domain_set_scheduler_parameters(&dom, &params)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::LengthExceedsMax {
                max: 16,
                len: 17,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(rec.sent.borrow().is_empty());
}
