//! Every constant of the API description under its C name, for code
//! ported from C or Go: enum values (`VIR_DOMAIN_RUNNING: i32`), flag bits
//! (`VIR_CONNECT_LIST_DOMAINS_ACTIVE: u32`), typed-parameter field names
//! (`VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC: &str`) and sizes
//! (`VIR_UUID_BUFLEN: usize`).

use super::model::{Api, MacroValue};
use crate::codegen::docs;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

fn doc(info: &str, c_type: &str) -> TokenStream {
    let text = if info.is_empty() {
        format!("C's `{c_type}`.")
    } else {
        format!("{}\n\nC's `{c_type}`.", docs::escape(info))
    };
    quote! { #[doc = #text] }
}

/// The items of the constants module.
pub fn emit(api: &Api) -> TokenStream {
    let mut items = Vec::new();
    for g in &api.enums {
        let flags = g.is_flags();
        for v in &g.values {
            let name = format_ident!("{}", v.name);
            let d = doc(&v.info, &g.name);
            items.push(if flags {
                let lit = Literal::u32_unsuffixed(v.value as u32);
                quote! { #d pub const #name: u32 = #lit; }
            } else {
                let lit = Literal::i32_unsuffixed(v.value as i32);
                quote! { #d pub const #name: i32 = #lit; }
            });
        }
    }
    for m in &api.macros {
        let name = format_ident!("{}", m.name);
        let d = doc(&m.info, "#define");
        items.push(match &m.value {
            MacroValue::Str(s) => quote! { #d pub const #name: &str = #s; },
            MacroValue::Int(v) if *v >= 0 && *v <= i128::from(u32::MAX) => {
                let lit = Literal::usize_unsuffixed(*v as usize);
                quote! { #d pub const #name: usize = #lit; }
            }
            MacroValue::Int(v) => {
                let lit = Literal::i64_unsuffixed(*v as i64);
                quote! { #d pub const #name: i64 = #lit; }
            }
        });
    }
    quote! { #(#items)* }
}
