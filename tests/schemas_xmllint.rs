//! The vendored schemas (`schemas/*.xsd`) against external validators and against the XSD subset
//! our generator and streaming validator support.
//!
//! * xmllint (libxml2) must accept every repaired release-note fixture against its own schema and
//!   every real document in `../shared/real-world/{finding,wasscan,report}/` (directory = schema),
//!   and reject every misprinted fixture with the error recorded in
//!   `tests/fixtures/release-notes/REPAIRS.md`.
//! * Python's `xmlschema` (XMLSchema10) must load the four schemas and agree on the same documents.
//! * Types shared between schemas must be defined identically, and every schema must stay within
//!   the supported subset of XSD 1.0 (see `schemas/README.md`).
//!
//! When xmllint, Python `xmlschema` or the shared folder is missing, the tests that need it print
//! the reason and return; CI installs both validators.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use qualys_was_tests::{
    command_succeeds, misprinted_dir, release_notes_dir, schema_of_fixture, schema_path,
    shared_dir, xml_files, SCHEMAS,
};

/// Real-world document folders under `../shared/real-world` that are validated; the folder name is
/// the schema stem.
const REAL_WORLD_DIRS: [&str; 3] = ["finding", "wasscan", "report"];

/// The release notes print 14 XML samples; each is one repaired fixture.
const RELEASE_NOTE_SAMPLES: usize = 14;

/// For each misprinted fixture, what xmllint must report: (line, text on that line of its output).
/// Parse errors: only the first one is listed (later ones depend on libxml2's recovery).
const MISPRINTED: &[(&str, &[(u32, &str)])] = &[
    (
        "finding-get-response-ssl-cipher.xml",
        &[(20, "Extra content at the end of the document")],
    ),
    (
        "finding-get-response-ssl-fingerprint.xml",
        &[(
            26,
            "Opening and ending tag mismatch: Finding line 8 and sslData",
        )],
    ),
    (
        "finding-get-response-ssl-kex.xml",
        &[(
            33,
            "Opening and ending tag mismatch: sslDataKexList line 21 and sslData",
        )],
    ),
    (
        "finding-get-response-ssl-prop.xml",
        &[(
            38,
            "Opening and ending tag mismatch: Finding line 8 and sslData",
        )],
    ),
    (
        "finding-search-request-unique-id.xml",
        &[(3, "Element 'verbose': '>true' is not a valid value")],
    ),
    (
        "finding-search-response-ssl-fingerprint.xml",
        &[(
            25,
            "Opening and ending tag mismatch: Finding line 7 and sslData",
        )],
    ),
    (
        "optionprofile-create-response.xml",
        &[
            (18, "Element 'isDefault': '>false' is not a valid value"),
            (
                33,
                "Element 'enableXssPayloads': '>false' is not a valid value",
            ),
            (
                7,
                "Element 'OptionProfile': Character content other than whitespace",
            ),
        ],
    ),
    (
        "optionprofile-get-response.xml",
        &[
            (
                20,
                "Element 'enableXssPayloads': '>false' is not a valid value",
            ),
            (
                7,
                "Element 'OptionProfile': Character content other than whitespace",
            ),
        ],
    ),
    (
        "wasscan-download-ssl.xml",
        &[(
            48,
            "Opening and ending tag mismatch: options line 37 and list",
        )],
    ),
];

/// A document and the schema (stem) it is validated against.
struct Doc {
    schema: &'static str,
    path: PathBuf,
}

/// The fixtures in `dir`, each validated against the schema its file name starts with.
fn fixture_docs(dir: &Path) -> Vec<Doc> {
    xml_files(dir)
        .into_iter()
        .map(|path| Doc {
            schema: schema_of_fixture(&path),
            path,
        })
        .collect()
}

