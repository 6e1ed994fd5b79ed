libvirt_proto_macro::include_protocol!("protocols/demo.x", prefix = "demo", strict = true);

fn main() {}
