use super::*;
use crate::model::{
    AttributeDecl, Builtin, ComplexDecl, Compositor, ContentDecl, ElementDecl, SchemaModel,
    SimpleDecl, TypeRef, UNBOUNDED,
};

static STR: SimpleDecl = SimpleDecl::builtin(Builtin::String);
static INT: SimpleDecl = SimpleDecl::builtin(Builtin::Int);
static BOOL: SimpleDecl = SimpleDecl::builtin(Builtin::Boolean);
static DT: SimpleDecl = SimpleDecl::builtin(Builtin::DateTime);
static CODE: SimpleDecl = SimpleDecl {
    name: "ResponseCode",
    enumeration: &["SUCCESS", "INVALID_REQUEST"],
    ..SimpleDecl::builtin(Builtin::String)
};
static STATUS: SimpleDecl = SimpleDecl {
    name: "Status",
    enumeration: &["RUNNING", "FINISHED"],
    open: true,
    ..SimpleDecl::builtin(Builtin::String)
};
static LIMIT: SimpleDecl = SimpleDecl {
    name: "Limit",
    min_inclusive: Some(1),
    max_inclusive: Some(1000),
    ..SimpleDecl::builtin(Builtin::Int)
};
static NAME: SimpleDecl = SimpleDecl {
    name: "Name",
    min_length: Some(1),
    max_length: Some(5),
    ..SimpleDecl::builtin(Builtin::String)
};

const fn el(name: &'static str, ty: TypeRef, min: u32, max: u32) -> ElementDecl {
    ElementDecl { name, ty, min, max }
}

const fn elements(
    compositor: Compositor,
    min: u32,
    max: u32,
    particles: &'static [ElementDecl],
) -> ContentDecl {
    ContentDecl::Elements {
        compositor,
        min,
        max,
        particles,
    }
}

const fn ct(
    name: &'static str,
    attributes: &'static [AttributeDecl],
    content: ContentDecl,
) -> ComplexDecl {
    ComplexDecl {
        name,
        attributes,
        content,
    }
}

static TYPES: [ComplexDecl; 18] = [
    // 0
    ct(
        "ServiceResponse",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[
                el("responseCode", TypeRef::Simple(&CODE), 1, 1),
                el("count", TypeRef::Simple(&INT), 0, 1),
                el("data", TypeRef::Complex(1), 0, 1),
            ],
        ),
    ),
    // 1
    ct(
        "ServiceResponse/data",
        &[],
        elements(
            Compositor::Choice,
            1,
            UNBOUNDED,
            &[
                el("Finding", TypeRef::Complex(2), 1, 1),
                el("WasScan", TypeRef::Complex(3), 1, 1),
            ],
        ),
    ),
    // 2
    ct(
        "Finding",
        &[],
        elements(
            Compositor::All,
            1,
            1,
            &[
                el("id", TypeRef::Simple(&INT), 1, 1),
                el("name", TypeRef::Simple(&NAME), 0, 1),
                el("status", TypeRef::Simple(&STATUS), 0, 1),
                el("flag", TypeRef::Simple(&BOOL), 0, 1),
                el("tags", TypeRef::Complex(4), 0, 1),
                el("marker", TypeRef::Complex(6), 0, 1),
                el("score", TypeRef::Simple(&LIMIT), 0, 1),
            ],
        ),
    ),
    // 3
    ct(
        "WasScan",
        &[
            AttributeDecl {
                name: "type",
                ty: &CODE,
                required: true,
            },
            AttributeDecl {
                name: "note",
                ty: &STR,
                required: false,
            },
        ],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[
                el("id", TypeRef::Simple(&INT), 1, 1),
                el("item", TypeRef::Simple(&STR), 0, 3),
                el("when", TypeRef::Simple(&DT), 1, 1),
            ],
        ),
    ),
    // 4
    ct(
        "Finding/tags",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[el("Tag", TypeRef::Complex(5), 0, UNBOUNDED)],
        ),
    ),
    // 5
    ct(
        "Tag",
        &[AttributeDecl {
            name: "weight",
            ty: &INT,
            required: false,
        }],
        ContentDecl::Simple(&STR),
    ),
    // 6
    ct("Marker", &[], ContentDecl::Empty),
    // 7
    ct(
        "ServiceRequest",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[
                el("preferences", TypeRef::Complex(8), 0, 1),
                el("data", TypeRef::Complex(9), 0, 1),
                el("pair", TypeRef::Complex(16), 0, 1),
                el("kv", TypeRef::Complex(17), 0, 1),
            ],
        ),
    ),
    // 8
    ct(
        "ServiceRequest/preferences",
        &[],
        elements(
            Compositor::All,
            0,
            1,
            &[el("limitResults", TypeRef::Simple(&INT), 0, 1)],
        ),
    ),
    // 9
    ct(
        "ServiceRequest/data",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[el("Report", TypeRef::Complex(10), 1, 1)],
        ),
    ),
    // 10
    ct(
        "Report",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[el("config", TypeRef::Complex(11), 1, 1)],
        ),
    ),
    // 11
    ct(
        "Report/config",
        &[],
        elements(
            Compositor::Choice,
            1,
            1,
            &[
                el("webAppReport", TypeRef::Complex(12), 1, 1),
                el("scanReport", TypeRef::Complex(12), 1, 1),
            ],
        ),
    ),
    // 12
    ct(
        "ReportTarget",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[el("target", TypeRef::Complex(13), 1, 1)],
        ),
    ),
    // 13
    ct(
        "Target",
        &[],
        elements(
            Compositor::Choice,
            1,
            1,
            &[
                el("webapps", TypeRef::Complex(14), 1, 1),
                el("scans", TypeRef::Complex(15), 1, 1),
            ],
        ),
    ),
    // 14
    ct(
        "Target/webapps",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[el("WebApp", TypeRef::Complex(5), 0, UNBOUNDED)],
        ),
    ),
    // 15
    ct(
        "Target/scans",
        &[],
        elements(
            Compositor::Sequence,
            1,
            1,
            &[el("WasScan", TypeRef::Complex(5), 0, UNBOUNDED)],
        ),
    ),
    // 16
    ct(
        "Pair",
        &[],
        elements(
            Compositor::Choice,
            1,
            2,
            &[
                el("a", TypeRef::Complex(6), 1, 1),
                el("b", TypeRef::Complex(6), 1, 1),
            ],
        ),
    ),
    // 17
    ct(
        "KeyValues",
        &[],
        elements(
            Compositor::Sequence,
            1,
            UNBOUNDED,
            &[
                el("k", TypeRef::Simple(&INT), 1, 1),
                el("v", TypeRef::Simple(&STR), 0, 1),
            ],
        ),
    ),
];

