//! The methods of the object handles, one per public C function that has
//! a remote procedure of the same name.
//!
//! `virDomainGetXMLDesc` is declared on `virDomainPtr` and matches
//! `REMOTE_PROC_DOMAIN_GET_XML_DESC`, so `Domain` gets
//!
//! ```text
//! pub async fn get_xml_desc(&self, flags: DomainXMLFlags) -> Result<String>
//! ```
//!
//! calling the raw method `domain_get_xml_desc` of the protocol's call
//! trait, and the blocking `Domain` the same method without `async`.
//!
//! - The object is chosen by the function's prefix (`virStorageVol`,
//!   `virDomainSnapshot`, ...; `virNode*` functions go to `Connect` and
//!   keep `node_`). A method whose first wire argument is the object takes
//!   `&self`; others (`virDomainLookupByName`) are associated functions
//!   taking the connection first.
//! - Arguments: objects as handles, typed parameters as `TypedParams` or
//!   the family's struct, `flags` as the flag type the C documentation
//!   names, UUIDs as `Uuid`; `need_results` is not shown (always 1) and
//!   the `nparams` of typed-parameter getters is the C library's two-call
//!   exchange (ask for the count, then fetch). The getters to which the C
//!   library adds `VIR_TYPED_PARAM_STRING_OKAY` get it too.
//! - Replies: objects as handles, `virXIs*`/`virXHas*` answers as `bool`,
//!   lists of `*_list_all_*` as lists, typed parameters as above, anything
//!   else as the raw reply.
//!
//! Functions in the coverage file are skipped; any other function this
//! cannot map is a compile error that names it, so that every function is
//! generated, written by hand, or excluded with a reason.
//!
//! The generated code expects these items of the API module (`api`):
//! `Connect` with `client()`; each handle type with `connect()`, `raw()`
//! and `from_raw(&Connect, raw)`; `Result`, `TypedParams`,
//! `TypedParamsStruct`; `blocking::X` for each handle with `inner()`,
//! `runner()`, `block_on(future)` and `new(inner, runner)`.

use super::coverage::Coverage;
use super::enums::type_name;
use super::model::{Api, EnumGroup, Function};
use super::params;
use crate::codegen::{codec, docs, Context, Options};
use crate::diag::Diag;
use crate::ir::{Field, Module, Procedure, Scalar, Ty, TypeKind};
use crate::naming;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// A function that got a generated method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The C function.
    pub function: String,
    /// The handle type.
    pub object: String,
    /// The method.
    pub method: String,
}

/// A handle type and the C functions it holds.
struct Class {
    /// Prefix of the C functions.
    c_prefix: &'static str,
    /// The handle type.
    rust: &'static str,
    /// The wire type of the object, if it is one on the wire.
    nonnull: Option<&'static str>,
    /// Kept at the front of method names.
    keep_prefix: bool,
    /// The wire names the object by a `name` string rather than a struct
    /// (node devices).
    by_name: bool,
}

/// Longest prefixes first.
const CLASSES: &[Class] = &[
    class(
        "virDomainSnapshot",
        "DomainSnapshot",
        "remote_nonnull_domain_snapshot",
    ),
    class(
        "virDomainCheckpoint",
        "DomainCheckpoint",
        "remote_nonnull_domain_checkpoint",
    ),
    class("virDomain", "Domain", "remote_nonnull_domain"),
    class(
        "virNetworkPort",
        "NetworkPort",
        "remote_nonnull_network_port",
    ),
    class("virNetwork", "Network", "remote_nonnull_network"),
    class("virInterface", "Interface", "remote_nonnull_interface"),
    class(
        "virStoragePool",
        "StoragePool",
        "remote_nonnull_storage_pool",
    ),
    class("virStorageVol", "StorageVol", "remote_nonnull_storage_vol"),
    Class {
        c_prefix: "virNodeDevice",
        rust: "NodeDevice",
        nonnull: Some("remote_nonnull_node_device"),
        keep_prefix: false,
        by_name: true,
    },
    Class {
        c_prefix: "virNode",
        rust: "Connect",
        nonnull: None,
        keep_prefix: true,
        by_name: false,
    },
    class("virSecret", "Secret", "remote_nonnull_secret"),
    class(
        "virNWFilterBinding",
        "NWFilterBinding",
        "remote_nonnull_nwfilter_binding",
    ),
    class("virNWFilter", "NWFilter", "remote_nonnull_nwfilter"),
    Class {
        c_prefix: "virConnect",
        rust: "Connect",
        nonnull: None,
        keep_prefix: false,
        by_name: false,
    },
];

