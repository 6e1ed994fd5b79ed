libvirt_proto_macro::include_protocol!("protocols/syntax_error.x");

fn main() {}
