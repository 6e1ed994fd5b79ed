//! [`ir::Module`](crate::ir::Module) → Rust tokens.
//!
//! One emitter per construct: [`consts`], [`types`], [`procedures`] (the
//! procedure table and event messages), [`client`] (the call traits), with
//! [`codec`] writing the encode/decode expression of each XDR type and
//! [`docs`] the documentation of every item.

pub mod client;
pub mod codec;
pub mod consts;
pub mod docs;
pub mod procedures;
pub mod proptest;
pub mod types;

use crate::ir::{Module, NamedKind, Ty, TypeDef, TypeKind, TypeRef};
use crate::resolve::Extern;
use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;
use std::collections::HashMap;

/// Which client traits to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientKinds {
    /// The async trait over `rpc::Call`.
    pub asynchronous: bool,
    /// The blocking trait over `rpc::BlockingCall`.
    pub blocking: bool,
}

impl Default for ClientKinds {
    fn default() -> Self {
        Self {
            asynchronous: true,
            blocking: true,
        }
    }
}

/// What to generate and how to refer to the runtime.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime crate, `::xdr_runtime` by default (Rust source
    /// text, so options hold no compiler tokens).
    pub runtime: String,
    /// Client traits to generate.
    pub client: ClientKinds,
    /// Also implement `proptest::arbitrary::Arbitrary` for every type.
    pub proptest: bool,
    /// Procedures kept out of the public call traits, by name without the
    /// `<PREFIX>_PROC_` part (`CONNECT_CLOSE`) or whole; their methods go
    /// to `pub(crate)` traits instead (see [`client`]).
    pub internal: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            runtime: "::xdr_runtime".to_string(),
            client: ClientKinds::default(),
            proptest: false,
            internal: Vec::new(),
        }
    }
}

/// Everything an emitter needs: the module, the files it uses, the options,
/// and lookup tables over their types.
#[derive(Debug)]
pub struct Context<'a> {
    /// The module being generated.
    pub module: &'a Module,
    /// Files whose types it uses.
    pub externs: &'a [Extern],
    /// Options.
    pub options: &'a Options,
    /// Local types by XDR name.
    local: HashMap<&'a str, &'a TypeDef>,
    /// Types of the extern files by XDR name.
    foreign: HashMap<&'a str, &'a TypeDef>,
    /// `is_eq` answers already known, by XDR name.
    eq_memo: RefCell<HashMap<String, bool>>,
    /// How generated code names the runtime: `__rt`, imported once.
    rt: TokenStream,
}

impl<'a> Context<'a> {
    /// A context for generating `module`.
    pub fn new(module: &'a Module, externs: &'a [Extern], options: &'a Options) -> Self {
        let local = module
            .types
            .iter()
            .map(|t| (t.xdr_name.as_str(), t))
            .collect();
        let foreign = externs
            .iter()
            .flat_map(|e| &e.module.types)
            .map(|t| (t.xdr_name.as_str(), t))
            .collect();
        Self {
            module,
            externs,
            options,
            local,
            foreign,
            eq_memo: RefCell::new(HashMap::new()),
            rt: quote!(__rt),
        }
    }

    /// The runtime path.
    pub fn rt(&self) -> &TokenStream {
        &self.rt
    }

