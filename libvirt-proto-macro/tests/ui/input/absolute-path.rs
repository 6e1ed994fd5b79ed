libvirt_proto_macro::include_protocol!("/usr/share/libvirt/remote_protocol.x");

fn main() {}
