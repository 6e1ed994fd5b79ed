//! Dropped calls, timeouts and queued calls that never go out.

mod support;

use bytes::Bytes;
use libvirt_client::handshake::{REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::ConnectOptions;
use std::future::Future;
use std::time::Duration;
use support::{spawned, u64_body};
use xdr_runtime::frame::message_encoder;

fn call_fut(
    client: &libvirt_client::Client,
    n: u32,
) -> impl std::future::Future<Output = libvirt_client::Result<Bytes>> + '_ {
    let mut enc = message_encoder();
    enc.put_u32(n);
    client.call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 157, enc)
}

#[tokio::test]
async fn dropping_a_call_mid_flight_discards_its_late_reply() {
    let (client, mut daemon) = spawned();
    let abandoned = tokio::spawn({
        let client = client.clone();
        async move { call_fut(&client, 1).await }
    });
    let first = daemon.recv_call().await;
    abandoned.abort();
    let _ = abandoned.await;
    // A second call goes out; the first one's reply arrives late and
    // must not be mistaken for the second one's.
    let second = tokio::spawn({
        let client = client.clone();
        async move { call_fut(&client, 2).await }
    });
    let c2 = daemon.recv_call().await;
    daemon.reply(&first, u64_body(111)).await;
    daemon.reply(&c2, u64_body(222)).await;
    assert_eq!(&second.await.unwrap().unwrap()[..], &u64_body(222)[..]);
    assert!(!client.is_closed());
}

#[tokio::test(start_paused = true)]
async fn call_timeout_fails_only_that_call() {
    let (client, mut daemon) = spawned();
    let slow = client.with_timeout(Some(Duration::from_secs(2)));
    let timed = tokio::spawn(async move { call_fut(&slow, 1).await });
    let c1 = daemon.recv_call().await;
    let err = timed.await.unwrap().unwrap_err();
    assert!(err.is_timeout() && !err.is_closed(), "{err}");
    // Late reply, then a normal call on the same connection.
    daemon.reply(&c1, u64_body(1)).await;
    let ok = tokio::spawn({
        let client = client.clone();
        async move { call_fut(&client, 2).await }
    });
    let c2 = daemon.recv_call().await;
    daemon.reply(&c2, u64_body(2)).await;
    assert_eq!(&ok.await.unwrap().unwrap()[..], &u64_body(2)[..]);
}

#[tokio::test(start_paused = true)]
async fn default_timeout_from_options_applies_to_every_clone() {
    let options = ConnectOptions::new()
        .keepalive(None)
        .call_timeout(Some(Duration::from_millis(500)));
    let (client, connection, mut daemon) = support::pair(&options);
    connection.spawn();
    let clone = client.clone();
    assert_eq!(clone.timeout(), Some(Duration::from_millis(500)));
    let t = tokio::spawn(async move { call_fut(&clone, 0).await });
    let _ = daemon.recv_call().await;
    assert!(t.await.unwrap().unwrap_err().is_timeout());
}

#[tokio::test]
async fn a_call_dropped_while_queued_is_never_sent() {
    // The driver is not running yet, so the call waits in the queue.
    let (client, connection, mut daemon) = support::pair(&ConnectOptions::new().keepalive(None));
    {
        let fut = call_fut(&client, 1);
        tokio::pin!(fut);
        // Poll once: the call is queued, then the future is dropped.
        std::future::poll_fn(|cx| {
            let _ = fut.as_mut().poll(cx);
            std::task::Poll::Ready(())
        })
        .await;
    }
    connection.spawn();
    let live = tokio::spawn({
        let client = client.clone();
        async move { call_fut(&client, 2).await }
    });
    let c = daemon.recv_call().await;
    assert_eq!(
        &c.body[..],
        &2u32.to_be_bytes(),
        "the dropped call was not written"
    );
    daemon.reply(&c, Bytes::new()).await;
    live.await.unwrap().unwrap();
}

#[tokio::test]
async fn select_losing_branch_leaves_the_connection_usable() {
    let (client, mut daemon) = spawned();
    for round in 0..20u32 {
        tokio::select! {
            biased;
            _ = tokio::task::yield_now() => {}
            _ = call_fut(&client, round) => unreachable!(),
        }
    }
    let t = tokio::spawn({
        let client = client.clone();
        async move { call_fut(&client, 99).await }
    });
    let c = loop {
        let c = daemon.recv_call().await;
        if c.body[..] == 99u32.to_be_bytes() {
            break c;
        }
        // Calls dropped after being written: answer them anyway.
        daemon.reply(&c, Bytes::new()).await;
    };
    daemon.reply(&c, u64_body(99)).await;
    assert_eq!(&t.await.unwrap().unwrap()[..], &u64_body(99)[..]);
}
