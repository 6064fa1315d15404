//! Everything the views need about a loaded library, computed once per load.
//!
//! A [`Corpus`] bundles the immutable [`Library`], its theme classification, one [`Lane`] per
//! broad theme (plus "Other"), the sub-lanes a broad lane opens into, the time extent, and the
//! month histogram behind the overview strip.
//! It is built off the UI thread and swapped in whole; nothing here knows egui.
//!
//! The workspace's [`Placement`](crate::placement::Placement) is an input: [`Corpus::placed`]
//! (in `placed.rs`) derives a corpus with the user's dates, hand-set lanes and grouping;
//! `placement` never imports this module.

mod placed;

use crate::ingest::{FileReport, Loaded};
use crate::model::{DocIndex, Library};
use crate::themes::{Classification, ThemeSet, OTHER_NAME};
use crate::timeline::days::{day_of, year_start};
use crate::timeline::{LaneIndex, TimeWindow};
use chrono::Datelike;
use std::sync::Arc;

/// One horizontal lane of the timeline.
#[derive(Clone, Debug)]
pub struct Lane {
    pub name: String,
    pub color: [u8; 3],
    pub index: Arc<LaneIndex>,
}

/// Documents per calendar month over the extent, for the overview strip.
#[derive(Clone, Debug, Default)]
pub struct Histogram {
    /// Year and 0-based month of the first bin.
    pub first: (i32, u32),
    pub months: Vec<u32>,
}

impl Histogram {
    fn build(library: &Library, extent: &TimeWindow) -> Histogram {
        let Some(first) = crate::timeline::days::date_of(extent.start) else {
            return Histogram::default();
        };
        let Some(last) = crate::timeline::days::date_of(extent.end) else {
            return Histogram::default();
        };
        let index = |y: i32, m0: u32| -> i64 {
            (i64::from(y) - i64::from(first.year())) * 12 + i64::from(m0)
                - i64::from(first.month0())
        };
        let len = usize::try_from(index(last.year(), last.month0()) + 1).unwrap_or(0);
        let mut months = vec![0u32; len];
        for doc in library.docs() {
            if let Some(start) = doc.date.start() {
                if let Ok(i) = usize::try_from(index(start.year(), start.month0())) {
                    if let Some(slot) = months.get_mut(i) {
                        *slot = slot.saturating_add(1);
                    }
                }
            }
        }
        Histogram {
            first: (first.year(), first.month0()),
            months,
        }
    }

    /// Day number where bin `i` starts.
    pub fn bin_start(&self, i: usize) -> f64 {
        let months = i64::from(self.first.1) + i64::try_from(i).unwrap_or(0);
        let year = i64::from(self.first.0) + months.div_euclid(12);
        let m0 = months.rem_euclid(12);
        let year = i32::try_from(year).unwrap_or(i32::MAX);
        chrono::NaiveDate::from_ymd_opt(year, u32::try_from(m0).unwrap_or(0) + 1, 1)
            .map_or(0.0, day_of)
    }
}

/// A lane to index: the lane it is a sub-lane of (`None`: a lane), its name, colour and
/// documents.
type PlannedLane = (Option<String>, String, [u8; 3], Vec<DocIndex>);

/// A loaded library with everything derived from it.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Shared: a corpus re-placed by the workspace ([`Corpus::placed`]) shares it.
    pub library: Arc<Library>,
    pub themes: ThemeSet,
    pub classification: Arc<Classification>,
    /// One lane per broad theme with documents, in the themes file's order, then "Other".
    pub lanes: Vec<Lane>,
    /// Per broad lane (by name), the lanes it opens into: its sub-themes with documents, and
    /// "<broad> (general)" for the documents only the broad theme places. Absent for a broad
    /// lane with no sub-theme documents.
    pub sub_lanes: std::collections::BTreeMap<String, Vec<Lane>>,
    /// 1945 through 1996, grown to include any document dated outside it.
    pub extent: TimeWindow,
    pub histogram: Histogram,
    pub files: Arc<Vec<FileReport>>,
    /// Files not read because the load was cancelled.
    pub skipped: usize,
    /// Counts the status bar shows every frame, computed once.
    pub stats: Stats,
    /// Per theme: documents listed and placed, Other, crowded documents (the Lanes menu).
    pub theme_stats: crate::themes::ThemeStats,
    /// The lanes and sub-lanes the theme rules alone make (`lanes` and `sub_lanes` are these
    /// until the workspace places documents: [`Corpus::placed`]).
    pub rule_lanes: Arc<RuleLanes>,
    /// The user's dates, hand-set lanes and grouping behind `lanes`.
    pub placement: Arc<crate::placement::Placement>,
    /// What the library cache did for this load (its note, the index it holds, the write
    /// still to do).
    pub cache: Arc<crate::cache::Status>,
}

