//! Every enum group of the API description as a Rust type: an `enum` that
//! keeps values it does not know (`Unknown(i32)`), or a `bitflags` set
//! for flag groups.
//!
//! ```text
//! virDomainState            -> enum DomainState { Nostate, Running, ..., Unknown(i32) }
//! virConnectListAllDomainsFlags -> bitflags ConnectListAllDomainsFlags { ACTIVE, INACTIVE, ... }
//! ```
//!
//! Names drop `vir`/`VIR_` and the prefix the group's values share; each
//! item carries its C name as `#[doc(alias)]` and its documentation.

use super::model::{Api, EnumGroup, EnumValue};
use crate::codegen::docs;
use crate::naming;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// The Rust name of a C type name (`virDomainState` -> `DomainState`).
pub fn type_name(c_name: &str) -> String {
    let rest = c_name.strip_prefix("vir").unwrap_or(c_name);
    let mut s = String::new();
    let mut chars = rest.chars();
    if let Some(c) = chars.next() {
        s.push(c.to_ascii_uppercase());
    }
    s.extend(chars);
    s
}

/// The values that name real members: sentinels (`..._LAST`) are left to
/// the constants module.
pub fn members(group: &EnumGroup) -> Vec<&EnumValue> {
    group
        .values
        .iter()
        .filter(|v| !v.name.ends_with("_LAST"))
        .collect()
}

/// The member names of a group once their shared prefix is dropped, in
/// the order of `members`: `(CamelCase, SCREAMING_CASE)`.
pub fn member_names(group: &EnumGroup) -> Vec<(String, String)> {
    let values = members(group);
    let split: Vec<Vec<&str>> = values.iter().map(|v| v.name.split('_').collect()).collect();
    // How many leading words each member drops.
    let drop: Vec<usize> = match split.as_slice() {
        [] => Vec::new(),
        [one] => vec![single_prefix(&group.name, one)],
        _ => {
            let common = naming::common_word_prefix(&split);
            // Almost every member of a plain enum sharing one more word
            // (`VIR_ERR_*` beside a few `VIR_WAR_*`): those drop it too.
            let next = longer_majority_prefix(&split, common);
            split
                .iter()
                .map(|parts| match next {
                    Some(word) if !group.is_flags() && parts[common] == word => common + 1,
                    _ => common,
                })
                .collect()
        }
    };
    split
        .iter()
        .zip(drop)
        .map(|(parts, common)| {
            let mut start = common;
            // A name may not start with a digit: keep one more word.
            while start > 0 && parts[start].starts_with(|c: char| c.is_ascii_digit()) {
                start -= 1;
            }
            let rest = parts[start..].join("_");
            let camel: String = rest
                .split('_')
                .filter(|w| !w.is_empty())
                .map(|w| {
                    let lower = w.to_ascii_lowercase();
                    let mut c = lower.chars();
                    match c.next() {
                        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                        None => String::new(),
                    }
                })
                .collect();
            let camel = naming::escape(camel);
            let upper = naming::escape(rest.to_ascii_uppercase());
            (camel, upper)
        })
        .collect()
}

/// The word after the common prefix that at least nine members in ten
/// share (and that leaves each of them a word), if any.
fn longer_majority_prefix<'a>(split: &[Vec<&'a str>], common: usize) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for parts in split.iter().filter(|p| p.len() > common + 1) {
        match counts.iter_mut().find(|(w, _)| *w == parts[common]) {
            Some((_, n)) => *n += 1,
            None => counts.push((parts[common], 1)),
        }
    }
    let (word, n) = counts.into_iter().max_by_key(|(_, n)| *n)?;
    (n < split.len() && n * 10 >= split.len() * 9).then_some(word)
}

