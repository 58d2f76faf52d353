//! The streaming, table-driven conformance validator.
//!
//! [`validate_model`] interprets a [`SchemaModel`] over the document's tokens without
//! building any value. Memory stays constant in the document size: one small frame
//! per open element (content-model state as an index, counters and a bitset), and
//! buffers reused across elements. Every problem is reported as a [`Violation`] with
//! the position of the offending element's start tag (for a missing child: the
//! parent's), its path and a message saying what was expected; validation goes on
//! after each one, skipping the subtree of an unknown element. Malformed XML, a DTD
//! or an exceeded [`Limits`] bound stops with one final violation.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, BufRead};

use crate::error::{quote_value, Error, ErrorKind, Position};
use crate::lexer::{into_io, is_blank, local_name, Lexer, RawAttr, Tok};
use crate::model::{AttributeDecl, Builtin, ElementDecl, SchemaModel, SimpleDecl, TypeRef};
use crate::reader::Limits;
use crate::rules::{default_rules, ApiRule};
use crate::schema::Schema;
use crate::value::{check_simple, collapse_whitespace, push_list};

mod content;
use content::{Kind, State, Step};

/// Options for the validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Check against the schema only, without the [Qualys API rules](crate::rules).
    pub schema_only: bool,
    /// Resource limits.
    pub limits: Limits,
    /// Stop after this many violations (default 10 000), adding one final note.
    pub max_violations: usize,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions {
            schema_only: false,
            limits: Limits::default(),
            max_violations: 10_000,
        }
    }
}

/// What kind of problem a [`Violation`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// The document is not well-formed XML (or carries a DTD); validation stopped.
    Malformed,
    /// The document does not match the schema.
    Schema,
    /// A Qualys API rule beyond the schema (see [`crate::rules`]).
    ApiRule,
    /// A resource limit was exceeded (validation stopped), or too many violations.
    Limit,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// What kind of problem.
    pub kind: ViolationKind,
    /// Start tag of the offending element (for a missing child: of the parent).
    pub position: Position,
    /// Element path, such as `/ServiceResponse/data/Finding`; attribute values have
    /// `/@name` appended. Empty when outside any element.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Violation {
    /// `LINE:COL: error: PATH: MESSAGE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: error: {}", self.position, self.message)
        } else {
            write!(
                f,
                "{}: error: {}: {}",
                self.position, self.path, self.message
            )
        }
    }
}

/// Validates a document against one schema model, applying the default
/// [API rules](crate::rules) unless `options.schema_only`.
///
/// Only I/O failures are errors; everything about the document is a [`Violation`].
/// An empty list means the document is valid.
pub fn validate_model<R: BufRead>(
    input: R,
    model: &'static SchemaModel,
    options: &ValidateOptions,
) -> Result<Vec<Violation>, io::Error> {
    let rules = if options.schema_only {
        Vec::new()
    } else {
        default_rules()
    };
    validate_with_rules(input, model, options, rules)
}

/// Like [`validate_model`], with the given API rules instead of the default ones
/// (`options.schema_only` is not consulted).
pub fn validate_with_rules<R: BufRead>(
    input: R,
    model: &'static SchemaModel,
    options: &ValidateOptions,
    rules: Vec<Box<dyn ApiRule>>,
) -> Result<Vec<Violation>, io::Error> {
    let mut v = Validator::new(input, options, rules, Select::Model(model));
    v.run()?;
    Ok(v.sink.out)
}

/// Validates a document whose schema is chosen from its root start tag while
/// streaming: [`Schema::detect`] on the root's name and
/// `xsi:noNamespaceSchemaLocation`, else `fallback`. `resolve` maps the schema to its
/// model. Returns the schema used (if any) and the violations; when no schema can be
/// chosen, that is a violation and only well-formedness is checked.
pub fn validate_detect<R, F>(
    input: R,
    resolve: F,
    fallback: Option<Schema>,
    options: &ValidateOptions,
) -> Result<(Option<Schema>, Vec<Violation>), io::Error>
where
    R: BufRead,
    F: Fn(Schema) -> &'static SchemaModel,
{
    let rules = if options.schema_only {
        Vec::new()
    } else {
        default_rules()
    };
    let mut v = Validator::new(
        input,
        options,
        rules,
        Select::Detect {
            resolve: &resolve,
            fallback,
        },
    );
    v.run()?;
    Ok((v.detected, v.sink.out))
}

