//! libvirt's protocol files, latest and 9.0.0, compiled by `include_protocol!`
//! (the latest set with property-test generators), for the workspace tests.
//!
//! Compiling this crate is itself the test that every `.x` file of both
//! sets expands to valid Rust; the tests under `tests/` then exercise the
//! generated code.

/// The newest known protocol files, those libvirt-client compiles (`libvirt-client/proto/`).
pub mod latest {
    /// Message header and error (`virnetprotocol.x`).
    pub mod virnet {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/virnetprotocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
            proptest = true,
        );
    }
    /// Keepalive program (`virkeepaliveprotocol.x`).
    pub mod keepalive {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/virkeepaliveprotocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
            proptest = true,
        );
    }
    /// The main program (`remote_protocol.x`).
    pub mod remote {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/remote_protocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
            proptest = true,
        );
    }
    /// QEMU-specific calls (`qemu_protocol.x`).
    pub mod qemu {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/qemu_protocol.x",
            extern = { "../libvirt-client/proto/remote_protocol.x" => crate::latest::remote },
            api_xml = "../libvirt-client/api/libvirt-api.xml",
            proptest = true,
        );
    }
    /// LXC-specific calls (`lxc_protocol.x`).
    pub mod lxc {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/lxc_protocol.x",
            extern = { "../libvirt-client/proto/remote_protocol.x" => crate::latest::remote },
            api_xml = "../libvirt-client/api/libvirt-api.xml",
            proptest = true,
        );
    }
    /// Daemon administration (`admin_protocol.x`).
    pub mod admin {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/admin_protocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
            proptest = true,
        );
    }
}

/// The protocol files of libvirt 9.0.0 (`libvirt-client/proto/9.0.0/`), the
/// daemon version the live tests run against.
pub mod v9_0_0 {
    /// Message header and error (`virnetprotocol.x`).
    pub mod virnet {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/9.0.0/virnetprotocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
        );
    }
    /// Keepalive program (`virkeepaliveprotocol.x`).
    pub mod keepalive {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/9.0.0/virkeepaliveprotocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
        );
    }
    /// The main program (`remote_protocol.x`).
    pub mod remote {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/9.0.0/remote_protocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
        );
    }
    /// QEMU-specific calls (`qemu_protocol.x`).
    pub mod qemu {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/9.0.0/qemu_protocol.x",
            extern = { "../libvirt-client/proto/9.0.0/remote_protocol.x" => crate::v9_0_0::remote },
            api_xml = "../libvirt-client/api/libvirt-api.xml",
        );
    }
    /// LXC-specific calls (`lxc_protocol.x`).
    pub mod lxc {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/9.0.0/lxc_protocol.x",
            extern = { "../libvirt-client/proto/9.0.0/remote_protocol.x" => crate::v9_0_0::remote },
            api_xml = "../libvirt-client/api/libvirt-api.xml",
        );
    }
    /// Daemon administration (`admin_protocol.x`).
    pub mod admin {
        libvirt_proto_macro::include_protocol!(
            "../libvirt-client/proto/9.0.0/admin_protocol.x",
            api_xml = "../libvirt-client/api/libvirt-api.xml",
        );
    }
}

/// The golden expansions of the code generator's fixtures
/// (`libvirt-proto-macro/codegen/tests/fixtures/*.expanded.rs`), compiled
/// here so the checked-in snapshots stay valid Rust.
pub mod fixtures {
    /// `enum.x`
    pub mod enums {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/enum.expanded.rs");
    }
    /// `union_default.x`
    pub mod union_default {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/union_default.expanded.rs");
    }
    /// `optional.x`
    pub mod optional {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/optional.expanded.rs");
    }
    /// `arrays.x`
    pub mod arrays {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/arrays.expanded.rs");
    }
    /// `program.x`
    pub mod program {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/program.expanded.rs");
    }
    /// `rpc_program.x`
    pub mod rpc_program {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/rpc_program.expanded.rs");
    }
    /// `program.x` with `LOOKUP` and `DOWNLOAD` kept internal.
    pub mod program_internal {
        include!("../../libvirt-proto-macro/codegen/tests/fixtures/program_internal.expanded.rs");

        /// The internal traits are usable in this crate.
        fn _internal_traits_are_usable<T: DemoInternalCalls + DemoInternalBlockingCalls>(t: &T) {
            drop(DemoInternalCalls::lookup(t, "name"));
            let _ = DemoInternalBlockingCalls::download(t);
        }
    }
}
