//! `xs:dateTime` and `xs:date`, kept in their lexical form and checked on creation.

use super::{string_like, XmlValue};
use crate::error::ValueError;
use std::fmt;
use std::str::FromStr;

/// The fields of an `xs:dateTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    /// The year; negative for BCE (as written, without year 0).
    pub year: i64,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (checked against the month).
    pub day: u8,
    /// Hour, 0–23, or 24 for the end of the day (`24:00:00`).
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Whole seconds, 0–59.
    pub second: u8,
    /// Fraction of the second in nanoseconds (digits beyond the ninth are dropped).
    pub nanos: u32,
    /// Time-zone offset in minutes east of UTC (`Z` is `Some(0)`); `None` when the
    /// value has no time zone.
    pub tz_offset_minutes: Option<i16>,
}

/// The fields of an `xs:date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateParts {
    /// The year; negative for BCE (as written, without year 0).
    pub year: i64,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (checked against the month).
    pub day: u8,
    /// Time-zone offset in minutes east of UTC; `None` without a time zone.
    pub tz_offset_minutes: Option<i16>,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    fn digit(&mut self) -> Option<u8> {
        let d = self.peek().filter(u8::is_ascii_digit)?;
        self.i += 1;
        Some(d - b'0')
    }

    fn two_digits(&mut self) -> Option<u8> {
        let hi = self.digit()?;
        let lo = self.digit()?;
        Some(hi * 10 + lo)
    }

    fn at_end(&self) -> bool {
        self.i >= self.bytes.len()
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// `-?YYYY-MM-DD`.
fn parse_ymd(c: &mut Cursor<'_>) -> Option<(i64, u8, u8)> {
    let negative = c.eat(b'-');
    let first = c.i;
    let mut year: i64 = 0;
    while let Some(d) = c.digit() {
        year = year.checked_mul(10)?.checked_add(i64::from(d))?;
    }
    let digits = c.i - first;
    if digits < 4 || (digits > 4 && c.bytes.get(first) == Some(&b'0')) || year == 0 {
        return None;
    }
    if negative {
        year = -year;
    }
    c.expect(b'-')?;
    let month = c.two_digits()?;
    if !(1..=12).contains(&month) {
        return None;
    }
    c.expect(b'-')?;
    let day = c.two_digits()?;
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

/// `Z`, `[+-]hh:mm` or nothing, then the end of the input.
fn parse_tz(c: &mut Cursor<'_>) -> Option<Option<i16>> {
    let tz = match c.peek() {
        None => None,
        Some(b'Z') => {
            c.i += 1;
            Some(0)
        }
        Some(sign @ (b'+' | b'-')) => {
            c.i += 1;
            let h = c.two_digits()?;
            if h > 23 {
                return None;
            }
            c.expect(b':')?;
            let m = c.two_digits()?;
            if m > 59 {
                return None;
            }
            let total = i16::from(h) * 60 + i16::from(m);
            if total > 840 {
                return None;
            }
            Some(if sign == b'-' { -total } else { total })
        }
        Some(_) => return None,
    };
    c.at_end().then_some(tz)
}

/// Checks and parses an `xs:dateTime` lexical form.
pub(crate) fn parse_date_time(text: &str) -> Option<DateTimeParts> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        i: 0,
    };
    let (year, month, day) = parse_ymd(&mut c)?;
    c.expect(b'T')?;
    let hour = c.two_digits()?;
    c.expect(b':')?;
    let minute = c.two_digits()?;
    c.expect(b':')?;
    let second = c.two_digits()?;
    let mut nanos: u32 = 0;
    let mut fraction_zero = true;
    if c.eat(b'.') {
        let start = c.i;
        while let Some(d) = c.digit() {
            let n = c.i - start;
            if n <= 9 {
                nanos += u32::from(d) * 10u32.pow(9 - n as u32);
            }
            fraction_zero &= d == 0;
        }
        if c.i == start {
            return None;
        }
    }
    let end_of_day = hour == 24 && minute == 0 && second == 0 && fraction_zero;
    if (hour > 23 && !end_of_day) || minute > 59 || second > 59 {
        return None;
    }
    let tz_offset_minutes = parse_tz(&mut c)?;
    Some(DateTimeParts {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        tz_offset_minutes,
    })
}

