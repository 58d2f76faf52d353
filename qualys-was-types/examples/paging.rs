//! Pages through a finding search the way real clients do: after each page with
//! `hasMoreRecords` true, ask again with `Criteria field="id" operator="GREATER"` on the
//! page's `lastId`. Error responses become `ApiError`s.
//!
//! The "server" here is a function over 25 made-up findings answering XML the way the
//! Qualys API does, so the example runs offline.
//!
//! ```text
//! cargo run -p qualys-was-types --example paging
//! ```

use qualys_was_types::generated::finding::{FindingServiceRequest, FindingServiceResponse};
use qualys_was_types::{
    from_xml, to_xml, ApiError, CriteriaOperator, SearchRequest, ServiceRequestExt,
    ServiceResponseExt,
};

/// Answers a search over findings 1001..=1025 of web application 81221901.
fn server(request_xml: &str) -> String {
    let request: FindingServiceRequest = match from_xml(request_xml) {
        Ok(r) => r,
        Err(e) => {
            return format!(
                "<ServiceResponse><responseCode>INVALID_REQUEST</responseCode>\
                 <responseErrorDetails><errorMessage>{e}</errorMessage></responseErrorDetails>\
                 </ServiceResponse>"
            )
        }
    };
    let criteria = request
        .filters
        .as_ref()
        .map(|f| f.criteria.clone())
        .unwrap_or_default();
    let mut after = 0_i64;
    for c in &criteria {
        if c.field == "id" && c.operator == CriteriaOperator::Greater {
            match c.value.parse() {
                Ok(id) => after = id,
                Err(_) => {
                    return format!(
                        "<ServiceResponse><responseCode>INVALID_REQUEST</responseCode>\
                         <responseErrorDetails><errorMessage>Criteria: Invalid value format \
                         for criteria 'id' ({}).</errorMessage><errorResolution>Specify criteria \
                         value(s) as Long.</errorResolution></responseErrorDetails>\
                         </ServiceResponse>",
                        c.value
                    )
                }
            }
        }
    }
    let limit = request
        .preferences
        .as_ref()
        .and_then(|p| p.limit_results)
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(100);
    let rest: Vec<i64> = (1001..=1025).filter(|id| *id > after).collect();
    let page: Vec<i64> = rest.iter().copied().take(limit).collect();
    let more = rest.len() > page.len();
    let last_id = match (more, page.last()) {
        (true, Some(id)) => format!("<lastId>{id}</lastId>"),
        _ => String::new(),
    };
    let findings: String = page
        .iter()
        .map(|id| format!("<Finding><id>{id}</id><qid>150208</qid></Finding>"))
        .collect();
    format!(
        "<ServiceResponse><responseCode>SUCCESS</responseCode><count>{}</count>\
         <hasMoreRecords>{more}</hasMoreRecords>{last_id}<data>{findings}</data>\
         </ServiceResponse>",
        page.len()
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut request = SearchRequest::new()
        .limit_results(10)
        .criteria_in("webApp.id", [81_221_901])
        .build_finding();
    let mut total = 0;
    loop {
        println!("> {}", to_xml(&request));
        let response: FindingServiceResponse = from_xml(&server(&to_xml(&request)))?;
        // Work out the next request before the response is consumed.
        let next = request.next_page(&response);
        let data = response.into_result()?;
        let ids: Vec<i64> = data.finding.iter().filter_map(|f| f.id).collect();
        println!("< {} findings: {ids:?}", ids.len());
        total += ids.len();
        match next {
            Some(n) => request = n,
            None => break,
        }
    }
    println!("{total} findings in all");

    // A bad criteria value: the error response maps to an ApiError.
    let bad = SearchRequest::new()
        .criteria("id", CriteriaOperator::Greater, "abc123")
        .build_finding();
    let response: FindingServiceResponse = from_xml(&server(&to_xml(&bad)))?;
    match response.into_result() {
        Ok(_) => println!("unexpected success"),
        Err(ApiError {
            code,
            message,
            resolution,
            ..
        }) => {
            println!("{code}: {message}");
            if let Some(r) = resolution {
                println!("  fix: {r}");
            }
        }
    }
    Ok(())
}
