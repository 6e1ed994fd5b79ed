//! [`ast`](crate::ast) → [`ir`](crate::ir): names looked up, constants
//! evaluated, programs and procedures assembled, Rust names chosen.
//!
//! Every problem found is recorded and resolution carries on, so that one
//! build reports all the errors of a file.

use crate::annotations::{insert_offset, procedure_annotations};
use crate::ast::{
    self, Builtin, DeclKind, DefKind, Definition, Span, Specification, TypeSpec, Value,
};
use crate::diag::{Diag, Diagnostics, Source};
use crate::ir::*;
use crate::naming;
use std::collections::{BTreeMap, HashMap, HashSet};

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

    fn type_ref(&self, def: &Definition) -> TypeRef {
        let kind = match def.kind {
            DefKind::Struct(_) => NamedKind::Struct,
            DefKind::Enum(_) => NamedKind::Enum,
            DefKind::Union(_) => NamedKind::Union,
            _ => NamedKind::Typedef,
        };
        TypeRef {
            xdr_name: def.name.name.clone(),
            rust_name: naming::type_name(&def.name.name, &self.prefix),
            module: None,
            kind,
        }
    }

    fn named(&mut self, ident: &ast::Ident) -> Option<Ty> {
        if let Some(def) = self.defs.get(ident.name.as_str()).copied() {
            let tref = self.type_ref(def);
            return match &def.kind {
                DefKind::Typedef(_) => self
                    .typedef_target(def)
                    .map(|t| Ty::Alias(tref, Box::new(t))),
                _ => Some(Ty::Named(tref)),
            };
        }
        for ext in self.options.externs {
            if let Some(t) = ext.module.type_def(&ident.name) {
                let kind = match &t.kind {
                    TypeKind::Struct(_) => NamedKind::Struct,
                    TypeKind::Enum(_) => NamedKind::Enum,
                    TypeKind::Union(_) => NamedKind::Union,
                    TypeKind::Typedef(_) => NamedKind::Typedef,
                };
                let tref = TypeRef {
                    xdr_name: t.xdr_name.clone(),
                    rust_name: t.rust_name.clone(),
                    module: Some(ext.path.clone()),
                    kind,
                };
                return Some(match &t.kind {
                    TypeKind::Typedef(target) => {
                        Ty::Alias(tref, Box::new(rehome(target, &ext.path)))
                    }
                    _ => Ty::Named(tref),
                });
            }
        }
        let mut diag = Diag::at(
            self.source,
            ident.span,
            format!("unknown type `{}`", ident.name),
        );
        if self.consts.contains_key(ident.name.as_str()) {
            diag = diag.help(format!("`{}` is a constant, not a type", ident.name));
        } else if self.options.externs.is_empty() {
            diag = diag.help("types of another .x file are found with `include_protocol!(\"...\", extern = { \"other.x\" => path::to::module })`");
        }
        self.diags.push(diag);
        None
    }

    fn typedef_target(&mut self, def: &'s Definition) -> Option<Ty> {
        let name = def.name.name.clone();
        if let Some(t) = self.typedef_targets.get(&name) {
            if t.is_none() {
                // Either in progress (a cycle) or failed and already reported.
                return None;
            }
            return t.clone();
        }
        self.typedef_targets.insert(name.clone(), None);
        let DefKind::Typedef(decl) = &def.kind else {
            return None;
        };
        let ty = match &decl.kind {
            DeclKind::Void => {
                self.err(decl.span, "a typedef cannot be `void`");
                None
            }
            _ => self.decl_ty(decl),
        };
        self.typedef_targets.insert(name, ty.clone());
        ty
    }

    fn spec_ty(&mut self, spec: &TypeSpec) -> Option<Ty> {
        match spec {
            TypeSpec::Builtin(b, span) => {
                let s = match b {
                    Builtin::Int => Scalar::Int,
                    Builtin::UInt => Scalar::UInt,
                    Builtin::Hyper => Scalar::Hyper,
                    Builtin::UHyper => Scalar::UHyper,
                    Builtin::Float => Scalar::Float,
                    Builtin::Double => Scalar::Double,
                    Builtin::Bool => Scalar::Bool,
                    Builtin::Char => Scalar::Char,
                    Builtin::UChar => Scalar::UChar,
                    Builtin::Short => Scalar::Short,
                    Builtin::UShort => Scalar::UShort,
                    Builtin::Quadruple => {
                        self.diags.push(
                            Diag::at(self.source, *span, "`quadruple` is not supported")
                                .help("Rust has no 128-bit floating point type"),
                        );
                        return None;
                    }
                };
                Some(Ty::Scalar(s))
            }
            TypeSpec::Named(ident) => self.named(ident),
            TypeSpec::InlineEnum(_, span)
            | TypeSpec::InlineStruct(_, span)
            | TypeSpec::InlineUnion(_, span) => {
                self.diags.push(
                    Diag::at(
                        self.source,
                        *span,
                        "anonymous inline types are not supported",
                    )
                    .help("define the type on its own with a name and use that name here"),
                );
                None
            }
        }
    }

    /// The type of a declaration; `None` after an error (already reported).
    fn decl_ty(&mut self, decl: &ast::Declaration) -> Option<Ty> {
        Some(match &decl.kind {
            DeclKind::Void => return None,
            DeclKind::OpaqueFixed(n) => Ty::OpaqueFixed(self.eval_len(n)?),
            DeclKind::OpaqueVar(max) => Ty::OpaqueVar(self.eval_opt_len(max)?),
            DeclKind::String(max) => Ty::String(self.eval_opt_len(max)?),
            DeclKind::Plain(spec) => self.spec_ty(spec)?,
            DeclKind::Optional(spec) => Ty::Optional(Box::new(self.spec_ty(spec)?), false),
            DeclKind::FixedArray(spec, n) => {
                let elem = self.spec_ty(spec);
                Ty::FixedArray(Box::new(elem?), self.eval_len(n)?)
            }
            DeclKind::VarArray(spec, max) => {
                let elem = self.spec_ty(spec);
                Ty::VarArray(Box::new(elem?), self.eval_opt_len(max)?)
            }
        })
    }

    fn field(&mut self, decl: &ast::Declaration, owner: &str) -> Option<Field> {
        if matches!(decl.kind, DeclKind::Void) {
            self.err(
                decl.span,
                format!("`void` is only allowed in union arms (in `{owner}`)"),
            );
            return None;
        }
        let name = decl.name.as_ref()?;
        let ty = self.decl_ty(decl)?;
        let mut comments = decl.leading.clone();
        comments.extend(decl.trailing.clone());
        Some(Field {
            xdr_name: name.name.clone(),
            rust_name: naming::snake_name(&name.name),
            ty,
            insert: decl.trailing.as_ref().and_then(insert_offset),
            comment: join_comments(&comments, false),
        })
    }

    fn check_unique<'a>(
        &mut self,
        names: impl IntoIterator<Item = (&'a str, Span)>,
        what: &str,
        owner: &str,
    ) {
        let mut seen = HashSet::new();
        for (name, span) in names {
            if !seen.insert(name.to_string()) {
                self.err(
                    span,
                    format!("two {what} of `{owner}` are both named `{name}` in Rust"),
                );
            }
        }
    }

    fn struct_def(&mut self, def: &'s Definition, decls: &'s [ast::Declaration]) -> TypeKind {
        let spanned: Vec<(Field, Span)> = decls
            .iter()
            .filter_map(|d| Some((self.field(d, &def.name.name)?, d.span)))
            .collect();
        self.check_unique(
            spanned.iter().map(|(f, s)| (f.rust_name.as_str(), *s)),
            "fields",
            &def.name.name,
        );
        TypeKind::Struct(spanned.into_iter().map(|(f, _)| f).collect())
    }

    fn enum_def(&mut self, def: &'s Definition, members: &'s [ast::EnumMember]) -> TypeKind {
        let names: Vec<&str> = members.iter().map(|m| m.name.name.as_str()).collect();
        let rust = naming::variant_names(&names);
        let mut variants = Vec::new();
        let mut spans = Vec::new();
        let mut values: HashMap<i32, &str> = HashMap::new();
        for (m, rust_name) in members.iter().zip(rust) {
            let Some(v) = self.eval(&m.value) else {
                continue;
            };
            let Ok(value) = i32::try_from(v) else {
                self.err(
                    m.value.span(),
                    format!("enum value {v} does not fit in an XDR int"),
                );
                continue;
            };
            if let Some(other) = values.insert(value, &m.name.name) {
                self.err(
                    m.value.span(),
                    format!(
                        "duplicate value {value} in enum `{}` (also `{other}`)",
                        def.name.name
                    ),
                );
                continue;
            }
            let rust_name = if rust_name == "Unknown" {
                "UnknownValue".to_string()
            } else {
                rust_name
            };
            spans.push(m.name.span);
            variants.push(Variant {
                xdr_name: m.name.name.clone(),
                rust_name,
                value,
                comment: join_comments(&m.leading, true),
            });
        }
        self.check_unique(
            variants
                .iter()
                .zip(spans)
                .map(|(v, s)| (v.rust_name.as_str(), s)),
            "members",
            &def.name.name,
        );
        TypeKind::Enum(variants)
    }

    fn union_def(&mut self, def: &'s Definition, body: &'s ast::UnionBody) -> Option<TypeKind> {
        let owner = &def.name.name;
        let disc_decl = &body.discriminant;
        let disc = match &disc_decl.kind {
            DeclKind::Plain(spec) => self.spec_ty(spec),
            _ => {
                self.err(disc_decl.span, format!("the discriminant of union `{owner}` must be an int, unsigned int, bool or enum"));
                None
            }
        };
        let range = match disc.as_ref().map(Ty::target) {
            Some(Ty::Scalar(Scalar::Int | Scalar::Char | Scalar::Short))
            | Some(Ty::Named(TypeRef {
                kind: NamedKind::Enum,
                ..
            })) => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
            Some(Ty::Scalar(Scalar::UInt | Scalar::UChar | Scalar::UShort)) => {
                Some((0, i64::from(u32::MAX)))
            }
            Some(Ty::Scalar(Scalar::Bool)) => Some((0, 1)),
            Some(_) => {
                self.err(disc_decl.span, format!("the discriminant of union `{owner}` must be an int, unsigned int, bool or enum"));
                None
            }
            None => None,
        };
        if body.defaults.len() > 1 {
            for (_, span) in &body.defaults[1..] {
                self.err(
                    *span,
                    format!("union `{owner}` has more than one `default` arm"),
                );
            }
        }
        if body.arms.is_empty() {
            self.err(def.name.span, format!("union `{owner}` has no `case` arm"));
        }
        let mut seen: HashMap<i64, Span> = HashMap::new();
        let mut failed = false;
        let mut arms = Vec::new();
        let single: Vec<String> = body
            .arms
            .iter()
            .map(|a| match a.cases.first() {
                Some(Value::Named(i)) => i.name.clone(),
                Some(Value::Literal(v, _)) if *v < 0 => format!("NEG_{}", v.unsigned_abs()),
                Some(Value::Literal(v, _)) => format!("V_{v}"),
                None => String::new(),
            })
            .collect();
        let label_names =
            naming::variant_names(&single.iter().map(String::as_str).collect::<Vec<_>>());
        for (arm, label_name) in body.arms.iter().zip(label_names) {
            let mut cases = Vec::new();
            for case in &arm.cases {
                let Some(v) = self.eval(case) else { continue };
                let label = match case {
                    Value::Named(i) => i.name.clone(),
                    Value::Literal(v, _) => v.to_string(),
                };
                let Ok(v) = i64::try_from(v) else { continue };
                if let Some((lo, hi)) = range {
                    if v < lo || v > hi {
                        self.err(
                            case.span(),
                            format!(
                                "case value {v} is out of range for the discriminant of `{owner}`"
                            ),
                        );
                        continue;
                    }
                }
                if let Some(first) = seen.insert(v, case.span()) {
                    let (line, _) = self.source.line_col(first.start);
                    self.err(
                        case.span(),
                        format!("duplicate case value {v} in union `{owner}` (first used on line {line})"),
                    );
                    continue;
                }
                cases.push((label, v));
            }
            let field = match arm.decl.kind {
                DeclKind::Void => None,
                _ => match self.field(&arm.decl, owner) {
                    Some(f) => Some(f),
                    // Reported; carry on so the other arms are checked too.
                    None => {
                        failed = true;
                        continue;
                    }
                },
            };
            if cases.is_empty() {
                // Every label was rejected above; the arm adds nothing.
                failed = true;
                continue;
            }
            let rust_name = if arm.cases.len() > 1 {
                match &field {
                    Some(f) => naming::type_name(&f.xdr_name, ""),
                    None => format!("{label_name}Etc"),
                }
            } else {
                label_name
            };
            arms.push((
                Arm {
                    cases,
                    rust_name,
                    field,
                },
                arm.span,
            ));
        }
        let default = body.defaults.first().map(|(decl, _)| match decl.kind {
            DeclKind::Void => None,
            _ => match self.field(decl, owner) {
                Some(f) => Some(f),
                None => {
                    failed = true;
                    None
                }
            },
        });
        let names: Vec<(&str, Span)> = arms
            .iter()
            .map(|(a, span)| (a.rust_name.as_str(), *span))
            .collect();
        let default_clash = default.is_some() && arms.iter().any(|(a, _)| a.rust_name == "Default");
        self.check_unique(names, "arms", owner);
        if default_clash {
            self.err(
                def.name.span,
                format!("union `{owner}` has a case arm named `Default` and a `default` arm"),
            );
        }
        if failed {
            return None;
        }
        let arms = arms.into_iter().map(|(a, _)| a).collect();
        Some(TypeKind::Union(Box::new(Union {
            discriminant_name: disc_decl
                .name
                .as_ref()
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            discriminant: disc?,
            arms,
            default,
        })))
    }

    fn type_def(&mut self, def: &'s Definition) -> Option<TypeDef> {
        let kind = match &def.kind {
            DefKind::Struct(decls) => self.struct_def(def, decls),
            DefKind::Enum(members) => self.enum_def(def, members),
            DefKind::Union(body) => self.union_def(def, body)?,
            DefKind::Typedef(_) => TypeKind::Typedef(self.typedef_target(def)?),
            _ => return None,
        };
        Some(TypeDef {
            xdr_name: def.name.name.clone(),
            rust_name: naming::type_name(&def.name.name, &self.prefix),
            kind,
            insert: def.leading.iter().find_map(insert_offset),
            doc: self.doc(&def.leading, def.span, false),
        })
    }

    // ----- the module --------------------------------------------------------

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

    /// Marks optional data that leads back to its own type as boxed, and
    /// reports types that contain themselves without any indirection.
    fn box_recursive(&mut self, types: &mut [TypeDef]) {
        let index: HashMap<String, usize> = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.xdr_name.clone(), i))
            .collect();
        // direct[i]: local types that type i contains inline; all[i]: any reference.
        let mut direct = vec![Vec::new(); types.len()];
        let mut all = vec![Vec::new(); types.len()];
        for (i, t) in types.iter().enumerate() {
            for ty in field_types(&t.kind) {
                collect_refs(ty, true, &index, &mut direct[i], &mut all[i]);
            }
        }
        let reaches = |from: usize, to: usize, edges: &Vec<Vec<usize>>| {
            let mut stack = vec![from];
            let mut seen = vec![false; edges.len()];
            while let Some(n) = stack.pop() {
                if n == to {
                    return true;
                }
                if !std::mem::replace(&mut seen[n], true) {
                    stack.extend(&edges[n]);
                }
            }
            false
        };
        for (i, edges) in direct.iter().enumerate() {
            if edges.iter().any(|&d| reaches(d, i, &direct)) {
                let name = types[i].xdr_name.clone();
                let span = self.def_span(&name);
                self.diags.push(
                    Diag::at(self.source, span, format!("type `{name}` contains itself and would be infinitely large"))
                        .help("make the recursive field optional data (`type *name`) or a variable-length array"),
                );
            }
        }
        for (i, def) in types.iter_mut().enumerate() {
            let box_it = |ty: &mut Ty| {
                if let Ty::Optional(inner, boxed) = ty {
                    let mut d = Vec::new();
                    let mut a = Vec::new();
                    collect_refs(inner, true, &index, &mut d, &mut a);
                    *boxed = a.iter().any(|&n| reaches(n, i, &all));
                }
            };
            match &mut def.kind {
                TypeKind::Struct(fields) => fields.iter_mut().for_each(|f| box_it(&mut f.ty)),
                TypeKind::Union(u) => {
                    u.arms
                        .iter_mut()
                        .filter_map(|a| a.field.as_mut())
                        .for_each(|f| box_it(&mut f.ty));
                    if let Some(Some(f)) = &mut u.default {
                        box_it(&mut f.ty);
                    }
                }
                _ => {}
            }
        }
    }

    fn programs(&mut self, consts: &[Const], types: &[TypeDef]) -> Vec<Program> {
        let spec = self.spec;
        let mut programs = Vec::new();
        let mut used_types: HashSet<String> = HashSet::new();
        let mut has_procedure_enum = false;
        let mut any_program_failed = false;
        for def in &spec.definitions {
            match &def.kind {
                DefKind::Enum(members) if def.name.name.ends_with("_procedure") => {
                    has_procedure_enum = true;
                    match self.enum_program(def, members, consts, types, &mut used_types) {
                        Some(p) => programs.push(p),
                        // Its message structs cannot be matched: do not blame them as well.
                        None => any_program_failed = true,
                    }
                }
                DefKind::Program(versions, number) => {
                    programs.extend(self.rpc_program(def, versions, number, types));
                }
                _ => {}
            }
        }
        if has_procedure_enum && !any_program_failed {
            for t in types {
                let is_message = ["_args", "_ret", "_msg"]
                    .iter()
                    .any(|s| t.xdr_name.ends_with(s));
                if is_message && !used_types.contains(&t.xdr_name) {
                    let span = self.def_span(&t.xdr_name);
                    let stem = t.xdr_name.rsplit_once('_').map_or("", |(s, _)| s);
                    let proc_name = format!(
                        "{}_PROC_{}",
                        self.prefix.to_ascii_uppercase(),
                        naming::strip_prefix(stem, &self.prefix).to_ascii_uppercase()
                    );
                    self.diags.push(
                        Diag::at(
                            self.source,
                            span,
                            format!("`{}` belongs to no procedure", t.xdr_name),
                        )
                        .help(format!(
                            "expected a member `{proc_name}` in the procedure enum"
                        )),
                    );
                }
            }
        }
        programs
    }

    fn message_ty(&self, types: &[TypeDef], name: &str) -> Option<Ty> {
        types.iter().find(|t| t.xdr_name == name).map(|t| {
            let tref = TypeRef {
                xdr_name: t.xdr_name.clone(),
                rust_name: t.rust_name.clone(),
                module: None,
                kind: match &t.kind {
                    TypeKind::Struct(_) => NamedKind::Struct,
                    TypeKind::Enum(_) => NamedKind::Enum,
                    TypeKind::Union(_) => NamedKind::Union,
                    TypeKind::Typedef(_) => NamedKind::Typedef,
                },
            };
            match &t.kind {
                TypeKind::Typedef(target) => Ty::Alias(tref, Box::new(target.clone())),
                _ => Ty::Named(tref),
            }
        })
    }

    fn enum_program(
        &mut self,
        def: &'s Definition,
        members: &'s [ast::EnumMember],
        consts: &[Const],
        types: &[TypeDef],
        used: &mut HashSet<String>,
    ) -> Option<Program> {
        let stem = def.name.name.strip_suffix("_procedure").unwrap_or("");
        let upper = stem.to_ascii_uppercase();
        let find = |name: &str| consts.iter().find(|c| c.xdr_name == name).map(|c| c.value);
        let program_const = format!("{upper}_PROGRAM");
        let version_const = format!("{upper}_PROTOCOL_VERSION");
        let number = find(&program_const);
        let version = find(&version_const);
        let (Some(number), Some(version)) = (number, version) else {
            self.diags.push(
                Diag::at(
                    self.source,
                    def.name.span,
                    format!("procedure enum `{}` has no program number", def.name.name),
                )
                .help(format!(
                    "define `const {program_const} = ...;` and `const {version_const} = ...;`"
                )),
            );
            return None;
        };
        let (Ok(number), Ok(version)) = (u32::try_from(number), u32::try_from(version)) else {
            self.err(
                def.name.span,
                format!("`{program_const}` and `{version_const}` must fit in an unsigned int"),
            );
            return None;
        };
        let proc_prefix = format!("{upper}_PROC_");
        let variants = match self.type_def_kind(types, &def.name.name) {
            Some(TypeKind::Enum(v)) => v.clone(),
            _ => Vec::new(),
        };
        let mut procedures = Vec::new();
        let mut numbers: HashMap<i32, String> = HashMap::new();
        for m in members {
            let Some(variant) = variants.iter().find(|v| v.xdr_name == m.name.name) else {
                continue;
            };
            let Some(base) = m.name.name.strip_prefix(&proc_prefix) else {
                self.err(
                    m.name.span,
                    format!(
                        "procedure `{}` must be named `{proc_prefix}...`",
                        m.name.name
                    ),
                );
                continue;
            };
            if let Some(other) = numbers.insert(variant.value, m.name.name.clone()) {
                self.err(
                    m.value.span(),
                    format!(
                        "duplicate procedure number {} (also `{other}`)",
                        variant.value
                    ),
                );
                continue;
            }
            let lower = base.to_ascii_lowercase();
            let type_for = |suffix: &str| format!("{stem}_{lower}_{suffix}");
            let (args_name, ret_name, msg_name) =
                (type_for("args"), type_for("ret"), type_for("msg"));
            let args = self.message_ty(types, &args_name);
            let ret = self.message_ty(types, &ret_name);
            let msg = self.message_ty(types, &msg_name);
            for (n, t) in [(&args_name, &args), (&ret_name, &ret), (&msg_name, &msg)] {
                if t.is_some() {
                    used.insert(n.clone());
                }
            }
            if msg.is_some() && (args.is_some() || ret.is_some()) {
                self.err(
                    m.name.span,
                    format!(
                        "procedure `{}` has both an event message and call arguments or reply",
                        m.name.name
                    ),
                );
            }
            let annotations = match procedure_annotations(&m.leading) {
                Ok(a) => a,
                Err(errors) => {
                    for e in errors {
                        self.err(e.span, e.message);
                    }
                    Default::default()
                }
            };
            procedures.push(Procedure {
                xdr_name: m.name.name.clone(),
                method: naming::escape(lower.clone()),
                variant: Some(variant.rust_name.clone()),
                number: variant.value,
                args,
                ret,
                msg,
                annotations,
                doc: self.doc(&m.leading, m.span, true),
            });
        }
        procedures.sort_by_key(|p| p.number);
        Some(Program {
            xdr_name: program_const,
            number,
            version,
            stem: naming::type_name(stem, ""),
            procedures,
        })
    }

    fn type_def_kind<'t>(&self, types: &'t [TypeDef], name: &str) -> Option<&'t TypeKind> {
        types.iter().find(|t| t.xdr_name == name).map(|t| &t.kind)
    }

    fn rpc_program(
        &mut self,
        def: &'s Definition,
        versions: &'s [ast::RpcVersion],
        number: &Value,
        _types: &[TypeDef],
    ) -> Vec<Program> {
        let Some(number) = self.eval(number) else {
            return Vec::new();
        };
        let Ok(number) = u32::try_from(number) else {
            self.err(def.name.span, "program numbers must fit in an unsigned int");
            return Vec::new();
        };
        let mut out = Vec::new();
        for v in versions {
            let Some(version) = self.eval(&v.number).and_then(|n| u32::try_from(n).ok()) else {
                self.err(v.name.span, "version numbers must fit in an unsigned int");
                continue;
            };
            let mut numbers: HashMap<i32, String> = HashMap::new();
            let mut procedures = Vec::new();
            for p in &v.procedures {
                let Some(n) = self.eval(&p.number).and_then(|n| i32::try_from(n).ok()) else {
                    self.err(p.number.span(), "procedure numbers must fit in an int");
                    continue;
                };
                if let Some(other) = numbers.insert(n, p.name.name.clone()) {
                    self.err(
                        p.number.span(),
                        format!("duplicate procedure number {n} (also `{other}`)"),
                    );
                    continue;
                }
                if p.args.len() > 1 {
                    self.err(
                        p.span,
                        format!(
                            "procedure `{}` takes several arguments; put them in one struct",
                            p.name.name
                        ),
                    );
                    continue;
                }
                let args = match p.args.first() {
                    Some(t) => self.spec_ty(t),
                    None => None,
                };
                let ret = match &p.result {
                    Some(t) => self.spec_ty(t),
                    None => None,
                };
                procedures.push(Procedure {
                    xdr_name: p.name.name.clone(),
                    method: naming::snake_name(&p.name.name.to_ascii_lowercase()),
                    variant: None,
                    number: n,
                    args,
                    ret,
                    msg: None,
                    annotations: Default::default(),
                    doc: self.doc(&p.leading, p.span, false),
                });
            }
            procedures.sort_by_key(|p| p.number);
            out.push(Program {
                xdr_name: def.name.name.clone(),
                number,
                version,
                stem: naming::type_name(&format!("{}_{}", def.name.name, v.name.name), ""),
                procedures,
            });
        }
        out
    }
}

