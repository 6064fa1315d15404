//! The second toolbar row: era presets, filters, lanes (legend), and the "N of M shown" count.

use crate::app::base::tokens::Tokens;
use crate::app::timeline_panel::lanes::{DrawnLane, LanePrefs};
use crate::app::Command;
use crate::corpus::Corpus;
use crate::eras::ERAS;
use crate::filters::{Filters, WithinMode};
use crate::model::{DocDate, Precision};
use crate::placement::GroupBy;
use crate::themes::OTHER_NAME;
use crate::timeline::TimeWindow;
use egui::{RichText, Ui};

/// Text being typed into the date-range fields.
#[derive(Clone, Debug, Default)]
pub struct ControlsState {
    from_text: String,
    to_text: String,
    date_error: Option<String>,
}

/// What the controls read.
pub struct Controls<'a> {
    pub corpus: &'a Corpus,
    pub filters: &'a Filters,
    pub prefs: &'a LanePrefs,
    pub lanes: &'a [DrawnLane],
    pub shown: usize,
    pub window: TimeWindow,
    pub tokens: &'a Tokens,
}

/// A menu that stays open while its checkboxes are ticked; a click outside closes it. Its
/// button is `selected` when what it sets is in force (its width never changes, so the
/// toolbar does not reflow under the pointer). Inside the toolbar's overflow menu it is a
/// submenu.
fn sticky_menu(ui: &mut Ui, label: &str, selected: bool, content: impl FnOnce(&mut Ui)) {
    use egui::containers::menu::{is_in_menu, MenuButton, MenuConfig, SubMenuButton};
    let config = MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    if is_in_menu(ui) {
        let _ = SubMenuButton::new(label).config(config).ui(ui, content);
    } else {
        let button = egui::Button::new(label).selected(selected);
        let _ = MenuButton::from_button(button)
            .config(config)
            .ui(ui, content);
    }
}

pub fn eras_row(ui: &mut Ui, c: &Controls<'_>, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Eras").weak());
    for era in &ERAS {
        let w = era.window();
        let current = (c.window.start - w.start).abs() < 1.0 && (c.window.end - w.end).abs() < 1.0;
        let button = egui::Button::new(era.name).selected(current);
        if ui
            .add(button)
            .on_hover_text(format!("Zoom to the {} years, {}", era.name, era.years()))
            .clicked()
        {
            commands.push(Command::AnimateTo(w));
        }
    }
}

