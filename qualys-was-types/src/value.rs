//! Simple XSD values: the [`XmlValue`] trait, the built-in lexical checks, and the
//! hand-written [`DateTime`], [`Date`] and [`Decimal`] types.
//!
//! The lexical rules follow XSD 1.0 as libxml2 applies them:
//!
//! * `xs:int` / `xs:long`: `[+-]?[0-9]+` within the 32/64-bit range (leading zeros
//!   and a leading `+` allowed).
//! * `xs:boolean`: exactly `true`, `false`, `1` or `0`.
//! * `xs:decimal`: `[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)`, at most 24 significant
//!   digits (libxml2's capacity; leading zeros of the integer part do not count).
//! * `xs:dateTime`: `-?YYYY-MM-DDThh:mm:ss(\.s+)?(Z|[+-]hh:mm)?`; the year has at
//!   least four digits, no leading zero beyond four, and is not `0000`; days are
//!   checked against the month (leap years by the Gregorian rule applied to the
//!   signed year); `24:00:00` is allowed as end of day; the seconds are required and
//!   below 60; a time-zone offset is at most 14:00.
//! * `xs:date`: the date part of the above plus the optional time zone.
//!
//! Whitespace: every built-in but `xs:string` is whitespace-collapsed first (XSD
//! `whiteSpace="collapse"`); see [`collapse_whitespace`]. (libxml2 2.9 skips that
//! step for `xs:int`, `xs:long`, `xs:date` and `xs:dateTime` and so rejects, say,
//! `<id> 12 </id>`; this crate follows the XSD specification there.)
//!
//! These checks are the single implementation used by both the typed reader and the
//! streaming validator.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::error::{quote_value, ValueError};
use crate::model::{Builtin, SimpleDecl};

mod dates;
pub use dates::{Date, DateParts, DateTime, DateTimeParts};

/// A simple value that can be read from and written to XML text.
pub trait XmlValue: Sized {
    /// Whether the text is whitespace-collapsed before [`XmlValue::parse_xml`]
    /// (XSD `whiteSpace="collapse"`; `false` keeps it as is).
    const COLLAPSE: bool;
    /// The XSD type name used in messages, such as `xs:int`.
    const TYPE_NAME: &'static str;
    /// Parses the (whitespace-handled) text.
    fn parse_xml(text: &str) -> Result<Self, ValueError>;
    /// Appends the lexical form (unescaped) to `out`.
    fn write_xml(&self, out: &mut String);
}

/// XSD `whiteSpace="collapse"`: tabs, line feeds and carriage returns become spaces,
/// runs of spaces become one, and leading and trailing spaces are removed.
/// Borrows when the text is already collapsed.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    if is_collapsed(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text
        .split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// Whether `bytes` are already whitespace-collapsed.
fn is_collapsed(bytes: &[u8]) -> bool {
    // `true` at the start rejects a leading space.
    let mut after_space = true;
    for &b in bytes {
        match b {
            b'\t' | b'\n' | b'\r' => return false,
            b' ' if after_space => return false,
            b' ' => after_space = true,
            _ => after_space = false,
        }
    }
    bytes.is_empty() || !after_space
}

/// Parses `[+-]?[0-9]+` into an `i128`-bounded magnitude check, `None` when the
/// lexical form is wrong or the value exceeds `min..=max`.
fn parse_integer(text: &str, min: i128, max: i128) -> Option<i128> {
    let bytes = text.as_bytes();
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let significant = digits
        .iter()
        .position(|b| *b != b'0')
        .map_or(&[][..], |i| digits.get(i..).unwrap_or(&[]));
    if significant.len() > 20 {
        return None;
    }
    let mut value: i128 = 0;
    for d in significant {
        value = value * 10 + i128::from(d - b'0');
    }
    if negative {
        value = -value;
    }
    (min..=max).contains(&value).then_some(value)
}

/// Checks and parses an `xs:int` lexical form.
pub fn parse_int(text: &str) -> Option<i32> {
    parse_integer(text, i32::MIN.into(), i32::MAX.into()).and_then(|v| i32::try_from(v).ok())
}

/// Checks and parses an `xs:long` lexical form.
pub fn parse_long(text: &str) -> Option<i64> {
    parse_integer(text, i64::MIN.into(), i64::MAX.into()).and_then(|v| i64::try_from(v).ok())
}

/// Checks and parses an `xs:boolean` lexical form (`true`, `false`, `1`, `0`).
pub fn parse_boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

