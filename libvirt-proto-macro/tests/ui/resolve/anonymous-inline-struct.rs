libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_outer {
    struct { int a; int b; } inner;
};
"#
);

fn main() {}
