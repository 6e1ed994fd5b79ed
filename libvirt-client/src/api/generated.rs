//! The part of the typed API generated from libvirt's API description:
//! enums and flags, constants, typed-parameter structs and the methods of
//! the handles. Print it with `xdr-expand --api`.

libvirt_proto_macro::include_api!(
    "api/libvirt-api.xml",
    protocol = "proto/remote_protocol.x",
    raw = crate::proto::remote,
    api = crate::api,
    coverage = "api/coverage.txt",
);
