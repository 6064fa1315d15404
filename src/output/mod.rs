//! What leaves the program as text: the rules every text output follows, whatever its format.
//!
//! Owns [`text`]: how a value becomes one line of a line-per-record output, how control
//! characters are kept out of files and terminals, and how a spreadsheet cell is made inert.
//! Formats themselves (CSV, RIS, Markdown, …) live with their callers and use these rules.
//! Also the publishing formats: [`handout`] (HTML), [`timelinejs`], and vector pictures
//! ([`vector`] pages, written by [`svg`] and [`pdf`]; [`webfont`] cuts the SVG's fonts).
//! Knows nothing of egui or of the library.

pub mod handout;
pub mod lesson;
pub mod pdf;
pub mod svg;
pub mod text;
pub mod timelinejs;
pub mod vector;
pub mod webfont;
