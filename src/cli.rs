//! The command line: open the GUI (default), `check` pages, `export` documents.
//!
//! Parsing is clap's; this module only maps commands onto `ingest` and `export` and prints.
//! Exit codes: 0 success, 1 a file could not be read or held no entries, 2 usage errors (clap).

use crate::export::{self, Format};
use crate::ingest::{self, Loaded, Severity};
use crate::model::DocDate;
use crate::timeline::scale::day_of;
use crate::timeline::TimeWindow;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "archive-timeline",
    version,
    about = "Explore Cold War archival documents (1945-1996) on a zoomable timeline",
    long_about = "Explore Cold War archival documents (1945-1996) on a zoomable timeline.\n\n\
                  With no command, opens the app on the given page files and folders, or on the \
                  bundled seeds when none are given.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Where user data (bookmarks) lives; default: the platform data dir (XDG on Linux).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Page files or folders to open in the app (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

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

/// `export`: every document to `out`; diagnostics go to stderr so stdout stays clean data.
pub fn export<W: Write>(
    out: &mut W,
    loaded: &Loaded,
    format: ExportFormat,
) -> std::io::Result<i32> {
    let format = match format {
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    export::write(out, &loaded.library, format, |_| Vec::new())?;
    for diag in loaded.diagnostics() {
        eprintln!("{diag}");
    }
    Ok(i32::from(loaded.failed_files() > 0))
}
