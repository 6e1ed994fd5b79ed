//! libvirt's public API in Rust terms: connections and object handles
//! (`Connect`, `Domain`, `StoragePool`, ...) with typed enums, flags and
//! typed parameters, generated from libvirt's API description
//! (`api/libvirt-api.xml`) over the raw protocol of [`crate::proto`].

mod typed_params;
mod uuid;

pub use typed_params::{TypedParams, TypedValue};
pub use uuid::Uuid;
