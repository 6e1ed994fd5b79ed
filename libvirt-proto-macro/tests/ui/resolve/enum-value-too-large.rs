libvirt_proto_macro::include_protocol!(
    source = r#"
enum demo_big {
    DEMO_BIG_ONE = 1,
    DEMO_BIG_HUGE = 0x80000000
};
"#
);

fn main() {}
