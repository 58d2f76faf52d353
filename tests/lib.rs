//! Shared helpers for workspace tests: where the repository, its schemas and fixtures, and the
//! shared (read-only, not vendored) real-world documents live.

pub mod events;
pub mod mutate;
pub mod synth;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The four vendored schemas, by file stem (`schemas/<stem>.xsd`).
pub const SCHEMAS: [&str; 4] = ["finding", "wasscan", "optionprofile", "report"];

/// Environment variable that overrides the location of the shared folder (default `<repo>/../shared`).
pub const SHARED_ENV: &str = "QUALYS_WAS_SHARED";

/// Root of the repository (the parent of this `tests/` package).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package lives one level below the repository root")
        .to_path_buf()
}

/// `schemas/<stem>.xsd`.
pub fn schema_path(stem: &str) -> PathBuf {
    repo_root().join("schemas").join(format!("{stem}.xsd"))
}

/// `tests/fixtures/release-notes`: the XML samples of the 2.44 release notes, repaired.
pub fn release_notes_dir() -> PathBuf {
    repo_root()
        .join("tests")
        .join("fixtures")
        .join("release-notes")
}

/// `tests/fixtures/release-notes/misprinted`: the same samples as printed (negative fixtures).
pub fn misprinted_dir() -> PathBuf {
    release_notes_dir().join("misprinted")
}

/// The shared folder: `$QUALYS_WAS_SHARED` if set, else `<repo>/../shared`.
/// An `Err` with the reason when it is not a directory.
pub fn shared_dir() -> Result<PathBuf, String> {
    let dir = match std::env::var_os(SHARED_ENV) {
        Some(d) => PathBuf::from(d),
        None => repo_root().join("..").join("shared"),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(format!(
            "shared folder {} not found (set {SHARED_ENV} to point at it)",
            dir.display()
        ))
    }
}

/// The `*.xml` files directly inside `dir`, sorted by name. Panics if `dir` cannot be read.
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    files
}

/// Schema stem of a fixture named `<stem>-<rest>.xml`, e.g. `report-create-request.xml` -> `report`.
/// Panics if the name does not start with one of [`SCHEMAS`].
pub fn schema_of_fixture(path: &Path) -> &'static str {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("fixture file name is UTF-8");
    let stem = name.split('-').next().unwrap_or(name);
    SCHEMAS
        .iter()
        .copied()
        .find(|s| *s == stem)
        .unwrap_or_else(|| {
            panic!("fixture {name} does not start with a schema name and '-' ({SCHEMAS:?})")
        })
}

/// Whether `program args...` can be run and exits successfully (output discarded).
pub fn command_succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
