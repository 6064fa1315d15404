//! The detail panel: everything known about the selected document, readable and copyable.

use crate::app::base::tokens::Tokens;
use crate::app::side_panels::detail_workspace;
pub use crate::app::side_panels::detail_workspace::Work;
use crate::app::Command;
use crate::bookmarks::Bookmark;
use crate::corpus::Corpus;
use crate::model::{DocIndex, Document, Precision};
use crate::search::{highlight_ranges, Query};
use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, ScrollArea, Ui};

fn precision_text(doc: &Document) -> &'static str {
    match doc.precision() {
        Precision::Day => "exact day",
        Precision::Month => "month only",
        Precision::Year => "year only",
        Precision::Undated => "undated",
    }
}

#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut Ui,
    corpus: &Corpus,
    selected: Option<DocIndex>,
    bookmark: Option<&Bookmark>,
    membership: &crate::app::side_panels::collections::Membership,
    query: Option<&Query>,
    work: Work<'_>,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    {
        ui.add_space(6.0);
        let Some((index, doc)) = selected.and_then(|i| corpus.library.get(i).map(|d| (i, d)))
        else {
            empty_state(ui, corpus);
            return;
        };
        ui.horizontal(|ui| {
            if ui
                .button("⏴")
                .on_hover_text("Previous document in time (Left)")
                .clicked()
            {
                commands.push(Command::Step(-1));
            }
            if ui
                .button("⏵")
                .on_hover_text("Next document in time (Right)")
                .clicked()
            {
                commands.push(Command::Step(1));
            }
            #[allow(clippy::cast_precision_loss)]
            ui.label(RichText::new(format!("{} of {}", index + 1, corpus.library.len())).weak());
            let (star, tip) = if bookmark.is_some() {
                ("★ Bookmarked", "Remove the bookmark (B)")
            } else {
                ("☆ Bookmark", "Bookmark this document (B)")
            };
            let star = ui.add(egui::Button::new(star).selected(bookmark.is_some()));
            if star.on_hover_text(tip).clicked() {
                commands.push(Command::ToggleBookmark(index));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("✖")
                    .on_hover_text("Clear the selection (Esc)")
                    .clicked()
                {
                    commands.push(Command::Select(None));
                }
            });
        });
        crate::app::side_panels::collections::detail_row(ui, membership, index, doc, commands);
        ui.separator();
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                document(ui, corpus, (index, doc), query, work, t, commands);
            });
    }
}

/// With nothing selected: a short hint that wraps to the panel (no table of shortcuts, which
/// used to widen the panel and make it jump when a document was selected).
fn empty_state(ui: &mut Ui, corpus: &Corpus) {
    ui.heading("No document selected");
    ui.add_space(6.0);
    let counts = format!(
        "{} in {}. ",
        crate::text::count(corpus.library.len(), "document"),
        crate::text::count(corpus.lanes.len(), "lane")
    );
    ui.add(egui::Label::new(counts + &first_run_hint(" here")).wrap());
}

/// What to do with nothing selected: in the docked panel (`here` " here"), or in the status
/// bar where the panel floats and so shows only with a selection (a projector's 1024 points).
pub fn first_run_hint(here: &str) -> String {
    format!("Click a marker, or press Right, to read one{here}. Press ? for every shortcut.")
}

fn field(ui: &mut Ui, name: &str, value: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(name).small().weak());
    ui.add(egui::Label::new(value).selectable(true).wrap());
}

