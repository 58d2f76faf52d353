//! The schema model: a static, table-shaped description of each XSD.
//!
//! The generator emits one [`SchemaModel`] per schema (in `generated/`), built from the
//! same IR as the Rust types. The streaming validator in [`mod@crate::validate`] interprets
//! these tables over quick-xml events, so validation never builds the typed value and
//! needs no allocation per element.
//!
//! The model covers the XSD subset the vendored schemas use: global elements, named and
//! anonymous complex types whose content is empty, simple content, or one flat
//! compositor (`all`, `sequence`, `choice`) of elements; attributes; and simple types
//! that restrict a built-in with facets, or open enumerations (a union of an enumeration
//! with `xs:string`).

/// Upper bound of an occurrence range; `u32::MAX` stands for `unbounded`.
pub const UNBOUNDED: u32 = u32::MAX;

/// One XSD schema, as tables.
#[derive(Debug)]
pub struct SchemaModel {
    /// Schema file stem, such as `finding`.
    pub name: &'static str,
    /// Global elements: the allowed document roots.
    pub roots: &'static [ElementDecl],
    /// Every complex type of the schema, named or anonymous, indexed by [`TypeRef::Complex`].
    pub complex_types: &'static [ComplexDecl],
}

/// A reference from an element to its type.
#[derive(Debug, Clone, Copy)]
pub enum TypeRef {
    /// Index into [`SchemaModel::complex_types`].
    Complex(u16),
    /// A simple type: the element holds text only and no attributes.
    Simple(&'static SimpleDecl),
}

/// An element declaration: a global element, or a particle in a content model.
#[derive(Debug)]
pub struct ElementDecl {
    /// The element's local name.
    pub name: &'static str,
    /// Its type.
    pub ty: TypeRef,
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`; [`UNBOUNDED`] for `unbounded`.
    pub max: u32,
}

/// A complex type.
#[derive(Debug)]
pub struct ComplexDecl {
    /// The XSD type name, or a path such as `SSLDataInfoList/list` for anonymous types.
    pub name: &'static str,
    /// Declared attributes. `xsi:` attributes are always allowed besides these.
    pub attributes: &'static [AttributeDecl],
    /// The content model.
    pub content: ContentDecl,
}

/// The content model of a complex type.
#[derive(Debug)]
pub enum ContentDecl {
    /// No children and no text (whitespace is not allowed either, as in XSD).
    Empty,
    /// `simpleContent`: text of this simple type, no child elements.
    Simple(&'static SimpleDecl),
    /// Element-only content: one compositor over element particles.
    Elements {
        /// `all`, `sequence` or `choice`.
        compositor: Compositor,
        /// The compositor's own `minOccurs`.
        min: u32,
        /// The compositor's own `maxOccurs`.
        max: u32,
        /// The element particles, in schema order.
        particles: &'static [ElementDecl],
    },
}

/// An XSD model-group compositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositor {
    /// `xs:all`: each particle at most once, in any order.
    All,
    /// `xs:sequence`: particles in order.
    Sequence,
    /// `xs:choice`: one of the particles per repetition.
    Choice,
}

/// An attribute declaration.
#[derive(Debug)]
pub struct AttributeDecl {
    /// The attribute's name.
    pub name: &'static str,
    /// Its simple type.
    pub ty: &'static SimpleDecl,
    /// `use="required"`.
    pub required: bool,
}

/// A built-in XSD datatype that a simple type restricts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `xs:string`.
    String,
    /// `xs:int` (32-bit signed).
    Int,
    /// `xs:long` (64-bit signed).
    Long,
    /// `xs:boolean`: `true`, `false`, `1`, `0`.
    Boolean,
    /// `xs:dateTime`.
    DateTime,
    /// `xs:date`.
    Date,
    /// `xs:decimal`.
    Decimal,
}

impl Builtin {
    /// The XSD spelling, such as `xs:int`.
    pub const fn xsd_name(self) -> &'static str {
        match self {
            Builtin::String => "xs:string",
            Builtin::Int => "xs:int",
            Builtin::Long => "xs:long",
            Builtin::Boolean => "xs:boolean",
            Builtin::DateTime => "xs:dateTime",
            Builtin::Date => "xs:date",
            Builtin::Decimal => "xs:decimal",
        }
    }

    /// Whether values of this type are whitespace-collapsed before checking
    /// (every built-in but `xs:string`).
    pub const fn collapses(self) -> bool {
        !matches!(self, Builtin::String)
    }
}

/// A simple type: a built-in plus facets.
#[derive(Debug)]
pub struct SimpleDecl {
    /// The XSD type name used in messages (`xs:boolean`, `ResponseCode`, …).
    pub name: &'static str,
    /// The built-in it restricts.
    pub base: Builtin,
    /// Closed set of allowed values (after whitespace handling); empty means no
    /// enumeration facet.
    pub enumeration: &'static [&'static str],
    /// An open enumeration accepts any value of `base`; `enumeration` then lists only
    /// the known values.
    pub open: bool,
    /// `minInclusive`, for integer bases.
    pub min_inclusive: Option<i64>,
    /// `maxInclusive`, for integer bases.
    pub max_inclusive: Option<i64>,
    /// `minLength` (characters).
    pub min_length: Option<u32>,
    /// `maxLength` (characters).
    pub max_length: Option<u32>,
}

impl SimpleDecl {
    /// A facet-free built-in type.
    pub const fn builtin(base: Builtin) -> SimpleDecl {
        SimpleDecl {
            name: base.xsd_name(),
            base,
            enumeration: &[],
            open: false,
            min_inclusive: None,
            max_inclusive: None,
            min_length: None,
            max_length: None,
        }
    }
}
