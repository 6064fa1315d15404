//! The marks drawn in a lane: markers, bars and labels of documents, density bins for crowded
//! lanes, the undated bin, and the hover card.

use super::*;

/// A density lane's bars as one mesh: a bar per non-empty bin, its height and strength by
/// the square root of its count, edges on whole pixels (`ppp` pixels per point), so a
/// software rasterizer fills each bar once with no anti-aliased fringe.
pub(super) fn density_mesh(
    f: &Frame,
    lane: Rect,
    bins: &[u32],
    bin_px: f32,
    color: Color32,
    ppp: f32,
) -> egui::epaint::Mesh {
    let snap = |v: f32| (v * ppp).round() / ppp;
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    // Under the search strip's reach, so a search's ticks never sit on a bar.
    let h = (lane.height() - 8.0 - SEARCH_STRIP).max(2.0);
    let bottom = snap(lane.bottom() - 4.0);
    let mut mesh = egui::epaint::Mesh::default();
    mesh.reserve_triangles(bins.len() * 2);
    mesh.reserve_vertices(bins.len() * 4);
    for (i, &n) in bins.iter().enumerate() {
        if n == 0 {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let x = f.plot.left() + i as f32 * bin_px;
        #[allow(clippy::cast_precision_loss)]
        let frac = (n as f32 / max as f32).sqrt();
        let bar_h = (h * frac).max(2.0);
        // A gap of at least one pixel between neighbours.
        let x0 = snap(x);
        let x1 = snap(x + bin_px - 0.5).max(x0 + 1.0 / ppp);
        let r = Rect::from_min_max(pos2(x0, snap(bottom - bar_h)), pos2(x1, bottom));
        mesh.add_colored_rect(r, color.gamma_multiply(0.35 + 0.65 * frac));
    }
    mesh
}

/// How tall the strip of search ticks over a density lane is, in points: a rug along the
/// lane's top, over the bars' tallest reach, not a tick through the whole lane (a software
/// renderer pays for every pixel, and a broad search's ticks ran into one another until they
/// covered the lane).
pub(super) const SEARCH_STRIP: f32 = 6.0;

/// Works out through the matches the search's ticks over every lane drawn as density that
/// `kept` has none for yet, when there are few enough matches for that to take fewer steps
/// than walking those lanes (a narrow search would walk every document of every lane, each
/// frame). Lanes left without are walked as they are drawn ([`search_ticks`]).
pub(super) fn search_ticks_through_matches(
    matches: &mut MatchesCache,
    kept: &mut TicksCache,
    lanes: &[DrawnLane],
    layouts: &[std::sync::Arc<crate::timeline::LaneLayout>],
    search: &SearchState,
    scale: &TimeScale,
    docs: usize,
) {
    if !search.is_active() {
        return;
    }
    let wanted: Vec<bool> = lanes
        .iter()
        .zip(layouts)
        .map(|(lane, layout)| layout.is_density() && kept.get(&lane.index).is_none())
        .collect();
    let in_view: Vec<usize> = layouts
        .iter()
        .zip(&wanted)
        .filter(|(_, &w)| w)
        .map(|(l, _)| l.in_view)
        .collect();
    if in_view.is_empty() || walk_is_cheaper(&in_view, search.results.len(), docs, scale.width) {
        return;
    }
    let indexes: Vec<&std::sync::Arc<LaneIndex>> = lanes.iter().map(|l| &l.index).collect();
    let starts = matches.starts(&indexes, docs, search.answer(), &search.results);
    for ((i, lane), wanted) in lanes.iter().enumerate().zip(wanted) {
        if wanted {
            kept.insert(&lane.index, starts.ticks(i, scale));
        }
    }
}

/// The search's tick columns over the density lane `lane`: the ones kept, or found by
/// walking the lane (and kept). None with no search.
pub(super) fn search_ticks<'a>(
    kept: &'a mut TicksCache,
    lane: &DrawnLane,
    scale: &TimeScale,
    search: &SearchState,
) -> &'a [f32] {
    if !search.is_active() {
        return &[];
    }
    if kept.get(&lane.index).is_none() {
        let walked = ticks_by_walking(&lane.index, scale, |doc| search.is_match(doc) == Some(true));
        kept.insert(&lane.index, walked);
    }
    kept.get(&lane.index).unwrap_or_default()
}

