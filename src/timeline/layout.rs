//! Lanes and what is drawn in them: markers, stacked rows, clusters and density.
//!
//! A [`LaneIndex`] holds one lane's documents sorted by start day, built once per library.
//! [`layout_lane`] is a pure function of (lane, time scale, parameters): it finds the visible
//! documents by binary search, and either bins them per pixel column (too many to draw) or
//! stacks them in rows with their titles where there is room, folding neighbours into cluster
//! badges when the rows are full. Every visible document ends up in exactly one mark.

use super::scale::{day_of, TimeScale, TimeWindow};
use crate::model::{DocIndex, Library};
use std::ops::Range;

/// Longest span a document can cover (a year-precision date), used to widen the search window.
const LONGEST_SPAN_DAYS: f64 = 367.0;

/// A whole day number as f32 (exact below 2^24, far beyond any archive's dates).
#[allow(clippy::cast_possible_truncation)]
fn day_f32(day: f64) -> f32 {
    day as f32
}

/// One lane's documents in date order.
#[derive(Clone, Debug, Default)]
pub struct LaneIndex {
    docs: Vec<DocIndex>,
    /// Day numbers as f32: exact for whole days up to 2^24 (year 45,000), half the memory.
    starts: Vec<f32>,
    ends: Vec<f32>,
    undated: Vec<DocIndex>,
    /// The longest span any document covers, in days (a year for the archive's dates; a
    /// user's interval may be longer), so the window search never misses a long bar.
    longest: f64,
}

impl LaneIndex {
    /// Indexes `members` (documents of `library`) by start day; undated ones are kept apart.
    pub fn build(library: &Library, members: impl IntoIterator<Item = DocIndex>) -> LaneIndex {
        LaneIndex::build_with(library, members, |_| None)
    }

