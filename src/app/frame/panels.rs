//! The panels of one frame, in the order egui needs them (toolbar, status bar, overlays,
//! side panels, then the timeline in what is left, then the tour card over it), each given
//! only what it reads and the command list. What one panel tells the next (the selected
//! marker's rect) is returned by the first and passed to the second, never kept in egui memory.
//!
//! How the width is shared is `layout::plan`'s (no egui): side panels dock while the plot
//! keeps 60% of the window, else float over the timeline with a close button.

use crate::app::frame::layout::{self, Dock};
use crate::app::{
    classroom::present, side_panels::collections, side_panels::collections_panel,
    side_panels::detail, side_panels::library, side_panels::search_ui, side_panels::table,
    timeline_panel::overview, timeline_panel::view, Command, TimelineApp,
};
use egui::{pos2, vec2, Rect, Ui};

/// Which panels and overlays are open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(in crate::app) struct Panels {
    pub detail: bool,
    pub bookmarks: bool,
    pub diagnostics: bool,
    pub shortcuts: bool,
    /// The table view instead of the timeline.
    pub table: bool,
    /// Detail and bookmarks as they were before presenting, restored after.
    pub before_presenting: (bool, bool),
    /// The floating detail panel is at the timeline's left edge (it moved there because at
    /// the right it would cover the selected marker).
    pub detail_left: bool,
}

impl Panels {
    /// Presenting hides the side panels; stopping brings back the ones that were open.
    pub fn present(&mut self, on: bool) {
        if on {
            self.before_presenting = (self.detail, self.bookmarks);
            (self.detail, self.bookmarks) = (false, false);
        } else {
            (self.detail, self.bookmarks) = self.before_presenting;
        }
    }
}

/// A side panel docked beside the timeline, `width` wide.
fn docked(ui: &mut Ui, id: &'static str, left: bool, width: f32, add: impl FnOnce(&mut Ui)) {
    let panel = if left {
        egui::Panel::left(id)
    } else {
        egui::Panel::right(id)
    };
    panel.resizable(false).exact_size(width).show(ui, add);
}

/// A panel stacked at the top of a docked column, above what follows in it: about 45% of the
/// column's height, resizable by its lower edge (its content scrolls itself).
fn stacked(ui: &mut Ui, id: &'static str, add: impl FnOnce(&mut Ui)) {
    let height = ui.available_height();
    egui::Panel::top(id)
        .resizable(true)
        .default_size(height * 0.45)
        .size_range(120.0_f32.min(height * 0.3)..=height * 0.7)
        .show(ui, add);
}

/// Where a side panel `width` wide floats over `area`: its whole height, at its left or
/// right edge.
fn floating_rect(area: Rect, left: bool, width: f32) -> Rect {
    let width = width.min(area.width());
    let min = if left {
        area.min
    } else {
        pos2(area.right() - width, area.top())
    };
    Rect::from_min_size(min, vec2(width, area.height()))
}

/// Whether the floating detail panel goes at the left edge. It sits at the right, and moves
/// to the other edge only where it would hide less of the selection there: first the
/// `marker` itself, then its `label` (the marker and label's rect). Nothing else may float at
/// the left (`left_free`). It does not hop back while the selection stays clear.
fn detail_at_left(
    area: Rect,
    width: f32,
    (marker, label): (Option<Rect>, Option<Rect>),
    left_now: bool,
    left_free: bool,
) -> bool {
    if !left_free {
        return false;
    }
    let Some(marker) = marker else {
        return left_now;
    };
    let label = label.unwrap_or(marker);
    let hidden = |left: bool| {
        let panel = floating_rect(area, left, width);
        (
            panel.intersects(marker),
            panel.intersect(label).area().max(0.0),
        )
    };
    let (here, there) = (hidden(left_now), hidden(!left_now));
    let (covers_here, covers_there) = (here.0, there.0);
    let better =
        (covers_here && !covers_there) || (covers_here == covers_there && there.1 + 1.0 < here.1);
    left_now != better
}

/// A side panel floating over the timeline (`area`) at its left or right edge, `width` wide,
/// with a close button unless its content has one (`closable` false). Returns its rect and
/// whether the close button was clicked.
fn floating(
    ui: &Ui,
    id: &'static str,
    area: Rect,
    (left, closable): (bool, bool),
    width: f32,
    add: impl FnOnce(&mut Ui),
) -> (Rect, bool) {
    let rect = floating_rect(area, left, width);
    let mut closed = false;
    let response = egui::Area::new(egui::Id::unique(id))
        .fixed_pos(rect.min)
        .order(egui::Order::Middle)
        .show(ui.ctx(), |ui| {
            // Opaque over the timeline: in the app's window the panels' own fill is
            // transparent (the window's clear colour is their ground), which would let the
            // lanes show through a floating panel's text.
            let frame = egui::Frame::side_top_panel(ui.style())
                .fill(ui.visuals().window_fill)
                .stroke(ui.visuals().window_stroke)
                .shadow(ui.visuals().popup_shadow);
            let inner = rect.size() - frame.total_margin().sum();
            frame.show(ui, |ui| {
                ui.set_min_size(inner);
                ui.set_max_size(inner);
                if !closable {
                    add(ui);
                    return;
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                    closed = ui
                        .small_button("✖")
                        .on_hover_text("Close this panel")
                        .clicked();
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), add);
                });
            });
        });
    (response.response.rect, closed)
}

