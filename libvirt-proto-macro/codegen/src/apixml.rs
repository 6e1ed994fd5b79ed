//! Constants from libvirt's API description (`libvirt-api.xml`).
//!
//! The `.x` files use a few constants of libvirt's C headers
//! (`VIR_UUID_BUFLEN`, `VIR_SECURITY_MODEL_BUFLEN`, `VIR_TYPED_PARAM_INT`,
//! ...). libvirt publishes every enum value and macro of its headers in
//! `libvirt-api.xml`; this module reads the `<enum name= value=>` and
//! `<macro name= raw=>` entries and evaluates them.

use quick_xml::events::Event;
use std::collections::HashMap;

/// Every integer constant the file defines, by name.
#[derive(Debug, Default, Clone)]
pub struct ApiConstants {
    values: HashMap<String, i128>,
}

impl ApiConstants {
    /// Reads the constants of an API XML document.
    pub fn parse(xml: &str) -> Result<Self, String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut pending: Vec<(String, String)> = Vec::new();
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let tag = e.name();
                    let key: &[u8] = match tag.as_ref() {
                        b"enum" => b"value",
                        b"macro" => b"raw",
                        _ => continue,
                    };
                    let mut name = None;
                    let mut value = None;
                    for attr in e.attributes().flatten() {
                        let v = attr
                            .unescape_value()
                            .map(|v| v.into_owned())
                            .unwrap_or_default();
                        if attr.key.as_ref() == b"name" {
                            name = Some(v);
                        } else if attr.key.as_ref() == key {
                            value = Some(v);
                        }
                    }
                    if let (Some(n), Some(v)) = (name, value) {
                        pending.push((n, v));
                    }
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(e) => {
                    return Err(format!(
                        "invalid XML at byte {}: {e}",
                        reader.buffer_position()
                    ))
                }
            }
        }
        // Values may name other constants: evaluate until nothing changes.
        let mut values = HashMap::new();
        loop {
            let before = values.len();
            pending.retain(|(name, expr)| match eval(expr, &values) {
                Some(v) => {
                    values.insert(name.clone(), v);
                    false
                }
                None => true,
            });
            if values.len() == before {
                break;
            }
        }
        Ok(Self { values })
    }

    /// The value of a constant.
    pub fn get(&self, name: &str) -> Option<i128> {
        self.values.get(name).copied()
    }

    /// Number of constants known.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// True when no constant is known.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Evaluates a C integer expression as found in `raw=` attributes:
/// literals (with `U`/`L` suffixes), names, `( )`, unary `- ~`, and
/// `* / % + - << >> & ^ |`.
pub fn eval(expr: &str, names: &HashMap<String, i128>) -> Option<i128> {
    let tokens = tokenize(expr)?;
    let mut p = ExprParser {
        tokens,
        pos: 0,
        names,
    };
    let v = p.binary(0)?;
    (p.pos == p.tokens.len()).then_some(v)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(i128),
    Name(String),
    Op(&'static str),
}

fn tokenize(s: &str) -> Option<Vec<Tok>> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    const OPS: [&str; 14] = [
        "<<", ">>", "(", ")", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!",
    ];
    while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i] as char).is_ascii_alphanumeric() {
                i += 1;
            }
            let lit = s[start..i].trim_end_matches(['u', 'U', 'l', 'L']);
            let v = if let Some(h) = lit.strip_prefix("0x").or_else(|| lit.strip_prefix("0X")) {
                i128::from_str_radix(h, 16).ok()?
            } else if lit.len() > 1 && lit.starts_with('0') {
                i128::from_str_radix(&lit[1..], 8).ok()?
            } else {
                lit.parse().ok()?
            };
            out.push(Tok::Num(v));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < b.len() && ((b[i] as char).is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Name(s[start..i].to_string()));
        } else {
            let op = OPS.iter().find(|op| s[i..].starts_with(**op))?;
            out.push(Tok::Op(op));
            i += op.len();
        }
    }
    Some(out)
}

struct ExprParser<'a> {
    tokens: Vec<Tok>,
    pos: usize,
    names: &'a HashMap<String, i128>,
}

fn precedence(op: &str) -> Option<u8> {
    Some(match op {
        "|" => 1,
        "^" => 2,
        "&" => 3,
        "<<" | ">>" => 4,
        "+" | "-" => 5,
        "*" | "/" | "%" => 6,
        _ => return None,
    })
}

impl ExprParser<'_> {
    fn binary(&mut self, min: u8) -> Option<i128> {
        let mut lhs = self.unary()?;
        while let Some(Tok::Op(op)) = self.tokens.get(self.pos) {
            let op = *op;
            let Some(prec) = precedence(op) else { break };
            if prec < min {
                break;
            }
            self.pos += 1;
            let rhs = self.binary(prec + 1)?;
            lhs = match op {
                "|" => lhs | rhs,
                "^" => lhs ^ rhs,
                "&" => lhs & rhs,
                "<<" => lhs.checked_shl(u32::try_from(rhs).ok()?)?,
                ">>" => lhs.checked_shr(u32::try_from(rhs).ok()?)?,
                "+" => lhs.checked_add(rhs)?,
                "-" => lhs.checked_sub(rhs)?,
                "*" => lhs.checked_mul(rhs)?,
                "/" => lhs.checked_div(rhs)?,
                _ => lhs.checked_rem(rhs)?,
            };
        }
        Some(lhs)
    }

    fn unary(&mut self) -> Option<i128> {
        let tok = self.tokens.get(self.pos)?.clone();
        self.pos += 1;
        match tok {
            Tok::Num(v) => Some(v),
            Tok::Name(n) => self.names.get(&n).copied(),
            Tok::Op("-") => self.unary().map(|v| -v),
            Tok::Op("~") => self.unary().map(|v| !v),
            Tok::Op("(") => {
                let v = self.binary(0)?;
                match self.tokens.get(self.pos) {
                    Some(Tok::Op(")")) => {
                        self.pos += 1;
                        Some(v)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_header_expressions() {
        let mut names = HashMap::new();
        names.insert("A".to_string(), 4);
        assert_eq!(eval("(256 + 1)", &names), Some(257));
        assert_eq!(eval("(16)", &names), Some(16));
        assert_eq!(eval("1 << A", &names), Some(16));
        assert_eq!(eval("0x10U | 1", &names), Some(17));
        assert_eq!(eval("-1", &names), Some(-1));
        assert_eq!(eval("B + 1", &names), None);
        assert_eq!(eval("\"text\"", &names), None);
    }

    #[test]
    fn reads_enums_and_macros() {
        let xml = r#"<api><symbols>
            <macro name='VIR_UUID_BUFLEN' file='libvirt-host' raw='(16)'/>
            <enum name='VIR_TYPED_PARAM_INT' file='libvirt-common' value='1'/>
            <enum name='VIR_DOMAIN_BLKIO_PARAM_INT' value='VIR_TYPED_PARAM_INT'/>
            <macro name='VIR_SECURITY_MODEL_BUFLEN' raw='(256 + 1)'><info>x</info></macro>
        </symbols></api>"#;
        let c = ApiConstants::parse(xml).unwrap();
        assert_eq!(c.get("VIR_UUID_BUFLEN"), Some(16));
        assert_eq!(c.get("VIR_DOMAIN_BLKIO_PARAM_INT"), Some(1));
        assert_eq!(c.get("VIR_SECURITY_MODEL_BUFLEN"), Some(257));
    }
}