    /// Indexes `members` by start day, taking a document's days from `placed` where it gives
    /// them (the user's own date: start and end day, end exclusive) and from its date otherwise.
    pub fn build_with(
        library: &Library,
        members: impl IntoIterator<Item = DocIndex>,
        placed: impl Fn(DocIndex) -> Option<(f64, f64)>,
    ) -> LaneIndex {
        let mut dated: Vec<(f64, f64, DocIndex)> = Vec::new();
        let mut undated = Vec::new();
        for i in members {
            if let Some((s, e)) = placed(i) {
                dated.push((s, e, i));
                continue;
            }
            let Some(doc) = library.get(i) else { continue };
            match (doc.date.start(), doc.date.end_exclusive()) {
                (Some(s), Some(e)) => dated.push((day_of(s), day_of(e), i)),
                _ => undated.push(i),
            }
        }
        let longest = dated
            .iter()
            .map(|d| d.1 - d.0)
            .fold(LONGEST_SPAN_DAYS, f64::max);
        dated.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        LaneIndex {
            docs: dated.iter().map(|d| d.2).collect(),
            starts: dated.iter().map(|d| day_f32(d.0)).collect(),
            ends: dated.iter().map(|d| day_f32(d.1)).collect(),
            undated,
            longest,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len() + self.undated.len()
    }

    /// The documents for which `keep` holds, in the same order (no re-sort).
    pub fn filtered(&self, keep: impl Fn(DocIndex) -> bool) -> LaneIndex {
        let mut out = LaneIndex::default();
        for (i, &doc) in self.docs.iter().enumerate() {
            if keep(doc) {
                out.docs.push(doc);
                out.starts.push(self.starts[i]);
                out.ends.push(self.ends[i]);
            }
        }
        out.undated = self.undated.iter().copied().filter(|&d| keep(d)).collect();
        out.longest = self.longest;
        out
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn dated(&self) -> &[DocIndex] {
        &self.docs
    }

    pub fn undated(&self) -> &[DocIndex] {
        &self.undated
    }

    /// The days document position `p` covers, as f64.
    fn days(&self, p: usize) -> (f64, f64) {
        (f64::from(self.starts[p]), f64::from(self.ends[p]))
    }

    /// Number of documents starting in `[from, to)`.
    pub fn count_starting_in(&self, from: f64, to: f64) -> usize {
        let a = self.starts.partition_point(|&s| f64::from(s) < from);
        let b = self.starts.partition_point(|&s| f64::from(s) < to);
        b.saturating_sub(a)
    }

    /// The documents starting in `[from, to)`, with their start day, in date order.
    pub fn starting_in(&self, from: f64, to: f64) -> impl Iterator<Item = (DocIndex, f64)> + '_ {
        let a = self.starts.partition_point(|&s| f64::from(s) < from);
        let b = self.starts.partition_point(|&s| f64::from(s) < to).max(a);
        (a..b).map(move |p| (self.docs[p], f64::from(self.starts[p])))
    }

    /// Whether `doc`, which starts on day `start`, is one of this lane's dated documents
    /// (a binary search to the day, then a look among that day's documents).
    pub fn has_dated(&self, doc: DocIndex, start: f64) -> bool {
        let day = day_f32(start);
        let a = self.starts.partition_point(|&s| s < day);
        let b = self.starts.partition_point(|&s| s <= day);
        self.docs[a..b.max(a)].contains(&doc)
    }

    /// Candidate positions for the window (a superset: callers filter by end).
    fn candidates(&self, window: &TimeWindow) -> Range<usize> {
        let lo = self.starts.partition_point(|&s| {
            f64::from(s) < window.start - self.longest.max(LONGEST_SPAN_DAYS)
        });
        let hi = self.starts.partition_point(|&s| f64::from(s) < window.end);
        lo..hi.max(lo)
    }

    /// Days covered by the documents at lane positions `range` (first start, last end).
    fn span_of(&self, positions: impl Iterator<Item = usize>) -> Option<(f64, f64)> {
        positions.fold(None, |acc, p| {
            let (s, e) = (f64::from(self.starts[p]), f64::from(self.ends[p]));
            Some(match acc {
                None => (s, e),
                Some((a, b)) => (a.min(s), b.max(e)),
            })
        })
    }
}

/// Sizes that decide what fits, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutParams {
    /// Rows available in the lane.
    pub rows: usize,
    /// Width of a day marker (and the least width of any mark).
    pub marker_px: f32,
    /// Width of one title character.
    pub char_px: f32,
    /// Longest label drawn beside a marker.
    pub max_label_px: f32,
    /// Least free space between two marks in a row.
    pub gap_px: f32,
    /// Above this many candidates in view the lane shows density instead of marks.
    pub density_threshold: usize,
    /// Width of one density bin.
    pub bin_px: f32,
    /// Once neighbours had to be folded into clusters, give the labels back as much length as
    /// the rows still hold (posters: a page is not panned, so spare rows should carry text).
    pub regrow_labels: bool,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            rows: 4,
            marker_px: 10.0,
            char_px: 7.0,
            max_label_px: 260.0,
            gap_px: 6.0,
            density_threshold: 800,
            bin_px: 3.0,
            regrow_labels: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum MarkKind {
    /// One document.
    Doc(DocIndex),
    /// Several neighbours folded together: a range into [`LaneLayout::visible`].
    Cluster(Range<usize>),
}

/// Something drawn in a lane row.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub kind: MarkKind,
    /// Where the mark's time span starts and ends on screen (equal-ish for day documents).
    pub x0: f32,
    pub x1: f32,
    pub row: usize,
    /// Width given to the label; 0 when there was no room for one.
    pub label_px: f32,
    /// The label sits left of the marker (near the right edge, where there was no room for it
    /// on the right but room on the left).
    pub label_left: bool,
    /// Days covered (for cluster zoom and hover).
    pub days: (f64, f64),
}

impl Mark {
    pub fn count(&self) -> usize {
        match &self.kind {
            MarkKind::Doc(_) => 1,
            MarkKind::Cluster(r) => r.len(),
        }
    }
}

/// What one lane shows this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneLayout {
    /// Visible documents in date order (empty in density mode).
    pub visible: Vec<DocIndex>,
    pub marks: Vec<Mark>,
    /// Documents per bin of `bin_px`, left to right (empty unless in density mode).
    pub density: Vec<u32>,
    pub bin_px: f32,
    /// Documents in view (exact in mark mode, by start day in density mode).
    pub in_view: usize,
}

impl LaneLayout {
    pub fn is_density(&self) -> bool {
        !self.density.is_empty()
    }
}

struct Item {
    pos: usize,
    doc: DocIndex,
    x0: f32,
    x1: f32,
    label_px: f32,
}

/// Lays out one lane for the scale. `title_chars(doc)` gives a title's length in characters.
pub fn layout_lane(
    lane: &LaneIndex,
    title_chars: impl Fn(DocIndex) -> usize,
    scale: &TimeScale,
    params: &LayoutParams,
) -> LaneLayout {
    #[allow(clippy::cast_precision_loss)]
    let title_px = |d| title_chars(d) as f32 * params.char_px;
    layout_lane_measured(lane, title_px, scale, params)
}

