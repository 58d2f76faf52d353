//! `cargo xtask schema-diff`: compares two sets of schemas through the IR and
//! classifies every change by its effect on the generated Rust API.
//!
//! The comparison runs on the IR as [`crate::load`] returns it, *before*
//! [`crate::passes::dedup`], so every change is reported against the schema file that
//! makes it. Only where dedup changes a type's Rust path (a type moving into or out of
//! the `shared` module) does the diff look at the deduplicated IR.
//!
//! # Compatibility rules
//!
//! The generated structs are meant to be built with `..Default::default()` (or
//! builders), never with exhaustive struct literals. Under that convention:
//!
//! * a new type, a new optional element or attribute (an `Option` field), a new element
//!   with `minOccurs="0"` and `maxOccurs>1` (a `Vec` field), and a new value of an
//!   *open* enumeration are **compatible**;
//! * a new value of a *closed* enumeration is **breaking** (exhaustive `match`es);
//!   a value added to the `<Name>Known` list of an open enumeration `<Name>` counts as
//!   an open-enumeration value, since no field uses the `Known` type;
//! * removing anything, renaming anything (it shows as removed + added), optional →
//!   required, required → optional (`T` becomes `Option<T>`), one → many, a change of
//!   the Rust type of a field, open ↔ closed enumeration, and a new global element (a
//!   new variant of the schema's `Root` enum) are **breaking**;
//! * a tightened facet or occurrence bound (values or documents accepted before are
//!   now rejected) is **breaking**; a loosened one is **compatible** and noted.
//!
//! [`Diff::semver_bump`] turns the changes into a suggested version bump.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use crate::ir::{
    Attribute, Builtin, Compositor, Content, Element, Facets, MaxOccurs, SchemaIr, SimpleType,
    TypeDef, TypeId, TypeKind, TypeRef, TypeSpace, SHARED_MODULE,
};
use crate::naming;
use crate::render::{simple_repr, SimpleRepr};

/// The effect of a change on the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effect {
    /// Code written against the old generated API keeps compiling and behaving.
    Compatible,
    /// Code written against the old generated API may stop compiling, or documents it
    /// accepted may be rejected.
    Breaking,
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Effect::Compatible => "compatible",
            Effect::Breaking => "breaking",
        })
    }
}

/// What happened to the item a [`Change`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// The item is new.
    Added,
    /// The item is gone.
    Removed,
    /// The item exists on both sides but differs.
    Changed,
    /// Only the `xs:documentation` of the item differs.
    Documentation,
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Changed => "changed",
            ChangeKind::Documentation => "documentation",
        })
    }
}

/// One difference between the old and the new schemas.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    /// The schema file, such as `finding.xsd`.
    pub schema: String,
    /// The XSD path of the item: a type (`SSLDataCipher`), an element
    /// (`Finding/sslData`), an attribute (`Base64Text/@base64`), the text content of
    /// a type (`Base64Text/text()`), a global element (`/ServiceResponse`), or empty
    /// for the schema file as a whole. Anonymous types are named by the path of the
    /// element that declares them (`CweList/list`).
    pub path: String,
    /// For a change to one enumeration value, the value.
    pub value: Option<String>,
    /// Added, removed, changed, or documentation only.
    pub kind: ChangeKind,
    /// What changed in the schema, for humans.
    pub description: String,
    /// Compatible or breaking for the generated Rust API.
    pub effect: Effect,
    /// Why, in terms of the generated Rust API.
    pub reason: String,
}

impl Change {
    /// The path with the enumeration value, as shown in reports:
    /// `ResponseCode value "FOO"`.
    pub fn location(&self) -> String {
        let path = if self.path.is_empty() {
            "(schema file)"
        } else {
            self.path.as_str()
        };
        match &self.value {
            Some(v) => format!("{path} value \"{v}\""),
            None => path.to_string(),
        }
    }

    /// Whether the change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.effect == Effect::Breaking
    }
}

/// A suggested semver bump for the crate that holds the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Only documentation changed.
    Patch,
    /// Compatible changes only.
    Minor,
    /// At least one breaking change.
    Major,
}

impl Bump {
    /// The bump for a crate at 1.0 or later: `major`, `minor`, `patch` or `none`.
    pub fn label(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The bump for a pre-1.0 crate (`0.x.y`), where Cargo treats a minor bump as
    /// breaking: major becomes minor, minor becomes patch.
    pub fn pre_1_0_label(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch | Bump::Minor => "patch",
            Bump::Major => "minor",
        }
    }
}

impl fmt::Display for Bump {
    /// `major (0.x: minor)`, `minor (0.x: patch)`, `patch (0.x: patch)` or `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bump::None => f.write_str("none"),
            b => write!(f, "{} (0.x: {})", b.label(), b.pre_1_0_label()),
        }
    }
}

/// Exit status of `cargo xtask schema-diff` on usage, I/O or schema errors.
pub const EXIT_ERROR: u8 = 2;

/// Exit status of `cargo xtask schema-diff --fail-on-breaking` when something breaks.
pub const EXIT_BREAKING: u8 = 1;

