//! `check`: reads pages and reference files and reports, per file, the entries read, the page
//! range, the format, how many records were kept as undated and which lines were not read,
//! with every diagnostic as `file:line: severity: message`, then a total line.

use crate::ingest::{Loaded, Severity};
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
        for line in report.check_lines() {
            writeln!(out, "{line}")?;
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
