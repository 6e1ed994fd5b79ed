libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_SMALL = 0xFFFFFFFFFFFFFFFF;
const DEMO_HUGE = 0x10000000000000000;
"#
);

fn main() {}
