//! The properties checked on arbitrary input, one function per fuzz target.
//!
//! Each function panics when a property fails; an `Err` for bad input is fine, as
//! long as it is positioned where the input says it is. The same file is compiled
//! into the `qualys-was-tests` test `fuzz_regressions`, which replays the committed
//! reproducers through these very functions.
//!
//! * [`validate`]: the streaming validator never fails on an in-memory input (only
//!   I/O errors are `Err`), positions every violation consistently with the input,
//!   gives the same answer however the input is split into reads, and a document it
//!   finds schema-valid also parses, strictly, with the typed API.
//! * [`parse`]: `Document::from_reader` / `from_str_with`, lenient and strict, with
//!   default and tight limits: positioned errors, the same outcome from a `&str`,
//!   from bytes and from a reader handing out a few bytes at a time, and a strict
//!   success implies an equal lenient success.
//! * [`roundtrip`]: a parsed document serializes (compact and pretty) to XML that
//!   parses strictly to an equal value, serializes again to identical text and is
//!   well-formed for the validator.

use std::io::{self, BufRead, Read};

use qualys_was_types::{
    validate_with, Document, Error, Limits, Position, ReadOptions, Schema, ValidateOptions,
    Violation, ViolationKind,
};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A reader over a byte slice that hands out at most `chunk` bytes per read, so
/// token boundaries fall across buffer refills.
pub struct Chunked<'a> {
    data: &'a [u8],
    chunk: usize,
}

impl<'a> Chunked<'a> {
    /// A reader handing out at most `chunk` (at least 1) bytes at a time.
    pub fn new(data: &'a [u8], chunk: usize) -> Self {
        Chunked {
            data,
            chunk: chunk.max(1),
        }
    }
}

impl Read for Chunked<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = self.chunk.min(out.len()).min(self.data.len());
        let (head, tail) = self.data.split_at(n);
        out[..n].copy_from_slice(head);
        self.data = tail;
        Ok(n)
    }
}

impl BufRead for Chunked<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let n = self.chunk.min(self.data.len());
        Ok(&self.data[..n])
    }

    fn consume(&mut self, amt: usize) {
        self.data = &self.data[amt.min(self.data.len())..];
    }
}

/// The read sizes [`Chunked`] uses.
pub const CHUNK_SIZES: [usize; 6] = [1, 2, 3, 5, 16, 100];

/// A read size chosen from the input, so that different inputs exercise
/// different splits.
pub fn chunk_size(data: &[u8]) -> usize {
    let sum = data
        .iter()
        .fold(0usize, |a, b| a.wrapping_add(usize::from(*b)));
    CHUNK_SIZES[sum % CHUNK_SIZES.len()]
}

/// Small limits, so that every limit can trip on a small input.
#[allow(clippy::needless_update)]
fn tight_limits() -> Limits {
    Limits {
        max_depth: 6,
        max_text_bytes: 40,
        max_attribute_bytes: 12,
        max_total_bytes: 2048,
        max_attributes: 3,
        ..Limits::default()
    }
}

/// Line and column of `offset` in `data`, as [`Position`] documents them: 1-based,
/// the column in bytes, `\n` ends a line, a leading byte-order mark takes no column.
fn line_col(data: &[u8], offset: usize) -> (u32, u32) {
    let before = &data[..offset];
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let line_start = match before.iter().rposition(|b| *b == b'\n') {
        Some(i) => i + 1,
        None if before.starts_with(BOM) => BOM.len(),
        None => 0,
    };
    (line as u32, (offset - line_start + 1) as u32)
}

/// A position lies within the input, and its line and column match its offset.
fn check_position(data: &[u8], position: Position, what: &dyn std::fmt::Display) {
    let offset = usize::try_from(position.offset).unwrap_or(usize::MAX);
    assert!(
        offset <= data.len(),
        "position {position:?} beyond the end of the input ({} bytes): {what}",
        data.len()
    );
    assert!(
        position.line >= 1 && position.column >= 1,
        "position {position:?} not 1-based: {what}"
    );
    let (line, column) = line_col(data, offset);
    assert_eq!(
        (position.line, position.column),
        (line, column),
        "line:column disagree with offset {offset}: {what}"
    );
}

fn check_violations(data: &[u8], violations: &[Violation]) {
    for v in violations {
        check_position(data, v.position, v);
        let shown = v.to_string();
        let prefix = format!("{}:{}: error: ", v.position.line, v.position.column);
        assert!(shown.starts_with(&prefix), "{shown}");
        assert!(!v.message.is_empty(), "violation without a message: {v:?}");
    }
    // Once the validator stops (malformed input, a limit), nothing follows.
    let stops = violations
        .iter()
        .filter(|v| matches!(v.kind, ViolationKind::Malformed))
        .count();
    assert!(stops <= 1, "more than one fatal violation: {violations:#?}");
}

fn check_error(data: &[u8], e: &Error) {
    check_position(data, e.position, e);
    let shown = e.to_string();
    let prefix = format!("{}:{}: ", e.position.line, e.position.column);
    assert!(shown.starts_with(&prefix), "{shown}");
}

/// What a parse came to, comparable: the value, or the error's position, path and
/// message.
fn outcome(r: &Result<Document, Error>) -> Result<&Document, (Position, &str, String)> {
    r.as_ref()
        .map_err(|e| (e.position, e.path.as_str(), e.kind.to_string()))
}

fn options(strict: bool, limits: Limits) -> ReadOptions {
    ReadOptions { strict, limits }
}

