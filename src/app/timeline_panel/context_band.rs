//! The context lane: the Cold War's major events ([`crate::context`], and the user's own)
//! as a thin band above the lanes: events as labelled ticks, intervals as light spans, and,
//! while one is hovered, faint guide lines down through the lanes. Labels are placed by
//! [`labels`], the chronology's headline events first, so the whole span names its landmarks
//! (Korean War, Cuban Missile Crisis, Fall of the Berlin Wall) instead of a strip of ticks. Also its menu (show,
//! add an event, import a CSV), the small form, and the tour card of an event stop.
//!
//! State here is the events and whether the band is shown (one flag for normal use, one for
//! presenting: on by default when presenting); files are written by the app's worker thread.

use crate::app::base::command::Command;
use crate::app::base::tokens::Tokens;
use crate::app::classroom::tour::Tour;
use crate::context::{self, ContextEvent};
use crate::timeline::days::day_of;
use crate::timeline::labels;
use crate::timeline::TimeScale;
use egui::{pos2, Align2, Id, Rect, RichText, Role, Sense, Stroke, Ui, WidgetInfo};
use std::sync::Arc;

/// The events and the band's switches.
#[derive(Clone, Debug)]
pub struct ContextState {
    /// The reference chronology and the user's events, sorted.
    all: Arc<Vec<ContextEvent>>,
    /// The user's own events (kept in the research workspace, `workspace.ron`).
    pub user: Vec<ContextEvent>,
    /// Events shown but not the workspace's: a picture's, read from files named on the
    /// command line or from a data folder's workspace file.
    extra: Vec<ContextEvent>,
    pub show_normal: bool,
    pub show_present: bool,
    pub form: EventForm,
}

/// The "add an event" form's fields.
#[derive(Clone, Debug, Default)]
pub struct EventForm {
    pub open: bool,
    pub date: String,
    pub end: String,
    pub title: String,
    pub problem: Option<String>,
}

impl ContextState {
    /// The reference chronology and the remembered switches; the user's events arrive with
    /// the workspace ([`ContextState::set_user`]).
    pub fn new(show_normal: bool, show_present: bool) -> ContextState {
        let mut state = ContextState {
            all: Arc::new(Vec::new()),
            user: Vec::new(),
            extra: Vec::new(),
            show_normal,
            show_present,
            form: EventForm::default(),
        };
        state.rebuild();
        state
    }

    /// The user's events as the workspace holds them (a picture or the command line reads
    /// the workspace file of `data_dir` once, without changing it; before the workspace held
    /// them, they were in [`context::USER_FILE`], which is read too until it is migrated).
    /// Problems reading are returned.
    pub fn read_user_events(data_dir: &std::path::Path) -> (Vec<ContextEvent>, Option<String>) {
        let file: crate::durable::DurableStore<crate::workspace::format::WorkspaceFormat> =
            crate::durable::DurableStore::open(data_dir);
        let ws = file.value();
        let mut events: Vec<ContextEvent> = ws
            .events
            .iter()
            .filter_map(crate::context::UserEvent::event)
            .collect();
        let mut problem = file.notices().first().map(ToString::to_string);
        let old = data_dir.join(context::USER_FILE);
        if ws.events_from.is_none() && old.is_file() {
            let (read, problems) = context::load_csv(&old);
            context::merge_events(&mut events, read);
            problem = problem.or_else(|| {
                problems
                    .first()
                    .map(|p| format!("Context events: {p} ({} problem(s) in all)", problems.len()))
            });
        }
        (events, problem)
    }

    /// Takes the user's events from the workspace.
    pub fn set_user(&mut self, events: &[crate::context::UserEvent]) {
        let user: Vec<ContextEvent> = events
            .iter()
            .filter_map(crate::context::UserEvent::event)
            .collect();
        if user != self.user {
            self.user = user;
            context::sort_events(&mut self.user);
            self.rebuild();
        }
    }

    fn rebuild(&mut self) {
        let mut all = context::builtin();
        let mut mine = self.user.clone();
        context::merge_events(&mut mine, self.extra.clone());
        all.extend(mine);
        context::sort_events(&mut all);
        self.all = Arc::new(all);
    }

    /// Every event, sorted.
    pub fn events(&self) -> &Arc<Vec<ContextEvent>> {
        &self.all
    }

    pub fn shown(&self, presenting: bool) -> bool {
        if presenting {
            self.show_present
        } else {
            self.show_normal
        }
    }

