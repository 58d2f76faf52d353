//! The typed side of the Qualys API rules: request builders, `ServiceResponse` errors,
//! paging, and the API-rule checks of `Validate` on built requests.

use std::path::{Path, PathBuf};

use qualys_was_tests::events::{canonical, first_difference, parse_tree, Node};
use qualys_was_tests::{release_notes_dir, shared_dir};
use qualys_was_types::generated::finding::{FindingServiceRequest, FindingServiceResponse};
use qualys_was_types::generated::optionprofile::{
    OptionProfileServiceRequest, OptionProfileServiceResponse,
};
use qualys_was_types::generated::report::{
    ReportFormat, ReportServiceRequest, ReportServiceResponse,
};
use qualys_was_types::generated::shared::{ResponseCode, TagInclusionOption};
use qualys_was_types::generated::wasscan::{WasScanServiceRequest, WasScanServiceResponse};
use qualys_was_types::{
    from_xml, to_xml, validate, ApiError, CriteriaOperator, OptionProfileRequest, ReportRequest,
    Schema, SearchRequest, ServiceRequestExt, ServiceResponseExt, Validate, Violation,
    ViolationKind, XmlRoot,
};

const WEBAPPS_MESSAGE: &str =
    "The report can not be generated because it has more than 500 web applications.";
const SCANS_MESSAGE: &str = "The report can not be generated because it has more than 500 scans.";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn release_note(name: &str) -> String {
    read(&release_notes_dir().join(name))
}

/// A document of the shared real-world folder, or `None` (with the reason printed)
/// when the folder is absent.
fn real_world(test: &str, relative: &str) -> Option<String> {
    match shared_dir() {
        Ok(dir) => {
            let path: PathBuf = dir.join("real-world").join(relative);
            Some(read(&path))
        }
        Err(reason) => {
            eprintln!("skipping {test}: {reason}");
            None
        }
    }
}

/// Asserts that `value` serializes to a document equal to `expected` as an event stream.
fn assert_same_events<T: XmlRoot>(value: &T, expected: &str, what: &str) {
    let model = T::SCHEMA.model();
    let built = to_xml(value);
    let got = canonical(&built, model);
    let want = canonical(expected, model);
    if let Some(d) = first_difference(&got, &want) {
        panic!("{what}: built request differs from the fixture at {d}\nbuilt: {built}");
    }
    assert_eq!(got, want, "{what}");
}

fn api_rule_violations(violations: &[Violation]) -> Vec<&Violation> {
    violations
        .iter()
        .filter(|v| v.kind == ViolationKind::ApiRule)
        .collect()
}

/// Both ways of validating a built value: `Validate::validate` and `validate` on
/// `to_xml` output. They must agree.
fn check<T: XmlRoot>(value: &T) -> Vec<Violation> {
    let typed = value.validate();
    let xml = to_xml(value);
    let streamed = validate(xml.as_bytes(), T::SCHEMA).expect("validating a string");
    assert_eq!(
        typed, streamed,
        "Validate::validate and validate(to_xml) disagree"
    );
    typed
}

fn assert_one_api_rule(violations: &[Violation], message: &str, path: &str) {
    assert_eq!(
        violations.len(),
        1,
        "exactly one violation expected, got {violations:#?}"
    );
    let v = &violations[0];
    assert_eq!(v.kind, ViolationKind::ApiRule, "{v}");
    assert_eq!(v.message, message);
    assert_eq!(v.path, path);
}

// ---------------------------------------------------------------------------------
// API rules through the typed API

#[test]
fn report_with_500_web_apps_passes_501_fails() {
    let ok = ReportRequest::web_app_report("500 web applications")
        .format(ReportFormat::Pdf)
        .webapps(1..=500)
        .build();
    assert_eq!(
        ok.data.as_ref().map(|d| d.report.config.as_ref().map(|c| c
            .web_app_report
            .as_ref()
            .and_then(|w| w.target.as_ref())
            .and_then(|t| t.webapps.as_ref())
            .map(|l| l.web_app.len()))),
        Some(Some(Some(500)))
    );
    let v = check(&ok);
    assert!(v.is_empty(), "500 web applications are allowed: {v:#?}");

    let too_many = ReportRequest::web_app_report("501 web applications")
        .format(ReportFormat::Pdf)
        .webapps(1..=500)
        .webapps([501])
        .build();
    assert_one_api_rule(
        &check(&too_many),
        WEBAPPS_MESSAGE,
        "/ServiceRequest/data/Report/config/webAppReport/target/webapps",
    );
}

