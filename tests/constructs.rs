//! The codegen goldens (`codegen/tests/constructs/<case>/expected/`), compiled and run.
//!
//! Each golden is included as `crate::generated::<module>` exactly as the generator
//! wrote it, under `#![deny(warnings, missing_docs)]`, with the runtime re-exported at
//! the crate root so its `crate::` paths resolve. Each case's `sample*.xml` is parsed
//! strictly, serialized (compact and pretty), parsed again to an equal value, and
//! compared with the input as a schema-aware event stream; then each construct gets
//! its own checks.
#![deny(warnings, missing_docs)]

use std::fmt::Debug;
use std::io::BufRead;

use qualys_was_tests::events::{canonical, first_difference};
pub use qualys_was_types::{
    codec, model, Date, DateTime, Decimal, Error, FromXml, ToXml, ValueError, XmlReader, XmlValue,
    XmlWriter,
};
use qualys_was_types::{ErrorKind, ReadOptions};

/// The goldens, where their `crate::generated::<module>` paths expect them. (`#[path]`
/// on an inline module sets the folder its children's paths are relative to.)
#[rustfmt::skip]
#[path = "../codegen/tests/constructs"]
pub mod generated {
    #[path = "all/expected/all.rs"]
    pub mod all;
    #[path = "anonymous_and_lists/expected/anonymous_and_lists.rs"]
    pub mod anonymous_and_lists;
    #[path = "attributes/expected/attributes.rs"]
    pub mod attributes;
    #[path = "choice/expected/choice.rs"]
    pub mod choice;
    #[path = "dedup/expected/dedup_a.rs"]
    pub mod dedup_a;
    #[path = "dedup/expected/dedup_b.rs"]
    pub mod dedup_b;
    #[path = "dedup/expected/shared.rs"]
    pub mod shared;
    #[path = "documentation/expected/documentation.rs"]
    pub mod documentation;
    #[path = "enumeration/expected/enumeration.rs"]
    pub mod enumeration;
    #[path = "facets/expected/facets.rs"]
    pub mod facets;
    #[path = "sequence/expected/sequence.rs"]
    pub mod sequence;
    #[path = "simple_content/expected/simple_content.rs"]
    pub mod simple_content;
}

use generated::{
    all, anonymous_and_lists, attributes, choice, dedup_a, dedup_b, documentation, enumeration,
    facets, sequence, shared, simple_content,
};

/// A generated `Root` document enum, driven the same way for every case.
trait Doc: Sized + Clone + PartialEq + Debug {
    /// The schema module's validator tables.
    fn model() -> &'static model::SchemaModel;
    /// `Root::from_xml`.
    fn read<R: BufRead>(r: &mut XmlReader<R>) -> Result<Self, Error>;
    /// `Root::to_xml`.
    fn write(&self, w: &mut XmlWriter);
}

macro_rules! impl_doc {
    ($($module:ident),* $(,)?) => {$(
        impl Doc for $module::Root {
            fn model() -> &'static model::SchemaModel {
                &$module::MODEL
            }
            fn read<R: BufRead>(r: &mut XmlReader<R>) -> Result<Self, Error> {
                $module::Root::from_xml(r)
            }
            fn write(&self, w: &mut XmlWriter) {
                self.to_xml(w)
            }
        }
    )*};
}

impl_doc!(
    all,
    anonymous_and_lists,
    attributes,
    choice,
    dedup_a,
    dedup_b,
    documentation,
    enumeration,
    facets,
    sequence,
    simple_content,
);

fn strict() -> ReadOptions {
    ReadOptions {
        strict: true,
        ..ReadOptions::default()
    }
}

/// Parses a whole document the way `qualys_was_types::from_reader_with` does.
fn parse_with<D: Doc>(xml: &str, options: ReadOptions) -> Result<D, Error> {
    let mut r = XmlReader::new(xml.as_bytes(), options);
    r.read_root()?;
    let doc = D::read(&mut r)?;
    r.finish()?;
    Ok(doc)
}

