//! A domain's state and life cycle where the C library does more than one
//! RPC: [`Domain::get_info`], [`Domain::get_state`] with a typed reason,
//! and starting a domain, which refreshes its id as C does.

use crate::api::{
    Domain, DomainBlockedReason, DomainCrashedReason, DomainCreateFlags, DomainNostateReason,
    DomainPMSuspendedReason, DomainPausedReason, DomainRunningReason, DomainShutdownReason,
    DomainShutoffReason, DomainState, Result,
};
use crate::proto::remote::RemoteCalls;

/// What [`Domain::get_info`] returns (C's `virDomainInfo`).
#[doc(alias = "virDomainInfo")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DomainInfo {
    /// The running state.
    pub state: DomainState,
    /// The maximum memory allowed, in KiB.
    pub max_mem: u64,
    /// The memory used, in KiB.
    pub memory: u64,
    /// The number of virtual CPUs.
    pub nr_virt_cpu: u32,
    /// The CPU time used, in nanoseconds.
    pub cpu_time: u64,
}

/// Why a domain is in its state: the reason enum of that state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DomainStateReason {
    /// [`DomainState::Nostate`].
    Nostate(DomainNostateReason),
    /// [`DomainState::Running`].
    Running(DomainRunningReason),
    /// [`DomainState::Blocked`].
    Blocked(DomainBlockedReason),
    /// [`DomainState::Paused`].
    Paused(DomainPausedReason),
    /// [`DomainState::Shutdown`].
    Shutdown(DomainShutdownReason),
    /// [`DomainState::Shutoff`].
    Shutoff(DomainShutoffReason),
    /// [`DomainState::Crashed`].
    Crashed(DomainCrashedReason),
    /// [`DomainState::Pmsuspended`].
    Pmsuspended(DomainPMSuspendedReason),
    /// The reason of a state this client does not know.
    Unknown(i32),
}

impl DomainStateReason {
    /// The reason `raw` of `state`.
    pub fn new(state: DomainState, raw: i32) -> Self {
        match state {
            DomainState::Nostate => Self::Nostate(DomainNostateReason::from_raw(raw)),
            DomainState::Running => Self::Running(DomainRunningReason::from_raw(raw)),
            DomainState::Blocked => Self::Blocked(DomainBlockedReason::from_raw(raw)),
            DomainState::Paused => Self::Paused(DomainPausedReason::from_raw(raw)),
            DomainState::Shutdown => Self::Shutdown(DomainShutdownReason::from_raw(raw)),
            DomainState::Shutoff => Self::Shutoff(DomainShutoffReason::from_raw(raw)),
            DomainState::Crashed => Self::Crashed(DomainCrashedReason::from_raw(raw)),
            DomainState::Pmsuspended => Self::Pmsuspended(DomainPMSuspendedReason::from_raw(raw)),
            DomainState::Unknown(_) => Self::Unknown(raw),
        }
    }

    /// The value on the wire.
    pub fn to_raw(self) -> i32 {
        match self {
            Self::Nostate(r) => r.to_raw(),
            Self::Running(r) => r.to_raw(),
            Self::Blocked(r) => r.to_raw(),
            Self::Paused(r) => r.to_raw(),
            Self::Shutdown(r) => r.to_raw(),
            Self::Shutoff(r) => r.to_raw(),
            Self::Crashed(r) => r.to_raw(),
            Self::Pmsuspended(r) => r.to_raw(),
            Self::Unknown(r) => r,
        }
    }
}

impl Domain {
    /// Extracts information about the domain: state, memory, virtual CPUs
    /// and CPU time.
    ///
    /// C function [`virDomainGetInfo`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetInfo).
    #[doc(alias = "virDomainGetInfo")]
    pub async fn get_info(&self) -> Result<DomainInfo> {
        let r = self.connect().client().domain_get_info(self.raw()).await?;
        Ok(DomainInfo {
            state: DomainState::from_raw(i32::from(r.state)),
            max_mem: r.max_mem,
            memory: r.memory,
            nr_virt_cpu: u32::from(r.nr_virt_cpu),
            cpu_time: r.cpu_time,
        })
    }

    /// The domain's state and the reason it is in it.
    ///
    /// C function [`virDomainGetState`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetState);
    /// `flags` is unused, pass 0.
    #[doc(alias = "virDomainGetState")]
    pub async fn get_state(&self, flags: u32) -> Result<(DomainState, DomainStateReason)> {
        let r = self
            .connect()
            .client()
            .domain_get_state(self.raw(), flags)
            .await?;
        let state = DomainState::from_raw(r.state);
        Ok((state, DomainStateReason::new(state, r.reason)))
    }

    /// Starts a defined domain. As the C library does, looks the domain up
    /// again afterwards so that [`id`](Self::id) is the running domain's.
    ///
    /// C function [`virDomainCreate`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainCreate).
    #[doc(alias = "virDomainCreate")]
    pub async fn create(&self) -> Result<()> {
        let client = self.connect().client();
        client.domain_create(self.raw()).await?;
        let fresh = client.domain_lookup_by_uuid(&self.raw().uuid).await?;
        self.set_id(fresh.id);
        Ok(())
    }

    /// Starts a defined domain with `flags` (paused, autodestroy, ...);
    /// [`id`](Self::id) is then the running domain's.
    ///
    /// C function [`virDomainCreateWithFlags`](https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainCreateWithFlags).
    #[doc(alias = "virDomainCreateWithFlags")]
    pub async fn create_with_flags(&self, flags: DomainCreateFlags) -> Result<()> {
        let fresh = self
            .connect()
            .client()
            .domain_create_with_flags(self.raw(), flags.bits())
            .await?;
        self.set_id(fresh.id);
        Ok(())
    }
}
