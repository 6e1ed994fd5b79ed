//! The only place that touches the file system: resolving, reading and
//! naming the files a protocol is compiled from.

// The one module allowed to touch the file system and the environment
// (see clippy.toml).
#![allow(clippy::disallowed_methods)]

use crate::diag::Diag;
use std::path::{Component, Path, PathBuf};

/// A file read for the compiler.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The path as shown in messages: as written, relative to the crate.
    pub display: String,
    /// The absolute path, for rebuild tracking.
    pub absolute: PathBuf,
    /// The contents.
    pub text: String,
}

/// Reads `relative` (a path relative to `base`, the invoking crate's
/// directory). Absolute paths and paths that leave nothing to read are
/// refused with a diagnostic.
pub fn load(base: &Path, relative: &str) -> Result<Loaded, Diag> {
    let path = Path::new(relative);
    if path.is_absolute() || path.has_root() {
        return Err(Diag::new(format!("the protocol file path `{relative}` is absolute"))
            .help("write it relative to the crate's Cargo.toml, e.g. \"proto/remote_protocol.x\"; absolute paths do not build on other machines"));
    }
    if relative.is_empty() || path.components().all(|c| matches!(c, Component::CurDir)) {
        return Err(Diag::new("the protocol file path is empty"));
    }
    let absolute = base.join(path);
    let bytes = std::fs::read(&absolute).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            _ => e.to_string(),
        };
        Diag::new(format!("cannot read `{relative}`: {reason}"))
            .help("paths are relative to the directory of the invoking crate's Cargo.toml")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diag::new(format!(
            "`{relative}` is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Loaded {
        display: relative.replace('\\', "/"),
        absolute,
        text,
    })
}

/// The directory relative paths start from: the invoking crate's
/// (`CARGO_MANIFEST_DIR`, which cargo sets for the compiler and so for proc
/// macros), or the current directory outside cargo.
pub fn manifest_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default()
}

/// True when `LIBVIRT_PROTO_TIMINGS` is set: `include_protocol!` then
/// prints how long each expansion took (see "Debugging the macro").
pub fn report_timings() -> bool {
    std::env::var_os("LIBVIRT_PROTO_TIMINGS").is_some()
}