fn parse<D: Doc>(xml: &str) -> Result<D, Error> {
    parse_with(xml, strict())
}

fn serialize<D: Doc>(doc: &D, pretty: bool) -> String {
    let mut w = XmlWriter::new(pretty);
    w.declaration();
    doc.write(&mut w);
    w.into_string()
}

fn sample(case: &str, file: &str) -> String {
    let path = qualys_was_tests::repo_root()
        .join("codegen/tests/constructs")
        .join(case)
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses `xml` strictly, writes it compact and pretty, and checks that both outputs
/// parse back to the same value and carry the same events as the input.
fn round_trip_xml<D: Doc>(what: &str, xml: &str) -> D {
    let doc: D = parse(xml).unwrap_or_else(|e| panic!("{what}: {e}"));
    let input = canonical(xml, D::model());
    for pretty in [false, true] {
        let out = serialize(&doc, pretty);
        let again: D = parse(&out).unwrap_or_else(|e| {
            panic!("{what}: re-parse of the serialized output failed: {e}\n{out}")
        });
        assert_eq!(again, doc, "{what}: value changed (pretty={pretty})\n{out}");
        let output = canonical(&out, D::model());
        if let Some(diff) = first_difference(&input, &output) {
            panic!("{what}: event streams differ (pretty={pretty}): {diff}\n{out}");
        }
    }
    doc
}

fn round_trip<D: Doc>(case: &str, file: &str) -> D {
    round_trip_xml(&format!("{case}/{file}"), &sample(case, file))
}

/// The error of a document that must not parse (strictly).
fn parse_err<D: Doc>(xml: &str) -> Error {
    match parse::<D>(xml) {
        Ok(doc) => panic!("parsed, but should not have: {xml}\n{doc:?}"),
        Err(e) => e,
    }
}

fn date_time(text: &str) -> DateTime {
    DateTime::new(text).expect("xs:dateTime")
}

fn decimal(text: &str) -> Decimal {
    Decimal::new(text).expect("xs:decimal")
}

// --- all ------------------------------------------------------------------------

#[test]
fn all_round_trips() {
    let all::Root::Person(p) = round_trip::<all::Root>("all", "sample.xml");
    assert_eq!(p.id, 1815);
    assert_eq!(p.name, "Ada Lovelace");
    assert_eq!(p.email.as_deref(), Some("ada@example.com"));
    assert_eq!(p.active, Some(true));
    assert_eq!(p.born, Some(Date::new("1815-12-10").expect("xs:date")));
    let address = p.address.as_ref().expect("address");
    assert_eq!(address.street.as_deref(), Some("St James's Square"));
    assert_eq!(address.city.as_deref(), Some("London"));
}

#[test]
fn all_children_in_any_order_parse_to_the_same_value() {
    let children = [
        "<id>1</id>",
        "<name>n</name>",
        "<email>e</email>",
        "<active>false</active>",
        "<born>2000-01-31</born>",
        "<address><street>s</street><city>c</city></address>",
    ];
    let doc = |order: &[usize]| -> all::Root {
        let body: String = order.iter().map(|&i| children[i]).collect();
        parse(&format!("<Person>{body}</Person>")).expect("valid xs:all content")
    };
    let first = doc(&[0, 1, 2, 3, 4, 5]);
    for order in [[5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 3, 4], [1, 3, 5, 0, 2, 4]] {
        assert_eq!(doc(&order), first, "order {order:?}");
    }
    // Written in schema order.
    let out = serialize(&first, false);
    let positions: Vec<usize> = [
        "<id>",
        "<name>",
        "<email>",
        "<active>",
        "<born>",
        "<address>",
    ]
    .iter()
    .map(|tag| out.find(tag).unwrap_or_else(|| panic!("{tag} in {out}")))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
}

#[test]
fn all_children_occur_at_most_once_and_required_ones_once() {
    let e = parse_err::<all::Root>("<Person><id>1</id><name>n</name><id>2</id></Person>");
    assert!(
        matches!(e.kind(), ErrorKind::DuplicateElement { name: "id" }),
        "{e}"
    );
    assert_eq!(e.path, "/Person/id");
    let e = parse_err::<all::Root>("<Person><id>1</id></Person>");
    assert!(
        matches!(e.kind(), ErrorKind::MissingElement { name: "name" }),
        "{e}"
    );
    assert_eq!(e.path, "/Person");
}

#[test]
fn all_optional_group_may_be_empty() {
    let all::Root::Person(p) = round_trip_xml::<all::Root>(
        "empty address",
        "<Person><id>1</id><name>n</name><address/></Person>",
    );
    assert_eq!(p.address, Some(all::Address::default()));
    let all::Root::Person(p) = round_trip_xml::<all::Root>(
        "address with only a city",
        "<Person><name>n</name><address><city>c</city></address><id>1</id></Person>",
    );
    let address = p.address.expect("address");
    assert_eq!((address.street, address.city.as_deref()), (None, Some("c")));
}

// --- sequence ---------------------------------------------------------------------

#[test]
fn sequence_round_trips() {
    let sequence::Root::Order(o) = round_trip::<sequence::Root>("sequence", "sample.xml");
    assert_eq!(o.id, 9_007_199_254_740_993);
    assert_eq!(o.placed, date_time("2020-02-03T10:15:30Z"));
    assert_eq!(o.total, decimal("1234.50"));
    assert_eq!(o.note.as_deref(), Some("leave at the door & ring"));
    let lines: Vec<(&str, i32)> = o
        .line
        .iter()
        .map(|l| (l.sku.as_str(), l.quantity))
        .collect();
    assert_eq!(lines, [("A-1", 2), ("B-2", -1)]);
    assert_eq!(o.tag, ["gift", "express"]);
}

#[test]
fn sequence_is_written_in_schema_order() {
    let order = sequence::Order {
        id: 1,
        placed: date_time("2020-02-03T10:15:30Z"),
        total: decimal("0.5"),
        note: None,
        line: vec![
            sequence::OrderLine {
                sku: "x".into(),
                quantity: 1,
            },
            sequence::OrderLine {
                sku: "y".into(),
                quantity: 2,
            },
        ],
        tag: vec!["t".into()],
    };
    let doc = sequence::Root::Order(Box::new(order));
    let out = serialize(&doc, false);
    assert_eq!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Order><id>1</id>\
         <placed>2020-02-03T10:15:30Z</placed><total>0.5</total>\
         <line><sku>x</sku><quantity>1</quantity></line>\
         <line><sku>y</sku><quantity>2</quantity></line><tag>t</tag></Order>"
    );
    assert_eq!(parse::<sequence::Root>(&out).expect("re-parse"), doc);
}

