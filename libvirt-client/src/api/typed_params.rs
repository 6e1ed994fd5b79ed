//! Typed parameters: libvirt's ordered name → value lists
//! (`virTypedParameter` arrays).
//!
//! Many libvirt calls take or return a list of named, typed values: block
//! I/O tuning, memory and scheduler parameters, job and domain statistics,
//! migration parameters, ... [`TypedParams`] holds such a list in order,
//! [`TypedValue`] one value, and [`TypedParamsStruct`] is implemented by
//! the generated structs that give the documented names of each call a
//! typed field.

use crate::proto;
use std::collections::HashSet;
use std::fmt;
use std::iter::FusedIterator;

/// The value of one typed parameter: one of libvirt's seven
/// `VIR_TYPED_PARAM_*` types.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedValue {
    /// `VIR_TYPED_PARAM_INT`: a signed 32-bit integer.
    Int(i32),
    /// `VIR_TYPED_PARAM_UINT`: an unsigned 32-bit integer.
    UInt(u32),
    /// `VIR_TYPED_PARAM_LLONG`: a signed 64-bit integer.
    LLong(i64),
    /// `VIR_TYPED_PARAM_ULLONG`: an unsigned 64-bit integer.
    ULLong(u64),
    /// `VIR_TYPED_PARAM_DOUBLE`: a double-precision float.
    Double(f64),
    /// `VIR_TYPED_PARAM_BOOLEAN`: a boolean (an `int` on the wire, any
    /// non-zero value being true).
    Boolean(bool),
    /// `VIR_TYPED_PARAM_STRING`: a string.
    String(String),
}

impl TypedValue {
    /// libvirt's word for the value's type, as in its error messages:
    /// `int`, `uint`, `llong`, `ullong`, `double`, `boolean` or `string`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Int(_) => "int",
            Self::UInt(_) => "uint",
            Self::LLong(_) => "llong",
            Self::ULLong(_) => "ullong",
            Self::Double(_) => "double",
            Self::Boolean(_) => "boolean",
            Self::String(_) => "string",
        }
    }

    /// The value of an [`Int`](Self::Int), `None` for any other type.
    pub fn as_i32(&self) -> Option<i32> {
        match *self {
            Self::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The value of a [`UInt`](Self::UInt), `None` for any other type.
    pub fn as_u32(&self) -> Option<u32> {
        match *self {
            Self::UInt(v) => Some(v),
            _ => None,
        }
    }

    /// The value of an [`LLong`](Self::LLong), `None` for any other type.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Self::LLong(v) => Some(v),
            _ => None,
        }
    }

    /// The value of a [`ULLong`](Self::ULLong), `None` for any other type.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Self::ULLong(v) => Some(v),
            _ => None,
        }
    }

    /// The value of a [`Double`](Self::Double), `None` for any other type.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Self::Double(v) => Some(v),
            _ => None,
        }
    }

    /// The value of a [`Boolean`](Self::Boolean), `None` for any other
    /// type.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Self::Boolean(v) => Some(v),
            _ => None,
        }
    }

    /// The value of a [`String`](Self::String), `None` for any other type.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(v) => Some(v),
            _ => None,
        }
    }

    /// Any of the four integer types whose value is an `i64`: every
    /// `Int`, `UInt` and `LLong`, and a `ULLong` up to `i64::MAX`. `None`
    /// for other types and for larger values; never rounds or wraps.
    ///
    /// For reading a number whose integer type differs between libvirt
    /// versions or drivers.
    pub fn as_i64_lossless(&self) -> Option<i64> {
        match *self {
            Self::Int(v) => Some(i64::from(v)),
            Self::UInt(v) => Some(i64::from(v)),
            Self::LLong(v) => Some(v),
            Self::ULLong(v) => i64::try_from(v).ok(),
            _ => None,
        }
    }

    /// Any of the four integer types whose value is a `u64`: every `UInt`
    /// and `ULLong`, and an `Int` or `LLong` that is not negative. `None`
    /// for other types and for negative values; never rounds or wraps.
    ///
    /// For reading a number whose integer type differs between libvirt
    /// versions or drivers.
    pub fn as_u64_lossless(&self) -> Option<u64> {
        match *self {
            Self::Int(v) => u64::try_from(v).ok(),
            Self::UInt(v) => Some(u64::from(v)),
            Self::LLong(v) => u64::try_from(v).ok(),
            Self::ULLong(v) => Some(v),
            _ => None,
        }
    }
}

impl fmt::Display for TypedValue {
    /// The value as `virsh` prints typed parameters
    /// (`vshGetTypedParamValue`): integers in decimal, doubles as C's
    /// `%f` (six decimals, `inf`, `nan`), booleans as `yes` or `no`,
    /// strings as they are.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Int(v) => fmt::Display::fmt(v, f),
            Self::UInt(v) => fmt::Display::fmt(v, f),
            Self::LLong(v) => fmt::Display::fmt(v, f),
            Self::ULLong(v) => fmt::Display::fmt(v, f),
            Self::Double(v) if v.is_nan() => {
                f.pad(if v.is_sign_negative() { "-nan" } else { "nan" })
            }
            Self::Double(v) => f.pad(&format!("{v:.6}")),
            Self::Boolean(v) => f.pad(if *v { "yes" } else { "no" }),
            Self::String(v) => f.pad(v),
        }
    }
}

impl From<i32> for TypedValue {
    fn from(v: i32) -> Self {
        Self::Int(v)
    }
}

impl From<u32> for TypedValue {
    fn from(v: u32) -> Self {
        Self::UInt(v)
    }
}

impl From<i64> for TypedValue {
    fn from(v: i64) -> Self {
        Self::LLong(v)
    }
}

impl From<u64> for TypedValue {
    fn from(v: u64) -> Self {
        Self::ULLong(v)
    }
}

impl From<f64> for TypedValue {
    fn from(v: f64) -> Self {
        Self::Double(v)
    }
}

impl From<bool> for TypedValue {
    fn from(v: bool) -> Self {
        Self::Boolean(v)
    }
}

impl From<String> for TypedValue {
    fn from(v: String) -> Self {
        Self::String(v)
    }
}

impl From<&str> for TypedValue {
    fn from(v: &str) -> Self {
        Self::String(v.to_owned())
    }
}

