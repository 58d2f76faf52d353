//! A deterministic, schema-aware mutation engine for differential validation.
//!
//! A seed document is parsed into a small tree ([`Doc`]) at the quick-xml event level,
//! keeping text, references and attribute values in their escaped form so an
//! unmutated document serializes to the same infoset. [`mutants`] then derives
//! variants from it, guided by the generated [`SchemaModel`]: structural edits
//! (drop, duplicate, rename, reorder), wrong values for every simple type present,
//! unknown elements and attributes, dropped or spoiled required attributes, and text
//! in element-only content. Every mutant is well-formed XML; whether it is *valid* is
//! left to the validators under test. Targets are picked by a seeded [`Rng`], so the
//! same seed document always yields the same mutants.

use std::collections::BTreeSet;
use std::fmt;

use qualys_was_types::model::{
    Builtin, ComplexDecl, Compositor, ContentDecl, ElementDecl, SchemaModel, SimpleDecl, TypeRef,
};
use quick_xml::events::Event;

use crate::synth::sample_value;

/// SplitMix64: a tiny, seedable, deterministic PRNG (no external dependency).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded by `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A generator seeded by a string (FNV-1a), so each seed document has its own,
    /// stable stream whatever other seeds exist.
    pub fn from_name(name: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Up to `n` distinct items of `items`, in a random order.
    pub fn sample<T: Clone>(&mut self, items: &[T], n: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        let take = n.min(idx.len());
        for i in 0..take {
            let j = i + self.below(idx.len() - i);
            idx.swap(i, j);
        }
        idx.iter().take(take).map(|&i| items[i].clone()).collect()
    }
}

/// A node of a parsed document. Text is kept escaped, as it appeared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Character data with its entity and character references, escaped.
    Text(String),
    /// The content of a CDATA section.
    CData(String),
    /// A comment, processing instruction or other markup, verbatim.
    Markup(String),
}

/// An element with its attributes (values escaped, as written) and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The qualified name as written.
    pub name: String,
    /// `(qualified name, escaped value)` in document order.
    pub attrs: Vec<(String, String)>,
    /// Child nodes.
    pub children: Vec<Node>,
}

impl Element {
    /// A new element without attributes or children.
    pub fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// The local part of the name.
    pub fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// Indices (into `children`) of the child elements.
    pub fn element_indices(&self) -> Vec<usize> {
        self.children
            .iter()
            .enumerate()
            .filter(|(_, n)| matches!(n, Node::Element(_)))
            .map(|(i, _)| i)
            .collect()
    }

    /// Sets (or adds) an attribute; `value` is escaped here.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        let v = escape_attr(value);
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some(a) => a.1 = v,
            None => self.attrs.push((name.to_string(), v)),
        }
    }

    /// Declares `prefix` for `uri` on this element unless it already does.
    pub fn declare(&mut self, prefix: &str, uri: &str) {
        let name = format!("xmlns:{prefix}");
        if !self.attrs.iter().any(|(n, _)| *n == name) {
            self.attrs.push((name, uri.to_string()));
        }
    }

    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attrs {
            let q = if value.contains('"') { '\'' } else { '"' };
            out.push(' ');
            out.push_str(name);
            out.push('=');
            out.push(q);
            out.push_str(value);
            out.push(q);
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(e) => e.write(out),
                Node::Text(t) => out.push_str(t),
                Node::CData(c) => {
                    out.push_str("<![CDATA[");
                    out.push_str(c);
                    out.push_str("]]>");
                }
                Node::Markup(m) => out.push_str(m),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

/// A parsed document: the prolog and epilog verbatim, and the root element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// Everything before the root element (declaration, comments, whitespace).
    pub prolog: String,
    /// The root element.
    pub root: Element,
    /// Everything after the root element.
    pub epilog: String,
}

