//! `codegen::diff`: the comparison behind `cargo xtask schema-diff`.
//!
//! Every "old" or "new" side is a scratch copy of `schemas/` edited programmatically,
//! so no hand-made schema copy is committed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use codegen::diff::{self, Bump, Change, ChangeKind, Diff, Effect};

/// The 2.44 SSL/TLS types.
const SSL_TYPES: [&str; 9] = [
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

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen lives in the workspace")
        .join("schemas")
}

/// A copy of `schemas/` under the temp dir, removed on drop.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(label: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "codegen-schema-diff-{}-{n}-{label}",
            std::process::id()
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("clear a stale scratch dir");
        }
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        for file in codegen::SCHEMA_FILES {
            let from = schemas_dir().join(file);
            if from.exists() {
                std::fs::copy(&from, dir.join(file)).expect("copy schema");
            }
        }
        Scratch { dir }
    }

    /// Rewrites one schema file of the copy.
    fn edit(&self, file: &str, f: impl FnOnce(String) -> String) {
        let path = self.dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read schema copy");
        let edited = f(text.clone());
        assert_ne!(edited, text, "the edit of {file} changed nothing");
        std::fs::write(&path, edited).expect("write schema copy");
    }

    /// Rewrites every schema file of the copy that `f` changes.
    fn edit_all(&self, f: impl Fn(String) -> String) -> usize {
        let mut edited = 0;
        for file in codegen::SCHEMA_FILES {
            let path = self.dir.join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let new = f(text.clone());
            if new != text {
                std::fs::write(&path, new).expect("write schema copy");
                edited += 1;
            }
        }
        edited
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Removes every `<tag name="name" …>…</tag>` (or self-closing `<tag name="name" …/>`)
/// block, with the indentation before it and the line break after it.
fn remove_blocks(text: &str, tag: &str, name: &str) -> String {
    let open = format!("<{tag} name=\"{name}\"");
    let close = format!("</{tag}>");
    let mut out = text.to_string();
    while let Some(start) = out.find(&open) {
        let mut depth = 0usize;
        let mut pos = start;
        let end = loop {
            let next_open = out[pos..].find(&format!("<{tag}")).map(|i| pos + i);
            let next_close = out[pos..].find(&close).map(|i| pos + i);
            let open_first = match (next_open, next_close) {
                (Some(o), Some(c)) => o < c,
                (Some(_), None) => true,
                (None, _) => false,
            };
            match (next_open, next_close) {
                (Some(o), _) if open_first => {
                    let gt = o + out[o..].find('>').expect("unterminated tag");
                    if !out[..gt].ends_with('/') {
                        depth += 1;
                    } else if depth == 0 {
                        break gt + 1;
                    }
                    pos = gt + 1;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    pos = c + close.len();
                    if depth == 0 {
                        break pos;
                    }
                }
                _ => panic!("unbalanced <{tag}> for {name}"),
            }
        };
        let line_start = out[..start].rfind('\n').map_or(0, |i| i + 1);
        let start = if out[line_start..start].trim().is_empty() {
            line_start
        } else {
            start
        };
        let end = if out[end..].starts_with('\n') {
            end + 1
        } else {
            end
        };
        out.replace_range(start..end, "");
    }
    out
}

/// Inserts `<xs:enumeration value="value"/>` before the first enumeration value of
/// the simple type `ty`.
fn add_enum_value(text: &str, ty: &str, value: &str) -> String {
    let start = text
        .find(&format!("<xs:simpleType name=\"{ty}\""))
        .unwrap_or_else(|| panic!("no simple type {ty}"));
    let at = start
        + text[start..]
            .find("<xs:enumeration")
            .expect("an enumeration");
    let indent_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let indent = &text[indent_start..at];
    let mut out = text.to_string();
    out.insert_str(
        at,
        &format!("<xs:enumeration value=\"{value}\"/>\n{indent}"),
    );
    out
}

/// The schemas without the 2.44 SSL/TLS additions.
fn pre_2_44() -> Scratch {
    let old = Scratch::new("pre-2.44");
    for file in ["finding.xsd", "wasscan.xsd"] {
        old.edit(file, |mut text| {
            for ty in SSL_TYPES {
                text = remove_blocks(&text, "xs:complexType", ty);
            }
            text = remove_blocks(&text, "xs:element", "sslData");
            assert!(
                !text.contains("type=\"SSLData"),
                "{file} still refers to SSL types"
            );
            assert!(
                !text.contains("name=\"SSLData"),
                "{file} still defines SSL types"
            );
            assert!(
                !text.contains("name=\"sslData\""),
                "{file} still declares sslData"
            );
            text
        });
    }
    old
}

fn diff_dirs(old: &Path, new: &Path) -> Diff {
    diff::diff_dirs(old, new).expect("both sides load")
}

fn find<'a>(d: &'a Diff, schema: &str, path: &str, value: Option<&str>) -> Vec<&'a Change> {
    d.changes
        .iter()
        .filter(|c| c.schema == schema && c.path == path && c.value.as_deref() == value)
        .collect()
}

