libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_float {
    quadruple q;
};
"#
);

fn main() {}
