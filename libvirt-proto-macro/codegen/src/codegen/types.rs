//! Structs, enums, unions and typedefs, with their `Encode`/`Decode` impls.

use super::codec::{self, ident, rust_type};
use super::{docs, Context};
use crate::ir::{Arm, Field, Scalar, Ty, TypeDef, TypeKind, Union, Variant};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Emits every type of the module.
pub fn emit(cx: &Context<'_>) -> TokenStream {
    let items = cx.module.types.iter().map(|def| match &def.kind {
        TypeKind::Struct(fields) => emit_struct(cx, def, fields),
        TypeKind::Enum(variants) => emit_enum(cx, def, variants),
        TypeKind::Union(u) => emit_union(cx, def, u),
        TypeKind::Typedef(ty) => emit_typedef(def, ty),
    });
    quote! { #(#items)* }
}

fn insert_note(insert: Option<u32>) -> Vec<String> {
    insert
        .map(|n| format!("libvirt's C API returns this through its parameter {n} (`insert@{n}`)."))
        .into_iter()
        .collect()
}

fn derives(cx: &Context<'_>, def: &TypeDef) -> TokenStream {
    if cx.def_is_eq(def, 0) {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    }
}

fn field_path(def: &TypeDef, f: &Field) -> String {
    format!("{}.{}", def.xdr_name, f.xdr_name)
}

fn emit_struct(cx: &Context<'_>, def: &TypeDef, fields: &[Field]) -> TokenStream {
    let rt = cx.rt();
    let name = ident(&def.rust_name);
    let alias = docs::alias(&def.xdr_name, &def.rust_name);
    let doc = docs::item(
        &def.doc,
        &format!("XDR struct `{}`.", def.xdr_name),
        &insert_note(def.insert),
    );
    let derives = derives(cx, def);
    let decls = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let ty = rust_type(&f.ty);
        let mut summary = format!("`{}`", f.xdr_name);
        if let Some(n) = f.insert {
            summary.push_str(&format!(" (C API parameter {n}, `insert@{n}`)"));
        }
        let fdoc = docs::member(&summary, f.comment.as_deref());
        quote! { #fdoc pub #fname: #ty, }
    });
    let encodes = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        codec::encode(cx, &f.ty, quote!(&self.#fname), &field_path(def, f), false)
    });
    let decodes = fields.iter().map(|f| {
        let fname = ident(&f.rust_name);
        let expr = codec::decode(cx, &f.ty, &field_path(def, f));
        quote!(#fname: #expr,)
    });
    quote! {
        #doc
        #alias
        #derives
        pub struct #name { #(#decls)* }

        impl #rt::Encode for #name {
            fn encode(&self, enc: &mut #rt::Encoder) -> #rt::Result<()> {
                #(#encodes)*
                Ok(())
            }
        }

        impl #rt::Decode for #name {
            fn decode(dec: &mut #rt::Decoder<'_>) -> #rt::Result<Self> {
                Ok(Self { #(#decodes)* })
            }
        }
    }
}

fn emit_enum(cx: &Context<'_>, def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let rt = cx.rt();
    let name = ident(&def.rust_name);
    let alias = docs::alias(&def.xdr_name, &def.rust_name);
    let doc = docs::item(
        &def.doc,
        &format!("XDR enum `{}`.", def.xdr_name),
        &[
            "Values this build does not know decode to `Unknown` and encode back unchanged."
                .to_string(),
        ],
    );
    let decls = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let alias = docs::alias(&v.xdr_name, &v.rust_name);
        let vdoc = docs::member(
            &format!("`{}` = {}", v.xdr_name, v.value),
            v.comment.as_deref(),
        );
        quote! { #vdoc #alias #vname, }
    });
    let to_value = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = Literal::i32_unsuffixed(v.value);
        quote!(Self::#vname => #value,)
    });
    let from_value = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = Literal::i32_unsuffixed(v.value);
        quote!(#value => Self::#vname,)
    });
    let names = variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let xdr = &v.xdr_name;
        quote!(Self::#vname => ::std::option::Option::Some(#xdr),)
    });
    quote! {
        #doc
        #alias
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#decls)*
            /// A value this build does not know.
            Unknown(i32),
        }

        impl #name {
            /// The value on the wire.
            pub const fn value(self) -> i32 {
                match self {
                    #(#to_value)*
                    Self::Unknown(v) => v,
                }
            }

            /// The member with this value, or `Unknown`.
            pub const fn from_value(v: i32) -> Self {
                match v {
                    #(#from_value)*
                    other => Self::Unknown(other),
                }
            }

            /// The member's name in the `.x` file, if known.
            pub const fn xdr_name(self) -> ::std::option::Option<&'static str> {
                match self {
                    #(#names)*
                    Self::Unknown(_) => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<#name> for i32 {
            fn from(v: #name) -> i32 {
                v.value()
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(v: i32) -> Self {
                Self::from_value(v)
            }
        }

        impl #rt::Encode for #name {
            fn encode(&self, enc: &mut #rt::Encoder) -> #rt::Result<()> {
                enc.put_i32(self.value());
                Ok(())
            }
        }

        impl #rt::Decode for #name {
            fn decode(dec: &mut #rt::Decoder<'_>) -> #rt::Result<Self> {
                dec.get_i32().map(Self::from_value)
            }
        }
    }
}

