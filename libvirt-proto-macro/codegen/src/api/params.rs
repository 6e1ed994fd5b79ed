//! Typed-parameter structs: for each family of typed parameters that
//! libvirt names with macros (`VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC`
//! = `"total_bytes_sec"`, documented "as a ullong"), a struct with one
//! `Option` field per macro and an `extra` list for the parameters this
//! version does not know.
//!
//! ```text
//! pub struct BlockIoTune {
//!     pub total_bytes_sec: Option<u64>,   // VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC
//!     pub group_name: Option<String>,     // VIR_DOMAIN_BLOCK_IOTUNE_GROUP_NAME
//!     ...
//!     pub extra: TypedParams,
//! }
//! impl TypedParamsStruct for BlockIoTune { ... }
//! ```
//!
//! A family's fields are the string macros whose names start with its
//! prefix. A field's type is the one the macro's documentation states
//! ([`documented_type`]), or the one [`TYPE_OVERRIDES`] gives where the
//! documentation states none (or a wrong one); a macro with neither is a
//! generation error, never a guess. A parameter documented as a
//! "multiple field" (`migrate_disks`) may occur several times and is a
//! `Vec`. Macros whose string is a pattern (`cputune.vcpupin%u`, one
//! parameter per vCPU) get no field: those parameters stay in `extra`.
//!
//! Reading never fails: an entry whose name has no field, whose type is
//! not the documented one, or that repeats a single-valued parameter goes
//! to `extra`, in order. Writing lists the fields that are set, in
//! declaration order, then `extra`.

use super::model::{Api, Macro, MacroValue};
use crate::codegen::docs;
use crate::diag::Diag;
use crate::naming;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::HashSet;

/// One family of typed parameters.
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// The Rust struct.
    pub name: &'static str,
    /// What the parameters are, the start of the struct's documentation
    /// (the functions below are appended).
    pub what: &'static str,
    /// The prefix of its field-name macros.
    pub prefix: &'static str,
    /// The C functions that return it.
    pub getters: &'static [&'static str],
    /// The C functions that take it.
    pub setters: &'static [&'static str],
}

