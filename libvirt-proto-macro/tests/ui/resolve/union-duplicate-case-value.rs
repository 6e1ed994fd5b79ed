libvirt_proto_macro::include_protocol!(
    source = r#"
union demo_value switch (int kind) {
case 1:
    int i;
case 2:
    hyper h;
case 1:
    double d;
};
"#
);

fn main() {}
