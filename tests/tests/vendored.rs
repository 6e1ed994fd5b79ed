//! The vendored protocol files are libvirt's, byte for byte: their sha256
//! matches `libvirt-client/proto/PROVENANCE.md`, and they equal the
//! reference copies beside the project when those are present.

mod support;

use sha2::{Digest, Sha256};
use std::path::Path;

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `(file, sha256)` rows of the provenance table.
fn provenance() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(Path::new(support::VENDORED).join("PROVENANCE.md")).unwrap();
    text.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .split('|')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            match cells.as_slice() {
                [file, sha] if sha.len() == 64 => Some((file.to_string(), sha.to_string())),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn vendored_files_match_their_recorded_checksums() {
    let rows = provenance();
    assert_eq!(rows.len(), 7, "six .x files and the API XML are recorded");
    for (file, sha) in rows {
        let bytes = std::fs::read(Path::new(support::VENDORED).join(&file)).unwrap();
        assert_eq!(
            sha256_hex(&bytes),
            sha,
            "{file} differs from the recorded checksum"
        );
    }
}

#[test]
fn every_vendored_x_file_is_recorded() {
    let recorded: Vec<String> = provenance().into_iter().map(|(f, _)| f).collect();
    for entry in std::fs::read_dir(support::VENDORED).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".x") {
            assert!(recorded.contains(&name), "{name} is not in PROVENANCE.md");
        }
    }
}

#[test]
fn vendored_files_equal_the_reference_copies() {
    let shared = Path::new(support::SHARED_LATEST);
    if !shared.is_dir() {
        // Outside the development tree the checksums above still hold.
        eprintln!("reference copies not found at {}", shared.display());
        return;
    }
    let mut compared = 0;
    for (file, _) in provenance() {
        if let Some(name) = file.strip_suffix(".x").map(|_| file.clone()) {
            let ours = std::fs::read(Path::new(support::VENDORED).join(&name)).unwrap();
            let theirs = std::fs::read(shared.join(&name)).unwrap();
            assert!(
                ours == theirs,
                "{name} is not byte-identical to the reference copy"
            );
            compared += 1;
        }
    }
    let api = std::fs::read(support::API_XML).unwrap();
    let reference = std::fs::read("../../shared/libvirt-api/9.0.0/libvirt-api.xml").unwrap();
    assert!(
        api == reference,
        "libvirt-api.xml is not byte-identical to the reference copy"
    );
    assert_eq!(compared, 6);
}
