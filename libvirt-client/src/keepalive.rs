//! The keepalive protocol (`virkeepaliveprotocol.x`): program
//! `KEEPALIVE_PROGRAM`, procedures `PING` and `PONG`, sent as `MESSAGE`
//! frames with serial 0 and no body.
//!
//! The driver always answers a daemon's PING with a PONG. When the client
//! asked for keepalive and the daemon supports it, the driver also sends a
//! PING after every `interval` without incoming traffic and declares the
//! daemon dead after `count` unanswered PINGs, as libvirt's
//! `virKeepAliveTimer` does: any frame from the daemon counts as a sign of
//! life, so a dead peer is detected after `(count + 1) * interval` of
//! silence.

use bytes::Bytes;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep};
use xdr_runtime::message::{Header, MessageStatus, MessageType};

/// `KEEPALIVE_PROGRAM`.
pub const KEEPALIVE_PROGRAM: u32 = 0x6b65_6570;
/// `KEEPALIVE_PROTOCOL_VERSION`.
pub const KEEPALIVE_VERSION: u32 = 1;
/// `KEEPALIVE_PROC_PING`.
pub const PROC_PING: i32 = 1;
/// `KEEPALIVE_PROC_PONG`.
pub const PROC_PONG: i32 = 2;

/// How often to probe an idle daemon and how many probes may go
/// unanswered. The default is libvirt's: every 5 seconds, 5 probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeepaliveConfig {
    /// Idle time before a PING is sent.
    pub interval: Duration,
    /// PINGs that may go unanswered before the daemon is declared dead.
    pub count: u32,
}

impl Default for KeepaliveConfig {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(5),
            count: 5,
        }
    }
}

/// The header-only message for a keepalive procedure.
pub(crate) fn message(procedure: i32) -> Bytes {
    let header = Header {
        program: KEEPALIVE_PROGRAM,
        version: KEEPALIVE_VERSION,
        procedure,
        kind: MessageType::Message,
        serial: 0,
        status: MessageStatus::Ok,
    };
    // A bare header is always within the limits.
    Bytes::from(xdr_runtime::frame::encode_message(&header, &[]).unwrap_or_default())
}

/// True for keepalive traffic, which never reaches callers.
pub(crate) fn is_keepalive(header: &Header) -> bool {
    header.program == KEEPALIVE_PROGRAM
        && header.version == KEEPALIVE_VERSION
        && header.kind == MessageType::Message
}

/// What the timer asks the driver to do.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// Send a PING.
    Ping,
    /// The daemon missed too many PINGs.
    Dead,
}

/// The sending side's timer state.
#[derive(Debug)]
pub(crate) struct Keepalive {
    config: Option<KeepaliveConfig>,
    /// Created on first poll, so that a driver can be built outside a
    /// runtime.
    sleep: Option<Pin<Box<Sleep>>>,
    last_received: Instant,
    count_to_death: u32,
}

impl Keepalive {
    /// A timer; `None` only answers PINGs and never sends any.
    pub(crate) fn new(config: Option<KeepaliveConfig>) -> Self {
        Self {
            config,
            sleep: None,
            last_received: Instant::now(),
            count_to_death: config.map_or(0, |c| c.count),
        }
    }

    /// Starts sending PINGs (after the daemon said it supports them).
    pub(crate) fn start(&mut self, config: KeepaliveConfig) {
        let last_received = self.last_received;
        *self = Self::new(Some(config));
        // The first PING goes out one interval after the last traffic.
        self.last_received = last_received;
    }

    /// Notes that a frame arrived. Cheap: the timer is not touched, it
    /// re-arms itself from this time when it fires.
    pub(crate) fn on_receive(&mut self) {
        self.last_received = Instant::now();
        if let Some(c) = self.config {
            self.count_to_death = c.count;
        }
    }

    /// Polls the timer.
    pub(crate) fn poll(&mut self, cx: &mut Context<'_>) -> Poll<Action> {
        let Some(config) = self.config else {
            return Poll::Pending;
        };
        let first = self.last_received + config.interval;
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(first)));
        loop {
            if sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            let quiet_until = self.last_received + config.interval;
            let now = Instant::now();
            if now < quiet_until && self.count_to_death == config.count {
                // Traffic arrived since the timer was armed.
                sleep.as_mut().reset(quiet_until);
                continue;
            }
            if self.count_to_death == 0 {
                return Poll::Ready(Action::Dead);
            }
            self.count_to_death -= 1;
            sleep.as_mut().reset(now + config.interval);
            return Poll::Ready(Action::Ping);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::poll_fn;

    async fn next(ka: &mut Keepalive) -> Action {
        poll_fn(|cx| ka.poll(cx)).await
    }

    #[tokio::test(start_paused = true)]
    async fn silent_peer_is_dead_after_count_plus_one_intervals() {
        let start = Instant::now();
        let mut ka = Keepalive::new(Some(KeepaliveConfig::default()));
        for _ in 0..5 {
            assert_eq!(next(&mut ka).await, Action::Ping);
        }
        assert_eq!(next(&mut ka).await, Action::Dead);
        assert_eq!(start.elapsed(), Duration::from_secs(30));
    }

    #[tokio::test(start_paused = true)]
    async fn traffic_postpones_pings_and_restores_the_count() {
        let cfg = KeepaliveConfig {
            interval: Duration::from_secs(5),
            count: 2,
        };
        let mut ka = Keepalive::new(Some(cfg));
        assert_eq!(next(&mut ka).await, Action::Ping);
        tokio::time::advance(Duration::from_secs(3)).await;
        ka.on_receive(); // the PONG
        let before = Instant::now();
        assert_eq!(next(&mut ka).await, Action::Ping);
        assert_eq!(before.elapsed(), Duration::from_secs(5));
        assert_eq!(next(&mut ka).await, Action::Ping);
        assert_eq!(next(&mut ka).await, Action::Dead);
    }

    #[tokio::test(start_paused = true)]
    async fn disabled_timer_never_fires() {
        let mut ka = Keepalive::new(None);
        let fired = tokio::time::timeout(Duration::from_secs(3600), next(&mut ka)).await;
        assert!(fired.is_err());
    }

    #[test]
    fn messages_are_bare_headers_with_serial_zero() {
        let ping = message(PROC_PING);
        let (header, body) = xdr_runtime::frame::decode_message(&ping).unwrap();
        assert!(is_keepalive(&header));
        assert_eq!((header.procedure, header.serial), (PROC_PING, 0));
        assert!(body.is_empty());
    }
}
