libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_MAX = 16;
typdef int demo_id;
"#
);

fn main() {}