#[test]
fn report_with_500_scans_passes_501_fails() {
    let ok = ReportRequest::scan_report("500 scans")
        .format(ReportFormat::Xml)
        .scans(1..=500)
        .build();
    let v = check(&ok);
    assert!(v.is_empty(), "500 scans are allowed: {v:#?}");

    let too_many = ReportRequest::scan_report("501 scans")
        .format(ReportFormat::Xml)
        .scans((1..=501).map(|i| 11_105_000 + i))
        .build();
    assert_one_api_rule(
        &check(&too_many),
        SCANS_MESSAGE,
        "/ServiceRequest/data/Report/config/scanReport/target/scans",
    );
}

#[test]
fn report_limits_are_counted_per_list() {
    // 500 web applications next to tags: tags are not counted.
    let request = ReportRequest::web_app_report("tags and 500 web applications")
        .included_tags(TagInclusionOption::Any, [1, 2, 3])
        .tags([4])
        .webapps(1..=500)
        .build();
    assert!(check(&request).is_empty());

    // Both lists over the limit: one violation each. (Two report configs also break
    // the schema's choice, which is reported as well.)
    let both = ReportRequest::web_app_report("both")
        .webapps(1..=501)
        .scans(1..=501)
        .build();
    let violations = check(&both);
    let mut rules: Vec<_> = api_rule_violations(&violations)
        .iter()
        .map(|v| v.message.as_str())
        .collect();
    rules.sort_unstable();
    assert_eq!(rules, [SCANS_MESSAGE, WEBAPPS_MESSAGE]);
    assert!(
        violations.iter().any(|v| v.kind != ViolationKind::ApiRule),
        "a config with two reports is not schema-valid: {violations:#?}"
    );
}

fn limit_results_violations<T: ServiceRequestExt>(limit: i32) -> Vec<Violation> {
    let request: T = SearchRequest::new()
        .limit_results(limit)
        .criteria("id", CriteriaOperator::Greater, 0)
        .build();
    check(&request)
}

fn assert_limit_results_rule<T: ServiceRequestExt>() {
    for ok in [1, 2, 100, 999, 1000] {
        let v = limit_results_violations::<T>(ok);
        assert!(v.is_empty(), "limitResults {ok} is allowed: {v:#?}");
    }
    for bad in [0, 1001, -1, 5000] {
        assert_one_api_rule(
            &limit_results_violations::<T>(bad),
            &format!("limitResults must be between 1 and 1000, got {bad}"),
            "/ServiceRequest/preferences/limitResults",
        );
    }
}

#[test]
fn limit_results_between_1_and_1000() {
    assert_limit_results_rule::<FindingServiceRequest>();
    assert_limit_results_rule::<WasScanServiceRequest>();
    assert_limit_results_rule::<OptionProfileServiceRequest>();
    assert_limit_results_rule::<ReportServiceRequest>();
}

// ---------------------------------------------------------------------------------
// Builders reproduce the release notes' requests

#[test]
fn finding_search_by_unique_id() {
    let request = SearchRequest::new()
        .criteria(
            "uniqueId",
            CriteriaOperator::Equals,
            "d6a88c61-fcda-4f46-9767-1d8cb521d953",
        )
        .verbose(true)
        .build_finding();
    let fixture = release_note("finding-search-request-unique-id.xml");
    assert_same_events(&request, &fixture, "finding-search-request-unique-id.xml");
    assert!(check(&request).is_empty());
    let parsed: FindingServiceRequest = from_xml(&fixture).expect("fixture parses");
    assert_eq!(parsed, request);
}

#[test]
fn option_profile_create() {
    let request = OptionProfileRequest::new()
        .name("Option Profile with SSL data")
        .detection_categories(["SSL/TLS and Certificate issues"])
        .build();
    let fixture = release_note("optionprofile-create-request.xml");
    assert_same_events(&request, &fixture, "optionprofile-create-request.xml");
    assert!(check(&request).is_empty());
    let parsed: OptionProfileServiceRequest = from_xml(&fixture).expect("fixture parses");
    assert_eq!(parsed, request);
}

#[test]
fn option_profile_update() {
    let request = OptionProfileRequest::new()
        .detection_categories(["SSL/TLS and Certificate issues"])
        .build();
    let fixture = release_note("optionprofile-update-request.xml");
    assert_same_events(&request, &fixture, "optionprofile-update-request.xml");
    assert!(check(&request).is_empty());
    let parsed: OptionProfileServiceRequest = from_xml(&fixture).expect("fixture parses");
    assert_eq!(parsed, request);
}

