//! Lexical-form tables. The verdicts were taken from `xmllint --schema` (libxml2
//! 2.9.14) on values without surrounding whitespace.

use super::*;
use crate::model::SimpleDecl;

fn table(base: Builtin, valid: &[&str], invalid: &[&str]) {
    for v in valid {
        assert!(check_builtin(base, v), "{base:?} should accept {v:?}");
    }
    for v in invalid {
        assert!(!check_builtin(base, v), "{base:?} should reject {v:?}");
    }
}

#[test]
fn int_lexical_forms() {
    table(
        Builtin::Int,
        &[
            "0",
            "+0",
            "-0",
            "+5",
            "2147483647",
            "-2147483648",
            "00000000000000000000000000000001",
        ],
        &[
            "",
            " ",
            "2147483648",
            "-2147483649",
            "1 2",
            "+-1",
            "-",
            "+",
            "1.0",
            "0x1",
            " 12",
            "1e3",
        ],
    );
    assert_eq!(parse_int("-0042"), Some(-42));
    assert_eq!(
        parse_int("+0000000000000000000000000000000000000000001"),
        Some(1)
    );
}

#[test]
fn long_lexical_forms() {
    table(
        Builtin::Long,
        &[
            "9223372036854775807",
            "-9223372036854775808",
            "0000000000000000000000000009223372036854775807",
        ],
        &[
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999",
            "",
        ],
    );
    assert_eq!(parse_long("-9223372036854775808"), Some(i64::MIN));
}

#[test]
fn boolean_lexical_forms() {
    table(
        Builtin::Boolean,
        &["true", "false", "1", "0"],
        &["+1", "TRUE", "True", "tru e", "", "yes", "01"],
    );
    assert_eq!(parse_boolean("1"), Some(true));
    assert_eq!(parse_boolean("false"), Some(false));
}

#[test]
fn decimal_lexical_forms() {
    table(
        Builtin::Decimal,
        &[
            "1",
            "1.",
            ".5",
            "+.5",
            "-.5",
            "-0.0",
            "00.",
            "00",
            "0.",
            "0000",
            "123456789012345678901234",
            "0.000000000000000000000001",
            "000000000000000000000000000001.5",
            "12345678901234567890.1234",
            "1.00000000000000000000000",
        ],
        &[
            ".",
            "+.",
            "-",
            "+",
            "",
            "1e5",
            "1.2.3",
            "1  .5",
            "1.5e",
            "1234567890123456789012345",
            "0.1234567890123456789012345678",
            "0.0000000000000000000000001",
            "12345678901234567890.12345",
            "1.000000000000000000000000",
            "123456789012345678901234.",
        ],
    );
}

#[test]
fn date_time_lexical_forms() {
    table(
        Builtin::DateTime,
        &[
            "2020-01-01T00:00:00",
            "2020-01-01T00:00:00Z",
            "2020-01-01T00:00:00.5+01:00",
            "2020-02-29T00:00:00",
            "2000-02-29T00:00:00",
            "-0001-01-01T00:00:00",
            "10000-01-01T00:00:00",
            "2020-01-01T24:00:00",
            "2020-01-01T24:00:00.000",
            "2020-01-01T00:00:00+14:00",
            "2020-01-01T00:00:00-14:00",
            "2020-01-01T00:00:00.123456789012Z",
            "-2020-02-29T00:00:00",
            "-0004-02-29T00:00:00",
        ],
        &[
            "2020-01-01T00:00:00.",
            "2020-01-01T00:00",
            "2019-02-29T00:00:00",
            "1900-02-29T00:00:00",
            "0000-01-01T00:00:00",
            "01000-01-01T00:00:00",
            "999-01-01T00:00:00",
            "2020-13-01T00:00:00",
            "2020-00-01T00:00:00",
            "2020-01-32T00:00:00",
            "2020-04-31T00:00:00",
            "2020-01-01T24:00:01",
            "2020-01-01T24:00:00.5",
            "2020-01-01T23:60:00",
            "2020-01-01T23:59:60",
            "2020-01-01T00:00:00+14:01",
            "2020-01-01T00:00:00+15:00",
            "2020-01-01T00:00:00+01",
            "2020-01-01T00:00:00+0100",
            "2020-01-01T00:00:00z",
            "2020-01-01 00:00:00",
            "2020-1-01T00:00:00",
            "2020-01-01T0:00:00",
            "+2020-01-01T00:00:00",
            "2020-01-01T00:00:00+23:59",
            "2020-01-01T00:00:00+05:60",
            "-0001-02-29T00:00:00",
            "2020-01-01",
            "",
        ],
    );
}

