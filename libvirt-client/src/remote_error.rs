//! The error a daemon returns for a failed call (`virNetMessageError`).

use crate::api::{ErrorDomain, ErrorLevel, ErrorNumber};
use std::fmt;
use xdr_runtime::message::STRING_MAX;
use xdr_runtime::{Decoder, Result as XdrResult};

/// Length of the UUIDs in the unused `dom` and `net` members.
const UUID_LEN: usize = 16;

/// An error reported by the daemon: the body of a reply whose status is
/// `VIR_NET_ERROR`, with every member of `virNetMessageError`.
///
/// ```text
/// struct virNetMessageError {
///     int code;                   int domain;
///     virNetMessageString message;
///     int level;
///     virNetMessageDomain dom;    /* unused */
///     virNetMessageString str1;   virNetMessageString str2;
///     virNetMessageString str3;
///     int int1;                   int int2;
///     virNetMessageNetwork net;   /* unused */
/// };
/// ```
///
/// Strings are decoded leniently: bytes that are not UTF-8 (a file name in
/// a message, say) are replaced rather than failing the whole error.
///
/// (`proto::remote::RemoteError` is the generated copy of
/// `remote_protocol.x`'s `remote_error`, a struct of the same layout that
/// no procedure uses.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonError {
    /// What went wrong (`virErrorNumber`), e.g.
    /// [`ErrorNumber::NoDomain`]; a code newer than this client is kept
    /// as [`ErrorNumber::Unknown`], and `code.to_raw()` gives the number.
    pub code: ErrorNumber,
    /// Which part of libvirt raised it (`virErrorDomain`), e.g.
    /// [`ErrorDomain::Qemu`].
    pub domain: ErrorDomain,
    /// The human-readable message, if the daemon sent one.
    pub message: Option<String>,
    /// How serious it is (`virErrorLevel`), usually [`ErrorLevel::Error`].
    pub level: ErrorLevel,
    /// The domain the error concerns (unused by current daemons).
    pub dom: Option<ErrorDomainRef>,
    /// Extra information string 1.
    pub str1: Option<String>,
    /// Extra information string 2.
    pub str2: Option<String>,
    /// Extra information string 3.
    pub str3: Option<String>,
    /// Extra number 1.
    pub int1: i32,
    /// Extra number 2.
    pub int2: i32,
    /// The network the error concerns (unused by current daemons).
    pub net: Option<ErrorNetworkRef>,
}

/// The `dom` member of a [`DaemonError`] (`virNetMessageNonnullDomain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDomainRef {
    /// Domain name.
    pub name: String,
    /// Domain UUID.
    pub uuid: [u8; UUID_LEN],
    /// Domain id.
    pub id: i32,
}

/// The `net` member of a [`DaemonError`] (`virNetMessageNonnullNetwork`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorNetworkRef {
    /// Network name.
    pub name: String,
    /// Network UUID.
    pub uuid: [u8; UUID_LEN],
}

