//! The column layout of virsh's tables (`tools/vsh-table.c`): every cell
//! is preceded by one space, every column but the last is padded to its
//! widest cell plus two spaces, and the header is underlined with the
//! column widths plus three dashes each.

/// A table: a header row and data rows.
#[derive(Debug)]
pub(crate) struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(header: &[&str]) -> Self {
        Self {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table as virsh prints it; without the header and its dashes
    /// in quiet mode (widths then come from the data rows only).
    pub(crate) fn render(&self, with_header: bool) -> String {
        let columns = self.header.len();
        let encode = |row: &[String]| -> Vec<(String, usize)> {
            row.iter().map(|cell| safe_encode(cell)).collect()
        };
        let header = encode(&self.header);
        let rows: Vec<_> = self.rows.iter().map(|r| encode(r)).collect();
        let mut widths = vec![0; columns];
        let counted = with_header.then_some(&header).into_iter().chain(&rows);
        for row in counted {
            for (width, (_, w)) in widths.iter_mut().zip(row) {
                *width = (*width).max(*w);
            }
        }
        let mut out = String::new();
        if with_header {
            print_row(&mut out, &header, &widths);
            for w in &widths {
                out.push_str(&"-".repeat(w + 3));
            }
            out.push('\n');
        }
        for row in &rows {
            print_row(&mut out, row, &widths);
        }
        out
    }
}

fn print_row(out: &mut String, row: &[(String, usize)], widths: &[usize]) {
    for (i, (cell, width)) in row.iter().enumerate() {
        out.push(' ');
        out.push_str(cell);
        if i + 1 < row.len() {
            out.push_str(&" ".repeat(widths[i] - width + 2));
        }
    }
    out.push('\n');
}

/// `vshTableSafeEncode` in a UTF-8 locale: control characters (and a
/// backslash starting `\x`) become `\xNN`; the width counts wide
/// characters twice and zero-width ones not at all.
fn safe_encode(s: &str) -> (String, usize) {
    let mut out = String::new();
    let mut width = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let escape = (c == '\\' && chars.peek() == Some(&'x')) || c.is_ascii_control();
        if escape || c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                // virsh formats a signed char: bytes over 0x7f come out
                // sign-extended and cut to four characters, "\xff".
                let b = if b > 0x7f { 0xff } else { b };
                out.push_str(&format!("\\x{b:02x}"));
                width += 4;
            }
        } else {
            out.push(c);
            width += char_width(c);
        }
    }
    (out, width)
}

/// Display width of a printable character: 0 for combining marks and
/// zero-width characters, 2 for East Asian wide ones, else 1 (the common
/// ranges of glib's `g_unichar_iszerowidth` and `g_unichar_iswide`).
fn char_width(c: char) -> usize {
    let cp = u32::from(c);
    let zero = matches!(cp,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0xFEFF);
    let wide = matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD);
    if zero {
        0
    } else if wide {
        2
    } else {
        1
    }
}
