//! `proptest::arbitrary::Arbitrary` for every type (option `proptest = true`),
//! so round trips can be checked over every generated type.
//!
//! Generated values respect the declared limits; strings and arrays are kept
//! short, and recursive optional data is generated absent.

use super::codec::{ident, rust_type};
use super::Context;
use crate::ir::{Scalar, Ty, TypeDef, TypeKind};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

fn strategy(ty: &Ty) -> TokenStream {
    let pt = quote!(::proptest);
    match ty {
        Ty::Scalar(Scalar::Float) => quote!((-1.0e6f32..1.0e6f32)),
        Ty::Scalar(Scalar::Double) => quote!((-1.0e12f64..1.0e12f64)),
        Ty::Scalar(_) | Ty::Named(_) => {
            let t = rust_type(ty);
            quote!(#pt::arbitrary::any::<#t>())
        }
        Ty::Alias(_, t) => strategy(t),
        Ty::String(max) => {
            let n = Literal::usize_unsuffixed((max.unwrap_or(u32::MAX) / 4).min(8) as usize);
            quote!(#pt::collection::vec(#pt::arbitrary::any::<char>(), 0..=#n).prop_map(|c| c.into_iter().collect::<::std::string::String>()))
        }
        Ty::OpaqueFixed(n) => {
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!(#pt::collection::vec(#pt::arbitrary::any::<u8>(), #n).prop_map(|v| {
                let mut a = [0u8; #n];
                a.copy_from_slice(&v);
                a
            }))
        }
        Ty::OpaqueVar(max) => {
            let n = Literal::usize_unsuffixed(max.unwrap_or(u32::MAX).min(16) as usize);
            quote!(#pt::collection::vec(#pt::arbitrary::any::<u8>(), 0..=#n))
        }
        Ty::FixedArray(t, n) => {
            let s = strategy(t);
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!(#pt::collection::vec(#s, #n).prop_filter_map("fixed length", |v| v.try_into().ok()))
        }
        Ty::VarArray(t, max) => {
            let s = strategy(t);
            let n = Literal::usize_unsuffixed(max.unwrap_or(u32::MAX).min(3) as usize);
            quote!(#pt::collection::vec(#s, 0..=#n))
        }
        Ty::Optional(_, true) => quote!(#pt::strategy::Just(::std::option::Option::None)),
        Ty::Optional(t, false) => {
            let s = strategy(t);
            quote!(#pt::option::of(#s))
        }
    }
}

/// Builds a strategy for several values as nested tuples of at most eight,
/// and the pattern that takes them apart.
fn tuple(
    strategies: Vec<TokenStream>,
    names: Vec<proc_macro2::Ident>,
) -> (TokenStream, TokenStream) {
    if strategies.len() <= 8 {
        return (quote!((#(#strategies,)*)), quote!((#(#names,)*)));
    }
    let mut s_chunks = Vec::new();
    let mut p_chunks = Vec::new();
    for (s, n) in strategies.chunks(8).zip(names.chunks(8)) {
        s_chunks.push(quote!((#(#s,)*)));
        p_chunks.push(quote!((#(#n,)*)));
    }
    (quote!((#(#s_chunks,)*)), quote!((#(#p_chunks,)*)))
}

fn body(cx: &Context<'_>, def: &TypeDef) -> Option<TokenStream> {
    let pt = quote!(::proptest);
    Some(match &def.kind {
        TypeKind::Typedef(_) => return None,
        TypeKind::Struct(fields) => {
            let names: Vec<_> = fields.iter().map(|f| ident(&f.rust_name)).collect();
            let (s, p) = tuple(
                fields.iter().map(|f| strategy(&f.ty)).collect(),
                names.clone(),
            );
            quote!(#s.prop_map(|#p| Self { #(#names),* }).boxed())
        }
        TypeKind::Enum(variants) => {
            let known = variants.iter().map(|v| Literal::i32_unsuffixed(v.value));
            quote!(#pt::prop_oneof![
                #pt::sample::select(::std::vec![#(#known),*]),
                #pt::arbitrary::any::<i32>(),
            ].prop_map(Self::from_value).boxed())
        }
        TypeKind::Union(u) => {
            let _ = cx;
            let disc = rust_type(&u.discriminant);
            let mut arms = Vec::new();
            for arm in &u.arms {
                let v = ident(&arm.rust_name);
                let values: Vec<TokenStream> = arm
                    .cases
                    .iter()
                    .map(|(_, x)| {
                        let lit = Literal::i64_unsuffixed(*x);
                        quote!(<#disc as ::std::convert::TryFrom<i64>>::try_from(#lit).ok())
                    })
                    .collect();
                arms.push(match (&arm.field, arm.cases.len()) {
                    (Some(f), 1) => {
                        let s = strategy(&f.ty);
                        quote!(#s.prop_map(Self::#v).boxed())
                    }
                    (None, 1) => quote!(#pt::strategy::Just(Self::#v).boxed()),
                    (field, _) => {
                        let pick = quote!(#pt::sample::select(::std::vec![#(#values),*].into_iter().flatten().collect::<::std::vec::Vec<#disc>>()));
                        match field {
                            Some(f) => {
                                let s = strategy(&f.ty);
                                quote!((#pick, #s).prop_map(|(discriminant, value)| Self::#v { discriminant, value }).boxed())
                            }
                            None => quote!(#pick.prop_map(|discriminant| Self::#v { discriminant }).boxed()),
                        }
                    }
                });
            }
            quote!(#pt::strategy::Union::new(::std::vec![#(#arms),*]).boxed())
        }
    })
}

/// The round-trip check of every type: encode, check the length is a
/// multiple of 4, decode, compare, and check that a strict prefix fails.
fn roundtrip_all(cx: &Context<'_>) -> TokenStream {
    let rt = cx.rt();
    let checks = cx
        .module
        .types
        .iter()
        .filter(|d| !matches!(d.kind, TypeKind::Typedef(_)))
        .map(|def| {
            let name = ident(&def.rust_name);
            let xdr = &def.xdr_name;
            quote! {
                roundtrip_one::<#name>(#xdr, &config)?;
                checked += 1;
            }
        });
    quote! {
        fn roundtrip_one<T>(name: &str, config: &::proptest::test_runner::Config) -> ::std::result::Result<(), ::std::string::String>
        where
            T: ::proptest::arbitrary::Arbitrary + #rt::Encode + #rt::Decode + ::std::cmp::PartialEq + ::std::fmt::Debug,
        {
            let mut runner = ::proptest::test_runner::TestRunner::new(config.clone());
            runner
                .run(&::proptest::arbitrary::any::<T>(), |value| {
                    let bytes = #rt::to_vec(&value)
                        .map_err(|e| ::proptest::test_runner::TestCaseError::fail(::std::format!("encode: {e}")))?;
                    ::proptest::prop_assert_eq!(bytes.len() % 4, 0);
                    let back: T = #rt::from_bytes(&bytes)
                        .map_err(|e| ::proptest::test_runner::TestCaseError::fail(::std::format!("decode: {e}")))?;
                    ::proptest::prop_assert_eq!(&back, &value);
                    if let Some(short) = bytes.len().checked_sub(1) {
                        ::proptest::prop_assert!(#rt::from_bytes::<T>(&bytes[..short]).is_err());
                    }
                    Ok(())
                })
                .map_err(|e| ::std::format!("{name}: {e}"))
        }

        /// Property-tests every type of this module: encoding is a multiple
        /// of 4 bytes, decoding gives the value back, and every strict
        /// prefix of an encoding fails to decode. Returns how many types
        /// were checked.
        pub fn roundtrip_all_types(config: ::proptest::test_runner::Config) -> ::std::result::Result<usize, ::std::string::String> {
            let mut checked = 0usize;
            #(#checks)*
            Ok(checked)
        }
    }
}

/// Emits the `Arbitrary` impls and the round-trip check.
pub fn emit(cx: &Context<'_>) -> TokenStream {
    let roundtrip = roundtrip_all(cx);
    let items = cx.module.types.iter().filter_map(|def| {
        let body = body(cx, def)?;
        let name = ident(&def.rust_name);
        Some(quote! {
            impl ::proptest::arbitrary::Arbitrary for #name {
                type Parameters = ();
                type Strategy = ::proptest::strategy::BoxedStrategy<Self>;
                fn arbitrary_with(_: ()) -> Self::Strategy {
                    use ::proptest::strategy::Strategy as _;
                    #body
                }
            }
        })
    });
    quote! { #(#items)* #roundtrip }
}
