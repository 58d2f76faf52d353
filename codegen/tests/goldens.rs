//! Golden tests: one folder per XSD construct under `tests/constructs/<case>/`, holding
//! the schema(s) (`*.xsd`), a valid `sample*.xml`, and `expected/` with the files the
//! generator must produce for them, byte for byte.
//!
//! `UPDATE_GOLDENS=1 cargo test -p codegen --test goldens` rewrites `expected/` (and
//! removes stale files there); review the diff before committing it. The goldens are
//! also compiled, under `#![deny(warnings)]`, and round-tripped by
//! `tests/constructs.rs` in the `qualys-was-tests` package.

use std::path::{Path, PathBuf};

use codegen::GeneratedFile;

/// Every case folder. `every_case_folder_is_listed` keeps this in sync with the disk.
const CASES: [&str; 10] = [
    "all",
    "anonymous_and_lists",
    "attributes",
    "choice",
    "dedup",
    "documentation",
    "enumeration",
    "facets",
    "sequence",
    "simple_content",
];

const UPDATE_ENV: &str = "UPDATE_GOLDENS";

fn constructs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("constructs")
}

fn case_dir(case: &str) -> PathBuf {
    constructs_dir().join(case)
}

fn updating() -> bool {
    std::env::var_os(UPDATE_ENV).is_some_and(|v| v == "1")
}

/// The names of the files directly in `dir` whose name ends with `.{ext}`, sorted.
fn files_with_ext(dir: &Path, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
                .to_string()
        })
        .collect();
    names.sort();
    names
}

/// The case's schemas as `(file name, text)`, in file-name order.
fn schema_inputs(case: &str) -> Vec<(String, String)> {
    let dir = case_dir(case);
    let inputs: Vec<(String, String)> = files_with_ext(&dir, "xsd")
        .into_iter()
        .map(|name| {
            let path = dir.join(&name);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            (name, text)
        })
        .collect();
    assert!(!inputs.is_empty(), "{}: no *.xsd", dir.display());
    inputs
}

fn generate(inputs: &[(String, String)]) -> Vec<GeneratedFile> {
    let space = codegen::load_texts(inputs).unwrap_or_else(|e| panic!("load: {e}"));
    codegen::generate(space).unwrap_or_else(|e| panic!("generate: {e}"))
}

/// Where two texts first differ, with a few lines of context from each side.
fn diff_hint(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let Some(first) = (0..e.len().max(a.len())).find(|&i| e.get(i) != a.get(i)) else {
        return "the texts differ only in line endings or a trailing newline".to_string();
    };
    let from = first.saturating_sub(2);
    let side = |lines: &[&str]| -> String {
        (from..(first + 4).min(lines.len()))
            .map(|i| {
                let mark = if i == first { '>' } else { ' ' };
                format!("{mark}{:5} | {}\n", i + 1, lines[i])
            })
            .collect()
    };
    format!(
        "first difference at line {} ({} expected lines, {} generated):\n\
         --- expected\n{}+++ generated\n{}",
        first + 1,
        e.len(),
        a.len(),
        side(&e),
        side(&a)
    )
}

/// Compares the generated files with `expected/` (or rewrites it when updating).
fn check_case(case: &str) {
    let inputs = schema_inputs(case);
    let files = generate(&inputs);

    // Deterministic: a second run, and a run over the schemas in reverse order,
    // give the same bytes.
    assert_eq!(
        files,
        generate(&inputs),
        "{case}: two generator runs differ"
    );
    let reversed: Vec<(String, String)> = inputs.iter().rev().cloned().collect();
    assert_eq!(
        files,
        generate(&reversed),
        "{case}: output depends on the order of the schema files"
    );

    let expected_dir = case_dir(case).join("expected");
    let generated_names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
    if updating() {
        std::fs::create_dir_all(&expected_dir).expect("create expected/");
        for f in &files {
            let path = expected_dir.join(&f.name);
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() != Some(f.contents.as_str()) {
                std::fs::write(&path, &f.contents)
                    .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
                eprintln!("updated {}", path.display());
            }
        }
        for stale in files_with_ext(&expected_dir, "rs") {
            if !generated_names.contains(&stale) {
                let path = expected_dir.join(&stale);
                std::fs::remove_file(&path)
                    .unwrap_or_else(|e| panic!("cannot remove {}: {e}", path.display()));
                eprintln!("removed {}", path.display());
            }
        }
        return;
    }

    let how_to_update = format!(
        "if the change is intended, run `{UPDATE_ENV}=1 cargo test -p codegen --test goldens` \
         and review the diff of codegen/tests/constructs/{case}/expected/"
    );
    let mut failures = Vec::new();
    let on_disk = if expected_dir.is_dir() {
        files_with_ext(&expected_dir, "rs")
    } else {
        Vec::new()
    };
    for name in &on_disk {
        if !generated_names.contains(name) {
            failures.push(format!("expected/{name} is no longer generated"));
        }
    }
    for f in &files {
        let path = expected_dir.join(&f.name);
        match std::fs::read_to_string(&path) {
            Err(_) => failures.push(format!("expected/{} is missing", f.name)),
            Ok(golden) if golden != f.contents => failures.push(format!(
                "expected/{} differs from the generated code; {}",
                f.name,
                diff_hint(&golden, &f.contents)
            )),
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "case `{case}`:\n{}\n{how_to_update}",
        failures.join("\n")
    );
}

macro_rules! golden_tests {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                check_case(stringify!($case));
            }
        )*

        #[test]
        fn every_case_has_a_golden_test() {
            let tested = [$(stringify!($case)),*];
            assert_eq!(tested, CASES, "golden_tests! and CASES disagree");
        }
    };
}

