//! The lanes as drawn: the corpus's lanes in the user's order, minus hidden ones, filtered,
//! some collapsed to a density strip. Rebuilt only when the corpus, the filters or the user's
//! lane choices change.

use crate::corpus::Corpus;
use crate::filters::Filters;
use crate::model::DocIndex;
use crate::timeline::LaneIndex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// The user's choices about lanes, by lane name (names survive a re-import).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanePrefs {
    /// Lane names in the user's order; lanes not named keep the themes file's order after these.
    pub order: Vec<String>,
    pub hidden: BTreeSet<String>,
    pub collapsed: BTreeSet<String>,
    /// Broad lanes opened into their sub-lanes.
    #[serde(default)]
    pub expanded: BTreeSet<String>,
    /// What the lanes group by.
    #[serde(default)]
    pub group_by: crate::placement::GroupBy,
}

/// One lane as drawn this frame.
#[derive(Clone, Debug)]
pub struct DrawnLane {
    pub name: String,
    pub color: [u8; 3],
    pub index: Arc<LaneIndex>,
    pub collapsed: bool,
    /// Documents in the lane before filtering.
    pub total: usize,
}

impl LanePrefs {
    /// The corpus's lane positions in the user's order (hidden ones included).
    pub fn ordered(&self, corpus: &Corpus) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .order
            .iter()
            .filter_map(|name| corpus.lanes.iter().position(|l| &l.name == name))
            .collect();
        for i in 0..corpus.lanes.len() {
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// Moves the lane named `name` one place up (-1) or down (+1).
    pub fn move_lane(&mut self, corpus: &Corpus, name: &str, delta: i32) {
        let mut names: Vec<String> = self
            .ordered(corpus)
            .into_iter()
            .filter_map(|i| corpus.lanes.get(i).map(|l| l.name.clone()))
            .collect();
        let Some(at) = names.iter().position(|n| n == name) else {
            return;
        };
        let to = (i64::try_from(at).unwrap_or(0) + i64::from(delta))
            .clamp(0, i64::try_from(names.len().saturating_sub(1)).unwrap_or(0));
        let to = usize::try_from(to).unwrap_or(at);
        let lane = names.remove(at);
        names.insert(to, lane);
        self.order = names;
    }

    fn toggle(set: &mut BTreeSet<String>, name: &str) {
        if !set.remove(name) {
            set.insert(name.to_string());
        }
    }

    pub fn toggle_hidden(&mut self, name: &str) {
        Self::toggle(&mut self.hidden, name);
    }

    pub fn toggle_collapsed(&mut self, name: &str) {
        Self::toggle(&mut self.collapsed, name);
    }

    pub fn toggle_expanded(&mut self, name: &str) {
        Self::toggle(&mut self.expanded, name);
    }

    /// The lanes to draw, in order: each broad lane, or its sub-lanes when it is expanded.
    /// Hidden ones included.
    pub fn visible_lanes<'c>(&self, corpus: &'c Corpus) -> Vec<&'c crate::corpus::Lane> {
        let mut out = Vec::new();
        for i in self.ordered(corpus) {
            let Some(lane) = corpus.lanes.get(i) else {
                continue;
            };
            match corpus.sub_lanes.get(&lane.name) {
                Some(subs) if self.expanded.contains(&lane.name) => out.extend(subs.iter()),
                _ => out.push(lane),
            }
        }
        out
    }
}

/// Whether document `doc` is shown: it passes the filters and its lane is not hidden. The one
/// rule for "is this shown": the drawn lanes, stepping through documents and counts use it.
pub fn is_shown(
    corpus: &Corpus,
    prefs: &LanePrefs,
    filters: &Filters,
    bookmarked: &HashSet<DocIndex>,
    doc: DocIndex,
) -> bool {
    let kept = !filters.is_active() || filters.keep(corpus, doc, bookmarked);
    kept && (prefs.hidden.is_empty() || {
        let (broad, sub) = corpus.lane_names_of(doc);
        let sub_hidden =
            prefs.expanded.contains(&broad) && sub.is_some_and(|sub| prefs.hidden.contains(&sub));
        !prefs.hidden.contains(&broad) && !sub_hidden
    })
}

/// Builds the drawn lanes. Unfiltered lanes share the corpus's index (no copy).
pub fn drawn_lanes(
    corpus: &Corpus,
    prefs: &LanePrefs,
    filters: &Filters,
    bookmarked: &HashSet<DocIndex>,
) -> Vec<DrawnLane> {
    prefs
        .visible_lanes(corpus)
        .into_iter()
        .filter(|lane| !prefs.hidden.contains(&lane.name))
        .map(|lane| DrawnLane {
            name: lane.name.clone(),
            color: lane.color,
            index: if filters.is_active() {
                Arc::new(
                    lane.index
                        .filtered(|d| is_shown(corpus, prefs, filters, bookmarked, d)),
                )
            } else {
                Arc::clone(&lane.index)
            },
            collapsed: prefs.collapsed.contains(&lane.name),
            total: lane.index.len(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_seeds;
    use crate::themes::ThemeSet;

    #[test]
    fn hide_reorder_and_filter() {
        let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
        let mut prefs = LanePrefs::default();
        let all = drawn_lanes(&corpus, &prefs, &Filters::default(), &HashSet::new());
        assert_eq!(all.len(), corpus.lanes.len());
        let first = all[0].name.clone();
        prefs.toggle_hidden(&first);
        let fewer = drawn_lanes(&corpus, &prefs, &Filters::default(), &HashSet::new());
        assert_eq!(fewer.len(), all.len() - 1);
        assert!(fewer.iter().all(|l| l.name != first));
        prefs.toggle_hidden(&first);
        prefs.move_lane(&corpus, &first, 1);
        let moved = drawn_lanes(&corpus, &prefs, &Filters::default(), &HashSet::new());
        assert_eq!(moved[1].name, first);
        let only_bookmarked = Filters {
            bookmarked_only: true,
            ..Filters::default()
        };
        let lanes = drawn_lanes(
            &corpus,
            &prefs,
            &only_bookmarked,
            &[0].into_iter().collect(),
        );
        assert_eq!(lanes.iter().map(|l| l.index.len()).sum::<usize>(), 1);
    }
}
