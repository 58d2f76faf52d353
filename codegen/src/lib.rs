//! The generator library.
