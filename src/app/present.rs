//! Classroom mode: the guided tour's card and the shortcuts overlay.
//!
//! The card shows the current stop of a [`Tour`] large (date, title, summary, the teacher's
//! note) with a stop counter, placed away from the stop's marker (whose rect the timeline view
//! returns). Keys: Space / Right / PageDown next, Left / PageUp back, Esc leaves.

use super::commands::Command;
use super::tokens::Tokens;
use super::tour::Tour;
use crate::corpus::Corpus;
use egui::{pos2, vec2, Align2, Rect, RichText, Ui};

/// Where the card goes: at the bottom of the timeline's area, else at its top, else beside
/// the marker (left or right half), whichever keeps clear of the marker; `size` is the card's
/// size last frame. Pure geometry.
pub fn card_rect(area: Rect, size: egui::Vec2, marker: Option<Rect>) -> Rect {
    let margin = 12.0;
    let w = size.x.min(area.width() - 2.0 * margin).max(0.0);
    let h = size.y.min(area.height() - 2.0 * margin).max(0.0);
    let cx = area.center().x - w * 0.5;
    let bottom = Rect::from_min_size(pos2(cx, area.bottom() - margin - h), vec2(w, h));
    let top = Rect::from_min_size(pos2(cx, area.top() + margin), vec2(w, h));
    let Some(marker) = marker else {
        return bottom;
    };
    let keep_clear = marker.expand(6.0);
    let clear = |r: &Rect| !r.intersects(keep_clear);
    // Below or above the marker, whichever has the room, before the fixed places.
    let half_w = (area.width() * 0.5 - 1.5 * margin).min(w);
    let left = Rect::from_min_size(
        pos2(area.left() + margin, area.top() + margin),
        vec2(half_w, h),
    );
    let right = Rect::from_min_size(
        pos2(area.right() - margin - half_w, area.top() + margin),
        vec2(half_w, h),
    );
    let (side_first, side_second) = if marker.center().x > area.center().x {
        (left, right)
    } else {
        (right, left)
    };
    [bottom, top, side_first, side_second]
        .into_iter()
        .find(clear)
        .unwrap_or(if marker.center().y > area.center().y {
            top
        } else {
            bottom
        })
}

/// What the tour card shows of the user's own words, and a lesson's "keep this view".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CardNotes {
    /// The document's one note.
    pub document: String,
    /// The document is starred (its note is shown with the star).
    pub starred: bool,
    /// The lesson entry's note (the talking point at this stop).
    pub entry: String,
    /// In a lesson: keeps the view shown now for this stop.
    pub keep_view: Option<Command>,
    /// The user's own date of the document, with the reason ("1956-10~ — the plenum").
    pub date_user: Option<String>,
}

