//! Lanes and what is drawn in them: markers, stacked rows, clusters and density.
//!
//! A [`LaneIndex`] holds one lane's documents sorted by start day, built once per library.
//! [`layout_lane`] is a pure function of (lane, time scale, parameters): it finds the visible
//! documents by binary search, and either bins them per pixel column (too many to draw) or
//! stacks them in rows with their titles. A title is cut, or a document folded into a count
//! badge, only where the space it needs is taken (by another marker, or by the least of
//! another title): free rows are used first. Every visible document ends up in exactly one
//! mark.

use super::days::day_of;
use super::scale::TimeScale;
use super::window::TimeWindow;
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
    /// Room kept after each title, as a share of its width, for a viewer that sets it in a
    /// wider font (paper: an SVG viewer that ignores the embedded fonts); the plot's edge is
    /// held to the title's own width.
    pub label_slack: f32,
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
            label_slack: 0.0,
        }
    }
}

/// The least of a title a label keeps once placed, in characters: a title in the way of a
/// later marker is cut no shorter than this (shorter, it would tell the reader nothing);
/// where not even this much has room, the later document is folded into a badge.
pub const LEAST_LABEL_CHARS: f32 = 12.0;

impl LayoutParams {
    /// The least width a label of `label_px` keeps once placed (all of it, when shorter).
    pub fn claim_px(&self, label_px: f32) -> f32 {
        label_px.min(self.char_px * LEAST_LABEL_CHARS)
    }

    /// How far a title of `label_px` reaches, with its slack.
    pub fn reach(&self, label_px: f32) -> f32 {
        label_px * (1.0 + self.label_slack.max(0.0))
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
    /// Rows the marks use (0 in density mode).
    pub rows_used: usize,
}

impl LaneLayout {
    pub fn is_density(&self) -> bool {
        !self.density.is_empty()
    }
}

/// How the documents drawn as marks are labelled (the figure of "titles you can read without
/// hovering"): counted where the labels are painted, summed over lanes and poster pages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LabelCounts {
    /// Documents whose whole title is drawn.
    pub whole: usize,
    /// Documents whose title is drawn shortened, ending in "…".
    pub cut: usize,
    /// Documents drawn as a marker with no title beside it.
    pub bare: usize,
    /// Count badges drawn.
    pub badges: usize,
    /// Documents folded into those badges.
    pub in_badges: usize,
}

impl LabelCounts {
    /// Every document counted (each is in exactly one of the four).
    pub fn documents(&self) -> usize {
        self.whole + self.cut + self.bare + self.in_badges
    }

    pub fn add(&mut self, other: LabelCounts) {
        self.whole += other.whole;
        self.cut += other.cut;
        self.bare += other.bare;
        self.badges += other.badges;
        self.in_badges += other.in_badges;
    }
}

impl std::fmt::Display for LabelCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} documents: {} whole titles, {} cut, {} without a title, {} badges holding {}",
            self.documents(),
            self.whole,
            self.cut,
            self.bare,
            self.badges,
            self.in_badges
        )
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
/// its length: what the app and the posters use, so a title laid out as whole is drawn whole.
pub fn layout_lane_measured(
    lane: &LaneIndex,
    mut title_px: impl FnMut(DocIndex) -> f32,
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
    let (marks, rows_used) = stack(lane, &items, scale, params);
    LaneLayout {
        visible,
        marks,
        density: Vec::new(),
        bin_px: params.bin_px,
        in_view,
        rows_used,
    }
}

/// One row while the marks are placed left to right.
#[derive(Clone, Copy, Debug)]
struct Row {
    /// Right end of what the row's last mark keeps whatever comes after it: its body (marker,
    /// bar or badge) and the least of its label ([`LayoutParams::claim_px`]).
    claim_end: f32,
    /// Right end of the last mark with its label as placed now.
    label_end: f32,
    /// The row's last mark, while its label may still be cut (a right-hand title).
    last: Option<usize>,
}

impl Row {
    const EMPTY: Row = Row {
        claim_end: f32::NEG_INFINITY,
        label_end: f32::NEG_INFINITY,
        last: None,
    };
}

