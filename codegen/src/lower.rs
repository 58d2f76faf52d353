//! Stage 1 and 2: read a schema with xsd-parser and lower its meta types into our IR.
//!
//! xsd-parser's optimizer is never run, so restricted simple types keep their facets.
//! The XSD built-ins we support are registered as custom types named `xs:<name>`, so the
//! lowering sees exactly which built-in a type derives from (xsd-parser's default
//! typedefs would fold `xs:dateTime` into `String`). A built-in outside that set makes
//! xsd-parser fail with an unknown type, which we report.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use xsd_parser::config::{
    IdentQuadruple, InterpreterConfig, InterpreterFlags, Namespace, NamespaceIdent, ParserConfig,
    Schema,
};
use xsd_parser::models::meta::{
    AttributeMetaVariant, Base, ComplexMeta, Constrains, CustomMeta, ElementMetaVariant,
    ElementMode, MetaType, MetaTypeVariant,
};
use xsd_parser::models::schema::xs::Use;
use xsd_parser::models::schema::MaxOccurs as XsMax;
use xsd_parser::{IdentType, MetaTypes, Name, TypeIdent};

use crate::error::{LowerError, ReadError};
use crate::ir::{
    Attribute, Builtin, Compositor, Content, Element, Facets, MaxOccurs, SchemaIr, SimpleType,
    TypeDef, TypeId, TypeKind, TypeRef,
};

/// Reads one schema from its text and lowers it.
///
/// `file` is the schema's file name (`finding.xsd`); its stem names the module.
pub fn read_schema(
    file: &str,
    text: &str,
) -> Result<(SchemaIr, BTreeMap<TypeId, TypeDef>), crate::Error> {
    let meta = interpret(file, text)?;
    let stem = file.strip_suffix(".xsd").unwrap_or(file).to_string();
    let mut lowerer = Lowerer {
        meta: &meta,
        file: file.to_string(),
        module: stem.clone(),
        out: BTreeMap::new(),
        started: BTreeSet::new(),
    };
    let mut roots = Vec::new();
    for (ident, ty) in &meta.items {
        if is_builtin_entry(ty) || ident.type_ == IdentType::BuildIn {
            continue;
        }
        let Name::Named(name) = &ident.name else {
            continue;
        };
        match ident.type_ {
            IdentType::Type => {
                lowerer.type_ref(ident, name)?;
            }
            IdentType::Element => {
                let ty_ref = match &ty.variant {
                    MetaTypeVariant::Reference(r) => lowerer.type_ref(&r.type_, name)?,
                    _ => lowerer.type_ref(ident, name)?,
                };
                roots.push(Element {
                    name: name.to_string(),
                    ty: ty_ref,
                    min: 1,
                    max: MaxOccurs::Bounded(1),
                    doc: ty.documentation.clone(),
                });
            }
            _ => {}
        }
    }
    roots.sort_by(|a, b| a.name.cmp(&b.name));
    let schema = SchemaIr {
        name: stem,
        file: file.to_string(),
        roots,
    };
    Ok((schema, lowerer.out))
}

fn interpret(file: &str, text: &str) -> Result<MetaTypes, ReadError> {
    let read_err = |e: xsd_parser::Error| ReadError {
        file: file.to_string(),
        message: e.to_string(),
    };
    let parser = ParserConfig {
        schemas: vec![Schema::NamedSchema(file.to_string(), text.to_string())],
        ..ParserConfig::default()
    };
    let schemas = xsd_parser::exec_parser(parser).map_err(read_err)?;
    let mut interpreter = InterpreterConfig {
        flags: InterpreterFlags::BUILDIN_TYPES,
        ..InterpreterConfig::default()
    };
    for (_, local) in Builtin::ALL {
        let ident = IdentQuadruple::from((
            IdentType::Type,
            NamespaceIdent::Namespace(Namespace::XS.clone()),
            local,
        ));
        let custom = MetaType::new(MetaTypeVariant::Custom(CustomMeta::new(format!(
            "xs:{local}"
        ))));
        interpreter.types.push((ident, custom));
    }
    xsd_parser::exec_interpreter(interpreter, &schemas).map_err(read_err)
}