/// Checks an `xs:decimal` lexical form, mirroring libxml2 (including its limit of 24
/// significant digits).
pub fn is_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = match bytes.split_first() {
        Some((b'-' | b'+', rest)) => rest,
        Some(_) => bytes,
        None => return false,
    };
    if digits.is_empty() {
        return false;
    }
    let mut i = digits.iter().take_while(|b| **b == b'0').count();
    let leading_zeros = i > 0;
    let mut len = 0usize;
    while let Some(&b) = digits.get(i) {
        if b.is_ascii_digit() {
            i += 1;
            len += 1;
        } else if b == b'.' {
            i += 1;
            while len < 24 {
                match digits.get(i) {
                    Some(d) if d.is_ascii_digit() => {
                        i += 1;
                        len += 1;
                    }
                    _ => break,
                }
            }
            if len == 0 && !leading_zeros {
                return false;
            }
            break;
        } else {
            break;
        }
        if len >= 24 {
            break;
        }
    }
    i == digits.len()
}

/// Compares a valid `xs:decimal` lexical form with an integer, exactly.
pub(crate) fn decimal_cmp_i64(text: &str, bound: i64) -> Ordering {
    let (negative, rest) = match text.as_bytes().split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text.as_bytes()),
    };
    let (int, frac) = match memchr::memchr(b'.', rest) {
        Some(dot) => (
            rest.get(..dot).unwrap_or(&[]),
            rest.get(dot + 1..).unwrap_or(&[]),
        ),
        None => (rest, &[][..]),
    };
    let zeros = int.iter().take_while(|b| **b == b'0').count();
    let int = int.get(zeros..).unwrap_or(&[]);
    let frac_nonzero = frac.iter().any(|b| *b != b'0');
    let is_zero = int.is_empty() && !frac_nonzero;
    let a_sign = if is_zero {
        0
    } else if negative {
        -1
    } else {
        1
    };
    let b_sign = bound.signum();
    if a_sign != b_sign {
        return a_sign.cmp(&b_sign);
    }
    if a_sign == 0 {
        return Ordering::Equal;
    }
    let b_digits = bound.unsigned_abs().to_string();
    let magnitude = int
        .len()
        .cmp(&b_digits.len())
        .then_with(|| int.cmp(b_digits.as_bytes()))
        .then(if frac_nonzero {
            Ordering::Greater
        } else {
            Ordering::Equal
        });
    if negative {
        magnitude.reverse()
    } else {
        magnitude
    }
}

/// Checks a (whitespace-handled) value against a built-in type's lexical space.
pub fn check_builtin(base: Builtin, value: &str) -> bool {
    match base {
        Builtin::String => true,
        Builtin::Int => parse_int(value).is_some(),
        Builtin::Long => parse_long(value).is_some(),
        Builtin::Boolean => parse_boolean(value).is_some(),
        Builtin::Decimal => is_decimal(value),
        Builtin::DateTime => dates::parse_date_time(value).is_some(),
        Builtin::Date => dates::parse_date(value).is_some(),
    }
}

/// Why a value does not match a [`SimpleDecl`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SimpleError {
    /// Not in the built-in's lexical space.
    Lexical,
    /// Not one of the enumerated values.
    NotEnumerated,
    /// Below `minInclusive`.
    TooSmall(i64),
    /// Above `maxInclusive`.
    TooLarge(i64),
    /// Fewer characters than `minLength`.
    TooShort(u32),
    /// More characters than `maxLength`.
    TooLong(u32),
}

impl SimpleError {
    /// A message such as `'x' is not a valid xs:int`.
    pub fn message(&self, decl: &SimpleDecl, value: &str) -> String {
        let v = quote_value(value);
        match self {
            SimpleError::Lexical => format!("'{v}' is not a valid {}", decl.base.xsd_name()),
            SimpleError::NotEnumerated => {
                let mut m = format!(
                    "'{v}' is not an allowed value of {}; expected one of: ",
                    decl.name
                );
                push_list(&mut m, decl.enumeration.iter().copied(), 30);
                m
            }
            SimpleError::TooSmall(min) => {
                format!("'{v}' is less than {min}, the minimum of {}", decl.name)
            }
            SimpleError::TooLarge(max) => {
                format!("'{v}' is greater than {max}, the maximum of {}", decl.name)
            }
            SimpleError::TooShort(min) => format!(
                "'{v}' has {} character(s); {} requires at least {min}",
                value.chars().count(),
                decl.name
            ),
            SimpleError::TooLong(max) => format!(
                "'{v}' has {} character(s); {} allows at most {max}",
                value.chars().count(),
                decl.name
            ),
        }
    }
}