#[test]
fn sequence_rejects_a_missing_required_child_and_bad_values() {
    let e = parse_err::<sequence::Root>(
        "<Order><id>1</id><total>1</total><line><sku>a</sku><quantity>1</quantity></line></Order>",
    );
    assert!(
        matches!(e.kind(), ErrorKind::MissingElement { name: "placed" }),
        "{e}"
    );
    let e = parse_err::<sequence::Root>(
        "<Order><id>x</id><placed>2020-02-03T10:15:30Z</placed><total>1</total></Order>",
    );
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "xs:long",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.path, "/Order/id");
}

// --- choice -------------------------------------------------------------------------

#[test]
fn choice_round_trips() {
    let choice::Root::Payment(p) = round_trip::<choice::Root>("choice", "sample.xml");
    assert_eq!(p.amount, decimal("42.00"));
    assert_eq!(p.method.iban.as_deref(), Some("DE89370400440532013000"));
    assert_eq!((&p.method.card, p.method.voucher), (&None, None));
    // `<reference/>`: the optional choice chose nothing.
    assert_eq!(p.reference, choice::Reference::default());
}

#[test]
fn choice_sets_the_field_of_the_chosen_element() {
    let payment = |method: &str, reference: &str| -> choice::Payment {
        let xml = format!(
            "<Payment><amount>1</amount><method>{method}</method>\
             <reference>{reference}</reference></Payment>"
        );
        let choice::Root::Payment(p) = round_trip_xml::<choice::Root>(&xml, &xml);
        *p
    };
    let p = payment(
        "<card><number>4111</number><expiry>12/30</expiry></card>",
        "<order>7</order>",
    );
    let card = p.method.card.as_ref().expect("card chosen");
    assert_eq!(
        (card.number.as_str(), card.expiry.as_str()),
        ("4111", "12/30")
    );
    assert_eq!((&p.method.iban, p.method.voucher), (&None, None));
    assert_eq!(
        (p.reference.invoice.as_deref(), p.reference.order),
        (None, Some(7))
    );

    let p = payment("<voucher>123</voucher>", "<invoice>INV-1</invoice>");
    assert_eq!(p.method.voucher, Some(123));
    assert_eq!((&p.method.card, &p.method.iban), (&None, &None));
    assert_eq!(
        (p.reference.invoice.as_deref(), p.reference.order),
        (Some("INV-1"), None)
    );
}