fn strict() -> ReadOptions {
    options(true, Limits::default())
}

/// The `validate` target.
pub fn validate(data: &[u8]) {
    validate_split(data, chunk_size(data));
}

/// The `validate` target's checks, comparing with reads of `chunk` bytes.
pub fn validate_split(data: &[u8], chunk: usize) {
    for schema in Schema::ALL {
        let whole = qualys_was_types::validate(data, schema).expect("no I/O error on a slice");
        check_violations(data, &whole);
        let split = qualys_was_types::validate(Chunked::new(data, chunk), schema)
            .expect("no I/O error on a slice");
        assert_eq!(
            whole, split,
            "{schema}: outcome depends on {chunk}-byte reads"
        );

        let schema_only = ValidateOptions {
            schema_only: true,
            ..ValidateOptions::default()
        };
        let (_, plain) =
            validate_with(data, Some(schema), &schema_only).expect("no I/O error on a slice");
        check_violations(data, &plain);
        if plain.is_empty() {
            // Schema-valid: well-formed UTF-8, and the typed API reads it, strictly.
            if let Err(e) = std::str::from_utf8(data) {
                panic!("{schema}: valid for the validator, but not UTF-8: {e}");
            }
            if let Err(e) = Document::from_reader(data, Some(schema), &strict()) {
                panic!("{schema}: valid for the validator, rejected by the strict parser: {e}");
            }
        }
    }
    let (_, detected) =
        validate_with(data, None, &ValidateOptions::default()).expect("no I/O error on a slice");
    check_violations(data, &detected);

    let tight = ValidateOptions {
        schema_only: false,
        limits: tight_limits(),
        max_violations: 3,
    };
    let (_, limited) = validate_with(data, None, &tight).expect("no I/O error on a slice");
    check_violations(data, &limited);
    // Three violations, the note and possibly one fatal one.
    assert!(limited.len() <= 5, "max_violations ignored: {limited:#?}");
}

/// The `parse` target.
pub fn parse(data: &[u8]) {
    parse_split(data, chunk_size(data));
}

/// The `parse` target's checks, comparing with reads of `chunk` bytes.
pub fn parse_split(data: &[u8], chunk: usize) {
    let text = std::str::from_utf8(data).ok();
    for strict in [false, true] {
        for limits in [Limits::default(), tight_limits()] {
            let opts = options(strict, limits);
            let detected = Document::from_reader(data, None, &opts);
            if let Err(e) = &detected {
                check_error(data, e);
            }
            for schema in Schema::ALL {
                let whole = Document::from_reader(data, Some(schema), &opts);
                match &whole {
                    Ok(doc) => {
                        assert_eq!(doc.schema(), schema);
                        assert!(
                            text.is_some(),
                            "{schema}: parsed, but the input is not UTF-8"
                        );
                    }
                    Err(e) => check_error(data, e),
                }
                if let Ok(doc) = &detected {
                    if doc.schema() == schema {
                        assert_eq!(outcome(&detected), outcome(&whole), "{schema}: detection");
                    }
                }
                if let Some(text) = text {
                    let from_str = Document::from_str_with(text, Some(schema), &opts);
                    assert_eq!(
                        outcome(&whole),
                        outcome(&from_str),
                        "{schema}: &str vs bytes"
                    );
                }
                let split = Document::from_reader(Chunked::new(data, chunk), Some(schema), &opts);
                assert_eq!(
                    outcome(&whole),
                    outcome(&split),
                    "{schema} (strict: {strict}): outcome depends on {chunk}-byte reads"
                );
                if strict {
                    if let Ok(doc) = &whole {
                        let lenient = options(false, opts.limits.clone());
                        let again = Document::from_reader(data, Some(schema), &lenient);
                        assert_eq!(Ok(doc), outcome(&again), "{schema}: strict vs lenient");
                    }
                }
            }
        }
    }
}

/// The `roundtrip` target.
pub fn roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for strict in [false, true] {
        let opts = options(strict, Limits::default());
        for schema in Schema::ALL {
            let Ok(doc) = Document::from_str_with(text, Some(schema), &opts) else {
                continue;
            };
            for pretty in [false, true] {
                let serialize = |d: &Document| {
                    if pretty {
                        d.to_xml_pretty()
                    } else {
                        d.to_xml()
                    }
                };
                let out = serialize(&doc);
                let again = match Document::from_str_with(&out, Some(schema), &self::strict()) {
                    Ok(d) => d,
                    Err(e) => panic!(
                        "{schema} (pretty: {pretty}): the serialization does not parse: {e}\n\
                         --- input\n{text}\n--- serialized\n{out}"
                    ),
                };
                assert!(
                    again == doc,
                    "{schema} (pretty: {pretty}): the value changed in a round trip\n\
                     --- input\n{text}\n--- serialized\n{out}\n--- before\n{doc:#?}\n--- after\n{again:#?}"
                );
                let out2 = serialize(&again);
                assert_eq!(
                    out, out2,
                    "{schema} (pretty: {pretty}): serialization not stable"
                );
                let violations =
                    qualys_was_types::validate(out.as_bytes(), schema).expect("no I/O error");
                if let Some(v) = violations
                    .iter()
                    .find(|v| matches!(v.kind, ViolationKind::Malformed))
                {
                    panic!("{schema} (pretty: {pretty}): serialization is malformed: {v}\n{out}");
                }
            }
        }
    }
}
