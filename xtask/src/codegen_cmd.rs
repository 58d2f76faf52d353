//! `cargo xtask codegen [--check]`.

use std::process::ExitCode;

use anyhow::Context;
use codegen::emit::Mode;

/// Arguments of `cargo xtask codegen`.
#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 naming every stale generated file.
    #[arg(long)]
    check: bool,
}

/// Runs the generator over `schemas/` into `qualys-was-types/src/generated/`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = crate::workspace_root();
    let schemas = root.join("schemas");
    let out = root.join("qualys-was-types/src/generated");
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let stale = codegen::run(&schemas, &out, mode).context("code generation failed")?;
    let rel = |p: &std::path::Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    if args.check {
        if stale.is_empty() {
            println!("generated code is up to date");
            return Ok(ExitCode::SUCCESS);
        }
        for p in &stale {
            eprintln!("stale: {}", rel(p));
        }
        eprintln!("run `cargo xtask codegen` to regenerate");
        return Ok(ExitCode::from(1));
    }
    for p in &stale {
        println!("wrote {}", rel(p));
    }
    if stale.is_empty() {
        println!("generated code is up to date");
    }
    Ok(ExitCode::SUCCESS)
}