/// A Rust type that is exactly one of libvirt's typed-parameter types:
/// `i32` (`int`), `u32` (`uint`), `i64` (`llong`), `u64` (`ullong`),
/// `f64` (`double`), `bool` (`boolean`) and `String` (`string`).
///
/// The conversion is strict: a value converts only from its own
/// [`TypedValue`] variant, never from another (a `UInt` is not a `u64`
/// here; [`TypedValue::as_u64_lossless`] is the lenient reading). It backs
/// [`TypedParams::get`], [`TypedParams::take`] and their `_all` twins; the
/// conversion into a value is the `Into<TypedValue>` supertrait.
pub trait TypedParamType: Sized + Into<TypedValue> {
    /// libvirt's word for the type, as [`TypedValue::type_name`] gives it.
    const TYPE_NAME: &'static str;

    /// The value if it is of this type, `None` otherwise.
    fn from_value(value: &TypedValue) -> Option<Self>;

    /// The value if it is of this type, else the value back unchanged.
    /// Unlike [`from_value`](Self::from_value) it never copies a string.
    fn try_from_value(value: TypedValue) -> Result<Self, TypedValue> {
        Self::from_value(&value).ok_or(value)
    }
}

/// Implements [`TypedParamType`] for a `Copy` type through its accessor.
macro_rules! copy_param_type {
    ($($ty:ty => $name:literal, $accessor:ident;)*) => {$(
        impl TypedParamType for $ty {
            const TYPE_NAME: &'static str = $name;

            fn from_value(value: &TypedValue) -> Option<Self> {
                value.$accessor()
            }
        }
    )*};
}

copy_param_type! {
    i32 => "int", as_i32;
    u32 => "uint", as_u32;
    i64 => "llong", as_i64;
    u64 => "ullong", as_u64;
    f64 => "double", as_f64;
    bool => "boolean", as_bool;
}

impl TypedParamType for String {
    const TYPE_NAME: &'static str = "string";

    fn from_value(value: &TypedValue) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }

    fn try_from_value(value: TypedValue) -> Result<Self, TypedValue> {
        match value {
            TypedValue::String(s) => Ok(s),
            other => Err(other),
        }
    }
}

/// What is wrong with a typed parameter or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TypedParamError {
    /// The parameter is present but of another type than asked for.
    #[error("invalid type '{found}' for parameter '{name}', expected '{expected}'")]
    WrongType {
        /// The parameter's name.
        name: String,
        /// The type asked for (libvirt's word, e.g. `ullong`).
        expected: &'static str,
        /// The parameter's type.
        found: &'static str,
    },
    /// The name is longer than libvirt's limit of
    /// [`TypedParams::MAX_NAME_LEN`] bytes.
    #[error("parameter name '{name}…' is {len} bytes long, over the limit of {max} bytes")]
    NameTooLong {
        /// The name's first bytes (up to the limit, on a character
        /// boundary).
        name: String,
        /// The name's length in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// The name occurs more than once where only one is allowed.
    #[error("parameter '{name}' occurs multiple times")]
    Duplicate {
        /// The repeated name.
        name: String,
    },
    /// A string value is longer than the protocol allows
    /// ([`TypedParams::MAX_STRING_LEN`] bytes).
    #[error("string parameter '{name}' is {len} bytes long, over the limit of {max} bytes")]
    StringTooLong {
        /// The parameter's name.
        name: String,
        /// The string's length in bytes.
        len: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// A name or string value contains a NUL byte, which libvirt's C
    /// strings cannot hold (the daemon would cut the text there).
    #[error("parameter {name:?} contains a NUL byte in its {part}")]
    NulByte {
        /// The parameter's name (possibly with the NUL itself).
        name: String,
        /// `name` or `value`.
        part: &'static str,
    },
}

/// An ordered list of typed parameters: (name, value) pairs, in the order
/// libvirt sent them or they were added.
///
/// Names are usually unique; [`set`](Self::set) keeps them so, while
/// [`add`](Self::add) appends and may repeat a name, for the few calls
/// that accept a parameter several times (such as the migration
/// parameter `migrate_disks`). Lookups by name find the first entry.
///
/// Nothing is checked while the list is built; [`validate`](Self::validate)
/// and [`to_wire`](Self::to_wire) apply libvirt's rules before sending.
///
/// ```
/// use libvirt_client::api::{TypedParams, TypedValue};
///
/// let mut params = TypedParams::new();
/// params.set("total_bytes_sec", 10_485_760u64);
/// params.set("group_name", "slow");
/// assert_eq!(params.get::<u64>("total_bytes_sec")?, Some(10_485_760));
/// assert_eq!(params.get::<u64>("read_iops_sec")?, None);
/// assert!(params.get::<u32>("total_bytes_sec").is_err()); // it is a u64
/// assert_eq!(params.get_value("group_name"), Some(&TypedValue::from("slow")));
/// assert_eq!(params.to_string(), "total_bytes_sec=10485760\ngroup_name=slow");
/// # Ok::<(), libvirt_client::api::TypedParamError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypedParams {
    entries: Vec<(String, TypedValue)>,
}

impl TypedParams {
    /// The longest name libvirt accepts, in bytes:
    /// `VIR_TYPED_PARAM_FIELD_LENGTH` (80) less the C string's terminator.
    pub const MAX_NAME_LEN: usize = 79;