fn the<'a>(
    d: &'a Diff,
    schema: &str,
    path: &str,
    value: Option<&str>,
    kind: ChangeKind,
) -> &'a Change {
    let found: Vec<_> = find(d, schema, path, value)
        .into_iter()
        .filter(|c| c.kind == kind)
        .collect();
    match found.as_slice() {
        [c] => c,
        _ => panic!(
            "expected one {kind} change at {schema} {path} {value:?}, found {found:#?}\nin:\n{}",
            d.render_text()
        ),
    }
}

#[test]
fn worked_example_2_44_ssl_types_are_compatible_additions() {
    let old = pre_2_44();
    let d = diff_dirs(&old.dir, &schemas_dir());
    println!("{}", d.render_text());

    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    for schema in ["finding.xsd", "wasscan.xsd"] {
        for ty in SSL_TYPES {
            expected.insert((schema.to_string(), ty.to_string()));
        }
    }
    expected.insert(("finding.xsd".to_string(), "Finding/sslData".to_string()));
    expected.insert(("wasscan.xsd".to_string(), "WasScanIg/sslData".to_string()));

    for (schema, path) in &expected {
        let c = the(&d, schema, path, None, ChangeKind::Added);
        assert_eq!(c.effect, Effect::Compatible, "{c:#?}");
        assert!(!c.reason.is_empty());
    }
    let sl = the(
        &d,
        "finding.xsd",
        "Finding/sslData",
        None,
        ChangeKind::Added,
    );
    assert!(sl.reason.contains("ssl_data: Option<SslData>"), "{sl:#?}");
    let wl = the(
        &d,
        "wasscan.xsd",
        "WasScanIg/sslData",
        None,
        ChangeKind::Added,
    );
    assert!(wl.reason.contains("ssl_data: Option<SslData>"), "{wl:#?}");

    let reported: BTreeSet<(String, String)> = d
        .changes
        .iter()
        .map(|c| (c.schema.clone(), c.path.clone()))
        .collect();
    assert_eq!(reported, expected, "\n{}", d.render_text());
    assert!(d
        .changes
        .iter()
        .all(|c| c.kind == ChangeKind::Added && c.effect == Effect::Compatible));
    assert!(!d.has_breaking());
    assert_eq!(d.semver_bump(), Bump::Minor);
    assert_eq!(d.semver_bump().to_string(), "minor (0.x: patch)");

    let text = d.render_text();
    assert!(
        text.contains("suggested version bump: minor (0.x: patch)"),
        "{text}"
    );
    assert!(!text.contains("BREAKING"), "{text}");
    let md = d.render_markdown();
    assert!(md.contains("### `finding.xsd`"), "{md}");
    assert!(md.contains("| Change | Path | Effect | Reason |"), "{md}");
    assert!(md.contains("`Finding/sslData`"), "{md}");
    assert!(
        md.contains("**Suggested version bump:** minor (0.x: patch)"),
        "{md}"
    );

    // The same change seen backwards: everything is a breaking removal.
    let back = diff_dirs(&schemas_dir(), &old.dir);
    assert_eq!(back.changes.len(), d.changes.len());
    assert!(back
        .changes
        .iter()
        .all(|c| c.kind == ChangeKind::Removed && c.effect == Effect::Breaking));
    assert_eq!(back.semver_bump(), Bump::Major);
    assert_eq!(back.semver_bump().to_string(), "major (0.x: minor)");
}

