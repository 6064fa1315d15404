//! The timeline panel: axis, lanes, markers, clusters, density, undated bins.
//!
//! Reads the corpus and the current window, paints what `timeline::layout` returns, and turns
//! pointer input into [`Command`]s. Holds no document state of its own beyond an axis drag.

mod ground;
mod lane_rows;
mod marks;
mod research;
use crate::app::base::command::Command;
use crate::app::base::tokens::Tokens;
use crate::app::side_panels::search_state::SearchState;
use crate::app::timeline_panel::fills;
use crate::app::timeline_panel::lanes::DrawnLane;
use crate::corpus::Corpus;
use crate::model::{DocIndex, Document, Precision};
use crate::timeline::layout::{cluster_zoom_window, layout_lane_measured, MarkKind};
use crate::timeline::layout_cache::{LayoutCache, LayoutKey};
use crate::timeline::match_ticks::{
    ticks_by_walking, walk_is_cheaper, MatchesCache, TicksCache, TICK_COLUMNS,
};
use crate::timeline::LaneIndex;
use crate::timeline::{ticks, LayoutParams, Mark, TimeScale, TimeWindow, MIN_SPAN_DAYS};
use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    pos2, vec2, Align2, Color32, CornerRadius, Id, Rect, Role, Sense, Stroke, Ui, WidgetInfo,
};
use lane_rows::*;
use marks::*;
use research::*;
use std::collections::HashSet;

/// What the timeline tells the panels drawn after it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ViewOutput {
    /// Where the selected document's marker and its label are on screen (the tour card
    /// keeps clear of them).
    pub selected_rect: Option<Rect>,
    /// The selected document's marker alone (the floating detail panel keeps clear of it).
    pub selected_marker: Option<Rect>,
}

/// Where the selected document is drawn.
#[derive(Clone, Copy, Debug)]
struct Selected {
    /// Marker and label.
    rect: Rect,
    /// Marker only.
    marker: Rect,
}

impl ViewOutput {
    fn found(&mut self, selected: Option<Selected>) {
        if let (None, Some(s)) = (self.selected_rect, selected) {
            self.selected_rect = Some(s.rect);
            self.selected_marker = Some(s.marker);
        }
    }
}

/// State of the timeline panel that lives between frames.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    /// Day where a drag on the axis started (range zoom).
    axis_drag_from: Option<f64>,
    /// How far the lane area is scrolled down, when the lanes cannot all fit.
    lane_scroll: f32,
    /// A document marker being dragged (to pan, or up or down to another lane).
    marker_drag: Option<MarkerDrag>,
    /// How the last frame's marks were labelled.
    labels: crate::timeline::LabelCounts,
    /// Titles' widths, measured once.
    widths: TitleWidths,
    /// The lanes' layouts of the last frame, for the next one.
    layouts: LayoutCache,
    /// The drawn lanes turned inside out and the results gathered by lane, for a narrow
    /// search's ticks.
    matches: MatchesCache,
    /// The search's ticks over density lanes, for the next frame.
    ticks: TicksCache,
}

impl ViewState {
    /// How the marks of the last frame drawn were labelled: whole titles, cut ones, badges.
    pub fn labels(&self) -> crate::timeline::LabelCounts {
        self.labels
    }
}

/// A drag that started on a document's marker: sideways it pans like the background; once
/// it goes further up or down than sideways, it moves the document to the lane it is dropped
/// on (theme lanes only).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(in crate::app) struct MarkerDrag {
    doc: DocIndex,
    from: egui::Pos2,
    to_lane: bool,
}

/// Above this many documents starting in view, a lane is drawn as density; when one lane is,
/// every lane is, so a zoom has one visual language for "many here".
const DENSITY_THRESHOLD: usize = 600;

/// Eras as faint alternate bands behind the lanes: the x ranges of the banded ones, clipped
/// to the plot (the ground paints them).
fn era_bands(f: &Frame) -> Vec<egui::Rangef> {
    crate::eras::ERAS
        .iter()
        .step_by(2)
        .filter_map(|era| {
            let w = era.window();
            let x0 = f.scale.x_of(w.start).max(f.plot.left());
            let x1 = f.scale.x_of(w.end).min(f.plot.right());
            (x1 > x0).then(|| egui::Rangef::new(x0, x1))
        })
        .collect()
}

