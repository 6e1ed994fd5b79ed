//! UUIDs as libvirt prints them.

/// A libvirt UUID (16 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Uuid(pub [u8; 16]);