impl Doc {
    /// Parses a well-formed document. A DOCTYPE is refused (neither validator under
    /// test is meant to see one in a mutant).
    pub fn parse(xml: &str) -> Result<Doc, String> {
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().trim_text(false);
        let mut prolog = String::new();
        let mut epilog = String::new();
        let mut stack: Vec<Element> = Vec::new();
        let mut root = None;
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))?;
            let node = match event {
                Event::Eof => break,
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let mut el = Element::new(&lossy(e.name().as_ref()));
                    for a in e.attributes() {
                        let a = a.map_err(|e| e.to_string())?;
                        el.attrs.push((lossy(a.key.as_ref()), lossy(&a.value)));
                    }
                    if matches!(event, Event::Start(_)) {
                        stack.push(el);
                        continue;
                    }
                    Node::Element(el)
                }
                Event::End(_) => {
                    let el = stack.pop().ok_or("unbalanced end tag")?;
                    Node::Element(el)
                }
                Event::Text(t) => Node::Text(lossy(&t)),
                Event::GeneralRef(r) => Node::Text(format!("&{};", lossy(&r))),
                Event::CData(c) => Node::CData(lossy(&c)),
                Event::Comment(c) => Node::Markup(format!("<!--{}-->", lossy(&c))),
                Event::PI(p) => Node::Markup(format!("<?{}?>", lossy(&p))),
                Event::Decl(d) => Node::Markup(format!("<?{}?>", lossy(&d))),
                Event::DocType(_) => return Err("DOCTYPE not supported".into()),
            };
            match (stack.last_mut(), node) {
                (Some(parent), node) => match (parent.children.last_mut(), node) {
                    // Merge text and references into one text node.
                    (Some(Node::Text(prev)), Node::Text(t)) => prev.push_str(&t),
                    (_, node) => parent.children.push(node),
                },
                (None, Node::Element(el)) => {
                    if root.is_some() {
                        return Err("more than one root element".into());
                    }
                    root = Some(el);
                }
                (None, Node::Text(t) | Node::Markup(t)) => {
                    if root.is_none() {
                        prolog.push_str(&t);
                    } else {
                        epilog.push_str(&t);
                    }
                }
                (None, Node::CData(_)) => return Err("CDATA outside the root".into()),
            }
        }
        if !stack.is_empty() {
            return Err("unclosed element".into());
        }
        Ok(Doc {
            prolog,
            root: root.ok_or("no root element")?,
            epilog,
        })
    }

    /// The document as XML text.
    pub fn serialize(&self) -> String {
        let mut out = self.prolog.clone();
        self.root.write(&mut out);
        out.push_str(&self.epilog);
        out
    }

    /// The element at `at` (child indices from the root).
    pub fn get(&self, at: &[usize]) -> &Element {
        let mut el = &self.root;
        for &i in at {
            match &el.children[i] {
                Node::Element(e) => el = e,
                other => panic!("not an element at {at:?}: {other:?}"),
            }
        }
        el
    }

    /// The element at `at`, mutably.
    pub fn get_mut(&mut self, at: &[usize]) -> &mut Element {
        let mut el = &mut self.root;
        for &i in at {
            match &mut el.children[i] {
                Node::Element(e) => el = e,
                other => panic!("not an element at {at:?}: {other:?}"),
            }
        }
        el
    }
}

/// `&`, `<`, `>` escaped for text content.
pub fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `&`, `<`, `"` escaped, and tab/newline as character references (so attribute
/// value normalization keeps them as written).
pub fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
        .replace('\t', "&#9;")
        .replace('\n', "&#10;")
}

/// What a mutation does. `ALL` lists every kind, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The (pruned) seed itself, unmutated: both validators must agree on it too.
    Seed,
    /// An element removed.
    DropElement,
    /// An element repeated right after itself.
    DuplicateElement,
    /// An element renamed: case typo, a sibling's name, a namespace, another root.
    RenameElement,
    /// Two sibling elements of different names swapped, or one moved to the front.
    ReorderElements,
    /// Not an integer (`xs:int`, `xs:long` and their restrictions).
    BadInt,
    /// An integer outside `xs:int`.
    IntOverflow,
    /// An integer outside `xs:long`.
    LongOverflow,
    /// Not an `xs:boolean`.
    BadBoolean,
    /// Not an `xs:dateTime` (missing seconds, month 13, 30 February, …).
    BadDateTime,
    /// Not an `xs:date`.
    BadDate,
    /// Not an `xs:decimal`.
    BadDecimal,
    /// A value outside an enumeration (closed: invalid; open: valid).
    NotEnumerated,
    /// An enumeration value with surrounding whitespace (`xs:string` based, so not
    /// collapsed: invalid for a closed enumeration, valid for an open one).
    EnumPadding,
    /// `minInclusive` / `maxInclusive` exceeded by one.
    FacetRange,
    /// `minLength` / `maxLength` exceeded by one.
    FacetLength,
    /// A valid value with surrounding whitespace, for a type that collapses
    /// whitespace (valid per XSD).
    CollapsePadding,
    /// An element the parent does not declare, inserted.
    UnknownElement,
    /// An attribute the element does not declare, added.
    UnknownAttribute,
    /// A required attribute removed.
    DropRequiredAttribute,
    /// A required attribute renamed, moved to a namespace, or given a wrong value.
    SpoilRequiredAttribute,
    /// Text (or character references, or CDATA) in element-only or empty content.
    TextInElementOnly,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 22] = [
        Kind::Seed,
        Kind::DropElement,
        Kind::DuplicateElement,
        Kind::RenameElement,
        Kind::ReorderElements,
        Kind::BadInt,
        Kind::IntOverflow,
        Kind::LongOverflow,
        Kind::BadBoolean,
        Kind::BadDateTime,
        Kind::BadDate,
        Kind::BadDecimal,
        Kind::NotEnumerated,
        Kind::EnumPadding,
        Kind::FacetRange,
        Kind::FacetLength,
        Kind::CollapsePadding,
        Kind::UnknownElement,
        Kind::UnknownAttribute,
        Kind::DropRequiredAttribute,
        Kind::SpoilRequiredAttribute,
        Kind::TextInElementOnly,
    ];

    /// A short kebab-case name.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Seed => "seed",
            Kind::DropElement => "drop-element",
            Kind::DuplicateElement => "duplicate-element",
            Kind::RenameElement => "rename-element",
            Kind::ReorderElements => "reorder-elements",
            Kind::BadInt => "bad-int",
            Kind::IntOverflow => "int-overflow",
            Kind::LongOverflow => "long-overflow",
            Kind::BadBoolean => "bad-boolean",
            Kind::BadDateTime => "bad-datetime",
            Kind::BadDate => "bad-date",
            Kind::BadDecimal => "bad-decimal",
            Kind::NotEnumerated => "not-enumerated",
            Kind::EnumPadding => "enum-padding",
            Kind::FacetRange => "facet-range",
            Kind::FacetLength => "facet-length",
            Kind::CollapsePadding => "collapse-padding",
            Kind::UnknownElement => "unknown-element",
            Kind::UnknownAttribute => "unknown-attribute",
            Kind::DropRequiredAttribute => "drop-required-attribute",
            Kind::SpoilRequiredAttribute => "spoil-required-attribute",
            Kind::TextInElementOnly => "text-in-element-only",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A mutant of a shape on which libxml2 is known to deviate from XSD 1.0 (see
/// `docs/conformance.md`). Tagged by the generator from the mutation alone; whether
/// libxml2 really deviates is for the test to check against its verdict and messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Quirk {
    /// A value of a whitespace-collapsing type with leading or trailing whitespace
    /// (libxml2 2.9 does not collapse `xs:int`, `xs:long`, `xs:date`, `xs:dateTime`
    /// and types restricting them).
    PaddedValue {
        /// The element holding the value (or the attribute's owner).
        element: String,
        /// The attribute, when the value is an attribute's.
        attribute: Option<String>,
        /// The value's built-in base.
        base: Builtin,
    },
    /// A whitespace-only CDATA section in element-only content (libxml2 treats any
    /// CDATA section as non-whitespace character content).
    WhitespaceCdata {
        /// The element-only element.
        element: String,
    },
}

