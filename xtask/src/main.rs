//! Project automation: `cargo xtask <command>`. See `cargo xtask --help`.

#[cfg(feature = "documents")]
mod bench;
mod codegen_cmd;
#[cfg(feature = "documents")]
mod release;
#[cfg(feature = "documents")]
mod roundtrip_cmd;
mod schema_diff;
#[cfg(feature = "documents")]
mod validate_cmd;

use clap::{Parser, Subcommand};

/// Tasks for the qualys-was workspace.
#[derive(Parser)]
#[command(name = "cargo xtask", about = "Tasks for the qualys-was workspace")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate qualys-was-types/src/generated/ from schemas/.
    Codegen(codegen_cmd::Args),
    /// Classify schema changes as compatible or breaking for the generated API:
    /// `cargo xtask schema-diff OLD_DIR NEW_DIR`.
    #[command(long_about = schema_diff::LONG_ABOUT)]
    SchemaDiff(schema_diff::Args),
    /// Check documents against the schemas: every violation with line and column.
    /// Exit 0 when all conform, 1 on any violation, 2 on a usage or I/O error.
    #[cfg(feature = "documents")]
    Validate(validate_cmd::Args),
    /// Parse a document into its typed value and print it re-serialized.
    #[cfg(feature = "documents")]
    Roundtrip(roundtrip_cmd::Args),
    /// Measure validate, parse, serialize and stream against the XML floor and
    /// xmllint, on synthetic scan downloads (1 MB, 100 MB; 500 MB for memory).
    #[cfg(feature = "documents")]
    Bench(bench::Args),
    /// One benchmark phase in its own process (used by `bench`).
    #[command(hide = true)]
    #[cfg(feature = "documents")]
    BenchPhase(bench::PhaseArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    #[cfg(feature = "documents")]
    if matches!(
        cli.command,
        Command::Validate(_) | Command::Roundtrip(_) | Command::Bench(_)
    ) {
        if let Some(code) = release::reexec_in_release() {
            return code;
        }
    }
    let result = match cli.command {
        Command::Codegen(args) => codegen_cmd::run(args),
        Command::SchemaDiff(args) => schema_diff::run(args),
        #[cfg(feature = "documents")]
        Command::Validate(args) => validate_cmd::run(args),
        #[cfg(feature = "documents")]
        Command::Roundtrip(args) => roundtrip_cmd::run(args),
        #[cfg(feature = "documents")]
        Command::Bench(args) => bench::run(args),
        #[cfg(feature = "documents")]
        Command::BenchPhase(args) => bench::run_phase(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}
