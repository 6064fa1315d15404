//! Publishing from the app: pictures, posters and handouts, and the dialogs that save them.
//!
//! - [`picture`]: the timeline drawn off-screen for PNG, SVG and PDF posters.
//! - [`handout`]: the printable handout of any collection.
//! - [`state`]: [`state::Publishing`], the app's part (picture or poster, the dialogs).
//! - [`collection_files`]: a collection's exports (citation formats, TimelineJS, handout)
//!   and imports, each on a worker thread.
//!
//! Above `timeline_panel` (a picture draws the context band), below `frame`; it imports
//! neither `side_panels` nor `classroom` nor `frame`. The values the menus name
//! ([`picture::VectorKind`], [`handout::HandoutKind`], the poster choices) and the file
//! dialogs are in [`crate::app::base`], so the side panels offer them without importing this
//! room.
//!
//! The file formats themselves are in [`crate::output`].

pub(in crate::app) mod collection_files;
pub mod handout;
pub mod picture;
pub(in crate::app) mod state;
