//! The command line: open the app (default) or run one subcommand, one file each.
//!
//! Owns the flags (clap's derive), what each subcommand prints and its exit code; the work
//! itself is done by `ingest`, `export`, `bookmarks`, `app` and `bench`. Exit codes: 0 success,
//! 1 a file could not be read or held no entries (or a change could not be made), 2 usage
//! errors (clap). Must not hold rules of its own: a date or window comes from `timeline`, a
//! bookmark's document from the store.
//!
//! Adding a subcommand: a file here with its `Args` struct and a `run` function, one variant
//! in [`Command`], one arm in [`run`].

pub mod bench;
pub mod bookmarks;
pub mod check;
pub mod export;
pub mod generate;
pub mod handout;
pub mod open;
pub mod render;
pub mod themes;
pub mod workspace;

use crate::ingest::{self, Loaded};
use crate::model::DocDate;
use crate::themes::{ThemeError, ThemeSet};
use crate::timeline::parse_iso_date;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

pub use bookmarks::{BookmarkFormat, BookmarksCommand};
pub use export::ExportFormat;

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

    /// Read every source again instead of the library cache (in the platform cache dir), and
    /// write no cache.
    #[arg(long, global = true)]
    pub no_cache: bool,

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
    Check(check::CheckArgs),
    /// Print every document with every field, as JSON or CSV.
    Export(export::ExportArgs),
    /// Add, remove, list, export or import bookmarks (stored in the data dir).
    Bookmarks {
        #[command(subcommand)]
        command: BookmarksCommand,
    },
    /// Measure load time, frame times and memory on N synthetic documents.
    Bench(bench::BenchArgs),
    /// Draw the timeline into a PNG (no window, no GPU): for slides and handouts.
    Render(render::RenderArgs),
    /// A handout of the bookmarks (PDF or HTML): the timeline of their span, then each
    /// document with its note, citation and link.
    Handout(handout::HandoutArgs),
    /// Write the benchmark's synthetic corpus as page files (for import tests).
    Generate(generate::GenerateArgs),
    /// Explain a document's lane, or print how the lanes divide a collection.
    Themes {
        #[command(subcommand)]
        command: themes::ThemesCommand,
    },
    /// List, create, fill, show or export collections of the research workspace ("Starred"
    /// is the bookmarks).
    Collections {
        #[command(subcommand)]
        command: workspace::CollectionsCommand,
    },
    /// Export a collection as a lesson file to hand to students (`archive-timeline FILE` opens it).
    Lesson {
        #[command(subcommand)]
        command: workspace::LessonCommand,
    },
    /// Set or clear your own date of a document (EDTF), kept beside the archive's.
    Date {
        #[command(subcommand)]
        command: workspace::DateCommand,
    },
    /// Link two documents ("replies to", "mentions", …) or remove a link.
    Link {
        #[command(subcommand)]
        command: workspace::LinkCommand,
    },
}

/// Runs what the command line asks for; the exit code, or the I/O error that stopped it.
/// `started` is when the process started (the app's startup figures).
pub fn run(args: &Cli, started: std::time::Instant) -> std::io::Result<i32> {
    // `ARCHIVE_TIMELINE_PHASES=1`: a command's load phases, timed, on stderr at its end.
    let phases = std::env::var_os("ARCHIVE_TIMELINE_PHASES").is_some_and(|v| v == "1");
    if phases && args.command.is_some() {
        crate::phases::enable();
    }
    let code = run_command(args, started);
    if phases {
        for (name, ms) in crate::phases::recorded() {
            eprintln!("archive-timeline: phase {name}: {ms:.1} ms");
        }
    }
    code
}

