//! File dialogs behind a trait, so tests never open a real one and the UI never waits on one.
//!
//! Dialogs run on their own thread (`worker::spawn_into`, from `TimelineApp::ask` in
//! `commands`); the answer comes back as a [`crate::app::Command`]. What was asked is a
//! [`FileRequest`], which also says what to do with the answer ([`Then`]).
//!
//! Never a silent no-op: when the platform has no file dialog (rfd finds neither an XDG
//! desktop portal nor zenity), [`Dialogs::available`] says so and the request goes to the
//! in-app picker (`picker`) instead.

use crate::app::base::command::Command;
use crate::bookmarks::export::ExportFormat;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// What the app asks of a file dialog.
pub trait Dialogs: Send + Sync + 'static {
    /// A path to save to, with a suggested file name.
    fn save_file(&self, title: &str, file_name: &str, filter: (&str, &[&str])) -> Option<PathBuf>;
    /// Files to open.
    fn open_files(&self, title: &str, filter: (&str, &[&str])) -> Vec<PathBuf>;
    /// A folder to open.
    fn open_folder(&self, title: &str) -> Option<PathBuf>;
    /// Whether these dialogs can be shown at all (false: use the in-app picker).
    fn available(&self) -> bool {
        true
    }
}

/// Which kind of dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick {
    Save { file_name: String },
    OpenFiles,
    OpenFolder,
}

/// What to do with the chosen paths.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    AddPaths,
    /// Import bookmark files into this collection.
    ImportInto(String),
    /// Export this collection in this format.
    ExportCollection(String, ExportFormat),
    ExportPicture(u32, u32),
    ExportPoster(
        crate::app::base::command::VectorKind,
        crate::output::vector::PageSize,
        usize,
    ),
    /// A handout of this collection.
    ExportHandout(crate::app::base::command::HandoutKind, String),
    ImportContextEvents,
    /// Export this collection as a lesson file.
    ExportLesson(String),
}

impl Then {
    /// The command the chosen `paths` make; `None` when nothing was chosen.
    pub fn command(&self, mut paths: Vec<PathBuf>) -> Option<Command> {
        if paths.is_empty() {
            return None;
        }
        Some(match self {
            Then::AddPaths => Command::AddPaths(paths),
            Then::ImportInto(name) => Command::ImportIntoFrom(paths, name.clone()),
            Then::ExportCollection(name, format) => {
                Command::ExportCollectionTo(paths.remove(0), name.clone(), *format)
            }
            Then::ExportPicture(w, h) => Command::ExportPictureTo(paths.remove(0), *w, *h),
            Then::ExportPoster(kind, page, pages) => {
                Command::ExportPosterTo(paths.remove(0), *kind, *page, *pages)
            }
            Then::ExportHandout(kind, name) => {
                Command::ExportHandoutTo(paths.remove(0), *kind, name.clone())
            }
            Then::ImportContextEvents => Command::ImportContextEventsFrom(paths),
            Then::ExportLesson(name) => Command::ExportLessonTo(paths.remove(0), name.clone()),
        })
    }
}

/// One question for a file dialog and what its answer is for.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRequest {
    pub title: String,
    pub pick: Pick,
    /// A filter's name and its extensions (no dots); empty extensions: every file.
    pub filter: (String, Vec<String>),
    pub then: Then,
}

impl FileRequest {
    pub fn new(title: &str, pick: Pick, filter: (&str, &[&str]), then: Then) -> FileRequest {
        FileRequest {
            title: title.to_string(),
            pick,
            filter: (
                filter.0.to_string(),
                filter.1.iter().map(|e| (*e).to_string()).collect(),
            ),
            then,
        }
    }

    /// Asks `dialogs` (blocking: call it on a worker thread) and returns the paths chosen.
    pub fn ask(&self, dialogs: &dyn Dialogs) -> Vec<PathBuf> {
        let extensions: Vec<&str> = self.filter.1.iter().map(String::as_str).collect();
        let filter = (self.filter.0.as_str(), &extensions[..]);
        match &self.pick {
            Pick::Save { file_name } => dialogs
                .save_file(&self.title, file_name, filter)
                .into_iter()
                .collect(),
            Pick::OpenFiles => dialogs.open_files(&self.title, filter),
            Pick::OpenFolder => dialogs.open_folder(&self.title).into_iter().collect(),
        }
    }
}

/// The platform's dialogs (rfd: the XDG desktop portal on Linux, else zenity).
pub struct NativeDialogs;

/// Set once a native dialog has failed to appear: later requests go to the in-app picker.
static NATIVE_FAILED: AtomicBool = AtomicBool::new(false);

/// A "cancel" faster than this was no person cancelling: the dialog never appeared.
const TOO_FAST: Duration = Duration::from_millis(150);

/// Whether `program` is an executable file on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// A session bus to reach the desktop portal on (without one, rfd's portal cannot answer).
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| PathBuf::from(dir).join("bus").exists())
}

impl NativeDialogs {
    /// Runs a native dialog; an empty answer that came back too fast to be a person's
    /// cancel means there is no dialog, and is remembered.
    fn timed<T>(&self, empty: impl Fn(&T) -> bool, run: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let answer = run();
        if empty(&answer) && started.elapsed() < TOO_FAST {
            NATIVE_FAILED.store(true, Ordering::Relaxed);
        }
        answer
    }
}

impl Dialogs for NativeDialogs {
    fn save_file(&self, title: &str, file_name: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
        self.timed(Option::is_none, || {
            rfd::FileDialog::new()
                .set_title(title)
                .set_file_name(file_name)
                .add_filter(filter.0, filter.1)
                .save_file()
        })
    }

    fn open_files(&self, title: &str, filter: (&str, &[&str])) -> Vec<PathBuf> {
        self.timed(Vec::is_empty, || {
            rfd::FileDialog::new()
                .set_title(title)
                .add_filter(filter.0, filter.1)
                .pick_files()
                .unwrap_or_default()
        })
    }

    fn open_folder(&self, title: &str) -> Option<PathBuf> {
        self.timed(Option::is_none, || {
            rfd::FileDialog::new().set_title(title).pick_folder()
        })
    }

    fn available(&self) -> bool {
        if std::env::var_os("ARCHIVE_TIMELINE_DIALOGS").is_some_and(|v| v == "builtin") {
            return false;
        }
        if NATIVE_FAILED.load(Ordering::Relaxed) {
            return false;
        }
        if cfg!(target_os = "linux") {
            return session_bus() || on_path("zenity");
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_becomes_its_command() {
        assert_eq!(Then::AddPaths.command(vec![]), None);
        let p = PathBuf::from("/tmp/x.md");
        assert_eq!(
            Then::ExportCollection("Chapter 3".into(), ExportFormat::Markdown)
                .command(vec![p.clone()]),
            Some(Command::ExportCollectionTo(
                p.clone(),
                "Chapter 3".into(),
                ExportFormat::Markdown
            ))
        );
        assert_eq!(
            Then::ExportPicture(10, 20).command(vec![p.clone()]),
            Some(Command::ExportPictureTo(p, 10, 20))
        );
    }
}