fn is_builtin_entry(ty: &MetaType) -> bool {
    matches!(
        ty.variant,
        MetaTypeVariant::Custom(_) | MetaTypeVariant::BuildIn(_)
    )
}

struct Lowerer<'a> {
    meta: &'a MetaTypes,
    file: String,
    module: String,
    out: BTreeMap<TypeId, TypeDef>,
    started: BTreeSet<TypeId>,
}

fn max_occurs(max: XsMax) -> MaxOccurs {
    match max {
        XsMax::Unbounded => MaxOccurs::Unbounded,
        XsMax::Bounded(n) => MaxOccurs::Bounded(u32::try_from(n).unwrap_or(u32::MAX)),
    }
}

fn min_occurs(min: usize) -> u32 {
    u32::try_from(min).unwrap_or(u32::MAX)
}

impl<'a> Lowerer<'a> {
    fn unsupported(&self, ty: &str, what: impl Into<String>) -> LowerError {
        LowerError::Unsupported {
            file: self.file.clone(),
            ty: ty.to_string(),
            what: what.into(),
        }
    }

    fn lookup(&self, ident: &TypeIdent, from: &str) -> Result<&'a MetaType, LowerError> {
        self.meta
            .items
            .get(ident)
            .ok_or_else(|| LowerError::UnknownType {
                file: self.file.clone(),
                ty: from.to_string(),
                target: ident.name.to_string(),
            })
    }

    /// Resolves a reference to a type. Named types are lowered once under their name;
    /// anonymous ones (and the element/content indirections xsd-parser creates) are
    /// lowered under `anon_name`.
    fn type_ref(&mut self, ident: &TypeIdent, anon_name: &str) -> Result<TypeRef, LowerError> {
        let meta = self.lookup(ident, anon_name)?;
        if let MetaTypeVariant::Custom(c) = &meta.variant {
            let local = c.name().strip_prefix("xs:").unwrap_or(c.name());
            return Builtin::from_xsd(local)
                .map(TypeRef::Builtin)
                .ok_or_else(|| self.unsupported(anon_name, format!("built-in {}", c.name())));
        }
        let named = matches!(ident.name, Name::Named(_)) && ident.type_ == IdentType::Type;
        if !named {
            if let MetaTypeVariant::Reference(r) = &meta.variant {
                if r.min_occurs != 1 || r.max_occurs != XsMax::Bounded(1) {
                    return Err(self.unsupported(anon_name, "occurrence on a type reference"));
                }
                let target = r.type_.clone();
                return self.type_ref(&target, anon_name);
            }
        }
        let id = if named {
            TypeId::new(self.module.clone(), ident.name.to_string())
        } else {
            TypeId::new(self.module.clone(), anon_name)
        };
        if self.started.insert(id.clone()) {
            let kind = self.lower_kind(&id.name, meta)?;
            self.out.insert(
                id.clone(),
                TypeDef {
                    id: id.clone(),
                    doc: meta.documentation.clone(),
                    sources: vec![self.file.clone()],
                    anonymous: !named,
                    kind,
                },
            );
        }
        Ok(TypeRef::Named(id))
    }

    fn lower_kind(&mut self, name: &str, meta: &MetaType) -> Result<TypeKind, LowerError> {
        match &meta.variant {
            MetaTypeVariant::ComplexType(c) => self.lower_complex(name, c),
            MetaTypeVariant::SimpleType(s) => {
                if s.is_list {
                    return Err(self.unsupported(name, "xs:list"));
                }
                let mut simple = self.simple_base(name, &s.base)?;
                self.apply_facets(name, &mut simple, &s.constrains)?;
                Ok(TypeKind::Simple(simple))
            }
            MetaTypeVariant::Enumeration(e) => {
                let base = match &e.base {
                    Base::Restriction(b) | Base::Extension(b) => b.clone(),
                    Base::None => return Err(self.unsupported(name, "enumeration without base")),
                };
                let mut simple = self.simple_base(name, &base)?;
                self.apply_facets(name, &mut simple, &e.constrains)?;
                simple.enumeration = e
                    .variants
                    .iter()
                    .map(|v| v.ident.name.to_string())
                    .collect();
                Ok(TypeKind::Simple(simple))
            }
            MetaTypeVariant::Union(u) => {
                // Only the open-enumeration idiom: a union of an enumeration and a
                // facet-free built-in of the same base.
                let mut known: Option<SimpleType> = None;
                let mut plain: Option<Builtin> = None;
                for member in u.types.iter() {
                    let s = self.simple_base(name, &member.type_)?;
                    if s.enumeration.is_empty() && s.facets.is_empty() && !s.open {
                        plain = Some(s.base);
                    } else if !s.enumeration.is_empty() && known.is_none() {
                        known = Some(s);
                    } else {
                        return Err(
                            self.unsupported(name, "union other than enumeration | built-in")
                        );
                    }
                }
                match (known, plain) {
                    (Some(mut k), Some(p)) if p == k.base && u.types.len() == 2 => {
                        k.open = true;
                        Ok(TypeKind::Simple(k))
                    }
                    _ => Err(self.unsupported(name, "union other than enumeration | built-in")),
                }
            }
            MetaTypeVariant::Reference(r) => {
                if r.min_occurs != 1 || r.max_occurs != XsMax::Bounded(1) {
                    return Err(self.unsupported(name, "occurrence on a type reference"));
                }
                Ok(TypeKind::Simple(self.simple_base(name, &r.type_)?))
            }
            other => Err(self.unsupported(name, format!("type variant {}", variant_name(other)))),
        }
    }

    /// The simple type a simple-type reference denotes, with its facets, as the
    /// starting point of a restriction.
    fn simple_base(&mut self, from: &str, ident: &TypeIdent) -> Result<SimpleType, LowerError> {
        match self.type_ref(ident, &format!("{from}/base"))? {
            TypeRef::Builtin(b) => Ok(SimpleType {
                base: b,
                facets: Facets::default(),
                enumeration: Vec::new(),
                open: false,
            }),
            TypeRef::Named(id) => match self.out.get(&id).map(|d| &d.kind) {
                Some(TypeKind::Simple(s)) => Ok(s.clone()),
                Some(TypeKind::Complex { .. }) => Err(self.unsupported(
                    from,
                    format!("simple type derived from complex `{}`", id.name),
                )),
                None => Err(self.unsupported(from, format!("recursive simple type `{}`", id.name))),
            },
        }
    }

    fn apply_facets(
        &self,
        name: &str,
        simple: &mut SimpleType,
        c: &Constrains,
    ) -> Result<(), LowerError> {
        if !c.patterns.is_empty() {
            return Err(self.unsupported(name, "xs:pattern"));
        }
        if c.total_digits.is_some() || c.fraction_digits.is_some() {
            return Err(self.unsupported(name, "totalDigits/fractionDigits"));
        }
        let int = |facet: &'static str, v: &String| -> Result<i64, LowerError> {
            v.trim().parse::<i64>().map_err(|_| LowerError::BadFacet {
                file: self.file.clone(),
                ty: name.to_string(),
                facet,
                value: v.clone(),
            })
        };
        let integer = simple.base.is_integer();
        match &c.range.start {
            Bound::Unbounded => {}
            Bound::Included(v) if integer => {
                simple.facets.min_inclusive = Some(int("minInclusive", v)?)
            }
            _ => return Err(self.unsupported(name, "minExclusive, or a range on a non-integer")),
        }
        match &c.range.end {
            Bound::Unbounded => {}
            Bound::Included(v) if integer => {
                simple.facets.max_inclusive = Some(int("maxInclusive", v)?)
            }
            _ => return Err(self.unsupported(name, "maxExclusive, or a range on a non-integer")),
        }
        if (c.min_length.is_some() || c.max_length.is_some()) && simple.base != Builtin::String {
            return Err(self.unsupported(name, "a length facet on a non-string type"));
        }
        let len = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        if let Some(v) = c.min_length {
            simple.facets.min_length = Some(len(v));
        }
        if let Some(v) = c.max_length {
            simple.facets.max_length = Some(len(v));
        }
        Ok(())
    }

    fn lower_complex(&mut self, name: &str, c: &ComplexMeta) -> Result<TypeKind, LowerError> {
        if c.is_mixed || c.is_dynamic {
            return Err(self.unsupported(name, "mixed or dynamic content"));
        }
        let mut attributes = Vec::new();
        for attr in c.attributes.iter() {
            let AttributeMetaVariant::Type(t) = &attr.variant else {
                return Err(self.unsupported(name, "xs:anyAttribute"));
            };
            let attr_name = attr.ident.name.to_string();
            let ty = self.type_ref(t, &format!("{name}/@{attr_name}"))?;
            if matches!(ty, TypeRef::Named(ref id) if !self.is_simple(id)) {
                return Err(self.unsupported(name, "attribute of complex type"));
            }
            attributes.push(Attribute {
                name: attr_name,
                ty,
                required: attr.use_ == Use::Required,
                doc: attr.documentation.clone(),
            });
        }
        let content = match &c.content {
            None => Content::Empty,
            Some(content_ident) => {
                let content_meta = self.lookup(content_ident, name)?;
                let group = match &content_meta.variant {
                    MetaTypeVariant::All(g) => Some((Compositor::All, g)),
                    MetaTypeVariant::Sequence(g) => Some((Compositor::Sequence, g)),
                    MetaTypeVariant::Choice(g) => Some((Compositor::Choice, g)),
                    _ => None,
                };
                match group {
                    Some((compositor, g)) => {
                        if !matches!(c.base, Base::None) {
                            return Err(self.unsupported(name, "complex content derivation"));
                        }
                        if c.max_occurs != XsMax::Bounded(1) {
                            return Err(self.unsupported(
                                name,
                                "a repeating model group (maxOccurs > 1 on all/sequence/choice)",
                            ));
                        }
                        let mut elements = Vec::new();
                        for el in g.elements.iter() {
                            let el_name = el.ident.name.to_string();
                            let ElementMetaVariant::Type { type_, mode } = &el.variant else {
                                return Err(self.unsupported(name, "xs:any or mixed text"));
                            };
                            if *mode == ElementMode::Group {
                                return Err(self.unsupported(name, "nested model group"));
                            }
                            let ty = self.type_ref(type_, &format!("{name}/{el_name}"))?;
                            // An anonymous type is documented by its element.
                            if let TypeRef::Named(id) = &ty {
                                if let Some(def) = self.out.get_mut(id) {
                                    if def.anonymous && def.doc.is_empty() {
                                        def.doc = el.documentation.clone();
                                    }
                                }
                            }
                            elements.push(Element {
                                name: el_name,
                                ty,
                                min: min_occurs(el.min_occurs),
                                max: max_occurs(el.max_occurs),
                                doc: el.documentation.clone(),
                            });
                        }
                        Content::Group {
                            compositor,
                            min: min_occurs(c.min_occurs),
                            max: max_occurs(c.max_occurs),
                            elements,
                        }
                    }
                    None => {
                        let ty = self.type_ref(content_ident, &format!("{name}/text"))?;
                        if matches!(ty, TypeRef::Named(ref id) if !self.is_simple(id)) {
                            return Err(self.unsupported(name, "complex content extension"));
                        }
                        Content::Simple(ty)
                    }
                }
            }
        };
        Ok(TypeKind::Complex {
            attributes,
            content,
        })
    }

    fn is_simple(&self, id: &TypeId) -> bool {
        matches!(self.out.get(id).map(|d| &d.kind), Some(TypeKind::Simple(_)))
    }
}

fn variant_name(v: &MetaTypeVariant) -> &'static str {
    match v {
        MetaTypeVariant::Union(_) => "union",
        MetaTypeVariant::BuildIn(_) => "built-in",
        MetaTypeVariant::Custom(_) => "custom",
        MetaTypeVariant::Reference(_) => "reference",
        MetaTypeVariant::Enumeration(_) => "enumeration",
        MetaTypeVariant::Dynamic(_) => "dynamic (substitution group)",
        MetaTypeVariant::All(_) => "all group",
        MetaTypeVariant::Choice(_) => "choice group",
        MetaTypeVariant::Sequence(_) => "sequence group",
        MetaTypeVariant::ComplexType(_) => "complex type",
        MetaTypeVariant::SimpleType(_) => "simple type",
    }
}
