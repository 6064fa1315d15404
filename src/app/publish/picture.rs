//! Pictures of the timeline for slides and handouts: the app drawn off-screen by the CPU
//! rasterizer ([`crate::render`]) into a PNG, at any size, with no GPU and no window. Used by
//! File → Export view as PNG and by the command line's `render`.

pub use crate::app::base::command::{VectorKind, POSTER_CHOICES};
use crate::app::TimelineApp;
use crate::render::{render_ui, Image};
use crate::timeline::TimeWindow;
use std::sync::Arc;

/// Points across the picture: wider pictures get a larger pixels-per-point instead of more
/// points, so a 3840-pixel-wide slide looks like a sharp 1920-point timeline, not a tiny one.
const POINTS_WIDE: f32 = 1920.0;

/// Draws `app` at `width` x `height` pixels. The app should be one made for pictures
/// ([`TimelineApp::for_picture`], or one built from `AppDeps::picture`).
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

/// Points across a picture for print (handouts): fewer than a slide's, so its type stays
/// readable when the picture is a page wide.
const PRINT_POINTS_WIDE: f32 = 1100.0;

/// Draws `app` at `width` x `height` pixels in the light look, for paper: a handout's picture.
pub fn draw_for_print(app: &mut TimelineApp, width: u32, height: u32) -> Image {
    let ctx = egui::Context::default();
    #[allow(clippy::cast_precision_loss)]
    let ppp = (width as f32 / PRINT_POINTS_WIDE).max(1.0);
    #[allow(clippy::cast_precision_loss)]
    let size = egui::vec2(width as f32 / ppp, height as f32 / ppp);
    ctx.set_visuals(egui::Visuals::light());
    render_ui(&ctx, size, ppp, egui::Color32::WHITE, |ui| app.show(ui))
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
        let mut app =
            TimelineApp::picture_of(Arc::clone(&self.library.corpus), self.classroom.presenting);
        app.tokens = self.tokens.clone();
        app.timeline.nav.set(self.timeline.nav.window());
        app.timeline.selected = self.timeline.selected;
        app.timeline.filters = self.timeline.filters.clone();
        app.timeline.lane_prefs = self.timeline.lane_prefs.clone();
        app.research.starred = self.research.starred.clone();
        app.timeline.context = self.timeline.context.clone();
        app
    }
}

impl TimelineApp {
    /// How the marks of the last frame drawn were labelled (whole titles, cut ones, badges).
    pub fn label_counts(&self) -> crate::timeline::LabelCounts {
        self.timeline.view.labels()
    }
}

impl TimelineApp {
    /// Shows the context band in pictures, with the user's events from `data_dir` and `extra`
    /// (read from files named on the command line) as well as the reference chronology (the
    /// command line's `render --context`). Returns what could not be read in the data dir's
    /// file. Nothing is saved.
    pub fn show_context_in_pictures(
        &mut self,
        data_dir: &std::path::Path,
        extra: Vec<crate::context::ContextEvent>,
    ) -> Option<String> {
        let mut context = crate::app::timeline_panel::context_band::ContextState::new(true, true);
        let (mine, problem) =
            crate::app::timeline_panel::context_band::ContextState::read_user_events(data_dir);
        context.add_extra(mine);
        context.add_extra(extra);
        self.timeline.context = context;
        problem
    }
}

/// A poster: the view as vector pages (SVG or PDF).
#[derive(Clone, Debug)]
pub struct PosterSpec {
    pub page: crate::output::vector::PageSize,
    /// The span is split across this many pages, each with its own axis.
    pub pages: usize,
    /// What the pages say at their foot (and the file's title).
    pub title: String,
}

/// Page margin, in points (about 10 mm).
pub(in crate::app) const MARGIN_PT: f32 = 28.0;
/// Height of the foot line, in points.
const FOOT_PT: f32 = 16.0;
/// The layout width (egui points) at which type is printed at its screen size; wider pages
/// scale everything up, so an A2 poster is read from further away.
const POSTER_POINTS_WIDE: f32 = 1200.0;

/// Draws `app` over its window (split into `spec.pages` equal spans) as vector pages on paper:
/// light colours for print, a margin, and a foot line naming the span and the page.
pub fn poster(app: &mut TimelineApp, spec: &PosterSpec) -> crate::output::vector::Drawing {
    poster_with_counts(app, spec).0
}

