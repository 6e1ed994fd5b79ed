libvirt_proto_macro::include_protocol!();

fn main() {}
