//! Running the document commands from an optimised build.
//!
//! `cargo xtask` builds xtask in the dev profile. `validate`, `roundtrip` and `bench`
//! process documents of hundreds of MB, so from a debug build they re-run themselves
//! through `cargo run --release`. Set `XTASK_NO_RELEASE=1` to stay in the current build.

use std::process::{Command, ExitCode};

/// Re-runs this xtask invocation from a release build when the current build is a
/// debug build. Returns the child's exit code, or `None` to go on in this process.
pub fn reexec_in_release() -> Option<ExitCode> {
    if !cfg!(debug_assertions) || std::env::var_os("XTASK_NO_RELEASE").is_some() {
        return None;
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
        .args(std::env::args_os().skip(1))
        .env("XTASK_NO_RELEASE", "1")
        .current_dir(crate::workspace_root())
        .status();
    match status {
        Ok(s) => Some(ExitCode::from(
            s.code().and_then(|c| u8::try_from(c).ok()).unwrap_or(2),
        )),
        Err(e) => {
            eprintln!("error: could not run the release build of xtask: {e}");
            Some(ExitCode::from(2))
        }
    }
}
