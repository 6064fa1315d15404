//! Time <-> pixels: the linear map of a [`TimeWindow`] onto a pixel range ([`TimeScale`], in
//! the spirit of egui_plot's transform). Built on the window; neither it nor the day numbers
//! ([`super::days`]) import this module.
//!
//! Zooming keeps the day under the anchor fixed (`start' = a - (a - start) / f`), as rerun's and
//! puffin's timelines do; every change is clamped to [`Limits`](super::Limits).

use super::window::TimeWindow;

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
    use crate::timeline::days::{date_of, day_of};
    use crate::timeline::window::Limits;
    use chrono::NaiveDate;

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
}
