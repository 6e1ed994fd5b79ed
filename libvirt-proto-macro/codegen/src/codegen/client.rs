//! The call traits: one thin method per callable procedure.
//!
//! For a program with stem `Remote` this writes
//!
//! - `RemoteCalls`, implemented for every `rpc::Call`: async methods;
//! - `RemoteBlockingCalls`, implemented for every `rpc::BlockingCall`.
//!
//! Each method spreads the fields of the `_args` struct as parameters,
//! encodes them straight into a message buffer (no intermediate struct),
//! hands the buffer to the transport and decodes the `_ret` struct. What it
//! returns follows the reply's shape:
//!
//! - no `_ret`: `()`;
//! - the `_ret` of a procedure whose `_args` have a `need_results` field
//!   (the `*_list_all_*` calls): the whole struct, list and count (`ret`).
//!   The C API allows `need_results = 0` to ask for the count alone, and
//!   then the list is empty; which of the two to trust is the caller's
//!   choice, so nothing is checked;
//! - a `_ret` of one field: that field;
//! - any other `_ret`: the whole struct.
//!
//! Procedures with `@readstream`/`@writestream` also return the transport's
//! stream. Event messages (`_msg`) are not methods: they arrive unasked.
//!
//! Procedures named in [`Options::internal`](super::Options::internal)
//! (opening and closing the connection, say, which a client library does
//! itself) are kept out of these public traits: their methods go to
//! `RemoteInternalCalls` and `RemoteInternalBlockingCalls`, which are
//! `pub(crate)`, for the invoking crate's own use.

use super::codec::{self, ident, rust_type};
use super::procedures::Names;
use super::{docs, Context};
use crate::ir::{Field, Procedure, Program, Ty, TypeKind};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// How a reply is turned into the method's return value.
enum Shape<'a> {
    Unit,
    Whole(TokenStream),
    Field(&'a Field),
}

/// The argument that says whether a list is wanted or only its count.
const NEED_RESULTS: &str = "need_results";

fn reply_shape<'a>(
    cx: &'a Context<'_>,
    args: &[(&Field, proc_macro2::Ident)],
    ret: &'a Option<Ty>,
) -> Shape<'a> {
    let Some(ty) = ret else { return Shape::Unit };
    let whole = Shape::Whole(rust_type(ty));
    if args.iter().any(|(f, _)| f.xdr_name == NEED_RESULTS) {
        return whole;
    }
    let Ty::Named(tref) = ty else { return whole };
    let Some(def) = cx.lookup(tref) else {
        return whole;
    };
    match &def.kind {
        TypeKind::Struct(fields) if fields.len() == 1 => Shape::Field(&fields[0]),
        _ => whole,
    }
}

fn params<'a>(cx: &'a Context<'_>, args: &Option<Ty>) -> Vec<(&'a Field, proc_macro2::Ident)> {
    let Some(Ty::Named(tref)) = args else {
        return Vec::new();
    };
    let Some(def) = cx.lookup(tref) else {
        return Vec::new();
    };
    let TypeKind::Struct(fields) = &def.kind else {
        return Vec::new();
    };
    fields.iter().map(|f| (f, ident(&f.rust_name))).collect()
}

struct Method {
    doc: TokenStream,
    name: proc_macro2::Ident,
    params: TokenStream,
    output: TokenStream,
    /// Builds the message (`rpc::message(...)`).
    message: TokenStream,
    /// Turns the reply body into the output (a non-capturing closure).
    decode: TokenStream,
    index: Literal,
    stream: bool,
}