/// Each era's name at its bottom-left, when it is wide enough.
fn paint_era_names(ui: &Ui, f: &Frame, t: &Tokens) {
    let painter = ui.painter_at(f.plot);
    for era in &crate::eras::ERAS {
        let w = era.window();
        let x0 = f.scale.x_of(w.start).max(f.plot.left());
        let x1 = f.scale.x_of(w.end).min(f.plot.right());
        if x1 - x0 > 70.0 {
            painter.text(
                pos2(x0 + 4.0, f.plot.bottom() - 4.0),
                Align2::LEFT_BOTTOM,
                format!("{} era", era.name),
                t.small_font(),
                t.text_weak.gamma_multiply(0.8),
            );
        }
    }
}

/// Geometry of one frame's timeline.
struct Frame {
    /// Where lanes may paint: the whole width, the plot's height (lanes scroll inside it).
    lanes_clip: Rect,
    plot: Rect,
    axis: Rect,
    gutter: Rect,
    undated: Rect,
    scale: TimeScale,
}

fn frame_geometry(rect: Rect, window: TimeWindow, t: &Tokens) -> Frame {
    let axis = Rect::from_min_max(
        pos2(rect.left() + t.lane_gutter, rect.top()),
        pos2(rect.right() - t.undated_column, rect.top() + t.axis_height),
    );
    let plot = Rect::from_min_max(
        pos2(axis.left(), axis.bottom()),
        pos2(axis.right(), rect.bottom()),
    );
    let gutter = Rect::from_min_max(rect.min, pos2(plot.left(), rect.bottom()));
    let undated = Rect::from_min_max(pos2(plot.right(), rect.top()), rect.max);
    Frame {
        lanes_clip: Rect::from_x_y_ranges(rect.x_range(), plot.y_range()),
        plot,
        axis,
        gutter,
        undated,
        scale: TimeScale::new(window, plot.left(), plot.width()),
    }
}

/// What the timeline paints this frame.
pub struct Scene<'a> {
    pub corpus: &'a Corpus,
    pub lanes: &'a [DrawnLane],
    pub window: TimeWindow,
    pub selected: Option<DocIndex>,
    pub bookmarked: &'a HashSet<DocIndex>,
    pub search: &'a SearchState,
    pub tokens: &'a Tokens,
    /// The context events when the context band is shown.
    pub context: Option<&'a [crate::context::ContextEvent]>,
    /// The user's links between loaded documents (drawn as arcs when both ends are in view).
    pub links: &'a [crate::workspace::overlay::PlacedLink],
}

