//! The blocking client from plain threads, against the mock daemon.

mod support;

use libvirt_client::handshake::{REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::uri::TransportKind;
use libvirt_client::{BlockingClient, ConnectOptions, Transport};
use support::MockDaemon;
use xdr_runtime::frame::message_encoder;

/// A blocking client whose daemon echoes every call's body back.
fn echo_client() -> BlockingClient {
    BlockingClient::start(|| async {
        let (a, b) = tokio::io::duplex(support::PIPE);
        tokio::spawn(async move {
            let mut daemon = MockDaemon::new(b);
            while let Some(call) = daemon.try_recv().await {
                let body = call.body.clone();
                daemon.reply(&call, body).await;
            }
        });
        let transport = Transport::new(a, TransportKind::Unix, "mock");
        Ok(libvirt_client::from_transport(
            transport,
            &ConnectOptions::new().keepalive(None),
        ))
    })
    .unwrap()
}

#[test]
fn blocking_calls_from_many_plain_threads() {
    let client = echo_client();
    let threads: Vec<_> = (0..8u32)
        .map(|t| {
            let client = client.clone();
            std::thread::spawn(move || {
                for i in 0..100u32 {
                    let n = t * 1000 + i;
                    let back: u32 = client
                        .call_typed(REMOTE_PROGRAM, REMOTE_VERSION, 1, &n)
                        .unwrap();
                    assert_eq!(back, n);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    client.close().unwrap();
    assert!(client.is_closed());
    let err = client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 1, message_encoder())
        .unwrap_err();
    assert!(err.is_closed());
}

#[test]
fn blocking_call_trait_is_implemented() {
    use xdr_runtime::rpc::{Annotations, BlockingCall, Procedure};
    static PROC: Procedure = Procedure {
        program: REMOTE_PROGRAM,
        version: REMOTE_VERSION,
        number: 157,
        name: "REMOTE_PROC_CONNECT_GET_LIB_VERSION",
        args: None,
        ret: Some("remote_connect_get_lib_version_ret"),
        msg: None,
        annotations: Annotations {
            generate: None,
            priority: xdr_runtime::rpc::Priority::High,
            acl: &[],
            aclfilter: &[],
            readstream: None,
            writestream: None,
            sparseflag: None,
        },
    };
    let client = echo_client();
    let mut enc = message_encoder();
    enc.put_u64(42);
    let reply = client.call_blocking(&PROC, enc).unwrap();
    assert_eq!(&reply[..], &42u64.to_be_bytes());
}

#[test]
fn blocking_connect_errors_are_returned_not_panicked() {
    let err =
        BlockingClient::connect("test+unix:///default?socket=/nonexistent/x.sock").unwrap_err();
    assert!(
        matches!(err, libvirt_client::Error::Connect { .. }),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_client_used_from_async_code_does_not_panic() {
    // Works (it only blocks this worker thread), it does not panic.
    let client = echo_client();
    let back: u32 = client
        .call_typed(REMOTE_PROGRAM, REMOTE_VERSION, 1, &5u32)
        .unwrap();
    assert_eq!(back, 5);
    client.close().unwrap();
}

#[test]
fn blocking_stream_round_trip() {
    let client = BlockingClient::start(|| async {
        let (a, b) = tokio::io::duplex(support::PIPE);
        tokio::spawn(async move {
            let mut daemon = MockDaemon::new(b);
            let call = daemon.recv_call().await;
            daemon.reply(&call, bytes::Bytes::new()).await;
            // Echo one data frame back, then confirm the finish.
            let data = daemon.recv().await;
            daemon
                .send(libvirt_client::frame::Frame {
                    header: data.header,
                    body: data.body,
                })
                .await;
            let fin = daemon.recv().await;
            daemon
                .send(libvirt_client::frame::Frame {
                    header: fin.header,
                    body: fin.body,
                })
                .await;
            let _ = daemon.try_recv().await;
        });
        let transport = Transport::new(a, TransportKind::Unix, "mock");
        Ok(libvirt_client::from_transport(
            transport,
            &ConnectOptions::new().keepalive(None),
        ))
    })
    .unwrap();
    let (_, mut stream) = client
        .call_with_stream_raw(REMOTE_PROGRAM, REMOTE_VERSION, 209, message_encoder())
        .unwrap();
    stream.send(b"ping").unwrap();
    assert_eq!(
        stream.recv().unwrap(),
        Some(libvirt_client::StreamChunk::Data(
            bytes::Bytes::from_static(b"ping")
        ))
    );
    stream.finish().unwrap();
}