#[test]
fn date_lexical_forms() {
    table(
        Builtin::Date,
        &[
            "2020-01-01",
            "2020-01-01Z",
            "2020-01-01+05:30",
            "-0044-03-15",
            "2024-02-29",
        ],
        &[
            "2020-01-01T00:00:00",
            "2020-02-30",
            "0000-01-01",
            "20-01-01",
            "2020-01-01-",
            "2023-02-29",
            "",
        ],
    );
}

#[test]
fn string_accepts_anything() {
    table(Builtin::String, &["", " a  b ", "<>&"], &[]);
}

#[test]
fn date_time_parts_and_unix_seconds() {
    let dt = DateTime::new("2024-02-29T12:34:56.789+02:00").expect("valid");
    let p = dt.parts();
    assert_eq!(
        (p.year, p.month, p.day, p.hour, p.minute, p.second),
        (2024, 2, 29, 12, 34, 56)
    );
    assert_eq!(p.nanos, 789_000_000);
    assert_eq!(p.tz_offset_minutes, Some(120));
    assert_eq!(dt.to_unix_seconds(), Some(1_709_202_896));
    assert_eq!(dt.as_str(), "2024-02-29T12:34:56.789+02:00");

    let epoch = DateTime::new("1970-01-01T00:00:00Z").expect("valid");
    assert_eq!(epoch.to_unix_seconds(), Some(0));
    let eod = DateTime::new("1969-12-31T24:00:00").expect("valid");
    assert_eq!(eod.to_unix_seconds(), Some(0));
    assert_eq!(eod.parts().tz_offset_minutes, None);
    let before = DateTime::new("1969-12-31T23:59:59-00:30").expect("valid");
    assert_eq!(before.to_unix_seconds(), Some(1799));
    let nanos = DateTime::new("2000-01-01T00:00:00.0000000019Z").expect("valid");
    assert_eq!(nanos.parts().nanos, 1);
    let huge = DateTime::new("999999999999999-01-01T00:00:00Z").expect("valid");
    assert_eq!(huge.to_unix_seconds(), None);
    assert!(DateTime::new("99999999999999999999-01-01T00:00:00").is_err());
}

#[test]
fn date_parts() {
    let d = Date::new("2001-03-04-05:00").expect("valid");
    assert_eq!(
        d.parts(),
        DateParts {
            year: 2001,
            month: 3,
            day: 4,
            tz_offset_minutes: Some(-300)
        }
    );
    assert_eq!(d.to_unix_seconds(), Some(983_664_000 + 5 * 3600));
}

#[test]
fn decimal_to_f64() {
    for (text, expected) in [
        ("1.", 1.0),
        (".5", 0.5),
        ("-.25", -0.25),
        ("+3.75", 3.75),
        ("007", 7.0),
    ] {
        let d = Decimal::new(text).expect("valid");
        assert_eq!(d.to_f64(), Some(expected), "{text}");
        assert_eq!(d.as_str(), text);
    }
    assert!(Decimal::new("1e3").is_err());
}

#[test]
fn decimal_compares_exactly_with_integers() {
    use std::cmp::Ordering::*;
    for (text, bound, expected) in [
        ("10", 10, Equal),
        ("10.000", 10, Equal),
        ("10.001", 10, Greater),
        ("9.999", 10, Less),
        ("-0.0", 0, Equal),
        ("-1.5", -1, Less),
        ("-0.5", -1, Greater),
        ("-1", -1, Equal),
        ("0.1", 0, Greater),
        ("99999999999999999999", i64::MAX, Greater),
        ("-9223372036854775808.5", i64::MIN, Less),
    ] {
        assert_eq!(decimal_cmp_i64(text, bound), expected, "{text} vs {bound}");
    }
}

#[test]
fn collapse() {
    assert_eq!(collapse_whitespace("a b"), "a b");
    assert!(matches!(collapse_whitespace("a b"), Cow::Borrowed(_)));
    assert_eq!(collapse_whitespace("  a \t\n b\r\n"), "a b");
    assert_eq!(collapse_whitespace("   "), "");
    assert_eq!(collapse_whitespace("a  b"), "a b");
    for (input, want) in [
        ("  12 ", "12"),
        ("\ta\n\nb\r", "a b"),
        ("", ""),
        (" \n ", ""),
    ] {
        assert_eq!(collapse_whitespace(input), want, "{input:?}");
    }
}

