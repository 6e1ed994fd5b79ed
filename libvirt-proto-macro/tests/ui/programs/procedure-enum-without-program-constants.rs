libvirt_proto_macro::include_protocol!(
    source = r#"
struct demo_connect_get_version_ret {
    unsigned hyper hv_ver;
};

enum demo_procedure {
    DEMO_PROC_CONNECT_GET_VERSION = 1
};
"#
);

fn main() {}