/// Places the items left to right, each in the lowest row where it and its whole title fit
/// (a row not used yet counts as free). Only when no row is free is a title cut, and then
/// only the one in the way, to end a gap before the new marker (never shorter than its
/// claim); only when every row is taken even so is the item folded into the badge of the
/// item before it. A title that would run past the right edge goes left of its marker where
/// there is more room and a row has it free, else it is cut by the edge. Returns the marks
/// and the rows used.
///
/// Each item looks at the rows opened so far (at most `params.rows`), so the cost is the
/// items times the rows used. With more rows than it uses, the result is the same as with
/// just the rows it uses: the view lays a lane out once with all the rows it could have, and
/// again only when it gets fewer.
fn stack(
    lane: &LaneIndex,
    items: &[Item],
    scale: &TimeScale,
    params: &LayoutParams,
) -> (Vec<Mark>, usize) {
    let rows = params.rows.max(1);
    let gap = params.gap_px;
    let marker = params.marker_px;
    let mut open: Vec<Row> = Vec::new();
    let mut marks: Vec<Mark> = Vec::with_capacity(items.len());
    // The first item of each mark (clusters are ranges of items).
    let mut firsts: Vec<usize> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let left = item.x0.max(scale.left);
        let body_end = item.x1.max(left + marker);
        let want = item.label_px;
        // A label never runs past the right edge.
        let room = scale.right() - (left + marker + gap);
        let free = |r: &Row, until: f32| r.label_end + gap <= until;
        let first_free = |open: &[Row], until: f32| {
            open.iter()
                .position(|r| free(r, until))
                .or((open.len() < rows).then_some(open.len()))
        };
        // Near the right edge, the title goes left of its marker where there is more room
        // (cut by the left edge when even that is short).
        let left_room = left - gap - scale.left;
        let left_px = want.min(left_room / (1.0 + params.label_slack.max(0.0)));
        let flipped = (want > room && left_px > room && left_px >= 3.0 * params.char_px)
            .then(|| first_free(&open, left - gap - params.reach(left_px)))
            .flatten();
        let (row, label_px, label_left) = if let Some(r) = flipped {
            (r, left_px, true)
        } else if let Some(r) = first_free(&open, left) {
            (r, fit_to_edge(want, room, params), false)
        } else {
            // Every row's label reaches this marker: cut the one that keeps the most (the
            // one starting furthest left), if one can end a gap before this marker and
            // still keep its claim.
            let cut = open
                .iter()
                .enumerate()
                .filter(|(_, r)| r.claim_end + gap <= left)
                .filter_map(|(r, row)| row.last.map(|m| (r, m)))
                // A title drawn left of its marker does not reach this one: cutting it
                // would free nothing.
                .filter(|&(_, m)| !marks[m].label_left)
                .min_by(|a, b| {
                    label_start(&marks[a.1], scale, marker).total_cmp(&label_start(
                        &marks[b.1],
                        scale,
                        marker,
                    ))
                });
            match cut {
                Some((r, m)) => {
                    let start = label_start(&marks[m], scale, marker);
                    marks[m].label_px =
                        ((left - gap - start) / (1.0 + params.label_slack.max(0.0))).max(0.0);
                    (r, fit_to_edge(want, room, params), false)
                }
                None => {
                    // Fold into the mark holding the item before (the latest placed, so
                    // the last of its row): a badge over both.
                    if let (Some(m), Some(&first)) = (marks.len().checked_sub(1), firsts.last()) {
                        fold(&mut marks[m], lane, items, first..i + 1, params);
                        let mark = &marks[m];
                        let end = badge_end(mark, scale, params);
                        open[mark.row] = Row {
                            claim_end: end,
                            label_end: end,
                            last: None,
                        };
                        continue;
                    }
                    // Unreachable: the first item always finds a free row.
                    (0, 0.0, false)
                }
            }
        };
        if row == open.len() {
            open.push(Row::EMPTY);
        }
        marks.push(Mark {
            kind: MarkKind::Doc(item.doc),
            x0: item.x0,
            x1: item.x1,
            row,
            label_px,
            label_left,
            days: lane.days(item.pos),
        });
        firsts.push(i);
        open[row] = if label_left {
            Row {
                claim_end: body_end,
                label_end: body_end,
                last: None,
            }
        } else {
            Row {
                claim_end: body_end.max(left + marker + params.reach(params.claim_px(label_px))),
                label_end: body_end.max(left + marker + params.reach(label_px)),
                last: Some(marks.len() - 1),
            }
        };
    }
    (marks, open.len())
}

/// A title's width before the right edge: whole, cut to the room there is, or none.
fn fit_to_edge(want: f32, room: f32, params: &LayoutParams) -> f32 {
    if want <= room {
        want
    } else if room >= 3.0 * params.char_px {
        room
    } else {
        0.0
    }
}

/// Where a mark's right-hand label starts.
fn label_start(mark: &Mark, scale: &TimeScale, marker: f32) -> f32 {
    mark.x0.max(scale.left) + marker
}

/// Where a badge's body ends (its span, or its count beside its marker, with the labels'
/// slack: the count is text in the same font).
fn badge_end(mark: &Mark, scale: &TimeScale, params: &LayoutParams) -> f32 {
    let left = mark.x0.max(scale.left);
    mark.x1
        .max(left + params.marker_px)
        .max(left + params.marker_px + params.reach(mark.label_px))
}

/// Makes `mark` the badge of the consecutive items `members` (its own first).
fn fold(
    mark: &mut Mark,
    lane: &LaneIndex,
    items: &[Item],
    members: Range<usize>,
    params: &LayoutParams,
) {
    let Some(first) = items.get(members.start) else {
        return;
    };
    let group = items.get(members.clone()).unwrap_or_default();
    mark.days = lane
        .span_of(group.iter().map(|it| it.pos))
        .unwrap_or_else(|| lane.days(first.pos));
    mark.x1 = group.iter().map(|it| it.x1).fold(first.x1, f32::max);
    mark.label_left = false;
    #[allow(clippy::cast_precision_loss)]
    let badge = (members.len().to_string().len() as f32 + 1.0) * params.char_px;
    mark.label_px = badge;
    mark.kind = MarkKind::Cluster(members);
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
        rows_used: 0,
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
}
