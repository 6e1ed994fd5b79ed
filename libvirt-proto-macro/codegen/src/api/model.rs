//! libvirt's API description (`libvirt-api.xml`) read into a model: its
//! functions with their arguments and documentation, its enum groups and
//! its macros.
//!
//! The file lists every public symbol of libvirt's headers:
//!
//! ```text
//! <function name='virDomainGetState' file='libvirt-domain' version='0.9.2'>
//!   <info>Extract domain state. ...</info>
//!   <return type='int' info='0 in case of success and -1 in case of failure.'/>
//!   <arg name='domain' type='virDomainPtr' info='a domain object'/>
//!   ...
//! <enum name='VIR_DOMAIN_RUNNING' value='1' type='virDomainState' info='...'/>
//! <macro name='VIR_DOMAIN_BLOCK_IOTUNE_TOTAL_BYTES_SEC' string='total_bytes_sec'>
//!   <info>... as a ullong.</info>
//! ```

use crate::apixml;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;

/// One argument of a C function.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// The C name (`domain`, `flags`, ...).
    pub name: String,
    /// The C type (`virDomainPtr`, `unsigned int`, `int *`, ...).
    pub c_type: String,
    /// Its documentation.
    pub info: String,
}

/// One public C function.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// The C name (`virDomainGetState`).
    pub name: String,
    /// The header it is declared in (`libvirt-domain`).
    pub file: String,
    /// The libvirt version it appeared in.
    pub version: String,
    /// Its documentation.
    pub info: String,
    /// The C return type (`int`, `char *`, `virDomainPtr`, ...).
    pub return_type: String,
    /// What the return value means.
    pub return_info: String,
    /// The arguments, in order.
    pub args: Vec<Arg>,
}

/// One value of an enum group.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The C name (`VIR_DOMAIN_RUNNING`).
    pub name: String,
    /// The value, resolved when it names another constant.
    pub value: i128,
    /// Its documentation (may be empty).
    pub info: String,
    /// The libvirt version it appeared in.
    pub version: String,
    /// True when the header gives it as a bit shift (`1 << N`).
    pub bitshift: bool,
}

/// The values of one C enum type (`virDomainState`), sorted by value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumGroup {
    /// The C type name.
    pub name: String,
    /// The type's documentation (from its `typedef`).
    pub info: String,
    /// The libvirt version it appeared in.
    pub version: String,
    /// The values, sorted by value then name.
    pub values: Vec<EnumValue>,
}

impl EnumGroup {
    /// True for bit sets: a value is given as a shift, or the type is named
    /// `...Flags` (every value then is a bit or a mask of bits).
    pub fn is_flags(&self) -> bool {
        self.values.iter().any(|v| v.bitshift) || self.name.ends_with("Flags")
    }
}

/// What a macro expands to.
#[derive(Debug, Clone, PartialEq)]
pub enum MacroValue {
    /// A string literal: typed-parameter field names and the like.
    Str(String),
    /// An integer expression, evaluated.
    Int(i128),
}

/// One `#define` of libvirt's headers with a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Macro {
    /// The C name.
    pub name: String,
    /// The value.
    pub value: MacroValue,
    /// Its documentation.
    pub info: String,
    /// The libvirt version it appeared in.
    pub version: String,
}

/// The whole description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Api {
    /// Every function, in file order.
    pub functions: Vec<Function>,
    /// Every enum group, sorted by name.
    pub enums: Vec<EnumGroup>,
    /// Every macro with a string or integer value, in file order.
    pub macros: Vec<Macro>,
}

impl Api {
    /// The function named `name`.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The enum group named `name`.
    pub fn enum_group(&self, name: &str) -> Option<&EnumGroup> {
        self.enums.iter().find(|g| g.name == name)
    }

