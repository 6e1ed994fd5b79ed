libvirt_proto_macro::include_protocol!("protocols/demo.x", client = "async", client = "blocking");

fn main() {}
