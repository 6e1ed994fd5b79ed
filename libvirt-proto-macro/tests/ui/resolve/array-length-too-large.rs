libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo {
    opaque data<0x100000000>;
};
"#
);

fn main() {}
