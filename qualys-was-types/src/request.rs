//! Builders for `ServiceRequest` documents.
//!
//! * [`SearchRequest`]: search/count requests of any schema, with typed
//!   [`Criteria`] (a field, a [`CriteriaOperator`], a value) and [`Preferences`]
//!   (`verbose`, `limitResults`, `startFromOffset`, `limitHistories`).
//! * [`OptionProfileRequest`]: the data of option profile create and update calls,
//!   with detection categories.
//! * [`ReportRequest`]: the data of report create calls: web application reports
//!   (target tags and web applications) and scan reports (target scans).
//! * [`ServiceRequestExt`]: the common interface of the four schemas'
//!   `ServiceRequest` types, used by [`crate::paging`].
//!
//! The builders only assemble the generated types; they do not check values. Run
//! [`Validate::validate`](crate::Validate::validate) on the result to apply the schema
//! and the Qualys API rules (e.g. `limitResults` between 1 and 1000, at most 500 web
//! applications or scans in a report).
//!
//! ```
//! use qualys_was_types::{to_xml, CriteriaOperator, SearchRequest, Validate};
//!
//! let request = SearchRequest::new()
//!     .criteria("uniqueId", CriteriaOperator::Equals, "d6a88c61-fcda-4f46-9767-1d8cb521d953")
//!     .verbose(true)
//!     .build_finding();
//! assert!(request.validate().is_empty());
//! assert_eq!(
//!     to_xml(&request),
//!     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ServiceRequest><preferences>\
//!      <verbose>true</verbose></preferences><filters><Criteria field=\"uniqueId\" \
//!      operator=\"EQUALS\">d6a88c61-fcda-4f46-9767-1d8cb521d953</Criteria></filters>\
//!      </ServiceRequest>"
//! );
//! ```

use std::fmt::Display;

use crate::generated::optionprofile::{
    Detection, DetectionCategory, DetectionCategoryList, DetectionCategoryListAdd,
    DetectionCategoryListRemove, DetectionCategoryListSet, OptionProfile, OptionProfileRequestData,
    OptionProfileServiceRequest,
};
use crate::generated::report::{
    ReportConfig, ReportFormat, ReportRequestData, ReportScanList, ReportServiceRequest,
    ReportTargetTags, ReportType, ReportWebAppList, ScanReportConfig, ScanReportTarget, WasScanRef,
    WebAppReportConfig, WebAppReportTarget,
};
use crate::generated::shared::{
    Criteria, Filters, Preferences, Tag, TagInclusion, TagInclusionList, TagInclusionOption, WebApp,
};
use crate::generated::{finding, optionprofile, report, wasscan};
use crate::response::ServiceResponseExt;
use crate::XmlRoot;

pub use crate::generated::shared::CriteriaOperator;

/// The common interface of the four schemas' `ServiceRequest` types
/// ([`FindingServiceRequest`](finding::FindingServiceRequest),
/// [`WasScanServiceRequest`](wasscan::WasScanServiceRequest),
/// [`OptionProfileServiceRequest`],
/// [`ReportServiceRequest`]): their `preferences` and
/// `filters`, and the next page of a search.
pub trait ServiceRequestExt: XmlRoot + Default + Clone {
    /// The `ServiceResponse` type of the same schema.
    type Response: ServiceResponseExt;

    /// `preferences`.
    fn preferences(&self) -> Option<&Preferences>;

    /// `preferences`, to change.
    fn preferences_mut(&mut self) -> &mut Option<Preferences>;

    /// `filters`.
    fn filters(&self) -> Option<&Filters>;

    /// `filters`, to change.
    fn filters_mut(&mut self) -> &mut Option<Filters>;

    /// The request for the page after `response`, or `None` when there are no more
    /// records. See [`crate::paging::next_page`].
    fn next_page(&self, response: &Self::Response) -> Option<Self> {
        crate::paging::next_page(self, response)
    }
}

macro_rules! service_request {
    ($($ty:ty => $response:ty),* $(,)?) => {$(
        impl ServiceRequestExt for $ty {
            type Response = $response;

            fn preferences(&self) -> Option<&Preferences> {
                self.preferences.as_ref()
            }

            fn preferences_mut(&mut self) -> &mut Option<Preferences> {
                &mut self.preferences
            }

            fn filters(&self) -> Option<&Filters> {
                self.filters.as_ref()
            }

            fn filters_mut(&mut self) -> &mut Option<Filters> {
                &mut self.filters
            }
        }
    )*};
}