golden_tests!(
    all,
    anonymous_and_lists,
    attributes,
    choice,
    dedup,
    documentation,
    enumeration,
    facets,
    sequence,
    simple_content,
);

#[test]
fn every_case_folder_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(constructs_dir())
        .expect("tests/constructs exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_dir())
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
        .collect();
    on_disk.sort();
    assert_eq!(
        on_disk, CASES,
        "case folders under codegen/tests/constructs"
    );
}

#[test]
fn every_case_has_a_sample_and_module_names_are_unique() {
    let mut modules: Vec<String> = Vec::new();
    for case in CASES {
        let dir = case_dir(case);
        let samples: Vec<String> = files_with_ext(&dir, "xml")
            .into_iter()
            .filter(|n| n.starts_with("sample"))
            .collect();
        assert!(!samples.is_empty(), "{case}: no sample*.xml");
        for (file, _) in schema_inputs(case) {
            let stem = file.trim_end_matches(".xsd").to_string();
            assert!(
                !modules.contains(&stem),
                "{case}: schema stem `{stem}` is used by another case; the goldens share one \
                 `generated` module in tests/constructs.rs"
            );
            modules.push(stem);
        }
    }
}

/// The tests here only mean something if a golden can fail: a change in a schema must
/// show up as a difference, with a hint that names the line.
#[test]
fn a_changed_schema_is_reported_with_a_line_hint() {
    let mut inputs = schema_inputs("sequence");
    let (_, text) = &mut inputs[0];
    *text = text.replacen("type=\"xs:long\"", "type=\"xs:int\"", 1);
    let files = generate(&inputs);
    let golden = std::fs::read_to_string(case_dir("sequence").join("expected/sequence.rs"))
        .expect("sequence golden");
    let changed = files
        .iter()
        .find(|f| f.name == "sequence.rs")
        .expect("sequence.rs generated");
    assert_ne!(golden, changed.contents);
    let hint = diff_hint(&golden, &changed.contents);
    assert!(hint.starts_with("first difference at line "), "{hint}");
    assert!(hint.contains("i32"), "{hint}");
}

/// Each sample is a document of its schema: `sample.xml` for a case with one schema,
/// `sample_<x>.xml` for the schema `<case>_<x>.xsd`. Skipped without xmllint.
#[test]
fn samples_are_valid_against_their_schemas() {
    use std::process::{Command, Stdio};
    let xmllint = Command::new("xmllint")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !xmllint.is_ok_and(|s| s.success()) {
        eprintln!("skipping sample validation: xmllint is not available");
        return;
    }
    let mut failures = Vec::new();
    for case in CASES {
        let dir = case_dir(case);
        let schemas = files_with_ext(&dir, "xsd");
        for sample in files_with_ext(&dir, "xml") {
            let schema = if schemas.len() == 1 {
                schemas[0].clone()
            } else {
                let suffix = sample
                    .strip_prefix("sample_")
                    .and_then(|s| s.strip_suffix(".xml"))
                    .unwrap_or_else(|| panic!("{case}/{sample}: expected sample_<x>.xml"));
                format!("{case}_{suffix}.xsd")
            };
            let output = Command::new("xmllint")
                .arg("--noout")
                .arg("--schema")
                .arg(dir.join(&schema))
                .arg(dir.join(&sample))
                .output()
                .expect("run xmllint");
            if !output.status.success() {
                failures.push(format!(
                    "{case}/{sample} against {schema}: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
