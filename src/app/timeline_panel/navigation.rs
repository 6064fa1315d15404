//! Where the timeline looks: the window, the animation toward a new one, and the limits both
//! are held to. Plain state with no egui, so every move is unit-tested; the app passes the
//! clock (egui's input time, in seconds) where an animation needs it.
//!
//! Every change goes through [`Limits`] (the corpus's extent, the narrowest zoom); windows are
//! made by `timeline` ([`TimeWindow`]'s constructors), never here.

use crate::timeline::{Limits, TimeWindow};

/// Seconds a zoom-and-pan animation takes.
pub const ANIMATION_SECS: f64 = 0.35;

/// Share of the window kept clear at either side when revealing a document.
const REVEAL_MARGIN: f64 = 0.08;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Animation {
    from: TimeWindow,
    to: TimeWindow,
    start_time: f64,
}

/// The view window and its animation.
#[derive(Clone, Debug, PartialEq)]
pub struct Navigation {
    window: TimeWindow,
    limits: Limits,
    animation: Option<Animation>,
}

impl Default for Navigation {
    fn default() -> Self {
        Navigation::new(Limits::new(TimeWindow::cold_war()))
    }
}

impl Navigation {
    /// The whole extent of `limits` in view.
    pub fn new(limits: Limits) -> Navigation {
        Navigation {
            window: limits.extent,
            limits,
            animation: None,
        }
    }

    pub fn window(&self) -> TimeWindow {
        self.window
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    pub fn is_animating(&self) -> bool {
        self.animation.is_some()
    }

    /// New limits (a new corpus): the window is kept where it can be, and clamped.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
        self.window = self.window.clamped(&limits);
        self.animation = None;
    }

    /// Takes a remembered window as it is; it is clamped when the corpus's limits arrive.
    pub fn restore(&mut self, window: TimeWindow) {
        self.animation = None;
        self.window = window;
    }

    /// Jumps to `window` (clamped).
    pub fn set(&mut self, window: TimeWindow) {
        self.animation = None;
        self.window = window.clamped(&self.limits);
    }

    /// Starts a short animation from the current window to `window` (clamped) at time `now`.
    pub fn animate_to(&mut self, window: TimeWindow, now: f64) {
        self.animation = Some(Animation {
            from: self.window,
            to: window.clamped(&self.limits),
            start_time: now,
        });
    }

    /// Animates to everything.
    pub fn fit(&mut self, now: f64) {
        self.animate_to(self.limits.extent, now);
    }

    /// Zooms by `factor` (> 1 zooms in) about the day `anchor`, or about the centre.
    pub fn zoom(&mut self, factor: f64, anchor: Option<f64>) {
        self.animation = None;
        let anchor = anchor.unwrap_or_else(|| self.window.center());
        self.window = self.window.zoom_at(anchor, factor, &self.limits);
    }

    /// Pans by a fraction of the window's span (positive: later).
    pub fn pan(&mut self, fraction: f64) {
        self.animation = None;
        self.window = self.window.pan(self.window.span() * fraction, &self.limits);
    }

    /// Brings `days` into view (animated), unless it is already well inside the window.
    pub fn reveal(&mut self, days: TimeWindow, now: f64) {
        let margin = self.window.span() * REVEAL_MARGIN;
        if days.start < self.window.start + margin || days.end > self.window.end - margin {
            let target = self.window.centered_on(days.center(), &self.limits);
            self.animate_to(target, now);
        }
    }

    /// Moves the animation to time `now`; true while it still runs (ask for another frame).
    pub fn advance(&mut self, now: f64) -> bool {
        let Some(anim) = self.animation else {
            return false;
        };
        let t = ((now - anim.start_time) / ANIMATION_SECS).clamp(0.0, 1.0);
        let ease = 1.0 - (1.0 - t).powi(3);
        // Interpolate the span geometrically so zooming feels even at every scale.
        let (a, b) = (anim.from, anim.to);
        let span = a.span() * (b.span() / a.span()).powf(ease);
        let center = a.center() + (b.center() - a.center()) * ease;
        self.window = TimeWindow::around(center, span);
        if t >= 1.0 {
            self.window = b;
            self.animation = None;
        }
        self.animation.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::MIN_SPAN_DAYS;

    fn nav() -> Navigation {
        Navigation::new(Limits::new(TimeWindow::cold_war()))
    }

    #[test]
    fn an_animation_ends_exactly_on_its_target() {
        let mut n = nav();
        let target = TimeWindow::around(TimeWindow::cold_war().center(), 30.0);
        n.animate_to(target, 10.0);
        assert!(n.advance(10.0 + ANIMATION_SECS * 0.5));
        let halfway = n.window();
        assert!(halfway.span() < TimeWindow::cold_war().span());
        assert!(halfway.span() > 30.0);
        assert!(!n.advance(10.0 + ANIMATION_SECS * 1.01));
        assert_eq!(n.window(), target);
        assert!(!n.is_animating());
    }

    #[test]
    fn zoom_and_pan_stop_the_animation_and_stay_inside() {
        let mut n = nav();
        n.animate_to(TimeWindow::around(n.window().center(), 100.0), 0.0);
        n.zoom(1.0e9, None);
        assert!(!n.is_animating());
        assert!((n.window().span() - MIN_SPAN_DAYS).abs() < 1e-9);
        n.pan(1.0e9);
        assert!((n.window().end - TimeWindow::cold_war().end).abs() < 1e-9);
    }

    #[test]
    fn reveal_moves_only_when_the_days_are_near_an_edge() {
        let mut n = nav();
        let base = TimeWindow::cold_war().start;
        n.set(TimeWindow::new(base + 1000.0, base + 1100.0));
        let inside = TimeWindow::new(base + 1050.0, base + 1051.0);
        n.reveal(inside, 0.0);
        assert!(!n.is_animating());
        let outside = TimeWindow::new(base + 1300.0, base + 1301.0);
        n.reveal(outside, 0.0);
        n.advance(ANIMATION_SECS * 1.01);
        assert!(n.window().contains(outside.start));
        assert!((n.window().span() - 100.0).abs() < 1e-6);
    }

    #[test]
    fn new_limits_clamp_the_window() {
        let mut n = nav();
        let narrow = TimeWindow::new(n.window().start, n.window().start + 400.0);
        n.set_limits(Limits::new(narrow));
        assert_eq!(n.window(), narrow);
    }
}