    /// Reads an API XML document. Errors name the byte offset of the
    /// problem.
    pub fn parse(xml: &str) -> Result<Api, String> {
        let raw = read(xml)?;
        let mut names: HashMap<String, i128> = HashMap::new();
        // Values may name other values (`VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE
        // = VIR_CONNECT_LIST_DOMAINS_ACTIVE`) or be expressions: resolve until
        // nothing changes.
        let mut pending: Vec<(&str, &str)> = raw
            .enums
            .iter()
            .map(|e| (e.name.as_str(), e.value.as_str()))
            .chain(
                raw.int_macros
                    .iter()
                    .map(|m| (m.name.as_str(), m.raw.as_str())),
            )
            .collect();
        loop {
            let before = pending.len();
            pending.retain(|(name, expr)| match apixml::eval(expr, &names) {
                Some(v) => {
                    names.insert((*name).to_string(), v);
                    false
                }
                None => true,
            });
            if pending.len() == before {
                break;
            }
        }
        let mut groups: HashMap<&str, EnumGroup> = HashMap::new();
        for e in &raw.enums {
            let Some(&value) = names.get(&e.name) else {
                return Err(format!(
                    "enum value `{}` = `{}` cannot be evaluated",
                    e.name, e.value
                ));
            };
            let group = groups.entry(e.group.as_str()).or_insert_with(|| EnumGroup {
                name: e.group.clone(),
                info: String::new(),
                version: String::new(),
                values: Vec::new(),
            });
            group.values.push(EnumValue {
                name: e.name.clone(),
                value,
                info: e.info.clone(),
                version: e.version.clone(),
                bitshift: e.bitshift,
            });
        }
        for (name, info, version) in &raw.typedefs {
            if let Some(g) = groups.get_mut(name.as_str()) {
                g.info = info.clone();
                g.version = version.clone();
            }
        }
        let mut enums: Vec<EnumGroup> = groups.into_values().collect();
        for g in &mut enums {
            g.values
                .sort_by(|a, b| a.value.cmp(&b.value).then(a.name.cmp(&b.name)));
        }
        enums.sort_by(|a, b| a.name.cmp(&b.name));
        let mut macros = Vec::new();
        for m in raw.string_macros {
            macros.push(Macro {
                name: m.name,
                value: MacroValue::Str(m.raw),
                info: m.info,
                version: m.version,
            });
        }
        for m in raw.int_macros {
            if let Some(&v) = names.get(&m.name) {
                macros.push(Macro {
                    name: m.name,
                    value: MacroValue::Int(v),
                    info: m.info,
                    version: m.version,
                });
            }
        }
        Ok(Api {
            functions: raw.functions,
            enums,
            macros,
        })
    }
}

struct RawEnum {
    name: String,
    value: String,
    group: String,
    info: String,
    version: String,
    bitshift: bool,
}

struct RawMacro {
    name: String,
    raw: String,
    info: String,
    version: String,
}

#[derive(Default)]
struct Raw {
    functions: Vec<Function>,
    enums: Vec<RawEnum>,
    int_macros: Vec<RawMacro>,
    string_macros: Vec<RawMacro>,
    /// (name, info, version) of `typedef`s.
    typedefs: Vec<(String, String, String)>,
}

fn attrs(e: &BytesStart<'_>) -> HashMap<String, String> {
    e.attributes()
        .flatten()
        .map(|a| {
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (key, value)
        })
        .collect()
}

/// What the reader is inside of, for `<info>` text and `<arg>`s.
enum Open {
    Nothing,
    Function(Function),
    Macro(RawMacro, bool),
    Typedef(String, String, String),
}

