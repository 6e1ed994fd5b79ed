//! Types: names looked up, declarations resolved, structs, enums, unions
//! and typedefs checked.

use super::{join_comments, Resolver};
use crate::annotations::insert_offset;
use crate::ast::{self, Builtin, DeclKind, DefKind, Definition, Span, TypeSpec, Value};
use crate::diag::Diag;
use crate::ir::*;
use crate::naming;
use std::collections::{HashMap, HashSet};

impl<'s> Resolver<'s, '_> {
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

    pub(super) fn spec_ty(&mut self, spec: &TypeSpec) -> Option<Ty> {
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
                    Some(f) => naming::camel_name(&f.xdr_name),
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

    pub(super) fn type_def(&mut self, def: &'s Definition) -> Option<TypeDef> {
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
