//! Errors of the generator, one enum per stage and an umbrella [`Error`].

use std::path::PathBuf;

/// Reading a schema with xsd-parser failed.
#[derive(Debug, thiserror::Error)]
#[error("{file}: xsd-parser could not read the schema: {message}")]
pub struct ReadError {
    /// The schema file name.
    pub file: String,
    /// xsd-parser's message.
    pub message: String,
}

/// Lowering xsd-parser's meta types into our IR failed.
#[derive(Debug, thiserror::Error)]
pub enum LowerError {
    /// The schema uses an XSD construct outside the subset we generate code for.
    #[error("{file}: type `{ty}`: unsupported XSD construct: {what}")]
    Unsupported {
        /// The schema file name.
        file: String,
        /// The XSD type (or element) name.
        ty: String,
        /// What is not supported.
        what: String,
    },
    /// A type reference could not be resolved.
    #[error("{file}: type `{ty}` refers to an unknown type `{target}`")]
    UnknownType {
        /// The schema file name.
        file: String,
        /// The referring type.
        ty: String,
        /// The missing type.
        target: String,
    },
    /// A facet value is not valid for its type.
    #[error("{file}: type `{ty}`: facet {facet} has invalid value `{value}`")]
    BadFacet {
        /// The schema file name.
        file: String,
        /// The type.
        ty: String,
        /// The facet.
        facet: &'static str,
        /// The value.
        value: String,
    },
}

/// A pass over the IR found an inconsistency.
#[derive(Debug, thiserror::Error)]
pub enum PassError {
    /// Two items would get the same Rust name.
    #[error("module `{module}`: `{first}` and `{second}` both map to the Rust name `{rust}`")]
    NameClash {
        /// The module.
        module: String,
        /// The first XSD name.
        first: String,
        /// The second XSD name.
        second: String,
        /// The clashing Rust name.
        rust: String,
    },
}

/// Rendering or formatting the Rust code failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The tokens did not parse as a Rust file (a generator bug).
    #[error("generated module `{module}` is not valid Rust: {message}")]
    Syntax {
        /// The module.
        module: String,
        /// syn's message.
        message: String,
    },
    /// A name the renderer needs was not assigned by the naming pass.
    #[error("no Rust name was assigned to `{0}`")]
    Unnamed(String),
}

/// Writing or checking generated files failed.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// An I/O error on a file.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Any error of the generator.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// See [`ReadError`].
    #[error(transparent)]
    Read(#[from] ReadError),
    /// See [`LowerError`].
    #[error(transparent)]
    Lower(#[from] LowerError),
    /// See [`PassError`].
    #[error(transparent)]
    Pass(#[from] PassError),
    /// See [`RenderError`].
    #[error(transparent)]
    Render(#[from] RenderError),
    /// See [`EmitError`].
    #[error(transparent)]
    Emit(#[from] EmitError),
}
