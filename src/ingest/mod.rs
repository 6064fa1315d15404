//! Files -> a [`Library`]: reading bytes, decoding, choosing a reader, parsing and merging.
//!
//! Owns every decision about what a file on disk may be (missing, not a regular file, binary,
//! huge, not UTF-8, empty, not an archive page or a reference file) and reports each as a
//! [`Diagnostic`] naming the file, so that one bad file never stops the others from loading.
//! One reader per source format, all producing the same entries and diagnostics: `page`
//! (text), `html` (HTML -> text -> page), `csljson`, `ris`, `bibtex`, `csv`; `sniff` picks the
//! reader by content; `merge` owns identity; `read` owns safe, bounded file access. Knows
//! nothing of egui.

pub mod bibtex;
pub mod csljson;
pub mod csv;
pub mod diag;
pub mod entry;
pub mod html;
pub mod lesson;
pub mod merge;
pub mod page;
pub mod read;
pub mod reference;
pub mod ris;
pub mod sample;
pub mod sniff;

pub use diag::{Diagnostic, Severity};
pub use entry::PageRange;
pub use read::{read_regular_file, ReadError};
pub use sniff::Format;

use crate::model::Library;
use merge::PageEntries;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// Archive pages are a few kilobytes and reference files a few megabytes; anything this large
/// is refused unread.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The path that means standard input (`check -`, `export --format json -`).
pub const STDIN_PATH: &str = "-";

/// The bundled default corpus, compiled in so the app opens on it from anywhere, instantly.
pub const SEEDS: &[(&str, &str)] = &[
    (
        "seeds/000_1f3e6050ed5d0420.txt",
        include_str!("../../seeds/000_1f3e6050ed5d0420.txt"),
    ),
    (
        "seeds/001_924ee9a11f75fe32.txt",
        include_str!("../../seeds/001_924ee9a11f75fe32.txt"),
    ),
    (
        "seeds/002_41149a0c6c93da7d.txt",
        include_str!("../../seeds/002_41149a0c6c93da7d.txt"),
    ),
    (
        "seeds/003_21b55c225223fe86.txt",
        include_str!("../../seeds/003_21b55c225223fe86.txt"),
    ),
    (
        "seeds/004_c6cb0f957e2c67b3.txt",
        include_str!("../../seeds/004_c6cb0f957e2c67b3.txt"),
    ),
];

/// What reading one file gave.
#[derive(Clone, Debug)]
pub struct FileReport {
    pub file: Arc<str>,
    pub entries: usize,
    pub range: Option<PageRange>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file could not be read or held no entries: it contributed nothing.
    pub failed: bool,
    /// The file is a single document page (citation, summary, full text).
    pub document_page: bool,
    /// What a text or HTML page was decided to be (`None` for reference files).
    pub layout: Option<entry::Layout>,
    /// The format the file was read as (`None` when it could not be read at all).
    pub format: Option<Format>,
    /// How many of its entries are undated (kept, never dropped).
    pub undated: usize,
    /// 1-based lines that were not read: neither part of a record nor known page furniture.
    pub unread_lines: Vec<usize>,
    /// For a lesson file: its order, notes and views (the tour offers it).
    pub lesson: Option<Arc<entry::Lesson>>,
}

impl FileReport {
    /// The lines `check` prints for this file: a summary line (entries, format, page range,
    /// undated records, unread lines with their numbers), then each diagnostic indented.
    pub fn check_lines(&self) -> Vec<String> {
        use crate::text::safe::one_line;
        let mut out = Vec::with_capacity(1 + self.diagnostics.len());
        // One line per file and per message, whatever a file name or message holds.
        let file = one_line(&self.file);
        if self.failed {
            out.push(format!("{file}: not read"));
        } else {
            let noun = if self.entries == 1 {
                "entry"
            } else {
                "entries"
            };
            // The start is what `check` printed before formats existed, so scripts that
            // match it keep working; what is new follows after semicolons.
            let range = match self.range {
                Some(r) => format!(" (page {} - {} of {})", r.first, r.last, r.total),
                None if self.document_page => " (document page)".to_string(),
                None => String::new(),
            };
            let mut format = self
                .format
                .map_or(String::new(), |f| format!("; {}", f.name()));
            if let Some(layout) = self.layout {
                format = format!("{format}: {}", layout.name());
            }
            out.push(format!(
                "{file}: {} {noun}{range}{format}; {} undated; {}",
                self.entries,
                self.undated,
                unread_summary(&self.unread_lines)
            ));
        }
        out.extend(
            self.diagnostics
                .iter()
                .map(|d| format!("  {}", one_line(&d.to_string()))),
        );
        out
    }
}

