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

/// How a command option takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `--name`, no value.
    Bool,
    /// A required value, given by position or as `--name value`.
    Data,
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

/// The options given to one command.
#[derive(Debug)]
pub(crate) struct Args {
    values: BTreeMap<&'static str, Option<String>>,
}

impl Args {
    /// Whether the boolean option `name` was given.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// `vshCommandOptStringReq` on the required option `name` (present
    /// once parsing succeeded): its value, which must not be empty.
    pub(crate) fn data(&self, name: &str) -> Result<&str, Failure> {
        let value = self
            .values
            .get(name)
            .and_then(|v| v.as_deref())
            .unwrap_or_default();
        if value.is_empty() {
            return Err(Failure::msg(format!(
                "Failed to get option '{name}': Option argument is empty"
            )));
        }
        Ok(value)
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

/// Parses the arguments of command `cmd` against its option table.
pub(crate) fn parse_command(cmd: &str, opts: &[Opt], words: &[String]) -> Result<Args, String> {
    let mut values = BTreeMap::new();
    let mut positional = opts.iter().filter(|o| o.kind == Kind::Data);
    let mut only_data = false;
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let (opt, value) = match word.strip_prefix("--") {
            Some("") if !only_data => {
                only_data = true;
                continue;
            }
            Some(long) if !only_data => {
                let (name, inline) = match long.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (long, None),
                };
                let opt = opts
                    .iter()
                    .find(|o| o.name == name)
                    .ok_or_else(|| format!("command '{cmd}' doesn't support option --{name}"))?;
                let value = match opt.kind {
                    Kind::Bool if inline.is_some() => {
                        return Err(format!("option --{name} doesn't take a value"));
                    }
                    Kind::Bool => None,
                    Kind::Data => Some(
                        inline
                            .or_else(|| words.next().cloned())
                            .ok_or_else(|| format!("expected syntax: --{name} <string>"))?,
                    ),
                };
                (opt, value)
            }
            _ => loop {
                let opt = positional
                    .next()
                    .ok_or_else(|| format!("unexpected data '{word}'"))?;
                if !values.contains_key(opt.name) {
                    break (opt, Some(word.clone()));
                }
            },
        };
        if values.insert(opt.name, value).is_some() {
            return Err(format!("option --{} already seen", opt.name));
        }
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
