//! Handouts of any collection (Starred, a lesson, a chapter's evidence): a title page with the
//! timeline picture of the collection's span (only its documents drawn), then one block per
//! document in the collection's order (date as written, title, lane, summary, the document's
//! note, the collection's note for it, citation, link). HTML through
//! [`crate::output::handout`] (the picture inlined as PNG); PDF laid out here with egui's text
//! layout and the bundled fonts, the picture drawn as vectors. [`HandoutSet`] says what is
//! handed out; the command line and the Collections panel both build it here.

use crate::app::base::bookmark_sync::Starred;
pub use crate::app::base::command::HandoutKind;
use crate::app::publish::picture::{self, PosterSpec};
use crate::app::TimelineApp;
use crate::bookmarks::Bookmark;
use crate::corpus::Corpus;
use crate::model::DocId;
use crate::output::handout::{Entry, Handout};
use crate::output::vector::{Drawing, Item, Page, PageSize, Rgba};
use crate::render::vector::Converter;
use crate::timeline::TimeWindow;
use std::collections::HashMap;
use std::sync::Arc;

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

/// What a handout is of: documents in the order they are handed out, with their notes and
/// lanes.
#[derive(Clone, Debug, Default)]
pub struct HandoutSet {
    pub title: String,
    /// In the collection's order; each one's `note` is the document's own note.
    pub items: Vec<Bookmark>,
    /// The collection's note for a document (a lesson's talking point), by id.
    pub entry_notes: HashMap<DocId, String>,
    /// Where the reader finds the note's collection ("In “Chapter 3”: …").
    pub collection: String,
    /// Each document's lane, by id.
    pub lanes: HashMap<DocId, String>,
}

impl HandoutSet {
    /// Collection `c` of `ws`, in its order; titled `title`, else the collection's name
    /// (Starred's handout is "Cold War documents", as before collections).
    pub fn of_collection(
        ws: &crate::workspace::Workspace,
        c: &crate::workspace::Collection,
        corpus: &Corpus,
        title: Option<&str>,
    ) -> HandoutSet {
        let (items, notes): (Vec<Bookmark>, Vec<String>) =
            ws.entry_bookmarks(c).into_iter().unzip();
        let entry_notes = items
            .iter()
            .zip(notes)
            .filter(|(_, note)| !note.trim().is_empty())
            .map(|(b, note)| (b.id.clone(), note))
            .collect();
        let title = title.map_or_else(
            || {
                if c.is_starred() {
                    DEFAULT_TITLE.to_string()
                } else {
                    c.name.clone()
                }
            },
            str::to_string,
        );
        HandoutSet {
            lanes: lanes_in(corpus, &items),
            title,
            items,
            entry_notes,
            collection: c.name.clone(),
        }
    }

    /// Bookmarks as they are given (in this order), with their lanes in `corpus`.
    pub fn of_bookmarks(title: &str, items: Vec<Bookmark>, corpus: &Corpus) -> HandoutSet {
        HandoutSet {
            lanes: lanes_in(corpus, &items),
            title: title.to_string(),
            items,
            ..HandoutSet::default()
        }
    }
}

/// The title of a handout of the bookmarks.
pub const DEFAULT_TITLE: &str = "Cold War documents";

/// Each bookmark's lane: the loaded document's lane as `corpus` draws it, else the snapshot's
/// lane under the corpus's themes.
pub fn lanes_in(corpus: &Corpus, items: &[Bookmark]) -> HashMap<DocId, String> {
    let list: Vec<&Bookmark> = items.iter().collect();
    crate::bookmarks::lanes::lanes_of(&list, &corpus.themes, &|b| {
        crate::bookmarks::locate_bookmark(b, &corpus.library).map(|doc| corpus.lane_names_of(doc).0)
    })
}

impl TimelineApp {
    /// Draws only `items`' documents from now on (pictures of a collection), over their span
    /// when they have dated ones; that window, if any.
    pub fn show_only(&mut self, items: &[Bookmark]) -> Option<TimeWindow> {
        self.research.starred = Starred::of(items, &self.library.corpus.library);
        self.timeline.filters.bookmarked_only = true;
        self.timeline.lanes_dirty = true;
        let list: Vec<&Bookmark> = items.iter().collect();
        let span = span_of(&list);
        if let Some(w) = span {
            self.set_window(w);
        }
        span
    }
}

/// A picture app of `corpus` showing only the set's documents, over their span.
fn picture_app(corpus: &Arc<Corpus>, set: &HandoutSet) -> TimelineApp {
    let mut app = TimelineApp::picture_of(Arc::clone(corpus), false);
    app.show_only(&set.items);
    app
}

/// The handout's text: title, subtitle and entries, in the set's order.
pub fn handout_of(set: &HandoutSet) -> Handout {
    let list: Vec<&Bookmark> = set.items.iter().collect();
    let mut dated: Vec<&&Bookmark> = list.iter().filter(|b| b.date.is_some()).collect();
    // The span runs from the earliest to the latest, whatever the handout's order.
    dated.sort_by_key(|b| b.doc_date().sort_key());
    let range = match (dated.first(), dated.last()) {
        (Some(a), Some(b)) if a.date_label() == b.date_label() => format!(", {}", a.date_label()),
        (Some(a), Some(b)) => format!(", {} – {}", a.date_label(), b.date_label()),
        _ => String::new(),
    };
    Handout {
        title: set.title.clone(),
        subtitle: format!("{}{range}", crate::text::count(list.len(), "document")),
        picture_png: None,
        entries: list
            .iter()
            .map(|b| Entry {
                date_text: b.date_label(),
                title: b.title.clone(),
                summary: b.summary.clone(),
                note: b.note.clone(),
                entry_note: set.entry_notes.get(&b.id).cloned().unwrap_or_default(),
                collection: set.collection.clone(),
                citation: b.citation.clone().unwrap_or_default(),
                url: b.url.clone(),
                archive_ref: b.archive_ref.clone().unwrap_or_default(),
                lane: set.lanes.get(&b.id).cloned().unwrap_or_default(),
            })
            .collect(),
    }
}

/// The handout as HTML bytes, with the picture as a 2200 x 1200 PNG in the light look (sharp
/// when printed a page wide).
pub fn html(corpus: &Arc<Corpus>, set: &HandoutSet, mut handout: Handout) -> Vec<u8> {
    let mut app = picture_app(corpus, set);
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
            crate::text::safe::printable(text).into_owned(),
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
pub fn pdf(corpus: &Arc<Corpus>, set: &HandoutSet, handout: &Handout) -> Result<Vec<u8>, String> {
    use egui::Color32;
    let ctx = egui::Context::default();
    // The bundled CJK and Hangul faces, so those titles lay out (and embed) like the window's.
    crate::app::base::fonts::install(&ctx);
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
    let mut app = picture_app(corpus, set);
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
        for note in [entry.note_text(), entry.entry_note_text()]
            .into_iter()
            .flatten()
        {
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

/// Writes the handout of `set` to `out` (HTML or PDF by `kind`), atomically.
pub fn write(
    corpus: &Arc<Corpus>,
    set: &HandoutSet,
    kind: HandoutKind,
    out: &std::path::Path,
) -> std::io::Result<()> {
    let handout = handout_of(set);
    let bytes = match kind {
        HandoutKind::Html => html(corpus, set, handout),
        HandoutKind::Pdf => pdf(corpus, set, &handout).map_err(std::io::Error::other)?,
    };
    crate::durable::fsio::write_atomic(out, &bytes)
}
