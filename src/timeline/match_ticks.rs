//! A search's matches as ticks over density lanes: for each lane, the pixel columns where a
//! matching document starts, spaced two columns apart (a tick is two pixels wide).
//!
//! Two ways to the same ticks. Walking a lane in date order asks each document whether it
//! matches, and jumps two columns on after each tick: cheap when most documents match, but a
//! narrow search ("puzanov", a phrase) walks every document of every lane, a million at a
//! million, each frame. Going through the matches instead finds each one's lanes and start in
//! [`LaneMembers`] (the lanes turned inside out, built once per set of lanes) and gathers them
//! by lane ([`MatchStarts`], once per answer), from which any scale's ticks take a few binary
//! searches each. [`walk_is_cheaper`] picks the one with fewer steps.
//!
//! Pure: the view paints what these return.

use super::layout::LaneIndex;
use super::layout_cache::is_lane;
use super::scale::TimeScale;
use crate::model::DocIndex;
use std::sync::{Arc, Weak};

/// The lanes turned inside out: for each document, the lanes that hold it dated and the day
/// it starts on there.
#[derive(Clone, Debug, Default)]
pub struct LaneMembers {
    /// Each document's first lane and its start there, side by side: a match costs one read
    /// (most documents are in one lane, and the matches are spread over the whole library).
    first: Vec<Entry>,
    /// The further lanes of the documents in more than one, by document.
    more: Vec<(DocIndex, Entry)>,
}

/// A lane holding a document, and the day the document starts on there.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The lane's position in the slice built from; [`NO_LANE`] for none, and with
    /// [`MORE_LANES`] set when further lanes are in `more`.
    lane: u32,
    start: f32,
}

const NO_LANE: u32 = u32::MAX;
const MORE_LANES: u32 = 1 << 31;

impl LaneMembers {
    /// Built from `lanes` over a library of `docs` documents (documents past it are left out).
    pub fn build(lanes: &[&LaneIndex], docs: usize) -> LaneMembers {
        let none = Entry {
            lane: NO_LANE,
            start: 0.0,
        };
        let mut first = vec![none; docs];
        let mut more = Vec::new();
        // Lanes past 2^31 cannot be told from the flag; no timeline has a fraction of that.
        for (l, lane) in lanes.iter().enumerate().take(MORE_LANES as usize - 1) {
            let l = u32::try_from(l).unwrap_or(NO_LANE);
            for (doc, start) in lane.dated_starts() {
                let Some(slot) = first.get_mut(doc) else {
                    continue;
                };
                let entry = Entry { lane: l, start };
                if slot.lane == NO_LANE {
                    *slot = entry;
                } else {
                    slot.lane |= MORE_LANES;
                    more.push((doc, entry));
                }
            }
        }
        // By document, each one's lanes kept in the order given.
        more.sort_by_key(|&(doc, _)| doc);
        LaneMembers { first, more }
    }

    /// The lanes holding `doc` dated, with its start day in each.
    pub fn of(&self, doc: DocIndex) -> impl Iterator<Item = (usize, f32)> + '_ {
        let first = self.first.get(doc).filter(|e| e.lane != NO_LANE);
        let more = match first {
            Some(e) if e.lane & MORE_LANES != 0 => {
                let a = self.more.partition_point(|m| m.0 < doc);
                let b = self.more.partition_point(|m| m.0 <= doc);
                self.more.get(a..b).unwrap_or_default()
            }
            _ => &[],
        };
        first
            .into_iter()
            .chain(more.iter().map(|(_, e)| e))
            .map(|e| ((e.lane & !MORE_LANES) as usize, e.start))
    }

    /// Documents it was built over.
    pub fn docs(&self) -> usize {
        self.first.len()
    }
}

/// A search's matches, by lane: each lane's matching documents' start days, in order. Gathered
/// once per answer (a cache miss per match), they give the ticks for any scale in a few
/// binary searches per tick: a pan or a zoom with a narrow search on costs next to nothing.
#[derive(Clone, Debug, Default)]
pub struct MatchStarts {
    by_lane: Vec<Vec<f32>>,
}

impl MatchStarts {
    /// The starts of `matches` in each of the `lanes` lanes `members` was built from.
    pub fn gather(members: &LaneMembers, matches: &[DocIndex], lanes: usize) -> MatchStarts {
        let mut by_lane = vec![Vec::new(); lanes];
        for &doc in matches {
            for (lane, start) in members.of(doc) {
                if let Some(starts) = by_lane.get_mut(lane) {
                    starts.push(start);
                }
            }
        }
        // Already nearly in order: the library is in date order.
        for starts in &mut by_lane {
            starts.sort_unstable_by(f32::total_cmp);
        }
        MatchStarts { by_lane }
    }

