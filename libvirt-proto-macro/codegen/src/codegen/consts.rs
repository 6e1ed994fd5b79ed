//! `const NAME = value;` → `pub const NAME: type = value;`

use super::{docs, Context};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// The Rust type and literal for a constant: `u32` where it fits (lengths
/// and program numbers), else `i32`, `i64` or `u64`.
pub fn typed_literal(value: i128) -> (TokenStream, Literal) {
    if let Ok(v) = u32::try_from(value) {
        (quote!(u32), Literal::u32_unsuffixed(v))
    } else if let Ok(v) = i32::try_from(value) {
        (quote!(i32), Literal::i32_unsuffixed(v))
    } else if let Ok(v) = i64::try_from(value) {
        (quote!(i64), Literal::i64_unsuffixed(v))
    } else {
        (
            quote!(u64),
            Literal::u64_unsuffixed(u64::try_from(value).unwrap_or(u64::MAX)),
        )
    }
}

/// Emits every constant of the module.
pub fn emit(cx: &Context<'_>) -> TokenStream {
    let items = cx.module.consts.iter().map(|c| {
        let name = Ident::new(&c.rust_name, Span::call_site());
        let (ty, lit) = typed_literal(c.value);
        let doc = docs::item(&c.doc, &format!("`{}` = {}", c.xdr_name, c.value), &[]);
        let alias = docs::alias(&c.xdr_name, &c.rust_name);
        quote! {
            #doc
            #alias
            pub const #name: #ty = #lit;
        }
    });
    quote! { #(#items)* }
}
