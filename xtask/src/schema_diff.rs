//! `cargo xtask schema-diff OLD_DIR NEW_DIR [--format text|markdown] [--fail-on-breaking]`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Long help of `cargo xtask schema-diff`.
pub const LONG_ABOUT: &str = "\
Compare two folders of Qualys WAS schemas and report every change together with its \
effect on the generated Rust API (qualys-was-types).

Both folders are read like `cargo xtask codegen` reads schemas/: finding.xsd, \
optionprofile.xsd, report.xsd and wasscan.xsd, whichever exist. The comparison runs on \
the generator's IR, per schema file, before types shared by several schemas are moved \
into the `shared` module. It reports types, elements, attributes, enumeration values, \
compositors, facets and global elements that were added, removed or changed, each \
marked compatible or BREAKING with the reason, and ends with a suggested semver bump \
(\"major (0.x: minor)\" style, since a pre-1.0 crate bumps one level lower).

Rules, in short: generated structs are meant to be built with `..Default::default()`, so \
a new optional element or attribute (an Option field), a new repeated element with \
minOccurs=\"0\" (a Vec field), a new type and a new value of an open enumeration are \
compatible. A new value of a closed enumeration, removing or renaming anything, \
optional <-> required, one -> many, a change of a field's Rust type, a tightened \
facet, a new global element (a new variant of the schema's `Root` enum) and a type \
moving into or out of the `shared` module are breaking.

Upgrade workflow for a new Qualys release:
  1. Put the release's XSDs in a scratch folder, e.g. new-schemas/.
  2. cargo xtask schema-diff schemas/ new-schemas/
     (add --format markdown to paste the report into the pull request or CHANGELOG).
  3. Copy the new XSDs over schemas/ and run `cargo xtask codegen`.
  4. Bump qualys-was-types as suggested and note the changes in CHANGELOG.md.
In CI, --fail-on-breaking turns a breaking change into a failure.

Exit status: 0 when the comparison ran (whatever it found); 1 with --fail-on-breaking \
when a change is breaking; 2 on usage errors, unreadable folders or invalid schemas.";

/// Output format of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, one change per line with its reason below.
    Text,
    /// Markdown: a table per schema file, for pull requests and changelogs.
    Markdown,
}

/// Arguments of `cargo xtask schema-diff`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder with the current schemas (usually schemas/).
    #[arg(value_name = "OLD_DIR")]
    old: PathBuf,
    /// Folder with the new schemas.
    #[arg(value_name = "NEW_DIR")]
    new: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with status 1 when any change is breaking.
    #[arg(long)]
    fail_on_breaking: bool,
}

/// Diffs the two folders and prints the report on stdout.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let diff = codegen::diff::diff_dirs(&args.old, &args.new).with_context(|| {
        format!(
            "cannot compare {} with {}",
            args.old.display(),
            args.new.display()
        )
    })?;
    let report = match args.format {
        Format::Text => diff.render_text(),
        Format::Markdown => diff.render_markdown(),
    };
    print!("{report}");
    Ok(ExitCode::from(diff.exit_code(args.fail_on_breaking)))
}
