//! EDTF level 1 (the Library of Congress Extended Date/Time Format, ISO 8601-2): the one date
//! model for everything that is not a plain day, month or year.
//!
//! Owns parsing and writing EDTF strings (`1956`, `1956-09-17`, `1956~`, `1956-09?`, `195X`,
//! `1956-22` for summer 1956, `1956/1957`, `1956-09/..`) and the calendar span each one covers.
//! [`DocDate`] stays the compact position a document has on the timeline; a document whose date
//! is more than a [`DocDate`] can say (approximate, uncertain, a season, a span, unspecified
//! digits) also carries an [`Edtf`]. Sources of dates (page date lines, CSL-JSON, RIS, BibTeX,
//! CSV, and the user's own dates in the research workspace) all meet here. Builds on
//! [`DocDate`] (`date.rs`, which never imports this module); reading dates from page text is
//! `date_line`'s.
//!
//! Level 1 features: qualifiers `?` (uncertain), `~` (approximate), `%` (both) on a whole date;
//! unspecified digits from the right (`201X`, `20XX`, `2004-XX`, `1985-04-XX`, `1985-XX-XX`);
//! seasons 21–24 in the month position; intervals with open (`..`) or unknown (empty) ends.
//! Not supported: times of day, level-2 features (qualifiers on single parts, sets).

use super::date::{days_in_month, DocDate};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One EDTF date (not an interval).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EdtfDate {
    /// The year; its unspecified digits are held as zeros (`195X` is 1950).
    pub year: i32,
    /// How many of the year's digits, from the right, are unspecified (0, 1 or 2).
    pub year_unspecified: u8,
    /// 1–12 for a month, 21–24 for spring, summer, autumn, winter.
    pub month: Option<u8>,
    /// The month is written `XX`.
    pub month_unspecified: bool,
    pub day: Option<u8>,
    /// The day is written `XX`.
    pub day_unspecified: bool,
    /// `?`: the source is not sure of the date.
    pub uncertain: bool,
    /// `~`: "circa", "about".
    pub approximate: bool,
}

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdtfBound {
    Date(EdtfDate),
    /// `..`: the interval runs on without end.
    Open,
    /// Empty: the end is not known.
    Unknown,
}

/// An EDTF level 1 value: a date or an interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edtf {
    Date(EdtfDate),
    Interval(EdtfBound, EdtfBound),
}

/// Why a string is not EDTF level 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EdtfError(pub String);

impl fmt::Display for EdtfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an EDTF date: {}", self.0)
    }
}

impl std::error::Error for EdtfError {}

/// Season numbers of EDTF level 1 and their names.
pub const SEASONS: [(u8, &str); 4] = [
    (21, "Spring"),
    (22, "Summer"),
    (23, "Autumn"),
    (24, "Winter"),
];

impl EdtfDate {
    /// A plain year.
    pub fn year(year: i32) -> EdtfDate {
        EdtfDate {
            year,
            year_unspecified: 0,
            month: None,
            month_unspecified: false,
            day: None,
            day_unspecified: false,
            uncertain: false,
            approximate: false,
        }
    }

    pub fn month(year: i32, month: u8) -> EdtfDate {
        EdtfDate {
            month: Some(month),
            ..EdtfDate::year(year)
        }
    }

    pub fn day(year: i32, month: u8, day: u8) -> EdtfDate {
        EdtfDate {
            day: Some(day),
            ..EdtfDate::month(year, month)
        }
    }

    /// A plain date: no qualifier, no unspecified digit, no season.
    pub fn is_plain(&self) -> bool {
        !self.uncertain
            && !self.approximate
            && self.year_unspecified == 0
            && !self.month_unspecified
            && !self.day_unspecified
            && self.month.is_none_or(|m| m <= 12)
    }