/// Every difference between two sets of schemas, sorted by schema file, path, value
/// and kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// The changes, sorted.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether the two sides are identical (documentation included).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> + '_ {
        self.changes.iter().filter(|c| c.is_breaking())
    }

    /// The changes of one schema file.
    pub fn changes_in<'a>(&'a self, schema: &'a str) -> impl Iterator<Item = &'a Change> + 'a {
        self.changes.iter().filter(move |c| c.schema == schema)
    }

    /// Major if anything breaks, minor if anything else than documentation changed,
    /// patch if only documentation changed, none if nothing did.
    pub fn semver_bump(&self) -> Bump {
        if self.has_breaking() {
            Bump::Major
        } else if self
            .changes
            .iter()
            .any(|c| c.kind != ChangeKind::Documentation)
        {
            Bump::Minor
        } else if self.is_empty() {
            Bump::None
        } else {
            Bump::Patch
        }
    }

    /// The exit status of `cargo xtask schema-diff`: [`EXIT_BREAKING`] when
    /// `fail_on_breaking` is set and a change is breaking, else 0. (Errors exit with
    /// [`EXIT_ERROR`].)
    pub fn exit_code(&self, fail_on_breaking: bool) -> u8 {
        if fail_on_breaking && self.has_breaking() {
            EXIT_BREAKING
        } else {
            0
        }
    }

    fn schemas(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.changes.iter().map(|c| c.schema.as_str()).collect();
        out.dedup();
        out
    }

    fn summary(&self) -> String {
        let breaking = self.breaking().count();
        let docs = self
            .changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Documentation)
            .count();
        let compatible = self.changes.len() - breaking;
        let plural = if self.changes.len() == 1 { "" } else { "s" };
        format!(
            "{} change{plural}: {breaking} breaking, {compatible} compatible ({docs} documentation only)",
            self.changes.len()
        )
    }

    /// The plain-text report: per schema file, one line per change (marker, location,
    /// description, effect) followed by the reason; then a summary and the suggested
    /// bump. Exactly `no changes` when there are none.
    pub fn render_text(&self) -> String {
        if self.is_empty() {
            return "no changes\n".to_string();
        }
        let mut out = String::new();
        for schema in self.schemas() {
            out.push_str(schema);
            out.push('\n');
            for c in self.changes_in(schema) {
                let marker = match c.kind {
                    ChangeKind::Added => '+',
                    ChangeKind::Removed => '-',
                    ChangeKind::Changed => '~',
                    ChangeKind::Documentation => '#',
                };
                let effect = match c.effect {
                    Effect::Compatible => "compatible",
                    Effect::Breaking => "BREAKING",
                };
                out.push_str(&format!(
                    "  {marker} {}: {} [{effect}]\n      {}\n",
                    c.location(),
                    c.description,
                    c.reason
                ));
            }
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out.push_str(&format!("suggested version bump: {}\n", self.semver_bump()));
        out
    }

    /// The Markdown report: a table per schema file (change, path, effect, reason),
    /// then a summary and the suggested bump. Exactly `no changes` when there are none.
    pub fn render_markdown(&self) -> String {
        if self.is_empty() {
            return "no changes\n".to_string();
        }
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = String::from("## Schema changes\n");
        for schema in self.schemas() {
            out.push_str(&format!(
                "\n### `{schema}`\n\n| Change | Path | Effect | Reason |\n| --- | --- | --- | --- |\n"
            ));
            for c in self.changes_in(schema) {
                let effect = match c.effect {
                    Effect::Compatible => "compatible",
                    Effect::Breaking => "**breaking**",
                };
                out.push_str(&format!(
                    "| {} | `{}` | {effect} | {} |\n",
                    cell(&c.description),
                    cell(&c.location()),
                    cell(&c.reason)
                ));
            }
        }
        out.push_str(&format!(
            "\n**Summary:** {}.\n\n**Suggested version bump:** {}\n",
            self.summary(),
            self.semver_bump()
        ));
        out
    }
}

/// Loads the schemas of two folders with [`crate::load`] and diffs them.
///
/// Unlike [`crate::load`], a folder that does not exist or holds none of
/// [`crate::SCHEMA_FILES`] is an error.
pub fn diff_dirs(old: &Path, new: &Path) -> Result<Diff, crate::Error> {
    let old = load_dir(old)?;
    let new = load_dir(new)?;
    Ok(diff(&old, &new))
}

fn load_dir(dir: &Path) -> Result<TypeSpace, crate::Error> {
    let io = |source| crate::error::EmitError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(dir).map_err(io)?;
    if !meta.is_dir() {
        return Err(io(std::io::Error::other("not a directory")).into());
    }
    if !crate::SCHEMA_FILES.iter().any(|f| dir.join(f).is_file()) {
        let files = crate::SCHEMA_FILES.join(", ");
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("no schema file ({files}) in this folder"),
        ))
        .into());
    }
    crate::load(dir)
}

/// Compares two IRs, as [`crate::load`] returns them (before the passes).
pub fn diff(old: &TypeSpace, new: &TypeSpace) -> Diff {
    let old = Side::new(old);
    let new = Side::new(new);
    let mut d = Differ {
        old: &old,
        new: &new,
        schema: String::new(),
        stem: String::new(),
        out: Vec::new(),
    };
    let stems: BTreeSet<&String> = old
        .space
        .schemas
        .keys()
        .chain(new.space.schemas.keys())
        .collect();
    for stem in stems {
        match (old.space.schemas.get(stem), new.space.schemas.get(stem)) {
            (Some(o), Some(n)) => d.schema_pair(stem, o, n),
            (None, Some(n)) => {
                d.schema = n.file.clone();
                d.push(
                    "",
                    None,
                    ChangeKind::Added,
                    Effect::Compatible,
                    "schema file added".to_string(),
                    format!("new module `{stem}` with its types and `Root` enum"),
                );
            }
            (Some(o), None) => {
                d.schema = o.file.clone();
                d.push(
                    "",
                    None,
                    ChangeKind::Removed,
                    Effect::Breaking,
                    "schema file removed".to_string(),
                    format!("module `{stem}` and every type in it disappear"),
                );
            }
            (None, None) => {}
        }
    }
    let mut changes = d.out;
    changes.sort();
    changes.dedup();
    Diff { changes }
}