/// "0 lines not read", "3 lines not read: 2, 5-6".
pub fn unread_summary(lines: &[usize]) -> String {
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    if lines.is_empty() {
        return "0 lines not read".to_string();
    }
    let mut runs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        runs.push(if i == j {
            lines[i].to_string()
        } else {
            format!("{}-{}", lines[i], lines[j])
        });
        i = j + 1;
    }
    format!("{} {noun} not read: {}", lines.len(), runs.join(", "))
}

/// A built library and the per-file reports behind it.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub files: Vec<FileReport>,
    /// Files not read because the load was cancelled (the rest are whole files).
    pub skipped: usize,
}

impl Loaded {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn failed_files(&self) -> usize {
        self.files.iter().filter(|f| f.failed).count()
    }
}

/// Expands files and folders into the list of files to read: folders recursively (following
/// symlinks, loops reported and not followed; files of the readable extensions, sorted), each
/// real file once however many paths name it. `-` stands for standard input. A path that does
/// not exist, a symlink loop and a FIFO or device in a folder are reported and skipped.
pub fn collect_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    // Canonical paths, hashed as bytes (they are whole already; a `Path`'s hash parses it).
    let mut seen: HashSet<std::ffi::OsString> = HashSet::new();
    let mut stdin_taken = false;
    for path in paths {
        if path.as_os_str() == STDIN_PATH {
            if !std::mem::replace(&mut stdin_taken, true) {
                files.push(path.clone());
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let walk = read::walk_folder(path, sniff::is_readable_name, &mut seen);
                files.extend(walk.files);
                problems.extend(
                    walk.problems
                        .into_iter()
                        .map(|p| failed_report(&p.path, None, p.message)),
                );
            }
            Ok(_) => {
                // Named explicitly: read whatever its name (the reader is chosen by content),
                // once.
                let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                if seen.insert(canonical.into_os_string()) {
                    files.push(path.clone());
                }
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                let message = if path.is_symlink() {
                    "a symlink to nothing (or a symlink loop)".to_string()
                } else {
                    "no such file or folder".to_string()
                };
                problems.push(failed_report(path, None, message));
            }
            Err(err) => problems.push(failed_report(path, None, format!("cannot read: {err}"))),
        }
    }
    (files, problems)
}

fn display_name(path: &Path) -> Arc<str> {
    Arc::from(path.to_string_lossy().as_ref())
}

fn failed_report(path: &Path, line: Option<usize>, message: String) -> FileReport {
    let file = display_name(path);
    failed_named(file, Diagnostic::error(&display_name(path), line, message))
}

fn failed_named(file: Arc<str>, diagnostic: Diagnostic) -> FileReport {
    FileReport {
        diagnostics: vec![diagnostic],
        file,
        entries: 0,
        range: None,
        failed: true,
        document_page: false,
        layout: None,
        format: None,
        undated: 0,
        unread_lines: Vec::new(),
        lesson: None,
    }
}

/// [`decode`] of bytes the caller owns: valid UTF-8 without a byte-order mark (nearly every
/// file) becomes the text without being copied.
pub fn decode_owned(
    bytes: Vec<u8>,
    file: &Arc<str>,
) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let plain = !bytes.starts_with(b"\xEF\xBB\xBF")
        && !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && !bytes[..bytes.len().min(8192)].contains(&0);
    if !plain {
        return decode(&bytes, file);
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => {
            Err(Diagnostic::error(file, None, "empty file: no entries"))
        }
        Ok(text) => Ok((text, Vec::new())),
        Err(err) => decode(err.as_bytes(), file),
    }
}