/// Every family, with the functions that use it.
pub const FAMILIES: &[Family] = &[
    Family {
        name: "BlockIoTune",
        what: "Block I/O tuning parameters of a disk",
        prefix: "VIR_DOMAIN_BLOCK_IOTUNE_",
        getters: &["virDomainGetBlockIoTune"],
        setters: &["virDomainSetBlockIoTune"],
    },
    Family {
        name: "SchedulerParams",
        what: "CPU scheduler parameters of a domain",
        prefix: "VIR_DOMAIN_SCHEDULER_",
        getters: &["virDomainGetSchedulerParameters", "virDomainGetSchedulerParametersFlags"],
        setters: &["virDomainSetSchedulerParameters", "virDomainSetSchedulerParametersFlags"],
    },
    Family {
        name: "MemoryParams",
        what: "Memory tuning parameters of a domain",
        prefix: "VIR_DOMAIN_MEMORY_",
        getters: &["virDomainGetMemoryParameters"],
        setters: &["virDomainSetMemoryParameters"],
    },
    Family {
        name: "NumaParams",
        what: "NUMA tuning parameters of a domain",
        prefix: "VIR_DOMAIN_NUMA_",
        getters: &["virDomainGetNumaParameters"],
        setters: &["virDomainSetNumaParameters"],
    },
    Family {
        name: "BlkioParams",
        what: "Block I/O (blkio) tuning parameters of a domain",
        prefix: "VIR_DOMAIN_BLKIO_",
        getters: &["virDomainGetBlkioParameters"],
        setters: &["virDomainSetBlkioParameters"],
    },
    Family {
        name: "InterfaceParams",
        what: "Bandwidth parameters of a domain's network interface",
        prefix: "VIR_DOMAIN_BANDWIDTH_",
        getters: &["virDomainGetInterfaceParameters"],
        setters: &["virDomainSetInterfaceParameters"],
    },
    Family {
        name: "PerfEvents",
        what: "The perf events of a domain, each enabled or not",
        prefix: "VIR_PERF_PARAM_",
        getters: &["virDomainGetPerfEvents"],
        setters: &["virDomainSetPerfEvents"],
    },
    Family {
        name: "BlockStats",
        what: "I/O statistics of a disk",
        prefix: "VIR_DOMAIN_BLOCK_STATS_",
        getters: &["virDomainBlockStatsFlags"],
        setters: &[],
    },
    Family {
        name: "JobStats",
        what: "Statistics of a domain's background job",
        prefix: "VIR_DOMAIN_JOB_",
        getters: &["virDomainGetJobStats"],
        setters: &[],
    },
    Family {
        name: "MigrateParams",
        what: "Migration parameters, as `virDomainMigrate3` and `virDomainMigrateToURI3` take them",
        prefix: "VIR_MIGRATE_PARAM_",
        getters: &[],
        setters: &[],
    },
    Family {
        name: "LaunchSecurityInfo",
        what: "Launch security (AMD SEV) parameters of a domain",
        prefix: "VIR_DOMAIN_LAUNCH_SECURITY_",
        getters: &["virDomainGetLaunchSecurityInfo"],
        setters: &["virDomainSetLaunchSecurityState"],
    },
    Family {
        name: "NodeMemoryStats",
        what: "Memory statistics of the host or of one of its NUMA cells, as `virNodeGetMemoryStats` returns them (as name and value records)",
        prefix: "VIR_NODE_MEMORY_STATS_",
        getters: &[],
        setters: &[],
    },
    Family {
        name: "NodeCpuStats",
        what: "CPU statistics of the host or of one of its CPUs, as `virNodeGetCPUStats` returns them (as name and value records)",
        prefix: "VIR_NODE_CPU_STATS_",
        getters: &[],
        setters: &[],
    },
    Family {
        name: "NodeMemoryParams",
        what: "Shared memory (KSM) parameters of the host",
        prefix: "VIR_NODE_MEMORY_SHARED_",
        getters: &["virNodeGetMemoryParameters"],
        setters: &["virNodeSetMemoryParameters"],
    },
    Family {
        name: "NodeSevInfo",
        what: "AMD SEV capabilities of the host",
        prefix: "VIR_NODE_SEV_",
        getters: &["virNodeGetSEVInfo"],
        setters: &[],
    },
    Family {
        name: "CpuStats",
        what: "CPU usage statistics of a domain, in total or per host CPU, as `virDomainGetCPUStats` returns them",
        prefix: "VIR_DOMAIN_CPU_STATS_",
        getters: &[],
        setters: &[],
    },
    Family {
        name: "IoThreadParams",
        what: "Parameters of one IOThread of a domain",
        prefix: "VIR_DOMAIN_IOTHREAD_",
        getters: &[],
        setters: &["virDomainSetIOThreadParams"],
    },
    Family {
        name: "BlockCopyParams",
        what: "Parameters of a block copy job",
        prefix: "VIR_DOMAIN_BLOCK_COPY_",
        getters: &[],
        setters: &["virDomainBlockCopy"],
    },
    Family {
        name: "NetworkPortParams",
        what: "Bandwidth parameters of a network port",
        prefix: "VIR_NETWORK_PORT_BANDWIDTH_",
        getters: &["virNetworkPortGetParameters"],
        setters: &["virNetworkPortSetParameters"],
    },
    Family {
        name: "Identity",
        what: "The identity of a client, as a privileged client sets it for its connection",
        prefix: "VIR_CONNECT_IDENTITY_",
        getters: &[],
        setters: &["virConnectSetIdentity"],
    },
    Family {
        name: "SaveParams",
        what: "Parameters of saving a domain's state to a file or restoring it",
        prefix: "VIR_DOMAIN_SAVE_PARAM_",
        getters: &[],
        setters: &["virDomainSaveParams", "virDomainRestoreParams"],
    },
    Family {
        name: "Tunables",
        what: "Changed tuning parameters of a domain, as the tunable event (`VIR_DOMAIN_EVENT_ID_TUNABLE`) reports them",
        prefix: "VIR_DOMAIN_TUNABLE_",
        getters: &[],
        setters: &[],
    },
];

/// The family a function returns, if any.
pub fn returned_by(function: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.getters.contains(&function))
}

/// The family a function takes, if any.
pub fn taken_by(function: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.setters.contains(&function))
}

/// The type of a typed parameter: one of libvirt's `VIR_TYPED_PARAM_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// `VIR_TYPED_PARAM_INT`: `i32`.
    Int,
    /// `VIR_TYPED_PARAM_UINT`: `u32`.
    UInt,
    /// `VIR_TYPED_PARAM_LLONG`: `i64`.
    LLong,
    /// `VIR_TYPED_PARAM_ULLONG`: `u64`.
    ULLong,
    /// `VIR_TYPED_PARAM_DOUBLE`: `f64`.
    Double,
    /// `VIR_TYPED_PARAM_BOOLEAN`: `bool`.
    Boolean,
    /// `VIR_TYPED_PARAM_STRING`: `String`.
    String,
}

impl ParamType {
    /// The type named by libvirt's word for it (`int`, `uint`, `llong`,
    /// `ullong`, `double`, `boolean`, `string`), in any case.
    pub fn from_word(word: &str) -> Option<Self> {
        Some(match word.to_ascii_lowercase().as_str() {
            "int" => Self::Int,
            "uint" => Self::UInt,
            "llong" => Self::LLong,
            "ullong" => Self::ULLong,
            "double" => Self::Double,
            "boolean" => Self::Boolean,
            "string" => Self::String,
            _ => return None,
        })
    }

