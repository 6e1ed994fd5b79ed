//! `.x` text → [`ast::Specification`](crate::ast::Specification), with the
//! pest grammar in `xdr.pest`.

use crate::ast::*;
use crate::diag::{Diag, Diagnostics, Source};
use pest::iterators::Pair;
use pest::Parser as _;

mod grammar {
    //! The parser pest derives from `xdr.pest`.
    #![allow(missing_docs, unreachable_pub)]

    #[derive(pest_derive::Parser)]
    #[grammar = "xdr.pest"]
    pub(super) struct XdrParser;
}

use grammar::{Rule, XdrParser};

/// Parses a whole `.x` file. A syntax error stops at the first one; errors
/// in literals are all collected.
pub fn parse(source: &Source) -> Result<Specification, Vec<Diag>> {
    let file = match XdrParser::parse(Rule::file, &source.text) {
        Ok(mut pairs) => pairs.next(),
        Err(err) => {
            return Err(vec![syntax_error(
                source,
                err,
                expected_tokens(&source.text),
            )])
        }
    };
    let mut builder = Builder {
        source,
        diags: Diagnostics::new(),
    };
    let spec = match file {
        Some(file) => builder.file(file),
        None => Specification::default(),
    };
    builder.diags.finish(spec)
}

/// The punctuation a failed parse expected. pest reports rules, not the
/// literal tokens between them, so the parse is run once more with pest's
/// detailed error tracking (off on the normal path, as it costs time).
fn expected_tokens(text: &str) -> Vec<String> {
    pest::set_error_detail(true);
    let attempt = XdrParser::parse(Rule::file, text);
    pest::set_error_detail(false);
    let Err(err) = attempt else { return Vec::new() };
    let Some(attempts) = err.parse_attempts() else {
        return Vec::new();
    };
    attempts
        .expected_tokens()
        .into_iter()
        .map(|t| t.to_string())
        // Comments may start anywhere; they are not what is missing.
        .filter(|t| {
            t.chars().all(|c| c.is_ascii_punctuation())
                && !matches!(t.as_str(), "/*" | "//" | "*/" | "%" | "_")
        })
        .map(|t| format!("`{t}`"))
        .collect()
}

/// What a rule is called in a syntax error.
fn rule_name(rule: &Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "end of file",
        Rule::WHITESPACE | Rule::COMMENT | Rule::block_comment | Rule::line_comment => return None,
        Rule::file | Rule::definition | Rule::passthrough => return None,
        Rule::ident_char => "an identifier",
        Rule::constant_def | Rule::kw_const => "`const`",
        Rule::typedef_def | Rule::kw_typedef => "`typedef`",
        Rule::enum_def | Rule::kw_enum => "`enum`",
        Rule::struct_def | Rule::kw_struct => "`struct`",
        Rule::union_def | Rule::kw_union => "`union`",
        Rule::program_def | Rule::kw_program => "`program`",
        Rule::version_def | Rule::kw_version => "`version`",
        Rule::procedure_def | Rule::proc_type => "a procedure",
        Rule::enum_body | Rule::struct_body => "`{`",
        Rule::union_body | Rule::kw_switch => "`switch`",
        Rule::enum_member => "an enum member",
        Rule::case_arm | Rule::kw_case => "`case`",
        Rule::default_arm | Rule::kw_default => "`default`",
        Rule::declaration
        | Rule::opaque_decl
        | Rule::string_decl
        | Rule::optional_decl
        | Rule::fixed_array_decl
        | Rule::var_array_decl
        | Rule::plain_decl => "a declaration",
        Rule::void_decl | Rule::kw_void => "`void`",
        Rule::fixed_len => "`[`",
        Rule::var_len => "`<`",
        Rule::type_specifier
        | Rule::unsigned_type
        | Rule::signed_type
        | Rule::enum_type_spec
        | Rule::struct_type_spec
        | Rule::union_type_spec
        | Rule::type_name => "a type",
        Rule::value => "a constant or constant name",
        Rule::constant | Rule::hex_int | Rule::oct_int | Rule::dec_int => "an integer",
        Rule::identifier => "an identifier",
        Rule::keyword => "a keyword",
        Rule::kw_bool
        | Rule::kw_char
        | Rule::kw_double
        | Rule::kw_float
        | Rule::kw_hyper
        | Rule::kw_int
        | Rule::kw_long
        | Rule::kw_opaque
        | Rule::kw_quadruple
        | Rule::kw_short
        | Rule::kw_string
        | Rule::kw_unsigned => "a type",
    })
}