service_request! {
    finding::FindingServiceRequest => finding::FindingServiceResponse,
    wasscan::WasScanServiceRequest => wasscan::WasScanServiceResponse,
    optionprofile::OptionProfileServiceRequest => optionprofile::OptionProfileServiceResponse,
    report::ReportServiceRequest => report::ReportServiceResponse,
}

/// A search (or count) request: criteria and preferences, for any of the four schemas.
///
/// Criteria are written in the order they were added; all of them must match.
/// `preferences` and `filters` are left out when nothing was set.
///
/// ```
/// use qualys_was_types::{CriteriaOperator, SearchRequest};
///
/// // The shape of a real finding search: two web applications, detected since March 2020.
/// let request = SearchRequest::new()
///     .limit_results(250)
///     .start_from_offset(1)
///     .criteria("lastDetectedDate", CriteriaOperator::Greater, "2020-03-05T23:00:30Z")
///     .criteria_in("webApp.id", [238483925_i64, 238483924])
///     .build_finding();
/// let filters = request.filters.as_ref().unwrap();
/// assert_eq!(filters.criteria[1].operator, CriteriaOperator::In);
/// assert_eq!(filters.criteria[1].value, "238483925,238483924");
/// assert_eq!(request.preferences.as_ref().unwrap().limit_results, Some(250));
///
/// // Operators without a value take an empty one.
/// let scans = SearchRequest::new()
///     .criteria("webApp.tags", CriteriaOperator::None, "")
///     .build_wasscan();
/// assert_eq!(scans.filters.unwrap().criteria[0].value, "");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchRequest {
    preferences: Preferences,
    criteria: Vec<Criteria>,
}

impl SearchRequest {
    /// An empty request: no criteria, no preferences.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `<Criteria field="field" operator="operator">value</Criteria>`.
    ///
    /// `value` is written with [`Display`]; use `""` for `NONE` and `IS EMPTY`, and
    /// [`criteria_in`](Self::criteria_in) for a list of values.
    pub fn criteria(
        mut self,
        field: impl Into<String>,
        operator: CriteriaOperator,
        value: impl Display,
    ) -> Self {
        self.criteria.push(Criteria {
            field: field.into(),
            operator,
            value: value.to_string(),
        });
        self
    }

    /// Adds an `IN` criterion: `values` joined with commas.
    pub fn criteria_in<I>(self, field: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Display,
    {
        let joined = values
            .into_iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(",");
        self.criteria(field, CriteriaOperator::In, joined)
    }

    /// Adds a criterion built elsewhere.
    pub fn push_criteria(mut self, criteria: Criteria) -> Self {
        self.criteria.push(criteria);
        self
    }

    /// `preferences/verbose`: return full details.
    pub fn verbose(mut self, verbose: bool) -> Self {
        self.preferences.verbose = Some(verbose);
        self
    }

    /// `preferences/limitResults`: the page size (the API accepts 1 to 1000; the
    /// default is 100).
    pub fn limit_results(mut self, limit: i32) -> Self {
        self.preferences.limit_results = Some(limit);
        self
    }

    /// `preferences/startFromOffset`: the 1-based index of the first record.
    pub fn start_from_offset(mut self, offset: i32) -> Self {
        self.preferences.start_from_offset = Some(offset);
        self
    }

    /// `preferences/limitHistories`: the maximum number of history records per finding.
    pub fn limit_histories(mut self, limit: i32) -> Self {
        self.preferences.limit_histories = Some(limit);
        self
    }

    /// The request as the `ServiceRequest` type `T` of any schema.
    pub fn build<T: ServiceRequestExt>(self) -> T {
        let mut request = T::default();
        if self.preferences != Preferences::default() {
            *request.preferences_mut() = Some(self.preferences);
        }
        if !self.criteria.is_empty() {
            *request.filters_mut() = Some(Filters {
                criteria: self.criteria,
            });
        }
        request
    }

    /// The request for `search/was/finding` (or `count/was/finding`).
    pub fn build_finding(self) -> finding::FindingServiceRequest {
        self.build()
    }

    /// The request for `search/was/wasscan` (or `count/was/wasscan`).
    pub fn build_wasscan(self) -> wasscan::WasScanServiceRequest {
        self.build()
    }

    /// The request for `search/was/optionprofile` (or `count/was/optionprofile`).
    pub fn build_optionprofile(self) -> optionprofile::OptionProfileServiceRequest {
        self.build()
    }

    /// The request for `search/was/report` (or `count/was/report`).
    pub fn build_report(self) -> report::ReportServiceRequest {
        self.build()
    }
}

/// The data of an option profile create or update request
/// (`create/was/optionprofile`, `update/was/optionprofile/<id>`).
///
/// Detection categories are named; [`detection_categories`](Self::detection_categories)
/// replaces the profile's categories (`set`), the `add_`/`remove_` forms change them.
///
/// ```
/// use qualys_was_types::{OptionProfileRequest, Validate};
///
/// // The release notes' create request.
/// let create = OptionProfileRequest::new()
///     .name("Option Profile with SSL data")
///     .detection_categories(["SSL/TLS and Certificate issues"])
///     .build();
/// assert!(create.validate().is_empty());
/// let profile = &create.data.as_ref().unwrap().option_profile;
/// let names: Vec<_> = profile
///     .detection
///     .as_ref()
///     .unwrap()
///     .detection_categories_set_iter()
///     .filter_map(|c| c.name.as_deref())
///     .collect();
/// assert_eq!(names, ["SSL/TLS and Certificate issues"]);
///
/// // An update names only what changes; the profile id goes in the URL.
/// let update = OptionProfileRequest::new()
///     .detection_categories(["SSL/TLS and Certificate issues"])
///     .build();
/// assert_eq!(update.data.unwrap().option_profile.name, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OptionProfileRequest {
    profile: OptionProfile,
}

