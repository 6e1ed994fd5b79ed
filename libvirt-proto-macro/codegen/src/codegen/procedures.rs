//! The procedure table of each program and its event messages.

use super::codec::{ident, rust_type};
use super::Context;
use crate::ir::{Procedure, Program, Ty};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

/// Names of the per-program items: unprefixed when the file has one
/// program, prefixed with the program's stem otherwise.
#[derive(Debug)]
pub struct Names {
    /// The procedure table (`PROCEDURES`).
    pub table: Ident,
    /// The lookup function (`procedure`).
    pub lookup: Ident,
    /// The event enum (`Event`).
    pub event: Ident,
}

impl Names {
    /// The names for `program`.
    pub fn of(cx: &Context<'_>, program: &Program) -> Self {
        if cx.module.programs.len() == 1 {
            Self {
                table: Ident::new("PROCEDURES", Span::call_site()),
                lookup: Ident::new("procedure", Span::call_site()),
                event: Ident::new("Event", Span::call_site()),
            }
        } else {
            let upper = program.stem.to_ascii_uppercase();
            let lower = program.stem.to_ascii_lowercase();
            Self {
                table: format_ident!("{}_PROCEDURES", upper),
                lookup: format_ident!("{}_procedure", lower),
                event: format_ident!("{}Event", program.stem),
            }
        }
    }
}

fn xdr_name(ty: &Option<Ty>) -> String {
    match ty {
        Some(Ty::Named(t)) | Some(Ty::Alias(t, _)) => t.xdr_name.clone(),
        Some(other) => rust_type(other).to_string(),
        None => String::new(),
    }
}

fn opt_u32(v: Option<u32>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn entry(cx: &Context<'_>, program: &Program, p: &Procedure) -> TokenStream {
    let rt = cx.rt();
    let (prog, vers, number, name) = (program.number, program.version, p.number, &p.xdr_name);
    let (args, ret, msg) = (xdr_name(&p.args), xdr_name(&p.ret), xdr_name(&p.msg));
    let a = &p.annotations;
    let generate = a.generate.clone().unwrap_or_default();
    let high = a.high_priority;
    let acl = &a.acl;
    let aclfilter = &a.aclfilter;
    let (readstream, writestream) = (opt_u32(a.readstream), opt_u32(a.writestream));
    let sparseflag = a.sparseflag.clone().unwrap_or_default();
    quote! {
        #rt::__private::procedure(#prog, #vers, #number, #name, #args, #ret, #msg, #generate, #high,
            &[#(#acl),*], &[#(#aclfilter),*], #readstream, #writestream, #sparseflag)
    }
}

fn emit_program(cx: &Context<'_>, program: &Program) -> TokenStream {
    let rt = cx.rt();
    let names = Names::of(cx, program);
    let (table, lookup, event) = (&names.table, &names.lookup, &names.event);
    let len = Literal::usize_unsuffixed(program.procedures.len());
    let entries = program.procedures.iter().map(|p| entry(cx, program, p));
    let table_doc = format!(
        " Every procedure of `{}` ({:#x}) version {}, sorted by number.",
        program.xdr_name, program.number, program.version
    );
    let lookup_doc = format!(" The procedure of `{}` with this number.", program.xdr_name);

    let events: Vec<&Procedure> = program
        .procedures
        .iter()
        .filter(|p| p.msg.is_some())
        .collect();
    let variants = events.iter().map(|p| {
        let v = ident(&event_variant(p));
        let t = p.msg.as_ref().map(rust_type);
        let doc = format!(" `{}` (procedure {}).", p.xdr_name, p.number);
        quote!(#[doc = #doc] #v(#t),)
    });
    let decode_arms = events.iter().map(|p| {
        let v = ident(&event_variant(p));
        let n = p.number;
        quote!(#n => #rt::from_bytes(body).map(|m| ::std::option::Option::Some(Self::#v(m))),)
    });
    let index_arms = events.iter().map(|p| {
        let v = ident(&event_variant(p));
        let i = Literal::usize_unsuffixed(
            program
                .procedures
                .iter()
                .position(|q| q.number == p.number)
                .unwrap_or(0),
        );
        quote!(Self::#v(_) => &#table[#i],)
    });
    let event_doc = format!(
        " An event message of `{}`: what the daemon sends unasked, as `VIR_NET_MESSAGE`.",
        program.xdr_name
    );
    let event_enum = if events.is_empty() {
        TokenStream::new()
    } else {
        quote! {
            #[doc = #event_doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #event { #(#variants)* }

            impl #event {
                /// Decodes the body of an event message with this procedure
                /// number; `None` when the number is not an event of this program.
                pub fn decode(procedure: i32, body: &[u8]) -> #rt::Result<::std::option::Option<Self>> {
                    match procedure {
                        #(#decode_arms)*
                        _ => Ok(::std::option::Option::None),
                    }
                }

                /// The procedure this event was sent as.
                pub fn procedure(&self) -> &'static #rt::rpc::Procedure {
                    match self { #(#index_arms)* }
                }
            }
        }
    };
    quote! {
        #[doc = #table_doc]
        pub static #table: [#rt::rpc::Procedure; #len] = [#(#entries),*];

        #[doc = #lookup_doc]
        pub fn #lookup(number: i32) -> ::std::option::Option<&'static #rt::rpc::Procedure> {
            #table.binary_search_by_key(&number, |p| p.number).ok().map(|i| &#table[i])
        }

        #event_enum
    }
}

/// The event enum variant of an event procedure.
pub fn event_variant(p: &Procedure) -> String {
    p.variant
        .clone()
        .unwrap_or_else(|| crate::naming::camel_name(&p.method))
}

/// Emits the table (and events) of every program.
pub fn emit(cx: &Context<'_>) -> TokenStream {
    let items = cx.module.programs.iter().map(|p| emit_program(cx, p));
    quote! { #(#items)* }
}