fn syntax_error(source: &Source, err: pest::error::Error<Rule>, punctuation: Vec<String>) -> Diag {
    use pest::error::{ErrorVariant, InputLocation};
    let (start, end) = match err.location {
        InputLocation::Pos(p) => (p, p + 1),
        InputLocation::Span((s, e)) => (s, e),
    };
    let message = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<String> = positives
                .iter()
                .filter_map(rule_name)
                .map(str::to_string)
                .collect();
            names.extend(punctuation);
            names.sort_unstable();
            names.dedup();
            let found = found_token(&source.text, start);
            if source
                .text
                .get(start..)
                .is_some_and(|rest| rest.starts_with("/*") && !rest.contains("*/"))
            {
                return Diag::at(
                    source,
                    Span::new(start, start + 2),
                    "syntax error: this comment is never closed",
                )
                .help("close it with `*/`");
            }
            match names.len() {
                0 => format!("syntax error: unexpected {found}"),
                1 => format!("syntax error: expected {}, found {found}", names[0]),
                n => format!(
                    "syntax error: expected {} or {}, found {found}",
                    names[..n - 1].join(", "),
                    names[n - 1]
                ),
            }
        }
        ErrorVariant::CustomError { message } => format!("syntax error: {message}"),
    };
    let end = end.min(source.text.len());
    let start = start.min(end);
    // Underline the token found, not just one byte.
    let token_end = start + token_len(&source.text[start..]).max(1);
    Diag::at(
        source,
        Span::new(start, token_end.max(end).min(source.text.len().max(start))),
        message,
    )
}

fn token_len(rest: &str) -> usize {
    let first = match rest.chars().next() {
        Some(c) => c,
        None => return 0,
    };
    if first.is_ascii_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    } else {
        first.len_utf8()
    }
}

fn found_token(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let len = token_len(rest);
    if len == 0 {
        "end of file".to_string()
    } else {
        format!("`{}`", &rest[..len])
    }
}

struct Builder<'s> {
    source: &'s Source,
    diags: Diagnostics,
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

/// True for the `kw_*` rules, which carry no information once matched.
fn is_keyword(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_bool
            | Rule::kw_case
            | Rule::kw_char
            | Rule::kw_const
            | Rule::kw_default
            | Rule::kw_double
            | Rule::kw_enum
            | Rule::kw_float
            | Rule::kw_hyper
            | Rule::kw_int
            | Rule::kw_long
            | Rule::kw_opaque
            | Rule::kw_program
            | Rule::kw_quadruple
            | Rule::kw_short
            | Rule::kw_string
            | Rule::kw_struct
            | Rule::kw_switch
            | Rule::kw_typedef
            | Rule::kw_union
            | Rule::kw_unsigned
            | Rule::kw_version
            | Rule::kw_void
    )
}

/// The children of a pair, comments left out.
fn inner<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT)
}

