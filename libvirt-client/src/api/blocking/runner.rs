//! Running the async API to completion from a thread without a runtime.

use crate::BlockingClient;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

/// Runs futures of the async API on the calling thread, while the
/// connection is driven by the [`BlockingClient`]'s own runtime thread.
#[derive(Debug, Clone)]
pub struct Runner {
    client: BlockingClient,
}

struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

impl Runner {
    /// A runner for the connection of `client`.
    pub fn new(client: BlockingClient) -> Self {
        Self { client }
    }

    /// The blocking client underneath.
    pub fn client(&self) -> &BlockingClient {
        &self.client
    }

    /// Polls `future` on this thread until it is ready, parking between
    /// wakeups. Timers of the future use the client's runtime.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        let _runtime = self.client.runtime().enter();
        let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
                return v;
            }
            std::thread::park();
        }
    }
}
