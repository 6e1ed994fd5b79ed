//! libvirt's annotations in `.x` comments.
//!
//! Before each member of an `enum *_procedure`, a `/** ... */` comment says
//! how the procedure behaves:
//!
//! ```text
//! /**
//!  * @generate: both
//!  * @priority: high
//!  * @acl: domain:read
//!  * @readstream: 1
//!  * @sparseflag: VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM
//!  */
//! ```
//!
//! and `/* insert@N */` on a `_ret` struct (or one of its fields) says that
//! the C API returns it through its N-th parameter.

use crate::ast::Comment;

/// The annotations of one procedure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Annotations {
    /// `@generate`.
    pub generate: Option<String>,
    /// `@priority: high` (otherwise low).
    pub high_priority: bool,
    /// Every `@acl`.
    pub acl: Vec<String>,
    /// Every `@aclfilter`.
    pub aclfilter: Vec<String>,
    /// `@readstream: N`.
    pub readstream: Option<u32>,
    /// `@writestream: N`.
    pub writestream: Option<u32>,
    /// `@sparseflag: FLAG`.
    pub sparseflag: Option<String>,
}

/// A malformed annotation: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationError {
    /// The annotation's place in the file (from its `@` to the end of its line).
    pub span: crate::ast::Span,
    /// What is wrong with it.
    pub message: String,
}

/// Reads the annotations from the comments before a procedure. Unknown
/// `@words` are ignored, so that newer `.x` files keep working; every
/// malformed known one is reported.
pub fn procedure_annotations(comments: &[Comment]) -> Result<Annotations, Vec<AnnotationError>> {
    let mut out = Annotations::default();
    let mut errors = Vec::new();
    let mut last_stream = None;
    for comment in comments {
        let mut offset = 0;
        for raw in comment.text.split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let Some(at) = raw.find('@') else { continue };
            let line = raw[at..].trim_end().trim_end_matches("*/").trim_end();
            let start = comment.span.start + line_start + at;
            let span = crate::ast::Span::new(start, start + line.len().max(1));
            let Some(rest) = line.strip_prefix('@') else {
                continue;
            };
            // Only `@word` at the start of a comment line is an annotation.
            if !raw[..at]
                .trim_start()
                .trim_start_matches("/**")
                .trim_start_matches("/*")
                .trim_start_matches('*')
                .trim()
                .is_empty()
            {
                continue;
            }
            let (key, value) = match rest.split_once(':') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => (rest.trim(), ""),
            };
            let mut fail = |message: String| errors.push(AnnotationError { span, message });
            let number = |value: &str| value.parse::<u32>().ok();
            match key {
                "generate" => match value {
                    "none" | "client" | "server" | "both" => out.generate = Some(value.to_string()),
                    _ => fail(format!(
                        "`@generate` takes none, client, server or both, found `{value}`"
                    )),
                },
                "priority" => match value {
                    "high" => out.high_priority = true,
                    "low" => out.high_priority = false,
                    _ => fail(format!("`@priority` takes low or high, found `{value}`")),
                },
                "acl" => out.acl.push(value.to_string()),
                "aclfilter" => out.aclfilter.push(value.to_string()),
                "readstream" | "writestream" => match number(value) {
                    Some(n) => {
                        if key == "readstream" {
                            out.readstream = Some(n);
                        } else {
                            out.writestream = Some(n);
                        }
                        last_stream = Some(span);
                    }
                    None => fail(format!(
                        "`@{key}` takes a parameter number, found `{value}`"
                    )),
                },
                "sparseflag" if !value.is_empty() => out.sparseflag = Some(value.to_string()),
                "sparseflag" => fail("`@sparseflag` needs a flag name".to_string()),
                _ => {}
            }
        }
    }
    if let (Some(_), Some(_), Some(span)) = (out.readstream, out.writestream, last_stream) {
        errors.push(AnnotationError {
            span,
            message: "a procedure cannot have both `@readstream` and `@writestream`".to_string(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The N of an `insert@N` marker in a comment.
pub fn insert_offset(comment: &Comment) -> Option<u32> {
    let at = comment.text.find("insert@")?;
    let digits: String = comment.text[at + 7..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Span;

    fn comment(text: &str) -> Comment {
        Comment {
            text: text.to_string(),
            span: Span::default(),
        }
    }

    #[test]
    fn reads_every_libvirt_annotation() {
        let a = procedure_annotations(&[comment(
            "/**\n * @generate: both\n * @priority: high\n * @readstream: 1\n * @sparseflag: VIR_X\n * @acl: domain:read\n * @acl: domain:save:VIR_DOMAIN_AFFECT_CONFIG\n * @aclfilter: domain:getattr\n */",
        )])
        .unwrap();
        assert_eq!(a.generate.as_deref(), Some("both"));
        assert!(a.high_priority);
        assert_eq!(a.readstream, Some(1));
        assert_eq!(a.sparseflag.as_deref(), Some("VIR_X"));
        assert_eq!(
            a.acl,
            ["domain:read", "domain:save:VIR_DOMAIN_AFFECT_CONFIG"]
        );
        assert_eq!(a.aclfilter, ["domain:getattr"]);
    }

    #[test]
    fn rejects_a_bad_priority() {
        let e =
            procedure_annotations(&[comment("/**\n * @generate: both\n * @priority: urgent */")])
                .unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("low or high"), "{}", e[0].message);
        assert_eq!(e[0].span.start, 26, "points at the `@` of the bad line");
    }

    #[test]
    fn finds_insert_markers() {
        assert_eq!(insert_offset(&comment("/* insert@2 */")), Some(2));
        assert_eq!(insert_offset(&comment("/* insert@<offset> */")), None);
        assert_eq!(insert_offset(&comment("/* nothing */")), None);
    }
}
