//! Prints what `include_api!` generates, formatted, or the mapping of C
//! functions to generated methods.
//!
//! ```text
//! api-expand API.xml PROTOCOL.x [--coverage FILE] [--raw PATH] [--api PATH] [--mapping]
//! ```
//!
//! Paths are relative to the current directory; `--raw` and `--api` are
//! the Rust paths the expansion names (`crate::proto::remote`,
//! `crate::api` by default).

use libvirt_proto_codegen::api::{expand_api, ApiRequest};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: api-expand API.xml PROTOCOL.x [--coverage FILE] [--raw PATH] [--api PATH] [--mapping]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let mut request = ApiRequest {
        api_xml: String::new(),
        protocol: String::new(),
        raw: "crate::proto::remote".into(),
        api: "crate::api".into(),
        coverage: None,
    };
    let mut mapping = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--coverage" => request.coverage = args.next(),
            "--raw" => match args.next() {
                Some(p) => request.raw = p,
                None => return usage(),
            },
            "--api" => match args.next() {
                Some(p) => request.api = p,
                None => return usage(),
            },
            "--mapping" => mapping = true,
            file if !file.starts_with('-') => files.push(file.to_string()),
            _ => return usage(),
        }
    }
    let [xml, protocol] = <[String; 2]>::try_from(files)
        .map_err(|_| ())
        .unwrap_or_default();
    if xml.is_empty() {
        return usage();
    }
    request.api_xml = xml;
    request.protocol = protocol;
    let expansion = match expand_api(&request, std::path::Path::new(".")) {
        Ok(e) => e,
        Err(diags) => {
            for d in diags {
                eprintln!("error: {d}\n");
            }
            return ExitCode::FAILURE;
        }
    };
    if mapping {
        for g in &expansion.generated {
            println!("{} {}::{}", g.function, g.object, g.method);
        }
        return ExitCode::SUCCESS;
    }
    match syn::parse2::<syn::File>(expansion.tokens) {
        Ok(file) => {
            print!("{}", prettyplease::unparse(&file));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: the expansion does not parse as Rust: {e}");
            ExitCode::FAILURE
        }
    }
}
