//! The side panels and what the user reads and edits in them.
//!
//! - [`detail`], [`detail_workspace`]: the selected document, then the user's research on it
//!   (note, own date, links, collections).
//! - [`collections_panel`], [`collections`]: the collections (Starred among them) and their
//!   menus (each collection's exports and imports are `publish::collection_files`).
//! - [`search_ui`], [`search_state`]: the search box and results list, and the search being
//!   typed.
//! - [`table`]: the table view of the same documents (a column is a [`table::TableColumn`]).
//! - [`library`]: the File menu, bringing pages in; [`picker`]: the in-app file picker.
//! - [`theme_editor`]: a lane of the user's own theme.
//! - [`state`]: [`state::SidePanels`], what the panels keep between frames; the search's
//!   part is [`search_state::Search`].
//!
//! Stands on [`crate::app::base`] only: the panels push commands and read what they are
//! given; no other room is imported (the timeline view reads [`search_state`] from here).

pub(in crate::app) mod collections;
pub(in crate::app) mod collections_panel;
pub(in crate::app) mod detail;
pub(in crate::app) mod detail_workspace;
pub(in crate::app) mod library;
pub mod picker;
pub mod search_state;
pub(in crate::app) mod search_ui;
pub(in crate::app) mod state;
pub mod table;
pub(in crate::app) mod theme_editor;
