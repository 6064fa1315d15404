//! The panels of one frame, in the order egui needs them (toolbar, status bar, overlays,
//! side panels, then the timeline in what is left, then the tour card over it), each given
//! only what it reads and the command list. What one panel tells the next (the selected
//! marker's rect) is returned by the first and passed to the second, never kept in egui memory.

use super::{bookmarks_panel, detail, library, overview, present, search_ui, view, TimelineApp};

/// Which panels and overlays are open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Panels {
    pub detail: bool,
    pub bookmarks: bool,
    pub diagnostics: bool,
    pub shortcuts: bool,
    /// Detail and bookmarks as they were before presenting, restored after.
    pub before_presenting: (bool, bool),
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

impl TimelineApp {
    /// Draws every panel of the frame; they push commands, applied after.
    pub(super) fn panels(&mut self, ui: &mut egui::Ui) {
        if !self.picture {
            self.top_bar(ui);
        }
        let progress = self.loader.progress().cloned();
        if progress.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        if !self.picture {
            library::status_bar(
                ui,
                &self.corpus,
                progress.as_deref(),
                &self.tokens,
                &mut self.commands,
            );
        }
        if self.panels.diagnostics {
            let mut open = true;
            library::diagnostics_window(ui, &self.corpus, &mut open, &self.tokens);
            self.panels.diagnostics = open;
        }
        if self.panels.shortcuts {
            let mut open = true;
            present::shortcuts_overlay(ui, &mut open, &self.tokens);
            self.panels.shortcuts = open;
        }
        if self.search.is_active() && !self.presenting {
            search_ui::results_panel(
                ui,
                &self.search,
                &self.corpus,
                &self.tokens,
                &mut self.commands,
            );
        }
        overview::show(
            ui,
            &self.corpus,
            self.nav.window(),
            &mut self.overview,
            &self.tokens,
            &mut self.commands,
        );
        if self.panels.bookmarks {
            bookmarks_panel::show(
                ui,
                &mut self.bookmarks_panel,
                &self.bookmarks,
                &self.corpus,
                &self.tokens,
                &mut self.commands,
            );
        }
        if self.panels.detail {
            let bookmark = self
                .selected
                .and_then(|i| self.starred.bookmark_id(i))
                .and_then(|id| self.bookmarks.get(id));
            let query = self.search.is_active().then_some(&self.search.query);
            detail::show(
                ui,
                &self.corpus,
                self.selected,
                bookmark,
                query,
                &self.tokens,
                &mut self.commands,
            );
        }
        let mut out = view::ViewOutput::default();
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let first_load = self.corpus.library.is_empty() && self.corpus.files.is_empty();
            if let (Some(what), true) = (self.loader.what(), first_load) {
                ui.centered_and_justified(|ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Loading {what}…"));
                    });
                });
                return;
            }
            let scene = view::Scene {
                corpus: &self.corpus,
                lanes: &self.drawn,
                window: self.nav.window(),
                selected: self.selected,
                bookmarked: self.starred.set(),
                search: &self.search,
                tokens: &self.tokens,
                context: self
                    .context
                    .shown(self.presenting)
                    .then(|| self.context.events().as_slice()),
            };
            out = view::show(ui, &scene, &mut self.view, &mut self.commands);
        });
        super::context_band::form(ui, &mut self.context, &mut self.commands);
        if let Some((tour, event)) = self
            .tour
            .as_ref()
            .and_then(|tour| Some((tour, tour.current_event()?)))
        {
            super::context_band::event_card(ui, tour, event, &self.tokens, &mut self.commands);
        } else if let Some(tour) = &self.tour {
            let note = tour
                .current()
                .and_then(|i| self.starred.bookmark_id(i))
                .and_then(|id| self.bookmarks.get(id));
            present::card(
                ui,
                tour,
                &self.corpus,
                note,
                out.selected_rect,
                &self.tokens,
                &mut self.commands,
            );
        }
    }

    /// Files dropped on the window join the library; while files hover, says so.
    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<std::path::PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(super::Command::AddPaths(dropped));
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
