libvirt_proto_macro::include_protocol!(
    source = r#"
union demo_value switch (int kind) {
case 1:
    int i;
default:
    void;
default:
    hyper h;
};
"#
);

fn main() {}
