//! The compiler turns any text into code or diagnostics, never a panic:
//! random edits of real protocol files and random token soup.
#![allow(clippy::disallowed_methods)]

use libvirt_proto_codegen::expand::{expand, Input, Request};
use proptest::prelude::*;
use std::path::Path;

fn run(text: String) {
    let mut request = Request::file("unused");
    request.input = Input::Inline {
        name: "fuzz.x".into(),
        text,
    };
    request.constants = vec![("VIR_UUID_BUFLEN".into(), 16)];
    // Either outcome is fine; reaching here without a panic is the test.
    match expand(&request, Path::new(".")) {
        Ok(e) => assert!(!e.tokens.is_empty() || e.module.types.is_empty()),
        Err(diags) => assert!(!diags.is_empty() && diags.iter().all(|d| !d.message.is_empty())),
    }
}

fn sample() -> String {
    // A slice of the real protocol with every construct libvirt uses.
    let text = std::fs::read_to_string("../../libvirt-client/proto/remote_protocol.x").unwrap();
    text.lines().take(700).collect::<Vec<_>>().join("\n")
}

const TOKENS: &[&str] = &[
    "struct",
    "union",
    "enum",
    "typedef",
    "const",
    "switch",
    "case",
    "default",
    "void",
    "opaque",
    "string",
    "int",
    "unsigned",
    "hyper",
    "bool",
    "program",
    "version",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "*",
    ";",
    ",",
    ":",
    "=",
    "x",
    "y_ret",
    "remote_proc",
    "0",
    "-1",
    "0xFFFFFFFF",
    "99999999999999999999999",
    "/*",
    "*/",
    "/** @priority: high */",
    "%#x",
    "\n",
    "é",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_of_a_real_file_never_panic(cuts in prop::collection::vec((0usize..40_000, 0usize..200), 1..4)) {
        let mut text = sample();
        for (at, len) in cuts {
            let mut start = at.min(text.len());
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(start..end, "");
        }
        run(text);
    }

    #[test]
    fn token_soup_never_panics(picks in prop::collection::vec(0usize..TOKENS.len(), 0..80)) {
        let text = picks.iter().map(|&i| TOKENS[i]).collect::<Vec<_>>().join(" ");
        run(text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        run(text);
    }
}
