libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_a {
    demo_missing m;
};

struct demo_b {
    opaque data[DEMO_NOWHERE];
};

enum demo_c {
    DEMO_C_X = 1,
    DEMO_C_Y = 1
};
"#
);

fn main() {}
