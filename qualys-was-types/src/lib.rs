//! Hand-written shell around the generated Qualys WAS types.
//!
//! * [`XmlReader`]: the streaming pull reader generated `FromXml` code drives, with
//!   positioned [`Error`]s, DTD rejection and resource [`Limits`].
//! * [`XmlWriter`]: compact or pretty XML output for generated `ToXml` code.
//! * [`XmlValue`] and the built-in value types [`DateTime`], [`Date`], [`Decimal`].
//! * [`validate`](mod@validate): the table-driven streaming validator over a
//!   [`model::SchemaModel`], plus the Qualys API rules in [`rules`].
//! * [`Schema`]: the four vendored schemas.
#![warn(missing_docs)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod api;
pub mod codec;
pub mod error;
mod lexer;
pub mod model;
pub mod paging;
pub mod reader;
pub mod request;
pub mod response;
pub mod rules;
pub mod schema;
pub mod stream;
pub mod validate;
pub mod value;
pub mod writer;

#[rustfmt::skip]
pub mod generated;

pub use api::*;
pub use codec::{FromXml, ToXml, XmlRoot};
pub use error::{Error, ErrorKind, Position, ValueError};
pub use reader::{Attribute, Limits, Mark, ReadOptions, XmlReader};
pub use request::{
    CriteriaOperator, OptionProfileRequest, ReportRequest, SearchRequest, ServiceRequestExt,
};
pub use response::{ApiError, ServiceResponseExt};
pub use rules::ApiRule;
pub use schema::Schema;
pub use validate::{validate_detect, validate_model, ValidateOptions, Violation, ViolationKind};
pub use value::{Date, DateTime, Decimal, XmlValue};
pub use writer::XmlWriter;
