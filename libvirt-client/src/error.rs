//! The one error type of the client.
//!
//! Match on [`Error`]'s variants or, better, ask it with the `is_*()`
//! predicates, which stay meaningful when variants are added. The `Display`
//! text is meant for people and may change between releases.

use crate::api::ErrorNumber;
use crate::api::TypedParamError;
use crate::remote_error::DaemonError;
use crate::uri::UriError;
use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

/// A result whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong between a call and its reply.
///
/// Cheap to clone: one connection failure is handed to every pending call.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The connection is closed, or closed while the call was pending;
    /// [`CloseReason`] says why. This is the one "connection closed" error:
    /// every pending call gets the same value when a connection fails, and
    /// calls made afterwards fail with it at once.
    #[error("connection closed: {0}")]
    Closed(CloseReason),
    /// The daemon answered with an error.
    #[error("remote error: {0}")]
    Remote(Box<DaemonError>),
    /// The call did not complete within its timeout; the connection is
    /// unaffected and a late reply is discarded.
    #[error("call timed out after {0:?}")]
    Timeout(Duration),
    /// The peer sent something the protocol does not allow (a reply to the
    /// wrong program, an unexpected message type, ...).
    #[error("protocol error: {0}")]
    Protocol(String),
    /// Encoding arguments or decoding a reply failed.
    #[error("XDR error: {0}")]
    Xdr(#[from] xdr_runtime::Error),
    /// An outgoing message is larger than the protocol's 32 MiB limit; the
    /// call was not sent and the connection is unaffected.
    #[error("message of {len} bytes exceeds the protocol limit of {max} bytes")]
    MessageTooLarge {
        /// Size of the message, length word included.
        len: u64,
        /// Largest allowed size, length word included.
        max: u32,
    },
    /// The URI is malformed or names something impossible.
    #[error("invalid URI: {0}")]
    Uri(#[from] UriError),
    /// A transport or authentication method that this client does not
    /// implement yet (`tls`, `ssh`, SASL, ...).
    #[error("{0}")]
    Unsupported(String),
    /// Authentication was refused or could not be carried out.
    #[error("authentication failed: {0}")]
    Auth(String),
    /// Opening the transport failed.
    #[error("cannot connect to {target}: {source}")]
    Connect {
        /// What was being connected to (a socket path or `host:port`).
        target: String,
        /// The underlying error.
        #[source]
        source: Arc<io::Error>,
    },
    /// A typed parameter list broke libvirt's rules (a name too long, a
    /// repeated name, a value of the wrong type, ...).
    #[error("typed parameter error: {0}")]
    TypedParam(#[from] TypedParamError),
    /// An argument the client checks before calling was invalid (a
    /// malformed UUID, an empty list where one object is needed, ...);
    /// nothing was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

impl From<crate::api::UuidParseError> for Error {
    fn from(e: crate::api::UuidParseError) -> Self {
        Error::InvalidArgument(e.to_string())
    }
}

/// Why a connection closed.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum CloseReason {
    /// This side closed it: [`Client::close`](crate::Client::close), or
    /// every [`Client`](crate::Client) handle was dropped.
    Local,
    /// The peer closed the connection.
    Eof,
    /// The peer stopped answering keepalive pings.
    KeepaliveTimeout,
    /// Reading or writing the transport failed.
    Io(Arc<io::Error>),
    /// The peer announced a frame longer than the limit (32 MiB by
    /// default); nothing of it was buffered.
    FrameTooLarge {
        /// The announced length, length word included.
        len: u64,
        /// The limit.
        max: u32,
    },
    /// The peer violated the protocol otherwise, so the byte stream can no
    /// longer be trusted.
    Protocol(Arc<str>),
    /// The [`Connection`](crate::Connection) future was dropped before the
    /// connection finished, or was never polled.
    DriverGone,
}

impl fmt::Display for CloseReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Local => f.write_str("closed by the client"),
            Self::Eof => f.write_str("closed by the peer"),
            Self::KeepaliveTimeout => f.write_str("the peer stopped answering keepalive pings"),
            Self::Io(e) => write!(f, "I/O error: {e}"),
            Self::FrameTooLarge { len, max } => write!(
                f,
                "protocol error: received a frame of {len} bytes, over the limit of {max} bytes"
            ),
            Self::Protocol(m) => write!(f, "protocol error: {m}"),
            Self::DriverGone => f.write_str("the connection driver is not running"),
        }
    }
}

