//! The protocol compiler behind `include_protocol!`: libvirt's XDR/ONC-RPC
//! `.x` files in, Rust out.
//!
//! The pipeline has one module per stage:
//!
//! 1. [`source`] reads the files (the only module touching the file system);
//! 2. [`parse`] runs the pest grammar `xdr.pest` and builds the [`ast`];
//! 3. [`resolve`] looks up every name and constant (with [`apixml`] for
//!    libvirt's C header constants) and builds the [`ir`];
//! 4. [`codegen`] turns the IR into tokens;
//! 5. [`diag`] renders errors that point into the `.x` file.
//!
//! [`expand::expand`] runs them all. The same library serves the
//! `xdr-expand` command, which prints an expansion or the procedure
//! [`manifest`](manifest::manifest):
//!
//! ```text
//! cargo run -p libvirt-proto-codegen --features pretty --bin xdr-expand -- \
//!     libvirt-client/proto/remote_protocol.x --api-xml libvirt-client/api/libvirt-api.xml
//! ```
//!
//! ```
//! use libvirt_proto_codegen::expand::{expand, Input, Request};
//!
//! let mut request = Request::file("inline");
//! request.input = Input::Inline {
//!     name: "demo.x".into(),
//!     text: "const DEMO_MAX = 8; struct demo_pair { int a; string b<DEMO_MAX>; };".into(),
//! };
//! let expansion = expand(&request, std::path::Path::new(".")).unwrap();
//! assert_eq!(expansion.module.types[0].rust_name, "DemoPair");
//! ```

pub mod annotations;
pub mod api;
pub mod apixml;
pub mod ast;
pub mod codegen;
pub mod diag;
pub mod expand;
pub mod ir;
pub mod manifest;
pub mod naming;
pub mod parse;
pub mod resolve;
pub mod source;