/// Over a density lane: the search results as ticks in a strip along its top (`ticks`, from
/// [`search_ticks`]), and the selected document as a line with a ring, so neither is ever
/// invisible. Returns the selection's rect.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint_density_marks(
    painter: &egui::Painter,
    corpus: &Corpus,
    f: &Frame,
    lane: Rect,
    drawn: &DrawnLane,
    selected: Option<DocIndex>,
    ticks: &[f32],
    t: &Tokens,
) -> Option<Selected> {
    let window = f.scale.window;
    if !ticks.is_empty() {
        let mut mesh = egui::epaint::Mesh::default();
        let add_tick_run = |mesh: &mut egui::epaint::Mesh, run: Option<(f32, f32)>| {
            if let Some((x0, x1)) = run {
                let top = lane.top() + 2.0;
                let bottom = (top + SEARCH_STRIP).min(lane.bottom() - 2.0);
                let r = Rect::from_min_max(pos2(x0, top), pos2(x1, bottom));
                mesh.add_colored_rect(r, t.text);
            }
        };
        let mut run: Option<(f32, f32)> = None;
        let mut last_x = f32::NEG_INFINITY;
        for &x in ticks {
            // Touching ticks become one rectangle.
            if x - last_x <= TICK_COLUMNS && run.is_some() {
                run = run.map(|(from, _)| (from, x + TICK_COLUMNS));
            } else {
                add_tick_run(&mut mesh, run.take());
                run = Some((x, x + TICK_COLUMNS));
            }
            last_x = x;
        }
        add_tick_run(&mut mesh, run);
        painter.add(mesh);
    }
    let doc = selected?;
    let start = corpus.days_of(doc)?.start;
    if !drawn.index.has_dated(doc, start) || !window.contains(start) {
        return None;
    }
    let x = f.scale.x_of(start);
    painter.line_segment(
        [pos2(x, lane.top() + 2.0), pos2(x, lane.bottom() - 2.0)],
        Stroke::new(2.5, t.selection),
    );
    let c = pos2(x, lane.center().y);
    painter.circle_stroke(c, t.marker_size * 0.7, Stroke::new(2.5, t.selection));
    let rect = Rect::from_center_size(c, vec2(t.marker_size * 1.6, lane.height() - 4.0));
    Some(Selected { rect, marker: rect })
}