/// Paints the timeline into the whole of `ui` and pushes what the user asked for.
pub fn show(
    ui: &mut Ui,
    scene: &Scene<'_>,
    state: &mut ViewState,
    commands: &mut Vec<Command>,
) -> ViewOutput {
    let Scene {
        corpus,
        lanes: _,
        window,
        selected,
        bookmarked,
        search,
        tokens: t,
        context,
        links,
    } = *scene;
    let rect = ui.available_rect_before_wrap();
    let mut out = ViewOutput::default();
    state.labels = crate::timeline::LabelCounts::default();
    if rect.width() < t.lane_gutter + t.undated_column + 40.0 || rect.height() < 60.0 {
        return out;
    }
    let mut f = frame_geometry(rect, window, t);
    // Above the axis line; the ground covers the rest, each pixel once (none of it where
    // the window was cleared to the background).
    if !t.window_clears {
        ui.painter().rect_filled(
            Rect::from_min_max(rect.min, pos2(rect.right(), f.axis.bottom())),
            0.0,
            t.background,
        );
    }

    background_input(ui, &f, commands);
    axis_input(ui, &f, t, state, commands);

    let char_px = {
        let sample = "Telegram from A. Mikoyan to the CPSU Central Committee";
        let g = ui
            .painter()
            .layout_no_wrap(sample.to_string(), t.font(), t.text);
        #[allow(clippy::cast_precision_loss)]
        let w = g.size().x / sample.len() as f32;
        w
    };
    let ticks = ticks::ticks(&f.scale, char_px, 16.0);
    let ground_area = Rect::from_min_max(pos2(rect.left(), f.plot.top()), rect.max);
    let bands = era_bands(&f);

    let lanes = scene.lanes;
    // A cluster click zooms in, unless the view is already as deep as zoom goes.
    let at_deepest = window.span() <= MIN_SPAN_DAYS * 1.01;
    // The context band takes a strip above the lanes (painted after them, for its guides).
    let plot_bottom = f.plot.bottom();
    let band = context.map(|events| {
        let h = crate::app::timeline_panel::context_band::height(t);
        let band = Rect::from_min_max(f.plot.min, pos2(f.plot.right(), f.plot.top() + h));
        f.plot.min.y += h;
        // Lanes scroll under the band, never over it.
        f.lanes_clip.min.y = f.lanes_clip.min.y.max(f.plot.min.y);
        (band, events)
    });
    // The era names keep a strip at the plot's foot: the lanes end above it, so no title
    // runs under one.
    let era_h = ui
        .painter()
        .layout_no_wrap("Ag".into(), t.small_font(), t.text)
        .size()
        .y
        + 6.0;
    f.lanes_clip.max.y = (f.lanes_clip.max.y - era_h).max(f.lanes_clip.min.y + 1.0);
    let dense = lanes.iter().any(|l| {
        !l.collapsed && l.index.count_starting_in(window.start, window.end) > DENSITY_THRESHOLD
    });
    let params = |lane: &DrawnLane, rows: usize| LayoutParams {
        rows,
        marker_px: t.marker_size,
        char_px,
        max_label_px: t.max_label,
        gap_px: t.label_gap,
        density_threshold: if lane.collapsed || dense {
            0
        } else {
            DENSITY_THRESHOLD
        },
        bin_px: 3.0,
        label_slack: t.label_slack(),
    };
    // Each lane laid out with every row the plot could give it: the rows it uses are what it
    // wishes for. Titles are laid out by their measured width (with slack after them for a
    // fallback font on paper), so one laid out whole is drawn whole.
    let font = t.font();
    let title_px = |widths: &mut TitleWidths, d: DocIndex| widths.of(ui, corpus, &font, d) + 1.0;
    // Laid out again only when the lane, the scale or the sizes changed since the last frame
    // (a hover repaints with the window where it was).
    let measure = lane_rows::measured_in(ui, corpus, &font);
    let key = |lane: &DrawnLane, rows: usize| LayoutKey {
        scale: f.scale,
        params: params(lane, rows),
        measure,
    };
    state.layouts.begin_frame();
    let most_rows = rows_in(f.lanes_clip.height(), t);
    let mut layouts: Vec<std::sync::Arc<crate::timeline::LaneLayout>> = lanes
        .iter()
        .map(|lane| {
            let key = key(lane, most_rows);
            state.layouts.get_or_lay_out(&lane.index, key, || {
                layout_lane_measured(
                    &lane.index,
                    |d| title_px(&mut state.widths, d),
                    &key.scale,
                    &key.params,
                )
            })
        })
        .collect();
    let heights = lane_heights(ui, lanes, &layouts, &f, t);
    let overflow = (heights.iter().sum::<f32>() - f.lanes_clip.height()).max(0.0);
    let scrollbar = lane_scrolling(ui, &f, overflow, state);
    // Every other lane striped, where lanes show.
    let stripes: Vec<egui::Rangef> = heights
        .iter()
        .filter(|&&h| h >= 1.0)
        .scan(f.plot.top() - state.lane_scroll, |top, h| {
            let lane = egui::Rangef::new(*top, *top + h);
            *top += h;
            Some(lane)
        })
        .skip(1)
        .step_by(2)
        .filter_map(|lane| {
            let y = lane.intersection(f.lanes_clip.y_range());
            (y.span() > 0.0).then_some(y)
        })
        .collect();
    ui.painter().add(
        ground::Ground {
            area: ground_area,
            plot_x: f.plot.x_range(),
            bands: &bands,
            stripes: &stripes,
            background: t.background,
            stripe: t.lane_stripe,
            era: t.era_band,
            cleared: t.window_clears,
        }
        .shape(ui.clip_rect()),
    );
    paint_grid(ui, &f, &ticks, t);
    paint_era_names(ui, &f, t);
    if let Some((track, thumb)) = scrollbar {
        let painter = ui.painter();
        painter.rect_filled(track, 3.0, ui.visuals().extreme_bg_color);
        painter.rect_filled(thumb, 3.0, ui.visuals().widgets.inactive.fg_stroke.color);
    }
    if lanes.is_empty() {
        return out;
    }
    state.ticks.begin(search.answer(), &f.scale);
    search_ticks_through_matches(
        &mut state.matches,
        &mut state.ticks,
        lanes,
        &layouts,
        search,
        &f.scale,
        corpus.library.len(),
    );
    let mut top = f.plot.top() - state.lane_scroll;
    let mut placed = Placed {
        rects: std::collections::HashMap::new(),
        clusters: !links.is_empty(),
        drag: state.marker_drag,
        dropped: None,
        lane_rects: Vec::new(),
        labels: crate::timeline::LabelCounts::default(),
    };
    for (i, lane) in lanes.iter().enumerate() {
        let lane_h = heights[i];
        let lane_top = top;
        top += lane_h;
        let top = lane_top;
        let lane_rect =
            Rect::from_min_max(pos2(rect.left(), top), pos2(rect.right(), top + lane_h));
        // Scrolled out of the lane area (or left out, on paper): not drawn, no node for
        // screen readers.
        if lane_h < 1.0
            || lane_rect.bottom() <= f.plot.top() + 1.0
            || lane_rect.top() >= f.lanes_clip.bottom() - 1.0
        {
            continue;
        }
        placed.lane_rects.push((i, lane_rect));
        let color = t.lane_color(lane.color);
        paint_lane_name(ui, &f, lane_rect, lane, color, t);
        // Fewer rows than the lane uses with all it could have: laid out again in those.
        let rows = rows_in(lane_h, t);
        let mut layout = std::mem::take(&mut layouts[i]);
        if rows < layout.rows_used {
            let key = key(lane, rows);
            layout = state.layouts.get_or_lay_out(&lane.index, key, || {
                layout_lane_measured(
                    &lane.index,
                    |d| title_px(&mut state.widths, d),
                    &key.scale,
                    &key.params,
                )
            });
        }
        let painter = ui.painter_at(
            Rect::from_min_max(
                pos2(f.plot.left(), lane_rect.top()),
                pos2(f.plot.right(), lane_rect.bottom()),
            )
            .intersect(f.lanes_clip),
        );
        if layout.is_density() {
            let dim = if search.is_active() { 0.35 } else { 1.0 };
            fills::add_batched(
                &painter,
                density_mesh(
                    &f,
                    lane_rect,
                    &layout.density,
                    layout.bin_px,
                    color.gamma_multiply(dim),
                    ui.ctx().pixels_per_point(),
                ),
            );
            let ticks = search_ticks(&mut state.ticks, lane, &f.scale, search);
            let hit =
                paint_density_marks(&painter, corpus, &f, lane_rect, lane, selected, ticks, t);
            out.found(hit);
            let hover = ui.interact(
                painter.clip_rect(),
                Id::unique(("lane-density", i)),
                Sense::hover(),
            );
            hover.on_hover_text(format!(
                "{}: {} documents in view; zoom in to see them one by one",
                lane.name, layout.in_view
            ));
        } else {
            for mark in &layout.marks {
                let hit = paint_mark(
                    ui,
                    &painter,
                    corpus,
                    &layout.visible,
                    mark,
                    at_deepest,
                    i,
                    lane_rect,
                    color,
                    selected,
                    bookmarked,
                    search,
                    t,
                    (&f, &mut placed),
                    commands,
                );
                out.found(hit);
            }
        }
        undated_bin(
            ui,
            &f,
            lane_rect,
            lane.index.undated(),
            corpus,
            selected,
            color,
            t,
            i,
            commands,
        );
    }
    paint_links(ui, &f, &placed, links, corpus, selected, t, commands);
    // A drag whose marker went out of view ends when the button is let go all the same.
    if !ui.input(|i| i.pointer.any_down()) {
        placed.drag = None;
    }
    state.marker_drag = placed.drag;
    state.labels = placed.labels;
    marker_dropped(ui, &f, &placed, lanes, corpus, t, commands);
    if let Some((band, events)) = band {
        crate::app::timeline_panel::context_band::show(
            ui,
            &f.scale,
            band,
            rect.left(),
            plot_bottom,
            events,
            t,
        );
    }
    paint_axis_labels(ui, &f, &ticks, t);
    if let Some(from) = state.axis_drag_from {
        if let Some(pos) = ui.input(|i| i.pointer.hover_pos()) {
            let x0 = f.scale.x_of(from);
            let sel = Rect::from_x_y_ranges(
                x0.min(pos.x)..=x0.max(pos.x),
                f.axis.top()..=f.plot.bottom(),
            );
            ui.painter()
                .rect_filled(sel, 0.0, t.selection.gamma_multiply(0.15));
        }
    }
    state.layouts.end_frame();
    out
}

