//! Connection loss, closing, and calls on a closed connection.

mod support;

use bytes::Bytes;
use libvirt_client::handshake::{self, REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::{CloseReason, ConnectOptions};
use std::time::Duration;
use support::spawned;
use xdr_runtime::frame::message_encoder;

async fn call(client: &libvirt_client::Client) -> libvirt_client::Result<Bytes> {
    client
        .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 157, message_encoder())
        .await
}

#[tokio::test]
async fn connection_loss_fails_every_pending_call_with_one_closed_error() {
    let (client, mut daemon) = spawned();
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move { call(&client).await }));
    }
    for _ in 0..50 {
        daemon.recv_call().await;
    }
    drop(daemon);
    for t in tasks {
        let err = t.await.unwrap().unwrap_err();
        assert!(err.is_closed(), "{err}");
        assert!(
            matches!(err.close_reason(), Some(CloseReason::Eof)),
            "{err:?}"
        );
    }
    assert!(matches!(client.closed().await, CloseReason::Eof));
}

#[tokio::test]
async fn calls_after_close_fail_fast() {
    let (client, daemon) = spawned();
    drop(daemon);
    client.closed().await;
    assert!(client.is_closed());
    let started = std::time::Instant::now();
    for _ in 0..100 {
        let err = call(&client).await.unwrap_err();
        assert!(err.is_closed());
    }
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn driver_future_resolves_with_the_failure() {
    let (client, connection, daemon) = support::pair(&ConnectOptions::new().keepalive(None));
    let handle = connection.spawn();
    drop(daemon);
    let err = handle.await.unwrap().unwrap_err();
    assert!(err.is_closed());
    assert!(call(&client).await.unwrap_err().is_closed());
}

#[tokio::test]
async fn dropping_the_connection_future_fails_calls_as_driver_gone() {
    let (client, connection, mut daemon) = support::pair(&ConnectOptions::new().keepalive(None));
    let driver = tokio::spawn(connection);
    let pending = tokio::spawn({
        let client = client.clone();
        async move { call(&client).await }
    });
    daemon.recv_call().await;
    driver.abort();
    let err = pending.await.unwrap().unwrap_err();
    assert!(
        matches!(err.close_reason(), Some(CloseReason::DriverGone)),
        "{err:?}"
    );
}

#[tokio::test]
async fn close_without_handshake_just_shuts_the_transport() {
    let (client, connection, mut daemon) = support::pair(&ConnectOptions::new().keepalive(None));
    let driver = connection.spawn();
    // Without a handshake there is no CONNECT_CLOSE: close just shuts down.
    client.close().await.unwrap();
    assert!(
        daemon.try_recv().await.is_none(),
        "transport closed, no call sent"
    );
    assert!(driver.await.unwrap().is_ok());
    assert!(matches!(client.close_reason(), Some(CloseReason::Local)));
    assert!(call(&client).await.unwrap_err().is_closed());
    client.close().await.unwrap();
}

#[tokio::test]
async fn close_after_handshake_sends_connect_close() {
    let (a, b) = tokio::io::duplex(support::PIPE);
    let transport =
        libvirt_client::Transport::new(a, libvirt_client::uri::TransportKind::Unix, "mock");
    let uri = libvirt_client::Uri::parse("test:///default").unwrap();
    let daemon = tokio::spawn(async move {
        let mut d = support::MockDaemon::new(b);
        d.serve_handshake(&[0], false).await;
        let close = d.recv_call().await;
        assert_eq!(close.header.procedure, handshake::PROC_CONNECT_CLOSE);
        d.reply(&close, Bytes::new()).await;
        assert!(d.try_recv().await.is_none());
    });
    let options = ConnectOptions::new().keepalive(None);
    let (client, connection) = libvirt_client::open(transport, Some(&uri), &options)
        .await
        .unwrap();
    let driver = connection.spawn();
    client.close().await.unwrap();
    daemon.await.unwrap();
    assert!(driver.await.unwrap().is_ok());
}

#[tokio::test]
async fn dropping_every_client_ends_the_connection() {
    let (client, connection, mut daemon) = support::pair(&ConnectOptions::new().keepalive(None));
    let driver = connection.spawn();
    let clone = client.clone();
    drop(client);
    drop(clone);
    assert!(driver.await.unwrap().is_ok());
    assert!(daemon.try_recv().await.is_none());
}

#[tokio::test]
async fn events_subscription_ends_when_the_connection_closes() {
    let (client, mut daemon) = spawned();
    let mut events = client.subscribe_events();
    daemon.event(1, 0, &b"last"[..]).await;
    drop(daemon);
    assert_eq!(&events.recv().await.unwrap().body[..], b"last");
    assert_eq!(
        events.recv().await,
        Err(libvirt_client::EventsError::Closed)
    );
}
