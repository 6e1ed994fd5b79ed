//! The resolved model of a `.x` file: every name looked up, every constant
//! evaluated, every Rust name chosen. Code generation sees only this.

use crate::annotations::Annotations;

/// Documentation carried from the `.x` file onto a generated item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    /// The comment before the definition, delimiters removed.
    pub comment: Option<String>,
    /// The definition as written, quoted verbatim.
    pub definition: String,
    /// `file:line` of the definition.
    pub origin: String,
}

/// A scalar built-in type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `int` → `i32`.
    Int,
    /// `unsigned int` → `u32`.
    UInt,
    /// `hyper` → `i64`.
    Hyper,
    /// `unsigned hyper` → `u64`.
    UHyper,
    /// `float` → `f32`.
    Float,
    /// `double` → `f64`.
    Double,
    /// `bool` → `bool`.
    Bool,
    /// `char` → `i8`.
    Char,
    /// `unsigned char` → `u8`.
    UChar,
    /// `short` → `i16`.
    Short,
    /// `unsigned short` → `u16`.
    UShort,
}

impl Scalar {
    /// Encoded size in bytes.
    pub fn wire_size(self) -> usize {
        match self {
            Scalar::Hyper | Scalar::UHyper | Scalar::Double => 8,
            _ => 4,
        }
    }

    /// The Rust type.
    pub fn rust(self) -> &'static str {
        match self {
            Scalar::Int => "i32",
            Scalar::UInt => "u32",
            Scalar::Hyper => "i64",
            Scalar::UHyper => "u64",
            Scalar::Float => "f32",
            Scalar::Double => "f64",
            Scalar::Bool => "bool",
            Scalar::Char => "i8",
            Scalar::UChar => "u8",
            Scalar::Short => "i16",
            Scalar::UShort => "u16",
        }
    }

    /// True for the types that implement `Eq` and `Hash`.
    pub fn is_eq(self) -> bool {
        !matches!(self, Scalar::Float | Scalar::Double)
    }
}

/// What kind of definition a named type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A struct.
    Struct,
    /// An enum (`Copy`).
    Enum,
    /// A union.
    Union,
    /// A typedef.
    Typedef,
}

/// A reference to a named type, local or from another file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeRef {
    /// The XDR name.
    pub xdr_name: String,
    /// The Rust name.
    pub rust_name: String,
    /// The Rust module path for a type of another file (`crate::remote`), or
    /// `None` for a type of this file.
    pub module: Option<String>,
    /// What the named type is.
    pub kind: NamedKind,
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A scalar.
    Scalar(Scalar),
    /// A struct, enum or union.
    Named(TypeRef),
    /// A typedef: written with its own name, encoded as its target.
    Alias(TypeRef, Box<Ty>),
    /// `string<max>`.
    String(Option<u32>),
    /// `opaque[n]`.
    OpaqueFixed(u32),
    /// `opaque<max>`.
    OpaqueVar(Option<u32>),
    /// `T[n]`.
    FixedArray(Box<Ty>, u32),
    /// `T<max>`.
    VarArray(Box<Ty>, Option<u32>),
    /// `T *`; `boxed` when the type contains itself through it.
    Optional(Box<Ty>, bool),
}

impl Ty {
    /// The type with typedefs looked through.
    pub fn target(&self) -> &Ty {
        match self {
            Ty::Alias(_, t) => t.target(),
            other => other,
        }
    }
}

/// A struct field (or the single field of a union arm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// XDR name.
    pub xdr_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Type.
    pub ty: Ty,
    /// `insert@N` on this field.
    pub insert: Option<u32>,
    /// Comments on the field.
    pub comment: Option<String>,
}

/// An enum member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// XDR name.
    pub xdr_name: String,
    /// Rust variant name.
    pub rust_name: String,
    /// Value.
    pub value: i32,
    /// Comments on the member.
    pub comment: Option<String>,
}

/// A union arm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arm {
    /// Case values (`case` labels), as written and evaluated.
    pub cases: Vec<(String, i64)>,
    /// Rust variant name.
    pub rust_name: String,
    /// The arm's value (`None` for `void`).
    pub field: Option<Field>,
}

/// A discriminated union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Union {
    /// The discriminant's XDR name.
    pub discriminant_name: String,
    /// The discriminant's type (a scalar or an enum, possibly via typedef).
    pub discriminant: Ty,
    /// The `case` arms.
    pub arms: Vec<Arm>,
    /// The `default` arm: `Some(None)` for `default: void;`.
    pub default: Option<Option<Field>>,
}

/// What a type definition is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeKind {
    /// A struct.
    Struct(Vec<Field>),
    /// An enum.
    Enum(Vec<Variant>),
    /// A union.
    Union(Box<Union>),
    /// A typedef of another type.
    Typedef(Ty),
}

/// A type definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDef {
    /// XDR name.
    pub xdr_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Definition.
    pub kind: TypeKind,
    /// `insert@N` on the whole struct.
    pub insert: Option<u32>,
    /// Documentation.
    pub doc: Doc,
}

/// A constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Const {
    /// XDR name.
    pub xdr_name: String,
    /// Rust name.
    pub rust_name: String,
    /// Value.
    pub value: i128,
    /// Documentation.
    pub doc: Doc,
}

/// One procedure of a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// The enum member (`REMOTE_PROC_DOMAIN_GET_INFO`) or RFC 5531 name.
    pub xdr_name: String,
    /// Rust method name (`domain_get_info`).
    pub method: String,
    /// Rust name of its variant in the procedure enum, if it has one.
    pub variant: Option<String>,
    /// Procedure number.
    pub number: i32,
    /// Arguments.
    pub args: Option<Ty>,
    /// Reply.
    pub ret: Option<Ty>,
    /// Event message (server to client); such procedures are not called.
    pub msg: Option<Ty>,
    /// Annotations.
    pub annotations: Annotations,
    /// Documentation.
    pub doc: Doc,
}

/// An RPC program (and version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// The constant or RFC 5531 name of the program (`REMOTE_PROGRAM`).
    pub xdr_name: String,
    /// Program number.
    pub number: u32,
    /// Version number.
    pub version: u32,
    /// CamelCase stem for generated trait names (`Remote`).
    pub stem: String,
    /// Procedures sorted by number.
    pub procedures: Vec<Procedure>,
}

/// A resolved `.x` file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Module {
    /// The file as displayed.
    pub file: String,
    /// Prefix dropped from names (`remote`).
    pub prefix: String,
    /// Constants in file order.
    pub consts: Vec<Const>,
    /// Types in file order.
    pub types: Vec<TypeDef>,
    /// Programs.
    pub programs: Vec<Program>,
}

impl Module {
    /// Looks up a type by XDR name.
    pub fn type_def(&self, xdr_name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.xdr_name == xdr_name)
    }
}
