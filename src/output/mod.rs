//! What leaves the program as a publication: [`handout`] (HTML), [`timelinejs`], and vector
//! pictures ([`vector`] pages, written by [`svg`] and [`pdf`]; [`webfont`] cuts the SVG's
//! fonts). The rules every text output follows (one line per record, no control characters,
//! inert spreadsheet cells) are [`crate::text::safe`]'s.
//! Knows nothing of egui or of the library.

pub mod handout;
pub mod pdf;
pub mod svg;
pub mod timelinejs;
pub mod vector;
pub mod webfont;
