//! The pull reader that generated `FromXml` implementations drive.
//!
//! [`XmlReader`] walks a document element by element. At any time one element is
//! *current*: the root after [`XmlReader::read_root`], a child after
//! [`XmlReader::next_child`] returned `true`, or the parent again after
//! `next_child` returned `false` (the child's end tag was read) or after
//! [`XmlReader::read_text`] / [`XmlReader::read_value`] / [`XmlReader::skip_element`]
//! consumed an element through its end tag.
//!
//! A generated reader for a complex type looks like this:
//!
//! ```
//! use qualys_was_types::{Error, XmlReader, ReadOptions};
//!
//! struct Finding { id: i64, name: Option<String> }
//!
//! fn read_finding<R: std::io::BufRead>(r: &mut XmlReader<R>) -> Result<Finding, Error> {
//!     let mark = r.mark();
//!     r.no_attributes()?;
//!     let (mut id, mut name) = (None, None);
//!     while r.next_child()? {
//!         match r.name() {
//!             b"id" if id.is_some() => return Err(r.duplicate("id")),
//!             b"id" => id = Some(r.read_value::<i64>()?),
//!             b"name" => name = Some(r.read_value::<String>()?),
//!             _ => r.unknown_element()?,
//!         }
//!     }
//!     Ok(Finding { id: id.ok_or_else(|| r.missing(&mark, "id"))?, name })
//! }
//!
//! let xml = "<Finding>\n  <id>42</id>\n  <name>XSS</name>\n</Finding>";
//! let mut r = XmlReader::new(xml.as_bytes(), ReadOptions::default());
//! r.read_root()?;
//! assert_eq!(r.name(), b"Finding");
//! let f = read_finding(&mut r)?;
//! r.finish()?;
//! assert_eq!((f.id, f.name.as_deref()), (42, Some("XSS")));
//! # Ok::<(), Error>(())
//! ```
//!
//! Security: a document with a `<!DOCTYPE` is rejected ([`ErrorKind::Dtd`]); only the
//! five predefined entities and character references are resolved; all sizes are
//! bounded by [`Limits`]; the reader is iterative, so deep nesting cannot overflow
//! the stack.

use std::borrow::Cow;
use std::io::BufRead;

use crate::error::{Error, ErrorKind, Position, ValueError};
use crate::lexer::{is_blank, is_ignored_attribute, is_xml_space, local_name, Lexer, RawAttr, Tok};
use crate::value::{collapse_whitespace, XmlValue};

/// Resource limits. Exceeding any of them is a positioned
/// [`ErrorKind::LimitExceeded`] error (or a `Limit` violation when validating).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Maximum element nesting depth. Default 1024.
    pub max_depth: usize,
    /// Maximum text of one element, in bytes (text and CDATA together). It also
    /// bounds any single text token, comment or processing instruction. Default 64 MiB.
    pub max_text_bytes: u64,
    /// Maximum length of one attribute value, in bytes. Default 1 MiB.
    pub max_attribute_bytes: u64,
    /// Maximum size of the whole input, in bytes. Default: unlimited (`u64::MAX`).
    pub max_total_bytes: u64,
    /// Maximum number of attributes on one element. Default 256.
    pub max_attributes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 1024,
            max_text_bytes: 64 * 1024 * 1024,
            max_attribute_bytes: 1024 * 1024,
            max_total_bytes: u64::MAX,
            max_attributes: 256,
        }
    }
}

/// Options for [`XmlReader`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Strict mode turns unknown elements and attributes, and stray text, into
    /// errors. Lenient mode (the default) ignores them, so documents from newer API
    /// versions still parse.
    pub strict: bool,
    /// Resource limits.
    pub limits: Limits,
}

/// An attribute of the current element, unescaped and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The attribute's name as written (qualified, if it has a prefix).
    pub name: String,
    /// The value, with references resolved and whitespace normalised as XML
    /// requires for attributes.
    pub value: String,
    /// Position of the attribute's name.
    pub position: Position,
}

