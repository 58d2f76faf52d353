//! The shared tokenizer under [`XmlReader`](crate::XmlReader) and the validator.
//!
//! It wraps `quick_xml::Reader` over a [`Counted`] input adapter that tracks line and
//! column of the consumed bytes in constant memory, and adds what quick-xml leaves to
//! the application: document-level well-formedness (one root, no text outside it, no
//! truncation), DTD rejection, entity handling restricted to the five predefined
//! entities and character references, UTF-8 and XML character checks, end-of-line
//! normalisation, and the configured [`Limits`].

use std::io::{self, BufRead};
use std::sync::Arc;

use quick_xml::events::Event;

use crate::error::{Error, ErrorKind, Position};
use crate::reader::Limits;

mod input;
use input::{Counted, Trip};

/// One token of the document, with comments, PIs and the XML declaration removed.
#[derive(Debug)]
pub(crate) enum Tok<'a> {
    /// A start tag or empty-element tag: its qualified name, whether it is an
    /// empty-element tag, and the position of its `<`.
    Start {
        qname: &'a str,
        empty: bool,
        pos: Position,
    },
    /// An end tag (matching was checked).
    End,
    /// Character data or a CDATA section, end-of-line normalised.
    Text(&'a str),
    /// A resolved character or predefined-entity reference.
    Ref(char),
    /// End of the document, after a complete root element.
    Eof,
}

/// An attribute of the last start tag, as byte ranges into the tag.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawAttr {
    name: (usize, usize),
    value: (usize, usize),
    /// Position of the attribute's name.
    pub position: Position,
}

/// The tokenizer.
pub(crate) struct Lexer<R: BufRead> {
    reader: quick_xml::Reader<Counted<R>>,
    buf: Vec<u8>,
    scratch: String,
    pos: Position,
    after_text: bool,
    any_event: bool,
    depth: u32,
    root_seen: bool,
    root_closed: bool,
    name_len: usize,
    limits: Limits,
}

impl<R: BufRead> Lexer<R> {
    pub(crate) fn new(input: R, limits: Limits) -> Self {
        let max_token = limits
            .max_text_bytes
            .max(
                limits
                    .max_attribute_bytes
                    .saturating_mul(limits.max_attributes as u64),
            )
            .saturating_add(64 * 1024);
        let mut reader =
            quick_xml::Reader::from_reader(Counted::new(input, limits.max_total_bytes, max_token));
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        config.allow_dangling_amp = false;
        config.allow_unmatched_ends = false;
        Lexer {
            reader,
            buf: Vec::with_capacity(1024),
            scratch: String::new(),
            pos: Position::START,
            after_text: false,
            any_event: false,
            depth: 0,
            root_seen: false,
            root_closed: false,
            name_len: 0,
            limits,
        }
    }

    /// Start position of the last token.
    pub(crate) fn position(&self) -> Position {
        self.pos
    }

    /// The limits in force.
    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Element nesting depth after the last token.
    pub(crate) fn depth(&self) -> u32 {
        self.depth
    }

    fn err(&self, kind: ErrorKind) -> Error {
        Error::new(self.pos, String::new(), kind)
    }

    fn malformed(&self, msg: impl Into<String>) -> Error {
        self.err(ErrorKind::Malformed(msg.into()))
    }

    fn limit(&self, which: &'static str, limit: u64) -> Error {
        self.err(ErrorKind::LimitExceeded { which, limit })
    }