fn get_text(dec: &mut Decoder<'_>, field: &'static str) -> XdrResult<String> {
    let bytes = dec.get_opaque_ref(STRING_MAX, field)?;
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

fn get_opt_text(dec: &mut Decoder<'_>, field: &'static str) -> XdrResult<Option<String>> {
    dec.get_option(|d| get_text(d, field))
}

impl DaemonError {
    /// Decodes a `virNetMessageError` that must span all of `body`.
    pub fn decode(body: &[u8]) -> XdrResult<Self> {
        let mut dec = Decoder::new(body);
        let code = ErrorNumber::from_raw(dec.get_i32()?);
        let domain = ErrorDomain::from_raw(dec.get_i32()?);
        let message = get_opt_text(&mut dec, "virNetMessageError.message")?;
        let level = ErrorLevel::from_raw(dec.get_i32()?);
        let dom = dec.get_option(|d| {
            Ok(ErrorDomainRef {
                name: get_text(d, "virNetMessageNonnullDomain.name")?,
                uuid: d.get_opaque_fixed::<UUID_LEN>()?,
                id: d.get_i32()?,
            })
        })?;
        let str1 = get_opt_text(&mut dec, "virNetMessageError.str1")?;
        let str2 = get_opt_text(&mut dec, "virNetMessageError.str2")?;
        let str3 = get_opt_text(&mut dec, "virNetMessageError.str3")?;
        let int1 = dec.get_i32()?;
        let int2 = dec.get_i32()?;
        let net = dec.get_option(|d| {
            Ok(ErrorNetworkRef {
                name: get_text(d, "virNetMessageNonnullNetwork.name")?,
                uuid: d.get_opaque_fixed::<UUID_LEN>()?,
            })
        })?;
        dec.finish()?;
        Ok(Self {
            code,
            domain,
            message,
            level,
            dom,
            str1,
            str2,
            str3,
            int1,
            int2,
            net,
        })
    }

    /// A new error with only a code, a domain and a message (level
    /// `VIR_ERR_ERROR`); handy for mock daemons and tests.
    pub fn new(code: ErrorNumber, domain: ErrorDomain, message: impl Into<String>) -> Self {
        Self {
            code,
            domain,
            message: Some(message.into()),
            level: ErrorLevel::Error,
            dom: None,
            str1: None,
            str2: None,
            str3: None,
            int1: -1,
            int2: -1,
            net: None,
        }
    }

    /// Encodes this error as the body of a `VIR_NET_ERROR` reply (the
    /// inverse of [`decode`](Self::decode)); used by mock daemons.
    pub fn encode(&self) -> XdrResult<Vec<u8>> {
        let mut enc = xdr_runtime::Encoder::new();
        let text = |enc: &mut xdr_runtime::Encoder, s: &String| {
            enc.put_string(s, STRING_MAX, "virNetMessageError.string")
        };
        enc.put_i32(self.code.to_raw());
        enc.put_i32(self.domain.to_raw());
        enc.put_option(self.message.as_ref(), text)?;
        enc.put_i32(self.level.to_raw());
        enc.put_option(self.dom.as_ref(), |enc, d| {
            text(enc, &d.name)?;
            enc.put_opaque_fixed(&d.uuid);
            enc.put_i32(d.id);
            Ok(())
        })?;
        enc.put_option(self.str1.as_ref(), text)?;
        enc.put_option(self.str2.as_ref(), text)?;
        enc.put_option(self.str3.as_ref(), text)?;
        enc.put_i32(self.int1);
        enc.put_i32(self.int2);
        enc.put_option(self.net.as_ref(), |enc, n| {
            text(enc, &n.name)?;
            enc.put_opaque_fixed(&n.uuid);
            Ok(())
        })?;
        Ok(enc.into_vec())
    }
}

/// `VIR_ERR_NO_DOMAIN`, or the number of a code this client does not know.
fn code_name(code: ErrorNumber) -> String {
    code.c_name()
        .map_or_else(|| code.to_raw().to_string(), str::to_string)
}

/// `VIR_FROM_QEMU`, or the number of a domain this client does not know.
fn domain_name(domain: ErrorDomain) -> String {
    domain
        .c_name()
        .map_or_else(|| domain.to_raw().to_string(), str::to_string)
}

/// The message, then the code and domain by their C names:
/// `Domain not found: ... (VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU)`.
impl fmt::Display for DaemonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (code, domain) = (code_name(self.code), domain_name(self.domain));
        match &self.message {
            Some(m) => write!(f, "{m} ({code}, {domain})"),
            None => write!(f, "{code} ({domain})"),
        }
    }
}