/// [`layout_lane`] with each title's width measured (`title_px`) rather than estimated from
/// its length: for posters, where a title cut a few letters short for want of an exact width
/// cannot be panned into view.
pub fn layout_lane_measured(
    lane: &LaneIndex,
    title_px: impl Fn(DocIndex) -> f32,
    scale: &TimeScale,
    params: &LayoutParams,
) -> LaneLayout {
    let window = scale.window;
    // Decide on what starts in view; the candidates also hold up to a year before it (for
    // month and year spans reaching in), most of which the loop below drops.
    let starting = lane.count_starting_in(window.start, window.end);
    if starting > params.density_threshold {
        return density_layout(lane, scale, params);
    }
    let candidates = lane.candidates(&window);
    let mut items: Vec<Item> = Vec::new();
    for pos in candidates {
        if f64::from(lane.ends[pos]) <= window.start {
            continue;
        }
        let x0 = scale.x_of(f64::from(lane.starts[pos]));
        let x1 = scale.x_of(f64::from(lane.ends[pos]));
        let label_px = title_px(lane.docs[pos]).min(params.max_label_px);
        items.push(Item {
            pos,
            doc: lane.docs[pos],
            x0,
            x1,
            label_px,
        });
    }
    let visible: Vec<DocIndex> = items.iter().map(|i| i.doc).collect();
    let in_view = visible.len();
    let done = |marks: Vec<Mark>| LaneLayout {
        visible: visible.clone(),
        marks,
        density: Vec::new(),
        bin_px: params.bin_px,
        in_view,
    };
    // Shorter titles before clusters: a reader would rather see "Telegram from A. Miko…"
    // beside each marker than a badge, so labels shrink (down to about eighteen characters)
    // before neighbours are folded together.
    let shortest = (params.char_px * 18.0).min(params.max_label_px);
    let mut cap = params.max_label_px;
    loop {
        if let Some(marks) = try_stack(lane, &items, scale, params, 0.0, cap) {
            return done(marks);
        }
        if cap <= shortest {
            break;
        }
        cap = (cap * 0.6).max(shortest);
    }
    let mut radius = params.marker_px;
    loop {
        if let Some(mut marks) = try_stack(lane, &items, scale, params, radius, cap) {
            // The same clusters with longer labels, as long as they still stack.
            let mut longer = cap;
            while params.regrow_labels && longer < params.max_label_px {
                longer = (longer / 0.6).min(params.max_label_px);
                match try_stack(lane, &items, scale, params, radius, longer) {
                    Some(more) => marks = more,
                    None => break,
                }
            }
            return done(marks);
        }
        radius *= 2.0;
        if radius > scale.width * 4.0 {
            // Unreachable in practice (one cluster always fits); density is the honest fallback.
            return density_layout(lane, scale, params);
        }
    }
}

/// Groups items whose start lies within `radius` px of their group's first start, then stacks
/// the groups in rows. `None` when some group finds no row.
fn try_stack(
    lane: &LaneIndex,
    items: &[Item],
    scale: &TimeScale,
    params: &LayoutParams,
    radius: f32,
    label_cap: f32,
) -> Option<Vec<Mark>> {
    let rows = params.rows.max(1);
    let mut row_end = vec![f32::NEG_INFINITY; rows];
    let mut marks = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let first = &items[i];
        let mut j = i + 1;
        if radius > 0.0 {
            while j < items.len() && items[j].x0 - first.x0 < radius {
                j += 1;
            }
        }
        let left = first.x0.max(scale.left);
        let (kind, days, x1, label_px) = if j - i == 1 {
            (
                MarkKind::Doc(first.doc),
                lane.days(first.pos),
                first.x1,
                first.label_px.min(label_cap),
            )
        } else {
            let days = lane
                .span_of(items[i..j].iter().map(|it| it.pos))
                .unwrap_or_else(|| lane.days(first.pos));
            let x1 = items[i..j].iter().map(|it| it.x1).fold(first.x1, f32::max);
            #[allow(clippy::cast_precision_loss)]
            let badge = ((j - i).to_string().len() as f32 + 1.0) * params.char_px;
            (MarkKind::Cluster(i..j), days, x1, badge)
        };
        // A label never runs past the right edge. Near it, a title that does not fit on the
        // right goes to the left of its marker when a row has room there; else it gets what
        // room there is on the right, or none.
        let room = scale.right() - (left + params.marker_px + params.gap_px);
        let is_doc = matches!(kind, MarkKind::Doc(_));
        if is_doc && label_px > room {
            let label_start = left - params.gap_px - label_px;
            let fits_left = label_start >= scale.left;
            let free_left = |end: f32| end + params.gap_px <= label_start;
            if let Some(r) = row_end.iter().position(|&e| fits_left && free_left(e)) {
                row_end[r] = x1.max(left + params.marker_px);
                marks.push(Mark {
                    kind,
                    x0: first.x0,
                    x1,
                    row: r,
                    label_px,
                    label_left: true,
                    days,
                });
                i = j;
                continue;
            }
        }
        let label_px = if label_px > room {
            if room >= 3.0 * params.char_px && matches!(kind, MarkKind::Doc(_)) {
                room
            } else if matches!(kind, MarkKind::Doc(_)) {
                0.0
            } else {
                label_px
            }
        } else {
            label_px
        };
        let body_end = x1.max(left + params.marker_px);
        let with_label = body_end.max(left + params.marker_px + label_px);
        let free = |end: f32| end + params.gap_px <= left;
        let placed = if let Some(r) = row_end.iter().position(|&e| free(e)) {
            row_end[r] = with_label;
            Some((r, label_px))
        } else {
            None
        };
        let (row, label_px) = placed?;
        marks.push(Mark {
            kind,
            x0: first.x0,
            x1,
            row,
            label_px,
            label_left: false,
            days,
        });
        i = j;
    }
    // Drop labels that would run past the right edge into nothing? They are clipped when
    // painted; the reservation above already keeps them from overlapping.
    Some(marks)
}

