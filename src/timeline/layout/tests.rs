//! Tests of the lane layout: the index, stacking, folding, clusters and density.

use super::*;
use crate::ingest::{load_seeds, load_texts};
use crate::timeline::window::{Limits, TimeWindow};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> f64 {
    day_of(NaiveDate::from_ymd_opt(y, m, d).expect("valid"))
}

fn covered(layout: &LaneLayout) -> Vec<DocIndex> {
    let mut out = Vec::new();
    for m in &layout.marks {
        match &m.kind {
            MarkKind::Doc(d) => out.push(*d),
            MarkKind::Cluster(r) => out.extend(&layout.visible[r.clone()]),
        }
    }
    out.sort_unstable();
    out
}

fn synthetic_page(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let month = (i % 12) + 1;
        let dom = (i % 28) + 1;
        let year = 1945 + (i * 7 % 52);
        let name = crate::model::date::MONTH_NAMES[month - 1];
        text.push_str(&format!(
            "{name} {dom}, {year}\n\nDocument number {i} about things\n\n"
        ));
    }
    text
}

#[test]
fn every_visible_document_is_in_exactly_one_mark() {
    let page = synthetic_page(500);
    let loaded = load_texts(&[("p.txt", page.as_str())]);
    let lib = &loaded.library;
    let lane = LaneIndex::build(lib, 0..lib.len());
    let limits = Limits::new(TimeWindow::cold_war());
    let mut window = TimeWindow::cold_war();
    let params = LayoutParams::default();
    for _ in 0..30 {
        let scale = TimeScale::new(window, 0.0, 1200.0);
        let layout = layout_lane(&lane, |d| lib.docs()[d].title.len(), &scale, &params);
        if !layout.is_density() {
            let mut expected: Vec<DocIndex> = layout.visible.clone();
            expected.sort_unstable();
            expected.dedup();
            assert_eq!(
                expected.len(),
                layout.visible.len(),
                "no duplicates in view"
            );
            assert_eq!(covered(&layout), expected);
            for &d in &layout.visible {
                let doc = &lib.docs()[d];
                let (s, e) = (
                    day_of(doc.date.start().expect("dated")),
                    day_of(doc.date.end_exclusive().expect("dated")),
                );
                assert!(s < window.end && e > window.start);
            }
        }
        window = window.zoom_at(day(1956, 9, 20), 1.5, &limits);
    }
}

#[test]
fn marks_in_a_row_never_overlap() {
    let page = synthetic_page(300);
    let loaded = load_texts(&[("p.txt", page.as_str())]);
    let lib = &loaded.library;
    let lane = LaneIndex::build(lib, 0..lib.len());
    let scale = TimeScale::new(
        TimeWindow::new(day(1950, 1, 1), day(1960, 1, 1)),
        0.0,
        1600.0,
    );
    for params in [
        LayoutParams::default(),
        LayoutParams {
            rows: 8,
            max_label_px: 1000.0,
            ..LayoutParams::default()
        },
    ] {
        let layout = layout_lane(&lane, |d| lib.docs()[d].title.len(), &scale, &params);
        assert_rows_are_clear(&layout, &scale, &params);
    }
}

