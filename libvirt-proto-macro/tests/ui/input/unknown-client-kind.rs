libvirt_proto_macro::include_protocol!("protocols/demo.x", client = "sometimes");

fn main() {}
