//! The command line: open the GUI (default), `check` pages, `export` documents.
//!
//! Parsing is clap's; this module only maps commands onto `ingest` and `export` and prints.
//! Exit codes: 0 success, 1 a file could not be read or held no entries, 2 usage errors (clap).

use crate::bookmarks::{self, Bookmark, BookmarkStore};
use crate::export::{self, Format};
use crate::ingest::{self, Loaded, Severity};
use crate::model::DocDate;
use crate::model::DocId;
use crate::themes::{ThemeError, ThemeSet};
use crate::timeline::scale::day_of;
use crate::timeline::TimeWindow;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "archive-timeline",
    version,
    about = "Explore Cold War archival documents (1945-1996) on a zoomable timeline",
    long_about = "Explore Cold War archival documents (1945-1996) on a zoomable timeline.\n\n\
                  With no command, opens the app on the given page files and folders, or on the \
                  bundled seeds when none are given."
)]
pub struct Cli {
    /// Where user data (bookmarks) lives; default: the platform data dir (XDG on Linux).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// A themes file (RON) to use instead of the built-in themes; default: themes.ron in the
    /// user config dir when present.
    #[arg(long, global = true, value_name = "FILE")]
    pub themes: Option<PathBuf>,

    /// Page files or folders to open in the app (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Start in presentation mode: full screen, large type, high contrast.
    #[arg(long)]
    pub present: bool,

    /// Open the timeline at this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub from: Option<DocDate>,