const fn class(c_prefix: &'static str, rust: &'static str, nonnull: &'static str) -> Class {
    Class {
        c_prefix,
        rust,
        nonnull: Some(nonnull),
        keep_prefix: false,
        by_name: false,
    }
}

/// The functions to whose flags the C library adds
/// `VIR_TYPED_PARAM_STRING_OKAY` (the daemon then may return string
/// parameters).
const STRING_OKAY: &[&str] = &[
    "virDomainBlockStatsFlags",
    "virDomainGetBlkioParameters",
    "virDomainGetBlockIoTune",
    "virDomainGetCPUStats",
    "virDomainGetInterfaceParameters",
    "virDomainGetLaunchSecurityInfo",
    "virDomainGetMemoryParameters",
    "virDomainGetNumaParameters",
    "virDomainGetSchedulerParametersFlags",
    "virNodeGetMemoryParameters",
    "virNodeGetSEVInfo",
];

/// The value of `VIR_TYPED_PARAM_STRING_OKAY` in the API description.
fn string_okay_bit(api: &Api) -> Option<u32> {
    api.enums
        .iter()
        .flat_map(|g| &g.values)
        .find(|v| v.name == "VIR_TYPED_PARAM_STRING_OKAY")
        .and_then(|v| u32::try_from(v.value).ok())
}

fn class_of(function: &str) -> Option<&'static Class> {
    CLASSES.iter().find(|c| function.starts_with(c.c_prefix))
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The procedure of a C function: same name once `vir`/`REMOTE_PROC_`,
/// case and underscores are ignored.
fn procedure_of<'m>(module: &'m Module, function: &str) -> Option<&'m Procedure> {
    let want = squash(function.strip_prefix("vir")?);
    module
        .programs
        .iter()
        .flat_map(|p| &p.procedures)
        .find(|p| p.msg.is_none() && squash(&p.method) == want)
}

/// The method name: the raw method's, without the object's words.
fn method_name(class: &Class, raw: &str) -> String {
    if class.keep_prefix {
        return naming::escape(raw.to_string());
    }
    let letters = class.c_prefix.len() - "vir".len();
    let mut seen = 0;
    let mut cut = raw.len();
    for (i, c) in raw.char_indices() {
        if seen == letters {
            cut = i;
            break;
        }
        if c != '_' {
            seen += 1;
        }
    }
    naming::escape(raw[cut..].trim_start_matches('_').to_string())
}