impl std::error::Error for DaemonError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> DaemonError {
        DaemonError {
            code: ErrorNumber::NoDomain,
            domain: ErrorDomain::Qemu,
            message: Some("Domain not found: no domain with matching name 'x'".into()),
            level: ErrorLevel::Error,
            dom: Some(ErrorDomainRef {
                name: "x".into(),
                uuid: [7; 16],
                id: 3,
            }),
            str1: Some("Domain not found: %s".into()),
            str2: Some("no domain with matching name 'x'".into()),
            str3: None,
            int1: 5,
            int2: -1,
            net: Some(ErrorNetworkRef {
                name: "default".into(),
                uuid: [9; 16],
            }),
        }
    }

    #[test]
    fn every_field_round_trips() {
        let err = full();
        let bytes = err.encode().unwrap();
        assert_eq!(DaemonError::decode(&bytes).unwrap(), err);
    }

    #[test]
    fn minimal_error_decodes_from_hand_written_bytes() {
        let mut b = Vec::new();
        b.extend_from_slice(&42i32.to_be_bytes()); // code
        b.extend_from_slice(&10i32.to_be_bytes()); // domain
        b.extend_from_slice(&1u32.to_be_bytes()); // message present
        b.extend_from_slice(&2u32.to_be_bytes());
        b.extend_from_slice(b"no\0\0");
        b.extend_from_slice(&2i32.to_be_bytes()); // level
        b.extend_from_slice(&0u32.to_be_bytes()); // dom
        b.extend_from_slice(&0u32.to_be_bytes()); // str1
        b.extend_from_slice(&0u32.to_be_bytes()); // str2
        b.extend_from_slice(&0u32.to_be_bytes()); // str3
        b.extend_from_slice(&(-1i32).to_be_bytes()); // int1
        b.extend_from_slice(&7i32.to_be_bytes()); // int2
        b.extend_from_slice(&0u32.to_be_bytes()); // net
        let err = DaemonError::decode(&b).unwrap();
        assert_eq!(err.code, ErrorNumber::NoDomain);
        assert_eq!(err.domain, ErrorDomain::Qemu);
        assert_eq!(err.message.as_deref(), Some("no"));
        assert_eq!(err.level, ErrorLevel::Error);
        assert_eq!((err.int1, err.int2), (-1, 7));
        assert_eq!(err.to_string(), "no (VIR_ERR_NO_DOMAIN, VIR_FROM_QEMU)");
    }

    #[test]
    fn truncated_or_padded_bodies_are_rejected() {
        let bytes = full().encode().unwrap();
        for cut in [0, 4, 8, 13, bytes.len() - 1] {
            assert!(DaemonError::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 4]);
        assert!(DaemonError::decode(&longer).is_err());
    }

    #[test]
    fn invalid_utf8_in_strings_is_replaced_not_fatal() {
        let mut err = DaemonError::new(ErrorNumber::SystemError, ErrorDomain::Storage, "");
        err.message = None;
        let mut bytes = err.encode().unwrap();
        // Patch in a message "\xff\xfe" by re-encoding by hand.
        bytes.splice(8..12, [0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xfe, 0, 0]);
        let decoded = DaemonError::decode(&bytes).unwrap();
        assert_eq!(decoded.message.as_deref(), Some("\u{fffd}\u{fffd}"));
    }

    #[test]
    fn hostile_string_length_fails_without_allocating() {
        let mut b = Vec::new();
        b.extend_from_slice(&1i32.to_be_bytes());
        b.extend_from_slice(&1i32.to_be_bytes());
        b.extend_from_slice(&1u32.to_be_bytes());
        b.extend_from_slice(&u32::MAX.to_be_bytes());
        assert!(DaemonError::decode(&b).unwrap_err().is_limit());
    }

    /// The members of the C enum `group` in the vendored API description
    /// (libvirt 9.0.0), as `(C name, value)`, without the `_LAST` sentinel.
    fn members_in_api_xml(group: &str) -> Vec<(String, i32)> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/api/libvirt-api.xml");
        let xml = std::fs::read_to_string(path).unwrap();
        let attr = |tag: &str, name: &str| -> String {
            let key = format!(" {name}='");
            let start = tag.find(&key).unwrap() + key.len();
            let len = tag[start..].find('\'').unwrap();
            tag[start..start + len].to_string()
        };
        xml.split("<enum ")
            .skip(1)
            .map(|tag| format!(" {tag}"))
            .filter(|tag| attr(tag, "type") == group)
            .map(|tag| (attr(&tag, "name"), attr(&tag, "value").parse().unwrap()))
            .filter(|(name, _)| !name.ends_with("_LAST"))
            .collect()
    }

    #[test]
    fn every_error_number_of_libvirt_9_0_0_is_named() {
        // VIR_ERR_OK (0) to VIR_ERR_MULTIPLE_DOMAINS (110), the last of 9.0.0.
        for value in 0..=110 {
            let code = ErrorNumber::from_raw(value);
            assert!(!matches!(code, ErrorNumber::Unknown(_)), "{value}");
            assert_eq!(code.to_raw(), value);
        }
        assert_eq!(ErrorNumber::from_raw(42), ErrorNumber::NoDomain);
        assert_eq!(ErrorNumber::from_raw(41), ErrorNumber::WarNoNetwork);
        assert_eq!(ErrorNumber::from_raw(110), ErrorNumber::MultipleDomains);
        assert_eq!(ErrorDomain::from_raw(72), ErrorDomain::Ch);
        assert_eq!(ErrorLevel::from_raw(2), ErrorLevel::Error);
    }

    #[test]
    fn unknown_values_round_trip_and_print_as_numbers() {
        assert_eq!(ErrorNumber::from_raw(9999), ErrorNumber::Unknown(9999));
        assert_eq!(ErrorNumber::Unknown(9999).to_raw(), 9999);
        assert_eq!(ErrorNumber::from_raw(-7), ErrorNumber::Unknown(-7));
        let mut err = DaemonError::new(ErrorNumber::Unknown(9999), ErrorDomain::Unknown(500), "x");
        err.level = ErrorLevel::Unknown(3);
        let decoded = DaemonError::decode(&err.encode().unwrap()).unwrap();
        assert_eq!(decoded, err);
        assert_eq!(decoded.to_string(), "x (9999, 500)");
        err.message = None;
        assert_eq!(err.to_string(), "9999 (500)");
    }

    #[test]
    fn c_names_are_those_of_the_api_description() {
        let codes = members_in_api_xml("virErrorNumber");
        assert_eq!(codes.len(), 111);
        for (name, value) in codes {
            assert_eq!(code_name(ErrorNumber::from_raw(value)), name);
        }
        let domains = members_in_api_xml("virErrorDomain");
        assert_eq!(domains.len(), 73);
        for (name, value) in domains {
            assert_eq!(domain_name(ErrorDomain::from_raw(value)), name);
        }
        let levels = members_in_api_xml("virErrorLevel");
        assert_eq!(levels.len(), 3);
        for (name, value) in levels {
            assert_eq!(ErrorLevel::from_raw(value).c_name(), Some(name.as_str()));
        }
    }
}
