//! The traits the generated types implement for fast, event-based (de)serialisation,
//! and the small helpers their generated impls call.
//!
//! The generated `FromXml` impls match element names as bytes on quick-xml events and
//! build each value in one pass; the generated `ToXml` impls write through
//! [`XmlWriter`]. The serde derives on the same types are kept for compatibility (JSON,
//! `quick_xml::de`), but [`crate::from_xml`] and [`crate::to_xml`] use these paths.

use std::io::BufRead;

use crate::{Attribute, Error, XmlReader, XmlValue, XmlWriter};

/// A complex type that can be read from the element the reader is positioned on.
pub trait FromXml: Sized {
    /// Reads the current element (its attributes, content and end tag).
    fn from_xml<R: BufRead>(r: &mut XmlReader<R>) -> Result<Self, Error>;
}

/// A complex type that can be written as an element.
pub trait ToXml {
    /// Writes the value as an element called `name`.
    fn to_xml(&self, w: &mut XmlWriter, name: &str);
}

/// A type that is the root element of a schema's documents.
pub trait XmlRoot: FromXml + ToXml {
    /// The root element's name.
    const ELEMENT: &'static str;
    /// The schema the document belongs to.
    const SCHEMA: crate::Schema;
}

/// XSD whitespace handling: `collapse` trims and folds runs of whitespace to one space.
pub(crate) fn collapse(text: &str) -> std::borrow::Cow<'_, str> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let trimmed = text.trim_matches(is_ws);
    let needs_fold = trimmed
        .as_bytes()
        .windows(2)
        .any(|w| matches!(w, [a, b] if is_ws(*a as char) && (is_ws(*b as char) || *a != b' ')))
        || trimmed.contains(['\t', '\n', '\r']);
    if !needs_fold {
        return std::borrow::Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut in_ws = false;
    for c in trimmed.chars() {
        if is_ws(c) {
            in_ws = true;
        } else {
            if in_ws {
                out.push(' ');
                in_ws = false;
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Parses an attribute value as `T`, after XSD whitespace handling.
pub fn parse_attribute<T: XmlValue, R: BufRead>(
    r: &XmlReader<R>,
    attr: &Attribute,
) -> Result<T, Error> {
    let parsed = if T::COLLAPSE {
        T::parse_xml(&collapse(&attr.value))
    } else {
        T::parse_xml(&attr.value)
    };
    parsed.map_err(|e| r.invalid_attribute(attr, e))
}

/// Writes `<name>value</name>`; as CDATA when `cdata` (the schema's `Cdata` type).
pub fn write_value<T: XmlValue>(w: &mut XmlWriter, name: &str, value: &T, cdata: bool) {
    let mut text = String::new();
    value.write_xml(&mut text);
    w.text_element(name, &text, cdata);
}

/// Writes an attribute of the element being started.
pub fn write_attribute<T: XmlValue>(w: &mut XmlWriter, name: &str, value: &T) {
    let mut text = String::new();
    value.write_xml(&mut text);
    w.attribute(name, &text);
}

/// Writes the text of a simple-content element, after its attributes.
pub fn write_text<T: XmlValue>(w: &mut XmlWriter, value: &T, cdata: bool) {
    let mut text = String::new();
    value.write_xml(&mut text);
    w.text_content(&text, cdata);
}

#[cfg(test)]
mod tests {
    use super::collapse;

    #[test]
    fn collapse_follows_xsd() {
        for (input, want) in [
            ("  12 ", "12"),
            ("a  b", "a b"),
            ("\ta\n\nb\r", "a b"),
            ("a b", "a b"),
            ("", ""),
            (" \n ", ""),
        ] {
            assert_eq!(collapse(input), want, "{input:?}");
        }
    }
}