/// The whole span of the seeds at a poster's width: titles are cut, and documents
/// folded, only where the rows are taken, so most of the rows' room carries whole titles.
#[test]
fn the_seeds_whole_span_uses_the_free_rows_for_whole_titles() {
    let loaded = load_seeds();
    let lib = &loaded.library;
    let lane = LaneIndex::build(lib, 0..lib.len());
    let scale = TimeScale::new(TimeWindow::cold_war(), 0.0, 950.0);
    let title_px = |d: DocIndex| lib.docs()[d].title.chars().count() as f32 * 7.0;
    let params = LayoutParams {
        rows: 8,
        max_label_px: 1000.0,
        ..LayoutParams::default()
    };
    let layout = layout_lane_measured(&lane, title_px, &scale, &params);
    check_placement(&lane, &layout, &scale, &params, title_px);
    assert_rows_are_clear(&layout, &scale, &params);
    // With rows to spare, nothing is cut or folded but for the right edge.
    let roomy = LayoutParams { rows: 40, ..params };
    let layout = layout_lane_measured(&lane, title_px, &scale, &roomy);
    check_placement(&lane, &layout, &scale, &roomy, title_px);
    assert!(layout.rows_used < 40, "{}", layout.rows_used);
    for m in &layout.marks {
        let MarkKind::Doc(d) = m.kind else {
            panic!("a badge with rows to spare: {m:?}");
        };
        let end = m.x0.max(scale.left) + roomy.marker_px + m.label_px;
        assert!(
            m.label_px >= title_px(d).min(1000.0) - 0.01
                || end >= scale.right() - roomy.gap_px - 0.01,
            "{m:?}"
        );
    }
}

#[test]
fn a_title_is_cut_only_where_the_next_marker_needs_its_room() {
    // Three documents 20 days apart at 10 px a day, titles 200 px: in one row the first
    // two are cut to end a gap before the next marker; with three rows none is, and the
    // third takes the first row again, free by then.
    let lane = lane_of(&[(100.0, 101.0), (120.0, 121.0), (140.0, 141.0)]);
    let scale = TimeScale::new(TimeWindow::new(90.0, 190.0), 0.0, 1000.0);
    let one = LayoutParams {
        rows: 1,
        char_px: 1.0,
        ..LayoutParams::default()
    };
    let layout = layout_lane_measured(&lane, |_| 200.0, &scale, &one);
    // 12 characters of 1 px claim 12 px: room enough between markers 200 px apart.
    let labels: Vec<f32> = layout.marks.iter().map(|m| m.label_px).collect();
    assert_eq!(labels, vec![184.0, 184.0, 200.0]);
    let three = LayoutParams { rows: 3, ..one };
    let layout = layout_lane_measured(&lane, |_| 200.0, &scale, &three);
    let labels: Vec<(usize, f32)> = layout.marks.iter().map(|m| (m.row, m.label_px)).collect();
    assert_eq!(labels, vec![(0, 200.0), (1, 200.0), (0, 200.0)]);
    assert_eq!(layout.rows_used, 2);
    // Markers closer than a claim: the second title cannot fit, so it is folded with
    // the first into one badge; the third, past the claim, has a row again.
    let close = lane_of(&[(100.0, 101.0), (101.0, 102.0), (140.0, 141.0)]);
    let wide = LayoutParams {
        rows: 1,
        char_px: 7.0,
        ..LayoutParams::default()
    };
    let layout = layout_lane_measured(&close, |_| 200.0, &scale, &wide);
    assert_eq!(layout.marks.len(), 2, "{:?}", layout.marks);
    assert_eq!(layout.marks[0].kind, MarkKind::Cluster(0..2));
    assert_eq!(layout.marks[1].kind, MarkKind::Doc(2));
    check_placement(&close, &layout, &scale, &wide, |_| 200.0);
}

/// A lane of documents `0..n` over the given days (start, end exclusive).
fn lane_of(days: &[(f64, f64)]) -> LaneIndex {
    let mut sorted: Vec<(f64, f64, usize)> = days
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| (s, e, i))
        .collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    LaneIndex {
        docs: sorted.iter().map(|d| d.2).collect(),
        starts: sorted.iter().map(|d| day_f32(d.0)).collect(),
        ends: sorted.iter().map(|d| day_f32(d.1)).collect(),
        undated: Vec::new(),
        longest: sorted
            .iter()
            .map(|d| d.1 - d.0)
            .fold(LONGEST_SPAN_DAYS, f64::max),
    }
}

