//! The bookmarks panel: starred documents in date order with their notes; select, remove
//! (with undo), export for reference managers, import.

use super::bookmark_sync::BookmarkSync;
use super::handout::HandoutKind;
use super::tokens::Tokens;
use super::Command;
use crate::bookmarks::export::ExportFormat;
use crate::bookmarks::{locate_bookmark, Bookmark};
use crate::corpus::Corpus;
use crate::model::DocId;
use egui::{RichText, ScrollArea, Ui};
use std::collections::HashMap;

/// Panel state that outlives a frame: note drafts being typed, and the last removal.
#[derive(Default)]
pub struct BookmarksPanel {
    drafts: HashMap<DocId, String>,
    pub last_removed: Option<Bookmark>,
}

impl BookmarksPanel {
    /// Forgets the draft of `id`'s note (its note was changed elsewhere: the detail panel).
    pub fn forget_draft(&mut self, id: &DocId) {
        self.drafts.remove(id);
    }

    /// Forgets drafts the store has caught up with (after a snapshot arrives).
    pub fn refresh(&mut self, sync: &BookmarkSync) {
        self.drafts
            .retain(|id, draft| sync.get(id).is_some_and(|b| &b.note != draft));
    }
}

pub fn show(
    ui: &mut Ui,
    panel: &mut BookmarksPanel,
    sync: &BookmarkSync,
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.heading(format!("★ Bookmarks ({})", sync.bookmarks().len()));
        });
        for notice in &sync.current.notices {
            ui.colored_label(t.selection, notice);
        }
        if let Some(message) = &sync.current.message {
            ui.label(RichText::new(message).weak());
        }
        ui.horizontal_wrapped(|ui| {
            ui.menu_button("Export…", |ui| {
                for (format, what) in [
                    (ExportFormat::Markdown, "Markdown reading list"),
                    (ExportFormat::Ris, "RIS (Zotero, EndNote, Mendeley)"),
                    (ExportFormat::Bibtex, "BibTeX"),
                    (ExportFormat::CslJson, "CSL-JSON"),
                    (ExportFormat::Csv, "CSV spreadsheet"),
                    (ExportFormat::TimelineJs, "TimelineJS (JSON)"),
                    (ExportFormat::TimelineJsSheet, "TimelineJS sheet (CSV)"),
                ] {
                    if ui.button(what).clicked() {
                        commands.push(Command::ExportBookmarks(format));
                        ui.close();
                    }
                }
                ui.separator();
                for (kind, what) in [
                    (HandoutKind::Pdf, "Handout (PDF)"),
                    (HandoutKind::Html, "Handout (HTML page)"),
                ] {
                    if ui
                        .button(what)
                        .on_hover_text(
                            "The timeline of the bookmarks' span, then each document with \
                             its note, citation and link",
                        )
                        .clicked()
                    {
                        commands.push(Command::ExportHandout(kind));
                        ui.close();
                    }
                }
            });
            if ui
                .button("Import…")
                .on_hover_text("Merge a bookmarks file this app exported (RON or JSON)")
                .clicked()
            {
                commands.push(Command::ImportBookmarks);
            }
            if let Some(removed) = &panel.last_removed {
                if ui
                    .button("↩ Undo remove")
                    .on_hover_text(format!("Bring back “{}”", removed.title))
                    .clicked()
                {
                    commands.push(Command::UndoRemove);
                }
            }
        });
        ui.separator();
        if sync.bookmarks().is_empty() {
            ui.label("No bookmarks yet. Select a document and press B, or click ☆ in its details.");
            ui.add_space(4.0);
            ui.label(
                RichText::new(format!("Saved in {}", sync.current.path.display()))
                    .small()
                    .weak(),
            );
            return;
        }
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for b in sync.bookmarks() {
                    bookmark_row(ui, panel, b, corpus, t, commands);
                    ui.separator();
                }
                ui.label(
                    RichText::new(format!("Saved in {}", sync.current.path.display()))
                        .small()
                        .weak(),
                );
            });
    }
}

fn bookmark_row(
    ui: &mut Ui,
    panel: &mut BookmarksPanel,
    b: &Bookmark,
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let loaded = locate_bookmark(b, &corpus.library);
    ui.horizontal(|ui| {
        ui.label(RichText::new(b.date_label()).weak());
        if loaded.is_none() {
            ui.label(RichText::new("not loaded").small().color(t.selection))
                .on_hover_text(
                    "The pages holding this document are not open. The bookmark is kept.",
                );
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("🗑 Remove")
                .on_hover_text("Remove this bookmark (Undo brings it back)")
                .clicked()
            {
                commands.push(Command::RemoveBookmark(b.id.clone()));
            }
        });
    });
    let title = ui.add(
        egui::Button::new(RichText::new(&b.title).strong())
            .frame(false)
            .wrap(),
    );
    if loaded.is_some() && title.on_hover_text("Show it on the timeline").clicked() {
        commands.push(Command::Select(loaded));
        commands.push(Command::Reveal);
    }
    let draft = panel
        .drafts
        .entry(b.id.clone())
        .or_insert_with(|| b.note.clone());
    let edit = ui.add(
        egui::TextEdit::multiline(draft)
            .desired_rows(1)
            .desired_width(f32::INFINITY)
            .hint_text("Add a note…"),
    );
    let edit = edit.on_hover_text(format!("Note on “{}”", b.title));
    if edit.changed() {
        commands.push(Command::SetNote(b.id.clone(), draft.clone()));
    }
}
