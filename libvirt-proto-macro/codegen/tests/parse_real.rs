#![allow(clippy::disallowed_methods)]
//! Every vendored and reference `.x` file parses.
use libvirt_proto_codegen::{diag::Source, parse::parse};

#[test]
fn real_files_parse() {
    for dir in [
        "../../libvirt-client/proto",
        "../../../shared/libvirt-protocol/9.0.0",
    ] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries {
            let path = e.unwrap().path();
            if path.extension().is_some_and(|x| x == "x") {
                let text = std::fs::read_to_string(&path).unwrap();
                let t = std::time::Instant::now();
                let spec =
                    parse(&Source::new(path.display().to_string(), text)).unwrap_or_else(|d| {
                        panic!(
                            "{}",
                            d.iter()
                                .map(|d| d.to_string())
                                .collect::<Vec<_>>()
                                .join("\n")
                        )
                    });
                eprintln!(
                    "{} {} defs in {:?}",
                    path.display(),
                    spec.definitions.len(),
                    t.elapsed()
                );
            }
        }
    }
}

#[test]
fn real_files_resolve() {
    use libvirt_proto_codegen::resolve::{resolve, Extern, Options};
    let load = |name: &str| {
        let path = format!("../../libvirt-client/proto/{name}");
        let src = Source::new(path.clone(), std::fs::read_to_string(&path).unwrap());
        let spec = parse(&src).unwrap();
        (src, spec)
    };
    let api = |name: &str| match name {
        "VIR_UUID_BUFLEN" => Some(16),
        "VIR_SECURITY_MODEL_BUFLEN" => Some(257),
        "VIR_SECURITY_LABEL_BUFLEN" => Some(4097),
        "VIR_SECURITY_DOI_BUFLEN" => Some(257),
        n if n.starts_with("VIR_TYPED_PARAM_") => Some(match &n[16..] {
            "INT" => 1,
            "UINT" => 2,
            "LLONG" => 3,
            "ULLONG" => 4,
            "DOUBLE" => 5,
            "BOOLEAN" => 6,
            _ => 7,
        }),
        _ => None,
    };
    let mut ext = Vec::new();
    for name in [
        "remote_protocol.x",
        "qemu_protocol.x",
        "lxc_protocol.x",
        "admin_protocol.x",
        "virkeepaliveprotocol.x",
        "virnetprotocol.x",
    ] {
        let (src, spec) = load(name);
        let mut f = api;
        let m = resolve(
            &src,
            &spec,
            Options {
                prefix: None,
                externs: &ext,
                external_constant: &mut f,
                constant_sources: String::new(),
            },
        )
        .unwrap_or_else(|d| {
            panic!(
                "{}",
                d.iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        eprintln!("{name}: {:?}", libvirt_proto_codegen::resolve::summary(&m));
        if name == "remote_protocol.x" {
            for t in &m.types {
                if let libvirt_proto_codegen::ir::TypeKind::Struct(f) = &t.kind {
                    if t.xdr_name.ends_with("_ret") && f.len() > 1 {
                        eprintln!(
                            "  {} insert={:?} fields={:?}",
                            t.xdr_name,
                            t.insert,
                            f.iter()
                                .map(|f| (f.xdr_name.clone(), f.insert))
                                .collect::<Vec<_>>()
                        );
                    }
                }
            }
            ext.push(Extern {
                module: m,
                path: "crate::remote".into(),
            });
        }
    }
}
