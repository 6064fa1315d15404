//! Classroom mode: the guided tour's card and the shortcuts overlay.
//!
//! The card shows the current stop of a [`Tour`] large (date, title, summary, the teacher's
//! note) with a stop counter, placed away from the stop's marker (whose rect the timeline view
//! returns). Keys: Space / Right / PageDown next, Left / PageUp back, Esc leaves.

use super::commands::Command;
use super::tokens::Tokens;
use super::tour::Tour;
use crate::bookmarks::Bookmark;
use crate::corpus::Corpus;
use egui::{Align2, RichText, Ui};

/// The large card of the current stop, at the bottom centre.
pub fn card(
    ui: &mut Ui,
    tour: &Tour,
    corpus: &Corpus,
    note: Option<&Bookmark>,
    marker: Option<egui::Rect>,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let Some(doc) = tour.current().and_then(|i| corpus.library.get(i)) else {
        return;
    };
    let big = t.text_size * 1.6;
    let screen = ui.ctx().content_rect();
    let width = (screen.width() * 0.86).clamp(360.0, 1400.0);
    // The card sits at the bottom, or at the top when the stop's marker is in the lower half,
    // so the class sees both the card and the document on the timeline.
    let low = marker.is_some_and(|r| r.center().y > screen.center().y);
    let (align, offset) = if low {
        (Align2::CENTER_TOP, egui::vec2(0.0, 90.0))
    } else {
        (
            Align2::CENTER_BOTTOM,
            egui::vec2(0.0, -t.overview_height - 40.0),
        )
    };
    egui::Area::new(egui::Id::unique("tour-card"))
        .anchor(align, offset)
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(t.background)
                .stroke(egui::Stroke::new(2.0, t.selection))
                .inner_margin(18.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("{} · {}", tour.name, tour.counter()))
                                .size(big * 0.7)
                                .color(t.text_weak),
                        );
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .button(RichText::new("✖ End tour").size(big * 0.6))
                                .on_hover_text("Esc")
                                .clicked()
                            {
                                commands.push(Command::EndTour);
                            }
                            if ui
                                .button(RichText::new("Next ⏵").size(big * 0.6))
                                .on_hover_text("Space, Right or Page Down")
                                .clicked()
                            {
                                commands.push(Command::TourStep(1));
                            }
                            if ui
                                .button(RichText::new("⏴ Back").size(big * 0.6))
                                .on_hover_text("Left or Page Up")
                                .clicked()
                            {
                                commands.push(Command::TourStep(-1));
                            }
                        });
                    });
                    ui.add_space(6.0);
                    ui.label(RichText::new(doc.date_label()).size(big).color(t.selection));
                    ui.add(
                        egui::Label::new(
                            RichText::new(&doc.title)
                                .size(big * 1.05)
                                .strong()
                                .color(t.text),
                        )
                        .wrap(),
                    );
                    if !doc.summary.is_empty() {
                        ui.add_space(6.0);
                        ui.add(
                            egui::Label::new(
                                RichText::new(&doc.summary).size(big * 0.8).color(t.text),
                            )
                            .wrap(),
                        );
                    }
                    if let Some(b) = note.filter(|b| !b.note.is_empty()) {
                        ui.add_space(6.0);
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("★ {}", b.note))
                                    .size(big * 0.8)
                                    .color(t.selection),
                            )
                            .wrap(),
                        );
                    }
                });
        });
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
    ("Esc", "clear the selection, leave the tour"),
    ("F5", "presentation mode"),
    ("T", "start a tour of the bookmarks"),
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
