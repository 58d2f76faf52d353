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

/// Parses an attribute value as `T`, after XSD whitespace handling.
pub fn parse_attribute<T: XmlValue, R: BufRead>(
    r: &XmlReader<R>,
    attr: &Attribute,
) -> Result<T, Error> {
    let parsed = if T::COLLAPSE {
        T::parse_xml(&crate::value::collapse_whitespace(&attr.value))
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