/// Checks and parses an `xs:date` lexical form.
pub(crate) fn parse_date(text: &str) -> Option<DateParts> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        i: 0,
    };
    let (year, month, day) = parse_ymd(&mut c)?;
    let tz_offset_minutes = parse_tz(&mut c)?;
    Some(DateParts {
        year,
        month,
        day,
        tz_offset_minutes,
    })
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (astronomical years).
fn days_from_civil(year: i64, month: u8, day: u8) -> i128 {
    let y = i128::from(year) - i128::from(month <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i128::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i128::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn unix_seconds(year: i64, month: u8, day: u8, secs_of_day: i128, tz: Option<i16>) -> Option<i64> {
    let total =
        days_from_civil(year, month, day) * 86_400 + secs_of_day - i128::from(tz.unwrap_or(0)) * 60;
    i64::try_from(total).ok()
}

/// An `xs:dateTime`, kept in its lexical form so it round-trips exactly.
///
/// Created only from a valid lexical form (see the [module docs](crate::value)); no
/// whitespace is stripped by [`DateTime::new`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    lexical: String,
    parts: DateTimeParts,
}

impl DateTime {
    /// Checks the lexical form.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        match parse_date_time(text) {
            Some(parts) => Ok(DateTime {
                lexical: text.to_owned(),
                parts,
            }),
            None => Err(ValueError::new(text, "xs:dateTime")),
        }
    }

    /// The lexical form, as read.
    pub fn as_str(&self) -> &str {
        &self.lexical
    }

    /// The parsed fields.
    pub fn parts(&self) -> DateTimeParts {
        self.parts
    }

    /// Seconds since 1970-01-01T00:00:00Z (the fraction is dropped). A value without
    /// a time zone is taken as UTC; `24:00:00` is midnight of the next day; negative
    /// years are taken as astronomical years, as the leap-year check does. `None` if
    /// the result does not fit an `i64`.
    pub fn to_unix_seconds(&self) -> Option<i64> {
        let p = self.parts;
        let secs = i128::from(p.hour) * 3600 + i128::from(p.minute) * 60 + i128::from(p.second);
        unix_seconds(p.year, p.month, p.day, secs, p.tz_offset_minutes)
    }
}

impl XmlValue for DateTime {
    const COLLAPSE: bool = true;
    const TYPE_NAME: &'static str = "xs:dateTime";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        DateTime::new(text)
    }
    fn write_xml(&self, out: &mut String) {
        out.push_str(&self.lexical);
    }
}

string_like!(DateTime, "an xs:dateTime string");

/// An `xs:date`, kept in its lexical form so it round-trips exactly.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    lexical: String,
    parts: DateParts,
}

impl Date {
    /// Checks the lexical form.
    pub fn new(text: &str) -> Result<Self, ValueError> {
        match parse_date(text) {
            Some(parts) => Ok(Date {
                lexical: text.to_owned(),
                parts,
            }),
            None => Err(ValueError::new(text, "xs:date")),
        }
    }

    /// The lexical form, as read.
    pub fn as_str(&self) -> &str {
        &self.lexical
    }

    /// The parsed fields.
    pub fn parts(&self) -> DateParts {
        self.parts
    }

    /// Seconds since the Unix epoch of the start of the day (UTC without a time zone).
    pub fn to_unix_seconds(&self) -> Option<i64> {
        let p = self.parts;
        unix_seconds(p.year, p.month, p.day, 0, p.tz_offset_minutes)
    }
}

impl XmlValue for Date {
    const COLLAPSE: bool = true;
    const TYPE_NAME: &'static str = "xs:date";
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        Date::new(text)
    }
    fn write_xml(&self, out: &mut String) {
        out.push_str(&self.lexical);
    }
}

string_like!(Date, "an xs:date string");
