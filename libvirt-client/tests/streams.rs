//! Data streams routed by serial.

mod support;

use bytes::Bytes;
use libvirt_client::frame::Frame;
use libvirt_client::handshake::{REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::{ConnectOptions, StreamChunk};
use support::spawned;
use xdr_runtime::frame::message_encoder;
use xdr_runtime::message::{Header, MessageStatus, MessageType};

fn stream_frame(call: &Header, kind: MessageType, status: MessageStatus, body: &[u8]) -> Frame {
    Frame {
        header: Header {
            kind,
            status,
            ..*call
        },
        body: Bytes::copy_from_slice(body),
    }
}

#[tokio::test]
async fn download_stream_receives_data_hole_and_eof_then_finishes() {
    let (client, mut daemon) = spawned();
    let mut events = client.subscribe_events();
    let opener = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_with_stream_raw(REMOTE_PROGRAM, REMOTE_VERSION, 209, message_encoder())
                .await
        }
    });
    let call = daemon.recv_call().await;
    daemon.reply(&call, Bytes::new()).await;
    let h = call.header;
    daemon
        .send(stream_frame(
            &h,
            MessageType::Stream,
            MessageStatus::Continue,
            b"hello ",
        ))
        .await;
    daemon.event(1, h.serial, &b"not stream data"[..]).await;
    let mut hole = Vec::new();
    hole.extend_from_slice(&4096i64.to_be_bytes());
    hole.extend_from_slice(&0u32.to_be_bytes());
    daemon
        .send(stream_frame(
            &h,
            MessageType::StreamHole,
            MessageStatus::Continue,
            &hole,
        ))
        .await;
    daemon
        .send(stream_frame(
            &h,
            MessageType::Stream,
            MessageStatus::Continue,
            b"world",
        ))
        .await;
    daemon
        .send(stream_frame(
            &h,
            MessageType::Stream,
            MessageStatus::Continue,
            b"",
        ))
        .await;

    let (_reply, mut stream) = opener.await.unwrap().unwrap();
    assert_eq!(stream.serial(), h.serial);
    assert_eq!(
        stream.recv().await.unwrap(),
        Some(StreamChunk::Data(Bytes::from_static(b"hello ")))
    );
    assert_eq!(
        stream.recv().await.unwrap(),
        Some(StreamChunk::Hole {
            length: 4096,
            flags: 0
        })
    );
    assert_eq!(
        stream.recv().await.unwrap(),
        Some(StreamChunk::Data(Bytes::from_static(b"world")))
    );
    assert_eq!(stream.recv().await.unwrap(), None);
    assert_eq!(&events.recv().await.unwrap().body[..], b"not stream data");

    let finisher = tokio::spawn(stream.finish());
    let fin = daemon.recv().await;
    assert_eq!(
        (fin.header.kind, fin.header.status),
        (MessageType::Stream, MessageStatus::Ok)
    );
    assert_eq!(fin.header.serial, h.serial);
    daemon
        .send(stream_frame(
            &h,
            MessageType::Stream,
            MessageStatus::Ok,
            b"",
        ))
        .await;
    finisher.await.unwrap().unwrap();
}

#[tokio::test]
async fn upload_stream_sends_data_frames_with_the_call_serial() {
    let (client, mut daemon) = spawned();
    let opener = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_with_stream_raw(REMOTE_PROGRAM, REMOTE_VERSION, 208, message_encoder())
                .await
        }
    });
    let call = daemon.recv_call().await;
    daemon.reply(&call, Bytes::new()).await;
    let (_, stream) = opener.await.unwrap().unwrap();
    stream.send(b"chunk-1").await.unwrap();
    stream.send_hole(1 << 20, 0).await.unwrap();
    let data = daemon.recv().await;
    assert_eq!(
        (data.header.kind, data.header.status),
        (MessageType::Stream, MessageStatus::Continue)
    );
    assert_eq!(
        (data.header.serial, &data.body[..]),
        (call.header.serial, &b"chunk-1"[..])
    );
    let hole = daemon.recv().await;
    assert_eq!(hole.header.kind, MessageType::StreamHole);
    // Dropping the stream without finishing aborts it.
    drop(stream);
    let abort = daemon.recv().await;
    assert_eq!(
        (abort.header.kind, abort.header.status),
        (MessageType::Stream, MessageStatus::Error)
    );
}

#[tokio::test]
async fn stream_error_from_the_daemon_is_a_remote_error() {
    let (client, mut daemon) = spawned();
    let opener = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_with_stream_raw(REMOTE_PROGRAM, REMOTE_VERSION, 209, message_encoder())
                .await
        }
    });
    let call = daemon.recv_call().await;
    daemon.reply(&call, Bytes::new()).await;
    let err = libvirt_client::DaemonError::new(
        libvirt_client::ErrorNumber::InvalidStream,
        libvirt_client::ErrorDomain::Streams,
        "stream broke",
    );
    let body = err.encode().unwrap();
    daemon
        .send(stream_frame(
            &call.header,
            MessageType::Stream,
            MessageStatus::Error,
            &body,
        ))
        .await;
    let (_, mut stream) = opener.await.unwrap().unwrap();
    let got = stream.recv().await.unwrap_err();
    assert_eq!(got.remote().unwrap(), &err);
}

#[tokio::test]
async fn slow_stream_reader_pauses_reading_but_not_the_connection_forever() {
    let options = ConnectOptions::new().keepalive(None).stream_capacity(2);
    let (client, connection, mut daemon) = support::pair(&options);
    connection.spawn();
    let opener = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_with_stream_raw(REMOTE_PROGRAM, REMOTE_VERSION, 209, message_encoder())
                .await
        }
    });
    let call = daemon.recv_call().await;
    daemon.reply(&call, Bytes::new()).await;
    let (_, mut stream) = opener.await.unwrap().unwrap();
    // Ten chunks against a queue of two: the driver stalls reading.
    for i in 0..10u8 {
        daemon
            .send(stream_frame(
                &call.header,
                MessageType::Stream,
                MessageStatus::Continue,
                &[i],
            ))
            .await;
    }
    // A call made meanwhile is still written (writing goes on) ...
    let other = tokio::spawn({
        let client = client.clone();
        async move {
            client
                .call_raw(REMOTE_PROGRAM, REMOTE_VERSION, 157, message_encoder())
                .await
        }
    });
    let c = daemon.recv_call().await;
    daemon.reply(&c, Bytes::new()).await;
    // ... and once the reader drains the stream, its reply arrives too.
    for i in 0..10u8 {
        assert_eq!(
            stream.recv().await.unwrap(),
            Some(StreamChunk::Data(Bytes::from(vec![i])))
        );
    }
    other.await.unwrap().unwrap();
}