enum Select<'a> {
    Model(&'static SchemaModel),
    Detect {
        resolve: &'a dyn Fn(Schema) -> &'static SchemaModel,
        fallback: Option<Schema>,
    },
}

/// Collects violations up to the configured maximum.
struct Sink {
    out: Vec<Violation>,
    max: usize,
    halt: bool,
}

impl Sink {
    fn push(&mut self, kind: ViolationKind, position: Position, path: &str, message: String) {
        if self.halt {
            return;
        }
        self.out.push(Violation {
            kind,
            position,
            path: path.to_owned(),
            message,
        });
        self.check(position);
    }

    /// Stops with a final note once the maximum is reached.
    fn check(&mut self, position: Position) {
        if !self.halt && self.out.len() >= self.max {
            self.halt = true;
            self.out.push(Violation {
                kind: ViolationKind::Limit,
                position,
                path: String::new(),
                message: format!("too many violations: stopped after {}", self.max),
            });
        }
    }
}

/// One open element.
struct Frame {
    kind: Kind,
    pos: Position,
    /// End of this element's path in `Validator::path`.
    end: usize,
    state: State,
    /// Text was already reported for this element.
    text_reported: bool,
}

struct Validator<'a, R: BufRead> {
    lex: Lexer<R>,
    select: Select<'a>,
    model: Option<&'static SchemaModel>,
    detected: Option<Schema>,
    rules: Vec<Box<dyn ApiRule>>,
    /// `/a/b/c` of the open elements (a stale tail may follow the top's end).
    path: String,
    frames: Vec<Frame>,
    /// Open elements inside a skipped (unknown) subtree.
    skip: u32,
    text: String,
    attr_buf: String,
    raw_attrs: Vec<RawAttr>,
    /// In-scope namespace declarations of the open elements, innermost last.
    ns: Vec<NsBinding>,
    /// The qualified name of the start tag being handled (a reused buffer).
    qname: String,
    sink: Sink,
}

/// The XML Schema instance namespace (`xsi:`).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace bound to the reserved `xml:` prefix.
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// One `xmlns` / `xmlns:p` declaration; `level` is the number of open frames when
/// its element started.
struct NsBinding {
    prefix: String,
    uri: String,
    level: usize,
}

/// Resolves a prefix (`""` for the default namespace) to its namespace name; `None`
/// when the prefix is not bound (the default namespace is then empty: no namespace).
fn resolve_prefix<'b>(ns: &'b [NsBinding], prefix: &str) -> Option<&'b str> {
    if prefix == "xml" {
        return Some(XML_NS);
    }
    ns.iter()
        .rev()
        .find(|b| b.prefix == prefix)
        .map(|b| b.uri.as_str())
}

/// Whether an `xsi:type` value names the declared type itself (built-ins are
/// `xs:` types in the XML Schema namespace; the schemas' types are in no namespace).
fn names_type(ns: &[NsBinding], value: &str, type_name: &str) -> bool {
    let (prefix, local) = split_qname(value.trim());
    let uri = resolve_prefix(ns, prefix).unwrap_or("");
    match type_name.strip_prefix("xs:") {
        Some(builtin) => uri == "http://www.w3.org/2001/XMLSchema" && local == builtin,
        None => uri.is_empty() && local == type_name && !type_name.contains('/'),
    }
}

#[inline]
fn split_qname(qname: &str) -> (&str, &str) {
    match qname.as_bytes().iter().position(|&b| b == b':') {
        Some(i) => (
            qname.get(..i).unwrap_or(""),
            qname.get(i + 1..).unwrap_or(qname),
        ),
        None => ("", qname),
    }
}

fn path_slice(path: &str, end: usize) -> &str {
    path.get(..end).unwrap_or(path)
}

impl<'a, R: BufRead> Validator<'a, R> {
    fn new(
        input: R,
        options: &ValidateOptions,
        rules: Vec<Box<dyn ApiRule>>,
        select: Select<'a>,
    ) -> Self {
        Validator {
            lex: Lexer::new(input, options.limits.clone()),
            model: match select {
                Select::Model(m) => Some(m),
                Select::Detect { .. } => None,
            },
            select,
            detected: None,
            rules,
            path: String::with_capacity(256),
            frames: Vec::with_capacity(32),
            skip: 0,
            text: String::new(),
            attr_buf: String::new(),
            raw_attrs: Vec::new(),
            ns: Vec::new(),
            qname: String::new(),
            sink: Sink {
                out: Vec::new(),
                max: options.max_violations.max(1),
                halt: false,
            },
        }
    }

