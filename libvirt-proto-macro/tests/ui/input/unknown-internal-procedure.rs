libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

struct demo_connect_open_args {
    unsigned int flags;
};

enum demo_procedure {
    DEMO_PROC_CONNECT_OPEN = 1,
    DEMO_PROC_CONNECT_CLOSE = 2
};
"#,
    internal = [CONNECT_OPEN, CONNECT_SHUTDOWN],
);

fn main() {}