static MODEL: SchemaModel = SchemaModel {
    name: "test",
    roots: &[
        el("ServiceResponse", TypeRef::Complex(0), 1, 1),
        el("ServiceRequest", TypeRef::Complex(7), 1, 1),
    ],
    complex_types: &TYPES,
};

fn check_with(xml: &str, options: &ValidateOptions) -> Vec<String> {
    validate_model(xml.as_bytes(), &MODEL, options)
        .expect("no I/O error")
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn check(xml: &str) -> Vec<String> {
    check_with(xml, &ValidateOptions::default())
}

const VALID: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="finding.xsd">
  <responseCode>SUCCESS</responseCode>
  <count> 2 </count>
  <data>
    <Finding>
      <name>abc</name>
      <id>1</id>
      <status>SOMETHING_NEW</status>
      <!-- a comment -->
      <tags><Tag weight=" 3 ">x &amp; y</Tag><Tag><![CDATA[<y>]]></Tag></tags>
      <marker/>
      <score>1000</score>
      <flag>
        true
      </flag>
    </Finding>
    <WasScan type="SUCCESS" xsi:schemaLocation="urn:x x.xsd">
      <id>2</id>
      <item>a</item><item>b</item><item/>
      <when>2020-01-01T00:00:00Z</when>
    </WasScan>
    <Finding><id>3</id><marker></marker></Finding>
  </data>
</ServiceResponse>
"#;

#[test]
fn valid_document_has_no_violations() {
    assert_eq!(check(VALID), Vec::<String>::new());
}

#[test]
fn structure_violations() {
    let xml = r#"<ServiceResponse>
  <count>1</count>
  <responseCode>BAD</responseCode>
  <data>
    <Finding>
      <name>toolongname</name>
      <name>x</name>
      <bogus><deep/></bogus>
      <flag>yes</flag>
    </Finding>
    <WasScan note="n" extra="e">
      <item>1</item>
      <id>x</id>
    </WasScan>
  </data>
  <data/>
</ServiceResponse>
"#;
    let expected = [
        "1:1: error: /ServiceResponse: missing required element 'responseCode'",
        "3:3: error: /ServiceResponse/responseCode: unexpected element 'responseCode'; expected one of: data",
        "3:3: error: /ServiceResponse/responseCode: 'BAD' is not an allowed value of ResponseCode; expected one of: SUCCESS, INVALID_REQUEST",
        "6:7: error: /ServiceResponse/data/Finding/name: 'toolongname' has 11 character(s); Name allows at most 5",
        "7:7: error: /ServiceResponse/data/Finding/name: element 'name' occurs more than once",
        "8:7: error: /ServiceResponse/data/Finding/bogus: unexpected element 'bogus'; expected one of: id, status, flag, tags, marker, score",
        "9:7: error: /ServiceResponse/data/Finding/flag: 'yes' is not a valid xs:boolean",
        "5:5: error: /ServiceResponse/data/Finding: missing required element 'id'",
        "11:5: error: /ServiceResponse/data/WasScan: unexpected attribute 'extra'; expected one of: type, note",
        "11:5: error: /ServiceResponse/data/WasScan: missing required attribute 'type'",
        "11:5: error: /ServiceResponse/data/WasScan: missing required element 'id'",
        "13:7: error: /ServiceResponse/data/WasScan/id: unexpected element 'id'; expected one of: item, when",
        "13:7: error: /ServiceResponse/data/WasScan/id: 'x' is not a valid xs:int",
        "11:5: error: /ServiceResponse/data/WasScan: missing required element 'when'",
        "16:3: error: /ServiceResponse/data: element 'data' occurs more than once",
        "16:3: error: /ServiceResponse/data: missing required element; expected one of: Finding, WasScan",
    ];
    assert_eq!(check(xml), expected);
}

#[test]
fn text_simple_content_empty_and_facet_violations() {
    let xml = r#"<ServiceResponse>
  <responseCode>SUCCESS</responseCode>
  stray text
  <count>99999999999</count>
  <data>
    <Finding>
      <id>1<b/></id>
      <marker> </marker>
      <score>0</score>
      <tags>
        <Tag weight="heavy">t</Tag>
        <Tag><x/></Tag>
      </tags>
      <status>
      </status>
      <flag>&#49;</flag>
    </Finding>
    <Finding><id>2</id><score>1001</score><name></name></Finding>
  </data>
</ServiceResponse>
"#;
    let expected = [
        "1:1: error: /ServiceResponse: text 'stray text' is not allowed: this element has element-only content",
        "4:3: error: /ServiceResponse/count: '99999999999' is not a valid xs:int",
        "7:12: error: /ServiceResponse/data/Finding/id/b: unexpected element 'b': this element's parent has text-only content",
        "8:7: error: /ServiceResponse/data/Finding/marker: text is not allowed: this element must be empty",
        "9:7: error: /ServiceResponse/data/Finding/score: '0' is less than 1, the minimum of Limit",
        "11:9: error: /ServiceResponse/data/Finding/tags/Tag/@weight: 'heavy' is not a valid xs:int",
        "12:14: error: /ServiceResponse/data/Finding/tags/Tag/x: unexpected element 'x': this element's parent has text-only content",
        "18:5: error: /ServiceResponse/data/Finding/score: '1001' is greater than 1000, the maximum of Limit",
        "18:5: error: /ServiceResponse/data/Finding/name: '' has 0 character(s); Name requires at least 1",
    ];
    let got = check(xml);
    // Positions of the second Finding's children are their own start tags.
    let line18 = xml.lines().nth(17).expect("line 18");
    let score_col = line18.find("<score>").expect("score") + 1;
    let name_col = line18.find("<name>").expect("name") + 1;
    let expected: Vec<String> = expected
        .iter()
        .map(|e| {
            e.replace(
                "18:5: error: /ServiceResponse/data/Finding/score",
                &format!("18:{score_col}: error: /ServiceResponse/data/Finding/score"),
            )
            .replace(
                "18:5: error: /ServiceResponse/data/Finding/name",
                &format!("18:{name_col}: error: /ServiceResponse/data/Finding/name"),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn compositor_repetitions() {
    let ok = "<ServiceRequest><pair><a/><b/></pair><kv><k>1</k><v>a</v><k>2</k><k>3</k></kv></ServiceRequest>";
    assert_eq!(check(ok), Vec::<String>::new());
    let bad = "<ServiceRequest>\n<pair><a/><b/><a/></pair>\n<kv><v>a</v><k>1</k><v>b</v><v>c</v></kv>\n<pair/></ServiceRequest>";
    assert_eq!(
        check(bad),
        [
            "2:15: error: /ServiceRequest/pair/a: unexpected element 'a'; no more child elements are allowed here",
            "3:1: error: /ServiceRequest/kv: missing required element 'k'",
            "3:29: error: /ServiceRequest/kv/v: element 'v' occurs more than once",
            "4:1: error: /ServiceRequest/pair: unexpected element 'pair'; no more child elements are allowed here",
            "4:1: error: /ServiceRequest/pair: missing required element; expected one of: a, b",
        ]
    );
}

#[test]
fn unknown_root_is_reported_and_the_rest_checked_for_well_formedness() {
    assert_eq!(
        check("<Foo>\n<bar/>\n</Foo>"),
        ["1:1: error: /Foo: unexpected root element 'Foo'; expected one of: ServiceResponse, ServiceRequest (schema test)"]
    );
    let v = validate_model(
        "<Foo><bar></Foo>".as_bytes(),
        &MODEL,
        &ValidateOptions::default(),
    )
    .expect("no I/O");
    assert_eq!(v.len(), 2);
    assert_eq!(v[1].kind, ViolationKind::Malformed);
}

#[test]
fn malformed_document_stops_with_one_violation() {
    let xml = "<ServiceResponse>\n  <count>x</count>\n  <responseCode>SUCCESS</code>\n  <more>";
    let v = validate_model(xml.as_bytes(), &MODEL, &ValidateOptions::default()).expect("no I/O");
    let kinds: Vec<ViolationKind> = v.iter().map(|v| v.kind).collect();
    assert_eq!(kinds.last(), Some(&ViolationKind::Malformed));
    assert_eq!(
        v.iter()
            .filter(|v| v.kind == ViolationKind::Malformed)
            .count(),
        1
    );
    let last = v.last().expect("one");
    assert_eq!(last.position.line, 3);
    assert!(last.message.contains("malformed"), "{last}");

    for (doc, needle) in [
        (&b""[..], "empty"),
        (b"{\"json\": true}", "before the root"),
        (b"<a/><b/>", "second root"),
        (b"<ServiceResponse>\n<responseCode>", "not closed"),
        (b"<ServiceResponse>\xFF</ServiceResponse>", "UTF-8"),
    ] {
        let v = validate_model(doc, &MODEL, &ValidateOptions::default()).expect("no I/O");
        let doc = String::from_utf8_lossy(doc);
        let last = v.last().expect("a violation");
        assert_eq!(last.kind, ViolationKind::Malformed, "{doc}");
        assert!(last.message.contains(needle), "{doc}: {last}");
    }
}

#[test]
fn dtd_is_rejected_with_a_clear_message() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE ServiceResponse [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ServiceResponse>&x;</ServiceResponse>";
    let v = validate_model(xml.as_bytes(), &MODEL, &ValidateOptions::default()).expect("no I/O");
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].kind, ViolationKind::Malformed);
    assert_eq!((v[0].position.line, v[0].position.column), (2, 1));
    assert!(v[0].message.contains("DOCTYPE"), "{}", v[0]);
}

#[test]
fn limits_stop_with_a_limit_violation() {
    let xml = format!("<ServiceResponse>{}", "<data>".repeat(5000));
    let v = validate_model(xml.as_bytes(), &MODEL, &ValidateOptions::default()).expect("no I/O");
    let last = v.last().expect("violation");
    assert_eq!(last.kind, ViolationKind::Limit);
    assert!(last.message.contains("max_depth"), "{last}");

    let options = ValidateOptions {
        limits: Limits {
            max_text_bytes: 10,
            ..Limits::default()
        },
        ..ValidateOptions::default()
    };
    let xml =
        "<ServiceResponse><responseCode>SUCC&#69;SS_AND_MORE</responseCode></ServiceResponse>";
    let v = validate_model(xml.as_bytes(), &MODEL, &options).expect("no I/O");
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].kind, ViolationKind::Limit);
    assert_eq!(v[0].path, "/ServiceResponse/responseCode");
}

#[test]
fn max_violations_adds_a_final_note() {
    let findings = "<Finding><bogus/></Finding>".repeat(20);
    let xml = format!("<ServiceResponse><responseCode>SUCCESS</responseCode><data>{findings}</data></ServiceResponse>");
    let options = ValidateOptions {
        max_violations: 5,
        ..ValidateOptions::default()
    };
    let v = validate_model(xml.as_bytes(), &MODEL, &options).expect("no I/O");
    assert_eq!(v.len(), 6);
    assert_eq!(v[5].kind, ViolationKind::Limit);
    assert_eq!(v[5].message, "too many violations: stopped after 5");
    assert_eq!(check(&xml).len(), 40);
}

fn report_request(webapps: usize) -> String {
    let apps = "<WebApp><id>1</id></WebApp>".repeat(webapps);
    format!(
        "<ServiceRequest>\n<data><Report><config><webAppReport><target>\n  <webapps>{apps}</webapps>\n</target></webAppReport></config></Report></data>\n</ServiceRequest>"
    )
}

#[test]
fn api_rules_run_unless_schema_only() {
    // `WebApp` reuses a simple-content type in this test model: its `id` child is a
    // schema violation, reported besides the API rule.
    let limit = "The report can not be generated because it has more than 500 web applications.";
    let options = ValidateOptions::default();
    let count_api = |xml: &str, o: &ValidateOptions| {
        validate_model(xml.as_bytes(), &MODEL, o)
            .expect("no I/O")
            .into_iter()
            .filter(|v| v.kind == ViolationKind::ApiRule)
            .collect::<Vec<_>>()
    };
    assert!(count_api(&report_request(500), &options).is_empty());
    let v = count_api(&report_request(501), &options);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].message, limit);
    assert_eq!((v[0].position.line, v[0].position.column), (3, 3));
    assert_eq!(
        v[0].path,
        "/ServiceRequest/data/Report/config/webAppReport/target/webapps"
    );
    let schema_only = ValidateOptions {
        schema_only: true,
        ..ValidateOptions::default()
    };
    assert!(count_api(&report_request(501), &schema_only).is_empty());

    let xml = "<ServiceRequest>\n  <preferences><limitResults>0</limitResults></preferences>\n</ServiceRequest>";
    assert_eq!(
        check(xml),
        ["2:16: error: /ServiceRequest/preferences/limitResults: limitResults must be between 1 and 1000, got 0"]
    );
    assert_eq!(check_with(xml, &schema_only), Vec::<String>::new());
}

