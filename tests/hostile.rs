//! Hostile inputs, each through both the streaming validator and the typed parser.
//!
//! Every input must end in a positioned error (or in success where the document is
//! valid) without a panic, an abort or a stack overflow, within 30 s and with the
//! process's peak resident set (`VmHWM`, Linux only) under 512 MiB. The big inputs
//! are generated here, in memory, at the sizes the security review fixed: 200,000
//! nested elements, 20 MiB attribute and text values, 500,000 `Criteria`.

use std::time::{Duration, Instant};

use qualys_was_types::generated::finding;
use qualys_was_types::{
    validate, validate_with, Document, Error, ErrorKind, Limits, ReadOptions, Schema,
    ValidateOptions, Violation, ViolationKind,
};

/// Per-input time budget, for each of validator and parser.
const TIME_LIMIT: Duration = Duration::from_secs(30);
/// Peak resident set of the whole test process.
const RSS_LIMIT_KIB: u64 = 512 * 1024;
const MIB: usize = 1024 * 1024;

/// Peak resident set size of this process so far (`VmHWM`), in KiB; `None` where
/// `/proc/self/status` is not available.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The process (every test running alongside included) stayed under the memory
/// budget.
fn assert_memory_bounded(label: &str) {
    if let Some(peak) = peak_rss_kib() {
        eprintln!(
            "{label}: peak RSS of the test process so far {} MiB",
            peak / 1024
        );
        assert!(
            peak < RSS_LIMIT_KIB,
            "{label}: peak RSS {peak} KiB exceeds {RSS_LIMIT_KIB} KiB"
        );
    }
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    eprintln!("{label}: {took:.2?}");
    assert!(took < TIME_LIMIT, "{label}: took {took:?}");
    out
}

/// Every violation names a 1-based `LINE:COL` and renders as `LINE:COL: error: ...`.
fn assert_positioned(label: &str, violations: &[Violation]) {
    for v in violations {
        assert!(
            v.position.line >= 1 && v.position.column >= 1,
            "{label}: {v:?}"
        );
        let prefix = format!("{}:{}: error: ", v.position.line, v.position.column);
        assert!(v.to_string().starts_with(&prefix), "{label}: {v}");
    }
}

/// Validates against `schema` with the default options (API rules included).
fn validated(label: &str, input: &[u8], schema: Schema) -> Vec<Violation> {
    let violations = timed(&format!("{label}: validate"), || {
        validate(input, schema).expect("an in-memory input gives no I/O error")
    });
    assert_positioned(label, &violations);
    violations
}

/// Validates with the given limits.
fn validated_with(label: &str, input: &[u8], schema: Schema, limits: Limits) -> Vec<Violation> {
    let options = ValidateOptions {
        limits,
        ..ValidateOptions::default()
    };
    let (_, violations) = timed(&format!("{label}: validate"), || {
        validate_with(input, Some(schema), &options).expect("no I/O error")
    });
    assert_positioned(label, &violations);
    violations
}

/// Parses with the typed API: `Document::parse_as` when the input is UTF-8 and the
/// limits are the defaults, else `Document::from_reader` (for raw bytes).
fn parsed(
    label: &str,
    input: &[u8],
    schema: Schema,
    options: &ReadOptions,
) -> Result<Document, Error> {
    let result = timed(&format!("{label}: parse"), || {
        match std::str::from_utf8(input) {
            Ok(text) if *options == ReadOptions::default() => Document::parse_as(text, schema),
            _ => Document::from_reader(input, Some(schema), options),
        }
    });
    if let Err(e) = &result {
        assert!(
            e.position.line >= 1 && e.position.column >= 1,
            "{label}: {e:?}"
        );
        let prefix = format!("{}:{}: ", e.position.line, e.position.column);
        assert!(e.to_string().starts_with(&prefix), "{label}: {e}");
    }
    result
}

/// The single fatal violation that stops validation, with its position.
fn fatal(label: &str, violations: &[Violation], kind: ViolationKind) -> Violation {
    let last = violations
        .last()
        .unwrap_or_else(|| panic!("{label}: the validator accepted the document"));
    assert_eq!(last.kind, kind, "{label}: {violations:#?}");
    last.clone()
}

fn line_col(v: &Violation) -> (u32, u32) {
    (v.position.line, v.position.column)
}

fn err_line_col(e: &Error) -> (u32, u32) {
    (e.position.line, e.position.column)
}

fn limits(f: impl FnOnce(&mut Limits)) -> Limits {
    let mut l = Limits::default();
    f(&mut l);
    l
}

// ---------------------------------------------------------------------------
// Document type declarations: nothing is expanded, nothing is fetched.