#[test]
fn report_create_with_web_app_tags() {
    let request = ReportRequest::web_app_report("Web Application Report")
        .format(ReportFormat::HtmlBase64)
        .included_tags(TagInclusionOption::All, [102_148_815])
        .build();
    let fixture = release_note("report-create-request-webapp-tags.xml");
    assert_same_events(&request, &fixture, "report-create-request-webapp-tags.xml");
    assert!(check(&request).is_empty());
    let parsed: ReportServiceRequest = from_xml(&fixture).expect("fixture parses");
    assert_eq!(parsed, request);
}

#[test]
fn event_comparison_sees_builder_differences() {
    // The comparison used above is able to fail.
    let fixture = release_note("report-create-request-webapp-tags.xml");
    let model = Schema::Report.model();
    let want = canonical(&fixture, model);
    for wrong in [
        ReportRequest::web_app_report("Web Application Report")
            .format(ReportFormat::HtmlBase64)
            .included_tags(TagInclusionOption::Any, [102_148_815])
            .build(),
        ReportRequest::web_app_report("Web Application Report")
            .format(ReportFormat::HtmlBase64)
            .tags([102_148_815])
            .build(),
        ReportRequest::web_app_report("Web Application Report")
            .included_tags(TagInclusionOption::All, [102_148_815])
            .build(),
    ] {
        let got = canonical(&to_xml(&wrong), model);
        assert!(first_difference(&got, &want).is_some());
    }
}

#[test]
fn real_world_requests_rebuilt() {
    let Some(webapps) = real_world(
        "real_world_requests_rebuilt",
        "finding/search-request-webapp-in-lastdetected-greater.xml",
    ) else {
        return;
    };
    let request = SearchRequest::new()
        .limit_results(250)
        .start_from_offset(1)
        .criteria(
            "lastDetectedDate",
            CriteriaOperator::Greater,
            "2020-03-05T23:00:30Z",
        )
        .criteria_in("webApp.id", [238_483_925_i64, 238_483_924])
        .build_finding();
    assert_same_events(
        &request,
        &webapps,
        "search-request-webapp-in-lastdetected-greater.xml",
    );

    if let Some(scans) = real_world(
        "real_world_requests_rebuilt",
        "wasscan/search-request-webapp-id.xml",
    ) {
        let request = SearchRequest::new()
            .limit_results(100)
            .start_from_offset(1)
            .criteria("webApp.id", CriteriaOperator::Equals, 238_483_924)
            .build_wasscan();
        assert_same_events(&request, &scans, "wasscan/search-request-webapp-id.xml");
    }

    if let Some(report) = real_world(
        "real_world_requests_rebuilt",
        "report/create-request-scan-report-xml.xml",
    ) {
        // The builder gives name, description, format, type and target; the display
        // options and filters of the real request are taken from it.
        let parsed: ReportServiceRequest = from_xml(&report).expect("real request parses");
        let real = parsed.data.expect("data").report;
        let scan_config = real
            .config
            .as_ref()
            .and_then(|c| c.scan_report.as_ref())
            .expect("scanReport");
        let mut built = ReportRequest::scan_report("with all parameters")
            .description("A simple scan report")
            .format(ReportFormat::Xml)
            .scans([11_105_452])
            .into_report();
        if let Some(own) = built.config.as_mut().and_then(|c| c.scan_report.as_mut()) {
            own.display = scan_config.display.clone();
            own.filters = scan_config.filters.clone();
        }
        let request = ReportServiceRequest {
            data: Some(qualys_was_types::generated::report::ReportRequestData { report: built }),
            ..ReportServiceRequest::default()
        };
        assert_same_events(
            &request,
            &report,
            "report/create-request-scan-report-xml.xml",
        );
    }
}

// ---------------------------------------------------------------------------------
// Error responses map to ApiError

/// The text of `root/responseErrorDetails/<child>`, read independently of the crate.
fn detail(tree: &Node, child: &str) -> Option<String> {
    tree.children
        .iter()
        .find(|c| c.name == "responseErrorDetails")
        .and_then(|d| d.children.iter().find(|c| c.name == child))
        .map(|c| c.text.clone())
}

fn response_error<T: ServiceResponseExt>(xml: &str) -> ApiError {
    let response: T = from_xml(xml).expect("error response parses");
    assert!(!response.is_success());
    assert!(!response.has_more_records());
    let borrowed = response.error();
    let err = response
        .into_result()
        .err()
        .expect("an error response gives Err");
    assert_eq!(borrowed.as_ref(), Some(&err));
    err
}