fn read(xml: &str) -> Result<Raw, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut raw = Raw::default();
    let mut open = Open::Nothing;
    let mut in_info = false;
    let mut info = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("invalid XML at byte {}: {e}", reader.buffer_position()))?;
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = element {
            start(&mut raw, &mut open, e);
            if e.name().as_ref() == b"info" && !empty {
                in_info = true;
                info.clear();
            }
            if empty {
                end(&mut raw, &mut open, e.name().as_ref());
            }
            continue;
        }
        match event {
            Event::Text(t) if in_info => {
                info.push_str(&t.unescape().map_err(|e| e.to_string())?);
            }
            Event::CData(t) if in_info => {
                info.push_str(&String::from_utf8_lossy(&t));
            }
            Event::End(e) if e.name().as_ref() == b"info" => {
                in_info = false;
                let text = std::mem::take(&mut info);
                match &mut open {
                    Open::Function(f) => f.info = text,
                    Open::Macro(m, _) => m.info = text,
                    Open::Typedef(_, i, _) => *i = text,
                    Open::Nothing => {}
                }
            }
            Event::End(e) => end(&mut raw, &mut open, e.name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(raw)
}

/// An element opens: start what it describes.
fn start(raw: &mut Raw, open: &mut Open, e: &BytesStart<'_>) {
    let a = attrs(e);
    let get = |k: &str| a.get(k).cloned().unwrap_or_default();
    match e.name().as_ref() {
        b"function" => {
            *open = Open::Function(Function {
                name: get("name"),
                file: get("file"),
                version: get("version"),
                info: String::new(),
                return_type: String::new(),
                return_info: String::new(),
                args: Vec::new(),
            });
        }
        b"return" => {
            if let Open::Function(f) = open {
                f.return_type = get("type");
                f.return_info = get("info");
            }
        }
        b"arg" => {
            if let Open::Function(f) = open {
                f.args.push(Arg {
                    name: get("name"),
                    c_type: get("type"),
                    info: get("info"),
                });
            }
        }
        b"enum" => {
            if let (Some(name), Some(value), Some(group)) =
                (a.get("name"), a.get("value"), a.get("type"))
            {
                raw.enums.push(RawEnum {
                    name: name.clone(),
                    value: value.clone(),
                    group: group.clone(),
                    info: get("info"),
                    version: get("version"),
                    bitshift: a.contains_key("value_bitshift"),
                });
            }
        }
        b"macro" => {
            let (value, is_string) = match (a.get("string"), a.get("raw")) {
                (Some(s), _) => (s.clone(), true),
                // Function-like macros have no value of their own.
                (None, Some(_)) if a.contains_key("params") => (String::new(), false),
                (None, Some(r)) => (strip_comments(r), false),
                (None, None) => (String::new(), false),
            };
            let m = RawMacro {
                name: get("name"),
                raw: value,
                info: String::new(),
                version: get("version"),
            };
            *open = Open::Macro(m, is_string);
        }
        b"typedef" if get("type") == "enum" => {
            *open = Open::Typedef(get("name"), String::new(), get("version"));
        }
        _ => {}
    }
}

/// `raw` text without its C comments.
fn strip_comments(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("*/") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// An element closes: file what it described.
fn end(raw: &mut Raw, open: &mut Open, name: &[u8]) {
    let done = matches!(
        (&*open, name),
        (Open::Function(_), b"function")
            | (Open::Macro(..), b"macro")
            | (Open::Typedef(..), b"typedef")
    );
    if !done {
        return;
    }
    match std::mem::replace(open, Open::Nothing) {
        Open::Function(f) => raw.functions.push(f),
        Open::Macro(m, true) => raw.string_macros.push(m),
        Open::Macro(m, false) if !m.raw.is_empty() => raw.int_macros.push(m),
        Open::Typedef(n, i, v) => raw.typedefs.push((n, i, v)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<api><symbols>
        <typedef name='virDomainState' file='libvirt-domain' type='enum' version='0.0.1'>
          <info><![CDATA[A domain may be in different states]]></info>
        </typedef>
        <enum name='VIR_DOMAIN_RUNNING' value='1' type='virDomainState' version='0.0.1' info='the domain is running'/>
        <enum name='VIR_DOMAIN_NOSTATE' value='0' type='virDomainState' version='0.0.1'/>
        <enum name='VIR_LIST_A' value='1' value_bitshift='0' type='virListFlags'/>
        <enum name='VIR_STATS_A' value='VIR_LIST_A' type='virStatsFlags'/>
        <macro name='VIR_UUID_BUFLEN' file='libvirt-host' raw='(16)'/>
        <macro name='VIR_X_FIELD' string='x_field' version='1.0.0'><info>as a ullong.</info></macro>
        <function name='virDomainGetState' file='libvirt-domain' version='0.9.2'>
          <info><![CDATA[Extract domain state & reason.]]></info>
          <return type='int' info='0 in case of success'/>
          <arg name='domain' type='virDomainPtr' info='a domain object'/>
          <arg name='flags' type='unsigned int' info='extra flags'/>
        </function>
    </symbols></api>"#;

    #[test]
    fn reads_functions_enums_and_macros() {
        let api = Api::parse(XML).unwrap();
        let f = api.function("virDomainGetState").unwrap();
        assert_eq!(f.info, "Extract domain state & reason.");
        assert_eq!(f.return_type, "int");
        assert_eq!(f.args.len(), 2);
        assert_eq!(f.args[0].c_type, "virDomainPtr");
        let state = api.enum_group("virDomainState").unwrap();
        assert_eq!(state.info, "A domain may be in different states");
        assert_eq!(state.values[0].name, "VIR_DOMAIN_NOSTATE");
        assert_eq!(state.values[1].info, "the domain is running");
        assert!(!state.is_flags());
        assert!(api.enum_group("virListFlags").unwrap().is_flags());
        assert_eq!(api.enum_group("virStatsFlags").unwrap().values[0].value, 1);
        let field = api.macros.iter().find(|m| m.name == "VIR_X_FIELD").unwrap();
        assert_eq!(field.value, MacroValue::Str("x_field".into()));
        assert_eq!(field.info, "as a ullong.");
        let buflen = api
            .macros
            .iter()
            .find(|m| m.name == "VIR_UUID_BUFLEN")
            .unwrap();
        assert_eq!(buflen.value, MacroValue::Int(16));
    }

    #[test]
    fn reads_the_vendored_description() {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let file = crate::source::load(base, "../../libvirt-client/api/libvirt-api.xml").unwrap();
        let api = Api::parse(&file.text).unwrap();
        assert_eq!(api.functions.len(), 516);
        assert_eq!(api.enums.len(), 168);
        assert!(
            api.macros
                .iter()
                .filter(|m| matches!(m.value, MacroValue::Str(_)))
                .count()
                > 200
        );
        assert!(api.functions.iter().all(|f| !f.info.is_empty()));
    }

    #[test]
    fn bad_xml_is_an_error() {
        assert!(Api::parse("<api><function name='x'></api>").is_err());
    }
}
