//! Typed parsing beyond the fixtures: documents that set every element and attribute
//! (nothing may be lost), misprinted samples (clear, positioned errors), and unknown
//! elements (lenient by default, rejected in strict mode).

use std::process::Command;

use qualys_was_tests::events::{canonical, first_difference};
use qualys_was_tests::synth::full_document;
use qualys_was_tests::{
    command_succeeds, misprinted_dir, release_notes_dir, schema_of_fixture, schema_path, xml_files,
};
use qualys_was_types::{validate, Document, ErrorKind, ReadOptions, Schema};

fn strict() -> ReadOptions {
    ReadOptions {
        strict: true,
        ..ReadOptions::default()
    }
}

#[test]
fn every_element_and_attribute_survives_a_round_trip() {
    let xmllint = command_succeeds("xmllint", &["--version"]);
    if !xmllint {
        eprintln!("xmllint not on PATH: synthetic documents are checked by our validator only");
    }
    let dir = std::env::temp_dir().join(format!("qualys-was-synth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut checked = 0;
    for schema in Schema::ALL {
        let model = schema.model();
        for root in model.roots {
            for variant in 0..4 {
                let xml = full_document(model, root, variant);
                let label = format!("{}:{}#{variant}", schema, root.name);
                let violations = validate(xml.as_bytes(), schema).expect("in-memory input");
                assert!(
                    violations.is_empty(),
                    "{label}: our validator rejects the synthetic document: {violations:?}\n{xml}"
                );
                if xmllint {
                    let file = dir.join(format!("{}-{}-{variant}.xml", schema, root.name));
                    std::fs::write(&file, &xml).expect("write");
                    let out = Command::new("xmllint")
                        .arg("--noout")
                        .arg("--schema")
                        .arg(schema_path(schema.name()))
                        .arg(&file)
                        .output()
                        .expect("xmllint runs");
                    assert!(
                        out.status.success(),
                        "{label}: xmllint rejects the synthetic document: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
                let doc = Document::from_str_with(&xml, Some(schema), &strict())
                    .unwrap_or_else(|e| panic!("{label}: {e}"));
                let out = doc.to_xml();
                let again = Document::from_str_with(&out, Some(schema), &strict())
                    .unwrap_or_else(|e| panic!("{label}: re-parse: {e}\n{out}"));
                assert_eq!(doc, again, "{label}");
                let diff = first_difference(&canonical(&xml, model), &canonical(&out, model));
                assert_eq!(diff, None, "{label}");
                checked += 1;
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(checked >= 4 * 9, "checked {checked} synthetic documents");
}

#[test]
fn misprinted_samples_fail_with_positioned_errors() {
    let files = xml_files(&misprinted_dir());
    assert!(!files.is_empty());
    for f in files {
        let schema: Schema = schema_of_fixture(&f).parse().expect("schema");
        let xml = std::fs::read_to_string(&f).expect("fixture");
        let err = Document::from_str_with(&xml, Some(schema), &ReadOptions::default())
            .expect_err(&format!("{} must not parse", f.display()));
        let pos = err.position;
        assert!(pos.line > 1 && pos.column >= 1, "{}: {err}", f.display());
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!("{}:{}: ", pos.line, pos.column)),
            "{shown}"
        );
        // The line is the one xmllint names (its first error), when xmllint is here.
        if command_succeeds("xmllint", &["--version"]) {
            let out = Command::new("xmllint")
                .arg("--noout")
                .arg("--schema")
                .arg(schema_path(schema.name()))
                .arg(&f)
                .output()
                .expect("xmllint runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr.lines().next().unwrap_or_default();
            let xmllint_line: u32 = first
                .split(':')
                .nth(1)
                .and_then(|l| l.trim().parse().ok())
                .unwrap_or_else(|| panic!("no line in xmllint output: {first}"));
            let ours = validate(xml.as_bytes(), schema).expect("in-memory input");
            assert!(
                ours.iter().any(|v| v.position.line == xmllint_line),
                "{}: xmllint reports line {xmllint_line} ({first}); we report {:?}",
                f.display(),
                ours.iter().map(|v| v.to_string()).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn unknown_elements_parse_leniently_and_fail_strictly() {
    let path = release_notes_dir().join("finding-get-response-ssl-cipher.xml");
    let xml = std::fs::read_to_string(&path).expect("fixture");
    let future = xml.replacen(
        "<findingType>",
        "<futureField attr=\"1\"><nested>x</nested></futureField>\n      <findingType>",
        1,
    );
    assert_ne!(future, xml);
    let lenient = Document::parse_as(&future, Schema::Finding).expect("lenient parse");
    let original = Document::parse_as(&xml, Schema::Finding).expect("original parses");
    assert_eq!(
        lenient, original,
        "the unknown element is skipped, nothing else changes"
    );
    let err = Document::from_str_with(&future, Some(Schema::Finding), &strict())
        .expect_err("strict mode rejects unknown elements");
    assert!(
        matches!(err.kind(), ErrorKind::UnexpectedElement { name } if name == "futureField"),
        "{err}"
    );
    let line = future
        .lines()
        .position(|l| l.contains("<futureField"))
        .map(|i| i as u32 + 1);
    assert_eq!(Some(err.position.line), line, "{err}");
    assert!(err.to_string().contains("futureField"), "{err}");
    let unknown_attr = xml.replacen("<Finding>", "<Finding since=\"2.45\">", 1);
    assert!(Document::parse_as(&unknown_attr, Schema::Finding).is_ok());
    assert!(Document::from_str_with(&unknown_attr, Some(Schema::Finding), &strict()).is_err());
}

#[test]
fn cdata_is_written_for_cdata_types_and_escaped_text_elsewhere() {
    let path = release_notes_dir().join("wasscan-download-ssl.xml");
    let xml = std::fs::read_to_string(&path).expect("fixture");
    let doc = Document::parse_as(&xml, Schema::WasScan).expect("parses");
    let out = doc.to_xml();
    assert!(out.contains("<name><![CDATA["), "names are Cdata: {out}");
    assert!(
        out.contains("<reference>was/1580388655076.626241</reference>"),
        "{out}"
    );
}
