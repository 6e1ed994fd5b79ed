libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_arm {
    int case;
};
"#
);

fn main() {}
