//! The timeline's pure math: windows of days, time <-> pixels, axis ticks, lanes, stacking,
//! clustering, density, and labels that must not overlap.
//!
//! No egui here: the app paints what these functions return, so all of it is unit-tested
//! without a window and measured by the benchmark at any corpus size.

pub mod days;
pub mod heights;
pub mod labels;
pub mod layout;
pub mod layout_cache;
pub mod match_ticks;
pub mod scale;
pub mod ticks;
pub mod window;

pub use layout::{LabelCounts, LaneIndex, LaneLayout, LayoutParams, Mark, MarkKind};
pub use scale::TimeScale;
pub use window::{parse_iso_date, Limits, TimeWindow, MIN_SPAN_DAYS};
