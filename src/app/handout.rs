//! Handouts of a collection (the bookmarks, until the workspace gives collections and
//! lessons): a title page with the timeline picture of the collection's span, then one block
//! per document in date order (date as written, title, lane, summary, note, citation, link).
//! HTML through [`crate::output::handout`] (the picture inlined as PNG); PDF laid out here
//! with egui's text layout and the bundled fonts, the picture drawn as vectors.

use super::bookmark_sync::Starred;
use super::picture::{self, PosterSpec};
use super::{AppDeps, TimelineApp};
use crate::bookmarks::Bookmark;
use crate::corpus::Corpus;
use crate::model::DocId;
use crate::output::handout::{Entry, Handout};
use crate::output::vector::{Drawing, Item, Page, PageSize, Rgba};
use crate::render::vector::Converter;
use crate::timeline::TimeWindow;
use std::collections::HashMap;
use std::sync::Arc;

/// What a handout file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandoutKind {
    Html,
    Pdf,
}

impl HandoutKind {
    pub fn of_path(path: &std::path::Path) -> Option<HandoutKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(HandoutKind::Html),
            "pdf" => Some(HandoutKind::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            HandoutKind::Html => "html",
            HandoutKind::Pdf => "pdf",
        }
    }
}

/// The window a collection's picture shows: its dated documents, with some room either side.
pub fn span_of(bookmarks: &[&Bookmark]) -> Option<TimeWindow> {
    let windows: Vec<TimeWindow> = bookmarks
        .iter()
        .filter_map(|b| TimeWindow::of_date(b.doc_date()))
        .collect();
    let start = windows
        .iter()
        .map(|w| w.start)
        .fold(f64::INFINITY, f64::min);
    let end = windows
        .iter()
        .map(|w| w.end)
        .fold(f64::NEG_INFINITY, f64::max);
    if !start.is_finite() || !end.is_finite() {
        return None;
    }
    let pad = ((end - start) * 0.06).max(20.0);
    Some(TimeWindow::new(start - pad, end + pad))
}

/// A picture app of `corpus` showing only the collection's documents, over its span.
fn picture_app(corpus: &Arc<Corpus>, bookmarks: &[Bookmark]) -> TimelineApp {
    let mut app = TimelineApp::new(AppDeps::picture(Arc::clone(corpus), false));
    app.starred = Starred::of(bookmarks, &corpus.library);
    app.filters.bookmarked_only = !app.starred.set().is_empty();
    app.lanes_dirty = true;
    let list: Vec<&Bookmark> = bookmarks.iter().collect();
    if let Some(w) = span_of(&list) {
        app.set_window(w);
    }
    app
}

/// The handout's text: title, subtitle and entries, in date order.
pub fn handout_of(title: &str, bookmarks: &[Bookmark], lanes: &HashMap<DocId, String>) -> Handout {
    let mut list: Vec<&Bookmark> = bookmarks.iter().collect();
    crate::bookmarks::sort_bookmarks(&mut list);
    let dated: Vec<&&Bookmark> = list.iter().filter(|b| b.date.is_some()).collect();
    let range = match (dated.first(), dated.last()) {
        (Some(a), Some(b)) if a.date_label() == b.date_label() => format!(", {}", a.date_label()),
        (Some(a), Some(b)) => format!(", {} – {}", a.date_label(), b.date_label()),
        _ => String::new(),
    };
    let count = list.len();
    let noun = if count == 1 { "document" } else { "documents" };
    Handout {
        title: title.to_string(),
        subtitle: format!("{count} {noun}{range}"),
        picture_png: None,
        entries: list
            .iter()
            .map(|b| Entry {
                date_text: b.date_label(),
                title: b.title.clone(),
                summary: b.summary.clone(),
                note: b.note.clone(),
                citation: b.citation.clone().unwrap_or_default(),
                url: b.url.clone(),
                archive_ref: b.archive_ref.clone().unwrap_or_default(),
                lane: lanes.get(&b.id).cloned().unwrap_or_default(),
            })
            .collect(),
    }
}

/// The handout as HTML bytes, with the picture as a 2200 x 1200 PNG in the light look (sharp
/// when printed a page wide).
pub fn html(corpus: &Arc<Corpus>, bookmarks: &[Bookmark], mut handout: Handout) -> Vec<u8> {
    let mut app = picture_app(corpus, bookmarks);
    handout.picture_png = picture::draw_for_print(&mut app, 2200, 1200)
        .encode_png()
        .ok();
    crate::output::handout::html(&handout).into_bytes()
}

/// A4 portrait.
const PAGE: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 56.0;

/// Lays text out in the bundled fonts down A4 pages.
struct Flow {
    ctx: egui::Context,
    book: Arc<crate::render::vector::FaceBook>,
    pages: Vec<Page>,
    items: Vec<Item>,
    y: f32,
}

