//! Command lines as virsh reads them: global options first (`-c URI`,
//! `-r`, `-q`), then one command and its options. Messages follow
//! `tools/vsh.c` and `tools/virsh.c`.

use crate::Failure;
use std::collections::BTreeMap;

/// The global options and the command words that follow them.
#[derive(Debug, Default)]
pub(crate) struct Global {
    /// `-c URI` / `--connect URI`.
    pub(crate) uri: Option<String>,
    /// `-r` / `--readonly`.
    pub(crate) read_only: bool,
    /// `-q` / `--quiet`.
    pub(crate) quiet: bool,
    /// The command name and its arguments.
    pub(crate) command: Vec<String>,
}

/// Parses the global options up to the first word that is not one
/// (getopt's `+` mode).
pub(crate) fn parse_global(argv: &[String]) -> Result<Global, String> {
    let mut global = Global::default();
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if arg == "--" {
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            match name {
                "connect" => {
                    global.uri = Some(match inline {
                        Some(v) => v,
                        None => take_value(argv, &mut i, arg)?,
                    });
                }
                "readonly" => global.read_only = true,
                "quiet" => global.quiet = true,
                _ => return Err(format!("unsupported option '{arg}'. See --help.")),
            }
            continue;
        }
        let Some(shorts) = arg.strip_prefix('-').filter(|s| !s.is_empty()) else {
            i -= 1;
            break;
        };
        for (pos, c) in shorts.char_indices() {
            match c {
                'r' => global.read_only = true,
                'q' => global.quiet = true,
                'c' => {
                    let rest = &shorts[pos + 1..];
                    global.uri = Some(if rest.is_empty() {
                        take_value(argv, &mut i, "-c")?
                    } else {
                        rest.to_string()
                    });
                    break;
                }
                _ => return Err(format!("unsupported option '-{c}'. See --help.")),
            }
        }
    }
    global.command = argv[i..].to_vec();
    Ok(global)
}

/// The word after an option that needs one.
fn take_value(argv: &[String], i: &mut usize, option: &str) -> Result<String, String> {
    let value = argv
        .get(*i)
        .cloned()
        .ok_or_else(|| format!("option '{option}' requires an argument"))?;
    *i += 1;
    Ok(value)
}

/// How a command option takes its value (vsh.c's `VSH_OT_*` and
/// `VSH_OFLAG_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `--name`, no value (`VSH_OT_BOOL`).
    Bool,
    /// A required string, given by position or as `--name value`
    /// (`VSH_OT_DATA` with `VSH_OFLAG_REQ`).
    Data,
    /// An optional string, by position or by name (`VSH_OT_STRING`).
    String,
    /// An optional string that may be empty (`VSH_OFLAG_EMPTY_OK`).
    EmptyOk,
    /// An optional integer, by position or by name (`VSH_OT_INT`).
    Int,
    /// An optional integer given only as `--name N` (`VSH_OT_INT` with
    /// `VSH_OFLAG_REQ_OPT`).
    NamedInt,
    /// Every remaining positional word, and every `--name value`
    /// (`VSH_OT_ARGV`); listed last.
    Argv,
}

impl Kind {
    /// Whether a word without `--name` can fill the option.
    fn positional(self) -> bool {
        !matches!(self, Kind::Bool | Kind::NamedInt)
    }
}

/// One option of a command.
#[derive(Debug)]
pub(crate) struct Opt {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
}

/// A boolean option.
pub(crate) const fn flag(name: &'static str) -> Opt {
    Opt {
        name,
        kind: Kind::Bool,
    }
}

/// A required positional option.
pub(crate) const fn data(name: &'static str) -> Opt {
    Opt {
        name,
        kind: Kind::Data,
    }
}

/// An option of another kind.
pub(crate) const fn opt(name: &'static str, kind: Kind) -> Opt {
    Opt { name, kind }
}

/// The options given to one command.
#[derive(Debug)]
pub(crate) struct Args {
    values: BTreeMap<&'static str, (Kind, Vec<String>)>,
}

impl Args {
    /// Whether option `name` was given.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// The value of option `name` as given, if it was.
    pub(crate) fn raw(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }

