//! What every object handle has: the connection it belongs to and the
//! object's identity as the daemon knows it (the protocol's
//! `remote_nonnull_*` struct). Generated methods reach both through
//! `connect()` and `raw()`.

/// Declares a handle type holding a [`Connect`](crate::api::Connect) and
/// the raw object, with `connect()`, `raw()`, `from_raw()` and
/// `into_raw()`.
macro_rules! handle {
    ($(#[$doc:meta])* $name:ident, $raw:ty, $c_type:literal $(, $get_connect:literal)?) => {
        $(#[$doc])*
        #[doc = concat!("\n\nC's `", $c_type, "`. Cheap to clone: clones share the connection.")]
        #[doc(alias = $c_type)]
        #[derive(Debug, Clone)]
        pub struct $name {
            conn: $crate::api::Connect,
            raw: $raw,
        }

        impl $name {
            /// The connection this object belongs to.
            $(#[doc(alias = $get_connect)])?
            pub fn connect(&self) -> &$crate::api::Connect {
                &self.conn
            }

            /// The object as the protocol names it.
            pub fn raw(&self) -> &$raw {
                &self.raw
            }

            /// The handle of an object the daemon named in a reply.
            pub fn from_raw(conn: &$crate::api::Connect, raw: $raw) -> Self {
                Self {
                    conn: conn.clone(),
                    raw,
                }
            }

            /// The object as the protocol names it, without the connection.
            pub fn into_raw(self) -> $raw {
                self.raw
            }
        }
    };
}

pub(crate) use handle;