/// What a mark takes in its row: from where to where.
fn extent(m: &Mark, scale: &TimeScale, params: &LayoutParams) -> (f32, f32) {
    let left = m.x0.max(scale.left);
    let body = m.x1.max(left + params.marker_px);
    if m.label_left {
        (left - params.gap_px - params.reach(m.label_px), body)
    } else {
        (
            left,
            body.max(left + params.marker_px + params.reach(m.label_px)),
        )
    }
}

/// What a mark keeps whatever comes after it: its body and the least of its label.
fn claim_end(m: &Mark, scale: &TimeScale, params: &LayoutParams) -> f32 {
    let left = m.x0.max(scale.left);
    let body = m.x1.max(left + params.marker_px);
    match m.kind {
        MarkKind::Cluster(_) => body.max(left + params.marker_px + params.reach(m.label_px)),
        MarkKind::Doc(_) if m.label_left => body,
        MarkKind::Doc(_) => {
            body.max(left + params.marker_px + params.reach(params.claim_px(m.label_px)))
        }
    }
}

/// The placer's rules, checked on its result: every document in one mark; nothing
/// overlaps in a row or leaves the plot; a cut title has no free room of the width it
/// lost beside it, and keeps at least its claim unless the edge cut it; a document is
/// folded into a badge only when every other row is taken where it starts.
fn check_placement(
    lane: &LaneIndex,
    layout: &LaneLayout,
    scale: &TimeScale,
    params: &LayoutParams,
    mut title_px: impl FnMut(DocIndex) -> f32,
) {
    let eps = 0.01;
    let mut expected = layout.visible.clone();
    expected.sort_unstable();
    assert_eq!(covered(layout), expected, "every document in one mark");
    let first_of = |m: &Mark| match &m.kind {
        MarkKind::Cluster(r) => r.start,
        MarkKind::Doc(d) => layout.visible.iter().position(|v| v == d).unwrap_or(0),
    };
    for row in 0..params.rows.max(1) {
        let in_row: Vec<&Mark> = layout.marks.iter().filter(|m| m.row == row).collect();
        for pair in in_row.windows(2) {
            let (a, b) = (
                extent(pair[0], scale, params),
                extent(pair[1], scale, params),
            );
            assert!(
                a.1 + params.gap_px <= b.0 + eps,
                "overlap in row {row}: {pair:?}"
            );
        }
        for (k, m) in in_row.iter().enumerate() {
            let (from, to) = extent(m, scale, params);
            let MarkKind::Doc(d) = m.kind else { continue };
            assert!(from >= scale.left - eps, "{m:?}");
            let label_end = m.x0.max(scale.left) + params.marker_px + m.label_px;
            if !m.label_left && m.label_px > 0.0 {
                assert!(label_end <= scale.right() - params.gap_px + eps, "{m:?}");
            }
            let full = title_px(d).min(params.max_label_px);
            if m.label_left {
                // On the left only where the right has less room; cut only by the edge.
                let right_room = scale.right() - label_end + m.label_px - params.gap_px;
                assert!(m.label_px > right_room - eps, "{m:?}");
                assert!(
                    m.label_px >= full - eps || from <= scale.left + 0.1,
                    "{m:?}"
                );
                continue;
            }
            if m.label_px >= full - eps {
                continue;
            }
            // Cut: the room beside it (to the next mark, or to the edge) is less than
            // what it lost.
            let until = in_row
                .get(k + 1)
                .map_or(scale.right(), |next| extent(next, scale, params).0);
            let free = until - params.gap_px - to;
            assert!(
                free < params.reach(full) - params.reach(m.label_px),
                "{m:?} cut beside {free} px free"
            );
            let by_edge = label_end - m.label_px + full > scale.right() - params.gap_px + eps;
            assert!(
                by_edge || m.label_px >= params.claim_px(full) - eps,
                "{m:?} cut under its claim"
            );
        }
    }
    // Folded only when taken: where each later member starts, every other row holds a
    // mark placed before it whose claim reaches there.
    let left_of = |d: DocIndex| {
        let pos = lane.docs.iter().position(|&x| x == d).unwrap_or(0);
        scale.x_of(f64::from(lane.starts[pos])).max(scale.left)
    };
    for m in &layout.marks {
        let MarkKind::Cluster(r) = &m.kind else {
            continue;
        };
        for p in r.start + 1..r.end {
            let left = left_of(layout.visible[p]);
            for row in (0..params.rows.max(1)).filter(|&row| row != m.row) {
                let taken = layout.marks.iter().any(|o| {
                    o.row == row
                        && first_of(o) < p
                        && claim_end(o, scale, params) + params.gap_px > left - eps
                });
                assert!(taken, "member {p} of {m:?} folded though row {row} is free");
            }
        }
    }
}

