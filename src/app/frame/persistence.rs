//! What the app remembers between runs through eframe's storage: the window, the selection,
//! which panels are open, filters, lane choices and UI scales. Plain data and serde, no egui;
//! the app fills it in `save` and restores from it in its constructor.

use crate::app::timeline_panel::lanes::LanePrefs;
use crate::filters::Filters;
use crate::model::DocId;
use crate::timeline::TimeWindow;
use serde::{Deserialize, Serialize};

/// The key of the view state in eframe's storage.
pub const PERSIST_KEY: &str = "archive-timeline/view";

/// UI scale outside presentation mode, and its reset value.
pub const NORMAL_SCALE: f32 = 1.0;
/// UI scale while presenting, and its reset value.
pub const PRESENT_SCALE: f32 = 1.5;

/// Seconds a changed view waits before it is saved (a drag or a zoom saves once, after it
/// settles); killing the app loses at most about this much.
pub const SAVE_AFTER: f64 = 2.0;

/// Debounced saving: given what was last saved, the view now, when it first differed
/// (updated here) and the clock, how many seconds until a save is due (`None`: nothing to
/// save). The app asks for a frame then; eframe's autosave writes.
pub fn save_due(
    saved: Option<&Persisted>,
    current: &Persisted,
    since: &mut Option<f64>,
    now: f64,
) -> Option<f64> {
    if saved == Some(current) {
        *since = None;
        return None;
    }
    let first = *since.get_or_insert(now);
    Some((first + SAVE_AFTER - now).max(0.05))
}

/// View state kept across restarts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Persisted {
    pub window: Option<TimeWindow>,
    pub selected: Option<DocId>,
    pub show_detail: bool,
    #[serde(default)]
    pub show_bookmarks: bool,
    #[serde(default)]
    pub filters: Filters,
    #[serde(default)]
    pub lane_prefs: LanePrefs,
    #[serde(default = "normal_scale")]
    pub scale_normal: f32,
    #[serde(default = "present_scale")]
    pub scale_present: f32,
    /// The context band outside presentation mode (off unless turned on).
    #[serde(default)]
    pub show_context: bool,
    /// The context band while presenting (on unless turned off).
    #[serde(default = "yes")]
    pub show_context_present: bool,
}

fn yes() -> bool {
    true
}

fn normal_scale() -> f32 {
    NORMAL_SCALE
}

fn present_scale() -> f32 {
    PRESENT_SCALE
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            window: None,
            selected: None,
            show_detail: true,
            show_bookmarks: false,
            filters: Filters::default(),
            lane_prefs: LanePrefs::default(),
            scale_normal: NORMAL_SCALE,
            scale_present: PRESENT_SCALE,
            show_context: false,
            show_context_present: true,
        }
    }
}

impl crate::app::TimelineApp {
    /// What eframe should remember of the view now.
    pub(in crate::app) fn persisted(&self) -> Persisted {
        Persisted {
            window: Some(self.timeline.nav.window()),
            selected: self.selected_document().map(|d| d.id.clone()),
            show_detail: self.frame.panels.detail,
            show_bookmarks: self.frame.panels.bookmarks,
            filters: self.timeline.filters.clone(),
            lane_prefs: self.timeline.lane_prefs.clone(),
            scale_normal: self.classroom.scale_normal,
            scale_present: self.classroom.scale_present,
            show_context: self.timeline.context.show_normal,
            show_context_present: self.timeline.context.show_present,
        }
    }

    /// Saving on change, debounced: once the view has differed from what was last saved for
    /// [`SAVE_AFTER`] seconds (and is still), a frame is asked for, in which
    /// eframe's autosave (every [`SAVE_AFTER`] s, see `auto_save_interval`) writes
    /// it. Killing the app loses at most that much.
    pub(in crate::app) fn save_soon(&mut self, ctx: &egui::Context) {
        if self.publishing.picture || self.library.corpus.library.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let current = self.persisted();
        let due = save_due(
            self.frame.saved.as_ref(),
            &current,
            &mut self.frame.unsaved_since,
            now,
        );
        if let Some(after) = due {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(after));
        }
    }

    /// With `ARCHIVE_TIMELINE_STARTUP=1`: the time to the first frame, and to the first frame
    /// with documents.
    pub(in crate::app) fn report_startup(&mut self) {
        if let Some(line) = self.library.startup_line() {
            eprintln!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_saved_after_it_settles_and_not_again() {
        let saved = Persisted::default();
        let mut since = None;
        assert_eq!(save_due(Some(&saved), &saved, &mut since, 10.0), None);
        let moved = Persisted {
            show_detail: false,
            ..Persisted::default()
        };
        assert_eq!(
            save_due(Some(&saved), &moved, &mut since, 10.0),
            Some(SAVE_AFTER)
        );
        let later = save_due(Some(&saved), &moved, &mut since, 11.5).expect("still due");
        assert!((later - 0.5).abs() < 1e-9, "{later}");
        // Nothing saved yet at all (first run): due as well.
        let mut fresh = None;
        assert!(save_due(None, &moved, &mut fresh, 0.0).is_some());
        // Once saved, nothing more.
        assert_eq!(save_due(Some(&moved), &moved, &mut since, 20.0), None);
        assert_eq!(since, None);
    }

    #[test]
    fn an_older_save_without_the_newer_fields_gets_their_defaults() {
        let old = "(window: None, selected: Some(\"doc-0000000000000001\"), show_detail: false)";
        let p: Persisted = ron::from_str(old).expect("reads");
        assert!(!p.show_detail);
        assert_eq!(p.selected, Some(DocId("doc-0000000000000001".into())));
        assert_eq!(p.scale_present, PRESENT_SCALE);
        assert_eq!(p.filters, Filters::default());
    }
}
