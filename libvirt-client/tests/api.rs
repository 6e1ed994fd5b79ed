//! API guardrails: the handles can be shared across tasks and threads.

use libvirt_client::{
    BlockingClient, BlockingStream, Client, Connection, Error, Events, RawStream,
};

fn send_sync_clone<T: Send + Sync + Clone + 'static>() {}
fn send<T: Send + 'static>() {}

#[test]
fn handles_are_send_sync_and_cheap_to_clone() {
    send_sync_clone::<Client>();
    send_sync_clone::<BlockingClient>();
    send_sync_clone::<Error>();
    send::<Connection>();
    send::<Events>();
    send::<RawStream>();
    send::<BlockingStream>();
    assert!(std::mem::size_of::<Client>() <= 32);
}

#[test]
fn call_futures_are_send() {
    fn assert_send<F: std::future::Future + Send>(_: F) {}
    let (client, _connection) = {
        let (a, _b) = tokio::io::duplex(64);
        let t = libvirt_client::Transport::new(a, libvirt_client::uri::TransportKind::Unix, "x");
        libvirt_client::from_transport(t, &libvirt_client::ConnectOptions::new())
    };
    assert_send(client.call_raw(1, 1, 1, xdr_runtime::frame::message_encoder()));
    assert_send(client.call_typed::<_, u64>(1, 1, 1, &()));
    assert_send(client.close());
    assert_send(client.closed());
}
