//! The visible range of days ([`TimeWindow`]) and how far it may go ([`Limits`]): zoom about
//! a day, pan, clamp, and every way a window is made from dates. One home for "what window do
//! these dates give": the command line's `--from` / `--to`, a tour stop, revealing the selected
//! document, a cluster click and the overview's edges all call a constructor here.
//!
//! Pure math over day numbers ([`super::days::day_of`]); no egui. Must not touch pixels (that
//! is [`super::scale::TimeScale`]) or documents beyond their [`DocDate`].

use super::days::{day_of, year_start};
use crate::model::DocDate;
use serde::{Deserialize, Serialize};

/// The narrowest window: about a week across the screen.
pub const MIN_SPAN_DAYS: f64 = 7.0;

/// How far the view may go: the extent of the data, and the narrowest zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub extent: TimeWindow,
    pub min_span: f64,
}

impl Limits {
    pub fn new(extent: TimeWindow) -> Limits {
        Limits {
            extent,
            min_span: MIN_SPAN_DAYS,
        }
    }
}

/// The visible range of days, `start < end`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub start: f64,
    pub end: f64,
}

impl Default for TimeWindow {
    fn default() -> Self {
        TimeWindow::cold_war()
    }
}

impl TimeWindow {
    pub fn new(start: f64, end: f64) -> TimeWindow {
        TimeWindow { start, end }
    }

    /// The archive's span, 1945 through 1996.
    pub fn cold_war() -> TimeWindow {
        TimeWindow::new(year_start(1945), year_start(1997))
    }

    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    pub fn center(&self) -> f64 {
        (self.start + self.end) * 0.5
    }

    pub fn contains(&self, day: f64) -> bool {
        day >= self.start && day < self.end
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `anchor` where it is on screen.
    #[must_use]
    pub fn zoom_at(&self, anchor: f64, factor: f64, limits: &Limits) -> TimeWindow {
        if !(factor.is_finite() && factor > 0.0 && anchor.is_finite()) {
            return *self;
        }
        let max_span = limits.extent.span();
        let new_span = (self.span() / factor).clamp(limits.min_span, max_span.max(limits.min_span));
        let applied = self.span() / new_span;
        let start = anchor - (anchor - self.start) / applied;
        TimeWindow::new(start, start + new_span).clamped(limits)
    }

    /// Moves the window by `days` (positive: later).
    #[must_use]
    pub fn pan(&self, days: f64, limits: &Limits) -> TimeWindow {
        if !days.is_finite() {
            return *self;
        }
        TimeWindow::new(self.start + days, self.end + days).clamped(limits)
    }

    /// Centres the window on `day`, keeping its span.
    #[must_use]
    pub fn centered_on(&self, day: f64, limits: &Limits) -> TimeWindow {
        let half = self.span() * 0.5;
        TimeWindow::new(day - half, day + half).clamped(limits)
    }

    /// The window forced inside the limits: span between the narrowest zoom and the extent,
    /// and never past either end of the extent.
    #[must_use]
    pub fn clamped(&self, limits: &Limits) -> TimeWindow {
        let extent = limits.extent;
        let (mut start, mut end) = (self.start, self.end);
        if !(start.is_finite() && end.is_finite()) || end <= start {
            return extent;
        }
        let span = (end - start).clamp(limits.min_span, extent.span().max(limits.min_span));
        let center = (start + end) * 0.5;
        start = center - span * 0.5;
        end = center + span * 0.5;
        if start < extent.start {
            start = extent.start;
            end = start + span;
        }
        if end > extent.end {
            end = extent.end;
            start = end - span;
        }
        TimeWindow::new(start, end)
    }
}

/// Constructors from dates and edges: the one place a window is made from anything but days.
impl TimeWindow {
    /// The window `span` days wide centred on `center`.
    pub fn around(center: f64, span: f64) -> TimeWindow {
        TimeWindow::new(center - span * 0.5, center + span * 0.5)
    }

    /// The days `date` covers: a day, a month or a year; `None` when undated.
    pub fn of_date(date: DocDate) -> Option<TimeWindow> {
        let (start, end) = (date.start()?, date.end_exclusive()?);
        Some(TimeWindow::new(day_of(start), day_of(end)))
    }

    /// The window from the start of `from` to the end of `to` (command line `--from` / `--to`);
    /// a year long when only one end is given; `None` when neither is, or `to` is not after
    /// `from`.
    pub fn from_dates(from: Option<DocDate>, to: Option<DocDate>) -> Option<TimeWindow> {
        const ONE_END_DAYS: f64 = 365.0;
        let start = from.and_then(DocDate::start).map(day_of);
        let end = to.and_then(DocDate::end_exclusive).map(day_of);
        match (start, end) {
            (Some(s), Some(e)) if e > s => Some(TimeWindow::new(s, e)),
            (Some(s), None) => Some(TimeWindow::new(s, s + ONE_END_DAYS)),
            (None, Some(e)) => Some(TimeWindow::new(e - ONE_END_DAYS, e)),
            _ => None,
        }
    }

    /// This window with `days` more on each side.
    #[must_use]
    pub fn padded(&self, days: f64) -> TimeWindow {
        TimeWindow::new(self.start - days, self.end + days)
    }