pub(super) fn date_precision_text(doc: &Document) -> &'static str {
    match doc.precision() {
        Precision::Day => "",
        Precision::Month => " (month)",
        Precision::Year => " (year)",
        Precision::Undated => "",
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn paint_mark(
    ui: &Ui,
    painter: &egui::Painter,
    corpus: &Corpus,
    visible: &[DocIndex],
    mark: &Mark,
    at_deepest: bool,
    lane_no: usize,
    lane: Rect,
    color: Color32,
    selected: Option<DocIndex>,
    bookmarked: &HashSet<DocIndex>,
    search: &SearchState,
    t: &Tokens,
    (f, placed): (&Frame, &mut Placed),
    commands: &mut Vec<Command>,
) -> Option<Selected> {
    let docs = corpus.library.docs();
    #[allow(clippy::cast_precision_loss)]
    let y = lane.top() + 4.0 + mark.row as f32 * t.row_height + t.row_height * 0.5;
    let left = mark.x0.max(painter.clip_rect().left());
    let marker_end = left + t.marker_size;
    let members: &[DocIndex] = match &mark.kind {
        MarkKind::Doc(d) => std::slice::from_ref(d),
        MarkKind::Cluster(r) => visible.get(r.clone()).unwrap_or(&[]),
    };
    let is_selected = selected.is_some_and(|s| members.contains(&s));
    let (label, accessible, id) = match &mark.kind {
        MarkKind::Doc(d) => {
            let doc = docs.get(*d)?;
            // A screen reader hears where the user's date puts it, as the eye sees the bar.
            let accessible = match corpus.placement.user_dates.get(d) {
                Some(edtf) => format!("{}, placed at your date {edtf}", doc.label()),
                None => doc.label(),
            };
            (
                doc.title.clone(),
                accessible,
                Id::unique(("doc", doc.id.as_str())),
            )
        }
        MarkKind::Cluster(_) => {
            let first = members.first().and_then(|&d| docs.get(d));
            let last = members.last().and_then(|&d| docs.get(d));
            let range = match (first, last) {
                (Some(a), Some(b)) if a.date_label() == b.date_label() => {
                    a.date_label().to_string()
                }
                (Some(a), Some(b)) => format!("{} – {}", a.date_label(), b.date_label()),
                _ => String::new(),
            };
            (
                format!("{}", members.len()),
                format!("Cluster of {} documents, {range}", members.len()),
                Id::unique(("cluster", lane_no, members.first().copied().unwrap_or(0))),
            )
        }
    };
    // A search dims what does not match (context stays) and rings what does.
    let matches = search
        .is_active()
        .then(|| members.iter().any(|&d| search.is_match(d) == Some(true)));
    let color = if matches == Some(false) {
        color.gamma_multiply(0.2)
    } else {
        color
    };
    let label_color = match (is_selected, matches) {
        (true, _) => t.selection,
        (false, Some(false)) => t.text_weak.gamma_multiply(0.45),
        _ => t.text,
    };
    // Shape.
    let stroke = if is_selected {
        Stroke::new(2.5, t.selection)
    } else {
        Stroke::new(1.0, color)
    };
    let body_rect;
    match &mark.kind {
        MarkKind::Doc(d) => {
            let precision = docs.get(*d).map_or(Precision::Day, Document::precision);
            if let Some(drawn) = corpus.placement.dates.get(d) {
                // The user's date: a bar over its days, faded where it is vague, marked.
                let x1 = mark.x1.max(left + t.marker_size);
                let r = Rect::from_min_max(pos2(left, y - 4.0), pos2(x1, y + 4.0));
                let cut = crate::placement::DrawnDate {
                    fade_start: drawn.fade_start && mark.x0 >= painter.clip_rect().left(),
                    ..*drawn
                };
                paint_user_bar(painter, r, &cut, color.gamma_multiply(0.55), stroke);
                paint_user_mark(painter, pos2(r.left() + 5.0, r.top()), t);
                body_rect = r;
            } else if precision == Precision::Day {
                let c = pos2(left + t.marker_size * 0.5, y);
                if is_selected {
                    painter.circle(c, t.marker_size * 0.45, color, stroke);
                } else {
                    // The outline would be the fill's colour: the fill alone, as wide (half
                    // the triangles for a software rasterizer).
                    painter.circle_filled(c, t.marker_size * 0.45 + 0.5, color);
                }
                body_rect = Rect::from_center_size(c, vec2(t.marker_size, t.marker_size));
            } else {
                // A month or a year: a start marker, then a thin bar along the row's foot
                // over the days it covers, under its title rather than through it (the title
                // starts after the start marker).
                let x1 = mark.x1.max(left + t.marker_size);
                let foot = y + t.row_height * 0.5;
                let bar = Rect::from_min_max(pos2(left, foot - 3.0), pos2(x1, foot - 0.5));
                painter.rect_filled(bar, 1.0, color.gamma_multiply(0.5));
                let start =
                    Rect::from_min_max(pos2(left, y - 5.0), pos2(left + t.marker_size, foot - 0.5));
                painter.rect(
                    start,
                    CornerRadius::same(2),
                    color,
                    stroke,
                    egui::StrokeKind::Inside,
                );
                body_rect = start.union(bar);
            }
        }
        MarkKind::Cluster(_) => {
            let w = mark.label_px.max(t.marker_size) + 6.0;
            let r = Rect::from_min_size(pos2(left, y - 8.0), vec2(w, 16.0));
            // Unselected, the outline would be the fill's colour: the fill alone.
            let outline = if is_selected { stroke } else { Stroke::NONE };
            painter.rect(
                r,
                CornerRadius::same(8),
                color,
                outline,
                egui::StrokeKind::Inside,
            );
            painter.text(
                r.center(),
                Align2::CENTER_CENTER,
                &label,
                t.small_font(),
                Color32::BLACK,
            );
            body_rect = r;
        }
    }
    // Bookmarked documents (or clusters holding one) wear a star.
    if !bookmarked.is_empty() && members.iter().any(|d| bookmarked.contains(d)) {
        painter.text(
            pos2(body_rect.left() - 1.0, body_rect.top() + 1.0),
            Align2::RIGHT_BOTTOM,
            "★",
            t.small_font(),
            t.selection,
        );
    }
    // Label.
    let mut hit = body_rect;
    if let MarkKind::Doc(_) = mark.kind {
        if mark.label_px > t.char_px_min() {
            let mut job =
                LayoutJob::single_section(label, TextFormat::simple(t.font(), label_color));
            job.wrap = TextWrapping {
                max_width: mark.label_px,
                max_rows: 1,
                break_anywhere: true,
                overflow_character: Some('…'),
            };
            let galley = painter.layout_job(job);
            let pos = if mark.label_left {
                // Its slack (room for a wider font) before it, so even then it ends before
                // its marker.
                let reach = galley.size().x * (1.0 + t.label_slack());
                pos2(left - 4.0 - reach, y - galley.size().y * 0.5)
            } else {
                pos2(marker_end + 4.0, y - galley.size().y * 0.5)
            };
            hit = hit.union(Rect::from_min_size(pos, galley.size()));
            if galley.elided {
                placed.labels.cut += 1;
            } else {
                placed.labels.whole += 1;
            }
            painter.galley(pos, galley, t.text);
        } else {
            placed.labels.bare += 1;
        }
    } else {
        placed.labels.badges += 1;
        placed.labels.in_badges += members.len();
    }
    // Where the selection is on screen, for overlays (the tour card) to keep clear of it.
    let selected_rect = is_selected.then_some(Selected {
        rect: hit,
        marker: body_rect,
    });
    for &d in members {
        if placed.clusters || members.len() == 1 {
            placed.rects.insert(d, body_rect);
        }
    }
    let sense = match mark.kind {
        MarkKind::Doc(_) => Sense::click_and_drag(),
        MarkKind::Cluster(_) => Sense::click(),
    };
    let response = ui.interact(hit.intersect(painter.clip_rect()), id, sense);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &accessible));
    if let MarkKind::Doc(d) = mark.kind {
        drag_marker(&response, d, f, corpus, placed, commands);
    }
    if response.hovered() {
        painter.rect_stroke(
            hit.expand(2.0),
            3.0,
            Stroke::new(1.0, t.hover),
            egui::StrokeKind::Outside,
        );
    }
    let clicked = response.clicked();
    response.on_hover_ui(|ui| hover_card(ui, corpus, members));
    if clicked {
        match &mark.kind {
            MarkKind::Doc(d) => commands.push(Command::Select(Some(*d))),
            MarkKind::Cluster(_) => {
                if at_deepest {
                    // Already as deep as zoom goes: open the first document instead.
                    commands.push(Command::Select(members.first().copied()));
                } else {
                    commands.push(Command::AnimateTo(cluster_zoom_window(
                        mark.days,
                        MIN_SPAN_DAYS,
                    )));
                }
            }
        }
    }
    selected_rect
}

