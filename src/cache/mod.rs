//! The library cache: what a load produced (documents, file reports, theme classification,
//! search index) kept in one file per source list under the platform cache dir
//! (`$XDG_CACHE_HOME/archive-timeline/` on Linux), so the next start and every command over
//! the same sources read it back instead of parsing, merging and classifying again.
//!
//! **Valid or unused.** A file is used only when its key equals the key of the sources now:
//! the program (version, and the executable's size and time, so any rebuilt reader
//! invalidates it), the cache [`FORMAT`], the seeds flag and paths asked for, the problems
//! collecting them gave, and each source file's path, size and modification time, plus a
//! content hash for a file modified within [`FRESH_SECS`] of being read (a rewrite within the
//! same second keeps size and time). The classification is kept with a hash of the themes it
//! was made under and used only under the same themes; the lanes and histogram are rebuilt
//! from it (milliseconds). The workspace (user dates, lanes) is not part of what is cached:
//! it is laid over the loaded corpus as before. An added or removed file makes a full load:
//! the merge joins entries, not documents (a document page overrides what listings said, a
//! reference item fills gaps, an ordinal counts repeats within one page), and a merged
//! document no longer says which field came from which source, so a file can be neither
//! taken out of it nor merged into it exactly without every file's entries.
//!
//! **Never trusted blindly.** The frame ([`file`]) is checked (magic, format, lengths adding
//! up to the file, a CRC-32 per section and for the header), every record converts back
//! only if it makes sense ([`record`]), and the parts must fit one another (a classification
//! and an index of as many documents as the library holds). Anything else: the file is
//! ignored, one line says why, and the load reads the sources. Written with the project's
//! `write_atomic` and bounded ([`MAX_CACHE_BYTES`]; at most [`KEEP_FILES`] files). Deleting
//! it only costs time.
//!
//! Libraries below [`MIN_SOURCE_BYTES`] of sources are not cached: they load faster than a
//! cache file is checked. Owns the cache dir's files; knows nothing of egui.

mod file;
// Public only so benches/cache_format.rs can measure the encoding on the cache's own records.
#[doc(hidden)]
pub mod record;
#[cfg(test)]
mod tests;

use crate::ingest::merge::PageEntries;
use crate::ingest::{FileReport, Loaded, Progress, SourceList};
use crate::model::Library;
use crate::search::{SearchIndex, StoredIndex};
use crate::themes::{Classification, ThemeSet};
use file::{Kind, Section};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

/// The layout of what the file holds; bumped with any change to the records.
pub const FORMAT: u32 = 1;
/// A cache file larger than this is neither written nor read.
pub const MAX_CACHE_BYTES: u64 = 8 * 1024 * 1024 * 1024;
/// Sources smaller than this in all are read directly, not cached.
pub const MIN_SOURCE_BYTES: u64 = 1024 * 1024;
/// Cache files kept (one per source list); the least recently written go first.
pub const KEEP_FILES: usize = 4;
/// A file modified this recently before it is read is fingerprinted by its content too.
pub const FRESH_SECS: u64 = 2;
/// Documents per section: sections are read and decoded on all cores. The tests' libraries
/// of a few thousand documents are cut small, so they are many sections read at once too.
const DOCS_PER_SECTION: usize = if cfg!(test) { 256 } else { 8_192 };

static DISABLED: AtomicBool = AtomicBool::new(false);

/// `--no-cache`: no cache file is read or written in this process.
pub fn set_enabled(on: bool) {
    DISABLED.store(!on, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    !DISABLED.load(Ordering::Relaxed)
}

/// One source file as the key knows it.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct FileKey {
    path: String,
    len: u64,
    /// Seconds and nanoseconds since 1970 (`None`: the platform gives no time).
    modified: Option<(u64, u32)>,
    /// A hash of the content, for a file too recently modified for its time to be trusted.
    hash: Option<u64>,
}

/// Everything a cached load's documents and reports depend on.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Key {
    program: String,
    seeds: bool,
    paths: Vec<String>,
    /// The reports collecting the paths gave (missing paths, loops), as `check` prints them.
    problems: Vec<String>,
    files: Vec<FileKey>,
}

