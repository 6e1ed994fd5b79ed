//! Per XDR type: the Rust type, the borrowed parameter type, and the
//! expressions that encode and decode a value.
//!
//! Typedefs are transparent here: a `remote_nonnull_string` field is
//! declared with its alias name but encoded as the `string<max>` it stands
//! for, so every declared limit is checked where the value is written or read.

use super::Context;
use crate::ir::{NamedKind, Scalar, Ty, TypeRef};
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// A Rust identifier (raw identifiers written `r#name` included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

fn scalar(s: Scalar) -> TokenStream {
    let i = Ident::new(s.rust(), Span::call_site());
    quote!(#i)
}

/// The path of a named type, relative to the generated module.
pub fn type_path(tref: &TypeRef) -> TokenStream {
    let name = ident(&tref.rust_name);
    match &tref.module {
        None => quote!(#name),
        Some(path) => {
            let path: TokenStream = path.parse().unwrap_or_else(|_| quote!(crate));
            quote!(#path::#name)
        }
    }
}

fn max_lit(max: Option<u32>) -> Literal {
    Literal::u32_unsuffixed(max.unwrap_or(u32::MAX))
}

/// The owned Rust type of `ty`.
pub fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::Scalar(s) => scalar(*s),
        Ty::Named(t) | Ty::Alias(t, _) => type_path(t),
        Ty::String(_) => quote!(::std::string::String),
        Ty::OpaqueFixed(n) => {
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!([u8; #n])
        }
        Ty::OpaqueVar(_) => quote!(::std::vec::Vec<u8>),
        Ty::FixedArray(t, n) => {
            let t = rust_type(t);
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!([#t; #n])
        }
        Ty::VarArray(t, _) => {
            let t = rust_type(t);
            quote!(::std::vec::Vec<#t>)
        }
        Ty::Optional(t, boxed) => {
            let t = rust_type(t);
            if *boxed {
                quote!(::std::option::Option<::std::boxed::Box<#t>>)
            } else {
                quote!(::std::option::Option<#t>)
            }
        }
    }
}

/// The unsized form a reference to `ty` takes (`str` for a string, `[T]`
/// for a vector).
fn borrowed_target(ty: &Ty) -> TokenStream {
    match ty.target() {
        Ty::String(_) => quote!(str),
        Ty::OpaqueVar(_) => quote!([u8]),
        Ty::VarArray(t, _) => {
            let t = rust_type(t);
            quote!([#t])
        }
        _ => rust_type(ty),
    }
}

/// True when `Option<T>::as_deref` gives the borrowed form (`String`,
/// `Vec` or `Box` inside).
fn derefs(ty: &Ty, boxed: bool) -> bool {
    boxed
        || matches!(
            ty.target(),
            Ty::String(_) | Ty::OpaqueVar(_) | Ty::VarArray(..)
        )
}

/// How a generated method takes an argument of type `ty`: `Copy` types by
/// value, everything else borrowed (`&str`, `&[u8]`, `&[T]`,
/// `Option<&T>`, `&T`).
pub fn param_type(cx: &Context<'_>, ty: &Ty) -> TokenStream {
    if cx.is_copy(ty) {
        return rust_type(ty);
    }
    match ty.target() {
        Ty::Optional(inner, _) => {
            let b = borrowed_target(inner);
            quote!(::std::option::Option<&#b>)
        }
        Ty::Named(_) => {
            let t = rust_type(ty);
            quote!(&#t)
        }
        // A list of strings takes `&[String]`, `&[&str]`, ...
        Ty::VarArray(elem, _) if matches!(elem.target(), Ty::String(_)) => {
            quote!(&[impl ::std::convert::AsRef<str>])
        }
        _ => {
            let b = borrowed_target(ty);
            quote!(&#b)
        }
    }
}

/// The value a parameter of `ty` named `name` is encoded from (a reference,
/// or for an optional an `Option<&T>`).
pub fn param_value(cx: &Context<'_>, ty: &Ty, name: &Ident) -> TokenStream {
    if cx.is_copy(ty) {
        quote!(&#name)
    } else {
        quote!(#name)
    }
}

/// Statements that encode `value` (an expression of type `&T`, or for a
/// parameter of optional type an `Option<&T>`) into `enc`.
pub fn encode(
    cx: &Context<'_>,
    ty: &Ty,
    value: TokenStream,
    field: &str,
    param: bool,
) -> TokenStream {
    let rt = cx.rt();
    match ty {
        Ty::Alias(_, target) => encode(cx, target, value, field, param),
        Ty::Scalar(_) | Ty::Named(_) => quote!(#rt::Encode::encode(#value, enc)?;),
        Ty::String(max) => {
            let max = max_lit(*max);
            quote!(enc.put_string(#value, #max, #field)?;)
        }
        Ty::OpaqueFixed(_) => quote!(enc.put_opaque_fixed(#value);),
        Ty::OpaqueVar(max) => {
            let max = max_lit(*max);
            quote!(enc.put_opaque(#value, #max, #field)?;)
        }
        Ty::FixedArray(t, n) => {
            let inner = encode(cx, t, quote!(v), field, false);
            let n = Literal::u32_unsuffixed(*n);
            quote!(enc.put_array_exact(#value, #n, #field, |enc, v| { #inner Ok(()) })?;)
        }
        Ty::VarArray(t, max) => {
            // A parameter list of strings holds `impl AsRef<str>` elements.
            let elem = if param && matches!(t.target(), Ty::String(_)) {
                quote!(v.as_ref())
            } else {
                quote!(v)
            };
            let inner = encode(cx, t, elem, field, false);
            let max = max_lit(*max);
            quote!(enc.put_array(#value, #max, #field, |enc, v| { #inner Ok(()) })?;)
        }
        Ty::Optional(t, boxed) => {
            let inner = encode(cx, t, quote!(v), field, false);
            let option = if param {
                value
            } else if derefs(t, *boxed) {
                quote!((#value).as_deref())
            } else {
                quote!((#value).as_ref())
            };
            quote!(enc.put_option(#option, |enc, v| { #inner Ok(()) })?;)
        }
    }
}

/// An expression that decodes a `ty` from `dec`.
pub fn decode(cx: &Context<'_>, ty: &Ty, field: &str) -> TokenStream {
    let rt = cx.rt();
    match ty {
        Ty::Alias(_, target) => decode(cx, target, field),
        Ty::Scalar(_) | Ty::Named(_) => quote!(#rt::Decode::decode(dec)?),
        Ty::String(max) => {
            let max = max_lit(*max);
            quote!(dec.get_string(#max, #field)?)
        }
        Ty::OpaqueFixed(n) => {
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!(dec.get_opaque_fixed::<#n>()?)
        }
        Ty::OpaqueVar(max) => {
            let max = max_lit(*max);
            quote!(dec.get_opaque(#max, #field)?)
        }
        Ty::FixedArray(t, n) => {
            let inner = decode(cx, t, field);
            let min = Literal::usize_unsuffixed(cx.min_size(t));
            let len = Literal::u32_unsuffixed(*n);
            quote! {{
                let items = dec.get_array_exact(#len, #min, #field, |dec| Ok(#inner))?;
                let len = items.len();
                match items.try_into() {
                    Ok(array) => array,
                    Err(_) => return Err(#rt::Error::FixedLengthMismatch { field: #field, expected: #len, len }),
                }
            }}
        }
        Ty::VarArray(t, max) => {
            let inner = decode(cx, t, field);
            let min = Literal::usize_unsuffixed(cx.min_size(t));
            let max = max_lit(*max);
            quote!(dec.get_array(#max, #min, #field, |dec| Ok(#inner))?)
        }
        Ty::Optional(t, boxed) => {
            let inner = decode(cx, t, field);
            if *boxed {
                quote!(dec.get_option(|dec| Ok(::std::boxed::Box::new(#inner)))?)
            } else {
                quote!(dec.get_option(|dec| Ok(#inner))?)
            }
        }
    }
}

/// True when `ty` names an enum (passed and stored by value).
pub fn is_enum(ty: &Ty) -> bool {
    matches!(
        ty.target(),
        Ty::Named(TypeRef {
            kind: NamedKind::Enum,
            ..
        })
    )
}
