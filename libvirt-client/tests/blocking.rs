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

#[tokio::test]
async fn blocking_client_inside_a_runtime_is_refused() {
    let err = BlockingClient::connect("test:///default").unwrap_err();
    assert!(err.is_unsupported(), "{err}");
}
