//! `include_protocol!` compiles one of libvirt's XDR/ONC-RPC protocol files
//! (`remote_protocol.x`, `qemu_protocol.x`, ...) into Rust at build time;
//! [`include_api!`] generates libvirt's typed API from its API description
//! (`libvirt-api.xml`) over such a protocol.
//!
//! ```ignore
//! pub mod remote {
//!     libvirt_proto_macro::include_protocol!(
//!         "proto/remote_protocol.x",
//!         api_xml = "api/libvirt-api.xml",
//!     );
//! }
//! pub mod qemu {
//!     libvirt_proto_macro::include_protocol!(
//!         "proto/qemu_protocol.x",
//!         extern = { "proto/remote_protocol.x" => crate::remote },
//!         api_xml = "api/libvirt-api.xml",
//!     );
//! }
//! ```
//!
//! # Arguments
//!
//! | argument | meaning | default |
//! |---|---|---|
//! | `"path.x"` (first) | the `.x` file, relative to the invoking crate's `Cargo.toml`; editing it rebuilds | — |
//! | `source = "..."` (instead of a path) | inline `.x` text, for tests and examples | — |
//! | `extern = { "other.x" => path::to::module, ... }` | files whose types this one uses, and where their generated code lives | none |
//! | `api_xml = "libvirt-api.xml"` | libvirt's API description, for constants of the C headers (`VIR_UUID_BUFLEN`, ...) | none |
//! | `constants = { NAME = 16, ... }` | constants given explicitly; they win over `api_xml` | none |
//! | `prefix = "remote"` | prefix dropped from generated names | from `<PREFIX>_PROGRAM` |
//! | `client = "both"` | call traits to generate: `"both"`, `"async"`, `"blocking"`, `"none"` | `"both"` |
//! | `internal = [CONNECT_OPEN, CONNECT_CLOSE]` | procedures kept out of the public call traits, named without `<PREFIX>_PROC_` (or whole); their methods go to the `pub(crate)` traits `<Stem>InternalCalls` and `<Stem>InternalBlockingCalls`, for the invoking crate's own use; a name that is no call of the file is an error | none |
//! | `crate = ::xdr_runtime` | path of the XDR runtime in generated code | `::xdr_runtime` |
//! | `proptest = true` | also implement `proptest::arbitrary::Arbitrary` for every type | `false` |
//!
//! # What is generated
//!
//! Constants, typedefs (as type aliases), structs, enums (tolerating
//! unknown values), unions (as Rust enums) with their `Encode`/`Decode`
//! impls; per program a procedure table (`PROCEDURES`), an `Event` enum of
//! its event messages, and the call traits `<Stem>Calls` (async) and
//! `<Stem>BlockingCalls`. Every item is documented from the `.x` file.
//!
//! Names drop the file's prefix (`remote_domain_get_info_args` is
//! `DomainGetInfoArgs`), except where that would give a name of Rust's
//! prelude (`String`, `Option`, ...) or of the runtime (`Error`,
//! `Procedure`): `remote_string` is `RemoteString`, the procedure enum
//! `remote_procedure` is `RemoteProcedure`. A glob import of a generated
//! module shadows nothing.
//!
//! # Errors
//!
//! A mistake in the `.x` file is a compile error naming the file, line and
//! column, with the source line; all errors of a file are reported at once.
//!
//! # Debugging the macro
//!
//! The expansion is produced by the `libvirt-proto-codegen` library; print
//! it formatted with
//!
//! ```text
//! cargo run -p libvirt-proto-codegen --features pretty --bin xdr-expand -- FILE.x [--api-xml API.xml] [--extern OTHER.x=path] [--manifest]
//! ```
//!
//! With `LIBVIRT_PROTO_TIMINGS=1` in the environment of the build, every
//! expansion prints how long it took and how much code it produced (touch
//! the invoking file to make cargo expand it again).

mod api_input;
mod input;

use proc_macro::TokenStream;
use quote::quote;

