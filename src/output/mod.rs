//! What leaves the program as a publication: [`handout`] (HTML), [`timelinejs`], [`lesson`]
//! files, and vector pictures ([`vector`] pages, written by [`svg`] and [`pdf`]; [`webfont`]
//! cuts the SVG's fonts). The rules every text output follows (one line per record, no control
//! characters, inert spreadsheet cells) are [`crate::text::safe`]'s.

pub mod handout;
pub mod lesson;
pub mod pdf;
pub mod svg;
pub mod timelinejs;
pub mod vector;
pub mod webfont;