    /// `vshCommandOptStringReq`: the value of string option `name`, if
    /// given; an empty value is an error unless the option allows it.
    pub(crate) fn string(&self, name: &str) -> Result<Option<&str>, Failure> {
        match self.values.get(name) {
            Some((kind, v))
                if *kind != Kind::EmptyOk && v.first().is_some_and(String::is_empty) =>
            {
                Err(Failure::msg(format!(
                    "Failed to get option '{name}': Option argument is empty"
                )))
            }
            Some((_, v)) => Ok(v.first().map(String::as_str)),
            None => Ok(None),
        }
    }

    /// The value of the required option `name` (present once parsing
    /// succeeded), not empty.
    pub(crate) fn data(&self, name: &str) -> Result<&str, Failure> {
        Ok(self.string(name)?.unwrap_or_default())
    }

    /// `vshCommandOptInt`: the value of integer option `name`, if given,
    /// read as `virStrToLong_i` reads it.
    pub(crate) fn int(&self, name: &str) -> Result<Option<i32>, Failure> {
        self.raw(name)
            .map(|text| {
                parse_int(text).ok_or_else(|| {
                    Failure::msg(format!(
                        "Numeric value '{text}' for <{name}> option is malformed or out of range"
                    ))
                })
            })
            .transpose()
    }

    /// Every value of the `Argv` option `name`, in order.
    pub(crate) fn argv(&self, name: &str) -> &[String] {
        self.values.get(name).map_or(&[], |(_, v)| v.as_slice())
    }

    /// `VSH_EXCLUSIVE_OPTIONS_VAR`: options `a` and `b` must not both be
    /// given.
    pub(crate) fn exclusive(&self, a: &str, b: &str) -> Result<(), Failure> {
        if self.flag(a) && self.flag(b) {
            return Err(Failure::msg(format!(
                "Options --{a} and --{b} are mutually exclusive"
            )));
        }
        Ok(())
    }
}

/// `virStrToLong_i`: optional leading whitespace and sign, decimal
/// digits, nothing after, within `int`.
pub(crate) fn parse_int(text: &str) -> Option<i32> {
    let t = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.strip_prefix('+').unwrap_or(t).parse().ok()
}

/// Parses the arguments of command `cmd` against its option table
/// (`vshCommandParse`): `--name value`, `--name=value`, positional
/// words for the positional options not given by name, in table order,
/// and `--` before words that are only data.
pub(crate) fn parse_command(cmd: &str, opts: &[Opt], words: &[String]) -> Result<Args, String> {
    let mut values: BTreeMap<&'static str, (Kind, Vec<String>)> = BTreeMap::new();
    // The positional options still waiting for a value.
    let mut need: Vec<&Opt> = opts.iter().filter(|o| o.kind.positional()).collect();
    let mut only_data = false;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let named = word
            .strip_prefix("--")
            .filter(|w| !only_data && w.starts_with(|c: char| c.is_ascii_alphanumeric()));
        let (opt, value) = if let Some(long) = named {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let opt = opts
                .iter()
                .find(|o| o.name == name)
                .ok_or_else(|| format!("command '{cmd}' doesn't support option --{name}"))?;
            if opt.kind != Kind::Argv && values.contains_key(opt.name) {
                return Err(format!("option --{name} already seen"));
            }
            let value = match opt.kind {
                Kind::Bool if inline.is_some() => {
                    return Err(format!("invalid '=' after option --{name}"));
                }
                Kind::Bool => None,
                kind => {
                    let what = match kind {
                        Kind::Int | Kind::NamedInt => "number",
                        _ => "string",
                    };
                    let value = inline
                        .or_else(|| words.next().cloned())
                        .ok_or_else(|| format!("expected syntax: --{name} <{what}>"))?;
                    if kind != Kind::Argv {
                        need.retain(|o| o.name != opt.name);
                    }
                    Some(value)
                }
            };
            (opt, value)
        } else if word == "--" && !only_data {
            only_data = true;
            continue;
        } else {
            let opt = *need
                .first()
                .ok_or_else(|| format!("unexpected data '{word}'"))?;
            if opt.kind != Kind::Argv {
                need.remove(0);
            }
            (opt, Some(word.clone()))
        };
        let entry = values.entry(opt.name).or_insert((opt.kind, Vec::new()));
        entry.1.extend(value);
    }
    if let Some(missing) = opts
        .iter()
        .find(|o| o.kind == Kind::Data && !values.contains_key(o.name))
    {
        return Err(format!(
            "command '{cmd}' requires <{}> option",
            missing.name
        ));
    }
    Ok(Args { values })
}