// --- enumeration -------------------------------------------------------------------

#[test]
fn enumeration_round_trips() {
    let enumeration::Root::Filter(f) = round_trip::<enumeration::Root>("enumeration", "sample.xml");
    assert_eq!(f.operator, enumeration::Operator::NotEquals);
    assert_eq!(
        f.status,
        [
            enumeration::Status::New,
            enumeration::Status::OtherValue,
            enumeration::Status::Other("REOPENED".into()),
            // xs:string keeps whitespace, so this is not the known `ACTIVE`.
            enumeration::Status::Other("  ACTIVE ".into()),
        ]
    );
    let out = serialize(&enumeration::Root::Filter(f), false);
    assert!(out.contains("<operator>NOT EQUALS</operator>"), "{out}");
    assert!(
        out.contains("<status>Other</status><status>REOPENED</status>"),
        "{out}"
    );
}

#[test]
fn enumeration_values_map_to_variants_and_back() {
    use enumeration::Operator;
    for (xml, variant) in [
        ("EQUALS", Operator::Equals),
        ("NOT EQUALS", Operator::NotEquals),
        ("IS EMPTY", Operator::IsEmpty),
        ("HTML_BASE64", Operator::HtmlBase64),
        ("1", Operator::V1),
    ] {
        assert_eq!(xml.parse::<Operator>(), Ok(variant), "{xml}");
        assert_eq!(<Operator as XmlValue>::parse_xml(xml), Ok(variant), "{xml}");
        assert_eq!(variant.as_str(), xml);
        assert_eq!(variant.to_string(), xml);
    }
    assert_eq!(
        "ACTIVE".parse::<enumeration::Status>(),
        Ok(enumeration::Status::Active)
    );
    assert_eq!(
        "Other".parse::<enumeration::Status>(),
        Ok(enumeration::Status::OtherValue)
    );
    assert_eq!(enumeration::Status::OtherValue.as_str(), "Other");
    assert_eq!(enumeration::Status::Other("x y".into()).as_str(), "x y");
}

#[test]
fn enumeration_unknown_values_are_kept_when_open_and_rejected_when_closed() {
    assert_eq!(
        "LIKE".parse::<enumeration::Status>(),
        Ok(enumeration::Status::Other("LIKE".into()))
    );
    assert_eq!(
        "LIKE".parse::<enumeration::Operator>(),
        Err(ValueError::new("LIKE", "Operator"))
    );
    // The closed list behind the open type is closed.
    assert_eq!(
        "LIKE".parse::<enumeration::StatusKnown>(),
        Err(ValueError::new("LIKE", "StatusKnown"))
    );
    // Case and whitespace matter (xs:string preserves whitespace).
    for bad in ["not equals", " EQUALS", "NOT  EQUALS", ""] {
        assert!(bad.parse::<enumeration::Operator>().is_err(), "{bad:?}");
    }
    let e = parse_err::<enumeration::Root>("<Filter><operator>LIKE</operator></Filter>");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue { value, expected: "Operator" } if value == "LIKE"
        ),
        "{e}"
    );
    assert_eq!(e.path, "/Filter/operator");
}

