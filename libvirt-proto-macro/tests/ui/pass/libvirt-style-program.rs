// A libvirt-style program: `<P>_PROGRAM` and `<P>_PROTOCOL_VERSION`, an
// `enum <p>_procedure` with annotated members and the `_args`/`_ret`
// structs they pair with by name.

mod demo {
    libvirt_proto_macro::include_protocol!(
        source = r#"
const DEMO_PROGRAM = 0x20008086;
const DEMO_PROTOCOL_VERSION = 1;
const DEMO_STRING_MAX = 4096;

typedef string demo_nonnull_string<DEMO_STRING_MAX>;

struct demo_connect_open_args {
    demo_nonnull_string name;
    unsigned int flags;
};

struct demo_connect_get_version_ret {
    unsigned hyper hv_ver;
};

struct demo_domain_lookup_by_id_args {
    int id;
};

struct demo_domain_lookup_by_id_ret {
    demo_nonnull_string name;
};

enum demo_procedure {
    /**
     * @generate: none
     * @priority: high
     * @acl: connect:getattr
     */
    DEMO_PROC_CONNECT_OPEN = 1,

    /**
     * @generate: both
     * @priority: high
     */
    DEMO_PROC_CONNECT_GET_VERSION = 2,

    /**
     * @generate: both
     * @acl: domain:getattr
     */
    DEMO_PROC_DOMAIN_LOOKUP_BY_ID = 3
};
"#
    );
}

fn main() {
    assert_eq!(demo::PROCEDURES.len(), 3);
    let open = demo::procedure(1).unwrap();
    assert_eq!(open.name, "DEMO_PROC_CONNECT_OPEN");
    assert_eq!(open.program, 0x2000_8086);
    assert_eq!(open.version, 1);
    assert_eq!(open.args, Some("demo_connect_open_args"));
    assert_eq!(open.ret, None);
    let version = demo::procedure(2).unwrap();
    assert_eq!(version.args, None);
    assert_eq!(version.ret, Some("demo_connect_get_version_ret"));
    assert!(demo::procedure(4).is_none());

    let args = demo::DomainLookupByIdArgs { id: 7 };
    let bytes = xdr_runtime::to_vec(&args).unwrap();
    assert_eq!(bytes, [0, 0, 0, 7]);
}
