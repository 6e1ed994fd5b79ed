//! The one mapping from XDR names to Rust names.
//!
//! - types: `remote_domain_get_info_args` → `DomainGetInfoArgs` (the
//!   program prefix is dropped, the rest is CamelCase). A type never takes
//!   a name of Rust's prelude (`String`, `Option`, `Result`, `Vec`, `Box`,
//!   `Some`, `None`, `Ok`, `Err`, ..., see [`RESERVED`]) nor the names of
//!   the runtime's `Error` and `rpc::Procedure`, so that
//!   `use proto::remote::*` shadows nothing: such a name keeps its prefix,
//!   `remote_string` → `RemoteString`, `remote_procedure` →
//!   `RemoteProcedure`, `remote_error` → `RemoteError` (and without a
//!   prefix to keep it gets a trailing `_`: `string` → `String_`);
//! - constants: `REMOTE_STRING_MAX` → `STRING_MAX`;
//! - fields and methods: `nrVirtCpu` → `nr_virt_cpu`, `type` → `r#type`;
//! - enum variants: the members' common `_`-separated prefix is dropped,
//!   `VIR_NET_CALL_WITH_FDS` → `CallWithFds`. Variants live in their
//!   enum's namespace, so `REMOTE_AUTH_NONE` → `AuthType::None` is fine.

/// Rust keywords that must be written as raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Names a generated type never takes: the items of Rust's prelude
/// (`std::prelude::v1`, derive macros included, then what the 2021 and
/// 2024 editions add), which a glob import of the generated module would
/// otherwise shadow; `Self`, a keyword CamelCase can produce; and the
/// runtime's `Error` and `rpc::Procedure`, which the generated signatures
/// name and users import beside the generated module.
pub const RESERVED: &[&str] = &[
    "Error",
    "Procedure",
    "Copy",
    "Send",
    "Sized",
    "Sync",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Box",
    "ToOwned",
    "Clone",
    "PartialEq",
    "PartialOrd",
    "Eq",
    "Ord",
    "AsRef",
    "AsMut",
    "Into",
    "From",
    "Default",
    "Iterator",
    "Extend",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "Debug",
    "Hash",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Future",
    "IntoFuture",
    "Self",
];

/// Keywords that cannot even be raw identifiers; they get a trailing `_`.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits an XDR name into words at `_` and at lower-to-upper case changes.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut word = String::new();
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = i > 0
                && c.is_ascii_uppercase()
                && (chars[i - 1].is_ascii_lowercase()
                    || chars[i - 1].is_ascii_digit()
                    || (chars[i - 1].is_ascii_uppercase()
                        && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())));
            if boundary && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

fn camel(words: &[String]) -> String {
    let mut s = String::new();
    for w in words {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            s.push(first.to_ascii_uppercase());
            s.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    s
}

/// Drops `prefix_` (any case) from the front of `name` when something that
/// can start an identifier remains.
pub fn strip_prefix<'a>(name: &'a str, prefix: &str) -> &'a str {
    if prefix.is_empty() || name.len() <= prefix.len() + 1 {
        return name;
    }
    let (head, rest) = name.split_at(prefix.len());
    match rest.strip_prefix('_') {
        Some(rest)
            if head.eq_ignore_ascii_case(prefix)
                && rest.starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            rest
        }
        _ => name,
    }
}

/// The Rust name of a type: prefix dropped, CamelCase; a [`RESERVED`]
/// name keeps its prefix, or gets a trailing `_` when there is none.
pub fn type_name(xdr: &str, prefix: &str) -> String {
    let name = camel_name(strip_prefix(xdr, prefix));
    if !RESERVED.contains(&name.as_str()) {
        return name;
    }
    let whole = camel_name(xdr);
    if whole != name && !RESERVED.contains(&whole.as_str()) {
        whole
    } else {
        format!("{name}_")
    }
}

/// CamelCase of a name, as is: for names scoped inside an item (enum
/// and union variants) and for the stems of generated item names.
pub fn camel_name(xdr: &str) -> String {
    camel(&words(xdr))
}

