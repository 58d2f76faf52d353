//! Qualys API rules beyond the XSD.
//!
//! Some requests are schema-valid yet refused by the Qualys WAS API. The streaming
//! validator ([`mod@crate::validate`]) drives every [`ApiRule`] over the elements it
//! walks (unless `schema_only` is set); rules key on element paths, so they apply to
//! whichever schema's model is being validated. Violations they report have kind
//! [`ViolationKind::ApiRule`].
//!
//! Rules implemented here ([`default_rules`]):
//!
//! * [`ReportTargetLimit`]: a report-creation request (`ServiceRequest/data/Report`)
//!   may name at most 500 web applications
//!   (`config/webAppReport/target/webapps/WebApp`) and at most 500 scans
//!   (`config/scanReport/target/scans/WasScan`). Only explicitly listed targets can
//!   be counted: a tag-based target (`target/tags`) is resolved by Qualys when the
//!   request is processed, so its size cannot be checked before the request is sent.
//! * [`LimitResults`]: `ServiceRequest/preferences/limitResults` must be between 1
//!   and 1000.

use crate::error::Position;
use crate::validate::{Violation, ViolationKind};
use crate::value::{collapse_whitespace, parse_long};

/// A check over the elements of a document, driven by the validator.
///
/// Paths are absolute element paths of local names, such as
/// `/ServiceRequest/data/Report`. Elements the validator skips (unknown elements and
/// their subtrees) are not shown to rules.
pub trait ApiRule {
    /// Whether the rule looks at documents whose root element has this local name.
    /// Asked once per document; a rule that answers `false` is not called again.
    fn applies_to(&self, root: &str) -> bool {
        let _ = root;
        true
    }

    /// An element started; `position` is its start tag.
    fn start(&mut self, path: &str, position: Position) {
        let _ = (path, position);
    }

    /// An element ended. `value` is its whitespace-handled text when the schema gives
    /// it simple content, else `None`.
    fn end(
        &mut self,
        path: &str,
        position: Position,
        value: Option<&str>,
        out: &mut Vec<Violation>,
    ) {
        let _ = (path, position, value, out);
    }

    /// The document ended.
    fn finish(&mut self, out: &mut Vec<Violation>) {
        let _ = out;
    }
}

/// The rules the validator applies by default.
pub fn default_rules() -> Vec<Box<dyn ApiRule>> {
    vec![
        Box::new(ReportTargetLimit::default()),
        Box::new(LimitResults),
    ]
}

/// Counts the children named `item` of each `container` element.
#[derive(Debug)]
struct ChildCounter {
    container: &'static str,
    item: &'static str,
    max: u32,
    message: &'static str,
    open: Option<(Position, u32)>,
}

impl ChildCounter {
    fn start(&mut self, path: &str, position: Position) {
        if path == self.container {
            self.open = Some((position, 0));
        } else if let Some((_, count)) = self.open.as_mut() {
            if path == self.item {
                *count = count.saturating_add(1);
            }
        }
    }

    fn end(&mut self, path: &str, out: &mut Vec<Violation>) {
        if path != self.container {
            return;
        }
        if let Some((position, count)) = self.open.take() {
            if count > self.max {
                out.push(Violation {
                    kind: ViolationKind::ApiRule,
                    position,
                    path: path.to_owned(),
                    message: self.message.to_owned(),
                });
            }
        }
    }
}

/// A report may cover at most 500 web applications and at most 500 scans.
///
/// The violation is positioned at the `webapps` / `scans` element. Tag-based targets
/// cannot be counted before the request is sent (Qualys resolves the tags), so only
/// explicitly listed `WebApp` / `WasScan` entries are counted.
#[derive(Debug)]
pub struct ReportTargetLimit {
    webapps: ChildCounter,
    scans: ChildCounter,
}

impl Default for ReportTargetLimit {
    fn default() -> Self {
        ReportTargetLimit {
            webapps: ChildCounter {
                container: "/ServiceRequest/data/Report/config/webAppReport/target/webapps",
                item: "/ServiceRequest/data/Report/config/webAppReport/target/webapps/WebApp",
                max: 500,
                message:
                    "The report can not be generated because it has more than 500 web applications.",
                open: None,
            },
            scans: ChildCounter {
                container: "/ServiceRequest/data/Report/config/scanReport/target/scans",
                item: "/ServiceRequest/data/Report/config/scanReport/target/scans/WasScan",
                max: 500,
                message: "The report can not be generated because it has more than 500 scans.",
                open: None,
            },
        }
    }
}

impl ApiRule for ReportTargetLimit {
    fn applies_to(&self, root: &str) -> bool {
        root == "ServiceRequest"
    }