    /// The Rust type (`u64`, `String`, ...).
    pub fn rust_type(self) -> &'static str {
        match self {
            Self::Int => "i32",
            Self::UInt => "u32",
            Self::LLong => "i64",
            Self::ULLong => "u64",
            Self::Double => "f64",
            Self::Boolean => "bool",
            Self::String => "String",
        }
    }

    /// The variant of the client's `TypedValue` holding this type.
    fn variant(self) -> Ident {
        format_ident!(
            "{}",
            match self {
                Self::Int => "Int",
                Self::UInt => "UInt",
                Self::LLong => "LLong",
                Self::ULLong => "ULLong",
                Self::Double => "Double",
                Self::Boolean => "Boolean",
                Self::String => "String",
            }
        )
    }

    /// The Rust type as tokens.
    fn tokens(self) -> TokenStream {
        match self {
            Self::String => quote!(::std::string::String),
            other => {
                let t = format_ident!("{}", other.rust_type());
                quote!(#t)
            }
        }
    }
}

/// The types of the field-name macros whose documentation states none, or
/// states another than libvirt itself uses, read from libvirt's sources
/// (9.0.0 unless noted). An entry wins over the documentation.
pub const TYPE_OVERRIDES: &[(&str, ParamType)] = &[
    // Enabled or not, as virDomainGetPerfEvents returns them and
    // virDomainSetPerfEvents takes them (qemuDomainSetPerfEvents); the
    // counts under the same names in virConnectGetAllDomainStats are
    // prefixed with `perf.` and are not this family.
    ("VIR_PERF_PARAM_CMT", ParamType::Boolean),
    ("VIR_PERF_PARAM_MBMT", ParamType::Boolean),
    ("VIR_PERF_PARAM_MBML", ParamType::Boolean),
    ("VIR_PERF_PARAM_CPU_CYCLES", ParamType::Boolean),
    ("VIR_PERF_PARAM_INSTRUCTIONS", ParamType::Boolean),
    ("VIR_PERF_PARAM_CACHE_REFERENCES", ParamType::Boolean),
    ("VIR_PERF_PARAM_CACHE_MISSES", ParamType::Boolean),
    ("VIR_PERF_PARAM_BRANCH_INSTRUCTIONS", ParamType::Boolean),
    ("VIR_PERF_PARAM_BRANCH_MISSES", ParamType::Boolean),
    ("VIR_PERF_PARAM_BUS_CYCLES", ParamType::Boolean),
    ("VIR_PERF_PARAM_STALLED_CYCLES_FRONTEND", ParamType::Boolean),
    ("VIR_PERF_PARAM_STALLED_CYCLES_BACKEND", ParamType::Boolean),
    ("VIR_PERF_PARAM_REF_CPU_CYCLES", ParamType::Boolean),
    ("VIR_PERF_PARAM_CPU_CLOCK", ParamType::Boolean),
    ("VIR_PERF_PARAM_TASK_CLOCK", ParamType::Boolean),
    ("VIR_PERF_PARAM_PAGE_FAULTS", ParamType::Boolean),
    ("VIR_PERF_PARAM_CONTEXT_SWITCHES", ParamType::Boolean),
    ("VIR_PERF_PARAM_CPU_MIGRATIONS", ParamType::Boolean),
    ("VIR_PERF_PARAM_PAGE_FAULTS_MIN", ParamType::Boolean),
    ("VIR_PERF_PARAM_PAGE_FAULTS_MAJ", ParamType::Boolean),
    ("VIR_PERF_PARAM_ALIGNMENT_FAULTS", ParamType::Boolean),
    ("VIR_PERF_PARAM_EMULATION_FAULTS", ParamType::Boolean),
    // qemuDomainJobDataToParams: virTypedParamListAddString.
    ("VIR_DOMAIN_JOB_ERRMSG", ParamType::String),
    // QEMU_MIGRATION_PARAMETERS in src/qemu/qemu_migration.h.
    ("VIR_MIGRATE_PARAM_COMPRESSION", ParamType::String),
    ("VIR_MIGRATE_PARAM_LISTEN_ADDRESS", ParamType::String),
    ("VIR_MIGRATE_PARAM_MIGRATE_DISKS", ParamType::String),
    // Newer than 9.0.0: the same table of later releases.
    (
        "VIR_MIGRATE_PARAM_MIGRATE_DISKS_DETECT_ZEROES",
        ParamType::String,
    ),
    (
        "VIR_MIGRATE_PARAM_BANDWIDTH_AVAIL_SWITCHOVER",
        ParamType::ULLong,
    ),
    // virNodeMemoryStats and virNodeCPUStats records hold an
    // `unsigned long long value` (include/libvirt/libvirt-host.h).
    ("VIR_NODE_MEMORY_STATS_TOTAL", ParamType::ULLong),
    ("VIR_NODE_MEMORY_STATS_FREE", ParamType::ULLong),
    ("VIR_NODE_MEMORY_STATS_BUFFERS", ParamType::ULLong),
    ("VIR_NODE_MEMORY_STATS_CACHED", ParamType::ULLong),
    ("VIR_NODE_CPU_STATS_KERNEL", ParamType::ULLong),
    ("VIR_NODE_CPU_STATS_USER", ParamType::ULLong),
    ("VIR_NODE_CPU_STATS_IDLE", ParamType::ULLong),
    ("VIR_NODE_CPU_STATS_IOWAIT", ParamType::ULLong),
    ("VIR_NODE_CPU_STATS_INTR", ParamType::ULLong),
    ("VIR_NODE_CPU_STATS_UTILIZATION", ParamType::ULLong),
    // src/util/virhostmem.c (virHostMemGetParameters and the
    // virTypedParamsValidate of virHostMemSetParameters, which also
    // requires a uint for merge_across_nodes, documented as an int).
    ("VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN", ParamType::UInt),
    ("VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS", ParamType::UInt),
    ("VIR_NODE_MEMORY_SHARED_PAGES_SHARED", ParamType::ULLong),
    ("VIR_NODE_MEMORY_SHARED_PAGES_SHARING", ParamType::ULLong),
    ("VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED", ParamType::ULLong),
    ("VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE", ParamType::ULLong),
    ("VIR_NODE_MEMORY_SHARED_FULL_SCANS", ParamType::ULLong),
    ("VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES", ParamType::UInt),
    // qemuGetSEVInfo: virTypedParamsAddUInt.
    ("VIR_NODE_SEV_CBITPOS", ParamType::UInt),
    ("VIR_NODE_SEV_REDUCED_PHYS_BITS", ParamType::UInt),
    // qemuDomainIOThreadParseParams: virTypedParamsValidate (later
    // releases also accept a ullong for grow and shrink).
    ("VIR_DOMAIN_IOTHREAD_POLL_MAX_NS", ParamType::ULLong),
    ("VIR_DOMAIN_IOTHREAD_POLL_GROW", ParamType::UInt),
    ("VIR_DOMAIN_IOTHREAD_POLL_SHRINK", ParamType::UInt),
    // qemuDomainSaveParams and qemuDomainRestoreParams.
    ("VIR_DOMAIN_SAVE_PARAM_FILE", ParamType::String),
    ("VIR_DOMAIN_SAVE_PARAM_DXML", ParamType::String),
];

