//! Shared helpers for the workspace tests.
#![allow(dead_code)]

pub(crate) mod recorder;

use libvirt_proto_codegen::expand::{expand, Request};
use libvirt_proto_codegen::ir::{Module, TypeKind};
use std::path::Path;

/// Directory of the vendored protocol files, relative to this crate.
pub(crate) const VENDORED: &str = "../libvirt-client/proto";
/// Directory of the vendored libvirt 9.0.0 protocol files, relative to this crate.
pub(crate) const VENDORED_9_0_0: &str = "../libvirt-client/proto/9.0.0";
/// Directory of the vendored API descriptions, relative to this crate.
pub(crate) const VENDORED_API: &str = "../libvirt-client/api";
/// libvirt's API description, vendored.
pub(crate) const API_XML: &str = "../libvirt-client/api/libvirt-api.xml";

/// Resolves a protocol file the way `include_protocol!` does.
pub(crate) fn resolve(dir: &str, file: &str) -> Module {
    let mut request = Request::file(format!("{dir}/{file}"));
    request.api_xml = Some(API_XML.to_string());
    if matches!(file, "qemu_protocol.x" | "lxc_protocol.x") {
        request.externs.push((
            format!("{dir}/remote_protocol.x"),
            "crate::remote".to_string(),
        ));
    }
    match expand(&request, Path::new(env!("CARGO_MANIFEST_DIR"))) {
        Ok(e) => e.module,
        Err(d) => panic!(
            "{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Number of types of a module that are not typedefs.
pub(crate) fn non_typedef_types(module: &Module) -> usize {
    module
        .types
        .iter()
        .filter(|t| !matches!(t.kind, TypeKind::Typedef(_)))
        .count()
}

/// XDR words (big-endian `u32`s) as bytes.
pub(crate) fn words(w: &[u32]) -> Vec<u8> {
    w.iter().flat_map(|w| w.to_be_bytes()).collect()
}
