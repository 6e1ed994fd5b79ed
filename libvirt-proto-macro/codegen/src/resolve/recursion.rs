//! Recursive types: optional data that leads back to its own type is
//! boxed; a type that contains itself inline is an error.

use super::Resolver;
use crate::diag::Diag;
use crate::ir::*;
use std::collections::HashMap;

impl Resolver<'_, '_> {
    /// Marks optional data that leads back to its own type as boxed, and
    /// reports types that contain themselves without any indirection.
    pub(super) fn box_recursive(&mut self, types: &mut [TypeDef]) {
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
