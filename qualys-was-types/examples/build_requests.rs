//! Builds the request bodies of the Qualys WAS 2.44 release notes, validates them
//! against the schemas and the API rules, and prints them.
//!
//! ```text
//! cargo run -p qualys-was-types --example build_requests
//! ```

use qualys_was_types::generated::report::ReportFormat;
use qualys_was_types::generated::shared::TagInclusionOption;
use qualys_was_types::{
    to_xml_pretty, CriteriaOperator, OptionProfileRequest, ReportRequest, SearchRequest, Validate,
    Violation, XmlRoot,
};

fn show<T: XmlRoot + Validate>(title: &str, request: &T) -> Vec<Violation> {
    println!("== {title}");
    println!("{}", to_xml_pretty(request));
    let violations = request.validate();
    if violations.is_empty() {
        println!("-> valid\n");
    }
    for v in &violations {
        println!("-> {v}");
    }
    violations
}

fn main() {
    let mut invalid = 0;

    // POST /qps/rest/3.0/search/was/finding
    let search = SearchRequest::new()
        .criteria(
            "uniqueId",
            CriteriaOperator::Equals,
            "d6a88c61-fcda-4f46-9767-1d8cb521d953",
        )
        .verbose(true)
        .build_finding();
    invalid += show("search/was/finding by uniqueId", &search).len();

    // A search with an IN list and paging preferences.
    let search = SearchRequest::new()
        .limit_results(250)
        .start_from_offset(1)
        .criteria(
            "lastDetectedDate",
            CriteriaOperator::Greater,
            "2020-03-05T23:00:30Z",
        )
        .criteria_in("webApp.id", [238_483_925_i64, 238_483_924])
        .criteria("status", CriteriaOperator::NotEquals, "FIXED")
        .build_finding();
    invalid += show("search/was/finding by web application", &search).len();

    // POST /qps/rest/3.0/create/was/optionprofile
    let create = OptionProfileRequest::new()
        .name("Option Profile with SSL data")
        .detection_categories(["SSL/TLS and Certificate issues"])
        .build();
    invalid += show("create/was/optionprofile", &create).len();

    // POST /qps/rest/3.0/update/was/optionprofile/<id>
    let update = OptionProfileRequest::new()
        .detection_categories(["SSL/TLS and Certificate issues"])
        .build();
    invalid += show("update/was/optionprofile/<id>", &update).len();

    // POST /qps/rest/3.0/create/was/report: web applications by tag.
    let report = ReportRequest::web_app_report("Web Application Report")
        .format(ReportFormat::HtmlBase64)
        .included_tags(TagInclusionOption::All, [102_148_815])
        .build();
    invalid += show("create/was/report (web applications by tag)", &report).len();

    // A scan report over two scans.
    let report = ReportRequest::scan_report("Scan Report")
        .description("Two scans")
        .format(ReportFormat::Pdf)
        .scans([11_105_452, 11_105_453])
        .build();
    invalid += show("create/was/report (scans)", &report).len();

    // The API refuses reports over more than 500 web applications; so does the
    // validator, before the request is sent.
    let too_big = ReportRequest::web_app_report("Everything")
        .format(ReportFormat::Pdf)
        .webapps(1..=501)
        .build();
    let violations = too_big.validate();
    println!("== create/was/report with 501 web applications");
    for v in &violations {
        println!("-> {v}");
    }
    assert_eq!(violations.len(), 1, "the 501st web application is refused");

    assert_eq!(invalid, 0, "the release notes' requests are valid");
}
