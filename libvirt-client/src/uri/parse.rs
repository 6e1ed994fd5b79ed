//! Splitting a URI string into its RFC 3986 components, the way libxml2's
//! `xmlParseURI` (which libvirt uses) does, and percent-decoding them.
//!
//! Only what libvirt URIs need is accepted: ASCII, no spaces or control
//! characters, well-formed `%XX` escapes that decode to UTF-8 without NUL.

use super::UriError;

/// The raw pieces of a URI, each already percent-decoded except the query.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parts {
    pub(crate) scheme: String,
    pub(crate) user: Option<String>,
    pub(crate) host: Option<String>,
    pub(crate) port: Option<u16>,
    pub(crate) path: String,
    pub(crate) query: Option<String>,
    pub(crate) fragment: Option<String>,
}

/// Longest URI accepted; far above anything real, low enough that hostile
/// input cannot make us allocate much.
pub(crate) const MAX_URI_LEN: usize = 64 * 1024;

fn is_allowed(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}')
}

/// Decodes `%XX` escapes; the result must be UTF-8 without NUL bytes.
pub(crate) fn percent_decode(s: &str, what: &'static str) -> Result<String, UriError> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let (hi, lo) = match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(&h), Some(&l)) => (hex(h), hex(l)),
                _ => (None, None),
            };
            match (hi, lo) {
                (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                _ => return Err(UriError::BadPercentEncoding(what)),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    if out.contains(&0) {
        return Err(UriError::NulByte(what));
    }
    String::from_utf8(out).map_err(|_| UriError::NotUtf8(what))
}

fn check_percent_escapes(s: &str) -> Result<(), UriError> {
    let b = s.as_bytes();
    for (i, _) in s.match_indices('%') {
        let ok = b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        if !ok {
            return Err(UriError::BadPercentEncoding("URI"));
        }
    }
    Ok(())
}

fn is_valid_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits `input` into scheme, authority, path, query and fragment.
pub(crate) fn split(input: &str) -> Result<Parts, UriError> {
    if input.is_empty() {
        return Err(UriError::Empty);
    }
    if input.len() > MAX_URI_LEN {
        return Err(UriError::TooLong(input.len()));
    }
    if let Some((pos, ch)) = input.char_indices().find(|&(_, c)| !is_allowed(c)) {
        return Err(UriError::InvalidCharacter { pos, ch });
    }
    check_percent_escapes(input)?;

    let (scheme, rest) = match input.split_once(':') {
        Some((s, rest)) if is_valid_scheme(s) => (s, rest),
        _ => return Err(UriError::MissingScheme(input.to_owned())),
    };
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(percent_decode(f, "fragment")?)),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q.to_owned())),
        None => (rest, None),
    };
    let mut parts = Parts {
        scheme: scheme.to_owned(),
        query,
        fragment,
        ..Parts::default()
    };
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            split_authority(&after[..end], &mut parts)?;
            &after[end..]
        }
        None => rest,
    };
    parts.path = percent_decode(path, "path")?;
    Ok(parts)
}

fn split_authority(auth: &str, parts: &mut Parts) -> Result<(), UriError> {
    let hostport = match auth.split_once('@') {
        Some((user, hostport)) => {
            if hostport.contains('@') {
                return Err(UriError::InvalidAuthority(auth.to_owned()));
            }
            if !user.is_empty() {
                parts.user = Some(percent_decode(user, "user name")?);
            }
            hostport
        }
        None => auth,
    };
    let (host, port) = if let Some(inner) = hostport.strip_prefix('[') {
        // An IP literal: "[v6addr]" or "[v6addr]:port"; brackets are
        // stripped as libvirt's virURIParse does.
        let (addr, after) = inner
            .split_once(']')
            .ok_or_else(|| UriError::InvalidAuthority(auth.to_owned()))?;
        let port = match after {
            "" => "",
            p => p
                .strip_prefix(':')
                .ok_or_else(|| UriError::InvalidAuthority(auth.to_owned()))?,
        };
        if addr.is_empty()
            || !addr
                .chars()
                .all(|c| c.is_ascii_hexdigit() || ".:".contains(c))
        {
            return Err(UriError::InvalidHost(addr.to_owned()));
        }
        (addr.to_owned(), port)
    } else {
        let (host, port) = hostport.rsplit_once(':').unwrap_or((hostport, ""));
        if host.contains(['[', ']', ':']) {
            return Err(UriError::InvalidHost(host.to_owned()));
        }
        (percent_decode(host, "host name")?, port)
    };
    if !host.is_empty() {
        parts.host = Some(host);
    }
    if !port.is_empty() {
        if !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(UriError::InvalidPort(port.to_owned()));
        }
        match port.parse::<u16>() {
            Ok(0) => {}
            Ok(p) => parts.port = Some(p),
            Err(_) => return Err(UriError::InvalidPort(port.to_owned())),
        }
    }
    Ok(())
}

/// Splits a raw query into decoded `(name, value)` pairs like libvirt's
/// `virURIParseParams`: `&` separates (`;` only when no `&` is left), a
/// bare `name` has the value `""`, and an `=value` without a name is
/// skipped.
pub(crate) fn split_params(query: &str) -> Result<Vec<(String, String)>, UriError> {
    let mut out = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        let end = rest
            .find('&')
            .or_else(|| rest.find(';'))
            .unwrap_or(rest.len());
        let section = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        match section.split_once('=') {
            _ if section.is_empty() => {}
            None => out.push((percent_decode(section, "parameter name")?, String::new())),
            Some(("", _)) => {}
            Some((name, value)) => out.push((
                percent_decode(name, "parameter name")?,
                percent_decode(value, "parameter value")?,
            )),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_checks_escapes_and_utf8() {
        assert_eq!(percent_decode("a%20b%2Fc", "x").unwrap(), "a b/c");
        assert_eq!(percent_decode("%C3%A9", "x").unwrap(), "é");
        assert_eq!(
            percent_decode("%zz", "x"),
            Err(UriError::BadPercentEncoding("x"))
        );
        assert_eq!(
            percent_decode("%4", "x"),
            Err(UriError::BadPercentEncoding("x"))
        );
        assert_eq!(percent_decode("%ff", "x"), Err(UriError::NotUtf8("x")));
        assert_eq!(percent_decode("a%00b", "x"), Err(UriError::NulByte("x")));
    }

    #[test]
    fn params_follow_libvirt_rules() {
        let p = split_params("a=1&&b&=skip&c=&d=x%3Dy").unwrap();
        let want = [("a", "1"), ("b", ""), ("c", ""), ("d", "x=y")];
        assert_eq!(p.len(), want.len());
        for ((n, v), (wn, wv)) in p.iter().zip(want) {
            assert_eq!((n.as_str(), v.as_str()), (wn, wv));
        }
        // ';' separates only once no '&' is left.
        let p = split_params("a=1;b=2&c=3").unwrap();
        assert_eq!(p[0], ("a".into(), "1;b=2".into()));
        let p = split_params("a=1;b=2").unwrap();
        assert_eq!(p[1], ("b".into(), "2".into()));
        // '+' is not a space in libvirt URIs.
        assert_eq!(split_params("x=a+b").unwrap()[0].1, "a+b");
    }
}
