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

    /// The dated documents with their start days, in date order.
    pub fn dated_starts(&self) -> impl Iterator<Item = (DocIndex, f32)> + '_ {
        self.docs.iter().copied().zip(self.starts.iter().copied())
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

    /// How many documents start in each of the consecutive ranges `[edges[i], edges[i + 1])`
    /// (`edges` ascending): [`LaneIndex::count_starting_in`] for every range at once, each
    /// edge found by galloping on from the one before, so a density lane's 600 bins over a
    /// million documents take one pass instead of 1,200 searches of the whole lane.
    pub fn counts_between(&self, edges: impl IntoIterator<Item = f64>) -> Vec<u32> {
        let mut counts = Vec::new();
        let mut at: Option<usize> = None;
        for edge in edges {
            let from = at.unwrap_or(0);
            let rest = self.starts.get(from..).unwrap_or_default();
            let p = from + gallop(rest, |s| f64::from(s) < edge);
            if let Some(prev) = at {
                counts.push(u32::try_from(p - prev).unwrap_or(u32::MAX));
            }
            at = Some(p);
        }
        counts
    }

    /// The documents starting in `[from, to)`, with their start day, in date order.
    pub fn starting_in(&self, from: f64, to: f64) -> impl Iterator<Item = (DocIndex, f64)> + '_ {
        let a = self.starts.partition_point(|&s| f64::from(s) < from);
        let b = self.starts.partition_point(|&s| f64::from(s) < to).max(a);
        (a..b).map(move |p| (self.docs[p], f64::from(self.starts[p])))
    }

    /// The start days, in date order, of the documents starting in `[from, to)` that pass
    /// `keep` (given the document and its start), spaced: after one is found, the search
    /// goes on from the first document starting on or after `next(its start)`, and those
    /// between are passed over unasked. One gallop per jump, so a search's ticks over a
    /// crowded lane cost a step per tick, not one per document.
    pub fn spaced_starts(
        &self,
        from: f64,
        to: f64,
        mut keep: impl FnMut(DocIndex, f64) -> bool,
        next: impl Fn(f64) -> f64,
    ) -> Vec<f64> {
        let mut found = Vec::new();
        let a = self.starts.partition_point(|&s| f64::from(s) < from);
        let b = self.starts.partition_point(|&s| f64::from(s) < to).max(a);
        let (starts, docs) = (&self.starts[a..b], &self.docs[a..b]);
        let mut p = 0;
        while p < starts.len() {
            let start = f64::from(starts[p]);
            p += 1;
            if keep(docs[p - 1], start) {
                found.push(start);
                let after = next(start);
                p += gallop(&starts[p..], |s| f64::from(s) < after);
            }
        }
        found
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

/// The first position in `sorted` where `below` stops holding (`below` holds for a prefix),
/// found by doubling a step from the front and then halving within the last step: a few
/// comparisons when that position is near the front, as the next bin's edge is.
fn gallop(sorted: &[f32], below: impl Fn(f32) -> bool) -> usize {
    let mut step = 1;
    while sorted.get(step - 1).is_some_and(|&s| below(s)) {
        step *= 2;
    }
    let lo = step / 2;
    let hi = step.min(sorted.len());
    lo + sorted
        .get(lo..hi)
        .unwrap_or_default()
        .partition_point(|&s| below(s))
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
        use crate::text::count;
        write!(
            f,
            "{}: {}, {} cut, {} without a title, {} holding {}",
            count(self.documents(), "document"),
            count(self.whole, "whole title"),
            self.cut,
            self.bare,
            count(self.badges, "badge"),
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
    #[allow(clippy::cast_precision_loss)]
    let density =
        lane.counts_between((0..=bins).map(|b| scale.day_at(scale.left + b as f32 * bin_px)));
    let in_view = density.iter().map(|&n| n as usize).sum();
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
mod tests;
