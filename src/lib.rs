//! archive-timeline: read pages saved from the Wilson Center Digital Archive, merge what
//! repeats, and lay every document out on a zoomable 1945–1996 timeline.
//!
//! Data flows one way: `ingest` turns files into a [`model::Library`]; `export` writes it out;
//! `timeline` holds the pure layout math; the `app` (egui) only paints and turns input into
//! commands. Nothing below `app` knows egui.

pub mod app;
pub mod bench;
pub mod bookmarks;
pub mod cli;
pub mod corpus;
pub mod dirs;
pub mod eras;
pub mod export;
pub mod filters;
pub mod ingest;
pub mod model;
pub mod render;
pub mod search;
pub mod sources;
pub mod synth;
pub mod text;
pub mod themes;
pub mod timeline;
