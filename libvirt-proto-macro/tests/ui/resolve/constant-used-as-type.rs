libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_MAX = 16;
struct demo {
    DEMO_MAX count;
};
"#
);

fn main() {}