/// The classification section: the themes it was made under, and its parts.
#[derive(bitcode::Encode, bitcode::Decode)]
struct ClassesRecord {
    themes: u64,
    offsets: Vec<u32>,
    ids: Vec<u16>,
    lane_of: Vec<u16>,
    other: u16,
}

/// Where the cache files live: the platform cache dir, unless disabled.
pub fn default_dir() -> Option<PathBuf> {
    enabled().then(crate::dirs::cache_dir).flatten()
}

/// The program part of the key: the version, and the executable's size and time.
fn program() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), since_epoch(m.modified().ok())))
        .unwrap_or_default();
    format!("archive-timeline {} {exe}", env!("CARGO_PKG_VERSION"))
}

fn since_epoch(t: Option<SystemTime>) -> Option<(u64, u32)> {
    let d = t?.duration_since(UNIX_EPOCH).ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

/// The hash that fingerprints a file's content and a theme set (std's SipHash with its fixed
/// keys; the program is in the key, so a change of std's hash changes the key too).
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// The themes' fingerprint: every field (names, colours, rules, weights, threshold).
pub fn themes_hash(themes: &ThemeSet) -> u64 {
    hash_bytes(format!("{themes:?}").as_bytes())
}

fn path_text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The cache file of a source list: one per list of paths and seeds flag.
fn file_for(dir: &Path, seeds: bool, paths: &[PathBuf]) -> PathBuf {
    let mut parts: Vec<String> = vec![seeds.to_string()];
    parts.extend(
        paths
            .iter()
            .map(|p| path_text(&std::path::absolute(p).unwrap_or_else(|_| p.clone()))),
    );
    let refs: Vec<&str> = parts.iter().map(String::as_str).collect();
    dir.join(format!(
        "library-{:016x}.cache",
        crate::text::stable_hash(&refs)
    ))
}

/// A file's size and, where it can be had, its modification time (seconds, nanoseconds).
type Stamp = (u64, Option<(u64, u32)>);

/// The stamp of one file now (`None`: it cannot be read for a stamp).
fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), since_epoch(meta.modified().ok())))
}

/// Whether a file modified at `modified` could change again without its time showing it.
fn is_fresh(modified: Option<(u64, u32)>, now: Option<(u64, u32)>) -> bool {
    match (modified, now) {
        (Some((m, _)), Some((n, _))) => m + FRESH_SECS >= n,
        _ => true,
    }
}

/// A search index left in the cache file, read when the app asks (after the first frame).
#[derive(Debug)]
pub struct PendingSearch {
    file: std::fs::File,
    section: Section,
    docs: usize,
}

impl PendingSearch {
    /// The section's bytes, checked against its checksum.
    fn bytes(&self) -> Option<Vec<u8>> {
        file::read_section(&Mutex::new(&self.file), &self.section).ok()
    }

    /// The index, or `None` when its section is damaged or does not fit the library.
    pub fn read(self) -> Option<SearchIndex> {
        let stored: StoredIndex = bitcode::decode(&self.bytes()?).ok()?;
        SearchIndex::from_stored(stored, self.docs)
    }
}

/// How to write the cache after a load that did not come whole from it.
#[derive(Clone, Debug)]
pub struct WritePlan {
    path: PathBuf,
    key: Key,
}

