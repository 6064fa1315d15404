//! The frame and its machinery: what runs every frame around the panels, and nothing a user
//! looks at for long.
//!
//! - [`panels`]: the frame's layout in the order egui needs it (toolbar, status bar, side
//!   panels, the timeline, overlays) and [`panels::LastLayout`], where everything went.
//! - [`layout`]: how the window's width is shared (docked or floating panels; pure).
//! - [`commands`]: [`commands::Command`], what every panel, key and worker asks for, and the
//!   one place it is done (`TimelineApp::apply`).
//! - [`keys`]: every keyboard shortcut, turned into commands.
//! - [`toolbar`], [`controls`]: the two toolbar rows and the "N of M shown" count.
//! - [`worker`], [`loading`], [`bookmark_sync`]: work off the UI thread (loads, the search
//!   index, the bookmarks store) and how its results come back.
//! - [`deps`]: what an app is made from ([`deps::AppDeps`]); [`persistence`]: what it
//!   remembers between runs; [`access`]: what tests, the bench and the command line read.
//! - [`tokens`], [`fonts`], [`icon`]: colours and sizes, the bundled CJK fonts, the app's id
//!   and icon.

pub(in crate::app) mod access;
pub mod bookmark_sync;
pub mod commands;
pub(in crate::app) mod controls;
pub(in crate::app) mod deps;
pub mod fonts;
pub mod icon;
pub(in crate::app) mod keys;
pub mod layout;
pub(in crate::app) mod loading;
pub(in crate::app) mod panels;
pub mod persistence;
pub mod tokens;
pub(in crate::app) mod toolbar;
pub mod worker;
