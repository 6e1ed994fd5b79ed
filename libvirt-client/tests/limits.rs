//! The 32 MiB message limit in both directions, and bounded buffering.

mod support;

use bytes::Bytes;
use libvirt_client::handshake::{REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::{CloseReason, ConnectOptions};
use support::{spawned, u64_body};
use xdr_runtime::frame::{message_encoder, MAX_FRAME_LEN};

fn small_call(
    client: &libvirt_client::Client,
) -> impl std::future::Future<Output = libvirt_client::Result<Bytes>> + '_ {
    client.call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 157, message_encoder())
}

#[tokio::test]
async fn oversized_outgoing_call_fails_alone_and_the_connection_survives() {
    let (client, mut daemon) = spawned();
    let mut enc = message_encoder();
    enc.put_raw(&vec![0u8; MAX_FRAME_LEN as usize]);
    let err = client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 1, enc)
        .await
        .unwrap_err();
    assert!(err.is_too_large() && !err.is_closed(), "{err}");
    assert!(
        err.to_string().contains("exceeds the protocol limit"),
        "{err}"
    );

    let ok = tokio::spawn({
        let client = client.clone();
        async move { small_call(&client).await }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, u64_body(1)).await;
    ok.await.unwrap().unwrap();
}

#[tokio::test]
async fn largest_legal_call_goes_through() {
    let (client, mut daemon) = spawned();
    let mut enc = message_encoder();
    enc.put_raw(&vec![
        7u8;
        MAX_FRAME_LEN as usize - xdr_runtime::frame::PREFIX_LEN
    ]);
    let call = tokio::spawn(async move {
        client
            .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 1, enc)
            .await
    });
    let c = daemon.recv_call().await;
    assert_eq!(
        c.body.len(),
        MAX_FRAME_LEN as usize - xdr_runtime::frame::PREFIX_LEN
    );
    daemon.reply(&c, Bytes::new()).await;
    call.await.unwrap().unwrap();
}

#[tokio::test]
async fn lower_configured_limit_rejects_a_call_without_closing() {
    let options = ConnectOptions::new().keepalive(None).max_frame(1024);
    let (client, connection, mut daemon) = support::pair(&options);
    connection.spawn();
    let mut enc = message_encoder();
    enc.put_raw(&[0u8; 2000]);
    let err = client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 1, enc)
        .await
        .unwrap_err();
    assert!(err.is_too_large() && !err.is_closed(), "{err}");
    let ok = tokio::spawn({
        let client = client.clone();
        async move { small_call(&client).await }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, Bytes::new()).await;
    ok.await.unwrap().unwrap();
}

#[tokio::test]
async fn oversized_incoming_frame_closes_the_connection_with_a_clear_error() {
    let (client, mut daemon) = spawned();
    let pending: Vec<_> = (0..3)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { small_call(&client).await })
        })
        .collect();
    for _ in 0..3 {
        daemon.recv_call().await;
    }
    daemon.send_raw(&0xFFFF_FFFFu32.to_be_bytes()).await;
    for p in pending {
        let err = p.await.unwrap().unwrap_err();
        assert!(
            err.is_closed() && err.is_protocol() && err.is_too_large(),
            "{err}"
        );
        assert!(err.to_string().contains("4294967295"), "{err}");
    }
    assert!(matches!(
        client.closed().await,
        CloseReason::FrameTooLarge {
            len: 4_294_967_295,
            ..
        }
    ));
}

#[tokio::test]
async fn max_in_flight_holds_further_calls_in_the_queue() {
    let options = ConnectOptions::new().keepalive(None).max_in_flight(2);
    let (client, connection, mut daemon) = support::pair(&options);
    connection.spawn();
    let calls: Vec<_> = (0..3u32)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { small_call(&client).await })
        })
        .collect();
    let a = daemon.recv_call().await;
    let b = daemon.recv_call().await;
    // The third call is held back until a reply frees a slot.
    let third = tokio::time::timeout(std::time::Duration::from_millis(100), daemon.recv()).await;
    assert!(third.is_err(), "third call was written early");
    daemon.reply(&a, Bytes::new()).await;
    let c = daemon.recv_call().await;
    daemon.reply(&b, Bytes::new()).await;
    daemon.reply(&c, Bytes::new()).await;
    for t in calls {
        t.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn full_queue_makes_callers_wait_instead_of_buffering() {
    let options = ConnectOptions::new().keepalive(None).queue_capacity(1);
    let (client, connection, mut daemon) = support::pair(&options);
    // Driver not running: one call fits in the queue, the next waits.
    let first = tokio::spawn({
        let client = client.clone();
        async move { small_call(&client).await }
    });
    tokio::task::yield_now().await;
    let second = tokio::spawn({
        let client = client.clone();
        async move { small_call(&client).await }
    });
    tokio::task::yield_now().await;
    assert!(!second.is_finished());
    connection.spawn();
    for _ in 0..2 {
        let c = daemon.recv_call().await;
        daemon.reply(&c, Bytes::new()).await;
    }
    first.await.unwrap().unwrap();
    second.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_daemon_flooding_replies_while_we_write_a_huge_call_does_not_deadlock() {
    // The pipe is far smaller than the call; the daemon only reads after
    // writing a lot itself. Reads must go on while the big write is pending.
    let (client, mut daemon) = spawned();
    let big = tokio::spawn({
        let client = client.clone();
        async move {
            let mut enc = message_encoder();
            enc.put_raw(&vec![1u8; 8 << 20]);
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 1, enc)
                .await
        }
    });
    let mut events = client.subscribe_events();
    for i in 0..2000u32 {
        daemon.event(1, 0, i.to_be_bytes().to_vec()).await;
    }
    let c = daemon.recv_call().await;
    assert_eq!(c.body.len(), 8 << 20);
    daemon.reply(&c, Bytes::new()).await;
    big.await.unwrap().unwrap();
    let first = events.recv().await;
    assert!(
        matches!(first, Ok(_) | Err(libvirt_client::EventsError::Lagged(_))),
        "{first:?}"
    );
}
