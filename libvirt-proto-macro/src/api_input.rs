//! The arguments of `include_api!`.

use libvirt_proto_codegen::api::ApiRequest;
use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Path, Token};

/// Parsed `include_api!` input.
pub(crate) struct ApiInput {
    pub(crate) request: ApiRequest,
    /// The API XML literal, where errors are shown.
    pub(crate) span: Span,
}

impl Parse for ApiInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let xml: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the path of libvirt's API XML, e.g. include_api!(\"api/libvirt-api.xml\", ...)",
            )
        })?;
        let mut protocol = None;
        let mut raw = None;
        let mut api = None;
        let mut coverage = None;
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let name = key.to_string();
            let twice = || syn::Error::new(key.span(), format!("`{name}` is given twice"));
            match name.as_str() {
                "protocol" if protocol.is_none() => {
                    protocol = Some(input.parse::<LitStr>()?.value())
                }
                "coverage" if coverage.is_none() => {
                    coverage = Some(input.parse::<LitStr>()?.value())
                }
                "raw" if raw.is_none() => raw = Some(path_text(input.parse()?)),
                "api" if api.is_none() => api = Some(path_text(input.parse()?)),
                "protocol" | "coverage" | "raw" | "api" => return Err(twice()),
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("unknown argument `{name}`: expected one of `protocol`, `raw`, `api`, `coverage`"),
                    ))
                }
            }
        }
        let missing =
            |what: &str| syn::Error::new(xml.span(), format!("include_api! needs `{what} = ...`"));
        Ok(Self {
            request: ApiRequest {
                api_xml: xml.value(),
                protocol: protocol.ok_or_else(|| missing("protocol"))?,
                raw: raw.ok_or_else(|| missing("raw"))?,
                api: api.ok_or_else(|| missing("api"))?,
                coverage,
            },
            span: xml.span(),
        })
    }
}

fn path_text(path: Path) -> String {
    quote::quote!(#path).to_string().replace(' ', "")
}

/// Turns macro input tokens into a request.
pub(crate) fn parse(tokens: TokenStream) -> syn::Result<ApiInput> {
    syn::parse2(tokens)
}