pub fn filters_menu(
    ui: &mut Ui,
    state: &mut ControlsState,
    c: &Controls<'_>,
    commands: &mut Vec<Command>,
) {
    sticky_menu(ui, "Filters", c.filters.is_active(), |ui| {
        ui.set_min_width(300.0);
        let mut f = c.filters.clone();
        ui.label(RichText::new("Themes (none ticked: all)").strong());
        // Broad lanes with their sub-themes indented under them; ticking a broad lane shows
        // every document with evidence for it, its sub-themes' included. The list scrolls,
        // so the sections below stay on screen whatever the number of themes.
        let themes = &c.corpus.themes.themes;
        let mut toggle = |ui: &mut Ui, name: &str| {
            let mut on = f.themes.contains(name);
            if ui.checkbox(&mut on, name).changed() {
                if on {
                    f.themes.insert(name.to_string());
                } else {
                    f.themes.remove(name);
                }
            }
        };
        let max_height = (ui.ctx().content_rect().height() * 0.35).clamp(120.0, 320.0);
        egui::ScrollArea::vertical()
            .id_salt("filter_themes")
            .max_height(max_height)
            .show(ui, |ui| {
                for broad in themes.iter().filter(|t| t.parent.is_none()) {
                    toggle(ui, &broad.name);
                    let subs = themes
                        .iter()
                        .filter(|t| t.parent.as_deref() == Some(broad.name.as_str()));
                    ui.indent(("sub_themes", &broad.name), |ui| {
                        for sub in subs {
                            toggle(ui, &sub.name);
                        }
                    });
                }
                toggle(ui, OTHER_NAME);
            });
        ui.separator();
        ui.label(RichText::new("Dates (YYYY, YYYY-MM or YYYY-MM-DD)").strong());
        if state.from_text.is_empty() {
            state.from_text = f.from.and_then(DocDate::iso).unwrap_or_default();
        }
        if state.to_text.is_empty() {
            state.to_text = f.to.and_then(DocDate::iso).unwrap_or_default();
        }
        ui.horizontal(|ui| {
            let from = ui.add(
                egui::TextEdit::singleline(&mut state.from_text)
                    .desired_width(90.0)
                    .hint_text("from"),
            );
            let from = from.on_hover_text("From date");
            ui.label("to");
            let to = ui.add(
                egui::TextEdit::singleline(&mut state.to_text)
                    .desired_width(90.0)
                    .hint_text("to"),
            );
            let to = to.on_hover_text("To date");
            if from.lost_focus() || to.lost_focus() || ui.button("Apply").clicked() {
                let parse = |text: &str| -> Result<Option<DocDate>, String> {
                    if text.trim().is_empty() {
                        return Ok(None);
                    }
                    crate::timeline::parse_iso_date(text.trim()).map(Some)
                };
                match (parse(&state.from_text), parse(&state.to_text)) {
                    (Ok(a), Ok(b)) => {
                        f.from = a;
                        f.to = b;
                        state.date_error = None;
                    }
                    (Err(e), _) | (_, Err(e)) => state.date_error = Some(e),
                }
            }
        });
        ui.horizontal(|ui| {
            ui.radio_value(&mut f.within, WithinMode::Possibly, "Possibly within")
                .on_hover_text("Keep a document when any day it could be dated is in the period");
            ui.radio_value(&mut f.within, WithinMode::Certainly, "Certainly within")
                .on_hover_text(
                    "Keep a document only when every day it could be dated is in the period \
                     (your own dates where you set them)",
                );
        });
        if let Some(e) = &state.date_error {
            ui.colored_label(c.tokens.selection, e);
        }
        if ui.button("Use the period in view").clicked() {
            let day = |d: f64| crate::timeline::days::date_of(d).map(DocDate::Day);
            f.from = day(c.window.start);
            f.to = day(c.window.end - 1.0);
            state.from_text = f.from.and_then(DocDate::iso).unwrap_or_default();
            state.to_text = f.to.and_then(DocDate::iso).unwrap_or_default();
        }
        ui.separator();
        ui.label(RichText::new("Dated to").strong());
        ui.horizontal(|ui| {
            for (p, name) in [
                (Precision::Day, "a day"),
                (Precision::Month, "a month"),
                (Precision::Year, "a year"),
                (Precision::Undated, "undated"),
            ] {
                let mut shown = !f.hidden_precisions.contains(&p);
                if ui.checkbox(&mut shown, name).changed() {
                    if shown {
                        f.hidden_precisions.remove(&p);
                    } else {
                        f.hidden_precisions.insert(p);
                    }
                }
            }
        });
        ui.separator();
        ui.checkbox(&mut f.bookmarked_only, "Bookmarked only");
        ui.separator();
        if ui.button("Clear filters").clicked() {
            f = Filters::default();
            state.from_text.clear();
            state.to_text.clear();
            state.date_error = None;
        }
        if &f != c.filters {
            commands.push(Command::SetFilters(f));
        }
    });
}

