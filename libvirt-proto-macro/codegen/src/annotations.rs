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

/// A malformed annotation: the comment it is in and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnotationError {
    /// The comment holding the annotation.
    pub comment: Comment,
    /// What is wrong with it.
    pub message: String,
}

/// Reads the annotations from the comments before a procedure. Unknown
/// `@words` are ignored, so that newer `.x` files keep working.
pub fn procedure_annotations(comments: &[Comment]) -> Result<Annotations, AnnotationError> {
    let mut out = Annotations::default();
    for comment in comments {
        let err = |message: String| AnnotationError {
            comment: comment.clone(),
            message,
        };
        for line in comment.text.lines() {
            let line = line
                .trim()
                .trim_start_matches("/**")
                .trim_start_matches("/*")
                .trim_start_matches('*');
            let line = line.trim().trim_end_matches("*/").trim();
            let Some(rest) = line.strip_prefix('@') else {
                continue;
            };
            let (key, value) = match rest.split_once(':') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => (rest.trim(), ""),
            };
            let number = |value: &str| {
                value.parse::<u32>().map_err(|_| {
                    err(format!(
                        "`@{key}` takes a parameter number, found `{value}`"
                    ))
                })
            };
            match key {
                "generate" => match value {
                    "none" | "client" | "server" | "both" => out.generate = Some(value.to_string()),
                    _ => {
                        return Err(err(format!(
                            "`@generate` takes none, client, server or both, found `{value}`"
                        )))
                    }
                },
                "priority" => match value {
                    "high" => out.high_priority = true,
                    "low" => out.high_priority = false,
                    _ => {
                        return Err(err(format!(
                            "`@priority` takes low or high, found `{value}`"
                        )))
                    }
                },
                "acl" => out.acl.push(value.to_string()),
                "aclfilter" => out.aclfilter.push(value.to_string()),
                "readstream" => out.readstream = Some(number(value)?),
                "writestream" => out.writestream = Some(number(value)?),
                "sparseflag" if !value.is_empty() => out.sparseflag = Some(value.to_string()),
                "sparseflag" => return Err(err("`@sparseflag` needs a flag name".to_string())),
                _ => {}
            }
        }
    }
    if out.readstream.is_some() && out.writestream.is_some() {
        if let Some(comment) = comments.last() {
            return Err(AnnotationError {
                comment: comment.clone(),
                message: "a procedure cannot have both `@readstream` and `@writestream`"
                    .to_string(),
            });
        }
    }
    Ok(out)
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
        let e = procedure_annotations(&[comment("/** @priority: urgent */")]).unwrap_err();
        assert!(e.message.contains("low or high"), "{}", e.message);
    }

    #[test]
    fn finds_insert_markers() {
        assert_eq!(insert_offset(&comment("/* insert@2 */")), Some(2));
        assert_eq!(insert_offset(&comment("/* insert@<offset> */")), None);
        assert_eq!(insert_offset(&comment("/* nothing */")), None);
    }
}