/// How a value of the reply becomes the method's result.
#[derive(Clone, Copy)]
enum Conv {
    Same,
    Handle(&'static str),
    List(&'static str),
    Optional(&'static str),
}

/// One parameter of a generated method.
#[derive(Clone)]
struct Param {
    name: Ident,
    /// Its type in the async method.
    ty: TokenStream,
    /// Its type in the blocking twin (blocking handles for handles).
    blocking_ty: TokenStream,
    /// What the blocking twin passes to the async method.
    forward: TokenStream,
}

impl Param {
    fn plain(name: Ident, ty: TokenStream) -> Self {
        Self {
            forward: quote!(#name),
            blocking_ty: ty.clone(),
            name,
            ty,
        }
    }
}

struct Method {
    class: &'static Class,
    name: Ident,
    /// Takes `&self`.
    receiver: bool,
    /// For associated functions whose first parameter is a handle of
    /// another object: that parameter, whose connection is used.
    via: Option<Ident>,
    params: Vec<Param>,
    output: TokenStream,
    body: TokenStream,
    conv: Conv,
    doc: TokenStream,
}

fn nonnull_class(ty: &Ty) -> Option<&'static Class> {
    let Ty::Named(t) = ty.target() else {
        return None;
    };
    CLASSES
        .iter()
        .find(|c| c.nonnull == Some(t.xdr_name.as_str()))
}

fn is_typed_params(ty: &Ty) -> bool {
    matches!(ty.target(), Ty::VarArray(elem, _)
        if matches!(elem.target(), Ty::Named(t) if t.xdr_name == "remote_typed_param"))
}

fn fields<'a>(cx: &Context<'a>, ty: &Option<Ty>) -> Option<&'a [Field]> {
    let Some(Ty::Named(t)) = ty else { return None };
    match &cx.lookup(t)?.kind {
        TypeKind::Struct(f) => Some(f),
        _ => None,
    }
}

/// The flag type the C documentation of `flags` names: the largest group
/// it mentions, `virTypedParameterFlags` aside (the library adds those).
/// Arguments whose C documentation does not name their type:
/// (function, argument, enum group).
const ARG_TYPES: &[(&str, &str, &str)] = &[
    ("virInterfaceGetXMLDesc", "flags", "virInterfaceXMLFlags"),
    ("virSecretLookupByUsage", "usageType", "virSecretUsageType"),
];

/// The documentation an argument's type is read from: the override, or
/// the C documentation.
fn arg_doc<'a>(f: &'a Function, name: &str) -> Option<&'a str> {
    if let Some((_, _, group)) = ARG_TYPES
        .iter()
        .find(|(func, arg, _)| *func == f.name && squash(arg) == squash(name))
    {
        return Some(group);
    }
    f.args
        .iter()
        .find(|a| squash(&a.name) == squash(name))
        .map(|a| a.info.as_str())
}

fn flags_type(api: &Api, f: &Function) -> Option<String> {
    groups_named(api, arg_doc(f, "flags")?)
        .into_iter()
        .filter(|g| g.is_flags() && g.name != "virTypedParameterFlags")
        .max_by_key(|g| g.values.len())
        .map(|g| type_name(&g.name))
}

/// The enum groups a piece of documentation names: by type
/// (`virDomainXMLFlags`) or by one of their values
/// (`VIR_INTERFACE_XML_INACTIVE`), in order, once each.
fn groups_named<'a>(api: &'a Api, text: &str) -> Vec<&'a EnumGroup> {
    let mut out: Vec<&EnumGroup> = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        let group = if word.starts_with("vir") {
            api.enum_group(word)
        } else if word.starts_with("VIR_") {
            api.enums
                .iter()
                .find(|g| g.values.iter().any(|v| v.name == word))
        } else {
            None
        };
        if let Some(g) = group {
            if !out.iter().any(|o| o.name == g.name) {
                out.push(g);
            }
        }
    }
    out
}

/// The enum type of an integer argument (not flags) whose C documentation
/// names exactly one enum group ("one of virDomainMetadataType").
fn enum_type<'a>(api: &'a Api, f: &Function, wire_name: &str) -> Option<&'a EnumGroup> {
    let groups: Vec<_> = groups_named(api, arg_doc(f, wire_name)?)
        .into_iter()
        .filter(|g| !g.is_flags())
        .collect();
    match groups.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

