//! Pictures of the timeline for slides and handouts: the app drawn off-screen by the CPU
//! rasterizer ([`crate::render`]) into a PNG, at any size, with no GPU and no window. Used by
//! File → Export view as PNG and by the command line's `render`.

use super::{AppDeps, TimelineApp};
use crate::render::{render_ui, Image};
use crate::timeline::TimeWindow;
use std::sync::Arc;

/// Points across the picture: wider pictures get a larger pixels-per-point instead of more
/// points, so a 3840-pixel-wide slide looks like a sharp 1920-point timeline, not a tiny one.
const POINTS_WIDE: f32 = 1920.0;

/// Draws `app` at `width` x `height` pixels. The app should be one made for pictures
/// ([`TimelineApp::for_picture`], or one built from [`super::AppDeps::picture`]).
pub fn draw(app: &mut TimelineApp, width: u32, height: u32) -> Image {
    let ctx = egui::Context::default();
    #[allow(clippy::cast_precision_loss)]
    let ppp = (width as f32 / POINTS_WIDE).max(1.0);
    #[allow(clippy::cast_precision_loss)]
    let size = egui::vec2(width as f32 / ppp, height as f32 / ppp);
    let dark = egui::Visuals::dark();
    ctx.set_visuals(dark);
    let clear = egui::Color32::from_rgb(24, 26, 30);
    render_ui(&ctx, size, ppp, clear, |ui| app.show(ui))
}

/// Draws the timeline over `window` and writes it as a PNG (atomically: the file is whole or
/// not there).
pub fn write(
    app: &mut TimelineApp,
    window: Option<TimeWindow>,
    width: u32,
    height: u32,
    out: &std::path::Path,
) -> std::io::Result<()> {
    if let Some(w) = window {
        app.set_window(w);
    }
    draw(app, width, height).write_png(out)
}

impl TimelineApp {
    /// A copy of what the timeline shows (same corpus, window, lanes, filters, bookmarks,
    /// presentation look), without the side panels, for drawing into an image off the UI
    /// thread. No search index is built for it.
    pub fn for_picture(&self) -> TimelineApp {
        let mut app = TimelineApp::new(AppDeps::picture(Arc::clone(&self.corpus), self.presenting));
        app.tokens = self.tokens.clone();
        app.nav.set(self.nav.window());
        app.selected = self.selected;
        app.filters = self.filters.clone();
        app.lane_prefs = self.lane_prefs.clone();
        app.starred = self.starred.clone();
        app
    }
}
