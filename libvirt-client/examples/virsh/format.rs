//! Formatting helpers with virsh's and libvirt's exact rules: versions,
//! `%-Ns` padding, C strings, `strcasecmp`, sizes.

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

/// `strcasecmp`: bytes compared after ASCII lowercasing.
pub(crate) fn strcasecmp(a: &str, b: &str) -> Ordering {
    let lower = |s: &str| {
        s.bytes()
            .map(|b| b.to_ascii_lowercase())
            .collect::<Vec<_>>()
    };
    lower(a).cmp(&lower(b))
}

/// `vshPrettyCapacity` printed with `%2.2lf %s`: the value in the
/// largest binary unit below it (`1023.00 B`, `1.50 KiB`, ...).
pub(crate) fn pretty_capacity(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let value = bytes as f64;
    if bytes < 1024 {
        return format!("{value:.2} B");
    }
    let mut divisor = 1024.0_f64;
    for unit in &UNITS[..UNITS.len() - 1] {
        if value < divisor * 1024.0 {
            return format!("{:.2} {unit}", value / divisor);
        }
        divisor *= 1024.0;
    }
    format!("{:.2} EiB", value / divisor)
}
