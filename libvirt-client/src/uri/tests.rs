//! URI parsing, open-name and socket selection cases, including hostile ones.

use super::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

fn uri(s: &str) -> Uri {
    Uri::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn err(s: &str) -> UriError {
    Uri::parse(s).expect_err(s)
}

fn env(privileged: bool, existing: &[&str]) -> SocketEnv {
    let set: HashSet<PathBuf> = existing.iter().map(PathBuf::from).collect();
    SocketEnv {
        privileged,
        system_dir: PathBuf::from("/run/libvirt"),
        session_dir: PathBuf::from("/run/user/1000/libvirt"),
        auto_fallback: Mode::Direct,
        exists: Box::new(move |p: &Path| set.contains(p)),
    }
}

fn sock(u: Option<&str>, ro: bool, env: &SocketEnv) -> Result<PathBuf, UriError> {
    let parsed = u.map(self::uri);
    unix_socket_path(parsed.as_ref(), ro, env)
}

// ---- plain parsing ----

#[test]
fn short_local_form() {
    let u = uri("qemu:///system");
    assert_eq!(u.scheme(), "qemu");
    assert_eq!(u.driver(), "qemu");
    assert_eq!(u.explicit_transport(), None);
    assert_eq!(u.transport(), TransportKind::Unix);
    assert_eq!((u.user(), u.host(), u.port()), (None, None, None));
    assert_eq!(u.path(), "/system");
    assert_eq!(u.query(), None);
    assert!(u.params().is_empty());
    assert!(!u.is_admin());
}

#[test]
fn test_driver_default() {
    let u = uri("test:///default");
    assert_eq!(u.driver(), "test");
    assert_eq!(u.path(), "/default");
    assert_eq!(u.open_name(), "test:///default");
}

#[test]
fn full_remote_form() {
    let u = uri("qemu+ssh://root@example.com:2222/system?keyfile=/k&no_tty=1");
    assert_eq!(u.driver(), "qemu");
    assert_eq!(u.transport(), TransportKind::Ssh);
    assert_eq!(u.user(), Some("root"));
    assert_eq!(u.host(), Some("example.com"));
    assert_eq!(u.port(), Some(2222));
    assert_eq!(u.remote_params().keyfile.as_deref(), Some("/k"));
    assert!(u.remote_params().no_tty);
    assert_eq!(u.open_name(), "qemu:///system");
}

#[test]
fn host_without_transport_defaults_to_tls() {
    let u = uri("xen://towada/system");
    assert_eq!(u.transport(), TransportKind::Tls);
    assert_eq!(u.effective_port(), Some(TLS_PORT));
}

#[test]
fn tcp_default_port_and_explicit_port() {
    assert_eq!(uri("test+tcp://h/default").effective_port(), Some(TCP_PORT));
    assert_eq!(
        uri("test+tcp://h:5000/default").effective_port(),
        Some(5000)
    );
    // Port 0 means "the default", as in libvirt.
    assert_eq!(
        uri("test+tcp://h:0/default").effective_port(),
        Some(TCP_PORT)
    );
    // No host with tcp means localhost, still the default port.
    assert_eq!(uri("test+tcp:///default").host(), None);
}

#[test]
fn transport_is_case_insensitive_driver_is_kept() {
    let u = uri("QEMU+TCP://h/system");
    assert_eq!(u.transport(), TransportKind::Tcp);
    assert_eq!(u.driver(), "QEMU");
    assert_eq!(u.open_name(), "QEMU:///system");
}

#[test]
fn every_transport_is_recognised() {
    for (t, kind) in [
        ("unix", TransportKind::Unix),
        ("tcp", TransportKind::Tcp),
        ("tls", TransportKind::Tls),
        ("ssh", TransportKind::Ssh),
        ("libssh", TransportKind::Libssh),
        ("libssh2", TransportKind::Libssh2),
        ("ext", TransportKind::Ext),
    ] {
        assert_eq!(uri(&format!("qemu+{t}:///system")).transport(), kind);
    }
}

#[test]
fn ipv6_literal_brackets_are_stripped() {
    let u = uri("qemu+tcp://[::1]:16509/system");
    assert_eq!(u.host(), Some("::1"));
    assert_eq!(u.port(), Some(16509));
    let u = uri("qemu+tls://[fe80::1]/system");
    assert_eq!(u.host(), Some("fe80::1"));
    assert_eq!(u.port(), None);
}

#[test]
fn percent_decoding_of_each_component() {
    let u = uri("test+tcp://us%65r@h%6Fst/my%20path?k%65y=v%26w#fr%2Fag");
    assert_eq!(u.user(), Some("user"));
    assert_eq!(u.host(), Some("host"));
    assert_eq!(u.path(), "/my path");
    assert_eq!(u.params(), &[("key".to_owned(), "v&w".to_owned())]);
    assert_eq!(u.fragment(), Some("fr/ag"));
}

#[test]
fn xen_compatibility_spellings() {
    assert_eq!(uri("xen").path(), "/system");
    assert_eq!(uri("XEN").driver(), "xen");
    assert_eq!(uri("xen://").open_name(), "xen:///system");
}

#[test]
fn admin_uris() {
    for s in [
        "libvirtd:///system",
        "virtqemud:///system",
        "virtproxyd:///session",
    ] {
        assert!(uri(s).is_admin(), "{s}");
    }
    assert!(!uri("qemu:///system").is_admin());
    assert!(!uri("virtqemud+unix:///system").is_admin());
}

#[test]
fn param_lookup_is_case_insensitive_last_wins() {
    let u = uri("qemu:///system?Foo=1&foo=2");
    assert_eq!(u.param("FOO"), Some("2"));
    assert_eq!(u.param("bar"), None);
}

// ---- open name ----

#[test]
fn open_name_strips_transport_host_and_client_params() {
    let u = uri(
        "qemu+tls://u@h:1/system?pkipath=/p&tls_priority=NORMAL&no_verify=1&no_sanity=1\
         &keep=yes&command=c&netcat=nc&sshauth=agent&known_hosts=/kh&known_hosts_verify=auto\
         &auth=polkit&authfile=/a&mode=legacy&proxy=netcat&socket=/s&keyfile=/k&no_tty=1",
    );
    assert_eq!(u.open_name(), "qemu:///system?keep=yes");
}

#[test]
fn open_name_escapes_values_like_glib() {
    let u = uri("test:///default?a=x%20y%2Fz~.-_&b=%C3%A9");
    assert_eq!(u.open_name(), "test:///default?a=x%20y%2Fz~.-_&b=%C3%A9");
    let u = uri("test:///default?a=(x)");
    assert_eq!(u.open_name(), "test:///default?a=%28x%29");
}

#[test]
fn open_name_keeps_param_names_raw_and_bare_params_get_equals() {
    let u = uri("test:///default?flag&n%3Dm=1");
    assert_eq!(u.open_name(), "test:///default?flag=&n=m=1");
}

#[test]
fn open_name_escapes_path_like_libxml2() {
    let u = uri("test:///tmp/my%20host.xml");
    assert_eq!(u.open_name(), "test:///tmp/my%20host.xml");
    let u = uri("test:///a:b;c@d=e+f$g,h(i)");
    assert_eq!(u.open_name(), "test:///a%3Ab;c@d=e+f$g,h(i)");
}

#[test]
fn open_name_for_remote_scheme_is_empty_and_name_param_wins() {
    assert_eq!(uri("remote:///").open_name(), "");
    assert_eq!(uri("remote+tcp://h/").open_name(), "");
    let u = uri("qemu+tcp://h/system?name=qemu%3A%2F%2F%2Fsession");
    assert_eq!(u.open_name(), "qemu:///session");
}

#[test]
fn open_name_keeps_fragment_and_handles_empty_path() {
    assert_eq!(
        uri("test:///default#x%20y").open_name(),
        "test:///default#x%20y"
    );
    assert_eq!(uri("qemu+tcp://h").open_name(), "qemu://");
    assert_eq!(uri("test+tcp://h?x=1").open_name(), "test://?x=1");
}

// ---- errors, hostile input ----

#[test]
fn empty_and_schemeless_uris_are_rejected() {
    assert_eq!(err(""), UriError::Empty);
    assert!(matches!(
        err("/var/run/libvirt"),
        UriError::MissingScheme(_)
    ));
    assert!(matches!(err("://x"), UriError::MissingScheme(_)));
    assert!(matches!(err("1qemu:///system"), UriError::MissingScheme(_)));
    assert!(matches!(
        err("qe mu:///system"),
        UriError::InvalidCharacter { .. }
    ));
}

#[test]
fn unknown_transport_is_a_parse_error() {
    assert_eq!(
        err("qemu+foo:///system"),
        UriError::UnknownTransport("foo".into())
    );
    assert_eq!(
        err("qemu+:///system"),
        UriError::UnknownTransport(String::new())
    );
    assert!(matches!(
        err("qemu+tcp+tls://h/system"),
        UriError::UnknownTransport(_)
    ));
}

#[test]
fn unix_with_host_is_rejected() {
    assert_eq!(
        err("qemu+unix://h/system"),
        UriError::UnixWithHost("h".into())
    );
}

#[test]
fn missing_slash_is_explained() {
    let e = err("qemu://system");
    assert_eq!(
        e.to_string(),
        "invalid URI qemu://system (maybe you want qemu:///system)"
    );
    // Only for drivers that need a path, as in libvirt.
    assert_eq!(uri("test://session").host(), Some("session"));
}

#[test]
fn control_characters_spaces_and_non_ascii_are_rejected() {
    for s in [
        "qemu:///sys\ntem",
        "qemu:///sys tem",
        "qemu:///system\0",
        "qemu:///systém",
        "qemu:///a\"b",
        "qemu:///a<b>",
        "qemu:///a{b}",
        "qemu:///a|b",
    ] {
        assert!(matches!(err(s), UriError::InvalidCharacter { .. }), "{s:?}");
    }
}

#[test]
fn bad_percent_escapes_are_rejected() {
    for s in [
        "qemu:///%",
        "qemu:///%4",
        "qemu:///%G1",
        "qemu:///system?x=%",
        "qemu://h%zz/",
    ] {
        assert!(matches!(err(s), UriError::BadPercentEncoding(_)), "{s}");
    }
}

#[test]
fn nul_and_non_utf8_escapes_are_rejected() {
    assert_eq!(err("qemu:///sys%00tem"), UriError::NulByte("path"));
    assert_eq!(
        err("qemu:///system?socket=/a%00b"),
        UriError::NulByte("parameter value")
    );
    assert_eq!(err("qemu:///%FF%FE"), UriError::NotUtf8("path"));
    assert_eq!(err("test+tcp://%C3@h/"), UriError::NotUtf8("user name"));
}

#[test]
fn bad_ports_are_rejected() {
    for p in ["65536", "99999999999999999999", "-1", "1a", "+5", " 1"] {
        let s = format!("test+tcp://h:{p}/default");
        match Uri::parse(&s) {
            Err(UriError::InvalidPort(_)) | Err(UriError::InvalidCharacter { .. }) => {}
            other => panic!("{s}: {other:?}"),
        }
    }
}

#[test]
fn malformed_authorities_are_rejected() {
    assert!(matches!(
        err("test+tcp://a@b@c/"),
        UriError::InvalidAuthority(_)
    ));
    assert!(matches!(
        err("test+tcp://[::1/"),
        UriError::InvalidAuthority(_)
    ));
    assert!(matches!(
        err("test+tcp://[::1]x/"),
        UriError::InvalidAuthority(_)
    ));
    assert!(matches!(err("test+tcp://[]/"), UriError::InvalidHost(_)));
    assert!(matches!(err("test+tcp://[zz]/"), UriError::InvalidHost(_)));
    assert!(matches!(err("test+tcp://a:b:1/"), UriError::InvalidHost(_)));
}

#[test]
fn bad_flag_and_enum_params_are_rejected() {
    assert!(matches!(
        err("qemu:///system?no_verify=yes"),
        UriError::InvalidParam { .. }
    ));
    assert!(matches!(
        err("qemu:///system?no_tty="),
        UriError::InvalidParam { .. }
    ));
    assert_eq!(
        err("qemu:///system?mode=modular"),
        UriError::UnknownMode("modular".into())
    );
    assert_eq!(
        err("qemu:///system?proxy=x"),
        UriError::UnknownProxy("x".into())
    );
}

#[test]
fn overlong_uri_is_rejected_before_work() {
    let long = format!("qemu:///{}", "a".repeat(100_000));
    assert!(matches!(err(&long), UriError::TooLong(_)));
}

#[test]
fn hostile_inputs_never_panic() {
    let samples = [
        ":",
        "a:",
        "a://",
        "a://@",
        "a://:",
        "a://[",
        "a://]",
        "a://@:0",
        "a:?",
        "a:#",
        "a:?&&&;;;==",
        "a:%",
        "a://%41",
        "a://u@[::1]:",
        "a+b",
        "a+unix://:5/",
        "a:////",
        "a://h:/",
        "a:/?name",
        "a:?=",
        "a:#%",
        "a:///%2",
        "a://[::1]:65535:1/",
    ];
    for s in samples {
        let _ = Uri::parse(s);
    }
    // Every prefix and every single-byte mutation of a busy URI.
    let base = "qemu+tcp://u%20s@[::1]:16509/sys%2Ftem?no_verify=1&x=%41;y#f";
    for i in 0..=base.len() {
        if base.is_char_boundary(i) {
            let _ = Uri::parse(&base[..i]);
        }
    }
    for i in 0..base.len() {
        for b in [
            b'%', b'@', b':', b'[', b']', b'/', b'?', b'#', b'&', b'=', b'+',
        ] {
            let mut bytes = base.as_bytes().to_vec();
            bytes[i] = b;
            let _ = Uri::parse(std::str::from_utf8(&bytes).unwrap());
        }
    }
}

#[test]
fn empty_query_and_empty_user() {
    let u = uri("qemu:///system?");
    assert_eq!(u.query(), Some(""));
    assert!(u.params().is_empty());
    assert_eq!(u.open_name(), "qemu:///system");
    assert_eq!(uri("test+tcp://@h/").user(), None);
}

#[test]
fn display_and_from_str_round_trip() {
    let s = "qemu+tcp://h/system?x=1";
    let u: Uri = s.parse().unwrap();
    assert_eq!(u.to_string(), s);
    assert_eq!(u.as_str(), s);
}

// ---- socket selection ----

#[test]
fn system_legacy_and_read_only_sockets() {
    let e = env(
        true,
        &["/run/libvirt/libvirt-sock", "/run/libvirt/libvirt-sock-ro"],
    );
    assert_eq!(
        sock(Some("qemu:///system"), false, &e).unwrap(),
        PathBuf::from("/run/libvirt/libvirt-sock")
    );
    assert_eq!(
        sock(Some("qemu:///system"), true, &e).unwrap(),
        PathBuf::from("/run/libvirt/libvirt-sock-ro")
    );
}

#[test]
fn auto_mode_prefers_an_existing_modular_daemon() {
    let e = env(
        true,
        &[
            "/run/libvirt/virtqemud-sock",
            "/run/libvirt/libvirt-sock",
            "/run/libvirt/virtqemud-sock-ro",
        ],
    );
    assert_eq!(
        sock(Some("qemu:///system"), false, &e).unwrap(),
        PathBuf::from("/run/libvirt/virtqemud-sock")
    );
    assert_eq!(
        sock(Some("qemu:///system"), true, &e).unwrap(),
        PathBuf::from("/run/libvirt/virtqemud-sock-ro")
    );
    // mode=legacy overrides the probe.
    assert_eq!(
        sock(Some("qemu:///system?mode=legacy"), false, &e).unwrap(),
        PathBuf::from("/run/libvirt/libvirt-sock")
    );
    // Nothing exists: the default build's fallback, the modular daemon.
    let none = env(true, &[]);
    assert_eq!(
        sock(Some("network:///system"), false, &none).unwrap(),
        PathBuf::from("/run/libvirt/virtnetworkd-sock")
    );
}

#[test]
fn direct_mode_uses_the_driver_daemon_even_if_missing() {
    let e = env(true, &["/run/libvirt/libvirt-sock"]);
    assert_eq!(
        sock(Some("qemu:///system?mode=direct"), false, &e).unwrap(),
        PathBuf::from("/run/libvirt/virtqemud-sock")
    );
    assert!(sock(Some("qemu+tcp://h/system?mode=direct"), false, &e).is_err());
}

#[test]
fn session_sockets_for_unprivileged_users() {
    let e = env(false, &["/run/user/1000/libvirt/libvirt-sock"]);
    assert_eq!(
        sock(Some("qemu:///session"), false, &e).unwrap(),
        PathBuf::from("/run/user/1000/libvirt/libvirt-sock")
    );
    // Session daemons have no read-only socket.
    assert_eq!(
        sock(Some("qemu:///session"), true, &e).unwrap(),
        PathBuf::from("/run/user/1000/libvirt/libvirt-sock")
    );
    // test+ schemes use the session daemon; plain test:/// does not.
    assert_eq!(
        sock(Some("test+unix:///default"), false, &e).unwrap(),
        PathBuf::from("/run/user/1000/libvirt/libvirt-sock")
    );
    assert_eq!(
        sock(
            Some("test:///default"),
            false,
            &env(false, &["/run/libvirt/libvirt-sock"])
        )
        .unwrap(),
        PathBuf::from("/run/libvirt/libvirt-sock")
    );
    // Root never uses the session daemon.
    let root = env(true, &["/run/libvirt/libvirt-sock"]);
    assert_eq!(
        sock(Some("qemu:///session"), false, &root).unwrap(),
        PathBuf::from("/run/libvirt/libvirt-sock")
    );
}

#[test]
fn explicit_socket_param_wins() {
    let e = env(true, &[]);
    assert_eq!(
        sock(
            Some("qemu:///system?socket=/tmp/x%20y.sock&mode=direct"),
            true,
            &e
        )
        .unwrap(),
        PathBuf::from("/tmp/x y.sock")
    );
}

#[test]
fn no_uri_probes_like_libvirt() {
    let e = env(
        true,
        &["/run/libvirt/virtlxcd-sock", "/run/libvirt/libvirt-sock"],
    );
    assert_eq!(
        sock(None, false, &e).unwrap(),
        PathBuf::from("/run/libvirt/virtlxcd-sock")
    );
    let e = env(true, &["/run/libvirt/libvirt-sock"]);
    assert_eq!(
        sock(None, false, &e).unwrap(),
        PathBuf::from("/run/libvirt/libvirt-sock")
    );
    let e = env(false, &[]);
    assert!(
        sock(None, false, &e).is_err(),
        "direct fallback without any driver"
    );
}

#[test]
fn admin_socket_paths() {
    let e = env(true, &[]);
    let admin = |s: &str| admin_socket_path(&uri(s), &e);
    assert_eq!(
        admin("libvirtd:///system").unwrap(),
        PathBuf::from("/run/libvirt/libvirt-admin-sock")
    );
    assert_eq!(
        admin("virtqemud:///system").unwrap(),
        PathBuf::from("/run/libvirt/virtqemud-admin-sock")
    );
    assert_eq!(
        admin("virtproxyd:///session").unwrap(),
        PathBuf::from("/run/user/1000/libvirt/virtproxyd-admin-sock")
    );
    assert_eq!(
        admin("libvirtd:///system?socket=/s").unwrap(),
        PathBuf::from("/s")
    );
    assert!(admin("libvirtd:///default").is_err());
    assert!(admin("libvirtd:///system?mode=direct").is_err());
    assert!(admin("qemu:///system").is_err());
}

#[test]
fn env_var_default_uri_is_read() {
    // Only this test touches the variable.
    std::env::set_var(DEFAULT_URI_ENV, "test:///default");
    assert_eq!(Uri::from_env().unwrap().unwrap().driver(), "test");
    std::env::set_var(DEFAULT_URI_ENV, "");
    assert_eq!(Uri::from_env().unwrap(), None);
    std::env::set_var(DEFAULT_URI_ENV, "bad uri");
    assert!(Uri::from_env().is_err());
    std::env::remove_var(DEFAULT_URI_ENV);
    assert_eq!(Uri::from_env().unwrap(), None);
}
