//! Stage 4: render the IR to Rust tokens with `quote`.
//!
//! [`types`] renders the data types with their serde derives, [`codec`] the fast
//! event-based `FromXml`/`ToXml` impls, and [`model`] the static tables of the
//! streaming validator. This module holds what they share: how a type reference and a
//! field are spelled in Rust.

mod codec;
mod model;
mod types;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::error::RenderError;
use crate::ir::{
    Builtin, Compositor, Content, Element, TypeDef, TypeId, TypeKind, TypeRef, TypeSpace,
};
use crate::naming;

/// Everything the renderers need besides the IR.
pub struct Ctx<'a> {
    /// The IR.
    pub space: &'a TypeSpace,
    /// Fields to box, from [`crate::passes::boxed_fields`].
    pub boxed: &'a BTreeSet<(TypeId, String)>,
}

/// How a simple type is represented in Rust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimpleRepr {
    /// A type alias of the base type (no facets, no enumeration).
    Alias,
    /// An enum (closed or open).
    Enum,
    /// A newtype with checked facets.
    Newtype,
}

/// The representation of a simple type definition.
pub fn simple_repr(s: &crate::ir::SimpleType) -> SimpleRepr {
    if !s.enumeration.is_empty() {
        SimpleRepr::Enum
    } else if s.facets.is_empty() {
        SimpleRepr::Alias
    } else {
        SimpleRepr::Newtype
    }
}

/// The Rust type of a built-in.
pub fn builtin_tokens(b: Builtin) -> TokenStream {
    match b {
        Builtin::String => quote!(::std::string::String),
        Builtin::Int => quote!(i32),
        Builtin::Long => quote!(i64),
        Builtin::Boolean => quote!(bool),
        Builtin::DateTime => quote!(crate::DateTime),
        Builtin::Date => quote!(crate::Date),
        Builtin::Decimal => quote!(crate::Decimal),
    }
}

/// The Rust path of a named type.
pub fn type_path(id: &TypeId) -> TokenStream {
    let module = format_ident!("{}", id.module);
    let name = format_ident!("{}", naming::type_name(&id.name));
    quote!(crate::generated::#module::#name)
}

/// The Rust type of a type reference.
pub fn ref_tokens(r: &TypeRef) -> TokenStream {
    match r {
        TypeRef::Builtin(b) => builtin_tokens(*b),
        TypeRef::Named(id) => type_path(id),
    }
}

impl Ctx<'_> {
    /// The definition a reference points at, if it is named.
    pub fn def(&self, r: &TypeRef) -> Result<Option<&TypeDef>, RenderError> {
        match r {
            TypeRef::Builtin(_) => Ok(None),
            TypeRef::Named(id) => self
                .space
                .get(id)
                .map(Some)
                .ok_or_else(|| RenderError::Unnamed(id.to_string())),
        }
    }

    /// Whether a reference denotes a simple type (read with `read_value`).
    pub fn is_simple(&self, r: &TypeRef) -> Result<bool, RenderError> {
        Ok(match self.def(r)? {
            None => true,
            Some(d) => matches!(d.kind, TypeKind::Simple(_)),
        })
    }

    /// Whether a reference denotes the `Cdata` type, whose text is written as CDATA.
    pub fn is_cdata(&self, r: &TypeRef) -> bool {
        matches!(r, TypeRef::Named(id) if id.name == "Cdata")
    }

    /// The XSD name of a referenced type, for docs and messages.
    pub fn ref_name(&self, r: &TypeRef) -> String {
        match r {
            TypeRef::Builtin(b) => b.xsd_name(),
            TypeRef::Named(id) => id.name.clone(),
        }
    }

    /// Whether a value of this type has a sensible `Default`.
    pub fn has_default(&self, r: &TypeRef, seen: &mut BTreeSet<TypeId>) -> bool {
        match r {
            TypeRef::Builtin(b) => {
                !matches!(b, Builtin::DateTime | Builtin::Date | Builtin::Decimal)
            }
            TypeRef::Named(id) => {
                if !seen.insert(id.clone()) {
                    return true;
                }
                match self.space.get(id).map(|d| &d.kind) {
                    Some(TypeKind::Simple(s)) => {
                        simple_repr(s) == SimpleRepr::Alias
                            && self.has_default(&TypeRef::Builtin(s.base), seen)
                    }
                    Some(TypeKind::Complex {
                        attributes,
                        content,
                    }) => {
                        let attrs_ok = attributes
                            .iter()
                            .all(|a| !a.required || self.has_default(&a.ty, seen));
                        let content_ok = match content {
                            Content::Empty => true,
                            Content::Simple(t) => self.has_default(t, seen),
                            Content::Group { .. } => fields(self, id).iter().all(|f| {
                                f.shape != Shape::Required || self.has_default(&f.el.ty, seen)
                            }),
                        };
                        attrs_ok && content_ok
                    }
                    None => false,
                }
            }
        }
    }
}

/// How an element particle is held in its struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `T`
    Required,
    /// `Option<T>`
    Optional,
    /// `Vec<T>`
    Many,
}

/// One element field of a struct.
pub struct Field<'a> {
    /// The particle.
    pub el: &'a Element,
    /// Its shape.
    pub shape: Shape,
    /// Whether the value is boxed.
    pub boxed: bool,
}

/// The element fields of a complex type with group content.
pub fn fields<'a>(ctx: &'a Ctx<'_>, id: &TypeId) -> Vec<Field<'a>> {
    let Some(TypeKind::Complex {
        content:
            Content::Group {
                compositor,
                min,
                elements,
                ..
            },
        ..
    }) = ctx.space.get(id).map(|d| &d.kind)
    else {
        return Vec::new();
    };
    elements
        .iter()
        .map(|el| {
            let shape = if el.max.is_many() {
                Shape::Many
            } else if el.min == 0 || *min == 0 || *compositor == Compositor::Choice {
                Shape::Optional
            } else {
                Shape::Required
            };
            Field {
                el,
                shape,
                boxed: ctx.boxed.contains(&(id.clone(), el.name.clone())),
            }
        })
        .collect()
}

/// Schema documentation is prose, not Markdown: escape what rustdoc would read as
/// links or HTML (`[RN]`, `<WasScan>`).
fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '[' | ']' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Doc attributes from documentation lines, or a fallback line.
pub fn doc_attrs(doc: &[String], fallback: impl FnOnce() -> String) -> TokenStream {
    let text: Vec<String> = doc
        .iter()
        .flat_map(|d| d.lines())
        .map(|l| escape_markdown(l.trim()))
        .collect();
    let text = if text.iter().all(|l| l.is_empty()) {
        vec![fallback()]
    } else {
        // Drop leading/trailing blank lines, keep paragraphs.
        let start = text.iter().position(|l| !l.is_empty()).unwrap_or(0);
        let end = text
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |e| e + 1);
        text[start..end].to_vec()
    };
    let lines = text.iter().map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}

/// Renders one module: its types, their codecs and, for a schema module, its model.
pub fn render_module(ctx: &Ctx<'_>, module: &str) -> Result<TokenStream, RenderError> {
    let mut items = Vec::new();
    for def in ctx.space.module_types(module) {
        items.push(types::render_type(ctx, def)?);
        items.push(codec::render_codec(ctx, def)?);
    }
    if let Some(schema) = ctx.space.schemas.get(module) {
        items.push(codec::render_roots(ctx, schema)?);
        items.push(model::render_model(ctx, schema)?);
    }
    Ok(quote!(#(#items)*))
}
