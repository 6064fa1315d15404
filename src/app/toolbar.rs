//! The toolbar: the title row (file menu, fit and zoom, previous / next, panels, counts and
//! the status message) and the row below it (search, eras, filters, lanes, tours, presenting,
//! theme, shortcuts). Pushes [`Command`]s; toggles only the panels' own visibility.

use super::commands::Command;
use super::tour::TourSource;
use super::{controls, library, search_ui, TimelineApp};
use crate::corpus::Corpus;

impl TimelineApp {
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Archive Timeline");
                library::file_menu(
                    ui,
                    self.loader.sources().seeds,
                    self.loader.is_session(),
                    &mut self.commands,
                );
                ui.separator();
                if ui
                    .button("Fit")
                    .on_hover_text("Show everything (F)")
                    .clicked()
                {
                    self.commands.push(Command::Fit);
                }
                if ui.button("−").on_hover_text("Zoom out (-)").clicked() {
                    self.commands.push(Command::ZOOM_OUT);
                }
                if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                    self.commands.push(Command::ZOOM_IN);
                }
                ui.separator();
                if ui
                    .button("⏴ Previous")
                    .on_hover_text("Previous document in time (Left)")
                    .clicked()
                {
                    self.commands.push(Command::Step(-1));
                }
                if ui
                    .button("Next ⏵")
                    .on_hover_text("Next document in time (Right)")
                    .clicked()
                {
                    self.commands.push(Command::Step(1));
                }
                ui.separator();
                ui.toggle_value(&mut self.panels.detail, "Details");
                ui.toggle_value(
                    &mut self.panels.bookmarks,
                    format!("★ Bookmarks ({})", self.bookmarks.bookmarks().len()),
                );
                ui.separator();
                let c = &self.corpus;
                let mut status = format!("{} documents", c.library.len());
                let undated = c.undated_count();
                if undated > 0 {
                    status.push_str(&format!(" · {undated} undated"));
                }
                let outside = c.out_of_span_count();
                if outside > 0 {
                    status.push_str(&format!(" · {outside} outside 1945–1996"));
                }
                let problems = c.stats.failed_files;
                if problems > 0 {
                    status.push_str(&format!(" · {problems} file(s) not read"));
                }
                ui.label(status);
                if let Some(message) = &self.status {
                    ui.colored_label(self.tokens.selection, message);
                }
            });
            let c = controls::Controls {
                corpus: &self.corpus,
                filters: &self.filters,
                prefs: &self.lane_prefs,
                lanes: &self.drawn,
                shown: self.shown,
                window: self.nav.window(),
                tokens: &self.tokens,
            };
            ui.horizontal(|ui| {
                search_ui::search_box(
                    ui,
                    &mut self.search,
                    &mut self.search_focus,
                    &self.corpus,
                    &self.tokens,
                    &mut self.commands,
                );
                ui.separator();
                controls::eras_row(ui, &c, &mut self.commands);
                ui.separator();
                controls::filters_menu(ui, &mut self.controls, &c, &mut self.commands);
                controls::lanes_menu(ui, &c, &mut self.commands);
                controls::shown_count(ui, &mut self.controls, &c, &mut self.commands);
                ui.separator();
                tour_menu(
                    ui,
                    &self.corpus,
                    self.starred.len(),
                    self.search.results.len(),
                    &mut self.commands,
                );
                super::context_band::menu(
                    ui,
                    &mut self.context,
                    self.presenting,
                    &mut self.commands,
                );
                let present = if self.presenting {
                    "⏹ Stop presenting"
                } else {
                    "▶ Present"
                };
                if ui
                    .button(present)
                    .on_hover_text("Presentation mode: full screen, large type (F5)")
                    .clicked()
                {
                    self.commands.push(Command::TogglePresenting);
                }
                egui::widgets::global_theme_preference_buttons(ui);
                if ui
                    .button("?")
                    .on_hover_text("Keyboard shortcuts (?)")
                    .clicked()
                {
                    self.commands.push(Command::ToggleShortcuts);
                }
            });
        });
    }
}

/// The Tour menu: bookmarks, a theme's documents, or the search results.
fn tour_menu(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    bookmarks: usize,
    results: usize,
    commands: &mut Vec<Command>,
) {
    ui.menu_button("Tour", |ui| {
        if ui
            .add_enabled(
                bookmarks > 0,
                egui::Button::new(format!("Bookmarks ({bookmarks})")),
            )
            .on_hover_text("Walk through the bookmarked documents in date order (T)")
            .clicked()
        {
            commands.push(Command::StartTour(TourSource::Bookmarks));
        }
        if ui
            .add_enabled(
                bookmarks > 0,
                egui::Button::new("Bookmarks with context events"),
            )
            .on_hover_text("The bookmarks and the Cold War events between them, in date order")
            .clicked()
        {
            commands.push(Command::StartTour(TourSource::BookmarksWithContext));
        }
        if ui
            .add_enabled(
                results > 0,
                egui::Button::new(format!("Search results ({results})")),
            )
            .clicked()
        {
            commands.push(Command::StartTour(TourSource::SearchResults));
        }
        ui.separator();
        for lane in &corpus.lanes {
            if ui
                .button(format!("{} ({})", lane.name, lane.index.len()))
                .clicked()
            {
                commands.push(Command::StartTour(TourSource::Lane(lane.name.clone())));
            }
        }
    });
}
