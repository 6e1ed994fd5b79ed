libvirt_proto_macro::include_protocol!(
    source = r#"
enum demo_state {
    DEMO_STATE_OFF = 0,
    DEMO_STATE_ON = 1,
    DEMO_STATE_PAUSED = 1
};
"#
);

fn main() {}
