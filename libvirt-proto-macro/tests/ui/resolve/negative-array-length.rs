libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo {
    int values[-1];
};
"#
);

fn main() {}