    /// Reads the next token.
    pub(crate) fn next(&mut self) -> Result<Tok<'_>, Error> {
        loop {
            self.buf.clear();
            let counted = self.reader.get_mut();
            if let Err(e) = counted.prime() {
                return Err(self.err(ErrorKind::Io(Arc::new(e))));
            }
            let counted = self.reader.get_mut();
            let mut start = counted.position();
            counted.start_token();
            let event = self.reader.read_event_into(&mut self.buf);
            if self.after_text {
                // The text before consumed the `<` of this markup (or of the
                // markup this error is in), which sits on the same line just
                // before the counted position.
                start.column = start.column.saturating_sub(1);
                start.offset = start.offset.saturating_sub(1);
            }
            // Text ends at a `<` (consumed with it), a reference (not consumed)
            // or the end of the input.
            let after_text = matches!(event, Ok(Event::Text(_)))
                && self.reader.get_ref().last_consumed() == Some(b'<');
            self.pos = start;
            let event = match event {
                Ok(event) => event,
                Err(e) => {
                    let tripped = self.reader.get_ref().tripped;
                    return Err(match tripped {
                        Some(Trip::Total) => Error::new(
                            self.reader.get_mut().position(),
                            String::new(),
                            ErrorKind::LimitExceeded {
                                which: "max_total_bytes",
                                limit: self.limits.max_total_bytes,
                            },
                        ),
                        Some(Trip::Control(b)) => Error::new(
                            self.reader.get_mut().position(),
                            String::new(),
                            ErrorKind::Malformed(format!("invalid character U+{b:04X}")),
                        ),
                        Some(Trip::Token) => Error::new(
                            self.pos,
                            String::new(),
                            ErrorKind::LimitExceeded {
                                which: "max_text_bytes (single token)",
                                limit: self.limits.max_text_bytes,
                            },
                        ),
                        None => match e {
                            quick_xml::Error::Io(io) => self.err(ErrorKind::Io(io)),
                            other => self.malformed(other.to_string()),
                        },
                    });
                }
            };
            self.after_text = after_text;
            let first = !self.any_event;
            self.any_event = true;
            match event {
                Event::Start(_) | Event::Empty(_) => {
                    let empty = matches!(event, Event::Empty(_));
                    drop(event);
                    return self.start(empty);
                }
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.root_closed = true;
                    }
                    return Ok(Tok::End);
                }
                Event::Text(_) | Event::CData(_) => {
                    let cdata = matches!(event, Event::CData(_));
                    drop(event);
                    return self.text(cdata);
                }
                Event::GeneralRef(r) => {
                    let resolved = resolve_reference(&r);
                    let c = resolved.map_err(|m| self.malformed(m))?;
                    if self.depth == 0 {
                        return Err(self.outside_root());
                    }
                    return Ok(Tok::Ref(c));
                }
                Event::DocType(_) => return Err(self.err(ErrorKind::Dtd)),
                Event::Decl(decl) => {
                    if !first {
                        return Err(self.malformed(
                            "XML declaration allowed only at the start of the document",
                        ));
                    }
                    let checked = check_decl(&decl);
                    drop(decl);
                    checked.map_err(|m| self.malformed(m))?;
                    if std::str::from_utf8(&self.buf).is_err() {
                        return Err(self.malformed("invalid UTF-8 in the XML declaration"));
                    }
                }
                Event::Comment(_) | Event::PI(_) => {
                    drop(event);
                    if std::str::from_utf8(&self.buf).is_err() {
                        return Err(
                            self.malformed("invalid UTF-8 in comment or processing instruction")
                        );
                    }
                    if find_noncharacter(&self.buf).is_some() {
                        return Err(self
                            .malformed("invalid character in comment or processing instruction"));
                    }
                }
                Event::Eof => {
                    return if self.depth > 0 {
                        Err(self.err(ErrorKind::Truncated))
                    } else if !self.root_seen {
                        Err(self.err(ErrorKind::Empty))
                    } else {
                        Ok(Tok::Eof)
                    };
                }
            }
        }
    }

    /// Content outside the root element, at `position` (where it starts to be
    /// more than whitespace).
    fn outside_root_at(&self, position: Position) -> Error {
        let message = if self.root_seen {
            "extra content at the end of the document: text after the root element"
        } else {
            "start tag expected: text before the root element"
        };
        Error::new(
            position,
            String::new(),
            ErrorKind::Malformed(message.into()),
        )
    }

    fn outside_root(&self) -> Error {
        self.outside_root_at(self.pos)
    }

    fn start(&mut self, empty: bool) -> Result<Tok<'_>, Error> {
        if self.root_closed {
            return Err(
                self.malformed("extra content at the end of the document: a second root element")
            );
        }
        let new_depth = self.depth.saturating_add(1);
        if u64::from(new_depth) > self.limits.max_depth as u64 {
            return Err(self.limit("max_depth", self.limits.max_depth as u64));
        }
        // An empty-element tag's buffer ends in its `/`.
        if empty && self.buf.last() == Some(&b'/') {
            self.buf.pop();
        }
        let content = self.buf.as_slice();
        // One pass finds the end of the name and checks its characters.
        let mut name_len = content.len();
        let mut name_ok = content
            .first()
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80);
        for (i, &b) in content.iter().enumerate() {
            if is_xml_space(b) {
                name_len = i;
                break;
            }
            name_ok &= is_name_byte(b);
        }
        let text = match std::str::from_utf8(content) {
            Ok(t) => t,
            Err(e) => {
                return Err(Error::new(
                    self.pos
                        .advance(b"<")
                        .advance(content.get(..e.valid_up_to()).unwrap_or(&[])),
                    String::new(),
                    ErrorKind::Malformed("invalid UTF-8 in tag".into()),
                ))
            }
        };
        if let Some(i) = find_noncharacter(content) {
            return Err(Error::new(
                self.pos
                    .advance(b"<")
                    .advance(content.get(..i).unwrap_or(&[])),
                String::new(),
                ErrorKind::Malformed("invalid character (U+FFFE or U+FFFF) in tag".into()),
            ));
        }
        let qname = text.get(..name_len).unwrap_or("");
        if !name_ok {
            return Err(self.malformed(format!("invalid element name '{qname}'")));
        }
        self.name_len = name_len;
        self.root_seen = true;
        if empty {
            if self.depth == 0 {
                self.root_closed = true;
            }
        } else {
            self.depth = new_depth;
        }
        Ok(Tok::Start {
            qname,
            empty,
            pos: self.pos,
        })
    }

    fn text(&mut self, cdata: bool) -> Result<Tok<'_>, Error> {
        let raw = if cdata {
            // The buffer holds `![CDATA[content]]`.
            let len = self.buf.len();
            self.buf.get(8..len.saturating_sub(2)).unwrap_or(&[])
        } else {
            self.buf.as_slice()
        };
        if raw.len() as u64 > self.limits.max_text_bytes {
            return Err(self.limit("max_text_bytes", self.limits.max_text_bytes));
        }
        if self.depth == 0 {
            if cdata {
                return Err(self.outside_root());
            }
            if let Some(i) = raw.iter().position(|b| !is_xml_space(*b)) {
                let at = self.pos.advance(raw.get(..i).unwrap_or(&[]));
                return Err(self.outside_root_at(at));
            }
            return Ok(Tok::Text(""));
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                let opening: &[u8] = if cdata { b"<![CDATA[" } else { b"" };
                let bad = self
                    .pos
                    .advance(opening)
                    .advance(raw.get(..e.valid_up_to()).unwrap_or(&[]));
                return Err(Error::new(
                    bad,
                    String::new(),
                    ErrorKind::Malformed("invalid UTF-8 in text".into()),
                ));
            }
        };
        let opening: &[u8] = if cdata { b"<![CDATA[" } else { b"" };
        if let Some(i) = find_noncharacter(raw) {
            return Err(Error::new(
                self.pos
                    .advance(opening)
                    .advance(raw.get(..i).unwrap_or(&[])),
                String::new(),
                ErrorKind::Malformed("invalid character (U+FFFE or U+FFFF) in text".into()),
            ));
        }
        if !cdata {
            if let Some(i) = find_cdata_end(raw) {
                return Err(Error::new(
                    self.pos.advance(raw.get(..i).unwrap_or(&[])),
                    String::new(),
                    ErrorKind::Malformed("']]>' is not allowed in character data".into()),
                ));
            }
        }
        if self.reader.get_ref().cr_seen && memchr::memchr(b'\r', raw).is_some() {
            self.scratch.clear();
            normalize_eol(text, &mut self.scratch);
            return Ok(Tok::Text(&self.scratch));
        }
        Ok(Tok::Text(text))
    }

    /// Parses the attributes of the last start tag into `out` (cleared first).
    /// Valid only right after a [`Tok::Start`].
    pub(crate) fn attributes(&self, out: &mut Vec<RawAttr>) -> Result<(), Error> {
        out.clear();
        let tag = self.buf.as_slice();
        let mut i = self.name_len;
        if tag.len() <= i {
            return Ok(());
        }
        // Positions inside the tag are counted from just after its `<`, moving
        // forward only, so the cost stays linear in the tag length.
        let after_lt = Position {
            column: self.pos.column.saturating_add(1),
            offset: self.pos.offset.saturating_add(1),
            ..self.pos
        };
        let mut mark = (0usize, after_lt);
        let mut at = |i: usize| {
            let (from, pos) = mark;
            let pos = pos.advance(tag.get(from..i).unwrap_or(&[]));
            mark = (i.max(from), pos);
            pos
        };
        loop {
            let ws_start = i;
            while tag.get(i).is_some_and(|b| is_xml_space(*b)) {
                i += 1;
            }
            if i >= tag.len() {
                return Ok(());
            }
            if i == ws_start {
                return Err(Error::new(
                    at(i),
                    String::new(),
                    ErrorKind::Malformed("attributes must be separated by whitespace".into()),
                ));
            }
            let name_start = i;
            while tag.get(i).is_some_and(|b| !is_xml_space(*b) && *b != b'=') {
                i += 1;
            }
            let name = (name_start, i);
            let name_bytes = tag.get(name_start..i).unwrap_or(&[]);
            let position = at(name_start);
            let bad = |msg: String| Error::new(position, String::new(), ErrorKind::Malformed(msg));
            let shown = String::from_utf8_lossy(name_bytes).into_owned();
            if !is_name(name_bytes) {
                return Err(bad(format!("invalid attribute name '{shown}'")));
            }
            while tag.get(i).is_some_and(|b| is_xml_space(*b)) {
                i += 1;
            }
            if tag.get(i) != Some(&b'=') {
                return Err(bad(format!("attribute '{shown}' has no value")));
            }
            i += 1;
            while tag.get(i).is_some_and(|b| is_xml_space(*b)) {
                i += 1;
            }
            let quote = match tag.get(i) {
                Some(q @ (b'"' | b'\'')) => *q,
                _ => return Err(bad(format!("value of attribute '{shown}' is not quoted"))),
            };
            let value_start = i + 1;
            let rest = tag.get(value_start..).unwrap_or(&[]);
            let Some(len) = memchr::memchr(quote, rest) else {
                return Err(bad(format!("value of attribute '{shown}' is not closed")));
            };
            let value = (value_start, value_start + len);
            i = value_start + len + 1;
            check_attribute_value(rest.get(..len).unwrap_or(&[]))
                .map_err(|m| bad(format!("attribute '{shown}': {m}")))?;
            if len as u64 > self.limits.max_attribute_bytes {
                return Err(Error::new(
                    position,
                    String::new(),
                    ErrorKind::LimitExceeded {
                        which: "max_attribute_bytes",
                        limit: self.limits.max_attribute_bytes,
                    },
                ));
            }
            if out.len() >= self.limits.max_attributes {
                return Err(Error::new(
                    position,
                    String::new(),
                    ErrorKind::LimitExceeded {
                        which: "max_attributes",
                        limit: self.limits.max_attributes as u64,
                    },
                ));
            }
            if out
                .iter()
                .any(|a| tag.get(a.name.0..a.name.1) == Some(name_bytes))
            {
                return Err(bad(format!("duplicate attribute '{shown}'")));
            }
            out.push(RawAttr {
                name,
                value,
                position,
            });
        }
    }

    /// The (qualified) name of an attribute from [`Lexer::attributes`].
    pub(crate) fn attr_name(&self, a: &RawAttr) -> &str {
        self.buf
            .get(a.name.0..a.name.1)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The raw (still escaped) value of an attribute.
    pub(crate) fn attr_raw_value(&self, a: &RawAttr) -> &[u8] {
        self.buf.get(a.value.0..a.value.1).unwrap_or(&[])
    }

    /// Unescapes and normalises an attribute value into `out` (cleared first).
    pub(crate) fn attr_value(&self, a: &RawAttr, out: &mut String) -> Result<(), Error> {
        out.clear();
        let raw = std::str::from_utf8(self.attr_raw_value(a)).unwrap_or("");
        unescape_attribute(raw, out)
            .map_err(|m| Error::new(a.position, String::new(), ErrorKind::Malformed(m)))
    }
}