    /// The tick columns over lane `lane` of its matches starting in the scale's window: the
    /// first one's column, then the first two columns on, and so on.
    pub fn ticks(&self, lane: usize, scale: &TimeScale) -> Vec<f32> {
        let starts = self.by_lane.get(lane).map_or(&[][..], Vec::as_slice);
        let window = scale.window;
        let from = starts.partition_point(|&s| f64::from(s) < window.start);
        let to = starts
            .partition_point(|&s| f64::from(s) < window.end)
            .max(from);
        let in_window = starts.get(from..to).unwrap_or_default();
        let mut ticks = Vec::new();
        let mut p = 0;
        while let Some(&start) = in_window.get(p) {
            let x = column(scale, f64::from(start));
            ticks.push(x);
            // Past this one (its column is before `x + 2`) to the next that can show a tick.
            let rest = in_window.get(p..).unwrap_or_default();
            p += rest
                .partition_point(|&s| column(scale, f64::from(s)) < x + TICK_COLUMNS)
                .max(1);
        }
        ticks
    }
}

/// For a narrow search: the drawn lanes turned inside out (kept until the lanes change) and
/// the results gathered by lane (kept until they or the lanes change).
#[derive(Clone, Debug, Default)]
pub struct MatchesCache {
    /// Held weakly, told apart by [`is_lane`].
    lanes: Vec<Weak<LaneIndex>>,
    members: LaneMembers,
    /// The results gathered, with their answer's number.
    gathered: Option<(u64, MatchStarts)>,
}

impl MatchesCache {
    /// The matches `matches` (answer number `answer`) gathered by lane over `lanes` (of a
    /// library of `docs` documents).
    pub fn starts(
        &mut self,
        lanes: &[&Arc<LaneIndex>],
        docs: usize,
        answer: u64,
        matches: &[DocIndex],
    ) -> &MatchStarts {
        let same_lanes = self.members.docs() == docs
            && self.lanes.len() == lanes.len()
            && self
                .lanes
                .iter()
                .zip(lanes)
                .all(|(kept, lane)| is_lane(kept, lane));
        if !same_lanes {
            let indexes: Vec<&LaneIndex> = lanes.iter().map(|l| l.as_ref()).collect();
            self.members = LaneMembers::build(&indexes, docs);
            self.lanes = lanes.iter().map(|l| Arc::downgrade(l)).collect();
            self.gathered = None;
        }
        if !matches!(&self.gathered, Some((kept, _)) if *kept == answer) {
            let starts = MatchStarts::gather(&self.members, matches, lanes.len());
            self.gathered = Some((answer, starts));
        }
        static NONE: MatchStarts = MatchStarts {
            by_lane: Vec::new(),
        };
        self.gathered.as_ref().map_or(&NONE, |(_, starts)| starts)
    }
}

/// The ticks of each lane kept from frame to frame while the matches and the scale stay: a
/// hover, an idle repaint or a search answer that has not arrived yet draws them again
/// without working them out again.
#[derive(Clone, Debug, Default)]
pub struct TicksCache {
    /// The matches (an answer's number, from whoever answers) and the scale kept for.
    key: Option<(u64, TimeScale)>,
    /// By lane, held weakly, told apart by [`is_lane`].
    lanes: Vec<(Weak<LaneIndex>, Vec<f32>)>,
}

impl TicksCache {
    /// Starts a frame showing matches `matches` on `scale`: what was kept for other matches
    /// or another scale is dropped.
    pub fn begin(&mut self, matches: u64, scale: &TimeScale) {
        if self.key != Some((matches, *scale)) {
            self.key = Some((matches, *scale));
            self.lanes.clear();
        }
    }

    /// The ticks kept for `lane`.
    pub fn get(&self, lane: &Arc<LaneIndex>) -> Option<&[f32]> {
        self.lanes
            .iter()
            .find(|(kept, _)| is_lane(kept, lane))
            .map(|(_, ticks)| ticks.as_slice())
    }

    /// Keeps `ticks` for `lane` (replacing any kept, and dropping those of lanes gone).
    pub fn insert(&mut self, lane: &Arc<LaneIndex>, ticks: Vec<f32>) {
        self.lanes
            .retain(|(kept, _)| kept.strong_count() > 0 && !is_lane(kept, lane));
        self.lanes.push((Arc::downgrade(lane), ticks));
    }
}

/// How wide a tick is, in columns: after one, the next can start this many columns on.
pub const TICK_COLUMNS: f32 = 2.0;

