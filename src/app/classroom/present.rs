//! Classroom mode: the guided tour's card and the shortcuts overlay.
//!
//! The card shows the current stop of a [`Tour`] large (date, title, summary, the teacher's
//! note) with a stop counter, placed away from the stop's marker (whose rect the timeline view
//! returns). Keys: Space / Right / PageDown next, Left / PageUp back, Esc leaves.

use crate::app::base::command::Command;
use crate::app::base::tokens::Tokens;
use crate::app::classroom::tour::Tour;
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

/// The title of a stop takes at most this many lines (the whole title on hover).
pub const TITLE_ROWS: usize = 3;

/// The share of the screen's height the folded card may take (with at least two lines of
/// summary): the rest stays for the stop's marker and the lanes around it.
pub const CARD_SHARE: f32 = 0.4;

/// The share an unfolded summary ("…more") may grow the card to; the summary scrolls inside.
pub const CARD_SHARE_UNFOLDED: f32 = 0.6;

/// How the card's summary fits its budget.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardBudget {
    /// Lines of summary the folded card shows (at least two), the last ending in "…" when cut.
    pub summary_rows: usize,
    /// The height the unfolded summary scrolls in.
    pub expanded_height: f32,
}

/// The summary's room on a screen `screen_h` tall, in a timeline `area_h` tall, when the
/// card's other parts (counter and buttons, date, title) take `used` and a summary line is
/// `row_h` tall. Pure arithmetic.
pub fn card_budget(screen_h: f32, area_h: f32, used: f32, row_h: f32) -> CardBudget {
    let row_h = row_h.max(1.0);
    // The card's frame (margins, the "…more" link) beyond the text.
    let chrome = 32.0 + row_h;
    let share = |share: f32| (screen_h * share).min(area_h - 24.0);
    let room = |share: f32| (share - used - chrome).max(0.0);
    let rows = (room(share(CARD_SHARE)) / row_h).floor();
    CardBudget {
        summary_rows: (rows as usize).max(2),
        expanded_height: room(share(CARD_SHARE_UNFOLDED)).max(2.0 * row_h),
    }
}

/// `text` in the style of `ui`, ready to be laid out by [`layout`].
fn job_of(ui: &Ui, text: RichText) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    text.append_to(
        &mut job,
        ui.style(),
        egui::FontSelection::Default,
        egui::Align::LEFT,
    );
    job
}

/// `job` laid out `width` wide in at most `rows` lines, the last ending in "…" when cut.
fn layout(
    ui: &Ui,
    mut job: egui::text::LayoutJob,
    width: f32,
    rows: usize,
) -> std::sync::Arc<egui::Galley> {
    job.wrap = egui::text::TextWrapping {
        max_width: width,
        max_rows: rows,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    ui.fonts_mut(|f| f.layout_job(job))
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
    // Large for the back of the room, a little smaller where the screen is short.
    let screen_h = ui.ctx().content_rect().height();
    let big = t.text_size * 1.6 * (screen_h / 640.0).clamp(0.75, 1.0);
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
                    // The counter and the buttons on one row (wrapping where narrow).
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
                        ui.add_space(8.0);
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
                    ui.add_space(2.0);
                    ui.label(
                        RichText::new(doc.date_label())
                            .size(big * 0.85)
                            .color(t.selection),
                    );
                    if let Some(yours) = &notes.date_user {
                        ui.label(
                            RichText::new(format!("Your date: {yours}"))
                                .size(big * 0.7)
                                .color(t.selection),
                        );
                    }
                    let title = RichText::new(&doc.title)
                        .size(big * 0.95)
                        .strong()
                        .color(t.text);
                    let title = layout(ui, job_of(ui, title), inner_w, TITLE_ROWS);
                    let cut_title = title.elided;
                    let title = ui.add(egui::Label::new(title));
                    if cut_title {
                        title.on_hover_text(&doc.title);
                    }
                    // The teacher's words, whole: the talking point and the document's note.
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
                        ui.add_space(4.0);
                        let job = job_of(
                            ui,
                            RichText::new(&doc.summary).size(big * 0.7).color(t.text),
                        );
                        let used = ui.min_rect().height();
                        let row_h =
                            ui.fonts_mut(|f| f.row_height(&egui::FontId::proportional(big * 0.7)));
                        let budget = card_budget(screen_h, area.height(), used, row_h);
                        let more_id = egui::Id::unique(("tour-card-more", &tour.name, tour.at));
                        let expanded = ui
                            .ctx()
                            .data(|d| d.get_temp::<bool>(more_id))
                            .unwrap_or(false);
                        let toggle = if expanded {
                            egui::ScrollArea::vertical()
                                .id_salt(("tour-card-summary", tour.at))
                                .max_height(budget.expanded_height)
                                .scroll_bar_visibility(
                                    egui::scroll_area::ScrollBarVisibility::AlwaysVisible,
                                )
                                .show(ui, |ui| {
                                    ui.add(egui::Label::new(layout(ui, job, inner_w, usize::MAX)));
                                });
                            Some("Show less")
                        } else {
                            let galley = layout(ui, job, inner_w, budget.summary_rows);
                            let cut = galley.elided;
                            ui.add(egui::Label::new(galley));
                            cut.then_some("…more")
                        };
                        if let Some(what) = toggle {
                            if ui
                                .link(RichText::new(what).size(big * 0.6).color(t.selection))
                                .on_hover_text("Read the whole summary in the card")
                                .clicked()
                            {
                                ui.ctx().data_mut(|d| d.insert_temp(more_id, !expanded));
                            }
                        }
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
        "previous / next document (with none selected, the first in view)",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folded_card_keeps_within_its_share_of_the_screen() {
        for screen_h in [512.0, 720.0, 1080.0] {
            let area_h = screen_h * 0.7;
            for used in [90.0, 140.0] {
                let row_h = 20.0;
                let b = card_budget(screen_h, area_h, used, row_h);
                let card_h = used + 32.0 + row_h + b.summary_rows as f32 * row_h;
                // Within the share, unless the two-line floor needs more.
                assert!(
                    card_h <= screen_h * CARD_SHARE + 0.5 || b.summary_rows == 2,
                    "{screen_h} {used}: {b:?} gives {card_h}"
                );
                // One more line would not have fitted.
                assert!(card_h + row_h > screen_h * CARD_SHARE || b.summary_rows == 2);
                // Unfolded, it grows but stays inside the timeline.
                assert!(b.expanded_height >= b.summary_rows as f32 * row_h - 0.5);
                assert!(
                    used + 32.0 + row_h + b.expanded_height
                        <= area_h.max(used + 72.0 + 2.0 * row_h)
                );
            }
        }
    }

    #[test]
    fn a_tight_card_still_shows_two_lines_and_scrolls_the_rest() {
        let b = card_budget(400.0, 300.0, 250.0, 20.0);
        assert_eq!(b.summary_rows, 2);
        assert!(b.expanded_height >= 40.0);
        // A zero line height is not a division by zero.
        let b = card_budget(400.0, 300.0, 100.0, 0.0);
        assert!(b.summary_rows >= 2 && b.expanded_height.is_finite());
    }
}