fn background_input(ui: &mut Ui, f: &Frame, commands: &mut Vec<Command>) {
    let bg = ui.interact(
        f.plot,
        Id::unique("timeline-background"),
        Sense::click_and_drag(),
    );
    bg.widget_info(|| {
        WidgetInfo::labeled(Role::Canvas, true, "Timeline: drag to pan, scroll to zoom")
    });
    let pointer = ui.input(|i| i.pointer.hover_pos());
    let over_plot = pointer.is_some_and(|p| f.plot.contains(p));
    if bg.dragged() {
        let dx = bg.drag_delta().x;
        if dx != 0.0 {
            commands.push(Command::Pan(f64::from(-dx / f.plot.width())));
        }
    }
    if bg.double_clicked() {
        if let Some(p) = bg.interact_pointer_pos() {
            commands.push(Command::Zoom {
                factor: 2.0,
                anchor: Some(f.scale.day_at(p.x)),
            });
        }
    } else if bg.clicked() {
        commands.push(Command::Select(None));
    }
    if over_plot || pointer.is_some_and(|p| f.axis.contains(p)) {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta(), i.zoom_delta()));
        let anchor = pointer.map(|p| f.scale.day_at(p.x));
        if (zoom - 1.0).abs() > f32::EPSILON {
            commands.push(Command::Zoom {
                factor: f64::from(zoom),
                anchor,
            });
        } else if scroll.y.abs() > 0.0 {
            commands.push(Command::Zoom {
                factor: f64::from((scroll.y * 0.003).exp()),
                anchor,
            });
        }
        if scroll.x.abs() > 0.0 {
            commands.push(Command::Pan(f64::from(-scroll.x / f.plot.width())));
        }
    }
}

