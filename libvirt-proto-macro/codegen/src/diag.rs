//! Diagnostics that point into a `.x` file.
//!
//! A proc macro cannot put a span inside a non-Rust file, so the location
//! goes into the message, rustc-style, and the macro puts the Rust span on
//! the path literal:
//!
//! ```text
//! unknown constant `VIR_UUID_BUFLEN`
//!    --> proto/remote_protocol.x:297:28
//!     |
//! 297 | typedef opaque remote_uuid[VIR_UUID_BUFLEN];
//!     |                            ^^^^^^^^^^^^^^^
//!     = help: ...
//! ```

use crate::ast::Span;
use std::fmt;

/// Most diagnostics reported for one file; the rest are summarised.
pub const MAX_DIAGNOSTICS: usize = 50;

/// A `.x` file's text and the name to show for it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in messages (relative to the crate, never absolute).
    pub display: String,
    /// The file's text.
    pub text: String,
    /// Byte offset of the start of every line, for quick line lookups.
    line_starts: Vec<usize>,
}

impl Source {
    /// A source with the given display name and text.
    pub fn new(display: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            display: display.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    fn line_text(&self, line: usize) -> &str {
        let start = self
            .line_starts
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\r')
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where in a `.x` file a diagnostic points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as displayed.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The text of that line.
    pub source_line: String,
    /// How many characters to underline.
    pub width: usize,
}

/// Which argument of the macro a diagnostic is about, when it is not the
/// main `.x` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Argument {
    /// The `extern` file at this index.
    Extern(usize),
    /// The `api_xml` file.
    ApiXml,
    /// The `internal` procedure at this index.
    Internal(usize),
}

/// One error, with an optional place in a `.x` file and help notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    /// What is wrong.
    pub message: String,
    /// Where, when the error is in a `.x` file.
    pub location: Option<Box<Location>>,
    /// `help:` lines.
    pub help: Vec<String>,
    /// The macro argument it concerns, if not the main file.
    pub argument: Option<Argument>,
}

impl Diag {
    /// An error that is not tied to a place in a `.x` file.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            location: None,
            help: Vec::new(),
            argument: None,
        }
    }

    /// An error at `span` in `source`.
    pub fn at(source: &Source, span: Span, message: impl Into<String>) -> Self {
        let (line, column) = source.line_col(span.start);
        let source_line = source.line_text(line).to_string();
        let end = span.end.max(span.start).min(source.text.len());
        let start = floor_char_boundary(&source.text, span.start.min(source.text.len()));
        let end = floor_char_boundary(&source.text, end);
        let spanned = &source.text[start..end];
        // Underline up to the end of the first line of the span.
        let first_line = spanned.split('\n').next().unwrap_or("");
        let width = first_line.chars().count().max(1);
        Self {
            message: message.into(),
            location: Some(Box::new(Location {
                file: source.display.clone(),
                line,
                column,
                source_line,
                width,
            })),
            help: Vec::new(),
            argument: None,
        }
    }

    /// Marks the diagnostic as concerning a macro argument.
    pub fn for_argument(mut self, argument: Argument) -> Self {
        self.argument = Some(argument);
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(loc) = &self.location {
            let line = loc.source_line.replace('\t', " ");
            let marker_pad = " ".repeat(loc.column.saturating_sub(1));
            write!(
                f,
                "\n{pad}--> {}:{}:{}\n{pad} |\n{} | {}\n{pad} | {marker_pad}{}",
                loc.file,
                loc.line,
                loc.column,
                loc.line,
                line.trim_end(),
                "^".repeat(loc.width)
            )?;
        }
        for help in &self.help {
            write!(f, "\n{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// Collects the diagnostics of one expansion (serde's `Ctxt`).
#[derive(Debug, Default)]
pub struct Diagnostics {
    diags: Vec<Diag>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one error.
    pub fn push(&mut self, diag: Diag) {
        self.diags.push(diag);
    }

    /// True when nothing went wrong.
    pub fn is_empty(&self) -> bool {
        self.diags.is_empty()
    }

    /// Number of errors so far.
    pub fn len(&self) -> usize {
        self.diags.len()
    }

    /// The errors, capped at [`MAX_DIAGNOSTICS`] with a last note saying how
    /// many more there were.
    pub fn into_vec(mut self) -> Vec<Diag> {
        if self.diags.len() > MAX_DIAGNOSTICS {
            let more = self.diags.len() - MAX_DIAGNOSTICS;
            self.diags.truncate(MAX_DIAGNOSTICS);
            self.diags
                .push(Diag::new(format!("{more} more errors not shown")));
        }
        self.diags
    }

    /// `Ok(value)` when nothing was recorded, else all errors.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Diag>> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.into_vec())
        }
    }
}