#[test]
fn schema_detection_while_streaming() {
    let resolve = |_: Schema| -> &'static SchemaModel { &MODEL };
    let o = ValidateOptions::default();
    let (schema, v) = validate_detect(VALID.as_bytes(), resolve, None, &o).expect("no I/O");
    assert_eq!(schema, Some(Schema::Finding));
    assert!(v.is_empty(), "{v:?}");

    let (schema, v) = validate_detect("<WasScan/>".as_bytes(), resolve, None, &o).expect("no I/O");
    assert_eq!(schema, Some(Schema::WasScan));
    assert_eq!(v.len(), 1, "WasScan is no root of the test model");

    let doc = "<ServiceResponse><responseCode>SUCCESS</responseCode></ServiceResponse>";
    let (schema, v) = validate_detect(doc.as_bytes(), resolve, None, &o).expect("no I/O");
    assert_eq!(schema, None);
    assert_eq!(v.len(), 1);
    assert!(
        v[0].message.starts_with("cannot tell which schema"),
        "{}",
        v[0]
    );

    let (schema, v) =
        validate_detect(doc.as_bytes(), resolve, Some(Schema::Report), &o).expect("no I/O");
    assert_eq!(schema, Some(Schema::Report));
    assert!(v.is_empty());
}

#[test]
fn io_errors_are_errors() {
    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("network down"))
        }
    }
    let err = validate_model(
        std::io::BufReader::new(Failing),
        &MODEL,
        &ValidateOptions::default(),
    )
    .expect_err("I/O");
    assert!(err.to_string().contains("network down"));
}

