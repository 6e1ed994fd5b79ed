libvirt_proto_macro::include_protocol!(file = "protocols/demo.x");

fn main() {}
