//! Formatting helpers with virsh's and libvirt's exact rules: versions,
//! `%-Ns` padding, C strings, `strcasecmp`.

use std::cmp::Ordering;

/// A libvirt version number (`major * 1000000 + minor * 1000 + release`)
/// as `major.minor.release`.
pub(crate) fn version_string(v: u64) -> String {
    format!("{}.{}.{}", v / 1_000_000, v % 1_000_000 / 1000, v % 1000)
}

/// `printf("%-Ns", s)`: left-justified in `width` bytes.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    while out.len() < width {
        out.push(' ');
    }
    out
}

/// A `char` array from the wire (`NUL`-terminated, possibly not) as a
/// string.
pub(crate) fn c_string<T: Copy + Into<i16>>(chars: &[T]) -> String {
    let bytes: Vec<u8> = chars
        .iter()
        .map(|&c| c.into() as u8)
        .take_while(|&b| b != 0)
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// `strcasecmp`: bytes compared after ASCII lowercasing.
pub(crate) fn strcasecmp(a: &str, b: &str) -> Ordering {
    let lower = |s: &str| {
        s.bytes()
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<_>>()
    };
    lower(a).cmp(&lower(b))
}
