libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

struct demo_domain_event_reboot_msg {
    int id;
};

enum demo_procedure {
    DEMO_PROC_CONNECT_CLOSE = 1,
    DEMO_PROC_DOMAIN_EVENT_REBOOT = 2
};
"#,
    internal = [DOMAIN_EVENT_REBOOT],
);

fn main() {}