    fn run(&mut self) -> Result<(), io::Error> {
        while !self.sink.halt {
            match self.step() {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return self.fatal(e),
            }
        }
        if !self.sink.halt {
            for rule in &mut self.rules {
                rule.finish(&mut self.sink.out);
            }
            self.sink.check(self.lex.position());
        }
        Ok(())
    }

    /// The path of the innermost open element.
    fn current_path(&self) -> &str {
        self.frames
            .last()
            .map_or("", |f| path_slice(&self.path, f.end))
    }

    /// A token-level failure: one final violation, or an I/O error.
    fn fatal(&mut self, e: Error) -> Result<(), io::Error> {
        let kind = match &e.kind {
            ErrorKind::Io(io) => return Err(into_io(io)),
            ErrorKind::LimitExceeded { .. } => ViolationKind::Limit,
            _ => ViolationKind::Malformed,
        };
        let path = if e.path.is_empty() {
            self.current_path().to_owned()
        } else {
            e.path
        };
        // A fatal problem is always recorded, even past `max_violations`.
        self.sink.out.push(Violation {
            kind,
            position: e.position,
            path,
            message: e.kind.to_string(),
        });
        self.sink.halt = true;
        Ok(())
    }

    /// Handles one token; `false` at the end of the document.
    fn step(&mut self) -> Result<bool, Error> {
        match self.lex.next()? {
            Tok::Eof => return Ok(false),
            Tok::Start { qname, empty, pos } => {
                if self.skip > 0 {
                    if !empty {
                        self.skip += 1;
                    }
                    return Ok(true);
                }
                let level = self.frames.len();
                let mut qname_buf = std::mem::take(&mut self.qname);
                qname_buf.clear();
                qname_buf.push_str(qname);
                let qname = qname_buf.as_str();
                self.declare_namespaces(level)?;
                let base = self.frames.last().map_or(0, |f| f.end);
                self.path.truncate(base);
                self.path.push('/');
                // The schemas declare elements in no namespace: an element in a
                // namespace gets its expanded `{uri}local` name, which matches none.
                let (prefix, local) = split_qname(qname);
                // Fast path: no prefix and no default namespace declared anywhere.
                let resolved = if prefix.is_empty() && !self.ns.iter().any(|b| b.prefix.is_empty())
                {
                    None
                } else {
                    resolve_prefix(&self.ns, prefix)
                };
                match resolved {
                    Some(uri) if !uri.is_empty() => {
                        self.path.push('{');
                        self.path.push_str(uri);
                        self.path.push('}');
                        self.path.push_str(local);
                    }
                    None if !prefix.is_empty() => {
                        // An undeclared prefix: keep the qualified name, which
                        // matches no declaration either.
                        self.path.push_str(qname);
                    }
                    _ => self.path.push_str(local),
                }
                self.qname = qname_buf;
                self.on_start(base, pos, empty)?;
                if self.frames.len() <= level {
                    self.ns.retain(|b| b.level < level);
                }
            }
            Tok::End => {
                if self.skip > 0 {
                    self.skip -= 1;
                } else {
                    self.on_end();
                }
            }
            Tok::Text(t) => {
                if self.skip == 0 {
                    let blank = is_blank(t);
                    let report = match self.frames.last_mut() {
                        Some(f) => match f.kind {
                            Kind::Simple(_) => {
                                self.text.push_str(t);
                                false
                            }
                            Kind::Elements { .. } => {
                                !blank && !std::mem::replace(&mut f.text_reported, true)
                            }
                            Kind::Empty => !std::mem::replace(&mut f.text_reported, true),
                        },
                        None => false,
                    };
                    if report {
                        let snippet = quote_value(t.trim());
                        self.report_text(Some(&snippet));
                    }
                    self.check_text_limit()?;
                }
            }
            Tok::Ref(c) => {
                if self.skip == 0 {
                    let report = match self.frames.last_mut() {
                        Some(f) => match f.kind {
                            Kind::Simple(_) => {
                                self.text.push(c);
                                false
                            }
                            Kind::Elements { .. } => {
                                !matches!(c, ' ' | '\t' | '\n' | '\r')
                                    && !std::mem::replace(&mut f.text_reported, true)
                            }
                            Kind::Empty => !std::mem::replace(&mut f.text_reported, true),
                        },
                        None => false,
                    };
                    if report {
                        self.report_text(Some(&c.to_string()));
                    }
                    self.check_text_limit()?;
                }
            }
        }
        Ok(true)
    }

