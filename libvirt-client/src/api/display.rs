//! The words `virsh` prints for libvirt's enums, as [`fmt::Display`].
//!
//! Each enum prints exactly what virsh (libvirt 9.0.0) prints for it: the
//! state and reason words of `domstate --reason` and `dominfo`, the event
//! kinds and details of `event`, `net-event`, `pool-event`,
//! `nodedev-event` and `secret-event`, the pool states of `pool-info`, the
//! volume types of `vol-info`, the job words of `domjobinfo` and the block
//! job words of `blockjob`. A value this client does not know
//! (`Unknown(_)`) prints as virsh prints a value it does not know, usually
//! `unknown`.
//!
//! The words honour width and alignment (`{:<12}`), as virsh's tables
//! need.
//!
//! ```
//! use libvirt_client::api::{DomainPausedReason, DomainState, StoragePoolState};
//!
//! assert_eq!(DomainState::Shutoff.to_string(), "shut off");
//! assert_eq!(DomainPausedReason::Ioerror.to_string(), "I/O error");
//! assert_eq!(format!("{:<10}|", StoragePoolState::Running), "running   |");
//! assert_eq!(DomainState::from_raw(42).to_string(), "no state");
//! ```

use super::{
    ConnectDomainEventAgentLifecycleReason, ConnectDomainEventAgentLifecycleState,
    ConnectDomainEventBlockJobStatus, ConnectDomainEventDiskChangeReason, DomainBlockJobType,
    DomainBlockedReason, DomainControlErrorReason, DomainControlState, DomainCrashedReason,
    DomainDiskErrorCode, DomainEventCrashedDetailType, DomainEventDefinedDetailType,
    DomainEventGraphicsAddressType, DomainEventGraphicsPhase, DomainEventID,
    DomainEventIOErrorAction, DomainEventPMSuspendedDetailType, DomainEventResumedDetailType,
    DomainEventShutdownDetailType, DomainEventStartedDetailType, DomainEventStoppedDetailType,
    DomainEventSuspendedDetailType, DomainEventTrayChangeReason, DomainEventType,
    DomainEventUndefinedDetailType, DomainEventWatchdogAction, DomainJobOperation, DomainJobType,
    DomainMemoryFailureActionType, DomainMemoryFailureRecipientType, DomainMetadataType,
    DomainNostateReason, DomainPMSuspendedReason, DomainPausedReason, DomainRunningReason,
    DomainShutdownReason, DomainShutoffReason, DomainState, DomainStateReason, NetworkEventID,
    NetworkEventLifecycleType, NodeDeviceEventID, NodeDeviceEventLifecycleType, SecretEventID,
    SecretEventLifecycleType, StoragePoolEventID, StoragePoolEventLifecycleType, StoragePoolState,
    StorageVolType, VcpuState,
};
use std::fmt;

/// What virsh prints for a value its `virsh...ToString` helpers do not
/// know (`_("unknown")`).
const UNKNOWN: &str = "unknown";

/// What virsh prints for a value its event printers do not know when they
/// use no fallback word of their own (`UNKNOWNSTR`).
const UNSUPPORTED: &str = "unsupported value";

/// Implements `Display` for an enum from its members' words and the word
/// of its `Unknown(_)` values.
macro_rules! words {
    ($(#[$doc:meta])* $ty:ident, unknown = $unknown:expr, { $($member:ident => $word:literal,)* }) => {
        $(#[$doc])*
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(match self {
                    $(Self::$member => $word,)*
                    Self::Unknown(_) => $unknown,
                })
            }
        }
    };
}

words! {
    /// virsh's `domstate` and `dominfo` words; a value virsh does not
    /// know prints as `no state`, as virsh prints it.
    DomainState, unknown = "no state", {
        Nostate => "no state",
        Running => "running",
        Blocked => "idle",
        Paused => "paused",
        Shutdown => "in shutdown",
        Shutoff => "shut off",
        Crashed => "crashed",
        Pmsuspended => "pmsuspended",
    }
}

words! {
    /// virsh's `domstate --reason` word for a domain without state.
    DomainNostateReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
    }
}

