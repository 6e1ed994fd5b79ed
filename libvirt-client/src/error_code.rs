//! Named `virErrorNumber` and `virErrorDomain` values from libvirt's
//! `include/libvirt/virterror.h` (libvirt 9.0.0), and `virErrorLevel`.
//!
//! The daemon sends these as plain integers in every
//! [`RemoteError`](crate::RemoteError). The newtypes below keep any value,
//! including ones newer than this table, and give the known ones a name:
//!
//! ```
//! use libvirt_client::ErrorCode;
//!
//! let code = ErrorCode::from(42);
//! assert_eq!(code, ErrorCode::NO_DOMAIN);
//! assert_eq!(code.name(), Some("VIR_ERR_NO_DOMAIN"));
//! assert_eq!(ErrorCode::from(9999).name(), None);
//! ```

use std::fmt;

macro_rules! named_values {
    (
        $(#[$meta:meta])*
        $ty:ident {
            $($(#[$vmeta:meta])* $konst:ident = $value:literal => $cname:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $ty(pub i32);

        impl $ty {
            $($(#[$vmeta])* pub const $konst: Self = Self($value);)*

            /// The C name of this value (`VIR_...`), if this build knows it.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some($cname),)*
                    _ => None,
                }
            }

            /// The value on the wire.
            pub const fn value(self) -> i32 {
                self.0
            }
        }

        impl From<i32> for $ty {
            fn from(v: i32) -> Self {
                Self(v)
            }
        }

        impl From<$ty> for i32 {
            fn from(v: $ty) -> Self {
                v.0
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name() {
                    Some(name) => write!(f, "{}({} {})", stringify!($ty), self.0, name),
                    None => write!(f, "{}({})", stringify!($ty), self.0),
                }
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.name() {
                    Some(name) => f.write_str(name),
                    None => write!(f, "{}", self.0),
                }
            }
        }
    };
}

named_values! {
    /// An error number (`virErrorNumber`): what went wrong.
    ErrorCode {
        /// `VIR_ERR_OK`: No error.
        OK = 0 => "VIR_ERR_OK",
        /// `VIR_ERR_INTERNAL_ERROR`: Internal error.
        INTERNAL_ERROR = 1 => "VIR_ERR_INTERNAL_ERROR",
        /// `VIR_ERR_NO_MEMORY`: Memory allocation failure.
        NO_MEMORY = 2 => "VIR_ERR_NO_MEMORY",
        /// `VIR_ERR_NO_SUPPORT`: No support for this function.
        NO_SUPPORT = 3 => "VIR_ERR_NO_SUPPORT",
        /// `VIR_ERR_UNKNOWN_HOST`: Could not resolve hostname.
        UNKNOWN_HOST = 4 => "VIR_ERR_UNKNOWN_HOST",
        /// `VIR_ERR_NO_CONNECT`: Can't connect to hypervisor.
        NO_CONNECT = 5 => "VIR_ERR_NO_CONNECT",
        /// `VIR_ERR_INVALID_CONN`: Invalid connection object.
        INVALID_CONN = 6 => "VIR_ERR_INVALID_CONN",
        /// `VIR_ERR_INVALID_DOMAIN`: Invalid domain object.
        INVALID_DOMAIN = 7 => "VIR_ERR_INVALID_DOMAIN",
        /// `VIR_ERR_INVALID_ARG`: Invalid function argument.
        INVALID_ARG = 8 => "VIR_ERR_INVALID_ARG",
        /// `VIR_ERR_OPERATION_FAILED`: A command to hypervisor failed.
        OPERATION_FAILED = 9 => "VIR_ERR_OPERATION_FAILED",
        /// `VIR_ERR_GET_FAILED`: A HTTP GET command to failed.
        GET_FAILED = 10 => "VIR_ERR_GET_FAILED",
        /// `VIR_ERR_POST_FAILED`: A HTTP POST command to failed.
        POST_FAILED = 11 => "VIR_ERR_POST_FAILED",
        /// `VIR_ERR_HTTP_ERROR`: Unexpected HTTP error code.
        HTTP_ERROR = 12 => "VIR_ERR_HTTP_ERROR",
        /// `VIR_ERR_SEXPR_SERIAL`: Failure to serialize an S-Expr.
        SEXPR_SERIAL = 13 => "VIR_ERR_SEXPR_SERIAL",
        /// `VIR_ERR_NO_XEN`: Could not open Xen hypervisor control.
        NO_XEN = 14 => "VIR_ERR_NO_XEN",
        /// `VIR_ERR_XEN_CALL`: Failure doing an hypervisor call.
        XEN_CALL = 15 => "VIR_ERR_XEN_CALL",
        /// `VIR_ERR_OS_TYPE`: Unknown OS type.
        OS_TYPE = 16 => "VIR_ERR_OS_TYPE",
        /// `VIR_ERR_NO_KERNEL`: Missing kernel information.
        NO_KERNEL = 17 => "VIR_ERR_NO_KERNEL",
        /// `VIR_ERR_NO_ROOT`: Missing root device information.
        NO_ROOT = 18 => "VIR_ERR_NO_ROOT",
        /// `VIR_ERR_NO_SOURCE`: Missing source device information.
        NO_SOURCE = 19 => "VIR_ERR_NO_SOURCE",
        /// `VIR_ERR_NO_TARGET`: Missing target device information.
        NO_TARGET = 20 => "VIR_ERR_NO_TARGET",
        /// `VIR_ERR_NO_NAME`: Missing domain name information.
        NO_NAME = 21 => "VIR_ERR_NO_NAME",
        /// `VIR_ERR_NO_OS`: Missing domain OS information.
        NO_OS = 22 => "VIR_ERR_NO_OS",
        /// `VIR_ERR_NO_DEVICE`: Missing domain devices information.
        NO_DEVICE = 23 => "VIR_ERR_NO_DEVICE",
        /// `VIR_ERR_NO_XENSTORE`: Could not open Xen Store control.
        NO_XENSTORE = 24 => "VIR_ERR_NO_XENSTORE",
        /// `VIR_ERR_DRIVER_FULL`: Too many drivers registered.
        DRIVER_FULL = 25 => "VIR_ERR_DRIVER_FULL",
        /// `VIR_ERR_CALL_FAILED`: Not supported by the drivers (DEPRECATED).
        CALL_FAILED = 26 => "VIR_ERR_CALL_FAILED",
        /// `VIR_ERR_XML_ERROR`: An XML description is not well formed or broken.
        XML_ERROR = 27 => "VIR_ERR_XML_ERROR",
        /// `VIR_ERR_DOM_EXIST`: The domain already exist.
        DOM_EXIST = 28 => "VIR_ERR_DOM_EXIST",
        /// `VIR_ERR_OPERATION_DENIED`: Operation forbidden on read-only connections.
        OPERATION_DENIED = 29 => "VIR_ERR_OPERATION_DENIED",
        /// `VIR_ERR_OPEN_FAILED`: Failed to open a conf file.
        OPEN_FAILED = 30 => "VIR_ERR_OPEN_FAILED",
        /// `VIR_ERR_READ_FAILED`: Failed to read a conf file.
        READ_FAILED = 31 => "VIR_ERR_READ_FAILED",
        /// `VIR_ERR_PARSE_FAILED`: Failed to parse a conf file.
        PARSE_FAILED = 32 => "VIR_ERR_PARSE_FAILED",
        /// `VIR_ERR_CONF_SYNTAX`: Failed to parse the syntax of a conf file.
        CONF_SYNTAX = 33 => "VIR_ERR_CONF_SYNTAX",
        /// `VIR_ERR_WRITE_FAILED`: Failed to write a conf file.
        WRITE_FAILED = 34 => "VIR_ERR_WRITE_FAILED",
        /// `VIR_ERR_XML_DETAIL`: Detail of an XML error.
        XML_DETAIL = 35 => "VIR_ERR_XML_DETAIL",
        /// `VIR_ERR_INVALID_NETWORK`: Invalid network object.
        INVALID_NETWORK = 36 => "VIR_ERR_INVALID_NETWORK",
        /// `VIR_ERR_NETWORK_EXIST`: The network already exist.
        NETWORK_EXIST = 37 => "VIR_ERR_NETWORK_EXIST",
        /// `VIR_ERR_SYSTEM_ERROR`: General system call failure.
        SYSTEM_ERROR = 38 => "VIR_ERR_SYSTEM_ERROR",
        /// `VIR_ERR_RPC`: Some sort of RPC error.
        RPC = 39 => "VIR_ERR_RPC",
        /// `VIR_ERR_GNUTLS_ERROR`: Error from a GNUTLS call.
        GNUTLS_ERROR = 40 => "VIR_ERR_GNUTLS_ERROR",
        /// `VIR_WAR_NO_NETWORK`: Failed to start network.
        WAR_NO_NETWORK = 41 => "VIR_WAR_NO_NETWORK",
        /// `VIR_ERR_NO_DOMAIN`: Domain not found or unexpectedly disappeared.
        NO_DOMAIN = 42 => "VIR_ERR_NO_DOMAIN",
        /// `VIR_ERR_NO_NETWORK`: Network not found.
        NO_NETWORK = 43 => "VIR_ERR_NO_NETWORK",
        /// `VIR_ERR_INVALID_MAC`: Invalid MAC address.
        INVALID_MAC = 44 => "VIR_ERR_INVALID_MAC",
        /// `VIR_ERR_AUTH_FAILED`: Authentication failed.
        AUTH_FAILED = 45 => "VIR_ERR_AUTH_FAILED",
        /// `VIR_ERR_INVALID_STORAGE_POOL`: Invalid storage pool object.
        INVALID_STORAGE_POOL = 46 => "VIR_ERR_INVALID_STORAGE_POOL",
        /// `VIR_ERR_INVALID_STORAGE_VOL`: Invalid storage vol object.
        INVALID_STORAGE_VOL = 47 => "VIR_ERR_INVALID_STORAGE_VOL",
        /// `VIR_WAR_NO_STORAGE`: Failed to start storage.
        WAR_NO_STORAGE = 48 => "VIR_WAR_NO_STORAGE",
        /// `VIR_ERR_NO_STORAGE_POOL`: Storage pool not found.
        NO_STORAGE_POOL = 49 => "VIR_ERR_NO_STORAGE_POOL",
        /// `VIR_ERR_NO_STORAGE_VOL`: Storage volume not found.
        NO_STORAGE_VOL = 50 => "VIR_ERR_NO_STORAGE_VOL",
        /// `VIR_WAR_NO_NODE`: Failed to start node driver.
        WAR_NO_NODE = 51 => "VIR_WAR_NO_NODE",
        /// `VIR_ERR_INVALID_NODE_DEVICE`: Invalid node device object.
        INVALID_NODE_DEVICE = 52 => "VIR_ERR_INVALID_NODE_DEVICE",
        /// `VIR_ERR_NO_NODE_DEVICE`: Node device not found.
        NO_NODE_DEVICE = 53 => "VIR_ERR_NO_NODE_DEVICE",
        /// `VIR_ERR_NO_SECURITY_MODEL`: Security model not found.
        NO_SECURITY_MODEL = 54 => "VIR_ERR_NO_SECURITY_MODEL",
        /// `VIR_ERR_OPERATION_INVALID`: Operation is not applicable at this time.
        OPERATION_INVALID = 55 => "VIR_ERR_OPERATION_INVALID",
        /// `VIR_WAR_NO_INTERFACE`: Failed to start interface driver.
        WAR_NO_INTERFACE = 56 => "VIR_WAR_NO_INTERFACE",
        /// `VIR_ERR_NO_INTERFACE`: Interface driver not running.
        NO_INTERFACE = 57 => "VIR_ERR_NO_INTERFACE",
        /// `VIR_ERR_INVALID_INTERFACE`: Invalid interface object.
        INVALID_INTERFACE = 58 => "VIR_ERR_INVALID_INTERFACE",
        /// `VIR_ERR_MULTIPLE_INTERFACES`: More than one matching interface found.
        MULTIPLE_INTERFACES = 59 => "VIR_ERR_MULTIPLE_INTERFACES",
        /// `VIR_WAR_NO_NWFILTER`: Failed to start nwfilter driver.
        WAR_NO_NWFILTER = 60 => "VIR_WAR_NO_NWFILTER",
        /// `VIR_ERR_INVALID_NWFILTER`: Invalid nwfilter object.
        INVALID_NWFILTER = 61 => "VIR_ERR_INVALID_NWFILTER",
        /// `VIR_ERR_NO_NWFILTER`: Nw filter pool not found.
        NO_NWFILTER = 62 => "VIR_ERR_NO_NWFILTER",
        /// `VIR_ERR_BUILD_FIREWALL`: Nw filter pool not found.
        BUILD_FIREWALL = 63 => "VIR_ERR_BUILD_FIREWALL",
        /// `VIR_WAR_NO_SECRET`: Failed to start secret storage.
        WAR_NO_SECRET = 64 => "VIR_WAR_NO_SECRET",
        /// `VIR_ERR_INVALID_SECRET`: Invalid secret.
        INVALID_SECRET = 65 => "VIR_ERR_INVALID_SECRET",
        /// `VIR_ERR_NO_SECRET`: Secret not found.
        NO_SECRET = 66 => "VIR_ERR_NO_SECRET",
        /// `VIR_ERR_CONFIG_UNSUPPORTED`: Unsupported configuration construct.
        CONFIG_UNSUPPORTED = 67 => "VIR_ERR_CONFIG_UNSUPPORTED",
        /// `VIR_ERR_OPERATION_TIMEOUT`: Timeout occurred during operation.
        OPERATION_TIMEOUT = 68 => "VIR_ERR_OPERATION_TIMEOUT",
        /// `VIR_ERR_MIGRATE_PERSIST_FAILED`: A migration worked, but making the VM persist on the dest host failed.
        MIGRATE_PERSIST_FAILED = 69 => "VIR_ERR_MIGRATE_PERSIST_FAILED",
        /// `VIR_ERR_HOOK_SCRIPT_FAILED`: A synchronous hook script failed.
        HOOK_SCRIPT_FAILED = 70 => "VIR_ERR_HOOK_SCRIPT_FAILED",
        /// `VIR_ERR_INVALID_DOMAIN_SNAPSHOT`: Invalid domain snapshot.
        INVALID_DOMAIN_SNAPSHOT = 71 => "VIR_ERR_INVALID_DOMAIN_SNAPSHOT",
        /// `VIR_ERR_NO_DOMAIN_SNAPSHOT`: Domain snapshot not found.
        NO_DOMAIN_SNAPSHOT = 72 => "VIR_ERR_NO_DOMAIN_SNAPSHOT",
        /// `VIR_ERR_INVALID_STREAM`: Stream pointer not valid.
        INVALID_STREAM = 73 => "VIR_ERR_INVALID_STREAM",
        /// `VIR_ERR_ARGUMENT_UNSUPPORTED`: Valid API use but unsupported by the given driver.
        ARGUMENT_UNSUPPORTED = 74 => "VIR_ERR_ARGUMENT_UNSUPPORTED",
        /// `VIR_ERR_STORAGE_PROBE_FAILED`: Storage pool probe failed.
        STORAGE_PROBE_FAILED = 75 => "VIR_ERR_STORAGE_PROBE_FAILED",
        /// `VIR_ERR_STORAGE_POOL_BUILT`: Storage pool already built.
        STORAGE_POOL_BUILT = 76 => "VIR_ERR_STORAGE_POOL_BUILT",
        /// `VIR_ERR_SNAPSHOT_REVERT_RISKY`: Force was not requested for a risky domain snapshot revert.
        SNAPSHOT_REVERT_RISKY = 77 => "VIR_ERR_SNAPSHOT_REVERT_RISKY",
        /// `VIR_ERR_OPERATION_ABORTED`: Operation on a domain was canceled/aborted by user.
        OPERATION_ABORTED = 78 => "VIR_ERR_OPERATION_ABORTED",
        /// `VIR_ERR_AUTH_CANCELLED`: Authentication cancelled.
        AUTH_CANCELLED = 79 => "VIR_ERR_AUTH_CANCELLED",
        /// `VIR_ERR_NO_DOMAIN_METADATA`: The metadata is not present.
        NO_DOMAIN_METADATA = 80 => "VIR_ERR_NO_DOMAIN_METADATA",
        /// `VIR_ERR_MIGRATE_UNSAFE`: Migration is not safe.
        MIGRATE_UNSAFE = 81 => "VIR_ERR_MIGRATE_UNSAFE",
        /// `VIR_ERR_OVERFLOW`: Integer overflow.
        OVERFLOW = 82 => "VIR_ERR_OVERFLOW",
        /// `VIR_ERR_BLOCK_COPY_ACTIVE`: Action prevented by block copy job.
        BLOCK_COPY_ACTIVE = 83 => "VIR_ERR_BLOCK_COPY_ACTIVE",
        /// `VIR_ERR_OPERATION_UNSUPPORTED`: The requested operation is not supported.
        OPERATION_UNSUPPORTED = 84 => "VIR_ERR_OPERATION_UNSUPPORTED",
        /// `VIR_ERR_SSH`: Error in ssh transport driver.
        SSH = 85 => "VIR_ERR_SSH",
        /// `VIR_ERR_AGENT_UNRESPONSIVE`: Guest agent is unresponsive, not running or not usable.
        AGENT_UNRESPONSIVE = 86 => "VIR_ERR_AGENT_UNRESPONSIVE",
        /// `VIR_ERR_RESOURCE_BUSY`: Resource is already in use.
        RESOURCE_BUSY = 87 => "VIR_ERR_RESOURCE_BUSY",
        /// `VIR_ERR_ACCESS_DENIED`: Operation on the object/resource was denied.
        ACCESS_DENIED = 88 => "VIR_ERR_ACCESS_DENIED",
        /// `VIR_ERR_DBUS_SERVICE`: Error from a dbus service.
        DBUS_SERVICE = 89 => "VIR_ERR_DBUS_SERVICE",
        /// `VIR_ERR_STORAGE_VOL_EXIST`: The storage vol already exists.
        STORAGE_VOL_EXIST = 90 => "VIR_ERR_STORAGE_VOL_EXIST",
        /// `VIR_ERR_CPU_INCOMPATIBLE`: Given CPU is incompatible with host CPU.
        CPU_INCOMPATIBLE = 91 => "VIR_ERR_CPU_INCOMPATIBLE",
        /// `VIR_ERR_XML_INVALID_SCHEMA`: XML document doesn't validate against schema.
        XML_INVALID_SCHEMA = 92 => "VIR_ERR_XML_INVALID_SCHEMA",
        /// `VIR_ERR_MIGRATE_FINISH_OK`: Finish API succeeded but it is expected to return NULL.
        MIGRATE_FINISH_OK = 93 => "VIR_ERR_MIGRATE_FINISH_OK",
        /// `VIR_ERR_AUTH_UNAVAILABLE`: Authentication unavailable.
        AUTH_UNAVAILABLE = 94 => "VIR_ERR_AUTH_UNAVAILABLE",
        /// `VIR_ERR_NO_SERVER`: Server was not found.
        NO_SERVER = 95 => "VIR_ERR_NO_SERVER",
        /// `VIR_ERR_NO_CLIENT`: Client was not found.
        NO_CLIENT = 96 => "VIR_ERR_NO_CLIENT",
        /// `VIR_ERR_AGENT_UNSYNCED`: Guest agent replies with wrong id to guest-sync command (DEPRECATED).
        AGENT_UNSYNCED = 97 => "VIR_ERR_AGENT_UNSYNCED",
        /// `VIR_ERR_LIBSSH`: Error in libssh transport driver.
        LIBSSH = 98 => "VIR_ERR_LIBSSH",
        /// `VIR_ERR_DEVICE_MISSING`: Fail to find the desired device.
        DEVICE_MISSING = 99 => "VIR_ERR_DEVICE_MISSING",
        /// `VIR_ERR_INVALID_NWFILTER_BINDING`: Invalid nwfilter binding.
        INVALID_NWFILTER_BINDING = 100 => "VIR_ERR_INVALID_NWFILTER_BINDING",
        /// `VIR_ERR_NO_NWFILTER_BINDING`: No nwfilter binding.
        NO_NWFILTER_BINDING = 101 => "VIR_ERR_NO_NWFILTER_BINDING",
        /// `VIR_ERR_INVALID_DOMAIN_CHECKPOINT`: Invalid domain checkpoint.
        INVALID_DOMAIN_CHECKPOINT = 102 => "VIR_ERR_INVALID_DOMAIN_CHECKPOINT",
        /// `VIR_ERR_NO_DOMAIN_CHECKPOINT`: Domain checkpoint not found.
        NO_DOMAIN_CHECKPOINT = 103 => "VIR_ERR_NO_DOMAIN_CHECKPOINT",
        /// `VIR_ERR_NO_DOMAIN_BACKUP`: Domain backup job id not found.
        NO_DOMAIN_BACKUP = 104 => "VIR_ERR_NO_DOMAIN_BACKUP",
        /// `VIR_ERR_INVALID_NETWORK_PORT`: Invalid network port object.
        INVALID_NETWORK_PORT = 105 => "VIR_ERR_INVALID_NETWORK_PORT",
        /// `VIR_ERR_NETWORK_PORT_EXIST`: The network port already exist.
        NETWORK_PORT_EXIST = 106 => "VIR_ERR_NETWORK_PORT_EXIST",
        /// `VIR_ERR_NO_NETWORK_PORT`: Network port not found.
        NO_NETWORK_PORT = 107 => "VIR_ERR_NO_NETWORK_PORT",
        /// `VIR_ERR_NO_HOSTNAME`: No domain's hostname found.
        NO_HOSTNAME = 108 => "VIR_ERR_NO_HOSTNAME",
        /// `VIR_ERR_CHECKPOINT_INCONSISTENT`: Checkpoint can't be used.
        CHECKPOINT_INCONSISTENT = 109 => "VIR_ERR_CHECKPOINT_INCONSISTENT",
        /// `VIR_ERR_MULTIPLE_DOMAINS`: More than one matching domain found.
        MULTIPLE_DOMAINS = 110 => "VIR_ERR_MULTIPLE_DOMAINS",
    }
}

named_values! {
    /// An error domain (`virErrorDomain`): which part of libvirt raised the error.
    ErrorDomain {
        /// `VIR_FROM_NONE`: No particular subsystem.
        NONE = 0 => "VIR_FROM_NONE",
        /// `VIR_FROM_XEN`: Error at Xen hypervisor layer.
        XEN = 1 => "VIR_FROM_XEN",
        /// `VIR_FROM_XEND`: Error at connection with xend daemon.
        XEND = 2 => "VIR_FROM_XEND",
        /// `VIR_FROM_XENSTORE`: Error at connection with xen store.
        XENSTORE = 3 => "VIR_FROM_XENSTORE",
        /// `VIR_FROM_SEXPR`: Error in the S-Expression code.
        SEXPR = 4 => "VIR_FROM_SEXPR",
        /// `VIR_FROM_XML`: Error in the XML code.
        XML = 5 => "VIR_FROM_XML",
        /// `VIR_FROM_DOM`: Error when operating on a domain.
        DOM = 6 => "VIR_FROM_DOM",
        /// `VIR_FROM_RPC`: Error in the XML-RPC code.
        RPC = 7 => "VIR_FROM_RPC",
        /// `VIR_FROM_PROXY`: Error in the proxy code; unused since 0.8.6.
        PROXY = 8 => "VIR_FROM_PROXY",
        /// `VIR_FROM_CONF`: Error in the configuration file handling.
        CONF = 9 => "VIR_FROM_CONF",
        /// `VIR_FROM_QEMU`: Error at the QEMU daemon.
        QEMU = 10 => "VIR_FROM_QEMU",
        /// `VIR_FROM_NET`: Error when operating on a network.
        NET = 11 => "VIR_FROM_NET",
        /// `VIR_FROM_TEST`: Error from test driver.
        TEST = 12 => "VIR_FROM_TEST",
        /// `VIR_FROM_REMOTE`: Error from remote driver.
        REMOTE = 13 => "VIR_FROM_REMOTE",
        /// `VIR_FROM_OPENVZ`: Error from OpenVZ driver.
        OPENVZ = 14 => "VIR_FROM_OPENVZ",
        /// `VIR_FROM_XENXM`: Error at Xen XM layer.
        XENXM = 15 => "VIR_FROM_XENXM",
        /// `VIR_FROM_STATS_LINUX`: Error in the Linux Stats code.
        STATS_LINUX = 16 => "VIR_FROM_STATS_LINUX",
        /// `VIR_FROM_LXC`: Error from Linux Container driver.
        LXC = 17 => "VIR_FROM_LXC",
        /// `VIR_FROM_STORAGE`: Error from storage driver.
        STORAGE = 18 => "VIR_FROM_STORAGE",
        /// `VIR_FROM_NETWORK`: Error from network config.
        NETWORK = 19 => "VIR_FROM_NETWORK",
        /// `VIR_FROM_DOMAIN`: Error from domain config.
        DOMAIN = 20 => "VIR_FROM_DOMAIN",
        /// `VIR_FROM_UML`: Error at the UML driver; unused since 5.0.0.
        UML = 21 => "VIR_FROM_UML",
        /// `VIR_FROM_NODEDEV`: Error from node device monitor.
        NODEDEV = 22 => "VIR_FROM_NODEDEV",
        /// `VIR_FROM_XEN_INOTIFY`: Error from xen inotify layer.
        XEN_INOTIFY = 23 => "VIR_FROM_XEN_INOTIFY",
        /// `VIR_FROM_SECURITY`: Error from security framework.
        SECURITY = 24 => "VIR_FROM_SECURITY",
        /// `VIR_FROM_VBOX`: Error from VirtualBox driver.
        VBOX = 25 => "VIR_FROM_VBOX",
        /// `VIR_FROM_INTERFACE`: Error when operating on an interface.
        INTERFACE = 26 => "VIR_FROM_INTERFACE",
        /// `VIR_FROM_ONE`: The OpenNebula driver no longer exists. Retained for ABI/API compat only.
        ONE = 27 => "VIR_FROM_ONE",
        /// `VIR_FROM_ESX`: Error from ESX driver.
        ESX = 28 => "VIR_FROM_ESX",
        /// `VIR_FROM_PHYP`: Error from the phyp driver, unused since 6.0.0.
        PHYP = 29 => "VIR_FROM_PHYP",
        /// `VIR_FROM_SECRET`: Error from secret storage.
        SECRET = 30 => "VIR_FROM_SECRET",
        /// `VIR_FROM_CPU`: Error from CPU driver.
        CPU = 31 => "VIR_FROM_CPU",
        /// `VIR_FROM_XENAPI`: Error from XenAPI.
        XENAPI = 32 => "VIR_FROM_XENAPI",
        /// `VIR_FROM_NWFILTER`: Error from network filter driver.
        NWFILTER = 33 => "VIR_FROM_NWFILTER",
        /// `VIR_FROM_HOOK`: Error from Synchronous hooks.
        HOOK = 34 => "VIR_FROM_HOOK",
        /// `VIR_FROM_DOMAIN_SNAPSHOT`: Error from domain snapshot.
        DOMAIN_SNAPSHOT = 35 => "VIR_FROM_DOMAIN_SNAPSHOT",
        /// `VIR_FROM_AUDIT`: Error from auditing subsystem.
        AUDIT = 36 => "VIR_FROM_AUDIT",
        /// `VIR_FROM_SYSINFO`: Error from sysinfo/SMBIOS.
        SYSINFO = 37 => "VIR_FROM_SYSINFO",
        /// `VIR_FROM_STREAMS`: Error from I/O streams.
        STREAMS = 38 => "VIR_FROM_STREAMS",
        /// `VIR_FROM_VMWARE`: Error from VMware driver.
        VMWARE = 39 => "VIR_FROM_VMWARE",
        /// `VIR_FROM_EVENT`: Error from event loop impl.
        EVENT = 40 => "VIR_FROM_EVENT",
        /// `VIR_FROM_LIBXL`: Error from libxenlight driver.
        LIBXL = 41 => "VIR_FROM_LIBXL",
        /// `VIR_FROM_LOCKING`: Error from lock manager.
        LOCKING = 42 => "VIR_FROM_LOCKING",
        /// `VIR_FROM_HYPERV`: Error from Hyper-V driver.
        HYPERV = 43 => "VIR_FROM_HYPERV",
        /// `VIR_FROM_CAPABILITIES`: Error from capabilities.
        CAPABILITIES = 44 => "VIR_FROM_CAPABILITIES",
        /// `VIR_FROM_URI`: Error from URI handling.
        URI = 45 => "VIR_FROM_URI",
        /// `VIR_FROM_AUTH`: Error from auth handling.
        AUTH = 46 => "VIR_FROM_AUTH",
        /// `VIR_FROM_DBUS`: Error from DBus.
        DBUS = 47 => "VIR_FROM_DBUS",
        /// `VIR_FROM_PARALLELS`: Error from Parallels.
        PARALLELS = 48 => "VIR_FROM_PARALLELS",
        /// `VIR_FROM_DEVICE`: Error from Device.
        DEVICE = 49 => "VIR_FROM_DEVICE",
        /// `VIR_FROM_SSH`: Error from libssh2 connection transport.
        SSH = 50 => "VIR_FROM_SSH",
        /// `VIR_FROM_LOCKSPACE`: Error from lockspace.
        LOCKSPACE = 51 => "VIR_FROM_LOCKSPACE",
        /// `VIR_FROM_INITCTL`: Error from initctl device communication.
        INITCTL = 52 => "VIR_FROM_INITCTL",
        /// `VIR_FROM_IDENTITY`: Error from identity code.
        IDENTITY = 53 => "VIR_FROM_IDENTITY",
        /// `VIR_FROM_CGROUP`: Error from cgroups.
        CGROUP = 54 => "VIR_FROM_CGROUP",
        /// `VIR_FROM_ACCESS`: Error from access control manager.
        ACCESS = 55 => "VIR_FROM_ACCESS",
        /// `VIR_FROM_SYSTEMD`: Error from systemd code.
        SYSTEMD = 56 => "VIR_FROM_SYSTEMD",
        /// `VIR_FROM_BHYVE`: Error from bhyve driver.
        BHYVE = 57 => "VIR_FROM_BHYVE",
        /// `VIR_FROM_CRYPTO`: Error from crypto code.
        CRYPTO = 58 => "VIR_FROM_CRYPTO",
        /// `VIR_FROM_FIREWALL`: Error from firewall.
        FIREWALL = 59 => "VIR_FROM_FIREWALL",
        /// `VIR_FROM_POLKIT`: Error from polkit code.
        POLKIT = 60 => "VIR_FROM_POLKIT",
        /// `VIR_FROM_THREAD`: Error from thread utils.
        THREAD = 61 => "VIR_FROM_THREAD",
        /// `VIR_FROM_ADMIN`: Error from admin backend.
        ADMIN = 62 => "VIR_FROM_ADMIN",
        /// `VIR_FROM_LOGGING`: Error from log manager.
        LOGGING = 63 => "VIR_FROM_LOGGING",
        /// `VIR_FROM_XENXL`: Error from Xen xl config code.
        XENXL = 64 => "VIR_FROM_XENXL",
        /// `VIR_FROM_PERF`: Error from perf.
        PERF = 65 => "VIR_FROM_PERF",
        /// `VIR_FROM_LIBSSH`: Error from libssh connection transport.
        LIBSSH = 66 => "VIR_FROM_LIBSSH",
        /// `VIR_FROM_RESCTRL`: Error from resource control.
        RESCTRL = 67 => "VIR_FROM_RESCTRL",
        /// `VIR_FROM_FIREWALLD`: Error from firewalld.
        FIREWALLD = 68 => "VIR_FROM_FIREWALLD",
        /// `VIR_FROM_DOMAIN_CHECKPOINT`: Error from domain checkpoint.
        DOMAIN_CHECKPOINT = 69 => "VIR_FROM_DOMAIN_CHECKPOINT",
        /// `VIR_FROM_TPM`: Error from TPM.
        TPM = 70 => "VIR_FROM_TPM",
        /// `VIR_FROM_BPF`: Error from BPF code.
        BPF = 71 => "VIR_FROM_BPF",
        /// `VIR_FROM_CH`: Error from Cloud-Hypervisor driver.
        CH = 72 => "VIR_FROM_CH",
    }
}

named_values! {
    /// How serious an error is (`virErrorLevel`).
    ErrorLevel {
        /// `VIR_ERR_NONE`: no level.
        NONE = 0 => "VIR_ERR_NONE",
        /// `VIR_ERR_WARNING`: a simple warning.
        WARNING = 1 => "VIR_ERR_WARNING",
        /// `VIR_ERR_ERROR`: an error.
        ERROR = 2 => "VIR_ERR_ERROR",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_have_c_names() {
        assert_eq!(ErrorCode::NO_DOMAIN.value(), 42);
        assert_eq!(ErrorCode::NO_SUPPORT.name(), Some("VIR_ERR_NO_SUPPORT"));
        assert_eq!(ErrorCode::WAR_NO_NETWORK.name(), Some("VIR_WAR_NO_NETWORK"));
        assert_eq!(ErrorCode::MULTIPLE_DOMAINS.value(), 110);
        assert_eq!(ErrorDomain::QEMU.name(), Some("VIR_FROM_QEMU"));
        assert_eq!(ErrorDomain::CH.value(), 72);
        assert_eq!(ErrorLevel::ERROR.value(), 2);
    }

    #[test]
    fn unknown_values_are_kept_and_printed_as_numbers() {
        let code = ErrorCode::from(-7);
        assert_eq!(code.name(), None);
        assert_eq!(code.to_string(), "-7");
        assert_eq!(format!("{code:?}"), "ErrorCode(-7)");
        assert_eq!(
            format!("{:?}", ErrorCode::NO_DOMAIN),
            "ErrorCode(42 VIR_ERR_NO_DOMAIN)"
        );
    }
}
