//! `qualys-was-types` must not pull in the generator: no xsd-parser, codegen,
//! prettyplease, and no syn/quote at run time (they appear only as compile-time
//! dependencies of the serde and thiserror derive macros).

use std::process::Command;

#[test]
fn runtime_dependencies_exclude_the_generator() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "qualys-was-types",
            "-e",
            "normal,no-proc-macro",
            "--prefix",
            "none",
        ])
        .current_dir(qualys_was_tests::repo_root())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(crates.contains(&"quick-xml"), "{tree}");
    for banned in [
        "xsd-parser",
        "codegen",
        "prettyplease",
        "syn",
        "quote",
        "proc-macro2",
        "heck",
    ] {
        assert!(
            !crates.contains(&banned),
            "{banned} in the runtime tree:\n{tree}"
        );
    }
}
