//! Positioned parse errors.
//!
//! Every failure while reading a document is one [`Error`]: where it happened
//! ([`Position`]), in which element ([`Error::path`], such as
//! `/ServiceResponse/data/Finding/id`) and why ([`ErrorKind`]). Its `Display` is
//! `LINE:COL: /path: message`, the shape compilers use, so editors can jump to it.

use std::fmt;
use std::sync::Arc;

/// A place in the input document.
///
/// `line` and `column` are 1-based. The column counts **bytes** from the start of the
/// line (not characters), so a line holding multi-byte UTF-8 text before the reported
/// place gives a column larger than the number of characters. A UTF-8 byte-order mark
/// at the start of the document does not count towards the column. Lines are counted
/// by `\n` (so a `\r\n` pair is one line break; a lone `\r` is not counted).
/// `offset` is the 0-based byte offset from the start of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in bytes.
    pub column: u32,
    /// 0-based byte offset in the input.
    pub offset: u64,
}

impl Position {
    /// The start of a document: line 1, column 1, offset 0.
    pub const START: Position = Position {
        line: 1,
        column: 1,
        offset: 0,
    };

    /// The position reached after reading `bytes` starting at `self`.
    pub fn advance(self, bytes: &[u8]) -> Position {
        let offset = self.offset.saturating_add(bytes.len() as u64);
        match memchr::memrchr(b'\n', bytes) {
            None => Position {
                line: self.line,
                column: self.column.saturating_add(saturating_u32(bytes.len())),
                offset,
            },
            Some(last) => {
                let newlines = memchr::memchr_iter(b'\n', bytes).count();
                Position {
                    line: self.line.saturating_add(saturating_u32(newlines)),
                    column: saturating_u32(bytes.len() - last),
                    offset,
                }
            }
        }
    }
}

