libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_node {
    int value;
    demo_node next;
};
"#
);

fn main() {}
