//! Support for generated code only; not a stable API.

use crate::rpc::{Annotations, Priority, Procedure};

const fn non_empty(s: &'static str) -> Option<&'static str> {
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// A [`Procedure`] from positional parts; empty strings stand for `None`.
/// Keeps the generated procedure tables small.
#[allow(clippy::too_many_arguments)]
pub const fn procedure(
    program: u32,
    version: u32,
    number: i32,
    name: &'static str,
    args: &'static str,
    ret: &'static str,
    msg: &'static str,
    generate: &'static str,
    high_priority: bool,
    acl: &'static [&'static str],
    aclfilter: &'static [&'static str],
    readstream: Option<u32>,
    writestream: Option<u32>,
    sparseflag: &'static str,
) -> Procedure {
    Procedure {
        program,
        version,
        number,
        name,
        args: non_empty(args),
        ret: non_empty(ret),
        msg: non_empty(msg),
        annotations: Annotations {
            generate: non_empty(generate),
            priority: if high_priority {
                Priority::High
            } else {
                Priority::Low
            },
            acl,
            aclfilter,
            readstream,
            writestream,
            sparseflag: non_empty(sparseflag),
        },
    }
}