impl Builder<'_> {
    fn comment(&self, pair: &Pair<'_, Rule>) -> Comment {
        Comment {
            text: pair.as_str().to_string(),
            span: span_of(pair),
        }
    }

    /// The comments of `pending` that belong to an item starting at
    /// `start`: those separated from it (and from each other) by at most
    /// one line break.
    fn adjacent(&self, pending: &mut Vec<Comment>, start: usize) -> Vec<Comment> {
        let text = &self.source.text;
        let mut next = start;
        let mut keep = pending.len();
        for (i, c) in pending.iter().enumerate().rev() {
            let gap = text.get(c.span.end..next).unwrap_or("");
            if gap.trim().is_empty() && gap.matches('\n').count() <= 1 {
                keep = i;
                next = c.span.start;
            } else {
                break;
            }
        }
        let out = pending.split_off(keep);
        pending.clear();
        out
    }

    fn same_line(&self, a_end: usize, b_start: usize) -> bool {
        self.source
            .text
            .get(a_end..b_start)
            .is_some_and(|gap| !gap.contains('\n'))
    }

    fn file(&mut self, file: Pair<'_, Rule>) -> Specification {
        let mut spec = Specification::default();
        let mut pending = Vec::new();
        for pair in file.into_inner() {
            match pair.as_rule() {
                Rule::COMMENT => pending.push(self.comment(&pair)),
                Rule::EOI | Rule::passthrough => pending.clear(),
                _ => {
                    let leading = self.adjacent(&mut pending, pair.as_span().start());
                    if let Some(def) = self.definition(pair, leading) {
                        spec.definitions.push(def);
                    }
                }
            }
        }
        spec
    }

    fn definition(
        &mut self,
        pair: Pair<'_, Rule>,
        mut leading: Vec<Comment>,
    ) -> Option<Definition> {
        let span = span_of(&pair);
        let rule = pair.as_rule();
        // Comments inside the definition, before its body, on its first line
        // (`struct x { /* insert@1 */`) document the definition itself.
        let mut children = Vec::new();
        for p in pair.into_inner() {
            if p.as_rule() == Rule::COMMENT {
                leading.push(self.comment(&p));
            } else {
                children.push(p);
            }
        }
        let mut it = children.into_iter().filter(|p| !is_keyword(p.as_rule()));
        let (name, kind) = match rule {
            Rule::constant_def => {
                let name = self.ident(it.next()?);
                let value = self.value(it.next()?);
                (name, DefKind::Const(value))
            }
            Rule::typedef_def => {
                let decl = self.declaration(it.next()?, Vec::new());
                let name = decl.name.clone().unwrap_or(Ident {
                    name: String::new(),
                    span: decl.span,
                });
                (name, DefKind::Typedef(decl))
            }
            Rule::enum_def => {
                let name = self.ident(it.next()?);
                (name, DefKind::Enum(self.enum_body(it.next()?)))
            }
            Rule::struct_def => {
                let name = self.ident(it.next()?);
                let body = it.next()?;
                let (fields, header) = self.struct_body(body, span.start);
                leading.extend(header);
                (name, DefKind::Struct(fields))
            }
            Rule::union_def => {
                let name = self.ident(it.next()?);
                (name, DefKind::Union(self.union_body(it.next()?)))
            }
            Rule::program_def => {
                let name = self.ident(it.next()?);
                let mut versions = Vec::new();
                let mut number = None;
                for p in it {
                    match p.as_rule() {
                        Rule::version_def => versions.push(self.version(p)),
                        _ => number = Some(self.constant(p)),
                    }
                }
                (name, DefKind::Program(versions, number?))
            }
            _ => return None,
        };
        Some(Definition {
            name,
            kind,
            leading,
            span,
        })
    }

    fn ident(&mut self, pair: Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: span_of(&pair),
        }
    }

    fn constant(&mut self, pair: Pair<'_, Rule>) -> Value {
        let span = span_of(&pair);
        let text = pair.as_str();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let parsed = if let Some(hex) = digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
        {
            i128::from_str_radix(hex, 16)
        } else if digits.len() > 1 && digits.starts_with('0') {
            i128::from_str_radix(&digits[1..], 8)
        } else {
            digits.parse::<i128>()
        };
        let limit = if negative {
            1i128 << 63
        } else {
            i128::from(u64::MAX)
        };
        match parsed {
            Ok(v) if v <= limit => Value::Literal(if negative { -v } else { v }, span),
            _ => {
                self.diags.push(
                    Diag::at(
                        self.source,
                        span,
                        format!("integer literal `{text}` is too large"),
                    )
                    .help("XDR constants must fit in 64 bits (from -2^63 to 2^64 - 1)"),
                );
                Value::Literal(0, span)
            }
        }
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        match inner(pair).next() {
            Some(p) if p.as_rule() == Rule::constant => self.constant(p),
            Some(p) => Value::Named(self.ident(p)),
            None => Value::Literal(0, Span::default()),
        }
    }

    fn enum_body(&mut self, pair: Pair<'_, Rule>) -> Vec<EnumMember> {
        let mut members: Vec<EnumMember> = Vec::new();
        let mut pending = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::COMMENT => {
                    let c = self.comment(&p);
                    // `NAME = 1, /* ... */` documents the member before it.
                    match members.last_mut() {
                        Some(last)
                            if pending.is_empty()
                                && self.same_line(last.span.end, c.span.start) =>
                        {
                            last.leading.push(c)
                        }
                        _ => pending.push(c),
                    }
                }
                Rule::enum_member => {
                    let span = span_of(&p);
                    let leading = self.adjacent(&mut pending, span.start);
                    let mut it = inner(p);
                    let (Some(name), Some(value)) = (it.next(), it.next()) else {
                        continue;
                    };
                    let name = self.ident(name);
                    let value = self.value(value);
                    members.push(EnumMember {
                        name,
                        value,
                        leading,
                        span,
                    });
                }
                _ => {}
            }
        }
        members
    }

    /// The fields of a struct body, and the comments on the line of its `{`.
    fn struct_body(
        &mut self,
        pair: Pair<'_, Rule>,
        def_start: usize,
    ) -> (Vec<Declaration>, Vec<Comment>) {
        let body_start = pair.as_span().start();
        let mut fields: Vec<Declaration> = Vec::new();
        let mut header = Vec::new();
        let mut pending = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::COMMENT => {
                    let c = self.comment(&p);
                    match fields.last_mut() {
                        Some(last)
                            if last.trailing.is_none()
                                && self.same_line(last.span.end, c.span.start) =>
                        {
                            last.trailing = Some(c);
                        }
                        None if self.same_line(def_start.min(body_start), c.span.start) => {
                            header.push(c)
                        }
                        _ => pending.push(c),
                    }
                }
                Rule::declaration => {
                    let leading = self.adjacent(&mut pending, p.as_span().start());
                    fields.push(self.declaration(p, leading));
                }
                _ => {}
            }
        }
        (fields, header)
    }

    fn union_body(&mut self, pair: Pair<'_, Rule>) -> UnionBody {
        let mut discriminant = None;
        let mut arms = Vec::new();
        let mut defaults = Vec::new();
        for p in inner(pair) {
            match p.as_rule() {
                Rule::declaration => discriminant = Some(self.declaration(p, Vec::new())),
                Rule::case_arm => {
                    let span = span_of(&p);
                    let mut cases = Vec::new();
                    let mut decl = None;
                    for c in inner(p) {
                        match c.as_rule() {
                            Rule::value => cases.push(self.value(c)),
                            Rule::declaration => decl = Some(self.declaration(c, Vec::new())),
                            _ => {}
                        }
                    }
                    if let Some(decl) = decl {
                        arms.push(UnionArm { cases, decl, span });
                    }
                }
                Rule::default_arm => {
                    let span = span_of(&p);
                    if let Some(d) = inner(p).find(|c| c.as_rule() == Rule::declaration) {
                        defaults.push((self.declaration(d, Vec::new()), span));
                    }
                }
                _ => {}
            }
        }
        let discriminant = discriminant.unwrap_or(Declaration {
            name: None,
            kind: DeclKind::Void,
            span: Span::default(),
            leading: Vec::new(),
            trailing: None,
        });
        UnionBody {
            discriminant,
            arms,
            defaults,
        }
    }

    fn declaration(&mut self, pair: Pair<'_, Rule>, leading: Vec<Comment>) -> Declaration {
        let span = span_of(&pair);
        let Some(decl) = inner(pair).next() else {
            return Declaration {
                name: None,
                kind: DeclKind::Void,
                span,
                leading,
                trailing: None,
            };
        };
        let rule = decl.as_rule();
        let parts: Vec<_> = inner(decl).filter(|p| !is_keyword(p.as_rule())).collect();
        let mut name = None;
        let mut ty = None;
        let mut fixed = None;
        let mut var: Option<Option<Value>> = None;
        for p in parts {
            match p.as_rule() {
                Rule::identifier => name = Some(self.ident(p)),
                Rule::type_specifier => ty = Some(self.type_spec(p)),
                Rule::fixed_len => fixed = inner(p).next().map(|v| self.value(v)),
                Rule::var_len => var = Some(inner(p).next().map(|v| self.value(v))),
                _ => {}
            }
        }
        let placeholder = || TypeSpec::Builtin(Builtin::Int, span);
        let kind = match rule {
            Rule::void_decl => DeclKind::Void,
            Rule::opaque_decl => match fixed {
                Some(n) => DeclKind::OpaqueFixed(n),
                None => DeclKind::OpaqueVar(var.flatten()),
            },
            Rule::string_decl => DeclKind::String(var.flatten()),
            Rule::optional_decl => DeclKind::Optional(ty.unwrap_or_else(placeholder)),
            Rule::fixed_array_decl => DeclKind::FixedArray(
                ty.unwrap_or_else(placeholder),
                fixed.unwrap_or(Value::Literal(0, span)),
            ),
            Rule::var_array_decl => {
                DeclKind::VarArray(ty.unwrap_or_else(placeholder), var.flatten())
            }
            _ => DeclKind::Plain(ty.unwrap_or_else(placeholder)),
        };
        Declaration {
            name,
            kind,
            span,
            leading,
            trailing: None,
        }
    }

    fn type_spec(&mut self, pair: Pair<'_, Rule>) -> TypeSpec {
        let span = span_of(&pair);
        let Some(p) = inner(pair).next() else {
            return TypeSpec::Builtin(Builtin::Int, span);
        };
        match p.as_rule() {
            Rule::unsigned_type => {
                let b = match inner(p).nth(1).map(|k| k.as_rule()) {
                    Some(Rule::kw_hyper) => Builtin::UHyper,
                    Some(Rule::kw_char) => Builtin::UChar,
                    Some(Rule::kw_short) => Builtin::UShort,
                    _ => Builtin::UInt,
                };
                TypeSpec::Builtin(b, span)
            }
            Rule::signed_type => {
                let b = match inner(p).next().map(|k| k.as_rule()) {
                    Some(Rule::kw_hyper) => Builtin::Hyper,
                    Some(Rule::kw_float) => Builtin::Float,
                    Some(Rule::kw_double) => Builtin::Double,
                    Some(Rule::kw_quadruple) => Builtin::Quadruple,
                    Some(Rule::kw_bool) => Builtin::Bool,
                    Some(Rule::kw_char) => Builtin::Char,
                    Some(Rule::kw_short) => Builtin::Short,
                    _ => Builtin::Int,
                };
                TypeSpec::Builtin(b, span)
            }
            Rule::enum_type_spec => {
                let body = inner(p).find(|c| c.as_rule() == Rule::enum_body);
                TypeSpec::InlineEnum(body.map(|b| self.enum_body(b)).unwrap_or_default(), span)
            }
            Rule::struct_type_spec => {
                let body = inner(p).find(|c| c.as_rule() == Rule::struct_body);
                TypeSpec::InlineStruct(
                    body.map(|b| self.struct_body(b, span.start).0)
                        .unwrap_or_default(),
                    span,
                )
            }
            Rule::union_type_spec => {
                let body = inner(p).find(|c| c.as_rule() == Rule::union_body);
                match body {
                    Some(b) => TypeSpec::InlineUnion(Box::new(self.union_body(b)), span),
                    None => TypeSpec::Builtin(Builtin::Int, span),
                }
            }
            _ => match inner(p).next() {
                Some(id) => TypeSpec::Named(self.ident(id)),
                None => TypeSpec::Builtin(Builtin::Int, span),
            },
        }
    }

    fn version(&mut self, pair: Pair<'_, Rule>) -> RpcVersion {
        let mut name = None;
        let mut procedures = Vec::new();
        let mut number = None;
        let mut pending = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::COMMENT => pending.push(self.comment(&p)),
                Rule::identifier => name = Some(self.ident(p)),
                Rule::procedure_def => {
                    let leading = self.adjacent(&mut pending, p.as_span().start());
                    procedures.push(self.procedure(p, leading));
                }
                Rule::constant => number = Some(self.constant(p)),
                _ => {}
            }
        }
        RpcVersion {
            name: name.unwrap_or(Ident {
                name: String::new(),
                span: Span::default(),
            }),
            procedures,
            number: number.unwrap_or(Value::Literal(0, Span::default())),
        }
    }

    fn procedure(&mut self, pair: Pair<'_, Rule>, leading: Vec<Comment>) -> RpcProcedure {
        let span = span_of(&pair);
        let mut types = Vec::new();
        let mut name = None;
        let mut number = None;
        for p in inner(pair) {
            match p.as_rule() {
                Rule::proc_type => {
                    let t = inner(p).next();
                    types.push(match t {
                        Some(t) if t.as_rule() == Rule::type_specifier => Some(self.type_spec(t)),
                        _ => None,
                    });
                }
                Rule::identifier => name = Some(self.ident(p)),
                Rule::constant => number = Some(self.constant(p)),
                _ => {}
            }
        }
        let mut types = types.into_iter();
        let result = types.next().flatten();
        let args = types.flatten().collect();
        RpcProcedure {
            result,
            name: name.unwrap_or(Ident {
                name: String::new(),
                span,
            }),
            args,
            number: number.unwrap_or(Value::Literal(0, span)),
            leading,
            span,
        }
    }
}