/// Compiles a libvirt `.x` protocol file into Rust items; see the crate
/// documentation for the arguments.
#[proc_macro]
pub fn include_protocol(tokens: TokenStream) -> TokenStream {
    let input = match input::parse(tokens.into()) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error().into(),
    };
    let base = libvirt_proto_codegen::source::manifest_dir();
    let started = std::time::Instant::now();
    // The expansion is large (about 300,000 tokens for remote_protocol.x).
    // Building it token by token through the compiler's bridge costs several
    // times more than building it in proc-macro2's own representation and
    // handing the compiler the text once, so generate in fallback mode.
    proc_macro2::fallback::force();
    let result = libvirt_proto_codegen::expand::expand(&input.request, &base)
        .map(|expansion| (expansion.tokens.to_string(), expansion.tracked));
    proc_macro2::fallback::unforce();
    match result {
        Ok((text, tracked)) => {
            let generated: proc_macro2::TokenStream = match text.parse() {
                Ok(tokens) => tokens,
                Err(e) => {
                    let message =
                        format!("include_protocol! generated code that does not lex: {e}");
                    return syn::Error::new(input.span, message)
                        .to_compile_error()
                        .into();
                }
            };
            if libvirt_proto_codegen::source::report_timings() {
                eprintln!(
                    "include_protocol!({}): {:.1} ms, {} bytes of code",
                    input.request.input_name(),
                    started.elapsed().as_secs_f64() * 1000.0,
                    text.len()
                );
            }
            let tracked = tracked.iter().map(|p| p.display().to_string());
            quote! {
                #(const _: &[u8] = ::core::include_bytes!(#tracked);)*
                #generated
            }
            .into()
        }
        Err(diags) => {
            let errors = diags.iter().map(|d| {
                syn::Error::new(input.span_for(d.argument), d.to_string()).to_compile_error()
            });
            quote!(#(#errors)*).into()
        }
    }
}

/// Generates libvirt's typed API from its API description
/// (`libvirt-api.xml`): every enum group as an enum or bit-flag type, every
/// constant under its C name (module `consts`), the typed-parameter
/// structs, and the methods of the object handles over the raw protocol.
///
/// ```ignore
/// libvirt_proto_macro::include_api!(
///     "api/libvirt-api.xml",
///     protocol = "proto/remote_protocol.x",
///     raw = crate::proto::remote,
///     api = crate::api,
///     coverage = "api/coverage.txt",
/// );
/// ```
///
/// | argument | meaning |
/// |---|---|
/// | `"api.xml"` (first) | libvirt's API description, relative to the crate's `Cargo.toml` |
/// | `protocol = "x.x"` | the protocol file whose procedures the methods call |
/// | `raw = path` | where that protocol's generated code lives |
/// | `api = path` | the module holding the hand-written handle types the methods are added to (see `libvirt_proto_codegen::api::methods`) |
/// | `coverage = "file"` | functions written by hand (`manual`) or left out (`excluded`), with a reason each; any other function that cannot be generated is a compile error naming it |
///
/// Print the expansion with `xdr-expand --api`.
#[proc_macro]
pub fn include_api(tokens: TokenStream) -> TokenStream {
    let input = match api_input::parse(tokens.into()) {
        Ok(input) => input,
        Err(err) => return err.to_compile_error().into(),
    };
    let base = libvirt_proto_codegen::source::manifest_dir();
    proc_macro2::fallback::force();
    let result = libvirt_proto_codegen::api::expand_api(&input.request, &base)
        .map(|expansion| (expansion.tokens.to_string(), expansion.tracked));
    proc_macro2::fallback::unforce();
    match result {
        Ok((text, tracked)) => {
            let generated: proc_macro2::TokenStream = match text.parse() {
                Ok(tokens) => tokens,
                Err(e) => {
                    let message = format!("include_api! generated code that does not lex: {e}");
                    return syn::Error::new(input.span, message)
                        .to_compile_error()
                        .into();
                }
            };
            let tracked = tracked.iter().map(|p| p.display().to_string());
            quote! {
                #(const _: &[u8] = ::core::include_bytes!(#tracked);)*
                #generated
            }
            .into()
        }
        Err(diags) => {
            let errors = diags
                .iter()
                .map(|d| syn::Error::new(input.span, d.to_string()).to_compile_error());
            quote!(#(#errors)*).into()
        }
    }
}