/// Maps `xml` with each of the four response types; they must agree, and agree with
/// the document's text.
fn assert_api_error(xml: &str, expected: &ApiError) {
    let errors = [
        response_error::<FindingServiceResponse>(xml),
        response_error::<WasScanServiceResponse>(xml),
        response_error::<OptionProfileServiceResponse>(xml),
        response_error::<ReportServiceResponse>(xml),
    ];
    for e in &errors {
        assert_eq!(e, expected);
    }
    let tree = parse_tree(xml);
    assert_eq!(
        detail(&tree, "errorMessage").as_deref(),
        Some(expected.message.as_str())
    );
    assert_eq!(detail(&tree, "errorResolution"), expected.resolution);
    let code = tree
        .children
        .iter()
        .find(|c| c.name == "responseCode")
        .map(|c| c.text.trim().to_owned());
    assert_eq!(code.as_deref(), Some(expected.code.as_str()));
}

#[test]
fn release_note_error_response() {
    let xml = release_note("report-create-response-invalid-request.xml");
    let expected = ApiError {
        code: ResponseCode::InvalidRequest,
        message: WEBAPPS_MESSAGE.to_owned(),
        resolution: None,
        internal_code: None,
    };
    assert_api_error(&xml, &expected);
    assert_eq!(
        expected.to_string(),
        format!("Qualys API error INVALID_REQUEST: {WEBAPPS_MESSAGE}")
    );
    // The rule the validator checks is the one the API applies.
    let request = ReportRequest::web_app_report("too many")
        .webapps(1..=501)
        .build();
    assert_eq!(check(&request)[0].message, expected.message);
}

#[test]
fn real_world_error_responses() {
    let cases = [
        (
            "finding/search-response-invalid-request.xml",
            ResponseCode::InvalidRequest,
            "Criteria: Invalid value format for criteria 'webApp.id' (abc123).",
            "Specify criteria value(s) as Long.",
        ),
        (
            "other/qps-response-invalid-credentials.xml",
            ResponseCode::InvalidCredentials,
            "Authentication failed",
            "Verify both, user and password credentials.",
        ),
        (
            "other/qps-response-unauthorized.xml",
            ResponseCode::Unauthorized,
            "You are not authorized to access the application through the API.",
            "If you think this is an error, please contact your account manager.",
        ),
    ];
    for (file, code, message, resolution) in cases {
        let Some(xml) = real_world("real_world_error_responses", file) else {
            return;
        };
        let expected = ApiError {
            code,
            message: message.to_owned(),
            resolution: Some(resolution.to_owned()),
            internal_code: None,
        };
        assert_api_error(&xml, &expected);
        let shown = expected.to_string();
        assert!(shown.contains(expected.code.as_str()), "{shown}");
        assert!(
            shown.contains(message) && shown.contains(resolution),
            "{shown}"
        );
    }
}

#[test]
fn unknown_codes_and_missing_details() {
    let xml = "<ServiceResponse><responseCode>OBJECT_NOT_FOUND</responseCode>\
               <responseErrorDetails><errorMessage>No report with id 1</errorMessage>\
               <internalErrorCodeId>1404</internalErrorCodeId></responseErrorDetails>\
               </ServiceResponse>";
    let expected = ApiError {
        code: ResponseCode::Other("OBJECT_NOT_FOUND".to_owned()),
        message: "No report with id 1".to_owned(),
        resolution: None,
        internal_code: Some(1404),
    };
    assert_eq!(response_error::<ReportServiceResponse>(xml), expected);
    assert_eq!(
        expected.to_string(),
        "Qualys API error OBJECT_NOT_FOUND: No report with id 1 [internal error code 1404]"
    );

    let bare = "<ServiceResponse><responseCode>UNAUTHORIZED</responseCode></ServiceResponse>";
    let err = response_error::<FindingServiceResponse>(bare);
    assert_eq!(err.code, ResponseCode::Unauthorized);
    assert_eq!(err.message, "");
    assert_eq!(err.resolution, None);
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert_eq!(
        boxed.to_string(),
        "Qualys API error UNAUTHORIZED: (no error details)"
    );
}

