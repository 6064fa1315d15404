//! File dialogs behind a trait, so tests never open a real one and the UI never waits on one.
//!
//! Dialogs run on their own thread (`worker::spawn_into`, from `TimelineApp::ask` in
//! `commands`); the answer comes back as a [`crate::app::Command`]. What was asked is a
//! [`FileRequest`] (a value in [`super::command`], beside the commands it carries and
//! makes), which also says what to do with the answer ([`super::command::Then`]).
//!
//! Never a silent no-op: when the platform has no file dialog (rfd finds neither an XDG
//! desktop portal nor zenity), [`Dialogs::available`] says so and the request goes to the
//! in-app picker (`picker`) instead.

use crate::app::base::command::{FileRequest, Pick};
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

    /// Asks `request` (blocking: call it on a worker thread) and returns the paths chosen.
    fn ask(&self, request: &FileRequest) -> Vec<PathBuf> {
        let extensions: Vec<&str> = request.filter.1.iter().map(String::as_str).collect();
        let filter = (request.filter.0.as_str(), &extensions[..]);
        match &request.pick {
            Pick::Save { file_name } => self
                .save_file(&request.title, file_name, filter)
                .into_iter()
                .collect(),
            Pick::OpenFiles => self.open_files(&request.title, filter),
            Pick::OpenFolder => self.open_folder(&request.title).into_iter().collect(),
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
