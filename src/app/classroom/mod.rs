//! The classroom: presenting, tours and lessons.
//!
//! - [`tour`]: [`tour::Tour`], a walk through chosen documents or a lesson, as plain state
//!   (no egui).
//! - [`present`]: the tour card (its layout and size budget) and the shortcuts overlay.
//! - [`lesson`]: what a lesson's stop says (its note, its view) and lesson files.
//! - [`state`]: [`state::Classroom`], the app's part for all this (presenting and its scale,
//!   the tour, the lesson offer).
//!
//! Stands on [`crate::app::base`] only (the timeline's context band reads [`tour`] from here).

pub(in crate::app) mod lesson;
pub mod present;
pub(in crate::app) mod state;
pub mod tour;