impl WritePlan {
    /// The cache file this plan writes.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// What the cache did for one load, and what is left to do: the app shows `note`, takes the
/// pending index, and writes the cache with `plan` once its search index is ready.
#[derive(Debug, Default)]
pub struct Status {
    /// One line: why a cache file was not used (damaged, another version, sources changed).
    pub note: Option<String>,
    /// The documents came from the cache file.
    pub warm: bool,
    search: Mutex<Option<PendingSearch>>,
    pub plan: Option<WritePlan>,
}

impl Status {
    /// The search index left in the cache file, once.
    pub fn take_search(&self) -> Option<PendingSearch> {
        self.search
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

/// What a load wants beyond documents and reports.
#[derive(Clone, Copy, Default)]
pub struct Want<'a> {
    /// The classification under these themes.
    pub themes: Option<&'a ThemeSet>,
    /// The search index (the app): a cache file without one is written again once it is built.
    pub search: bool,
}

/// A load through the cache.
pub struct CachedLoad {
    pub loaded: Loaded,
    /// The classification under the themes asked for, when the cache had it.
    pub classification: Option<Classification>,
    pub status: Status,
}

/// Loads `sources` through the cache in `dir` (`None`: no cache), with what `want` asks for
/// when the cache has it. Never fails: a cache that cannot be used is a plain load plus a
/// note.
pub fn load(
    dir: Option<&Path>,
    sources: &SourceList,
    want: Want<'_>,
    progress: &Progress,
) -> CachedLoad {
    let plain = |status: Status, files: &[PathBuf], missing: Vec<FileReport>| CachedLoad {
        loaded: crate::ingest::load_collected(
            sources.seeds,
            files,
            missing,
            progress,
            crate::ingest::read_file,
        ),
        classification: None,
        status,
    };
    let Some(dir) = dir else {
        let (files, missing) = crate::ingest::collect_paths(&sources.paths);
        return plain(Status::default(), &files, missing);
    };
    let path = file_for(dir, sources.seeds, &sources.paths);
    let program = program();
    // The walk and the stat of every source (one core, mostly waiting on the file system)
    // while the cache's documents are read and decoded (every core): the documents are
    // kept only if the key then matches the sources found, and dropped aside otherwise.
    let ((files, missing, stamps), speculative) = rayon::join(
        || {
            let collect = crate::phases::start("collect paths");
            let (files, missing) = crate::ingest::collect_paths(&sources.paths);
            collect.done();
            let stat = crate::phases::start("stat sources");
            let stamps: Vec<Option<Stamp>> = files.par_iter().map(|p| stamp(p)).collect();
            stat.done();
            (files, missing, stamps)
        },
        || {
            file::open::<Key>(&path, MAX_CACHE_BYTES).and_then(|opened| {
                check_origin(&opened.key, sources, &program)?;
                read_body(opened, want)
            })
        },
    );
    let total: u64 = stamps.iter().flatten().map(|s| s.0).sum();
    if total < MIN_SOURCE_BYTES {
        drop_aside(speculative);
        return plain(Status::default(), &files, missing);
    }
    let problems: Vec<String> = missing.iter().flat_map(FileReport::check_lines).collect();
    let now = since_epoch(Some(SystemTime::now()));
    let warm = match speculative {
        Ok(body) => {
            let check = crate::phases::start("cache: check key");
            let checked = check_key(&body.key, &problems, &files, &stamps);
            check.done();
            match checked {
                Ok(()) => Ok(body.into_load(&path, want)),
                Err(why) => {
                    drop_aside(Ok(body));
                    Err(why)
                }
            }
        }
        Err(why) => Err(why),
    };
    let note = match warm {
        Ok(warm) => {
            progress.files_total.store(files.len(), Ordering::Relaxed);
            progress.files_done.store(files.len(), Ordering::Relaxed);
            return warm;
        }
        Err(file::Refused::Missing) => None,
        Err(why) => Some(format!(
            "library cache {}: not used ({}); read the sources again",
            path.display(),
            describe(&why)
        )),
    };
    // Cold: read every file, hashing the bytes of those too fresh for their time.
    let hashes: Mutex<HashMap<PathBuf, u64>> = Mutex::default();
    let fresh: HashMap<&Path, bool> = files
        .iter()
        .zip(&stamps)
        .map(|(p, s)| (p.as_path(), s.is_none_or(|s| is_fresh(s.1, now))))
        .collect();
    let read_one = |p: &Path| -> (FileReport, PageEntries) {
        if !fresh.get(p).copied().unwrap_or(true) {
            return crate::ingest::read_file(p);
        }
        match crate::ingest::read_regular_file(p, crate::ingest::MAX_FILE_BYTES) {
            Ok(bytes) => {
                hashes
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(p.to_path_buf(), hash_bytes(&bytes));
                crate::ingest::read_bytes(&p.to_string_lossy(), &bytes)
            }
            Err(_) => crate::ingest::read_file(p),
        }
    };
    let loaded = crate::ingest::load_collected(sources.seeds, &files, missing, progress, read_one);
    let hashes = hashes.into_inner().unwrap_or_else(PoisonError::into_inner);
    let keys: Option<Vec<FileKey>> = files
        .iter()
        .zip(&stamps)
        .map(|(p, s)| {
            let (len, modified) = (*s)?;
            let hash = if fresh.get(p.as_path()).copied().unwrap_or(true) {
                Some(*hashes.get(p)?)
            } else {
                None
            };
            Some(FileKey {
                path: path_text(p),
                len,
                modified,
                hash,
            })
        })
        .collect();
    let plan = keys.map(|files| WritePlan {
        path,
        key: Key {
            program,
            seeds: sources.seeds,
            paths: sources.paths.iter().map(|p| path_text(p)).collect(),
            problems,
            files,
        },
    });
    CachedLoad {
        loaded,
        classification: None,
        status: Status {
            note,
            warm: false,
            search: Mutex::default(),
            plan,
        },
    }
}

/// Drops a body read for nothing on a thread of its own: freeing a million documents one by
/// one takes a noticeable part of a second, which the load that follows need not wait for.
fn drop_aside(body: Result<Body, file::Refused>) {
    if let Ok(body) = body {
        std::thread::spawn(move || drop(body));
    }
}

fn describe(why: &file::Refused) -> String {
    match why {
        file::Refused::Missing => "none yet".into(),
        file::Refused::Damaged(what) => format!("damaged: {what}"),
        file::Refused::OtherFormat(f) => format!("cache format {f}, this program reads {FORMAT}"),
        file::Refused::Io(e) => format!("cannot read it: {e}"),
    }
}

fn stale(why: &str) -> file::Refused {
    file::Refused::Damaged(why.to_string())
}

/// Whether `key` was written by this program for these sources (checked before its
/// documents are read).
fn check_origin(key: &Key, sources: &SourceList, program: &str) -> Result<(), file::Refused> {
    if key.program != program {
        return Err(stale("written by another build of the program"));
    }
    let paths: Vec<String> = sources.paths.iter().map(|p| path_text(p)).collect();
    if key.seeds != sources.seeds || key.paths != paths {
        return Err(stale("written for other sources"));
    }
    Ok(())
}

/// Whether `key`, written for these sources ([`check_origin`]), is their key now: the same
/// problems collecting them, and the same files, sizes and times (and content, for a file
/// written too recently for its time to tell).
fn check_key(
    key: &Key,
    problems: &[String],
    files: &[PathBuf],
    stamps: &[Option<Stamp>],
) -> Result<(), file::Refused> {
    if key.problems != problems {
        return Err(stale("written for other sources"));
    }
    if key.files.len() != files.len() {
        return Err(stale("files were added or removed"));
    }
    let unchanged = key
        .files
        .par_iter()
        .zip(files.par_iter().zip(stamps.par_iter()))
        .all(|(k, (p, s))| {
            let same_stamp = k.path == path_text(p) && *s == Some((k.len, k.modified));
            same_stamp
                && k.hash.is_none_or(|h| {
                    crate::ingest::read_regular_file(p, crate::ingest::MAX_FILE_BYTES)
                        .is_ok_and(|b| hash_bytes(&b) == h)
                })
        });
    if unchanged {
        Ok(())
    } else {
        Err(stale("a source file changed"))
    }
}

/// A cache file read back whole.
struct Body {
    key: Key,
    library: Library,
    reports: Vec<FileReport>,
    skipped: u64,
    classification: Option<Classification>,
    search: Option<PendingSearch>,
}

impl Body {
    fn into_load(self, path: &Path, want: Want<'_>) -> CachedLoad {
        // What is missing (a classification under these themes, an index) is made by the
        // app and written back; a command wanting no more than the documents writes nothing.
        let complete = (self.classification.is_some() || want.themes.is_none())
            && (self.search.is_some() || !want.search);
        let plan = (!complete).then(|| WritePlan {
            path: path.to_path_buf(),
            key: self.key,
        });
        CachedLoad {
            loaded: Loaded {
                library: self.library,
                files: self.reports,
                skipped: usize::try_from(self.skipped).unwrap_or(0),
            },
            classification: self.classification,
            status: Status {
                note: None,
                warm: true,
                search: Mutex::new(self.search),
                plan,
            },
        }
    }
}

/// Reads an open cache file whose key was checked: its documents, reports and
/// classification, and where its index lies.
fn read_body(opened: file::Opened<Key>, want: Want<'_>) -> Result<Body, file::Refused> {
    let sections = &opened.sections;
    let (mut head, mut search) = (Vec::new(), None);
    for s in sections {
        match s.kind {
            Kind::Search => search = Some(s.clone()),
            _ if search.is_some() => return Err(stale("sections out of order")),
            _ => head.push(s.clone()),
        }
    }
    // The small sections first (the documents need the file names), then the documents':
    // each read, checked and decoded on its own, on all cores, so reading one overlaps
    // decoding another and no more than a section per core is held as bytes.
    let shared = Mutex::new(&opened.file);
    let mut files_record: Option<record::FilesRecord> = None;
    let mut doc_sections: Vec<&Section> = Vec::new();
    let mut classes: Option<ClassesRecord> = None;
    for s in &head {
        let bad = || stale("a section does not decode");
        match s.kind {
            Kind::Files => {
                let b = file::read_section(&shared, s)?;
                files_record = Some(bitcode::decode(&b).map_err(|_| bad())?);
            }
            Kind::Docs => doc_sections.push(s),
            Kind::Classes => {
                let b = file::read_section(&shared, s)?;
                classes = Some(bitcode::decode(&b).map_err(|_| bad())?);
            }
            Kind::Search => {}
        }
    }
    let reports_phase = crate::phases::start("cache: file reports");
    let files_record = files_record.ok_or_else(|| stale("no file reports"))?;
    let names: Vec<Arc<str>> = files_record
        .names
        .into_iter()
        .map(|n| Arc::from(n.as_str()))
        .collect();
    let reports = record::reports_of(files_record.reports, &names)
        .ok_or_else(|| stale("a file report does not fit"))?;
    reports_phase.done();
    let decode = crate::phases::start("cache: read and decode documents");
    let chunks: Vec<Vec<crate::model::Document>> = doc_sections
        .par_iter()
        .map_init(Vec::new, |bytes, s| {
            file::read_section_into(&shared, s, bytes)?;
            let records: Vec<record::DocRecord> =
                bitcode::decode(bytes).map_err(|_| stale("a section does not decode"))?;
            records
                .into_iter()
                .map(|r| record::document_of(r, &names))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| stale("a document does not decode"))
        })
        .collect::<Result<_, _>>()?;
    decode.done();
    let mut docs = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
    for mut chunk in chunks {
        docs.append(&mut chunk);
    }
    let library = Library::new(docs);
    let count = library.len();
    let classification = match (classes, want.themes) {
        (Some(c), Some(t)) if c.themes == themes_hash(t) => Some(
            Classification::from_parts(count, c.offsets, c.ids, c.lane_of, c.other)
                .ok_or_else(|| stale("the classification does not fit the library"))?,
        ),
        _ => None,
    };
    let search = search.map(|section| PendingSearch {
        file: opened.file,
        section,
        docs: count,
    });
    Ok(Body {
        key: opened.key,
        library,
        reports,
        skipped: files_record.skipped,
        classification,
        search,
    })
}

/// What [`store`] writes beyond the documents and reports.
pub struct Extras<'a> {
    pub classification: Option<(&'a ThemeSet, &'a Classification)>,
    /// The index already encoded ([`encode_search`]).
    pub search: Option<Vec<u8>>,
}

