libvirt_proto_macro::include_protocol!(
    "protocols/uses_base.x",
    extern = { "protocols/base_broken.x" => crate::base },
);

fn main() {}
