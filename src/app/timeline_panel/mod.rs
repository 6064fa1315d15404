//! The timeline as the user sees it: the plot, its lanes and the strip above and below.
//!
//! - [`view`]: the timeline panel itself (axis, lanes, markers, labels, clusters, density,
//!   the undated column) and its pointer input.
//! - [`lanes`]: the lanes as drawn (the user's order, hidden ones, filters, heights).
//! - [`state`]: [`state::TimelineState`], the app's part: window, selection, filters, the
//!   lanes as drawn, the context band's switches.
//! - [`navigation`]: where the timeline looks (window, animation, limits; no egui).
//! - [`overview`]: the 1945–1996 strip with its density graph.
//! - [`context_band`]: the context lane of the Cold War's events and its event card.
//! - [`fills`]: many flat rectangles painted the way a software rasterizer fills them
//!   fastest (scissored clears in the app's own window, draws of whole rectangles).
//!
//! The layout math these draw with (scale, ticks, label placement) is in
//! [`crate::timeline`], apart from egui.
//!
//! Stands on [`crate::app::base`], and reads sideways one way only: the tour from
//! `classroom` and the search from `side_panels` (neither imports this room; `publish` and
//! `frame` import it).

pub mod context_band;
pub(in crate::app) mod fills;
pub mod lanes;
pub mod navigation;
pub(in crate::app) mod overview;
pub(in crate::app) mod state;
pub(in crate::app) mod view;