fn real_world_docs(shared: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    for dir in REAL_WORLD_DIRS {
        let files = xml_files(&shared.join("real-world").join(dir));
        assert!(
            !files.is_empty(),
            "no real-world documents in real-world/{dir}"
        );
        docs.extend(files.into_iter().map(|path| Doc { schema: dir, path }));
    }
    docs
}

fn xmllint_available() -> bool {
    if command_succeeds("xmllint", &["--version"]) {
        true
    } else {
        eprintln!("SKIPPED: xmllint is not on PATH (install libxml2-utils)");
        false
    }
}

/// Runs `xmllint --noout --schema schemas/<schema>.xsd <doc>`; returns success and stderr.
fn xmllint(doc: &Doc) -> (bool, String) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema_path(doc.schema))
        .arg(&doc.path)
        .stdin(Stdio::null())
        .output()
        .expect("run xmllint");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_all_accepted(docs: &[Doc]) {
    let failures: Vec<String> = docs
        .iter()
        .filter_map(|doc| {
            let (ok, stderr) = xmllint(doc);
            (!ok).then(|| {
                format!(
                    "{} against {}.xsd:\n{stderr}",
                    doc.path.display(),
                    doc.schema
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "xmllint rejected {} of {} documents:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n")
    );
}

#[test]
fn fixture_sets_are_complete() {
    let fixtures = fixture_docs(&release_notes_dir());
    assert_eq!(
        fixtures.len(),
        RELEASE_NOTE_SAMPLES,
        "expected one repaired fixture per release-note sample in {}",
        release_notes_dir().display()
    );
    let on_disk: BTreeSet<String> = fixture_docs(&misprinted_dir())
        .iter()
        .map(|d| d.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = MISPRINTED.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "misprinted fixtures on disk vs. the MISPRINTED table"
    );
    for name in &listed {
        assert!(
            release_notes_dir().join(name).is_file(),
            "misprinted/{name} has no repaired twin"
        );
    }
}

#[test]
fn xmllint_accepts_release_note_fixtures() {
    if !xmllint_available() {
        return;
    }
    let docs = fixture_docs(&release_notes_dir());
    assert!(!docs.is_empty());
    assert_all_accepted(&docs);
}

#[test]
fn xmllint_accepts_real_world_documents() {
    if !xmllint_available() {
        return;
    }
    let shared = match shared_dir() {
        Ok(dir) => dir,
        Err(reason) => {
            eprintln!("SKIPPED: {reason}");
            return;
        }
    };
    assert_all_accepted(&real_world_docs(&shared));
}

#[test]
fn xmllint_rejects_misprinted_fixtures() {
    if !xmllint_available() {
        return;
    }
    let mut problems = Vec::new();
    for doc in fixture_docs(&misprinted_dir()) {
        let name = doc.path.file_name().unwrap().to_string_lossy().into_owned();
        let (ok, stderr) = xmllint(&doc);
        if ok {
            problems.push(format!("{name}: accepted, but it is a misprinted sample"));
            continue;
        }
        let expected = MISPRINTED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, e)| *e)
            .unwrap_or(&[]);
        for (line, text) in expected {
            let marker = format!("{name}:{line}:");
            let found = stderr
                .lines()
                .any(|l| l.contains(&marker) && l.contains(text));
            if !found {
                problems.push(format!(
                    "{name}: expected `{text}` at line {line}; xmllint said:\n{stderr}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Python checker: argv = schema paths `stem=path`; stdin lines `stem<TAB>valid|invalid<TAB>path`.
/// Prints one line per document and exits 1 on any disagreement.
const XMLSCHEMA_CHECK: &str = r#"
import sys, xmlschema
schemas = {}
for arg in sys.argv[1:]:
    stem, path = arg.split("=", 1)
    schemas[stem] = xmlschema.XMLSchema10(path)
bad = 0
checked = 0
for line in sys.stdin.read().splitlines():
    stem, expect, path = line.split("\t")
    try:
        errors = [str(e.reason) for e in schemas[stem].iter_errors(path)]
    except Exception as exc:  # not well-formed
        errors = ["parse error: %s" % exc]
    valid = not errors
    checked += 1
    if valid != (expect == "valid"):
        bad += 1
        print("MISMATCH %s (%s.xsd): expected %s, got %s" % (path, stem, expect, errors[:3] or "valid"))
print("CHECKED %d" % checked)
sys.exit(1 if bad else 0)
"#;

#[test]
fn python_xmlschema_agrees() {
    if !command_succeeds("python3", &["-c", "import xmlschema"]) {
        eprintln!("SKIPPED: `python3 -c \"import xmlschema\"` fails (pip install xmlschema)");
        return;
    }
    let mut docs: Vec<(Doc, bool)> = fixture_docs(&release_notes_dir())
        .into_iter()
        .map(|d| (d, true))
        .collect();
    docs.extend(
        fixture_docs(&misprinted_dir())
            .into_iter()
            .map(|d| (d, false)),
    );
    match shared_dir() {
        Ok(shared) => docs.extend(real_world_docs(&shared).into_iter().map(|d| (d, true))),
        Err(reason) => eprintln!("real-world documents not checked: {reason}"),
    }
    let input: String = docs
        .iter()
        .map(|(d, valid)| {
            let expect = if *valid { "valid" } else { "invalid" };
            format!("{}\t{expect}\t{}\n", d.schema, d.path.display())
        })
        .collect();

    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(XMLSCHEMA_CHECK);
    for stem in SCHEMAS {
        cmd.arg(format!("{stem}={}", schema_path(stem).display()));
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(input.as_bytes()).expect("write to python3");
    }
    let out = child.wait_with_output().expect("wait for python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "xmlschema disagrees:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains(&format!("CHECKED {}", docs.len())),
        "xmlschema did not check all {} documents:\n{stdout}\n{stderr}",
        docs.len()
    );
}

// ------------------------------------------------------------------------------------------------
// Structural checks of the XSD text itself (no external tool needed).

/// A minimal element tree of an XSD: qualified name, attributes, element children; whitespace,
/// comments and the XML declaration are dropped. Text is kept (documentation).
#[derive(Debug, PartialEq)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    children: Vec<Node>,
    text: String,
}

impl Node {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).map(String::as_str)
    }
    /// Children other than `xs:annotation`.
    fn content(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(|c| c.name != "xs:annotation")
    }
}

fn parse_xsd(path: &Path) -> Node {
    use quick_xml::events::{BytesStart, Event};
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = quick_xml::Reader::from_str(&text);
    let decoder = reader.decoder();
    let node = |e: &BytesStart| Node {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    a.decode_and_unescape_value(decoder)
                        .expect("attribute value")
                        .into_owned(),
                )
            })
            .collect(),
        children: Vec::new(),
        text: String::new(),
    };
    let mut stack: Vec<Node> = vec![Node {
        name: String::new(),
        attrs: BTreeMap::new(),
        children: Vec::new(),
        text: String::new(),
    }];
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        {
            Event::Start(e) => stack.push(node(&e)),
            Event::Empty(e) => stack.last_mut().unwrap().children.push(node(&e)),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                stack.last_mut().unwrap().children.push(done);
            }
            Event::Text(t) => {
                let t = t.decode().expect("text").into_owned();
                if !t.trim().is_empty() {
                    stack.last_mut().unwrap().text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().expect("entity name");
                stack
                    .last_mut()
                    .unwrap()
                    .text
                    .push_str(&format!("&{name};"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut doc = stack.pop().unwrap();
    assert!(stack.is_empty(), "{}: unbalanced", path.display());
    assert_eq!(
        doc.children.len(),
        1,
        "{}: one root element",
        path.display()
    );
    doc.children.pop().unwrap()
}

fn global_types(schema: &Node) -> BTreeMap<&str, &Node> {
    schema
        .children
        .iter()
        .filter(|c| c.name == "xs:complexType" || c.name == "xs:simpleType")
        .map(|c| (c.attr("name").expect("global types are named"), c))
        .collect()
}

#[test]
fn shared_types_are_identical_across_schemas() {
    let schemas: Vec<(&str, Node)> = SCHEMAS
        .iter()
        .map(|s| (*s, parse_xsd(&schema_path(s))))
        .collect();
    let mut by_name: BTreeMap<&str, Vec<(&str, &Node)>> = BTreeMap::new();
    for (stem, schema) in &schemas {
        for (name, def) in global_types(schema) {
            by_name.entry(name).or_default().push((stem, def));
        }
    }
    let mut differing = Vec::new();
    for (name, defs) in &by_name {
        if defs.iter().any(|(_, d)| *d != defs[0].1) {
            let stems: Vec<&str> = defs.iter().map(|(s, _)| *s).collect();
            differing.push(format!("{name} ({})", stems.join(", ")));
        }
    }
    assert!(
        differing.is_empty(),
        "types defined differently in different schemas: {differing:?}"
    );

    // The 2.44 SSL types are in both schemas that carry sslData; the envelope parts are in all four.
    let ssl = [
        "SSLData",
        "SSLDataInfoList",
        "SSLDataInfo",
        "SSLDataCipherList",
        "SSLDataKexList",
        "SSLDataPropList",
        "SSLDataCipher",
        "SSLDataKex",
        "SSLDataProp",
    ];
    for name in ssl {
        let stems: Vec<&str> = by_name
            .get(name)
            .into_iter()
            .flatten()
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(stems, ["finding", "wasscan"], "{name}");
    }
    for name in [
        "Cdata",
        "ResponseCode",
        "ResponseCodeKnown",
        "Criteria",
        "CriteriaOperator",
        "User",
        "Tag",
    ] {
        assert_eq!(
            by_name.get(name).map_or(0, Vec::len),
            SCHEMAS.len(),
            "{name} in every schema"
        );
    }
}

const BUILTINS: [&str; 7] = [
    "xs:string",
    "xs:int",
    "xs:long",
    "xs:boolean",
    "xs:dateTime",
    "xs:date",
    "xs:decimal",
];
const FACETS: [&str; 6] = [
    "xs:enumeration",
    "xs:minInclusive",
    "xs:maxInclusive",
    "xs:minLength",
    "xs:maxLength",
    "xs:length",
];
const COMPOSITORS: [&str; 3] = ["xs:all", "xs:sequence", "xs:choice"];

struct SubsetChecker<'a> {
    schema: &'a str,
    simple: BTreeSet<&'a str>,
    complex: BTreeSet<&'a str>,
    errors: Vec<String>,
}

impl<'a> SubsetChecker<'a> {
    fn err(&mut self, at: &str, msg: impl std::fmt::Display) {
        self.errors.push(format!("{}: {at}: {msg}", self.schema));
    }

    fn check_type_ref(&mut self, at: &str, name: &str, simple_only: bool) {
        let known = if name.starts_with("xs:") {
            BUILTINS.contains(&name)
        } else {
            self.simple.contains(name) || (!simple_only && self.complex.contains(name))
        };
        if !known {
            self.err(
                at,
                format!("type `{name}` is not an allowed built-in or a type of this schema"),
            );
        }
    }

    fn element(&mut self, at: &str, el: &'a Node) {
        let Some(name) = el.attr("name") else {
            return self.err(at, "xs:element without name (ref= is not supported)");
        };
        let at = format!("{at}/{name}");
        for key in el.attrs.keys() {
            if !["name", "type", "minOccurs", "maxOccurs"].contains(&key.as_str()) {
                self.err(&at, format!("unsupported attribute `{key}` on xs:element"));
            }
        }
        let inline: Vec<&Node> = el.content().collect();
        match (el.attr("type"), inline.as_slice()) {
            (Some(t), []) => self.check_type_ref(&at, t, false),
            (None, [c]) if c.name == "xs:complexType" => self.complex_type(&at, c),
            (None, [s]) if s.name == "xs:simpleType" => self.simple_type(&at, s, None),
            _ => self.err(
                &at,
                "element needs exactly one of type= or an inline anonymous type",
            ),
        }
    }

    fn attribute(&mut self, at: &str, a: &Node) {
        let name = a.attr("name").unwrap_or("?");
        match a.attr("type") {
            Some(t) => self.check_type_ref(&format!("{at}/@{name}"), t, true),
            None => self.err(at, format!("attribute {name} without a simple type=")),
        }
        if a.attr("use")
            .is_some_and(|u| u != "required" && u != "optional")
        {
            self.err(at, format!("attribute {name}: unsupported use="));
        }
    }

    fn complex_type(&mut self, at: &str, ct: &'a Node) {
        let content: Vec<&Node> = ct.content().collect();
        let (body, attrs) = match content.split_first() {
            Some((first, rest)) if first.name != "xs:attribute" => (Some(*first), rest.to_vec()),
            _ => (None, content.clone()),
        };
        for a in &attrs {
            if a.name == "xs:attribute" {
                self.attribute(at, a);
            } else {
                self.err(at, format!("unexpected {} after the content model", a.name));
            }
        }
        let Some(body) = body else { return };
        if body.name == "xs:simpleContent" {
            let ext: Vec<&Node> = body.content().collect();
            match ext.as_slice() {
                [e] if e.name == "xs:extension" => {
                    match e.attr("base") {
                        Some(base) => self.check_type_ref(at, base, true),
                        None => self.err(at, "xs:extension without base"),
                    }
                    for a in e.content() {
                        if a.name == "xs:attribute" {
                            self.attribute(at, a);
                        } else {
                            self.err(at, format!("{} inside simpleContent/extension", a.name));
                        }
                    }
                }
                _ => self.err(at, "simpleContent must hold exactly one xs:extension"),
            }
        } else if COMPOSITORS.contains(&body.name.as_str()) {
            let mut seen = BTreeSet::new();
            for p in body.content() {
                if p.name != "xs:element" {
                    self.err(
                        at,
                        format!(
                            "{} inside {} (only xs:element particles)",
                            p.name, body.name
                        ),
                    );
                    continue;
                }
                if let Some(n) = p.attr("name") {
                    if !seen.insert(n) {
                        self.err(at, format!("two child elements named {n}"));
                    }
                }
                if body.name == "xs:all" && p.attr("maxOccurs").is_some_and(|m| m != "1") {
                    self.err(
                        at,
                        format!(
                            "maxOccurs > 1 inside xs:all ({})",
                            p.attr("name").unwrap_or("?")
                        ),
                    );
                }
                self.element(at, p);
            }
        } else {
            self.err(at, format!("unsupported content {}", body.name));
        }
    }

    fn simple_type(&mut self, at: &str, st: &'a Node, name: Option<&str>) {
        let content: Vec<&Node> = st.content().collect();
        match content.as_slice() {
            [r] if r.name == "xs:restriction" => {
                match r.attr("base") {
                    Some(base) if BUILTINS.contains(&base) => {}
                    other => self.err(
                        at,
                        format!("restriction base {other:?} is not an allowed built-in"),
                    ),
                }
                for f in r.content() {
                    if !FACETS.contains(&f.name.as_str()) {
                        self.err(at, format!("unsupported facet {}", f.name));
                    }
                }
            }
            [u] if u.name == "xs:union" => {
                let expected = name.map(|n| format!("{n}Known xs:string"));
                if expected.is_none() || u.attr("memberTypes") != expected.as_deref() {
                    self.err(
                        at,
                        "xs:union is only allowed as <Name> = union(<Name>Known, xs:string)",
                    );
                } else if let Some(n) = name {
                    if !self.simple.contains(format!("{n}Known").as_str()) {
                        self.err(at, format!("{n}Known is missing"));
                    }
                }
            }
            _ => self.err(
                at,
                "simpleType must be one xs:restriction or the open-enum xs:union",
            ),
        }
    }
}

#[test]
fn schemas_stay_within_the_supported_xsd_subset() {
    let allowed_tags: BTreeSet<&str> = [
        "xs:schema",
        "xs:element",
        "xs:complexType",
        "xs:simpleType",
        "xs:annotation",
        "xs:documentation",
        "xs:all",
        "xs:sequence",
        "xs:choice",
        "xs:simpleContent",
        "xs:extension",
        "xs:attribute",
        "xs:restriction",
        "xs:union",
    ]
    .into_iter()
    .chain(FACETS)
    .collect();
    let mut errors = Vec::new();
    for stem in SCHEMAS {
        let schema = parse_xsd(&schema_path(stem));
        fn walk<'n>(n: &'n Node, out: &mut Vec<&'n Node>) {
            out.push(n);
            n.children.iter().for_each(|c| walk(c, out));
        }
        let mut all = Vec::new();
        walk(&schema, &mut all);
        for n in all {
            if !allowed_tags.contains(n.name.as_str()) {
                errors.push(format!("{stem}.xsd: unsupported {}", n.name));
            }
        }
        assert_eq!(schema.name, "xs:schema");
        assert_eq!(
            schema.attr("elementFormDefault"),
            Some("qualified"),
            "{stem}.xsd"
        );
        assert_eq!(
            schema.attr("targetNamespace"),
            None,
            "{stem}.xsd has no target namespace"
        );

        let mut names = BTreeSet::new();
        for c in schema.children.iter().filter(|c| c.name.ends_with("Type")) {
            let n = c.attr("name").unwrap_or("?");
            if !names.insert(n) {
                errors.push(format!("{stem}.xsd: two global types named {n}"));
            }
        }
        let mut checker = SubsetChecker {
            schema: stem,
            simple: schema
                .children
                .iter()
                .filter(|c| c.name == "xs:simpleType")
                .filter_map(|c| c.attr("name"))
                .collect(),
            complex: schema
                .children
                .iter()
                .filter(|c| c.name == "xs:complexType")
                .filter_map(|c| c.attr("name"))
                .collect(),
            errors: Vec::new(),
        };
        let mut globals = BTreeSet::new();
        for c in schema.content() {
            match c.name.as_str() {
                "xs:element" => {
                    globals.insert(c.attr("name").unwrap_or("?"));
                    checker.element("", c)
                }
                "xs:complexType" => checker.complex_type(c.attr("name").unwrap_or("?"), c),
                "xs:simpleType" => {
                    let name = c.attr("name");
                    checker.simple_type(name.unwrap_or("?"), c, name)
                }
                other => checker.err("schema", format!("unsupported top-level {other}")),
            }
        }
        for required in ["ServiceRequest", "ServiceResponse"] {
            if !globals.contains(required) {
                checker.err("schema", format!("no global element {required}"));
            }
        }
        if stem == "wasscan" && !globals.contains("WasScan") {
            checker.err("schema", "no global element WasScan (download/was/wasscan)");
        }
        errors.extend(checker.errors);
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_named_type_is_documented() {
    let mut undocumented = Vec::new();
    for stem in SCHEMAS {
        let schema = parse_xsd(&schema_path(stem));
        for (name, def) in global_types(&schema) {
            let documented = def.children.iter().any(|c| {
                c.name == "xs:annotation"
                    && c.children
                        .iter()
                        .any(|d| d.name == "xs:documentation" && !d.text.trim().is_empty())
            });
            if !documented {
                undocumented.push(format!("{stem}.xsd: {name}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "named types without xs:documentation: {undocumented:?}"
    );
}
