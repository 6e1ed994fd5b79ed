//! Golden expansions: each `tests/fixtures/NAME.x` expands, formatted, to
//! `tests/fixtures/NAME.expanded.rs`. The workspace's tests crate compiles
//! those files, so they stay valid Rust.
//!
//! After a deliberate change to the generator, regenerate them with
//! `UPDATE_SNAPSHOTS=1 cargo test -p libvirt-proto-codegen --test golden`
//! and review the diff.
#![allow(clippy::disallowed_methods)]

use libvirt_proto_codegen::expand::{expand, Request};
use std::path::Path;

fn check(name: &str) {
    check_request(
        name,
        name,
        Request::file(format!("tests/fixtures/{name}.x")),
    );
}

/// Compares the expansion of `request` with `tests/fixtures/{snapshot}.expanded.rs`.
fn check_request(name: &str, snapshot: &str, request: Request) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expansion = expand(&request, dir).unwrap_or_else(|d| {
        panic!(
            "{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let file: syn::File = syn::parse2(expansion.tokens).expect("the expansion parses as Rust");
    let now = format!(
        "// Generated from tests/fixtures/{name}.x by libvirt-proto-codegen; do not edit.\n{}",
        prettyplease::unparse(&file)
    );
    let path = dir.join(format!("tests/fixtures/{snapshot}.expanded.rs"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    if saved != now {
        let line = saved
            .lines()
            .zip(now.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("{snapshot}.expanded.rs is out of date (first difference at line {line}); rerun with UPDATE_SNAPSHOTS=1 and review");
    }
}

#[test]
fn enum_expansion() {
    check("enum");
}

#[test]
fn union_with_default_expansion() {
    check("union_default");
}

#[test]
fn optional_data_expansion() {
    check("optional");
}

#[test]
fn arrays_and_opaque_expansion() {
    check("arrays");
}

#[test]
fn libvirt_style_program_expansion() {
    check("program");
}

#[test]
fn rfc5531_program_expansion() {
    check("rpc_program");
}

#[test]
fn libvirt_style_program_with_internal_procedures_expansion() {
    let mut request = Request::file("tests/fixtures/program.x");
    request.codegen.internal = vec!["LOOKUP".to_string(), "DEMO_PROC_DOWNLOAD".to_string()];
    check_request("program", "program_internal", request);
}