    pub fn toggle(&mut self, presenting: bool) {
        if presenting {
            self.show_present = !self.show_present;
        } else {
            self.show_normal = !self.show_normal;
        }
    }

    /// Shows events that are not the workspace's (a picture's, once each); returns how many
    /// were new. The app's own events go through the workspace.
    pub fn add_extra(&mut self, events: Vec<ContextEvent>) -> usize {
        let added = context::merge_events(&mut self.extra, events);
        self.rebuild();
        added
    }
}

/// Height of the band.
pub fn height(t: &Tokens) -> f32 {
    (t.text_size * 2.7).round()
}

/// Paints the band in `band` (the plot's width), its name in the gutter at `gutter_left`,
/// and guide lines down to `plot_bottom` for the hovered event.
pub fn show(
    ui: &Ui,
    scale: &TimeScale,
    band: Rect,
    gutter_left: f32,
    plot_bottom: f32,
    events: &[ContextEvent],
    t: &Tokens,
) {
    let painter = ui.painter_at(band);
    painter.rect_filled(band, 0.0, t.era_band);
    painter.line_segment(
        [band.left_bottom(), band.right_bottom()],
        Stroke::new(1.0, t.grid),
    );
    ui.painter().text(
        pos2(gutter_left + 10.0, band.center().y),
        Align2::LEFT_CENTER,
        "Context",
        t.small_font(),
        t.text_weak,
    );
    let (Some(first), Some(last)) = (
        crate::timeline::days::date_of(scale.window.start),
        crate::timeline::days::date_of(scale.window.end),
    ) else {
        return;
    };
    let accent = t.selection;
    let span_y = band.top() + 3.0..=band.top() + band.height() * 0.42;
    let tick_top = band.top() + band.height() * 0.5;
    let label_y = band.bottom() - 3.0;
    let mut hovered: Option<(&ContextEvent, f32, f32)> = None;
    let in_view: Vec<(&ContextEvent, f32, f32)> = context::in_range(events, first, last)
        .map(|e| {
            let x0 = scale.x_of(day_of(e.first_day()));
            let x1 = scale.x_of(day_of(e.last_day()) + 1.0);
            (e, x0, x1)
        })
        .collect();
    // Where each point event's tick is, so a minor event's label stops before the next tick.
    let ticks: Vec<f32> = in_view
        .iter()
        .filter(|(e, ..)| !e.is_interval())
        .map(|&(_, x0, x1)| (x0 + x1) / 2.0)
        .collect();
    let label = |text: &str, width: Option<f32>, color| {
        let mut job = egui::text::LayoutJob::single_section(
            text.to_string(),
            egui::TextFormat::simple(t.small_font(), color),
        );
        if let Some(width) = width {
            job.wrap = egui::text::TextWrapping::truncate_at_width(width);
        }
        painter.layout_job(job)
    };
    // Spans and ticks first, with each event's hit area; the labels of the lower row wish for
    // a place, settled below so the headline events are labelled first and none overlap.
    let mut hits = Vec::with_capacity(in_view.len());
    let mut wishes = Vec::new();
    let mut galleys = Vec::new();
    let mut bars = Vec::new();
    // The x ranges the names inside spans take (spans overlap: the Berlin Blockade and the
    // Airlift share months), so no two are written over each other.
    let mut upper: Vec<egui::Rangef> = Vec::new();
    let free_above = |upper: &[egui::Rangef], x0: f32, x1: f32| {
        upper.iter().all(|u| x1 + 4.0 <= u.min || x0 >= u.max + 4.0)
    };
    for &(event, x0, x1) in &in_view {
        let color = if event.is_notable() {
            t.text
        } else {
            t.text_weak
        };
        let full = label(&event.title, None, color);
        if event.is_interval() {
            let r = Rect::from_x_y_ranges(
                x0.max(band.left())..=x1.min(band.right()).max(x0 + 2.0),
                span_y.clone(),
            );
            painter.rect_filled(r, 2.0, accent.gamma_multiply(0.22));
            let inside = r.left() + 3.0..=r.left() + 3.0 + full.size().x;
            if full.size().x + 6.0 <= r.width()
                && free_above(&upper, *inside.start(), *inside.end())
            {
                upper.push(egui::Rangef::from(inside));
                painter.galley(
                    pos2(r.left() + 3.0, r.center().y - full.size().y / 2.0),
                    full.clone(),
                    t.text,
                );
            } else if event.is_notable() {
                // Too narrow to hold its name: a headline interval is named below, from its
                // start (or, failing that, shortened inside its span).
                wishes.push(labels::Wish {
                    anchor: x0,
                    width: full.size().x,
                    priority: event.label_priority(),
                    limit: band.right(),
                    may_shorten: true,
                    may_flip: false,
                });
                galleys.push((hits.len(), full.clone()));
                bars.push((hits.len(), r));
            } else if r.width() > 60.0 {
                bars.push((hits.len(), r));
            }
            hits.push(r);
        } else {
            let x = (x0 + x1) / 2.0;
            painter.line_segment(
                [pos2(x, tick_top - 4.0), pos2(x, band.bottom())],
                Stroke::new(1.5, accent),
            );
            let next_tick = ticks
                .iter()
                .copied()
                .find(|&tx| tx > x + 0.5)
                .unwrap_or(band.right());
            wishes.push(labels::Wish {
                anchor: x,
                width: full.size().x,
                priority: event.label_priority(),
                limit: if event.is_notable() {
                    band.right()
                } else {
                    next_tick.min(band.right()) - 5.0
                },
                may_shorten: true,
                may_flip: event.is_notable(),
            });
            galleys.push((hits.len(), full));
            hits.push(Rect::from_x_y_ranges(
                x - 3.0..=x + 3.0,
                tick_top - 4.0..=band.bottom(),
            ));
        }
    }
    let spots = labels::place(&wishes, band.left(), band.right());
    let mut named = vec![false; hits.len()];
    for spot in &spots {
        let Some((i, full)) = galleys.get(spot.wish) else {
            continue;
        };
        let galley = if spot.width + 0.5 < full.size().x {
            let color = full
                .job
                .sections
                .first()
                .map_or(t.text_weak, |s| s.format.color);
            label(&full.job.text, Some(spot.width), color)
        } else {
            full.clone()
        };
        let at = pos2(spot.left, label_y - galley.size().y);
        let text_rect = Rect::from_min_size(at, galley.size());
        // Over the ticks it crosses, the label keeps the band's colour behind it.
        let under = text_rect.expand2(egui::vec2(2.0, 0.0));
        painter.rect_filled(under, 2.0, t.background);
        painter.rect_filled(under, 2.0, t.era_band);
        painter.galley(at, galley, t.text_weak);
        if let (Some(hit), Some(done)) = (hits.get_mut(*i), named.get_mut(*i)) {
            *hit = hit.union(text_rect);
            *done = true;
        }
    }
    // Spans not named below, wide enough for the start of their name.
    for &(i, r) in &bars {
        if named.get(i).copied().unwrap_or(true) || r.width() <= 60.0 {
            continue;
        }
        if let Some(&(event, ..)) = in_view.get(i) {
            let galley = label(&event.title, Some(r.width() - 6.0), t.text);
            let (from, to) = (r.left() + 3.0, r.left() + 3.0 + galley.size().x);
            if !free_above(&upper, from, to) {
                continue;
            }
            upper.push(egui::Rangef::new(from, to));
            painter.galley(
                pos2(r.left() + 3.0, r.center().y - galley.size().y / 2.0),
                galley,
                t.text,
            );
        }
    }
    for (i, (&(event, x0, x1), hit)) in in_view.iter().zip(&hits).enumerate() {
        let response = ui.interact(
            hit.intersect(band),
            Id::unique(("context-event", i, event.title.as_str())),
            Sense::hover(),
        );
        let label = format!("Context event: {}, {}", event.title, event.date_label());
        response.widget_info(|| WidgetInfo::labeled(Role::Label, true, &label));
        if response.hovered() {
            hovered = Some((event, x0, x1));
        }
        response.on_hover_ui(|ui| {
            ui.set_max_width(380.0);
            ui.label(RichText::new(event.date_label()).weak());
            ui.label(RichText::new(&event.title).strong());
            if !event.description.is_empty() {
                ui.label(&event.description);
            }
            if event.user {
                ui.label(RichText::new("Added by you").small().weak());
            }
        });
    }
    if let Some((event, x0, x1)) = hovered {
        let guides = ui.painter_at(Rect::from_min_max(
            pos2(band.left(), band.bottom()),
            pos2(band.right(), plot_bottom),
        ));
        let stroke = Stroke::new(1.0, accent.gamma_multiply(0.6));
        if event.is_interval() {
            guides.rect_filled(
                Rect::from_x_y_ranges(x0..=x1, band.bottom()..=plot_bottom),
                0.0,
                accent.gamma_multiply(0.06),
            );
            for x in [x0, x1] {
                guides.line_segment([pos2(x, band.bottom()), pos2(x, plot_bottom)], stroke);
            }
        } else {
            let x = (x0 + x1) / 2.0;
            guides.line_segment([pos2(x, band.bottom()), pos2(x, plot_bottom)], stroke);
        }
    }
}