fn run_command(args: &Cli, started: std::time::Instant) -> std::io::Result<i32> {
    // Locked per command, not for the app's lifetime: its worker threads may print.
    let (stdout, stderr) = (std::io::stdout, std::io::stderr);
    protect_data_files(&crate::dirs::data_dir(args.data_dir.as_deref()));
    crate::cache::set_enabled(!args.no_cache);
    match &args.command {
        Some(Command::Check(check)) => check::run(&mut stdout().lock(), check),
        Some(Command::Export(export)) => {
            // Buffered in large blocks: stdout is line-buffered, and a million documents'
            // JSON written line by line spends most of its time in write calls.
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout().lock());
            let code = export::run(&mut out, args, export)?;
            std::io::Write::flush(&mut out)?;
            Ok(code)
        }
        Some(Command::Bench(bench)) => bench::run(&mut stdout().lock(), bench),
        Some(Command::Render(render)) => render::run(&mut stderr().lock(), args, render),
        Some(Command::Handout(handout)) => handout::run(&mut stderr().lock(), args, handout),
        Some(Command::Generate(generate)) => {
            generate::run(&mut stdout().lock(), &mut stderr().lock(), generate)
        }
        Some(Command::Bookmarks { command }) => {
            let dir = crate::dirs::data_dir(args.data_dir.as_deref());
            let themes = || themes_or_report(args);
            bookmarks::run(
                &mut stdout().lock(),
                &mut stderr().lock(),
                &dir,
                command,
                &themes,
            )
        }
        Some(Command::Themes { command }) => {
            let (set, problem) = load_themes(args.themes.as_deref());
            if let Some(problem) = problem {
                eprintln!("archive-timeline: {problem}; using the built-in themes");
            }
            themes::run(&mut stdout().lock(), &mut stderr().lock(), &set, command)
        }
        Some(Command::Collections { command }) => {
            let dir = crate::dirs::data_dir(args.data_dir.as_deref());
            let themes = || themes_or_report(args);
            workspace::collections(
                &mut stdout().lock(),
                &mut stderr().lock(),
                &dir,
                command,
                &themes,
            )
        }
        Some(Command::Lesson { command }) => {
            let dir = crate::dirs::data_dir(args.data_dir.as_deref());
            workspace::lesson(&mut stdout().lock(), &mut stderr().lock(), &dir, command)
        }
        Some(Command::Date { command }) => {
            let dir = crate::dirs::data_dir(args.data_dir.as_deref());
            workspace::date(&mut stdout().lock(), &mut stderr().lock(), &dir, command)
        }
        Some(Command::Link { command }) => {
            let dir = crate::dirs::data_dir(args.data_dir.as_deref());
            workspace::link(&mut stdout().lock(), &mut stderr().lock(), &dir, command)
        }
        None => open::run(&mut stderr(), args, started),
    }
}

/// No `--out` of any command may replace the data folder's stores (workspace, bookmarks),
/// their backups or locks, whether or not the command opens them.
fn protect_data_files(dir: &Path) {
    use crate::durable::DurableStore;
    DurableStore::<crate::workspace::format::WorkspaceFormat>::protect_in(dir);
    DurableStore::<crate::bookmarks::format::BookmarksFormat>::protect_in(dir);
}

/// Leaves what a command loaded to the end of the process instead of freeing it: the
/// operating system takes the memory back at once, where freeing a million documents one
/// allocation at a time took 0.25 s warm and 0.7 s cold, just before the process ended.
/// Only for what a command holds until it returns to `main`.
pub fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Loads the given paths (through the library cache), or the bundled seeds when there are none.
pub fn load(paths: &[PathBuf]) -> Loaded {
    if paths.is_empty() {
        ingest::load_seeds()
    } else {
        crate::cache::load_for_command(paths, None).0
    }
}

/// [`load`] and the classification under `themes` (from the cache when it has it).
pub fn load_classified(
    paths: &[PathBuf],
    themes: &ThemeSet,
) -> (Loaded, crate::themes::Classification) {
    if paths.is_empty() {
        let loaded = ingest::load_seeds();
        let classification = themes.classify(&loaded.library);
        return (loaded, classification);
    }
    let (loaded, classification) = crate::cache::load_for_command(paths, Some(themes));
    let classification = classification.unwrap_or_else(|| themes.classify(&loaded.library));
    (loaded, classification)
}

/// The corpus of the given paths (or the seeds) under `themes`, for a command that draws
/// it: the classification comes from the library cache when it has one under these themes,
/// so a warm command does not classify a million documents again.
pub fn load_corpus(paths: &[PathBuf], themes: ThemeSet) -> crate::corpus::Corpus {
    let (loaded, classification) = load_classified(paths, &themes);
    crate::corpus::Corpus::build_with(loaded, themes, Some(classification))
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

/// The themes for a subcommand that prints: a problem with the user's file goes to stderr.
fn themes_or_report(args: &Cli) -> ThemeSet {
    let (themes, problem) = load_themes(args.themes.as_deref());
    if let Some(problem) = problem {
        eprintln!("archive-timeline: {problem}; using the built-in themes");
    }
    themes
}
