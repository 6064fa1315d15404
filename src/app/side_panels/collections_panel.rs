//! The collections panel (the bookmarks panel it grew from): a picker of the workspace's
//! collections (Starred first), the chosen one's documents in its order with the document's
//! note and the entry's own note, reordering by drag or by Alt+Up / Alt+Down, and for every
//! collection its export (citation formats, TimelineJS, handout) and import; for Starred the
//! bookmarks' undo. Creating, editing and deleting collections is the
//! form in [`crate::app::side_panels::collections`].
//!
//! Reads the workspace and pushes [`Command`]s; owns only its own state (the chosen
//! collection, the open form, the last removed bookmark).

use crate::app::base::bookmark_sync::BookmarkSync;
use crate::app::base::command::HandoutKind;
use crate::app::base::tokens::Tokens;
use crate::app::side_panels::collections::{self, swatch_text, CollectionForm};
use crate::app::Command;
use crate::bookmarks::export::ExportFormat;
use crate::bookmarks::Bookmark;
use crate::model::{DocId, DocIndex};
use crate::workspace::{Collection, Entry, Op, Order, Overlay, Workspace, STARRED};
use egui::text::LayoutJob;
use egui::{RichText, ScrollArea, Ui};

/// Panel state that outlives a frame.
pub struct CollectionsPanel {
    /// The collection shown (Starred until another is chosen).
    pub chosen: String,
    pub last_removed: Option<Bookmark>,
    /// The create / edit form, while open.
    form: Option<CollectionForm>,
    /// The collection the user asked to delete, awaiting "Delete" or "Cancel".
    confirm_delete: Option<String>,
}

impl Default for CollectionsPanel {
    fn default() -> Self {
        CollectionsPanel {
            chosen: STARRED.to_string(),
            last_removed: None,
            form: None,
            confirm_delete: None,
        }
    }
}

/// What the panel reads this frame.
pub struct PanelInput<'a> {
    pub sync: &'a BookmarkSync,
    pub overlay: &'a Overlay,
    pub selected: Option<DocIndex>,
    pub t: &'a Tokens,
}

/// What is dragged when an entry is dragged: its collection and its place in the shown order.
#[derive(Clone, Debug, PartialEq)]
struct DraggedEntry {
    collection: String,
    from: usize,
}

/// Where an entry moved from `from` to, dropped before slot `slot` (0 ..= len) of the shown
/// order: the index [`Op::MoveEntry`] takes (its place once taken out).
pub fn move_target(from: usize, slot: usize) -> usize {
    if slot > from {
        slot - 1
    } else {
        slot
    }
}

pub fn show(
    ui: &mut Ui,
    panel: &mut CollectionsPanel,
    input: &PanelInput<'_>,
    commands: &mut Vec<Command>,
) {
    let ws = input.sync.workspace().clone();
    if ws.collection(&panel.chosen).is_none() {
        panel.chosen = STARRED.to_string();
    }
    ui.add_space(6.0);
    ui.heading("Collections");
    for notice in &input.sync.current.notices {
        ui.colored_label(input.t.selection, notice);
    }
    if let Some(message) = &input.sync.current.message {
        ui.label(RichText::new(message).weak());
    }
    picker_row(ui, panel, &ws);
    if let Some(form) = &mut panel.form {
        let outcome = collections::form(ui, form, &ws, commands);
        match outcome {
            collections::FormOutcome::Open => {}
            collections::FormOutcome::Cancelled => panel.form = None,
            collections::FormOutcome::Saved(name) => {
                panel.chosen = name;
                panel.form = None;
            }
        }
    }
    if let Some(name) = panel.confirm_delete.clone() {
        confirm_delete(ui, panel, &name, commands);
    }
    let Some(collection) = ws.collection(&panel.chosen) else {
        return;
    };
    if !collection.description.is_empty() {
        ui.add(egui::Label::new(RichText::new(&collection.description).italics()).wrap());
    }
    tools_row(ui, panel, collection, commands);
    ui.separator();
    let entries = ws.ordered(collection);
    if entries.is_empty() {
        if collection.is_starred() {
            ui.label("No bookmarks yet. Select a document and press B, or click ☆ in its details.");
        } else {
            ui.label(
                "Nothing in this collection yet. Select a document and add it with \
                 “Collections ⏷” in its details.",
            );
        }
        ui.add_space(4.0);
        saved_in(ui, input.sync);
        return;
    }
    move_by_keys(ui, collection, &entries, input, commands);
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (at, entry) in entries.iter().enumerate() {
                entry_row(
                    ui,
                    &ws,
                    collection,
                    (at, entries.len()),
                    entry,
                    input,
                    commands,
                );
                ui.separator();
            }
            saved_in(ui, input.sync);
        });
}

