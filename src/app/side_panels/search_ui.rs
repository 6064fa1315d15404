//! Search: the box (focus with / or Ctrl+F), the results list in date order, stepping with
//! Enter / Shift+Enter, and which documents match (the timeline dims the others).
//!
//! Paints a [`SearchState`] (which holds no UI). The index is built on a worker thread after
//! each load; until it is ready the box says so. Queries run only when the text changes,
//! against the index, never by scanning every document.

use crate::app::base::command::Command;
use crate::app::base::tokens::Tokens;
use crate::app::side_panels::search_state::SearchState;
use crate::corpus::Corpus;
use egui::{RichText, Ui};

pub const SEARCH_BOX: &str = "Search titles, summaries and full texts";

/// The search box with its count and step buttons.
#[allow(clippy::too_many_arguments)]
pub fn search_box(
    ui: &mut Ui,
    state: &mut SearchState,
    focus: &mut bool,
    corpus: &Corpus,
    t: &Tokens,
    width: f32,
    slot: f32,
    commands: &mut Vec<Command>,
) {
    let hint = if state.is_ready() || !state.is_indexing() {
        "Search (/)"
    } else {
        "Indexing…"
    };
    let mut text = state.text.clone();
    let edit = egui::TextEdit::singleline(&mut text)
        .id_salt("search-box")
        .desired_width(width)
        .hint_text(hint);
    let response = ui.add(edit).on_hover_text(SEARCH_BOX);
    if *focus {
        response.request_focus();
        *focus = false;
    }
    if response.changed() {
        state.set_text(&text, corpus);
        // The first result is selected as soon as it is shown (now, or from the worker).
        state.follow_first();
    }
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        // Shift is read from the Enter event itself: the input state's modifiers can lag a
        // frame behind (Shift+Enter used to step forward).
        let back = ui.input(|i| {
            i.modifiers.shift
                || i.events.iter().any(|e| {
                    matches!(e, egui::Event::Key { key: egui::Key::Enter, pressed: true, modifiers, .. } if modifiers.shift)
                })
        });
        commands.push(Command::SearchStep(if back { -1 } else { 1 }));
        response.request_focus();
    }
    // The results slot keeps its width whether or not a search is active.
    let height = ui.spacing().interact_size.y;
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(egui::vec2(slot, height), layout, |ui| {
        ui.set_min_width(slot);
        results_slot(ui, state, corpus, t, commands);
    });
}

/// The count of results, the step buttons and the clear button (empty without a search).
fn results_slot(
    ui: &mut Ui,
    state: &mut SearchState,
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    if state.is_active() {
        let count = state.results.len();
        let label = match state.at {
            Some(at) => format!("{} of {count} results", at + 1),
            None => format!("{count} results"),
        };
        ui.label(RichText::new(label).color(if count == 0 { t.selection } else { t.text }));
        if ui
            .small_button("⏴")
            .on_hover_text("Previous result (Shift+Enter)")
            .clicked()
        {
            commands.push(Command::SearchStep(-1));
        }
        if ui
            .small_button("⏵")
            .on_hover_text("Next result (Enter)")
            .clicked()
        {
            commands.push(Command::SearchStep(1));
        }
        if ui
            .small_button("✖")
            .on_hover_text("Clear the search")
            .clicked()
        {
            state.set_text("", corpus);
        }
    }
}

/// The results in date order (in the left side panel, docked or floating: `panels` decides).
pub fn results_list(
    ui: &mut Ui,
    state: &SearchState,
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    ui.heading(format!("🔎 {} results", state.results.len()));
    ui.label(RichText::new(format!("for {}", state.query.terms().join(" + "))).weak());
    ui.separator();
    let row_h = ui.text_style_height(&egui::TextStyle::Body)
        + ui.text_style_height(&egui::TextStyle::Small)
        + 12.0;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_h, state.results.len(), |ui, rows| {
            for i in rows {
                let Some(&doc) = state.results.get(i) else {
                    continue;
                };
                let Some(d) = corpus.library.get(doc) else {
                    continue;
                };
                let current = state.at == Some(i);
                let weak = if current { t.selection } else { t.text_weak };
                ui.label(RichText::new(d.date_label()).small().color(weak));
                let title =
                    RichText::new(&d.title).color(if current { t.selection } else { t.text });
                let b = egui::Button::new(title)
                    .frame(current)
                    .wrap_mode(egui::TextWrapMode::Truncate);
                let line = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                if ui
                    .add_sized([ui.available_width(), line], b)
                    .on_hover_text(&d.title)
                    .clicked()
                {
                    commands.push(Command::SearchJump(i));
                }
            }
        });
}