// --- facets -------------------------------------------------------------------------

#[test]
fn facets_round_trip() {
    let facets::Root::Rating(r) = round_trip::<facets::Root>("facets", "sample.xml");
    assert_eq!(*r.severity.get(), 5);
    assert_eq!(r.score.as_ref().map(|s| *s.get()), Some(0));
    // maxLength counts characters, not bytes: 8 characters, 16 bytes.
    assert_eq!(r.name.get(), "Äöüßéèçñ");
    assert_eq!(r.code.as_ref().map(|c| c.get().as_str()), Some("AB"));
    // A facet-free restriction is a plain alias; xs:string keeps whitespace.
    let comment: Option<facets::Comment> = r.comment;
    assert_eq!(comment.as_deref(), Some("  kept as written  "));
}

#[test]
fn facets_are_checked_by_the_newtypes() {
    assert_eq!(
        facets::Severity::new(6),
        Err(ValueError::new("6", "Severity"))
    );
    assert!(facets::Severity::new(0).is_err());
    assert!(facets::Severity::new(i32::MIN).is_err());
    for ok in 1..=5 {
        let s = facets::Severity::new(ok).expect("in range");
        assert_eq!((*s.get(), s.into_inner()), (ok, ok));
    }
    assert!(facets::Score::new(-1).is_err());
    assert!(facets::Score::new(i64::MAX).is_ok());
    assert!(facets::ShortName::new("12345678".into()).is_ok());
    assert!(facets::ShortName::new("123456789".into()).is_err());
    assert!(facets::ShortName::new(String::new()).is_ok());
    assert!(facets::Code::new("A".into()).is_err());
    assert!(facets::Code::new("ABCD".into()).is_ok());
    assert!(facets::Code::new("ABCDE".into()).is_err());
    assert_eq!(
        <facets::Severity as XmlValue>::parse_xml("3").map(|s| s.into_inner()),
        Ok(3)
    );
    assert!(<facets::Severity as XmlValue>::parse_xml("6").is_err());
}

#[test]
fn facets_are_checked_when_reading() {
    let e = parse_err::<facets::Root>("<Rating><severity>6</severity><name>n</name></Rating>");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue { value, expected: "Severity" } if value == "6"
        ),
        "{e}"
    );
    assert_eq!(e.path, "/Rating/severity");
    let e =
        parse_err::<facets::Root>("<Rating><severity>1</severity><name>123456789</name></Rating>");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "ShortName",
                ..
            }
        ),
        "{e}"
    );
    // Integer values collapse whitespace before the range is checked.
    let facets::Root::Rating(r) =
        parse::<facets::Root>("<Rating><severity>\n 2 \n</severity><name>n</name></Rating>")
            .expect("collapsed int");
    assert_eq!(*r.severity.get(), 2);
}

// --- attributes ----------------------------------------------------------------------

#[test]
fn attributes_round_trip() {
    let attributes::Root::Item(item) = round_trip::<attributes::Root>("attributes", "sample.xml");
    assert_eq!(item.id, 7);
    assert_eq!(item.type_, attributes::ItemType::Book);
    assert_eq!(item.hidden, None);
    assert_eq!(item.label.as_deref(), Some("Tom & \"Jerry\" <3"));
    assert_eq!(item.updated, Some(date_time("2020-02-03T10:15:30Z")));
    assert_eq!(item.name, "The Book");
    let markers: Vec<(i32, Option<&str>)> = item
        .marker
        .iter()
        .map(|m| (m.at, m.note.as_deref()))
        .collect();
    assert_eq!(markers, [(1, None), (2, Some("second"))]);
}

