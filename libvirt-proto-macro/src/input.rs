//! The arguments of `include_protocol!`.

use libvirt_proto_codegen::codegen::ClientKinds;
use libvirt_proto_codegen::diag::Argument;
use libvirt_proto_codegen::expand::{Input, Request};
use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Ident, LitBool, LitInt, LitStr, Path, Token};

/// Parsed macro input: the request and the literal errors point at.
pub(crate) struct MacroInput {
    pub(crate) request: Request,
    /// The path (or `source`) literal.
    pub(crate) span: Span,
    /// The literal of each `extern` file, in order.
    pub(crate) extern_spans: Vec<Span>,
    /// The `api_xml` literal.
    pub(crate) api_xml_span: Option<Span>,
    /// The name of each `internal` procedure, in order.
    pub(crate) internal_spans: Vec<Span>,
}

impl MacroInput {
    /// The literal a diagnostic belongs on.
    pub(crate) fn span_for(&self, argument: Option<Argument>) -> Span {
        match argument {
            Some(Argument::Extern(i)) => self.extern_spans.get(i).copied().unwrap_or(self.span),
            Some(Argument::ApiXml) => self.api_xml_span.unwrap_or(self.span),
            Some(Argument::Internal(i)) => self.internal_spans.get(i).copied().unwrap_or(self.span),
            None => self.span,
        }
    }
}

fn parse_constants(input: ParseStream<'_>) -> syn::Result<Vec<(String, i128)>> {
    let content;
    braced!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        let name: Ident = content.parse()?;
        if out.iter().any(|(n, _)| name == n) {
            return Err(syn::Error::new(
                name.span(),
                format!("constant `{name}` is given twice"),
            ));
        }
        content.parse::<Token![=]>()?;
        let negative = content.parse::<Option<Token![-]>>()?.is_some();
        let value: LitInt = content.parse()?;
        let v: i128 = value.base10_parse()?;
        out.push((name.to_string(), if negative { -v } else { v }));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

fn parse_internal(input: ParseStream<'_>) -> syn::Result<Vec<Ident>> {
    let content;
    bracketed!(content in input);
    let mut out: Vec<Ident> = Vec::new();
    while !content.is_empty() {
        let name: Ident = content.parse()?;
        if out.contains(&name) {
            return Err(syn::Error::new(
                name.span(),
                format!("procedure `{name}` is given twice"),
            ));
        }
        out.push(name);
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

fn parse_externs(input: ParseStream<'_>) -> syn::Result<Vec<(String, String, Span)>> {
    let content;
    braced!(content in input);
    let mut out = Vec::new();
    while !content.is_empty() {
        let file: LitStr = content.parse()?;
        content.parse::<Token![=>]>()?;
        let path: Path = content.parse()?;
        out.push((
            file.value(),
            quote::quote!(#path).to_string().replace(' ', ""),
            file.span(),
        ));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(out)
}

impl Parse for MacroInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(input.error("expected the path of a .x file, e.g. include_protocol!(\"proto/remote_protocol.x\")"));
        }
        let mut request = Request::file(String::new());
        let span;
        if input.peek(LitStr) {
            let path: LitStr = input.parse()?;
            span = path.span();
            request.input = Input::File(path.value());
        } else {
            let key: Ident = input.parse()?;
            if key != "source" {
                return Err(syn::Error::new(
                    key.span(),
                    "expected the path of a .x file as a string literal, or `source = \"...\"`",
                ));
            }
            input.parse::<Token![=]>()?;
            let text: LitStr = input.parse()?;
            span = text.span();
            request.input = Input::Inline {
                name: "<inline source>".to_string(),
                text: text.value(),
            };
        }
        let mut seen = Vec::new();
        let mut extern_spans = Vec::new();
        let mut api_xml_span = None;
        let mut internal_spans = Vec::new();
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = if input.peek(Token![extern]) {
                let kw: Token![extern] = input.parse()?;
                Ident::new("extern", kw.span)
            } else if input.peek(Token![crate]) {
                let kw: Token![crate] = input.parse()?;
                Ident::new("crate", kw.span)
            } else {
                input.parse()?
            };
            let name = key.to_string();
            if seen.contains(&name) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("`{name}` is given twice"),
                ));
            }
            seen.push(name.clone());
            input.parse::<Token![=]>()?;
            match name.as_str() {
                "extern" => {
                    for (file, path, span) in parse_externs(input)? {
                        request.externs.push((file, path));
                        extern_spans.push(span);
                    }
                }
                "constants" => request.constants = parse_constants(input)?,
                "api_xml" => {
                    let lit: LitStr = input.parse()?;
                    api_xml_span = Some(lit.span());
                    request.api_xml = Some(lit.value());
                }
                "prefix" => request.prefix = Some(input.parse::<LitStr>()?.value()),
                "internal" => {
                    for name in parse_internal(input)? {
                        request.codegen.internal.push(name.to_string());
                        internal_spans.push(name.span());
                    }
                }
                "crate" => {
                    let path: Path = input.parse()?;
                    request.codegen.runtime = quote::quote!(#path).to_string();
                }
                "proptest" => request.codegen.proptest = input.parse::<LitBool>()?.value,
                "client" => {
                    let lit: LitStr = input.parse()?;
                    request.codegen.client = match lit.value().as_str() {
                        "both" => ClientKinds { asynchronous: true, blocking: true },
                        "async" => ClientKinds { asynchronous: true, blocking: false },
                        "blocking" => ClientKinds { asynchronous: false, blocking: true },
                        "none" => ClientKinds { asynchronous: false, blocking: false },
                        other => {
                            return Err(syn::Error::new(
                                lit.span(),
                                format!("unknown client kind `{other}`: expected \"both\", \"async\", \"blocking\" or \"none\""),
                            ))
                        }
                    };
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown argument `{name}`: expected one of `extern`, `api_xml`, `constants`, `prefix`, `client`, `internal`, `crate`, `proptest`"
                        ),
                    ))
                }
            }
        }
        Ok(Self {
            request,
            span,
            extern_spans,
            api_xml_span,
            internal_spans,
        })
    }
}

/// Turns macro input tokens into a request.
pub(crate) fn parse(tokens: TokenStream) -> syn::Result<MacroInput> {
    syn::parse2(tokens)
}