fn doc(f: &Function, p: &Procedure, class: &Class) -> TokenStream {
    let mut text = docs::escape(&f.info);
    let args: Vec<_> = f
        .args
        .iter()
        .filter(|a| !a.info.is_empty())
        .filter(|a| !(class.nonnull.is_some() && a.c_type.starts_with(class.c_prefix)))
        .collect();
    if !args.is_empty() {
        text.push_str("\n\n# Arguments (as C names them)\n");
        for a in args {
            text.push_str(&format!("\n- `{}`: {}", a.name, docs::escape(&a.info)));
        }
    }
    if !f.return_info.is_empty() {
        text.push_str(&format!(
            "\n\n# C return value\n\n{}",
            docs::escape(&f.return_info)
        ));
    }
    text.push_str(&format!(
        "\n\nC function [`{name}`](https://libvirt.org/html/libvirt-{file}.html#{name}), since libvirt {ver}; \
         remote procedure `{proc}` ({num}).",
        name = f.name,
        file = f.file,
        ver = f.version,
        proc = p.xdr_name,
        num = p.number,
    ));
    let alias = &f.name;
    quote! { #[doc = #text] #[doc(alias = #alias)] }
}

struct Cx<'a, 'c> {
    cx: &'c Context<'a>,
    api: &'c Api,
    api_path: &'c TokenStream,
}

fn handle_path(api: &TokenStream, class: &Class) -> TokenStream {
    let name = format_ident!("{}", class.rust);
    quote!(#api::#name)
}

/// The methods of one function: its own and, for the lists the C API can
/// also just count, a `_count` twin.
fn method(
    c: &Cx<'_, '_>,
    f: &Function,
    p: &Procedure,
    class: &'static Class,
) -> Result<Vec<Method>, String> {
    let api = c.api_path;
    if p.annotations.readstream.is_some() || p.annotations.writestream.is_some() {
        return Err("carries a data stream".into());
    }
    let args = match &p.args {
        None => &[][..],
        Some(_) => fields(c.cx, &p.args).ok_or("its arguments are not a struct")?,
    };
    let ret = match &p.ret {
        None => None,
        Some(_) => Some(fields(c.cx, &p.ret).ok_or("its reply is not a struct")?),
    };
    let ret_has = |name: &str| ret.is_some_and(|r| r.iter().any(|f| f.xdr_name == name));
    let dance = args.iter().any(|a| a.xdr_name == "nparams")
        && ret_has("nparams")
        && ret.is_some_and(|r| {
            r.iter()
                .any(|f| f.xdr_name == "params" && is_typed_params(&f.ty))
        });
    let need_results = args.iter().any(|a| a.xdr_name == "need_results");
    // Node device calls name the device by its name: the C function's
    // first argument says whether that is the handle.
    let self_by_name = class.by_name
        && f.args
            .first()
            .is_some_and(|a| a.c_type == format!("{}Ptr", class.c_prefix))
        && args.first().is_some_and(|a| a.xdr_name == "name");
    let receiver = match (class.nonnull, args.first()) {
        (None, _) => true,
        _ if self_by_name => true,
        (Some(_), Some(first)) => nonnull_class(&first.ty).is_some_and(|k| std::ptr::eq(k, class)),
        (Some(_), None) => false,
    };
    let mut params: Vec<Param> = Vec::new();
    let mut prelude = Vec::new();
    // The wire arguments of the raw call; `None` is the nparams slot.
    let mut exprs: Vec<Option<TokenStream>> = Vec::new();
    for (i, a) in args.iter().enumerate() {
        let name = format_ident!("{}", a.rust_name);
        if i == 0 && self_by_name {
            exprs.push(Some(quote!(self.name())));
            continue;
        }
        if i == 0 && receiver && class.nonnull.is_some() {
            exprs.push(Some(quote!(self.raw())));
            continue;
        }
        if a.xdr_name == "need_results" {
            exprs.push(Some(quote!(__need)));
            continue;
        }
        if a.xdr_name == "nparams" && dance {
            exprs.push(None);
            continue;
        }
        if a.xdr_name == "flags" && matches!(a.ty.target(), Ty::Scalar(Scalar::UInt)) {
            let extra = if STRING_OKAY.contains(&f.name.as_str()) {
                let bit = string_okay_bit(c.api)
                    .ok_or("the API description has no VIR_TYPED_PARAM_STRING_OKAY")?;
                quote!( | #bit)
            } else {
                quote!()
            };
            match flags_type(c.api, f) {
                Some(t) => {
                    let t = format_ident!("{}", t);
                    params.push(Param::plain(name.clone(), quote!(#api::#t)));
                    exprs.push(Some(quote!(#name.bits() #extra)));
                }
                None => {
                    params.push(Param::plain(name.clone(), quote!(u32)));
                    exprs.push(Some(quote!(#name #extra)));
                }
            }
            continue;
        }
        if let (Ty::Scalar(sc @ (Scalar::Int | Scalar::UInt)), Some(g)) =
            (a.ty.target(), enum_type(c.api, f, &a.xdr_name))
        {
            let t = format_ident!("{}", type_name(&g.name));
            params.push(Param::plain(name.clone(), quote!(#api::#t)));
            exprs.push(Some(if *sc == Scalar::Int {
                quote!(#name.to_raw())
            } else {
                quote!(#name.to_raw() as u32)
            }));
            continue;
        }
        if let Some(k) = nonnull_class(&a.ty) {
            let h = handle_path(api, k);
            let b = blocking_path(api, k);
            exprs.push(Some(quote!(#name.raw())));
            params.push(Param {
                forward: quote!(#name.inner()),
                ty: quote!(&#h),
                blocking_ty: quote!(&#b),
                name,
            });
            continue;
        }
        if let Ty::Optional(inner, _) = a.ty.target() {
            if let Some(k) = nonnull_class(inner) {
                let h = handle_path(api, k);
                let b = blocking_path(api, k);
                exprs.push(Some(quote!(#name.map(|v| v.raw()))));
                params.push(Param {
                    forward: quote!(#name.map(|v| v.inner())),
                    ty: quote!(::std::option::Option<&#h>),
                    blocking_ty: quote!(::std::option::Option<&#b>),
                    name,
                });
                continue;
            }
        }
        if is_typed_params(&a.ty) {
            let wire = format_ident!("__{}", a.rust_name);
            match params::taken_by(&f.name) {
                Some(fam) => {
                    let s = format_ident!("{}", fam.name);
                    params.push(Param::plain(name.clone(), quote!(&#api::#s)));
                    prelude.push(quote! {
                        let #wire = #api::TypedParamsStruct::to_params(#name).to_wire()?;
                    });
                }
                None => {
                    params.push(Param::plain(name.clone(), quote!(&#api::TypedParams)));
                    prelude.push(quote!(let #wire = #name.to_wire()?;));
                }
            }
            exprs.push(Some(quote!(&#wire)));
            continue;
        }
        if let Ty::Alias(t, _) = &a.ty {
            if t.xdr_name == "remote_uuid" {
                params.push(Param::plain(name.clone(), quote!(&#api::Uuid)));
                exprs.push(Some(quote!(#name.as_bytes())));
                continue;
            }
        }
        let ty = codec::param_type(c.cx, &a.ty);
        params.push(Param::plain(name.clone(), ty));
        exprs.push(Some(quote!(#name)));
    }
    // An associated function whose first argument is another object's
    // handle (a volume looked up in a pool) uses that handle's connection.
    let via = match (receiver, params.first(), args.first()) {
        (false, Some(first), Some(a))
            if class.nonnull.is_some() && nonnull_class(&a.ty).is_some() =>
        {
            Some(first.name.clone())
        }
        _ => None,
    };
    let raw = format_ident!("{}", p.method);
    let call = |n: TokenStream| {
        let e = exprs.iter().map(|e| e.clone().unwrap_or_else(|| n.clone()));
        quote!(__client.#raw(#(#e),*).await?)
    };
    let conn_expr = if class.nonnull.is_none() {
        quote!(self)
    } else if receiver {
        quote!(self.connect())
    } else if let Some(v) = &via {
        quote!(#v.connect())
    } else {
        quote!(conn)
    };
    let (output, value, conv) = reply(c, f, p, class, ret, dance, need_results)?;
    let body = if dance {
        let first = call(quote!(0));
        let second = call(quote!(__n));
        quote! {
            let __n = #first.nparams;
            let __v = if __n <= 0 { ::std::vec::Vec::new() } else { #second.params };
            #value
        }
    } else {
        let once = call(quote!(0));
        quote! { let __v = #once; #value }
    };
    let frame = |need: i32, body: TokenStream| {
        let need = if need_results {
            let lit = proc_macro2::Literal::i32_unsuffixed(need);
            quote!(let __need = #lit;)
        } else {
            quote!()
        };
        quote! {
            let __conn: &#api::Connect = #conn_expr;
            let __client = __conn.client();
            let _ = __conn;
            #need
            #(#prelude)*
            #body
        }
    };
    let name = format_ident!("{}", method_name(class, &p.method));
    let mut out = Vec::new();
    if need_results {
        // The C API's count-only form: the list pointer NULL, so
        // need_results = 0 and only the count comes back.
        let once = call(quote!(0));
        let count = format_ident!("{}_count", name);
        let text = format!(
            "How many objects [`{name}`](Self::{name}) would return: C's `{}` with a NULL list, which only counts.",
            f.name
        );
        out.push(Method {
            class,
            name: count,
            receiver,
            via: via.clone(),
            params: params.clone(),
            output: quote!(usize),
            body: frame(
                0,
                quote! {
                    let __v = #once;
                    usize::try_from(__v.ret).map_err(|_| {
                        #api::Error::Protocol(format!("the daemon counted {} objects", __v.ret))
                    })
                },
            ),
            conv: Conv::Same,
            doc: quote!(#[doc = #text]),
        });
    }
    out.insert(
        0,
        Method {
            class,
            name,
            receiver,
            via,
            params,
            output,
            body: frame(1, body),
            conv,
            doc: doc(f, p, class),
        },
    );
    Ok(out)
}

/// The output type, the statements that turn `__v` (the raw method's
/// result) into it, and how the blocking twin wraps it.
fn reply(
    c: &Cx<'_, '_>,
    f: &Function,
    p: &Procedure,
    class: &Class,
    ret: Option<&[Field]>,
    dance: bool,
    need_results: bool,
) -> Result<(TokenStream, TokenStream, Conv), String> {
    let api = c.api_path;
    let Some(ret) = ret else {
        return Ok((quote!(()), quote!(Ok(__v)), Conv::Same));
    };
    let typed = |wire: TokenStream| match params::returned_by(&f.name) {
        Some(fam) => {
            let s = format_ident!("{}", fam.name);
            (
                quote!(#api::#s),
                quote! {
                    let __p = #api::TypedParams::from_wire(#wire)?;
                    Ok(<#api::#s as #api::TypedParamsStruct>::from_params(__p)?)
                },
            )
        }
        None => (
            quote!(#api::TypedParams),
            quote!(Ok(#api::TypedParams::from_wire(#wire)?)),
        ),
    };
    if dance {
        let (t, v) = typed(quote!(__v));
        return Ok((t, v, Conv::Same));
    }
    let field = if ret.len() == 1 {
        Some((&ret[0], quote!(__v)))
    } else if need_results {
        let list = ret
            .iter()
            .find(|r| matches!(r.ty.target(), Ty::VarArray(..)))
            .ok_or("a need_results reply without a list")?;
        let name = format_ident!("{}", list.rust_name);
        Some((list, quote!(__v.#name)))
    } else {
        None
    };
    let Some((field, value)) = field else {
        if ret.iter().any(|r| is_typed_params(&r.ty)) {
            return Err("its reply holds typed parameters beside other values".into());
        }
        if ret.iter().any(|r| nonnull_class(&r.ty).is_some()) {
            return Err("its reply holds objects beside other values".into());
        }
        let t = codec::rust_type(p.ret.as_ref().ok_or("no reply type")?);
        return Ok((t, quote!(Ok(__v)), Conv::Same));
    };
    let ty = &field.ty;
    if let Some(k) = nonnull_class(ty) {
        let h = handle_path(api, k);
        return Ok((
            quote!(#h),
            quote!(Ok(#h::from_raw(__conn, #value))),
            Conv::Handle(k.rust),
        ));
    }
    if let Ty::Optional(inner, boxed) = ty.target() {
        if let Some(k) = nonnull_class(inner) {
            let h = handle_path(api, k);
            let r = if *boxed { quote!(*r) } else { quote!(r) };
            return Ok((
                quote!(::std::option::Option<#h>),
                quote!(Ok(#value.map(|r| #h::from_raw(__conn, #r)))),
                Conv::Optional(k.rust),
            ));
        }
    }
    if let Ty::VarArray(elem, _) = ty.target() {
        if let Some(k) = nonnull_class(elem) {
            let h = handle_path(api, k);
            return Ok((
                quote!(::std::vec::Vec<#h>),
                quote!(Ok(#value.into_iter().map(|r| #h::from_raw(__conn, r)).collect())),
                Conv::List(k.rust),
            ));
        }
    }
    if is_typed_params(ty) {
        let (t, v) = typed(value);
        return Ok((t, v, Conv::Same));
    }
    let short = f.name.strip_prefix(class.c_prefix).unwrap_or(&f.name);
    let question = short == "GetAutostart"
        || ["Is", "Has"].iter().any(|w| {
            short
                .strip_prefix(w)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        });
    if question && matches!(ty.target(), Ty::Scalar(Scalar::Int | Scalar::UInt)) {
        return Ok((quote!(bool), quote!(Ok(#value != 0)), Conv::Same));
    }
    Ok((out_type(ty), quote!(Ok(#value)), Conv::Same))
}

/// A reply value's type with the protocol's string aliases spelled out
/// (`Vec<String>`, not `Vec<NonnullString>`).
fn out_type(ty: &Ty) -> TokenStream {
    match ty.target() {
        Ty::VarArray(elem, _) => {
            let e = out_type(elem);
            quote!(::std::vec::Vec<#e>)
        }
        Ty::Optional(inner, false) => {
            let i = out_type(inner);
            quote!(::std::option::Option<#i>)
        }
        other => codec::rust_type(other),
    }
}

fn async_item(api: &TokenStream, m: &Method) -> TokenStream {
    let Method {
        name,
        params,
        output,
        body,
        doc,
        ..
    } = m;
    let recv = if m.receiver {
        quote!(&self,)
    } else if m.via.is_some() {
        quote!()
    } else {
        quote!(conn: &#api::Connect,)
    };
    let params = params.iter().map(|p| {
        let (n, t) = (&p.name, &p.ty);
        quote!(#n: #t)
    });
    quote! {
        #doc
        pub async fn #name(#recv #(#params),*) -> #api::Result<#output> {
            #body
        }
    }
}

fn blocking_path(api: &TokenStream, class: &Class) -> TokenStream {
    let t = format_ident!("{}", class.rust);
    quote!(#api::blocking::#t)
}

fn blocking_item(api: &TokenStream, m: &Method) -> TokenStream {
    let Method {
        name,
        params,
        output,
        doc,
        class,
        ..
    } = m;
    let wrap = |k: &str| {
        let t = format_ident!("{}", k);
        quote!(#api::blocking::#t)
    };
    let (out, conv) = match m.conv {
        Conv::Same => (output.clone(), quote!(__v)),
        Conv::Handle(k) => {
            let w = wrap(k);
            (quote!(#w), quote!(#w::new(__v, __runner.clone())))
        }
        Conv::Optional(k) => {
            let w = wrap(k);
            (
                quote!(::std::option::Option<#w>),
                quote!(__v.map(|h| #w::new(h, __runner.clone()))),
            )
        }
        Conv::List(k) => {
            let w = wrap(k);
            (
                quote!(::std::vec::Vec<#w>),
                quote!(__v.into_iter().map(|h| #w::new(h, __runner.clone())).collect()),
            )
        }
    };
    let own = handle_path(api, class);
    let forward = params.iter().map(|p| &p.forward);
    let decls = params.iter().map(|p| {
        let (n, t) = (&p.name, &p.blocking_ty);
        quote!(#n: #t)
    });
    let (recv, runner, call) = if m.receiver {
        (
            quote!(&self,),
            quote!(self.runner()),
            quote!(self.inner().#name(#(#forward),*)),
        )
    } else if let Some(v) = &m.via {
        (
            quote!(),
            quote!(#v.runner()),
            quote!(#own::#name(#(#forward),*)),
        )
    } else {
        let bc = wrap("Connect");
        (
            quote!(conn: &#bc,),
            quote!(conn.runner()),
            quote!(#own::#name(conn.inner(), #(#forward),*)),
        )
    };
    quote! {
        #doc
        pub fn #name(#recv #(#decls),*) -> #api::Result<#out> {
            let __runner = #runner;
            let __v = __runner.block_on(#call)?;
            Ok(#conv)
        }
    }
}

/// The methods of every handle, and the list of what was generated.
pub fn emit(
    api: &Api,
    module: &Module,
    coverage: &Coverage,
    api_path: &TokenStream,
    raw_path: &TokenStream,
) -> Result<(TokenStream, Vec<Generated>), Vec<Diag>> {
    let options = Options::default();
    let cx = Context::new(module, &[], &options);
    let c = Cx {
        cx: &cx,
        api,
        api_path,
    };
    let mut problems = Vec::new();
    let mut methods: Vec<Method> = Vec::new();
    let mut generated = Vec::new();
    for f in &api.functions {
        if coverage.get(&f.name).is_some() {
            continue;
        }
        let Some(class) = class_of(&f.name) else {
            problems.push(format!("`{}`: no handle type holds it", f.name));
            continue;
        };
        let Some(p) = procedure_of(module, &f.name) else {
            problems.push(format!("`{}`: no remote procedure has its name", f.name));
            continue;
        };
        match method(&c, f, p, class) {
            Ok(ms) => {
                for m in ms {
                    if methods
                        .iter()
                        .any(|o| o.class.rust == m.class.rust && o.name == m.name)
                    {
                        problems.push(format!(
                            "`{}`: `{}::{}` is generated twice",
                            f.name, class.rust, m.name
                        ));
                        continue;
                    }
                    generated.push(Generated {
                        function: f.name.clone(),
                        object: class.rust.to_string(),
                        method: m.name.to_string(),
                    });
                    methods.push(m);
                }
            }
            Err(why) => problems.push(format!("`{}`: {why}", f.name)),
        }
    }
    if !problems.is_empty() {
        let mut d = Diag::new(format!(
            "{} functions of the API description have no generated method",
            problems.len()
        ));
        d.help = problems;
        d.help.push(
            "write them by hand and list them as `manual` in the coverage file, or list them as `excluded` with a reason".into(),
        );
        return Err(vec![d]);
    }
    let mut impls = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for m in &methods {
        if seen.contains(&m.class.rust) {
            continue;
        }
        seen.push(m.class.rust);
        let mine: Vec<&Method> = methods
            .iter()
            .filter(|o| o.class.rust == m.class.rust)
            .collect();
        let h = handle_path(api_path, m.class);
        let t = format_ident!("{}", m.class.rust);
        let asyncs = mine.iter().map(|m| async_item(api_path, m));
        let blockings = mine.iter().map(|m| blocking_item(api_path, m));
        impls.push(quote! {
            impl #h { #(#asyncs)* }
            impl #api_path::blocking::#t { #(#blockings)* }
        });
    }
    let program = module
        .programs
        .first()
        .map(|p| format_ident!("{}Calls", p.stem))
        .ok_or_else(|| vec![Diag::new("the protocol file has no program")])?;
    let tokens = quote! {
        #[allow(clippy::too_many_arguments, clippy::needless_question_mark, unused_parens)]
        mod __methods {
            use #raw_path::*;
            use #raw_path::#program as _;
            #(#impls)*
        }
    };
    Ok((tokens, generated))
}