/// One side of the comparison, with what the rules need precomputed.
struct Side<'a> {
    space: &'a TypeSpace,
    /// Types some element, attribute, simple content or root refers to.
    referenced: BTreeSet<TypeId>,
    /// Fields the renderer boxes.
    boxed: BTreeSet<(TypeId, String)>,
    /// (schema stem, type name) → the Rust module the type is generated in.
    modules: BTreeMap<(String, String), String>,
}

impl<'a> Side<'a> {
    fn new(space: &'a TypeSpace) -> Self {
        let mut referenced = BTreeSet::new();
        for def in space.types.values() {
            for r in def.references() {
                if let TypeRef::Named(id) = r {
                    referenced.insert(id.clone());
                }
            }
        }
        for schema in space.schemas.values() {
            for root in &schema.roots {
                if let TypeRef::Named(id) = &root.ty {
                    referenced.insert(id.clone());
                }
            }
        }
        let stem_of: BTreeMap<&str, &str> = space
            .schemas
            .values()
            .map(|s| (s.file.as_str(), s.name.as_str()))
            .collect();
        let mut deduped = space.clone();
        crate::passes::dedup(&mut deduped);
        let mut modules = BTreeMap::new();
        for def in deduped.types.values() {
            for source in &def.sources {
                let stem = stem_of
                    .get(source.as_str())
                    .copied()
                    .unwrap_or(source.as_str());
                modules.insert(
                    (stem.to_string(), def.id.name.clone()),
                    def.id.module.clone(),
                );
            }
        }
        Side {
            space,
            referenced,
            boxed: crate::passes::boxed_fields(space),
            modules,
        }
    }

    fn module_of(&self, stem: &str, name: &str) -> String {
        self.modules
            .get(&(stem.to_string(), name.to_string()))
            .cloned()
            .unwrap_or_else(|| stem.to_string())
    }

    fn has_default(&self, id: &TypeId) -> bool {
        let ctx = crate::render::Ctx {
            space: self.space,
            boxed: &self.boxed,
        };
        ctx.has_default(&TypeRef::Named(id.clone()), &mut BTreeSet::new())
    }

    /// A reference with type aliases (simple types without facets or enumeration)
    /// resolved: two references are the same Rust type exactly when these are equal.
    fn resolve(&self, r: &TypeRef) -> TypeRef {
        if let TypeRef::Named(id) = r {
            if let Some(TypeKind::Simple(s)) = self.space.get(id).map(|d| &d.kind) {
                if simple_repr(s) == SimpleRepr::Alias {
                    return TypeRef::Builtin(s.base);
                }
            }
        }
        r.clone()
    }

    /// For a closed enumeration `<Name>Known` that only lists the known values of the
    /// open enumeration `<Name>` (and that no field uses), `<Name>`.
    fn known_list_of(&self, id: &TypeId) -> Option<String> {
        let open = id.name.strip_suffix("Known")?;
        if self.referenced.contains(id) {
            return None;
        }
        match self
            .space
            .get(&TypeId::new(id.module.clone(), open))
            .map(|d| &d.kind)
        {
            Some(TypeKind::Simple(s)) if s.open => Some(open.to_string()),
            _ => None,
        }
    }
}

/// How an element particle is held in its struct (mirrors the renderer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Required,
    Optional,
    Many,
}

fn shape(el: &Element, compositor: Compositor, group_min: u32) -> Shape {
    if el.max.is_many() {
        Shape::Many
    } else if el.min == 0 || group_min == 0 || compositor == Compositor::Choice {
        Shape::Optional
    } else {
        Shape::Required
    }
}

/// Whether a document may leave the element out.
fn may_omit(el: &Element, compositor: Compositor, group_min: u32) -> bool {
    el.min == 0 || group_min == 0 || compositor == Compositor::Choice
}

fn builtin_rust(b: Builtin) -> &'static str {
    match b {
        Builtin::String => "String",
        Builtin::Int => "i32",
        Builtin::Long => "i64",
        Builtin::Boolean => "bool",
        Builtin::DateTime => "DateTime",
        Builtin::Date => "Date",
        Builtin::Decimal => "Decimal",
    }
}

/// The Rust spelling of a reference, as the renderer names it.
fn rust_ty(r: &TypeRef) -> String {
    match r {
        TypeRef::Builtin(b) => builtin_rust(*b).to_string(),
        TypeRef::Named(id) => naming::type_name(&id.name),
    }
}

/// The XSD spelling of a reference.
fn xsd_ty(r: &TypeRef) -> String {
    match r {
        TypeRef::Builtin(b) => b.xsd_name(),
        TypeRef::Named(id) => id.name.clone(),
    }
}

