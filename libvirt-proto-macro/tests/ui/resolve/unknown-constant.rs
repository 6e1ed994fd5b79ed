libvirt_proto_macro::include_protocol!(
    source = r#"
typedef opaque demo_uuid[VIR_UUID_BUFLEN];
"#
);

fn main() {}