/// The words a group's only member drops: `VIR_` and those that spell the
/// type's name (`virTypedParameterFlags`: `VIR_TYPED_PARAM_STRING_OKAY`
/// is `STRING_OKAY`), keeping at least one.
fn single_prefix(type_name: &str, parts: &[&str]) -> usize {
    let mut type_words: Vec<String> = Vec::new();
    for c in type_name.trim_start_matches("vir").chars() {
        match type_words.last_mut() {
            Some(w) if !c.is_ascii_uppercase() => w.push(c.to_ascii_lowercase()),
            _ => type_words.push(c.to_ascii_lowercase().to_string()),
        }
    }
    let mut drop = usize::from(parts.first() == Some(&"VIR"));
    let mut words = type_words.iter().peekable();
    while drop + 1 < parts.len() {
        let part = parts[drop].to_ascii_lowercase();
        // `CPU` is three one-letter words of the camel type name.
        let mut spelled = String::new();
        while spelled.len() < part.len() {
            match words.next() {
                Some(w) => spelled.push_str(w),
                None => break,
            }
        }
        if spelled.is_empty() || !spelled.starts_with(&part) {
            break;
        }
        drop += 1;
    }
    drop
}
/// Every group: enums and flag sets.
pub fn emit(api: &Api) -> TokenStream {
    api.enums
        .iter()
        .map(|g| if g.is_flags() { flags(g) } else { plain(g) })
        .collect()
}

