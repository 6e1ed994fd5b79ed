libvirt_proto_macro::include_protocol!(
    source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

struct demo_connect_get_version_ret {
    unsigned hyper hv_ver;
};

struct demo_connect_get_hostname_ret {
    string hostname<>;
};

enum demo_procedure {
    DEMO_PROC_CONNECT_GET_VERSION = 1
};
"#
);

fn main() {}