words! {
    /// virsh's `domstate --reason` words for a running domain.
    DomainRunningReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
        Booted => "booted",
        Migrated => "migrated",
        Restored => "restored",
        FromSnapshot => "from snapshot",
        Unpaused => "unpaused",
        MigrationCanceled => "migration canceled",
        SaveCanceled => "save canceled",
        Wakeup => "event wakeup",
        Crashed => "crashed",
        Postcopy => "post-copy",
        PostcopyFailed => "post-copy failed",
    }
}

words! {
    /// virsh's `domstate --reason` word for a blocked (idle) domain.
    DomainBlockedReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
    }
}

words! {
    /// virsh's `domstate --reason` words for a paused domain.
    DomainPausedReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
        User => "user",
        Migration => "migrating",
        Save => "saving",
        Dump => "dumping",
        Ioerror => "I/O error",
        Watchdog => "watchdog",
        FromSnapshot => "from snapshot",
        ShuttingDown => "shutting down",
        Snapshot => "creating snapshot",
        Crashed => "crashed",
        StartingUp => "starting up",
        Postcopy => "post-copy",
        PostcopyFailed => "post-copy failed",
    }
}

words! {
    /// virsh's `domstate --reason` words for a domain shutting down.
    DomainShutdownReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
        User => "user",
    }
}

words! {
    /// virsh's `domstate --reason` words for a domain that is shut off.
    DomainShutoffReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
        Shutdown => "shutdown",
        Destroyed => "destroyed",
        Crashed => "crashed",
        Migrated => "migrated",
        Saved => "saved",
        Failed => "failed",
        FromSnapshot => "from snapshot",
        Daemon => "daemon",
    }
}

words! {
    /// virsh's `domstate --reason` words for a crashed domain.
    DomainCrashedReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
        Panicked => "panicked",
    }
}

words! {
    /// virsh's `domstate --reason` word for a domain suspended by guest
    /// power management.
    DomainPMSuspendedReason, unknown = UNKNOWN, {
        UnknownReason => "unknown",
    }
}

/// virsh's `domstate --reason` word: the word of the reason enum of the
/// state; the reason of a state virsh does not know prints as `unknown`.
impl fmt::Display for DomainStateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Nostate(r) => r.fmt(f),
            Self::Running(r) => r.fmt(f),
            Self::Blocked(r) => r.fmt(f),
            Self::Paused(r) => r.fmt(f),
            Self::Shutdown(r) => r.fmt(f),
            Self::Shutoff(r) => r.fmt(f),
            Self::Crashed(r) => r.fmt(f),
            Self::Pmsuspended(r) => r.fmt(f),
            Self::Unknown(_) => f.pad(UNKNOWN),
        }
    }
}

words! {
    /// virsh's `domcontrol` words.
    DomainControlState, unknown = UNKNOWN, {
        Ok => "ok",
        Job => "background job",
        Occupied => "occupied",
        Error => "error",
    }
}

words! {
    /// virsh's `domcontrol` words for why the control interface failed;
    /// `None` prints as nothing, as in virsh.
    DomainControlErrorReason, unknown = UNKNOWN, {
        None => "",
        UnknownReason => "unknown",
        Monitor => "monitor failure",
        Internal => "internal (locking) error",
    }
}

words! {
    /// virsh's `domblkerror` words; a value virsh does not know prints as
    /// `unknown error`.
    DomainDiskErrorCode, unknown = "unknown error", {
        None => "no error",
        Unspec => "unspecified error",
        NoSpace => "no space",
    }
}

words! {
    /// virsh's `vcpuinfo` words; a value virsh does not know prints as
    /// `no state`.
    VcpuState, unknown = "no state", {
        Offline => "offline",
        Running => "running",
        Blocked => "blocked",
    }
}

words! {
    /// virsh's `domjobinfo` words for the job type.
    DomainJobType, unknown = UNKNOWN, {
        None => "None",
        Bounded => "Bounded",
        Unbounded => "Unbounded",
        Completed => "Completed",
        Failed => "Failed",
        Cancelled => "Cancelled",
    }
}

words! {
    /// virsh's `domjobinfo` words for the job's operation.
    DomainJobOperation, unknown = UNKNOWN, {
        UnknownOperation => "Unknown",
        Start => "Start",
        Save => "Save",
        Restore => "Restore",
        MigrationIn => "Incoming migration",
        MigrationOut => "Outgoing migration",
        Snapshot => "Snapshot",
        SnapshotRevert => "Snapshot revert",
        Dump => "Dump",
        Backup => "Backup",
        SnapshotDelete => "Snapshot delete",
    }
}

