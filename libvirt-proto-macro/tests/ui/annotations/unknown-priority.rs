libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

enum demo_procedure {
    /**
     * @generate: both
     * @priority: urgent
     */
    DEMO_PROC_CONNECT_OPEN = 1
};
"#
);

fn main() {}
