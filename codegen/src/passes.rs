//! Passes over the IR: dedup of types shared by several schemas, boxing of recursive
//! types, and a check that Rust names do not clash.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::PassError;
use crate::ir::{Content, TypeDef, TypeId, TypeKind, TypeRef, TypeSpace, SHARED_MODULE};
use crate::naming;

/// A definition with every module erased, for comparing definitions across schemas.
fn normalized(def: &TypeDef) -> TypeDef {
    let mut d = def.clone();
    d.id.module.clear();
    d.doc.clear();
    d.sources.clear();
    for r in d.references_mut() {
        if let TypeRef::Named(id) = r {
            id.module.clear();
        }
    }
    // Element and attribute docs are documentation, not structure.
    if let TypeKind::Complex {
        attributes,
        content,
    } = &mut d.kind
    {
        attributes.iter_mut().for_each(|a| a.doc.clear());
        if let Content::Group { elements, .. } = content {
            elements.iter_mut().for_each(|e| e.doc.clear());
        }
    }
    d
}

/// Moves every type that several schemas define identically (same name, same
/// structure, and referring only to types that are shared too) into
/// [`SHARED_MODULE`], and points every reference at the shared copy.
pub fn dedup(space: &mut TypeSpace) {
    let mut by_name: BTreeMap<String, Vec<TypeId>> = BTreeMap::new();
    for id in space.types.keys() {
        by_name.entry(id.name.clone()).or_default().push(id.clone());
    }
    let mut shared: BTreeSet<String> = by_name
        .iter()
        .filter(|(_, ids)| ids.len() > 1)
        .filter(|(_, ids)| {
            let first = normalized(&space.types[&ids[0]]);
            ids[1..]
                .iter()
                .all(|id| normalized(&space.types[id]) == first)
        })
        .map(|(name, _)| name.clone())
        .collect();
    // A type can only move if everything it refers to moves too.
    loop {
        let keep: BTreeSet<String> = shared
            .iter()
            .filter(|name| {
                let id = &by_name[*name][0];
                space.types[id].references().iter().all(|r| match r {
                    TypeRef::Named(t) => shared.contains(&t.name),
                    TypeRef::Builtin(_) => true,
                })
            })
            .cloned()
            .collect();
        if keep.len() == shared.len() {
            break;
        }
        shared = keep;
    }
    for name in &shared {
        let ids = &by_name[name];
        let mut merged = space.types[&ids[0]].clone();
        let mut sources = BTreeSet::new();
        for id in ids {
            if let Some(def) = space.types.remove(id) {
                sources.extend(def.sources);
            }
        }
        merged.id = TypeId::new(SHARED_MODULE, name.clone());
        merged.sources = sources.into_iter().collect();
        space.types.insert(merged.id.clone(), merged);
    }
    let retarget = |r: &mut TypeRef| {
        if let TypeRef::Named(id) = r {
            if shared.contains(&id.name) {
                id.module = SHARED_MODULE.to_string();
            }
        }
    };
    for def in space.types.values_mut() {
        def.references_mut().into_iter().for_each(retarget);
    }
    for schema in space.schemas.values_mut() {
        for root in &mut schema.roots {
            retarget(&mut root.ty);
        }
    }
}

/// Element fields that must be boxed: a single (non-`Vec`) child whose type can reach
/// the parent again through single children, which would make the type infinitely large.
pub fn boxed_fields(space: &TypeSpace) -> BTreeSet<(TypeId, String)> {
    let single_edges = |id: &TypeId| -> Vec<(String, TypeId)> {
        match space.get(id).map(|d| &d.kind) {
            Some(TypeKind::Complex {
                content: Content::Group { elements, max, .. },
                ..
            }) if !max.is_many() => elements
                .iter()
                .filter(|e| !e.max.is_many())
                .filter_map(|e| match &e.ty {
                    TypeRef::Named(t) => Some((e.name.clone(), t.clone())),
                    TypeRef::Builtin(_) => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let reaches = |from: &TypeId, target: &TypeId| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(id) = stack.pop() {
            if &id == target {
                return true;
            }
            if seen.insert(id.clone()) {
                stack.extend(single_edges(&id).into_iter().map(|(_, t)| t));
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for id in space.types.keys() {
        for (field, target) in single_edges(id) {
            if reaches(&target, id) {
                out.insert((id.clone(), field));
            }
        }
    }
    out
}

/// Checks that no two types of a module, no two fields of a type and no two variants
/// of an enumeration map to the same Rust name.
pub fn check_names(space: &TypeSpace) -> Result<(), PassError> {
    fn unique<'a>(
        module: &str,
        items: impl Iterator<Item = (&'a str, String)>,
    ) -> Result<(), PassError> {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (xml, rust) in items {
            if let Some(first) = seen.insert(rust.clone(), xml) {
                return Err(PassError::NameClash {
                    module: module.to_string(),
                    first: first.to_string(),
                    second: xml.to_string(),
                    rust,
                });
            }
        }
        Ok(())
    }
    for module in space.modules() {
        unique(
            &module,
            space
                .module_types(&module)
                .map(|t| (t.id.name.as_str(), naming::type_name(&t.id.name))),
        )?;
        for def in space.module_types(&module) {
            let scope = format!("{module}::{}", def.id.name);
            match &def.kind {
                TypeKind::Simple(s) => unique(
                    &scope,
                    s.enumeration
                        .iter()
                        .map(|v| (v.as_str(), naming::variant_name(v))),
                )?,
                TypeKind::Complex {
                    attributes,
                    content,
                } => {
                    let elements = match content {
                        Content::Group { elements, .. } => elements.as_slice(),
                        _ => &[],
                    };
                    unique(
                        &scope,
                        attributes
                            .iter()
                            .map(|a| (a.name.as_str(), naming::field_name(&a.name)))
                            .chain(
                                elements
                                    .iter()
                                    .map(|e| (e.name.as_str(), naming::field_name(&e.name))),
                            ),
                    )?
                }
            }
        }
    }
    Ok(())
}
