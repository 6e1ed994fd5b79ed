//! The whole pipeline for one `include_protocol!`: load, parse, resolve the
//! files it uses, resolve, generate.

use crate::apixml::ApiConstants;
use crate::codegen;
use crate::diag::{Argument, Diag, Source};
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
    /// The main file's name, as shown in messages.
    pub fn input_name(&self) -> &str {
        match &self.input {
            Input::File(path) => path,
            Input::Inline { name, .. } => name,
        }
    }

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

/// Constants from the explicit list, then the API XML (read up front,
/// parsed on first use: most files never need it).
struct Constants<'a> {
    explicit: &'a [(String, i128)],
    api_xml: Option<(&'a str, String)>,
    api: OnceCell<Result<ApiConstants, String>>,
}

impl Constants<'_> {
    fn get(&self, name: &str) -> Option<i128> {
        if let Some((_, v)) = self.explicit.iter().find(|(n, _)| n == name) {
            return Some(*v);
        }
        let (_, text) = self.api_xml.as_ref()?;
        self.api
            .get_or_init(|| ApiConstants::parse(text))
            .as_ref()
            .ok()?
            .get(name)
    }

    fn describe(&self) -> String {
        match &self.api_xml {
            Some((p, _)) => {
                format!("in its extern files, among the explicit constants, or in `{p}`")
            }
            None => "in its extern files or among the explicit constants (no `api_xml` given)"
                .to_string(),
        }
    }

    /// The error met while parsing the API XML, if it was parsed and failed.
    fn api_error(&self) -> Option<Diag> {
        let (path, _) = self.api_xml.as_ref()?;
        match self.api.get()? {
            Err(e) => Some(
                Diag::new(format!("cannot read constants from `{path}`: {e}"))
                    .for_argument(Argument::ApiXml),
            ),
            Ok(_) => None,
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

/// An error for every `internal` name that is no callable procedure of
/// the module.
fn internal_errors(module: &Module, internal: &[String]) -> Vec<Diag> {
    let mut diags = Vec::new();
    for (index, name) in internal.iter().enumerate() {
        let named = module.programs.iter().flat_map(|program| {
            program
                .procedures
                .iter()
                .filter(move |p| codegen::client::is_named(program, p, name))
        });
        let (mut calls, mut events) = (0, 0);
        for p in named {
            if p.msg.is_some() {
                events += 1;
            } else {
                calls += 1;
            }
        }
        let message = match (calls, events) {
            (0, 0) => format!("unknown procedure `{name}` in `internal`"),
            (0, _) => format!(
                "`{name}` in `internal` is an event message: it has no call method to keep internal"
            ),
            _ => continue,
        };
        let mut diag = Diag::new(message).for_argument(Argument::Internal(index));
        let example = module.programs.iter().find_map(|program| {
            let p = program.procedures.iter().find(|p| p.msg.is_none())?;
            let short = p
                .xdr_name
                .strip_prefix(program.xdr_name.strip_suffix("_PROGRAM")?)
                .and_then(|rest| rest.strip_prefix("_PROC_"))
                .filter(|_| p.variant.is_some())
                .unwrap_or(&p.xdr_name);
            Some((short.to_string(), p.xdr_name.clone()))
        });
        diag = match example {
            Some((short, full)) if short != full => diag.help(format!(
                "name a call of this file without its `_PROC_` prefix: `{short}` for `{full}`"
            )),
            Some((short, _)) => diag.help(format!("name a call of this file, e.g. `{short}`")),
            None => diag.help("this file defines no procedure to call"),
        };
        diags.push(diag);
    }
    diags
}

/// Runs the pipeline; `base` is the directory relative paths start from.
pub fn expand(request: &Request, base: &Path) -> Result<Expansion, Vec<Diag>> {
    let mut tracked = Vec::new();
    let api_xml = match &request.api_xml {
        None => None,
        Some(path) => match source::load(base, path) {
            Ok(file) => {
                tracked.push(file.absolute);
                Some((path.as_str(), file.text))
            }
            Err(d) => return Err(vec![d.for_argument(Argument::ApiXml)]),
        },
    };
    let constants = Constants {
        explicit: &request.constants,
        api_xml,
        api: OnceCell::new(),
    };
    let mut externs = Vec::new();
    let mut diags = Vec::new();
    for (index, (path, module_path)) in request.externs.iter().enumerate() {
        let argument = Argument::Extern(index);
        match source::load(base, path) {
            Ok(file) => {
                tracked.push(file.absolute.clone());
                let src = Source::new(file.display, file.text);
                match compile(&src, None, &[], &constants) {
                    Ok(module) => externs.push(Extern {
                        module,
                        path: module_path.clone(),
                    }),
                    Err(d) => diags.extend(d.into_iter().map(|d| d.for_argument(argument))),
                }
            }
            Err(d) => diags.push(d.for_argument(argument)),
        }
    }
    // A file whose extern files failed would only report follow-on errors.
    if !diags.is_empty() {
        diags.extend(constants.api_error());
        return Err(diags);
    }
    let src = match &request.input {
        Input::File(path) => {
            let file = source::load(base, path).map_err(|d| vec![d])?;
            tracked.push(file.absolute.clone());
            Source::new(file.display, file.text)
        }
        Input::Inline { name, text } => Source::new(name.clone(), text.clone()),
    };
    let result = compile(&src, request.prefix.clone(), &externs, &constants);
    if let Some(d) = constants.api_error() {
        let mut all = vec![d];
        all.extend(result.err().unwrap_or_default());
        return Err(all);
    }
    let module = result?;
    let unknown = internal_errors(&module, &request.codegen.internal);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    let tokens = codegen::generate(&module, &externs, &request.codegen);
    Ok(Expansion {
        tokens,
        tracked,
        module,
    })
}
