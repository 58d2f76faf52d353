//! The serde derives stay compatible with quick-xml's serde support: a value written
//! with `quick_xml::se` reads back with `quick_xml::de` to an equal value, for every
//! release-note fixture and real document (where the shared folder is present).

use qualys_was_tests::{release_notes_dir, schema_of_fixture, shared_dir, xml_files};
use qualys_was_types::generated::{finding, optionprofile, report, wasscan};
use qualys_was_types::{Document, Schema};

fn serde_round_trip<T>(value: &T, root: &str) -> Result<(), String>
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let xml = quick_xml::se::to_string_with_root(root, value).map_err(|e| e.to_string())?;
    let back: T = quick_xml::de::from_str(&xml).map_err(|e| format!("{e}\n{xml}"))?;
    if &back != value {
        return Err(format!("value changed through serde:\n{xml}"));
    }
    Ok(())
}

fn check(doc: &Document) -> Result<(), String> {
    match doc {
        Document::Finding(finding::Root::ServiceRequest(v)) => {
            serde_round_trip(v.as_ref(), "ServiceRequest")
        }
        Document::Finding(finding::Root::ServiceResponse(v)) => {
            serde_round_trip(v.as_ref(), "ServiceResponse")
        }
        Document::WasScan(wasscan::Root::ServiceRequest(v)) => {
            serde_round_trip(v.as_ref(), "ServiceRequest")
        }
        Document::WasScan(wasscan::Root::ServiceResponse(v)) => {
            serde_round_trip(v.as_ref(), "ServiceResponse")
        }
        Document::WasScan(wasscan::Root::WasScan(v)) => serde_round_trip(v.as_ref(), "WasScan"),
        Document::OptionProfile(optionprofile::Root::ServiceRequest(v)) => {
            serde_round_trip(v.as_ref(), "ServiceRequest")
        }
        Document::OptionProfile(optionprofile::Root::ServiceResponse(v)) => {
            serde_round_trip(v.as_ref(), "ServiceResponse")
        }
        Document::Report(report::Root::ServiceRequest(v)) => {
            serde_round_trip(v.as_ref(), "ServiceRequest")
        }
        Document::Report(report::Root::ServiceResponse(v)) => {
            serde_round_trip(v.as_ref(), "ServiceResponse")
        }
    }
}

#[test]
fn serde_derives_round_trip_through_quick_xml() {
    let mut docs = Vec::new();
    for f in xml_files(&release_notes_dir()) {
        let schema: Schema = schema_of_fixture(&f).parse().expect("schema");
        docs.push((f, schema));
    }
    match shared_dir() {
        Ok(shared) => {
            for (dir, schema) in [
                ("finding", Schema::Finding),
                ("wasscan", Schema::WasScan),
                ("report", Schema::Report),
            ] {
                for f in xml_files(&shared.join("real-world").join(dir)) {
                    docs.push((f, schema));
                }
            }
        }
        Err(why) => eprintln!("real documents skipped: {why}"),
    }
    assert!(docs.len() >= 14, "the 14 release-note fixtures at least");
    let failures: Vec<String> = docs
        .iter()
        .filter_map(|(f, schema)| {
            let xml = std::fs::read_to_string(f).expect("read");
            let doc = Document::parse_as(&xml, *schema).expect("parses");
            check(&doc).err().map(|e| format!("{}: {e}", f.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n\n")
    );
}
