//! The vendored libvirt files are libvirt's, byte for byte: every `.x`,
//! `.xml` and `COPYING*` file of `libvirt-client/proto/` and
//! `libvirt-client/api/` is listed in `libvirt-client/proto/PROVENANCE.md`,
//! and its sha256 is the one recorded there. A changed, missing or
//! unrecorded file fails.

mod support;

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The six protocol files of each vendored set.
const PROTOCOL_FILES: [&str; 6] = [
    "admin_protocol.x",
    "lxc_protocol.x",
    "qemu_protocol.x",
    "remote_protocol.x",
    "virkeepaliveprotocol.x",
    "virnetprotocol.x",
];

/// The four API descriptions of each vendored libvirt version.
const API_FILES: [&str; 4] = [
    "libvirt-api.xml",
    "libvirt-admin-api.xml",
    "libvirt-lxc-api.xml",
    "libvirt-qemu-api.xml",
];

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `file -> sha256` rows of the provenance tables; the paths are relative
/// to `libvirt-client/proto/`.
fn provenance() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(Path::new(support::VENDORED).join("PROVENANCE.md")).unwrap();
    let mut rows = BTreeMap::new();
    for line in text.lines() {
        let cells: Vec<&str> = line
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        if let [file, sha] = cells.as_slice() {
            if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
                let previous = rows.insert(file.to_string(), sha.to_string());
                assert!(previous.is_none(), "{file} is recorded twice");
            }
        }
    }
    rows
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The kinds of file libvirt provides: protocol definitions, API
/// descriptions and its license texts. The folders also hold the
/// project's own files (`PROVENANCE.md`, the API coverage list).
fn is_libvirt_file(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.ends_with(".x") || base.ends_with(".xml") || base.starts_with("COPYING")
}

/// The libvirt files of both folders, as PROVENANCE.md names them.
fn vendored_files() -> Vec<String> {
    let proto = Path::new(support::VENDORED);
    let mut files = Vec::new();
    files_under(proto, &mut files);
    files_under(Path::new(support::VENDORED_API), &mut files);
    files
        .iter()
        .map(|path| match path.strip_prefix(proto) {
            Ok(rel) => rel.to_str().unwrap().to_string(),
            Err(_) => {
                let rel = path.strip_prefix(support::VENDORED_API).unwrap();
                format!("../api/{}", rel.to_str().unwrap())
            }
        })
        .filter(|name| is_libvirt_file(name))
        .collect()
}

/// The files the workspace needs: both protocol sets, both API sets and
/// the license text.
fn expected_files() -> Vec<String> {
    let mut files = Vec::new();
    for f in PROTOCOL_FILES {
        files.push(f.to_string());
        files.push(format!("9.0.0/{f}"));
    }
    for f in API_FILES {
        files.push(format!("../api/{f}"));
        files.push(format!("../api/11.3.0/{f}"));
    }
    files.push("COPYING.LESSER".to_string());
    files
}

#[test]
fn vendored_files_match_their_recorded_checksums() {
    let rows = provenance();
    assert_eq!(
        rows.len(),
        expected_files().len(),
        "two sets of six .x files, two sets of four API descriptions and the license are recorded"
    );
    for (file, sha) in rows {
        let path = Path::new(support::VENDORED).join(&file);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{file} is recorded but cannot be read: {e}"));
        assert_eq!(
            sha256_hex(&bytes),
            sha,
            "{file} differs from the recorded checksum"
        );
    }
}

#[test]
fn every_needed_file_is_recorded() {
    let rows = provenance();
    for file in expected_files() {
        assert!(rows.contains_key(&file), "{file} is not in PROVENANCE.md");
    }
}

#[test]
fn every_vendored_file_is_recorded() {
    let rows = provenance();
    let files = vendored_files();
    assert!(files.len() >= expected_files().len());
    for name in files {
        assert!(rows.contains_key(&name), "{name} is not in PROVENANCE.md");
    }
}

#[test]
fn checksums_tell_the_two_remote_protocols_apart() {
    // The 9.0.0 set is not a copy of the newest one: its remote program
    // ends earlier (procedure 443, checked by the manifest tests).
    let rows = provenance();
    assert_ne!(rows["remote_protocol.x"], rows["9.0.0/remote_protocol.x"]);
    assert_ne!(
        rows["../api/libvirt-api.xml"],
        rows["../api/11.3.0/libvirt-api.xml"]
    );
}
