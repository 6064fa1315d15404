//! Publishing from the app: pictures, posters and handouts, and the dialogs that save them.
//!
//! - [`picture`]: the timeline drawn off-screen for PNG, SVG and PDF posters.
//! - [`handout`]: the printable handout of any collection.
//! - [`dialogs`]: [`dialogs::Dialogs`], file dialogs behind a trait (tests use a fake one).
//!
//! The file formats themselves are in [`crate::output`].

pub mod dialogs;
pub mod handout;
pub mod picture;
