libvirt_proto_macro::include_protocol!("protocols/does_not_exist.x");

fn main() {}