fn assert_rows_are_clear(layout: &LaneLayout, scale: &TimeScale, params: &LayoutParams) {
    assert!(!layout.is_density());
    for row in 0..params.rows {
        let mut prev_end = f32::NEG_INFINITY;
        for m in layout.marks.iter().filter(|m| m.row == row) {
            let (from, to) = extent(m, scale, params);
            assert!(
                from >= prev_end + params.gap_px - 0.01,
                "overlap in row {row}"
            );
            prev_end = to;
        }
    }
}

#[test]
fn too_many_in_view_gives_density_that_counts_them() {
    let page = synthetic_page(2000);
    let loaded = load_texts(&[("p.txt", page.as_str())]);
    let lib = &loaded.library;
    let lane = LaneIndex::build(lib, 0..lib.len());
    let scale = TimeScale::new(TimeWindow::cold_war(), 0.0, 1000.0);
    let layout = layout_lane(&lane, |_| 20, &scale, &LayoutParams::default());
    assert!(layout.is_density());
    assert_eq!(layout.in_view, 2000);
    let total: u32 = layout.density.iter().sum();
    assert_eq!(total, 2000);
}

#[test]
fn september_1956_seeds_read_without_clusters_when_zoomed() {
    let loaded = load_seeds();
    let lib = &loaded.library;
    let lane = LaneIndex::build(lib, 0..lib.len());
    let scale = TimeScale::new(
        TimeWindow::new(day(1956, 9, 13), day(1956, 9, 29)),
        0.0,
        1400.0,
    );
    let params = LayoutParams {
        rows: 8,
        ..LayoutParams::default()
    };
    let layout = layout_lane(&lane, |d| lib.docs()[d].title.len(), &scale, &params);
    let sept: Vec<_> = layout
        .visible
        .iter()
        .filter(|&&d| lib.docs()[d].date_text.starts_with("September"))
        .collect();
    assert!(sept.len() >= 10, "{} September documents", sept.len());
    assert!(layout
        .marks
        .iter()
        .all(|m| matches!(m.kind, MarkKind::Doc(_))));
    assert!(
        layout.marks.iter().all(|m| m.label_px > 0.0),
        "every title has room"
    );
}

#[test]
fn undated_documents_are_kept_apart_not_lost() {
    let loaded = load_texts(&[("p.txt", "Undated\n\nA memo\n\nMay 1, 1950\n\nB memo\n")]);
    let lane = LaneIndex::build(&loaded.library, 0..loaded.library.len());
    assert_eq!(lane.len(), 2);
    assert_eq!(lane.undated().len(), 1);
    assert_eq!(lane.dated().len(), 1);
}

#[test]
fn cluster_zoom_window_is_padded_and_at_least_min_span() {
    let w = cluster_zoom_window((100.0, 101.0), 7.0);
    assert!(w.span() >= 7.0);
    assert!(w.contains(100.5));
}

