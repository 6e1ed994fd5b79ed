//! Prints how long each stage of the compiler takes on a `.x` file, and
//! how many tokens each emitter produces:
//! `cargo run --release -p libvirt-proto-codegen --example stage_times -- FILE.x [API.xml]`
#![allow(clippy::disallowed_methods)]
use libvirt_proto_codegen::{apixml, codegen, diag::Source, ir::Module, parse, resolve};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: stage_times FILE.x [API.xml]");
    let api = std::env::args().nth(2);
    let text = std::fs::read_to_string(&path).expect("readable .x file");
    let src = Source::new(path.clone(), text);
    let mut module = Module::default();
    for _ in 0..3 {
        let t = Instant::now();
        let spec = parse::parse(&src).expect("the file parses");
        let t_parse = t.elapsed();
        let t = Instant::now();
        let consts = api.as_ref().map(|p| {
            apixml::ApiConstants::parse(&std::fs::read_to_string(p).expect("readable API XML"))
                .expect("valid API XML")
        });
        let t_api = t.elapsed();
        let t = Instant::now();
        let mut lookup = |n: &str| consts.as_ref().and_then(|c| c.get(n));
        let options = resolve::Options {
            prefix: None,
            externs: &[],
            external_constant: &mut lookup,
            constant_sources: String::new(),
        };
        module = resolve::resolve(&src, &spec, options).expect("the file resolves");
        let t_resolve = t.elapsed();
        let t = Instant::now();
        let tokens = codegen::generate(&module, &[], &codegen::Options::default());
        let t_gen = t.elapsed();
        println!(
            "parse {t_parse:?}  api-xml {t_api:?}  resolve {t_resolve:?}  codegen {t_gen:?}  ({} tokens)",
            count(tokens)
        );
    }
    let opts = codegen::Options::default();
    let cx = codegen::Context::new(&module, &[], &opts);
    println!(
        "tokens: consts {} types {} procedures {} client {}",
        count(codegen::consts::emit(&cx)),
        count(codegen::types::emit(&cx)),
        count(codegen::procedures::emit(&cx)),
        count(codegen::client::emit(&cx))
    );
}

fn count(tokens: proc_macro2::TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|t| match t {
            proc_macro2::TokenTree::Group(g) => 1 + count(g.stream()),
            _ => 1,
        })
        .sum()
}