fn method(cx: &Context<'_>, program: &Program, index: usize, p: &Procedure) -> Method {
    let rt = cx.rt();
    let args = params(cx, &p.args);
    // Arguments that are not a struct are passed whole.
    let whole_arg = match &p.args {
        Some(ty) if args.is_empty() => Some(ty),
        _ => None,
    };
    let mut param_tokens = Vec::new();
    let mut encodes = Vec::new();
    for (f, name) in &args {
        let ty = codec::param_type(cx, &f.ty);
        param_tokens.push(quote!(#name: #ty));
        let value = codec::param_value(cx, &f.ty, name);
        let path = format!(
            "{}.{}",
            p.args.as_ref().map_or(String::new(), type_xdr_name),
            f.xdr_name
        );
        encodes.push(codec::encode(cx, &f.ty, value, &path, true));
    }
    if let Some(ty) = whole_arg {
        let pty = codec::param_type(cx, ty);
        param_tokens.push(quote!(args: #pty));
        let value = codec::param_value(cx, ty, &format_ident!("args"));
        encodes.push(codec::encode(cx, ty, value, &type_xdr_name(ty), true));
    }

    let ret_ty = p.ret.as_ref().map(rust_type).unwrap_or_else(|| quote!(()));
    let (output, decode) = match reply_shape(cx, &args, &p.ret) {
        Shape::Unit => (quote!(()), quote!(|body| #rt::from_bytes::<()>(body))),
        Shape::Whole(t) => (t.clone(), quote!(|body| #rt::from_bytes::<#t>(body))),
        Shape::Field(f) => {
            let name = ident(&f.rust_name);
            (
                rust_type(&f.ty),
                quote!(|body| Ok(#rt::from_bytes::<#ret_ty>(body)?.#name)),
            )
        }
    };

    let mut text = format!(
        "Calls `{}`, procedure {} of `{}`.",
        p.xdr_name, p.number, program.xdr_name
    );
    if let Some(c) = &p.doc.comment {
        text.push_str("\n\n");
        text.push_str(&docs::escape(c));
    }
    text.push_str(&format!(
        "\n\nArguments: `{}`; reply: `{}`.",
        p.args.as_ref().map_or("void".to_string(), type_xdr_name),
        p.ret.as_ref().map_or("void".to_string(), type_xdr_name)
    ));
    let a = &p.annotations;
    let mut notes = Vec::new();
    if let Some(g) = &a.generate {
        notes.push(format!("`@generate: {g}`"));
    }
    notes.push(format!(
        "`@priority: {}`",
        if a.high_priority { "high" } else { "low" }
    ));
    notes.extend(a.acl.iter().map(|acl| format!("`@acl: {acl}`")));
    notes.extend(a.aclfilter.iter().map(|f| format!("`@aclfilter: {f}`")));
    if let Some(n) = a.readstream {
        notes.push(format!("`@readstream: {n}`"));
    }
    if let Some(n) = a.writestream {
        notes.push(format!("`@writestream: {n}`"));
    }
    if let Some(f) = &a.sparseflag {
        notes.push(format!("`@sparseflag: {f}`"));
    }
    text.push_str("\n\nAnnotations: ");
    text.push_str(&notes.join(", "));
    text.push('.');
    let stream = a.readstream.is_some() || a.writestream.is_some();
    if stream {
        text.push_str("\n\nAlso returns the data stream the call opens.");
    }
    let alias = &p.xdr_name;
    let lines = docs::lines(&text);
    let message = if encodes.is_empty() {
        quote!(#rt::rpc::message(|_| Ok(())))
    } else {
        quote!(#rt::rpc::message(|enc| { #(#encodes)* Ok(()) }))
    };
    Method {
        doc: quote!(#lines #[doc(alias = #alias)]),
        name: ident(&p.method),
        params: quote!(#(, #param_tokens)*),
        output,
        message,
        decode,
        index: Literal::usize_unsuffixed(index),
        stream,
    }
}

fn type_xdr_name(ty: &Ty) -> String {
    match ty {
        Ty::Named(t) | Ty::Alias(t, _) => t.xdr_name.clone(),
        other => rust_type(other).to_string(),
    }
}

/// The two flavours of call trait: what differs between them.
struct Flavour {
    /// Trait name after the program stem (`Calls`, `BlockingCalls`).
    suffix: &'static str,
    /// The runtime trait the transport implements (`Call`, `BlockingCall`).
    transport: &'static str,
    /// Runtime entry points for plain and stream procedures.
    entry: [&'static str; 2],
    /// Wraps a method's result type into its return type.
    returns: fn(TokenStream) -> TokenStream,
    /// How the trait's documentation describes its methods.
    kind: &'static str,
}

const ASYNC: Flavour = Flavour {
    suffix: "Calls",
    transport: "Call",
    entry: ["call", "call_with_stream"],
    returns: |result| quote!(impl ::std::future::Future<Output = #result> + Send),
    kind: "an async",
};

const BLOCKING: Flavour = Flavour {
    suffix: "BlockingCalls",
    transport: "BlockingCall",
    entry: ["call_blocking", "call_with_stream_blocking"],
    returns: |result| result,
    kind: "a blocking",
};

/// Whether a trait holds the public methods or the internal ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Audience {
    Public,
    Internal,
}

/// The call traits of one program in one flavour.
struct Traits<'a> {
    cx: &'a Context<'a>,
    program: &'a Program,
    table: &'a proc_macro2::Ident,
    flavour: &'a Flavour,
    /// The procedures kept internal, by XDR name.
    internal: &'a [&'a str],
}

impl Traits<'_> {
    fn emit(&self, methods: &[Method], audience: Audience) -> TokenStream {
        let Self {
            cx,
            program,
            table,
            flavour,
            internal,
        } = *self;
        let rt = cx.rt();
        let transport = format_ident!("{}", flavour.transport);
        let runtime = cx.options.runtime.replace(' ', "");
        let kind = flavour.kind;
        let (name, doc, vis, allow) = match audience {
            Audience::Public => {
                let mut doc = format!(
                    " Every procedure of `{}` as {kind} method, for any [`{t}`]({runtime}::rpc::{t}) transport.",
                    program.xdr_name,
                    t = flavour.transport,
                );
                if !internal.is_empty() {
                    let names: Vec<String> = internal.iter().map(|n| format!("`{n}`")).collect();
                    doc.push_str(&format!(
                        "\n\n Except {}, kept for the generating crate's own use.",
                        names.join(", ")
                    ));
                }
                let name = format_ident!("{}{}", program.stem, flavour.suffix);
                (name, doc, quote!(pub), TokenStream::new())
            }
            // Visible in the invoking crate only, which may use some of them.
            Audience::Internal => {
                let doc = format!(
                    " The procedures of `{}` kept out of the public traits, each as {kind} \
                     method, for this crate's own use.",
                    program.xdr_name
                );
                let name = format_ident!("{}Internal{}", program.stem, flavour.suffix);
                (name, doc, quote!(pub(crate)), quote!(#[allow(dead_code)]))
            }
        };
        let items = methods.iter().map(|m| {
            let Method {
                doc,
                name,
                params,
                output,
                message,
                decode,
                index,
                stream,
            } = m;
            let (entry, out_ty) = if *stream {
                (
                    format_ident!("{}", flavour.entry[1]),
                    quote!((#output, Self::Stream)),
                )
            } else {
                (format_ident!("{}", flavour.entry[0]), quote!(#output))
            };
            let returns = (flavour.returns)(quote!(::std::result::Result<#out_ty, Self::Error>));
            quote! {
                #doc
                fn #name(&self #params) -> #returns {
                    #rt::rpc::#entry(self, &#table[#index], #message, #decode)
                }
            }
        });
        quote! {
            #[doc = #doc]
            #allow
            #vis trait #name: #rt::rpc::#transport {
                #(#items)*
            }

            impl<T: #rt::rpc::#transport + ?Sized> #name for T {}
        }
    }
}

/// True when `p`, a procedure of `program`, is named in `internal`: by its
/// name without the `<PREFIX>_PROC_` part (`CONNECT_OPEN`) or whole
/// (`REMOTE_PROC_CONNECT_OPEN`, or an RFC 5531 procedure's name).
pub fn is_named(program: &Program, p: &Procedure, name: &str) -> bool {
    if p.xdr_name == name {
        return true;
    }
    let stem = program.xdr_name.strip_suffix("_PROGRAM");
    p.variant.is_some()
        && stem.is_some_and(|stem| {
            p.xdr_name
                .strip_prefix(stem)
                .and_then(|rest| rest.strip_prefix("_PROC_"))
                == Some(name)
        })
}

fn emit_program(cx: &Context<'_>, program: &Program) -> TokenStream {
    let table = Names::of(cx, program).table;
    let (mut public, mut internal, mut internal_names) = (Vec::new(), Vec::new(), Vec::new());
    for (i, p) in program.procedures.iter().enumerate() {
        if p.msg.is_some() {
            continue;
        }
        let m = method(cx, program, i, p);
        if cx.options.internal.iter().any(|n| is_named(program, p, n)) {
            internal.push(m);
            internal_names.push(p.xdr_name.as_str());
        } else {
            public.push(m);
        }
    }
    let mut out = TokenStream::new();
    let flavours = [
        (cx.options.client.asynchronous, &ASYNC),
        (cx.options.client.blocking, &BLOCKING),
    ];
    for (_, flavour) in flavours.into_iter().filter(|(wanted, _)| *wanted) {
        let traits = Traits {
            cx,
            program,
            table: &table,
            flavour,
            internal: &internal_names,
        };
        out.extend(traits.emit(&public, Audience::Public));
        if !internal.is_empty() {
            out.extend(traits.emit(&internal, Audience::Internal));
        }
    }
    out
}

/// Emits the call traits of every program.
pub fn emit(cx: &Context<'_>) -> TokenStream {
    if !cx.options.client.asynchronous && !cx.options.client.blocking {
        return TokenStream::new();
    }
    let items = cx
        .module
        .programs
        .iter()
        .filter(|p| p.procedures.iter().any(|p| p.msg.is_none()))
        .map(|p| emit_program(cx, p));
    quote! { #(#items)* }
}