/// Lanes and sub-lanes by theme rule.
pub type RuleLanes = (Vec<Lane>, std::collections::BTreeMap<String, Vec<Lane>>);

/// Counts over the whole corpus, computed once per load so no frame walks every document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub undated: usize,
    /// Documents dated before 1945 or after 1996.
    pub out_of_span: usize,
    pub warnings: usize,
    pub errors: usize,
    pub failed_files: usize,
}

impl Stats {
    fn of(library: &Library, files: &[FileReport]) -> Stats {
        let span = TimeWindow::cold_war();
        let mut stats = Stats::default();
        for d in library.docs() {
            match d.date.start() {
                None => stats.undated += 1,
                Some(s) if !span.contains(day_of(s)) => stats.out_of_span += 1,
                Some(_) => {}
            }
        }
        for f in files {
            stats.failed_files += usize::from(f.failed);
            for d in &f.diagnostics {
                match d.severity {
                    crate::ingest::Severity::Warning => stats.warnings += 1,
                    crate::ingest::Severity::Error => stats.errors += 1,
                }
            }
        }
        stats
    }
}

impl Corpus {
    pub fn build(loaded: Loaded, themes: ThemeSet) -> Corpus {
        Corpus::build_with(loaded, themes, None)
    }

    /// A corpus from a load through the library cache: its classification when the cache had
    /// one under these themes, and what the cache still has to do.
    pub fn from_cache(load: crate::cache::CachedLoad, themes: ThemeSet) -> Corpus {
        let crate::cache::CachedLoad {
            loaded,
            classification,
            status,
        } = load;
        let build = crate::phases::start("corpus: build");
        let corpus = Corpus {
            cache: Arc::new(status),
            ..Corpus::build_with(loaded, themes, classification)
        };
        build.done();
        corpus
    }

    /// [`Corpus::build`] with the classification already made (`None`: classify now).
    pub fn build_with(
        loaded: Loaded,
        themes: ThemeSet,
        classification: Option<Classification>,
    ) -> Corpus {
        let Loaded {
            library,
            files,
            skipped,
        } = loaded;
        let classify = crate::phases::start("classify");
        let classification = classification.unwrap_or_else(|| themes.classify(&library));
        classify.done();
        let lanes_phase = crate::phases::start("lanes");
        let other = classification.other_lane();
        let lane_count = classification.lane_count();
        // Documents by placing theme (a sub-theme, a broad theme, or Other).
        let mut placed: Vec<Vec<DocIndex>> = vec![Vec::new(); lane_count];
        for (doc, &lane) in classification.lane_of.iter().enumerate() {
            if let Some(m) = placed.get_mut(usize::from(lane)) {
                m.push(doc);
            }
        }
        let broad_of = |theme: usize| {
            if theme == usize::from(other) {
                theme
            } else {
                themes.broad_of(theme)
            }
        };
        let name_color = |i: usize| match themes.themes.get(i) {
            Some(t) => (t.name.clone(), t.color),
            None => (OTHER_NAME.to_string(), [150, 150, 150]),
        };
        // Lanes with no document of their own are left out; their documents' other themes
        // still name them in the detail panel. Planned here (a lane, or a sub-lane of the
        // lane named first), then indexed on all cores: at a million documents the indexes
        // are the larger part of building a corpus.
        let mut planned: Vec<PlannedLane> = Vec::new();
        for broad in (0..lane_count).filter(|&t| broad_of(t) == t) {
            let parts: Vec<usize> = (0..lane_count)
                .filter(|&t| broad_of(t) == broad && !placed[t].is_empty())
                .collect();
            if parts.is_empty() {
                continue;
            }
            let (name, color) = name_color(broad);
            let mut all: Vec<DocIndex> = parts.iter().flat_map(|&t| placed[t].clone()).collect();
            all.sort_unstable();
            if parts.iter().any(|&t| t != broad) {
                for &t in &parts {
                    let (sub_name, sub_color) = name_color(t);
                    let sub_name = if t == broad {
                        format!("{sub_name} (general)")
                    } else {
                        sub_name
                    };
                    planned.push((Some(name.clone()), sub_name, sub_color, placed[t].clone()));
                }
            }
            planned.push((None, name, color, all));
        }
        let index_lanes = || {
            use rayon::prelude::*;
            // Each document's days once (a document is in its lane and its sub-lane), in
            // one compact list the lanes read instead of a million scattered documents.
            let days: Vec<Option<(f64, f64)>> = library
                .docs()
                .par_iter()
                .map(|d| TimeWindow::of_date(d.date).map(|w| (w.start, w.end)))
                .collect();
            planned
                .into_par_iter()
                .map(|(parent, name, color, docs)| {
                    let placed = |i: DocIndex| days.get(i).copied().flatten();
                    let index = Arc::new(LaneIndex::build_with(&library, docs, placed));
                    (parent, Lane { name, color, index })
                })
                .collect::<Vec<_>>()
        };
        let figures = || {
            let rest = crate::phases::start("stats and histogram");
            let theme_stats = themes.stats(&classification);
            let extent = extent_of(&library);
            let histogram = Histogram::build(&library, &extent);
            let stats = Stats::of(&library, &files);
            rest.done();
            (theme_stats, extent, histogram, stats)
        };
        let (indexed, (theme_stats, extent, histogram, stats)) = rayon::join(index_lanes, figures);
        let mut lanes = Vec::new();
        let mut sub_lanes: std::collections::BTreeMap<String, Vec<Lane>> = Default::default();
        for (parent, lane) in indexed {
            match parent {
                Some(parent) => sub_lanes.entry(parent).or_default().push(lane),
                None => lanes.push(lane),
            }
        }
        lanes_phase.done();
        let rule_lanes = Arc::new((lanes.clone(), sub_lanes.clone()));
        Corpus {
            rule_lanes,
            placement: Arc::default(),
            library: Arc::new(library),
            themes,
            classification: Arc::new(classification),
            lanes,
            sub_lanes,
            theme_stats,
            extent,
            histogram,
            files: Arc::new(files),
            skipped,
            stats,
            cache: Arc::default(),
        }
    }

