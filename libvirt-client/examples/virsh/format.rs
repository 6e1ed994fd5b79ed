//! Formatting and parsing helpers with virsh's and libvirt's exact
//! rules: UUIDs, ids, versions, state names, `%-Ns` padding.

use std::cmp::Ordering;

/// `virUUIDFormat`: 8-4-4-4-12 lowercase hex digits.
pub(crate) fn uuid_string(uuid: &[u8; 16]) -> String {
    let hex: String = uuid.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// `virUUIDParse`: 32 hex digits in pairs, with `-` and spaces allowed
/// between pairs and whitespace around.
pub(crate) fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let mut bytes = text
        .trim_start_matches(|c: char| c.is_ascii_whitespace())
        .bytes()
        .peekable();
    let mut uuid = [0u8; 16];
    let mut i = 0;
    while i < uuid.len() {
        let c = bytes.next()?;
        if c == b'-' || c == b' ' {
            continue;
        }
        let hi = hex_value(c)?;
        let lo = hex_value(bytes.next()?)?;
        uuid[i] = hi * 16 + lo;
        i += 1;
    }
    bytes.all(|c| c.is_ascii_whitespace()).then_some(uuid)
}

fn hex_value(c: u8) -> Option<u8> {
    char::from(c).to_digit(16).map(|d| d as u8)
}

/// `virStrToLong_i` as virsh uses it for domain ids: optional leading
/// whitespace and sign, decimal digits, nothing after, within `int`.
pub(crate) fn parse_id(text: &str) -> Option<i32> {
    let t = text.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.strip_prefix('+').unwrap_or(t).parse().ok()
}

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

/// `virshDomainStateToString`.
pub(crate) fn domain_state(state: i32) -> &'static str {
    const NAMES: [&str; 8] = [
        "no state",
        "running",
        "idle",
        "paused",
        "in shutdown",
        "shut off",
        "crashed",
        "pmsuspended",
    ];
    usize::try_from(state)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("no state")
}

/// `virshDomainStateReasonToString`.
pub(crate) fn domain_state_reason(state: i32, reason: i32) -> &'static str {
    let names: &[&str] = match state {
        0 | 2 | 7 => &["unknown"],
        1 => &[
            "unknown",
            "booted",
            "migrated",
            "restored",
            "from snapshot",
            "unpaused",
            "migration canceled",
            "save canceled",
            "event wakeup",
            "crashed",
            "post-copy",
            "post-copy failed",
        ],
        3 => &[
            "unknown",
            "user",
            "migrating",
            "saving",
            "dumping",
            "I/O error",
            "watchdog",
            "from snapshot",
            "shutting down",
            "creating snapshot",
            "crashed",
            "starting up",
            "post-copy",
            "post-copy failed",
        ],
        4 => &["unknown", "user"],
        5 => &[
            "unknown",
            "shutdown",
            "destroyed",
            "crashed",
            "migrated",
            "saved",
            "failed",
            "from snapshot",
            "daemon",
        ],
        6 => &["unknown", "panicked"],
        _ => &[],
    };
    usize::try_from(reason)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or("unknown")
}
