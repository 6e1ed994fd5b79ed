libvirt_proto_macro::include_protocol!(
    source = r#"
union demo_flag switch (bool set) {
case 1:
    int value;
case 2:
    void;
};
"#
);

fn main() {}
