//! The crate's front door: parse, serialize and validate documents.

use std::io::BufRead;

use crate::generated::{finding, optionprofile, report, wasscan};
use crate::model::SchemaModel;
use crate::{
    Error, ErrorKind, Position, ReadOptions, Schema, ValidateOptions, Violation, XmlReader,
    XmlRoot, XmlWriter,
};

impl Schema {
    /// The validator tables generated for this schema.
    pub fn model(self) -> &'static SchemaModel {
        match self {
            Schema::Finding => &finding::MODEL,
            Schema::WasScan => &wasscan::MODEL,
            Schema::OptionProfile => &optionprofile::MODEL,
            Schema::Report => &report::MODEL,
        }
    }
}

/// Parses a document whose root is `T` (lenient: unknown elements are skipped).
///
/// ```
/// use qualys_was_types::generated::finding::FindingServiceResponse;
/// let xml = "<ServiceResponse><responseCode>SUCCESS</responseCode><count>0</count></ServiceResponse>";
/// let response: FindingServiceResponse = qualys_was_types::from_xml(xml)?;
/// assert_eq!(response.count, Some(0));
/// # Ok::<(), qualys_was_types::Error>(())
/// ```
pub fn from_xml<T: XmlRoot>(xml: &str) -> Result<T, Error> {
    from_reader_with(xml.as_bytes(), &ReadOptions::default())
}

/// Parses a document whose root is `T`, with options (strict mode, limits).
pub fn from_xml_with<T: XmlRoot>(xml: &str, options: &ReadOptions) -> Result<T, Error> {
    from_reader_with(xml.as_bytes(), options)
}

/// Parses a document whose root is `T` from any buffered reader.
pub fn from_reader<T: XmlRoot, R: BufRead>(input: R) -> Result<T, Error> {
    from_reader_with(input, &ReadOptions::default())
}

/// Parses a document whose root is `T` from any buffered reader, with options.
pub fn from_reader_with<T: XmlRoot, R: BufRead>(
    input: R,
    options: &ReadOptions,
) -> Result<T, Error> {
    let mut reader = XmlReader::new(input, options.clone());
    reader.read_root()?;
    if reader.name() != T::ELEMENT.as_bytes() {
        return Err(reader.unknown_root());
    }
    let value = T::from_xml(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

fn write_document(pretty: bool, body: impl FnOnce(&mut XmlWriter)) -> String {
    let mut w = XmlWriter::new(pretty);
    w.declaration();
    body(&mut w);
    w.into_string()
}

/// Serializes a document compactly, with an XML declaration.
pub fn to_xml<T: XmlRoot>(value: &T) -> String {
    write_document(false, |w| value.to_xml(w, T::ELEMENT))
}

/// Serializes a document indented by two spaces, with an XML declaration.
pub fn to_xml_pretty<T: XmlRoot>(value: &T) -> String {
    write_document(true, |w| value.to_xml(w, T::ELEMENT))
}

/// Validates a document against a schema, streaming, and returns every violation.
///
/// The Qualys API rules (see [`crate::rules`]) are checked too; use
/// [`validate_with`] with `schema_only` to leave them out.
///
/// ```
/// use qualys_was_types::{validate, Schema};
/// let xml = "<WasScan><id>1</id><multi>>false</multi></WasScan>";
/// let violations = validate(xml.as_bytes(), Schema::WasScan)?;
/// assert_eq!(violations.len(), 1);
/// assert!(violations[0].to_string().contains("/WasScan/multi"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn validate<R: BufRead>(input: R, schema: Schema) -> std::io::Result<Vec<Violation>> {
    let mut violations = crate::validate_model(input, schema.model(), &ValidateOptions::default())?;
    sort_by_position(&mut violations);
    Ok(violations)
}

/// Violations in document order (the validator reports some, such as stray text,
/// when their element ends).
fn sort_by_position(violations: &mut [Violation]) {
    violations.sort_by_key(|v| (v.position.line, v.position.column));
}

/// Validates a document; the schema is `schema`, or else detected from the root
/// element and `xsi:noNamespaceSchemaLocation`. Returns the schema used (if one could
/// be chosen) and every violation.
pub fn validate_with<R: BufRead>(
    input: R,
    schema: Option<Schema>,
    options: &ValidateOptions,
) -> std::io::Result<(Option<Schema>, Vec<Violation>)> {
    let (schema, mut violations) = match schema {
        Some(s) => (Some(s), crate::validate_model(input, s.model(), options)?),
        None => crate::validate_detect(input, Schema::model, None, options)?,
    };
    sort_by_position(&mut violations);
    Ok((schema, violations))
}

/// Checks a value being built against its schema (facets, required children, choices)
/// and the Qualys API rules, before it is sent.
///
/// The value is serialized and run through the streaming validator, so the checks are
/// exactly those [`validate`] applies to a document; positions refer to the compact
/// serialization, paths to the elements.
pub trait Validate {
    /// Every violation; empty when the value conforms.
    fn validate(&self) -> Vec<Violation>;
}

impl<T: XmlRoot> Validate for T {
    fn validate(&self) -> Vec<Violation> {
        let xml = to_xml(self);
        crate::validate_model(
            xml.as_bytes(),
            T::SCHEMA.model(),
            &ValidateOptions::default(),
        )
        .unwrap_or_default()
    }
}

/// A document of any of the four schemas.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A `finding.xsd` document.
    Finding(finding::Root),
    /// A `wasscan.xsd` document (including the bare `WasScan` download).
    WasScan(wasscan::Root),
    /// An `optionprofile.xsd` document.
    OptionProfile(optionprofile::Root),
    /// A `report.xsd` document.
    Report(report::Root),
}