#[test]
fn xml_value_impls() {
    assert_eq!(i32::parse_xml("+17"), Ok(17));
    assert_eq!(
        i32::parse_xml("x").map_err(|e| e.to_string()),
        Err("'x' is not a valid xs:int".to_owned())
    );
    assert_eq!(i64::TYPE_NAME, "xs:long");
    let mut out = String::new();
    (-5i32).write_xml(&mut out);
    true.write_xml(&mut out);
    DateTime::new("2020-01-01T00:00:00Z")
        .expect("valid")
        .write_xml(&mut out);
    assert_eq!(out, "-5true2020-01-01T00:00:00Z");
    const { assert!(!String::COLLAPSE && i32::COLLAPSE && DateTime::COLLAPSE) };
}

#[test]
fn display_fromstr_serde() {
    let dt: DateTime = "2020-05-06T07:08:09Z".parse().expect("valid");
    assert_eq!(dt.to_string(), "2020-05-06T07:08:09Z");
    assert!("2020-05-06".parse::<DateTime>().is_err());
    let d: Date = "2020-05-06".parse().expect("valid");
    assert_eq!(format!("{d}"), "2020-05-06");
    let n: Decimal = "-1.50".parse().expect("valid");
    assert_eq!(n.to_string(), "-1.50");

    // serde round trip through a minimal string serializer/deserializer.
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;
    use serde::Deserialize;
    let de: StrDeserializer<'_, DeError> = "2021-01-02T03:04:05+01:00".into_deserializer();
    let parsed = DateTime::deserialize(de).expect("valid");
    assert_eq!(parsed.as_str(), "2021-01-02T03:04:05+01:00");
    let bad: StrDeserializer<'_, DeError> = "2021-13-02".into_deserializer();
    assert!(Date::deserialize(bad).is_err());
    let de: StrDeserializer<'_, DeError> = "3.25".into_deserializer();
    assert_eq!(Decimal::deserialize(de).expect("valid").as_str(), "3.25");
}

const fn simple(base: Builtin) -> SimpleDecl {
    SimpleDecl::builtin(base)
}

#[test]
fn facets() {
    static SMALL: SimpleDecl = SimpleDecl {
        name: "Small",
        min_inclusive: Some(1),
        max_inclusive: Some(1000),
        ..simple(Builtin::Int)
    };
    assert_eq!(check_simple(&SMALL, "1"), Ok(()));
    assert_eq!(check_simple(&SMALL, "+1000"), Ok(()));
    assert_eq!(check_simple(&SMALL, "0"), Err(SimpleError::TooSmall(1)));
    assert_eq!(
        check_simple(&SMALL, "1001"),
        Err(SimpleError::TooLarge(1000))
    );
    assert_eq!(check_simple(&SMALL, "x"), Err(SimpleError::Lexical));
    assert_eq!(
        SimpleError::TooLarge(1000).message(&SMALL, "1001"),
        "'1001' is greater than 1000, the maximum of Small"
    );

    static CODE: SimpleDecl = SimpleDecl {
        name: "Code",
        enumeration: &["A", "B C"],
        ..simple(Builtin::String)
    };
    assert_eq!(check_simple(&CODE, "B C"), Ok(()));
    assert_eq!(check_simple(&CODE, "D"), Err(SimpleError::NotEnumerated));
    assert_eq!(
        SimpleError::NotEnumerated.message(&CODE, "D"),
        "'D' is not an allowed value of Code; expected one of: A, B C"
    );
    static OPEN: SimpleDecl = SimpleDecl {
        open: true,
        ..SimpleDecl {
            name: "Open",
            enumeration: &["A"],
            ..simple(Builtin::String)
        }
    };
    assert_eq!(check_simple(&OPEN, "anything"), Ok(()));

    static LEN: SimpleDecl = SimpleDecl {
        name: "Len",
        min_length: Some(2),
        max_length: Some(3),
        ..simple(Builtin::String)
    };
    assert_eq!(check_simple(&LEN, "äöü"), Ok(()));
    assert_eq!(check_simple(&LEN, "a"), Err(SimpleError::TooShort(2)));
    assert_eq!(check_simple(&LEN, "abcd"), Err(SimpleError::TooLong(3)));

    static NUMS: SimpleDecl = SimpleDecl {
        name: "Nums",
        enumeration: &["1", "20"],
        ..simple(Builtin::Int)
    };
    assert_eq!(check_simple(&NUMS, "020"), Ok(()));
    assert_eq!(check_simple(&NUMS, "2"), Err(SimpleError::NotEnumerated));

    static DEC: SimpleDecl = SimpleDecl {
        name: "Dec",
        max_inclusive: Some(5),
        ..simple(Builtin::Decimal)
    };
    assert_eq!(check_simple(&DEC, "5.000"), Ok(()));
    assert_eq!(check_simple(&DEC, "5.001"), Err(SimpleError::TooLarge(5)));
}