impl Error {
    /// True when the connection is closed (for whatever reason).
    pub fn is_closed(&self) -> bool {
        matches!(self, Self::Closed(_))
    }

    /// True when the daemon answered with an error; see [`remote`](Self::remote).
    pub fn is_remote(&self) -> bool {
        matches!(self, Self::Remote(_))
    }

    /// True for a call timeout, and for a connection closed because the
    /// peer stopped answering keepalive pings.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            Self::Timeout(_) | Self::Closed(CloseReason::KeepaliveTimeout)
        )
    }

    /// True when bytes on the wire were wrong: a protocol violation, an
    /// XDR failure, an over-long message, or a connection closed because of
    /// one of these.
    pub fn is_protocol(&self) -> bool {
        matches!(
            self,
            Self::Protocol(_)
                | Self::Xdr(_)
                | Self::MessageTooLarge { .. }
                | Self::Closed(CloseReason::Protocol(_) | CloseReason::FrameTooLarge { .. })
        )
    }

    /// True when a message was larger than the protocol allows, in either
    /// direction.
    pub fn is_too_large(&self) -> bool {
        match self {
            Self::MessageTooLarge { .. } => true,
            Self::Xdr(e) => matches!(e, xdr_runtime::Error::InvalidMessageLength { .. }),
            Self::Closed(CloseReason::FrameTooLarge { .. }) => true,
            _ => false,
        }
    }

    /// True for features this client does not implement yet.
    pub fn is_unsupported(&self) -> bool {
        matches!(self, Self::Unsupported(_))
    }

    /// The daemon's error, for [`Error::Remote`].
    pub fn remote(&self) -> Option<&DaemonError> {
        match self {
            Self::Remote(e) => Some(e),
            _ => None,
        }
    }

    /// The daemon's error code, for [`Error::Remote`]; compare it with the
    /// members of [`ErrorNumber`], e.g. `ErrorNumber::NoDomain`.
    pub fn remote_code(&self) -> Option<ErrorNumber> {
        self.remote().map(|e| e.code)
    }

    /// Why the connection closed, for [`Error::Closed`].
    pub fn close_reason(&self) -> Option<&CloseReason> {
        match self {
            Self::Closed(r) => Some(r),
            _ => None,
        }
    }

    pub(crate) fn remote_from_body(body: &[u8]) -> Self {
        match DaemonError::decode(body) {
            Ok(e) => Self::Remote(Box::new(e)),
            Err(e) => Self::Protocol(format!("undecodable error reply: {e}")),
        }
    }

    pub(crate) fn connect(target: impl Into<String>, source: io::Error) -> Self {
        Self::Connect {
            target: target.into(),
            source: Arc::new(source),
        }
    }
}

impl From<DaemonError> for Error {
    fn from(e: DaemonError) -> Self {
        Self::Remote(Box::new(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorDomain;

    #[test]
    fn predicates_classify_each_variant() {
        let closed = Error::Closed(CloseReason::Eof);
        assert!(closed.is_closed() && !closed.is_timeout() && !closed.is_protocol());
        let ka = Error::Closed(CloseReason::KeepaliveTimeout);
        assert!(ka.is_closed() && ka.is_timeout());
        let proto = Error::Closed(CloseReason::Protocol("bad header".into()));
        assert!(proto.is_closed() && proto.is_protocol() && !proto.is_too_large());
        let big = Error::Closed(CloseReason::FrameTooLarge {
            len: u64::from(u32::MAX),
            max: 1 << 25,
        });
        assert!(big.is_closed() && big.is_protocol() && big.is_too_large());
        let remote = Error::from(DaemonError::new(
            ErrorNumber::NoDomain,
            ErrorDomain::Qemu,
            "x",
        ));
        assert!(remote.is_remote() && !remote.is_closed());
        assert_eq!(remote.remote_code(), Some(ErrorNumber::NoDomain));
        assert!(Error::Timeout(Duration::from_secs(1)).is_timeout());
        let big = Error::MessageTooLarge {
            len: 1 << 26,
            max: 1 << 25,
        };
        assert!(big.is_too_large() && big.is_protocol() && !big.is_closed());
        assert!(Error::Unsupported("transport ssh not supported yet".into()).is_unsupported());
    }

    #[test]
    fn error_is_small_and_shareable() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Error>();
        assert!(
            std::mem::size_of::<Error>() <= 64,
            "{}",
            std::mem::size_of::<Error>()
        );
    }

    #[test]
    fn undecodable_error_body_is_a_protocol_error() {
        assert!(Error::remote_from_body(&[0, 0]).is_protocol());
    }
}