    /// The longest string value the protocol carries, in bytes
    /// (`REMOTE_STRING_MAX`, which `ADMIN_STRING_MAX` equals).
    pub const MAX_STRING_LEN: usize = proto::remote::STRING_MAX as usize;

    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries (a repeated name counts each time).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries in order, as `(name, value)`.
    pub fn iter(&self) -> TypedParamsIter<'_> {
        TypedParamsIter {
            inner: self.entries.iter(),
        }
    }

    /// True when an entry has this name.
    pub fn contains(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The value of the first entry with this name, whatever its type.
    pub fn get_value(&self, name: &str) -> Option<&TypedValue> {
        self.position(name).map(|i| &self.entries[i].1)
    }

    /// The value of the first entry with this name as a `T`: `Ok(None)`
    /// when there is none, an error when it has another type.
    pub fn get<T: TypedParamType>(&self, name: &str) -> Result<Option<T>, TypedParamError> {
        self.get_value(name)
            .map(|value| T::from_value(value).ok_or_else(|| wrong_type::<T>(name, value)))
            .transpose()
    }

    /// The values of every entry with this name, in order, as `T`s; an
    /// error when one has another type.
    pub fn get_all<T: TypedParamType>(&self, name: &str) -> Result<Vec<T>, TypedParamError> {
        self.entries
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, value)| T::from_value(value).ok_or_else(|| wrong_type::<T>(name, value)))
            .collect()
    }

    /// Removes the first entry with this name and returns its value as a
    /// `T`: `Ok(None)` when there is none; an error, leaving the list
    /// unchanged, when it has another type. Later entries of the same name
    /// stay.
    pub fn take<T: TypedParamType>(&mut self, name: &str) -> Result<Option<T>, TypedParamError> {
        let Some(i) = self.position(name) else {
            return Ok(None);
        };
        let (n, value) = self.entries.remove(i);
        match T::try_from_value(value) {
            Ok(v) => Ok(Some(v)),
            Err(value) => {
                let err = wrong_type::<T>(name, &value);
                self.entries.insert(i, (n, value));
                Err(err)
            }
        }
    }

    /// Removes every entry with this name and returns their values, in
    /// order, as `T`s; an error, leaving the list unchanged, when one has
    /// another type.
    pub fn take_all<T: TypedParamType>(&mut self, name: &str) -> Result<Vec<T>, TypedParamError> {
        if let Some((_, value)) = self
            .entries
            .iter()
            .find(|(n, v)| n == name && T::from_value(v).is_none())
        {
            return Err(wrong_type::<T>(name, value));
        }
        let mut taken = Vec::new();
        let mut kept = Vec::with_capacity(self.entries.len());
        for (n, value) in self.entries.drain(..) {
            if n != name {
                kept.push((n, value));
                continue;
            }
            match T::try_from_value(value) {
                Ok(v) => taken.push(v),
                // Checked above; keep the entry rather than lose it.
                Err(value) => kept.push((n, value)),
            }
        }
        self.entries = kept;
        Ok(taken)
    }

    /// Sets the parameter `name` to `value`: replaces the value of the
    /// first entry of that name, keeping its position, and removes any
    /// later ones; appends an entry when there is none.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<TypedValue>) {
        let name = name.into();
        let value = value.into();
        match self.position(&name) {
            Some(i) => {
                self.entries[i].1 = value;
                let mut index = 0;
                self.entries.retain(|(n, _)| {
                    index += 1;
                    index - 1 <= i || *n != name
                });
            }
            None => self.entries.push((name, value)),
        }
    }

    /// Appends an entry, even when the name is already present (as
    /// libvirt's `virTypedParamsAdd*` functions do for the parameters a
    /// call accepts several times).
    pub fn add(&mut self, name: impl Into<String>, value: impl Into<TypedValue>) {
        self.entries.push((name.into(), value.into()));
    }

    /// Removes every entry with this name and returns the first one's
    /// value.
    pub fn remove(&mut self, name: &str) -> Option<TypedValue> {
        let first = self.position(name)?;
        let (_, value) = self.entries.remove(first);
        self.entries.retain(|(n, _)| n != name);
        Some(value)
    }

    /// Checks the list as libvirt does before sending it: every name at
    /// most [`MAX_NAME_LEN`](Self::MAX_NAME_LEN) bytes, every string
    /// value at most [`MAX_STRING_LEN`](Self::MAX_STRING_LEN) bytes, no
    /// NUL byte in names or strings, and, unless `allow_duplicates`, no
    /// name twice.
    ///
    /// Which names and types a call accepts, and how many entries, is
    /// left to the daemon (and to the protocol's list maximum when
    /// encoding).
    pub fn validate(&self, allow_duplicates: bool) -> Result<(), TypedParamError> {
        let mut seen = HashSet::new();
        for (name, value) in &self.entries {
            check_entry(name, value)?;
            if !allow_duplicates && !seen.insert(name.as_str()) {
                return Err(TypedParamError::Duplicate { name: name.clone() });
            }
        }
        Ok(())
    }

    /// The list from the raw protocol (a reply of the remote program).
    ///
    /// Like libvirt's client, it refuses names over
    /// [`MAX_NAME_LEN`](Self::MAX_NAME_LEN) bytes; it also refuses NUL
    /// bytes in names and strings. Repeated names are kept, in order.
    /// Values of a type this client does not know never get here: the
    /// protocol decoder already fails on them. A boolean is true when its
    /// wire `int` is not zero.
    pub fn from_wire(params: Vec<proto::remote::TypedParam>) -> Result<Self, TypedParamError> {
        params
            .into_iter()
            .map(|p| {
                let value = TypedValue::from(p.value);
                check_entry(&p.field, &value)?;
                Ok((p.field, value))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|entries| Self { entries })
    }

    /// The list for the raw protocol (an argument of the remote program),
    /// after [`validate(true)`](Self::validate): whether a name may repeat
    /// depends on the call, so check that with `validate(false)` first
    /// where it may not.
    pub fn to_wire(&self) -> Result<Vec<proto::remote::TypedParam>, TypedParamError> {
        self.clone().into_wire()
    }

    /// [`to_wire`](Self::to_wire), consuming the list (no string is
    /// copied).
    pub fn into_wire(self) -> Result<Vec<proto::remote::TypedParam>, TypedParamError> {
        self.validate(true)?;
        Ok(self
            .entries
            .into_iter()
            .map(|(field, value)| proto::remote::TypedParam {
                field,
                value: value.into(),
            })
            .collect())
    }

    /// [`from_wire`](Self::from_wire) for the admin program's
    /// `admin_typed_param` lists.
    pub fn from_admin_wire(params: Vec<proto::admin::TypedParam>) -> Result<Self, TypedParamError> {
        params
            .into_iter()
            .map(|p| {
                let value = TypedValue::from(p.value);
                check_entry(&p.field, &value)?;
                Ok((p.field, value))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|entries| Self { entries })
    }

    /// [`into_wire`](Self::into_wire) for the admin program's
    /// `admin_typed_param` lists.
    pub fn into_admin_wire(self) -> Result<Vec<proto::admin::TypedParam>, TypedParamError> {
        self.validate(true)?;
        Ok(self
            .entries
            .into_iter()
            .map(|(field, value)| proto::admin::TypedParam {
                field,
                value: value.into(),
            })
            .collect())
    }

    /// The index of the first entry with this name.
    fn position(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|(n, _)| n == name)
    }
}

