//! Rust names for XSD names: heck for the case conversion, plus a sanitizer for
//! keywords, leading digits and values with spaces or punctuation.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved) that cannot be used as plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Words split on anything that is not alphanumeric, so `NOT EQUALS`, `OWASP-A6` and
/// `a.b` all become separate words before recasing.
fn words(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    for ch in xml.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn fix_leading_digit(name: String, prefix: &str) -> String {
    match name.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        None => format!("{prefix}Empty"),
        _ => name,
    }
}

/// Names from the prelude that a generated type must not shadow.
const PRELUDE: &[&str] = &[
    "Box", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec",
];

/// A type name: `SSLDataInfoList` → `SslDataInfoList`; anonymous types named by path,
/// `SSLDataInfoList/list` → `SslDataInfoListList`.
pub fn type_name(xml: &str) -> String {
    let cased = words(xml).to_upper_camel_case();
    let name = fix_leading_digit(cased, "T");
    if KEYWORDS.contains(&name.as_str()) || PRELUDE.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// A field or method name: `uniqueId` → `unique_id`, `type` → `type_`.
pub fn field_name(xml: &str) -> String {
    let cased = words(xml).to_snake_case();
    let name = fix_leading_digit(cased, "n");
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// An enum variant for an enumeration value: `NOT EQUALS` → `NotEquals`,
/// `HTML_BASE64` → `HtmlBase64`, `1` → `V1`.
pub fn variant_name(value: &str) -> String {
    let cased = words(&value.to_lowercase()).to_upper_camel_case();
    let name = fix_leading_digit(cased, "V");
    if name == "Self" || name == "Other" {
        format!("{name}Value")
    } else {
        name
    }
}

/// A constant name for a static: `SSLDataInfoList/list` → `SSL_DATA_INFO_LIST_LIST`.
pub fn const_name(xml: &str) -> String {
    field_name(xml).trim_end_matches('_').to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        for (xml, rust) in [
            ("SSLDataInfoList", "SslDataInfoList"),
            ("SSLDataInfoList/list", "SslDataInfoListList"),
            ("WasScanIg", "WasScanIg"),
            ("ServiceResponse", "ServiceResponse"),
            ("Cdata", "Cdata"),
            ("ResponseCode", "ResponseCode"),
            ("Report/config/scanReport", "ReportConfigScanReport"),
            ("cvssV3", "CvssV3"),
            ("3dType", "T3dType"),
            ("Self", "SelfType"),
            ("Result", "ResultType"),
            ("Option", "OptionType"),
        ] {
            assert_eq!(type_name(xml), rust, "{xml}");
        }
    }

    #[test]
    fn field_names() {
        for (xml, rust) in [
            ("uniqueId", "unique_id"),
            ("type", "type_"),
            ("sslDataInfoList", "ssl_data_info_list"),
            ("SSLDataInfo", "ssl_data_info"),
            ("hasMoreRecords", "has_more_records"),
            ("enableWAFAuth", "enable_waf_auth"),
            ("cvssV3", "cvss_v3"),
            ("base64", "base64"),
            ("nbLevel5", "nb_level5"),
            ("1st", "n1st"),
            ("match", "match_"),
            ("self", "self_"),
            ("payloadResponce", "payload_responce"),
        ] {
            assert_eq!(field_name(xml), rust, "{xml}");
        }
    }

    #[test]
    fn variant_names() {
        for (xml, rust) in [
            ("NOT EQUALS", "NotEquals"),
            ("IS EMPTY", "IsEmpty"),
            ("EQUALS", "Equals"),
            ("HTML_BASE64", "HtmlBase64"),
            ("INFORMATION_GATHERED", "InformationGathered"),
            ("OWASP-A6", "OwaspA6"),
            ("1", "V1"),
            ("Other", "OtherValue"),
            ("ALL", "All"),
            ("true", "True"),
        ] {
            assert_eq!(variant_name(xml), rust, "{xml}");
        }
    }

    #[test]
    fn const_names() {
        assert_eq!(
            const_name("SSLDataInfoList/list"),
            "SSL_DATA_INFO_LIST_LIST"
        );
        assert_eq!(const_name("type"), "TYPE");
    }
}
