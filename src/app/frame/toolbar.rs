//! The toolbar: the title row (file menu, fit and zoom, previous / next, panels, counts and
//! the status message) and the row below it (search, eras, filters, lanes, tours, presenting,
//! theme, shortcuts). Pushes [`Command`]s; toggles only the panels' own visibility.

use crate::app::base::command::Command;
use crate::app::base::command::TourSource;
use crate::app::{frame::controls, side_panels::library, side_panels::search_ui, TimelineApp};
use crate::corpus::Corpus;

/// One control (or group of controls) of the toolbar, in the order they are laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Tool {
    File,
    Zoom,
    Step,
    Panels,
    View,
    Eras,
    Filters,
    Lanes,
    Tour,
    Present,
    Theme,
    Help,
}

const FIRST_ROW: &[Tool] = &[Tool::File, Tool::Zoom, Tool::Step, Tool::Panels, Tool::View];
/// Most used first: what does not fit folds from the end.
const SECOND_ROW: &[Tool] = &[
    Tool::Present,
    Tool::Filters,
    Tool::Lanes,
    Tool::Tour,
    Tool::Help,
    Tool::Eras,
    Tool::Theme,
];

/// Width of the search box's results slot (count, step buttons, clear), kept whether or not
/// a search is active, so clearing a search moves nothing else on the row.
const RESULTS_SLOT: f32 = 196.0;

/// What the filter and lane controls read, borrowed field by field (so the app's other
/// fields stay free for the commands).
macro_rules! controls_of {
    ($app:expr) => {
        controls::Controls {
            corpus: &$app.library.corpus,
            filters: &$app.timeline.filters,
            prefs: &$app.timeline.lane_prefs,
            lanes: &$app.timeline.drawn,
            shown: $app.timeline.shown,
            window: $app.timeline.nav.window(),
            tokens: &$app.tokens,
        }
    };
}