/// The error for `name`'s `value` not being a `T`.
fn wrong_type<T: TypedParamType>(name: &str, value: &TypedValue) -> TypedParamError {
    TypedParamError::WrongType {
        name: name.to_owned(),
        expected: T::TYPE_NAME,
        found: value.type_name(),
    }
}

/// libvirt's limits on one entry: name length, string length, no NUL.
fn check_entry(name: &str, value: &TypedValue) -> Result<(), TypedParamError> {
    if name.len() > TypedParams::MAX_NAME_LEN {
        let mut end = TypedParams::MAX_NAME_LEN;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        return Err(TypedParamError::NameTooLong {
            name: name[..end].to_owned(),
            len: name.len(),
            max: TypedParams::MAX_NAME_LEN,
        });
    }
    let nul = |part| TypedParamError::NulByte {
        name: name.to_owned(),
        part,
    };
    if name.contains('\0') {
        return Err(nul("name"));
    }
    if let TypedValue::String(s) = value {
        if s.len() > TypedParams::MAX_STRING_LEN {
            return Err(TypedParamError::StringTooLong {
                name: name.to_owned(),
                len: s.len(),
                max: TypedParams::MAX_STRING_LEN,
            });
        }
        if s.contains('\0') {
            return Err(nul("value"));
        }
    }
    Ok(())
}

/// Conversions between [`TypedValue`] and a protocol's
/// `typed_param_value` union (the remote and admin programs each have one,
/// alike).
macro_rules! wire_value_conversions {
    ($($wire:ty;)*) => {$(
        impl From<$wire> for TypedValue {
            /// The value of a protocol union; a boolean is true when its
            /// `int` is not zero.
            fn from(value: $wire) -> Self {
                type W = $wire;
                match value {
                    W::Int(v) => Self::Int(v),
                    W::Uint(v) => Self::UInt(v),
                    W::Llong(v) => Self::LLong(v),
                    W::Ullong(v) => Self::ULLong(v),
                    W::Double(v) => Self::Double(v),
                    W::Boolean(v) => Self::Boolean(v != 0),
                    W::String(v) => Self::String(v),
                }
            }
        }

        impl From<TypedValue> for $wire {
            /// The protocol union of a value; a boolean is sent as 1 or 0.
            fn from(value: TypedValue) -> Self {
                match value {
                    TypedValue::Int(v) => Self::Int(v),
                    TypedValue::UInt(v) => Self::Uint(v),
                    TypedValue::LLong(v) => Self::Llong(v),
                    TypedValue::ULLong(v) => Self::Ullong(v),
                    TypedValue::Double(v) => Self::Double(v),
                    TypedValue::Boolean(v) => Self::Boolean(i32::from(v)),
                    TypedValue::String(v) => Self::String(v),
                }
            }
        }
    )*};
}

wire_value_conversions! {
    proto::remote::TypedParamValue;
    proto::admin::TypedParamValue;
}

impl fmt::Display for TypedParams {
    /// One `name=value` line per entry, values printed as by
    /// [`TypedValue`]'s `Display`, lines separated by `\n` (no newline
    /// after the last).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (name, value)) in self.entries.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{name}={value}")?;
        }
        Ok(())
    }
}

impl<N: Into<String>, V: Into<TypedValue>> FromIterator<(N, V)> for TypedParams {
    /// The entries in order, repeated names kept (as [`add`](Self::add)).
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        let mut params = Self::new();
        params.extend(iter);
        params
    }
}

impl<N: Into<String>, V: Into<TypedValue>> Extend<(N, V)> for TypedParams {
    /// Appends the entries in order, repeated names kept (as
    /// [`add`](Self::add)).
    fn extend<I: IntoIterator<Item = (N, V)>>(&mut self, iter: I) {
        self.entries
            .extend(iter.into_iter().map(|(n, v)| (n.into(), v.into())));
    }
}

impl IntoIterator for TypedParams {
    type Item = (String, TypedValue);
    type IntoIter = std::vec::IntoIter<(String, TypedValue)>;

    /// The entries in order, as owned `(name, value)` pairs.
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a> IntoIterator for &'a TypedParams {
    type Item = (&'a str, &'a TypedValue);
    type IntoIter = TypedParamsIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The entries of a [`TypedParams`] in order, as `(name, value)`; from
/// [`TypedParams::iter`].
#[derive(Debug, Clone)]
pub struct TypedParamsIter<'a> {
    inner: std::slice::Iter<'a, (String, TypedValue)>,
}

impl<'a> Iterator for TypedParamsIter<'a> {
    type Item = (&'a str, &'a TypedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(n, v)| (n.as_str(), v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for TypedParamsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|(n, v)| (n.as_str(), v))
    }
}

impl ExactSizeIterator for TypedParamsIter<'_> {}

impl FusedIterator for TypedParamsIter<'_> {}

