//! Calls, replies and events through the driver, against the mock daemon.

mod support;

use bytes::Bytes;
use libvirt_client::handshake::{REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::{DaemonError, ErrorDomain, ErrorDomainRef, ErrorLevel, ErrorNumber};
use std::collections::HashMap;
use support::{spawned, u64_body};
use xdr_runtime::frame::message_encoder;

const PROC: i32 = 157;

fn args(n: u32) -> xdr_runtime::Encoder {
    let mut enc = message_encoder();
    enc.put_u32(n);
    enc
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_concurrent_calls_from_many_tasks_get_their_own_replies() {
    let (client, mut daemon) = spawned();
    const N: u32 = 400;
    let server = tokio::spawn(async move {
        // Echo each argument back, doubled, in arrival order.
        for _ in 0..N {
            let call = daemon.recv_call().await;
            let n = u32::from_be_bytes(call.body[..4].try_into().unwrap());
            daemon.reply(&call, (n * 2).to_be_bytes().to_vec()).await;
        }
        daemon
    });
    let mut tasks = Vec::new();
    for t in 0..16u32 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..N / 16 {
                let n = t * 1000 + i;
                let body = client
                    .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(n))
                    .await
                    .unwrap();
                assert_eq!(u32::from_be_bytes(body[..].try_into().unwrap()), n * 2);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    server.await.unwrap();
}

#[tokio::test]
async fn replies_out_of_order_reach_the_right_callers() {
    let (client, mut daemon) = spawned();
    let calls: Vec<_> = (0..8u32)
        .map(|n| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(n))
                    .await
            })
        })
        .collect();
    let mut received = Vec::new();
    for _ in 0..8 {
        received.push(daemon.recv_call().await);
    }
    // Serials are distinct and every call was written before any reply.
    let serials: std::collections::HashSet<u32> =
        received.iter().map(|c| c.header.serial).collect();
    assert_eq!(serials.len(), 8);
    for call in received.iter().rev() {
        let body = call.body.clone();
        daemon.reply(call, body).await;
    }
    for (n, task) in calls.into_iter().enumerate() {
        let body = task.await.unwrap().unwrap();
        assert_eq!(&body[..], &(n as u32).to_be_bytes());
    }
}

#[tokio::test]
async fn events_interleaved_with_replies_go_to_subscribers_only() {
    let (client, mut daemon) = spawned();
    let mut events = client.subscribe_events();
    let pending = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(1))
                .await
        })
    };
    let call = daemon.recv_call().await;
    // An event with the same serial as the pending call must not be taken
    // for its reply; libvirt sends events with serial 1 or 0.
    daemon
        .event(107, call.header.serial, &b"ev-same-serial"[..])
        .await;
    daemon.event(107, 0, &b"ev-zero"[..]).await;
    daemon.reply(&call, u64_body(9_000_000)).await;
    daemon.event(318, 1, &b"ev-after"[..]).await;

    let body = pending.await.unwrap().unwrap();
    assert_eq!(&body[..], &u64_body(9_000_000)[..]);
    let got: Vec<(i32, Bytes)> = [
        events.recv().await.unwrap(),
        events.recv().await.unwrap(),
        events.recv().await.unwrap(),
    ]
    .into_iter()
    .map(|e| (e.procedure, e.body))
    .collect();
    assert_eq!(got[0], (107, Bytes::from_static(b"ev-same-serial")));
    assert_eq!(got[1], (107, Bytes::from_static(b"ev-zero")));
    assert_eq!(got[2], (318, Bytes::from_static(b"ev-after")));
    assert!(events.try_recv().is_none());
}

#[tokio::test]
async fn every_subscriber_sees_every_event_and_a_slow_one_is_told_it_lagged() {
    use libvirt_client::{ConnectOptions, EventsError};
    let (client, connection, mut daemon) =
        support::pair(&ConnectOptions::new().keepalive(None).event_capacity(4));
    connection.spawn();
    let mut fast = client.subscribe_events();
    let mut slow = client.subscribe_events();
    for i in 0..10u8 {
        daemon.event(100, 0, vec![i]).await;
        assert_eq!(fast.recv().await.unwrap().body[..], [i]);
    }
    assert_eq!(slow.recv().await, Err(EventsError::Lagged(6)));
    assert_eq!(slow.recv().await.unwrap().body[..], [6]);
    // The connection did not stall meanwhile.
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(0))
                .await
        }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, Bytes::new()).await;
    call.await.unwrap().unwrap();
}