impl TimelineApp {
    pub(in crate::app) fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("toolbar").show(ui, |ui| {
            // What does not fit on either row goes into one "»" menu, at the second row's end.
            let mut folded = Vec::new();
            ui.horizontal(|ui| {
                ui.strong("Archive Timeline");
                // Each tool but the last keeps a menu's room after it, left to the status.
                folded = self.tool_row(ui, FIRST_ROW, false, 0.0);
                ui.separator();
                self.status_label(ui);
            });
            ui.horizontal(|ui| {
                let box_width = (ui.available_width() * 0.28).clamp(110.0, 260.0);
                search_ui::search_box(
                    ui,
                    &mut self.search.state,
                    &mut self.search.focus,
                    &self.library.corpus,
                    &self.tokens,
                    box_width,
                    RESULTS_SLOT,
                    &mut self.commands,
                );
                ui.separator();
                let needed = !folded.is_empty();
                // The filters' count and its clear button come last: the tools leave their room.
                let tail = self.shown_count_width(ui);
                folded.extend(self.tool_row(ui, SECOND_ROW, needed, tail));
                self.more_menu(ui, &folded);
                // Last on the row: when it goes, nothing moves.
                let c = controls_of!(self);
                controls::shown_count(ui, &mut self.frame.controls, &c, &mut self.commands);
            });
            self.frame.last_layout.toolbar = Some(ui.min_rect());
        });
    }

    /// The documents count and the status message, cut to the room left (full on hover).
    fn status_label(&mut self, ui: &mut egui::Ui) {
        let c = &self.library.corpus;
        let mut status = crate::text::count(c.library.len(), "document");
        let undated = c.undated_count();
        if undated > 0 {
            status.push_str(&format!(" · {undated} undated"));
        }
        let outside = c.out_of_span_count();
        if outside > 0 {
            status.push_str(&format!(" · {outside} outside 1945–1996 (F shows them)"));
        }
        let problems = c.stats.failed_files;
        if problems > 0 {
            status.push_str(&format!(
                " · {} not read",
                crate::text::count(problems, "file")
            ));
        }
        if let Some(message) = &self.frame.status {
            status = format!("{message} · {status}");
        }
        self.frame.log_status();
        let label = egui::Label::new(egui::RichText::new(&status).color(
            if self.frame.status.is_some() {
                self.tokens.selection
            } else {
                self.tokens.text
            },
        ))
        .truncate()
        .sense(egui::Sense::click());
        // Cut to the room left: the whole message on hover, and on a click in the diagnostics.
        let response = ui.add(label).on_hover_text(format!(
            "{status}\n\nClick for every message (File → Diagnostics…)"
        ));
        if response.clicked() && !self.frame.panels.diagnostics {
            self.commands.push(Command::ToggleDiagnostics);
        }
    }

    /// The Collections panel's toggle: how many collections there are (Starred among them).
    fn collections_label(&self) -> String {
        format!(
            "★ Collections ({})",
            self.research.bookmarks.workspace().collections.len()
        )
    }

    /// Lays `tools` out left to right and returns those that did not fit: from the first that
    /// does not fit, it and every later one (the order never changes). Each tool placed but
    /// the last leaves room for a "»" menu after it; the last too when `menu_after` (the menu
    /// is needed anyway); every one leaves `tail` for what comes after the row's tools.
    fn tool_row(
        &mut self,
        ui: &mut egui::Ui,
        tools: &[Tool],
        menu_after: bool,
        tail: f32,
    ) -> Vec<Tool> {
        let more = self.more_width(ui);
        let mut folded = Vec::new();
        for (i, &tool) in tools.iter().enumerate() {
            let reserve = tail
                + if menu_after || i + 1 < tools.len() {
                    more
                } else {
                    0.0
                };
            let need = self.tool_width(ui, tool) + reserve;
            if folded.is_empty() && need <= ui.available_width() {
                self.tool(ui, tool);
            } else {
                folded.push(tool);
            }
        }
        folded
    }

    /// Room the filters' "12 of 39 documents shown" and its clear button take, when shown.
    fn shown_count_width(&self, ui: &egui::Ui) -> f32 {
        let c = controls_of!(self);
        let Some(text) = controls::shown_count_text(&c) else {
            return 0.0;
        };
        let spacing = ui.spacing();
        self.text_width(ui, &text)
            + self.text_width(ui, controls::CLEAR_FILTERS)
            + 2.0 * spacing.button_padding.x
            + 3.0 * spacing.item_spacing.x
            + 4.0
    }

    /// Room the "»" menu button takes on a row.
    fn more_width(&self, ui: &egui::Ui) -> f32 {
        self.text_width(ui, "»") + 2.0 * ui.spacing().button_padding.x + 12.0
    }

    /// The one "»" menu holding every control folded from either row, in toolbar order.
    fn more_menu(&mut self, ui: &mut egui::Ui, folded: &[Tool]) {
        if folded.is_empty() {
            return;
        }
        ui.push_id("more", |ui| {
            ui.menu_button("»", |ui| {
                for (i, &tool) in folded.iter().enumerate() {
                    if i > 0 {
                        ui.separator();
                    }
                    self.tool(ui, tool);
                }
            })
            .response
            .on_hover_text("More controls");
        });
    }

    fn text_width(&self, ui: &egui::Ui, text: &str) -> f32 {
        let font = egui::TextStyle::Button.resolve(ui.style());
        ui.painter()
            .layout_no_wrap(text.to_string(), font, egui::Color32::WHITE)
            .size()
            .x
    }

    /// What `tool` will take on the row, from its labels' widths (a little generous).
    fn tool_width(&self, ui: &egui::Ui, tool: Tool) -> f32 {
        let pad = 2.0 * ui.spacing().button_padding.x + ui.spacing().item_spacing.x;
        let buttons = |labels: &[&str]| -> f32 {
            labels
                .iter()
                .map(|l| self.text_width(ui, l) + pad)
                .sum::<f32>()
        };
        let sep = ui.spacing().item_spacing.x * 2.0 + 2.0;
        let w = match tool {
            Tool::File => buttons(&["File"]) + sep,
            Tool::Zoom => buttons(&["Fit", "−", "+"]) + sep,
            Tool::Step => buttons(&["⏴ Previous", "Next ⏵"]) + sep,
            Tool::Panels => buttons(&["Details", &self.collections_label()]),
            Tool::View => buttons(&["☰ Table"]) + sep,
            Tool::Eras => {
                let names: Vec<&str> = crate::eras::ERAS.iter().map(|e| e.name).collect();
                buttons(&names) + self.text_width(ui, "Eras") + sep
            }
            Tool::Filters => buttons(&["Filters"]),
            Tool::Lanes => buttons(&["Lanes"]) + sep,
            Tool::Tour => buttons(&["Tour", "Context"]) + sep,
            Tool::Present => buttons(&["⏹ Stop presenting"]) + sep,
            Tool::Theme => buttons(&["💻", "☀", "🌙"]),
            Tool::Help => buttons(&["?"]) + sep,
        };
        w * 1.04 + 2.0
    }

    fn tool(&mut self, ui: &mut egui::Ui, tool: Tool) {
        let in_menu = egui::containers::menu::is_in_menu(ui);
        let sep = |ui: &mut egui::Ui| {
            if !in_menu {
                ui.separator();
            }
        };
        match tool {
            Tool::File => {
                library::file_menu(
                    ui,
                    self.library.loader.sources().seeds,
                    self.library.loader.is_session(),
                    self.research.bookmarks.workspace(),
                    &self.side.collections.chosen,
                    &mut self.commands,
                );
                sep(ui);
            }
            Tool::Zoom => {
                if ui
                    .button("Fit")
                    .on_hover_text("Show every shown document (F)")
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
                sep(ui);
            }
            Tool::Step => {
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
                sep(ui);
            }
            Tool::Panels => {
                ui.toggle_value(&mut self.frame.panels.detail, "Details");
                let ws = self.research.bookmarks.workspace();
                let tip = format!(
                    "Your {}; Starred has {}",
                    crate::text::count(ws.collections.len(), "collection"),
                    crate::text::count(ws.starred().len(), "document")
                );
                let label = self.collections_label();
                ui.toggle_value(&mut self.frame.panels.bookmarks, label)
                    .on_hover_text(tip);
                sep(ui);
            }
            Tool::View => {
                let mut table = self.frame.panels.table;
                if ui
                    .toggle_value(&mut table, "☰ Table")
                    .on_hover_text("Show the documents as a sortable table (V)")
                    .changed()
                {
                    self.commands.push(Command::ToggleTable);
                }
            }
            Tool::Eras => {
                let c = controls_of!(self);
                if in_menu {
                    ui.menu_button("Eras", |ui| controls::eras_row(ui, &c, &mut self.commands));
                } else {
                    controls::eras_row(ui, &c, &mut self.commands);
                    ui.separator();
                }
            }
            Tool::Filters => {
                let c = controls_of!(self);
                controls::filters_menu(ui, &mut self.frame.controls, &c, &mut self.commands);
            }
            Tool::Lanes => {
                let c = controls_of!(self);
                controls::lanes_menu(ui, &c, &mut self.commands);
                sep(ui);
            }
            Tool::Tour => {
                tour_menu(
                    ui,
                    &self.library.corpus,
                    &self.research.overlay,
                    (self.research.starred.len(), self.search.state.results.len()),
                    &mut self.commands,
                );
                crate::app::timeline_panel::context_band::menu(
                    ui,
                    &mut self.timeline.context,
                    self.classroom.presenting,
                    &mut self.commands,
                );
                sep(ui);
            }
            Tool::Present => {
                let present = if self.classroom.presenting {
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
                sep(ui);
            }
            Tool::Theme => {
                if in_menu {
                    ui.horizontal(egui::widgets::global_theme_preference_buttons);
                } else {
                    egui::widgets::global_theme_preference_buttons(ui);
                }
            }
            Tool::Help => {
                if ui
                    .button("?")
                    .on_hover_text("Keyboard shortcuts (?)")
                    .clicked()
                {
                    self.commands.push(Command::ToggleShortcuts);
                }
                sep(ui);
            }
        }
    }
}