#[test]
fn violations_serialize_and_display() {
    fn serializable<T: serde::Serialize>(_: &T) {}
    let v = Violation {
        kind: ViolationKind::ApiRule,
        position: Position {
            line: 2,
            column: 5,
            offset: 20,
        },
        path: "/a".into(),
        message: "m".into(),
    };
    serializable(&v);
    assert_eq!(v.to_string(), "2:5: error: /a: m");
}

/// Timing against a bare quick-xml loop; run with
/// `cargo test --release -p qualys-was-types -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput_against_bare_quick_xml() {
    let small = "<Finding><id>123</id><name>abc</name><status>RUNNING</status><tags><Tag weight=\"1\">x</Tag><Tag>y</Tag></tags><marker/><score>5</score><flag>true</flag></Finding>\n";
    let text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit &amp; more. ".repeat(15);
    let pretty = format!(
        "    <Finding>\n      <id>123</id>\n      <status>RUNNING</status>\n      <tags>\n        <Tag weight=\"1\">{text}</Tag>\n        <Tag><![CDATA[{text}]]></Tag>\n      </tags>\n    </Finding>\n"
    );
    for (label, finding, n) in [
        ("element-dense", small, 200_000),
        ("pretty, text-heavy", pretty.as_str(), 20_000),
    ] {
        let xml = format!(
            "<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count><data>\n{}</data></ServiceResponse>",
            finding.repeat(n)
        );
        let bare = || {
            let mut r = quick_xml::Reader::from_reader(xml.as_bytes());
            let mut buf = Vec::new();
            let mut n = 0usize;
            loop {
                match r.read_event_into(&mut buf) {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => n += 1,
                    Err(e) => panic!("{e}"),
                }
                buf.clear();
            }
            n
        };
        let time = |f: &dyn Fn() -> usize| {
            let mut best = f64::MAX;
            for _ in 0..5 {
                let t = std::time::Instant::now();
                std::hint::black_box(f());
                best = best.min(t.elapsed().as_secs_f64());
            }
            best
        };
        let t_bare = time(&bare);
        let t_lex = time(&|| {
            let mut lex = crate::lexer::Lexer::new(xml.as_bytes(), Limits::default());
            let mut n = 0usize;
            while !matches!(lex.next().expect("valid"), crate::lexer::Tok::Eof) {
                n += 1;
            }
            n
        });
        let t_validate = time(&|| {
            let v = validate_model(xml.as_bytes(), &MODEL, &ValidateOptions::default())
                .expect("no I/O");
            assert!(v.is_empty(), "{:?}", v.first());
            v.len()
        });
        let mb = xml.len() as f64 / 1e6;
        println!(
            "{label}, {mb:.1} MB: bare quick-xml {:.0} MB/s; lexer {:.0} MB/s ({:.2}x); validate {:.0} MB/s ({:.2}x)",
            mb / t_bare,
            mb / t_lex,
            t_lex / t_bare,
            mb / t_validate,
            t_validate / t_bare
        );
    }
}