/// The classic: ten levels of ten references, 10^9 `lol`s if expanded.
fn billion_laughs() -> String {
    let mut xml =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol \"lol\">\n");
    for level in 1..=9 {
        let prev = if level == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        let refs: String = (0..10).map(|_| format!("&{prev};")).collect();
        xml.push_str(&format!("  <!ENTITY lol{level} \"{refs}\">\n"));
    }
    xml.push_str("]>\n<ServiceRequest><filters><Criteria field=\"name\" operator=\"EQUALS\">&lol9;</Criteria></filters></ServiceRequest>\n");
    xml
}

#[test]
fn billion_laughs_is_rejected_unexpanded() {
    let xml = billion_laughs();
    let label = "billion laughs";
    let v = fatal(
        label,
        &validated(label, xml.as_bytes(), Schema::Finding),
        ViolationKind::Malformed,
    );
    assert!(v.message.contains("DOCTYPE"), "{v}");
    assert_eq!(line_col(&v), (2, 1), "the DOCTYPE's position: {v}");

    let e = parsed(
        label,
        xml.as_bytes(),
        Schema::Finding,
        &ReadOptions::default(),
    )
    .expect_err("a DTD is rejected");
    assert!(matches!(e.kind, ErrorKind::Dtd), "{e}");
    assert!(e.to_string().contains("DOCTYPE"), "{e}");
    assert_eq!(err_line_col(&e), (2, 1), "{e}");
    // Expanded, the document would be gigabytes.
    assert_memory_bounded(label);
}

/// A file only this test knows the content of, for the XXE tests.
struct Secret {
    path: std::path::PathBuf,
    content: String,
}

impl Secret {
    fn new(tag: &str) -> Secret {
        let content = format!("qualys-was-xxe-secret-{tag}-{}", std::process::id());
        let path = std::env::temp_dir().join(format!("{content}.txt"));
        std::fs::write(&path, &content).expect("write the secret file");
        Secret { path, content }
    }

