//! File dialogs behind a trait, so tests never open a real one and the UI never waits on one.
//!
//! Dialogs run on their own thread (`worker::spawn_into`, from `TimelineApp::ask` in
//! `commands`); the answer comes back as a [`super::Command`].

use std::path::PathBuf;

/// What the app asks of a file dialog.
pub trait Dialogs: Send + Sync + 'static {
    /// A path to save to, with a suggested file name.
    fn save_file(&self, title: &str, file_name: &str, filter: (&str, &[&str])) -> Option<PathBuf>;
    /// Files to open.
    fn open_files(&self, title: &str, filter: (&str, &[&str])) -> Vec<PathBuf>;
    /// A folder to open.
    fn open_folder(&self, title: &str) -> Option<PathBuf>;
}

/// The platform's dialogs (rfd: the XDG desktop portal on Linux).
pub struct NativeDialogs;

impl Dialogs for NativeDialogs {
    fn save_file(&self, title: &str, file_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(file_name)
            .add_filter(filter.0, filter.1)
            .save_file()
    }

    fn open_files(&self, title: &str, filter: (&str, &[&str])) -> Vec<PathBuf> {
        rfd::FileDialog::new()
            .set_title(title)
            .add_filter(filter.0, filter.1)
            .pick_files()
            .unwrap_or_default()
    }

    fn open_folder(&self, title: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_title(title).pick_folder()
    }
}