/// A struct that gives the parameters of one libvirt call (block I/O
/// tuning, memory parameters, job statistics, ...) typed fields. The
/// structs are generated from libvirt's API description.
///
/// Such a struct has one `Option<T>` field per documented parameter, `T`
/// being the documented type (a [`TypedParamType`]): `None` when the
/// daemon did not send the parameter, or when the caller does not want to
/// set it. A parameter that may repeat is a `Vec<T>` field instead. It
/// also has an `extra: TypedParams` field with every entry that has no
/// field of its own (names newer than the API description, a second
/// entry of a single-valued name, ...): unknown parameters are kept there,
/// in order, never dropped, and are sent back by
/// [`to_params`](Self::to_params).
///
/// Implementations read fields with [`TypedParams::take`] (or
/// [`take_all`](TypedParams::take_all)), so what is left is `extra`, and
/// write them with [`TypedParams::add`], followed by `extra`:
///
/// ```
/// use libvirt_client::api::{TypedParamError, TypedParams, TypedParamsStruct};
///
/// /// Some of `virDomainSetBlockIoTune`'s parameters.
/// #[derive(Debug, Default, PartialEq)]
/// struct BlockIoTune {
///     total_bytes_sec: Option<u64>,
///     group_name: Option<String>,
///     extra: TypedParams,
/// }
///
/// impl TypedParamsStruct for BlockIoTune {
///     fn from_params(mut params: TypedParams) -> Result<Self, TypedParamError> {
///         Ok(Self {
///             total_bytes_sec: params.take("total_bytes_sec")?,
///             group_name: params.take("group_name")?,
///             extra: params,
///         })
///     }
///
///     fn to_params(&self) -> TypedParams {
///         let mut params = TypedParams::new();
///         if let Some(v) = self.total_bytes_sec {
///             params.add("total_bytes_sec", v);
///         }
///         if let Some(v) = &self.group_name {
///             params.add("group_name", v.clone());
///         }
///         params.extend(self.extra.clone());
///         params
///     }
/// }
///
/// let tune = BlockIoTune { total_bytes_sec: Some(1 << 20), ..Default::default() };
/// let params = tune.to_params();
/// assert_eq!(params.to_string(), "total_bytes_sec=1048576");
/// assert_eq!(BlockIoTune::from_params(params)?, tune);
/// # Ok::<(), TypedParamError>(())
/// ```
pub trait TypedParamsStruct: Sized {
    /// The struct from a list of parameters: each field from the first
    /// entry of its name, everything else into `extra`. The generated
    /// structs never fail: an entry whose type differs from the documented
    /// one (a newer or unusual driver) is kept in `extra` too, so nothing
    /// the daemon sent is lost; the `Result` leaves room for stricter
    /// hand-written implementations, such as the example above, which
    /// fails with [`TypedParamError::WrongType`].
    fn from_params(params: TypedParams) -> Result<Self, TypedParamError>;

    /// The list of parameters: the fields that are set, in declaration
    /// order, then the entries of `extra` in order. Not validated; sending
    /// it does that ([`TypedParams::to_wire`]).
    fn to_params(&self) -> TypedParams;
}

/// The order in which a typed-parameter struct's parameters arrived, so
/// that [`TypedParamsStruct::to_params`] gives them back in the daemon's
/// order (which virsh prints), not the struct's. It is not part of the
/// value: two structs that differ only in it are equal.
#[derive(Debug, Clone, Default)]
pub struct ParamOrder(Vec<String>);

impl PartialEq for ParamOrder {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl ParamOrder {
    /// The names of `params`, in order.
    pub fn of(params: &TypedParams) -> Self {
        Self(params.iter().map(|(name, _)| name.to_string()).collect())
    }