/// The index's section bytes (encoded before the index is handed to the app).
pub fn encode_search(index: &SearchIndex) -> Vec<u8> {
    bitcode::encode(&index.to_stored())
}

/// Writes the cache file of `plan` atomically, unless a source changed since it was read,
/// the load was cancelled, a lesson file is among the sources, or it would pass the bound.
/// Returns the bytes written, or why nothing was.
pub fn store(
    plan: &WritePlan,
    library: &Library,
    files: &[FileReport],
    skipped: usize,
    extras: Extras<'_>,
) -> Result<u64, String> {
    if skipped > 0 {
        return Err("the load was cancelled".into());
    }
    let changed = plan
        .key
        .files
        .par_iter()
        .any(|k| stamp(Path::new(&k.path)) != Some((k.len, k.modified)));
    if changed {
        return Err("a source file changed while it was read".into());
    }
    let mut names = record::NameTable::default();
    let reports = record::report_records(files, &mut names)
        .ok_or_else(|| "a lesson file is among the sources".to_string())?;
    // Names first (every source file has a report), then the documents' sections on all cores.
    let docs = library.docs();
    let records: Vec<Vec<record::DocRecord>> = docs
        .chunks(DOCS_PER_SECTION)
        .map(|chunk| {
            chunk
                .iter()
                .map(|d| record::doc_record(d, &mut names))
                .collect()
        })
        .collect();
    let mut sections: Vec<(Kind, Vec<u8>)> = vec![(
        Kind::Files,
        bitcode::encode(&record::FilesRecord {
            names: names.into_names(),
            reports,
            skipped: 0,
        }),
    )];
    sections.extend(
        records
            .par_iter()
            .map(|r| (Kind::Docs, bitcode::encode(r)))
            .collect::<Vec<_>>(),
    );
    drop(records);
    if let Some((themes, c)) = extras.classification {
        let (offsets, ids, lane_of, other) = c.parts();
        sections.push((
            Kind::Classes,
            bitcode::encode(&ClassesRecord {
                themes: themes_hash(themes),
                offsets: offsets.to_vec(),
                ids: ids.to_vec(),
                lane_of: lane_of.to_vec(),
                other,
            }),
        ));
    }
    if let Some(search) = extras.search {
        sections.push((Kind::Search, search));
    }
    let bytes = file::assemble(&plan.key, &sections);
    drop(sections);
    if bytes.len() as u64 > MAX_CACHE_BYTES {
        return Err(format!("{} bytes is over the bound", bytes.len()));
    }
    if let Some(dir) = plan.path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    crate::durable::fsio::write_atomic(&plan.path, &bytes).map_err(|e| e.to_string())?;
    if let Some(dir) = plan.path.parent() {
        prune(dir, &plan.path);
    }
    Ok(bytes.len() as u64)
}

