//! `cargo xtask validate [--schema S] [--schema-only] [--format text|json] FILE...`.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use qualys_was_types::{Schema, ValidateOptions, Violation};

/// Output formats.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// `FILE:LINE:COL: error: PATH: MESSAGE`, one line per violation.
    Text,
    /// JSON lines: one object per violation with `file`, `kind`, `position`
    /// (`line`, `column`, `offset`), `path` and `message`; see docs/validate-json.md.
    Json,
}

/// Arguments of `cargo xtask validate`.
#[derive(clap::Args)]
pub struct Args {
    /// The schema; without it, it comes from the root element and
    /// `xsi:noNamespaceSchemaLocation`.
    #[arg(long, value_parser = parse_schema)]
    schema: Option<Schema>,
    /// Check the XSD only, without the Qualys API rules (such as the 500-target
    /// report limit).
    #[arg(long)]
    schema_only: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Documents to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Parses a schema name for clap.
pub fn parse_schema(s: &str) -> Result<Schema, String> {
    s.parse::<Schema>().map_err(|e| e.to_string())
}

#[derive(serde::Serialize)]
struct JsonViolation<'a> {
    file: String,
    #[serde(flatten)]
    violation: &'a Violation,
}

/// Exit 0 when every file conforms, 1 when any has a violation (malformed XML
/// included), 2 on a usage or I/O error.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let options = ValidateOptions {
        schema_only: args.schema_only,
        ..ValidateOptions::default()
    };
    let mut any_violation = false;
    let mut io_error = false;
    for file in &args.files {
        let shown = file.display().to_string();
        let input = match std::fs::File::open(file) {
            Ok(f) => BufReader::with_capacity(1 << 16, f),
            Err(e) => {
                eprintln!("{shown}: error: {e}");
                io_error = true;
                continue;
            }
        };
        let (_, violations) = match qualys_was_types::validate_with(input, args.schema, &options) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{shown}: error: {e}");
                io_error = true;
                continue;
            }
        };
        any_violation |= !violations.is_empty();
        for v in &violations {
            match args.format {
                Format::Text => println!("{shown}:{v}"),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string(&JsonViolation {
                        file: shown.clone(),
                        violation: v,
                    })?
                ),
            }
        }
    }
    Ok(if io_error {
        ExitCode::from(2)
    } else if any_violation {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
