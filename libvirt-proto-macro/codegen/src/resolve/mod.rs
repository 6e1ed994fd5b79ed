//! [`crate::ast`] → [`crate::ir`]: names looked up, constants
//! evaluated, programs and procedures assembled, Rust names chosen.
//!
//! Every problem found is recorded and resolution carries on, so that one
//! build reports all the errors of a file.

use crate::ast::{self, DefKind, Definition, Span, Specification, Value};
use crate::diag::{Diag, Diagnostics, Source};
use crate::ir::*;
use crate::naming;
use std::collections::{HashMap, HashSet};

mod programs;
mod recursion;
mod types;

/// A file whose types this one uses, already resolved, and the Rust path of
/// the module its code lives in.
#[derive(Debug, Clone)]
pub struct Extern {
    /// The other file, resolved.
    pub module: Module,
    /// Where its generated code is (`crate::proto::remote`).
    pub path: String,
}

/// How to resolve one file.
pub struct Options<'a> {
    /// Prefix to drop from names; derived from `<PREFIX>_PROGRAM` when `None`.
    pub prefix: Option<String>,
    /// Files whose types and constants this one may use.
    pub externs: &'a [Extern],
    /// Values for constants the file does not define (libvirt's C headers).
    pub external_constant: &'a mut dyn FnMut(&str) -> Option<i128>,
    /// Sentence naming where external constants are looked up, for the
    /// "unknown constant" help.
    pub constant_sources: String,
}

impl std::fmt::Debug for Options<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Resolves a parsed file.
pub fn resolve(
    source: &Source,
    spec: &Specification,
    options: Options<'_>,
) -> Result<Module, Vec<Diag>> {
    let prefix = options
        .prefix
        .clone()
        .unwrap_or_else(|| derive_prefix(spec));
    let mut r = Resolver {
        source,
        spec,
        prefix,
        options,
        diags: Diagnostics::new(),
        defs: HashMap::new(),
        consts: HashMap::new(),
        const_values: HashMap::new(),
        in_progress: HashSet::new(),
        reported_unknown: HashSet::new(),
        typedef_targets: HashMap::new(),
        duplicates: HashSet::new(),
    };
    r.index();
    let module = r.module();
    r.diags.finish(module)
}

/// `remote` from `const REMOTE_PROGRAM = ...;` or `enum remote_procedure`.
fn derive_prefix(spec: &Specification) -> String {
    for def in &spec.definitions {
        if let DefKind::Const(_) = def.kind {
            if let Some(p) = def.name.name.strip_suffix("_PROGRAM") {
                return p.to_ascii_lowercase();
            }
        }
    }
    for def in &spec.definitions {
        if let (DefKind::Enum(_), Some(p)) = (&def.kind, def.name.name.strip_suffix("_procedure")) {
            return p.to_string();
        }
    }
    String::new()
}

/// A constant definition site: a `const` or an enum member.
#[derive(Clone, Copy)]
enum ConstSite<'s> {
    Const(&'s Definition),
    Member(&'s ast::EnumMember),
}

struct Resolver<'s, 'o> {
    source: &'s Source,
    spec: &'s Specification,
    prefix: String,
    options: Options<'o>,
    diags: Diagnostics,
    /// Local type definitions by XDR name.
    defs: HashMap<&'s str, &'s Definition>,
    /// Local constants and enum members by name.
    consts: HashMap<&'s str, ConstSite<'s>>,
    const_values: HashMap<String, Option<i128>>,
    in_progress: HashSet<String>,
    reported_unknown: HashSet<(String, usize)>,
    typedef_targets: HashMap<String, Option<Ty>>,
    /// Definitions that repeat an earlier name (reported once, then skipped).
    duplicates: HashSet<usize>,
}

fn clean_comment(text: &str, drop_annotations: bool) -> Option<String> {
    let body = text.trim();
    let body = body
        .strip_prefix("/**")
        .or_else(|| body.strip_prefix("/*"))
        .or_else(|| body.strip_prefix("//"));
    let body = body.unwrap_or(text);
    let body = body.strip_suffix("*/").unwrap_or(body);
    let mut lines = Vec::new();
    for line in body.lines() {
        let line = line.trim();
        let line = line.strip_prefix('*').unwrap_or(line).trim();
        if drop_annotations && line.starts_with('@') {
            continue;
        }
        if line.contains("insert@") && line.len() < 20 {
            continue;
        }
        lines.push(line.to_string());
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        None
    } else {
        Some(lines.join("\n"))
    }
}

fn join_comments(comments: &[ast::Comment], drop_annotations: bool) -> Option<String> {
    let parts: Vec<String> = comments
        .iter()
        .filter_map(|c| clean_comment(&c.text, drop_annotations))
        .collect();
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n\n"))
    }
}