/// Writes the cache of a loaded corpus (documents, reports, classification, index).
pub fn store_corpus(
    plan: &WritePlan,
    corpus: &crate::corpus::Corpus,
    search: Vec<u8>,
) -> Result<u64, String> {
    let extras = Extras {
        classification: Some((&corpus.themes, &corpus.classification)),
        search: Some(search),
    };
    store(plan, &corpus.library, &corpus.files, corpus.skipped, extras)
}

/// A library cache file's name, as [`file_for`] makes them.
pub fn is_cache_file_name(name: &str) -> bool {
    name.starts_with("library-") && name.ends_with(".cache")
}

/// Keeps the [`KEEP_FILES`] most recently written cache files of `dir` (`keep` among them).
fn prune(dir: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_cache_file_name)
                && p != keep
        })
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    caches.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, p) in caches.into_iter().skip(KEEP_FILES.saturating_sub(1)) {
        let _ = std::fs::remove_file(p);
    }
}

/// Loads `paths` for a command: through the cache in the platform cache dir (unless
/// `--no-cache`), writing it after a load that did not come from it. A note about the cache
/// goes to stderr, one line.
pub fn load_for_command(
    paths: &[PathBuf],
    themes: Option<&ThemeSet>,
) -> (Loaded, Option<Classification>) {
    let sources = SourceList {
        seeds: false,
        paths: paths.to_vec(),
    };
    let dir = default_dir();
    let want = Want {
        themes,
        search: false,
    };
    let load = load(dir.as_deref(), &sources, want, &Progress::default());
    if let Some(note) = &load.status.note {
        eprintln!("archive-timeline: {}", crate::text::safe::one_line(note));
    }
    let classification = match (load.classification, themes) {
        (Some(c), _) => Some(c),
        (None, Some(t)) => {
            let phase = crate::phases::start("classify");
            let classification = t.classify(&load.loaded.library);
            phase.done();
            Some(classification)
        }
        (None, None) => None,
    };
    if let Some(plan) = &load.status.plan {
        // The index is the app's to build; a command keeps the one the file had.
        let extras = Extras {
            classification: themes.zip(classification.as_ref()),
            search: load.status.take_search().and_then(|s| s.bytes()),
        };
        let loaded = &load.loaded;
        if let Err(why) = store(plan, &loaded.library, &loaded.files, loaded.skipped, extras) {
            eprintln!("archive-timeline: library cache not written: {why}");
        }
    }
    (load.loaded, classification)
}
