//! Keepalive: answering the daemon's pings and detecting a dead daemon.

mod support;

use libvirt_client::keepalive::{KeepaliveConfig, KEEPALIVE_PROGRAM, PROC_PING, PROC_PONG};
use libvirt_client::{CloseReason, ConnectOptions, Transport, Uri};
use std::time::Duration;
use support::MockDaemon;
use xdr_runtime::frame::message_encoder;
use xdr_runtime::message::MessageType;

#[tokio::test]
async fn ping_from_the_daemon_is_answered_with_pong() {
    let (_client, mut daemon) = support::spawned();
    daemon.keepalive(PROC_PING).await;
    let pong = daemon.try_recv().await.unwrap();
    assert_eq!(pong.header.program, KEEPALIVE_PROGRAM);
    assert_eq!(pong.header.procedure, PROC_PONG);
    assert_eq!(pong.header.kind, MessageType::Message);
    assert_eq!(pong.header.serial, 0);
    assert!(pong.body.is_empty());
}

async fn open_with_keepalive(
    supported: bool,
    config: KeepaliveConfig,
) -> (
    libvirt_client::Client,
    tokio::task::JoinHandle<libvirt_client::Result<()>>,
    MockDaemon,
) {
    let (a, b) = tokio::io::duplex(support::PIPE);
    let transport = Transport::new(a, libvirt_client::uri::TransportKind::Unix, "mock");
    let uri = Uri::parse("test:///default").unwrap();
    let serve = tokio::spawn(async move {
        let mut d = MockDaemon::new(b);
        d.serve_handshake(&[0], supported).await;
        d
    });
    let options = ConnectOptions::new().keepalive(Some(config));
    let (client, connection) = libvirt_client::open(transport, Some(&uri), &options)
        .await
        .unwrap();
    let driver = connection.spawn();
    (client, driver, serve.await.unwrap())
}

#[tokio::test(start_paused = true)]
async fn silent_daemon_is_declared_dead_and_pending_calls_fail() {
    let config = KeepaliveConfig {
        interval: Duration::from_secs(5),
        count: 5,
    };
    let (client, driver, mut daemon) = open_with_keepalive(true, config).await;
    let pending = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(0x2000_8086, 1, 157, message_encoder())
                .await
        }
    });
    let start = tokio::time::Instant::now();
    // The daemon reads (so writes succeed) but never answers anything.
    let mut pings = 0;
    while let Some(f) = daemon.try_recv().await {
        if f.header.program == KEEPALIVE_PROGRAM && f.header.procedure == PROC_PING {
            pings += 1;
        }
        if client.is_closed() {
            break;
        }
    }
    let err = pending.await.unwrap().unwrap_err();
    assert!(err.is_closed() && err.is_timeout(), "{err}");
    assert!(matches!(
        client.closed().await,
        CloseReason::KeepaliveTimeout
    ));
    assert_eq!(pings, 5);
    assert_eq!(start.elapsed(), Duration::from_secs(30));
    assert!(driver.await.unwrap().unwrap_err().is_timeout());
}

#[tokio::test(start_paused = true)]
async fn answered_pings_keep_the_connection_alive() {
    let config = KeepaliveConfig {
        interval: Duration::from_secs(5),
        count: 2,
    };
    let (client, _driver, mut daemon) = open_with_keepalive(true, config).await;
    let until = tokio::time::Instant::now() + Duration::from_secs(120);
    while tokio::time::Instant::now() < until {
        let f = daemon.try_recv().await.unwrap();
        assert_eq!(f.header.procedure, PROC_PING);
        daemon.keepalive(PROC_PONG).await;
    }
    assert!(!client.is_closed());
}

#[tokio::test(start_paused = true)]
async fn no_pings_when_the_daemon_lacks_the_feature() {
    let config = KeepaliveConfig {
        interval: Duration::from_secs(1),
        count: 1,
    };
    let (client, _driver, mut daemon) = open_with_keepalive(false, config).await;
    let next = tokio::time::timeout(Duration::from_secs(30), daemon.try_recv()).await;
    assert!(next.is_err(), "nothing was sent: {next:?}");
    assert!(!client.is_closed());
}