fn value_doc(v: &EnumValue) -> TokenStream {
    let mut text = if v.info.is_empty() {
        format!("`{}`", v.name)
    } else {
        format!("{} (`{}`)", docs::escape(&v.info), v.name)
    };
    if !v.version.is_empty() {
        text.push_str(&format!("\n\nSince libvirt {}.", v.version));
    }
    let name = &v.name;
    quote! { #[doc = #text] #[doc(alias = #name)] }
}

fn group_doc(g: &EnumGroup, what: &str) -> TokenStream {
    let mut text = String::new();
    if g.info.is_empty() {
        text.push_str(&format!("libvirt's `{}`.", g.name));
    } else {
        text.push_str(&docs::escape(&g.info));
    }
    text.push_str(&format!("\n\n{what} of C's `{}`", g.name));
    if !g.version.is_empty() {
        text.push_str(&format!(", since libvirt {}", g.version));
    }
    text.push('.');
    let name = &g.name;
    quote! { #[doc = #text] #[doc(alias = #name)] }
}

fn plain(g: &EnumGroup) -> TokenStream {
    let name = format_ident!("{}", type_name(&g.name));
    let values = members(g);
    let names = member_names(g);
    let mut variants = Vec::new();
    let mut from_arms = Vec::new();
    let mut to_arms = Vec::new();
    let mut c_arms = Vec::new();
    let mut aliases = Vec::new();
    let mut seen: Vec<(i128, Ident)> = Vec::new();
    // A member named like the catch-all takes the type's last word
    // (`DomainBlockedReason`: `UnknownReason`).
    let last_word = {
        let t = type_name(&g.name);
        let at = t.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
        t[at..].to_string()
    };
    for (v, (camel, _)) in values.iter().zip(&names) {
        let camel = if camel == "Unknown" {
            format!("Unknown{last_word}")
        } else {
            camel.clone()
        };
        let ident = format_ident!("{}", camel);
        let doc = value_doc(v);
        let lit = Literal::i32_unsuffixed(v.value as i32);
        if let Some((_, first)) = seen.iter().find(|(value, _)| *value == v.value) {
            // Another name for a value already listed.
            let alias = format_ident!("{}", camel.to_ascii_uppercase());
            aliases.push(quote! { #doc pub const #alias: Self = Self::#first; });
            continue;
        }
        seen.push((v.value, ident.clone()));
        variants.push(quote! { #doc #ident, });
        from_arms.push(quote! { #lit => Self::#ident, });
        to_arms.push(quote! { Self::#ident => #lit, });
        let c_name = &v.name;
        c_arms.push(quote! { Self::#ident => ::core::option::Option::Some(#c_name), });
    }
    let doc = group_doc(g, "The values");
    let alias_impl = if aliases.is_empty() {
        quote!()
    } else {
        quote! { impl #name { #(#aliases)* } }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this version of the client does not know (sent by a
            /// newer libvirt).
            Unknown(i32),
        }
        impl #name {
            /// The value as libvirt's C API and the wire give it.
            pub const fn to_raw(self) -> i32 {
                match self {
                    #(#to_arms)*
                    Self::Unknown(v) => v,
                }
            }
            /// The member for a value; values this client does not know
            /// are kept as [`Self::Unknown`].
            pub const fn from_raw(value: i32) -> Self {
                match value {
                    #(#from_arms)*
                    v => Self::Unknown(v),
                }
            }
            /// The member's name in libvirt's C API; `None` for
            /// [`Self::Unknown`].
            pub const fn c_name(self) -> ::core::option::Option<&'static str> {
                match self {
                    #(#c_arms)*
                    Self::Unknown(_) => ::core::option::Option::None,
                }
            }
        }
        #alias_impl
        impl ::core::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                Self::from_raw(value)
            }
        }
        impl ::core::convert::From<#name> for i32 {
            fn from(value: #name) -> i32 {
                value.to_raw()
            }
        }
    }
}

fn flags(g: &EnumGroup) -> TokenStream {
    let name = format_ident!("{}", type_name(&g.name));
    let values = members(g);
    let names = member_names(g);
    let consts = values.iter().zip(&names).map(|(v, (_, upper))| {
        let ident = format_ident!("{}", upper);
        let doc = value_doc(v);
        // Flag words are `unsigned int` in C; masks such as `1U << 31` and
        // negative values (`-1` for "all") keep their bits.
        let lit = Literal::u32_unsuffixed(v.value as u32);
        quote! { #doc const #ident = #lit; }
    });
    let doc = group_doc(g, "The flags");
    quote! {
        ::bitflags::bitflags! {
            #doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            pub struct #name: u32 {
                #(#consts)*
                // Bits a newer libvirt defines are kept.
                const _ = !0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, values: &[(&str, i128)]) -> EnumGroup {
        EnumGroup {
            name: name.into(),
            info: String::new(),
            version: String::new(),
            values: values
                .iter()
                .map(|(n, v)| EnumValue {
                    name: (*n).into(),
                    value: *v,
                    info: String::new(),
                    version: String::new(),
                    bitshift: false,
                })
                .collect(),
        }
    }

    #[test]
    fn names_drop_the_shared_prefix() {
        let g = group(
            "virDomainState",
            &[
                ("VIR_DOMAIN_NOSTATE", 0),
                ("VIR_DOMAIN_RUNNING", 1),
                ("VIR_DOMAIN_PMSUSPENDED", 7),
                ("VIR_DOMAIN_LAST", 8),
            ],
        );
        assert_eq!(type_name(&g.name), "DomainState");
        let names = member_names(&g);
        assert_eq!(names.len(), 3);
        assert_eq!(names[1], ("Running".to_string(), "RUNNING".to_string()));
    }

    #[test]
    fn names_never_start_with_a_digit() {
        let g = group("virX", &[("VIR_X_KEY_1", 1), ("VIR_X_KEY_2", 2)]);
        assert_eq!(member_names(&g)[0].0, "Key1");
    }

    #[test]
    fn one_member_drops_the_words_of_its_type() {
        let g = group("virOne", &[("VIR_ONE_THING", 1)]);
        assert_eq!(member_names(&g)[0].1, "THING");
        let g = group(
            "virTypedParameterFlags",
            &[("VIR_TYPED_PARAM_STRING_OKAY", 4)],
        );
        assert_eq!(member_names(&g)[0].1, "STRING_OKAY");
        let g = group(
            "virDomainBlockJobInfoFlags",
            &[("VIR_DOMAIN_BLOCK_JOB_INFO_BANDWIDTH_BYTES", 1)],
        );
        assert_eq!(member_names(&g)[0].1, "BANDWIDTH_BYTES");
        let g = group(
            "virNodeGetCPUStatsAllCPUs",
            &[("VIR_NODE_CPU_STATS_ALL_CPUS", -1)],
        );
        assert_eq!(member_names(&g)[0].0, "CpuStatsAllCpus");
        let g = group("virX", &[("VIR_X", 1)]);
        assert_eq!(member_names(&g)[0].1, "X");
    }

    #[test]
    fn a_few_outliers_do_not_keep_the_majority_prefix() {
        let mut values = vec![("VIR_WAR_NO_NETWORK", 41)];
        let names: Vec<String> = (0..10).map(|i| format!("VIR_ERR_CODE_{i}")).collect();
        for (i, n) in names.iter().enumerate() {
            values.push((n.as_str(), i as i128));
        }
        let g = group("virErrorNumber", &values);
        let got = member_names(&g);
        assert!(got.iter().any(|(c, _)| c == "WarNoNetwork"), "{got:?}");
        assert!(got.iter().any(|(c, _)| c == "Code1"), "{got:?}");
    }
}