fn density_layout(lane: &LaneIndex, scale: &TimeScale, params: &LayoutParams) -> LaneLayout {
    let bin_px = params.bin_px.max(1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let bins = (scale.width / bin_px).ceil().max(1.0) as usize;
    let mut density = Vec::with_capacity(bins);
    let mut in_view = 0usize;
    #[allow(clippy::cast_precision_loss)]
    for b in 0..bins {
        let from = scale.day_at(scale.left + b as f32 * bin_px);
        let to = scale.day_at(scale.left + (b + 1) as f32 * bin_px);
        let n = lane.count_starting_in(from, to);
        in_view += n;
        density.push(u32::try_from(n).unwrap_or(u32::MAX));
    }
    LaneLayout {
        visible: Vec::new(),
        marks: Vec::new(),
        density,
        bin_px,
        in_view,
    }
}

/// The window a cluster click zooms to: its days with a margin, at least `min_span` wide.
pub fn cluster_zoom_window(days: (f64, f64), min_span: f64) -> TimeWindow {
    let span = (days.1 - days.0).max(min_span);
    let center = (days.0 + days.1) * 0.5;
    TimeWindow::around(center, span * 1.3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{load_seeds, load_texts};
    use crate::timeline::scale::{Limits, TimeWindow};
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
                regrow_labels: true,
                ..LayoutParams::default()
            },
        ] {
            let layout = layout_lane(&lane, |d| lib.docs()[d].title.len(), &scale, &params);
            assert_rows_are_clear(&layout, &scale, &params);
        }
    }

    /// Posters: once neighbours are folded into clusters, the labels take back the length the
    /// rows still hold, rather than all staying at the shortest.
    #[test]
    fn regrown_labels_are_longer_and_still_clear() {
        let loaded = load_seeds();
        let lib = &loaded.library;
        let lane = LaneIndex::build(lib, 0..lib.len());
        let scale = TimeScale::new(TimeWindow::cold_war(), 0.0, 950.0);
        let mut params = LayoutParams {
            rows: 8,
            max_label_px: 1000.0,
            ..LayoutParams::default()
        };
        let title_px = |d: DocIndex| lib.docs()[d].title.chars().count() as f32 * 7.0;
        let total = |layout: &LaneLayout| -> f32 { layout.marks.iter().map(|m| m.label_px).sum() };
        let short = layout_lane_measured(&lane, title_px, &scale, &params);
        assert!(
            short
                .marks
                .iter()
                .any(|m| matches!(m.kind, MarkKind::Cluster(_))),
            "the seeds cluster at the whole span"
        );
        params.regrow_labels = true;
        let long = layout_lane_measured(&lane, title_px, &scale, &params);
        assert_eq!(short.visible, long.visible);
        assert!(
            total(&long) > total(&short) * 1.5,
            "{} vs {}",
            total(&long),
            total(&short)
        );
        assert_rows_are_clear(&long, &scale, &params);
    }

    fn assert_rows_are_clear(layout: &LaneLayout, scale: &TimeScale, params: &LayoutParams) {
        assert!(!layout.is_density());
        for row in 0..params.rows {
            let mut prev_end = f32::NEG_INFINITY;
            for m in layout.marks.iter().filter(|m| m.row == row) {
                let left = m.x0.max(scale.left);
                assert!(
                    left >= prev_end + params.gap_px - 0.01,
                    "overlap in row {row}"
                );
                prev_end =
                    m.x1.max(left + params.marker_px)
                        .max(left + params.marker_px + m.label_px);
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
}
