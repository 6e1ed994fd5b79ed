//! The syntax tree of a `.x` file, as written, with byte spans.
//!
//! Nothing is resolved here: names of types and constants are kept as
//! written. [`crate::resolve`] turns this into the [`crate::ir`].

/// A byte range in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
}

/// A name with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A comment with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The comment text, delimiters included.
    pub text: String,
    /// Where it was written.
    pub span: Span,
}

/// A constant: a literal or the name of a constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An integer literal.
    Literal(i128, Span),
    /// A named constant (`const`, enum member, or from libvirt's C headers).
    Named(Ident),
}

impl Value {
    /// Where the value was written.
    pub fn span(&self) -> Span {
        match self {
            Value::Literal(_, span) => *span,
            Value::Named(ident) => ident.span,
        }
    }
}

/// The built-in XDR types (plus rpcgen's `char`, `short` and `long`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `int`, `long`.
    Int,
    /// `unsigned int`, `unsigned`, `unsigned long`.
    UInt,
    /// `hyper`.
    Hyper,
    /// `unsigned hyper`.
    UHyper,
    /// `float`.
    Float,
    /// `double`.
    Double,
    /// `quadruple` (accepted by the grammar, rejected by the resolver: Rust has no 128-bit float).
    Quadruple,
    /// `bool`.
    Bool,
    /// `char`.
    Char,
    /// `unsigned char`.
    UChar,
    /// `short`.
    Short,
    /// `unsigned short`.
    UShort,
}

/// A type specifier.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeSpec {
    /// A built-in type.
    Builtin(Builtin, Span),
    /// A type named by its definition.
    Named(Ident),
    /// An anonymous inline `enum { ... }`.
    InlineEnum(Vec<EnumMember>, Span),
    /// An anonymous inline `struct { ... }`.
    InlineStruct(Vec<Declaration>, Span),
    /// An anonymous inline `union switch ...`.
    InlineUnion(Box<UnionBody>, Span),
}

impl TypeSpec {
    /// Where the type was written.
    pub fn span(&self) -> Span {
        match self {
            TypeSpec::Builtin(_, s)
            | TypeSpec::InlineEnum(_, s)
            | TypeSpec::InlineStruct(_, s)
            | TypeSpec::InlineUnion(_, s) => *s,
            TypeSpec::Named(i) => i.span,
        }
    }
}

/// What a declaration declares.
#[derive(Debug, Clone, PartialEq)]
pub enum DeclKind {
    /// `void`.
    Void,
    /// `opaque name[n]`.
    OpaqueFixed(Value),
    /// `opaque name<max>`.
    OpaqueVar(Option<Value>),
    /// `string name<max>`.
    String(Option<Value>),
    /// `type name`.
    Plain(TypeSpec),
    /// `type *name`.
    Optional(TypeSpec),
    /// `type name[n]`.
    FixedArray(TypeSpec, Value),
    /// `type name<max>`.
    VarArray(TypeSpec, Option<Value>),
}

/// A declaration: a struct field, union arm, discriminant or typedef.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The declared name (absent for `void`).
    pub name: Option<Ident>,
    /// The declared shape.
    pub kind: DeclKind,
    /// The whole declaration.
    pub span: Span,
    /// Comments written before it (inside the enclosing braces).
    pub leading: Vec<Comment>,
    /// A comment on the same line, after the `;`.
    pub trailing: Option<Comment>,
}

/// `NAME = value` in an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    /// The member name.
    pub name: Ident,
    /// Its value.
    pub value: Value,
    /// Comments written before it (procedure annotations live here).
    pub leading: Vec<Comment>,
    /// The member, `NAME = value`.
    pub span: Span,
}

/// One `case a: case b: declaration;` arm.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionArm {
    /// The case labels.
    pub cases: Vec<Value>,
    /// The arm's declaration.
    pub decl: Declaration,
    /// The whole arm.
    pub span: Span,
}

/// The body of a union: discriminant, arms, default arm.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionBody {
    /// The discriminant declaration in `switch (...)`.
    pub discriminant: Declaration,
    /// The `case` arms, in order.
    pub arms: Vec<UnionArm>,
    /// Every `default:` arm (more than one is reported by the resolver).
    pub defaults: Vec<(Declaration, Span)>,
}

/// A procedure of an RFC 5531 `program` block.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcProcedure {
    /// Result type (`None` for `void`).
    pub result: Option<TypeSpec>,
    /// Procedure name.
    pub name: Ident,
    /// Argument types (`void` alone gives none).
    pub args: Vec<TypeSpec>,
    /// Procedure number.
    pub number: Value,
    /// Comments before it.
    pub leading: Vec<Comment>,
    /// The whole procedure line.
    pub span: Span,
}

/// A `version` block.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcVersion {
    /// Version name.
    pub name: Ident,
    /// Its procedures.
    pub procedures: Vec<RpcProcedure>,
    /// Version number.
    pub number: Value,
}

/// What a definition defines.
#[derive(Debug, Clone, PartialEq)]
pub enum DefKind {
    /// `const NAME = value;`
    Const(Value),
    /// `typedef declaration;` (the declaration holds the name).
    Typedef(Declaration),
    /// `enum NAME { ... };`
    Enum(Vec<EnumMember>),
    /// `struct NAME { ... };`
    Struct(Vec<Declaration>),
    /// `union NAME switch ... ;`
    Union(UnionBody),
    /// `program NAME { ... } = n;`
    Program(Vec<RpcVersion>, Value),
}

/// A top-level definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The defined name.
    pub name: Ident,
    /// What it is.
    pub kind: DefKind,
    /// Comments written right before it.
    pub leading: Vec<Comment>,
    /// The whole definition, for quoting it in documentation.
    pub span: Span,
}

/// A parsed `.x` file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Specification {
    /// Definitions in file order.
    pub definitions: Vec<Definition>,
}