/// A snapshot of where an element started, for errors reported after its content
/// was read. Take it with [`XmlReader::mark`] right after the element became current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    position: Position,
    depth: u32,
}

impl Mark {
    /// Position of the element's start tag.
    pub fn position(&self) -> Position {
        self.position
    }
}

/// One open element: its slice of the path string and its start position.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Index of the `/` before the name in `path`.
    start: usize,
    /// End of the name in `path`.
    end: usize,
    pos: Position,
}

/// The pull reader. See the [module documentation](self).
pub struct XmlReader<R: BufRead> {
    lex: Lexer<R>,
    strict: bool,
    /// `/a/b/c` for the open elements; the last closed element's name may follow.
    path: String,
    frames: Vec<Frame>,
    /// The element closed last; its name is still in `path` right after the top.
    closed: Option<Frame>,
    /// The current element was an empty-element tag whose end is still pending.
    cur_empty: bool,
    /// The lexer still holds the current element's start tag.
    attrs_live: bool,
    /// Its attributes were looked at through `take_attributes`/`no_attributes`.
    attrs_taken: bool,
    raw_attrs: Vec<RawAttr>,
}

fn push(
    path: &mut String,
    frames: &mut Vec<Frame>,
    closed: &mut Option<Frame>,
    name: &str,
    pos: Position,
) {
    let base = frames.last().map_or(0, |f| f.end);
    path.truncate(base);
    let start = path.len();
    path.push('/');
    path.push_str(name);
    frames.push(Frame {
        start,
        end: path.len(),
        pos,
    });
    *closed = None;
}

fn path_to(path: &str, end: usize) -> String {
    path.get(..end).unwrap_or("").to_owned()
}

impl<R: BufRead> XmlReader<R> {
    /// A reader over `input`.
    pub fn new(input: R, options: ReadOptions) -> Self {
        XmlReader {
            lex: Lexer::new(input, options.limits),
            strict: options.strict,
            path: String::with_capacity(128),
            frames: Vec::with_capacity(16),
            closed: None,
            cur_empty: false,
            attrs_live: false,
            attrs_taken: false,
            raw_attrs: Vec::new(),
        }
    }

    /// Whether the reader is strict.
    pub fn is_strict(&self) -> bool {
        self.strict
    }

    /// Skips the XML declaration, comments, PIs and whitespace, then reads the root
    /// start tag, which becomes the current element.
    pub fn read_root(&mut self) -> Result<(), Error> {
        if !self.frames.is_empty() || self.lex.depth() > 0 {
            return Err(self.err_here(ErrorKind::Other("read_root called twice".into())));
        }
        loop {
            match self.lex.next() {
                Err(e) => return Err(e),
                Ok(Tok::Start { qname, empty, pos }) => {
                    push(
                        &mut self.path,
                        &mut self.frames,
                        &mut self.closed,
                        local_name(qname),
                        pos,
                    );
                    return self.entered(empty);
                }
                Ok(Tok::Text(_) | Tok::Ref(_) | Tok::End) => {}
                Ok(Tok::Eof) => return Err(Error::new(self.lex.position(), "", ErrorKind::Empty)),
            }
        }
    }

    /// Bookkeeping after a start tag was pushed: parse (and so check) its attributes.
    fn entered(&mut self, empty: bool) -> Result<(), Error> {
        self.cur_empty = empty;
        self.attrs_live = true;
        self.attrs_taken = false;
        let attrs = self.lex.attributes(&mut self.raw_attrs);
        attrs.map_err(|e| e.or_path(|| self.path()))
    }

    /// Local name (prefix stripped) of the current element; empty when there is none.
    pub fn name(&self) -> &[u8] {
        self.frames
            .last()
            .and_then(|f| self.path.get(f.start + 1..f.end))
            .unwrap_or("")
            .as_bytes()
    }