    /// Moved by `days`, not clamped (a drag in progress; the app clamps what it applies).
    #[must_use]
    pub fn shifted(&self, days: f64) -> TimeWindow {
        TimeWindow::new(self.start + days, self.end + days)
    }

    /// The start edge moved by `days`, never closer than [`MIN_SPAN_DAYS`] to the end.
    #[must_use]
    pub fn with_start_moved(&self, days: f64) -> TimeWindow {
        TimeWindow::new((self.start + days).min(self.end - MIN_SPAN_DAYS), self.end)
    }

    /// The end edge moved by `days`, never closer than [`MIN_SPAN_DAYS`] to the start.
    #[must_use]
    pub fn with_end_moved(&self, days: f64) -> TimeWindow {
        TimeWindow::new(
            self.start,
            (self.end + days).max(self.start + MIN_SPAN_DAYS),
        )
    }
}

/// Parses "1956", "1956-09" or "1956-09-17" (command line `--from` / `--to`, the filter fields).
pub fn parse_iso_date(text: &str) -> Result<DocDate, String> {
    match DocDate::from_iso(text) {
        Some(DocDate::Undated) | None => Err(format!(
            "{text:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        )),
        Some(date) => Ok(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::days::date_of;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn limits() -> Limits {
        Limits::new(TimeWindow::cold_war())
    }

    fn date(text: &str) -> DocDate {
        parse_iso_date(text).expect("a date")
    }

    #[test]
    fn windows_from_dates() {
        let day = |y, m, d| day_of(NaiveDate::from_ymd_opt(y, m, d).expect("valid"));
        let w = TimeWindow::from_dates(Some(date("1956-08")), Some(date("1956-10")));
        assert_eq!(w, Some(TimeWindow::new(day(1956, 8, 1), day(1956, 11, 1))));
        let w = TimeWindow::from_dates(Some(date("1956")), None).expect("one end");
        assert!((w.span() - 365.0).abs() < 1e-9);
        assert_eq!(
            TimeWindow::from_dates(Some(date("1957")), Some(date("1956"))),
            None
        );
        assert_eq!(TimeWindow::from_dates(None, None), None);
        assert_eq!(
            TimeWindow::of_date(date("1956-09-17")),
            Some(TimeWindow::new(day(1956, 9, 17), day(1956, 9, 18)))
        );
        assert_eq!(TimeWindow::of_date(DocDate::Undated), None);
        assert!(parse_iso_date("September 1956").is_err());
    }

    #[test]
    fn edges_keep_the_narrowest_span() {
        let w = TimeWindow::new(100.0, 200.0);
        assert_eq!(
            w.with_start_moved(1000.0),
            TimeWindow::new(200.0 - MIN_SPAN_DAYS, 200.0)
        );
        assert_eq!(
            w.with_end_moved(-1000.0),
            TimeWindow::new(100.0, 100.0 + MIN_SPAN_DAYS)
        );
        assert_eq!(w.shifted(5.0), TimeWindow::new(105.0, 205.0));
        assert_eq!(TimeWindow::around(10.0, 4.0), TimeWindow::new(8.0, 12.0));
    }

    #[test]
    fn zoom_is_limited_to_a_week_and_the_extent() {
        let l = limits();
        let deep = TimeWindow::cold_war().zoom_at(
            day_of(NaiveDate::from_ymd_opt(1956, 9, 20).expect("valid")),
            1.0e9,
            &l,
        );
        assert!((deep.span() - MIN_SPAN_DAYS).abs() < 1e-9);
        let out = deep.zoom_at(deep.center(), 1.0e-9, &l);
        assert_eq!(out, TimeWindow::cold_war());
    }

    #[test]
    fn pan_stops_at_the_ends() {
        let l = limits();
        let w = TimeWindow::cold_war().zoom_at(TimeWindow::cold_war().center(), 10.0, &l);
        let far = w.pan(1.0e9, &l);
        assert!((far.end - l.extent.end).abs() < 1e-9);
        assert!((far.span() - w.span()).abs() < 1e-6);
        let back = w.pan(-1.0e9, &l);
        assert!((back.start - l.extent.start).abs() < 1e-9);
    }

    #[test]
    fn nonsense_input_never_breaks_the_window() {
        let l = limits();
        let w = TimeWindow::cold_war();
        assert_eq!(w.zoom_at(f64::NAN, 2.0, &l), w);
        assert_eq!(w.zoom_at(0.0, f64::INFINITY, &l), w);
        assert_eq!(w.pan(f64::NAN, &l), w);
        assert_eq!(TimeWindow::new(5.0, 1.0).clamped(&l), l.extent);
        assert_eq!(date_of(f64::NAN), None);
    }

    proptest! {
        #[test]
        fn any_zoom_and_pan_stays_inside_limits(anchor_frac in 0.0f64..1.0, factor in 0.01f64..100.0, pan in -20000.0f64..20000.0) {
            let l = limits();
            let w = TimeWindow::cold_war();
            let anchor = w.start + anchor_frac * w.span();
            let z = w.zoom_at(anchor, factor, &l).pan(pan, &l);
            prop_assert!(z.start >= l.extent.start - 1e-6);
            prop_assert!(z.end <= l.extent.end + 1e-6);
            prop_assert!(z.span() >= MIN_SPAN_DAYS - 1e-9);
        }
    }
}