/// The Rust name of a constant: prefix dropped, SCREAMING_SNAKE_CASE kept.
pub fn const_name(xdr: &str, prefix: &str) -> String {
    let words = words(strip_prefix(xdr, prefix));
    words
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

/// The Rust name of a field or method: snake_case, keywords escaped.
pub fn snake_name(xdr: &str) -> String {
    let words = words(xdr);
    let s = words
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    escape(if s.is_empty() {
        "_field".to_string()
    } else {
        s
    })
}

/// Writes `name` so that it is a valid Rust identifier.
pub fn escape(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else {
        name
    }
}

/// How many leading `_`-separated words all the names share, keeping at
/// least one word of each.
pub fn common_word_prefix(split: &[Vec<&str>]) -> usize {
    let Some(first) = split.first() else {
        return 0;
    };
    let mut common = 0;
    while common + 1 < first.len()
        && split
            .iter()
            .all(|parts| parts.len() > common + 1 && parts[common] == first[common])
    {
        common += 1;
    }
    common
}

/// Variant names for enum members (or union case labels): the members'
/// common `_`-separated prefix dropped, CamelCase.
pub fn variant_names(members: &[&str]) -> Vec<String> {
    let split: Vec<Vec<&str>> = members.iter().map(|m| m.split('_').collect()).collect();
    let common = if members.len() > 1 {
        common_word_prefix(&split)
    } else {
        0
    };
    split
        .iter()
        .map(|parts| {
            let rest = parts[common..].join("_");
            let name = camel(&words(&rest));
            if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
                format!("V{name}")
            } else {
                name
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_lose_their_prefix_and_become_camel_case() {
        assert_eq!(
            type_name("remote_domain_get_info_args", "remote"),
            "DomainGetInfoArgs"
        );
        assert_eq!(
            type_name("remote_nonnull_string", "remote"),
            "NonnullString"
        );
        assert_eq!(type_name("virNetMessageHeader", ""), "VirNetMessageHeader");
        assert_eq!(
            type_name("qemu_domain_monitor_command_args", "qemu"),
            "DomainMonitorCommandArgs"
        );
        assert_eq!(
            type_name("remote_nonnull_domain", "qemu"),
            "RemoteNonnullDomain"
        );
    }

    #[test]
    fn types_never_take_a_prelude_or_runtime_name() {
        assert_eq!(type_name("remote_string", "remote"), "RemoteString");
        assert_eq!(type_name("admin_string", "admin"), "AdminString");
        assert_eq!(type_name("remote_option", "remote"), "RemoteOption");
        assert_eq!(type_name("demo_vec", "demo"), "DemoVec");
        assert_eq!(type_name("remote_none", "remote"), "RemoteNone");
        assert_eq!(type_name("result", ""), "Result_");
        assert_eq!(type_name("some", "remote"), "Some_");
        assert_eq!(type_name("remote_self", "remote"), "RemoteSelf");
        // The runtime's names as well.
        assert_eq!(type_name("remote_procedure", "remote"), "RemoteProcedure");
        assert_eq!(type_name("qemu_procedure", "qemu"), "QemuProcedure");
        assert_eq!(type_name("remote_error", "remote"), "RemoteError");
        // Only whole names are reserved.
        assert_eq!(
            type_name("remote_nonnull_string", "remote"),
            "NonnullString"
        );
        assert_eq!(type_name("remote_string_list", "remote"), "StringList");
        for name in RESERVED {
            let xdr = format!("remote_{}", words(name).join("_").to_ascii_lowercase());
            let rust = type_name(&xdr, "remote");
            assert!(!RESERVED.contains(&rust.as_str()), "{xdr} -> {rust}");
        }
    }

    #[test]
    fn fields_become_snake_case_with_keywords_escaped() {
        assert_eq!(snake_name("nrVirtCpu"), "nr_virt_cpu");
        assert_eq!(snake_name("cacheSize"), "cache_size");
        assert_eq!(snake_name("type"), "r#type");
        assert_eq!(snake_name("self"), "self_");
        assert_eq!(snake_name("hv_ver"), "hv_ver");
        assert_eq!(snake_name("int1"), "int1");
    }

    #[test]
    fn constants_keep_screaming_case_without_prefix() {
        assert_eq!(const_name("REMOTE_STRING_MAX", "remote"), "STRING_MAX");
        assert_eq!(const_name("REMOTE_PROGRAM", "remote"), "PROGRAM");
        assert_eq!(const_name("VIR_NET_MESSAGE_MAX", ""), "VIR_NET_MESSAGE_MAX");
    }

    #[test]
    fn variants_drop_the_common_prefix() {
        assert_eq!(
            variant_names(&["VIR_NET_CALL", "VIR_NET_CALL_WITH_FDS"]),
            ["Call", "CallWithFds"]
        );
        assert_eq!(
            variant_names(&["REMOTE_AUTH_NONE", "REMOTE_AUTH_SASL"]),
            ["None", "Sasl"]
        );
        assert_eq!(variant_names(&["A_1", "A_2"]), ["V1", "V2"]);
        assert_eq!(variant_names(&["ONLY_ONE"]), ["OnlyOne"]);
    }
}
