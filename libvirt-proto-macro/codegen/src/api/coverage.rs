//! The coverage file: the C functions that have no generated method, and
//! why.
//!
//! ```text
//! # comment
//! virDomainGetInfo        manual    typed DomainInfo with the state as DomainState
//! virTypedParamsAddInt    excluded  client-side helper: TypedParams does this
//! ```
//!
//! `manual` functions are written by hand (the generator skips them, a test
//! checks they exist); `excluded` ones are left out for the reason given.

use super::model::Api;
use crate::diag::Diag;

/// Why a function has no generated method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Written by hand.
    Manual,
    /// Left out.
    Excluded,
}

/// One line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The C function.
    pub function: String,
    /// Manual or excluded.
    pub kind: Kind,
    /// Why.
    pub reason: String,
}

/// The whole file.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Its lines, in order.
    pub entries: Vec<Entry>,
}

impl Coverage {
    /// Reads the file; every function it names must exist in `api`, once.
    pub fn parse(name: &str, text: &str, api: &Api) -> Result<Self, Vec<Diag>> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut diags = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = format!("{name}:{}", i + 1);
            let (function, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let function = function.to_string();
            let rest = rest.trim_start();
            let (rest, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let reason = reason.trim().to_string();
            let kind = match rest {
                "manual" => Kind::Manual,
                "excluded" => Kind::Excluded,
                other => {
                    diags.push(Diag::new(format!(
                        "{at}: expected `manual` or `excluded` after `{function}`, found `{other}`"
                    )));
                    continue;
                }
            };
            if reason.is_empty() {
                diags.push(Diag::new(format!("{at}: `{function}` needs a reason")));
            }
            if api.function(&function).is_none() {
                diags.push(Diag::new(format!(
                    "{at}: `{function}` is not a function of the API description"
                )));
            }
            if entries.iter().any(|e| e.function == function) {
                diags.push(Diag::new(format!("{at}: `{function}` is listed twice")));
            }
            entries.push(Entry {
                function,
                kind,
                reason,
            });
        }
        if diags.is_empty() {
            Ok(Self { entries })
        } else {
            Err(diags)
        }
    }

    /// The entry of a function, if listed.
    pub fn get(&self, function: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.function == function)
    }
}
