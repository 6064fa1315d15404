//! Day numbers: the timeline's one unit of time. Days are `f64` counted from 0001-01-01
//! (chrono's `num_days_from_ce`), so a day number is exact far beyond the archive's span and
//! fractional days address positions inside a day. The bottom of the timeline's math: windows
//! ([`super::window`]) and the time-to-pixel map ([`super::scale`]) build on it.

use chrono::{Datelike, NaiveDate};

/// Day number of a date.
pub fn day_of(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// The date a (fractional) day number falls in.
pub fn date_of(day: f64) -> Option<NaiveDate> {
    if !day.is_finite() || day.abs() > 3.0e6 {
        return None;
    }
    // The range check above keeps the value well inside i32.
    #[allow(clippy::cast_possible_truncation)]
    let whole = day.floor() as i32;
    NaiveDate::from_num_days_from_ce_opt(whole)
}

/// Day number of January 1 of `year` (years far outside chrono's range clamp).
pub fn year_start(year: i32) -> f64 {
    NaiveDate::from_ymd_opt(year, 1, 1).map_or(0.0, day_of)
}