    /// The current element's attributes, unescaped, without `xmlns`, `xmlns:*` and
    /// `xsi:*` ones. Empty once the element's content has been read. Does not
    /// allocate when there are none.
    pub fn take_attributes(&mut self) -> Result<Vec<Attribute>, Error> {
        self.attrs_taken = true;
        if !self.attrs_live || self.raw_attrs.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for a in &self.raw_attrs {
            let name = self.lex.attr_name(a);
            if is_ignored_attribute(name) {
                continue;
            }
            let mut value = String::new();
            self.lex
                .attr_value(a, &mut value)
                .map_err(|e| e.or_path(|| self.path()))?;
            out.push(Attribute {
                name: name.to_owned(),
                value,
                position: a.position,
            });
        }
        Ok(out)
    }

    /// For an attribute the type does not declare: lenient mode ignores it, strict
    /// mode reports [`ErrorKind::UnexpectedAttribute`] at the attribute.
    pub fn unknown_attribute(&self, attr: &Attribute) -> Result<(), Error> {
        if self.strict {
            Err(Error::new(
                attr.position,
                self.path(),
                ErrorKind::UnexpectedAttribute {
                    name: attr.name.clone(),
                },
            ))
        } else {
            Ok(())
        }
    }

    /// For elements whose type declares no attributes: strict mode reports the first
    /// attribute other than `xmlns`/`xsi:` ones; lenient mode accepts anything.
    pub fn no_attributes(&mut self) -> Result<(), Error> {
        self.attrs_taken = true;
        if !self.strict || !self.attrs_live {
            return Ok(());
        }
        match self
            .raw_attrs
            .iter()
            .find(|a| !is_ignored_attribute(self.lex.attr_name(a)))
        {
            Some(a) => Err(Error::new(
                a.position,
                self.path(),
                ErrorKind::UnexpectedAttribute {
                    name: self.lex.attr_name(a).to_owned(),
                },
            )),
            None => Ok(()),
        }
    }

    /// Before reading content of a fresh element: in strict mode, attributes nobody
    /// asked for are unexpected.
    fn leave_start_tag(&mut self) -> Result<(), Error> {
        if self.attrs_live && !self.attrs_taken {
            self.no_attributes()?;
        }
        self.attrs_live = false;
        Ok(())
    }

    fn pop(&mut self) {
        self.closed = self.frames.pop();
    }

    /// Reads on within the current element. Returns `true` when a child element
    /// started (it becomes current; `<a/>` behaves as if its end tag followed
    /// immediately), `false` when the current element's end tag was read (its parent
    /// becomes current). Whitespace, comments and PIs are skipped; other text is an
    /// error in strict mode and ignored in lenient mode.
    pub fn next_child(&mut self) -> Result<bool, Error> {
        if self.frames.is_empty() {
            return Err(self.err_here(ErrorKind::Other(
                "next_child called outside any element".into(),
            )));
        }
        self.leave_start_tag()?;
        if self.cur_empty {
            self.cur_empty = false;
            self.pop();
            return Ok(false);
        }
        loop {
            let unexpected_text = match self.lex.next() {
                Err(e) => return Err(e.or_path(|| self.path())),
                Ok(Tok::Start { qname, empty, pos }) => {
                    push(
                        &mut self.path,
                        &mut self.frames,
                        &mut self.closed,
                        local_name(qname),
                        pos,
                    );
                    self.entered(empty)?;
                    return Ok(true);
                }
                Ok(Tok::End) => {
                    self.pop();
                    return Ok(false);
                }
                Ok(Tok::Text(t)) => !is_blank(t),
                Ok(Tok::Ref(c)) => !(c.is_ascii() && is_xml_space(c as u8)),
                Ok(Tok::Eof) => return Err(self.err_here(ErrorKind::Truncated)),
            };
            if unexpected_text && self.strict {
                return Err(Error::new(
                    self.lex.position(),
                    self.path(),
                    ErrorKind::UnexpectedText,
                ));
            }
        }
    }