fn saved_in(ui: &mut Ui, sync: &BookmarkSync) {
    ui.label(
        RichText::new(format!("Saved in {}", sync.current.path.display()))
            .small()
            .weak(),
    );
}

/// The picker (each collection with its swatch and count) and New / Edit / Delete.
fn picker_row(ui: &mut Ui, panel: &mut CollectionsPanel, ws: &Workspace) {
    let chosen = ws.collection(&panel.chosen);
    // The picker takes the panel's width (a long name is cut short, in full in the list).
    ui.horizontal(|ui| {
        let label = ui.label("Collection");
        let text = chosen.map_or_else(LayoutJob::default, |c| swatch_text(ui, c));
        let width = (ui.available_width() - ui.spacing().item_spacing.x).max(80.0);
        egui::ComboBox::from_id_salt("collection-picker")
            .selected_text(text)
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                for c in &ws.collections {
                    let text = swatch_text(ui, c);
                    ui.selectable_value(&mut panel.chosen, c.name.clone(), text);
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("➕ New")
            .on_hover_text("Make a new collection (a lesson, a chapter's evidence)")
            .clicked()
        {
            panel.form = Some(CollectionForm::new(ws));
            panel.confirm_delete = None;
        }
        if let Some(c) = chosen {
            if ui
                .button("✏ Edit")
                .on_hover_text("Rename this collection, or change its colour or description")
                .clicked()
            {
                panel.form = Some(CollectionForm::edit(c));
                panel.confirm_delete = None;
            }
            if !c.is_starred()
                && ui
                    .button("🗑 Delete")
                    .on_hover_text("Delete this collection (its documents' notes stay)")
                    .clicked()
            {
                panel.confirm_delete = Some(c.name.clone());
                panel.form = None;
            }
        }
    });
}

fn confirm_delete(
    ui: &mut Ui,
    panel: &mut CollectionsPanel,
    name: &str,
    commands: &mut Vec<Command>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(format!(
            "Delete the collection “{name}”? Its documents, their notes and dates stay."
        ));
        ui.horizontal(|ui| {
            if ui.button("Delete collection").clicked() {
                commands.push(Command::Workspace(Box::new(Op::DeleteCollection {
                    name: name.to_string(),
                })));
                panel.confirm_delete = None;
                panel.chosen = STARRED.to_string();
            }
            if ui.button("Cancel").clicked() {
                panel.confirm_delete = None;
            }
        });
    });
}

/// Date order, export and import of the collection shown, and for Starred the undo.
fn tools_row(
    ui: &mut Ui,
    panel: &CollectionsPanel,
    collection: &Collection,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        let by_date = collection.order == Order::Date;
        if ui
            .add_enabled(!by_date, egui::Button::new("Date order"))
            .on_hover_text(if by_date {
                "In date order (drag an entry, or Alt+Up / Alt+Down, to arrange by hand)"
            } else {
                "Put the documents back in date order"
            })
            .clicked()
        {
            commands.push(Command::Workspace(Box::new(Op::SetOrder {
                name: collection.name.clone(),
                order: Order::Date,
            })));
        }
        export_menu(ui, &collection.name, commands);
        if ui
            .button("Import…")
            .on_hover_text(format!(
                "Add the documents of a bookmarks file this app exported (RON or JSON) to “{}”",
                collection.name
            ))
            .clicked()
        {
            commands.push(Command::ImportInto(collection.name.clone()));
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
}

fn export_menu(ui: &mut Ui, name: &str, commands: &mut Vec<Command>) {
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
                commands.push(Command::ExportCollection(name.to_string(), format));
                ui.close();
            }
        }
        ui.separator();
        handout_buttons(ui, name, commands);
    });
}

