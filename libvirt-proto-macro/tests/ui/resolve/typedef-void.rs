libvirt_proto_macro::include_protocol!(
    source = r#"
typedef void;
"#
);

fn main() {}