/// The column (whole pixel) of day `start` on `scale`: where a tick for it is drawn.
pub fn column(scale: &TimeScale, start: f64) -> f32 {
    floor(scale.x_of(start))
}

/// `x.floor()` for `|x|` below 2^31 (as [`TimeScale::x_of`] gives), without the call to the
/// C library that `f32::floor` is on a plain x86-64 build: it was a tenth of a narrow
/// search's ticks.
#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
fn floor(x: f32) -> f32 {
    let whole = x as i32 as f32;
    if whole > x {
        whole - 1.0
    } else {
        whole
    }
}

/// The tick columns over `lane` of the documents starting in the scale's window for which
/// `is_match` holds, walking the lane in date order (past the documents that could only
/// fall on a tick's second pixel).
pub fn ticks_by_walking(
    lane: &LaneIndex,
    scale: &TimeScale,
    is_match: impl Fn(DocIndex) -> bool,
) -> Vec<f32> {
    let window = scale.window;
    let mut ticked_x = f32::NEG_INFINITY;
    let starts = lane.spaced_starts(
        window.start,
        window.end,
        |doc, start| {
            if !is_match(doc) {
                return false;
            }
            let x = column(scale, start);
            let tick = x - ticked_x >= TICK_COLUMNS;
            if tick {
                ticked_x = x;
            }
            tick
        },
        // Asked from a little before the next column but one, so rounding never skips it.
        |start| scale.day_at(column(scale, start) + TICK_COLUMNS - 0.5),
    );
    starts.into_iter().map(|s| column(scale, s)).collect()
}