/// Decodes a file's bytes into text, or says why it is not a page or reference file.
pub fn decode(bytes: &[u8], file: &Arc<str>) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let mut notes = Vec::new();
    if let Some(text) = read::decode_utf16(bytes, file, &mut notes) {
        if text.trim().is_empty() {
            return Err(Diagnostic::error(file, None, "empty file: no entries"));
        }
        return Ok((text, notes));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(Diagnostic::error(
            file,
            None,
            format!(
                "binary file (NUL byte at offset {at}): not an archive page or a reference file"
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            notes.push(Diagnostic::warning(
                file,
                Some(line),
                "not valid UTF-8: undecodable bytes were replaced with U+FFFD",
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, None, "empty file: no entries"));
    }
    Ok((text, notes))
}

/// Reads one file's text with the reader its content calls for.
pub fn parse_as(format: Format, text: &str, file: &Arc<str>) -> entry::ParsedPage {
    match format {
        Format::Page => page::parse_page(text, file),
        Format::Html => html::read_html(text, file),
        Format::CslJson => csljson::read_csl_json(text, file),
        Format::Ris => ris::read_ris(text, file),
        Format::Bibtex => bibtex::read_bibtex(text, file),
        Format::Csv => csv::read_csv(text, file),
        Format::Lesson => lesson::read_lesson(text, file),
    }
}

/// Parses one file's text (any format, chosen by [`sniff::sniff`]) into its report and entries.
pub fn read_text(
    file: Arc<str>,
    text: &str,
    mut notes: Vec<Diagnostic>,
) -> (FileReport, PageEntries) {
    let format = sniff::sniff(&file, text);
    // A reader's bug must not take the loader (and with it the app) down: it is this file's
    // error. (Recursion is bounded in every reader, so no input overflows the stack.)
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        parse_as(format, text, &file)
    }))
    .unwrap_or_else(|panic| reader_failed(&file, format, panic.as_ref()));
    let undated = parsed.undated();
    let had_error = parsed
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    notes.extend(parsed.diagnostics);
    let mut notes = diag::fold_repeats(notes);
    let failed = parsed.entries.is_empty();
    let document_page = parsed
        .entries
        .iter()
        .any(|e| e.kind == entry::EntryKind::DocumentPage);
    if failed && !had_error {
        let message = match format {
            Format::Page => {
                "not an archive page: no dated entries (not an archive page or a reference file)"
                    .to_string()
            }
            other => format!(
                "no records in this {} file: not an archive page or a reference file",
                other.name()
            ),
        };
        notes.push(Diagnostic::error(&file, None, message));
    }
    (
        FileReport {
            file: Arc::clone(&file),
            entries: parsed.entries.len(),
            range: parsed.range,
            diagnostics: notes,
            failed,
            document_page,
            layout: parsed.layout,
            format: Some(format),
            undated,
            unread_lines: parsed.unread_lines,
            lesson: parsed.lesson.map(|l| Arc::new(*l)),
        },
        PageEntries::new(file, parsed.entries),
    )
}

/// What a reader that panicked leaves: an error naming the file and the reader, nothing read.
fn reader_failed(
    file: &Arc<str>,
    format: Format,
    panic: &(dyn std::any::Any + Send),
) -> entry::ParsedPage {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    entry::ParsedPage {
        diagnostics: vec![Diagnostic::error(
            file,
            None,
            format!(
                "the {} reader failed on this file ({}); nothing of it was read",
                format.name(),
                if detail.is_empty() {
                    "an internal error"
                } else {
                    &detail
                }
            ),
        )],
        ..entry::ParsedPage::default()
    }
}

/// Reads one file held in memory (pasted text, a file dropped on the window, standard input):
/// decoded, its reader chosen by content (`name` breaks ties by its extension).
pub fn read_bytes(name: &str, bytes: &[u8]) -> (FileReport, PageEntries) {
    let file: Arc<str> = Arc::from(name);
    match decode(bytes, &file) {
        Ok((text, notes)) => read_text(file, &text, notes),
        Err(diag) => empty(failed_named(Arc::clone(&file), diag)),
    }
}

