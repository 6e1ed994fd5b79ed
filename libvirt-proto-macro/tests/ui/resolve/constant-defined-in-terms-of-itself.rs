libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_A = DEMO_B;
const DEMO_B = DEMO_A;
"#
);

fn main() {}
