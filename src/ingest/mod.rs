//! Files -> a [`Library`]: reading bytes, decoding, parsing pages and merging.
//!
//! Owns every decision about what a file on disk may be (missing, binary, huge, not UTF-8,
//! empty, not an archive page) and reports each as a [`Diagnostic`] naming the file, so that one
//! bad file never stops the others from loading. Knows nothing of egui.

pub mod diag;
pub mod merge;
pub mod page;

pub use diag::{Diagnostic, Severity};
pub use page::PageRange;

use crate::model::Library;
use merge::PageEntries;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// Archive pages are a few kilobytes; anything this large is not one, and is refused unread.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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

/// Expands files and folders (recursively, `.txt` files, sorted) into the list of pages to read.
/// A path that does not exist is reported and skipped.
pub fn collect_paths(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileReport>) {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk_dir(path, &mut files, &mut missing);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            missing.push(failed_report(
                path,
                None,
                "no such file or folder".to_string(),
            ));
        }
    }
    (files, missing)
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<FileReport>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            problems.push(failed_report(
                dir,
                None,
                format!("cannot read folder: {err}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk_dir(&path, files, problems);
        } else if path
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("txt"))
        {
            files.push(path);
        }
    }
}

fn display_name(path: &Path) -> Arc<str> {
    Arc::from(path.to_string_lossy().as_ref())
}

fn failed_report(path: &Path, line: Option<usize>, message: String) -> FileReport {
    let file = display_name(path);
    FileReport {
        diagnostics: vec![Diagnostic::error(&file, line, message)],
        file,
        entries: 0,
        range: None,
        failed: true,
        document_page: false,
    }
}

/// Decodes a file's bytes into text, or says why it is not a page.
pub fn decode(bytes: &[u8], file: &Arc<str>) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let mut notes = Vec::new();
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(Diagnostic::error(
            file,
            None,
            format!("binary file (NUL byte at offset {at}): not an archive page"),
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

/// Parses one page's text into its report and entries.
pub fn read_text(
    file: Arc<str>,
    text: &str,
    mut notes: Vec<Diagnostic>,
) -> (FileReport, PageEntries) {
    let parsed = page::parse_page(text, &file);
    notes.extend(parsed.diagnostics);
    let failed = parsed.entries.is_empty();
    let document_page = parsed.entries.iter().any(|e| e.details.is_some());
    if failed {
        notes.push(Diagnostic::error(
            &file,
            None,
            "not an archive page: no dated entries",
        ));
    }
    (
        FileReport {
            file: Arc::clone(&file),
            entries: parsed.entries.len(),
            range: parsed.range,
            diagnostics: notes,
            failed,
            document_page,
        },
        PageEntries::new(file, parsed.entries),
    )
}

/// Reads and parses one file from disk.
pub fn read_file(path: &Path) -> (FileReport, PageEntries) {
    let file = display_name(path);
    let empty = |report: FileReport| {
        let entries = PageEntries::new(Arc::clone(&report.file), Vec::new());
        (report, entries)
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return empty(failed_report(
                path,
                None,
                format!(
                    "file is {:.1} MB; archive pages are far smaller (limit {} MB): not read",
                    meta.len() as f64 / 1e6,
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            ))
        }
        Ok(_) => {}
        Err(err) => return empty(failed_report(path, None, format!("cannot read: {err}"))),
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return empty(failed_report(path, None, format!("cannot read: {err}"))),
    };
    match decode(&bytes, &file) {
        Ok((text, notes)) => read_text(file, &text, notes),
        Err(diag) => {
            let report = FileReport {
                file: Arc::clone(&file),
                entries: 0,
                range: None,
                diagnostics: vec![diag],
                failed: true,
                document_page: false,
            };
            empty(report)
        }
    }
}

/// Counters a long load updates as it goes, and the flag that cancels it. Shared between the
/// loading thread and the UI, which reads them every frame.
#[derive(Debug, Default)]
pub struct Progress {
    pub files_total: AtomicUsize,
    pub files_done: AtomicUsize,
    pub entries: AtomicUsize,
    pub cancel: AtomicBool,
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
    let seeds: &[(&str, &str)] = if sources.seeds { SEEDS } else { &[] };
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
    let read: Vec<Option<(FileReport, PageEntries)>> = files
        .par_iter()
        .map(|p| {
            if progress.is_cancelled() {
                return None;
            }
            let r = read_file(p);
            done(r.0.entries);
            Some(r)
        })
        .collect();
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
    Loaded {
        library: Library::new(merge::merge(pages)),
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
}
