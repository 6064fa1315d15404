//! The timeline's pure math: time <-> pixels, axis ticks, lanes, stacking, clustering, density.
//!
//! No egui here: the app paints what these functions return, so all of it is unit-tested
//! without a window and measured by the benchmark at any corpus size.

pub mod layout;
pub mod scale;
pub mod ticks;

pub use layout::{LaneIndex, LaneLayout, LayoutParams, Mark, MarkKind};
pub use scale::{Limits, TimeScale, TimeWindow};