/// `text` with the words the search matched marked, for a selectable label.
fn highlighted(text: &str, query: Option<&Query>, font: egui::FontId, t: &Tokens) -> LayoutJob {
    let plain = TextFormat::simple(font.clone(), t.text);
    let marked = TextFormat {
        background: t.selection.gamma_multiply(0.45),
        ..TextFormat::simple(font, t.text)
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    if let Some(query) = query.filter(|q| !q.is_empty()) {
        for range in highlight_ranges(text, query) {
            if range.start < at || range.end > text.len() {
                continue;
            }
            if let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
            {
                job.append(before, 0.0, plain.clone());
                job.append(word, 0.0, marked.clone());
                at = range.end;
            }
        }
    }
    job.append(text.get(at..).unwrap_or(""), 0.0, plain);
    job
}

/// The document in reading order: title, date, themes, summary, full text, what else the
/// archive says, then the researcher's own (folded until there is some), then its sources.
fn document(
    ui: &mut Ui,
    corpus: &Corpus,
    (index, doc): (DocIndex, &Document),
    query: Option<&Query>,
    work: Work<'_>,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    ui.add(
        egui::Label::new(highlighted(&doc.title, query, t.heading_font(), t))
            .selectable(true)
            .wrap(),
    );
    ui.add_space(4.0);
    ui.label(format!("{} · {}", doc.date_label(), precision_text(doc)));
    detail_workspace::user_date_line(ui, work.ws, doc, t);
    themes_and_why(ui, corpus, index, doc, t);
    if !doc.summary.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new("Summary").small().weak());
        ui.add(
            egui::Label::new(highlighted(&doc.summary, query, t.font(), t))
                .selectable(true)
                .wrap(),
        );
    } else {
        ui.add_space(6.0);
        ui.label(RichText::new("The page gave no summary.").italics().weak());
    }
    if let Some(text) = doc.full_text() {
        ui.add_space(8.0);
        let words = text.split_whitespace().count();
        egui::CollapsingHeader::new(format!("Full text ({words} words)"))
            .default_open(true)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if ui.small_button("Copy full text").clicked() {
                        ui.ctx().copy_text(text.to_string());
                    }
                });
                // In the panel's own scroll: one scroll for the whole document.
                let job = highlighted(text, query, t.font(), t);
                ui.add(egui::Label::new(job).selectable(true).wrap());
            });
    }
    if let Some(citation) = doc.citation() {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("Citation").small().weak());
            if ui
                .small_button("Copy")
                .on_hover_text("Copy the citation")
                .clicked()
            {
                ui.ctx().copy_text(citation.to_string());
            }
        });
        ui.add(egui::Label::new(citation).selectable(true).wrap());
    }
    if let Some(url) = doc.url() {
        ui.add_space(6.0);
        ui.hyperlink_to("Open in the Wilson Center Digital Archive ↗", url)
            .on_hover_text(url);
    }
    for (name, value) in [
        ("Archive reference", doc.archive_ref()),
        ("Credit", doc.credit()),
        ("Original language", doc.language()),
        ("Contents", doc.contents()),
        ("Record id", doc.record_id()),
    ] {
        if let Some(value) = value {
            field(ui, name, value);
        }
    }
    // What reference files and document pages say beyond the listing.
    for (name, values) in [
        ("Subjects", doc.subjects()),
        ("Authors", doc.authors()),
        ("Places", doc.places()),
        ("People and organizations", doc.people()),
    ] {
        if !values.is_empty() {
            field(ui, name, &values.join("; "));
        }
    }
    if let Some(edtf) = doc.edtf().filter(|e| !e.is_plain()) {
        let mut how = Vec::new();
        if edtf.is_interval() {
            how.push("a span");
        }
        if edtf.is_approximate() {
            how.push("approximate");
        }
        if edtf.is_uncertain() {
            how.push("uncertain");
        }
        let text = if how.is_empty() {
            edtf.to_string()
        } else {
            format!("{edtf} ({})", how.join(", "))
        };
        field(ui, "Date (EDTF)", &text);
    }
    // The researcher's own: note, date, lane, links (the same everywhere the document shows),
    // after what the archive says; folded until the document has some of it.
    ui.add_space(8.0);
    egui::CollapsingHeader::new("Your research")
        .id_salt(("your-research", &doc.id))
        .default_open(work.ws.has_research(&doc.id))
        .show(ui, |ui| {
            detail_workspace::show(ui, corpus, index, doc, work, t, commands);
        });
    ui.add_space(8.0);
    ui.label(RichText::new("Listed in").small().weak());
    for source in &doc.sources {
        ui.add(egui::Label::new(RichText::new(source.to_string()).monospace()).selectable(true));
    }
    ui.add_space(4.0);
    ui.label(
        RichText::new(format!("id {}", doc.id))
            .small()
            .weak()
            .monospace(),
    );
}

/// The document's themes, each with why: the phrases and subject headings its rules found and
/// their weights (the theme file's evidence model, [`crate::themes::ThemeSet::explain`]).
fn themes_and_why(ui: &mut Ui, corpus: &Corpus, index: DocIndex, doc: &Document, t: &Tokens) {
    let color_of = |name: &str| {
        corpus
            .themes
            .themes
            .iter()
            .find(|th| th.name == name)
            .map_or(t.text_weak, |th| t.lane_color(th.color))
    };
    // Each chip is one label that never wraps inside itself: a chip that does not fit moves
    // whole to the next line, so the square stays with its name.
    ui.horizontal_wrapped(|ui| {
        for name in corpus.theme_names(index) {
            let chip = RichText::new(format!("■\u{a0}{name}")).color(color_of(name));
            ui.add(egui::Label::new(chip).wrap_mode(egui::TextWrapMode::Extend));
        }
    });
    egui::CollapsingHeader::new("Why these lanes?")
        .id_salt(("why", index))
        .show(ui, |ui| {
            let why = corpus.themes.explain(doc);
            ui.label(
                RichText::new(format!(
                    "Placed in {}: a lane needs evidence of at least {}.",
                    why.lane, why.threshold
                ))
                .weak(),
            );
            if why.themes.is_empty() {
                ui.label(RichText::new("No theme rule matched this document.").weak());
            }
            for theme in &why.themes {
                ui.label(
                    RichText::new(format!("■ {} — {}", theme.name, theme.score))
                        .color(color_of(&theme.name)),
                );
                for rule in &theme.rules {
                    ui.label(RichText::new(format!("    {rule}")).weak());
                }
            }
        });
}
