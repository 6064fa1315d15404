//! [`Command`]: what panels, keys and workers ask the app to do, as a value, and the values
//! its variants carry ([`Linking`], [`TourSource`], [`VectorKind`], [`HandoutKind`], and a
//! file dialog's [`FileRequest`]: what is asked, and the command its answer makes, [`Then`]).
//! The dialogs themselves are in [`super::dialogs`].
//!
//! Every room names these without importing the machinery that does them: the one place a
//! command is done is `TimelineApp::apply`, in `frame::commands`. Nothing here knows the rooms.

use crate::bookmarks::export::ExportFormat;
use crate::filters::Filters;
use crate::model::{DocId, DocIndex};
use crate::timeline::TimeWindow;
use std::path::PathBuf;

/// What panels ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A change to the research workspace (collections, notes, dates, lanes, links).
    Workspace(Box<crate::workspace::Op>),
    /// Present a lesson file that was opened: it becomes a collection (once), then its tour
    /// starts.
    OpenLesson(std::sync::Arc<crate::ingest::entry::Lesson>),
    /// Wait for the next document selected (on the timeline, in the table) to link to it.
    StartLink(Linking),
    /// Stop waiting for a link's target.
    CancelLink,
    /// Group the lanes by something other than theme (or by theme again).
    GroupBy(crate::placement::GroupBy),
    /// Jump to a window.
    SetWindow(TimeWindow),
    /// Move to a window with a short animation.
    AnimateTo(TimeWindow),
    /// Zoom by a factor (> 1 zooms in) about a day, or about the centre.
    Zoom {
        factor: f64,
        anchor: Option<f64>,
    },
    /// Move by a fraction of the window.
    Pan(f64),
    /// Show everything.
    Fit,
    Select(Option<DocIndex>),
    /// Select the previous (-1) or next (+1) shown document in time.
    Step(i32),
    /// Bring the selected document into view.
    Reveal,
    /// Star or unstar a document (the store's rule decides which bookmark is its).
    ToggleBookmark(DocIndex),
    RemoveBookmark(DocId),
    /// Restore the bookmarks file from its backup (offered in the diagnostics).
    RestoreBookmarksBackup,
    UndoRemove,
    SetNote(DocId, String),
    /// Ask where to export collection `name` (Starred is the bookmarks), then export it.
    ExportCollection(String, ExportFormat),
    /// Export collection `name` to a file, in its order (the save dialog's answer).
    ExportCollectionTo(PathBuf, String, ExportFormat),
    /// Ask which bookmark files to import into collection `name`.
    ImportInto(String),
    /// Import these bookmark files into collection `name` (the open dialog's answer).
    ImportIntoFrom(Vec<PathBuf>, String),
    SetFilters(Filters),
    OpenFiles,
    OpenFolder,
    /// Add files or folders to the library (remembered) and reload.
    AddPaths(Vec<PathBuf>),
    /// Ask the window for the clipboard's text (it arrives as [`Command::PastePage`]).
    RequestPaste,
    /// Read pasted text as a new page: saved under the data dir and remembered.
    PastePage(String),
    Reload,
    CancelLoad,
    SetSeeds(bool),
    ForgetPaths,
    ToggleDiagnostics,
    /// Put the keyboard focus in the search box.
    FocusSearch,
    /// Select the next (+1) or previous (-1) search result and bring it into view.
    SearchStep(i32),
    /// Select search result number n.
    SearchJump(usize),
    StartTour(TourSource),
    TourStep(i32),
    EndTour,
    TogglePresenting,
    /// Multiply the UI scale (Ctrl+Plus / Ctrl+Minus); `None` resets it.
    Scale(Option<f32>),
    ToggleShortcuts,
    /// Close the topmost overlay (the file picker, the shortcuts, the diagnostics).
    CloseOverlay,
    /// Switch between the timeline and the table of documents (V).
    ToggleTable,
    /// Show the detail panel (Enter in the table).
    OpenDetail,
    /// Save the view as a PNG of this many pixels (asks where).
    ExportPicture(u32, u32),
    /// Save the view as a PNG of this many pixels to this path (the dialog's answer).
    ExportPictureTo(PathBuf, u32, u32),
    /// Ask with the in-app file picker (the platform has no file dialog).
    OpenPicker(FileRequest),
    /// Save the view as a vector poster (SVG or PDF) on this paper, over this many pages
    /// (asks where).
    ExportPoster(VectorKind, crate::output::vector::PageSize, usize),
    /// Save a handout of collection `name` (HTML or PDF) (asks where).
    ExportHandout(HandoutKind, String),
    /// Save the poster to this path (the dialog's answer).
    ExportPosterTo(PathBuf, VectorKind, crate::output::vector::PageSize, usize),
    /// Save the handout of collection `name` to this path (the dialog's answer).
    ExportHandoutTo(PathBuf, HandoutKind, String),
    /// Ask where to save collection `name` as a lesson file.
    ExportLesson(String),
    /// Save collection `name` as a lesson file here (the dialog's answer).
    ExportLessonTo(PathBuf, String),
    /// Open the "My own theme" form.
    OpenThemeEditor,
    /// Add this theme (a themes-file entry) to the user's themes file, then reload.
    SaveTheme(String),
    /// The themes file was saved (the themes now in force), or why not.
    ThemeSaved(Result<Box<crate::themes::ThemeSet>, String>),
    /// Show or hide the context band (for the current mode: normal or presenting).
    ToggleContext,
    /// Ask which context-event CSV files to import.
    ImportContextEvents,
    /// Import the user's context events from these CSV files (the open dialog's answer).
    ImportContextEventsFrom(Vec<PathBuf>),
    /// Add the user's own context events (the form), and save them.
    AddContextEvents(Vec<crate::context::ContextEvent>),
    /// Show a message in the status bar (a worker's report).
    Status(String),
    ToggleLaneHidden(String),
    ToggleLaneCollapsed(String),
    /// Open a broad lane into its sub-lanes, or close it again.
    ToggleLaneExpanded(String),
    MoveLane(String, i32),
    /// Close the window normally (eframe saves the view first).
    Quit,
}