impl TimelineApp {
    /// How the window's width is shared this frame (see `layout`); sets the gutter and the
    /// undated column in the tokens the timeline and the overview read.
    fn plan(&mut self, ui: &Ui) -> layout::Plan {
        let width = ui.ctx().content_rect().width();
        let any_undated = self
            .timeline
            .drawn
            .iter()
            .any(|l| !l.index.undated().is_empty());
        let gutter = layout::gutter(width, self.tokens.lane_gutter);
        let undated = layout::undated(width, any_undated, self.tokens.undated_column);
        let wants = layout::Wants {
            results: self.search.state.is_active()
                && !self.classroom.presenting
                && !self.publishing.picture,
            bookmarks: self.frame.panels.bookmarks,
            detail: self.frame.panels.detail,
            selection: self.timeline.selected.is_some(),
        };
        let plan = layout::plan(width, wants, gutter, undated);
        self.tokens.lane_gutter = plan.gutter;
        self.tokens.undated_column = plan.undated;
        // The overview strip shrinks on short windows (a projector at a large UI scale).
        let height = ui.ctx().content_rect().height();
        self.tokens.overview_height = (height * 0.08).clamp(30.0, self.tokens.overview_height);
        plan
    }

    /// Draws every panel of the frame; they push commands, applied after.
    pub(in crate::app) fn panels(&mut self, ui: &mut egui::Ui) {
        let plan = self.plan(ui);
        if !self.publishing.picture {
            self.top_bar(ui);
        }
        let progress = self.library.loader.progress().cloned();
        if progress.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        if !self.publishing.picture {
            // Details on but hidden (the plan hides them only while they float with nothing
            // selected, a projector's 1024 points): the hint they would give is in the status
            // bar, so the first-run promise holds at every size without covering a title.
            let hint = (plan.detail == Dock::Hidden
                && self.frame.panels.detail
                && self.classroom.tour.is_none()
                && !self.frame.panels.table
                && !self.library.corpus.library.is_empty())
            .then(|| detail::first_run_hint(""));
            library::status_bar(
                ui,
                &self.library.corpus,
                (progress.as_deref(), hint.as_deref()),
                &self.tokens,
                &mut self.commands,
            );
        }
        if self.frame.panels.diagnostics {
            let mut open = true;
            library::diagnostics_window(
                ui,
                &self.library.corpus,
                &self.research.bookmarks.current,
                &self.frame.status_log,
                &mut open,
                &self.tokens,
                &mut self.commands,
            );
            self.frame.panels.diagnostics = open;
        }
        if self.frame.panels.shortcuts {
            let mut open = true;
            present::shortcuts_overlay(ui, &mut open, &self.tokens);
            self.frame.panels.shortcuts = open;
        }
        self.theme_editor_window(ui);
        if let Some(command) = self.side.picker.show(ui.ctx(), &self.tokens) {
            self.commands.push(command);
        }
        overview::show(
            ui,
            &self.library.corpus,
            self.timeline.nav.window(),
            &mut self.timeline.overview,
            &self.tokens,
            &mut self.commands,
        );
        if let Dock::Docked(w) = plan.results {
            docked(ui, "search-results", true, w, |ui| {
                self.results_contents(ui);
            });
        }
        if let Dock::Docked(w) = plan.bookmarks {
            docked(ui, "bookmarks", true, w, |ui| self.bookmarks_contents(ui));
        }
        if let Dock::Docked(w) = plan.detail {
            docked(ui, "detail", false, w, |ui| {
                // Panels that did not fit beside the details share their column, above them,
                // each in a section the user can resize.
                if plan.results == Dock::Stacked {
                    stacked(ui, "search-results-stacked", |ui| {
                        self.results_contents(ui);
                    });
                }
                if plan.bookmarks == Dock::Stacked {
                    stacked(ui, "bookmarks-stacked", |ui| self.bookmarks_contents(ui));
                }
                self.detail_contents(ui);
            });
        }
        let central = ui.available_rect_before_wrap();
        let mut out = view::ViewOutput::default();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let first_load =
                self.library.corpus.library.is_empty() && self.library.corpus.files.is_empty();
            if let (Some(what), true) = (self.library.loader.what(), first_load) {
                ui.centered_and_justified(|ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Loading {what}…"));
                    });
                });
                return;
            }
            if self.frame.panels.table && !self.publishing.picture {
                let (corpus, prefs, filters) = (
                    &self.library.corpus,
                    &self.timeline.lane_prefs,
                    &self.timeline.filters,
                );
                let starred = self.research.starred.set();
                let shown = |d| {
                    crate::app::timeline_panel::lanes::is_shown(corpus, prefs, filters, starred, d)
                };
                // The floating details sit at the table's right: the table gives them their
                // room instead of hiding its last columns under them.
                let mut room = ui.max_rect();
                if let (Dock::Overlay(w), Some(_)) = (plan.detail, self.timeline.selected) {
                    room.max.x = (central.right() - w).max(room.min.x + room.width() * 0.4);
                }
                let mut ui = ui.new_child(egui::UiBuilder::new().max_rect(room));
                ui.set_clip_rect(room.intersect(ui.clip_rect()));
                table::show(
                    &mut ui,
                    &mut self.side.table,
                    corpus,
                    &shown,
                    self.timeline.lanes_generation,
                    self.timeline.selected,
                    &self.search.state,
                    &self.tokens,
                    &mut self.commands,
                );
                return;
            }
            let scene = view::Scene {
                corpus: &self.library.corpus,
                lanes: &self.timeline.drawn,
                window: self.timeline.nav.window(),
                selected: self.timeline.selected,
                bookmarked: self.research.starred.set(),
                search: &self.search.state,
                tokens: &self.tokens,
                context: self
                    .timeline
                    .context
                    .shown(self.classroom.presenting)
                    .then(|| self.timeline.context.events().as_slice()),
                links: &self.research.overlay.links,
            };
            out = view::show(ui, &scene, &mut self.timeline.view, &mut self.commands);
        });
        // Floating panels: over the timeline, bookmarks and results at the left, details at
        // the right.
        let mut floating_rects = Vec::new();
        if let Dock::Overlay(w) = plan.results {
            let (r, closed) = floating(
                ui,
                "search-results-floating",
                central,
                (true, true),
                w,
                |ui| {
                    self.results_contents(ui);
                },
            );
            if closed {
                self.search.state.set_text("", &self.library.corpus);
            }
            floating_rects.push(r);
        }
        if let Dock::Overlay(w) = plan.bookmarks {
            let (r, closed) = floating(ui, "bookmarks-floating", central, (true, true), w, |ui| {
                self.bookmarks_contents(ui);
            });
            if closed {
                self.frame.panels.bookmarks = false;
            }
            floating_rects.push(r);
        }
        if self.timeline.selected.is_none() {
            self.frame.panels.detail_left = false;
        }
        if let Dock::Overlay(w) = plan.detail {
            // Over the table the details stay at the right, where the table left them room.
            let left_free = floating_rects.is_empty() && !self.frame.panels.table;
            let left = detail_at_left(
                central,
                w,
                (out.selected_marker, out.selected_rect),
                self.frame.panels.detail_left,
                left_free,
            );
            self.frame.panels.detail_left = left;
            let (r, closed) = floating(ui, "detail-floating", central, (left, false), w, |ui| {
                self.detail_contents(ui);
            });
            if closed {
                self.commands.push(Command::Select(None));
            }
            floating_rects.push(r);
        }
        if let Some(linking) = &self.side.detail.linking {
            // Clear of the panels floating at the timeline's right.
            let right = floating_rects
                .iter()
                .filter(|r| r.center().x > central.center().x)
                .map(|r| r.left())
                .fold(central.right(), f32::min);
            let free = Rect::from_x_y_ranges(central.left()..=right, central.y_range());
            self.linking_banner(ui, free, linking.clone());
        }
        self.frame.last_layout = LastLayout {
            plan: Some(plan),
            central: Some(central),
            floating: floating_rects,
            marker: out.selected_rect,
            selected_marker: out.selected_marker,
            card: None,
            toolbar: self.frame.last_layout.toolbar,
            focus_ring: self.frame.last_layout.focus_ring,
        };
        crate::app::timeline_panel::context_band::form(
            ui,
            &mut self.timeline.context,
            &mut self.commands,
        );
        if let Some((tour, event)) = self
            .classroom
            .tour
            .as_ref()
            .and_then(|tour| Some((tour, tour.current_event()?)))
        {
            crate::app::timeline_panel::context_band::event_card(
                ui,
                tour,
                event,
                &self.tokens,
                &mut self.commands,
            );
        } else if let Some(tour) = &self.classroom.tour {
            let notes = self.card_notes();
            self.frame.last_layout.card = present::card(
                ui,
                tour,
                &self.library.corpus,
                &notes,
                out.selected_rect,
                // Below the time axis: the card never hides it.
                Rect::from_min_max(
                    pos2(central.left(), central.top() + self.tokens.axis_height),
                    central.max,
                ),
                &self.tokens,
                &mut self.commands,
            );
        }
    }

    /// While "Link to…" waits for its target: a banner at the top of the timeline saying so,
    /// with a way out besides Esc.
    fn linking_banner(
        &mut self,
        ui: &Ui,
        central: Rect,
        linking: crate::app::base::command::Linking,
    ) {
        let hint =
            crate::app::side_panels::detail_workspace::linking_hint(&self.library.corpus, &linking);
        egui::Area::new(egui::Id::unique("linking-banner"))
            .pivot(egui::Align2::LEFT_BOTTOM)
            .fixed_pos(pos2(central.left() + 12.0, central.bottom() - 12.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width((central.width() - 48.0).max(200.0));
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(hint).color(self.tokens.selection));
                        if ui.button("Cancel").clicked() {
                            self.commands.push(Command::CancelLink);
                        }
                    });
                });
            });
    }

    fn results_contents(&mut self, ui: &mut Ui) {
        search_ui::results_list(
            ui,
            &self.search.state,
            &self.library.corpus,
            &self.tokens,
            &mut self.commands,
        );
    }

    fn bookmarks_contents(&mut self, ui: &mut Ui) {
        let input = collections_panel::PanelInput {
            sync: &self.research.bookmarks,
            overlay: &self.research.overlay,
            selected: self.timeline.selected,
            t: &self.tokens,
        };
        collections_panel::show(ui, &mut self.side.collections, &input, &mut self.commands);
    }

    fn detail_contents(&mut self, ui: &mut Ui) {
        let bookmark = self
            .timeline
            .selected
            .and_then(|i| self.research.starred.bookmark_id(i))
            .and_then(|id| self.research.bookmarks.get(id));
        let query = self
            .search
            .state
            .is_active()
            .then_some(&self.search.state.query);
        let membership = collections::Membership::of(
            self.research.bookmarks.workspace(),
            &self.research.overlay,
            self.timeline.selected,
            &self.library.corpus.library,
        );
        detail::show(
            ui,
            &self.library.corpus,
            self.timeline.selected,
            bookmark,
            &membership,
            query,
            detail::Work {
                ws: self.research.bookmarks.workspace(),
                overlay: &self.research.overlay,
                state: &mut self.side.detail,
            },
            &self.tokens,
            &mut self.commands,
        );
    }

    /// Files dropped on the window join the library; while files hover, says so.
    pub(in crate::app) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(crate::app::Command::AddPaths(dropped));
        }
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop archive pages or folders to add them",
                self.tokens.heading_font(),
                egui::Color32::WHITE,
            );
        }
    }
}

