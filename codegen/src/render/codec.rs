//! Fast, event-based (de)serialisation: `FromXml`/`ToXml` for complex types and
//! `XmlValue` for enums and newtypes. These match element names as bytes on quick-xml
//! events, without serde's look-ahead buffering.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{builtin_tokens, fields, ref_tokens, simple_repr, type_path, Ctx, Shape, SimpleRepr};
use crate::error::RenderError;
use crate::ir::{Compositor, Content, MaxOccurs, SchemaIr, TypeDef, TypeKind, TypeRef};
use crate::naming;

/// Renders the codec impls for one definition.
pub fn render_codec(ctx: &Ctx<'_>, def: &TypeDef) -> Result<TokenStream, RenderError> {
    let name = format_ident!("{}", naming::type_name(&def.id.name));
    match &def.kind {
        TypeKind::Simple(s) => Ok(match simple_repr(s) {
            SimpleRepr::Alias => TokenStream::new(),
            SimpleRepr::Newtype => {
                let base = builtin_tokens(s.base);
                let type_name = &def.id.name;
                quote! {
                    impl crate::XmlValue for #name {
                        const COLLAPSE: bool = <#base as crate::XmlValue>::COLLAPSE;
                        const TYPE_NAME: &'static str = #type_name;
                        fn parse_xml(text: &str) -> ::std::result::Result<Self, crate::ValueError> {
                            Self::new(<#base as crate::XmlValue>::parse_xml(text)?)
                        }
                        fn write_xml(&self, out: &mut ::std::string::String) {
                            crate::XmlValue::write_xml(&self.0, out)
                        }
                    }
                }
            }
            SimpleRepr::Enum => {
                let base = builtin_tokens(s.base);
                let type_name = &def.id.name;
                let variants = s
                    .enumeration
                    .iter()
                    .map(|v| format_ident!("{}", naming::variant_name(v)));
                let values = &s.enumeration;
                let fallback = if s.open {
                    quote!(other => ::std::result::Result::Ok(Self::Other(other.to_string())),)
                } else {
                    quote!(other => ::std::result::Result::Err(crate::ValueError::new(other, #type_name)),)
                };
                quote! {
                    impl crate::XmlValue for #name {
                        const COLLAPSE: bool = <#base as crate::XmlValue>::COLLAPSE;
                        const TYPE_NAME: &'static str = #type_name;
                        fn parse_xml(text: &str) -> ::std::result::Result<Self, crate::ValueError> {
                            match text {
                                #(#values => ::std::result::Result::Ok(Self::#variants),)*
                                #fallback
                            }
                        }
                        fn write_xml(&self, out: &mut ::std::string::String) {
                            out.push_str(self.as_str())
                        }
                    }
                }
            }
        }),
        TypeKind::Complex {
            attributes,
            content,
        } => {
            // Attributes.
            let mut attr_locals = Vec::new();
            let mut attr_arms = Vec::new();
            let mut attr_inits = Vec::new();
            let mut attr_writes = Vec::new();
            for a in attributes {
                let local =
                    format_ident!("a_{}", naming::field_name(&a.name).trim_end_matches('_'));
                let field = format_ident!("{}", naming::field_name(&a.name));
                let ty = ref_tokens(&a.ty);
                let xml = &a.name;
                attr_locals.push(quote!(let mut #local: ::std::option::Option<#ty> = ::std::option::Option::None;));
                attr_arms.push(quote!(#xml => #local = ::std::option::Option::Some(crate::codec::parse_attribute(r, &attr)?),));
                if a.required {
                    attr_inits.push(
                        quote!(#field: #local.ok_or_else(|| r.missing_attribute(&mark, #xml))?,),
                    );
                    attr_writes.push(quote!(crate::codec::write_attribute(w, #xml, &self.#field);));
                } else {
                    attr_inits.push(quote!(#field: #local,));
                    attr_writes.push(quote!(if let ::std::option::Option::Some(v) = &self.#field { crate::codec::write_attribute(w, #xml, v); }));
                }
            }
            let read_attrs = if attributes.is_empty() {
                quote!(r.no_attributes()?;)
            } else {
                quote! {
                    #(#attr_locals)*
                    for attr in r.take_attributes()? {
                        match attr.name.as_str() {
                            #(#attr_arms)*
                            _ => r.unknown_attribute(&attr)?,
                        }
                    }
                }
            };
            let (read_body, inits, writes) = match content {
                Content::Empty => (
                    quote!(while r.next_child()? {
                        r.unknown_element()?;
                    }),
                    Vec::new(),
                    Vec::new(),
                ),
                Content::Simple(t) => {
                    let cdata = ctx.is_cdata(t);
                    (
                        quote!(let value = r.read_value()?;),
                        vec![quote!(value,)],
                        vec![quote!(crate::codec::write_text(w, &self.value, #cdata);)],
                    )
                }
                Content::Group { .. } => group_codec(ctx, def)?,
            };
            let choice = matches!(
                content,
                Content::Group {
                    compositor: Compositor::Choice,
                    ..
                }
            );
            let needs_mark = choice
                || attributes.iter().any(|a| a.required)
                || fields(ctx, &def.id).iter().any(|f| {
                    f.shape == Shape::Required
                        || (f.shape == Shape::Many
                            && (f.el.min > 0 || f.el.max != MaxOccurs::Unbounded))
                });
            let mark = needs_mark.then(|| quote!(let mark = r.mark();));
            Ok(quote! {
                impl crate::FromXml for #name {
                    fn from_xml<R: ::std::io::BufRead>(r: &mut crate::XmlReader<R>) -> ::std::result::Result<Self, crate::Error> {
                        #mark
                        #read_attrs
                        #read_body
                        ::std::result::Result::Ok(Self { #(#attr_inits)* #(#inits)* })
                    }
                }

                impl crate::ToXml for #name {
                    fn to_xml(&self, w: &mut crate::XmlWriter, name: &str) {
                        w.start(name);
                        #(#attr_writes)*
                        #(#writes)*
                        w.end(name);
                    }
                }
            })
        }
    }
}

type Parts = (TokenStream, Vec<TokenStream>, Vec<TokenStream>);

fn group_codec(ctx: &Ctx<'_>, def: &TypeDef) -> Result<Parts, RenderError> {
    let mut locals = Vec::new();
    let mut arms = Vec::new();
    let mut inits = Vec::new();
    let mut writes = Vec::new();
    let mut checks = Vec::new();
    let in_choice = matches!(
        ctx.space.get(&def.id).map(|d| &d.kind),
        Some(TypeKind::Complex {
            content: Content::Group {
                compositor: Compositor::Choice,
                ..
            },
            ..
        })
    );
    for f in fields(ctx, &def.id) {
        let field = format_ident!("{}", naming::field_name(&f.el.name));
        let local = format_ident!("f_{}", naming::field_name(&f.el.name).trim_end_matches('_'));
        let xml = &f.el.name;
        let xml_bytes = proc_macro2::Literal::byte_string(xml.as_bytes());
        let mut ty = ref_tokens(&f.el.ty);
        let simple = ctx.is_simple(&f.el.ty)?;
        let mut read = if simple {
            quote!(r.read_value::<#ty>()?)
        } else {
            quote!(<#ty as crate::FromXml>::from_xml(r)?)
        };
        if f.boxed {
            ty = quote!(::std::boxed::Box<#ty>);
            read = quote!(::std::boxed::Box::new(#read));
        }
        let cdata = ctx.is_cdata(&f.el.ty);
        let write_one = |v: TokenStream| {
            if simple {
                quote!(crate::codec::write_value(w, #xml, #v, #cdata);)
            } else {
                quote!(crate::ToXml::to_xml(#v, w, #xml);)
            }
        };
        match f.shape {
            Shape::Many => {
                locals.push(quote!(let mut #local: ::std::vec::Vec<#ty> = ::std::vec::Vec::new();));
                arms.push(quote!(#xml_bytes => #local.push(#read),));
                let min = f.el.min;
                let max = match f.el.max {
                    MaxOccurs::Unbounded => None,
                    MaxOccurs::Bounded(n) => Some(n),
                };
                // Inside a choice, a particle's minOccurs binds only when it is chosen.
                // Inside a choice, a particle's minOccurs binds only when it is chosen.
                let too_few = match (min, in_choice) {
                    (0, _) | (1, true) => None,
                    (1, false) => Some(quote!(#local.is_empty())),
                    (n, false) => {
                        let n = n as usize;
                        Some(quote!(#local.len() < #n))
                    }
                    (n, true) => {
                        let n = n as usize;
                        Some(quote!(!#local.is_empty() && #local.len() < #n))
                    }
                };
                let too_many = max.map(|m| {
                    let m = m as usize;
                    quote!(#local.len() > #m)
                });
                let cond: Vec<_> = too_few.into_iter().chain(too_many).collect();
                let cond = match cond.as_slice() {
                    [one] => Some(one.clone()),
                    [a, b] => Some(quote!((#a) || (#b))),
                    _ => None,
                };
                if let Some(cond) = cond {
                    let max = max.unwrap_or(u32::MAX);
                    checks.push(quote! {
                        if #cond {
                            let found = u32::try_from(#local.len()).unwrap_or(u32::MAX);
                            return ::std::result::Result::Err(r.occurrence(&mark, #xml, #min, #max, found));
                        }
                    });
                }
                inits.push(quote!(#field: #local,));
                let w1 = write_one(quote!(v));
                writes.push(quote!(for v in &self.#field { #w1 }));
            }
            Shape::Optional | Shape::Required => {
                locals.push(quote!(let mut #local: ::std::option::Option<#ty> = ::std::option::Option::None;));
                arms.push(quote!(#xml_bytes => {
                    if #local.is_some() {
                        return ::std::result::Result::Err(r.duplicate(#xml));
                    }
                    #local = ::std::option::Option::Some(#read);
                }));
                if f.shape == Shape::Required {
                    inits.push(quote!(#field: #local.ok_or_else(|| r.missing(&mark, #xml))?,));
                    let w1 = write_one(quote!(&self.#field));
                    writes.push(w1);
                } else {
                    inits.push(quote!(#field: #local,));
                    let w1 = write_one(quote!(v));
                    writes
                        .push(quote!(if let ::std::option::Option::Some(v) = &self.#field { #w1 }));
                }
            }
        }
    }
    // A choice takes exactly one alternative (none when the choice is optional).
    if let Some(TypeKind::Complex {
        content:
            Content::Group {
                compositor: Compositor::Choice,
                min,
                elements,
                ..
            },
        ..
    }) = ctx.space.get(&def.id).map(|d| &d.kind)
    {
        let present = fields(ctx, &def.id)
            .iter()
            .map(|f| {
                let local =
                    format_ident!("f_{}", naming::field_name(&f.el.name).trim_end_matches('_'));
                match f.shape {
                    Shape::Many => quote!(!#local.is_empty()),
                    _ => quote!(#local.is_some()),
                }
            })
            .collect::<Vec<_>>();
        let names = elements
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        let label = format!("({names})");
        let min = *min;
        let cond = if min > 0 {
            quote!(chosen != 1)
        } else {
            quote!(chosen > 1)
        };
        checks.push(quote! {
            let chosen = [#(#present),*].iter().filter(|p| **p).count();
            if #cond {
                let found = u32::try_from(chosen).unwrap_or(u32::MAX);
                return ::std::result::Result::Err(r.occurrence(&mark, #label, #min, 1, found));
            }
        });
    }
    let read = quote! {
        #(#locals)*
        while r.next_child()? {
            match r.name() {
                #(#arms)*
                _ => r.unknown_element()?,
            }
        }
        #(#checks)*
    };
    Ok((read, inits, writes))
}

/// The per-schema `Root` enum over the global elements, and `XmlRoot` impls.
pub fn render_roots(ctx: &Ctx<'_>, schema: &SchemaIr) -> Result<TokenStream, RenderError> {
    let schema_variant = schema_enum_variant(&schema.name).map(|v| format_ident!("{}", v));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut write_arms = Vec::new();
    let mut name_arms = Vec::new();
    let mut impls = Vec::new();
    let mut names = Vec::new();
    for root in &schema.roots {
        let TypeRef::Named(id) = &root.ty else {
            continue;
        };
        if ctx.is_simple(&root.ty)? {
            continue;
        }
        let v = format_ident!("{}", naming::type_name(&root.name));
        let ty = type_path(id);
        let xml = &root.name;
        let xml_bytes = proc_macro2::Literal::byte_string(root.name.as_bytes());
        let doc = format!(" A `{xml}` document.");
        variants.push(quote!(#[doc = #doc] #v(::std::boxed::Box<#ty>),));
        arms.push(quote!(#xml_bytes => ::std::result::Result::Ok(Self::#v(::std::boxed::Box::new(<#ty as crate::FromXml>::from_xml(r)?))),));
        write_arms.push(quote!(Self::#v(v) => crate::ToXml::to_xml(v.as_ref(), w, #xml),));
        name_arms.push(quote!(Self::#v(_) => #xml,));
        names.push(xml.clone());
        let shared_type = schema.roots.iter().filter(|o| o.ty == root.ty).count() > 1;
        if let (false, true, Some(schema_variant)) =
            (shared_type, id.module == schema.name, &schema_variant)
        {
            impls.push(quote! {
                impl crate::XmlRoot for #ty {
                    const ELEMENT: &'static str = #xml;
                    const SCHEMA: crate::Schema = crate::Schema::#schema_variant;
                }
            });
        }
    }
    let doc = format!(
        " A document of `{}`: one of its global elements.",
        schema.file
    );
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub enum Root {
            #(#variants)*
        }

        impl Root {
            /// The root element names this schema declares.
            pub const ELEMENTS: &'static [&'static str] = &[#(#names),*];

            /// Reads the document whose root element the reader is positioned on.
            pub fn from_xml<R: ::std::io::BufRead>(r: &mut crate::XmlReader<R>) -> ::std::result::Result<Self, crate::Error> {
                match r.name() {
                    #(#arms)*
                    _ => ::std::result::Result::Err(r.unknown_root()),
                }
            }

            /// Writes the document's root element.
            pub fn to_xml(&self, w: &mut crate::XmlWriter) {
                match self {
                    #(#write_arms)*
                }
            }

            /// The root element's name.
            pub fn element(&self) -> &'static str {
                match self {
                    #(#name_arms)*
                }
            }
        }

        #(#impls)*
    })
}

/// The `Schema` enum variant for a schema stem; `None` for schemas outside the four
/// (such as the generator's test cases), which get no `XmlRoot` impls.
pub fn schema_enum_variant(stem: &str) -> Option<&'static str> {
    match stem {
        "finding" => Some("Finding"),
        "wasscan" => Some("WasScan"),
        "optionprofile" => Some("OptionProfile"),
        "report" => Some("Report"),
        _ => None,
    }
}
