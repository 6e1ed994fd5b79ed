//! Documentation of generated items, from the `.x` source.

use crate::ir::Doc;
use proc_macro2::TokenStream;
use quote::quote;

/// Makes `.x` comment text safe as Markdown: no HTML tags, no intra-doc
/// links, no indented code blocks (which rustdoc would compile).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for c in line.trim_start().chars() {
            match c {
                '<' | '>' | '[' | ']' | '`' | '*' | '_' | '#' | '|' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
    out
}

/// One `#[doc]` attribute holding all of `text` (one attribute per item
/// rather than per line keeps the expansion small).
pub fn lines(text: &str) -> TokenStream {
    let mut doc = String::with_capacity(text.len() + 16);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            doc.push('\n');
        }
        if !line.is_empty() {
            doc.push(' ');
            doc.push_str(line);
        }
    }
    quote! { #[doc = #doc] }
}

/// The documentation of a definition: its comment, the definition quoted
/// verbatim, where it comes from; plus `extra` paragraphs.
pub fn item(doc: &Doc, summary: &str, extra: &[String]) -> TokenStream {
    let mut text = String::new();
    text.push_str(summary);
    if let Some(comment) = &doc.comment {
        text.push_str("\n\n");
        text.push_str(&escape(comment));
    }
    for e in extra {
        text.push_str("\n\n");
        text.push_str(e);
    }
    text.push_str("\n\n```text\n");
    text.push_str(&doc.definition.replace("```", "'''"));
    text.push_str("\n```\n\nDefined at `");
    text.push_str(&doc.origin);
    text.push('`');
    lines(&text)
}

/// The short documentation of a field, variant or arm.
pub fn member(summary: &str, comment: Option<&str>) -> TokenStream {
    let mut text = summary.to_string();
    if let Some(c) = comment {
        text.push_str("\n\n");
        text.push_str(&escape(c));
    }
    lines(&text)
}

/// `#[doc(alias = "xdr_name")]`, unless the Rust name is already that.
pub fn alias(xdr_name: &str, rust_name: &str) -> TokenStream {
    if xdr_name == rust_name.trim_start_matches("r#") {
        TokenStream::new()
    } else {
        quote!(#[doc(alias = #xdr_name)])
    }
}
