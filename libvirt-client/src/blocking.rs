//! [`BlockingClient`]: the client for code without an async runtime.
//!
//! A `BlockingClient` starts one background thread running a
//! current-thread tokio runtime. That thread drives the connection (the
//! [`Connection`] future) and nothing else; each blocking call hands its
//! future to that runtime with `Handle::block_on` and parks the calling
//! thread until the reply arrives. Any number of threads may call at once
//! through clones of one `BlockingClient`, and their calls overlap on the
//! wire like async ones.
//!
//! The thread ends when the connection ends: after
//! [`close`](BlockingClient::close), when every clone is dropped, or when
//! the connection fails. Blocking methods must not be called from inside
//! an async runtime; they return an error there instead of blocking it.

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
}

fn block_on<F: Future>(handle: &Handle, f: F) -> Result<F::Output> {
    if Handle::try_current().is_ok() {
        return Err(Error::Unsupported(
            "blocking client used from inside an async runtime; use Client instead".into(),
        ));
    }
    Ok(handle.block_on(f))
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
        if Handle::try_current().is_ok() {
            return Err(Error::Unsupported(
                "blocking client created from inside an async runtime; use Client instead".into(),
            ));
        }
        let (tx, rx) = std_mpsc::channel();
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
        Ok(Self { client, handle })
    }

    /// The async handle to the same connection (usable from any runtime).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// See [`Client::call_raw`].
    pub fn call_raw(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
    ) -> Result<Bytes> {
        block_on(
            &self.handle,
            self.client.call_raw(program, version, procedure, message),
        )?
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
        block_on(
            &self.handle,
            self.client.call_typed(program, version, procedure, args),
        )?
    }

    /// See [`Client::call_with_stream_raw`].
    pub fn call_with_stream_raw(
        &self,
        program: u32,
        version: u32,
        procedure: i32,
        message: Encoder,
    ) -> Result<(Bytes, BlockingStream)> {
        let (reply, stream) = block_on(
            &self.handle,
            self.client
                .call_with_stream_raw(program, version, procedure, message),
        )??;
        let stream = BlockingStream {
            stream,
            handle: self.handle.clone(),
        };
        Ok((reply, stream))
    }

    /// True once the connection is closed.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    /// See [`Client::close`].
    pub fn close(&self) -> Result<()> {
        block_on(&self.handle, self.client.close())?
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

/// The blocking twin of [`RawStream`].
#[derive(Debug)]
pub struct BlockingStream {
    stream: RawStream,
    handle: Handle,
}

impl BlockingStream {
    /// See [`RawStream::recv`].
    pub fn recv(&mut self) -> Result<Option<StreamChunk>> {
        block_on(&self.handle, self.stream.recv())?
    }

    /// See [`RawStream::send`].
    pub fn send(&self, data: &[u8]) -> Result<()> {
        block_on(&self.handle, self.stream.send(data))?
    }

    /// See [`RawStream::finish`].
    pub fn finish(self) -> Result<()> {
        block_on(&self.handle, self.stream.finish())?
    }

    /// See [`RawStream::abort`].
    pub fn abort(self) -> Result<()> {
        block_on(&self.handle, self.stream.abort())?
    }
}
