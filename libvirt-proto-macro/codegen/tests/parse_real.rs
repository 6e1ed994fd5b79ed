//! Every vendored `.x` file, of the newest set and of libvirt 9.0.0, goes
//! through the whole compiler (parse, resolve with libvirt's API XML,
//! generate) without an error.
#![allow(clippy::disallowed_methods)]

use libvirt_proto_codegen::expand::{expand, Request};
use std::path::Path;

const DIRS: [&str; 2] = [
    "../../libvirt-client/proto",
    "../../libvirt-client/proto/9.0.0",
];

#[test]
fn real_files_compile() {
    let mut compiled = 0;
    for dir in DIRS {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
        for entry in entries {
            let path = entry.unwrap().path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !name.ends_with(".x") {
                continue;
            }
            let mut request = Request::file(format!("{dir}/{name}"));
            request.api_xml = Some("../../libvirt-client/api/libvirt-api.xml".to_string());
            if matches!(name, "qemu_protocol.x" | "lxc_protocol.x") {
                request.externs.push((
                    format!("{dir}/remote_protocol.x"),
                    "crate::remote".to_string(),
                ));
            }
            let expansion = expand(&request, Path::new(".")).unwrap_or_else(|d| {
                panic!(
                    "{name}: {}",
                    d.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            assert!(
                !expansion.module.types.is_empty() || !expansion.module.consts.is_empty(),
                "{name}"
            );
            compiled += 1;
        }
    }
    assert_eq!(compiled, 12, "six files in each vendored set");
}
