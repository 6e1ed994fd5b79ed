//! UUIDs as libvirt prints them.

use std::fmt;
use std::str::FromStr;

/// A libvirt UUID (16 bytes), as domains, networks, storage pools and the
/// other objects carry on the wire (`remote_uuid`).
///
/// It prints as libvirt does (`virUUIDFormat`: `8-4-4-4-12` lowercase
/// hexadecimal digits) and parses as libvirt does (`virUUIDParse`, see
/// [`FromStr`](#impl-FromStr-for-Uuid)).
///
/// ```
/// use libvirt_client::api::Uuid;
///
/// let uuid: Uuid = "6695EB01-F6A4-8304-79AA-97F2502E193F".parse()?;
/// assert_eq!(uuid.to_string(), "6695eb01-f6a4-8304-79aa-97f2502e193f");
/// assert_eq!(uuid.as_bytes()[0], 0x66);
/// # Ok::<(), libvirt_client::api::UuidParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid(pub [u8; 16]);

impl Uuid {
    /// The UUID with these 16 bytes.
    pub const fn from_bytes(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }

    /// The 16 bytes of the UUID.
    pub const fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The 16 bytes of the UUID, by value (the raw protocol's
    /// `proto::remote::Uuid`).
    pub const fn into_bytes(self) -> [u8; 16] {
        self.0
    }
}

impl From<[u8; 16]> for Uuid {
    /// The UUID with these bytes; `proto::remote::Uuid` is `[u8; 16]`, so
    /// this converts from the raw protocol.
    fn from(bytes: [u8; 16]) -> Self {
        Self(bytes)
    }
}

impl From<Uuid> for [u8; 16] {
    /// The UUID's bytes; `proto::remote::Uuid` is `[u8; 16]`, so this
    /// converts to the raw protocol.
    fn from(uuid: Uuid) -> Self {
        uuid.0
    }
}

impl AsRef<[u8]> for Uuid {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Uuid {
    /// The 36 ASCII bytes of the `8-4-4-4-12` form.
    fn format_ascii(&self) -> [u8; 36] {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [b'-'; 36];
        let mut pos = 0;
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                pos += 1;
            }
            out[pos] = HEX[usize::from(byte >> 4)];
            out[pos + 1] = HEX[usize::from(byte & 0x0f)];
            pos += 2;
        }
        out
    }
}

impl fmt::Display for Uuid {
    /// `8-4-4-4-12` lowercase hexadecimal digits, as `virUUIDFormat`
    /// prints; width and alignment flags are honoured.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ascii = self.format_ascii();
        // Only ASCII hex digits and hyphens were written.
        let text = std::str::from_utf8(&ascii).map_err(|_| fmt::Error)?;
        f.pad(text)
    }
}

impl fmt::Debug for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uuid({self})")
    }
}

/// Why a string is not a UUID ([`Uuid`]'s [`FromStr`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UuidParseError {
    /// A character that is neither a hexadecimal digit nor allowed where
    /// it stands (a hyphen or space splitting a byte's two digits, say).
    #[error("invalid character {character:?} at byte {position} of UUID")]
    InvalidCharacter {
        /// Byte offset of the character in the input.
        position: usize,
        /// The character.
        character: char,
    },
    /// The input ended before 32 hexadecimal digits.
    #[error("UUID has {digits} hexadecimal digits, expected 32")]
    TooShort {
        /// How many hexadecimal digits were found.
        digits: usize,
    },
    /// Something other than whitespace follows the 32 hexadecimal digits
    /// (a 33rd digit, a trailing hyphen, ...).
    #[error("unexpected {character:?} at byte {position} after the 32 hexadecimal digits of UUID")]
    Trailing {
        /// Byte offset of the character in the input.
        position: usize,
        /// The character.
        character: char,
    },
}

impl FromStr for Uuid {
    type Err = UuidParseError;

    /// Parses a UUID the way libvirt's `virUUIDParse` does: exactly 32
    /// hexadecimal digits in either case, with any number of `-` or space
    /// characters between (never inside) byte pairs, and ASCII whitespace
    /// (space, tab, line feed, form feed, carriage return) before and
    /// after. So `6695eb01-f6a4-8304-79aa-97f2502e193f`,
    /// `6695eb01f6a4830479aa97f2502e193f` and
    /// ` 66-95-eb-01 f6a4-8304-79aa-97f2502e193f\n` are the same UUID.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bytes = s.as_bytes();
        // Every position reported is a character boundary: only ASCII
        // bytes are ever skipped.
        let char_at = |position: usize| {
            s.get(position..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or(char::REPLACEMENT_CHARACTER)
        };
        let digit = |position: usize, b: u8| {
            hex_value(b).ok_or_else(|| UuidParseError::InvalidCharacter {
                position,
                character: char_at(position),
            })
        };

        let mut pos = bytes
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(bytes.len());
        let mut out = [0u8; 16];
        let mut filled = 0;
        while filled < 16 {
            match bytes.get(pos) {
                None => return Err(UuidParseError::TooShort { digits: 2 * filled }),
                Some(b'-' | b' ') => pos += 1,
                Some(&b) => {
                    let high = digit(pos, b)?;
                    let Some(&b) = bytes.get(pos + 1) else {
                        return Err(UuidParseError::TooShort {
                            digits: 2 * filled + 1,
                        });
                    };
                    let low = digit(pos + 1, b)?;
                    out[filled] = (high << 4) | low;
                    filled += 1;
                    pos += 2;
                }
            }
        }
        match bytes[pos..].iter().position(|b| !b.is_ascii_whitespace()) {
            None => Ok(Self(out)),
            Some(offset) => Err(UuidParseError::Trailing {
                position: pos + offset,
                character: char_at(pos + offset),
            }),
        }
    }
}

