//! `cargo xtask roundtrip [--schema S] FILE`: parse into the typed value, print it
//! re-serialized.

use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use qualys_was_types::{Document, ReadOptions, Schema};

/// Arguments of `cargo xtask roundtrip`.
#[derive(clap::Args)]
pub struct Args {
    /// The schema; without it, it comes from the root element and
    /// `xsi:noNamespaceSchemaLocation`.
    #[arg(long, value_parser = crate::validate_cmd::parse_schema)]
    schema: Option<Schema>,
    /// Reject elements and attributes the schema does not know.
    #[arg(long)]
    strict: bool,
    /// Write compact XML instead of indented.
    #[arg(long)]
    compact: bool,
    /// The document.
    file: PathBuf,
}

/// Exit 0 and the document on stdout; 1 with a positioned error when it does not
/// parse; 2 when the file cannot be read.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let shown = args.file.display().to_string();
    let input = match std::fs::File::open(&args.file) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(e) => {
            eprintln!("{shown}: error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let options = ReadOptions {
        strict: args.strict,
        ..ReadOptions::default()
    };
    match Document::from_reader(input, args.schema, &options) {
        Ok(doc) => {
            let out = if args.compact {
                doc.to_xml()
            } else {
                doc.to_xml_pretty()
            };
            println!("{out}");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{shown}:{e}");
            Ok(ExitCode::from(1))
        }
    }
}