#[tokio::test]
async fn error_reply_becomes_a_typed_remote_error_with_all_fields() {
    let (client, mut daemon) = spawned();
    let sent = DaemonError {
        code: ErrorNumber::NoDomain,
        domain: ErrorDomain::Qemu,
        message: Some("Domain not found: no domain with matching name 'vm1'".into()),
        level: ErrorLevel::Error,
        dom: Some(ErrorDomainRef {
            name: "vm1".into(),
            uuid: [0xab; 16],
            id: 4,
        }),
        str1: Some("Domain not found: %s".into()),
        str2: Some("no domain with matching name 'vm1'".into()),
        str3: Some("three".into()),
        int1: 11,
        int2: -22,
        net: None,
    };
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 23, args(0))
                .await
        }
    });
    let c = daemon.recv_call().await;
    daemon.reply_error(&c, &sent).await;
    let err = call.await.unwrap().unwrap_err();
    assert!(err.is_remote() && !err.is_closed());
    assert_eq!(err.remote_code(), Some(ErrorNumber::NoDomain));
    assert_eq!(err.remote().unwrap(), &sent);
    // The connection is still fine.
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(0))
                .await
        }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, u64_body(1)).await;
    assert!(call.await.unwrap().is_ok());
}

#[tokio::test]
async fn reply_naming_another_program_fails_only_that_call() {
    let (client, mut daemon) = spawned();
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(0))
                .await
        }
    });
    let mut c = daemon.recv_call().await;
    c.header.program = 0x1234;
    daemon.reply(&c, Bytes::new()).await;
    let err = call.await.unwrap().unwrap_err();
    assert!(err.is_protocol() && !err.is_closed(), "{err}");
    assert!(!client.is_closed());
}

#[tokio::test]
async fn unsolicited_reply_is_discarded_and_keepalive_is_not_an_event() {
    let (client, mut daemon) = spawned();
    let mut events = client.subscribe_events();
    let bogus = libvirt_client::frame::Frame {
        header: support::reply_header(
            &xdr_runtime::message::Header {
                program: REMOTE_PROGRAM,
                version: REMOTE_VERSION,
                procedure: PROC,
                kind: xdr_runtime::message::MessageType::Call,
                serial: 4242,
                status: xdr_runtime::message::MessageStatus::Ok,
            },
            xdr_runtime::message::MessageStatus::Ok,
        ),
        body: Bytes::new(),
    };
    daemon.send(bogus).await;
    daemon.keepalive(libvirt_client::keepalive::PROC_PONG).await;
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(5))
                .await
        }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, u64_body(5)).await;
    assert_eq!(&call.await.unwrap().unwrap()[..], &u64_body(5)[..]);
    assert!(events.try_recv().is_none());
}

/// Counts `poll_write` calls that wrote something.
struct CountingIo {
    inner: tokio::io::DuplexStream,
    writes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl tokio::io::AsyncRead for CountingIo {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl tokio::io::AsyncWrite for CountingIo {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        let r = std::pin::Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(r, std::task::Poll::Ready(Ok(n)) if n > 0) {
            self.writes
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        r
    }
    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[tokio::test]
async fn queued_calls_are_coalesced_into_one_write() {
    use libvirt_client::transport::Transport;
    use libvirt_client::uri::TransportKind;
    let (a, b) = tokio::io::duplex(support::PIPE);
    let writes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let io = CountingIo {
        inner: a,
        writes: writes.clone(),
    };
    let options = libvirt_client::ConnectOptions::new().keepalive(None);
    let (client, connection) = libvirt_client::from_transport(
        Transport::new(io, TransportKind::Unix, "counting"),
        &options,
    );
    let mut daemon = support::MockDaemon::new(b);
    // Queue eight calls before the driver first runs.
    let mut calls = Vec::new();
    for n in 0..8 {
        let client = client.clone();
        calls.push(tokio::spawn(async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, PROC, args(n))
                .await
        }));
    }
    for _ in 0..8 {
        tokio::task::yield_now().await;
    }
    connection.spawn();
    let mut by_serial = HashMap::new();
    for _ in 0..8 {
        let c = daemon.recv_call().await;
        by_serial.insert(c.header.serial, c);
    }
    assert_eq!(
        writes.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one write for eight calls"
    );
    for c in by_serial.values() {
        daemon.reply(c, c.body.clone()).await;
    }
    for t in calls {
        t.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn typed_calls_encode_and_decode() {
    let (client, mut daemon) = spawned();
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_typed::<_, u64>(REMOTE_PROGRAM, REMOTE_VERSION, PROC, &7u32)
                .await
        }
    });
    let c = daemon.recv_call().await;
    assert_eq!(&c.body[..], &7u32.to_be_bytes());
    daemon.reply(&c, u64_body(9_000_000)).await;
    assert_eq!(call.await.unwrap().unwrap(), 9_000_000);

    // A reply with trailing bytes is a decoding error, not a panic.
    let call = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_typed::<_, u64>(REMOTE_PROGRAM, REMOTE_VERSION, PROC, &())
                .await
        }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, vec![0u8; 12]).await;
    assert!(call.await.unwrap().unwrap_err().is_protocol());
}