/// Appends `a, b, c` (at most `max` items, then `…`).
pub(crate) fn push_list<'a>(out: &mut String, items: impl Iterator<Item = &'a str>, max: usize) {
    for (i, item) in items.enumerate() {
        if i == max {
            out.push_str(", …");
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
}

/// Checks a value that has already been whitespace-handled (see
/// [`Builtin::collapses`]) against a simple type: lexical form, enumeration (unless
/// open), `minInclusive`/`maxInclusive`, `minLength`/`maxLength` (in characters).
pub fn check_simple(decl: &SimpleDecl, value: &str) -> Result<(), SimpleError> {
    if !check_builtin(decl.base, value) {
        return Err(SimpleError::Lexical);
    }
    let integer = match decl.base {
        Builtin::Int | Builtin::Long => parse_long(value),
        _ => None,
    };
    if !decl.open && !decl.enumeration.is_empty() {
        let found = decl.enumeration.iter().any(|e| match integer {
            Some(v) => parse_long(e) == Some(v),
            None => *e == value,
        });
        if !found {
            return Err(SimpleError::NotEnumerated);
        }
    }
    let cmp = |bound: i64| match (integer, decl.base) {
        (Some(v), _) => Some(v.cmp(&bound)),
        (None, Builtin::Decimal) => Some(decimal_cmp_i64(value, bound)),
        _ => None,
    };
    if let Some(min) = decl.min_inclusive {
        if cmp(min) == Some(Ordering::Less) {
            return Err(SimpleError::TooSmall(min));
        }
    }
    if let Some(max) = decl.max_inclusive {
        if cmp(max) == Some(Ordering::Greater) {
            return Err(SimpleError::TooLarge(max));
        }
    }
    if decl.min_length.is_some() || decl.max_length.is_some() {
        let chars = value.chars().count();
        if let Some(min) = decl.min_length {
            if chars < min as usize {
                return Err(SimpleError::TooShort(min));
            }
        }
        if let Some(max) = decl.max_length {
            if chars > max as usize {
                return Err(SimpleError::TooLong(max));
            }
        }
    }
    Ok(())
}

impl XmlValue for String {
    const COLLAPSE: bool = false;
    const TYPE_NAME: &'static str = "xs:string";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        Ok(text.to_owned())
    }
    fn write_xml(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl XmlValue for i32 {
    const COLLAPSE: bool = true;
    const TYPE_NAME: &'static str = "xs:int";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_int(text).ok_or_else(|| ValueError::new(text, Self::TYPE_NAME))
    }
    fn write_xml(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl XmlValue for i64 {
    const COLLAPSE: bool = true;
    const TYPE_NAME: &'static str = "xs:long";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_long(text).ok_or_else(|| ValueError::new(text, Self::TYPE_NAME))
    }
    fn write_xml(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl XmlValue for bool {
    const COLLAPSE: bool = true;
    const TYPE_NAME: &'static str = "xs:boolean";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_boolean(text).ok_or_else(|| ValueError::new(text, Self::TYPE_NAME))
    }
    fn write_xml(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// An `xs:decimal`, kept in its lexical form so it round-trips exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Decimal(String);

impl Decimal {
    /// Checks the lexical form (no whitespace handling).
    pub fn new(text: &str) -> Result<Self, ValueError> {
        if is_decimal(text) {
            Ok(Decimal(text.to_owned()))
        } else {
            Err(ValueError::new(text, "xs:decimal"))
        }
    }

    /// The lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64`; `None` if it does not parse to a finite number.
    pub fn to_f64(&self) -> Option<f64> {
        let t = self.0.as_str();
        let t = t.strip_prefix('+').unwrap_or(t);
        // `f64::from_str` accepts `1.` and `.5` but is given a digit either side
        // anyway, to stay independent of its exact grammar.
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let mut s = String::with_capacity(t.len() + 3);
        if neg {
            s.push('-');
        }
        if t.starts_with('.') {
            s.push('0');
        }
        s.push_str(t);
        if s.ends_with('.') {
            s.push('0');
        }
        s.parse::<f64>().ok().filter(|v| v.is_finite())
    }
}

impl XmlValue for Decimal {
    const COLLAPSE: bool = true;
    const TYPE_NAME: &'static str = "xs:decimal";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        Decimal::new(text)
    }
    fn write_xml(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

/// `Display`, `FromStr` and serde (as a string) for a type with `new(&str)` and
/// `as_str()`.
macro_rules! string_like {
    ($ty:ty, $what:literal) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $ty {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                <$ty>::new(s)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$ty, E> {
                        <$ty>::new(v).map_err(E::custom)
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}
pub(crate) use string_like;

string_like!(Decimal, "an xs:decimal string");

#[cfg(test)]
mod tests;
