//! A pure-Rust client for libvirt's RPC protocol.
#![forbid(unsafe_code)]

mod error;
mod error_code;
pub mod proto;
mod remote_error;
pub mod uri;

pub use error::{CloseReason, Error, Result};
pub use error_code::{ErrorCode, ErrorDomain, ErrorLevel};
pub use remote_error::{ErrorDomainRef, ErrorNetworkRef, RemoteError};
