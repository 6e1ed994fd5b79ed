//! The `tcp` transport: plain, unencrypted TCP.

use super::Transport;
use crate::error::{Error, Result};
use crate::uri::TransportKind;

/// Connects to `host:port`, trying every address the name resolves to in
/// turn, and turns Nagle's algorithm off (calls are small and latency
/// bound).
pub async fn connect_tcp(host: &str, port: u16) -> Result<Transport> {
    let peer = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    tracing::debug!(%peer, "connecting");
    let stream = tokio::net::TcpStream::connect((host, port))
        .await
        .map_err(|e| Error::connect(peer.clone(), e))?;
    stream
        .set_nodelay(true)
        .map_err(|e| Error::connect(peer.clone(), e))?;
    Ok(Transport::new(stream, TransportKind::Tcp, peer))
}