/// XML whitespace: space, tab, line feed, carriage return.
pub(crate) fn is_xml_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether a string is all XML whitespace.
pub(crate) fn is_blank(s: &str) -> bool {
    s.bytes().all(is_xml_space)
}

/// A light XML Name check: ASCII is checked exactly, non-ASCII is accepted.
fn is_name(name: &[u8]) -> bool {
    let Some((&first, rest)) = name.split_first() else {
        return false;
    };
    let start_ok = first.is_ascii_alphabetic() || first == b'_' || first == b':' || first >= 0x80;
    start_ok && rest.iter().all(|&b| is_name_byte(b))
}

/// A byte that may appear in an XML name (non-ASCII bytes are accepted).
#[inline]
fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'-' | b'.') || b >= 0x80
}

/// The local part of a qualified name.
pub(crate) fn local_name(qname: &str) -> &str {
    match qname.rfind(':') {
        Some(i) => qname.get(i + 1..).unwrap_or(qname),
        None => qname,
    }
}

/// `xmlns`, `xmlns:*` and `xsi:*` attributes: always allowed, never reported.
pub(crate) fn is_ignored_attribute(qname: &str) -> bool {
    qname == "xmlns" || qname.starts_with("xmlns:") || qname.starts_with("xsi:")
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Resolves `name` of `&name;`: the five predefined entities and character references.
fn resolve_name(name: &str) -> Result<char, String> {
    match name {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => {
            let Some(num) = name.strip_prefix('#') else {
                return Err(format!(
                    "undefined entity '&{name};' (only the five predefined entities are supported)"
                ));
            };
            let parsed = match num.strip_prefix('x') {
                Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    u32::from_str_radix(hex, 16).ok()
                }
                None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => {
                    num.parse::<u32>().ok()
                }
                _ => None,
            };
            match parsed.and_then(char::from_u32) {
                Some(c) if is_xml_char(c) => Ok(c),
                _ => Err(format!("invalid character reference '&{name};'")),
            }
        }
    }
}