/// The types of every field of a definition.
fn field_types(kind: &TypeKind) -> Vec<&Ty> {
    match kind {
        TypeKind::Struct(fields) => fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(u) => {
            let mut v: Vec<&Ty> = u
                .arms
                .iter()
                .filter_map(|a| a.field.as_ref().map(|f| &f.ty))
                .collect();
            if let Some(Some(f)) = &u.default {
                v.push(&f.ty);
            }
            v
        }
        TypeKind::Typedef(t) => vec![t],
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Local types referenced by `ty`: inline ones (`direct`) and all of them.
fn collect_refs(
    ty: &Ty,
    inline: bool,
    index: &HashMap<String, usize>,
    direct: &mut Vec<usize>,
    all: &mut Vec<usize>,
) {
    match ty {
        Ty::Named(t) | Ty::Alias(t, _) if t.module.is_none() => {
            if let Some(&i) = index.get(&t.xdr_name) {
                all.push(i);
                if inline {
                    direct.push(i);
                }
            }
        }
        Ty::FixedArray(t, _) => collect_refs(t, inline, index, direct, all),
        Ty::VarArray(t, _) | Ty::Optional(t, _) => collect_refs(t, false, index, direct, all),
        _ => {}
    }
}

/// Points the local type references of an imported type at the module they
/// came from.
fn rehome(ty: &Ty, path: &str) -> Ty {
    let tref = |t: &TypeRef| TypeRef {
        module: Some(t.module.clone().unwrap_or_else(|| path.to_string())),
        ..t.clone()
    };
    match ty {
        Ty::Named(t) => Ty::Named(tref(t)),
        Ty::Alias(t, target) => Ty::Alias(tref(t), Box::new(rehome(target, path))),
        Ty::FixedArray(t, n) => Ty::FixedArray(Box::new(rehome(t, path)), *n),
        Ty::VarArray(t, n) => Ty::VarArray(Box::new(rehome(t, path)), *n),
        Ty::Optional(t, b) => Ty::Optional(Box::new(rehome(t, path)), *b),
        other => other.clone(),
    }
}

/// Counts of what a module holds, for reports.
pub fn summary(module: &Module) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    m.insert("constants", module.consts.len());
    m.insert("types", module.types.len());
    for p in &module.programs {
        *m.entry("procedures").or_default() += p.procedures.len();
        *m.entry("events").or_default() += p.procedures.iter().filter(|p| p.msg.is_some()).count();
    }
    m
}