pub(super) fn hover_card(ui: &mut Ui, corpus: &Corpus, members: &[DocIndex]) {
    let docs = corpus.library.docs();
    ui.set_max_width(420.0);
    if let [one] = members {
        if let Some(doc) = docs.get(*one) {
            ui.label(
                egui::RichText::new(format!("{}{}", doc.date_label(), date_precision_text(doc)))
                    .weak(),
            );
            ui.label(egui::RichText::new(&doc.title).strong());
            if let Some(drawn) = corpus.placement.dates.get(one) {
                let day = |d: f64| {
                    crate::timeline::days::date_of(d).map_or(String::new(), |d| d.to_string())
                };
                ui.label(
                    egui::RichText::new(format!(
                        "Placed at your date: {} to {}",
                        day(drawn.start),
                        day(drawn.end - 1.0)
                    ))
                    .weak(),
                );
            }
            let first = doc.summary_first_line();
            if !first.is_empty() {
                ui.label(first);
            }
        }
        return;
    }
    ui.label(
        egui::RichText::new(format!("{} documents — click to zoom in", members.len())).strong(),
    );
    for &d in members.iter().take(10) {
        if let Some(doc) = docs.get(d) {
            ui.label(format!("{} · {}", doc.date_label(), doc.title));
        }
    }
    if members.len() > 10 {
        ui.label(egui::RichText::new(format!("and {} more", members.len() - 10)).weak());
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn undated_bin(
    ui: &Ui,
    f: &Frame,
    lane: Rect,
    undated: &[DocIndex],
    corpus: &Corpus,
    selected: Option<DocIndex>,
    color: Color32,
    t: &Tokens,
    lane_no: usize,
    commands: &mut Vec<Command>,
) {
    if undated.is_empty() {
        return;
    }
    let r = Rect::from_center_size(
        pos2(f.undated.center().x, lane.top() + 4.0 + t.row_height * 0.5),
        vec2(f.undated.width() - 16.0, 18.0),
    );
    if !f.lanes_clip.contains_rect(r) {
        return;
    }
    let is_selected = selected.is_some_and(|s| undated.contains(&s));
    let stroke = if is_selected {
        Stroke::new(2.5, t.selection)
    } else {
        Stroke::new(1.0, color)
    };
    ui.painter().rect(
        r,
        CornerRadius::same(4),
        color.gamma_multiply(0.3),
        stroke,
        egui::StrokeKind::Inside,
    );
    // In the narrow strip the column keeps beside docked panels, the count alone (the
    // hover card and the accessible name say what it counts).
    let painter = ui.painter();
    let mut galley =
        painter.layout_no_wrap(format!("{} undated", undated.len()), t.small_font(), t.text);
    if galley.size().x > r.width() - 4.0 {
        galley = painter.layout_no_wrap(undated.len().to_string(), t.small_font(), t.text);
    }
    let at = Align2::CENTER_CENTER.anchor_size(r.center(), galley.size());
    painter.galley(at.min, galley, t.text);
    let response = ui.interact(r, Id::unique(("undated", lane_no)), Sense::click());
    let label = format!("{} undated documents in this lane", undated.len());
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    let clicked = response.clicked();
    response.on_hover_ui(|ui| hover_card(ui, corpus, undated));
    if clicked {
        let next = match selected.and_then(|s| undated.iter().position(|&d| d == s)) {
            Some(p) => undated[(p + 1) % undated.len()],
            None => undated[0],
        };
        commands.push(Command::Select(Some(next)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::timeline_panel::lanes::{drawn_lanes, LanePrefs};
    use crate::filters::Filters;
    use crate::search::SearchIndex;
    use crate::timeline::layout::layout_lane;
    use std::sync::Arc;

    /// A narrow search's ticks are worked out through its matches, a broad one's by walking
    /// each lane, and the ticks through the matches are the walk's, lane by lane; they are
    /// kept until the results or the scale change.
    #[test]
    fn a_narrow_search_ticks_every_density_lane_as_a_walk_would() {
        let (corpus, _, _) = crate::bench::load_synthetic(20_000);
        let lanes = drawn_lanes(
            &corpus,
            &LanePrefs::default(),
            &Filters::default(),
            &HashSet::new(),
        );
        let scale = TimeScale::new(TimeWindow::cold_war(), 180.5, 1500.0);
        let params = LayoutParams {
            density_threshold: 0,
            ..LayoutParams::default()
        };
        let layouts: Vec<Arc<crate::timeline::LaneLayout>> = lanes
            .iter()
            .map(|l| Arc::new(layout_lane(&l.index, |_| 40, &scale, &params)))
            .collect();
        assert!(layouts.iter().all(|l| l.is_density()));
        let mut search = SearchState::default();
        search.set_index(SearchIndex::build(&corpus.library), &corpus);
        let mut matches = MatchesCache::default();
        let mut kept = TicksCache::default();
        let docs = corpus.library.len();
        let mut frame = |search: &SearchState, kept: &mut TicksCache, scale: &TimeScale| {
            kept.begin(search.answer(), scale);
            search_ticks_through_matches(&mut matches, kept, &lanes, &layouts, search, scale, docs);
        };

        // Every lane's kept ticks are the walk's; how many there are in all.
        let walks_agree = |kept: &TicksCache, search: &SearchState, scale: &TimeScale| {
            let mut ticked = 0;
            for lane in &lanes {
                let walked =
                    ticks_by_walking(&lane.index, scale, |d| search.is_match(d) == Some(true));
                assert_eq!(
                    kept.get(&lane.index),
                    Some(walked.as_slice()),
                    "{}",
                    lane.name
                );
                ticked += walked.len();
            }
            ticked
        };

        search.set_text("puzanov", &corpus);
        let narrow = search.results.len();
        assert!(narrow > 0 && narrow < docs / 8, "{narrow} of {docs}");
        frame(&search, &mut kept, &scale);
        assert!(walks_agree(&kept, &search, &scale) > 0);
        let first = kept.get(&lanes[0].index).map(<[f32]>::to_vec);
        assert_eq!(
            Some(search_ticks(&mut kept, &lanes[0], &scale, &search).to_vec()),
            first
        );
        // Panned and zoomed with the same results: the matches gathered give the new ticks.
        let panned = TimeScale::new(
            TimeWindow::new(scale.window.start + 900.0, scale.window.end - 4000.0),
            180.5,
            1500.0,
        );
        frame(&search, &mut kept, &panned);
        assert!(walks_agree(&kept, &search, &panned) > 0);

        search.set_text("the", &corpus);
        assert!(search.results.len() > docs / 2);
        frame(&search, &mut kept, &scale);
        assert!(
            lanes.iter().all(|l| kept.get(&l.index).is_none()),
            "walked as drawn"
        );
        let walked = search_ticks(&mut kept, &lanes[0], &scale, &search).to_vec();
        assert!(!walked.is_empty());
        assert_eq!(kept.get(&lanes[0].index), Some(walked.as_slice()));

        search.set_text("", &corpus);
        frame(&search, &mut kept, &scale);
        assert!(search_ticks(&mut kept, &lanes[0], &scale, &search).is_empty());
    }
}
