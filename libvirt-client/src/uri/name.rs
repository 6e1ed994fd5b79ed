//! The name sent with `CONNECT_OPEN`: the URI with transport, user, host,
//! port and client-side parameters removed, formatted byte for byte as
//! libvirt's client does (`virURIFormat` over libxml2's `xmlSaveUri`, with
//! parameter values escaped by `virURIFormatParams`).

use super::Uri;
use std::fmt::Write;

/// libxml2's `IS_UNRESERVED`: letters, digits and `-_.!~*'()`.
fn is_xml_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b)
}

/// Appends `s`, escaping every byte for which `keep` is false as `%XX`.
fn escape_into(out: &mut String, s: &str, keep: impl Fn(u8) -> bool) {
    for &b in s.as_bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Path bytes `xmlSaveUri` leaves alone: unreserved plus `/;@&=+$,`.
fn keep_in_path(b: u8) -> bool {
    is_xml_unreserved(b) || b"/;@&=+$,".contains(&b)
}

/// Fragment bytes `xmlSaveUri` leaves alone: unreserved and reserved.
fn keep_in_fragment(b: u8) -> bool {
    is_xml_unreserved(b) || b";/?:@&=+$,[]".contains(&b)
}

/// GLib's `g_string_append_uri_escaped` without allowed extras: only
/// letters, digits and `-._~` stay as they are.
fn keep_in_value(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~".contains(&b)
}

/// Computes the `CONNECT_OPEN` name for `uri`; see [`Uri::open_name`].
pub(crate) fn open_name(uri: &Uri) -> String {
    if let Some(name) = &uri.remote.name {
        return name.clone();
    }
    let scheme = uri.scheme();
    if scheme == "remote" || scheme.starts_with("remote+") {
        // Lets the daemon pick its default driver.
        return String::new();
    }
    let mut out = String::with_capacity(uri.as_str().len());
    out.push_str(uri.driver());
    // No server and no port: xmlSaveUri still writes the "//".
    out.push_str("://");
    escape_into(&mut out, uri.path(), keep_in_path);
    for (i, (name, value)) in uri.remote.passthrough.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        // libvirt writes the (decoded) name as is and escapes only the value.
        out.push_str(name);
        out.push('=');
        escape_into(&mut out, value, keep_in_value);
    }
    if let Some(fragment) = uri.fragment() {
        out.push('#');
        escape_into(&mut out, fragment, keep_in_fragment);
    }
    out
}