/// The type a macro's documentation states: "as a ullong", "as an int",
/// "as VIR_TYPED_PARAM_ULLONG", "Type is VIR_TYPED_PARAM_INT", "with a
/// type of ullong", "as an unsigned long long", "has type int", ...; the
/// first one when it names several ("VIR_TYPED_PARAM_UINT or since 9.3.0
/// VIR_TYPED_PARAM_ULLONG").
pub fn documented_type(info: &str) -> Option<ParamType> {
    let lower = info.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let before = |i: usize, back: usize| i.checked_sub(back).map(|j| words[j]);
    for (i, &word) in words.iter().enumerate() {
        // VIR_TYPED_PARAM_ULLONG (and the misspelt VIR_TYPED_PARAMS_STRING)
        // names its type wherever it stands.
        if let Some(t) = word
            .strip_prefix("vir_typed_param_")
            .or_else(|| word.strip_prefix("vir_typed_params_"))
            .and_then(ParamType::from_word)
        {
            return Some(t);
        }
        // "as a(n) <type>", "type of <type>", "type <type>".
        let introduced = match before(i, 1) {
            Some("a" | "an") => before(i, 2) == Some("as"),
            Some("of") => before(i, 2) == Some("type"),
            Some("type") => true,
            _ => false,
        };
        if !introduced {
            continue;
        }
        if let Some(t) = ParamType::from_word(word) {
            return Some(t);
        }
        // "as an unsigned long long", "as an unsigned int".
        if word == "unsigned" {
            match (words.get(i + 1).copied(), words.get(i + 2).copied()) {
                (Some("long"), Some("long")) => return Some(ParamType::ULLong),
                (Some("int"), _) => return Some(ParamType::UInt),
                _ => {}
            }
        }
    }
    None
}

/// One field of a typed-parameter struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust field name (`total_bytes_sec`).
    pub rust_name: String,
    /// The parameter's name, the macro's string (`total_bytes_sec`).
    pub param: String,
    /// The macro (`VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC`).
    pub c_name: String,
    /// The parameter's type.
    pub ty: ParamType,
    /// True for a parameter that may occur several times: a `Vec` field.
    pub multiple: bool,
    /// The macro's documentation.
    pub info: String,
    /// The libvirt version the macro appeared in (may be empty).
    pub version: String,
}