impl Command {
    /// The toolbar's and the keys' zoom steps.
    pub const ZOOM_IN: Command = Command::Zoom {
        factor: 1.6,
        anchor: None,
    };
    pub const ZOOM_OUT: Command = Command::Zoom {
        factor: 1.0 / 1.6,
        anchor: None,
    };
}

/// A link being made: from this document, with this label, to the next one clicked.
#[derive(Clone, Debug, PartialEq)]
pub struct Linking {
    pub from: DocIndex,
    pub label: String,
}

/// What a tour walks through.
#[derive(Clone, Debug, PartialEq)]
pub enum TourSource {
    Bookmarks,
    /// The bookmarks and, between them in date order, the context events within their span.
    BookmarksWithContext,
    /// A theme lane, by name.
    Lane(String),
    SearchResults,
    /// A collection of the workspace (a lesson), by name, in the collection's order.
    Collection(String),
}

/// What a vector file is, by its name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VectorKind {
    Svg,
    Pdf,
}

impl VectorKind {
    pub fn of_path(path: &std::path::Path) -> Option<VectorKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(VectorKind::Svg),
            "pdf" => Some(VectorKind::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            VectorKind::Svg => "svg",
            VectorKind::Pdf => "pdf",
        }
    }
}

/// The paper the File menu offers for SVG and PDF: (page size, pages, label).
pub const POSTER_CHOICES: [(&str, usize, &str); 6] = [
    ("a4-landscape", 1, "A4 landscape"),
    ("a3-landscape", 1, "A3 landscape (poster)"),
    ("a2-landscape", 1, "A2 landscape (wall poster)"),
    ("letter-landscape", 1, "Letter landscape"),
    ("a4-portrait", 1, "A4 portrait"),
    ("a3-landscape", 3, "A3 landscape, span over 3 pages"),
];

/// What a handout file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandoutKind {
    Html,
    Pdf,
}

impl HandoutKind {
    pub fn of_path(path: &std::path::Path) -> Option<HandoutKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(HandoutKind::Html),
            "pdf" => Some(HandoutKind::Pdf),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            HandoutKind::Html => "html",
            HandoutKind::Pdf => "pdf",
        }
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