fn categories<I>(names: I) -> Vec<DetectionCategory>
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    names
        .into_iter()
        .map(|name| DetectionCategory {
            id: None,
            name: Some(name.into()),
        })
        .collect()
}

impl OptionProfileRequest {
    /// An empty option profile.
    pub fn new() -> Self {
        Self::default()
    }

    /// `OptionProfile/name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.profile.name = Some(name.into());
        self
    }

    fn category_list(&mut self) -> &mut DetectionCategoryList {
        self.profile
            .detection
            .get_or_insert_with(Detection::default)
            .detection_categories
            .get_or_insert_with(DetectionCategoryList::default)
    }

    /// `detection/detectionCategories/set`: the profile's detection categories, by name.
    pub fn detection_categories<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.category_list().set = Some(DetectionCategoryListSet {
            detection_category: categories(names),
        });
        self
    }

    /// `detection/detectionCategories/add`: categories to add, by name.
    pub fn add_detection_categories<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.category_list().add = Some(DetectionCategoryListAdd {
            detection_category: categories(names),
        });
        self
    }

    /// `detection/detectionCategories/remove`: categories to remove, by name.
    pub fn remove_detection_categories<I>(mut self, names: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.category_list().remove = Some(DetectionCategoryListRemove {
            detection_category: categories(names),
        });
        self
    }

    /// `detection/enableXssPayloads`.
    pub fn enable_xss_payloads(mut self, enable: bool) -> Self {
        self.profile
            .detection
            .get_or_insert_with(Detection::default)
            .enable_xss_payloads = Some(enable);
        self
    }

    /// The option profile built so far, to set what the builder does not cover.
    pub fn into_profile(self) -> OptionProfile {
        self.profile
    }

    /// `<ServiceRequest><data><OptionProfile>...`.
    pub fn build(self) -> OptionProfileServiceRequest {
        OptionProfileServiceRequest {
            preferences: None,
            filters: None,
            data: Some(OptionProfileRequestData {
                option_profile: self.profile,
            }),
        }
    }
}

/// The data of a report create request (`create/was/report`).
///
/// [`web_app_report`](Self::web_app_report) starts a `WAS_WEBAPP_REPORT`, whose target
/// is given by [`tags`](Self::tags), [`included_tags`](Self::included_tags) and
/// [`webapps`](Self::webapps); [`scan_report`](Self::scan_report) starts a
/// `WAS_SCAN_REPORT`, whose target is given by [`scans`](Self::scans). Target methods
/// fill the configuration of their kind of report: mixing them gives a `config` with
/// two reports, which [`Validate`](crate::Validate) reports (the schema allows one).
///
/// A report may cover at most 500 web applications and at most 500 scans; the
/// validator checks the lists given here (tag-based targets are resolved by Qualys).
///
/// ```
/// use qualys_was_types::generated::report::ReportFormat;
/// use qualys_was_types::generated::shared::TagInclusionOption;
/// use qualys_was_types::{ReportRequest, Validate};
///
/// // The release notes' request: web applications carrying tag 102148815.
/// let request = ReportRequest::web_app_report("Web Application Report")
///     .format(ReportFormat::HtmlBase64)
///     .included_tags(TagInclusionOption::All, [102148815])
///     .build();
/// assert!(request.validate().is_empty());
///
/// // Too many scans: refused by the API, reported by the validator.
/// let request = ReportRequest::scan_report("All scans")
///     .format(ReportFormat::Xml)
///     .scans(1..=501)
///     .build();
/// let violations = request.validate();
/// assert_eq!(violations.len(), 1);
/// assert_eq!(
///     violations[0].message,
///     "The report can not be generated because it has more than 500 scans."
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportRequest {
    report: crate::generated::report::Report,
}

