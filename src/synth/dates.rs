//! Dates: the precision mix, clustering around the era's crises, and the archive's ways of
//! writing them.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SynthDate {
    Day { year: i32, month: u32, day: u32 },
    Month { year: i32, month: u32 },
    Year(i32),
    Undated,
}

pub(super) const FIRST_YEAR: i32 = 1945;
pub(super) const LAST_YEAR: i32 = 1996;
/// Relative number of documents per year, 1945–1996: the late-Stalin and Khrushchev years hold
/// most of the archive's Korea material.
pub(super) const YEAR_WEIGHTS: [u32; 52] = [
    4, 5, 5, 6, // 1945-1948
    11, 16, 13, 12, 15, 11, 12, 17, 12, 12, 12, 15, 15, 12, // 1949-1962
    7, 6, 6, 6, 6, 9, // 1963-1968
    5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, // 1969-1979
    3, 3, 3, 3, 4, 4, 4, 4, 4, 4, // 1980-1989
    5, 5, 5, 4, 3, 3, 3, // 1990-1996
];

/// Crisis months that draw extra documents: (year, month, weight).
pub(super) const CRISIS_MONTHS: &[(i32, u32, u32)] = &[
    (1950, 6, 30), // the war begins
    (1950, 7, 12),
    (1950, 10, 25), // Chinese intervention
    (1950, 11, 12),
    (1953, 3, 10), // Stalin's death
    (1953, 7, 20), // the armistice
    (1953, 8, 12),
    (1956, 9, 45), // the Mikoyan-Peng Dehuai mission after the August Plenum
    (1956, 10, 12),
    (1960, 9, 15), // Puzanov's journals
    (1961, 7, 15), // the treaties with Moscow and Beijing
    (1962, 10, 8),
    (1968, 1, 20), // the Pueblo
    (1968, 8, 8),
];

/// Per mille of dated documents drawn from a crisis month rather than the year weights.
pub(super) const CRISIS_PER_MILLE: usize = 150;
/// Per mille of documents dated outside 1945–1996.
pub(super) const OUT_OF_SPAN_PER_MILLE: usize = 2;
pub(super) const OUT_OF_SPAN_YEARS: [i32; 13] = [
    1939, 1940, 1941, 1942, 1943, 1944, 1997, 1998, 1999, 2000, 2001, 2002, 2003,
];

pub(super) fn draw_date(rng: &mut Rng) -> SynthDate {
    let precision = rng.below(1000);
    if precision >= 970 {
        return SynthDate::Undated;
    }
    let (year, month) = draw_year_month(rng);
    match precision {
        0..=849 => {
            let day = rng.between(1, month_days(year, month)) as u32;
            SynthDate::Day { year, month, day }
        }
        850..=919 => SynthDate::Month { year, month },
        _ => SynthDate::Year(year),
    }
}

pub(super) fn draw_year_month(rng: &mut Rng) -> (i32, u32) {
    if rng.chance(OUT_OF_SPAN_PER_MILLE) {
        let year = OUT_OF_SPAN_YEARS[rng.below(OUT_OF_SPAN_YEARS.len())];
        return (year, rng.between(1, 12) as u32);
    }
    if rng.chance(CRISIS_PER_MILLE) {
        let weights: Vec<u32> = CRISIS_MONTHS.iter().map(|c| c.2).collect();
        let (year, month, _) = CRISIS_MONTHS[rng.weighted(&weights)];
        return (year, month);
    }
    let year = FIRST_YEAR + rng.weighted(&YEAR_WEIGHTS) as i32;
    (year, rng.between(1, 12) as u32)
}

impl SynthDate {
    /// The calendar identity the merge step keys on (it ignores how the date is written).
    pub(super) fn key(self) -> u64 {
        let (tag, year, month, day) = match self {
            SynthDate::Day { year, month, day } => (1, year, month, day),
            SynthDate::Month { year, month } => (2, year, month, 0),
            SynthDate::Year(year) => (3, year, 0, 0),
            SynthDate::Undated => (4, 0, 0, 0),
        };
        (tag << 48) | ((year as u64 & 0xFFFF) << 16) | (u64::from(month) << 8) | u64::from(day)
    }

    pub(super) fn year(self) -> Option<i32> {
        match self {
            SynthDate::Day { year, .. } | SynthDate::Month { year, .. } | SynthDate::Year(year) => {
                Some(year)
            }
            SynthDate::Undated => None,
        }
    }

    pub(super) fn is_dated(self) -> bool {
        self != SynthDate::Undated
    }

    /// A concrete day inside the date's span (any day for an undated document), for the
    /// day-first dates that titles and texts mention ("3 September 1960").
    pub(super) fn some_day(self, rng: &mut Rng) -> (i32, u32, u32) {
        let (year, month) = match self {
            SynthDate::Day { year, month, day } => return (year, month, day),
            SynthDate::Month { year, month } => (year, month),
            SynthDate::Year(year) => (year, rng.between(1, 12) as u32),
            SynthDate::Undated => draw_year_month(rng),
        };
        let day = rng.between(1, month_days(year, month)) as u32;
        (year, month, day)
    }
}

/// Writes a date line the way the archive does: "September 17, 1956" (now and then "March 03,
/// 1977"), "July 1993" or "April, 1950", "1996", "Undated".
pub(super) fn write_date_line(date: SynthDate, rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let name = |month: u32| MONTH_NAMES[(month - 1) as usize];
    // Writing to a String cannot fail.
    let _ = match date {
        SynthDate::Day { year, month, day } if day < 10 && rng.chance(10) => {
            write!(out, "{} {day:02}, {year}", name(month))
        }
        SynthDate::Day { year, month, day } => write!(out, "{} {day}, {year}", name(month)),
        SynthDate::Month { year, month } if rng.chance(250) => {
            write!(out, "{}, {year}", name(month))
        }
        SynthDate::Month { year, month } => write!(out, "{} {year}", name(month)),
        SynthDate::Year(year) => write!(out, "{year}"),
        SynthDate::Undated => write!(out, "Undated"),
    };
}

/// Days in a month (chrono's count; 28 for a month chrono cannot represent).
pub(super) fn month_days(year: i32, month: u32) -> usize {
    chrono::NaiveDate::from_ymd_opt(year, month, 1)
        .map_or(28, |d| usize::from(d.num_days_in_month()))
}