words! {
    /// virsh's words for a block job's type (`blockjob` and the
    /// `block-job` events); a value virsh does not know prints as
    /// `Unknown job`.
    DomainBlockJobType, unknown = "Unknown job", {
        UnknownType => "Unknown job",
        Pull => "Block Pull",
        Copy => "Block Copy",
        Commit => "Block Commit",
        ActiveCommit => "Active Block Commit",
        Backup => "Backup",
    }
}

words! {
    /// virsh's words for how a block job ended (the `block-job` events).
    ConnectDomainEventBlockJobStatus, unknown = UNKNOWN, {
        Completed => "completed",
        Failed => "failed",
        Canceled => "canceled",
        Ready => "ready",
    }
}

words! {
    /// virsh's `event` names (`virsh event --list`), such as `lifecycle`
    /// or `block-job-2`; virsh has no name for an event it does not know,
    /// which prints as `unknown`.
    DomainEventID, unknown = UNKNOWN, {
        Lifecycle => "lifecycle",
        Reboot => "reboot",
        RtcChange => "rtc-change",
        Watchdog => "watchdog",
        IoError => "io-error",
        Graphics => "graphics",
        IoErrorReason => "io-error-reason",
        ControlError => "control-error",
        BlockJob => "block-job",
        DiskChange => "disk-change",
        TrayChange => "tray-change",
        Pmwakeup => "pm-wakeup",
        Pmsuspend => "pm-suspend",
        BalloonChange => "balloon-change",
        PmsuspendDisk => "pm-suspend-disk",
        DeviceRemoved => "device-removed",
        BlockJob2 => "block-job-2",
        Tunable => "tunable",
        AgentLifecycle => "agent-lifecycle",
        DeviceAdded => "device-added",
        MigrationIteration => "migration-iteration",
        JobCompleted => "job-completed",
        DeviceRemovalFailed => "device-removal-failed",
        MetadataChange => "metadata-change",
        BlockThreshold => "block-threshold",
        MemoryFailure => "memory-failure",
        MemoryDeviceSizeChange => "memory-device-size-change",
    }
}