impl ReportRequest {
    /// A report of type `report_type` called `name`, without configuration.
    pub fn new(name: impl Into<String>, report_type: ReportType) -> Self {
        let mut request = Self::default();
        request.report.name = Some(name.into());
        request.report.type_ = Some(report_type);
        request
    }

    /// A `WAS_WEBAPP_REPORT` called `name`, with an empty `config/webAppReport`.
    pub fn web_app_report(name: impl Into<String>) -> Self {
        let mut request = Self::new(name, ReportType::WasWebappReport);
        request.web_app_config();
        request
    }

    /// A `WAS_SCAN_REPORT` called `name`, with an empty `config/scanReport`.
    pub fn scan_report(name: impl Into<String>) -> Self {
        let mut request = Self::new(name, ReportType::WasScanReport);
        request.scan_config();
        request
    }

    /// `Report/format`.
    pub fn format(mut self, format: ReportFormat) -> Self {
        self.report.format = Some(format);
        self
    }

    /// `Report/description`.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.report.description = Some(description.into());
        self
    }

    /// `Report/password` (for `PDF_ENCRYPTED`).
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.report.password = Some(password.into());
        self
    }

    fn web_app_config(&mut self) -> &mut WebAppReportConfig {
        self.report
            .config
            .get_or_insert_with(ReportConfig::default)
            .web_app_report
            .get_or_insert_with(WebAppReportConfig::default)
    }

    fn web_app_target(&mut self) -> &mut WebAppReportTarget {
        self.web_app_config()
            .target
            .get_or_insert_with(WebAppReportTarget::default)
    }

    fn scan_config(&mut self) -> &mut ScanReportConfig {
        self.report
            .config
            .get_or_insert_with(ReportConfig::default)
            .scan_report
            .get_or_insert_with(ScanReportConfig::default)
    }

    /// `config/webAppReport/target/tags/Tag`: web applications with these tags (by
    /// id), in the plain form of Qualys' Postman collection.
    pub fn tags<I: IntoIterator<Item = i64>>(mut self, ids: I) -> Self {
        let tags = self
            .web_app_target()
            .tags
            .get_or_insert_with(ReportTargetTags::default);
        tags.tag
            .extend(ids.into_iter().map(|id| Tag { id, name: None }));
        self
    }

    /// `config/webAppReport/target/tags/included`: web applications carrying `ALL` or
    /// `ANY` of these tags (by id), in the form of the release notes' sample.
    pub fn included_tags<I: IntoIterator<Item = i64>>(
        mut self,
        option: TagInclusionOption,
        ids: I,
    ) -> Self {
        let tags = self
            .web_app_target()
            .tags
            .get_or_insert_with(ReportTargetTags::default);
        tags.included = Some(TagInclusion {
            option: Some(option),
            tag_list: Some(TagInclusionList {
                tag: ids.into_iter().map(|id| Tag { id, name: None }).collect(),
                set: None,
            }),
        });
        self
    }

    /// `config/webAppReport/target/webapps/WebApp`: web applications by id (added to
    /// those given before).
    pub fn webapps<I: IntoIterator<Item = i64>>(mut self, ids: I) -> Self {
        let list = self
            .web_app_target()
            .webapps
            .get_or_insert_with(ReportWebAppList::default);
        list.web_app.extend(ids.into_iter().map(|id| WebApp {
            id,
            ..WebApp::default()
        }));
        self
    }

    /// `config/scanReport/target/scans/WasScan`: scans by id (added to those given
    /// before).
    pub fn scans<I: IntoIterator<Item = i64>>(mut self, ids: I) -> Self {
        let target = self
            .scan_config()
            .target
            .get_or_insert_with(|| ScanReportTarget {
                scans: ReportScanList::default(),
            });
        target
            .scans
            .was_scan
            .extend(ids.into_iter().map(|id| WasScanRef { id }));
        self
    }

    /// The report built so far, to set what the builder does not cover (display
    /// options, filters, distribution list...).
    pub fn into_report(self) -> crate::generated::report::Report {
        self.report
    }

    /// `<ServiceRequest><data><Report>...`.
    pub fn build(self) -> ReportServiceRequest {
        ReportServiceRequest {
            preferences: None,
            filters: None,
            data: Some(ReportRequestData {
                report: self.report,
            }),
        }
    }
}
