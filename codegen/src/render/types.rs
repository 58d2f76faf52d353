//! Data types: a struct per complex type, an enum per enumeration, a newtype per
//! restricted simple type, an alias per plain simple type. serde derives round-trip
//! through quick-xml's serde support (`@attr`, `$text`, renames only where needed).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{builtin_tokens, doc_attrs, fields, ref_tokens, simple_repr, Ctx, Shape, SimpleRepr};
use crate::error::RenderError;
use crate::ir::{Content, SimpleType, TypeDef, TypeKind, TypeRef};
use crate::naming;

/// Renders the Rust type for one definition.
pub fn render_type(ctx: &Ctx<'_>, def: &TypeDef) -> Result<TokenStream, RenderError> {
    let origin = if def.anonymous {
        format!(
            "The anonymous type of `{}` in `{}`.",
            def.id.name,
            def.sources.join("`, `")
        )
    } else {
        format!(
            "The `{}` type of `{}`.",
            def.id.name,
            def.sources.join("`, `")
        )
    };
    let docs = doc_attrs(&def.doc, || origin.clone());
    let docs = if def.doc.is_empty() {
        docs
    } else {
        let origin = format!(" XSD: {origin}");
        quote!(#docs #[doc = ""] #[doc = #origin])
    };
    let name = format_ident!("{}", naming::type_name(&def.id.name));
    match &def.kind {
        TypeKind::Simple(s) => Ok(render_simple(&def.id.name, &name, docs, s)),
        TypeKind::Complex { .. } => render_struct(ctx, def, &name, docs),
    }
}

fn render_struct(
    ctx: &Ctx<'_>,
    def: &TypeDef,
    name: &proc_macro2::Ident,
    docs: TokenStream,
) -> Result<TokenStream, RenderError> {
    let TypeKind::Complex {
        attributes,
        content,
    } = &def.kind
    else {
        return Ok(TokenStream::new());
    };
    let mut members = Vec::new();
    for a in attributes {
        let field = format_ident!("{}", naming::field_name(&a.name));
        let ty = ref_tokens(&a.ty);
        let rename = format!("@{}", a.name);
        let fallback = || {
            format!(
                "The `{}` attribute ({}, {}).",
                a.name,
                ctx.ref_name(&a.ty),
                if a.required { "required" } else { "optional" }
            )
        };
        let doc = doc_attrs(&a.doc, fallback);
        members.push(if a.required {
            quote!(#doc #[serde(rename = #rename)] pub #field: #ty,)
        } else {
            quote!(
                #doc
                #[serde(rename = #rename, default, skip_serializing_if = "::std::option::Option::is_none")]
                pub #field: ::std::option::Option<#ty>,
            )
        });
    }
    match content {
        Content::Empty => {}
        Content::Simple(t) => {
            let ty = ref_tokens(t);
            let doc = format!(" The text content ({}).", ctx.ref_name(t));
            // `default` lets serde read an empty element, but only types with a
            // `Default` (not dates, decimals, newtypes or enums) support it.
            let serde_attr = if ctx.has_default(t, &mut Default::default()) {
                quote!(#[serde(rename = "$text", default)])
            } else {
                quote!(#[serde(rename = "$text")])
            };
            members.push(quote!(#[doc = #doc] #serde_attr pub value: #ty,));
        }
        Content::Group { .. } => {
            for f in fields(ctx, &def.id) {
                let field_name = naming::field_name(&f.el.name);
                let field = format_ident!("{}", field_name);
                let mut ty = ref_tokens(&f.el.ty);
                if f.boxed {
                    ty = quote!(::std::boxed::Box<#ty>);
                }
                let occurs = match f.shape {
                    Shape::Required => "required".to_string(),
                    Shape::Optional => "optional".to_string(),
                    Shape::Many => format!("{}..{}", f.el.min, f.el.max),
                };
                let fallback = || {
                    format!(
                        "The `{}` element ({}, {occurs}).",
                        f.el.name,
                        ctx.ref_name(&f.el.ty)
                    )
                };
                let doc = doc_attrs(&f.el.doc, fallback);
                let rename = (field_name != f.el.name).then(|| f.el.name.clone());
                let mut serde_args = Vec::new();
                if let Some(r) = rename {
                    serde_args.push(quote!(rename = #r));
                }
                let (ty, extra) = match f.shape {
                    Shape::Required => (ty, None),
                    Shape::Optional => (
                        quote!(::std::option::Option<#ty>),
                        Some(quote!(
                            default,
                            skip_serializing_if = "::std::option::Option::is_none"
                        )),
                    ),
                    Shape::Many => (
                        quote!(::std::vec::Vec<#ty>),
                        Some(quote!(
                            default,
                            skip_serializing_if = "::std::vec::Vec::is_empty"
                        )),
                    ),
                };
                serde_args.extend(extra);
                let serde_attr = if serde_args.is_empty() {
                    quote!()
                } else {
                    quote!(#[serde(#(#serde_args),*)])
                };
                members.push(quote!(#doc #serde_attr pub #field: #ty,));
            }
        }
    }
    let mut seen = Default::default();
    let default = ctx.has_default(&TypeRef::Named(def.id.clone()), &mut seen);
    let derive_default = default.then(|| quote!(Default,));
    let accessors = list_accessors(ctx, def)?;
    Ok(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #(#members)*
        }
        #accessors
    })
}

/// For each child that is a list wrapper (`{count?, list?{Item*}}` or with `set`),
/// an `<child>_iter()` accessor that walks the items without opening the wrapper.
fn list_accessors(ctx: &Ctx<'_>, def: &TypeDef) -> Result<TokenStream, RenderError> {
    let mut methods = Vec::new();
    for f in fields(ctx, &def.id) {
        if f.shape == Shape::Many || f.boxed {
            continue;
        }
        let Some(wrapper) = ctx.def(&f.el.ty)? else {
            continue;
        };
        for inner in fields(ctx, &wrapper.id) {
            if !matches!(inner.el.name.as_str(), "list" | "set") || inner.shape == Shape::Many {
                continue;
            }
            let Some(list) = ctx.def(&inner.el.ty)? else {
                continue;
            };
            let items = fields(ctx, &list.id);
            let [item] = items.as_slice() else { continue };
            if item.shape != Shape::Many {
                continue;
            }
            let method = format_ident!("{}_{}_iter", naming::field_name(&f.el.name), inner.el.name);
            let method = if inner.el.name == "list" {
                format_ident!("{}_iter", naming::field_name(&f.el.name))
            } else {
                method
            };
            let field = format_ident!("{}", naming::field_name(&f.el.name));
            let inner_field = format_ident!("{}", naming::field_name(&inner.el.name));
            let item_field = format_ident!("{}", naming::field_name(&item.el.name));
            let item_ty = ref_tokens(&item.el.ty);
            let doc = format!(
                " Iterates over the `{}` items of `{}/{}`, if any.",
                item.el.name, f.el.name, inner.el.name
            );
            let outer = match f.shape {
                Shape::Required => quote!(::std::iter::once(&self.#field)),
                _ => quote!(self.#field.iter()),
            };
            let mid = match inner.shape {
                Shape::Required => quote!(.map(|w| &w.#inner_field)),
                _ => quote!(.flat_map(|w| w.#inner_field.iter())),
            };
            methods.push(quote! {
                #[doc = #doc]
                pub fn #method(&self) -> impl ::std::iter::Iterator<Item = &#item_ty> + '_ {
                    #outer #mid .flat_map(|l| l.#item_field.iter())
                }
            });
        }
    }
    if methods.is_empty() {
        return Ok(TokenStream::new());
    }
    let name = format_ident!("{}", naming::type_name(&def.id.name));
    Ok(quote!(impl #name { #(#methods)* }))
}

fn render_simple(
    xsd_name: &str,
    name: &proc_macro2::Ident,
    docs: TokenStream,
    s: &SimpleType,
) -> TokenStream {
    let base = builtin_tokens(s.base);
    match simple_repr(s) {
        SimpleRepr::Alias => quote!(#docs pub type #name = #base;),
        SimpleRepr::Newtype => {
            let check = facet_check(xsd_name, s);
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
                #[serde(transparent)]
                pub struct #name(#base);

                impl #name {
                    /// Wraps a value after checking the type's facets.
                    pub fn new(value: #base) -> ::std::result::Result<Self, crate::ValueError> {
                        #check
                        ::std::result::Result::Ok(Self(value))
                    }

                    /// The wrapped value.
                    pub fn get(&self) -> &#base {
                        &self.0
                    }

                    /// Unwraps the value.
                    pub fn into_inner(self) -> #base {
                        self.0
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        let value = <#base as ::serde::Deserialize>::deserialize(d)?;
                        Self::new(value).map_err(::serde::de::Error::custom)
                    }
                }
            }
        }
        SimpleRepr::Enum => {
            let variants: Vec<_> = s
                .enumeration
                .iter()
                .map(|v| format_ident!("{}", naming::variant_name(v)))
                .collect();
            let values = &s.enumeration;
            let variant_docs = values.iter().map(|v| format!(" `{v}`"));
            let other = s.open.then(|| {
                quote! {
                    /// A value not known when the types were generated. Known values
                    /// always parse to their own variant, never to `Other`.
                    Other(::std::string::String),
                }
            });
            let other_str = s.open.then(|| quote!(Self::Other(v) => v.as_str(),));
            let copy = (!s.open).then(|| quote!(Copy, Eq, Hash,));
            let eq = s.open.then(|| quote!(Eq, Hash,));
            quote! {
                #docs
                #[derive(Debug, Clone, PartialEq, #copy #eq)]
                pub enum #name {
                    #(#[doc = #variant_docs] #variants,)*
                    #other
                }

                impl #name {
                    /// The XML spelling of the value.
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(Self::#variants => #values,)*
                            #other_str
                        }
                    }
                }

                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }

                impl ::std::str::FromStr for #name {
                    type Err = crate::ValueError;
                    fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                        <Self as crate::XmlValue>::parse_xml(s)
                    }
                }

                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                        s.serialize_str(self.as_str())
                    }
                }

                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        let text = <::std::string::String as ::serde::Deserialize>::deserialize(d)?;
                        <Self as crate::XmlValue>::parse_xml(&text).map_err(::serde::de::Error::custom)
                    }
                }
            }
        }
    }
}

/// Statements that return a `ValueError` from `new` when `value` breaks a facet.
pub fn facet_check(xsd_name: &str, s: &SimpleType) -> TokenStream {
    let mut checks = Vec::new();
    let type_name = xsd_name;
    let as_i64 = if s.base == crate::ir::Builtin::Int {
        quote!(i64::from(value))
    } else {
        quote!(value)
    };
    if let Some(min) = s.facets.min_inclusive {
        checks.push(quote!(if #as_i64 < #min { return ::std::result::Result::Err(crate::ValueError::new(value.to_string(), #type_name)); }));
    }
    if let Some(max) = s.facets.max_inclusive {
        checks.push(quote!(if #as_i64 > #max { return ::std::result::Result::Err(crate::ValueError::new(value.to_string(), #type_name)); }));
    }
    if let Some(min) = s.facets.min_length {
        let min = min as usize;
        checks.push(quote!(if value.chars().count() < #min { return ::std::result::Result::Err(crate::ValueError::new(value.to_string(), #type_name)); }));
    }
    if let Some(max) = s.facets.max_length {
        let max = max as usize;
        checks.push(quote!(if value.chars().count() > #max { return ::std::result::Result::Err(crate::ValueError::new(value.to_string(), #type_name)); }));
    }
    quote!(#(#checks)*)
}
