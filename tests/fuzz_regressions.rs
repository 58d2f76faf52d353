//! Replays fuzzing inputs through the fuzz targets' own checks, so CI catches a
//! regression of anything fuzzing once found.
//!
//! * `tests/fixtures/fuzz/<target>/*` (`validate`, `parse`, `roundtrip`): minimized
//!   crash and timeout inputs, each replayed through its target's checks.
//! * `tests/fixtures/fuzz/seeds/*`: hand-picked nasty inputs, replayed through all
//!   three.
//! * The release-note fixtures (repaired and misprinted) and the synthetic documents
//!   that set every element and attribute, through all three.
//!
//! The checks are `fuzz/src/checks.rs`, compiled in here as a module. Setting
//! `QUALYS_WAS_FUZZ_SEEDS` to a directory also writes the synthetic documents there
//! (`fuzz/seed-corpus.sh` uses it to seed the fuzzing corpus).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use qualys_was_tests::synth::full_document;
use qualys_was_tests::{misprinted_dir, release_notes_dir, repo_root, xml_files};
use qualys_was_types::Schema;

#[path = "../fuzz/src/checks.rs"]
mod checks;

type Check = fn(&[u8]);

/// The targets exactly as fuzzed: one read size, chosen from the input.
const TARGETS: [(&str, Check); 3] = [
    ("validate", checks::validate),
    ("parse", checks::parse),
    ("roundtrip", checks::roundtrip),
];

/// The targets' checks with every read size, for the committed inputs.
const EVERY_SPLIT: [(&str, Check); 3] = [
    ("validate", validate_every_split),
    ("parse", parse_every_split),
    ("roundtrip", checks::roundtrip),
];

fn validate_every_split(data: &[u8]) {
    for chunk in checks::CHUNK_SIZES {
        checks::validate_split(data, chunk);
    }
}

fn parse_every_split(data: &[u8]) {
    for chunk in checks::CHUNK_SIZES {
        checks::parse_split(data, chunk);
    }
}

fn fuzz_fixtures() -> PathBuf {
    repo_root().join("tests").join("fixtures").join("fuzz")
}

/// Every regular file directly inside `dir` (none if it does not exist), sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .filter(|p| p.extension() != Some(std::ffi::OsStr::new("md")))
        .collect();
    files.sort();
    files
}

/// Runs `check` on `input`; a panic or a slow run becomes a failure message.
fn replay(label: &str, check: Check, input: &[u8]) -> Result<(), String> {
    let start = Instant::now();
    let outcome = std::panic::catch_unwind(|| check(input));
    let took = start.elapsed();
    match outcome {
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(non-string panic)");
            Err(format!("{label}: {why}"))
        }
        // libFuzzer's timeout was 10 s for optimized code; debug builds get more.
        Ok(()) if took > Duration::from_secs(30) => Err(format!("{label}: took {took:?}")),
        Ok(()) => Ok(()),
    }
}

fn assert_all(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn minimized_fuzz_findings_replay_cleanly() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (target, check) in EVERY_SPLIT {
        for file in files_in(&fuzz_fixtures().join(target)) {
            let input = std::fs::read(&file).expect("read reproducer");
            let label = format!("{target}/{}", file.file_name().unwrap().to_string_lossy());
            count += 1;
            if let Err(e) = replay(&label, check, &input) {
                failures.push(e);
            }
        }
    }
    eprintln!("replayed {count} fuzz reproducer(s)");
    assert_all(failures);
}

#[test]
fn nasty_seeds_pass_every_target() {
    let seeds = files_in(&fuzz_fixtures().join("seeds"));
    assert!(
        !seeds.is_empty(),
        "tests/fixtures/fuzz/seeds holds the hand-picked seeds"
    );
    let mut failures = Vec::new();
    for file in &seeds {
        let input = std::fs::read(file).expect("read seed");
        let name = file.file_name().unwrap().to_string_lossy();
        for (target, check) in EVERY_SPLIT {
            if let Err(e) = replay(&format!("{target}: seeds/{name}"), check, &input) {
                failures.push(e);
            }
        }
    }
    assert_all(failures);
}

#[test]
fn release_note_fixtures_pass_every_target() {
    let mut files = xml_files(&release_notes_dir());
    files.extend(xml_files(&misprinted_dir()));
    let mut failures = Vec::new();
    for file in &files {
        let input = std::fs::read(file).expect("read fixture");
        let name = file
            .strip_prefix(release_notes_dir())
            .unwrap_or(file)
            .display()
            .to_string();
        for (target, check) in EVERY_SPLIT {
            if let Err(e) = replay(&format!("{target}: {name}"), check, &input) {
                failures.push(e);
            }
        }
    }
    assert_all(failures);
}

#[test]
fn synthetic_documents_pass_every_target() {
    let out_dir = std::env::var_os("QUALYS_WAS_FUZZ_SEEDS").map(PathBuf::from);
    if let Some(dir) = &out_dir {
        std::fs::create_dir_all(dir).expect("create the seed directory");
    }
    let mut failures = Vec::new();
    for schema in Schema::ALL {
        let model = schema.model();
        for root in model.roots {
            // Two variants: different enumeration values and choice branches.
            for variant in 0..2 {
                let xml = full_document(model, root, variant);
                let name = format!("synth-{schema}-{}-{variant}.xml", root.name);
                if let Some(dir) = &out_dir {
                    std::fs::write(dir.join(&name), &xml).expect("write seed");
                }
                for (target, check) in TARGETS {
                    if let Err(e) = replay(&format!("{target}: {name}"), check, xml.as_bytes()) {
                        failures.push(e);
                    }
                }
            }
        }
    }
    assert_all(failures);
}

/// `tests/fixtures/fuzz/positions/<name>.<LINE>-<COL>.xml`: malformed `WasScan`
/// documents whose (first, fatal) error must be reported at `LINE:COL`, the start of
/// the offending markup, with the matching byte offset, by both the validator and the
/// parser.
#[test]
fn error_positions_point_at_the_offending_markup() {
    let files = files_in(&fuzz_fixtures().join("positions"));
    assert!(
        !files.is_empty(),
        "tests/fixtures/fuzz/positions holds the cases"
    );
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (line, column) = name
            .strip_suffix(".xml")
            .and_then(|n| n.rsplit('.').next())
            .and_then(|lc| lc.split_once('-'))
            .and_then(|(l, c)| Some((l.parse::<u32>().ok()?, c.parse::<u32>().ok()?)))
            .unwrap_or_else(|| panic!("{name}: expected <name>.<LINE>-<COL>.xml"));
        let input = std::fs::read(file).expect("read case");
        let line_start: usize = input
            .split_inclusive(|b| *b == b'\n')
            .take(line as usize - 1)
            .map(<[u8]>::len)
            .sum();
        let bom = if line == 1 && input.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let expected = qualys_was_types::Position {
            line,
            column,
            offset: (line_start + bom + column as usize - 1) as u64,
        };
        let violations = qualys_was_types::validate(&input[..], Schema::WasScan).expect("no I/O");
        match violations.last() {
            Some(v) if v.position == expected => {}
            other => failures.push(format!(
                "{name}: validator: expected {expected:?}, got {other:?}"
            )),
        }
        let options = qualys_was_types::ReadOptions::default();
        match qualys_was_types::Document::from_reader(&input[..], Some(Schema::WasScan), &options) {
            Err(e) if e.position == expected => {}
            Err(e) => failures.push(format!(
                "{name}: parser: expected {expected:?}, got {:?}: {e}",
                e.position
            )),
            Ok(_) => failures.push(format!("{name}: parser accepted it")),
        }
    }
    assert_all(failures);
}
