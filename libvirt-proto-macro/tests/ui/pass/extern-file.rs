// Two protocol files read through the `protocols/` link, one using the
// types of the other.

mod base {
    libvirt_proto_macro::include_protocol!("protocols/base.x");
}

mod uses {
    libvirt_proto_macro::include_protocol!(
        "protocols/uses_base.x",
        extern = { "protocols/base.x" => crate::base },
    );
}

fn main() {
    let list = uses::UsesDomainList {
        domains: vec![base::BaseDomain {
            uuid: [1; 16],
            name: "demo".to_string(),
        }],
    };
    let bytes = xdr_runtime::to_vec(&list).unwrap();
    let back: uses::UsesDomainList = xdr_runtime::from_bytes(&bytes).unwrap();
    assert_eq!(back, list);
}