/// The value of an ASCII hexadecimal digit.
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "6695eb01-f6a4-8304-79aa-97f2502e193f";
    const BYTES: [u8; 16] = [
        0x66, 0x95, 0xeb, 0x01, 0xf6, 0xa4, 0x83, 0x04, 0x79, 0xaa, 0x97, 0xf2, 0x50, 0x2e, 0x19,
        0x3f,
    ];

    fn parse(s: &str) -> Result<Uuid, UuidParseError> {
        s.parse()
    }

    #[test]
    fn formats_like_libvirt() {
        let uuid = Uuid::from_bytes(BYTES);
        assert_eq!(uuid.to_string(), TEXT);
        assert_eq!(format!("{uuid:?}"), format!("Uuid({TEXT})"));
        assert_eq!(format!("[{uuid:>38}]"), format!("[  {TEXT}]"));
        assert_eq!(
            Uuid::from([0; 16]).to_string(),
            "00000000-0000-0000-0000-000000000000"
        );
        assert_eq!(
            Uuid::from([0xff; 16]).to_string(),
            "ffffffff-ffff-ffff-ffff-ffffffffffff"
        );
    }

    #[test]
    fn parses_what_libvirt_accepts() {
        let want = Uuid::from_bytes(BYTES);
        for text in [
            TEXT,
            "6695EB01-F6A4-8304-79AA-97F2502E193F",
            "6695eb01f6a4830479aa97f2502e193f",
            "  \t\n6695eb01-f6a4-8304-79aa-97f2502e193f\r\n\x0c ",
            "66-95-eb-01-f6-a4-83-04-79-aa-97-f2-50-2e-19-3f",
            "-6695eb01 f6a4  8304--79aa-97f2502e193f",
        ] {
            assert_eq!(parse(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn rejects_what_libvirt_rejects() {
        use UuidParseError::*;
        let cases: &[(&str, UuidParseError)] = &[
            ("", TooShort { digits: 0 }),
            ("   ", TooShort { digits: 0 }),
            ("6695eb01-f6a4", TooShort { digits: 12 }),
            (
                "6695eb01-f6a4-8304-79aa-97f2502e193",
                TooShort { digits: 31 },
            ),
            (
                "6695eb01-f6a4-8304-79aa-97f2502e193f-",
                Trailing {
                    position: 36,
                    character: '-',
                },
            ),
            (
                "6695eb01f6a4830479aa97f2502e193f0",
                Trailing {
                    position: 32,
                    character: '0',
                },
            ),
            (
                "6695eb01f6a4830479aa97f2502e193f x",
                Trailing {
                    position: 33,
                    character: 'x',
                },
            ),
            (
                "6-695eb01f6a4830479aa97f2502e193f",
                InvalidCharacter {
                    position: 1,
                    character: '-',
                },
            ),
            (
                "6695eg01f6a4830479aa97f2502e193f",
                InvalidCharacter {
                    position: 5,
                    character: 'g',
                },
            ),
            (
                "\x0b6695eb01f6a4830479aa97f2502e193f",
                InvalidCharacter {
                    position: 0,
                    character: '\x0b',
                },
            ),
            (
                "6695eb01f6a48304\x0079aa97f2502e193f",
                InvalidCharacter {
                    position: 16,
                    character: '\0',
                },
            ),
            (
                "6695eb01f6a48304é9aa97f2502e193f",
                InvalidCharacter {
                    position: 16,
                    character: 'é',
                },
            ),
            (
                "6695eb01f6a4830479aa97f2502e19é",
                InvalidCharacter {
                    position: 30,
                    character: 'é',
                },
            ),
            (
                "6695eb01f6a4830479aa97f2502e193é",
                InvalidCharacter {
                    position: 31,
                    character: 'é',
                },
            ),
            (
                "{6695eb01-f6a4-8304-79aa-97f2502e193f}",
                InvalidCharacter {
                    position: 0,
                    character: '{',
                },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).as_ref(), Err(want), "{text:?}");
            assert!(!want.to_string().is_empty());
        }
    }

    #[test]
    fn converts_to_and_from_the_protocol() {
        let raw: crate::proto::remote::Uuid = BYTES;
        let uuid = Uuid::from(raw);
        assert_eq!(uuid.as_bytes(), &BYTES);
        assert_eq!(uuid.as_ref(), &BYTES[..]);
        let back: crate::proto::remote::Uuid = uuid.into();
        assert_eq!(back, raw);
        assert_eq!(uuid.into_bytes(), raw);
    }

    #[test]
    fn display_and_parse_round_trip() {
        let mut bytes = [0u8; 16];
        for seed in 0u8..=255 {
            for (i, b) in bytes.iter_mut().enumerate() {
                *b = seed.wrapping_mul(31).wrapping_add(i as u8 * 17);
            }
            let uuid = Uuid(bytes);
            assert_eq!(parse(&uuid.to_string()), Ok(uuid));
        }
    }

    #[test]
    fn never_panics_on_arbitrary_input() {
        // Every prefix and every one-byte truncation point of tricky input,
        // including multi-byte characters at every position.
        let base = " é-6695eb01-f6a4-8304-79aa-97f2502e193f😀 ";
        for (start, _) in base.char_indices() {
            for (end, _) in base.char_indices().skip(1) {
                if start <= end {
                    let _ = parse(&base[start..end]);
                }
            }
        }
    }
}
