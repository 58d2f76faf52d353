//! Typed access to `ServiceResponse` envelopes: success data or an [`ApiError`].
//!
//! Every Qualys WAS call answers with the same envelope (`responseCode`,
//! `responseErrorDetails`, `count`, `hasMoreRecords`, `lastId`, `data`), and each
//! schema has its own generated type for it. [`ServiceResponseExt`] gives the four of
//! them one interface:
//!
//! * [`into_result`](ServiceResponseExt::into_result): the `data` on `SUCCESS`, else
//!   an [`ApiError`] with the code, message and resolution of the response;
//! * [`error`](ServiceResponseExt::error): the same error, borrowing the response;
//! * [`has_more_records`](ServiceResponseExt::has_more_records) and
//!   [`last_id`](ServiceResponseExt::last_id) for [paging](crate::paging).
//!
//! ```
//! use qualys_was_types::generated::finding::FindingServiceResponse;
//! use qualys_was_types::generated::shared::ResponseCode;
//! use qualys_was_types::ServiceResponseExt;
//!
//! let xml = r#"<ServiceResponse>
//!   <responseCode>INVALID_REQUEST</responseCode>
//!   <responseErrorDetails>
//!     <errorMessage>Criteria: Invalid value format for criteria 'webApp.id' (abc123).</errorMessage>
//!     <errorResolution>Specify criteria value(s) as Long.</errorResolution>
//!   </responseErrorDetails>
//! </ServiceResponse>"#;
//! let response: FindingServiceResponse = qualys_was_types::from_xml(xml)?;
//! let error = response.into_result().unwrap_err();
//! assert_eq!(error.code, ResponseCode::InvalidRequest);
//! assert_eq!(error.resolution.as_deref(), Some("Specify criteria value(s) as Long."));
//! assert_eq!(
//!     error.to_string(),
//!     "Qualys API error INVALID_REQUEST: Criteria: Invalid value format for criteria \
//!      'webApp.id' (abc123). (resolution: Specify criteria value(s) as Long.)"
//! );
//!
//! let ok = "<ServiceResponse><responseCode>SUCCESS</responseCode><count>0</count></ServiceResponse>";
//! let response: FindingServiceResponse = qualys_was_types::from_xml(ok)?;
//! assert!(response.into_result().unwrap().finding.is_empty());
//! # Ok::<(), qualys_was_types::Error>(())
//! ```

use std::fmt;

use crate::generated::shared::{ResponseCode, ResponseErrorDetails};
use crate::generated::{finding, optionprofile, report, wasscan};
use crate::XmlRoot;

/// A `ServiceResponse` whose `responseCode` is not `SUCCESS`.
///
/// The fields are those of the response: `responseCode`, and from
/// `responseErrorDetails` the `errorMessage`, `errorResolution` and
/// `internalErrorCodeId`. A failed response without `responseErrorDetails` gives an
/// empty `message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Qualys API error {code}: {}{}{}",
    display_message(.message),
    DisplayResolution(.resolution.as_deref()),
    DisplayInternalCode(*.internal_code))]
pub struct ApiError {
    /// `responseCode`, e.g. `INVALID_REQUEST`, `INVALID_CREDENTIALS`, `UNAUTHORIZED`.
    pub code: ResponseCode,
    /// `responseErrorDetails/errorMessage`; empty when the response has no details.
    pub message: String,
    /// `responseErrorDetails/errorResolution`: how to fix the request, if given.
    pub resolution: Option<String>,
    /// `responseErrorDetails/internalErrorCodeId`, if given.
    pub internal_code: Option<i32>,
}

fn display_message(message: &str) -> &str {
    if message.is_empty() {
        "(no error details)"
    } else {
        message
    }
}

struct DisplayResolution<'a>(Option<&'a str>);

impl fmt::Display for DisplayResolution<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(r) => write!(f, " (resolution: {r})"),
            None => Ok(()),
        }
    }
}

struct DisplayInternalCode(Option<i32>);

impl fmt::Display for DisplayInternalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(c) => write!(f, " [internal error code {c}]"),
            None => Ok(()),
        }
    }
}

impl ApiError {
    /// The error of a response with `code` and optional `responseErrorDetails`.
    pub fn new(code: ResponseCode, details: Option<&ResponseErrorDetails>) -> Self {
        match details {
            Some(d) => ApiError {
                code,
                message: d.error_message.clone(),
                resolution: d.error_resolution.clone(),
                internal_code: d.internal_error_code_id,
            },
            None => ApiError {
                code,
                message: String::new(),
                resolution: None,
                internal_code: None,
            },
        }
    }
}

