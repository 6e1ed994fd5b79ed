//! The whole pipeline for one `include_protocol!`: load, parse, resolve the
//! files it uses, resolve, generate.

use crate::apixml::ApiConstants;
use crate::codegen;
use crate::diag::{Diag, Source};
use crate::ir::Module;
use crate::resolve::{self, Extern};
use crate::{parse, source};
use proc_macro2::TokenStream;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// Where the main `.x` text comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file, relative to the crate.
    File(String),
    /// Inline text (for tests and small examples), shown under `name`.
    Inline {
        /// The name shown in messages.
        name: String,
        /// The `.x` text.
        text: String,
    },
}

/// One protocol to compile.
#[derive(Debug, Clone)]
pub struct Request {
    /// The `.x` file.
    pub input: Input,
    /// Other `.x` files whose types it uses, with the Rust module path of
    /// their generated code.
    pub externs: Vec<(String, String)>,
    /// libvirt's API XML, for constants of the C headers.
    pub api_xml: Option<String>,
    /// Constants given explicitly; they win over the API XML.
    pub constants: Vec<(String, i128)>,
    /// Prefix to drop from names (derived from the file when `None`).
    pub prefix: Option<String>,
    /// Code generation options.
    pub codegen: codegen::Options,
}

impl Request {
    /// A request for one file with default options.
    pub fn file(path: impl Into<String>) -> Self {
        Self {
            input: Input::File(path.into()),
            externs: Vec::new(),
            api_xml: None,
            constants: Vec::new(),
            prefix: None,
            codegen: codegen::Options::default(),
        }
    }
}

/// The result of a successful expansion.
#[derive(Debug)]
pub struct Expansion {
    /// The generated items.
    pub tokens: TokenStream,
    /// Every file read, to be tracked for rebuilds.
    pub tracked: Vec<PathBuf>,
    /// The resolved protocol.
    pub module: Module,
}

/// Constants from the explicit list, then the API XML (read on first use).
struct Constants<'a> {
    base: &'a Path,
    explicit: &'a [(String, i128)],
    api_xml: Option<&'a str>,
    api: OnceCell<Result<(ApiConstants, PathBuf), Diag>>,
}

impl Constants<'_> {
    fn get(&self, name: &str) -> Option<i128> {
        if let Some((_, v)) = self.explicit.iter().find(|(n, _)| n == name) {
            return Some(*v);
        }
        let path = self.api_xml?;
        let loaded = self.api.get_or_init(|| {
            let file = source::load(self.base, path)?;
            let constants = ApiConstants::parse(&file.text)
                .map_err(|e| Diag::new(format!("cannot read constants from `{path}`: {e}")))?;
            Ok((constants, file.absolute))
        });
        loaded.as_ref().ok()?.0.get(name)
    }

    fn describe(&self) -> String {
        match self.api_xml {
            Some(p) => format!("in its extern files, among the explicit constants, or in `{p}`"),
            None => "in its extern files or among the explicit constants (no `api_xml` given)"
                .to_string(),
        }
    }
}

fn compile(
    source: &Source,
    prefix: Option<String>,
    externs: &[Extern],
    constants: &Constants<'_>,
) -> Result<Module, Vec<Diag>> {
    let spec = parse::parse(source)?;
    let mut lookup = |name: &str| constants.get(name);
    resolve::resolve(
        source,
        &spec,
        resolve::Options {
            prefix,
            externs,
            external_constant: &mut lookup,
            constant_sources: constants.describe(),
        },
    )
}

/// Runs the pipeline; `base` is the directory relative paths start from.
pub fn expand(request: &Request, base: &Path) -> Result<Expansion, Vec<Diag>> {
    let mut tracked = Vec::new();
    let constants = Constants {
        base,
        explicit: &request.constants,
        api_xml: request.api_xml.as_deref(),
        api: OnceCell::new(),
    };
    let mut externs = Vec::new();
    let mut diags = Vec::new();
    for (path, module_path) in &request.externs {
        match source::load(base, path) {
            Ok(file) => {
                tracked.push(file.absolute.clone());
                let src = Source::new(file.display, file.text);
                match compile(&src, None, &[], &constants) {
                    Ok(module) => externs.push(Extern {
                        module,
                        path: module_path.clone(),
                    }),
                    Err(d) => diags.extend(d),
                }
            }
            Err(d) => diags.push(d),
        }
    }
    let src = match &request.input {
        Input::File(path) => match source::load(base, path) {
            Ok(file) => {
                tracked.push(file.absolute.clone());
                Source::new(file.display, file.text)
            }
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        },
        Input::Inline { name, text } => Source::new(name.clone(), text.clone()),
    };
    let module = match compile(&src, request.prefix.clone(), &externs, &constants) {
        Ok(m) => m,
        Err(d) => {
            diags.extend(d);
            return Err(diags);
        }
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    match constants.api.into_inner() {
        Some(Ok((_, path))) => tracked.push(path),
        Some(Err(d)) => return Err(vec![d]),
        None => {}
    }
    let tokens = codegen::generate(&module, &externs, &request.codegen);
    Ok(Expansion {
        tokens,
        tracked,
        module,
    })
}
