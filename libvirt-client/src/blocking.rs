//! [`BlockingClient`]: the client for code without an async runtime.
//!
//! A `BlockingClient` starts one background thread running a
//! current-thread tokio runtime. That thread drives the connection (the
//! [`Connection`] future) and runs the calls: each blocking method spawns
//! its call as a task there and parks the calling thread on a channel
//! until the outcome arrives. Any number of threads may call at once
//! through clones of one `BlockingClient`, and their calls overlap on the
//! wire like async ones.
//!
//! The thread stops driving the connection when it ends (after
//! [`close`](BlockingClient::close), when it fails, or when every handle is
//! dropped) and exits once every `BlockingClient` clone and
//! [`BlockingStream`] is dropped. Calling a blocking method from async code works
//! (nothing there needs the caller's runtime) but blocks that worker
//! thread; use [`Client`] in async code.

use crate::client::Client;
use crate::connection::{self, ConnectOptions, Connection};
use crate::error::{Error, Result};
use crate::stream::{RawStream, StreamChunk};
use crate::uri::Uri;
use bytes::Bytes;
use std::future::Future;
use std::sync::mpsc as std_mpsc;
use tokio::runtime::Handle;
use xdr_runtime::rpc::{BlockingCall, Procedure};
use xdr_runtime::{Decode, Encode, Encoder};

/// A blocking handle to one connection; cheap to clone, usable from any
/// thread. See the [module documentation](self).
#[derive(Debug, Clone)]
pub struct BlockingClient {
    client: Client,
    handle: Handle,
    /// Keeps the runtime thread alive while any clone (or stream) exists,
    /// so that work handed to it always runs to completion.
    alive: tokio::sync::mpsc::Sender<()>,
}

/// Runs `fut` on the client's runtime and waits for its outcome.
fn run<T, F>(handle: &Handle, client: &Client, fut: F) -> Result<T>
where
    T: Send + 'static,
    F: Future<Output = Result<T>> + Send + 'static,
{
    let (tx, rx) = std_mpsc::sync_channel(1);
    // If the runtime thread has ended, the task is dropped unrun and the
    // channel reports the closed connection.
    drop(handle.spawn(async move {
        let _ = tx.send(fut.await);
    }));
    rx.recv().unwrap_or_else(|_| Err(client.closed_error()))
}

impl BlockingClient {
    /// Connects to `uri` with default options.
    pub fn connect(uri: &str) -> Result<Self> {
        let uri = Uri::parse(uri)?;
        Self::connect_with(uri, ConnectOptions::default())
    }

    /// Connects to `uri` with `options`.
    pub fn connect_with(uri: Uri, options: ConnectOptions) -> Result<Self> {
        Self::start(move || async move { connection::connect_with(&uri, &options).await })
    }