/// Reads standard input (at most [`MAX_FILE_BYTES`]) as one file named `-`.
pub fn read_stdin() -> (FileReport, PageEntries) {
    match read::read_stdin(MAX_FILE_BYTES) {
        Ok(bytes) => read_bytes(STDIN_PATH, &bytes),
        Err(err) => empty(failed_report(Path::new(STDIN_PATH), None, err.reason())),
    }
}

fn empty(report: FileReport) -> (FileReport, PageEntries) {
    let entries = PageEntries::new(Arc::clone(&report.file), Vec::new());
    (report, entries)
}

/// Reads and parses one file from disk (`-`: standard input). Only regular files are opened,
/// and at most [`MAX_FILE_BYTES`] are read.
pub fn read_file(path: &Path) -> (FileReport, PageEntries) {
    if path.as_os_str() == STDIN_PATH {
        return read_stdin();
    }
    match read::read_regular_file(path, MAX_FILE_BYTES) {
        Ok(bytes) => {
            // No output of this process may replace a file it reads.
            if let Ok(meta) = std::fs::metadata(path) {
                crate::durable::fsio::protect_source(path, &meta);
            }
            let file: Arc<str> = Arc::from(path.to_string_lossy().as_ref());
            match decode_owned(bytes, &file) {
                Ok((text, notes)) => read_text(file, &text, notes),
                Err(diag) => empty(failed_named(Arc::clone(&file), diag)),
            }
        }
        Err(err) => empty(failed_report(path, None, err.reason())),
    }
}

/// Saves pasted text as a file under `data_dir/pasted/`, atomically (a temporary file in the
/// same folder, then renamed), so it is remembered and reopened like any opened file. The
/// file is `.html` when the text is HTML, else `.txt`. Returns its path.
pub fn save_pasted(data_dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    let dir = data_dir.join("pasted");
    std::fs::create_dir_all(&dir)?;
    let extension = if sniff::looks_like_html(text) {
        "html"
    } else {
        "txt"
    };
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let hash = crate::text::stable_hash(&[text]);
    let path = dir.join(format!(
        "pasted-{stamp}-{:08x}.{extension}",
        hash & 0xffff_ffff
    ));
    crate::durable::fsio::write_private(&path, text.as_bytes())?;
    Ok(path)
}

/// Counters a long load updates as it goes, and the flag that cancels it. Shared between the
/// loading thread and the UI, which reads them every frame.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicUsize,
    pub files_done: AtomicUsize,
    pub entries: AtomicUsize,
    pub cancel: AtomicBool,
    /// While set, the loader waits before reading each file (until released or cancelled):
    /// lets a test see a load in progress on any machine, now that a FIFO can no longer hold
    /// the loader (it is refused as not a regular file).
    pub held: AtomicBool,
}

