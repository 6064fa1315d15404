//! `check`: reads pages and reference files and reports, per file, the entries read, the page
//! range, the format, how many records were kept as undated and which lines were not read,
//! with every diagnostic as `file:line: severity: message`, then a total line. For a text or
//! HTML page it names what the page was decided to be ("list page", "document page (current
//! site)", "(old site)", "(PDF export)"), and warns when that decision looks wrong: a document
//! page that gave more than one record, or a list page none of whose entries has a date.

use crate::ingest::{Diagnostic, FileReport, Loaded, Severity};
use crate::text::count;
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
    let loaded = super::load(&args.paths);
    let code = check(out, &loaded);
    super::leave_to_exit(loaded);
    code
}

/// Per file, entries and page range, every diagnostic, then the total line. Exit 1 when a
/// file could not be read.
/// The total line's counts are plural unless one (`1 file`, `2 files`), as everywhere else.
pub fn check<W: Write>(out: &mut W, loaded: &Loaded) -> std::io::Result<i32> {
    for report in &loaded.files {
        for line in report.check_lines() {
            writeln!(out, "{line}")?;
        }
        if let Some(warning) = decision_warning(report) {
            let text = warning.to_string();
            writeln!(out, "  {}", crate::text::safe::one_line(&text))?;
        }
    }
    let errors = loaded.count(Severity::Error);
    writeln!(
        out,
        "total: {}, {}, {}, {}",
        count(loaded.library.len(), "document"),
        count(loaded.library.listing_count(), "listing"),
        count(loaded.files.len(), "file"),
        count(errors, "error")
    )?;
    Ok(i32::from(loaded.failed_files() > 0))
}

/// A warning when a page's decision and what it gave disagree.
pub fn decision_warning(report: &FileReport) -> Option<Diagnostic> {
    let layout = report.layout?;
    if report.failed {
        return None;
    }
    let message = if layout.is_document() && report.entries > 1 {
        format!(
            "read as a {} but gave {} records: a document page is one document",
            layout.name(),
            report.entries
        )
    } else if !layout.is_document() && report.entries > 0 && report.undated == report.entries {
        format!(
            "read as a list page, but none of its {} entries has a date: is it a document page, or not an archive page?",
            report.entries
        )
    } else {
        return None;
    };
    Some(Diagnostic::warning(&report.file, None, message))
}