#[test]
fn success_responses_give_data() {
    let empty = "<ServiceResponse><responseCode>SUCCESS</responseCode><count>0</count>\
                 </ServiceResponse>";
    let data = from_xml::<FindingServiceResponse>(empty)
        .expect("parses")
        .into_result()
        .expect("SUCCESS");
    assert!(data.finding.is_empty());

    let Some(xml) = real_world(
        "success_responses_give_data",
        "finding/search-response-hasmorerecords-lastid.xml",
    ) else {
        return;
    };
    let response: FindingServiceResponse = from_xml(&xml).expect("parses");
    assert!(response.is_success());
    assert_eq!(response.error(), None);
    let ids: Vec<i64> = response
        .into_result()
        .expect("SUCCESS")
        .finding
        .iter()
        .filter_map(|f| f.id)
        .collect();
    assert_eq!(ids, [3_158_304]);

    if let Some(xml) = real_world(
        "success_responses_give_data",
        "finding/search-response-count-0-no-data.xml",
    ) {
        let response: FindingServiceResponse = from_xml(&xml).expect("parses");
        assert_eq!(response.count(), Some(0));
        assert!(response.into_result().expect("SUCCESS").finding.is_empty());
    }
}

// ---------------------------------------------------------------------------------
// Paging

#[test]
fn paging_real_documents() {
    let test = "paging_real_documents";
    let Some(request_xml) = real_world(test, "finding/search-request-limitresults-1.xml") else {
        return;
    };
    let Some(response_xml) = real_world(test, "finding/search-response-hasmorerecords-lastid.xml")
    else {
        return;
    };
    let request: FindingServiceRequest = from_xml(&request_xml).expect("request parses");
    let response: FindingServiceResponse = from_xml(&response_xml).expect("response parses");
    assert!(response.has_more_records());
    assert_eq!(response.last_id(), Some(3_158_304));

    let next = request
        .next_page(&response)
        .expect("hasMoreRecords is true");
    let expected = r#"<ServiceRequest>
        <preferences><limitResults>1</limitResults></preferences>
        <filters>
          <Criteria field="webApp.id" operator="IN">81221901</Criteria>
          <Criteria field="id" operator="GREATER">3158304</Criteria>
        </filters>
      </ServiceRequest>"#;
    assert_same_events(
        &next,
        expected,
        "next page of search-request-limitresults-1.xml",
    );
    assert!(check(&next).is_empty());
    assert_eq!(
        qualys_was_types::paging::next_page(&request, &response),
        Some(next.clone())
    );

    // The same request built with the builder pages the same way.
    let built = SearchRequest::new()
        .limit_results(1)
        .criteria_in("webApp.id", [81_221_901])
        .build_finding();
    assert_same_events(&built, &request_xml, "search-request-limitresults-1.xml");
    assert_eq!(built.next_page(&response), Some(next.clone()));

    // Paging again replaces the id criterion.
    let mut later = response.clone();
    later.last_id = Some(3_158_999);
    let third = next.next_page(&later).expect("more records");
    let criteria = &third.filters.as_ref().expect("filters").criteria;
    assert_eq!(criteria.len(), 2);
    assert_eq!(criteria[1].value, "3158999");

    // Last pages, and errors, have no next page.
    for (req, resp) in [
        (
            "finding/search-request-webapp-in-lastdetected-greater.xml",
            "finding/search-response-86-findings.xml",
        ),
        (
            "finding/search-request-limitresults-1.xml",
            "finding/search-response-count-0-no-data.xml",
        ),
        (
            "finding/search-request-bad-id.xml",
            "finding/search-response-invalid-request.xml",
        ),
    ] {
        let (Some(req_xml), Some(resp_xml)) = (real_world(test, req), real_world(test, resp))
        else {
            return;
        };
        let request: FindingServiceRequest = from_xml(&req_xml).expect("request parses");
        let response: FindingServiceResponse = from_xml(&resp_xml).expect("response parses");
        assert_eq!(request.next_page(&response), None, "{resp}");
    }
}

