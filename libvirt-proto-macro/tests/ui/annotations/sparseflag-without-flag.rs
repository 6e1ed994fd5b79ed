libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

enum demo_procedure {
    /**
     * @writestream: 1
     * @sparseflag:
     */
    DEMO_PROC_CONNECT_OPEN = 1
};
"#
);

fn main() {}