/// "Handout (PDF)" and "Handout (HTML page)" of collection `name` (here and in the File menu).
pub fn handout_buttons(ui: &mut Ui, name: &str, commands: &mut Vec<Command>) {
    for (kind, what) in [
        (HandoutKind::Pdf, "Handout (PDF)"),
        (HandoutKind::Html, "Handout (HTML page)"),
    ] {
        if ui
            .button(what)
            .on_hover_text(format!(
                "The timeline of “{name}”'s span, then each document in its order with its \
                 notes, citation and link"
            ))
            .clicked()
        {
            commands.push(Command::ExportHandout(kind, name.to_string()));
            ui.close();
        }
    }
}

/// Alt+Up / Alt+Down move the selected document's entry one place (when it is in the
/// collection and no text field has the keyboard).
fn move_by_keys(
    ui: &Ui,
    collection: &Collection,
    entries: &[&Entry],
    input: &PanelInput<'_>,
    commands: &mut Vec<Command>,
) {
    let Some(selected) = input.selected else {
        return;
    };
    if ui.ctx().text_edit_focused() {
        return;
    }
    let Some(at) = entries
        .iter()
        .position(|e| input.overlay.found.get(&e.id) == Some(&selected))
    else {
        return;
    };
    let (up, down) = ui.ctx().input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowDown),
        )
    });
    let to = if up && at > 0 {
        at - 1
    } else if down && at + 1 < entries.len() {
        at + 1
    } else {
        return;
    };
    commands.push(Command::Workspace(Box::new(Op::MoveEntry {
        name: collection.name.clone(),
        id: entries[at].id.clone(),
        to,
    })));
}

/// One document of the collection: a drag handle, date, title (selects it), remove, the
/// document's note and the entry's note. The row is also where dragged entries drop.
fn entry_row(
    ui: &mut Ui,
    ws: &Workspace,
    collection: &Collection,
    (at, len): (usize, usize),
    entry: &Entry,
    input: &PanelInput<'_>,
    commands: &mut Vec<Command>,
) {
    let t = input.t;
    let id = &entry.id;
    let card = ws.record(id).map(|r| r.card.clone()).unwrap_or_default();
    let title = if card.title.is_empty() {
        id.to_string()
    } else {
        card.title.clone()
    };
    let loaded = input.overlay.found.get(id).copied();
    let is_selected = loaded.is_some() && loaded == input.selected;
    // Its own fill, so the row looks the same until something is dragged over it (egui's
    // drop zone then shows where it would land); the selected document's row is outlined.
    let frame = egui::Frame::NONE
        .inner_margin(4.0)
        .corner_radius(4.0)
        .fill(ui.visuals().faint_bg_color)
        .stroke(if is_selected {
            egui::Stroke::new(1.5, t.selection)
        } else {
            egui::Stroke::NONE
        });
    let (row, dropped) = ui.dnd_drop_zone::<DraggedEntry, ()>(frame, |ui| {
        ui.horizontal(|ui| {
            let payload = DraggedEntry {
                collection: collection.name.clone(),
                from: at,
            };
            let handle_id = egui::Id::unique(("entry-drag", &collection.name, id.as_str()));
            ui.dnd_drag_source(handle_id, payload, |ui| {
                ui.label(RichText::new("☰").color(t.text_weak))
                    .on_hover_text("Drag to move (or select it and press Alt+Up / Alt+Down)");
            });
            let date = card.bookmark(id, "", entry.added).date_label();
            ui.label(RichText::new(date).weak());
            if loaded.is_none() {
                ui.label(RichText::new("not loaded").small().color(t.selection))
                    .on_hover_text(
                        "The pages holding this document are not open. It stays in the \
                         collection.",
                    );
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                remove_button(ui, collection, id, commands);
            });
        });
        let title_button = ui.add(
            egui::Button::new(RichText::new(&title).strong())
                .frame(false)
                .wrap(),
        );
        if loaded.is_some()
            && title_button
                .on_hover_text("Show it on the timeline")
                .clicked()
        {
            commands.push(Command::Select(loaded));
            commands.push(Command::Reveal);
        }
        notes(ui, ws, collection, entry, &title, commands);
    });
    let response = &row.response;
    if let Some(dragged) = response.dnd_hover_payload::<DraggedEntry>() {
        if dragged.collection == collection.name {
            let pointer_y = ui.ctx().pointer_interact_pos().map_or(0.0, |p| p.y);
            let y = if pointer_y < response.rect.center().y {
                response.rect.top()
            } else {
                response.rect.bottom()
            };
            ui.painter().hline(
                response.rect.x_range(),
                y,
                egui::Stroke::new(2.0, t.selection),
            );
        }
    }
    if let Some(dragged) = dropped {
        if dragged.collection == collection.name {
            let pointer_y = ui.ctx().pointer_interact_pos().map_or(0.0, |p| p.y);
            let slot = if pointer_y < response.rect.center().y {
                at
            } else {
                at + 1
            };
            let to = move_target(dragged.from, slot.min(len));
            if to != dragged.from {
                if let Some(moved) = ws.ordered(collection).get(dragged.from) {
                    commands.push(Command::Workspace(Box::new(Op::MoveEntry {
                        name: collection.name.clone(),
                        id: moved.id.clone(),
                        to,
                    })));
                }
            }
        }
    }
}

