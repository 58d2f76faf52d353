//! The properties the fuzz targets check. `tests/fuzz_regressions.rs` includes
//! [`checks`] as a module, so CI replays every committed input through exactly
//! the same checks.

pub mod checks;
