//! The validator's static tables: one `MODEL` per schema, built from the same IR as
//! the types, covering every type reachable from the schema's global elements.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Ctx;
use crate::error::RenderError;
use crate::ir::{
    Builtin, Compositor, Content, Element, MaxOccurs, SchemaIr, TypeId, TypeKind, TypeRef,
};
use crate::naming;

fn builtin_variant(b: Builtin) -> TokenStream {
    let v = format_ident!("{}", format!("{b:?}"));
    quote!(crate::model::Builtin::#v)
}

fn max_tokens(m: MaxOccurs) -> TokenStream {
    match m {
        MaxOccurs::Unbounded => quote!(crate::model::UNBOUNDED),
        MaxOccurs::Bounded(n) => quote!(#n),
    }
}

struct Tables<'a> {
    ctx: &'a Ctx<'a>,
    complex_index: BTreeMap<TypeId, u16>,
}

impl Tables<'_> {
    fn simple_static(&self, r: &TypeRef) -> TokenStream {
        match r {
            TypeRef::Builtin(b) => {
                let name = format_ident!("XS_{}", naming::const_name(&format!("{b:?}")));
                quote!(&#name)
            }
            TypeRef::Named(id) => {
                let name = format_ident!("S_{}", naming::const_name(&id.name));
                quote!(&#name)
            }
        }
    }

    fn type_ref(&self, r: &TypeRef) -> Result<TokenStream, RenderError> {
        if let TypeRef::Named(id) = r {
            if let Some(i) = self.complex_index.get(id) {
                return Ok(quote!(crate::model::TypeRef::Complex(#i)));
            }
            if !self.ctx.is_simple(r)? {
                return Err(RenderError::Unnamed(id.to_string()));
            }
        }
        let s = self.simple_static(r);
        Ok(quote!(crate::model::TypeRef::Simple(#s)))
    }

    fn element(&self, e: &Element) -> Result<TokenStream, RenderError> {
        let name = &e.name;
        let ty = self.type_ref(&e.ty)?;
        let min = e.min;
        let max = max_tokens(e.max);
        Ok(quote!(crate::model::ElementDecl { name: #name, ty: #ty, min: #min, max: #max }))
    }
}

/// Renders `MODEL` for one schema.
pub fn render_model(ctx: &Ctx<'_>, schema: &SchemaIr) -> Result<TokenStream, RenderError> {
    let reachable = ctx.space.reachable(&schema.name);
    let mut complex = Vec::new();
    let mut simple = Vec::new();
    for id in &reachable {
        match ctx.space.get(id).map(|d| &d.kind) {
            Some(TypeKind::Complex { .. }) => complex.push(id.clone()),
            Some(TypeKind::Simple(_)) => simple.push(id.clone()),
            None => return Err(RenderError::Unnamed(id.to_string())),
        }
    }
    let complex_index = complex
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), u16::try_from(i).unwrap_or(u16::MAX)))
        .collect();
    let tables = Tables { ctx, complex_index };

    let mut used = std::collections::BTreeSet::new();
    let mut note = |r: &TypeRef| {
        if let TypeRef::Builtin(b) = r {
            used.insert(*b);
        }
    };
    schema.roots.iter().for_each(|e| note(&e.ty));
    for id in &complex {
        if let Some(def) = ctx.space.get(id) {
            def.references().into_iter().for_each(&mut note);
        }
    }
    let builtins = used.iter().map(|b| {
        let name = format_ident!("XS_{}", naming::const_name(&format!("{b:?}")));
        let v = builtin_variant(*b);
        quote!(static #name: crate::model::SimpleDecl = crate::model::SimpleDecl::builtin(#v);)
    });

    let mut simple_statics = Vec::new();
    for id in &simple {
        let Some(TypeKind::Simple(s)) = ctx.space.get(id).map(|d| &d.kind) else {
            continue;
        };
        let name = format_ident!("S_{}", naming::const_name(&id.name));
        let xsd = &id.name;
        let base = builtin_variant(s.base);
        let values = &s.enumeration;
        let open = s.open;
        let opt_i64 = |v: Option<i64>| match v {
            Some(v) => quote!(::std::option::Option::Some(#v)),
            None => quote!(::std::option::Option::None),
        };
        let opt_u32 = |v: Option<u32>| match v {
            Some(v) => quote!(::std::option::Option::Some(#v)),
            None => quote!(::std::option::Option::None),
        };
        let (min_i, max_i) = (
            opt_i64(s.facets.min_inclusive),
            opt_i64(s.facets.max_inclusive),
        );
        let (min_l, max_l) = (opt_u32(s.facets.min_length), opt_u32(s.facets.max_length));
        simple_statics.push(quote! {
            static #name: crate::model::SimpleDecl = crate::model::SimpleDecl {
                name: #xsd,
                base: #base,
                enumeration: &[#(#values),*],
                open: #open,
                min_inclusive: #min_i,
                max_inclusive: #max_i,
                min_length: #min_l,
                max_length: #max_l,
            };
        });
    }

    let mut complex_decls = Vec::new();
    for id in &complex {
        let Some(TypeKind::Complex {
            attributes,
            content,
        }) = ctx.space.get(id).map(|d| &d.kind)
        else {
            continue;
        };
        let name = &id.name;
        let attrs = attributes
            .iter()
            .map(|a| {
                let an = &a.name;
                let ty = tables.simple_static(&a.ty);
                let req = a.required;
                quote!(crate::model::AttributeDecl { name: #an, ty: #ty, required: #req })
            })
            .collect::<Vec<_>>();
        let content = match content {
            Content::Empty => quote!(crate::model::ContentDecl::Empty),
            Content::Simple(t) => {
                let s = tables.simple_static(t);
                quote!(crate::model::ContentDecl::Simple(#s))
            }
            Content::Group {
                compositor,
                min,
                max,
                elements,
            } => {
                let comp = match compositor {
                    Compositor::All => quote!(crate::model::Compositor::All),
                    Compositor::Sequence => quote!(crate::model::Compositor::Sequence),
                    Compositor::Choice => quote!(crate::model::Compositor::Choice),
                };
                let max = max_tokens(*max);
                let particles = elements
                    .iter()
                    .map(|e| tables.element(e))
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(crate::model::ContentDecl::Elements {
                    compositor: #comp,
                    min: #min,
                    max: #max,
                    particles: &[#(#particles),*],
                })
            }
        };
        complex_decls.push(quote!(crate::model::ComplexDecl { name: #name, attributes: &[#(#attrs),*], content: #content }));
    }
    let n = complex_decls.len();
    let roots = schema
        .roots
        .iter()
        .map(|e| tables.element(e))
        .collect::<Result<Vec<_>, _>>()?;
    let stem = &schema.name;
    let doc = format!(" The validator's tables for `{}`.", schema.file);
    Ok(quote! {
        #(#builtins)*
        #(#simple_statics)*

        static COMPLEX_TYPES: [crate::model::ComplexDecl; #n] = [#(#complex_decls),*];

        #[doc = #doc]
        pub static MODEL: crate::model::SchemaModel = crate::model::SchemaModel {
            name: #stem,
            roots: &[#(#roots),*],
            complex_types: &COMPLEX_TYPES,
        };
    })
}
