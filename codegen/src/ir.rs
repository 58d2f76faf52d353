//! The generator's own intermediate representation.
//!
//! xsd-parser's meta types are lowered into this IR by [`crate::lower`]; the passes in
//! [`crate::passes`] rewrite it; the renderers read it. Everything is keyed by
//! [`TypeId`] in `BTreeMap`s, so iteration order (and therefore output) is deterministic.
//! No `proc_macro2` type appears here.

use std::collections::BTreeMap;
use std::fmt;

/// The module that holds types defined identically in several schemas.
pub const SHARED_MODULE: &str = "shared";

/// Identifies a type: the module it lives in and its XSD name.
///
/// Anonymous types get a path-like name, `Parent/element`, from the element that
/// declares them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId {
    /// The schema stem (`finding`, …) or [`SHARED_MODULE`].
    pub module: String,
    /// The XSD type name, or `Parent/element` for anonymous types.
    pub name: String,
}

impl TypeId {
    /// A new id.
    pub fn new(module: impl Into<String>, name: impl Into<String>) -> Self {
        TypeId {
            module: module.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::{}", self.module, self.name)
    }
}

/// The XSD built-in types the generator supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Builtin {
    /// `xs:string`
    String,
    /// `xs:int`
    Int,
    /// `xs:long`
    Long,
    /// `xs:boolean`
    Boolean,
    /// `xs:dateTime`
    DateTime,
    /// `xs:date`
    Date,
    /// `xs:decimal`
    Decimal,
}

impl Builtin {
    /// Every supported built-in with its XSD local name.
    pub const ALL: [(Builtin, &'static str); 7] = [
        (Builtin::String, "string"),
        (Builtin::Int, "int"),
        (Builtin::Long, "long"),
        (Builtin::Boolean, "boolean"),
        (Builtin::DateTime, "dateTime"),
        (Builtin::Date, "date"),
        (Builtin::Decimal, "decimal"),
    ];

    /// Looks a built-in up by its XSD local name.
    pub fn from_xsd(local: &str) -> Option<Builtin> {
        Self::ALL.iter().find(|(_, n)| *n == local).map(|(b, _)| *b)
    }

    /// The `xs:` spelling.
    pub fn xsd_name(self) -> String {
        let local = Self::ALL
            .iter()
            .find(|(b, _)| *b == self)
            .map_or("string", |(_, n)| n);
        format!("xs:{local}")
    }

    /// Whether the built-in has an integer value space (range facets apply).
    pub fn is_integer(self) -> bool {
        matches!(self, Builtin::Int | Builtin::Long)
    }
}

/// A reference to a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A built-in simple type.
    Builtin(Builtin),
    /// A type defined in the schemas.
    Named(TypeId),
}

/// Upper bound of an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaxOccurs {
    /// `maxOccurs="unbounded"`.
    Unbounded,
    /// A finite bound.
    Bounded(u32),
}

impl MaxOccurs {
    /// Whether more than one occurrence is allowed.
    pub fn is_many(self) -> bool {
        !matches!(self, MaxOccurs::Bounded(0 | 1))
    }
}

impl fmt::Display for MaxOccurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MaxOccurs::Unbounded => f.write_str("unbounded"),
            MaxOccurs::Bounded(n) => write!(f, "{n}"),
        }
    }
}

/// A model-group compositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Compositor {
    /// `xs:all`
    All,
    /// `xs:sequence`
    Sequence,
    /// `xs:choice`
    Choice,
}

impl fmt::Display for Compositor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Compositor::All => "all",
            Compositor::Sequence => "sequence",
            Compositor::Choice => "choice",
        })
    }
}

/// An element particle, or a global element.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Element {
    /// The XML local name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// `minOccurs`.
    pub min: u32,
    /// `maxOccurs`.
    pub max: MaxOccurs,
    /// `xs:documentation` of the element.
    pub doc: Vec<String>,
}

/// An attribute declaration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribute {
    /// The XML name.
    pub name: String,
    /// Its simple type.
    pub ty: TypeRef,
    /// `use="required"`.
    pub required: bool,
    /// `xs:documentation` of the attribute.
    pub doc: Vec<String>,
}

/// The content of a complex type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Content {
    /// No content.
    Empty,
    /// Simple content of the given simple type.
    Simple(TypeRef),
    /// One compositor over element particles.
    Group {
        /// The compositor.
        compositor: Compositor,
        /// The compositor's `minOccurs`.
        min: u32,
        /// The compositor's `maxOccurs`.
        max: MaxOccurs,
        /// The particles, in schema order.
        elements: Vec<Element>,
    },
}

