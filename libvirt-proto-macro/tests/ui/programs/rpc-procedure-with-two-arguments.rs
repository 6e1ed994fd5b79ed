libvirt_proto_macro::include_protocol!(
    source = r#"
program DEMO_PROG {
    version DEMO_VERS {
        int DEMO_ADD(int, int) = 1;
    } = 1;
} = 0x20000001;
"#
);

fn main() {}