/// The root element's name and `xsi:noNamespaceSchemaLocation`, from the start of a
/// document. Only the bytes given are looked at.
fn sniff_root(prefix: &[u8]) -> Option<(Vec<u8>, Option<String>)> {
    let mut reader = quick_xml::Reader::from_reader(prefix);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                let name = e.local_name().as_ref().to_vec();
                let location = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"noNamespaceSchemaLocation")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                return Some((name, location));
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            Ok(_) => buf.clear(),
        }
    }
}

impl Document {
    /// Parses a document, detecting its schema from the root element and
    /// `xsi:noNamespaceSchemaLocation` (lenient mode).
    pub fn parse(xml: &str) -> Result<Self, Error> {
        Self::from_str_with(xml, None, &ReadOptions::default())
    }

    /// Parses a document of the given schema (lenient mode).
    pub fn parse_as(xml: &str, schema: Schema) -> Result<Self, Error> {
        Self::from_str_with(xml, Some(schema), &ReadOptions::default())
    }

    /// Parses a document; `schema` or else detection chooses the schema.
    pub fn from_str_with(
        xml: &str,
        schema: Option<Schema>,
        options: &ReadOptions,
    ) -> Result<Self, Error> {
        Self::from_reader(xml.as_bytes(), schema, options)
    }

    /// Parses a document from a buffered reader. Without `schema`, the schema is
    /// detected from the root start tag, which must then lie within the reader's
    /// first buffer (8 KiB for a default `BufReader`).
    pub fn from_reader<R: BufRead>(
        mut input: R,
        schema: Option<Schema>,
        options: &ReadOptions,
    ) -> Result<Self, Error> {
        let schema = match schema {
            Some(s) => s,
            None => {
                let prefix = input.fill_buf().map_err(|e| {
                    Error::new(Position::START, "", ErrorKind::Io(std::sync::Arc::new(e)))
                })?;
                let sniffed = sniff_root(prefix);
                let detected = sniffed
                    .as_ref()
                    .and_then(|(name, loc)| Schema::detect(name, loc.as_deref()));
                match detected {
                    Some(s) => s,
                    None => {
                        let root = sniffed
                            .map(|(n, _)| String::from_utf8_lossy(&n).into_owned())
                            .unwrap_or_default();
                        return Err(Error::new(
                            Position::START,
                            format!("/{root}"),
                            ErrorKind::UndeterminedSchema,
                        ));
                    }
                }
            }
        };
        let mut reader = XmlReader::new(input, options.clone());
        reader.read_root()?;
        let doc = match schema {
            Schema::Finding => Document::Finding(finding::Root::from_xml(&mut reader)?),
            Schema::WasScan => Document::WasScan(wasscan::Root::from_xml(&mut reader)?),
            Schema::OptionProfile => {
                Document::OptionProfile(optionprofile::Root::from_xml(&mut reader)?)
            }
            Schema::Report => Document::Report(report::Root::from_xml(&mut reader)?),
        };
        reader.finish()?;
        Ok(doc)
    }

    /// The schema of the document.
    pub fn schema(&self) -> Schema {
        match self {
            Document::Finding(_) => Schema::Finding,
            Document::WasScan(_) => Schema::WasScan,
            Document::OptionProfile(_) => Schema::OptionProfile,
            Document::Report(_) => Schema::Report,
        }
    }

    fn write(&self, w: &mut XmlWriter) {
        match self {
            Document::Finding(d) => d.to_xml(w),
            Document::WasScan(d) => d.to_xml(w),
            Document::OptionProfile(d) => d.to_xml(w),
            Document::Report(d) => d.to_xml(w),
        }
    }

    /// Serializes compactly, with an XML declaration.
    pub fn to_xml(&self) -> String {
        write_document(false, |w| self.write(w))
    }

    /// Serializes indented, with an XML declaration.
    pub fn to_xml_pretty(&self) -> String {
        write_document(true, |w| self.write(w))
    }
}