impl Default for Position {
    fn default() -> Self {
        Position::START
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

pub(crate) fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Why reading a document failed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The document is not well-formed XML.
    #[error("malformed XML: {0}")]
    Malformed(String),
    /// The document carries a document type declaration. It is rejected without
    /// being processed: no entity is expanded and nothing is fetched.
    #[error("document type declarations (<!DOCTYPE ...>) are not allowed; the document was rejected without processing the DTD")]
    Dtd,
    /// A simple value does not match its type.
    #[error("'{}' is not a valid {expected}", quote_value(value))]
    InvalidValue {
        /// The value, after whitespace handling.
        value: String,
        /// The expected type, such as `xs:int`.
        expected: &'static str,
    },
    /// A required child element is absent.
    #[error("missing required element '{name}'")]
    MissingElement {
        /// The missing element's name.
        name: &'static str,
    },
    /// A child element occurs more often than allowed.
    #[error("element '{name}' occurs more often than allowed")]
    DuplicateElement {
        /// The repeated element's name.
        name: &'static str,
    },
    /// A child element occurs a number of times outside its `minOccurs..=maxOccurs`.
    #[error("element '{name}' occurs {found} time(s); expected between {min} and {}", display_max(*max))]
    Occurrence {
        /// The element's name.
        name: &'static str,
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs` (`u32::MAX` for unbounded).
        max: u32,
        /// How often it occurred.
        found: u32,
    },
    /// An element that the type does not declare.
    #[error("unexpected element '{name}'")]
    UnexpectedElement {
        /// The element's name.
        name: String,
    },
    /// Non-whitespace text where only elements are allowed.
    #[error("unexpected text in element-only content")]
    UnexpectedText,
    /// A required attribute is absent.
    #[error("missing required attribute '{name}'")]
    MissingAttribute {
        /// The attribute's name.
        name: &'static str,
    },
    /// An attribute that the type does not declare.
    #[error("unexpected attribute '{name}'")]
    UnexpectedAttribute {
        /// The attribute's name.
        name: String,
    },
    /// The root element is not one this type or schema accepts.
    #[error("unexpected root element '{name}'")]
    UnknownRoot {
        /// The root element's name.
        name: String,
    },
    /// The schema could not be told from the root element and
    /// `xsi:noNamespaceSchemaLocation` (requests carry no schema location).
    #[error("cannot determine the schema of this document; name one (finding, wasscan, optionprofile or report)")]
    UndeterminedSchema,
    /// A configured [`Limits`](crate::Limits) bound was exceeded.
    #[error("limit exceeded: {which} (limit {limit})")]
    LimitExceeded {
        /// Which limit, such as `max_depth`.
        which: &'static str,
        /// The configured limit.
        limit: u64,
    },
    /// Reading the input failed.
    #[error("I/O error: {0}")]
    Io(#[source] Arc<std::io::Error>),
    /// The input holds no root element.
    #[error("document is empty: no root element")]
    Empty,
    /// The input ended before the current element was closed.
    #[error("unexpected end of document: element not closed")]
    Truncated,
    /// Any other problem, described in words.
    #[error("{0}")]
    Other(String),
}

fn display_max(max: u32) -> String {
    if max == u32::MAX {
        "unbounded".to_owned()
    } else {
        max.to_string()
    }
}

/// Renders a value for a message: control characters escaped, long values shortened.
pub(crate) fn quote_value(value: &str) -> String {
    const MAX_CHARS: usize = 120;
    let mut out = String::with_capacity(value.len().min(MAX_CHARS + 8));
    for (i, c) in value.chars().enumerate() {
        if i == MAX_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A positioned failure while reading a document.
///
/// `Display` renders `LINE:COL: /path: message` (the path part is left out when the
/// error happened outside any element).
#[derive(Debug, Clone)]
pub struct Error {
    /// Where it happened.
    pub position: Position,
    /// The element path, such as `/ServiceResponse/data/Finding/id`; for an attribute,
    /// the element path followed by `/@name`. Empty outside any element.
    pub path: String,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl Error {
    /// A new error.
    pub fn new(position: Position, path: impl Into<String>, kind: ErrorKind) -> Self {
        Error {
            position,
            path: path.into(),
            kind,
        }
    }

    /// The error's cause.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Sets the path when none is set yet.
    pub(crate) fn or_path(mut self, path: impl FnOnce() -> String) -> Self {
        if self.path.is_empty() {
            self.path = path();
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.position, self.kind)
        } else {
            write!(f, "{}: {}: {}", self.position, self.path, self.kind)
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}

/// A simple value that does not match its type, before it is given a position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{}' is not a valid {expected}", quote_value(value))]
pub struct ValueError {
    /// The offending value (after whitespace handling).
    pub value: String,
    /// The expected type, such as `xs:dateTime`.
    pub expected: &'static str,
}

impl ValueError {
    /// A new value error.
    pub fn new(value: impl Into<String>, expected: &'static str) -> Self {
        ValueError {
            value: value.into(),
            expected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_position_path_and_message() {
        let e = Error::new(
            Position {
                line: 3,
                column: 7,
                offset: 40,
            },
            "/ServiceResponse/data/Finding",
            ErrorKind::MissingElement { name: "id" },
        );
        assert_eq!(
            e.to_string(),
            "3:7: /ServiceResponse/data/Finding: missing required element 'id'"
        );
        let e = Error::new(Position::START, "", ErrorKind::Empty);
        assert_eq!(e.to_string(), "1:1: document is empty: no root element");
    }

    #[test]
    fn invalid_value_message_escapes_controls() {
        let e = ValueError::new("a\nb", "xs:int");
        assert_eq!(e.to_string(), "'a\\nb' is not a valid xs:int");
        let long = "x".repeat(500);
        let shown = ValueError::new(long, "xs:int").to_string();
        assert!(shown.contains('…') && shown.len() < 200, "{shown}");
    }

    #[test]
    fn advance_counts_lines_and_columns() {
        let p = Position::START.advance(b"ab");
        assert_eq!((p.line, p.column, p.offset), (1, 3, 2));
        let p = Position::START.advance(b"ab\ncd\nxyz");
        assert_eq!((p.line, p.column, p.offset), (3, 4, 9));
        let p = Position::START.advance(b"ab\n");
        assert_eq!((p.line, p.column, p.offset), (2, 1, 3));
    }

    #[test]
    fn io_error_is_source() {
        use std::error::Error as _;
        let io = std::io::Error::other("boom");
        let e = Error::new(Position::START, "", ErrorKind::Io(Arc::new(io)));
        assert!(e.source().is_some());
        assert!(e.to_string().contains("boom"));
    }
}