    fn url(&self) -> String {
        format!("file://{}", self.path.display())
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[test]
fn external_entities_are_never_resolved() {
    let secret = Secret::new("doctype");
    for url in [secret.url(), "file:///etc/passwd".to_owned()] {
        let label = format!("XXE {url}");
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE WasScan [<!ENTITY e SYSTEM \"{url}\">]>\n<WasScan><id>1</id><name>&e;</name></WasScan>\n"
        );
        let violations = validated(&label, xml.as_bytes(), Schema::WasScan);
        let v = fatal(&label, &violations, ViolationKind::Malformed);
        assert!(v.message.contains("DOCTYPE"), "{v}");
        assert_eq!(line_col(&v), (2, 1), "{v}");
        let e = parsed(
            &label,
            xml.as_bytes(),
            Schema::WasScan,
            &ReadOptions::default(),
        )
        .expect_err("a DTD is rejected");
        assert!(matches!(e.kind, ErrorKind::Dtd), "{e}");
        assert_eq!(err_line_col(&e), (2, 1), "{e}");

        let shown = format!("{violations:?} {e:?} {e}");
        assert!(
            !shown.contains(&secret.content),
            "the secret leaked: {shown}"
        );
        assert!(!shown.contains("root:"), "/etc/passwd leaked: {shown}");
    }
}

#[test]
fn undeclared_entities_are_errors_not_lookups() {
    // Without a DTD, `&e;` is an undefined entity: an error at its position.
    let secret = Secret::new("undeclared");
    for xml in [
        format!(
            "<WasScan>\n  <id>1</id>\n  <name>&e;{}</name>\n</WasScan>\n",
            secret.url()
        ),
        format!(
            "<WasScan>\n  <id>1</id>\n  <name x=\"&e;{}\"/>\n</WasScan>\n",
            secret.url()
        ),
    ] {
        let label = "undeclared entity";
        let violations = validated(label, xml.as_bytes(), Schema::WasScan);
        let v = fatal(label, &violations, ViolationKind::Malformed);
        assert!(v.message.contains("&e;"), "{v}");
        assert_eq!(v.position.line, 3, "{v}");
        let e = parsed(
            label,
            xml.as_bytes(),
            Schema::WasScan,
            &ReadOptions::default(),
        )
        .expect_err("an undefined entity is an error");
        assert!(matches!(e.kind, ErrorKind::Malformed(_)), "{e}");
        assert_eq!(e.position.line, 3, "{e}");
        let shown = format!("{violations:?} {e:?}");
        assert!(!shown.contains(&format!("{}-", secret.content)), "{shown}");
    }
}

// ---------------------------------------------------------------------------
// Size and depth.

const NESTED: usize = 200_000;

/// `ServiceRequest` holding 200,000 nested unknown elements, one start tag per line.
fn deep_document() -> String {
    let mut xml = String::with_capacity(NESTED * 9 + 64);
    xml.push_str("<ServiceRequest>\n");
    for _ in 0..NESTED {
        xml.push_str("<x>\n");
    }
    for _ in 0..NESTED {
        xml.push_str("</x>");
    }
    xml.push_str("\n</ServiceRequest>\n");
    xml
}

#[test]
fn deep_nesting_hits_the_depth_limit_with_a_position() {
    let xml = deep_document();
    let label = "200,000 nested elements";
    // `ServiceRequest` is depth 1, so the 1024th `<x>` (line 1025) is depth 1025.
    let v = fatal(
        label,
        &validated(label, xml.as_bytes(), Schema::Finding),
        ViolationKind::Limit,
    );
    assert!(v.message.contains("max_depth"), "{v}");
    assert_eq!(line_col(&v), (1025, 1), "{v}");

    let e = parsed(
        label,
        xml.as_bytes(),
        Schema::Finding,
        &ReadOptions::default(),
    )
    .expect_err("the depth limit stops the parser");
    assert!(
        matches!(
            e.kind,
            ErrorKind::LimitExceeded {
                which: "max_depth",
                limit: 1024
            }
        ),
        "{e}"
    );
    assert_eq!(err_line_col(&e), (1025, 1), "{e}");
    assert_memory_bounded(label);
}

#[test]
fn deep_nesting_without_a_depth_limit_does_not_overflow_the_stack() {
    // The reader and the validator are iterative: with the limit lifted, the
    // 200,000 levels are walked (and skipped as unknown) on the test thread's stack.
    let xml = deep_document();
    let label = "200,000 nested elements, no depth limit";
    let unlimited = limits(|l| l.max_depth = usize::MAX);
    let violations = validated_with(label, xml.as_bytes(), Schema::Finding, unlimited.clone());
    assert_eq!(violations.len(), 1, "{violations:#?}");
    assert_eq!(violations[0].kind, ViolationKind::Schema, "{violations:#?}");
    assert_eq!(
        line_col(&violations[0]),
        (2, 1),
        "the unknown element: {violations:#?}"
    );

    let lenient = ReadOptions {
        strict: false,
        limits: unlimited.clone(),
    };
    parsed(label, xml.as_bytes(), Schema::Finding, &lenient)
        .expect("lenient mode skips the unknown subtree");
    let strict = ReadOptions {
        strict: true,
        limits: unlimited,
    };
    let e = parsed(label, xml.as_bytes(), Schema::Finding, &strict)
        .expect_err("strict mode rejects the unknown element");
    assert!(matches!(e.kind, ErrorKind::UnexpectedElement { .. }), "{e}");
    assert_eq!(err_line_col(&e), (2, 1), "{e}");
    assert_memory_bounded(label);
}

const HUGE: usize = 20 * MIB;

/// A finding search request whose one `Criteria` has a 20 MiB `field` attribute
/// (`huge_attribute`) or a 20 MiB text value.
fn huge_criteria(huge_attribute: bool) -> String {
    let big = "a".repeat(HUGE);
    let (field, value) = if huge_attribute {
        (big.as_str(), "x")
    } else {
        ("name", big.as_str())
    };
    format!(
        "<ServiceRequest>\n  <filters>\n    <Criteria field=\"{field}\" operator=\"CONTAINS\">{value}</Criteria>\n  </filters>\n</ServiceRequest>\n"
    )
}

#[test]
fn huge_attribute_exceeds_the_default_attribute_limit() {
    let xml = huge_criteria(true);
    let label = "20 MiB attribute";
    // Line 3 is `    <Criteria field="...`: the attribute name is at column 15.
    let v = fatal(
        label,
        &validated(label, xml.as_bytes(), Schema::Finding),
        ViolationKind::Limit,
    );
    assert!(v.message.contains("max_attribute_bytes"), "{v}");
    assert_eq!(line_col(&v), (3, 15), "{v}");

    let e = parsed(
        label,
        xml.as_bytes(),
        Schema::Finding,
        &ReadOptions::default(),
    )
    .expect_err("1 MiB is the default attribute limit");
    assert!(
        matches!(
            e.kind,
            ErrorKind::LimitExceeded {
                which: "max_attribute_bytes",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(err_line_col(&e), (3, 15), "{e}");
    assert_memory_bounded(label);
}

#[test]
fn huge_text_is_accepted_by_default_and_limited_on_request() {
    let xml = huge_criteria(false);
    let label = "20 MiB text";
    // Within the 64 MiB default: a valid document.
    let violations = validated(label, xml.as_bytes(), Schema::Finding);
    assert!(violations.is_empty(), "{violations:#?}");
    let doc = parsed(
        label,
        xml.as_bytes(),
        Schema::Finding,
        &ReadOptions::default(),
    )
    .expect("20 MiB of text is within the default limit");
    let Document::Finding(finding::Root::ServiceRequest(request)) = doc else {
        panic!("a finding ServiceRequest");
    };
    let criteria = &request.filters.as_ref().expect("filters").criteria;
    assert_eq!(criteria.len(), 1);
    assert_eq!(criteria[0].value.len(), HUGE);
    drop(request);

    // With a 1 MiB text limit: an error where the text starts (line 3, after the
    // start tag `    <Criteria field="name" operator="CONTAINS">`).
    let label = "20 MiB text, 1 MiB limit";
    let small = limits(|l| l.max_text_bytes = MIB as u64);
    let v = fatal(
        label,
        &validated_with(label, xml.as_bytes(), Schema::Finding, small.clone()),
        ViolationKind::Limit,
    );
    assert!(v.message.contains("max_text_bytes"), "{v}");
    assert_eq!(v.position.line, 3, "{v}");
    let options = ReadOptions {
        strict: false,
        limits: small,
    };
    let e = parsed(label, xml.as_bytes(), Schema::Finding, &options)
        .expect_err("the text exceeds the lowered limit");
    assert!(
        matches!(e.kind, ErrorKind::LimitExceeded { which, limit } if which.starts_with("max_text_bytes") && limit == MIB as u64),
        "{e}"
    );
    assert_eq!(e.position.line, 3, "{e}");
    assert_memory_bounded(label);
}

#[test]
fn many_criteria_validate_and_parse_in_bounded_time() {
    const COUNT: usize = 500_000;
    let mut xml = String::with_capacity(COUNT * 64 + 128);
    xml.push_str("<ServiceRequest>\n  <filters>\n");
    for i in 0..COUNT {
        xml.push_str(&format!(
            "    <Criteria field=\"webApp.id\" operator=\"EQUALS\">{i}</Criteria>\n"
        ));
    }
    xml.push_str("  </filters>\n</ServiceRequest>\n");
    let label = "500,000 Criteria";
    let violations = validated(label, xml.as_bytes(), Schema::Finding);
    assert!(
        violations.is_empty(),
        "{:#?}",
        &violations[..violations.len().min(5)]
    );
    let doc = parsed(
        label,
        xml.as_bytes(),
        Schema::Finding,
        &ReadOptions::default(),
    )
    .expect("a valid document parses");
    drop(xml);
    let Document::Finding(finding::Root::ServiceRequest(request)) = doc else {
        panic!("a finding ServiceRequest");
    };
    let criteria = &request.filters.as_ref().expect("filters").criteria;
    assert_eq!(criteria.len(), COUNT);
    assert_eq!(criteria[COUNT - 1].value, (COUNT - 1).to_string());
    assert_memory_bounded(label);
}

// ---------------------------------------------------------------------------
// Not XML, or not one document.

#[test]
fn invalid_utf8_is_a_positioned_error() {
    let cases: [(&str, &[u8], (u32, u32)); 3] = [
        // The bad byte `\xC3(` on line 3 after `  <name>caf`: column 12.
        ("text", b"<WasScan>\n  <id>1</id>\n  <name>caf\xC3(</name>\n</WasScan>\n", (3, 12)),
        ("attribute", b"<ServiceRequest>\n  <filters>\n    <Criteria field=\"\xFF\" operator=\"EQUALS\">1</Criteria>\n  </filters>\n</ServiceRequest>\n", (3, 15)),
        ("Latin-1 document", b"<WasScan><id>1</id><name>\xE9t\xE9</name></WasScan>", (1, 26)),
    ];
    for (what, input, at) in cases {
        let label = format!("invalid UTF-8 in {what}");
        let schema = if input.starts_with(b"<WasScan") {
            Schema::WasScan
        } else {
            Schema::Finding
        };
        let v = fatal(
            &label,
            &validated(&label, input, schema),
            ViolationKind::Malformed,
        );
        assert!(v.message.contains("UTF-8"), "{label}: {v}");
        let e = parsed(&label, input, schema, &ReadOptions::default())
            .expect_err("invalid UTF-8 is an error");
        assert!(e.to_string().contains("UTF-8"), "{label}: {e}");
        assert_eq!(
            line_col(&v),
            err_line_col(&e),
            "{label}: validator and parser agree"
        );
        if what != "attribute" {
            assert_eq!(err_line_col(&e), at, "{label}: {e}");
        } else {
            assert_eq!(e.position.line, at.0, "{label}: {e}");
        }
    }
}

#[test]
fn truncated_and_empty_documents_are_positioned_errors() {
    let full = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<WasScan>\n  <id>1</id>\n  <name>Scan</name>\n</WasScan>\n";
    let cut_at = full.find("  <name>Sc").expect("sample") + "  <name>Sc".len();
    let cases: [(&str, &str); 5] = [
        ("truncated in text", &full[..cut_at]),
        ("truncated in a tag", &full[..cut_at - 5]),
        (
            "truncated before the end tag",
            full.trim_end().trim_end_matches("</WasScan>"),
        ),
        ("empty", ""),
        ("whitespace only", " \n\t\n"),
    ];
    for (label, xml) in cases {
        let v = fatal(
            label,
            &validated(label, xml.as_bytes(), Schema::WasScan),
            ViolationKind::Malformed,
        );
        let e = parsed(
            label,
            xml.as_bytes(),
            Schema::WasScan,
            &ReadOptions::default(),
        )
        .expect_err("not a complete document");
        assert_eq!(
            line_col(&v),
            err_line_col(&e),
            "{label}: validator and parser agree"
        );
        if xml.trim().is_empty() {
            assert!(matches!(e.kind, ErrorKind::Empty), "{label}: {e}");
            assert!(v.message.contains("empty"), "{label}: {v}");
            // Reported where the input ends.
            let end = qualys_was_types::Position::START.advance(xml.as_bytes());
            assert_eq!(e.position, end, "{label}: {e}");
        } else {
            assert!(
                matches!(e.kind, ErrorKind::Truncated | ErrorKind::Malformed(_)),
                "{label}: {e}"
            );
            assert!(e.position.line >= 2, "{label}: {e}");
            assert!(e.position.offset <= xml.len() as u64, "{label}: {e:?}");
        }
    }
}

#[test]
fn json_is_not_xml() {
    let json = "{\n  \"ServiceRequest\": {\"filters\": [{\"field\": \"id\", \"operator\": \"EQUALS\"}]}\n}\n";
    let label = "JSON";
    let v = fatal(
        label,
        &validated(label, json.as_bytes(), Schema::Finding),
        ViolationKind::Malformed,
    );
    assert_eq!(line_col(&v), (1, 1), "{v}");
    let e = parsed(
        label,
        json.as_bytes(),
        Schema::Finding,
        &ReadOptions::default(),
    )
    .expect_err("JSON is not XML");
    assert!(matches!(e.kind, ErrorKind::Malformed(_)), "{e}");
    assert_eq!(err_line_col(&e), (1, 1), "{e}");
}

#[test]
fn unknown_root_is_rejected() {
    let xml = "<?xml version=\"1.0\"?>\n<Foo>\n  <id>1</id>\n</Foo>\n";
    for schema in Schema::ALL {
        let label = format!("unknown root ({schema})");
        let violations = validated(&label, xml.as_bytes(), schema);
        let v = violations
            .first()
            .unwrap_or_else(|| panic!("{label}: accepted"));
        assert_eq!(v.kind, ViolationKind::Schema, "{label}: {violations:#?}");
        assert!(v.message.contains("Foo"), "{label}: {v}");
        assert_eq!(line_col(v), (2, 1), "{label}: {v}");
        let e = parsed(&label, xml.as_bytes(), schema, &ReadOptions::default())
            .expect_err("unknown root");
        assert!(
            matches!(&e.kind, ErrorKind::UnknownRoot { name } if name == "Foo"),
            "{label}: {e}"
        );
        assert_eq!(err_line_col(&e), (2, 1), "{label}: {e}");
    }
}

#[test]
fn a_second_root_is_rejected() {
    let xml = "<WasScan>\n  <id>1</id>\n</WasScan>\n<WasScan>\n  <id>2</id>\n</WasScan>\n";
    let label = "two roots";
    let v = fatal(
        label,
        &validated(label, xml.as_bytes(), Schema::WasScan),
        ViolationKind::Malformed,
    );
    assert!(v.message.contains("root"), "{v}");
    assert_eq!(line_col(&v), (4, 1), "{v}");
    let e = parsed(
        label,
        xml.as_bytes(),
        Schema::WasScan,
        &ReadOptions::default(),
    )
    .expect_err("two roots");
    assert!(matches!(e.kind, ErrorKind::Malformed(_)), "{e}");
    assert_eq!(err_line_col(&e), (4, 1), "{e}");
}
