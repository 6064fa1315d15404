//! Time <-> pixels: the visible window of days and the linear map onto a pixel range.
//!
//! Days are `f64` counted from 0001-01-01 (chrono's `num_days_from_ce`), so a day number is
//! exact far beyond the archive's span and fractional days address positions inside a day.
//! Zooming keeps the day under the anchor fixed (`start' = a - (a - start) / f`), as rerun's and
//! puffin's timelines do; every change is clamped to [`Limits`].

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

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

/// The window mapped onto a horizontal pixel range: `x = left + (day - start) * px_per_day`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    pub window: TimeWindow,
    pub left: f32,
    pub width: f32,
}

impl TimeScale {
    pub fn new(window: TimeWindow, left: f32, width: f32) -> TimeScale {
        TimeScale {
            window,
            left,
            width: width.max(1.0),
        }
    }

    pub fn px_per_day(&self) -> f64 {
        f64::from(self.width) / self.window.span().max(f64::MIN_POSITIVE)
    }

    /// Screen x of a day (f64 arithmetic, rounded to f32 only at the end).
    #[allow(clippy::cast_possible_truncation)]
    pub fn x_of(&self, day: f64) -> f32 {
        let x = f64::from(self.left) + (day - self.window.start) * self.px_per_day();
        x.clamp(-1.0e7, 1.0e7) as f32
    }

    /// The day at screen x.
    pub fn day_at(&self, x: f32) -> f64 {
        self.window.start + f64::from(x - self.left) / self.px_per_day()
    }

    pub fn right(&self) -> f32 {
        self.left + self.width
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn limits() -> Limits {
        Limits::new(TimeWindow::cold_war())
    }

    #[test]
    fn date_x_date_round_trip() {
        let scale = TimeScale::new(TimeWindow::cold_war(), 100.0, 1500.0);
        for (y, m, d) in [(1945, 1, 1), (1956, 9, 17), (1996, 12, 31)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid");
            let x = scale.x_of(day_of(date) + 0.5);
            assert_eq!(date_of(scale.day_at(x)), Some(date));
        }
        assert_eq!(scale.x_of(TimeWindow::cold_war().start), 100.0);
        assert!((scale.x_of(TimeWindow::cold_war().end) - 1600.0).abs() < 1e-3);
    }

    #[test]
    fn zoom_keeps_the_anchor_fixed() {
        let window = TimeWindow::cold_war();
        let scale = TimeScale::new(window, 0.0, 1600.0);
        let anchor_x = 600.0;
        let anchor = scale.day_at(anchor_x);
        let zoomed = window.zoom_at(anchor, 4.0, &limits());
        assert!((zoomed.span() - window.span() / 4.0).abs() < 1e-6);
        let zoomed_scale = TimeScale::new(zoomed, 0.0, 1600.0);
        assert!((zoomed_scale.x_of(anchor) - anchor_x).abs() < 0.01);
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