    /// The season's name ("Summer") when the month position holds one.
    pub fn season(&self) -> Option<&'static str> {
        let m = self.month?;
        SEASONS.iter().find(|(n, _)| *n == m).map(|(_, name)| *name)
    }

    /// First and last day the date can mean (qualifiers do not widen it).
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let width = 10i32.pow(u32::from(self.year_unspecified.min(3)));
        let first_year = self.year;
        let last_year = self.year.checked_add(width - 1)?;
        let whole = |a: i32, b: i32| {
            Some((
                NaiveDate::from_ymd_opt(a, 1, 1)?,
                NaiveDate::from_ymd_opt(b, 12, 31)?,
            ))
        };
        if self.year_unspecified > 0 || self.month_unspecified {
            return whole(first_year, last_year);
        }
        let Some(month) = self.month else {
            return whole(first_year, last_year);
        };
        let month_span = |y: i32, from: u32, to_y: i32, to: u32| {
            let last = days_in_month(to_y, to);
            Some((
                NaiveDate::from_ymd_opt(y, from, 1)?,
                NaiveDate::from_ymd_opt(to_y, to, last.max(1))?,
            ))
        };
        match month {
            21 => month_span(first_year, 3, first_year, 5),
            22 => month_span(first_year, 6, first_year, 8),
            23 => month_span(first_year, 9, first_year, 11),
            24 => month_span(first_year, 12, first_year.checked_add(1)?, 2),
            m @ 1..=12 => {
                let m = u32::from(m);
                match (self.day, self.day_unspecified) {
                    (Some(d), false) => {
                        let day = NaiveDate::from_ymd_opt(first_year, m, u32::from(d))?;
                        Some((day, day))
                    }
                    _ => month_span(first_year, m, first_year, m),
                }
            }
            _ => None,
        }
    }

    /// The timeline position at the precision the date really has: a day or month only when
    /// it is written out, otherwise its (first) year.
    pub fn doc_date(&self) -> DocDate {
        let year = self.year;
        match (self.month, self.day) {
            _ if self.year_unspecified > 0 || self.month_unspecified => DocDate::Year(year),
            (Some(m @ 1..=12), Some(d)) if !self.day_unspecified => {
                NaiveDate::from_ymd_opt(year, u32::from(m), u32::from(d)).map_or(
                    DocDate::Month {
                        year,
                        month: u32::from(m),
                    },
                    DocDate::Day,
                )
            }
            (Some(m @ 1..=12), _) => DocDate::Month {
                year,
                month: u32::from(m),
            },
            _ => DocDate::Year(year),
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = format!("{:04}", self.year.unsigned_abs());
        let keep = digits
            .len()
            .saturating_sub(usize::from(self.year_unspecified));
        if self.year < 0 {
            f.write_str("-")?;
        }
        f.write_str(&digits[..keep])?;
        for _ in keep..digits.len() {
            f.write_str("X")?;
        }
        if let Some(m) = self.month {
            if self.month_unspecified {
                f.write_str("-XX")?;
            } else {
                write!(f, "-{m:02}")?;
            }
        }
        if let Some(d) = self.day {
            if self.day_unspecified {
                f.write_str("-XX")?;
            } else {
                write!(f, "-{d:02}")?;
            }
        }
        match (self.uncertain, self.approximate) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("?"),
            (false, true) => f.write_str("~"),
            (false, false) => Ok(()),
        }
    }

    /// Parses one EDTF date (no interval).
    pub fn parse(text: &str) -> Result<EdtfDate, EdtfError> {
        let err = || EdtfError(text.to_string());
        let mut s = text.trim();
        let (mut uncertain, mut approximate) = (false, false);
        if let Some(rest) = s.strip_suffix('%') {
            (uncertain, approximate, s) = (true, true, rest);
        } else if let Some(rest) = s.strip_suffix('?') {
            (uncertain, s) = (true, rest);
            if let Some(rest) = s.strip_suffix('~') {
                (approximate, s) = (true, rest);
            }
        } else if let Some(rest) = s.strip_suffix('~') {
            (approximate, s) = (true, rest);
            if let Some(rest) = s.strip_suffix('?') {
                (uncertain, s) = (true, rest);
            }
        }
        let negative = s.starts_with('-');
        let body = if negative { &s[1..] } else { s };
        let mut parts = body.split('-');
        let year_text = parts.next().ok_or_else(err)?;
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() || year_text.len() != 4 {
            return Err(err());
        }
        let xs = year_text.bytes().rev().take_while(|&b| b == b'X').count();
        let (digits, tail) = year_text.split_at(4 - xs);
        if xs > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() {
            return Err(err());
        }
        let mut year: i32 = format!("{digits}{}", "0".repeat(tail.len()))
            .parse()
            .map_err(|_| err())?;
        if negative {
            year = -year;
        }
        let mut date = EdtfDate {
            year_unspecified: u8::try_from(xs).map_err(|_| err())?,
            uncertain,
            approximate,
            ..EdtfDate::year(year)
        };
        let two = |t: &str| -> Result<Option<u8>, EdtfError> {
            if t == "XX" {
                return Ok(None);
            }
            if t.len() != 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            t.parse::<u8>().map(Some).map_err(|_| err())
        };
        if let Some(m) = month_text {
            match two(m)? {
                None => {
                    date.month = Some(1);
                    date.month_unspecified = true;
                }
                Some(m)
                    if (1..=12).contains(&m) || (day_text.is_none() && (21..=24).contains(&m)) =>
                {
                    date.month = Some(m);
                }
                Some(_) => return Err(err()),
            }
        }
        if let Some(d) = day_text {
            match two(d)? {
                None => {
                    date.day = Some(1);
                    date.day_unspecified = true;
                }
                Some(d) => {
                    if date.month_unspecified {
                        return Err(err());
                    }
                    let m = u32::from(date.month.unwrap_or(1));
                    if d == 0 || u32::from(d) > days_in_month(year, m) {
                        return Err(err());
                    }
                    date.day = Some(d);
                }
            }
        }
        if date.year_unspecified > 0 && date.month.is_some() && !date.month_unspecified {
            return Err(err());
        }
        Ok(date)
    }
}

