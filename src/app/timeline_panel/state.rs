//! The timeline's view state: where it looks and what it draws (the window, the selection,
//! the filters, the lanes as drawn, the context band's switches), apart from how it paints.
//!
//! No egui here; the view, the overview and the context band read it each frame.

use crate::app::timeline_panel::context_band::ContextState;
use crate::app::timeline_panel::lanes::{self, DrawnLane, LanePrefs};
use crate::app::timeline_panel::navigation::Navigation;
use crate::app::timeline_panel::overview::OverviewState;
use crate::app::timeline_panel::view::ViewState;
use crate::corpus::Corpus;
use crate::filters::Filters;
use crate::model::DocIndex;
use std::collections::HashSet;

/// What the timeline shows, and where.
pub(in crate::app) struct TimelineState {
    pub nav: Navigation,
    pub selected: Option<DocIndex>,
    pub view: ViewState,
    pub overview: OverviewState,
    pub filters: Filters,
    pub lane_prefs: LanePrefs,
    /// The lanes as drawn; rebuilt when `lanes_dirty`.
    pub drawn: Vec<DrawnLane>,
    pub lanes_dirty: bool,
    /// Counts lane rebuilds (the table rebuilds its rows when it changes).
    pub lanes_generation: u64,
    /// Documents passing the filters.
    pub shown: usize,
    /// The context band's events and switches.
    pub context: ContextState,
}

impl TimelineState {
    /// The remembered filters, lanes and context switches; nothing selected, lanes to build.
    pub fn new(filters: Filters, lane_prefs: LanePrefs, context: ContextState) -> TimelineState {
        TimelineState {
            nav: Navigation::default(),
            selected: None,
            view: ViewState::default(),
            overview: OverviewState::default(),
            filters,
            lane_prefs,
            drawn: Vec::new(),
            lanes_dirty: true,
            lanes_generation: 0,
            shown: 0,
            context,
        }
    }

    /// Builds the lanes as drawn and the count shown again, when they are out of date.
    pub fn rebuild_lanes(&mut self, corpus: &Corpus, starred: &HashSet<DocIndex>) {
        if !self.lanes_dirty {
            return;
        }
        self.drawn = lanes::drawn_lanes(corpus, &self.lane_prefs, &self.filters, starred);
        self.shown = self.filters.count(corpus, starred);
        self.lanes_dirty = false;
        self.lanes_generation += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_rebuilt_only_when_dirty() {
        let mut timeline = TimelineState::new(
            Filters::default(),
            LanePrefs::default(),
            ContextState::new(false, false),
        );
        let corpus = Corpus::default();
        let starred = HashSet::new();
        timeline.rebuild_lanes(&corpus, &starred);
        assert_eq!(timeline.lanes_generation, 1);
        assert!(!timeline.lanes_dirty);
        timeline.rebuild_lanes(&corpus, &starred);
        assert_eq!(timeline.lanes_generation, 1);
        timeline.lanes_dirty = true;
        timeline.rebuild_lanes(&corpus, &starred);
        assert_eq!(timeline.lanes_generation, 2);
        assert_eq!(timeline.shown, 0);
    }
}
