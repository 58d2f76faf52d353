//! The four vendored Qualys WAS schemas.

use std::fmt;
use std::str::FromStr;

/// One of the vendored Qualys WAS API v3.0 schemas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Schema {
    /// `finding.xsd`.
    Finding,
    /// `wasscan.xsd`.
    WasScan,
    /// `optionprofile.xsd`.
    OptionProfile,
    /// `report.xsd`.
    Report,
}

/// An unknown schema name given to [`Schema::from_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown schema '{0}'; expected one of: finding, wasscan, optionprofile, report")]
pub struct UnknownSchema(pub String);

impl Schema {
    /// Every schema.
    pub const ALL: [Schema; 4] = [
        Schema::Finding,
        Schema::WasScan,
        Schema::OptionProfile,
        Schema::Report,
    ];

    /// The schema file stem: `finding`, `wasscan`, `optionprofile` or `report`.
    pub const fn name(self) -> &'static str {
        match self {
            Schema::Finding => "finding",
            Schema::WasScan => "wasscan",
            Schema::OptionProfile => "optionprofile",
            Schema::Report => "report",
        }
    }

    // `Schema::model()` (the generated `SchemaModel` static of each schema) is
    // wired by lib.rs once `generated` exists.

    /// Guesses the schema of a document from its root element's local name and its
    /// `xsi:noNamespaceSchemaLocation`.
    ///
    /// A schema location whose last path segment is `finding.xsd`, `wasscan.xsd`,
    /// `optionprofile.xsd` or `report.xsd` (case-insensitive, query or fragment
    /// ignored) decides. Otherwise a `WasScan` root means [`Schema::WasScan`]; other
    /// roots (`ServiceRequest`, `ServiceResponse`, …) are shared by several schemas,
    /// so the answer is `None`.
    pub fn detect(root_name: &[u8], no_namespace_schema_location: Option<&str>) -> Option<Schema> {
        if let Some(location) = no_namespace_schema_location {
            let location = location.trim();
            let location = location.split(['?', '#']).next().unwrap_or(location);
            let file = location.rsplit(['/', '\\']).next().unwrap_or(location);
            if let Some(stem) = file.len().checked_sub(4).and_then(|n| {
                file.get(..n).filter(|_| {
                    file.get(n..)
                        .is_some_and(|e| e.eq_ignore_ascii_case(".xsd"))
                })
            }) {
                if let Some(schema) = Schema::ALL
                    .into_iter()
                    .find(|s| s.name().eq_ignore_ascii_case(stem))
                {
                    return Some(schema);
                }
            }
        }
        match root_name {
            b"WasScan" => Some(Schema::WasScan),
            _ => None,
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Schema {
    type Err = UnknownSchema;

    /// Accepts the file stem (`finding`), case-insensitively, with or without `.xsd`.
    fn from_str(s: &str) -> Result<Self, UnknownSchema> {
        let t = s.trim();
        let stem = if t.len() > 4
            && t.get(t.len() - 4..)
                .is_some_and(|e| e.eq_ignore_ascii_case(".xsd"))
        {
            t.get(..t.len() - 4).unwrap_or(t)
        } else {
            t
        };
        Schema::ALL
            .into_iter()
            .find(|schema| schema.name().eq_ignore_ascii_case(stem))
            .ok_or_else(|| UnknownSchema(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Schema::ALL {
            assert_eq!(s.name().parse::<Schema>(), Ok(s));
            assert_eq!(s.to_string(), s.name());
        }
        assert_eq!("WasScan".parse::<Schema>(), Ok(Schema::WasScan));
        assert_eq!("report.xsd".parse::<Schema>(), Ok(Schema::Report));
        assert!("scan".parse::<Schema>().is_err());
        assert!(".xsd".parse::<Schema>().is_err());
    }

    #[test]
    fn detect_prefers_schema_location() {
        let loc = "https://qualysapi.qualys.com/qps/xsd/3.0/was/finding.xsd";
        assert_eq!(
            Schema::detect(b"ServiceResponse", Some(loc)),
            Some(Schema::Finding)
        );
        assert_eq!(
            Schema::detect(b"WasScan", Some("http://x/y/optionprofile.xsd?v=1")),
            Some(Schema::OptionProfile)
        );
        assert_eq!(
            Schema::detect(b"ServiceRequest", Some("report.XSD")),
            Some(Schema::Report)
        );
        assert_eq!(
            Schema::detect(b"WasScan", Some("http://x/other.xsd")),
            Some(Schema::WasScan)
        );
        assert_eq!(Schema::detect(b"WasScan", None), Some(Schema::WasScan));
        assert_eq!(Schema::detect(b"ServiceResponse", None), None);
        assert_eq!(Schema::detect(b"ServiceResponse", Some("xsd")), None);
        assert_eq!(
            Schema::detect(b"ServiceResponse", Some("/notfinding.xsd")),
            None
        );
    }
}