pub fn lanes_menu(ui: &mut Ui, c: &Controls<'_>, commands: &mut Vec<Command>) {
    sticky_menu(ui, "Lanes", false, |ui| {
        ui.set_min_width(380.0);
        group_by_row(ui, c.prefs.group_by, commands);
        ui.separator();
        ui.label(
            RichText::new("Show, collapse to a density strip, open into sub-themes, or reorder")
                .weak(),
        );
        let max_height = (ui.ctx().content_rect().height() * 0.6).clamp(160.0, 560.0);
        egui::ScrollArea::vertical()
            .id_salt("legend_scroll")
            .max_height(max_height)
            .show(ui, |ui| {
                egui::Grid::new("legend")
                    .num_columns(5)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        for i in c.prefs.ordered(c.corpus) {
                            let Some(lane) = c.corpus.lanes.get(i) else {
                                continue;
                            };
                            lane_row(ui, c, lane, 0.0, commands);
                            let name = lane.name.as_str();
                            let subs = c.corpus.sub_lanes.get(name);
                            let mut open = c.prefs.expanded.contains(name);
                            if subs.is_some() {
                                let label = if open { "- sub-lanes" } else { "+ sub-lanes" };
                                if ui
                                    .toggle_value(&mut open, label)
                                    .on_hover_text(format!(
                                        "Show {name}'s sub-themes as lanes of their own"
                                    ))
                                    .changed()
                                {
                                    commands.push(Command::ToggleLaneExpanded(name.to_string()));
                                }
                            } else {
                                ui.label("");
                            }
                            move_buttons(ui, name, commands);
                            ui.end_row();
                            if let (true, Some(subs)) = (c.prefs.expanded.contains(name), subs) {
                                for sub in subs {
                                    lane_row(ui, c, sub, 18.0, commands);
                                    ui.label("");
                                    ui.label("");
                                    ui.end_row();
                                }
                            }
                        }
                    });
            });
        if ui
            .button("➕ My own theme…")
            .on_hover_text(
                "A lane of your own: a name, a colour and the phrases that place documents in it",
            )
            .clicked()
        {
            commands.push(Command::OpenThemeEditor);
            ui.close();
        }
        let stats = &c.corpus.theme_stats;
        if stats.documents > 0 {
            ui.separator();
            ui.label(
                RichText::new(format!(
                    "Other: {} of {} ({:.0}%); in more than three themes: {}",
                    stats.other,
                    stats.documents,
                    100.0 * stats.share(stats.other),
                    stats.in_more_than_three.len()
                ))
                .weak(),
            );
        }
    });
}

/// "Group lanes by": what each lane holds (themes by default).
fn group_by_row(ui: &mut Ui, current: GroupBy, commands: &mut Vec<Command>) {
    ui.label(RichText::new("Group lanes by").strong());
    ui.horizontal_wrapped(|ui| {
        for by in GroupBy::ALL {
            if ui.radio(current == by, by.label()).clicked() && current != by {
                commands.push(Command::GroupBy(by));
            }
        }
    });
}

/// A lane's visibility checkbox (with its count and share) and its collapse toggle.
fn lane_row(
    ui: &mut Ui,
    c: &Controls<'_>,
    lane: &crate::corpus::Lane,
    indent: f32,
    commands: &mut Vec<Command>,
) {
    let name = lane.name.as_str();
    let mut visible = !c.prefs.hidden.contains(name);
    let color = c.tokens.lane_color(lane.color);
    let count = lane.index.len();
    let share = 100.0 * c.corpus.theme_stats.share(count);
    let text = RichText::new(format!("■ {name} ({count}, {share:.0}%)")).color(color);
    ui.horizontal(|ui| {
        ui.add_space(indent);
        if ui.checkbox(&mut visible, text).changed() {
            commands.push(Command::ToggleLaneHidden(name.to_string()));
        }
    });
    let mut collapsed = c.prefs.collapsed.contains(name);
    if ui
        .toggle_value(&mut collapsed, "collapse")
        .on_hover_text(format!("Show {name} as a density strip"))
        .changed()
    {
        commands.push(Command::ToggleLaneCollapsed(name.to_string()));
    }
}

fn move_buttons(ui: &mut Ui, name: &str, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if ui
            .small_button("⏶")
            .on_hover_text(format!("Move {name} up"))
            .clicked()
        {
            commands.push(Command::MoveLane(name.to_string(), -1));
        }
        if ui
            .small_button("⏷")
            .on_hover_text(format!("Move {name} down"))
            .clicked()
        {
            commands.push(Command::MoveLane(name.to_string(), 1));
        }
    });
}

/// "12 of 39 documents shown", when filters are on.
pub fn shown_count_text(c: &Controls<'_>) -> Option<String> {
    c.filters.is_active().then(|| {
        format!(
            "{} of {} shown",
            c.shown,
            crate::text::count(c.corpus.library.len(), "document")
        )
    })
}

/// The label of [`shown_count`]'s button.
pub const CLEAR_FILTERS: &str = "Clear filters";

/// "12 of 39 documents shown" and the clear button, when filters are on.
pub fn shown_count(
    ui: &mut Ui,
    state: &mut ControlsState,
    c: &Controls<'_>,
    commands: &mut Vec<Command>,
) {
    if let Some(text) = shown_count_text(c) {
        ui.label(RichText::new(text).color(c.tokens.selection));
        if ui.button(CLEAR_FILTERS).clicked() {
            state.from_text.clear();
            state.to_text.clear();
            commands.push(Command::SetFilters(Filters::default()));
        }
    }
    let _ = c.lanes;
}