#[test]
fn elements_in_a_namespace_match_no_declaration() {
    let prefixed = r#"<ServiceResponse><m:responseCode xmlns:m="urn:x">SUCCESS</m:responseCode></ServiceResponse>"#;
    let v = check(prefixed);
    assert!(
        v.iter()
            .any(|m| m.contains("unexpected element '{urn:x}responseCode'")),
        "{v:?}"
    );
    let defaulted =
        r#"<ServiceResponse xmlns="urn:x"><responseCode>SUCCESS</responseCode></ServiceResponse>"#;
    let v = check(defaulted);
    assert!(
        v.iter()
            .any(|m| m.contains("unexpected root element '{urn:x}ServiceResponse'")),
        "{v:?}"
    );
    // An empty default namespace undeclares it again.
    let undeclared =
        r#"<ServiceResponse><responseCode xmlns="">SUCCESS</responseCode></ServiceResponse>"#;
    assert_eq!(check(undeclared), Vec::<String>::new());
    let unbound = r#"<ServiceResponse><q:responseCode>SUCCESS</q:responseCode></ServiceResponse>"#;
    assert!(check(unbound).iter().any(|m| m.contains("q:responseCode")));
}

#[test]
fn xsi_attributes_are_resolved_by_namespace() {
    let ok = r#"<ServiceResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:noNamespaceSchemaLocation="finding.xsd"><responseCode>SUCCESS</responseCode></ServiceResponse>"#;
    assert_eq!(check(ok), Vec::<String>::new());
    let nil = r#"<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="false"><responseCode>SUCCESS</responseCode></ServiceResponse>"#;
    assert!(check(nil).iter().any(|m| m.contains("not nillable")));
    let other = r#"<ServiceResponse xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:mutant="1"><responseCode>SUCCESS</responseCode></ServiceResponse>"#;
    assert!(check(other)
        .iter()
        .any(|m| m.contains("unexpected attribute 'xsi:mutant'")));
    let fake = r#"<ServiceResponse xmlns:xsi="urn:x" xsi:noNamespaceSchemaLocation="finding.xsd"><responseCode>SUCCESS</responseCode></ServiceResponse>"#;
    assert!(check(fake)
        .iter()
        .any(|m| m.contains("in namespace 'urn:x'")));
    let scoped = r#"<ServiceResponse><responseCode xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">SUCCESS</responseCode><count xsi:nil="true">1</count></ServiceResponse>"#;
    assert!(
        check(scoped)
            .iter()
            .any(|m| m.contains("prefix 'xsi' is not declared")),
        "a declaration ends with its element"
    );
}