/// How a discriminant value is written as a constant of its Rust type and
/// read back as an `i64` for matching.
fn discriminant_exprs(u: &Union) -> (TokenStream, Box<dyn Fn(i64) -> TokenStream>) {
    let ty = rust_type(&u.discriminant);
    let as_i64 = match u.discriminant.target() {
        Ty::Scalar(Scalar::Bool) => quote!(i64::from(u8::from(d))),
        Ty::Scalar(_) => quote!(i64::from(d)),
        _ => quote!(i64::from(d.value())),
    };
    let ty2 = ty.clone();
    let make: Box<dyn Fn(i64) -> TokenStream> = match u.discriminant.target() {
        Ty::Scalar(Scalar::Bool) => Box::new(|v| if v != 0 { quote!(true) } else { quote!(false) }),
        Ty::Scalar(s) => {
            let s = *s;
            Box::new(move |v| {
                let lit = match s {
                    Scalar::UInt => Literal::u32_suffixed(v as u32),
                    Scalar::UChar => Literal::u8_suffixed(v as u8),
                    Scalar::UShort => Literal::u16_suffixed(v as u16),
                    Scalar::Char => Literal::i8_suffixed(v as i8),
                    Scalar::Short => Literal::i16_suffixed(v as i16),
                    _ => Literal::i32_suffixed(v as i32),
                };
                quote!(#lit)
            })
        }
        _ => Box::new(move |v| {
            let lit = Literal::i64_unsuffixed(v);
            quote!(#ty2::from_value(#lit))
        }),
    };
    (as_i64, make)
}

fn emit_union(cx: &Context<'_>, def: &TypeDef, u: &Union) -> TokenStream {
    let rt = cx.rt();
    let name = ident(&def.rust_name);
    let alias = docs::alias(&def.xdr_name, &def.rust_name);
    let union_name = &def.xdr_name;
    let doc = docs::item(&def.doc, &format!("XDR union `{}`.", def.xdr_name), &[]);
    let derives = derives(cx, def);
    let disc_ty = rust_type(&u.discriminant);
    let (as_i64, make_disc) = discriminant_exprs(u);
    let path = |f: &Field| format!("{}.{}", def.xdr_name, f.xdr_name);

    let mut decls = Vec::new();
    let mut disc_arms = Vec::new();
    let mut enc_arms = Vec::new();
    let mut dec_arms = Vec::new();
    for arm in &u.arms {
        let vname = ident(&arm.rust_name);
        let labels: Vec<String> = arm
            .cases
            .iter()
            .map(|(l, _)| format!("`case {l}:`"))
            .collect();
        let summary = match &arm.field {
            Some(f) => format!("{} `{}`", labels.join(" "), f.xdr_name),
            None => format!("{} `void`", labels.join(" ")),
        };
        let vdoc = docs::member(
            &summary,
            arm.field.as_ref().and_then(|f| f.comment.as_deref()),
        );
        let single = arm.cases.len() == 1;
        let values: Vec<TokenStream> = arm.cases.iter().map(|(_, v)| make_disc(*v)).collect();
        let raw: Vec<Literal> = arm
            .cases
            .iter()
            .map(|(_, v)| Literal::i64_unsuffixed(*v))
            .collect();
        let inner_ty = arm.field.as_ref().map(|f| rust_type(&f.ty));
        let enc_value = arm
            .field
            .as_ref()
            .map(|f| codec::encode(cx, &f.ty, quote!(v), &path(f), false));
        let dec_value = arm
            .field
            .as_ref()
            .map(|f| codec::decode(cx, &f.ty, &path(f)));
        let first = &values[0];
        match (single, inner_ty) {
            (true, Some(t)) => {
                decls.push(quote! { #vdoc #vname(#t), });
                disc_arms.push(quote!(Self::#vname(_) => #first,));
                enc_arms.push(
                    quote!(Self::#vname(v) => { #rt::Encode::encode(&#first, enc)?; #enc_value }),
                );
                dec_arms.push(quote!(#(#raw)|* => Self::#vname(#dec_value),));
            }
            (true, None) => {
                decls.push(quote! { #vdoc #vname, });
                disc_arms.push(quote!(Self::#vname => #first,));
                enc_arms.push(quote!(Self::#vname => { #rt::Encode::encode(&#first, enc)?; }));
                dec_arms.push(quote!(#(#raw)|* => Self::#vname,));
            }
            (false, t) => {
                let check = quote! {
                    let d = *discriminant;
                    if !matches!(#as_i64, #(#raw)|*) {
                        return Err(#rt::Error::InvalidDiscriminant { union: #union_name, value: #as_i64 });
                    }
                    #rt::Encode::encode(discriminant, enc)?;
                };
                match t {
                    Some(t) => {
                        decls.push(quote! { #vdoc #vname { #[doc = " The discriminant, one of this arm's case values."] discriminant: #disc_ty, #[doc = " The value."] value: #t }, });
                        disc_arms.push(quote!(Self::#vname { discriminant, .. } => *discriminant,));
                        enc_arms.push(quote!(Self::#vname { discriminant, value: v } => { #check #enc_value }));
                        dec_arms.push(quote!(#(#raw)|* => Self::#vname { discriminant: d, value: #dec_value },));
                    }
                    None => {
                        decls.push(quote! { #vdoc #vname { #[doc = " The discriminant, one of this arm's case values."] discriminant: #disc_ty }, });
                        disc_arms.push(quote!(Self::#vname { discriminant } => *discriminant,));
                        enc_arms.push(quote!(Self::#vname { discriminant } => { #check }));
                        dec_arms.push(quote!(#(#raw)|* => Self::#vname { discriminant: d },));
                    }
                }
            }
        }
    }
    let all_raw: Vec<Literal> = u
        .arms
        .iter()
        .flat_map(|a: &Arm| a.cases.iter().map(|(_, v)| Literal::i64_unsuffixed(*v)))
        .collect();
    let default_check = quote! {
        let d = *discriminant;
        if matches!(#as_i64, #(#all_raw)|*) {
            return Err(#rt::Error::InvalidDiscriminant { union: #union_name, value: #as_i64 });
        }
        #rt::Encode::encode(discriminant, enc)?;
    };
    let fallback = match &u.default {
        Some(Some(f)) => {
            let t = rust_type(&f.ty);
            let enc_value = codec::encode(cx, &f.ty, quote!(v), &path(f), false);
            let dec_value = codec::decode(cx, &f.ty, &path(f));
            let vdoc = docs::member(
                &format!("`default:` `{}`", f.xdr_name),
                f.comment.as_deref(),
            );
            decls.push(quote! { #vdoc Default { #[doc = " The discriminant, matching no case arm."] discriminant: #disc_ty, #[doc = " The value."] value: #t }, });
            disc_arms.push(quote!(Self::Default { discriminant, .. } => *discriminant,));
            enc_arms.push(
                quote!(Self::Default { discriminant, value: v } => { #default_check #enc_value }),
            );
            quote!(_ => Self::Default { discriminant: d, value: #dec_value },)
        }
        Some(None) => {
            decls.push(quote! { #[doc = " `default:` `void`"] Default { #[doc = " The discriminant, matching no case arm."] discriminant: #disc_ty }, });
            disc_arms.push(quote!(Self::Default { discriminant } => *discriminant,));
            enc_arms.push(quote!(Self::Default { discriminant } => { #default_check }));
            quote!(_ => Self::Default { discriminant: d },)
        }
        None => {
            quote!(other => return Err(#rt::Error::InvalidDiscriminant { union: #union_name, value: other }),)
        }
    };
    let disc_name = &u.discriminant_name;
    let disc_doc = format!(" The discriminant (`{disc_name}`).");
    quote! {
        #doc
        #alias
        #derives
        pub enum #name { #(#decls)* }

        impl #name {
            #[doc = #disc_doc]
            pub fn discriminant(&self) -> #disc_ty {
                match self { #(#disc_arms)* }
            }
        }

        impl #rt::Encode for #name {
            fn encode(&self, enc: &mut #rt::Encoder) -> #rt::Result<()> {
                match self { #(#enc_arms)* }
                Ok(())
            }
        }

        impl #rt::Decode for #name {
            fn decode(dec: &mut #rt::Decoder<'_>) -> #rt::Result<Self> {
                let d: #disc_ty = #rt::Decode::decode(dec)?;
                Ok(match #as_i64 {
                    #(#dec_arms)*
                    #fallback
                })
            }
        }
    }
}

fn emit_typedef(def: &TypeDef, ty: &Ty) -> TokenStream {
    let name = ident(&def.rust_name);
    let alias = docs::alias(&def.xdr_name, &def.rust_name);
    let target = rust_type(ty);
    let limits = match ty {
        Ty::String(Some(m)) | Ty::OpaqueVar(Some(m)) | Ty::VarArray(_, Some(m)) => {
            vec![format!(
                "At most {m} elements; longer values fail to encode and decode."
            )]
        }
        _ => Vec::new(),
    };
    let doc = docs::item(
        &def.doc,
        &format!("XDR typedef `{}`.", def.xdr_name),
        &limits,
    );
    quote! {
        #doc
        #alias
        pub type #name = #target;
    }
}
