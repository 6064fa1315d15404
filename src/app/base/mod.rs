//! The ground floor: the values and the small machinery every room names, importing no room.
//!
//! Rooms stand on it in one direction only: `frame` → (`publish` → `timeline_panel` →
//! (`side_panels`, `classroom`)) → `base`. Nothing here imports another room, so a panel can
//! push a [`command::Command`] without the app's machinery importing the panel back.
//!
//! - [`command`]: [`command::Command`] and the values its variants carry, a file dialog's
//!   [`command::FileRequest`] among them (what is asked, and the command its answer makes).
//! - [`dialogs`]: file dialogs behind a trait, [`dialogs::Dialogs`] (tests use a fake one).
//! - [`tokens`]: the design tokens (colours, spacing, sizes; presentation and print swaps).
//! - [`fonts`]: the bundled CJK fonts.
//! - [`worker`]: the one way work leaves the UI thread (inboxes that wake the UI).
//! - [`bookmark_sync`]: the bookmarks store on its worker, and `Starred`, the one map of
//!   bookmarked documents; [`research`]: the workspace and the bookmarks as the app holds
//!   them (the owner of both, and the workspace laid over the corpus).

pub mod bookmark_sync;
pub mod command;
pub mod dialogs;
pub mod fonts;
pub mod research;
pub mod tokens;
pub mod worker;
