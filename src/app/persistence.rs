//! What the app remembers between runs through eframe's storage: the window, the selection,
//! which panels are open, filters, lane choices and UI scales. Plain data and serde, no egui;
//! the app fills it in `save` and restores from it in its constructor.

use super::lanes::LanePrefs;
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

#[cfg(test)]
mod tests {
    use super::*;

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