impl EdtfBound {
    fn parse(text: &str) -> Result<EdtfBound, EdtfError> {
        match text.trim() {
            ".." => Ok(EdtfBound::Open),
            "" => Ok(EdtfBound::Unknown),
            t => EdtfDate::parse(t).map(EdtfBound::Date),
        }
    }

    fn date(&self) -> Option<&EdtfDate> {
        match self {
            EdtfBound::Date(d) => Some(d),
            _ => None,
        }
    }
}

impl Edtf {
    /// Parses an EDTF level 1 string.
    pub fn parse(text: &str) -> Result<Edtf, EdtfError> {
        let text = text.trim();
        if text.len() > 64 {
            return Err(EdtfError(text.chars().take(64).collect()));
        }
        match text.split_once('/') {
            Some((a, b)) => {
                let (a, b) = (EdtfBound::parse(a)?, EdtfBound::parse(b)?);
                if a.date().is_none() && b.date().is_none() {
                    return Err(EdtfError(text.to_string()));
                }
                if let (Some(x), Some(y)) = (
                    a.date().and_then(EdtfDate::span),
                    b.date().and_then(EdtfDate::span),
                ) {
                    if x.0 > y.1 {
                        return Err(EdtfError(format!(
                            "{text} (the interval ends before it starts)"
                        )));
                    }
                }
                Ok(Edtf::Interval(a, b))
            }
            None => EdtfDate::parse(text).map(Edtf::Date),
        }
    }

    /// The EDTF form of a plain [`DocDate`] (`None` for undated).
    pub fn from_doc_date(date: DocDate) -> Option<Edtf> {
        use chrono::Datelike;
        let small = |v: u32| u8::try_from(v).unwrap_or(1);
        let date = match date {
            DocDate::Day(d) => EdtfDate::day(d.year(), small(d.month()), small(d.day())),
            DocDate::Month { year, month } => EdtfDate::month(year, small(month)),
            DocDate::Year(year) => EdtfDate::year(year),
            DocDate::Undated => return None,
        };
        Some(Edtf::Date(date))
    }

    /// True when the value says no more than a [`DocDate`] does (a plain day, month or year).
    pub fn is_plain(&self) -> bool {
        matches!(self, Edtf::Date(d) if d.is_plain())
    }

    pub fn is_interval(&self) -> bool {
        matches!(self, Edtf::Interval(..))
    }

