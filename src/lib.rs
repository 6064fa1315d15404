//! archive-timeline: read pages saved from the Wilson Center Digital Archive, merge what
//! repeats, and lay every document out on a zoomable 1945–1996 timeline.
//!
//! Data flows one way: `ingest` turns files into a [`model::Library`]; `themes` classifies it;
//! `corpus` builds what the views need; `timeline` holds the pure layout math; the `app` (egui)
//! only paints and turns input into commands; `export` and `bookmarks` write files.
//!
//! Imports run one way, each module importing only from those to its right: `main` -> `cli` ->
//! [`app`] (and [`bench`](mod@bench), which drives the app headlessly) -> [`filters`],
//! [`export`], [`render`] -> [`corpus`] -> [`workspace`], [`cache`], [`sources`], [`placement`]
//! -> [`bookmarks`] -> [`eras`], [`output`], [`context`], [`ingest`], [`themes`], [`search`],
//! [`synth`] -> [`timeline`], [`durable`], [`dirs`] -> [`model`] -> [`text`], [`phases`]. No two modules
//! outside `app` import each other. The app never imports the command line. Nothing below
//! `app` knows egui, with one exception that says so in its module doc: [`render`], the CPU
//! renderer of egui's output (pictures and image snapshots).
//!
//! A rule has one function: is this bookmarked ([`bookmarks::locate_bookmark`], the store's
//! rule), is this shown ([`app::lanes::is_shown`]), what window do these dates give
//! ([`timeline::TimeWindow`]'s constructors), how is text folded ([`text::fold`]).

pub mod app;
pub mod bench;
pub mod bookmarks;
pub mod cache;
pub mod cli;
pub mod context;
pub mod corpus;
pub mod dirs;
pub mod durable;
pub mod eras;
pub mod export;
pub mod filters;
pub mod ingest;
pub mod model;
pub mod output;
pub mod phases;
pub mod placement;
pub mod render;
pub mod search;
pub mod sources;
pub mod synth;
pub mod text;
pub mod themes;
pub mod timeline;
pub mod workspace;