impl Flow {
    fn width() -> f32 {
        PAGE.0 - 2.0 * MARGIN
    }

    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            width: PAGE.0,
            height: PAGE.1,
            background: Some(Rgba::WHITE),
            items,
        });
        self.y = MARGIN;
    }

    fn galley(&self, text: &str, size: f32, color: egui::Color32) -> Arc<egui::Galley> {
        let mut job = egui::text::LayoutJob::single_section(
            crate::output::text::printable(text).into_owned(),
            egui::TextFormat::simple(egui::FontId::proportional(size), color),
        );
        job.wrap.max_width = Flow::width();
        self.ctx.fonts_mut(|f| f.layout_job(job))
    }

    /// Places galleys one under the other, on a new page if they do not fit on this one.
    fn block(&mut self, parts: &[(Arc<egui::Galley>, f32, Option<String>)]) {
        let height: f32 = parts.iter().map(|(g, gap, _)| g.size().y + gap).sum();
        if self.y + height > PAGE.1 - MARGIN && self.y > MARGIN + 1.0 {
            self.new_page();
        }
        let book = Arc::clone(&self.book);
        let converter = Converter { book: &book };
        for (galley, gap, link) in parts {
            if self.y + galley.size().y > PAGE.1 - MARGIN && self.y > MARGIN + 1.0 {
                self.new_page();
            }
            let pos = egui::pos2(MARGIN, self.y);
            let shape = egui::epaint::TextShape::new(pos, Arc::clone(galley), egui::Color32::BLACK);
            self.items.extend(converter.text_items(&shape));
            if let Some(url) = link {
                let r = galley.rect.translate(pos.to_vec2());
                self.items.push(Item::Link {
                    rect: [r.min.x, r.min.y, r.max.x, r.max.y],
                    url: url.clone(),
                });
            }
            self.y += galley.size().y + gap;
        }
    }
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The handout as a PDF: a title page with the picture, then the documents.
pub fn pdf(
    corpus: &Arc<Corpus>,
    bookmarks: &[Bookmark],
    handout: &Handout,
) -> Result<Vec<u8>, String> {
    use egui::Color32;
    let ctx = egui::Context::default();
    // The bundled CJK and Hangul faces, so those titles lay out (and embed) like the window's.
    super::fonts::install(&ctx);
    // egui loads its fonts on the first pass; nothing is drawn from this one.
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    let mut flow = Flow {
        book: crate::render::vector::FaceBook::of_context(&ctx),
        ctx,
        pages: Vec::new(),
        items: Vec::new(),
        y: MARGIN,
    };
    let (ink, weak, accent) = (
        Color32::from_rgb(17, 17, 17),
        Color32::from_rgb(80, 80, 80),
        Color32::from_rgb(20, 70, 160),
    );
    let title = flow.galley(&handout.title, 24.0, ink);
    let subtitle = flow.galley(&handout.subtitle, 12.0, weak);
    flow.block(&[(title, 6.0, None), (subtitle, 14.0, None)]);
    // The timeline picture of the span, as vectors, across the page.
    let mut app = picture_app(corpus, bookmarks);
    let (box_w, box_h) = (Flow::width(), 420.0);
    let spec = PosterSpec {
        page: PageSize {
            width: box_w + 2.0 * picture::MARGIN_PT,
            height: box_h + 2.0 * picture::MARGIN_PT,
        },
        pages: 1,
        title: handout.title.clone(),
    };
    let drawing = picture::poster(&mut app, &spec);
    let mut faces = flow.book.faces.clone();
    let map = crate::output::vector::merge_faces(&mut faces, &drawing.faces);
    if let Some(page) = drawing.pages.into_iter().next() {
        let (dx, dy) = (MARGIN - picture::MARGIN_PT, flow.y - picture::MARGIN_PT);
        flow.items.push(Item::Clip {
            rect: [MARGIN, flow.y, MARGIN + box_w, flow.y + box_h],
            items: page
                .items
                .into_iter()
                .map(|item| item.placed(1.0, dx, dy).with_faces(&map))
                .collect(),
        });
        flow.y += box_h + 12.0;
    }
    flow.new_page();
    for entry in &handout.entries {
        let mut parts = Vec::new();
        let date = if entry.lane.is_empty() {
            entry.date_text.clone()
        } else {
            format!("{}  ·  {}", entry.date_text, entry.lane)
        };
        parts.push((flow.galley(&date, 10.0, weak), 2.0, None));
        parts.push((flow.galley(&entry.title, 14.0, ink), 4.0, None));
        for paragraph in entry
            .summary
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            parts.push((flow.galley(paragraph, 10.5, ink), 4.0, None));
        }
        if !entry.note.trim().is_empty() {
            let note = format!("Note: {}", entry.note.trim());
            parts.push((
                flow.galley(&note, 10.5, Color32::from_rgb(110, 80, 10)),
                4.0,
                None,
            ));
        }
        let citation = if entry.citation.trim().is_empty() {
            entry.archive_ref.trim()
        } else {
            entry.citation.trim()
        };
        if !citation.is_empty() {
            parts.push((flow.galley(citation, 9.0, weak), 3.0, None));
        }
        if let Some(url) = entry.url.as_deref().filter(|u| is_web_url(u)) {
            parts.push((
                flow.galley(url.trim(), 9.0, accent),
                3.0,
                Some(url.trim().to_string()),
            ));
        }
        if let Some(last) = parts.last_mut() {
            last.1 = 16.0;
        }
        flow.block(&parts);
    }
    flow.new_page();
    let drawing = Drawing {
        title: handout.title.clone(),
        faces,
        pages: flow.pages,
    };
    crate::output::pdf::pdf(&drawing)
}

/// Writes the handout of `bookmarks` to `out` (HTML or PDF by `kind`), atomically.
pub fn write(
    corpus: &Arc<Corpus>,
    bookmarks: &[Bookmark],
    lanes: &HashMap<DocId, String>,
    title: &str,
    kind: HandoutKind,
    out: &std::path::Path,
) -> std::io::Result<()> {
    let handout = handout_of(title, bookmarks, lanes);
    let bytes = match kind {
        HandoutKind::Html => html(corpus, bookmarks, handout),
        HandoutKind::Pdf => pdf(corpus, bookmarks, &handout).map_err(std::io::Error::other)?,
    };
    crate::durable::fsio::write_atomic(out, &bytes)
}