words! {
    /// virsh's `event` words for a lifecycle event's kind.
    DomainEventType, unknown = UNKNOWN, {
        Defined => "Defined",
        Undefined => "Undefined",
        Started => "Started",
        Suspended => "Suspended",
        Resumed => "Resumed",
        Stopped => "Stopped",
        Shutdown => "Shutdown",
        Pmsuspended => "PMSuspended",
        Crashed => "Crashed",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Defined` event.
    DomainEventDefinedDetailType, unknown = UNKNOWN, {
        Added => "Added",
        Updated => "Updated",
        Renamed => "Renamed",
        FromSnapshot => "Snapshot",
    }
}

words! {
    /// virsh's `event` words for the detail of an `Undefined` event.
    DomainEventUndefinedDetailType, unknown = UNKNOWN, {
        Removed => "Removed",
        Renamed => "Renamed",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Started` event.
    DomainEventStartedDetailType, unknown = UNKNOWN, {
        Booted => "Booted",
        Migrated => "Migrated",
        Restored => "Restored",
        FromSnapshot => "Snapshot",
        Wakeup => "Event wakeup",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Suspended` event.
    DomainEventSuspendedDetailType, unknown = UNKNOWN, {
        Paused => "Paused",
        Migrated => "Migrated",
        Ioerror => "I/O Error",
        Watchdog => "Watchdog",
        Restored => "Restored",
        FromSnapshot => "Snapshot",
        ApiError => "API error",
        Postcopy => "Post-copy",
        PostcopyFailed => "Post-copy Error",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Resumed` event.
    DomainEventResumedDetailType, unknown = UNKNOWN, {
        Unpaused => "Unpaused",
        Migrated => "Migrated",
        FromSnapshot => "Snapshot",
        Postcopy => "Post-copy",
        PostcopyFailed => "Post-copy Error",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Stopped` event.
    DomainEventStoppedDetailType, unknown = UNKNOWN, {
        Shutdown => "Shutdown",
        Destroyed => "Destroyed",
        Crashed => "Crashed",
        Migrated => "Migrated",
        Saved => "Saved",
        Failed => "Failed",
        FromSnapshot => "Snapshot",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Shutdown` event.
    DomainEventShutdownDetailType, unknown = UNKNOWN, {
        Finished => "Finished",
        Guest => "Finished after guest request",
        Host => "Finished after host request",
    }
}

words! {
    /// virsh's `event` words for the detail of a `PMSuspended` event.
    DomainEventPMSuspendedDetailType, unknown = UNKNOWN, {
        Memory => "Memory",
        Disk => "Disk",
    }
}

words! {
    /// virsh's `event` words for the detail of a `Crashed` event.
    DomainEventCrashedDetailType, unknown = UNKNOWN, {
        Panicked => "Panicked",
        Crashloaded => "Crashloaded",
    }
}

words! {
    /// virsh's `event` words for a `watchdog` event's action.
    DomainEventWatchdogAction, unknown = UNKNOWN, {
        None => "none",
        Pause => "pause",
        Reset => "reset",
        Poweroff => "poweroff",
        Shutdown => "shutdown",
        Debug => "debug",
        Injectnmi => "inject-nmi",
    }
}

words! {
    /// virsh's `event` words for an `io-error` event's action.
    DomainEventIOErrorAction, unknown = UNKNOWN, {
        None => "none",
        Pause => "pause",
        Report => "report",
    }
}

words! {
    /// virsh's `event` words for a `graphics` event's phase.
    DomainEventGraphicsPhase, unknown = UNKNOWN, {
        Connect => "connect",
        Initialize => "initialize",
        Disconnect => "disconnect",
    }
}

words! {
    /// virsh's `event` words for a `graphics` event's address family.
    DomainEventGraphicsAddressType, unknown = UNKNOWN, {
        Ipv4 => "IPv4",
        Ipv6 => "IPv6",
        Unix => "unix",
    }
}

words! {
    /// virsh's `event` words for a `disk-change` event's reason.
    ConnectDomainEventDiskChangeReason, unknown = UNKNOWN, {
        ChangeMissingOnStart => "changed",
        DropMissingOnStart => "dropped",
    }
}

words! {
    /// virsh's `event` words for a `tray-change` event's reason.
    DomainEventTrayChangeReason, unknown = UNKNOWN, {
        Open => "opened",
        Close => "closed",
    }
}

/// virsh's `event` words for an `agent-lifecycle` event's state: 0, which
/// libvirt does not name, prints as `unknown` and any other value virsh
/// does not know as `unsupported value`.
impl fmt::Display for ConnectDomainEventAgentLifecycleState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::Connected => "connected",
            Self::Disconnected => "disconnected",
            Self::Unknown(0) => UNKNOWN,
            Self::Unknown(_) => UNSUPPORTED,
        })
    }
}

words! {
    /// virsh's `event` words for an `agent-lifecycle` event's reason; a
    /// value virsh does not know prints as `unsupported value`.
    ConnectDomainEventAgentLifecycleReason, unknown = UNSUPPORTED, {
        UnknownReason => "unknown",
        DomainStarted => "domain started",
        Channel => "channel event",
    }
}

words! {
    /// virsh's `event` words for a `metadata-change` event's type; a value
    /// virsh does not know prints as `unsupported value`.
    DomainMetadataType, unknown = UNSUPPORTED, {
        Description => "description",
        Title => "title",
        Element => "element",
    }
}

words! {
    /// virsh's `event` words for a `memory-failure` event's recipient; a
    /// value virsh does not know prints as `unsupported value`.
    DomainMemoryFailureRecipientType, unknown = UNSUPPORTED, {
        Hypervisor => "hypervisor",
        Guest => "guest",
    }
}

words! {
    /// virsh's `event` words for a `memory-failure` event's action; a value
    /// virsh does not know prints as `unsupported value`.
    DomainMemoryFailureActionType, unknown = UNSUPPORTED, {
        Ignore => "ignore",
        Inject => "inject",
        Fatal => "fatal",
        Reset => "reset",
    }
}

words! {
    /// virsh's `pool-info` and `pool-list --details` words.
    StoragePoolState, unknown = UNKNOWN, {
        Inactive => "inactive",
        Building => "building",
        Running => "running",
        Degraded => "degraded",
        Inaccessible => "inaccessible",
    }
}

words! {
    /// virsh's `vol-info` and `vol-list --details` words.
    StorageVolType, unknown = UNKNOWN, {
        File => "file",
        Block => "block",
        Dir => "dir",
        Network => "network",
        Netdir => "netdir",
        Ploop => "ploop",
    }
}