/// The Tour menu: bookmarks, a lesson (a collection in its order), a theme's documents, or
/// the search results.
fn tour_menu(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    overlay: &crate::workspace::Overlay,
    (bookmarks, results): (usize, usize),
    commands: &mut Vec<Command>,
) {
    ui.menu_button("Tour", |ui| {
        // Starred is the bookmarks: listed once, here, not again among the collections.
        if ui
            .add_enabled(
                bookmarks > 0,
                egui::Button::new(format!("★ Starred ({bookmarks})")),
            )
            .on_hover_text("Walk through the starred documents in date order (T)")
            .clicked()
        {
            commands.push(Command::StartTour(TourSource::Bookmarks));
        }
        if ui
            .add_enabled(
                bookmarks > 0,
                egui::Button::new("★ Starred with context events"),
            )
            .on_hover_text(
                "The starred documents and the Cold War events between them, in date order",
            )
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
        ui.label(egui::RichText::new("Lessons (collections, in their order)").weak());
        for (name, docs) in &overlay.collections {
            if name == crate::workspace::STARRED {
                continue;
            }
            if ui
                .add_enabled(
                    !docs.is_empty(),
                    egui::Button::new(format!("🎓 {name} ({})", docs.len())),
                )
                .on_hover_text(
                    "Walk through this collection in its order; each stop opens the view \
                     kept for it and shows its notes",
                )
                .clicked()
            {
                commands.push(Command::StartTour(TourSource::Collection(name.clone())));
            }
        }
        // Lesson files opened as sources: presenting one makes it a collection first (with
        // its order, notes, dates and views), so the student's own notes have a home.
        for file in corpus.files.iter() {
            let Some(lesson) = &file.lesson else { continue };
            let taken = overlay.collections.iter().any(|(n, _)| n == &lesson.name);
            if taken {
                continue;
            }
            if ui
                .button(format!(
                    "🎓 {} (lesson file, {})",
                    lesson.name,
                    crate::text::count(lesson.stops.len(), "stop")
                ))
                .on_hover_text(format!(
                    "Present the lesson in {}: it becomes one of your collections",
                    file.file
                ))
                .clicked()
            {
                commands.push(Command::OpenLesson(std::sync::Arc::clone(lesson)));
            }
        }
        ui.separator();
        for lane in &corpus.lanes {
            if ui
                .button(format!(
                    "{} ({})",
                    lane.name,
                    crate::text::count(lane.index.len(), "document")
                ))
                .clicked()
            {
                commands.push(Command::StartTour(TourSource::Lane(lane.name.clone())));
            }
        }
    });
}