impl<'s> Resolver<'s, '_> {
    fn err(&mut self, span: Span, message: impl Into<String>) {
        self.diags.push(Diag::at(self.source, span, message));
    }

    fn doc(&self, comments: &[ast::Comment], span: Span, drop_annotations: bool) -> Doc {
        let (line, _) = self.source.line_col(span.start);
        Doc {
            comment: join_comments(comments, drop_annotations),
            definition: self
                .source
                .text
                .get(span.start..span.end)
                .unwrap_or("")
                .to_string(),
            origin: format!("{}:{line}", self.source.display),
        }
    }

    /// Builds the symbol tables and reports duplicate names.
    fn index(&mut self) {
        let spec = self.spec;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let mut dup = |this: &mut Self, name: &'s ast::Ident| {
            if let Some(first) = seen.get(name.name.as_str()) {
                let (line, _) = this.source.line_col(first.start);
                this.diags.push(
                    Diag::at(
                        this.source,
                        name.span,
                        format!("duplicate definition of `{}`", name.name),
                    )
                    .help(format!("first defined at {}:{line}", this.source.display)),
                );
                true
            } else {
                seen.insert(&name.name, name.span);
                false
            }
        };
        for (i, def) in spec.definitions.iter().enumerate() {
            // A `typedef void;` has no name; it is reported on its own.
            if def.name.name.is_empty() {
                continue;
            }
            if dup(self, &def.name) {
                self.duplicates.insert(i);
                continue;
            }
            match &def.kind {
                DefKind::Const(_) => {
                    self.consts.insert(&def.name.name, ConstSite::Const(def));
                }
                DefKind::Enum(members) => {
                    self.defs.insert(&def.name.name, def);
                    for m in members {
                        if !dup(self, &m.name) {
                            self.consts.insert(&m.name.name, ConstSite::Member(m));
                        }
                    }
                }
                DefKind::Program(..) => {}
                _ => {
                    self.defs.insert(&def.name.name, def);
                }
            }
        }
    }

    // ----- constants -------------------------------------------------------

    fn eval(&mut self, value: &Value) -> Option<i128> {
        match value {
            Value::Literal(v, _) => Some(*v),
            Value::Named(ident) => self.eval_name(&ident.name, ident.span),
        }
    }

    fn eval_name(&mut self, name: &str, span: Span) -> Option<i128> {
        if let Some(v) = self.const_values.get(name) {
            return *v;
        }
        if !self.in_progress.insert(name.to_string()) {
            self.err(
                span,
                format!("constant `{name}` is defined in terms of itself"),
            );
            return None;
        }
        let value = match self.consts.get(name).copied() {
            Some(ConstSite::Const(def)) => match &def.kind {
                DefKind::Const(v) => self.eval(v),
                _ => None,
            },
            Some(ConstSite::Member(m)) => self.eval(&m.value),
            None => self
                .extern_const(name)
                .or_else(|| (self.options.external_constant)(name)),
        };
        self.in_progress.remove(name);
        if value.is_none()
            && !self.consts.contains_key(name)
            && self.reported_unknown.insert((name.to_string(), span.start))
        {
            let help = format!(
                "it is not defined in this file, {}",
                self.options.constant_sources
            );
            self.diags.push(
                Diag::at(self.source, span, format!("unknown constant `{name}`"))
                    .help(help)
                    .help(format!(
                        "pass it with `include_protocol!(\"...\", constants = {{ {name} = ... }})`"
                    )),
            );
        }
        self.const_values.insert(name.to_string(), value);
        value
    }

    fn extern_const(&self, name: &str) -> Option<i128> {
        for ext in self.options.externs {
            if let Some(c) = ext.module.consts.iter().find(|c| c.xdr_name == name) {
                return Some(c.value);
            }
            for t in &ext.module.types {
                if let TypeKind::Enum(vs) = &t.kind {
                    if let Some(v) = vs.iter().find(|v| v.xdr_name == name) {
                        return Some(i128::from(v.value));
                    }
                }
            }
        }
        None
    }

    fn eval_len(&mut self, value: &Value) -> Option<u32> {
        let v = self.eval(value)?;
        match u32::try_from(v) {
            Ok(n) => Some(n),
            Err(_) => {
                self.err(
                    value.span(),
                    format!(
                        "length {v} is out of range: it must be between 0 and {}",
                        u32::MAX
                    ),
                );
                None
            }
        }
    }

    fn eval_opt_len(&mut self, value: &Option<Value>) -> Option<Option<u32>> {
        match value {
            None => Some(None),
            Some(v) => self.eval_len(v).map(Some),
        }
    }

    // ----- types -------------------------------------------------------------

    fn module(&mut self) -> Module {
        let spec = self.spec;
        let mut consts = Vec::new();
        let mut types = Vec::new();
        for (i, def) in spec.definitions.iter().enumerate() {
            if self.duplicates.contains(&i) {
                continue;
            }
            match &def.kind {
                DefKind::Const(_) => {
                    if let Some(value) = self.eval_name(&def.name.name, def.name.span) {
                        consts.push(Const {
                            xdr_name: def.name.name.clone(),
                            rust_name: naming::const_name(&def.name.name, &self.prefix),
                            value,
                            doc: self.doc(&def.leading, def.span, false),
                        });
                    }
                }
                DefKind::Program(..) => {}
                _ => {
                    if let Some(t) = self.type_def(def) {
                        types.push(t);
                    }
                }
            }
        }
        self.check_rust_names(&consts, &types);
        self.box_recursive(&mut types);
        let programs = self.programs(&consts, &types);
        Module {
            file: self.source.display.clone(),
            prefix: self.prefix.clone(),
            consts,
            types,
            programs,
        }
    }

    fn def_span(&self, xdr_name: &str) -> Span {
        self.spec
            .definitions
            .iter()
            .find(|d| d.name.name == xdr_name)
            .map_or(Span::default(), |d| d.name.span)
    }

    fn check_rust_names(&mut self, consts: &[Const], types: &[TypeDef]) {
        let mut seen: HashMap<String, String> = HashMap::new();
        let names = consts
            .iter()
            .map(|c| (&c.rust_name, &c.xdr_name))
            .chain(types.iter().map(|t| (&t.rust_name, &t.xdr_name)));
        let mut clashes = Vec::new();
        for (rust, xdr) in names {
            if let Some(other) = seen.insert(rust.clone(), xdr.clone()) {
                clashes.push((xdr.clone(), other, rust.clone()));
            }
        }
        for (xdr, other, rust) in clashes {
            let span = self.def_span(&xdr);
            self.err(
                span,
                format!("`{xdr}` and `{other}` would both be named `{rust}` in Rust"),
            );
        }
    }
}