words! {
    /// virsh's `pool-event` names (`virsh pool-event --list`); virsh has
    /// no name for an event it does not know, which prints as `unknown`.
    StoragePoolEventID, unknown = UNKNOWN, {
        Lifecycle => "lifecycle",
        Refresh => "refresh",
    }
}

words! {
    /// virsh's `pool-event` words for a lifecycle event's kind.
    StoragePoolEventLifecycleType, unknown = UNKNOWN, {
        Defined => "Defined",
        Undefined => "Undefined",
        Started => "Started",
        Stopped => "Stopped",
        Created => "Created",
        Deleted => "Deleted",
    }
}

words! {
    /// virsh's `net-event` names (`virsh net-event --list`); virsh has no
    /// name for an event it does not know, which prints as `unknown`.
    NetworkEventID, unknown = UNKNOWN, {
        Lifecycle => "lifecycle",
    }
}

words! {
    /// virsh's `net-event` words for a lifecycle event's kind.
    NetworkEventLifecycleType, unknown = UNKNOWN, {
        Defined => "Defined",
        Undefined => "Undefined",
        Started => "Started",
        Stopped => "Stopped",
    }
}

words! {
    /// virsh's `nodedev-event` names (`virsh nodedev-event --list`); virsh
    /// has no name for an event it does not know, which prints as
    /// `unknown`.
    NodeDeviceEventID, unknown = UNKNOWN, {
        Lifecycle => "lifecycle",
        Update => "update",
    }
}

words! {
    /// virsh's `nodedev-event` words for a lifecycle event's kind.
    NodeDeviceEventLifecycleType, unknown = UNKNOWN, {
        Created => "Created",
        Deleted => "Deleted",
        Defined => "Defined",
        Undefined => "Undefined",
    }
}

words! {
    /// virsh's `secret-event` names (`virsh secret-event --list`); virsh
    /// has no name for an event it does not know, which prints as
    /// `unknown`.
    SecretEventID, unknown = UNKNOWN, {
        Lifecycle => "lifecycle",
        ValueChanged => "value-changed",
    }
}

