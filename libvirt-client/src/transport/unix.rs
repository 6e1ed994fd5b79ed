//! The `unix` transport: a local UNIX domain socket.

use super::Transport;
use crate::error::{Error, Result};
use crate::uri::TransportKind;
use std::path::Path;

/// Connects to the daemon socket at `path`.
///
/// The C client can start a session daemon when its socket is missing;
/// this client does not start daemons, so a missing socket is an
/// [`Error::Connect`].
#[cfg(unix)]
pub async fn connect_unix(path: &Path) -> Result<Transport> {
    let peer = path.display().to_string();
    tracing::debug!(socket = %peer, "connecting");
    let stream = tokio::net::UnixStream::connect(path)
        .await
        .map_err(|e| Error::connect(peer.clone(), e))?;
    Ok(Transport::new(stream, TransportKind::Unix, peer))
}

/// UNIX sockets do not exist on this platform.
#[cfg(not(unix))]
pub async fn connect_unix(path: &Path) -> Result<Transport> {
    let _ = path;
    Err(super::unsupported(TransportKind::Unix))
}
