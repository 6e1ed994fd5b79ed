//! The opening handshake against the mock daemon, and connecting by URI.

mod support;

use bytes::Bytes;
use libvirt_client::handshake::{self, ADMIN_PROGRAM};
use libvirt_client::uri::TransportKind;
use libvirt_client::{ConnectOptions, DaemonError, ErrorDomain, ErrorNumber, Transport, Uri};
use support::{decode_open_args, MockDaemon};

fn mock() -> (Transport, MockDaemon) {
    let (a, b) = tokio::io::duplex(support::PIPE);
    (
        Transport::new(a, TransportKind::Unix, "mock"),
        MockDaemon::new(b),
    )
}

#[tokio::test]
async fn remote_handshake_sends_auth_list_feature_query_and_open_in_order() {
    let (transport, mut daemon) = mock();
    let uri = Uri::parse("qemu+unix:///system?socket=/x&mode=legacy&extra=a%20b").unwrap();
    let server = tokio::spawn(async move {
        let mut procs = Vec::new();
        for _ in 0..3 {
            let call = daemon.recv_call().await;
            procs.push(call.header.procedure);
            match call.header.procedure {
                handshake::PROC_AUTH_LIST => {
                    daemon.reply(&call, vec![0, 0, 0, 1, 0, 0, 0, 0]).await
                }
                handshake::PROC_CONNECT_SUPPORTS_FEATURE => {
                    assert_eq!(
                        &call.body[..],
                        &handshake::FEATURE_PROGRAM_KEEPALIVE.to_be_bytes()
                    );
                    daemon.reply(&call, 1i32.to_be_bytes().to_vec()).await;
                }
                handshake::PROC_CONNECT_OPEN => {
                    assert_eq!(
                        decode_open_args(&call.body),
                        (Some("qemu:///system?extra=a%20b".to_owned()), 0)
                    );
                    daemon.reply(&call, Bytes::new()).await;
                }
                other => panic!("unexpected procedure {other}"),
            }
        }
        procs
    });
    let (_client, connection) = libvirt_client::open(transport, Some(&uri), &ConnectOptions::new())
        .await
        .unwrap();
    connection.spawn();
    assert_eq!(
        server.await.unwrap(),
        [
            handshake::PROC_AUTH_LIST,
            handshake::PROC_CONNECT_SUPPORTS_FEATURE,
            handshake::PROC_CONNECT_OPEN
        ]
    );
}

#[tokio::test]
async fn read_only_sets_the_open_flag_and_no_keepalive_skips_the_query() {
    let (transport, mut daemon) = mock();
    let uri = Uri::parse("test:///default").unwrap();
    let server = tokio::spawn(async move {
        let open = daemon.serve_handshake(&[0], true).await;
        decode_open_args(&open.body)
    });
    let options = ConnectOptions::new().read_only(true).keepalive(None);
    let (_client, connection) = libvirt_client::open(transport, Some(&uri), &options)
        .await
        .unwrap();
    connection.spawn();
    assert_eq!(
        server.await.unwrap(),
        (Some("test:///default".into()), handshake::CONNECT_RO)
    );
}

#[tokio::test]
async fn polkit_auth_calls_auth_polkit() {
    let (transport, mut daemon) = mock();
    let server = tokio::spawn(async move {
        let auth = daemon.recv_call().await;
        daemon.reply(&auth, vec![0, 0, 0, 1, 0, 0, 0, 2]).await;
        let polkit = daemon.recv_call().await;
        assert_eq!(polkit.header.procedure, handshake::PROC_AUTH_POLKIT);
        daemon.reply(&polkit, 1i32.to_be_bytes().to_vec()).await;
        daemon.serve_handshake(&[], false).await;
    });
    let options = ConnectOptions::new().keepalive(None);
    let uri = Uri::parse("test:///default").unwrap();
    let (_c, connection) = libvirt_client::open(transport, Some(&uri), &options)
        .await
        .unwrap();
    connection.spawn();
    server.await.unwrap();
}

#[tokio::test]
async fn sasl_only_daemon_gives_a_clear_unsupported_error() {
    let (transport, mut daemon) = mock();
    tokio::spawn(async move {
        let auth = daemon.recv_call().await;
        daemon.reply(&auth, vec![0, 0, 0, 1, 0, 0, 0, 1]).await;
        let _ = daemon.try_recv().await;
    });
    let err = libvirt_client::open(transport, None, &ConnectOptions::new())
        .await
        .unwrap_err();
    assert!(err.is_unsupported(), "{err}");
    assert_eq!(err.to_string(), "authentication sasl not supported yet");
}

#[tokio::test]
async fn unknown_auth_type_and_rejected_auth_param_are_errors() {
    let (transport, mut daemon) = mock();
    tokio::spawn(async move {
        let auth = daemon.recv_call().await;
        daemon.reply(&auth, vec![0, 0, 0, 1, 0, 0, 0, 9]).await;
        let _ = daemon.try_recv().await;
    });
    let err = libvirt_client::open(transport, None, &ConnectOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "authentication type 9 not supported yet");

    let (transport, mut daemon) = mock();
    tokio::spawn(async move {
        let auth = daemon.recv_call().await;
        daemon.reply(&auth, vec![0, 0, 0, 1, 0, 0, 0, 0]).await;
        let _ = daemon.try_recv().await;
    });
    let uri = Uri::parse("test:///default?auth=polkit").unwrap();
    let err = libvirt_client::open(transport, Some(&uri), &ConnectOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(err, libvirt_client::Error::Auth(_)), "{err}");
}