/// One mutated document.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// The kind of mutation.
    pub kind: Kind,
    /// What was changed, where: `KIND at PATH: DETAIL`.
    pub description: String,
    /// The mutated document.
    pub xml: String,
    /// Set when the mutation has a shape on which libxml2 deviates from XSD 1.0.
    pub quirk: Option<Quirk>,
}

/// An element of the seed whose declaration is known.
#[derive(Debug, Clone)]
struct Site {
    /// Child indices from the root.
    at: Vec<usize>,
    /// `/a/b[2]/c`.
    path: String,
    decl: &'static ElementDecl,
    /// The parent's declaration (`None` for the root).
    parent: Option<&'static ElementDecl>,
}

fn complex(model: &'static SchemaModel, decl: &ElementDecl) -> Option<&'static ComplexDecl> {
    match decl.ty {
        TypeRef::Complex(i) => model.complex_types.get(usize::from(i)),
        TypeRef::Simple(_) => None,
    }
}

/// The simple type of an element's text: its own simple type or its simple content.
fn text_type(model: &'static SchemaModel, decl: &ElementDecl) -> Option<&'static SimpleDecl> {
    match decl.ty {
        TypeRef::Simple(s) => Some(s),
        TypeRef::Complex(_) => match complex(model, decl).map(|c| &c.content) {
            Some(ContentDecl::Simple(s)) => Some(s),
            _ => None,
        },
    }
}

/// The compositor and particles of element-only content.
fn particles(
    model: &'static SchemaModel,
    decl: &ElementDecl,
) -> Option<(Compositor, &'static [ElementDecl])> {
    match complex(model, decl).map(|c| &c.content) {
        Some(ContentDecl::Elements {
            compositor,
            particles,
            ..
        }) => Some((*compositor, particles)),
        _ => None,
    }
}

fn is_empty_content(model: &'static SchemaModel, decl: &ElementDecl) -> bool {
    matches!(
        complex(model, decl).map(|c| &c.content),
        Some(ContentDecl::Empty)
    )
}

/// Every element of `doc` whose declaration the model gives.
fn sites(model: &'static SchemaModel, doc: &Doc) -> Vec<Site> {
    fn walk(model: &'static SchemaModel, el: &Element, site: Site, out: &mut Vec<Site>) {
        let parts = particles(model, site.decl);
        let mut seen: Vec<(&str, usize)> = Vec::new();
        for (i, child) in el.children.iter().enumerate() {
            let Node::Element(c) = child else { continue };
            let ordinal = match seen.iter_mut().find(|(n, _)| *n == c.name) {
                Some((_, k)) => {
                    *k += 1;
                    *k
                }
                None => {
                    seen.push((&c.name, 1));
                    1
                }
            };
            let Some(decl) = parts.and_then(|(_, ps)| ps.iter().find(|p| p.name == c.name)) else {
                continue;
            };
            let mut at = site.at.clone();
            at.push(i);
            let path = if ordinal > 1 {
                format!("{}/{}[{ordinal}]", site.path, c.name)
            } else {
                format!("{}/{}", site.path, c.name)
            };
            let child_site = Site {
                at,
                path,
                decl,
                parent: Some(site.decl),
            };
            walk(model, c, child_site, out);
        }
        out.push(site);
    }
    let mut out = Vec::new();
    if let Some(decl) = model.roots.iter().find(|r| r.name == doc.root.name) {
        let site = Site {
            at: Vec::new(),
            path: format!("/{}", doc.root.name),
            decl,
            parent: None,
        };
        walk(model, &doc.root, site, &mut out);
    }
    // Document order (the walk pushes children before their parent).
    out.sort_by(|a, b| a.at.cmp(&b.at));
    out
}

/// Removes repeated siblings beyond `keep` per name (never below a particle's
/// `minOccurs`), shrinking large real documents to a representative core.
pub fn prune(model: &'static SchemaModel, doc: &mut Doc, keep: u32) {
    fn walk(model: &'static SchemaModel, el: &mut Element, decl: &ElementDecl, keep: u32) {
        let Some((_, parts)) = particles(model, decl) else {
            return;
        };
        let mut counts: Vec<(String, u32)> = Vec::new();
        let mut kept = Vec::with_capacity(el.children.len());
        for child in std::mem::take(&mut el.children) {
            if let Node::Element(c) = &child {
                let n = match counts.iter_mut().find(|(n, _)| *n == c.name) {
                    Some((_, k)) => {
                        *k += 1;
                        *k
                    }
                    None => {
                        counts.push((c.name.clone(), 1));
                        1
                    }
                };
                let min = parts.iter().find(|p| p.name == c.name).map_or(0, |p| p.min);
                if n > keep.max(min) {
                    // Drop it with the whitespace that preceded it.
                    if matches!(kept.last(), Some(Node::Text(t)) if t.trim().is_empty()) {
                        kept.pop();
                    }
                    continue;
                }
            }
            kept.push(child);
        }
        el.children = kept;
        for child in &mut el.children {
            if let Node::Element(c) = child {
                if let Some(d) = parts.iter().find(|p| p.name == c.name) {
                    walk(model, c, d, keep);
                }
            }
        }
    }
    if let Some(decl) = model.roots.iter().find(|r| r.name == doc.root.name) {
        walk(model, &mut doc.root, decl, keep);
    }
}

/// A wrong (or whitespace-edge) value for a simple type.
struct Bad {
    kind: Kind,
    value: String,
    note: &'static str,
    quirk: bool,
}

fn bad(kind: Kind, value: impl Into<String>, note: &'static str) -> Bad {
    Bad {
        kind,
        value: value.into(),
        note,
        quirk: false,
    }
}

/// libxml2 2.9 does not collapse the whitespace of these bases.
fn libxml2_keeps_whitespace(base: Builtin) -> bool {
    matches!(
        base,
        Builtin::Int | Builtin::Long | Builtin::Date | Builtin::DateTime
    )
}

/// The wrong values to try for `ty`, with a valid sample `ok`.
fn wrong_values(ty: &SimpleDecl, ok: &str) -> Vec<Bad> {
    let mut out = Vec::new();
    let enumerated = !ty.enumeration.is_empty();
    if enumerated && ty.base == Builtin::String {
        let first = ty.enumeration[0];
        out.push(bad(
            Kind::NotEnumerated,
            format!("NOT_{first}"),
            if ty.open {
                "unknown value of an open enumeration"
            } else {
                "not in the enumeration"
            },
        ));
        let lower = first.to_lowercase();
        if lower != first {
            out.push(bad(
                Kind::NotEnumerated,
                lower,
                "enumeration value in lower case",
            ));
        }
        out.push(bad(
            Kind::EnumPadding,
            format!(" {first} "),
            "enumeration value padded with spaces",
        ));
        out.push(bad(
            Kind::EnumPadding,
            format!("\n\t{first}\n"),
            "enumeration value on its own indented line",
        ));
    }
    match ty.base {
        Builtin::Int | Builtin::Long => {
            out.push(bad(Kind::BadInt, "12a", "trailing letter"));
            out.push(bad(Kind::BadInt, "1.0", "decimal point"));
            out.push(bad(Kind::BadInt, "", "empty"));
            out.push(bad(Kind::BadInt, "1 000", "inner space"));
            if ty.base == Builtin::Int {
                out.push(bad(Kind::IntOverflow, "2147483648", "i32::MAX + 1"));
                out.push(bad(Kind::IntOverflow, "-2147483649", "i32::MIN - 1"));
                out.push(bad(
                    Kind::IntOverflow,
                    "+002147483647",
                    "i32::MAX with sign and zeros (valid)",
                ));
            } else {
                out.push(bad(
                    Kind::LongOverflow,
                    "9223372036854775808",
                    "i64::MAX + 1",
                ));
                out.push(bad(
                    Kind::LongOverflow,
                    "-9223372036854775809",
                    "i64::MIN - 1",
                ));
                out.push(bad(
                    Kind::LongOverflow,
                    "123456789012345678901",
                    "21 digits",
                ));
                out.push(bad(
                    Kind::LongOverflow,
                    "-9223372036854775808",
                    "i64::MIN (valid)",
                ));
            }
        }
        Builtin::Boolean => {
            out.push(bad(Kind::BadBoolean, ">false", "stray '>'"));
            out.push(bad(Kind::BadBoolean, "yes", "yes"));
            out.push(bad(Kind::BadBoolean, "TRUE", "upper case"));
            out.push(bad(Kind::BadBoolean, "", "empty"));
        }
        Builtin::DateTime => {
            out.push(bad(Kind::BadDateTime, "2020-01-30T18:20Z", "no seconds"));
            out.push(bad(Kind::BadDateTime, "2020-13-30T18:20:49Z", "month 13"));
            out.push(bad(
                Kind::BadDateTime,
                "2020-02-30T00:00:00Z",
                "30 February",
            ));
            out.push(bad(
                Kind::BadDateTime,
                "2019-02-29T00:00:00Z",
                "29 February of a common year",
            ));
            out.push(bad(
                Kind::BadDateTime,
                "2020-01-30 18:20:49Z",
                "space for 'T'",
            ));
            out.push(bad(
                Kind::BadDateTime,
                "2020-01-30T18:20:49+15:00",
                "offset beyond 14:00",
            ));
            out.push(bad(
                Kind::BadDateTime,
                "2020-02-29T23:59:59.999-14:00",
                "leap day, fraction, offset (valid)",
            ));
        }
        Builtin::Date => {
            out.push(bad(
                Kind::BadDate,
                "2021-02-29",
                "29 February of a common year",
            ));
            out.push(bad(Kind::BadDate, "2020-13-01", "month 13"));
            out.push(bad(Kind::BadDate, "2020-1-01", "one-digit month"));
            out.push(bad(Kind::BadDate, "2020-01-30T00:00:00Z", "a dateTime"));
            out.push(bad(
                Kind::BadDate,
                "2020-02-29Z",
                "leap day with time zone (valid)",
            ));
        }
        Builtin::Decimal => {
            out.push(bad(Kind::BadDecimal, "1.2.3", "two points"));
            out.push(bad(Kind::BadDecimal, "1e5", "exponent"));
            out.push(bad(Kind::BadDecimal, "1,5", "decimal comma"));
            out.push(bad(Kind::BadDecimal, "", "empty"));
            out.push(bad(
                Kind::BadDecimal,
                "+.5",
                "sign and no integer digits (valid)",
            ));
        }
        Builtin::String => {}
    }
    if let Some(min) = ty.min_inclusive {
        out.push(bad(
            Kind::FacetRange,
            (min - 1).to_string(),
            "minInclusive - 1",
        ));
        out.push(bad(
            Kind::FacetRange,
            min.to_string(),
            "minInclusive (valid)",
        ));
    }
    if let Some(max) = ty.max_inclusive {
        out.push(bad(
            Kind::FacetRange,
            (max + 1).to_string(),
            "maxInclusive + 1",
        ));
        out.push(bad(
            Kind::FacetRange,
            format!("{max}.0"),
            "maxInclusive as a decimal",
        ));
    }
    if let Some(max) = ty.max_length {
        out.push(bad(
            Kind::FacetLength,
            "x".repeat(max as usize + 1),
            "maxLength + 1",
        ));
    }
    if let Some(min) = ty.min_length.filter(|m| *m > 0) {
        out.push(bad(
            Kind::FacetLength,
            "x".repeat(min as usize - 1),
            "minLength - 1",
        ));
    }
    if ty.base.collapses() {
        for (padded, note) in [
            (format!(" {ok} "), "valid value padded with spaces"),
            (
                format!("\n    {ok}\n  "),
                "valid value on its own indented line",
            ),
            (format!("{ok}\n"), "valid value with a trailing newline"),
        ] {
            out.push(Bad {
                kind: Kind::CollapsePadding,
                value: padded,
                note,
                quirk: libxml2_keeps_whitespace(ty.base),
            });
        }
    }
    out
}

/// Names of elements the schema declares somewhere.
fn declared_names(model: &'static SchemaModel) -> Vec<&'static str> {
    let mut names = BTreeSet::new();
    for r in model.roots {
        names.insert(r.name);
    }
    for c in model.complex_types {
        if let ContentDecl::Elements { particles, .. } = &c.content {
            for p in *particles {
                names.insert(p.name);
            }
        }
    }
    names.into_iter().collect()
}

/// `idFoo` -> `IdFoo`, `ID` -> `iD`: a typo in the case of the first letter.
fn case_typo(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => c.to_lowercase().chain(chars).collect(),
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "x".into(),
    }
}

/// Mutant generator state for one seed.
struct Gen<'a> {
    model: &'static SchemaModel,
    seed: &'a Doc,
    seed_name: &'a str,
    sites: Vec<Site>,
    rng: Rng,
    per_variant: usize,
    out: Vec<Mutant>,
}

/// A namespace prefix and the URI it is bound to.
type Binding = Option<(&'static str, &'static str)>;

/// Where a value goes: an element's text, or the named attribute of it.
type ValueTarget = (Site, Option<&'static str>);

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const FOREIGN: &str = "urn:example:mutant";

impl Gen<'_> {
    fn push(&mut self, kind: Kind, path: &str, detail: &str, doc: Doc, quirk: Option<Quirk>) {
        let xml = doc.serialize();
        self.out.push(Mutant {
            kind,
            description: format!("{}: {kind} at {path}: {detail}", self.seed_name),
            xml,
            quirk,
        });
    }

    /// Up to `per_variant` random sites matching `pred`.
    fn pick(&mut self, pred: impl Fn(&Site) -> bool) -> Vec<Site> {
        let candidates: Vec<Site> = self.sites.iter().filter(|s| pred(s)).cloned().collect();
        let n = self.per_variant;
        self.rng.sample(&candidates, n)
    }

    fn structural(&mut self) {
        let model = self.model;
        // Drop: optional and required elements alike.
        for required in [false, true] {
            for s in self.pick(|s| s.parent.is_some() && (s.decl.min > 0) == required) {
                let mut doc = self.seed.clone();
                let (last, parent) = s.at.split_last().expect("not the root");
                doc.get_mut(parent).children.remove(*last);
                let what = if required { "required" } else { "optional" };
                self.push(
                    Kind::DropElement,
                    &s.path,
                    &format!("{what} element removed"),
                    doc,
                    None,
                );
            }
        }
        // Duplicate: single-occurrence and repeatable elements.
        for repeatable in [false, true] {
            for s in self.pick(|s| s.parent.is_some() && (s.decl.max > 1) == repeatable) {
                let mut doc = self.seed.clone();
                let (last, parent) = s.at.split_last().expect("not the root");
                let copy = doc.get(&s.at).clone();
                doc.get_mut(parent)
                    .children
                    .insert(last + 1, Node::Element(copy));
                let what = if repeatable {
                    "repeatable"
                } else {
                    "maxOccurs=1"
                };
                self.push(
                    Kind::DuplicateElement,
                    &s.path,
                    &format!("{what} element repeated"),
                    doc,
                    None,
                );
            }
        }
        // Rename: case typo.
        for s in self.pick(|_| true) {
            let mut doc = self.seed.clone();
            let el = doc.get_mut(&s.at);
            el.name = case_typo(&el.name);
            let detail = format!("renamed to '{}'", el.name);
            self.push(Kind::RenameElement, &s.path, &detail, doc, None);
        }
        // Rename: to another particle of the parent.
        for s in self.pick(|s| {
            s.parent
                .and_then(|p| particles(model, p))
                .is_some_and(|(_, ps)| ps.len() > 1)
        }) {
            let (_, ps) = particles(model, s.parent.expect("has a parent")).expect("element-only");
            let others: Vec<&str> = ps
                .iter()
                .map(|p| p.name)
                .filter(|n| *n != s.decl.name)
                .collect();
            let to = others[self.rng.below(others.len())];
            let mut doc = self.seed.clone();
            doc.get_mut(&s.at).name = to.to_string();
            self.push(
                Kind::RenameElement,
                &s.path,
                &format!("renamed to sibling name '{to}'"),
                doc,
                None,
            );
        }
        // Rename: same local name, in a namespace.
        for s in self.pick(|_| true) {
            let mut doc = self.seed.clone();
            let el = doc.get_mut(&s.at);
            el.name = format!("m:{}", el.name);
            el.declare("m", FOREIGN);
            let detail = format!("moved into namespace {FOREIGN} (prefix m)");
            self.push(Kind::RenameElement, &s.path, &detail, doc, None);
        }
        // Rename: the element and its descendants into a default namespace.
        for s in self.pick(|_| true) {
            let mut doc = self.seed.clone();
            doc.get_mut(&s.at).set_attr("xmlns", FOREIGN);
            let detail = format!("moved with its descendants into default namespace {FOREIGN}");
            self.push(Kind::RenameElement, &s.path, &detail, doc, None);
        }
        // Rename: the root to another root of the schema.
        if self.model.roots.len() > 1 {
            let current = self.seed.root.name.clone();
            let others: Vec<&str> = self
                .model
                .roots
                .iter()
                .map(|r| r.name)
                .filter(|n| *n != current)
                .collect();
            let to = others[self.rng.below(others.len())];
            let mut doc = self.seed.clone();
            doc.root.name = to.to_string();
            self.push(
                Kind::RenameElement,
                &format!("/{current}"),
                &format!("root renamed to '{to}'"),
                doc,
                None,
            );
        }
        // Reorder: swap with the next sibling element of another name.
        for s in self.pick(|s| s.parent.is_some()) {
            let (last, parent) = s.at.split_last().expect("not the root");
            let p = self.seed.get(parent);
            let name = &self.seed.get(&s.at).name;
            let other = p.element_indices().into_iter().find(|&j| {
                j > *last && matches!(&p.children[j], Node::Element(e) if e.name != *name)
            });
            let Some(j) = other else { continue };
            let mut doc = self.seed.clone();
            let other_name = match &p.children[j] {
                Node::Element(e) => e.name.clone(),
                _ => unreachable!(),
            };
            doc.get_mut(parent).children.swap(*last, j);
            self.push(
                Kind::ReorderElements,
                &s.path,
                &format!("swapped with the following '{other_name}'"),
                doc,
                None,
            );
        }
        // Reorder: the last child element moved first.
        for s in self.pick(|s| s.parent.is_none() || particles(model, s.decl).is_some()) {
            let el = self.seed.get(&s.at);
            let idx = el.element_indices();
            let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else {
                continue;
            };
            if first == last {
                continue;
            }
            let mut doc = self.seed.clone();
            let el = doc.get_mut(&s.at);
            let moved = el.children.remove(last);
            el.children.insert(first, moved);
            self.push(
                Kind::ReorderElements,
                &s.path,
                "last child element moved first",
                doc,
                None,
            );
        }
        self.unknown_elements();
        self.unknown_attributes();
        self.required_attributes();
        self.text_in_element_only();
    }

    fn unknown_elements(&mut self) {
        let model = self.model;
        let names = declared_names(model);
        // An undeclared name, in element-only, simple or empty content.
        for (what, pred) in [
            (
                "element-only",
                (|m, s: &Site| particles(m, s.decl).is_some())
                    as fn(&'static SchemaModel, &Site) -> bool,
            ),
            ("text-only", |m, s: &Site| text_type(m, s.decl).is_some()),
            ("empty", |m, s: &Site| is_empty_content(m, s.decl)),
        ] {
            for s in self.pick(|s| pred(model, s)) {
                let mut doc = self.seed.clone();
                let el = doc.get_mut(&s.at);
                let pos = self.rng.below(el.children.len() + 1);
                let mut extra = Element::new("mutantElement");
                extra.children.push(Node::Text("1".into()));
                el.children.insert(pos, Node::Element(extra));
                let detail = format!("<mutantElement> inserted into {what} content");
                self.push(Kind::UnknownElement, &s.path, &detail, doc, None);
            }
        }
        // A name the schema declares elsewhere but this parent does not.
        for s in self.pick(|s| particles(model, s.decl).is_some()) {
            let (_, ps) = particles(model, s.decl).expect("element-only");
            let foreign: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| ps.iter().all(|p| p.name != *n))
                .collect();
            if foreign.is_empty() {
                continue;
            }
            let name = foreign[self.rng.below(foreign.len())];
            let mut doc = self.seed.clone();
            let el = doc.get_mut(&s.at);
            let pos = self.rng.below(el.children.len() + 1);
            el.children.insert(pos, Node::Element(Element::new(name)));
            let detail = format!("<{name}/> (declared elsewhere in the schema) inserted");
            self.push(Kind::UnknownElement, &s.path, &detail, doc, None);
        }
    }

    fn unknown_attributes(&mut self) {
        let location = format!("{}.xsd", self.model.name);
        // (attribute, prefix binding, value, what)
        let variants: [(&str, Binding, &str, &str); 6] = [
            ("mutantAttr", None, "1", "undeclared"),
            (
                "m:mutantAttr",
                Some(("m", FOREIGN)),
                "1",
                "in a foreign namespace",
            ),
            (
                "xsi:mutantAttr",
                Some(("xsi", XSI)),
                "1",
                "in the XSI namespace, not an XSI attribute",
            ),
            (
                "xsi:nil",
                Some(("xsi", XSI)),
                "false",
                "xsi:nil on a non-nillable element",
            ),
            (
                "xsi:mutantAttr",
                Some(("xsi", FOREIGN)),
                "1",
                "prefix xsi bound to a foreign namespace",
            ),
            (
                "i:noNamespaceSchemaLocation",
                Some(("i", XSI)),
                &location,
                "schema location hint under prefix i (valid)",
            ),
        ];
        for (name, ns, value, what) in variants {
            for s in self.pick(|_| true) {
                let mut doc = self.seed.clone();
                let el = doc.get_mut(&s.at);
                if let Some((prefix, uri)) = ns {
                    el.set_attr(&format!("xmlns:{prefix}"), uri);
                }
                el.set_attr(name, value);
                let detail = format!("attribute {name}=\"{value}\" added ({what})");
                self.push(Kind::UnknownAttribute, &s.path, &detail, doc, None);
            }
        }
    }

    fn required_attributes(&mut self) {
        let model = self.model;
        let with_required = |s: &Site| {
            complex(model, s.decl).is_some_and(|c| c.attributes.iter().any(|a| a.required))
        };
        for s in self.pick(with_required) {
            let ct = complex(model, s.decl).expect("complex");
            for a in ct.attributes.iter().filter(|a| a.required) {
                let seed_el = self.seed.get(&s.at);
                if !seed_el.attrs.iter().any(|(n, _)| n == a.name) {
                    continue;
                }
                let mut doc = self.seed.clone();
                doc.get_mut(&s.at).attrs.retain(|(n, _)| n != a.name);
                self.push(
                    Kind::DropRequiredAttribute,
                    &s.path,
                    &format!("required attribute '{}' removed", a.name),
                    doc,
                    None,
                );

                let spoils: Vec<(String, String, &str)> = {
                    let value = seed_el
                        .attrs
                        .iter()
                        .find(|(n, _)| n == a.name)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    let mut v = vec![
                        (case_typo(a.name), value.clone(), "name's case changed"),
                        (format!("m:{}", a.name), value, "moved into a namespace"),
                    ];
                    let ok = sample_value(a.ty, 0);
                    for b in wrong_values(a.ty, &ok) {
                        if !b.quirk {
                            v.push((a.name.to_string(), escape_attr(&b.value), b.note));
                        }
                    }
                    v.push((a.name.to_string(), String::new(), "empty value"));
                    v
                };
                for (name, value, note) in spoils {
                    let mut doc = self.seed.clone();
                    let el = doc.get_mut(&s.at);
                    let slot = el
                        .attrs
                        .iter()
                        .position(|(n, _)| n == a.name)
                        .expect("present");
                    el.attrs[slot] = (name.clone(), value.clone());
                    if name.starts_with("m:") {
                        el.declare("m", FOREIGN);
                    }
                    let detail = format!(
                        "required attribute '{}' spoiled ({note}): {name}=\"{value}\"",
                        a.name
                    );
                    self.push(Kind::SpoilRequiredAttribute, &s.path, &detail, doc, None);
                }
            }
        }
    }

    fn text_in_element_only(&mut self) {
        let model = self.model;
        let variants: [(Node, &str, bool); 5] = [
            (Node::Text("stray text".into()), "plain text", false),
            (
                Node::Text("&#65;".into()),
                "a character reference to 'A'",
                false,
            ),
            (
                Node::Text("&#9;&#32;".into()),
                "whitespace character references",
                false,
            ),
            (Node::CData("x".into()), "a CDATA section with text", false),
            (
                Node::CData(" \n ".into()),
                "a whitespace-only CDATA section",
                true,
            ),
        ];
        for (node, note, ws_cdata) in variants {
            for s in self.pick(|s| particles(model, s.decl).is_some()) {
                let mut doc = self.seed.clone();
                let el = doc.get_mut(&s.at);
                let pos = self.rng.below(el.children.len() + 1);
                el.children.insert(pos, node.clone());
                let quirk = ws_cdata.then(|| Quirk::WhitespaceCdata {
                    element: s.decl.name.to_string(),
                });
                self.push(
                    Kind::TextInElementOnly,
                    &s.path,
                    &format!("{note} inserted into element-only content"),
                    doc,
                    quirk,
                );
            }
        }
        for (node, note) in [
            (Node::Text("x".into()), "text"),
            (Node::Text(" ".into()), "a space"),
        ] {
            for s in self.pick(|s| is_empty_content(model, s.decl)) {
                let mut doc = self.seed.clone();
                doc.get_mut(&s.at).children.push(node.clone());
                self.push(
                    Kind::TextInElementOnly,
                    &s.path,
                    &format!("{note} inserted into empty content"),
                    doc,
                    None,
                );
            }
        }
    }

    /// Wrong values: for each simple type present (as element text or attribute),
    /// one random occurrence gets every wrong value of that type.
    fn values(&mut self) {
        let model = self.model;
        // (type name, attribute?) -> candidate (site, attribute name)
        let mut by_type: Vec<((&'static str, bool), Vec<ValueTarget>)> = Vec::new();
        let mut add = |key: (&'static str, bool), item: ValueTarget| match by_type
            .iter_mut()
            .find(|(k, _)| *k == key)
        {
            Some((_, v)) => v.push(item),
            None => by_type.push((key, vec![item])),
        };
        for s in &self.sites {
            if let Some(t) = text_type(model, s.decl) {
                add((t.name, false), (s.clone(), None));
            }
            if let Some(c) = complex(model, s.decl) {
                for a in c.attributes {
                    add((a.ty.name, true), (s.clone(), Some(a.name)));
                }
            }
        }
        for (_, candidates) in by_type {
            let (site, attr) = candidates[self.rng.below(candidates.len())].clone();
            let ty = match attr {
                None => text_type(model, site.decl).expect("text type"),
                Some(a) => {
                    let c = complex(model, site.decl).expect("complex");
                    c.attributes
                        .iter()
                        .find(|d| d.name == a)
                        .expect("declared")
                        .ty
                }
            };
            let ok = sample_value(ty, self.rng.below(8));
            for b in wrong_values(ty, &ok) {
                let mut doc = self.seed.clone();
                let el = doc.get_mut(&site.at);
                let (path, attribute) = match attr {
                    Some(a) => {
                        el.set_attr(a, &b.value);
                        (format!("{}/@{a}", site.path), Some(a.to_string()))
                    }
                    None => {
                        el.children = if b.value.is_empty() {
                            Vec::new()
                        } else {
                            vec![Node::Text(escape_text(&b.value))]
                        };
                        (site.path.clone(), None)
                    }
                };
                let quirk = b.quirk.then(|| Quirk::PaddedValue {
                    element: site.decl.name.to_string(),
                    attribute,
                    base: ty.base,
                });
                let detail = format!("{} ({}): {:?}", ty.name, b.note, b.value);
                self.push(b.kind, &path, &detail, doc, quirk);
            }
        }
    }
}

/// The mutants of one seed document: the seed itself (kind [`Kind::Seed`]), then
/// for each structural variant up to `per_variant` random targets, then wrong values
/// for every simple type present. Deterministic for a given `seed_name`.
pub fn mutants(
    model: &'static SchemaModel,
    seed: &Doc,
    seed_name: &str,
    per_variant: usize,
) -> Vec<Mutant> {
    let mut g = Gen {
        model,
        seed,
        seed_name,
        sites: sites(model, seed),
        rng: Rng::from_name(seed_name),
        per_variant,
        out: Vec::new(),
    };
    g.push(
        Kind::Seed,
        &format!("/{}", seed.root.name),
        "unmutated",
        seed.clone(),
        None,
    );
    g.structural();
    g.values();
    // The same document can come out of two mutations: keep the first.
    let mut seen = BTreeSet::new();
    g.out.retain(|m| seen.insert(m.xml.clone()));
    g.out
}
