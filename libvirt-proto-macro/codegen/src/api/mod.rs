//! The typed API generated from libvirt's API description
//! (`libvirt-api.xml`): the work behind `include_api!`.
//!
//! [`model`] reads the XML; one emitter per kind of item turns it into
//! Rust: [`enums`] (enums and bit flags), [`consts`] (every constant under
//! its C name), [`params`] (typed-parameter structs) and [`methods`] (the
//! methods of the object handles, over the raw protocol compiled from
//! `remote_protocol.x`). [`coverage`] reads the list of functions written
//! by hand or left out, which the generator must skip.

pub mod consts;
pub mod coverage;
pub mod enums;
pub mod methods;
pub mod model;
pub mod params;

use crate::diag::Diag;
use crate::expand::{self, Request};
use crate::source;
use proc_macro2::TokenStream;
use quote::quote;
use std::path::{Path, PathBuf};

/// One `include_api!`.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    /// The API XML, relative to the invoking crate.
    pub api_xml: String,
    /// The protocol file the methods call (`remote_protocol.x`).
    pub protocol: String,
    /// The Rust path of that protocol's generated module
    /// (`crate::proto::remote`), as source text.
    pub raw: String,
    /// The Rust path of the module the expansion is placed in and whose
    /// hand-written items (handles, `TypedParams`, ...) it uses
    /// (`crate::api`), as source text.
    pub api: String,
    /// The coverage file: functions written by hand or left out.
    pub coverage: Option<String>,
}

/// What `include_api!` produces.
#[derive(Debug)]
pub struct ApiExpansion {
    /// The generated items.
    pub tokens: TokenStream,
    /// Every file read, to be tracked for rebuilds.
    pub tracked: Vec<PathBuf>,
    /// The C functions that got a generated method, with the object
    /// (`Domain`, `Connect`, ...) and method name.
    pub generated: Vec<methods::Generated>,
}

/// Runs the whole pipeline.
pub fn expand_api(request: &ApiRequest, base: &Path) -> Result<ApiExpansion, Vec<Diag>> {
    let mut tracked = Vec::new();
    let xml = source::load(base, &request.api_xml).map_err(|d| vec![d])?;
    tracked.push(xml.absolute.clone());
    let api = model::Api::parse(&xml.text)
        .map_err(|e| vec![Diag::new(format!("cannot read `{}`: {e}", request.api_xml))])?;
    let coverage = match &request.coverage {
        Some(path) => {
            let file = source::load(base, path).map_err(|d| vec![d])?;
            tracked.push(file.absolute.clone());
            coverage::Coverage::parse(&file.display, &file.text, &api)?
        }
        None => coverage::Coverage::default(),
    };
    let mut protocol = Request::file(request.protocol.clone());
    protocol.api_xml = Some(request.api_xml.clone());
    let raw = expand::expand(&protocol, base)?;
    tracked.extend(raw.tracked);
    let path = |text: &str| -> Result<TokenStream, Vec<Diag>> {
        text.parse()
            .map_err(|_| vec![Diag::new(format!("`{text}` is not a Rust path"))])
    };
    let api_path = path(&request.api)?;
    let raw_path = path(&request.raw)?;
    let enums = enums::emit(&api);
    let consts = consts::emit(&api);
    let params = params::emit(&api, &api_path)?;
    let (methods, generated) = methods::emit(&api, &raw.module, &coverage, &api_path, &raw_path)?;
    let tokens = quote! {
        #enums
        /// Every constant of libvirt's API under its C name, for code
        /// ported from C or Go.
        pub mod consts {
            #consts
        }
        #params
        #methods
    };
    Ok(ApiExpansion {
        tokens,
        tracked,
        generated,
    })
}