words! {
    /// virsh's `secret-event` words for a lifecycle event's kind.
    SecretEventLifecycleType, unknown = UNKNOWN, {
        Defined => "Defined",
        Undefined => "Undefined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that value `i` of `T` prints as `table[i]` for every index
    /// of virsh's table, that the table covers every member (the next
    /// value is `Unknown`) and that values past it print as `unknown`.
    fn check<T>(table: &[&str], unknown: &str)
    where
        T: From<i32> + fmt::Display + fmt::Debug,
    {
        for (raw, word) in table.iter().enumerate() {
            let value = T::from(raw as i32);
            assert_eq!(value.to_string(), *word, "{value:?}");
            assert!(!format!("{value:?}").starts_with("Unknown("), "{value:?}");
        }
        let next = T::from(table.len() as i32);
        assert!(format!("{next:?}").starts_with("Unknown("), "{next:?}");
        for raw in [table.len() as i32, 1000, -1, i32::MIN, i32::MAX] {
            assert_eq!(T::from(raw).to_string(), unknown, "{raw}");
        }
    }

    #[test]
    fn domain_state() {
        check::<DomainState>(
            &[
                "no state",
                "running",
                "idle",
                "paused",
                "in shutdown",
                "shut off",
                "crashed",
                "pmsuspended",
            ],
            "no state",
        );
    }

    #[test]
    fn domain_state_reasons() {
        check::<DomainNostateReason>(&["unknown"], "unknown");
        check::<DomainRunningReason>(
            &[
                "unknown",
                "booted",
                "migrated",
                "restored",
                "from snapshot",
                "unpaused",
                "migration canceled",
                "save canceled",
                "event wakeup",
                "crashed",
                "post-copy",
                "post-copy failed",
            ],
            "unknown",
        );
        check::<DomainBlockedReason>(&["unknown"], "unknown");
        check::<DomainPausedReason>(
            &[
                "unknown",
                "user",
                "migrating",
                "saving",
                "dumping",
                "I/O error",
                "watchdog",
                "from snapshot",
                "shutting down",
                "creating snapshot",
                "crashed",
                "starting up",
                "post-copy",
                "post-copy failed",
            ],
            "unknown",
        );
        check::<DomainShutdownReason>(&["unknown", "user"], "unknown");
        check::<DomainShutoffReason>(
            &[
                "unknown",
                "shutdown",
                "destroyed",
                "crashed",
                "migrated",
                "saved",
                "failed",
                "from snapshot",
                "daemon",
            ],
            "unknown",
        );
        check::<DomainCrashedReason>(&["unknown", "panicked"], "unknown");
        check::<DomainPMSuspendedReason>(&["unknown"], "unknown");
    }

    #[test]
    fn domain_state_reason_prints_the_reason_word() {
        let reason = |state, raw| DomainStateReason::new(DomainState::from_raw(state), raw);
        assert_eq!(reason(1, 1).to_string(), "booted");
        assert_eq!(reason(3, 1).to_string(), "user");
        assert_eq!(reason(3, 5).to_string(), "I/O error");
        assert_eq!(reason(4, 1).to_string(), "user");
        assert_eq!(reason(5, 1).to_string(), "shutdown");
        assert_eq!(reason(5, 99).to_string(), "unknown");
        assert_eq!(reason(8, 1).to_string(), "unknown");
        assert_eq!(reason(-1, 0).to_string(), "unknown");
        assert_eq!(format!("{:<9}|", reason(6, 1)), "panicked |");
    }

    #[test]
    fn domain_control_and_disk_errors() {
        check::<DomainControlState>(&["ok", "background job", "occupied", "error"], "unknown");
        check::<DomainControlErrorReason>(
            &["", "unknown", "monitor failure", "internal (locking) error"],
            "unknown",
        );
        check::<DomainDiskErrorCode>(
            &["no error", "unspecified error", "no space"],
            "unknown error",
        );
        check::<VcpuState>(&["offline", "running", "blocked"], "no state");
    }

    #[test]
    fn jobs() {
        check::<DomainJobType>(
            &[
                "None",
                "Bounded",
                "Unbounded",
                "Completed",
                "Failed",
                "Cancelled",
            ],
            "unknown",
        );
        check::<DomainJobOperation>(
            &[
                "Unknown",
                "Start",
                "Save",
                "Restore",
                "Incoming migration",
                "Outgoing migration",
                "Snapshot",
                "Snapshot revert",
                "Dump",
                "Backup",
                "Snapshot delete",
            ],
            "unknown",
        );
        check::<DomainBlockJobType>(
            &[
                "Unknown job",
                "Block Pull",
                "Block Copy",
                "Block Commit",
                "Active Block Commit",
                "Backup",
            ],
            "Unknown job",
        );
        check::<ConnectDomainEventBlockJobStatus>(
            &["completed", "failed", "canceled", "ready"],
            "unknown",
        );
    }

    #[test]
    fn domain_event_names() {
        check::<DomainEventID>(
            &[
                "lifecycle",
                "reboot",
                "rtc-change",
                "watchdog",
                "io-error",
                "graphics",
                "io-error-reason",
                "control-error",
                "block-job",
                "disk-change",
                "tray-change",
                "pm-wakeup",
                "pm-suspend",
                "balloon-change",
                "pm-suspend-disk",
                "device-removed",
                "block-job-2",
                "tunable",
                "agent-lifecycle",
                "device-added",
                "migration-iteration",
                "job-completed",
                "device-removal-failed",
                "metadata-change",
                "block-threshold",
                "memory-failure",
                "memory-device-size-change",
            ],
            "unknown",
        );
    }

    #[test]
    fn domain_lifecycle_events() {
        check::<DomainEventType>(
            &[
                "Defined",
                "Undefined",
                "Started",
                "Suspended",
                "Resumed",
                "Stopped",
                "Shutdown",
                "PMSuspended",
                "Crashed",
            ],
            "unknown",
        );
        check::<DomainEventDefinedDetailType>(
            &["Added", "Updated", "Renamed", "Snapshot"],
            "unknown",
        );
        check::<DomainEventUndefinedDetailType>(&["Removed", "Renamed"], "unknown");
        check::<DomainEventStartedDetailType>(
            &["Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"],
            "unknown",
        );
        check::<DomainEventSuspendedDetailType>(
            &[
                "Paused",
                "Migrated",
                "I/O Error",
                "Watchdog",
                "Restored",
                "Snapshot",
                "API error",
                "Post-copy",
                "Post-copy Error",
            ],
            "unknown",
        );
        check::<DomainEventResumedDetailType>(
            &[
                "Unpaused",
                "Migrated",
                "Snapshot",
                "Post-copy",
                "Post-copy Error",
            ],
            "unknown",
        );
        check::<DomainEventStoppedDetailType>(
            &[
                "Shutdown",
                "Destroyed",
                "Crashed",
                "Migrated",
                "Saved",
                "Failed",
                "Snapshot",
            ],
            "unknown",
        );
        check::<DomainEventShutdownDetailType>(
            &[
                "Finished",
                "Finished after guest request",
                "Finished after host request",
            ],
            "unknown",
        );
        check::<DomainEventPMSuspendedDetailType>(&["Memory", "Disk"], "unknown");
        check::<DomainEventCrashedDetailType>(&["Panicked", "Crashloaded"], "unknown");
    }

    #[test]
    fn domain_event_details() {
        check::<DomainEventWatchdogAction>(
            &[
                "none",
                "pause",
                "reset",
                "poweroff",
                "shutdown",
                "debug",
                "inject-nmi",
            ],
            "unknown",
        );
        check::<DomainEventIOErrorAction>(&["none", "pause", "report"], "unknown");
        check::<DomainEventGraphicsPhase>(&["connect", "initialize", "disconnect"], "unknown");
        check::<DomainEventGraphicsAddressType>(&["IPv4", "IPv6", "unix"], "unknown");
        check::<ConnectDomainEventDiskChangeReason>(&["changed", "dropped"], "unknown");
        check::<DomainEventTrayChangeReason>(&["opened", "closed"], "unknown");
        check::<ConnectDomainEventAgentLifecycleReason>(
            &["unknown", "domain started", "channel event"],
            "unsupported value",
        );
        check::<DomainMetadataType>(&["description", "title", "element"], "unsupported value");
        check::<DomainMemoryFailureRecipientType>(&["hypervisor", "guest"], "unsupported value");
        check::<DomainMemoryFailureActionType>(
            &["ignore", "inject", "fatal", "reset"],
            "unsupported value",
        );
    }

    #[test]
    fn agent_lifecycle_state_starts_at_one() {
        // virsh's table starts with "unknown" at 0, a value libvirt does
        // not name.
        let state = ConnectDomainEventAgentLifecycleState::from_raw;
        assert_eq!(state(0).to_string(), "unknown");
        assert_eq!(state(1).to_string(), "connected");
        assert_eq!(state(2).to_string(), "disconnected");
        assert_eq!(state(3).to_string(), "unsupported value");
        assert_eq!(state(-1).to_string(), "unsupported value");
    }

    #[test]
    fn storage() {
        check::<StoragePoolState>(
            &[
                "inactive",
                "building",
                "running",
                "degraded",
                "inaccessible",
            ],
            "unknown",
        );
        check::<StorageVolType>(
            &["file", "block", "dir", "network", "netdir", "ploop"],
            "unknown",
        );
    }

    #[test]
    fn other_events() {
        check::<StoragePoolEventID>(&["lifecycle", "refresh"], "unknown");
        check::<StoragePoolEventLifecycleType>(
            &[
                "Defined",
                "Undefined",
                "Started",
                "Stopped",
                "Created",
                "Deleted",
            ],
            "unknown",
        );
        check::<NetworkEventID>(&["lifecycle"], "unknown");
        check::<NetworkEventLifecycleType>(
            &["Defined", "Undefined", "Started", "Stopped"],
            "unknown",
        );
        check::<NodeDeviceEventID>(&["lifecycle", "update"], "unknown");
        check::<NodeDeviceEventLifecycleType>(
            &["Created", "Deleted", "Defined", "Undefined"],
            "unknown",
        );
        check::<SecretEventID>(&["lifecycle", "value-changed"], "unknown");
        check::<SecretEventLifecycleType>(&["Defined", "Undefined"], "unknown");
    }

    #[test]
    fn width_and_alignment_apply() {
        assert_eq!(format!("{:<12}|", DomainState::Shutoff), "shut off    |");
        assert_eq!(format!("{:>8}", StorageVolType::Dir), "     dir");
        assert_eq!(format!("{:.3}", DomainState::Running), "run");
    }
}
