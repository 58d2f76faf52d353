//! Differential validation against libxml2: a deterministic mutation corpus, built from
//! the release-note fixtures, the shared real-world documents and synthetic documents
//! that set every element and attribute, is judged by `xmllint --schema` and by our
//! streaming validator (`schema_only`). The verdicts (valid or not) must agree on every
//! mutant, except the libxml2 deviations from XSD 1.0 listed in docs/conformance.md,
//! which are recognised by a precise predicate ([`documented_deviation`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use qualys_was_tests::mutate::{mutants, prune, Doc, Kind, Mutant, Quirk};
use qualys_was_tests::synth::full_document;
use qualys_was_tests::{
    command_succeeds, release_notes_dir, schema_of_fixture, schema_path, shared_dir, xml_files,
};
use qualys_was_types::model::{Builtin, ContentDecl};
use qualys_was_types::{validate_with, Schema, ValidateOptions};

/// Random targets per structural mutation variant and seed.
const PER_VARIANT: usize = 2;
/// Repeated siblings kept per name when a fixture or real document is pruned.
const KEEP_REPEATS: u32 = 2;
/// Synthetic documents per schema root (the variant picks the branch of each choice;
/// the widest choice, the report configurations, has four).
const SYNTH_VARIANTS: usize = 4;
/// Files per xmllint invocation.
const BATCH: usize = 300;

struct Seed {
    name: String,
    schema: Schema,
    xml: String,
    /// Repeated siblings kept per name when the seed is pruned.
    keep: u32,
}

fn seeds() -> Vec<Seed> {
    let mut out = Vec::new();
    for f in xml_files(&release_notes_dir()) {
        let schema: Schema = schema_of_fixture(&f).parse().expect("fixture schema");
        out.push(Seed {
            name: format!("fixture {}", file_name(&f)),
            schema,
            xml: std::fs::read_to_string(&f).expect("fixture"),
            keep: KEEP_REPEATS,
        });
    }
    match shared_dir() {
        Ok(shared) => {
            for schema in Schema::ALL {
                let dir = shared.join("real-world").join(schema.name());
                if !dir.is_dir() {
                    continue;
                }
                for f in xml_files(&dir) {
                    out.push(Seed {
                        name: format!("real-world {}/{}", schema.name(), file_name(&f)),
                        schema,
                        xml: std::fs::read_to_string(&f).expect("real-world document"),
                        keep: KEEP_REPEATS,
                    });
                }
            }
        }
        Err(why) => eprintln!("differential: real-world seeds skipped: {why}"),
    }
    for schema in Schema::ALL {
        let model = schema.model();
        for root in model.roots {
            for variant in 0..SYNTH_VARIANTS {
                out.push(Seed {
                    name: format!("synth {}:{}#{variant}", schema.name(), root.name),
                    schema,
                    xml: full_document(model, root, variant),
                    // Every element is already there: one of each is enough.
                    keep: 1,
                });
            }
        }
    }
    out
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// One mutant with its file name and both verdicts.
struct Case {
    schema: Schema,
    file: String,
    mutant: Mutant,
    ours: Vec<String>,
    lint: Lint,
}

/// xmllint's judgement of one file.
#[derive(Default, Clone)]
struct Lint {
    /// `Some(true)` for "validates", `Some(false)` for "fails to validate".
    valid: Option<bool>,
    /// Its messages about the file, continuation lines joined with `\n`.
    messages: Vec<String>,
}

/// Runs xmllint on `files` (names relative to `dir`) and collects per-file results.
fn run_xmllint(schema: Schema, dir: &Path, files: &[String]) -> BTreeMap<String, Lint> {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema_path(schema.name()))
        .args(files)
        .current_dir(dir)
        .output()
        .expect("xmllint runs");
    let mut results: BTreeMap<String, Lint> =
        files.iter().map(|f| (f.clone(), Lint::default())).collect();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    let check_verdicts = |results: &BTreeMap<String, Lint>| {
        assert!(
            results.values().any(|r| r.valid.is_some()),
            "xmllint gave no verdict for any file of the batch (exit {:?}):\n{}",
            out.status.code(),
            text.chars().take(4000).collect::<String>()
        );
    };
    let mut current: Option<String> = None;
    for line in text.lines() {
        let head = line.split([':', ' ']).next().unwrap_or("");
        match results.get_mut(head) {
            Some(r) => {
                let rest = &line[head.len()..];
                if rest == " validates" {
                    r.valid = Some(true);
                    current = None;
                } else if rest == " fails to validate" {
                    r.valid = Some(false);
                    current = None;
                } else {
                    r.messages.push(line.to_string());
                    current = Some(head.to_string());
                }
            }
            None => {
                if let Some(r) = current.as_ref().and_then(|c| results.get_mut(c)) {
                    if let Some(last) = r.messages.last_mut() {
                        last.push('\n');
                        last.push_str(line);
                    }
                }
            }
        }
    }
    check_verdicts(&results);
    results
}