fn axis_input(
    ui: &mut Ui,
    f: &Frame,
    t: &Tokens,
    state: &mut ViewState,
    commands: &mut Vec<Command>,
) {
    let axis = ui.interact(f.axis, Id::unique("timeline-axis"), Sense::click_and_drag());
    axis.widget_info(|| {
        WidgetInfo::labeled(
            Role::Slider,
            true,
            "Time axis: drag across it to zoom to a range",
        )
    });
    if axis.drag_started() {
        state.axis_drag_from = axis.interact_pointer_pos().map(|p| f.scale.day_at(p.x));
    }
    if axis.drag_stopped() {
        if let (Some(from), Some(p)) = (state.axis_drag_from.take(), axis.interact_pointer_pos()) {
            let to = f.scale.day_at(p.x);
            if (f.scale.x_of(from) - p.x).abs() > 4.0 {
                commands.push(Command::AnimateTo(TimeWindow::new(
                    from.min(to),
                    from.max(to),
                )));
            }
        }
    }
    let _ = t;
}

fn paint_grid(ui: &Ui, f: &Frame, ticks: &ticks::Ticks, t: &Tokens) {
    let painter = ui.painter_at(Rect::from_min_max(f.axis.min, f.plot.max));
    for tick in &ticks.ticks {
        let x = f.scale.x_of(tick.day);
        let color = if tick.major { t.grid_major } else { t.grid };
        painter.line_segment(
            [pos2(x, f.axis.bottom() - 6.0), pos2(x, f.plot.bottom())],
            Stroke::new(1.0, color),
        );
    }
    painter.line_segment(
        [
            pos2(f.plot.left(), f.axis.bottom()),
            pos2(f.plot.right(), f.axis.bottom()),
        ],
        Stroke::new(1.0, t.grid_major),
    );
}