    fn start(&mut self, path: &str, position: Position) {
        // Cheap filter: every path of interest starts like this.
        if path.starts_with("/ServiceRequest/data/Report/config/") {
            self.webapps.start(path, position);
            self.scans.start(path, position);
        }
    }

    fn end(
        &mut self,
        path: &str,
        _position: Position,
        _value: Option<&str>,
        out: &mut Vec<Violation>,
    ) {
        if path.starts_with("/ServiceRequest/data/Report/config/") {
            self.webapps.end(path, out);
            self.scans.end(path, out);
        }
    }
}

/// `ServiceRequest/preferences/limitResults` must be between 1 and 1000.
///
/// A value that is not an integer at all is left to the schema check.
#[derive(Debug, Default)]
pub struct LimitResults;

impl ApiRule for LimitResults {
    fn applies_to(&self, root: &str) -> bool {
        root == "ServiceRequest"
    }

    fn end(
        &mut self,
        path: &str,
        position: Position,
        value: Option<&str>,
        out: &mut Vec<Violation>,
    ) {
        if path != "/ServiceRequest/preferences/limitResults" {
            return;
        }
        let Some(value) = value else { return };
        let text = collapse_whitespace(value);
        let Some(n) = parse_long(&text) else { return };
        if !(1..=1000).contains(&n) {
            out.push(Violation {
                kind: ViolationKind::ApiRule,
                position,
                path: path.to_owned(),
                message: format!("limitResults must be between 1 and 1000, got {n}"),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drive(rule: &mut dyn ApiRule, events: &[(&str, bool, Option<&str>)]) -> Vec<Violation> {
        let mut out = Vec::new();
        for (i, (path, start, value)) in events.iter().enumerate() {
            let pos = Position {
                line: u32::try_from(i).unwrap_or(0) + 1,
                column: 1,
                offset: 0,
            };
            if *start {
                rule.start(path, pos);
            } else {
                rule.end(path, pos, *value, &mut out);
            }
        }
        rule.finish(&mut out);
        out
    }

    fn webapps(n: usize) -> Vec<(&'static str, bool, Option<&'static str>)> {
        let container = "/ServiceRequest/data/Report/config/webAppReport/target/webapps";
        let item = "/ServiceRequest/data/Report/config/webAppReport/target/webapps/WebApp";
        let mut ev = vec![(container, true, None)];
        for _ in 0..n {
            ev.push((item, true, None));
            ev.push((item, false, None));
        }
        ev.push((container, false, None));
        ev
    }

    #[test]
    fn five_hundred_web_apps_pass_501_fail() {
        assert!(drive(&mut ReportTargetLimit::default(), &webapps(500)).is_empty());
        let v = drive(&mut ReportTargetLimit::default(), &webapps(501));
        assert_eq!(v.len(), 1);
        let v = &v[0];
        assert_eq!(v.kind, ViolationKind::ApiRule);
        assert_eq!(v.position.line, 1, "positioned at the webapps start tag");
        assert_eq!(
            v.message,
            "The report can not be generated because it has more than 500 web applications."
        );
    }

    #[test]
    fn scans_are_counted_separately() {
        let container = "/ServiceRequest/data/Report/config/scanReport/target/scans";
        let item = "/ServiceRequest/data/Report/config/scanReport/target/scans/WasScan";
        let other = "/ServiceRequest/data/Report/config/scanReport/target/scans/Other";
        let mut ev = vec![(container, true, None)];
        for _ in 0..501 {
            ev.push((item, true, None));
            ev.push((other, true, None));
        }
        ev.push((container, false, None));
        let v = drive(&mut ReportTargetLimit::default(), &ev);
        assert_eq!(v.len(), 1);
        assert_eq!(
            v[0].message,
            "The report can not be generated because it has more than 500 scans."
        );
        assert_eq!(v[0].path, container);
    }

    #[test]
    fn limit_results_range() {
        let path = "/ServiceRequest/preferences/limitResults";
        for (value, ok) in [
            ("1", true),
            ("1000", true),
            (" 50 ", true),
            ("0", false),
            ("1001", false),
            ("-3", false),
            ("abc", true),
        ] {
            let v = drive(
                &mut LimitResults,
                &[(path, true, None), (path, false, Some(value))],
            );
            assert_eq!(v.is_empty(), ok, "{value}");
        }
        let v = drive(&mut LimitResults, &[(path, false, Some("5000"))]);
        assert_eq!(
            v[0].message,
            "limitResults must be between 1 and 1000, got 5000"
        );
        let other = drive(
            &mut LimitResults,
            &[("/ServiceRequest/limitResults", false, Some("0"))],
        );
        assert!(other.is_empty());
    }
}
