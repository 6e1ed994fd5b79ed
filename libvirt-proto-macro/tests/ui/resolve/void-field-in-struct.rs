libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_pair { int a; void; };
"#
);

fn main() {}