    /// Reads the current element's text (text and CDATA concatenated, references
    /// resolved, nothing trimmed) through its end tag; the parent becomes current.
    /// A child element inside is an error in strict mode and skipped in lenient mode.
    pub fn read_text(&mut self) -> Result<String, Error> {
        self.leave_start_tag()?;
        let mut text = String::new();
        if self.cur_empty {
            self.cur_empty = false;
            self.pop();
            return Ok(text);
        }
        let max = self.lex.limits().max_text_bytes;
        loop {
            let skip_child = match self.lex.next() {
                Err(e) => return Err(e.or_path(|| self.path())),
                Ok(Tok::Text(t)) => {
                    text.push_str(t);
                    None
                }
                Ok(Tok::Ref(c)) => {
                    text.push(c);
                    None
                }
                Ok(Tok::Start { qname, empty, pos }) => {
                    if self.strict {
                        let name = local_name(qname).to_owned();
                        let path = format!("{}/{name}", self.path());
                        return Err(Error::new(pos, path, ErrorKind::UnexpectedElement { name }));
                    }
                    Some(!empty)
                }
                Ok(Tok::End) => {
                    self.pop();
                    return Ok(text);
                }
                Ok(Tok::Eof) => return Err(self.err_here(ErrorKind::Truncated)),
            };
            if text.len() as u64 > max {
                return Err(Error::new(
                    self.lex.position(),
                    self.path(),
                    ErrorKind::LimitExceeded {
                        which: "max_text_bytes",
                        limit: max,
                    },
                ));
            }
            if skip_child == Some(true) {
                self.skip_open(1)?;
            }
        }
    }

    /// Reads the current element's text, applies `T`'s whitespace handling and
    /// parses it. A value that does not parse is an [`ErrorKind::InvalidValue`]
    /// error at the element's start tag.
    pub fn read_value<T: XmlValue>(&mut self) -> Result<T, Error> {
        let text = self.read_text()?;
        let value = if T::COLLAPSE {
            collapse_whitespace(&text)
        } else {
            Cow::Borrowed(text.as_str())
        };
        T::parse_xml(&value).map_err(|e| {
            let (pos, path) = match self.closed {
                Some(f) => (f.pos, path_to(&self.path, f.end)),
                None => (self.position(), self.path()),
            };
            Error::new(
                pos,
                path,
                ErrorKind::InvalidValue {
                    value: e.value,
                    expected: e.expected,
                },
            )
        })
    }

    /// Reads until `depth` more end tags than start tags were seen.
    fn skip_open(&mut self, mut depth: u32) -> Result<(), Error> {
        while depth > 0 {
            match self.lex.next() {
                Err(e) => return Err(e.or_path(|| self.path())),
                Ok(Tok::Start { empty: false, .. }) => depth += 1,
                Ok(Tok::End) => depth -= 1,
                Ok(Tok::Eof) => return Err(self.err_here(ErrorKind::Truncated)),
                Ok(_) => {}
            }
        }
        Ok(())
    }

    /// Skips the current element through its end tag; the parent becomes current.
    pub fn skip_element(&mut self) -> Result<(), Error> {
        self.attrs_live = false;
        if self.cur_empty {
            self.cur_empty = false;
        } else {
            self.skip_open(1)?;
        }
        self.pop();
        Ok(())
    }

    /// For an element the type does not declare: lenient mode skips it, strict mode
    /// reports [`ErrorKind::UnexpectedElement`] at its start tag.
    pub fn unknown_element(&mut self) -> Result<(), Error> {
        if self.strict {
            let name = String::from_utf8_lossy(self.name()).into_owned();
            Err(self.err_here(ErrorKind::UnexpectedElement { name }))
        } else {
            self.skip_element()
        }
    }

    /// An [`ErrorKind::UnknownRoot`] error for the current (root) element.
    pub fn unknown_root(&self) -> Error {
        let name = String::from_utf8_lossy(self.name()).into_owned();
        self.err_here(ErrorKind::UnknownRoot { name })
    }

