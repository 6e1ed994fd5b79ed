//! Programs: libvirt's `enum *_procedure` with its `_args`/`_ret`/`_msg`
//! structs matched by name, and RFC 5531 `program` blocks.

use super::Resolver;
use crate::annotations::procedure_annotations;
use crate::ast::{self, DefKind, Definition, Value};
use crate::diag::Diag;
use crate::ir::*;
use crate::naming;
use std::collections::{HashMap, HashSet};

impl<'s> Resolver<'s, '_> {
    pub(super) fn programs(&mut self, consts: &[Const], types: &[TypeDef]) -> Vec<Program> {
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
            stem: naming::camel_name(stem),
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
                stem: naming::camel_name(&format!("{}_{}", def.name.name, v.name.name)),
                procedures,
            });
        }
        out
    }
}
