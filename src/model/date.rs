//! A document's position on the timeline: [`DocDate`], a date at day, month or year
//! precision, or none; its ISO form, its span in days, its sort order and its display; and the
//! calendar arithmetic the timeline needs ([`days_in_month`], [`MONTH_NAMES`]).
//!
//! The bottom of the date model: [`Edtf`](super::Edtf) builds on it (an EDTF value's timeline
//! position is a `DocDate`), and reading dates from text is [`date_line`](super::date_line)'s.
//! Imports neither.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How precisely a document is dated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
    Undated,
}

impl Precision {
    pub const ALL: [Precision; 4] = [
        Precision::Day,
        Precision::Month,
        Precision::Year,
        Precision::Undated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Undated => "undated",
        }
    }
}

/// A document's date at the precision the page gave it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocDate {
    Day(NaiveDate),
    Month {
        year: i32,
        month: u32,
    },
    Year(i32),
    #[default]
    Undated,
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A year as ISO 8601 writes it: four digits after the sign ("0044", "-0001", "-0044"), as
/// chrono writes a day's year (`{:04}` counts the sign as a digit: "-001").
fn iso_year(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

impl DocDate {
    pub fn precision(self) -> Precision {
        match self {
            DocDate::Day(_) => Precision::Day,
            DocDate::Month { .. } => Precision::Month,
            DocDate::Year(_) => Precision::Year,
            DocDate::Undated => Precision::Undated,
        }
    }

    /// ISO 8601 at the date's own precision: "1956", "1956-09" or "1956-09-17".
    pub fn iso(self) -> Option<String> {
        match self {
            // Written out rather than through chrono's format string, which parses "%Y-%m-%d"
            // again at every call (the merge asks for a million of these); chrono's own
            // writing is kept for years past 9999, which it signs.
            DocDate::Day(d) if (0..=9999).contains(&d.year()) => {
                Some(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
            }
            DocDate::Day(d) => Some(d.format("%Y-%m-%d").to_string()),
            DocDate::Month { year, month } => Some(format!("{}-{month:02}", iso_year(year))),
            DocDate::Year(year) => Some(iso_year(year)),
            DocDate::Undated => None,
        }
    }

    /// Parses the ISO forms [`DocDate::iso`] writes (and "" or "undated" for no date).
    pub fn from_iso(text: &str) -> Option<DocDate> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("undated") {
            return Some(DocDate::Undated);
        }
        let parts: Vec<&str> = text.split('-').collect();
        let num = |s: &str| s.parse::<i64>().ok();
        match parts.as_slice() {
            [y] if y.len() == 4 => Some(DocDate::Year(i32::try_from(num(y)?).ok()?)),
            [y, m] if y.len() == 4 => {
                let month = u32::try_from(num(m)?).ok()?;
                (1..=12).contains(&month).then_some(DocDate::Month {
                    year: i32::try_from(num(y)?).ok()?,
                    month,
                })
            }
            [_, _, _] => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .map(DocDate::Day),
            _ => None,
        }
    }

    /// First day the date covers.
    pub fn start(self) -> Option<NaiveDate> {
        match self {
            DocDate::Day(d) => Some(d),
            DocDate::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
            DocDate::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1),
            DocDate::Undated => None,
        }
    }

    /// First day after the date's span (a day's span is one day).
    pub fn end_exclusive(self) -> Option<NaiveDate> {
        match self {
            DocDate::Day(d) => d.succ_opt(),
            DocDate::Month { year, month } => {
                if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                }
            }
            DocDate::Year(year) => NaiveDate::from_ymd_opt(year + 1, 1, 1),
            DocDate::Undated => None,
        }
    }

    /// The year the date falls in, if any.
    pub fn year(self) -> Option<i32> {
        self.start().map(|d| d.year())
    }

    /// A total order for sorting: by start day, coarser spans before finer ones on the same
    /// start, undated last.
    pub fn sort_key(self) -> (i32, u8) {
        let rank = match self.precision() {
            Precision::Year => 0,
            Precision::Month => 1,
            Precision::Day => 2,
            Precision::Undated => 3,
        };
        (
            self.start().map_or(i32::MAX, |d| d.num_days_from_ce()),
            rank,
        )
    }

    /// Writes the date the way the archive's current pages do ("September 17, 1956").
    pub fn display(self) -> String {
        match self {
            DocDate::Day(d) => format!(
                "{} {}, {}",
                MONTH_NAMES[d.month0() as usize],
                d.day(),
                d.year()
            ),
            DocDate::Month { year, month } => {
                let name = MONTH_NAMES
                    .get(month.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or("?");
                format!("{name} {year}")
            }
            DocDate::Year(year) => year.to_string(),
            DocDate::Undated => "undated".to_string(),
        }
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// Days in a month (0 for a month chrono cannot represent).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let start = NaiveDate::from_ymd_opt(year, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (start, next) {
        (Some(s), Some(n)) => u32::try_from((n - s).num_days()).unwrap_or(0),
        _ => 0,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A day's `DocDate` (the date line tests use it too).
    pub(in crate::model) fn day(y: i32, m: u32, d: u32) -> DocDate {
        DocDate::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid test date"))
    }

    #[test]
    fn a_days_iso_form_is_chronos() {
        for year in [-3, 0, 7, 99, 1945, 1996, 9999, 10_000, 123_456] {
            for (m, d) in [(1, 1), (2, 28), (12, 31)] {
                let date = NaiveDate::from_ymd_opt(year, m, d).expect("valid test date");
                assert_eq!(
                    DocDate::Day(date).iso(),
                    Some(date.format("%Y-%m-%d").to_string()),
                    "{date:?}"
                );
            }
        }
    }

    #[test]
    fn iso_round_trip_and_spans() {
        for date in [
            day(1956, 9, 17),
            DocDate::Month {
                year: 1993,
                month: 7,
            },
            DocDate::Year(1996),
        ] {
            let iso = date.iso().expect("dated");
            assert_eq!(DocDate::from_iso(&iso), Some(date));
        }
        assert_eq!(DocDate::Undated.iso(), None);
        let m = DocDate::Month {
            year: 1956,
            month: 12,
        };
        assert_eq!(m.start(), NaiveDate::from_ymd_opt(1956, 12, 1));
        assert_eq!(m.end_exclusive(), NaiveDate::from_ymd_opt(1957, 1, 1));
        assert_eq!(DocDate::Year(1996).display(), "1996");
        assert_eq!(day(1977, 3, 3).display(), "March 3, 1977");
    }

    #[test]
    fn sort_key_orders_undated_last() {
        let mut dates = [
            DocDate::Undated,
            day(1956, 9, 17),
            DocDate::Year(1956),
            DocDate::Month {
                year: 1956,
                month: 9,
            },
        ];
        dates.sort_by_key(|d| d.sort_key());
        assert_eq!(dates[0], DocDate::Year(1956));
        assert_eq!(dates[3], DocDate::Undated);
    }

    #[test]
    fn negative_years_have_four_digits_after_the_sign() {
        assert_eq!(DocDate::Year(-1).iso().as_deref(), Some("-0001"));
        assert_eq!(
            DocDate::Month {
                year: -44,
                month: 3
            }
            .iso()
            .as_deref(),
            Some("-0044-03")
        );
        assert_eq!(DocDate::Year(44).iso().as_deref(), Some("0044"));
    }
}