    /// Open the timeline up to the end of this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
    pub to: Option<DocDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read pages and report entries, page ranges, warnings and errors per file.
    Check {
        /// Page files or folders (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print every document with every field, as JSON or CSV.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Page files or folders (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Add, remove, list, export or import bookmarks (stored in the data dir).
    Bookmarks {
        #[command(subcommand)]
        command: BookmarksCommand,
    },
    /// Measure load time, frame times and memory on N synthetic documents.
    Bench {
        /// How many documents to generate.
        #[arg(long, default_value_t = 100_000)]
        docs: usize,
        /// One JSON object per line instead of key=value text.
        #[arg(long)]
        json: bool,
        /// Frames measured per view (at least 60).
        #[arg(long, default_value_t = 60)]
        frames: usize,
    },
    /// Draw the timeline into a PNG (no window, no GPU): for slides and handouts.
    Render {
        /// Start of the period shown (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
        from: Option<DocDate>,
        /// End of the period shown.
        #[arg(long, value_name = "DATE", value_parser = parse_iso_date)]
        to: Option<DocDate>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long, default_value_t = 1920)]
        width: u32,
        #[arg(long, default_value_t = 1080)]
        height: u32,
        /// Use the high-contrast presentation look.
        #[arg(long)]
        present: bool,
        /// Page files or folders (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write the benchmark's synthetic corpus as page files (for import tests).
    Generate {
        #[arg(long, default_value_t = 10_000)]
        docs: usize,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

/// Parses "1956", "1956-09" or "1956-09-17" for `--from` / `--to`.
pub fn parse_iso_date(text: &str) -> Result<DocDate, String> {
    match DocDate::from_iso(text) {
        Some(DocDate::Undated) | None => Err(format!(
            "{text:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        )),
        Some(date) => Ok(date),
    }
}

/// The window `--from` / `--to` ask for: from the start of one date to the end of the other.
pub fn requested_window(from: Option<DocDate>, to: Option<DocDate>) -> Option<TimeWindow> {
    let start = from.and_then(DocDate::start).map(day_of);
    let end = to.and_then(DocDate::end_exclusive).map(day_of);
    match (start, end) {
        (None, None) => None,
        (Some(s), Some(e)) if e > s => Some(TimeWindow::new(s, e)),
        (Some(s), None) => Some(TimeWindow::new(s, s + 365.0)),
        (None, Some(e)) => Some(TimeWindow::new(e - 365.0, e)),
        _ => None,
    }
}

/// `bookmarks` subcommands.
#[derive(Subcommand, Debug)]
pub enum BookmarksCommand {
    /// Bookmark a document by the id `export` prints.
    Add {
        id: String,
        /// A note to keep with it.
        #[arg(long, default_value = "")]
        note: String,
        /// Pages the document is in (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Remove a bookmark.
    Remove { id: String },
    /// One line per bookmark: id, date, title, note (tab-separated).
    List,
    /// Print the bookmarks as a reading list or for a reference manager.
    Export {
        #[arg(long, value_enum)]
        format: BookmarkFormat,
    },
    /// Merge a bookmarks file exported by this app (RON or JSON), without duplicates.
    Import { file: PathBuf },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BookmarkFormat {
    Md,
    Csv,
    Ris,
    Bibtex,
    Csljson,
}

impl BookmarkFormat {
    pub fn format(self) -> bookmarks::export::ExportFormat {
        use bookmarks::export::ExportFormat as F;
        match self {
            BookmarkFormat::Md => F::Markdown,
            BookmarkFormat::Csv => F::Csv,
            BookmarkFormat::Ris => F::Ris,
            BookmarkFormat::Bibtex => F::Bibtex,
            BookmarkFormat::Csljson => F::CslJson,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// Loads the given paths, or the bundled seeds when there are none.
pub fn load(paths: &[PathBuf]) -> Loaded {
    if paths.is_empty() {
        ingest::load_seeds()
    } else {
        ingest::load_paths(paths)
    }
}

/// `check`: per file, entries and page range, every diagnostic, then the total line.
pub fn check<W: Write>(out: &mut W, loaded: &Loaded) -> std::io::Result<i32> {
    for report in &loaded.files {
        let noun = if report.entries == 1 {
            "entry"
        } else {
            "entries"
        };
        let range = match report.range {
            Some(r) => format!(" (page {} - {} of {})", r.first, r.last, r.total),
            None if report.document_page => " (document page)".to_string(),
            None => String::new(),
        };
        if report.failed {
            writeln!(out, "{}: not read", report.file)?;
        } else {
            writeln!(out, "{}: {} {noun}{range}", report.file, report.entries)?;
        }
        for diag in &report.diagnostics {
            writeln!(out, "  {diag}")?;
        }
    }
    let errors = loaded.count(Severity::Error);
    writeln!(
        out,
        "total: {} documents, {} listings, {} files, {} errors",
        loaded.library.len(),
        loaded.library.listing_count(),
        loaded.files.len(),
        errors
    )?;
    Ok(i32::from(loaded.failed_files() > 0))
}

/// The themes to use: `--themes FILE`, else the user's themes.ron, else the built-in set.
/// A file that fails to load is reported (with line and column) and the built-in set is used.
pub fn load_themes(explicit: Option<&Path>) -> (ThemeSet, Option<ThemeError>) {
    let user = crate::dirs::user_themes_file().filter(|p| p.is_file());
    match explicit.map(Path::to_path_buf).or(user) {
        None => (ThemeSet::builtin(), None),
        Some(path) => match ThemeSet::load_file(&path) {
            Ok(set) => (set, None),
            Err(err) => (ThemeSet::builtin(), Some(err)),
        },
    }
}

/// `export`: every document to `out`, with its themes; diagnostics go to stderr so stdout
/// stays clean data.
pub fn export<W: Write>(
    out: &mut W,
    loaded: &Loaded,
    themes: &ThemeSet,
    format: ExportFormat,
) -> std::io::Result<i32> {
    let format = match format {
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    let classification = themes.classify(&loaded.library);
    export::write(out, &loaded.library, format, |i| {
        match classification.themes_of.get(i) {
            Some(list) if !list.is_empty() => list.iter().map(|&t| themes.lane_name(t)).collect(),
            _ => vec![crate::themes::OTHER_NAME],
        }
    })?;
    for diag in loaded.diagnostics() {
        eprintln!("{diag}");
    }
    Ok(i32::from(loaded.failed_files() > 0))
}

fn print_notices<E: Write>(err: &mut E, store: &BookmarkStore) -> std::io::Result<()> {
    for notice in store.notices() {
        writeln!(err, "archive-timeline: {notice}")?;
    }
    Ok(())
}

fn store_failed<E: Write>(err: &mut E, e: &impl std::fmt::Display) -> std::io::Result<i32> {
    writeln!(err, "archive-timeline: {e}")?;
    Ok(1)
}

/// `bookmarks ...`: changes go through the store (atomic, locked); output to `out`, problems
/// to `err`. Exit 1 when the change could not be made.
pub fn bookmarks<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    data_dir: &Path,
    command: &BookmarksCommand,
) -> std::io::Result<i32> {
    let mut store = BookmarkStore::open(data_dir);
    print_notices(err, &store)?;
    match command {
        BookmarksCommand::Add { id, note, paths } => {
            let loaded = load(paths);
            let id = DocId(id.clone());
            let Some(doc) = loaded.library.find(&id) else {
                let place = if paths.is_empty() {
                    "the bundled seeds"
                } else {
                    "the given pages"
                };
                writeln!(
                    err,
                    "archive-timeline: no document with id {id} in {place} \
                     (`archive-timeline export` lists the ids; give the pages it is in after the id)"
                )?;
                return Ok(1);
            };
            match store.add(Bookmark::from_document(doc, note)) {
                Ok(()) => {
                    writeln!(out, "bookmarked {id}: {}", doc.title)?;
                    Ok(0)
                }
                Err(e) => store_failed(err, &e),
            }
        }
        BookmarksCommand::Remove { id } => match store.remove(&DocId(id.clone())) {
            Ok(Some(b)) => {
                writeln!(out, "removed {id}: {}", b.title)?;
                Ok(0)
            }
            Ok(None) => store_failed(err, &format!("{id} is not bookmarked")),
            Err(e) => store_failed(err, &e),
        },
        BookmarksCommand::List => {
            for b in store.list() {
                let date = b.date.clone().unwrap_or_else(|| "undated".to_string());
                let note = b.note.split_whitespace().collect::<Vec<_>>().join(" ");
                writeln!(out, "{}\t{date}\t{}\t{note}", b.id, b.title)?;
            }
            Ok(0)
        }
        BookmarksCommand::Export { format } => {
            let list = store.list();
            out.write_all(bookmarks::export::export(&list, format.format()).as_bytes())?;
            Ok(0)
        }
        BookmarksCommand::Import { file } => match store.import_file(file) {
            Ok(added) => {
                writeln!(
                    out,
                    "imported {added} new bookmark(s) from {}",
                    file.display()
                )?;
                Ok(0)
            }
            Err(e) => store_failed(err, &e),
        },
    }
}

/// `render`: the timeline over a period, drawn off-screen into a PNG.
pub fn render<E: Write>(err: &mut E, args: &RenderArgs<'_>) -> std::io::Result<i32> {
    if !(16..=16_384).contains(&args.width) || !(16..=16_384).contains(&args.height) {
        writeln!(
            err,
            "archive-timeline: --width and --height must be between 16 and 16384 pixels"
        )?;
        return Ok(2);
    }
    let loaded = load(args.paths);
    let corpus = crate::corpus::Corpus::build(loaded, args.themes.clone());
    let mut app = crate::app::TimelineApp::picture_of(std::sync::Arc::new(corpus), args.present);
    let window = requested_window(args.from, args.to);
    match crate::picture::write(&mut app, window, args.width, args.height, args.out) {
        Ok(()) => Ok(0),
        Err(e) => {
            writeln!(
                err,
                "archive-timeline: could not write {}: {e}",
                args.out.display()
            )?;
            Ok(1)
        }
    }
}

/// What `render` needs.
pub struct RenderArgs<'a> {
    pub paths: &'a [PathBuf],
    pub themes: &'a ThemeSet,
    pub from: Option<DocDate>,
    pub to: Option<DocDate>,
    pub out: &'a Path,
    pub width: u32,
    pub height: u32,
    pub present: bool,
}
