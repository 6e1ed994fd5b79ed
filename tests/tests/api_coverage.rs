//! Coverage of libvirt's public API by the typed API of `libvirt-client`.
//!
//! Every function of libvirt 9.0.0's `libvirt-api.xml` must be a generated
//! method, a hand-written one (`manual` in `api/coverage.txt`, found as a
//! `#[doc(alias = "...")]` in `libvirt-client/src/api/`), or excluded with
//! a reason. Every enum value and flag must be reachable: a named member
//! of its Rust type (carrying the C name as an alias) and a constant under
//! its C name.

use libvirt_proto_codegen::api::coverage::{Coverage, Kind};
use libvirt_proto_codegen::api::model::Api;
use libvirt_proto_codegen::api::{enums, expand_api, ApiExpansion, ApiRequest};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn client_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../libvirt-client")
}

fn api() -> Api {
    let xml = std::fs::read_to_string(client_dir().join("api/libvirt-api.xml")).unwrap();
    Api::parse(&xml).unwrap()
}

fn expansion() -> ApiExpansion {
    let request = ApiRequest {
        api_xml: "api/libvirt-api.xml".into(),
        protocol: "proto/remote_protocol.x".into(),
        raw: "crate::proto::remote".into(),
        api: "crate::api".into(),
        coverage: Some("api/coverage.txt".into()),
    };
    expand_api(&request, &client_dir()).unwrap_or_else(|d| {
        panic!(
            "include_api! fails: {}",
            d.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

/// Every `doc(alias = "vir...")` name of the hand-written API sources.
fn hand_written_aliases() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut dirs = vec![client_dir().join("src/api")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (i, _) in text.match_indices("alias = \"") {
                let rest = &text[i + "alias = \"".len()..];
                if let Some(end) = rest.find('"') {
                    out.insert(rest[..end].to_string());
                }
            }
            // Aliases given to macros as literals (`by_uuid_string!`,
            // `handle!`): every quoted `vir...` name.
            for piece in text.split('"').skip(1).step_by(2) {
                if piece.starts_with("vir") && piece.chars().all(|c| c.is_ascii_alphanumeric()) {
                    out.insert(piece.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_function_is_mapped_written_by_hand_or_excluded() {
    let api = api();
    let text = std::fs::read_to_string(client_dir().join("api/coverage.txt")).unwrap();
    let coverage = Coverage::parse("api/coverage.txt", &text, &api).unwrap();
    let expansion = expansion();
    let generated: BTreeSet<&str> = expansion
        .generated
        .iter()
        .map(|g| g.function.as_str())
        .collect();
    let aliases = hand_written_aliases();
    let mut missing = Vec::new();
    let (mut mapped, mut manual, mut excluded) = (0, 0, 0);
    for f in &api.functions {
        let name = f.name.as_str();
        match coverage.get(name).map(|e| e.kind) {
            Some(Kind::Excluded) => excluded += 1,
            Some(Kind::Manual) if aliases.contains(name) => manual += 1,
            Some(Kind::Manual) => missing.push(format!(
                "{name}: listed as manual, but no hand-written item has #[doc(alias = \"{name}\")]"
            )),
            None if generated.contains(name) => mapped += 1,
            None => missing.push(format!("{name}: neither generated nor listed")),
        }
    }
    // A function both generated and listed would be a duplicate method.
    for g in &generated {
        assert!(coverage.get(g).is_none(), "{g} is generated and listed");
    }
    let total = api.functions.len();
    println!(
        "mapped {} / {total} (generated {mapped}, written by hand {manual}), excluded {excluded}",
        mapped + manual
    );
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert_eq!(mapped + manual + excluded, total);
}

#[test]
fn every_enum_value_and_flag_is_reachable() {
    let api = api();
    let tokens = expansion().tokens.to_string();
    let mut unreachable = Vec::new();
    let mut count = 0;
    for group in &api.enums {
        let ty = enums::type_name(&group.name);
        if !tokens.contains(&format!("struct {ty} ")) && !tokens.contains(&format!("enum {ty} ")) {
            unreachable.push(format!("{}: no type {ty}", group.name));
        }
        for v in &group.values {
            count += 1;
            // Every value is a constant under its C name ...
            if !tokens.contains(&format!("pub const {} :", v.name)) {
                unreachable.push(format!("{}: no constant", v.name));
            }
            // ... and every real member (not a `_LAST` sentinel) carries its
            // C name as an alias on its Rust member.
            if !v.name.ends_with("_LAST") && !tokens.contains(&format!("alias = \"{}\"", v.name)) {
                unreachable.push(format!("{}: no member of {ty}", v.name));
            }
        }
    }
    println!("{count} enum values and flags in {} types", api.enums.len());
    assert!(unreachable.is_empty(), "{}", unreachable.join("\n"));
}

#[test]
fn every_string_and_integer_macro_is_a_constant() {
    let api = api();
    let tokens = expansion().tokens.to_string();
    for m in &api.macros {
        assert!(
            tokens.contains(&format!("pub const {} :", m.name)),
            "{} is not a constant",
            m.name
        );
    }
}