#[test]
fn attributes_required_optional_unknown_and_invalid() {
    let e = parse_err::<attributes::Root>(r#"<Item type="BOOK"><name>n</name></Item>"#);
    assert!(
        matches!(e.kind(), ErrorKind::MissingAttribute { name: "id" }),
        "{e}"
    );
    assert_eq!(e.path, "/Item");
    let e =
        parse_err::<attributes::Root>(r#"<Item id="1" type="BOOK"><name>n</name><marker/></Item>"#);
    assert!(
        matches!(e.kind(), ErrorKind::MissingAttribute { name: "at" }),
        "{e}"
    );
    let e = parse_err::<attributes::Root>(
        r#"<Item id="1" type="BOOK" colour="red"><name>n</name></Item>"#,
    );
    assert!(
        matches!(e.kind(), ErrorKind::UnexpectedAttribute { name } if name == "colour"),
        "{e}"
    );
    let e = parse_err::<attributes::Root>(r#"<Item id="x" type="BOOK"><name>n</name></Item>"#);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "xs:long",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.path, "/Item/@id");
    let e = parse_err::<attributes::Root>(r#"<Item id="1" type="FILM"><name>n</name></Item>"#);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "ItemType",
                ..
            }
        ),
        "{e}"
    );
    // Lenient mode ignores the unknown attribute.
    let lenient = parse_with::<attributes::Root>(
        r#"<Item id="1" type="BOOK" colour="red"><name>n</name></Item>"#,
        ReadOptions::default(),
    );
    assert!(lenient.is_ok(), "{lenient:?}");
}

#[test]
fn attributes_of_collapsing_types_are_whitespace_normalised() {
    let attributes::Root::Item(item) = parse::<attributes::Root>(
        r#"<Item id=" 7 " type="MUSIC" hidden=" true" label=" a  b "><name>n</name></Item>"#,
    )
    .expect("collapsed values");
    assert_eq!(item.id, 7);
    assert_eq!(item.type_, attributes::ItemType::Music);
    assert_eq!(item.hidden, Some(true));
    // xs:string keeps its (attribute-normalised) whitespace.
    assert_eq!(item.label.as_deref(), Some(" a  b "));
}

// --- simple content -----------------------------------------------------------------

#[test]
fn simple_content_round_trips() {
    let simple_content::Root::Search(s) =
        round_trip::<simple_content::Root>("simple_content", "sample.xml");
    use simple_content::CriteriaOperator as Op;
    let criteria: Vec<(&str, Op, &str)> = s
        .criteria
        .iter()
        .map(|c| (c.field.as_str(), c.operator, c.value.as_str()))
        .collect();
    assert_eq!(
        criteria,
        [
            ("status", Op::NotEquals, "FIXED"),
            ("webApp.name", Op::In, "a <b> & c"),
            ("empty", Op::Equals, ""),
        ]
    );
    let limit = s.limit.as_ref().expect("limit");
    assert_eq!((limit.value, limit.unit.as_deref()), (100, Some("rows")));
    assert_eq!(s.title.as_deref(), Some("Cross-site <scripting> & more"));
    let data = s.data.as_ref().expect("data");
    assert_eq!((data.value.as_str(), data.base64), ("PGh0bWw+", Some(true)));
}

#[test]
fn simple_content_cdata_is_written_as_cdata() {
    let search = simple_content::Search {
        criteria: vec![simple_content::Criteria {
            field: "a&b".into(),
            operator: simple_content::CriteriaOperator::NotEquals,
            value: "x < y".into(),
        }],
        limit: None,
        title: Some("<b>]]>bold</b>".into()),
        data: Some(simple_content::Base64Text {
            base64: None,
            value: "text".into(),
        }),
    };
    let doc = simple_content::Root::Search(Box::new(search));
    let out = serialize(&doc, false);
    assert!(
        out.contains(r#"<Criteria field="a&amp;b" operator="NOT EQUALS">x &lt; y</Criteria>"#),
        "{out}"
    );
    assert!(out.contains("<title><![CDATA[<b>]]"), "{out}");
    assert!(out.contains("<data><![CDATA[text]]></data>"), "{out}");
    assert_eq!(parse::<simple_content::Root>(&out).expect("re-parse"), doc);
}

#[test]
fn simple_content_rejects_child_elements_and_missing_attributes() {
    let e = parse_err::<simple_content::Root>(
        r#"<Search><Criteria field="f" operator="IN">a<b/></Criteria></Search>"#,
    );
    assert!(
        matches!(e.kind(), ErrorKind::UnexpectedElement { name } if name == "b"),
        "{e}"
    );
    let e =
        parse_err::<simple_content::Root>(r#"<Search><Criteria field="f">a</Criteria></Search>"#);
    assert!(
        matches!(e.kind(), ErrorKind::MissingAttribute { name: "operator" }),
        "{e}"
    );
    let e = parse_err::<simple_content::Root>(
        r#"<Search><Criteria field="f" operator="IN">a</Criteria><limit>ten</limit></Search>"#,
    );
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "xs:int",
                ..
            }
        ),
        "{e}"
    );
}

