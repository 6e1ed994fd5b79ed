libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_pair { int a; };
struct demo_pair { int b; };
"#
);

fn main() {}