/// The toolbar's "Context" menu: show the band, add an event, import events from a CSV.
pub fn menu(ui: &mut Ui, state: &mut ContextState, presenting: bool, commands: &mut Vec<Command>) {
    ui.menu_button("Context", |ui| {
        let mut shown = state.shown(presenting);
        if ui
            .checkbox(&mut shown, "Show the Cold War context band")
            .on_hover_text("Major events above the lanes (on by default when presenting)")
            .changed()
        {
            commands.push(Command::ToggleContext);
        }
        ui.label(
            RichText::new(format!(
                "{} events, {} of them yours",
                state.events().len(),
                state.user.len()
            ))
            .small()
            .weak(),
        );
        ui.separator();
        if ui.button("Add an event…").clicked() {
            state.form.open = true;
            ui.close();
        }
        if ui
            .button("Import context events…")
            .on_hover_text("A CSV with date, title and optional end columns")
            .clicked()
        {
            commands.push(Command::ImportContextEvents);
            ui.close();
        }
    });
}

/// The small "add an event" window.
pub fn form(ui: &mut Ui, state: &mut ContextState, commands: &mut Vec<Command>) {
    if !state.form.open {
        return;
    }
    let mut open = true;
    let mut add = false;
    egui::Window::new("Add a context event")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ui.ctx(), |ui| {
            let f = &mut state.form;
            egui::Grid::new("context-form")
                .num_columns(2)
                .show(ui, |ui| {
                    for (name, field, hint) in [
                        ("Date", &mut f.date, "1961-08-13 or 1961-08"),
                        ("Title", &mut f.title, "Berlin Wall goes up"),
                        ("End (optional)", &mut f.end, "for an event that spans time"),
                    ] {
                        let label = ui.label(name);
                        ui.add(egui::TextEdit::singleline(field).hint_text(hint))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            if let Some(problem) = &f.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            if ui.button("Add").clicked() {
                add = true;
            }
        });
    if add {
        let f = &mut state.form;
        let end = (!f.end.trim().is_empty()).then_some(f.end.as_str());
        match ContextEvent::user(&f.date, end, &f.title) {
            Ok(event) => {
                commands.push(Command::AddContextEvents(vec![event]));
                state.form = EventForm::default();
            }
            Err(problem) => f.problem = Some(problem),
        }
    }
    if !open {
        state.form = EventForm::default();
    }
}

/// The tour card of a stop at a context event.
pub fn event_card(
    ui: &mut Ui,
    tour: &Tour,
    event: &ContextEvent,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let big = t.text_size * 1.6;
    let width = (ui.ctx().content_rect().width() * 0.6).clamp(360.0, 1000.0);
    egui::Area::new(Id::unique("tour-event-card"))
        .anchor(
            Align2::CENTER_BOTTOM,
            egui::vec2(0.0, -t.overview_height - 40.0),
        )
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .fill(t.background)
                .stroke(Stroke::new(2.0, t.selection))
                .inner_margin(18.0)
                .show(ui, |ui| {
                    ui.set_width(width);
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("{} · {} · context", tour.name, tour.counter()))
                                .size(big * 0.7)
                                .color(t.text_weak),
                        );
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .button(RichText::new("✖ End tour").size(big * 0.6))
                                .clicked()
                            {
                                commands.push(Command::EndTour);
                            }
                            if ui.button(RichText::new("Next ⏵").size(big * 0.6)).clicked() {
                                commands.push(Command::TourStep(1));
                            }
                            if ui.button(RichText::new("⏴ Back").size(big * 0.6)).clicked() {
                                commands.push(Command::TourStep(-1));
                            }
                        });
                    });
                    ui.label(
                        RichText::new(event.date_label())
                            .size(big * 0.8)
                            .color(t.selection),
                    );
                    ui.label(RichText::new(&event.title).size(big).strong());
                    if !event.description.is_empty() {
                        ui.label(RichText::new(&event.description).size(big * 0.7));
                    }
                });
        });
}
