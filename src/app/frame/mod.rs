//! The frame and its machinery: what runs every frame around the panels, and nothing a user
//! looks at for long.
//!
//! - [`panels`]: the frame's layout in the order egui needs it (toolbar, status bar, side
//!   panels, the timeline, overlays) and [`panels::LastLayout`], where everything went.
//! - [`layout`]: how the window's width is shared (docked or floating panels; pure).
//! - [`commands`]: the one place a [`crate::app::Command`] is done (`TimelineApp::apply`);
//!   the command itself is a value in [`crate::app::base::command`].
//! - [`keys`]: every keyboard shortcut, turned into commands.
//! - [`toolbar`], [`controls`]: the two toolbar rows and the "N of M shown" count.
//! - [`loading`]: loading the library on a worker and installing what it built, and
//!   [`loading::LibraryState`], the app's part for the library.
//! - [`state`]: [`state::FrameState`], the frame's own part (open panels, status line and
//!   its log, what was saved, the workers' answers).
//! - [`deps`]: what an app is made from ([`deps::AppDeps`]); [`persistence`]: what it
//!   remembers between runs; [`access`]: what tests, the bench and the command line read.
//! - [`icon`]: the app's id and icon.
//!
//! The top floor: the frame wires every room (`publish`, `timeline_panel`, `side_panels`,
//! `classroom`, `base`), and no room imports it. What every room names (commands, tokens,
//! the worker, dialogs, the bookmarks' sync) is in [`crate::app::base`].

pub(in crate::app) mod access;
pub mod commands;
pub(in crate::app) mod controls;
pub(in crate::app) mod deps;
pub mod icon;
pub(in crate::app) mod keys;
pub mod layout;
pub(in crate::app) mod loading;
pub(in crate::app) mod panels;
pub mod persistence;
pub(in crate::app) mod state;
pub(in crate::app) mod toolbar;