/// The common interface of the four schemas' `ServiceResponse` types
/// ([`FindingServiceResponse`](finding::FindingServiceResponse),
/// [`WasScanServiceResponse`](wasscan::WasScanServiceResponse),
/// [`OptionProfileServiceResponse`](optionprofile::OptionProfileServiceResponse),
/// [`ReportServiceResponse`](report::ReportServiceResponse)).
///
/// The envelope is the same for every QPS module, so an error response of any module
/// (e.g. `INVALID_CREDENTIALS` from asset management) parses with any of them.
pub trait ServiceResponseExt: XmlRoot + Sized {
    /// The schema's `ServiceResponse/data` type.
    type Data: Default;

    /// `responseCode`.
    fn response_code(&self) -> &ResponseCode;

    /// `responseErrorDetails`, present on error responses.
    fn error_details(&self) -> Option<&ResponseErrorDetails>;

    /// `count`: the number of objects in `data` (absent on error responses).
    fn count(&self) -> Option<i32>;

    /// `hasMoreRecords` is `true`: a search has further pages.
    fn has_more_records(&self) -> bool;

    /// `lastId`: the id of the last object returned (search responses with more
    /// records).
    fn last_id(&self) -> Option<i64>;

    /// Takes `data` out of the response (`None` when absent).
    fn into_data(self) -> Option<Self::Data>;

    /// Whether `responseCode` is `SUCCESS`.
    fn is_success(&self) -> bool {
        *self.response_code() == ResponseCode::Success
    }

    /// The [`ApiError`] of a response that is not `SUCCESS`; `None` on success.
    fn error(&self) -> Option<ApiError> {
        if self.is_success() {
            None
        } else {
            Some(ApiError::new(
                self.response_code().clone(),
                self.error_details(),
            ))
        }
    }

    /// `Ok(data)` on `SUCCESS` (an empty `data` when the response has none, as finding
    /// searches with count 0), otherwise `Err` with the response's error.
    fn into_result(self) -> Result<Self::Data, ApiError> {
        match self.error() {
            Some(e) => Err(e),
            None => Ok(self.into_data().unwrap_or_default()),
        }
    }
}

macro_rules! service_response {
    ($($ty:ty => $data:ty),* $(,)?) => {$(
        impl ServiceResponseExt for $ty {
            type Data = $data;

            fn response_code(&self) -> &ResponseCode {
                &self.response_code
            }

            fn error_details(&self) -> Option<&ResponseErrorDetails> {
                self.response_error_details.as_ref()
            }

            fn count(&self) -> Option<i32> {
                self.count
            }

            fn has_more_records(&self) -> bool {
                self.has_more_records == Some(true)
            }

            fn last_id(&self) -> Option<i64> {
                self.last_id
            }

            fn into_data(self) -> Option<Self::Data> {
                self.data
            }
        }
    )*};
}

service_response! {
    finding::FindingServiceResponse => finding::FindingResponseData,
    wasscan::WasScanServiceResponse => wasscan::WasScanResponseData,
    optionprofile::OptionProfileServiceResponse => optionprofile::OptionProfileResponseData,
    report::ReportServiceResponse => report::ReportResponseData,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(
        code: ResponseCode,
        details: Option<ResponseErrorDetails>,
    ) -> report::ReportServiceResponse {
        report::ReportServiceResponse {
            response_code: code,
            response_error_details: details,
            count: None,
            has_more_records: None,
            last_id: None,
            data: None,
        }
    }

    #[test]
    fn display_forms() {
        let full = ApiError {
            code: ResponseCode::Other("LIMIT_EXCEEDED".into()),
            message: "Too many".into(),
            resolution: Some("Wait".into()),
            internal_code: Some(7),
        };
        assert_eq!(
            full.to_string(),
            "Qualys API error LIMIT_EXCEEDED: Too many (resolution: Wait) [internal error code 7]"
        );
        let bare = ApiError::new(ResponseCode::Unauthorized, None);
        assert_eq!(
            bare.to_string(),
            "Qualys API error UNAUTHORIZED: (no error details)"
        );
    }

    #[test]
    fn success_without_data_is_empty() {
        let data = response(ResponseCode::Success, None).into_result();
        assert_eq!(data, Ok(report::ReportResponseData::default()));
    }

    #[test]
    fn failure_without_details_is_an_error() {
        let err = response(ResponseCode::InvalidRequest, None).into_result();
        assert_eq!(err, Err(ApiError::new(ResponseCode::InvalidRequest, None)));
    }

    #[test]
    fn success_with_details_is_success() {
        let details = ResponseErrorDetails {
            error_message: "ignored".into(),
            error_resolution: None,
            internal_error_code_id: None,
        };
        let r = response(ResponseCode::Success, Some(details));
        assert!(r.error().is_none());
    }
}
