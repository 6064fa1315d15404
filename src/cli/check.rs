//! `check`: reads pages and reports, per file, the entries read and the page range, with every
//! diagnostic as `file:line: severity: message`, then a total line.

use crate::ingest::{Loaded, Severity};
use crate::output::text::one_line;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Page files or folders (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Loads the pages and reports on them (see [`check`]).
pub fn run<W: Write>(out: &mut W, args: &CheckArgs) -> std::io::Result<i32> {
    check(out, &super::load(&args.paths))
}

/// Per file, entries and page range, every diagnostic, then the total line. Exit 1 when a
/// file could not be read.
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
        // One line per file and per message, whatever a file name or message holds.
        let file = one_line(&report.file);
        if report.failed {
            writeln!(out, "{file}: not read")?;
        } else {
            writeln!(out, "{file}: {} {noun}{range}", report.entries)?;
        }
        for diag in &report.diagnostics {
            writeln!(out, "  {}", one_line(&diag.to_string()))?;
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