/// Where things were drawn last frame (tests and the tour card read it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LastLayout {
    pub plan: Option<layout::Plan>,
    /// The timeline's area (between the side panels, under the toolbar).
    pub central: Option<Rect>,
    /// Side panels floating over the timeline.
    pub floating: Vec<Rect>,
    /// The selected document's marker and its label.
    pub marker: Option<Rect>,
    /// The selected document's marker alone.
    pub selected_marker: Option<Rect>,
    /// The tour card.
    pub card: Option<Rect>,
    /// The toolbar.
    pub toolbar: Option<Rect>,
    /// The ring around the widget Tab put the keyboard on (see `keys::focus_ring`).
    pub focus_ring: Option<Rect>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floating_detail_panel_moves_left_only_to_clear_the_marker() {
        let area = Rect::from_min_max(pos2(0.0, 50.0), pos2(1000.0, 700.0));
        let at = |x: f32| {
            let marker = Rect::from_center_size(pos2(x, 300.0), vec2(12.0, 12.0));
            (
                Some(marker),
                Some(marker.union(marker.translate(vec2(150.0, 0.0)))),
            )
        };
        // Clear of the right-hand panel: stays right.
        assert!(!detail_at_left(area, 380.0, at(300.0), false, true));
        // Under it: moves left, and stays there while the marker is clear of it.
        assert!(detail_at_left(area, 380.0, at(900.0), false, true));
        assert!(detail_at_left(area, 380.0, at(500.0), true, true));
        assert!(detail_at_left(area, 380.0, (None, None), true, true));
        // Under the left-hand one: back to the right.
        assert!(!detail_at_left(area, 380.0, at(100.0), true, true));
        // Only the label under the right-hand one, and clear at the left: moves left.
        assert!(detail_at_left(area, 380.0, at(560.0), false, true));
        // Something else floats at the left: the right, whatever it covers.
        assert!(!detail_at_left(area, 380.0, at(900.0), false, false));
        // Too wide to clear it at either edge: stays where it is.
        assert!(!detail_at_left(area, 900.0, at(500.0), false, true));
    }
}