// --- anonymous types and list wrappers ----------------------------------------------

#[test]
fn anonymous_and_lists_round_trip() {
    let anonymous_and_lists::Root::Catalog(c) =
        round_trip::<anonymous_and_lists::Root>("anonymous_and_lists", "sample.xml");
    // Nested anonymous types get path names.
    let code: &anonymous_and_lists::CatalogCode = &c.code;
    assert_eq!(code.get(), "ABC");
    let meta: &anonymous_and_lists::CatalogMeta = &c.meta;
    assert_eq!(meta.created, date_time("2020-02-03T10:15:30+01:00"));
    let owner: &anonymous_and_lists::CatalogMetaOwner = &meta.owner;
    assert_eq!((owner.id, owner.name.as_deref()), (17, Some("admin")));
    assert_eq!(c.items.count, 3);
    assert_eq!(c.tags.as_ref().and_then(|t| t.count), Some(2));
}

#[test]
fn anonymous_and_lists_iter_accessors_yield_the_items() {
    let anonymous_and_lists::Root::Catalog(c) =
        parse::<anonymous_and_lists::Root>(&sample("anonymous_and_lists", "sample.xml"))
            .expect("sample");
    let items: Vec<(i64, Option<&str>)> = c
        .items_iter()
        .map(|i: &anonymous_and_lists::Item| (i.id, i.name.as_deref()))
        .collect();
    assert_eq!(items, [(1, Some("first")), (2, None), (3, Some("third"))]);
    assert_eq!(c.tags_iter().collect::<Vec<_>>(), ["red", "blue"]);
    assert_eq!(c.tags_set_iter().collect::<Vec<_>>(), ["green"]);

    let mut empty = (*c).clone();
    empty.tags = None;
    empty.items.list.item.clear();
    assert_eq!(empty.tags_iter().count(), 0);
    assert_eq!(empty.tags_set_iter().count(), 0);
    assert_eq!(empty.items_iter().count(), 0);
    empty.tags = Some(anonymous_and_lists::TagList::default());
    assert_eq!(empty.tags_iter().count(), 0);
}

#[test]
fn anonymous_simple_types_check_their_facets() {
    assert!(anonymous_and_lists::CatalogCode::new("ABCD".into()).is_err());
    let xml = sample("anonymous_and_lists", "sample.xml").replace("<code>ABC<", "<code>ABCD<");
    let e = parse_err::<anonymous_and_lists::Root>(&xml);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "Catalog/code",
                ..
            }
        ),
        "{e}"
    );
}

// --- dedup --------------------------------------------------------------------------

