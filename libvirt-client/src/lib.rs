//! A pure-Rust client for libvirt's RPC protocol.

pub mod proto;