fn paint_axis_labels(ui: &Ui, f: &Frame, ticks: &ticks::Ticks, t: &Tokens) {
    let painter = ui.painter_at(f.axis);
    painter.rect_filled(f.axis, 0.0, t.background);
    for tick in &ticks.ticks {
        let x = f.scale.x_of(tick.day);
        painter.line_segment(
            [pos2(x, f.axis.bottom() - 6.0), pos2(x, f.axis.bottom())],
            Stroke::new(1.0, t.grid_major),
        );
        let font = if tick.major { t.font() } else { t.small_font() };
        let color = if tick.major { t.text } else { t.text_weak };
        let galley = painter.layout_no_wrap(tick.label.clone(), font, color);
        // A label that would be cut by either edge is left out rather than shown in part.
        if x >= f.axis.left() && x + 3.0 + galley.size().x <= f.axis.right() {
            let pos = pos2(x + 3.0, f.axis.center().y - 2.0 - galley.size().y * 0.5);
            painter.galley(pos, galley, color);
        }
    }
    let context = ticks.context.clone().unwrap_or_else(|| {
        format!(
            "{} – {}",
            crate::timeline::days::date_of(f.scale.window.start)
                .map_or(0, |d| chrono::Datelike::year(&d)),
            crate::timeline::days::date_of(f.scale.window.end - 1.0)
                .map_or(0, |d| chrono::Datelike::year(&d))
        )
    });
    let gutter_axis = Rect::from_min_max(f.gutter.min, pos2(f.gutter.right(), f.axis.bottom()));
    // The period in the gutter, never over the axis: the heading size where it fits, else
    // the body size, the small one, then over two lines (after its dash), and only then cut.
    let room = egui::vec2(gutter_axis.width() - 14.0, gutter_axis.height());
    let two_lines = context.replacen('–', "–\n", 1);
    let painter = ui.painter_at(gutter_axis);
    let candidates = [
        (context.as_str(), t.heading_font()),
        (context.as_str(), t.font()),
        (context.as_str(), t.small_font()),
        (two_lines.as_str(), t.font()),
        (two_lines.as_str(), t.small_font()),
    ];
    let fitting = candidates.iter().find_map(|(text, font)| {
        let galley = painter.layout_no_wrap((*text).to_string(), font.clone(), t.text);
        (galley.size().x <= room.x && galley.size().y <= room.y).then_some(galley)
    });
    let galley = fitting.unwrap_or_else(|| {
        let mut job = LayoutJob::single_section(
            two_lines.clone(),
            TextFormat::simple(t.small_font(), t.text),
        );
        job.wrap = TextWrapping {
            max_width: room.x.max(1.0),
            max_rows: 2,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        painter.layout_job(job)
    });
    let pos = gutter_axis.left_center() + vec2(10.0, -galley.size().y * 0.5);
    painter.galley(pos, galley, t.text);
    if f.undated.width() < 1.0 {
        return;
    }
    let undated_axis = Rect::from_min_max(f.undated.min, pos2(f.undated.right(), f.axis.bottom()));
    ui.painter().text(
        undated_axis.center(),
        Align2::CENTER_CENTER,
        "Undated",
        t.small_font(),
        t.text_weak,
    );
}

fn paint_lane_name(ui: &Ui, f: &Frame, lane: Rect, drawn: &DrawnLane, color: Color32, t: &Tokens) {
    let name = drawn.name.as_str();
    let count = drawn.index.len();
    let count_text = if count == drawn.total {
        format!("{count}")
    } else {
        format!("{count} of {}", drawn.total)
    };
    let painter = ui.painter_at(
        Rect::from_min_max(
            pos2(f.gutter.left(), lane.top()),
            pos2(f.gutter.right(), lane.bottom()),
        )
        .intersect(f.lanes_clip),
    );
    let swatch = Rect::from_min_size(
        pos2(f.gutter.left() + 8.0, lane.top() + 8.0),
        vec2(6.0, (lane.height() - 16.0).max(8.0)),
    );
    painter.rect_filled(swatch, 2.0, color);
    // The name takes two lines where the lane has room for them and the count under them;
    // else one (cut with "…", whole on hover); the count shows only where it fits whole.
    let line_h = painter
        .layout_no_wrap("Ag".into(), t.font(), t.text)
        .size()
        .y;
    let count_h = painter
        .layout_no_wrap("0".into(), t.small_font(), t.text_weak)
        .size()
        .y;
    let room = lane.height() - 8.0;
    // As many lines as fit above the count (at most three).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let lines = ((room - count_h - 2.0) / line_h).floor().clamp(1.0, 3.0) as usize;
    let mut job = LayoutJob::single_section(name.to_string(), TextFormat::simple(t.font(), t.text));
    job.wrap = TextWrapping {
        max_width: f.gutter.width() - 26.0,
        max_rows: lines,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    let galley = painter.layout_job(job);
    let cut = galley.elided;
    let name_top = lane.top() + 4.0;
    painter.galley(pos2(swatch.right() + 8.0, name_top), galley.clone(), t.text);
    if name_top + galley.size().y + 2.0 + count_h <= lane.bottom() - 2.0 {
        painter.text(
            pos2(swatch.right() + 8.0, name_top + galley.size().y + 2.0),
            Align2::LEFT_TOP,
            &count_text,
            t.small_font(),
            t.text_weak,
        );
    }
    // A lane is a named group for screen readers (egui gives only interactive areas a node).
    let label_rect = Rect::from_min_max(
        pos2(f.gutter.left(), lane.top()),
        pos2(f.gutter.right(), lane.bottom()),
    )
    .intersect(f.lanes_clip);
    // A lane scrolled almost out of view shows a sliver, not a header to read or point at.
    if label_rect.height() < 12.0 {
        return;
    }
    let response = ui.interact(label_rect, Id::unique(("lane-name", name)), Sense::click());
    response.widget_info(|| {
        WidgetInfo::labeled(Role::Group, true, format!("Lane {name}: {count} documents"))
    });
    if cut {
        response.on_hover_text(format!("{name} ({count_text})"));
    }
}

/// When the lanes overflow the plot (`overflow` points), the lane area scrolls: the wheel over
/// the lane names, or dragging the bar at the gutter's right edge. Returns the bar's track
/// and thumb to paint, if there is a bar.
fn lane_scrolling(
    ui: &Ui,
    f: &Frame,
    overflow: f32,
    state: &mut ViewState,
) -> Option<(Rect, Rect)> {
    // Less than a point over is rounding in the shared heights, not overflow.
    if overflow <= 1.0 {
        state.lane_scroll = 0.0;
        return None;
    }
    let over_gutter = ui
        .input(|i| i.pointer.hover_pos())
        .is_some_and(|p| f.gutter.contains(p) && f.lanes_clip.contains(p));
    if over_gutter {
        let dy = ui.input(|i| i.smooth_scroll_delta().y);
        state.lane_scroll -= dy;
    }
    let track = Rect::from_min_max(
        pos2(f.gutter.right() - 7.0, f.plot.top()),
        pos2(f.gutter.right() - 1.0, f.lanes_clip.bottom()),
    );
    let total = f.lanes_clip.height() + overflow;
    let thumb_h = (track.height() * f.lanes_clip.height() / total).max(16.0);
    let bar = ui.interact(track, Id::unique("lane-scrollbar"), Sense::drag());
    bar.widget_info(|| WidgetInfo::labeled(Role::ScrollBar, true, "Scroll the lanes"));
    if bar.dragged() {
        let travel = (track.height() - thumb_h).max(1.0);
        state.lane_scroll += bar.drag_delta().y * overflow / travel;
    }
    state.lane_scroll = state.lane_scroll.clamp(0.0, overflow);
    let at = track.top() + (track.height() - thumb_h) * state.lane_scroll / overflow;
    let thumb = Rect::from_min_size(pos2(track.left(), at), vec2(track.width(), thumb_h));
    Some((track, thumb))
}
