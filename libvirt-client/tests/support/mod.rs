//! An in-process mock daemon speaking the real framing over an in-memory
//! pipe (or any byte stream), for driving the client in tests.

#![allow(dead_code, unreachable_pub)]

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use libvirt_client::frame::{Frame, FrameCodec};
use libvirt_client::handshake::{self, REMOTE_PROGRAM, REMOTE_VERSION};
use libvirt_client::keepalive::{KEEPALIVE_PROGRAM, KEEPALIVE_VERSION};
use libvirt_client::transport::{Io, Transport};
use libvirt_client::uri::TransportKind;
use libvirt_client::{from_transport, Client, ConnectOptions, Connection, DaemonError};
use std::time::Duration;
use tokio::io::DuplexStream;
use tokio_util::codec::Framed;
use xdr_runtime::message::{Header, MessageStatus, MessageType};

/// The daemon end of a connection.
pub struct MockDaemon<S = DuplexStream> {
    framed: Framed<S, FrameCodec>,
}

/// Buffer size of the in-memory pipe; small enough that big messages
/// really stream through it.
pub const PIPE: usize = 64 * 1024;

/// A raw client (no handshake) wired to a mock daemon.
pub fn pair(options: &ConnectOptions) -> (Client, Connection, MockDaemon) {
    let (a, b) = tokio::io::duplex(PIPE);
    let (client, connection) =
        from_transport(Transport::new(a, TransportKind::Unix, "mock"), options);
    (client, connection, MockDaemon::new(b))
}

/// Like [`pair`] with the connection spawned and keepalive off.
pub fn spawned() -> (Client, MockDaemon) {
    let (client, connection, daemon) = pair(&ConnectOptions::new().keepalive(None));
    connection.spawn();
    (client, daemon)
}

/// A header answering `call` (same program, version, procedure, serial).
pub fn reply_header(call: &Header, status: MessageStatus) -> Header {
    Header {
        kind: MessageType::Reply,
        status,
        ..*call
    }
}

/// `n` as the body of a reply carrying one `unsigned hyper`.
pub fn u64_body(n: u64) -> Vec<u8> {
    n.to_be_bytes().to_vec()
}

impl<S: Io> MockDaemon<S> {
    pub fn new(io: S) -> Self {
        Self {
            framed: Framed::new(io, FrameCodec::new()),
        }
    }

    /// The next frame from the client, or `None` at end of stream.
    pub async fn try_recv(&mut self) -> Option<Frame> {
        match tokio::time::timeout(Duration::from_secs(60), self.framed.next()).await {
            Ok(Some(Ok(f))) => Some(f),
            Ok(Some(Err(e))) => panic!("mock daemon read error: {e}"),
            Ok(None) => None,
            Err(_) => panic!("mock daemon waited 60 s for a frame"),
        }
    }

    /// The next frame that is not keepalive traffic.
    pub async fn recv(&mut self) -> Frame {
        loop {
            let f = self.try_recv().await.expect("client closed the connection");
            if f.header.program != KEEPALIVE_PROGRAM {
                return f;
            }
        }
    }

    /// The next call; panics on anything else.
    pub async fn recv_call(&mut self) -> Frame {
        let f = self.recv().await;
        assert_eq!(
            f.header.kind,
            MessageType::Call,
            "expected a call, got {:?}",
            f.header
        );
        f
    }

    pub async fn send(&mut self, frame: Frame) {
        SinkExt::<Frame>::send(&mut self.framed, frame)
            .await
            .expect("mock daemon write");
    }

    /// Writes raw bytes, bypassing the codec (for hostile frames).
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        use tokio::io::AsyncWriteExt;
        let io = self.framed.get_mut();
        io.write_all(bytes).await.expect("mock daemon raw write");
        io.flush().await.expect("mock daemon flush");
    }

    pub async fn reply(&mut self, call: &Frame, body: impl Into<Bytes>) {
        let header = reply_header(&call.header, MessageStatus::Ok);
        self.send(Frame {
            header,
            body: body.into(),
        })
        .await;
    }

    pub async fn reply_error(&mut self, call: &Frame, err: &DaemonError) {
        let header = reply_header(&call.header, MessageStatus::Error);
        let body = Bytes::from(err.encode().unwrap());
        self.send(Frame { header, body }).await;
    }

    pub async fn event(&mut self, procedure: i32, serial: u32, body: impl Into<Bytes>) {
        let header = Header {
            program: REMOTE_PROGRAM,
            version: REMOTE_VERSION,
            procedure,
            kind: MessageType::Message,
            serial,
            status: MessageStatus::Ok,
        };
        self.send(Frame {
            header,
            body: body.into(),
        })
        .await;
    }

    pub async fn keepalive(&mut self, procedure: i32) {
        let header = Header {
            program: KEEPALIVE_PROGRAM,
            version: KEEPALIVE_VERSION,
            procedure,
            kind: MessageType::Message,
            serial: 0,
            status: MessageStatus::Ok,
        };
        self.send(Frame {
            header,
            body: Bytes::new(),
        })
        .await;
    }

    /// Answers a remote handshake: `AUTH_LIST` with `auth`, keepalive
    /// feature query with `keepalive`, then `CONNECT_OPEN`. Returns the
    /// `CONNECT_OPEN` frame.
    pub async fn serve_handshake(&mut self, auth: &[i32], keepalive: bool) -> Frame {
        loop {
            let call = self.recv_call().await;
            match call.header.procedure {
                handshake::PROC_AUTH_LIST => {
                    let mut body = (auth.len() as u32).to_be_bytes().to_vec();
                    for a in auth {
                        body.extend_from_slice(&a.to_be_bytes());
                    }
                    self.reply(&call, body).await;
                }
                handshake::PROC_AUTH_POLKIT => self.reply(&call, 1i32.to_be_bytes().to_vec()).await,
                handshake::PROC_CONNECT_SUPPORTS_FEATURE => {
                    let supported = i32::from(keepalive);
                    self.reply(&call, supported.to_be_bytes().to_vec()).await;
                }
                handshake::PROC_CONNECT_OPEN => {
                    self.reply(&call, Bytes::new()).await;
                    return call;
                }
                other => panic!("unexpected call {other} during handshake"),
            }
        }
    }
}

/// Decodes `remote_connect_open_args` into (name, flags).
pub fn decode_open_args(body: &[u8]) -> (Option<String>, u32) {
    let mut dec = xdr_runtime::Decoder::new(body);
    let name = dec.get_option(|d| d.get_string(1 << 22, "name")).unwrap();
    let flags = dec.get_u32().unwrap();
    dec.finish().unwrap();
    (name, flags)
}
