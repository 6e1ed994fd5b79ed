//! The checked-in manifest of libvirt's procedures matches what the
//! protocol compiler reads from the vendored files, so a protocol upgrade
//! shows as a readable diff of `tests/snapshots/procedures.manifest`.
//!
//! After a deliberate change, regenerate it with
//! `UPDATE_SNAPSHOTS=1 cargo test -p libvirt-tests --test manifest`.

mod support;

use libvirt_proto_codegen::manifest::manifest;

const FILES: [&str; 5] = [
    "remote_protocol.x",
    "qemu_protocol.x",
    "lxc_protocol.x",
    "admin_protocol.x",
    "virkeepaliveprotocol.x",
];

fn current() -> String {
    FILES
        .iter()
        .map(|f| manifest(&support::resolve(support::VENDORED, f)))
        .collect()
}

#[test]
fn procedure_manifest_is_up_to_date() {
    let path = "snapshots/procedures.manifest";
    let now = current();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, &now).unwrap();
    }
    let saved = std::fs::read_to_string(path).unwrap_or_default();
    if saved != now {
        let first = saved.lines().zip(now.lines()).position(|(a, b)| a != b);
        panic!(
            "the procedure manifest changed (first difference at line {:?}); review and run with UPDATE_SNAPSHOTS=1",
            first.map(|i| i + 1)
        );
    }
}

#[test]
fn procedure_counts_per_program() {
    let count = |file: &str| {
        let m = support::resolve(support::VENDORED, file);
        let procs: usize = m.programs.iter().map(|p| p.procedures.len()).sum();
        let events: usize = m
            .programs
            .iter()
            .map(|p| p.procedures.iter().filter(|p| p.msg.is_some()).count())
            .sum();
        (procs, events)
    };
    assert_eq!(count("remote_protocol.x").0, 453);
    assert_eq!(count("qemu_protocol.x"), (7, 1));
    assert_eq!(count("lxc_protocol.x"), (1, 0));
    assert_eq!(count("admin_protocol.x"), (19, 0));
    assert_eq!(count("virkeepaliveprotocol.x"), (2, 0));
    // libvirt 9.0.0's remote program ends at procedure 443.
    let old = support::resolve(support::VENDORED_9_0_0, "remote_protocol.x");
    assert_eq!(
        old.programs[0].procedures.last().map(|p| p.number),
        Some(443)
    );
}

#[test]
fn annotations_are_captured() {
    let m = support::resolve(support::VENDORED, "remote_protocol.x");
    let p = |name: &str| {
        m.programs[0]
            .procedures
            .iter()
            .find(|p| p.xdr_name == name)
            .unwrap()
            .clone()
    };
    let download = p("REMOTE_PROC_STORAGE_VOL_DOWNLOAD");
    assert_eq!(download.annotations.readstream, Some(1));
    assert_eq!(
        download.annotations.sparseflag.as_deref(),
        Some("VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM")
    );
    assert_eq!(download.annotations.acl, ["storage_vol:data_read"]);
    let upload = p("REMOTE_PROC_STORAGE_VOL_UPLOAD");
    assert_eq!(upload.annotations.writestream, Some(1));
    let open = p("REMOTE_PROC_CONNECT_OPEN");
    assert!(open.annotations.high_priority);
    assert_eq!(open.annotations.generate.as_deref(), Some("none"));
    let list = p("REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS");
    assert_eq!(list.annotations.aclfilter, ["domain:getattr"]);
    let ret = m.type_def("remote_connect_list_all_domains_ret").unwrap();
    assert_eq!(ret.insert, Some(1));
    let info = m.type_def("remote_node_get_cells_free_memory_ret").unwrap();
    let libvirt_proto_codegen::ir::TypeKind::Struct(fields) = &info.kind else {
        panic!()
    };
    assert_eq!(fields[0].insert, Some(1));
}
