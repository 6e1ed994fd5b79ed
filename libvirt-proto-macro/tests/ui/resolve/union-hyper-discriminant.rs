libvirt_proto_macro::include_protocol!(
    source = r#"
union demo_value switch (hyper kind) {
case 1:
    int i;
};
"#
);

fn main() {}
