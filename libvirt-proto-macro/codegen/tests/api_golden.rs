//! Golden expansion of `include_api!`: `tests/fixtures/api/demo-api.xml`
//! over `tests/fixtures/api/demo_protocol.x` (with its coverage file)
//! expands, formatted, to `tests/fixtures/api/api.expanded.rs`, and its
//! function-to-method mapping to `tests/fixtures/api/mapping.txt`.
//!
//! After a deliberate change to the generator, regenerate them with
//! `UPDATE_SNAPSHOTS=1 cargo test -p libvirt-proto-codegen --test api_golden`
//! and review the diff.
#![allow(clippy::disallowed_methods)]

use libvirt_proto_codegen::api::{expand_api, ApiExpansion, ApiRequest};
use std::path::Path;

fn expansion() -> ApiExpansion {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let request = ApiRequest {
        api_xml: "tests/fixtures/api/demo-api.xml".into(),
        protocol: "tests/fixtures/api/demo_protocol.x".into(),
        raw: "crate::proto".into(),
        api: "crate::api".into(),
        coverage: Some("tests/fixtures/api/coverage.txt".into()),
    };
    expand_api(&request, dir).unwrap_or_else(|d| {
        panic!(
            "{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

fn compare(file: &str, now: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/api")
        .join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, now).unwrap();
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    if saved != now {
        let line = saved
            .lines()
            .zip(now.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("{file} is out of date (first difference at line {line}); rerun with UPDATE_SNAPSHOTS=1 and review");
    }
}

#[test]
fn demo_api_expansion() {
    let expansion = expansion();
    let file: syn::File = syn::parse2(expansion.tokens).expect("the expansion parses as Rust");
    let now = format!(
        "// Generated from tests/fixtures/api/demo-api.xml by libvirt-proto-codegen; do not edit.\n{}",
        prettyplease::unparse(&file)
    );
    compare("api.expanded.rs", &now);
}

#[test]
fn demo_api_mapping() {
    let expansion = expansion();
    let now: String = expansion
        .generated
        .iter()
        .map(|g| format!("{} {}::{}\n", g.function, g.object, g.method))
        .collect();
    // Each shape the generator knows is in the fixture once.
    for line in [
        "virDomainLookupByUUID Domain::lookup_by_uuid",
        "virDomainIsActive Domain::is_active",
        "virDomainGetXMLDesc Domain::get_xml_desc",
        "virDomainGetMemoryParameters Domain::get_memory_parameters",
        "virConnectListAllDomains Connect::list_all_domains",
        "virConnectListAllDomains Connect::list_all_domains_count",
    ] {
        assert!(now.contains(line), "missing: {line}\n{now}");
    }
    compare("mapping.txt", &now);
}

#[test]
fn an_unmapped_function_is_an_error_naming_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let request = ApiRequest {
        api_xml: "tests/fixtures/api/demo-api.xml".into(),
        protocol: "tests/fixtures/api/demo_protocol.x".into(),
        raw: "crate::proto".into(),
        api: "crate::api".into(),
        coverage: None,
    };
    let err = expand_api(&request, dir).expect_err("two functions are unmapped");
    let text = err.iter().map(ToString::to_string).collect::<String>();
    assert!(
        text.contains("2 functions of the API description have no generated method"),
        "{text}"
    );
    assert!(
        text.contains("`virDomainScreenshot`: carries a data stream"),
        "{text}"
    );
    assert!(
        text.contains("`virDomainGetName`: no remote procedure has its name"),
        "{text}"
    );
}
