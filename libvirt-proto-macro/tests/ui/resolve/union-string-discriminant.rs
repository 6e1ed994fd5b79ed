libvirt_proto_macro::include_protocol!(
    source = r#"
union demo_value switch (string kind<16>) {
case 1:
    int i;
};
"#
);

fn main() {}