    /// Names of the themes of document `doc` (every matching theme, or "Other").
    pub fn theme_names(&self, doc: DocIndex) -> Vec<&str> {
        match self.classification.themes_of.get(doc) {
            Some(themes) if !themes.is_empty() => themes
                .iter()
                .filter_map(|&t| self.themes.themes.get(usize::from(t)))
                .map(|t| t.name.as_str())
                .collect(),
            _ => vec![OTHER_NAME],
        }
    }

    /// The broad lane and, when it has sub-lanes, the sub-lane of document `doc`, by name.
    pub fn lane_names_of(&self, doc: DocIndex) -> (String, Option<String>) {
        if let Some(lane) = self.placement.lane_of.get(&doc) {
            let parent = self
                .sub_lanes
                .iter()
                .find(|(_, subs)| subs.iter().any(|s| &s.name == lane));
            return match parent {
                Some((broad, _)) => (broad.clone(), Some(lane.clone())),
                None => (lane.clone(), None),
            };
        }
        if self.placement.group_by != crate::placement::GroupBy::Theme {
            let lane = self
                .placement
                .group_of
                .get(doc)
                .and_then(|&i| self.lanes.get(usize::try_from(i).ok()?));
            return (lane.map_or_else(String::new, |l| l.name.clone()), None);
        }
        let placing = self
            .classification
            .lane_of
            .get(doc)
            .copied()
            .unwrap_or(self.classification.other_lane());
        if placing == self.classification.other_lane() {
            return (OTHER_NAME.to_string(), None);
        }
        let theme = usize::from(placing);
        let broad = self.themes.broad_of(theme);
        let broad_name = self
            .themes
            .lane_name(u16::try_from(broad).unwrap_or(u16::MAX));
        let sub = self.sub_lanes.get(broad_name).map(|_| {
            if broad == theme {
                format!("{broad_name} (general)")
            } else {
                self.themes.lane_name(placing).to_string()
            }
        });
        (broad_name.to_string(), sub)
    }

    /// Any lane by name: a broad lane or a sub-lane.
    pub fn lane_named(&self, name: &str) -> Option<&Lane> {
        self.lanes
            .iter()
            .chain(self.sub_lanes.values().flatten())
            .find(|l| l.name == name)
    }

    pub fn undated_count(&self) -> usize {
        self.stats.undated
    }

    /// Documents dated before 1945 or after 1996.
    pub fn out_of_span_count(&self) -> usize {
        self.stats.out_of_span
    }
}

/// 1945-01-01 to 1997-01-01, widened to whole years around any document outside it.
pub fn extent_of(library: &Library) -> TimeWindow {
    let base = TimeWindow::cold_war();
    let mut start = base.start;
    let mut end = base.end;
    for doc in library.docs() {
        if let (Some(s), Some(e)) = (doc.date.start(), doc.date.end_exclusive()) {
            start = start.min(year_start(s.year()));
            end = end.max(year_start(e.year() + i32::from(e.ordinal() > 1)));
        }
    }
    TimeWindow::new(start, end)
}
