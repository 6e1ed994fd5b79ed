//! libvirt's public API in Rust terms: connections and object handles
//! (`Connect`, `Domain`, `StoragePool`, ...) with typed enums, flags and
//! typed parameters, generated from libvirt's API description
//! (`api/libvirt-api.xml`) over the raw protocol of [`crate::proto`].

pub mod blocking;
mod checkpoint;
mod connect;
mod display;
mod domain;
mod domain_state;
mod domain_stats;
mod generated;
mod handle;
mod info;
mod interface;
mod lookup;
mod network;
pub mod node;
mod nodedev;
mod nwfilter;
mod secret;
mod security;
mod snapshot;
mod stats;
mod storage;
mod typed_params;
mod uuid;

pub use checkpoint::DomainCheckpoint;
pub use connect::Connect;
pub use domain::Domain;
pub use domain_state::{DomainInfo, DomainStateReason};
pub use generated::*;
pub use info::{
    BlockJobInfo, DiskError, DomainControlInfo, DomainInterface, DomainJobInfo, IpAddress,
    MemoryStat, NodeCpuMap, NodeInfo, StoragePoolInfo, StorageVolInfo, VcpuInfo, Vcpus,
};
pub use interface::Interface;
pub use network::{Network, NetworkPort};
pub use nodedev::NodeDevice;
pub use nwfilter::{NWFilter, NWFilterBinding};
pub use secret::Secret;
pub use security::{SecurityLabel, SecurityModel};
pub use snapshot::DomainSnapshot;
pub use stats::DomainStatsRecord;
pub use storage::{StoragePool, StorageVol};
pub use typed_params::{
    ParamOrder, TypedParamError, TypedParamType, TypedParams, TypedParamsIter, TypedParamsStruct,
    TypedValue,
};
pub use uuid::{Uuid, UuidParseError};

pub use crate::Error;

/// The result of the typed API's calls.
pub type Result<T> = std::result::Result<T, crate::Error>;