#[test]
fn dedup_round_trips_both_schemas() {
    let dedup_a::Root::Invoice(invoice) = round_trip::<dedup_a::Root>("dedup", "sample_a.xml");
    let dedup_b::Root::Quote(quote) = round_trip::<dedup_b::Root>("dedup", "sample_b.xml");
    assert_eq!(invoice.total.value, decimal("30.00"));
    assert_eq!(invoice.total.currency, shared::Currency::Eur);
    assert_eq!(invoice.line.len(), 2);
    assert_eq!(quote.currency, Some(shared::Currency::Usd));

    // One `Money` type serves both schemas: a value moves from one to the other.
    let money: shared::Money = invoice.line[0].amount.clone();
    let mut quote = *quote;
    quote.price = money.clone();
    assert_eq!(quote.price, invoice.line[0].amount);
    let b_line = dedup_b::Line {
        amount: money,
        note: None,
    };
    assert_eq!(b_line.amount.currency, shared::Currency::Eur);
}

#[test]
fn dedup_keeps_differing_types_per_schema() {
    // `Note` differs (b restricts its length), so `Line`, which uses it, is not shared.
    let long = "a note that is longer than ten characters";
    let a_note: dedup_a::Note = long.to_string();
    assert_eq!(a_note.chars().count(), 41);
    assert!(dedup_b::Note::new(long.into()).is_err());
    assert!(dedup_b::Note::new("short".into()).is_ok());
    let dedup_a::Root::Invoice(invoice) =
        parse::<dedup_a::Root>(&sample("dedup", "sample_a.xml")).expect("sample_a");
    assert_eq!(invoice.line[0].note.as_deref(), Some(long));
    let too_long = sample("dedup", "sample_b.xml").replace(">short<", &format!(">{long}<"));
    let e = parse_err::<dedup_b::Root>(&too_long);
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                expected: "Note",
                ..
            }
        ),
        "{e}"
    );
}

// --- documentation ------------------------------------------------------------------

#[test]
fn documentation_round_trips() {
    let documentation::Root::Scan(s) =
        round_trip::<documentation::Root>("documentation", "sample.xml");
    assert_eq!(s.id, 42);
    assert_eq!(s.plain.as_deref(), Some("yes"));
    assert_eq!(s.name, "Nightly");
    assert_eq!(s.mode, Some(documentation::ScanMode::Discovery));
    assert_eq!(s.priority.as_ref().map(|p| *p.get()), Some(9));
    assert_eq!(s.label.as_deref(), Some("prod"));
    assert_eq!(s.target.url, "https://example.com/app?a=1&b=2");
    assert_eq!(s.undocumented, Some(false));
}

// --- every case ---------------------------------------------------------------------

#[test]
fn roots_and_models_name_their_schema() {
    assert_eq!(all::Root::ELEMENTS, ["Person"]);
    assert_eq!(dedup_a::Root::ELEMENTS, ["Invoice"]);
    assert_eq!(dedup_b::Root::ELEMENTS, ["Quote"]);
    for (model, name) in [
        (&all::MODEL, "all"),
        (&anonymous_and_lists::MODEL, "anonymous_and_lists"),
        (&attributes::MODEL, "attributes"),
        (&choice::MODEL, "choice"),
        (&dedup_a::MODEL, "dedup_a"),
        (&dedup_b::MODEL, "dedup_b"),
        (&documentation::MODEL, "documentation"),
        (&enumeration::MODEL, "enumeration"),
        (&facets::MODEL, "facets"),
        (&sequence::MODEL, "sequence"),
        (&simple_content::MODEL, "simple_content"),
    ] {
        assert_eq!(model.name, name);
        assert_eq!(model.roots.len(), 1, "{name}");
    }
    let doc = parse::<choice::Root>(&sample("choice", "sample.xml")).expect("sample");
    assert_eq!(doc.element(), "Payment");
    let e = parse_err::<choice::Root>("<Order/>");
    assert!(
        matches!(e.kind(), ErrorKind::UnknownRoot { name } if name == "Order"),
        "{e}"
    );
}
