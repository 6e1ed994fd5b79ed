libvirt_proto_macro::include_protocol!(
    source = r#"
program DEMO_PROG {
    version DEMO_VERS {
        void DEMO_NULL(void) = 0;
        int DEMO_GET(int) = 1;
        int DEMO_PUT(int) = 1;
    } = 1;
} = 0x20000001;
"#
);

fn main() {}