#[test]
fn paging_synthetic() {
    let request = SearchRequest::new()
        .verbose(true)
        .limit_results(100)
        .start_from_offset(1)
        .criteria("status", CriteriaOperator::In, "NEW,ACTIVE")
        .criteria("id", CriteriaOperator::Greater, 10)
        .criteria("name", CriteriaOperator::NotEquals, "x")
        .criteria("externalRef", CriteriaOperator::IsEmpty, "")
        .build_wasscan();
    let page: WasScanServiceResponse = from_xml(
        "<ServiceResponse><responseCode>SUCCESS</responseCode><count>100</count>\
         <hasMoreRecords>true</hasMoreRecords><lastId>4711</lastId></ServiceResponse>",
    )
    .expect("parses");
    let next = request.next_page(&page).expect("more records");
    let expected = r#"<ServiceRequest>
        <preferences>
          <verbose>true</verbose><limitResults>100</limitResults><startFromOffset>1</startFromOffset>
        </preferences>
        <filters>
          <Criteria field="status" operator="IN">NEW,ACTIVE</Criteria>
          <Criteria field="id" operator="GREATER">4711</Criteria>
          <Criteria field="name" operator="NOT EQUALS">x</Criteria>
          <Criteria field="externalRef" operator="IS EMPTY"></Criteria>
        </filters>
      </ServiceRequest>"#;
    assert_same_events(&next, expected, "synthetic next page");
    assert_eq!(next.preferences, request.preferences);

    // A request without filters gets them; an offset past 1 is reset.
    let bare = SearchRequest::new()
        .start_from_offset(201)
        .build::<ReportServiceRequest>();
    let page: ReportServiceResponse = from_xml(
        "<ServiceResponse><responseCode>SUCCESS</responseCode><count>100</count>\
         <hasMoreRecords>true</hasMoreRecords><lastId>9</lastId></ServiceResponse>",
    )
    .expect("parses");
    let next = bare.next_page(&page).expect("more records");
    assert_same_events(
        &next,
        r#"<ServiceRequest><preferences><startFromOffset>1</startFromOffset></preferences>
           <filters><Criteria field="id" operator="GREATER">9</Criteria></filters></ServiceRequest>"#,
        "paging a request without filters",
    );

    // No more records: hasMoreRecords false or absent, no lastId, or an error.
    for xml in [
        "<ServiceResponse><responseCode>SUCCESS</responseCode><count>3</count>\
         <hasMoreRecords>false</hasMoreRecords></ServiceResponse>",
        "<ServiceResponse><responseCode>SUCCESS</responseCode><count>3</count></ServiceResponse>",
        "<ServiceResponse><responseCode>SUCCESS</responseCode><count>3</count>\
         <hasMoreRecords>true</hasMoreRecords></ServiceResponse>",
        "<ServiceResponse><responseCode>INVALID_REQUEST</responseCode><responseErrorDetails>\
         <errorMessage>bad</errorMessage></responseErrorDetails></ServiceResponse>",
    ] {
        let response: ReportServiceResponse = from_xml(xml).expect("parses");
        assert_eq!(bare.next_page(&response), None, "{xml}");
    }
}

#[test]
fn paging_through_all_pages() {
    // A fake server over ids 1..=25, pages of 10: three requests, every id once.
    let all: Vec<i64> = (1..=25).collect();
    let serve = |request: &OptionProfileServiceRequest| -> OptionProfileServiceResponse {
        let after = request
            .filters
            .iter()
            .flat_map(|f| &f.criteria)
            .find(|c| c.field == "id" && c.operator == CriteriaOperator::Greater)
            .map_or(0, |c| c.value.parse::<i64>().expect("an id"));
        let limit = request
            .preferences
            .as_ref()
            .and_then(|p| p.limit_results)
            .map_or(100, |l| usize::try_from(l).expect("positive"));
        let rest: Vec<i64> = all.iter().copied().filter(|id| *id > after).collect();
        let page: Vec<i64> = rest.iter().copied().take(limit).collect();
        let more = rest.len() > page.len();
        let xml = format!(
            "<ServiceResponse><responseCode>SUCCESS</responseCode><count>{}</count>\
             <hasMoreRecords>{more}</hasMoreRecords>{}<data>{}</data></ServiceResponse>",
            page.len(),
            if more {
                format!("<lastId>{}</lastId>", page[page.len() - 1])
            } else {
                String::new()
            },
            page.iter()
                .map(|id| format!("<OptionProfile><id>{id}</id></OptionProfile>"))
                .collect::<String>(),
        );
        from_xml(&xml).expect("parses")
    };

    let mut request = SearchRequest::new().limit_results(10).build_optionprofile();
    let mut seen = Vec::new();
    let mut calls = 0;
    loop {
        calls += 1;
        assert!(calls <= 10, "paging does not end");
        let response = serve(&request);
        let next = request.next_page(&response);
        let data = response.into_result().expect("SUCCESS");
        seen.extend(data.option_profile.iter().filter_map(|p| p.id));
        match next {
            Some(n) => request = n,
            None => break,
        }
    }
    assert_eq!(calls, 3);
    assert_eq!(seen, all);
}
