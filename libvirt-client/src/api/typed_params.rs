//! Typed parameters: libvirt's ordered name → value lists.

/// An ordered list of typed parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypedParams {}

/// The value of one typed parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedValue {}
