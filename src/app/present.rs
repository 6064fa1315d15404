//! Classroom mode: the guided tour's card and the shortcuts overlay.
//!
//! A tour is a list of documents in date order; each step selects the next one, animates the
//! timeline to it, and shows a large card (date, title, summary, the teacher's note) with a
//! stop counter. Keys: Space / Right / PageDown next, Left / PageUp back, Esc leaves.

use super::tokens::Tokens;
use super::Command;
use crate::bookmarks::Bookmark;
use crate::corpus::Corpus;
use crate::model::{DocIndex, Document, Precision};
use crate::timeline::scale::day_of;
use crate::timeline::TimeWindow;
use egui::{Align2, RichText, Ui};

/// A guided walk through chosen documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    /// What the tour is of ("Bookmarks", a theme's name, "Search results").
    pub name: String,
    pub stops: Vec<DocIndex>,
    pub at: usize,
}

impl Tour {
    /// A tour of `docs` in date order (library order is date order), without repeats.
    pub fn new(name: impl Into<String>, mut docs: Vec<DocIndex>) -> Option<Tour> {
        docs.sort_unstable();
        docs.dedup();
        (!docs.is_empty()).then(|| Tour {
            name: name.into(),
            stops: docs,
            at: 0,
        })
    }

    pub fn current(&self) -> Option<DocIndex> {
        self.stops.get(self.at).copied()
    }

    /// Moves by `delta` stops, staying within the tour; true when it moved.
    pub fn step(&mut self, delta: i32) -> bool {
        let last = self.stops.len().saturating_sub(1);
        let next = if delta >= 0 {
            (self.at + usize::try_from(delta).unwrap_or(0)).min(last)
        } else {
            self.at
                .saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(0))
        };
        let moved = next != self.at;
        self.at = next;
        moved
    }

    /// "4 / 12".
    pub fn counter(&self) -> String {
        format!("{} / {}", self.at + 1, self.stops.len())
    }
}

/// The window a tour step shows: the document with some weeks, months or years around it.
pub fn window_for(doc: &Document) -> Option<TimeWindow> {
    let (s, e) = (day_of(doc.date.start()?), day_of(doc.date.end_exclusive()?));
    let margin = match doc.precision() {
        Precision::Day => 45.0,
        Precision::Month => 120.0,
        Precision::Year | Precision::Undated => 540.0,
    };
    Some(TimeWindow::new(s - margin, e + margin))
}

/// The large card of the current stop, at the bottom centre.
pub fn card(
    ui: &mut Ui,
    tour: &Tour,
    corpus: &Corpus,
    note: Option<&Bookmark>,
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
    let marker: Option<egui::Rect> =
        ui.data(|d| d.get_temp(egui::Id::unique(super::view::SELECTED_RECT)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tour_steps_stay_inside() {
        let mut tour = Tour::new("Bookmarks", vec![9, 3, 5, 3]).expect("a tour");
        assert_eq!(tour.stops, vec![3, 5, 9]);
        assert_eq!(tour.counter(), "1 / 3");
        assert!(!tour.step(-1));
        assert!(tour.step(1));
        assert!(tour.step(1));
        assert!(!tour.step(1));
        assert_eq!(tour.current(), Some(9));
        assert_eq!(tour.counter(), "3 / 3");
        assert!(Tour::new("none", vec![]).is_none());
    }
}