#[tokio::test]
async fn old_daemon_without_auth_list_is_accepted_and_open_errors_surface() {
    let (transport, mut daemon) = mock();
    tokio::spawn(async move {
        let auth = daemon.recv_call().await;
        let no_support = DaemonError::new(
            ErrorNumber::NoSupport,
            ErrorDomain::Remote,
            "unknown procedure",
        );
        daemon.reply_error(&auth, &no_support).await;
        let open = daemon.recv_call().await;
        assert_eq!(open.header.procedure, handshake::PROC_CONNECT_OPEN);
        let denied = DaemonError::new(ErrorNumber::NoConnect, ErrorDomain::Remote, "no driver");
        daemon.reply_error(&open, &denied).await;
        let _ = daemon.try_recv().await;
    });
    let options = ConnectOptions::new().keepalive(None);
    let err = libvirt_client::open(transport, None, &options)
        .await
        .unwrap_err();
    assert_eq!(err.remote_code(), Some(ErrorNumber::NoConnect));
}

#[tokio::test]
async fn admin_handshake_is_a_single_admin_open() {
    let (transport, mut daemon) = mock();
    let server = tokio::spawn(async move {
        let open = daemon.recv_call().await;
        assert_eq!(open.header.program, ADMIN_PROGRAM);
        assert_eq!(open.header.procedure, handshake::ADMIN_PROC_CONNECT_OPEN);
        assert_eq!(&open.body[..], &0u32.to_be_bytes());
        daemon.reply(&open, Bytes::new()).await;
        let close = daemon.recv_call().await;
        assert_eq!(
            (close.header.program, close.header.procedure),
            (ADMIN_PROGRAM, handshake::ADMIN_PROC_CONNECT_CLOSE)
        );
        daemon.reply(&close, Bytes::new()).await;
    });
    let uri = Uri::parse("virtqemud:///system").unwrap();
    let (client, connection) = libvirt_client::open(transport, Some(&uri), &ConnectOptions::new())
        .await
        .unwrap();
    connection.spawn();
    client.close().await.unwrap();
    server.await.unwrap();
}

#[tokio::test]
async fn daemon_hanging_up_during_the_handshake_is_a_closed_error() {
    let (transport, daemon) = mock();
    drop(daemon);
    let err = libvirt_client::open(transport, None, &ConnectOptions::new())
        .await
        .unwrap_err();
    assert!(err.is_closed(), "{err}");
}

#[tokio::test]
async fn unsupported_transports_fail_at_connect_time_not_parse_time() {
    for (uri, name) in [
        ("qemu://host.example/system", "tls"),
        ("qemu+tls://host.example/system", "tls"),
        ("qemu+ssh://root@host.example/system", "ssh"),
        ("qemu+libssh://host.example/system", "libssh"),
        ("qemu+libssh2://host.example/system", "libssh2"),
        ("qemu+ext:///system?command=/bin/true", "ext"),
    ] {
        let parsed = Uri::parse(uri).unwrap();
        let err = libvirt_client::connect_with(&parsed, &ConnectOptions::new())
            .await
            .unwrap_err();
        assert!(err.is_unsupported(), "{uri}: {err}");
        assert_eq!(
            err.to_string(),
            format!("transport {name} not supported yet")
        );
    }
}

#[tokio::test]
async fn connect_errors_name_the_socket() {
    let err = libvirt_client::connect("test+unix:///default?socket=/nonexistent/libvirt-rs.sock")
        .await
        .unwrap_err();
    assert!(
        matches!(err, libvirt_client::Error::Connect { .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("/nonexistent/libvirt-rs.sock"),
        "{err}"
    );
    assert!(libvirt_client::connect("not a uri")
        .await
        .unwrap_err()
        .to_string()
        .contains("invalid URI"));
}

#[cfg(unix)]
#[tokio::test]
async fn connect_over_a_real_unix_socket_with_the_socket_param() {
    let dir = std::env::temp_dir().join(format!("libvirt-rs-hs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("libvirt-sock");
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path).unwrap();
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut daemon = MockDaemon::new(stream);
        let open = daemon.serve_handshake(&[0], false).await;
        let call = daemon.recv_call().await;
        daemon.reply(&call, support::u64_body(9_000_000)).await;
        decode_open_args(&open.body)
    });
    let uri = format!("test+unix:///default?socket={}", path.display());
    let client = libvirt_client::connect_and_spawn(&uri).await.unwrap();
    let v: u64 = client
        .call_typed(
            handshake::REMOTE_PROGRAM,
            handshake::REMOTE_VERSION,
            157,
            &(),
        )
        .await
        .unwrap();
    assert_eq!(v, 9_000_000);
    assert_eq!(server.await.unwrap().0.as_deref(), Some("test:///default"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn connect_over_tcp_to_a_mock_listener() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut daemon = MockDaemon::new(stream);
        decode_open_args(&daemon.serve_handshake(&[0], false).await.body)
    });
    let uri = Uri::parse(&format!("qemu+tcp://127.0.0.1:{port}/system?pkipath=/p")).unwrap();
    let (_client, connection) = libvirt_client::connect_with(&uri, &ConnectOptions::new())
        .await
        .unwrap();
    connection.spawn();
    assert_eq!(server.await.unwrap().0.as_deref(), Some("qemu:///system"));
}

#[tokio::test(start_paused = true)]
async fn connect_timeout_bounds_a_silent_daemon() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        drop(stream);
    });
    let uri = Uri::parse(&format!("test+tcp://127.0.0.1:{port}/default")).unwrap();
    let options = ConnectOptions::new().connect_timeout(Some(std::time::Duration::from_secs(5)));
    let err = libvirt_client::connect_with(&uri, &options)
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
}
