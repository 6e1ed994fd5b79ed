//! Prints what `include_protocol!` generates for a `.x` file, formatted, or
//! its procedure manifest.
//!
//! ```text
//! xdr-expand FILE.x [--api-xml API.xml] [--extern OTHER.x=rust::path]... [--constant NAME=VALUE]...
//!            [--prefix P] [--internal PROCEDURE]... [--manifest] [--time]
//! ```
//!
//! Paths are relative to the current directory.

use libvirt_proto_codegen::expand::{expand, Request};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!(
        "usage: xdr-expand FILE.x [--api-xml API.xml] [--extern OTHER.x=rust::path]... \
         [--constant NAME=VALUE]... [--prefix P] [--internal PROCEDURE]... [--manifest] [--time]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut request: Option<Request> = None;
    let (mut api_xml, mut externs, mut constants, mut prefix) =
        (None, Vec::new(), Vec::new(), None);
    let (mut manifest, mut time) = (false, false);
    let mut internal = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--api-xml" => api_xml = args.next(),
            "--prefix" => prefix = args.next(),
            "--internal" => match args.next() {
                Some(name) => internal.push(name),
                None => return usage(),
            },
            "--manifest" => manifest = true,
            "--time" => time = true,
            "--extern" => match args.next().as_deref().and_then(|v| v.split_once('=')) {
                Some((file, path)) => externs.push((file.to_string(), path.to_string())),
                None => return usage(),
            },
            "--constant" => match args.next().as_deref().and_then(|v| v.split_once('=')) {
                Some((name, value)) => match value.parse() {
                    Ok(v) => constants.push((name.to_string(), v)),
                    Err(_) => return usage(),
                },
                None => return usage(),
            },
            file if !file.starts_with('-') && request.is_none() => {
                request = Some(Request::file(file))
            }
            _ => return usage(),
        }
    }
    let Some(mut request) = request else {
        return usage();
    };
    request.api_xml = api_xml;
    request.externs = externs;
    request.constants = constants;
    request.prefix = prefix;
    request.codegen.internal = internal;
    let start = std::time::Instant::now();
    let expansion = match expand(&request, std::path::Path::new(".")) {
        Ok(e) => e,
        Err(diags) => {
            for d in diags {
                eprintln!("error: {d}\n");
            }
            return ExitCode::FAILURE;
        }
    };
    let elapsed = start.elapsed();
    if time {
        eprintln!("expanded in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    }
    if manifest {
        print!(
            "{}",
            libvirt_proto_codegen::manifest::manifest(&expansion.module)
        );
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