    /// The definition behind a type reference, local or extern.
    pub fn lookup(&self, tref: &TypeRef) -> Option<&'a TypeDef> {
        match &tref.module {
            None => self.local.get(tref.xdr_name.as_str()).copied(),
            Some(_) => self.foreign.get(tref.xdr_name.as_str()).copied(),
        }
    }

    /// Smallest encoded size of a value of `ty`, for the length checks of
    /// array decoding.
    pub fn min_size(&self, ty: &Ty) -> usize {
        self.min_size_depth(ty, 0)
    }

    fn min_size_depth(&self, ty: &Ty, depth: usize) -> usize {
        if depth > 64 {
            return 0;
        }
        match ty {
            Ty::Scalar(s) => s.wire_size(),
            Ty::Alias(_, t) => self.min_size_depth(t, depth + 1),
            Ty::String(_) | Ty::OpaqueVar(_) | Ty::VarArray(..) | Ty::Optional(..) => 4,
            Ty::OpaqueFixed(n) => (*n as usize).div_ceil(4) * 4,
            Ty::FixedArray(t, n) => (*n as usize).saturating_mul(self.min_size_depth(t, depth + 1)),
            Ty::Named(tref) => match self.lookup(tref).map(|d| &d.kind) {
                Some(TypeKind::Struct(fields)) => fields
                    .iter()
                    .map(|f| self.min_size_depth(&f.ty, depth + 1))
                    .sum(),
                Some(TypeKind::Union(u)) => {
                    let arms = u.arms.iter().map(|a| a.field.as_ref());
                    let default = u.default.iter().map(|d| d.as_ref());
                    4 + arms
                        .chain(default)
                        .map(|f| f.map_or(0, |f| self.min_size_depth(&f.ty, depth + 1)))
                        .min()
                        .unwrap_or(0)
                }
                Some(TypeKind::Typedef(t)) => self.min_size_depth(t, depth + 1),
                _ => 4,
            },
        }
    }

    /// True when values of `ty` can derive `Eq` (no floating point inside).
    pub fn is_eq(&self, ty: &Ty) -> bool {
        self.is_eq_depth(ty, 0)
    }

    fn is_eq_depth(&self, ty: &Ty, depth: usize) -> bool {
        if depth > 32 {
            return true;
        }
        match ty {
            Ty::Scalar(s) => s.is_eq(),
            Ty::Alias(_, t) | Ty::FixedArray(t, _) | Ty::VarArray(t, _) | Ty::Optional(t, _) => {
                self.is_eq_depth(t, depth + 1)
            }
            Ty::String(_) | Ty::OpaqueFixed(_) | Ty::OpaqueVar(_) => true,
            Ty::Named(tref) => {
                if let Some(&known) = self.eq_memo.borrow().get(&tref.xdr_name) {
                    return known;
                }
                let eq = self
                    .lookup(tref)
                    .is_some_and(|def| self.def_is_eq(def, depth + 1));
                self.eq_memo.borrow_mut().insert(tref.xdr_name.clone(), eq);
                eq
            }
        }
    }

    /// True when a definition can derive `Eq`.
    pub fn def_is_eq(&self, def: &TypeDef, depth: usize) -> bool {
        match &def.kind {
            TypeKind::Enum(_) => true,
            TypeKind::Typedef(t) => self.is_eq_depth(t, depth),
            TypeKind::Struct(fields) => fields.iter().all(|f| self.is_eq_depth(&f.ty, depth)),
            TypeKind::Union(u) => {
                self.is_eq_depth(&u.discriminant, depth)
                    && u.arms
                        .iter()
                        .filter_map(|a| a.field.as_ref())
                        .all(|f| self.is_eq_depth(&f.ty, depth))
                    && u.default
                        .iter()
                        .flatten()
                        .all(|f| self.is_eq_depth(&f.ty, depth))
            }
        }
    }

    /// True for types passed by value in generated methods (`Copy`).
    pub fn is_copy(&self, ty: &Ty) -> bool {
        match ty.target() {
            Ty::Scalar(_) => true,
            Ty::Named(t) => t.kind == NamedKind::Enum,
            _ => false,
        }
    }
}

/// Generates the whole module.
pub fn generate(module: &Module, externs: &[Extern], options: &Options) -> TokenStream {
    let cx = Context::new(module, externs, options);
    let runtime: TokenStream = options
        .runtime
        .parse()
        .unwrap_or_else(|_| quote!(::xdr_runtime));
    let consts = consts::emit(&cx);
    let types = types::emit(&cx);
    let procedures = procedures::emit(&cx);
    let client = client::emit(&cx);
    let arbitrary = if options.proptest {
        proptest::emit(&cx)
    } else {
        TokenStream::new()
    };
    // One private module with one allow block, re-exported whole: lints
    // about the shape of generated code are not the user's to fix.
    quote! {
        #[allow(
            clippy::all,
            clippy::pedantic,
            clippy::nursery,
            non_camel_case_types,
            non_snake_case,
            unused_qualifications
        )]
        mod __generated {
            #[allow(unused_imports)]
            use #runtime as __rt;
            #consts
            #types
            #procedures
            #client
            #arbitrary
        }
        #[doc(inline)]
        pub use self::__generated::*;
    }
}