/// The large card of the current stop, placed in the timeline's `area` clear of the stop's
/// `marker`. Returns where it was drawn.
#[allow(clippy::too_many_arguments)]
pub fn card(
    ui: &mut Ui,
    tour: &Tour,
    corpus: &Corpus,
    notes: &CardNotes,
    marker: Option<Rect>,
    area: Rect,
    t: &Tokens,
    commands: &mut Vec<Command>,
) -> Option<Rect> {
    let doc = tour.current().and_then(|i| corpus.library.get(i))?;
    let big = t.text_size * 1.6;
    let size_id = egui::Id::unique("tour-card-size");
    let width = (area.width() * 0.86)
        .clamp(300.0, 1400.0)
        .min(area.width() - 24.0);
    let last = ui
        .ctx()
        .data(|d| d.get_temp::<egui::Vec2>(size_id))
        .unwrap_or(vec2(width, area.height() * 0.3));
    let rect = card_rect(area, vec2(width, last.y), marker);
    let inner_w = rect.width() - 36.0;
    // The summary scrolls inside the card rather than letting it cover the timeline.
    let summary_h = (area.height() * 0.16).max(big * 1.5);
    let last_stop = tour.at + 1 == tour.stops.len();
    let shown = egui::Area::new(egui::Id::unique("tour-card"))
        .fixed_pos(rect.min)
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(t.background)
                .stroke(egui::Stroke::new(2.0, t.selection))
                .inner_margin(16.0)
                .show(ui, |ui| {
                    ui.set_width(inner_w);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!("{} · {}", tour.name, tour.counter()))
                                .size(big * 0.7)
                                .color(t.text_weak),
                        );
                        if last_stop {
                            ui.label(
                                RichText::new("End of tour")
                                    .size(big * 0.7)
                                    .strong()
                                    .color(t.selection),
                            );
                        }
                    });
                    ui.horizontal_wrapped(|ui| {
                        if ui
                            .button(RichText::new("⏴ Back").size(big * 0.6))
                            .on_hover_text("Left or Page Up")
                            .clicked()
                        {
                            commands.push(Command::TourStep(-1));
                        }
                        if ui
                            .add_enabled(
                                !last_stop,
                                egui::Button::new(RichText::new("Next ⏵").size(big * 0.6)),
                            )
                            .on_hover_text("Space, Right or Page Down")
                            .clicked()
                        {
                            commands.push(Command::TourStep(1));
                        }
                        if ui
                            .button(RichText::new("✖ End tour").size(big * 0.6))
                            .on_hover_text("Esc")
                            .clicked()
                        {
                            commands.push(Command::EndTour);
                        }
                        if let Some(keep) = &notes.keep_view {
                            if ui
                                .button(
                                    RichText::new("📌 Keep this view for this stop")
                                        .size(big * 0.6),
                                )
                                .on_hover_text("The lesson opens this stop at the view shown now")
                                .clicked()
                            {
                                commands.push(keep.clone());
                            }
                        }
                    });
                    ui.add_space(4.0);
                    ui.label(RichText::new(doc.date_label()).size(big).color(t.selection));
                    if let Some(yours) = &notes.date_user {
                        ui.label(
                            RichText::new(format!("Your date: {yours}"))
                                .size(big * 0.7)
                                .color(t.selection),
                        );
                    }
                    ui.add(
                        egui::Label::new(
                            RichText::new(&doc.title)
                                .size(big * 1.05)
                                .strong()
                                .color(t.text),
                        )
                        .wrap(),
                    );
                    let has_note = !notes.document.is_empty() || !notes.entry.is_empty();
                    if !doc.summary.is_empty() || has_note {
                        ui.add_space(4.0);
                        egui::ScrollArea::vertical()
                            .id_salt("tour-card-summary")
                            .max_height(summary_h)
                            .show(ui, |ui| {
                                if !notes.entry.is_empty() {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!("💬 {}", notes.entry))
                                                .size(big * 0.8)
                                                .strong()
                                                .color(t.text),
                                        )
                                        .wrap(),
                                    );
                                }
                                if !notes.document.is_empty() {
                                    let mark = if notes.starred { "★" } else { "✏" };
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!("{mark} {}", notes.document))
                                                .size(big * 0.8)
                                                .color(t.selection),
                                        )
                                        .wrap(),
                                    );
                                }
                                if !doc.summary.is_empty() {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(&doc.summary)
                                                .size(big * 0.7)
                                                .color(t.text),
                                        )
                                        .wrap(),
                                    );
                                }
                            });
                    }
                });
        });
    let drawn = shown.response.rect;
    if (drawn.size() - last).length() > 0.5 {
        ui.ctx().data_mut(|d| d.insert_temp(size_id, drawn.size()));
        ui.ctx().request_repaint();
    }
    Some(drawn)
}

/// Every shortcut, in one overlay (toggled with ?).
pub fn shortcuts_overlay(ui: &mut Ui, open: &mut bool, t: &Tokens) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .collapsible(false)
        .resizable(false)
        .anchor(Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ui.ctx(), |ui| {
            egui::Grid::new("all-shortcuts")
                .num_columns(2)
                .spacing([18.0, 6.0])
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.label(RichText::new(*keys).strong().color(t.text));
                        ui.label(*what);
                        ui.end_row();
                    }
                });
        });
}

/// (keys, what they do) — the overlay and the README list the same.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("Wheel, Ctrl+wheel, pinch", "zoom about the pointer"),
    ("Drag, Shift+wheel", "pan"),
    ("Drag across the axis", "zoom to that range"),
    ("Double-click", "zoom in there"),
    ("+ / −", "zoom in / out"),
    ("F", "fit everything"),
    (
        "Left / Right",
        "previous / next document (pan when none is selected)",
    ),
    ("Shift+Left / Shift+Right", "pan"),
    ("B", "bookmark the selected document"),
    ("/ or Ctrl+F", "search"),
    ("Enter / Shift+Enter", "next / previous search result"),
    (
        "Esc",
        "close the topmost: an overlay, the tour, then the selection",
    ),
    ("V", "switch between the timeline and the table"),
    (
        "Up / Down, Page Up / Page Down, Home / End",
        "move in the table (Enter opens the details)",
    ),
    ("F5", "presentation mode"),
    ("T", "start a tour of the bookmarks"),
    (
        "Alt+Up / Alt+Down",
        "move the selected document in the collection shown",
    ),
    ("Space, Right, Page Down", "next tour stop"),
    ("Left, Page Up", "previous tour stop"),
    (
        "Ctrl+Plus / Ctrl+Minus / Ctrl+0",
        "larger / smaller / normal text",
    ),
    (
        "Tab, Shift+Tab, Enter",
        "move between controls and press them",
    ),
    ("Ctrl+Q", "quit (the view is remembered)"),
    ("?", "this list"),
];