/// The struct of one family.
#[derive(Debug, Clone)]
pub struct ParamStruct {
    /// The family.
    pub family: &'static Family,
    /// The fields, in the order of the API description.
    pub fields: Vec<Field>,
    /// The patterns of the family's numbered parameters
    /// (`cputune.vcpupin%u`), which get no field.
    pub patterns: Vec<String>,
}

/// The type of a field-name macro: [`TYPE_OVERRIDES`], else its
/// documentation.
fn field_type(m: &Macro) -> Option<ParamType> {
    TYPE_OVERRIDES
        .iter()
        .find(|(name, _)| *name == m.name)
        .map(|&(_, t)| t)
        .or_else(|| documented_type(&m.info))
}

/// The structs of every family, in the order of [`FAMILIES`]. Errors name
/// every macro whose type is unknown and every clash of names.
pub fn structs(api: &Api) -> Result<Vec<ParamStruct>, Vec<Diag>> {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    for family in FAMILIES {
        let mut fields = Vec::new();
        let mut patterns = Vec::new();
        // `extra` is taken.
        let mut names: HashSet<String> = HashSet::from(["extra".to_string()]);
        let mut params: HashSet<&str> = HashSet::new();
        for m in &api.macros {
            let MacroValue::Str(param) = &m.value else {
                continue;
            };
            let Some(rest) = m.name.strip_prefix(family.prefix) else {
                continue;
            };
            if param.contains('%') {
                patterns.push(param.clone());
                continue;
            }
            let Some(ty) = field_type(m) else {
                diags.push(
                    Diag::new(format!(
                        "the type of typed parameter `{}` (`{param}`, a field of `{}`) is not documented",
                        m.name, family.name
                    ))
                    .help("add it to TYPE_OVERRIDES in libvirt-proto-codegen's src/api/params.rs"),
                );
                continue;
            };
            let rust_name = naming::escape(rest.to_ascii_lowercase());
            if !names.insert(rust_name.clone()) || !params.insert(param) {
                diags.push(Diag::new(format!(
                    "typed parameter `{}` (`{param}`) clashes with another field of `{}`",
                    m.name, family.name
                )));
                continue;
            }
            fields.push(Field {
                rust_name,
                param: param.clone(),
                c_name: m.name.clone(),
                ty,
                multiple: m.info.to_ascii_lowercase().contains("multiple field"),
                info: m.info.clone(),
                version: m.version.clone(),
            });
        }
        if fields.is_empty() {
            // An API description without the family (a small or older
            // one) gets no struct, unless one of its functions uses it.
            let used = family
                .getters
                .iter()
                .chain(family.setters)
                .any(|f| api.function(f).is_some());
            if used {
                diags.push(Diag::new(format!(
                    "no typed-parameter macro starts with `{}` (the fields of `{}`)",
                    family.prefix, family.name
                )));
            }
            continue;
        }
        out.push(ParamStruct {
            family,
            fields,
            patterns,
        });
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// `a`, `a` and `b`, `a`, `b` and `c`: C names in backquotes.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The documentation of a family's struct.
fn struct_doc(s: &ParamStruct) -> String {
    let f = s.family;
    let verb = |names: &[&str], one: &str, many: &str| {
        format!(
            "{} {}",
            list(names),
            if names.len() == 1 { one } else { many }
        )
    };
    let mut text = f.what.to_string();
    match (f.getters.is_empty(), f.setters.is_empty()) {
        (false, false) => text.push_str(&format!(
            ", as {} and {}",
            verb(f.getters, "returns", "return"),
            verb(f.setters, "takes", "take")
        )),
        (false, true) => text.push_str(&format!(", as {}", verb(f.getters, "returns", "return"))),
        (true, false) => text.push_str(&format!(", as {}", verb(f.setters, "takes", "take"))),
        (true, true) => {}
    }
    text.push_str(".\n\n");
    text.push_str(&format!(
        "One field per parameter of libvirt's `{}*` macros, `None` (or empty) when absent; \
         `extra` keeps every other entry, in order.",
        f.prefix
    ));
    text
}

/// The documentation of one field.
fn field_doc(f: &Field) -> String {
    let mut text = docs::escape(f.info.trim());
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(&format!("(`{}`, C's `{}`", f.param, f.c_name));
    if !f.version.is_empty() {
        text.push_str(&format!(", since libvirt {}", f.version));
    }
    text.push(')');
    if f.multiple {
        text.push_str("\n\nMay occur several times: one element per entry, in order.");
    }
    text
}

/// The documentation of the `extra` field.
fn extra_doc(s: &ParamStruct) -> String {
    let mut text = "Parameters this version does not know, or whose type differs from the \
                    documented one, kept as received; also a second entry of a single-valued \
                    parameter."
        .to_string();
    if !s.patterns.is_empty() {
        let patterns: Vec<&str> = s.patterns.iter().map(String::as_str).collect();
        text.push_str(&format!(
            " The numbered parameters ({}, with a number for `%u`) are kept here too.",
            list(&patterns)
        ));
    }
    text
}

/// One struct and its `TypedParamsStruct` implementation.
fn emit_struct(s: &ParamStruct, api: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", s.family.name);
    let doc = struct_doc(s);
    let extra_doc = extra_doc(s);
    let mut fields = Vec::new();
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    for f in &s.fields {
        let ident = format_ident!("{}", f.rust_name);
        let doc = field_doc(f);
        let alias = &f.c_name;
        let param = &f.param;
        let ty = f.ty.tokens();
        let variant = f.ty.variant();
        let copy = f.ty != ParamType::String;
        if f.multiple {
            fields.push(quote! {
                #[doc = #doc]
                #[doc(alias = #alias)]
                pub #ident: ::std::vec::Vec<#ty>,
            });
            reads.push(quote! {
                (#param, #api::TypedValue::#variant(v)) => s.#ident.push(v),
            });
            let value = if copy { quote!(*v) } else { quote!(v.as_str()) };
            writes.push(quote! {
                for v in &self.#ident {
                    p.add(#param, #value);
                }
            });
        } else {
            fields.push(quote! {
                #[doc = #doc]
                #[doc(alias = #alias)]
                pub #ident: ::std::option::Option<#ty>,
            });
            reads.push(quote! {
                (#param, #api::TypedValue::#variant(v)) if s.#ident.is_none() => s.#ident = Some(v),
            });
            writes.push(if copy {
                quote! {
                    if let Some(v) = self.#ident {
                        p.add(#param, v);
                    }
                }
            } else {
                quote! {
                    if let Some(v) = &self.#ident {
                        p.add(#param, v.as_str());
                    }
                }
            });
        }
    }
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #[doc = #extra_doc]
            pub extra: #api::TypedParams,
            /// The order the daemon sent the parameters in.
            order: #api::ParamOrder,
        }

        impl #api::TypedParamsStruct for #name {
            fn from_params(
                params: #api::TypedParams,
            ) -> ::std::result::Result<Self, #api::TypedParamError> {
                let mut s = Self::default();
                s.order = #api::ParamOrder::of(&params);
                for (name, value) in params {
                    match (name.as_str(), value) {
                        #(#reads)*
                        (_, value) => s.extra.add(name, value),
                    }
                }
                Ok(s)
            }

            fn to_params(&self) -> #api::TypedParams {
                let mut p = #api::TypedParams::new();
                #(#writes)*
                p.extend(self.extra.clone());
                self.order.apply(p)
            }
        }
    }
}

