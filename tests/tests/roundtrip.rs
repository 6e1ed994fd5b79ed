//! Every generated type of every protocol file round-trips through XDR:
//! encode, length a multiple of 4, decode to the same value, and every
//! strict prefix of an encoding fails.

mod support;

use libvirt_tests::latest;
use proptest::test_runner::Config;

fn config() -> Config {
    Config {
        cases: 24,
        failure_persistence: None,
        ..Config::default()
    }
}

fn check(file: &str, run: fn(Config) -> Result<usize, String>) {
    let expected = support::non_typedef_types(&support::resolve(support::VENDORED, file));
    let checked = run(config()).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(checked > 0, "{file}: no type checked");
    assert_eq!(
        checked, expected,
        "{file}: every struct, enum and union is checked"
    );
}

#[test]
fn remote_types_round_trip() {
    check("remote_protocol.x", latest::remote::roundtrip_all_types);
}

#[test]
fn qemu_types_round_trip() {
    check("qemu_protocol.x", latest::qemu::roundtrip_all_types);
}

#[test]
fn lxc_types_round_trip() {
    check("lxc_protocol.x", latest::lxc::roundtrip_all_types);
}

#[test]
fn admin_types_round_trip() {
    check("admin_protocol.x", latest::admin::roundtrip_all_types);
}

#[test]
fn virnet_types_round_trip() {
    check("virnetprotocol.x", latest::virnet::roundtrip_all_types);
}

#[test]
fn keepalive_types_round_trip() {
    check(
        "virkeepaliveprotocol.x",
        latest::keepalive::roundtrip_all_types,
    );
}