    fn check_text_limit(&self) -> Result<(), Error> {
        let max = self.lex.limits().max_text_bytes;
        if self.text.len() as u64 > max {
            return Err(Error::new(
                self.lex.position(),
                self.current_path().to_owned(),
                ErrorKind::LimitExceeded {
                    which: "max_text_bytes",
                    limit: max,
                },
            ));
        }
        Ok(())
    }

    /// Text inside element-only or empty content.
    fn report_text(&mut self, snippet: Option<&str>) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        let message = match (frame.kind, snippet) {
            (Kind::Empty, _) => "text is not allowed: this element must be empty".to_owned(),
            (_, Some(s)) => {
                format!("text '{s}' is not allowed: this element has element-only content")
            }
            (_, None) => "text is not allowed: this element has element-only content".to_owned(),
        };
        self.sink.push(
            ViolationKind::Schema,
            frame.pos,
            path_slice(&self.path, frame.end),
            message,
        );
    }

    /// Enters a skipped subtree for an element that was reported as unknown.
    fn skip_element(&mut self, empty: bool) {
        if !empty {
            self.skip = 1;
        }
    }

    /// A start tag whose name was appended to `path` after `base`.
    fn on_start(&mut self, base: usize, pos: Position, empty: bool) -> Result<(), Error> {
        let name_start = base + 1;
        let Some(parent) = self.frames.last_mut() else {
            return self.on_root(pos, empty);
        };
        let name = self.path.get(name_start..).unwrap_or("");
        let parent_pos = parent.pos;
        let parent_end = parent.end;
        let (comp, max, particles) = match parent.kind {
            Kind::Elements {
                comp,
                max,
                particles,
                ..
            } => (comp, max, particles),
            Kind::Simple(_) | Kind::Empty => {
                let why = if matches!(parent.kind, Kind::Empty) {
                    "this element's parent must be empty"
                } else {
                    "this element's parent has text-only content"
                };
                let message = format!("unexpected element '{name}': {why}");
                self.sink
                    .push(ViolationKind::Schema, pos, &self.path, message);
                self.skip_element(empty);
                return Ok(());
            }
        };
        let before = parent.state;
        let step = content::step(&mut parent.state, comp, max, particles, name);
        let parent_path = path_slice(&self.path, parent_end);
        let decl = match step {
            Step::Matched(j) => particles.get(j),
            Step::Skipped { matched } => {
                for problem in content::skipped(&before, particles, matched) {
                    self.sink.push(
                        ViolationKind::Schema,
                        parent_pos,
                        parent_path,
                        problem.message(),
                    );
                }
                particles.get(matched)
            }
            Step::TooMany(j) => {
                let decl = particles.get(j);
                let message = match decl.map_or(1, |d| d.max) {
                    1 => format!("element '{name}' occurs more than once"),
                    n => format!("element '{name}' occurs more than {n} times"),
                };
                self.sink
                    .push(ViolationKind::Schema, pos, &self.path, message);
                decl
            }
            Step::Unexpected(j) => {
                let mut message = format!("unexpected element '{name}'; ");
                let expected = content::expected(&before, comp, max, particles);
                if expected.is_empty() {
                    message.push_str("no more child elements are allowed here");
                } else {
                    message.push_str("expected one of: ");
                    push_list(&mut message, expected.into_iter(), 40);
                }
                self.sink
                    .push(ViolationKind::Schema, pos, &self.path, message);
                j.and_then(|j| particles.get(j))
            }
        };
        match decl {
            Some(decl) => self.enter(decl, pos, empty),
            None => {
                self.skip_element(empty);
                Ok(())
            }
        }
    }

    /// The root start tag: choose the model (when detecting), then the declaration.
    fn on_root(&mut self, pos: Position, empty: bool) -> Result<(), Error> {
        if let Select::Detect { resolve, fallback } = self.select {
            // `raw_attrs` holds this start tag's attributes (read by `declare_namespaces`).
            let location = self
                .raw_attrs
                .iter()
                .find(|a| local_name(self.lex.attr_name(a)) == "noNamespaceSchemaLocation");
            if let Some(a) = location {
                self.lex.attr_value(a, &mut self.attr_buf)?;
            }
            let name = self.path.get(1..).unwrap_or("");
            let loc = location.map(|_| self.attr_buf.as_str());
            self.detected = Schema::detect(name.as_bytes(), loc).or(fallback);
            self.model = self.detected.map(resolve);
        }
        let name = self.path.get(1..).unwrap_or("");
        let Some(model) = self.model else {
            let message = format!(
                "cannot tell which schema applies to root element '{name}': no \
                 xsi:noNamespaceSchemaLocation naming finding.xsd, wasscan.xsd, \
                 optionprofile.xsd or report.xsd, and no schema was given"
            );
            self.sink
                .push(ViolationKind::Schema, pos, &self.path, message);
            self.skip_element(empty);
            return Ok(());
        };
        self.rules.retain(|r| r.applies_to(name));
        match model.roots.iter().find(|d| d.name == name) {
            Some(decl) => self.enter(decl, pos, empty),
            None => {
                let mut message = format!("unexpected root element '{name}'; expected ");
                if model.roots.len() == 1 {
                    message.push('\'');
                    message.push_str(model.roots.first().map_or("", |d| d.name));
                    message.push('\'');
                } else {
                    message.push_str("one of: ");
                    push_list(&mut message, model.roots.iter().map(|d| d.name), 40);
                }
                message.push_str(" (schema ");
                message.push_str(model.name);
                message.push(')');
                self.sink
                    .push(ViolationKind::Schema, pos, &self.path, message);
                self.skip_element(empty);
                Ok(())
            }
        }
    }

    /// Pushes a frame for a declared element and checks its attributes.
    fn enter(
        &mut self,
        decl: &'static ElementDecl,
        pos: Position,
        empty: bool,
    ) -> Result<(), Error> {
        let (kind, attributes, type_name): (Kind, &'static [AttributeDecl], &'static str) =
            match decl.ty {
                TypeRef::Simple(s) => (Kind::Simple(s), &[], s.name),
                TypeRef::Complex(i) => {
                    let ct = self.model.and_then(|m| m.complex_types.get(usize::from(i)));
                    match ct {
                        Some(ct) => (Kind::of(&ct.content), ct.attributes, ct.name),
                        None => {
                            let message = format!(
                                "schema model error: no complex type #{i} for element '{}'",
                                decl.name
                            );
                            self.sink
                                .push(ViolationKind::Schema, pos, &self.path, message);
                            self.skip_element(empty);
                            return Ok(());
                        }
                    }
                }
            };
        self.check_attributes(attributes, type_name, pos)?;
        let end = self.path.len();
        self.frames.push(Frame {
            kind,
            pos,
            end,
            state: State::default(),
            text_reported: false,
        });
        self.text.clear();
        for rule in &mut self.rules {
            rule.start(&self.path, pos);
        }
        if empty {
            self.on_end();
        }
        Ok(())
    }

    /// Records the `xmlns` declarations of the start tag just read.
    fn declare_namespaces(&mut self, level: usize) -> Result<(), Error> {
        self.lex.attributes(&mut self.raw_attrs)?;
        for a in &self.raw_attrs {
            let qname = self.lex.attr_name(a);
            let prefix = match qname.strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(p) => p,
                    None => continue,
                },
                None => continue,
            };
            let prefix = prefix.to_owned();
            self.lex.attr_value(a, &mut self.attr_buf)?;
            self.ns.push(NsBinding {
                prefix,
                uri: self.attr_buf.clone(),
                level,
            });
        }
        Ok(())
    }

    /// Checks the attributes of the start tag just read against `decls`.
    fn check_attributes(
        &mut self,
        decls: &'static [AttributeDecl],
        type_name: &'static str,
        pos: Position,
    ) -> Result<(), Error> {
        // `raw_attrs` holds this start tag's attributes (read by `declare_namespaces`).
        if self.raw_attrs.is_empty() && !decls.iter().any(|d| d.required) {
            return Ok(());
        }
        for a in &self.raw_attrs {
            // Unescaping every value also checks its references.
            self.lex.attr_value(a, &mut self.attr_buf)?;
            let qname = self.lex.attr_name(a);
            if qname == "xmlns" || qname.starts_with("xmlns:") {
                continue;
            }
            let (prefix, local) = split_qname(qname);
            if !prefix.is_empty() {
                let message = match resolve_prefix(&self.ns, prefix) {
                    Some(XSI) => match local {
                        "schemaLocation" | "noNamespaceSchemaLocation" => continue,
                        "nil" => format!("attribute '{qname}': the element is not nillable"),
                        "type" if names_type(&self.ns, &self.attr_buf, type_name) => continue,
                        "type" => format!(
                            "attribute '{qname}': '{}' is not the declared type '{type_name}' (no type substitution is possible here)",
                            self.attr_buf
                        ),
                        _ => format!("unexpected attribute '{qname}' (not an XML Schema instance attribute)"),
                    },
                    Some(uri) => format!(
                        "unexpected attribute '{qname}' in namespace '{uri}': no attribute in a namespace is declared here"
                    ),
                    None => format!("unexpected attribute '{qname}': prefix '{prefix}' is not declared"),
                };
                self.sink
                    .push(ViolationKind::Schema, pos, &self.path, message);
                continue;
            }
            match decls.iter().find(|d| d.name == qname) {
                None => {
                    let mut message = format!("unexpected attribute '{qname}'");
                    if !decls.is_empty() {
                        message.push_str("; expected one of: ");
                        push_list(&mut message, decls.iter().map(|d| d.name), 40);
                    }
                    self.sink
                        .push(ViolationKind::Schema, pos, &self.path, message);
                }
                Some(d) => {
                    if let Some(message) = check_value(d.ty, &self.attr_buf) {
                        let path = format!("{}/@{qname}", self.path);
                        self.sink.push(ViolationKind::Schema, pos, &path, message);
                    }
                }
            }
        }
        for d in decls.iter().filter(|d| d.required) {
            if !self
                .raw_attrs
                .iter()
                .any(|a| self.lex.attr_name(a) == d.name)
            {
                let message = format!("missing required attribute '{}'", d.name);
                self.sink
                    .push(ViolationKind::Schema, pos, &self.path, message);
            }
        }
        Ok(())
    }

    /// The end of the innermost declared element.
    fn on_end(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let level = self.frames.len();
        if self.ns.last().is_some_and(|b| b.level >= level) {
            self.ns.retain(|b| b.level < level);
        }
        let path = path_slice(&self.path, frame.end);
        let mut value = None;
        match frame.kind {
            Kind::Simple(decl) => {
                let unconstrained = decl.base == Builtin::String
                    && (decl.open || decl.enumeration.is_empty())
                    && decl.min_length.is_none()
                    && decl.max_length.is_none();
                if !unconstrained || !self.rules.is_empty() {
                    let v = if decl.base.collapses() {
                        collapse_whitespace(&self.text)
                    } else {
                        Cow::Borrowed(self.text.as_str())
                    };
                    if !unconstrained {
                        if let Err(e) = check_simple(decl, &v) {
                            self.sink.push(
                                ViolationKind::Schema,
                                frame.pos,
                                path,
                                e.message(decl, &v),
                            );
                        }
                    }
                    value = Some(v);
                }
            }
            Kind::Elements {
                comp,
                min,
                particles,
                ..
            } => {
                for problem in content::finish(&frame.state, comp, min, particles) {
                    self.sink
                        .push(ViolationKind::Schema, frame.pos, path, problem.message());
                }
            }
            Kind::Empty => {}
        }
        if !self.rules.is_empty() {
            let before = self.sink.out.len();
            for rule in &mut self.rules {
                rule.end(path, frame.pos, value.as_deref(), &mut self.sink.out);
            }
            if self.sink.out.len() > before {
                self.sink.check(frame.pos);
            }
        }
    }
}

/// Whitespace handling plus [`check_simple`]; the message on failure.
fn check_value(decl: &SimpleDecl, raw: &str) -> Option<String> {
    let v = if decl.base.collapses() {
        collapse_whitespace(raw)
    } else {
        Cow::Borrowed(raw)
    };
    check_simple(decl, &v).err().map(|e| e.message(decl, &v))
}

#[cfg(test)]
mod tests;
