//! A compact, line-per-procedure listing of a protocol, checked in so that
//! protocol upgrades show as a readable diff.
//!
//! ```text
//! REMOTE_PROGRAM 0x20008086 v1 16 REMOTE_PROC_DOMAIN_GET_INFO args=remote_domain_get_info_args ret=remote_domain_get_info_ret generate=both priority=high acl=domain:read
//! ```

use crate::ir::{Module, Ty};

fn name(ty: &Option<Ty>) -> String {
    match ty {
        Some(Ty::Named(t)) | Some(Ty::Alias(t, _)) => t.xdr_name.clone(),
        Some(_) => "builtin".to_string(),
        None => "void".to_string(),
    }
}

/// The manifest lines of a module.
pub fn manifest(module: &Module) -> String {
    let mut out = String::new();
    for program in &module.programs {
        for p in &program.procedures {
            let a = &p.annotations;
            out.push_str(&format!(
                "{} {:#x} v{} {} {}",
                program.xdr_name, program.number, program.version, p.number, p.xdr_name
            ));
            if p.msg.is_some() {
                out.push_str(&format!(" event={}", name(&p.msg)));
            } else {
                out.push_str(&format!(" args={} ret={}", name(&p.args), name(&p.ret)));
            }
            if let Some(g) = &a.generate {
                out.push_str(&format!(" generate={g}"));
            }
            out.push_str(if a.high_priority {
                " priority=high"
            } else {
                " priority=low"
            });
            for acl in &a.acl {
                out.push_str(&format!(" acl={acl}"));
            }
            for f in &a.aclfilter {
                out.push_str(&format!(" aclfilter={f}"));
            }
            if let Some(n) = a.readstream {
                out.push_str(&format!(" readstream={n}"));
            }
            if let Some(n) = a.writestream {
                out.push_str(&format!(" writestream={n}"));
            }
            if let Some(f) = &a.sparseflag {
                out.push_str(&format!(" sparseflag={f}"));
            }
            out.push('\n');
        }
    }
    out
}
