//! Comparing XML documents as event streams, schema-aware.
//!
//! Two documents are equal when their element trees are equal after dropping
//! insignificant whitespace: whitespace-only text between elements, surrounding
//! whitespace of values whose type collapses it (everything but `xs:string`), and
//! the difference between CDATA and escaped text. Children of an `xs:all` group may
//! come in any order. `xmlns`/`xsi:` attributes are not compared.

use std::collections::BTreeMap;

use qualys_was_types::model::{Compositor, ContentDecl, SchemaModel, TypeRef};
use quick_xml::events::Event;

/// One element of a parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Local name.
    pub name: String,
    /// Attributes other than `xmlns*` and `xsi:*`.
    pub attrs: BTreeMap<String, String>,
    /// Child elements, in document order.
    pub children: Vec<Node>,
    /// Text and CDATA content, concatenated and unescaped.
    pub text: String,
}

/// Parses a document into its root [`Node`]. Panics on malformed XML (test helper).
pub fn parse_tree(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(node_of(&e, reader.decoder())),
            Event::Empty(e) => {
                let n = node_of(&e, reader.decoder());
                match stack.last_mut() {
                    Some(parent) => parent.children.push(n),
                    None => root = Some(n),
                }
            }
            Event::End(_) => {
                let n = stack.pop().expect("balanced");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(n),
                    None => root = Some(n),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content().expect("text"));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    let resolved = match name.as_str() {
                        "lt" => "<".to_string(),
                        "gt" => ">".to_string(),
                        "amp" => "&".to_string(),
                        "apos" => "'".to_string(),
                        "quot" => "\"".to_string(),
                        other => r
                            .resolve_char_ref()
                            .ok()
                            .flatten()
                            .map(|c| c.to_string())
                            .unwrap_or_else(|| format!("&{other};")),
                    };
                    top.text.push_str(&resolved);
                }
            }
            Event::CData(c) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    root.expect("a root element")
}

fn node_of(e: &quick_xml::events::BytesStart<'_>, decoder: quick_xml::encoding::Decoder) -> Node {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let mut attrs = BTreeMap::new();
    for a in e.attributes().with_checks(false).flatten() {
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        if key == "xmlns" || key.starts_with("xmlns:") || key.starts_with("xsi:") {
            continue;
        }
        let value = a
            .decode_and_unescape_value(decoder)
            .expect("attribute value")
            .into_owned();
        attrs.insert(key, value);
    }
    Node {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
    }
}

fn collapse(s: &str) -> String {
    s.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Normalises a tree against the schema model: drops insignificant whitespace,
/// collapses values of collapsing types, and sorts the children of `xs:all` groups.
/// Elements the model does not know are kept as they are.
pub fn normalize(node: &mut Node, model: &'static SchemaModel, ty: Option<TypeRef>) {
    let content = match ty {
        Some(TypeRef::Complex(i)) => model.complex_types.get(i as usize).map(|c| &c.content),
        _ => None,
    };
    let simple = match (ty, content) {
        (Some(TypeRef::Simple(s)), _) | (_, Some(&ContentDecl::Simple(s))) => Some(s),
        _ => None,
    };
    match (simple, content) {
        (Some(s), _) => {
            if s.base.collapses() {
                node.text = collapse(&node.text);
            }
        }
        (
            _,
            Some(ContentDecl::Elements {
                compositor,
                particles,
                ..
            }),
        ) => {
            node.text = node.text.trim().to_string();
            for child in &mut node.children {
                let child_ty = particles
                    .iter()
                    .find(|p| p.name == child.name)
                    .map(|p| p.ty);
                normalize(child, model, child_ty);
            }
            if *compositor == Compositor::All {
                node.children.sort_by_key(|c| format!("{c:?}"));
            }
        }
        _ => {
            if !node.children.is_empty() {
                node.text = node.text.trim().to_string();
            }
            for child in &mut node.children {
                normalize(child, model, None);
            }
        }
    }
}

/// Parses and normalises a document against `model`.
pub fn canonical(xml: &str, model: &'static SchemaModel) -> Node {
    let mut root = parse_tree(xml);
    let ty = model
        .roots
        .iter()
        .find(|r| r.name == root.name)
        .map(|r| r.ty);
    normalize(&mut root, model, ty);
    root
}

/// The first difference between two canonical trees, as a path and a description.
pub fn first_difference(a: &Node, b: &Node) -> Option<String> {
    fn walk(a: &Node, b: &Node, path: &str) -> Option<String> {
        let path = format!("{path}/{}", a.name);
        if a.name != b.name {
            return Some(format!("{path}: element {} vs {}", a.name, b.name));
        }
        if a.attrs != b.attrs {
            return Some(format!("{path}: attributes {:?} vs {:?}", a.attrs, b.attrs));
        }
        if a.text != b.text {
            return Some(format!("{path}: text {:?} vs {:?}", a.text, b.text));
        }
        for (x, y) in a.children.iter().zip(&b.children) {
            if let Some(d) = walk(x, y, &path) {
                return Some(d);
            }
        }
        if a.children.len() != b.children.len() {
            let names = |n: &Node| {
                n.children
                    .iter()
                    .map(|c| c.name.clone())
                    .collect::<Vec<_>>()
            };
            return Some(format!("{path}: children {:?} vs {:?}", names(a), names(b)));
        }
        None
    }
    walk(a, b, "")
}