/// The structs of every family, each implementing the client's
/// `TypedParamsStruct`. `api_path` is the path of the module the
/// expansion lands in (`crate::api`), which holds `TypedParams`,
/// `TypedValue`, `TypedParamError` and `TypedParamsStruct`.
pub fn emit(api: &Api, api_path: &TokenStream) -> Result<TokenStream, Vec<Diag>> {
    Ok(structs(api)?
        .iter()
        .map(|s| emit_struct(s, api_path))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vendored(path: &str) -> Api {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = crate::source::load(base, &format!("../../libvirt-client/api/{path}")).unwrap();
        Api::parse(&file.text).unwrap()
    }

    fn field<'a>(structs: &'a [ParamStruct], name: &str, field: &str) -> &'a Field {
        structs
            .iter()
            .find(|s| s.family.name == name)
            .and_then(|s| s.fields.iter().find(|f| f.rust_name == field))
            .unwrap_or_else(|| panic!("no field {name}.{field}"))
    }

    #[test]
    fn reads_every_phrasing_of_a_type() {
        use ParamType::*;
        let cases = [
            ("the total bytes per second, as a ullong.", ULLong),
            ("maximum bandwidth, as an llong.", LLong),
            ("the relative weight, as a uint.", UInt),
            ("the shares value, as an int.", Int),
            ("the nodeset, as a string.", String),
            ("whether enabled, as a boolean.", Boolean),
            ("a ratio, as a double.", Double),
            ("time elapsed, as VIR_TYPED_PARAM_ULLONG.", ULLong),
            ("completion as VIR_TYPED_PARAM_BOOLEAN.", Boolean),
            ("the initial percentage. As VIR_TYPED_PARAM_INT.", Int),
            ("the PDH key, as VIR_TYPED_PARAMS_STRING.", String),
            ("port. Type is VIR_TYPED_PARAM_INT. If set to 0", Int),
            (
                "the bandwidth in bytes/s, with a type of ullong. For",
                ULLong,
            ),
            ("in flight, as an unsigned long long. Specifying", ULLong),
            ("the granularity in bytes, as an unsigned int.", UInt),
            ("The parameter has type int, when its value is 0", Int),
            (
                "The secret is a base64-encoded VIR_TYPED_PARAM_STRING containing",
                String,
            ),
            (
                "Accepted type is VIR_TYPED_PARAM_UINT or since 9.3.0 VIR_TYPED_PARAM_ULLONG.",
                UInt,
            ),
            (
                "the numa mode, as an int containing a virDomainNumatuneMemMode value.",
                Int,
            ),
        ];
        for (info, ty) in cases {
            assert_eq!(documented_type(info), Some(ty), "{info}");
        }
        for info in [
            "",
            "The cumulative idle CPU time (in nanoseconds).",
            "The string is parsed as a series of /path/to/device,weight elements",
            "as a series of integers",
        ] {
            assert_eq!(documented_type(info), None, "{info}");
        }
    }

    #[test]
    fn every_family_of_the_vendored_description() {
        let structs = structs(&vendored("libvirt-api.xml")).unwrap();
        assert_eq!(structs.len(), FAMILIES.len());
        for s in &structs {
            assert!(!s.fields.is_empty(), "{} has no field", s.family.name);
            let mut names = HashSet::new();
            let mut params = HashSet::new();
            for f in &s.fields {
                assert!(
                    names.insert(&f.rust_name),
                    "{}.{} twice",
                    s.family.name,
                    f.rust_name
                );
                assert!(
                    params.insert(&f.param),
                    "{}: `{}` twice",
                    s.family.name,
                    f.param
                );
                assert!(!f.param.contains('%'));
            }
        }
        let count: usize = structs.iter().map(|s| s.fields.len()).sum();
        assert_eq!(count, 233);
        let ty = |s: &str, f: &str| field(&structs, s, f).ty;
        assert_eq!(ty("BlockIoTune", "total_bytes_sec"), ParamType::ULLong);
        assert_eq!(ty("BlockIoTune", "group_name"), ParamType::String);
        assert_eq!(ty("SchedulerParams", "vcpu_quota"), ParamType::LLong);
        assert_eq!(ty("SchedulerParams", "cap"), ParamType::UInt);
        assert_eq!(ty("NumaParams", "mode"), ParamType::Int);
        assert_eq!(ty("BlkioParams", "device_weight"), ParamType::String);
        assert_eq!(ty("InterfaceParams", "in_average"), ParamType::UInt);
        assert_eq!(ty("BlockStats", "read_bytes"), ParamType::LLong);
        assert_eq!(ty("JobStats", "success"), ParamType::Boolean);
        assert_eq!(ty("JobStats", "errmsg"), ParamType::String);
        assert_eq!(ty("JobStats", "operation"), ParamType::Int);
        assert_eq!(ty("MigrateParams", "bandwidth"), ParamType::ULLong);
        assert_eq!(ty("LaunchSecurityInfo", "sev_secret"), ParamType::String);
        assert_eq!(ty("NodeMemoryStats", "total"), ParamType::ULLong);
        assert_eq!(ty("NodeCpuStats", "utilization"), ParamType::ULLong);
        assert_eq!(
            ty("NodeMemoryParams", "merge_across_nodes"),
            ParamType::UInt
        );
        assert_eq!(ty("NodeMemoryParams", "full_scans"), ParamType::ULLong);
        assert_eq!(ty("NodeSevInfo", "cbitpos"), ParamType::UInt);
        assert_eq!(ty("CpuStats", "cputime"), ParamType::ULLong);
        assert_eq!(ty("IoThreadParams", "poll_max_ns"), ParamType::ULLong);
        assert_eq!(ty("IoThreadParams", "poll_grow"), ParamType::UInt);
        assert_eq!(ty("IoThreadParams", "thread_pool_min"), ParamType::Int);
        assert_eq!(ty("BlockCopyParams", "buf_size"), ParamType::ULLong);
        assert_eq!(ty("BlockCopyParams", "granularity"), ParamType::UInt);
        assert_eq!(ty("Identity", "process_id"), ParamType::LLong);
        assert_eq!(ty("SaveParams", "file"), ParamType::String);
        assert_eq!(ty("Tunables", "cpu_vcpu_quota"), ParamType::LLong);
        let perf = structs
            .iter()
            .find(|s| s.family.name == "PerfEvents")
            .unwrap();
        assert!(perf.fields.iter().all(|f| f.ty == ParamType::Boolean));
        let disks = field(&structs, "MigrateParams", "migrate_disks");
        assert!(disks.multiple);
        assert_eq!(disks.param, "migrate_disks");
        assert!(field(&structs, "MigrateParams", "compression").multiple);
        assert!(!field(&structs, "MigrateParams", "uri").multiple);
        let tunables = structs
            .iter()
            .find(|s| s.family.name == "Tunables")
            .unwrap();
        assert_eq!(
            tunables.patterns,
            ["cputune.iothreadpin%u", "cputune.vcpupin%u"]
        );
        // Each macro belongs to one family only.
        let mut owners = HashSet::new();
        for s in &structs {
            for f in &s.fields {
                assert!(owners.insert(&f.c_name), "{} in two families", f.c_name);
            }
        }
    }

    #[test]
    fn the_newer_vendored_description_also_types_every_field() {
        let structs = structs(&vendored("11.3.0/libvirt-api.xml")).unwrap();
        let ty = |s: &str, f: &str| field(&structs, s, f).ty;
        assert_eq!(
            ty("MigrateParams", "bandwidth_avail_switchover"),
            ParamType::ULLong
        );
        assert_eq!(ty("IoThreadParams", "poll_grow"), ParamType::UInt);
        assert!(field(&structs, "MigrateParams", "migrate_disks_detect_zeroes").multiple);
    }

    #[test]
    fn every_override_names_a_field_macro() {
        let apis = [
            vendored("libvirt-api.xml"),
            vendored("11.3.0/libvirt-api.xml"),
        ];
        let mut seen = HashSet::new();
        for (name, _) in TYPE_OVERRIDES {
            assert!(seen.insert(name), "{name} twice");
            assert!(
                FAMILIES.iter().any(|f| name.starts_with(f.prefix)),
                "{name}"
            );
            assert!(
                apis.iter().any(|a| a
                    .macros
                    .iter()
                    .any(|m| m.name == *name && matches!(m.value, MacroValue::Str(_)))),
                "{name} is in no vendored description"
            );
        }
    }

    #[test]
    fn an_undocumented_type_is_an_error_naming_the_macro() {
        let xml = "<api><symbols>\
            <macro name='VIR_DOMAIN_BLOCK_IOTUNE_NEW' string='new' version='99.0.0'>\
              <info>Something new.</info></macro>\
            </symbols></api>";
        let errors = structs(&Api::parse(xml).unwrap()).unwrap_err();
        assert!(
            errors[0].message.contains("`VIR_DOMAIN_BLOCK_IOTUNE_NEW`"),
            "{:?}",
            errors[0]
        );
        assert!(errors[0].message.contains("BlockIoTune"));
        // Families this description does not use are no error.
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn a_family_a_function_uses_must_have_fields() {
        let xml = "<api><symbols>\
            <function name='virDomainGetBlockIoTune' file='libvirt-domain' version='0.9.8'>\
              <info>Get.</info><return type='int' info=''/></function>\
            </symbols></api>";
        let errors = structs(&Api::parse(xml).unwrap()).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("VIR_DOMAIN_BLOCK_IOTUNE_"));
        // Without the function, no struct and no error.
        let empty = structs(&Api::parse("<api><symbols/></api>").unwrap()).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn the_expansion_is_valid_rust() {
        let newer = emit(&vendored("11.3.0/libvirt-api.xml"), &quote!(crate::api)).unwrap();
        syn::parse2::<syn::File>(newer).unwrap();
        let api = vendored("libvirt-api.xml");
        let tokens = emit(&api, &quote!(crate::api)).unwrap();
        let file: syn::File = syn::parse2(tokens).unwrap();
        let text = prettyplease::unparse(&file);
        let structs = file
            .items
            .iter()
            .filter(|i| matches!(i, syn::Item::Struct(_)))
            .count();
        assert_eq!(structs, FAMILIES.len());
        assert!(text.contains("pub struct BlockIoTune {"));
        assert!(text.contains("pub total_bytes_sec: ::std::option::Option<u64>,"));
        assert!(text.contains("pub migrate_disks: ::std::vec::Vec<::std::string::String>,"));
        assert!(text.contains("impl crate::api::TypedParamsStruct for BlockIoTune {"));
        assert!(text.contains("#[doc(alias = \"VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC\")]"));
        assert!(text.contains("crate::api::TypedValue::ULLong(v),"));
        assert!(text.contains(") if s.total_bytes_sec.is_none() => s.total_bytes_sec = Some(v),"));
        assert!(text.contains("`total_bytes_sec`, C's `VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC`, since libvirt 0.9.8)"));
        assert!(text.contains(
            "Block I/O tuning parameters of a disk, as `virDomainGetBlockIoTune` returns and `virDomainSetBlockIoTune` takes."
        ));
        assert!(text.contains("`cputune.vcpupin%u`"));
    }
}