fn resolve_reference(r: &quick_xml::events::BytesRef<'_>) -> Result<char, String> {
    let name = std::str::from_utf8(r).map_err(|_| "invalid UTF-8 in reference".to_owned())?;
    resolve_name(name)
}

/// Appends `text` with `\r\n` and lone `\r` turned into `\n`.
pub(crate) fn normalize_eol(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push('\n');
        rest = rest.get(i + 1..).unwrap_or("");
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
}

/// Attribute-value normalisation (XML 1.0 §3.3.3, CDATA type) and unescaping: each
/// literal whitespace character (a `\r\n` pair counts as one) becomes a space;
/// references are resolved (a referenced whitespace character is kept as is).
pub(crate) fn unescape_attribute(raw: &str, out: &mut String) -> Result<(), String> {
    let bytes = raw.as_bytes();
    if let Some(i) = bytes
        .iter()
        .position(|b| *b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r'))
    {
        let c = bytes.get(i).copied().unwrap_or(0);
        return Err(format!("invalid character U+{c:04X} in attribute value"));
    }
    if memchr::memchr(b'<', bytes).is_some() {
        return Err("'<' is not allowed in attribute values".into());
    }
    let mut rest = raw;
    loop {
        let Some(i) = rest.find(['&', '\t', '\n', '\r']) else {
            out.push_str(rest);
            return Ok(());
        };
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        if let Some(after) = tail.strip_prefix('&') {
            let Some(end) = after.find(';') else {
                return Err("unterminated reference in attribute value".into());
            };
            out.push(resolve_name(after.get(..end).unwrap_or(""))?);
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            out.push(' ');
            rest = if tail.starts_with("\r\n") {
                tail.get(2..).unwrap_or("")
            } else {
                tail.get(1..).unwrap_or("")
            };
        }
    }
}

/// Well-formedness of a raw attribute value: no `<`, no forbidden control
/// characters, only known references.
fn check_attribute_value(raw: &[u8]) -> Result<(), String> {
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        match b {
            b'<' => return Err("'<' is not allowed in attribute values".into()),
            b'&' => {
                let rest = raw.get(i + 1..).unwrap_or(&[]);
                let Some(end) = memchr::memchr(b';', rest) else {
                    return Err("unterminated reference".into());
                };
                let name = std::str::from_utf8(rest.get(..end).unwrap_or(&[]))
                    .map_err(|_| "invalid UTF-8 in reference".to_owned())?;
                resolve_name(name)?;
                i += end + 2;
            }
            b if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') => {
                return Err(format!("invalid character U+{b:04X}"));
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Offset of the first U+FFFE or U+FFFF (not XML characters) in UTF-8 `bytes`.
/// Both start with the byte 0xEF, rare outside of such text.
fn find_noncharacter(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(0xEF, bytes.get(from..)?) {
        let at = from + i;
        if matches!(bytes.get(at + 1..at + 3), Some([0xBF, 0xBE | 0xBF])) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Offset of the first `]]>` in `bytes`.
fn find_cdata_end(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b']', bytes.get(from..)?) {
        let at = from + i;
        if bytes.get(at..at + 3) == Some(b"]]>") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Skips leading XML whitespace.
fn skip_space(bytes: &[u8]) -> &[u8] {
    let n = bytes
        .iter()
        .position(|b| !is_xml_space(*b))
        .unwrap_or(bytes.len());
    bytes.get(n..).unwrap_or(&[])
}

/// A pseudo-attribute of the XML declaration: name and value.
type DeclItem<'a> = (&'a [u8], &'a [u8]);

/// The next pseudo-attribute `name = "value"` of an XML declaration, after the
/// whitespace that must precede it; `None` at the end.
fn decl_item<'a>(rest: &mut &'a [u8]) -> Result<Option<DeclItem<'a>>, String> {
    let s = skip_space(rest);
    if s.is_empty() {
        *rest = s;
        return Ok(None);
    }
    let junk = || {
        format!(
            "invalid XML declaration near '{}'",
            String::from_utf8_lossy(s.get(..s.len().min(20)).unwrap_or(&[]))
        )
    };
    if s.len() == rest.len() {
        return Err(junk());
    }
    let name_len = s
        .iter()
        .position(|b| is_xml_space(*b) || *b == b'=')
        .unwrap_or(s.len());
    let name = s.get(..name_len).unwrap_or(&[]);
    let t = skip_space(s.get(name_len..).unwrap_or(&[]));
    let Some(after_eq) = t.strip_prefix(b"=") else {
        return Err(junk());
    };
    let Some((&quote, after_quote)) = skip_space(after_eq).split_first() else {
        return Err(junk());
    };
    if quote != b'"' && quote != b'\'' {
        return Err(junk());
    }
    let Some(len) = memchr::memchr(quote, after_quote) else {
        return Err(junk());
    };
    let value = after_quote.get(..len).unwrap_or(&[]);
    *rest = after_quote.get(len + 1..).unwrap_or(&[]);
    Ok(Some((name, value)))
}

/// Checks an XML declaration (its content from `xml`, XML 1.0 §2.8): `version`,
/// then optionally `encoding`, then optionally `standalone`, nothing else.
fn check_decl(content: &[u8]) -> Result<(), String> {
    let mut rest = content.strip_prefix(b"xml").unwrap_or(content);
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let mut item = decl_item(&mut rest)?;
    match item {
        Some((b"version", version)) => {
            let ok = version
                .strip_prefix(b"1.")
                .is_some_and(|minor| !minor.is_empty() && minor.iter().all(u8::is_ascii_digit));
            if !ok {
                return Err(format!("unsupported XML version '{}'", lossy(version)));
            }
        }
        _ => return Err("the XML declaration must start with the version".into()),
    }
    item = decl_item(&mut rest)?;
    if let Some((b"encoding", enc)) = item {
        let name_ok = enc.split_first().is_some_and(|(first, tail)| {
            first.is_ascii_alphabetic()
                && tail
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        });
        if !name_ok {
            return Err(format!("invalid encoding name '{}'", lossy(enc)));
        }
        let ok = [&b"utf-8"[..], b"utf8", b"us-ascii", b"ascii"]
            .iter()
            .any(|known| enc.eq_ignore_ascii_case(known));
        if !ok {
            return Err(format!(
                "unsupported encoding '{}': only UTF-8 documents are supported",
                lossy(enc)
            ));
        }
        item = decl_item(&mut rest)?;
    }
    if let Some((b"standalone", value)) = item {
        if value != b"yes" && value != b"no" {
            return Err(format!(
                "invalid standalone value '{}' (expected 'yes' or 'no')",
                lossy(value)
            ));
        }
        item = decl_item(&mut rest)?;
    }
    if let Some((name, _)) = item {
        return Err(format!(
            "unexpected '{}' in the XML declaration",
            lossy(name)
        ));
    }
    Ok(())
}

/// Converts a lexer error that carries an I/O cause back into an `io::Error`.
pub(crate) fn into_io(e: &Arc<io::Error>) -> io::Error {
    io::Error::new(e.kind(), e.to_string())
}