#[test]
fn output_is_deterministic_and_sorted() {
    let old = pre_2_44();
    let a = diff_dirs(&old.dir, &schemas_dir());
    let b = diff_dirs(&old.dir, &schemas_dir());
    assert_eq!(a, b);
    assert_eq!(a.render_text(), b.render_text());
    let mut sorted = a.changes.clone();
    sorted.sort();
    assert_eq!(sorted, a.changes);
}

#[test]
fn identical_folders_report_no_changes() {
    let copy = Scratch::new("identical");
    for d in [
        diff_dirs(&schemas_dir(), &schemas_dir()),
        diff_dirs(&schemas_dir(), &copy.dir),
    ] {
        assert!(d.is_empty(), "{}", d.render_text());
        assert_eq!(d.render_text(), "no changes\n");
        assert_eq!(d.render_markdown(), "no changes\n");
        assert_eq!(d.semver_bump(), Bump::None);
        assert_eq!(d.exit_code(true), 0);
    }
    let space = codegen::load(&schemas_dir()).expect("schemas load");
    assert!(diff::diff(&space, &space).is_empty());
}

#[test]
fn renamed_element_is_removed_plus_added_and_breaking() {
    let new = Scratch::new("rename");
    new.edit("finding.xsd", |t| {
        t.replace(
            "<xs:element name=\"uniqueId\"",
            "<xs:element name=\"uniqueID\"",
        )
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let removed = the(
        &d,
        "finding.xsd",
        "Finding/uniqueId",
        None,
        ChangeKind::Removed,
    );
    assert_eq!(removed.effect, Effect::Breaking);
    // The Rust field name is the same (`unique_id`); the XML name is not.
    assert!(removed.reason.contains("unique_id"), "{removed:#?}");
    let added = the(
        &d,
        "finding.xsd",
        "Finding/uniqueID",
        None,
        ChangeKind::Added,
    );
    assert_eq!(added.effect, Effect::Compatible);
    assert_eq!(d.changes.len(), 2, "{}", d.render_text());
    assert!(d.has_breaking());
    assert_eq!(d.semver_bump(), Bump::Major);
    assert!(d.render_text().contains("[BREAKING]"));
}

#[test]
fn optional_to_required_is_breaking() {
    let new = Scratch::new("required");
    new.edit("finding.xsd", |t| {
        t.replacen(
            "<xs:element name=\"uniqueId\" type=\"xs:string\" minOccurs=\"0\"",
            "<xs:element name=\"uniqueId\" type=\"xs:string\"",
            1,
        )
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let c = the(
        &d,
        "finding.xsd",
        "Finding/uniqueId",
        None,
        ChangeKind::Changed,
    );
    assert_eq!(c.effect, Effect::Breaking);
    assert!(c.description.contains("optional → required"), "{c:#?}");
    assert!(c.reason.contains("`Option<String>` to `String`"), "{c:#?}");
    assert_eq!(d.semver_bump(), Bump::Major);

    // And back: required → optional changes `T` into `Option<T>`, also breaking.
    let back = diff_dirs(&new.dir, &schemas_dir());
    let c = the(
        &back,
        "finding.xsd",
        "Finding/uniqueId",
        None,
        ChangeKind::Changed,
    );
    assert_eq!(c.effect, Effect::Breaking);
    assert!(c.reason.contains("`String` to `Option<String>`"), "{c:#?}");
}

#[test]
fn new_value_in_closed_enumeration_is_breaking() {
    let new = Scratch::new("closed-enum");
    new.edit("finding.xsd", |t| {
        add_enum_value(&t, "FindingCategory", "FOO")
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let c = the(
        &d,
        "finding.xsd",
        "FindingCategory",
        Some("FOO"),
        ChangeKind::Added,
    );
    assert_eq!(c.effect, Effect::Breaking);
    assert!(c.reason.contains("closed enum"), "{c:#?}");
    assert_eq!(d.changes.len(), 1, "{}", d.render_text());
    assert!(d.render_text().contains("FindingCategory value \"FOO\""));
    assert_eq!(d.semver_bump(), Bump::Major);
}

#[test]
fn new_value_in_open_enumeration_is_compatible() {
    // ResponseCode = union(ResponseCodeKnown, xs:string); every schema defines it.
    let new = Scratch::new("open-enum");
    let edited = new.edit_all(|t| {
        if t.contains("<xs:simpleType name=\"ResponseCodeKnown\"") {
            add_enum_value(&t, "ResponseCodeKnown", "FOO")
        } else {
            t
        }
    });
    assert_eq!(edited, 4);
    let d = diff_dirs(&schemas_dir(), &new.dir);
    for schema in [
        "finding.xsd",
        "optionprofile.xsd",
        "report.xsd",
        "wasscan.xsd",
    ] {
        let open = the(&d, schema, "ResponseCode", Some("FOO"), ChangeKind::Added);
        assert_eq!(open.effect, Effect::Compatible, "{open:#?}");
        let known = the(
            &d,
            schema,
            "ResponseCodeKnown",
            Some("FOO"),
            ChangeKind::Added,
        );
        assert_eq!(known.effect, Effect::Compatible, "{known:#?}");
    }
    assert_eq!(d.changes.len(), 8, "{}", d.render_text());
    assert!(!d.has_breaking(), "{}", d.render_text());
    assert_eq!(d.semver_bump(), Bump::Minor);
    assert_eq!(d.exit_code(true), 0);
}

#[test]
fn editing_one_copy_of_a_shared_type_moves_it_out_of_shared() {
    let new = Scratch::new("unshare");
    new.edit("finding.xsd", |t| {
        add_enum_value(&t, "ResponseCodeKnown", "FOO")
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let open = the(
        &d,
        "finding.xsd",
        "ResponseCode",
        Some("FOO"),
        ChangeKind::Added,
    );
    assert_eq!(open.effect, Effect::Compatible);
    let moved = the(&d, "finding.xsd", "ResponseCode", None, ChangeKind::Changed);
    assert_eq!(moved.effect, Effect::Breaking);
    assert!(
        moved
            .reason
            .contains("`shared::ResponseCode` to `finding::ResponseCode`"),
        "{moved:#?}"
    );
    assert_eq!(d.semver_bump(), Bump::Major);
}

#[test]
fn facets_tightened_break_and_loosened_are_compatible() {
    // Severity (1..5) is defined identically in finding.xsd and wasscan.xsd; edit both
    // so that it stays in the shared module.
    let tight = Scratch::new("facet-tight");
    let edited = tight.edit_all(|t| {
        t.replacen(
            "<xs:maxInclusive value=\"5\"/>",
            "<xs:maxInclusive value=\"4\"/>",
            1,
        )
    });
    assert_eq!(edited, 2);
    let d = diff_dirs(&schemas_dir(), &tight.dir);
    for schema in ["finding.xsd", "wasscan.xsd"] {
        let c = the(&d, schema, "Severity", None, ChangeKind::Changed);
        assert_eq!(c.effect, Effect::Breaking, "{}", d.render_text());
        assert!(c.description.contains("tightened"));
    }
    assert_eq!(d.changes.len(), 2, "{}", d.render_text());

    let loose = diff_dirs(&tight.dir, &schemas_dir());
    for schema in ["finding.xsd", "wasscan.xsd"] {
        let c = the(&loose, schema, "Severity", None, ChangeKind::Changed);
        assert_eq!(c.effect, Effect::Compatible, "{}", loose.render_text());
        assert!(c.description.contains("loosened"));
    }
    assert_eq!(loose.semver_bump(), Bump::Minor);
}

#[test]
fn one_to_many_is_breaking() {
    let new = Scratch::new("many");
    new.edit("finding.xsd", |t| {
        t.replacen(
            "<xs:element name=\"responseErrorDetails\" type=\"ResponseErrorDetails\" minOccurs=\"0\"",
            "<xs:element name=\"responseErrorDetails\" type=\"ResponseErrorDetails\" minOccurs=\"0\" maxOccurs=\"unbounded\"",
            1,
        )
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let path = "FindingServiceResponse/responseErrorDetails";
    let c = the(&d, "finding.xsd", path, None, ChangeKind::Changed);
    assert_eq!(c.effect, Effect::Breaking);
    assert!(c.description.contains("optional → repeated"), "{c:#?}");
    assert!(
        c.reason
            .contains("`Option<ResponseErrorDetails>` to `Vec<ResponseErrorDetails>`"),
        "{c:#?}"
    );
    assert_eq!(d.changes.len(), 1, "{}", d.render_text());
}

#[test]
fn documentation_only_changes_suggest_a_patch() {
    let new = Scratch::new("docs");
    new.edit("finding.xsd", |t| {
        t.replacen(
            "Severity level 1 (minimal) .. 5 (urgent)",
            "Severity level from 1 (minimal) to 5 (urgent)",
            1,
        )
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let c = the(
        &d,
        "finding.xsd",
        "Severity",
        None,
        ChangeKind::Documentation,
    );
    assert_eq!(c.effect, Effect::Compatible);
    assert_eq!(d.changes.len(), 1, "{}", d.render_text());
    assert_eq!(d.semver_bump(), Bump::Patch);
}

#[test]
fn exit_code_fails_on_breaking_only_when_asked() {
    let old = pre_2_44();
    let compatible = diff_dirs(&old.dir, &schemas_dir());
    assert_eq!(compatible.exit_code(false), 0);
    assert_eq!(compatible.exit_code(true), 0);

    let breaking = diff_dirs(&schemas_dir(), &old.dir);
    assert_eq!(breaking.exit_code(false), 0);
    assert_eq!(breaking.exit_code(true), diff::EXIT_BREAKING);
    assert_eq!(diff::EXIT_BREAKING, 1);
    assert_eq!(diff::EXIT_ERROR, 2);
}

#[test]
fn missing_or_empty_folders_are_errors() {
    let missing = std::env::temp_dir().join(format!(
        "codegen-schema-diff-{}-does-not-exist",
        std::process::id()
    ));
    assert!(diff::diff_dirs(&missing, &schemas_dir()).is_err());
    let empty = Scratch::new("empty");
    for file in codegen::SCHEMA_FILES {
        let _ = std::fs::remove_file(empty.dir.join(file));
    }
    assert!(diff::diff_dirs(&schemas_dir(), &empty.dir).is_err());
}

#[test]
fn missing_schema_file_is_a_breaking_removal() {
    let new = Scratch::new("no-report");
    std::fs::remove_file(new.dir.join("report.xsd")).expect("remove report.xsd");
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let c = the(&d, "report.xsd", "", None, ChangeKind::Removed);
    assert_eq!(c.effect, Effect::Breaking);
    assert!(d.render_text().contains("(schema file)"));
}

#[test]
fn new_attribute_and_new_required_element() {
    let new = Scratch::new("attr-required");
    new.edit("wasscan.xsd", |t| {
        let t = t.replacen(
            "<xs:attribute name=\"base64\" type=\"xs:boolean\">",
            "<xs:attribute name=\"encoding\" type=\"xs:string\"/>\n        <xs:attribute name=\"base64\" type=\"xs:boolean\">",
            1,
        );
        t.replacen(
            "<xs:element name=\"qid\" type=\"xs:int\"/>",
            "<xs:element name=\"qid\" type=\"xs:int\"/>\n      <xs:element name=\"seen\" type=\"xs:dateTime\"/>",
            1,
        )
    });
    let d = diff_dirs(&schemas_dir(), &new.dir);
    let attr = the(
        &d,
        "wasscan.xsd",
        "Base64Text/@encoding",
        None,
        ChangeKind::Added,
    );
    assert_eq!(attr.effect, Effect::Compatible, "{attr:#?}");
    assert!(
        attr.reason.contains("encoding: Option<String>"),
        "{attr:#?}"
    );
    let el = the(
        &d,
        "wasscan.xsd",
        "WasScanVuln/seen",
        None,
        ChangeKind::Added,
    );
    assert_eq!(el.effect, Effect::Breaking, "{el:#?}");
    assert!(el.reason.contains("seen: DateTime"), "{el:#?}");
    // `DateTime` has no `Default`, so `WasScanVuln` loses its `Default` impl.
    let default = the(&d, "wasscan.xsd", "WasScanVuln", None, ChangeKind::Changed);
    assert_eq!(default.effect, Effect::Breaking, "{}", d.render_text());
    assert!(default.description.contains("Default"));
}