/// Which documented libxml2 deviation (docs/conformance.md) explains a disagreement,
/// if one does: the mutant has the deviation's shape, we accept it, xmllint rejects
/// it, and every xmllint message is the deviation's message about that very value.
fn documented_deviation(case: &Case) -> Option<&'static str> {
    let quirk = case.mutant.quirk.as_ref()?;
    if !case.ours.is_empty() || case.lint.valid != Some(false) || case.lint.messages.is_empty() {
        return None;
    }
    let all = |pred: &dyn Fn(&str) -> bool| case.lint.messages.iter().all(|m| pred(m));
    match quirk {
        Quirk::PaddedValue {
            element,
            attribute,
            base,
        } => {
            let collapsing = matches!(
                base,
                Builtin::Int | Builtin::Long | Builtin::Date | Builtin::DateTime
            );
            let owner = match attribute {
                Some(a) => format!("Element '{element}', attribute '{a}': '"),
                None => format!("Element '{element}': '"),
            };
            (collapsing
                && all(&|m| {
                    m.contains(&owner)
                        && (m.contains("' is not a valid value of the atomic type '")
                            || m.contains("' is not a valid value of the local atomic type."))
                }))
            .then_some("D1: whitespace of xs:int, xs:long, xs:date, xs:dateTime not collapsed")
        }
        Quirk::WhitespaceCdata { element } => {
            let expected = format!(
                "Element '{element}': Character content other than whitespace is not \
                 allowed because the content type is 'element-only'."
            );
            all(&|m| m.contains(&expected))
                .then_some("D2: whitespace-only CDATA section in element-only content")
        }
    }
}

fn verdict(valid: Option<bool>) -> &'static str {
    match valid {
        Some(true) => "valid",
        Some(false) => "invalid",
        None => "no verdict",
    }
}

