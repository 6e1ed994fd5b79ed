//! The protocol types and procedures generated from libvirt's `.x` files.