fn field_ty(r: &TypeRef, shape: Shape, boxed: bool) -> String {
    let inner = if boxed {
        format!("Box<{}>", rust_ty(r))
    } else {
        rust_ty(r)
    };
    match shape {
        Shape::Required => inner,
        Shape::Optional => format!("Option<{inner}>"),
        Shape::Many => format!("Vec<{inner}>"),
    }
}

fn occurs(el: &Element) -> String {
    format!("minOccurs {}, maxOccurs {}", el.min, el.max)
}

fn normalized_doc(doc: &[String]) -> String {
    doc.iter()
        .flat_map(|d| d.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

const DEFAULT_NOTE: &str =
    "generated structs are built with `..Default::default()` (or builders), so a new optional field is compatible";

const REJECTS: &str = "documents (or values) accepted before may now be rejected";

/// An occurrence bound compared across versions.
fn max_le(a: MaxOccurs, b: MaxOccurs) -> bool {
    match (a, b) {
        (_, MaxOccurs::Unbounded) => true,
        (MaxOccurs::Unbounded, MaxOccurs::Bounded(_)) => false,
        (MaxOccurs::Bounded(x), MaxOccurs::Bounded(y)) => x <= y,
    }
}

struct Differ<'s, 'a> {
    old: &'s Side<'a>,
    new: &'s Side<'a>,
    /// The schema file being compared.
    schema: String,
    /// Its stem (module).
    stem: String,
    out: Vec<Change>,
}

impl Differ<'_, '_> {
    fn push(
        &mut self,
        path: impl Into<String>,
        value: Option<&str>,
        kind: ChangeKind,
        effect: Effect,
        description: String,
        reason: String,
    ) {
        self.out.push(Change {
            schema: self.schema.clone(),
            path: path.into(),
            value: value.map(str::to_string),
            kind,
            description,
            effect,
            reason,
        });
    }

    fn docs(&mut self, path: &str, what: &str, old: &[String], new: &[String]) {
        if normalized_doc(old) != normalized_doc(new) {
            self.push(
                path,
                None,
                ChangeKind::Documentation,
                Effect::Compatible,
                format!("documentation of {what} changed"),
                "only doc comments change".to_string(),
            );
        }
    }

    fn schema_pair(&mut self, stem: &str, o: &SchemaIr, n: &SchemaIr) {
        self.schema = n.file.clone();
        self.stem = stem.to_string();
        self.roots(stem, &o.roots, &n.roots);
        let names: BTreeSet<&String> = self
            .old
            .space
            .module_types(stem)
            .chain(self.new.space.module_types(stem))
            .map(|d| &d.id.name)
            .collect();
        for name in names {
            let id = TypeId::new(stem, name.clone());
            match (self.old.space.get(&id), self.new.space.get(&id)) {
                (Some(od), Some(nd)) => self.type_pair(stem, od, nd),
                (None, Some(nd)) if !nd.anonymous => {
                    let module = self.new.module_of(stem, name);
                    let rust = naming::type_name(name);
                    let what = match &nd.kind {
                        TypeKind::Complex { .. } => "complex type",
                        TypeKind::Simple(s) if !s.enumeration.is_empty() => "enumeration",
                        TypeKind::Simple(_) => "simple type",
                    };
                    self.push(
                        name.clone(),
                        None,
                        ChangeKind::Added,
                        Effect::Compatible,
                        format!("{what} `{name}` added"),
                        format!("new type `{module}::{rust}`; adding a type is compatible"),
                    );
                }
                (Some(od), None) if !od.anonymous => {
                    let module = self.old.module_of(stem, name);
                    let rust = naming::type_name(name);
                    self.push(
                        name.clone(),
                        None,
                        ChangeKind::Removed,
                        Effect::Breaking,
                        format!("type `{name}` removed"),
                        format!("type `{module}::{rust}` disappears"),
                    );
                }
                // Anonymous types come and go with the element that declares them,
                // which is reported instead.
                _ => {}
            }
        }
    }

    fn roots(&mut self, stem: &str, old: &[Element], new: &[Element]) {
        let old_by: BTreeMap<&str, &Element> = old.iter().map(|e| (e.name.as_str(), e)).collect();
        let new_by: BTreeMap<&str, &Element> = new.iter().map(|e| (e.name.as_str(), e)).collect();
        let names: BTreeSet<&str> = old_by.keys().chain(new_by.keys()).copied().collect();
        for name in names {
            let path = format!("/{name}");
            let variant = naming::type_name(name);
            match (old_by.get(name), new_by.get(name)) {
                (None, Some(n)) => self.push(
                    path,
                    None,
                    ChangeKind::Added,
                    Effect::Breaking,
                    format!("global element `{name}` ({}) added", xsd_ty(&n.ty)),
                    format!(
                        "`{stem}::Root` gains the variant `{variant}`; exhaustive matches on `Root` need a new arm"
                    ),
                ),
                (Some(o), None) => self.push(
                    path,
                    None,
                    ChangeKind::Removed,
                    Effect::Breaking,
                    format!("global element `{name}` ({}) removed", xsd_ty(&o.ty)),
                    format!("`{stem}::Root` loses the variant `{variant}`"),
                ),
                (Some(o), Some(n)) => {
                    let what = format!("the variant `{stem}::Root::{variant}`");
                    self.type_ref_change(&path, &what, &o.ty, &n.ty);
                    self.docs(&path, &format!("global element `{name}`"), &o.doc, &n.doc);
                }
                (None, None) => {}
            }
        }
    }

    /// Reports a change of the type an element, attribute, text content or root refers
    /// to; `what` names the Rust item holding the value.
    fn type_ref_change(&mut self, path: &str, what: &str, old: &TypeRef, new: &TypeRef) {
        let same_name = match (old, new) {
            (TypeRef::Named(a), TypeRef::Named(b)) => a.name == b.name,
            (a, b) => a == b,
        };
        if same_name {
            // A change inside the referenced type is reported on the type itself.
            return;
        }
        let description = format!("type changes from {} to {}", xsd_ty(old), xsd_ty(new));
        if self.old.resolve(old) == self.new.resolve(new) {
            let rust = rust_ty(&self.new.resolve(new));
            self.push(
                path,
                None,
                ChangeKind::Changed,
                Effect::Compatible,
                description,
                format!("the Rust type of {what} stays `{rust}` (an alias on one side)"),
            );
        } else {
            self.push(
                path,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                description,
                format!(
                    "the type of {what} changes from `{}` to `{}`",
                    rust_ty(old),
                    rust_ty(new)
                ),
            );
        }
    }

    fn type_pair(&mut self, stem: &str, o: &TypeDef, n: &TypeDef) {
        let name = n.id.name.as_str();
        let rust = naming::type_name(name);
        self.docs(name, &format!("type `{name}`"), &o.doc, &n.doc);
        let (old_module, new_module) = (
            self.old.module_of(stem, name),
            self.new.module_of(stem, name),
        );
        if old_module != new_module {
            let why = if new_module == SHARED_MODULE {
                "several schemas now define it identically"
            } else {
                "no other schema defines it identically any more"
            };
            self.push(
                name,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                format!("generated in module `{new_module}` instead of `{old_module}`"),
                format!(
                    "the Rust path changes from `{old_module}::{rust}` to `{new_module}::{rust}`: {why}"
                ),
            );
        }
        match (&o.kind, &n.kind) {
            (TypeKind::Simple(os), TypeKind::Simple(ns)) => self.simple_pair(&n.id, os, ns),
            (
                TypeKind::Complex {
                    attributes: oa,
                    content: oc,
                },
                TypeKind::Complex {
                    attributes: na,
                    content: nc,
                },
            ) => {
                self.attributes(name, oa, na);
                self.content(name, oc, nc);
                let (od, nd) = (self.old.has_default(&o.id), self.new.has_default(&n.id));
                if od != nd {
                    let (effect, verb) = if od {
                        (Effect::Breaking, "no longer implements")
                    } else {
                        (Effect::Compatible, "now implements")
                    };
                    self.push(
                        name,
                        None,
                        ChangeKind::Changed,
                        effect,
                        format!("`{rust}` {verb} `Default`"),
                        format!(
                            "`..Default::default()` on `{rust}` {}",
                            if od {
                                "no longer compiles"
                            } else {
                                "now works"
                            }
                        ),
                    );
                }
            }
            (TypeKind::Complex { .. }, TypeKind::Simple(_)) => self.push(
                name,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                "complex type becomes a simple type".to_string(),
                format!("`{rust}` is no longer a struct"),
            ),
            (TypeKind::Simple(_), TypeKind::Complex { .. }) => self.push(
                name,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                "simple type becomes a complex type".to_string(),
                format!("`{rust}` becomes a struct"),
            ),
        }
    }

    fn simple_pair(&mut self, id: &TypeId, o: &SimpleType, n: &SimpleType) {
        let name = id.name.as_str();
        let rust = naming::type_name(name);
        let (or, nr) = (simple_repr(o), simple_repr(n));
        let spell = |s: &SimpleType, r: SimpleRepr| match r {
            SimpleRepr::Alias => format!("`type {rust} = {}`", builtin_rust(s.base)),
            SimpleRepr::Newtype => format!("newtype `{rust}({})`", builtin_rust(s.base)),
            SimpleRepr::Enum if s.open => format!("open enum `{rust}` (with `Other(String)`)"),
            SimpleRepr::Enum => format!("closed enum `{rust}`"),
        };
        if or != nr {
            let kind_of = |s: &SimpleType, r: SimpleRepr| match r {
                SimpleRepr::Alias => format!("plain {}", s.base.xsd_name()),
                SimpleRepr::Newtype => format!("restricted {}", s.base.xsd_name()),
                SimpleRepr::Enum => "enumeration".to_string(),
            };
            self.push(
                name,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                format!("changes from a {} to a {}", kind_of(o, or), kind_of(n, nr)),
                format!("{} becomes {}", spell(o, or), spell(n, nr)),
            );
            return;
        }
        if o.base != n.base {
            let (effect, reason) = if nr == SimpleRepr::Enum {
                (
                    Effect::Compatible,
                    format!("the variants of `{rust}` are unchanged by the base type"),
                )
            } else {
                (
                    Effect::Breaking,
                    format!("{} becomes {}", spell(o, or), spell(n, nr)),
                )
            };
            self.push(
                name,
                None,
                ChangeKind::Changed,
                effect,
                format!(
                    "base type changes from {} to {}",
                    o.base.xsd_name(),
                    n.base.xsd_name()
                ),
                reason,
            );
        }
        self.facets(name, &rust, &o.facets, &n.facets);
        if nr != SimpleRepr::Enum {
            return;
        }
        if o.open != n.open {
            let description = if n.open {
                "closed enumeration becomes open (union with its base)"
            } else {
                "open enumeration becomes closed"
            };
            let reason = if n.open {
                format!("`{rust}` gains the variant `Other(String)` and loses `Copy`; exhaustive matches break")
            } else {
                format!("`{rust}` loses the variant `Other(String)`; values outside the list are rejected")
            };
            self.push(
                name,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                description.to_string(),
                reason,
            );
        }
        let old_values: BTreeSet<&String> = o.enumeration.iter().collect();
        let new_values: BTreeSet<&String> = n.enumeration.iter().collect();
        for v in old_values.difference(&new_values) {
            self.push(
                name,
                Some(v),
                ChangeKind::Removed,
                Effect::Breaking,
                format!("enumeration value `{v}` removed"),
                format!("`{rust}` loses the variant `{}`", naming::variant_name(v)),
            );
        }
        let known_of = self.new.known_list_of(id);
        for v in new_values.difference(&old_values) {
            let variant = naming::variant_name(v);
            let (effect, reason) = if n.open {
                (
                    Effect::Compatible,
                    format!(
                        "`{rust}` is an open enum: the new variant `{variant}` replaces `Other(\"{v}\")`, which already parsed"
                    ),
                )
            } else if let Some(open) = &known_of {
                (
                    Effect::Compatible,
                    format!(
                        "`{name}` lists the known values of the open enumeration `{open}` and no field uses it; `{}` gains `{variant}` compatibly (code matching `{rust}` itself needs a wildcard arm)",
                        naming::type_name(open)
                    ),
                )
            } else {
                (
                    Effect::Breaking,
                    format!(
                        "`{rust}` is a closed enum: the new variant `{variant}` breaks exhaustive matches"
                    ),
                )
            };
            self.push(
                name,
                Some(v),
                ChangeKind::Added,
                effect,
                format!("enumeration value `{v}` added"),
                reason,
            );
        }
    }

    fn facets(&mut self, name: &str, rust: &str, o: &Facets, n: &Facets) {
        // (facet, old, new, whether a larger value is looser)
        let pairs = [
            ("minInclusive", o.min_inclusive, n.min_inclusive, false),
            ("maxInclusive", o.max_inclusive, n.max_inclusive, true),
            (
                "minLength",
                o.min_length.map(i64::from),
                n.min_length.map(i64::from),
                false,
            ),
            (
                "maxLength",
                o.max_length.map(i64::from),
                n.max_length.map(i64::from),
                true,
            ),
        ];
        for (facet, old, new, larger_is_looser) in pairs {
            let looser = match (old, new) {
                (a, b) if a == b => continue,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some(a), Some(b)) => (b > a) == larger_is_looser,
                (None, None) => continue,
            };
            let show = |v: Option<i64>| v.map_or("none".to_string(), |v| v.to_string());
            let description = format!("facet {facet} changes from {} to {}", show(old), show(new));
            if looser {
                self.push(
                    name,
                    None,
                    ChangeKind::Changed,
                    Effect::Compatible,
                    format!("{description} (loosened)"),
                    format!("`{rust}::new` accepts more values than before"),
                );
            } else {
                self.push(
                    name,
                    None,
                    ChangeKind::Changed,
                    Effect::Breaking,
                    format!("{description} (tightened)"),
                    format!("`{rust}::new` and parsing reject values accepted before"),
                );
            }
        }
    }

    fn attributes(&mut self, ty: &str, old: &[Attribute], new: &[Attribute]) {
        let rust_struct = naming::type_name(ty);
        let old_by: BTreeMap<&str, &Attribute> = old.iter().map(|a| (a.name.as_str(), a)).collect();
        let new_by: BTreeMap<&str, &Attribute> = new.iter().map(|a| (a.name.as_str(), a)).collect();
        let names: BTreeSet<&str> = old_by.keys().chain(new_by.keys()).copied().collect();
        for name in names {
            let path = format!("{ty}/@{name}");
            let field = naming::field_name(name);
            let shape = |a: &Attribute| {
                if a.required {
                    Shape::Required
                } else {
                    Shape::Optional
                }
            };
            let use_ = |a: &Attribute| if a.required { "required" } else { "optional" };
            match (old_by.get(name), new_by.get(name)) {
                (None, Some(a)) => {
                    let fty = field_ty(&a.ty, shape(a), false);
                    let description =
                        format!("{} attribute `{name}` ({}) added", use_(a), xsd_ty(&a.ty));
                    if a.required {
                        self.push(
                            path,
                            None,
                            ChangeKind::Added,
                            Effect::Breaking,
                            description,
                            format!(
                                "new required field `{field}: {fty}` in `{rust_struct}`; documents without it are rejected"
                            ),
                        );
                    } else {
                        self.push(
                            path,
                            None,
                            ChangeKind::Added,
                            Effect::Compatible,
                            description,
                            format!(
                                "new field `{field}: {fty}` in `{rust_struct}`; {DEFAULT_NOTE}"
                            ),
                        );
                    }
                }
                (Some(a), None) => self.push(
                    path,
                    None,
                    ChangeKind::Removed,
                    Effect::Breaking,
                    format!("attribute `{name}` removed"),
                    format!(
                        "field `{field}: {}` disappears from `{rust_struct}`",
                        field_ty(&a.ty, shape(a), false)
                    ),
                ),
                (Some(o), Some(n)) => {
                    if o.required != n.required {
                        self.push(
                            path.clone(),
                            None,
                            ChangeKind::Changed,
                            Effect::Breaking,
                            format!("attribute `{name}` changes from {} to {}", use_(o), use_(n)),
                            format!(
                                "field `{rust_struct}::{field}` changes from `{}` to `{}`",
                                field_ty(&o.ty, shape(o), false),
                                field_ty(&n.ty, shape(n), false)
                            ),
                        );
                    }
                    let what = format!("field `{rust_struct}::{field}`");
                    self.type_ref_change(&path, &what, &o.ty, &n.ty);
                    self.docs(&path, &format!("attribute `{name}`"), &o.doc, &n.doc);
                }
                (None, None) => {}
            }
        }
    }

    fn content(&mut self, ty: &str, old: &Content, new: &Content) {
        let rust_struct = naming::type_name(ty);
        let empty = |c: &Content| -> Option<(Compositor, u32, MaxOccurs, Vec<Element>)> {
            match c {
                Content::Empty => {
                    Some((Compositor::Sequence, 1, MaxOccurs::Bounded(1), Vec::new()))
                }
                Content::Group {
                    compositor,
                    min,
                    max,
                    elements,
                } => Some((*compositor, *min, *max, elements.clone())),
                Content::Simple(_) => None,
            }
        };
        match (old, new) {
            (Content::Simple(o), Content::Simple(n)) => {
                let path = format!("{ty}/text()");
                self.type_ref_change(&path, &format!("field `{rust_struct}::value`"), o, n);
            }
            (Content::Empty, Content::Empty) => {}
            _ => match (empty(old), empty(new)) {
                (Some(o), Some(n)) => {
                    let compare_compositors =
                        !matches!(old, Content::Empty) && !matches!(new, Content::Empty);
                    self.group(ty, compare_compositors, o, n);
                }
                _ => {
                    let describe = |c: &Content| match c {
                        Content::Empty => "empty content",
                        Content::Simple(_) => "text content",
                        Content::Group { .. } => "element content",
                    };
                    self.push(
                        ty,
                        None,
                        ChangeKind::Changed,
                        Effect::Breaking,
                        format!(
                            "content changes from {} to {}",
                            describe(old),
                            describe(new)
                        ),
                        format!("the fields of `{rust_struct}` change shape"),
                    );
                }
            },
        }
    }

    fn group(
        &mut self,
        ty: &str,
        compare_compositors: bool,
        (oc, omin, omax, old): (Compositor, u32, MaxOccurs, Vec<Element>),
        (nc, nmin, nmax, new): (Compositor, u32, MaxOccurs, Vec<Element>),
    ) {
        let rust_struct = naming::type_name(ty);
        let owner = TypeId::new(self.stem.clone(), ty);
        if compare_compositors {
            if oc != nc {
                let looser = oc == Compositor::Sequence && nc == Compositor::All;
                let (effect, reason) = if looser {
                    (
                        Effect::Compatible,
                        "any element order is now accepted".to_string(),
                    )
                } else if oc == Compositor::Choice || nc == Compositor::Choice {
                    (
                        Effect::Breaking,
                        format!("which fields of `{rust_struct}` may be set together changes"),
                    )
                } else {
                    (
                        Effect::Breaking,
                        "documents in an order accepted before may be rejected".to_string(),
                    )
                };
                self.push(
                    ty,
                    None,
                    ChangeKind::Changed,
                    effect,
                    format!("compositor changes from xs:{oc} to xs:{nc}"),
                    reason,
                );
            }
            if omin != nmin || omax != nmax {
                let tighter = nmin > omin || !max_le(omax, nmax);
                let one_to_many = !omax.is_many() && nmax.is_many();
                let effect = if tighter || one_to_many {
                    Effect::Breaking
                } else {
                    Effect::Compatible
                };
                let reason = if tighter {
                    REJECTS.to_string()
                } else if one_to_many {
                    format!(
                        "the group of `{rust_struct}` may now repeat, which one struct cannot hold"
                    )
                } else {
                    "fewer documents are rejected".to_string()
                };
                self.push(
                    ty,
                    None,
                    ChangeKind::Changed,
                    effect,
                    format!("xs:{nc} occurrence changes from {omin}..{omax} to {nmin}..{nmax}"),
                    reason,
                );
            }
        }
        // Elements are matched by name (and, for repeated names, by rank).
        let keyed = |els: &[Element]| -> BTreeMap<(String, usize), Element> {
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            els.iter()
                .map(|e| {
                    let n = seen.entry(e.name.clone()).or_default();
                    *n += 1;
                    ((e.name.clone(), *n), e.clone())
                })
                .collect()
        };
        let (old_by, new_by) = (keyed(&old), keyed(&new));
        let keys: BTreeSet<&(String, usize)> = old_by.keys().chain(new_by.keys()).collect();
        let new_default = self.new.has_default(&owner);
        for key in keys {
            let name = key.0.as_str();
            let path = format!("{ty}/{name}");
            let field = naming::field_name(name);
            match (old_by.get(key), new_by.get(key)) {
                (None, Some(e)) => {
                    let s = shape(e, nc, nmin);
                    let boxed = self.new.boxed.contains(&(owner.clone(), name.to_string()));
                    let fty = field_ty(&e.ty, s, boxed);
                    let description =
                        format!("element `{name}` added ({}, {})", xsd_ty(&e.ty), occurs(e));
                    if may_omit(e, nc, nmin) {
                        let mut reason = format!(
                            "new field `{field}: {fty}` in `{rust_struct}`; {DEFAULT_NOTE}"
                        );
                        if s == Shape::Many {
                            reason = format!(
                                "new field `{field}: {fty}` in `{rust_struct}` (empty by default); {DEFAULT_NOTE}"
                            );
                        }
                        if !new_default {
                            reason.push_str(&format!(
                                " (note: `{rust_struct}` has no `Default`, so its struct literals must name the new field)"
                            ));
                        }
                        self.push(
                            path,
                            None,
                            ChangeKind::Added,
                            Effect::Compatible,
                            description,
                            reason,
                        );
                    } else {
                        self.push(
                            path,
                            None,
                            ChangeKind::Added,
                            Effect::Breaking,
                            description,
                            format!(
                                "new required field `{field}: {fty}` in `{rust_struct}`; documents without `<{name}>` are rejected"
                            ),
                        );
                    }
                }
                (Some(e), None) => {
                    let boxed = self.old.boxed.contains(&(owner.clone(), name.to_string()));
                    let fty = field_ty(&e.ty, shape(e, oc, omin), boxed);
                    // A rename that keeps the Rust field name (`uniqueId` → `uniqueID`).
                    let renamed = new.iter().find(|n| {
                        naming::field_name(&n.name) == field
                            && !old.iter().any(|o| o.name == n.name)
                    });
                    let reason = match renamed {
                        Some(n) => format!(
                            "the Rust field `{rust_struct}::{field}` keeps its name but now reads `<{}>`: documents with `<{name}>` are rejected",
                            n.name
                        ),
                        None => format!("field `{field}: {fty}` disappears from `{rust_struct}`"),
                    };
                    self.push(
                        path,
                        None,
                        ChangeKind::Removed,
                        Effect::Breaking,
                        format!("element `{name}` removed"),
                        reason,
                    );
                }
                (Some(o), Some(n)) => {
                    self.element_pair(&owner, &path, (o, oc, omin), (n, nc, nmin));
                }
                (None, None) => {}
            }
        }
        // Element order matters to xs:sequence.
        if oc == Compositor::Sequence && nc == Compositor::Sequence {
            let common = |from: &[Element], other: &BTreeMap<(String, usize), Element>| {
                let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
                from.iter()
                    .filter_map(|e| {
                        let n = seen.entry(e.name.as_str()).or_default();
                        *n += 1;
                        other
                            .contains_key(&(e.name.clone(), *n))
                            .then(|| e.name.clone())
                    })
                    .collect::<Vec<_>>()
            };
            let (o_order, n_order) = (common(&old, &new_by), common(&new, &old_by));
            if o_order != n_order {
                self.push(
                    ty,
                    None,
                    ChangeKind::Changed,
                    Effect::Breaking,
                    format!(
                        "xs:sequence order changes from ({}) to ({})",
                        o_order.join(", "),
                        n_order.join(", ")
                    ),
                    format!(
                        "documents in the old order are rejected and `{rust_struct}` is written in the new order"
                    ),
                );
            }
        }
    }

    fn element_pair(
        &mut self,
        owner: &TypeId,
        path: &str,
        (o, oc, omin): (&Element, Compositor, u32),
        (n, nc, nmin): (&Element, Compositor, u32),
    ) {
        let name = n.name.as_str();
        let rust_struct = naming::type_name(&owner.name);
        let field = naming::field_name(name);
        let (os, ns) = (shape(o, oc, omin), shape(n, nc, nmin));
        let ob = self.old.boxed.contains(&(owner.clone(), name.to_string()));
        let nb = self.new.boxed.contains(&(owner.clone(), name.to_string()));
        let occurs_changed = o.min != n.min || o.max != n.max;
        if os != ns || ob != nb {
            let word = |s: Shape| match s {
                Shape::Required => "required",
                Shape::Optional => "optional",
                Shape::Many => "repeated",
            };
            let description = if occurs_changed {
                format!(
                    "{} → {} ({} → {})",
                    occurs(o),
                    occurs(n),
                    word(os),
                    word(ns)
                )
            } else if os != ns {
                format!(
                    "becomes {} through its model group ({} → {})",
                    word(ns),
                    word(os),
                    word(ns)
                )
            } else {
                "boxing changes (recursive type)".to_string()
            };
            self.push(
                path,
                None,
                ChangeKind::Changed,
                Effect::Breaking,
                description,
                format!(
                    "field `{rust_struct}::{field}` changes from `{}` to `{}`",
                    field_ty(&o.ty, os, ob),
                    field_ty(&n.ty, ns, nb)
                ),
            );
        } else if occurs_changed {
            let tighter = n.min > o.min || !max_le(o.max, n.max);
            let (effect, reason) = if tighter {
                (
                    Effect::Breaking,
                    format!(
                        "the field type stays `{}` but {REJECTS}",
                        field_ty(&n.ty, ns, nb)
                    ),
                )
            } else {
                (
                    Effect::Compatible,
                    format!(
                        "the field type stays `{}`; fewer documents are rejected",
                        field_ty(&n.ty, ns, nb)
                    ),
                )
            };
            self.push(
                path,
                None,
                ChangeKind::Changed,
                effect,
                format!("{} → {}", occurs(o), occurs(n)),
                reason,
            );
        }
        let what = format!("field `{rust_struct}::{field}`");
        self.type_ref_change(path, &what, &o.ty, &n.ty);
        self.docs(path, &format!("element `{name}`"), &o.doc, &n.doc);
    }
}