proptest::proptest! {
    /// A density lane's bins counted in one galloping pass are the same counts as each
    /// range searched alone, for lanes with repeated days, bins past either end and empty
    /// bins.
    #[test]
    fn bins_counted_in_one_pass_match_each_range_counted_alone(
        starts in proptest::collection::vec(0u16..500, 0..300),
        first in -50.0f64..520.0,
        widths in proptest::collection::vec(0.0f64..40.0, 0..80),
    ) {
        let days: Vec<(f64, f64)> = starts.iter().map(|&s| (f64::from(s), f64::from(s) + 1.0)).collect();
        let lane = lane_of(&days);
        let edges: Vec<f64> = std::iter::once(first)
            .chain(widths.iter().scan(first, |at, w| {
                *at += w;
                Some(*at)
            }))
            .collect();
        let alone: Vec<u32> = edges
            .windows(2)
            .map(|w| u32::try_from(lane.count_starting_in(w[0], w[1])).unwrap_or(u32::MAX))
            .collect();
        proptest::prop_assert_eq!(lane.counts_between(edges.iter().copied()), alone);
    }

    /// Spaced starts are what a walk over every document gives: each start that passes
    /// and lies on or after `next` of the one found before it.
    #[test]
    fn spaced_starts_are_every_documents_walk_with_the_gaps_kept(
        starts in proptest::collection::vec(0u16..500, 0..300),
        kept in proptest::collection::vec(proptest::bool::ANY, 300),
        window in (-20.0f64..520.0, 0.0f64..600.0),
        gap in 0.0f64..30.0,
    ) {
        let days: Vec<(f64, f64)> = starts.iter().map(|&s| (f64::from(s), f64::from(s) + 1.0)).collect();
        let lane = lane_of(&days);
        let (from, to) = (window.0, window.0 + window.1);
        let keep = |d: DocIndex, _: f64| kept.get(d).copied().unwrap_or(false);
        let mut walked = Vec::new();
        let mut after = f64::NEG_INFINITY;
        for (doc, start) in lane.starting_in(from, to) {
            if start >= after && keep(doc, start) {
                walked.push(start);
                after = start + gap;
            }
        }
        proptest::prop_assert_eq!(lane.spaced_starts(from, to, keep, |s| s + gap), walked);
    }

    /// The placer's rules ([`check_placement`]) hold for any documents, titles, rows and
    /// zoom; and a lane laid out with more rows than it uses comes out the same as with
    /// just those (what the view relies on to lay a lane out once).
    #[test]
    fn titles_are_cut_and_folded_only_where_the_room_is_taken(
        docs in proptest::collection::vec(
            (0u16..400, proptest::sample::select(vec![1.0f64, 30.0, 365.0]), 0.0f32..500.0),
            0..60,
        ),
        window in (0u16..300, 5u16..400),
        width in 200.0f32..1600.0,
        rows in 1usize..7,
        char_px in 4.0f32..9.0,
        slack in proptest::sample::select(vec![0.0f32, 0.15]),
    ) {
        let days: Vec<(f64, f64)> = docs
            .iter()
            .map(|&(s, len, _)| (f64::from(s), f64::from(s) + len))
            .collect();
        let widths: Vec<f32> = docs.iter().map(|d| d.2).collect();
        let lane = lane_of(&days);
        let start = f64::from(window.0);
        let scale = TimeScale::new(
            TimeWindow::new(start, start + f64::from(window.1)),
            50.0,
            width,
        );
        let params = LayoutParams {
            rows,
            char_px,
            label_slack: slack,
            ..LayoutParams::default()
        };
        let title_px = |d: DocIndex| widths[d];
        let layout = layout_lane_measured(&lane, title_px, &scale, &params);
        check_placement(&lane, &layout, &scale, &params, title_px);
        proptest::prop_assert!(layout.rows_used <= rows);
        let just = LayoutParams {
            rows: layout.rows_used.max(1),
            ..params
        };
        let again = layout_lane_measured(&lane, title_px, &scale, &just);
        proptest::prop_assert_eq!(&again.marks, &layout.marks);
    }
}