/// Facets of a restricted simple type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Facets {
    /// `minInclusive` (integers only).
    pub min_inclusive: Option<i64>,
    /// `maxInclusive` (integers only).
    pub max_inclusive: Option<i64>,
    /// `minLength`.
    pub min_length: Option<u32>,
    /// `maxLength`.
    pub max_length: Option<u32>,
}

impl Facets {
    /// Whether no facet is set.
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }
}

/// A simple type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimpleType {
    /// The built-in it derives from.
    pub base: Builtin,
    /// Range and length facets.
    pub facets: Facets,
    /// Enumeration values, in schema order; empty when there is no enumeration.
    pub enumeration: Vec<String>,
    /// An open enumeration: the union of an enumeration with its base, so any value
    /// of the base is valid and `enumeration` lists the known ones.
    pub open: bool,
}

/// What a type is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeKind {
    /// A complex type.
    Complex {
        /// Declared attributes.
        attributes: Vec<Attribute>,
        /// The content model.
        content: Content,
    },
    /// A simple type.
    Simple(SimpleType),
}

/// One type definition.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypeDef {
    /// Its id.
    pub id: TypeId,
    /// `xs:documentation` of the type (or of the element declaring an anonymous type).
    pub doc: Vec<String>,
    /// The schema files it was read from (several after dedup).
    pub sources: Vec<String>,
    /// Whether the XSD type is anonymous.
    pub anonymous: bool,
    /// The definition.
    pub kind: TypeKind,
}

/// One schema file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaIr {
    /// The file stem, `finding`; also the Rust module name.
    pub name: String,
    /// The file name, `finding.xsd`.
    pub file: String,
    /// Global elements (document roots), sorted by name.
    pub roots: Vec<Element>,
}

/// Every schema and every type: the input of the passes and renderers.
#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    /// The schemas, keyed by stem.
    pub schemas: BTreeMap<String, SchemaIr>,
    /// Every type, keyed by id.
    pub types: BTreeMap<TypeId, TypeDef>,
}

impl TypeSpace {
    /// Looks a type up.
    pub fn get(&self, id: &TypeId) -> Option<&TypeDef> {
        self.types.get(id)
    }

    /// The types of one module, in id order.
    pub fn module_types<'a>(&'a self, module: &'a str) -> impl Iterator<Item = &'a TypeDef> + 'a {
        self.types.values().filter(move |t| t.id.module == module)
    }

    /// The module names that have types, in order, shared module included.
    pub fn modules(&self) -> Vec<String> {
        let mut out: Vec<String> = self.schemas.keys().cloned().collect();
        if self.types.keys().any(|id| id.module == SHARED_MODULE) {
            out.push(SHARED_MODULE.to_string());
        }
        out.sort();
        out
    }

    /// Every type a schema's documents can use: reachable from its roots.
    pub fn reachable(&self, schema: &str) -> Vec<TypeId> {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<TypeId> = Vec::new();
        if let Some(s) = self.schemas.get(schema) {
            for root in &s.roots {
                if let TypeRef::Named(id) = &root.ty {
                    stack.push(id.clone());
                }
            }
        }
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(def) = self.types.get(&id) {
                for r in def.references() {
                    if let TypeRef::Named(next) = r {
                        stack.push(next.clone());
                    }
                }
            }
        }
        seen.into_iter().collect()
    }
}

impl TypeDef {
    /// Every type reference the definition makes.
    pub fn references(&self) -> Vec<&TypeRef> {
        match &self.kind {
            TypeKind::Simple(_) => Vec::new(),
            TypeKind::Complex {
                attributes,
                content,
            } => {
                let mut out: Vec<&TypeRef> = attributes.iter().map(|a| &a.ty).collect();
                match content {
                    Content::Empty => {}
                    Content::Simple(t) => out.push(t),
                    Content::Group { elements, .. } => out.extend(elements.iter().map(|e| &e.ty)),
                }
                out
            }
        }
    }

    /// Mutable access to every type reference.
    pub fn references_mut(&mut self) -> Vec<&mut TypeRef> {
        match &mut self.kind {
            TypeKind::Simple(_) => Vec::new(),
            TypeKind::Complex {
                attributes,
                content,
            } => {
                let mut out: Vec<&mut TypeRef> = attributes.iter_mut().map(|a| &mut a.ty).collect();
                match content {
                    Content::Empty => {}
                    Content::Simple(t) => out.push(t),
                    Content::Group { elements, .. } => {
                        out.extend(elements.iter_mut().map(|e| &mut e.ty))
                    }
                }
                out
            }
        }
    }

    /// The XSD name to show in docs and messages.
    pub fn xsd_name(&self) -> &str {
        &self.id.name
    }
}
