//! Paging through search results by id.
//!
//! A search answers at most `limitResults` objects (100 by default). When more match,
//! the response says `hasMoreRecords` `true` and gives the `lastId` of the page; real
//! clients then ask again with the same request plus
//! `<Criteria field="id" operator="GREATER">lastId</Criteria>`. [`next_page`] builds
//! that request:
//!
//! * an existing `id GREATER` criterion is replaced in place (a second or later one is
//!   dropped), every other criterion is kept in its order; without one, the new
//!   criterion is appended;
//! * preferences are kept (page size, `verbose`, ...), except that a
//!   `startFromOffset` is reset to 1: the first page consumed the offset, and keeping
//!   it together with the id criterion would skip records;
//! * `None` when the response has no more records, i.e. `hasMoreRecords` is not `true`
//!   (as on error responses) or no `lastId` is given.
//!
//! ```
//! use qualys_was_types::generated::finding::FindingServiceResponse;
//! use qualys_was_types::{from_xml, CriteriaOperator, SearchRequest, ServiceRequestExt};
//!
//! let request = SearchRequest::new()
//!     .limit_results(1)
//!     .criteria_in("webApp.id", [81221901])
//!     .build_finding();
//! let response: FindingServiceResponse = from_xml(
//!     "<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count>\
//!      <hasMoreRecords>true</hasMoreRecords><lastId>3158304</lastId></ServiceResponse>",
//! )?;
//!
//! let next = request.next_page(&response).expect("more records");
//! let criteria = &next.filters.as_ref().unwrap().criteria;
//! assert_eq!(criteria.len(), 2);
//! assert_eq!(criteria[0].field, "webApp.id");
//! assert_eq!(
//!     (criteria[1].field.as_str(), criteria[1].operator, criteria[1].value.as_str()),
//!     ("id", CriteriaOperator::Greater, "3158304")
//! );
//! assert_eq!(next.preferences, request.preferences);
//!
//! let last: FindingServiceResponse = from_xml(
//!     "<ServiceResponse><responseCode>SUCCESS</responseCode><count>1</count>\
//!      <hasMoreRecords>false</hasMoreRecords></ServiceResponse>",
//! )?;
//! assert!(request.next_page(&last).is_none());
//! # Ok::<(), qualys_was_types::Error>(())
//! ```

use crate::generated::shared::{Criteria, CriteriaOperator, Filters};
use crate::request::ServiceRequestExt;
use crate::response::ServiceResponseExt;

/// The field of the paging criterion: the object id.
pub const ID_FIELD: &str = "id";

/// The paging criterion: `<Criteria field="id" operator="GREATER">last_id</Criteria>`.
pub fn after_id(last_id: i64) -> Criteria {
    Criteria {
        field: ID_FIELD.to_owned(),
        operator: CriteriaOperator::Greater,
        value: last_id.to_string(),
    }
}

fn is_paging_criterion(c: &Criteria) -> bool {
    c.field == ID_FIELD && c.operator == CriteriaOperator::Greater
}

/// The request for the page after `response`, which answered `request`; `None` when
/// there are no more records. See the [module documentation](self).
pub fn next_page<Q, S>(request: &Q, response: &S) -> Option<Q>
where
    Q: ServiceRequestExt,
    S: ServiceResponseExt,
{
    if !response.has_more_records() {
        return None;
    }
    let last_id = response.last_id()?;
    let mut next = request.clone();

    let filters = next.filters_mut().get_or_insert_with(Filters::default);
    let mut replaced = false;
    filters.criteria.retain_mut(|c| {
        if !is_paging_criterion(c) {
            true
        } else if replaced {
            false
        } else {
            *c = after_id(last_id);
            replaced = true;
            true
        }
    });
    if !replaced {
        filters.criteria.push(after_id(last_id));
    }

    if let Some(preferences) = next.preferences_mut() {
        if preferences.start_from_offset.is_some() {
            preferences.start_from_offset = Some(1);
        }
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generated::report::{ReportServiceRequest, ReportServiceResponse};
    use crate::generated::shared::ResponseCode;
    use crate::SearchRequest;

    fn response(has_more: Option<bool>, last_id: Option<i64>) -> ReportServiceResponse {
        ReportServiceResponse {
            response_code: ResponseCode::Success,
            response_error_details: None,
            count: Some(10),
            has_more_records: has_more,
            last_id,
            data: None,
        }
    }

    #[test]
    fn replaces_first_paging_criterion_and_drops_others() {
        let request: ReportServiceRequest = SearchRequest::new()
            .criteria("id", CriteriaOperator::Greater, 5)
            .criteria("name", CriteriaOperator::Contains, "x")
            .criteria("id", CriteriaOperator::Greater, 7)
            .criteria("id", CriteriaOperator::Lesser, 900)
            .start_from_offset(21)
            .limit_results(10)
            .build();
        let next = next_page(&request, &response(Some(true), Some(42)));
        let next = next.unwrap_or_default();
        let got: Vec<_> = next
            .filters
            .unwrap_or_default()
            .criteria
            .into_iter()
            .map(|c| (c.field, c.operator, c.value))
            .collect();
        assert_eq!(
            got,
            [
                ("id".to_owned(), CriteriaOperator::Greater, "42".to_owned()),
                (
                    "name".to_owned(),
                    CriteriaOperator::Contains,
                    "x".to_owned()
                ),
                ("id".to_owned(), CriteriaOperator::Lesser, "900".to_owned()),
            ]
        );
        let prefs = next.preferences.unwrap_or_default();
        assert_eq!(prefs.start_from_offset, Some(1));
        assert_eq!(prefs.limit_results, Some(10));
    }

    #[test]
    fn no_more_records() {
        let request = ReportServiceRequest::default();
        assert!(next_page(&request, &response(None, Some(1))).is_none());
        assert!(next_page(&request, &response(Some(false), Some(1))).is_none());
        assert!(next_page(&request, &response(Some(true), None)).is_none());
        let next = next_page(&request, &response(Some(true), Some(1))).unwrap_or_default();
        assert_eq!(next.preferences, None, "no preferences are invented");
        assert_eq!(next.filters.map(|f| f.criteria), Some(vec![after_id(1)]));
    }
}