    /// A snapshot of the current element, for [`XmlReader::missing`] and
    /// [`XmlReader::missing_attribute`].
    pub fn mark(&self) -> Mark {
        Mark {
            position: self.position(),
            depth: u32::try_from(self.frames.len()).unwrap_or(u32::MAX),
        }
    }

    /// The path of the element `mark` was taken at, whether it is still open or was
    /// the element closed last.
    fn path_at(&self, mark: &Mark) -> String {
        let depth = mark.depth as usize;
        if depth == 0 {
            return String::new();
        }
        if let Some(f) = self.frames.get(depth - 1) {
            return path_to(&self.path, f.end);
        }
        match self.closed {
            Some(f) if depth == self.frames.len() + 1 => path_to(&self.path, f.end),
            _ => self.path(),
        }
    }

    /// A [`ErrorKind::MissingElement`] error positioned at the marked element.
    pub fn missing(&self, mark: &Mark, child: &'static str) -> Error {
        Error::new(
            mark.position,
            self.path_at(mark),
            ErrorKind::MissingElement { name: child },
        )
    }

    /// A [`ErrorKind::DuplicateElement`] error positioned at the current element,
    /// the repeated child.
    pub fn duplicate(&self, child: &'static str) -> Error {
        self.err_here(ErrorKind::DuplicateElement { name: child })
    }

    /// An [`ErrorKind::Occurrence`] error for the marked element's child `child`,
    /// which occurred `found` times instead of `min..=max`.
    pub fn occurrence(
        &self,
        mark: &Mark,
        child: &'static str,
        min: u32,
        max: u32,
        found: u32,
    ) -> Error {
        Error::new(
            mark.position,
            self.path_at(mark),
            ErrorKind::Occurrence {
                name: child,
                min,
                max,
                found,
            },
        )
    }

    /// A [`ErrorKind::MissingAttribute`] error positioned at the marked element.
    pub fn missing_attribute(&self, mark: &Mark, attr: &'static str) -> Error {
        Error::new(
            mark.position,
            self.path_at(mark),
            ErrorKind::MissingAttribute { name: attr },
        )
    }

    /// An [`ErrorKind::InvalidValue`] error for an attribute value, positioned at the
    /// attribute; its path ends in `/@name`.
    pub fn invalid_attribute(&self, attr: &Attribute, err: ValueError) -> Error {
        Error::new(
            attr.position,
            format!("{}/@{}", self.path(), attr.name),
            ErrorKind::InvalidValue {
                value: err.value,
                expected: err.expected,
            },
        )
    }

    /// An error of any kind at the current element.
    pub fn err_here(&self, kind: ErrorKind) -> Error {
        Error::new(self.position(), self.path(), kind)
    }

    /// Position of the current element's start tag (before the root: of the last
    /// token read).
    pub fn position(&self) -> Position {
        self.frames.last().map_or(self.lex.position(), |f| f.pos)
    }

    /// Path of the current element, such as `/ServiceResponse/data`; empty outside
    /// the root.
    pub fn path(&self) -> String {
        self.frames
            .last()
            .map_or_else(String::new, |f| path_to(&self.path, f.end))
    }

    /// Nesting depth of the current element (the root is 1).
    pub fn depth(&self) -> usize {
        self.frames.len()
    }

    /// After the root element was read through its end tag: checks that only
    /// whitespace, comments and PIs follow.
    pub fn finish(&mut self) -> Result<(), Error> {
        if !self.frames.is_empty() {
            return Err(self.err_here(ErrorKind::Other(
                "finish called before the root element was read through its end tag".into(),
            )));
        }
        loop {
            match self.lex.next() {
                Err(e) => return Err(e),
                Ok(Tok::Eof) => return Ok(()),
                Ok(Tok::Start { qname, pos, .. }) => {
                    let name = local_name(qname).to_owned();
                    return Err(Error::new(pos, "", ErrorKind::UnexpectedElement { name }));
                }
                Ok(_) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests;