    pub fn is_approximate(&self) -> bool {
        self.dates().any(|d| d.approximate)
    }

    pub fn is_uncertain(&self) -> bool {
        self.dates().any(|d| d.uncertain)
    }

    fn dates(&self) -> impl Iterator<Item = &EdtfDate> {
        let (a, b) = match self {
            Edtf::Date(d) => (Some(d), None),
            Edtf::Interval(a, b) => (a.date(), b.date()),
        };
        a.into_iter().chain(b)
    }

    /// The timeline position: the date (or an interval's first known end) at the precision it
    /// is written with.
    pub fn doc_date(&self) -> DocDate {
        self.dates()
            .next()
            .map_or(DocDate::Undated, EdtfDate::doc_date)
    }

    /// First and last day covered; `None` on a side that is open or unknown.
    pub fn span(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match self {
            Edtf::Date(d) => match d.span() {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            },
            Edtf::Interval(a, b) => (
                a.date().and_then(EdtfDate::span).map(|s| s.0),
                b.date().and_then(EdtfDate::span).map(|s| s.1),
            ),
        }
    }
}

impl fmt::Display for Edtf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bound = |b: &EdtfBound, f: &mut fmt::Formatter<'_>| match b {
            EdtfBound::Date(d) => d.write(f),
            EdtfBound::Open => f.write_str(".."),
            EdtfBound::Unknown => Ok(()),
        };
        match self {
            Edtf::Date(d) => d.write(f),
            Edtf::Interval(a, b) => {
                bound(a, f)?;
                f.write_str("/")?;
                bound(b, f)
            }
        }
    }
}

impl std::str::FromStr for Edtf {
    type Err = EdtfError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Edtf::parse(s)
    }
}

/// Stored and exported as its EDTF string.
impl Serialize for Edtf {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Edtf {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Edtf::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Edtf {
        let value = Edtf::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(value.to_string(), text);
        value
    }

    #[test]
    fn level_0_and_1_forms_round_trip() {
        for text in [
            "1956",
            "1956-09",
            "1956-09-17",
            "-0044",
            "1956~",
            "1956?",
            "1956%",
            "1956-09?",
            "195X",
            "19XX",
            "1956-XX",
            "1956-09-XX",
            "1956-XX-XX",
            "1956-21",
            "1956-24",
            "1956/1957",
            "1956-09/1956-10",
            "1956/..",
            "../1956",
            "1956/",
            "/1956",
            "1956~/1957?",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn malformed_is_refused() {
        for text in [
            "",
            "56",
            "1956-13",
            "1956-02-30",
            "1956-00",
            "1XXX",
            "1956-25",
            "1956-21-01",
            "1957/1956",
            "../..",
            "1956-09-17T10:00",
            "abcd",
            "195X-09",
        ] {
            assert!(Edtf::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn spans_and_positions() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            round_trip("1956-22").span(),
            (d(1956, 6, 1), d(1956, 8, 31))
        );
        assert_eq!(
            round_trip("1956-24").span(),
            (d(1956, 12, 1), d(1957, 2, 28))
        );
        assert_eq!(round_trip("195X").span(), (d(1950, 1, 1), d(1959, 12, 31)));
        assert_eq!(
            round_trip("1956/1957").span(),
            (d(1956, 1, 1), d(1957, 12, 31))
        );
        assert_eq!(round_trip("1956/..").span(), (d(1956, 1, 1), None));
        assert_eq!(
            round_trip("1956-09~").doc_date(),
            DocDate::Month {
                year: 1956,
                month: 9
            }
        );
        assert_eq!(round_trip("1956-22").doc_date(), DocDate::Year(1956));
        assert_eq!(round_trip("../1957").doc_date(), DocDate::Year(1957));
        assert!(round_trip("1956-09-17").is_plain());
        assert!(!round_trip("1956~").is_plain());
        assert_eq!(
            Edtf::from_doc_date(DocDate::Month {
                year: 1993,
                month: 7
            })
            .map(|e| e.to_string()),
            Some("1993-07".to_string())
        );
    }
}
