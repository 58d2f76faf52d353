//! Round trips: every release-note fixture and every real document parses (strictly:
//! nothing unknown, nothing skipped), serializes, and parses again to an equal value,
//! and the serialized XML equals the input as a schema-aware event stream.

use std::path::Path;

use qualys_was_tests::events::{canonical, first_difference};
use qualys_was_tests::{release_notes_dir, schema_of_fixture, shared_dir, xml_files};
use qualys_was_types::{Document, ReadOptions, Schema};

fn strict() -> ReadOptions {
    ReadOptions {
        strict: true,
        ..ReadOptions::default()
    }
}

/// Parses, re-serializes (compact and pretty) and compares; returns a failure message.
fn round_trip(path: &Path, schema: Schema) -> Result<(), String> {
    let name = path.display();
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let doc = Document::from_str_with(&xml, Some(schema), &strict())
        .map_err(|e| format!("{name}:{e}"))?;
    for pretty in [false, true] {
        let out = if pretty {
            doc.to_xml_pretty()
        } else {
            doc.to_xml()
        };
        let again = Document::from_str_with(&out, Some(schema), &strict())
            .map_err(|e| format!("{name}: re-parse of serialized output failed: {e}\n{out}"))?;
        if again != doc {
            return Err(format!(
                "{name}: value changed after a round trip (pretty={pretty})"
            ));
        }
        let a = canonical(&xml, schema.model());
        let b = canonical(&out, schema.model());
        if let Some(diff) = first_difference(&a, &b) {
            return Err(format!(
                "{name}: event streams differ (pretty={pretty}): {diff}"
            ));
        }
    }
    Ok(())
}

#[test]
fn release_note_fixtures_round_trip() {
    let files = xml_files(&release_notes_dir());
    assert_eq!(files.len(), 14, "the release notes print 14 samples");
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let schema: Schema = schema_of_fixture(f).parse().expect("schema name");
            round_trip(f, schema).err()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn real_documents_round_trip() {
    let shared = match shared_dir() {
        Ok(d) => d,
        Err(why) => {
            eprintln!("skipping real-document round trips: {why}");
            return;
        }
    };
    let mut count = 0;
    let mut failures = Vec::new();
    for (dir, schema) in [
        ("finding", Schema::Finding),
        ("wasscan", Schema::WasScan),
        ("report", Schema::Report),
    ] {
        for f in xml_files(&shared.join("real-world").join(dir)) {
            count += 1;
            if let Err(e) = round_trip(&f, schema) {
                failures.push(e);
            }
        }
    }
    assert_eq!(
        count, 26,
        "real-world/{{finding,wasscan,report}} hold 26 documents"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn schema_is_detected_from_root_and_schema_location() {
    let files = xml_files(&release_notes_dir());
    for f in files {
        let xml = std::fs::read_to_string(&f).expect("fixture");
        let expected: Schema = schema_of_fixture(&f).parse().expect("schema");
        match Document::from_str_with(&xml, None, &ReadOptions::default()) {
            Ok(doc) => {
                // The report error response names optionprofile.xsd, as printed in
                // the release notes; detection follows the document.
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                if name == "report-create-response-invalid-request.xml" {
                    assert_eq!(doc.schema(), Schema::OptionProfile);
                } else {
                    assert_eq!(doc.schema(), expected, "{}", f.display());
                }
            }
            Err(e) => {
                // Requests carry no schema location: the schema cannot be told.
                assert!(xml.contains("<ServiceRequest"), "{}: {e}", f.display());
                assert!(e.to_string().contains("schema"), "{e}");
            }
        }
    }
}