impl Progress {
    pub fn snapshot(&self) -> (usize, usize, usize) {
        (
            self.files_done.load(Ordering::Relaxed),
            self.files_total.load(Ordering::Relaxed),
            self.entries.load(Ordering::Relaxed),
        )
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Makes the loader wait before its next file.
    pub fn hold(&self) {
        self.held.store(true, Ordering::Relaxed);
    }

    /// Lets a held loader go on.
    pub fn release(&self) {
        self.held.store(false, Ordering::Relaxed);
    }

    fn wait_while_held(&self) {
        while self.held.load(Ordering::Relaxed) && !self.is_cancelled() {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
}

/// Where a library comes from: the bundled seeds and/or files and folders on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceList {
    pub seeds: bool,
    pub paths: Vec<PathBuf>,
}

/// Loads the seeds and paths, reporting progress; when cancelled, stops reading new files and
/// builds the library from the whole files read so far (`skipped` counts the rest).
pub fn load_sources(sources: &SourceList, progress: &Progress) -> Loaded {
    let (files, missing) = collect_paths(&sources.paths);
    load_collected(sources.seeds, &files, missing, progress, read_file)
}

/// [`load_sources`] over files already collected ([`collect_paths`]), each read by `read_one`
/// (the library cache reads through it to fingerprint what it parses).
pub fn load_collected(
    seeds: bool,
    files: &[PathBuf],
    missing: Vec<FileReport>,
    progress: &Progress,
    read_one: impl Fn(&Path) -> (FileReport, PageEntries) + Sync,
) -> Loaded {
    let seeds: &[(&str, &str)] = if seeds { SEEDS } else { &[] };
    progress
        .files_total
        .store(files.len() + seeds.len(), Ordering::Relaxed);
    let done = |entries: usize| {
        progress.files_done.fetch_add(1, Ordering::Relaxed);
        progress.entries.fetch_add(entries, Ordering::Relaxed);
    };
    let mut results: Vec<(FileReport, PageEntries)> = seeds
        .iter()
        .map(|(name, text)| {
            let r = read_text(Arc::from(*name), text, Vec::new());
            done(r.0.entries);
            r
        })
        .collect();
    let parse = crate::phases::start("parse");
    let read: Vec<Option<(FileReport, PageEntries)>> = files
        .par_iter()
        .map(|p| {
            progress.wait_while_held();
            if progress.is_cancelled() {
                return None;
            }
            let r = read_one(p);
            done(r.0.entries);
            Some(r)
        })
        .collect();
    parse.done();
    let skipped = read.iter().filter(|r| r.is_none()).count();
    results.extend(read.into_iter().flatten());
    let mut loaded = build(results, missing);
    loaded.skipped = skipped;
    loaded
}

/// Parses pages held in memory on all cores, without merging (callers that stream pages in
/// chunks collect these, then call [`build_loaded`]).
pub fn parse_texts(pages: &[(&str, &str)]) -> Vec<(FileReport, PageEntries)> {
    pages
        .par_iter()
        .map(|(name, text)| read_text(Arc::from(*name), text, Vec::new()))
        .collect()
}

/// Merges parsed pages into a library.
pub fn build_loaded(results: Vec<(FileReport, PageEntries)>) -> Loaded {
    build(results, Vec::new())
}

fn build(results: Vec<(FileReport, PageEntries)>, mut extra: Vec<FileReport>) -> Loaded {
    let mut files = Vec::with_capacity(results.len() + extra.len());
    let mut pages = Vec::with_capacity(results.len());
    for (report, entries) in results {
        files.push(report);
        pages.push(entries);
    }
    files.append(&mut extra);
    let merging = crate::phases::start("merge");
    let merged = merge::merge(pages);
    merging.done();
    Loaded {
        library: Library::new(merged),
        files,
        skipped: 0,
    }
}

/// Loads files and folders from disk, parsing on all cores.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let (files, missing) = collect_paths(paths);
    let results: Vec<_> = files.par_iter().map(|p| read_file(p)).collect();
    build(results, missing)
}

/// Loads pages already in memory, as `(name, text)`.
pub fn load_texts(pages: &[(&str, &str)]) -> Loaded {
    build(parse_texts(pages), Vec::new())
}

/// The bundled seeds.
pub fn load_seeds() -> Loaded {
    load_texts(SEEDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_and_empty_inputs_are_refused_with_a_reason() {
        let file: Arc<str> = Arc::from("x.bin");
        let err = decode(b"abc\0def", &file).expect_err("binary");
        assert!(err.message.contains("binary"));
        let err = decode(b"  \n\n", &file).expect_err("empty");
        assert!(err.message.contains("empty"));
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily_with_its_line() {
        let file: Arc<str> = Arc::from("x.txt");
        let (text, notes) = decode(b"May 1, 1950\n\nTitle \xff\n", &file).expect("decodes");
        assert!(text.contains('\u{FFFD}'));
        assert_eq!(notes[0].line, Some(3));
    }

    #[test]
    fn seeds_load_into_39_documents() {
        let loaded = load_seeds();
        assert_eq!(loaded.library.len(), 39);
        assert_eq!(loaded.library.listing_count(), 41);
        assert_eq!(loaded.failed_files(), 0);
    }

    #[test]
    fn utf16_files_are_read() {
        let text = "May 1, 1950\n\nTelegram from Moscow\n\nA summary.\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for bytes in [le, be, bare] {
            let (report, entries) = read_bytes("u16.txt", &bytes);
            assert!(!report.failed, "{:?}", report.diagnostics);
            assert_eq!(entries.entries.len(), 1);
            assert_eq!(entries.entries[0].title, "Telegram from Moscow");
        }
    }
}