fn remove_button(ui: &mut Ui, collection: &Collection, id: &DocId, commands: &mut Vec<Command>) {
    let tip = if collection.is_starred() {
        "Remove this bookmark (Undo brings it back)".to_string()
    } else {
        format!(
            "Take this document out of “{}” (its note stays)",
            collection.name
        )
    };
    if ui.small_button("🗑 Remove").on_hover_text(tip).clicked() {
        commands.push(if collection.is_starred() {
            Command::RemoveBookmark(id.clone())
        } else {
            Command::Workspace(Box::new(Op::RemoveFromCollection {
                name: collection.name.clone(),
                id: id.clone(),
            }))
        });
    }
}

/// The document's one note (shown everywhere it appears) and the entry's note (this
/// collection's talking point), both edited in place.
fn notes(
    ui: &mut Ui,
    ws: &Workspace,
    collection: &Collection,
    entry: &Entry,
    title: &str,
    commands: &mut Vec<Command>,
) {
    let id = &entry.id;
    let mut note = ws.note(id).to_string();
    let edit = ui
        .add(
            egui::TextEdit::multiline(&mut note)
                .id_salt(("doc-note", collection.name.as_str(), id.as_str()))
                .desired_rows(1)
                .desired_width(f32::INFINITY)
                .hint_text("Add a note…"),
        )
        .on_hover_text(format!("Note on “{title}” (shown wherever it appears)"));
    if edit.changed() {
        // Starred's through the bookmarks' own path (which the store checks is still a
        // bookmark); any other document's as a workspace change.
        commands.push(if collection.is_starred() {
            Command::SetNote(id.clone(), note)
        } else {
            Command::Workspace(Box::new(Op::SetNote {
                id: id.clone(),
                card: None,
                note,
            }))
        });
    }
    let mut entry_note = entry.note.clone();
    let edit = ui
        .add(
            egui::TextEdit::singleline(&mut entry_note)
                .id_salt(("entry-note", collection.name.as_str(), id.as_str()))
                .desired_width(f32::INFINITY)
                .hint_text(format!("Note for “{}” only…", collection.name)),
        )
        .on_hover_text(format!(
            "Note on “{title}” in “{}” (a lesson's talking point)",
            collection.name
        ));
    if edit.changed() {
        commands.push(Command::Workspace(Box::new(Op::SetEntryNote {
            name: collection.name.clone(),
            id: id.clone(),
            note: entry_note,
        })));
    }
}

#[cfg(test)]
mod tests {
    use super::move_target;

    #[test]
    fn dropping_before_a_slot_gives_the_index_after_removal() {
        // [a b c d]: a dropped before slot 3 (before d) lands at index 2.
        assert_eq!(move_target(0, 3), 2);
        assert_eq!(move_target(0, 4), 3);
        assert_eq!(move_target(3, 0), 0);
        assert_eq!(move_target(2, 2), 2);
        assert_eq!(move_target(2, 3), 2);
    }
}