/// [`poster`], with how its pages' marks are labelled (summed over the pages).
pub fn poster_with_counts(
    app: &mut TimelineApp,
    spec: &PosterSpec,
) -> (crate::output::vector::Drawing, crate::timeline::LabelCounts) {
    use crate::output::vector::{merge_faces, Drawing, Rgba};
    let mut labels = crate::timeline::LabelCounts::default();
    let mut faces = Vec::new();
    let whole = app.window();
    let count = spec.pages.max(1);
    let inner_w = (spec.page.width - 2.0 * MARGIN_PT).max(100.0);
    let inner_h = (spec.page.height - 2.0 * MARGIN_PT).max(100.0);
    let scale = (inner_w / POSTER_POINTS_WIDE).max(1.0);
    let size = egui::vec2(inner_w / scale, inner_h / scale);
    let mut pages = Vec::with_capacity(count);
    app.publishing.poster = true;
    #[allow(clippy::cast_precision_loss)]
    let step = whole.span() / count as f64;
    for i in 0..count {
        #[allow(clippy::cast_precision_loss)]
        let start = whole.start + step * i as f64;
        let window = TimeWindow::new(start, start + step);
        app.set_window(window);
        let span = span_label(window);
        let foot = if count > 1 {
            format!("{} · {span} · page {} of {count}", spec.title, i + 1)
        } else {
            format!("{} · {span}", spec.title)
        };
        let ctx = egui::Context::default();
        ctx.set_visuals(egui::Visuals::light());
        let shapes = crate::render::vector::capture(&ctx, size, 2.0, |ui| {
            let full = ui.max_rect();
            let body = egui::Rect::from_min_max(
                full.min,
                egui::pos2(full.max.x, full.max.y - FOOT_PT / scale),
            );
            ui.scope_builder(egui::UiBuilder::new().max_rect(body), |ui| {
                ui.set_clip_rect(body);
                app.show(ui);
            });
            let visuals = ui.visuals().clone();
            ui.painter().text(
                egui::pos2(full.min.x, full.max.y),
                egui::Align2::LEFT_BOTTOM,
                &foot,
                egui::FontId::proportional(10.0),
                visuals.weak_text_color(),
            );
        });
        labels.add(app.label_counts());
        // The fonts this context drew with (the app may add its own to egui's).
        let book = crate::render::vector::FaceBook::of_context(&ctx);
        let map = merge_faces(&mut faces, &book.faces);
        let converter = crate::render::vector::Converter { book: &book };
        let drawn = converter.page(&shapes, size.x, size.y, None);
        let items = drawn
            .items
            .into_iter()
            .map(|item| item.placed(scale, MARGIN_PT, MARGIN_PT).with_faces(&map))
            .collect();
        pages.push(crate::output::vector::Page {
            width: spec.page.width,
            height: spec.page.height,
            background: Some(Rgba::WHITE),
            items,
        });
    }
    app.set_window(whole);
    app.publishing.poster = false;
    let drawing = Drawing {
        title: spec.title.clone(),
        faces,
        pages,
    };
    (drawing, labels)
}

/// "12 September 1956 – 3 October 1956".
fn span_label(window: TimeWindow) -> String {
    use crate::timeline::days::date_of;
    let day = |d: f64| date_of(d).map_or_else(String::new, |d| d.format("%-d %B %Y").to_string());
    format!("{} – {}", day(window.start + 0.5), day(window.end - 0.5))
}

/// Draws the poster and writes it as SVG or PDF (atomically).
pub fn write_poster(
    app: &mut TimelineApp,
    window: Option<TimeWindow>,
    spec: &PosterSpec,
    kind: VectorKind,
    out: &std::path::Path,
) -> std::io::Result<()> {
    if let Some(w) = window {
        app.set_window(w);
    }
    let drawing = poster(app, spec);
    let bytes = match kind {
        VectorKind::Svg => crate::output::svg::svg(&drawing).into_bytes(),
        VectorKind::Pdf => crate::output::pdf::pdf(&drawing).map_err(std::io::Error::other)?,
    };
    crate::durable::fsio::write_atomic(out, &bytes)
}
