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
    let std = stream
        .into_std()
        .map_err(|e| Error::connect(peer.clone(), e))?;
    let io = ReadInterest::new(std).map_err(|e| Error::connect(peer.clone(), e))?;
    Ok(Transport::new(io, TransportKind::Unix, peer))
}

/// A UNIX socket registered for read readiness only: writes go straight to
/// the socket and register for write readiness only while one would block.
/// tokio's own `UnixStream` registers for both, and the edge-triggered
/// EPOLLOUT the kernel raises each time the peer drains our last message
/// wakes the runtime once per call for nothing.
#[cfg(unix)]
struct ReadInterest {
    read: tokio::io::unix::AsyncFd<std::os::unix::net::UnixStream>,
    write: std::os::unix::net::UnixStream,
    write_wait: Option<tokio::io::unix::AsyncFd<std::os::unix::net::UnixStream>>,
    /// Reads land here and are copied out: safe code cannot read into the
    /// caller's uninitialised buffer, and zeroing it (`initialize_unfilled`)
    /// on every read costs more than copying the few bytes read.
    scratch: Box<[u8]>,
}

/// Registers a socket with the runtime for one kind of readiness.
///
/// tokio deprecates its safe constructors because an `AsyncFd` over a type
/// that does not own its descriptor could outlive it. Here the `AsyncFd`
/// owns the `UnixStream`, which owns the descriptor, and deregisters it
/// before the stream closes it, so the concern does not arise; the
/// replacement constructors are `unsafe`, which this crate forbids.
#[cfg(unix)]
#[allow(deprecated)]
fn register(
    s: std::os::unix::net::UnixStream,
    interest: tokio::io::Interest,
) -> std::io::Result<tokio::io::unix::AsyncFd<std::os::unix::net::UnixStream>> {
    tokio::io::unix::AsyncFd::with_interest(s, interest)
}

#[cfg(unix)]
impl ReadInterest {
    fn new(s: std::os::unix::net::UnixStream) -> std::io::Result<Self> {
        s.set_nonblocking(true)?;
        let write = s.try_clone()?;
        let read = register(s, tokio::io::Interest::READABLE)?;
        Ok(Self {
            read,
            write,
            write_wait: None,
            scratch: vec![0; 32 * 1024].into_boxed_slice(),
        })
    }

    fn poll_write_with(
        &mut self,
        cx: &mut std::task::Context<'_>,
        mut f: impl FnMut(&std::os::unix::net::UnixStream) -> std::io::Result<usize>,
    ) -> std::task::Poll<std::io::Result<usize>> {
        use std::task::Poll;
        loop {
            if let Some(w) = &self.write_wait {
                let mut guard = match w.poll_write_ready(cx) {
                    Poll::Ready(Ok(g)) => g,
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => return Poll::Pending,
                };
                match guard.try_io(|s| f(s.get_ref())) {
                    Ok(r) => {
                        drop(guard);
                        self.write_wait = None;
                        return Poll::Ready(r);
                    }
                    Err(_would_block) => continue,
                }
            }
            match f(&self.write) {
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let dup = self.write.try_clone()?;
                    self.write_wait = Some(register(dup, tokio::io::Interest::WRITABLE)?);
                }
                r => return Poll::Ready(r),
            }
        }
    }
}

#[cfg(unix)]
impl tokio::io::AsyncRead for ReadInterest {
    fn poll_read(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        use std::io::Read;
        use std::task::Poll;
        let this = self.get_mut();
        loop {
            let mut guard = match this.read.poll_read_ready(cx) {
                Poll::Ready(Ok(g)) => g,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            };
            let want = buf.remaining().min(this.scratch.len());
            let scratch = &mut this.scratch[..want];
            match guard.try_io(|s| s.get_ref().read(scratch)) {
                Ok(Ok(n)) => {
                    // A short read drained the socket: skip the EAGAIN read.
                    if n > 0 && n < want {
                        guard.clear_ready();
                    }
                    buf.put_slice(&this.scratch[..n]);
                    return Poll::Ready(Ok(()));
                }
                Ok(Err(e)) => return Poll::Ready(Err(e)),
                Err(_would_block) => continue,
            }
        }
    }
}

#[cfg(unix)]
impl tokio::io::AsyncWrite for ReadInterest {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        use std::io::Write;
        self.get_mut().poll_write_with(cx, |mut s| s.write(buf))
    }

    fn poll_write_vectored(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        use std::io::Write;
        self.get_mut()
            .poll_write_with(cx, |mut s| s.write_vectored(bufs))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(self.write.shutdown(std::net::Shutdown::Write))
    }
}

/// UNIX sockets do not exist on this platform.
#[cfg(not(unix))]
pub async fn connect_unix(path: &Path) -> Result<Transport> {
    let _ = path;
    Err(super::unsupported(TransportKind::Unix))
}
