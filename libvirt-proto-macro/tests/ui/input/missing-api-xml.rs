libvirt_proto_macro::include_protocol!(
    source = "typedef opaque demo_uuid[VIR_UUID_BUFLEN];",
    api_xml = "protocols/libvirt-api.xml",
);

fn main() {}