/// Whether walking the lanes takes fewer steps than going through `matches` of `docs`
/// documents, for lanes with `in_view` documents each starting in a window `columns` wide.
/// A walk finds a match about every `docs / matches` documents and ticks at most every
/// other column, so it stops short of a lane's end only when matches are common.
pub fn walk_is_cheaper(in_view: &[usize], matches: usize, docs: usize, columns: f32) -> bool {
    #[allow(clippy::cast_precision_loss)]
    let per_match = docs as f64 / matches.max(1) as f64;
    let ticks = f64::from(columns.max(1.0) / TICK_COLUMNS);
    #[allow(clippy::cast_precision_loss)]
    let walked: f64 = in_view
        .iter()
        .map(|&n| (n as f64).min(ticks * per_match))
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let through = matches as f64;
    walked < through
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Library;
    use crate::timeline::TimeWindow;
    use proptest::prelude::*;

    /// Day numbers from here on: 1950.
    const BASE: f64 = 7305.0;

    /// A lane of documents `members`, document `d` on day `days[d]` (one day long).
    fn lane(days: &[i64], members: impl IntoIterator<Item = DocIndex>) -> LaneIndex {
        #[allow(clippy::cast_precision_loss)]
        let placed = |d: DocIndex| {
            days.get(d)
                .map(|&n| (BASE + n as f64, BASE + n as f64 + 1.0))
        };
        LaneIndex::build_with(&Library::default(), members, placed)
    }

    /// `days` days over `width` pixels, from a fractional left edge.
    fn scale(days: i64, width: f32) -> TimeScale {
        #[allow(clippy::cast_precision_loss)]
        let window = TimeWindow::new(BASE, BASE + days as f64);
        TimeScale::new(window, 100.25, width)
    }

    #[test]
    fn members_name_each_documents_lanes_and_start() {
        let days = [0, 10, 20, 30];
        let a = lane(&days, [0, 1, 2]);
        let b = lane(&days, [2, 3]);
        let members = LaneMembers::build(&[&a, &b], days.len());
        assert_eq!(members.docs(), 4);
        let lanes_of = |d| members.of(d).map(|(l, _)| l).collect::<Vec<_>>();
        assert_eq!(lanes_of(0), vec![0]);
        assert_eq!(lanes_of(2), vec![0, 1]);
        assert_eq!(lanes_of(3), vec![1]);
        assert_eq!(lanes_of(9), Vec::<usize>::new());
        let start_of = |d| members.of(d).map(|(_, s)| s).next();
        assert_eq!(start_of(1), Some(7315.0));
        assert_eq!(start_of(3), Some(7335.0));
    }

    #[test]
    fn neighbours_within_a_column_make_one_tick() {
        // 100 days over 100 pixels: documents a day apart fall a pixel apart.
        let days = [10, 11, 12, 13, 40, 90];
        let n = days.len();
        let lane = lane(&days, 0..n);
        let s = scale(100, 100.0);
        let walked = ticks_by_walking(&lane, &s, |_| true);
        assert_eq!(walked.len(), 4, "{walked:?}");
        assert_eq!(walked[1] - walked[0], 2.0);
        let members = LaneMembers::build(&[&lane], n);
        let all: Vec<DocIndex> = (0..n).collect();
        let gathered = MatchStarts::gather(&members, &all, 1);
        assert_eq!(gathered.ticks(0, &s), walked);
        assert_eq!(gathered.ticks(1, &s), Vec::<f32>::new(), "no such lane");
    }

    #[test]
    fn few_matches_go_through_the_matches_and_many_walk() {
        let lanes = [80_000; 12];
        assert!(!walk_is_cheaper(&lanes, 15_000, 1_000_000, 1700.0));
        assert!(walk_is_cheaper(&lanes, 700_000, 1_000_000, 1700.0));
        assert!(walk_is_cheaper(&[10, 5], 15_000, 1_000_000, 1700.0));
    }

    #[test]
    fn matches_are_gathered_again_when_the_answer_or_the_lanes_change() {
        let days = [0, 10, 20];
        let a = Arc::new(lane(&days, [0, 1]));
        let b = Arc::new(lane(&days, [2]));
        let s = scale(100, 100.0);
        let mut cache = MatchesCache::default();
        let count = |m: &MatchStarts| (0..3).map(|l| m.ticks(l, &s).len()).collect::<Vec<_>>();
        assert_eq!(count(cache.starts(&[&a, &b], 3, 1, &[0, 2])), vec![1, 1, 0]);
        // The same answer: what was gathered, whatever is passed.
        assert_eq!(count(cache.starts(&[&a, &b], 3, 1, &[])), vec![1, 1, 0]);
        assert_eq!(count(cache.starts(&[&a, &b], 3, 2, &[0, 1])), vec![2, 0, 0]);
        // Other lanes: their members, gathered again.
        assert_eq!(count(cache.starts(&[&b, &a], 3, 2, &[0, 1])), vec![0, 2, 0]);
        let b2 = Arc::new(lane(&days, [1, 2]));
        assert_eq!(
            count(cache.starts(&[&a, &b2], 3, 2, &[0, 1])),
            vec![2, 1, 0]
        );
    }

    #[test]
    fn floor_is_the_floor() {
        for x in [
            0.0f32, 0.5, 1.0, 1.999, -0.5, -1.0, -1.5, 1.0e7, -1.0e7, 123.456,
        ] {
            assert_eq!(floor(x), x.floor(), "{x}");
        }
    }

    #[test]
    fn ticks_are_kept_for_the_same_matches_and_scale() {
        let days = [0, 10];
        let a = Arc::new(lane(&days, [0]));
        let b = Arc::new(lane(&days, [1]));
        let mut cache = TicksCache::default();
        cache.begin(1, &scale(100, 100.0));
        assert_eq!(cache.get(&a), None);
        cache.insert(&a, vec![110.0]);
        cache.insert(&a, vec![111.0]);
        cache.begin(1, &scale(100, 100.0));
        assert_eq!(cache.get(&a), Some(&[111.0][..]));
        assert_eq!(cache.get(&b), None);
        cache.begin(2, &scale(100, 100.0));
        assert_eq!(cache.get(&a), None, "other matches");
        cache.insert(&a, vec![112.0]);
        cache.begin(2, &scale(100, 120.0));
        assert_eq!(cache.get(&a), None, "another scale");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn floor_matches_the_library_floor(x in -1.0e7f32..1.0e7) {
            prop_assert_eq!(floor(x), x.floor());
        }

        /// Both ways give the same ticks, whatever the lanes, the matches and the scale.
        #[test]
        fn both_ways_give_the_same_ticks(
            days in proptest::collection::vec(-200i64..4000, 0..300),
            lane_of in proptest::collection::vec(0usize..4, 300),
            also in proptest::collection::vec(proptest::option::of(0usize..4), 300),
            matched in proptest::collection::vec(any::<bool>(), 300),
            span in 1i64..5000,
            width in 1.0f32..900.0,
        ) {
            let n = days.len();
            let lanes: Vec<LaneIndex> = (0..4)
                .map(|l| lane(&days, (0..n).filter(|&d| lane_of[d] == l || also[d] == Some(l))))
                .collect();
            let refs: Vec<&LaneIndex> = lanes.iter().collect();
            let members = LaneMembers::build(&refs, n);
            let matches: Vec<DocIndex> = (0..n).filter(|&d| matched[d]).collect();
            let s = scale(span, width);
            let gathered = MatchStarts::gather(&members, &matches, lanes.len());
            for (l, lane) in lanes.iter().enumerate() {
                let walked = ticks_by_walking(lane, &s, |d| matched[d]);
                prop_assert_eq!(gathered.ticks(l, &s), walked, "lane {}", l);
            }
        }
    }
}