#[test]
fn mutants_agree_with_xmllint() {
    if !command_succeeds("xmllint", &["--version"]) {
        eprintln!("differential: xmllint not on PATH (install libxml2-utils); test skipped");
        return;
    }
    let started = std::time::Instant::now();

    // Build the corpus.
    let mut cases: Vec<Case> = Vec::new();
    let mut seed_count = 0;
    for seed in seeds() {
        let model = seed.schema.model();
        let mut doc =
            Doc::parse(&seed.xml).unwrap_or_else(|e| panic!("{}: cannot parse: {e}", seed.name));
        prune(model, &mut doc, seed.keep);
        seed_count += 1;
        for mutant in mutants(model, &doc, &seed.name, PER_VARIANT) {
            cases.push(Case {
                schema: seed.schema,
                file: format!("m{:05}.xml", cases.len()),
                mutant,
                ours: Vec::new(),
                lint: Lint::default(),
            });
        }
    }
    let built = started.elapsed();

    // Write the mutants, one folder per schema.
    let dir = std::env::temp_dir().join(format!("qualys-was-differential-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let schema_dir = |s: Schema| dir.join(s.name());
    for s in Schema::ALL {
        std::fs::create_dir_all(schema_dir(s)).expect("temp dir");
    }
    for c in &cases {
        std::fs::write(schema_dir(c.schema).join(&c.file), &c.mutant.xml).expect("write mutant");
    }

    // xmllint in batches (in parallel with each other and with our validator).
    let options = ValidateOptions {
        schema_only: true,
        ..ValidateOptions::default()
    };
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let lint: BTreeMap<(Schema, String), Lint> = std::thread::scope(|scope| {
        let mut lint_jobs = Vec::new();
        for s in Schema::ALL {
            let files: Vec<String> = cases
                .iter()
                .filter(|c| c.schema == s)
                .map(|c| c.file.clone())
                .collect();
            for batch in files.chunks(BATCH) {
                let d: PathBuf = schema_dir(s);
                let batch = batch.to_vec();
                lint_jobs.push(scope.spawn(move || (s, run_xmllint(s, &d, &batch))));
            }
        }
        let chunk = cases.len().div_ceil(threads).max(1);
        let ours_jobs: Vec<_> = cases
            .chunks_mut(chunk)
            .map(|part| {
                let options = &options;
                scope.spawn(move || {
                    for c in part {
                        let (_, violations) =
                            validate_with(c.mutant.xml.as_bytes(), Some(c.schema), options)
                                .expect("in-memory input");
                        c.ours = violations.iter().map(|v| v.to_string()).collect();
                    }
                })
            })
            .collect();
        for j in ours_jobs {
            j.join().expect("validator thread");
        }
        let mut all = BTreeMap::new();
        for j in lint_jobs {
            let (s, results) = j.join().expect("xmllint thread");
            for (file, r) in results {
                all.insert((s, file), r);
            }
        }
        all
    });
    for c in &mut cases {
        c.lint = lint
            .get(&(c.schema, c.file.clone()))
            .cloned()
            .unwrap_or_default();
    }

    // Compare.
    #[derive(Default)]
    struct Tally {
        total: usize,
        valid: usize,
        agree: usize,
        deviations: usize,
        disagree: usize,
    }
    let mut by_kind: BTreeMap<Kind, Tally> = BTreeMap::new();
    let mut by_schema: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_deviation: BTreeMap<&str, usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for c in &cases {
        let t = by_kind.entry(c.mutant.kind).or_default();
        *by_schema.entry(c.schema.name()).or_default() += 1;
        t.total += 1;
        let ours_valid = c.ours.is_empty();
        if c.lint.valid == Some(ours_valid) {
            t.agree += 1;
            t.valid += usize::from(ours_valid);
        } else if let Some(d) = documented_deviation(c) {
            t.deviations += 1;
            *by_deviation.entry(d).or_default() += 1;
        } else {
            t.disagree += 1;
            disagreements.push(c);
        }
    }
    let total = cases.len();
    let agree: usize = by_kind.values().map(|t| t.agree).sum();
    let deviations: usize = by_kind.values().map(|t| t.deviations).sum();
    println!(
        "differential: {total} documents ({} mutants of {seed_count} seeds) in {:.1?} \
         (built in {built:.1?})",
        total - by_kind.get(&Kind::Seed).map_or(0, |t| t.total),
        started.elapsed()
    );
    println!("differential: per schema: {by_schema:?}");
    println!(
        "(ok: both validators accept; agree: same verdict; libxml2: a documented libxml2 \
         deviation; disagree: anything else)"
    );
    println!(
        "{:<26} {:>6} {:>6} {:>6} {:>9} {:>9}",
        "kind", "total", "ok", "agree", "libxml2", "disagree"
    );
    for (k, t) in &by_kind {
        println!(
            "{:<26} {:>6} {:>6} {:>6} {:>9} {:>9}",
            k.name(),
            t.total,
            t.valid,
            t.agree,
            t.deviations,
            t.disagree
        );
    }
    println!(
        "differential: verdicts agree on {agree}/{total} ({:.2}%); documented libxml2 \
         deviations {deviations} {by_deviation:?}; agreement excluding them {:.2}%",
        100.0 * agree as f64 / total as f64,
        100.0 * (agree + deviations) as f64 / total as f64
    );

    // Coverage of the corpus.
    assert!(total >= 1000, "only {total} documents in the corpus");
    for s in Schema::ALL {
        assert!(
            by_schema.get(s.name()).is_some_and(|n| *n >= 100),
            "schema {s}: too few mutants ({by_schema:?})"
        );
    }
    let has_length_facets = Schema::ALL.iter().any(|s| {
        s.model().complex_types.iter().any(|c| {
            let simple: Vec<_> = match &c.content {
                ContentDecl::Simple(t) => vec![*t],
                ContentDecl::Elements { particles, .. } => particles
                    .iter()
                    .filter_map(|p| match p.ty {
                        qualys_was_types::model::TypeRef::Simple(t) => Some(t),
                        _ => None,
                    })
                    .collect(),
                ContentDecl::Empty => Vec::new(),
            };
            simple
                .iter()
                .chain(c.attributes.iter().map(|a| &a.ty))
                .any(|t| t.min_length.is_some() || t.max_length.is_some())
        })
    });
    for k in Kind::ALL {
        if k == Kind::FacetLength && !has_length_facets {
            continue; // No schema declares minLength/maxLength.
        }
        assert!(
            by_kind.get(&k).is_some_and(|t| t.total > 0),
            "no mutant of kind {k}"
        );
    }

    if disagreements.is_empty() {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let mut report = format!(
        "{} of {total} documents get different verdicts (mutants kept in {}):\n",
        disagreements.len(),
        dir.display()
    );
    for c in &disagreements {
        report.push_str(&format!(
            "\n{}/{}: {}\n  ours: {}; xmllint: {}\n",
            c.schema.name(),
            c.file,
            c.mutant.description,
            if c.ours.is_empty() {
                "valid"
            } else {
                "invalid"
            },
            verdict(c.lint.valid)
        ));
        for m in &c.ours {
            report.push_str(&format!("  ours> {m}\n"));
        }
        for m in &c.lint.messages {
            report.push_str(&format!(
                "  xmllint> {}\n",
                m.replace('\n', "\n           ")
            ));
        }
    }
    panic!("{report}");
}
