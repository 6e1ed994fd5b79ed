libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_domain {
    demo_uuid uuid;
};
"#
);

fn main() {}
