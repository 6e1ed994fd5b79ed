libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_MAX = 16; /* the largest
struct demo { int a; };
"#
);

fn main() {}
