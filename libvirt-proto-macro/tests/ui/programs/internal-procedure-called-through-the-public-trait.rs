// `internal` procedures are not methods of the public call traits.

mod demo {
    libvirt_proto_macro::include_protocol!(
        source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;

enum demo_procedure {
    DEMO_PROC_CONNECT_CLOSE = 1,
    DEMO_PROC_CONNECT_GET_VERSION = 2
};
"#,
        internal = [CONNECT_CLOSE],
    );
}

use demo::DemoBlockingCalls;

fn close<T: DemoBlockingCalls>(transport: &T) {
    let _ = transport.connect_get_version();
    let _ = transport.connect_close();
}

fn main() {}