    /// `params` with the names this order knows first, in this order, and
    /// the others after them in their own order (a stable sort). With no
    /// recorded order, `params` unchanged.
    pub fn apply(&self, params: TypedParams) -> TypedParams {
        if self.0.is_empty() {
            return params;
        }
        let mut entries: Vec<(String, TypedValue)> = params.into_iter().collect();
        entries
            .sort_by_key(|(name, _)| self.0.iter().position(|n| n == name).unwrap_or(usize::MAX));
        entries.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_structs_give_parameters_back_in_the_order_received() {
        use crate::api::BlockIoTune;
        let received: TypedParams = [
            ("write_bytes_sec", TypedValue::ULLong(3)),
            ("group_name", TypedValue::String("g".into())),
            ("future_param", TypedValue::Int(7)),
            ("total_bytes_sec", TypedValue::ULLong(1)),
        ]
        .into_iter()
        .collect();
        let tune = BlockIoTune::from_params(received.clone()).unwrap();
        assert_eq!(tune.total_bytes_sec, Some(1));
        assert_eq!(
            tune.extra.get_value("future_param"),
            Some(&TypedValue::Int(7))
        );
        assert_eq!(tune.to_params(), received);
        // A struct built by hand gives its fields in declaration order,
        // and equality ignores the order received.
        let mut built = BlockIoTune::default();
        built.total_bytes_sec = Some(1);
        built.write_bytes_sec = Some(3);
        built.group_name = Some("g".into());
        built.extra.add("future_param", 7i32);
        assert_eq!(built, tune);
        let names: Vec<String> = built
            .to_params()
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        assert_eq!(names.last().map(String::as_str), Some("future_param"));
        assert_ne!(built.to_params(), received);
    }
    use proptest::prelude::*;

    fn p<const N: usize>(entries: [(&str, TypedValue); N]) -> TypedParams {
        entries.into_iter().collect()
    }

    #[test]
    fn values_print_as_virsh_does() {
        let cases = [
            (TypedValue::Int(-42), "-42"),
            (TypedValue::UInt(u32::MAX), "4294967295"),
            (TypedValue::LLong(i64::MIN), "-9223372036854775808"),
            (TypedValue::ULLong(u64::MAX), "18446744073709551615"),
            (TypedValue::Double(0.5), "0.500000"),
            (TypedValue::Double(-0.0), "-0.000000"),
            (TypedValue::Double(1.0 / 3.0), "0.333333"),
            (TypedValue::Double(2.5e-7), "0.000000"),
            (TypedValue::Double(1e20), "100000000000000000000.000000"),
            (TypedValue::Double(f64::INFINITY), "inf"),
            (TypedValue::Double(f64::NEG_INFINITY), "-inf"),
            (TypedValue::Double(f64::NAN), "nan"),
            (TypedValue::Double(-f64::NAN), "-nan"),
            (TypedValue::Boolean(true), "yes"),
            (TypedValue::Boolean(false), "no"),
            (TypedValue::from("a b=c"), "a b=c"),
            (TypedValue::from(""), ""),
        ];
        for (value, want) in cases {
            assert_eq!(value.to_string(), want, "{value:?}");
        }
        assert_eq!(format!("[{:>5}]", TypedValue::Int(7)), "[    7]");
        assert_eq!(format!("[{:<5}]", TypedValue::Boolean(true)), "[yes  ]");
    }

    #[test]
    fn type_names_and_strict_accessors() {
        let all = [
            TypedValue::Int(-1),
            TypedValue::UInt(1),
            TypedValue::LLong(-1),
            TypedValue::ULLong(1),
            TypedValue::Double(1.0),
            TypedValue::Boolean(true),
            TypedValue::from("s"),
        ];
        let names: Vec<_> = all.iter().map(TypedValue::type_name).collect();
        assert_eq!(
            names,
            ["int", "uint", "llong", "ullong", "double", "boolean", "string"]
        );
        // Exactly one accessor answers for each variant.
        for value in &all {
            let answers = [
                value.as_i32().is_some(),
                value.as_u32().is_some(),
                value.as_i64().is_some(),
                value.as_u64().is_some(),
                value.as_f64().is_some(),
                value.as_bool().is_some(),
                value.as_str().is_some(),
            ];
            assert_eq!(answers.iter().filter(|a| **a).count(), 1, "{value:?}");
        }
        // The trait's names match the values' names.
        fn name_of<T: TypedParamType>(v: T) -> (&'static str, &'static str) {
            (T::TYPE_NAME, v.into().type_name())
        }
        for (a, b) in [
            name_of(0i32),
            name_of(0u32),
            name_of(0i64),
            name_of(0u64),
            name_of(0f64),
            name_of(false),
            name_of(String::new()),
        ] {
            assert_eq!(a, b);
        }
    }

    #[test]
    fn lossless_readings_never_wrap() {
        assert_eq!(TypedValue::Int(-1).as_u64_lossless(), None);
        assert_eq!(TypedValue::Int(5).as_u64_lossless(), Some(5));
        assert_eq!(
            TypedValue::UInt(u32::MAX).as_u64_lossless(),
            Some(4294967295)
        );
        assert_eq!(TypedValue::LLong(-1).as_u64_lossless(), None);
        assert_eq!(
            TypedValue::ULLong(u64::MAX).as_u64_lossless(),
            Some(u64::MAX)
        );
        assert_eq!(TypedValue::ULLong(u64::MAX).as_i64_lossless(), None);
        assert_eq!(TypedValue::ULLong(7).as_i64_lossless(), Some(7));
        assert_eq!(
            TypedValue::Int(i32::MIN).as_i64_lossless(),
            Some(-2147483648)
        );
        assert_eq!(
            TypedValue::LLong(i64::MIN).as_i64_lossless(),
            Some(i64::MIN)
        );
        assert_eq!(TypedValue::UInt(3).as_i64_lossless(), Some(3));
        assert_eq!(TypedValue::Double(1.0).as_u64_lossless(), None);
        assert_eq!(TypedValue::Boolean(true).as_i64_lossless(), None);
        assert_eq!(TypedValue::from("1").as_u64_lossless(), None);
    }

    #[test]
    fn typed_get_is_strict() {
        let params = p([("u", TypedValue::UInt(7)), ("s", TypedValue::from("x"))]);
        assert_eq!(params.get::<u32>("u"), Ok(Some(7)));
        assert_eq!(params.get::<String>("s"), Ok(Some("x".to_owned())));
        assert_eq!(params.get::<u64>("missing"), Ok(None));
        assert_eq!(
            params.get::<u64>("u"),
            Err(TypedParamError::WrongType {
                name: "u".into(),
                expected: "ullong",
                found: "uint",
            })
        );
        assert!(params.get::<bool>("s").is_err());
        assert!(params.get::<String>("u").is_err());
        assert_eq!(
            params.get::<u64>("u").unwrap_err().to_string(),
            "invalid type 'uint' for parameter 'u', expected 'ullong'"
        );
    }

    #[test]
    fn set_replaces_add_appends_remove_removes_all() {
        let mut params = TypedParams::new();
        assert!(params.is_empty());
        params.set("a", 1i32);
        params.set("b", true);
        params.add("a", 2i32);
        params.add("c", "x");
        params.add("a", 3i32);
        assert_eq!(params.len(), 5);
        assert_eq!(params.get_all::<i32>("a"), Ok(vec![1, 2, 3]));
        assert_eq!(params.get::<i32>("a"), Ok(Some(1)));

        params.set("a", 9i32);
        let names: Vec<_> = params.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(params.get_all::<i32>("a"), Ok(vec![9]));
        params.set("b", "now a string");
        assert_eq!(params.get::<String>("b"), Ok(Some("now a string".into())));
        assert_eq!(params.to_string(), "a=9\nb=now a string\nc=x");

        params.add("c", "y");
        assert_eq!(params.remove("c"), Some(TypedValue::from("x")));
        assert!(!params.contains("c"));
        assert_eq!(params.remove("c"), None);
        assert_eq!(params.len(), 2);
        assert_eq!(TypedParams::new().to_string(), "");
    }

    #[test]
    fn take_leaves_the_rest_and_keeps_the_list_on_errors() {
        let mut params = p([
            ("disk", TypedValue::from("vda")),
            ("n", TypedValue::Int(1)),
            ("disk", TypedValue::from("vdb")),
            ("disk", TypedValue::from("vdc")),
        ]);
        let before = params.clone();
        assert!(params.take::<u64>("n").is_err());
        assert!(params.take_all::<i32>("disk").is_err());
        assert_eq!(params, before);

        assert_eq!(params.take::<String>("disk"), Ok(Some("vda".into())));
        assert_eq!(
            params.get_all::<String>("disk"),
            Ok(vec!["vdb".into(), "vdc".into()])
        );
        assert_eq!(
            params.take_all::<String>("disk"),
            Ok(vec!["vdb".into(), "vdc".into()])
        );
        assert_eq!(params.take_all::<String>("disk"), Ok(vec![]));
        assert_eq!(params.take::<i32>("n"), Ok(Some(1)));
        assert_eq!(params.take::<i32>("n"), Ok(None));
        assert!(params.is_empty());

        let mut mixed = p([("x", TypedValue::Int(1)), ("x", TypedValue::UInt(2))]);
        assert!(mixed.get_all::<i32>("x").is_err());
        assert!(mixed.take_all::<i32>("x").is_err());
        assert_eq!(mixed.len(), 2);
    }

    #[test]
    fn validate_applies_libvirts_limits() {
        let longest = "n".repeat(TypedParams::MAX_NAME_LEN);
        let ok = p([(longest.as_str(), TypedValue::Int(1))]);
        assert_eq!(ok.validate(false), Ok(()));

        let too_long = "é".repeat(40); // 80 bytes
        let err = p([(too_long.as_str(), TypedValue::Int(1))])
            .validate(true)
            .unwrap_err();
        assert_eq!(
            err,
            TypedParamError::NameTooLong {
                name: "é".repeat(39),
                len: 80,
                max: 79,
            }
        );
        assert!(err.to_string().contains("80 bytes"));

        let dup = p([
            ("a", TypedValue::Int(1)),
            ("b", TypedValue::Int(1)),
            ("a", TypedValue::UInt(2)),
        ]);
        assert_eq!(dup.validate(true), Ok(()));
        assert_eq!(
            dup.validate(false),
            Err(TypedParamError::Duplicate { name: "a".into() })
        );
        assert!(dup.to_wire().is_ok(), "to_wire allows repeated names");

        let long_string = "x".repeat(TypedParams::MAX_STRING_LEN + 1);
        assert_eq!(
            p([("s", TypedValue::String(long_string))]).to_wire(),
            Err(TypedParamError::StringTooLong {
                name: "s".into(),
                len: TypedParams::MAX_STRING_LEN + 1,
                max: TypedParams::MAX_STRING_LEN,
            })
        );
        let longest_string = "x".repeat(TypedParams::MAX_STRING_LEN);
        assert!(p([("s", TypedValue::String(longest_string))])
            .validate(false)
            .is_ok());

        assert_eq!(
            p([("a\0b", TypedValue::Int(1))]).validate(true),
            Err(TypedParamError::NulByte {
                name: "a\0b".into(),
                part: "name",
            })
        );
        assert_eq!(
            p([("s", TypedValue::from("a\0"))]).into_wire(),
            Err(TypedParamError::NulByte {
                name: "s".into(),
                part: "value",
            })
        );
        assert_eq!(p([("", TypedValue::Int(0))]).validate(false), Ok(()));
    }

    #[test]
    fn wire_lists_convert_both_ways() {
        use proto::remote::{TypedParam, TypedParamValue as W};
        let wire = vec![
            TypedParam {
                field: "i".into(),
                value: W::Int(-1),
            },
            TypedParam {
                field: "u".into(),
                value: W::Uint(2),
            },
            TypedParam {
                field: "l".into(),
                value: W::Llong(-3),
            },
            TypedParam {
                field: "ul".into(),
                value: W::Ullong(4),
            },
            TypedParam {
                field: "d".into(),
                value: W::Double(0.25),
            },
            TypedParam {
                field: "b".into(),
                value: W::Boolean(1),
            },
            TypedParam {
                field: "s".into(),
                value: W::String("five".into()),
            },
            TypedParam {
                field: "s".into(),
                value: W::String("six".into()),
            },
        ];
        let params = TypedParams::from_wire(wire.clone()).unwrap();
        assert_eq!(
            params,
            p([
                ("i", TypedValue::Int(-1)),
                ("u", TypedValue::UInt(2)),
                ("l", TypedValue::LLong(-3)),
                ("ul", TypedValue::ULLong(4)),
                ("d", TypedValue::Double(0.25)),
                ("b", TypedValue::Boolean(true)),
                ("s", TypedValue::from("five")),
                ("s", TypedValue::from("six")),
            ])
        );
        assert_eq!(params.to_wire().unwrap(), wire);
        assert_eq!(params.clone().into_wire().unwrap(), wire);

        // Any non-zero boolean is true, and goes back as 1.
        let odd = TypedParams::from_wire(vec![
            TypedParam {
                field: "b".into(),
                value: W::Boolean(-7),
            },
            TypedParam {
                field: "f".into(),
                value: W::Boolean(0),
            },
        ])
        .unwrap();
        assert_eq!(odd.get::<bool>("b"), Ok(Some(true)));
        assert_eq!(odd.get::<bool>("f"), Ok(Some(false)));
        assert_eq!(odd.to_wire().unwrap()[0].value, W::Boolean(1));

        // Hostile replies: names libvirt's client refuses.
        let long = TypedParam {
            field: "x".repeat(80),
            value: W::Int(0),
        };
        assert!(matches!(
            TypedParams::from_wire(vec![long]),
            Err(TypedParamError::NameTooLong { len: 80, .. })
        ));
        let nul = TypedParam {
            field: "a".into(),
            value: W::String("b\0c".into()),
        };
        assert!(matches!(
            TypedParams::from_wire(vec![nul]),
            Err(TypedParamError::NulByte { .. })
        ));
    }

    #[test]
    fn admin_wire_lists_convert_both_ways() {
        use proto::admin::{TypedParam, TypedParamValue as W};
        let wire = vec![
            TypedParam {
                field: "maxWorkers".into(),
                value: W::Uint(20),
            },
            TypedParam {
                field: "b".into(),
                value: W::Boolean(0),
            },
        ];
        let params = TypedParams::from_admin_wire(wire.clone()).unwrap();
        assert_eq!(params.get::<u32>("maxWorkers"), Ok(Some(20)));
        assert_eq!(params.into_admin_wire().unwrap(), wire);
        let long = TypedParam {
            field: "x".repeat(200),
            value: W::Int(0),
        };
        assert!(TypedParams::from_admin_wire(vec![long]).is_err());
    }

    #[test]
    fn unknown_wire_types_fail_in_the_decoder() {
        // type 8 does not exist: the protocol decoder refuses it, so it
        // never reaches from_wire.
        let mut bytes = Vec::new();
        bytes.extend_from_slice(&1u32.to_be_bytes()); // field length
        bytes.extend_from_slice(b"a\0\0\0");
        bytes.extend_from_slice(&8i32.to_be_bytes());
        bytes.extend_from_slice(&0i32.to_be_bytes());
        assert!(xdr_runtime::from_bytes::<proto::remote::TypedParam>(&bytes).is_err());
    }

    #[test]
    fn iterators_and_collecting() {
        let params: TypedParams = vec![
            ("a".to_owned(), TypedValue::Int(1)),
            ("b".to_owned(), TypedValue::Int(2)),
        ]
        .into_iter()
        .collect();
        let iter = params.iter();
        assert_eq!(iter.len(), 2);
        let back: Vec<_> = params.iter().rev().map(|(n, _)| n).collect();
        assert_eq!(back, ["b", "a"]);
        let mut count = 0;
        for (name, value) in &params {
            assert_eq!(params.get_value(name), Some(value));
            count += 1;
        }
        assert_eq!(count, 2);
        let owned: Vec<(String, TypedValue)> = params.clone().into_iter().collect();
        assert_eq!(owned[1], ("b".to_owned(), TypedValue::Int(2)));
        let mut more = params.clone();
        more.extend([("c", 3u64)]);
        assert_eq!(more.to_string(), "a=1\nb=2\nc=3");
    }

    /// A hand-written struct as the generator emits them.
    #[derive(Debug, Clone, Default, PartialEq)]
    struct JobStats {
        time_elapsed: Option<u64>,
        downtime_net: Option<u64>,
        auto_converge: Option<bool>,
        disk_name: Option<String>,
        migrate_disks: Vec<String>,
        extra: TypedParams,
    }

    impl TypedParamsStruct for JobStats {
        fn from_params(mut params: TypedParams) -> Result<Self, TypedParamError> {
            Ok(Self {
                time_elapsed: params.take("time_elapsed")?,
                downtime_net: params.take("downtime_net")?,
                auto_converge: params.take("auto_converge")?,
                disk_name: params.take("disk_name")?,
                migrate_disks: params.take_all("migrate_disks")?,
                extra: params,
            })
        }

        fn to_params(&self) -> TypedParams {
            let mut params = TypedParams::new();
            if let Some(v) = self.time_elapsed {
                params.add("time_elapsed", v);
            }
            if let Some(v) = self.downtime_net {
                params.add("downtime_net", v);
            }
            if let Some(v) = self.auto_converge {
                params.add("auto_converge", v);
            }
            if let Some(v) = &self.disk_name {
                params.add("disk_name", v.clone());
            }
            for v in &self.migrate_disks {
                params.add("migrate_disks", v.clone());
            }
            params.extend(self.extra.clone());
            params
        }
    }

    #[test]
    fn struct_keeps_unknown_fields_and_round_trips() {
        let received = p([
            ("future_field", TypedValue::Double(1.5)),
            ("time_elapsed", TypedValue::ULLong(1200)),
            ("migrate_disks", TypedValue::from("vda")),
            ("auto_converge", TypedValue::Boolean(false)),
            ("migrate_disks", TypedValue::from("vdb")),
            ("time_elapsed", TypedValue::ULLong(1300)),
        ]);
        let stats = JobStats::from_params(received.clone()).unwrap();
        assert_eq!(stats.time_elapsed, Some(1200));
        assert_eq!(stats.downtime_net, None);
        assert_eq!(stats.auto_converge, Some(false));
        assert_eq!(stats.disk_name, None);
        assert_eq!(stats.migrate_disks, ["vda", "vdb"]);
        // The unknown field and the second time_elapsed are kept, in order.
        assert_eq!(
            stats.extra,
            p([
                ("future_field", TypedValue::Double(1.5)),
                ("time_elapsed", TypedValue::ULLong(1300)),
            ])
        );

        let sent = stats.to_params();
        assert_eq!(sent.len(), received.len());
        assert_eq!(JobStats::from_params(sent.clone()).unwrap(), stats);
        assert_eq!(
            TypedParams::from_wire(sent.to_wire().unwrap()).unwrap(),
            sent
        );
        assert_eq!(
            JobStats::from_params(TypedParams::new()).unwrap(),
            JobStats::default()
        );
        assert!(JobStats::default().to_params().is_empty());
    }

    #[test]
    fn struct_refuses_a_field_of_the_wrong_type() {
        let err = JobStats::from_params(p([("time_elapsed", TypedValue::UInt(5))])).unwrap_err();
        assert_eq!(
            err,
            TypedParamError::WrongType {
                name: "time_elapsed".into(),
                expected: "ullong",
                found: "uint",
            }
        );
        assert!(JobStats::from_params(p([("migrate_disks", TypedValue::Int(0))])).is_err());
    }

    #[test]
    fn converts_into_the_client_error() {
        fn read(params: &TypedParams) -> crate::Result<Option<u64>> {
            Ok(params.get::<u64>("x")?)
        }
        let err = read(&p([("x", TypedValue::Int(1))])).unwrap_err();
        assert!(matches!(err, crate::Error::TypedParam(_)));
        assert!(err
            .to_string()
            .contains("invalid type 'int' for parameter 'x'"));
    }

    fn value_strategy() -> impl Strategy<Value = TypedValue> {
        prop_oneof![
            any::<i32>().prop_map(TypedValue::Int),
            any::<u32>().prop_map(TypedValue::UInt),
            any::<i64>().prop_map(TypedValue::LLong),
            any::<u64>().prop_map(TypedValue::ULLong),
            any::<f64>()
                .prop_filter("NaN is not equal to itself", |d| !d.is_nan())
                .prop_map(TypedValue::Double),
            any::<bool>().prop_map(TypedValue::Boolean),
            "[^\0]{0,40}".prop_map(TypedValue::String),
        ]
    }

    proptest! {
        #[test]
        fn round_trips_through_the_encoded_wire_list(
            entries in prop::collection::vec(("[a-z_.]{0,79}", value_strategy()), 0..24)
        ) {
            let params: TypedParams = entries.into_iter().collect();
            let decoded = params
                .to_wire()
                .unwrap()
                .iter()
                .map(|param| {
                    let bytes = xdr_runtime::to_vec(param).unwrap();
                    xdr_runtime::from_bytes::<proto::remote::TypedParam>(&bytes).unwrap()
                })
                .collect();
            prop_assert_eq!(TypedParams::from_wire(decoded).unwrap(), params);
        }

        #[test]
        fn set_leaves_exactly_one_entry(
            entries in prop::collection::vec(("[ab]", any::<i32>()), 0..12),
            value in any::<i32>(),
        ) {
            let mut params: TypedParams = entries.into_iter().collect();
            let others = |params: &TypedParams| -> Vec<(String, TypedValue)> {
                params
                    .iter()
                    .filter(|(n, _)| *n != "a")
                    .map(|(n, v)| (n.to_owned(), v.clone()))
                    .collect()
            };
            let before = others(&params);
            params.set("a", value);
            prop_assert_eq!(params.get_all::<i32>("a").unwrap(), vec![value]);
            prop_assert_eq!(others(&params), before);
        }
    }
}