    /// Starts the runtime thread, runs `open` on it (any async way of
    /// getting a client and its connection, e.g. over a custom transport)
    /// and drives the resulting connection there.
    pub fn start<F, Fut>(open: F) -> Result<Self>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<(Client, Connection)>>,
    {
        let (tx, rx) = std_mpsc::channel();
        let (alive, mut alive_rx) = tokio::sync::mpsc::channel::<()>(1);
        std::thread::Builder::new()
            .name("libvirt-client".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = tx.send(Err(Error::connect("runtime", e)));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match open().await {
                        Ok((client, connection)) => {
                            let _ = tx.send(Ok((client, Handle::current())));
                            if let Err(e) = connection.await {
                                tracing::debug!(error = %e, "blocking client connection ended");
                            }
                            // Finish whatever callers handed over, until the
                            // last handle is gone.
                            while alive_rx.recv().await.is_some() {}
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                        }
                    }
                });
            })
            .map_err(|e| Error::connect("thread", e))?;
        let (client, handle) = rx
            .recv()
            .map_err(|_| Error::Closed(crate::CloseReason::DriverGone))??;
        Ok(Self {
            client,
            handle,
            alive,
        })
    }

    /// The async handle to the same connection (usable from any runtime).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The runtime that drives the connection.
    pub(crate) fn runtime(&self) -> &Handle {
        &self.handle
    }

    /// See [`Client::call_raw`].
    pub fn call_raw(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
    ) -> Result<Bytes> {
        let client = self.client.clone();
        run(&self.handle, &self.client, async move {
            client.call_raw(program, version, procedure, message).await
        })
    }

    /// See [`Client::call_typed`].
    pub fn call_typed<A, R>(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        args: &A,
    ) -> Result<R>
    where
        A: Encode + ?Sized,
        R: Decode,
    {
        let mut message = xdr_runtime::frame::message_encoder();
        args.encode(&mut message)?;
        let reply = self.call_raw(program, version, procedure, message)?;
        Ok(xdr_runtime::from_bytes(&reply)?)
    }

    /// See [`Client::call_with_stream_raw`].
    pub fn call_with_stream_raw(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
    ) -> Result<(Bytes, BlockingStream)> {
        let client = self.client.clone();
        let (reply, stream) = run(&self.handle, &self.client, async move {
            client
                .call_with_stream_raw(program, version, procedure, message)
                .await
        })?;
        let stream = BlockingStream {
            stream: Some(stream),
            client: self.client.clone(),
            handle: self.handle.clone(),
            _alive: self.alive.clone(),
        };
        Ok((reply, stream))
    }

    /// True once the connection is closed.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// See [`Client::close`].
    pub fn close(&self) -> Result<()> {
        let client = self.client.clone();
        run(
            &self.handle,
            &self.client,
            async move { client.close().await },
        )
    }
}

impl BlockingCall for BlockingClient {
    type Error = Error;
    type Reply = Bytes;
    type Stream = BlockingStream;

    fn call_blocking(&self, procedure: &'static Procedure, message: Encoder) -> Result<Bytes> {
        self.call_raw(
            procedure.program,
            procedure.version,
            procedure.number,
            message,
        )
    }

    fn call_with_stream_blocking(
        &self,
        procedure: &'static Procedure,
        message: Encoder,
    ) -> Result<(Bytes, BlockingStream)> {
        self.call_with_stream_raw(
            procedure.program,
            procedure.version,
            procedure.number,
            message,
        )
    }
}

/// The blocking twin of [`RawStream`]; each method runs the async one on
/// the client's runtime thread.
#[derive(Debug)]
pub struct BlockingStream {
    /// `None` only if the runtime went away in the middle of an operation.
    stream: Option<RawStream>,
    client: Client,
    handle: Handle,
    _alive: tokio::sync::mpsc::Sender<()>,
}

impl BlockingStream {
    /// Runs `op` on the stream, moving it to the runtime thread and back.
    fn with<T, F, Fut>(&mut self, op: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(RawStream) -> Fut + Send + 'static,
        Fut: Future<Output = (RawStream, Result<T>)> + Send + 'static,
    {
        let stream = self
            .stream
            .take()
            .ok_or_else(|| self.client.closed_error())?;
        let (stream, result) = run(
            &self.handle,
            &self.client,
            async move { Ok(op(stream).await) },
        )?;
        self.stream = Some(stream);
        result
    }

    /// See [`RawStream::recv`].
    pub fn recv(&mut self) -> Result<Option<StreamChunk>> {
        self.with(|mut s| async move {
            let r = s.recv().await;
            (s, r)
        })
    }

    /// See [`RawStream::send`].
    pub fn send(&mut self, data: &[u8]) -> Result<()> {
        let data = Bytes::copy_from_slice(data);
        self.with(|s| async move {
            let r = s.send(&data).await;
            (s, r)
        })
    }

    /// See [`RawStream::finish`].
    pub fn finish(mut self) -> Result<()> {
        let stream = self
            .stream
            .take()
            .ok_or_else(|| self.client.closed_error())?;
        run(&self.handle, &self.client, stream.finish())
    }

    /// See [`RawStream::abort`].
    pub fn abort(mut self) -> Result<()> {
        let stream = self
            .stream
            .take()
            .ok_or_else(|| self.client.closed_error())?;
        run(&self.handle, &self.client, stream.abort())
    }
}
