//! Bookmarks: the documents a reader starred, with their notes, kept in `bookmarks.ron`.
//!
//! Owns the bookmarks file in the data folder the caller gives (the app resolves the platform
//! folder or `--data-dir`): its versioned RON format, crash-safe saving, the `bookmarks.lock`
//! that lets the app and the command line change bookmarks at the same time, the handling of a
//! damaged or too-new file, and importing a file the app exported. The formats bookmarks are
//! exported in live in [`export`].
//!
//! Must not touch: egui (the app only calls this API), the loaded [`Library`] (read only, for
//! [`BookmarkStore::locate`]), and any file in the data folder other than `bookmarks.ron`,
//! `bookmarks.ron.bak`, `bookmarks.lock`, its own temporary files and the
//! `bookmarks.ron.damaged-*` copies it makes.
//!
//! Rules it keeps:
//! - every change is one operation (add, remove, set note, import) done read-modify-write under
//!   an exclusive lock on `bookmarks.lock`, after re-reading `bookmarks.ron` if another process
//!   changed it, so no process loses another's change;
//! - every save is atomic: a temporary file in the same folder is written, flushed and synced,
//!   the previous file is copied to `bookmarks.ron.bak`, the temporary file is renamed over
//!   `bookmarks.ron` and the folder is synced. A crash leaves the old or the new file, never a
//!   torn one, and no temporary file is left behind;
//! - a damaged file is never overwritten or emptied: it is moved aside to
//!   `bookmarks.ron.damaged-<UTC time>` and reported; a file from a newer program is left alone
//!   and the store goes read-only;
//! - bookmarks whose document is not loaded are kept: each holds a snapshot of its document.

pub mod export;

use crate::model::{DocDate, DocId, DocIndex, Document, Library};
use crate::text::fold;
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};
use tempfile::NamedTempFile;

/// The bookmarks file, inside the data folder.
pub const FILE_NAME: &str = "bookmarks.ron";
/// The newest format this program reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// The previous version of the bookmarks file, kept by every save.
pub const BACKUP_NAME: &str = "bookmarks.ron.bak";
/// The sidecar file locked while a process changes the bookmarks.
pub const LOCK_NAME: &str = "bookmarks.lock";
/// A bookmarks or import file larger than this is not one this program wrote.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// How long a change waits for another process to release the lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const LOCK_POLL: Duration = Duration::from_millis(15);

/// One starred document: its id, the reader's note, when it was starred, and a snapshot of the
/// document so the bookmark can be shown and exported while its document is not loaded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: DocId,
    #[serde(default)]
    pub note: String,
    /// When the bookmark was made (UTC, whole seconds, written as RFC 3339).
    #[serde(default = "now")]
    pub added: DateTime<Utc>,
    /// ISO 8601 at the document's precision ("1962", "1962-08", "1962-08-14"); `None` if undated.
    #[serde(default)]
    pub date: Option<String>,
    /// The date as the page wrote it ("August 14, 1962").
    #[serde(default)]
    pub date_text: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub archive_ref: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub citation: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
}

/// The current time, to the second (sub-second digits in a file only add noise).
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

impl Bookmark {
    /// A bookmark of `doc` made now, with `note`.
    pub fn from_document(doc: &Document, note: &str) -> Bookmark {
        Bookmark {
            id: doc.id.clone(),
            note: note.to_string(),
            added: now(),
            date: doc.date.iso(),
            date_text: doc.date_text.clone(),
            title: doc.title.clone(),
            summary: doc.summary.clone(),
            url: doc.url().map(str::to_string),
            archive_ref: doc.archive_ref().map(str::to_string),
            language: doc.language().map(str::to_string),
            citation: doc.citation().map(str::to_string),
            credit: doc.credit().map(str::to_string),
        }
    }

    /// The snapshot's date; undated when it has none or one this program cannot read.
    pub fn doc_date(&self) -> DocDate {
        self.date
            .as_deref()
            .and_then(DocDate::from_iso)
            .unwrap_or(DocDate::Undated)
    }

    /// The date to show: as written, else as the date reads, else "Undated".
    pub fn date_label(&self) -> String {
        if !self.date_text.trim().is_empty() {
            return self.date_text.clone();
        }
        match self.doc_date() {
            DocDate::Undated => "Undated".to_string(),
            date => date.display(),
        }
    }

    /// Takes `newer`'s snapshot and note, keeping when this bookmark was made and its note when
    /// `newer` has none.
    fn update_from(&mut self, newer: Bookmark) {
        let added = self.added;
        let note = if newer.note.trim().is_empty() {
            std::mem::take(&mut self.note)
        } else {
            newer.note.clone()
        };
        *self = Bookmark {
            added,
            note,
            ..newer
        };
    }
}

/// Sorts bookmarks by date (coarser dates first on the same day, undated last), then title.
pub fn sort_bookmarks(bookmarks: &mut [&Bookmark]) {
    bookmarks.sort_by(|a, b| {
        a.doc_date()
            .sort_key()
            .cmp(&b.doc_date().sort_key())
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Something about the bookmarks file the user must be told (the app shows it, the CLI prints it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The file could not be understood; it was moved aside untouched and bookmarks start empty.
    Damaged {
        file: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The file was written by a newer program; it is left alone and the store is read-only.
    NewerVersion { file: PathBuf, found: u32 },
    /// The file could not be read (or not be moved aside); it is left alone and the store is
    /// read-only.
    Unreadable { file: PathBuf, reason: String },
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Notice::Damaged {
                file,
                moved_to,
                reason,
            } => write!(
                f,
                "The bookmarks file {} is damaged ({reason}). It was moved, unchanged, to {}, \
                 and bookmarks start empty.",
                file.display(),
                moved_to.display()
            ),
            Notice::NewerVersion { file, found } => write!(
                f,
                "{} was written by a newer archive-timeline (format {found}; this one reads up \
                 to {FORMAT_VERSION}): not changed. Bookmarks are read-only here.",
                file.display()
            ),
            Notice::Unreadable { file, reason } => write!(
                f,
                "The bookmarks file {} could not be read ({reason}). It was left as it is, and \
                 bookmarks are read-only until it can be read.",
                file.display()
            ),
        }
    }
}

/// What kind of failure a [`StoreError`] is, for callers that react differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreErrorKind {
    /// The store refuses changes (newer or unreadable file); the message says why.
    ReadOnly,
    /// Another process held the lock for too long.
    Busy,
    /// Reading, writing, renaming or syncing a file failed.
    Io,
    /// The bookmark to change is not there (perhaps removed in another window).
    NotBookmarked,
    /// The file to import is not one this program can read.
    Import,
}

/// A failed bookmarks operation: what failed, on which file, and why.
#[derive(Debug)]
pub struct StoreError {
    pub kind: StoreErrorKind,
    /// What failed, e.g. "could not save bookmarks to".
    pub what: String,
    pub file: PathBuf,
    pub reason: String,
}

impl StoreError {
    fn new(kind: StoreErrorKind, what: &str, file: &Path, reason: impl fmt::Display) -> Self {
        StoreError {
            kind,
            what: what.to_string(),
            file: file.to_path_buf(),
            reason: reason.to_string(),
        }
    }

    fn io(what: &str, file: &Path, err: impl fmt::Display) -> Self {
        StoreError::new(StoreErrorKind::Io, what, file, err)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.what, self.file.display(), self.reason)
    }
}

impl std::error::Error for StoreError {}

// ---------------------------------------------------------------------------------------------
// The file format
// ---------------------------------------------------------------------------------------------

/// `bookmarks.ron`: a version and the bookmarks keyed by document id.
#[derive(Serialize, Deserialize)]
struct BookmarksFile {
    version: u32,
    #[serde(default)]
    bookmarks: BTreeMap<DocId, Entry>,
}

/// Reads only the version, so a newer file is recognised whatever else changed in it.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

/// One bookmark in the file (its id is the map key).
#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(default)]
    note: String,
    #[serde(default = "now")]
    added: DateTime<Utc>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_text: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    archive_ref: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    citation: Option<String>,
    #[serde(default)]
    credit: Option<String>,
}

impl Entry {
    fn of(b: &Bookmark) -> Entry {
        Entry {
            note: b.note.clone(),
            added: b.added,
            date: b.date.clone(),
            date_text: b.date_text.clone(),
            title: b.title.clone(),
            summary: b.summary.clone(),
            url: b.url.clone(),
            archive_ref: b.archive_ref.clone(),
            language: b.language.clone(),
            citation: b.citation.clone(),
            credit: b.credit.clone(),
        }
    }

    fn into_bookmark(self, id: DocId) -> Bookmark {
        Bookmark {
            id,
            note: self.note,
            added: self.added,
            date: self.date,
            date_text: self.date_text,
            title: self.title,
            summary: self.summary,
            url: self.url,
            archive_ref: self.archive_ref,
            language: self.language,
            citation: self.citation,
            credit: self.credit,
        }
    }
}

type Bookmarks = BTreeMap<DocId, Bookmark>;

/// Why file contents could not be taken as bookmarks.
#[derive(Debug, PartialEq)]
enum Problem {
    Damaged(String),
    Newer(u32),
}

/// Parses the contents of a bookmarks file.
fn decode(bytes: &[u8]) -> Result<Bookmarks, Problem> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Problem::Damaged(format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::Damaged("the file is empty".to_string()));
    }
    let probe: VersionProbe = ron::from_str(text)
        .map_err(|e| Problem::Damaged(format!("no format version could be read: {e}")))?;
    if probe.version > FORMAT_VERSION {
        return Err(Problem::Newer(probe.version));
    }
    if probe.version == 0 {
        return Err(Problem::Damaged(
            "format 0 is not one archive-timeline writes".into(),
        ));
    }
    let file: BookmarksFile =
        ron::from_str(text).map_err(|e| Problem::Damaged(format!("not valid bookmarks: {e}")))?;
    Ok(file
        .bookmarks
        .into_iter()
        .map(|(id, entry)| (id.clone(), entry.into_bookmark(id)))
        .collect())
}

/// Writes bookmarks in the file format (also what the app offers as "export bookmarks file").
pub fn encode<'a>(bookmarks: impl IntoIterator<Item = &'a Bookmark>) -> Result<String, ron::Error> {
    let file = BookmarksFile {
        version: FORMAT_VERSION,
        bookmarks: bookmarks
            .into_iter()
            .map(|b| (b.id.clone(), Entry::of(b)))
            .collect(),
    };
    let mut text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new())?;
    text.push('\n');
    Ok(text)
}

// ---------------------------------------------------------------------------------------------
// Files on disk
// ---------------------------------------------------------------------------------------------

/// What identifies one version of the file without reading it: size, mtime and (on Unix) inode,
/// which every atomic save changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl FileStamp {
    fn of(meta: &fs::Metadata) -> FileStamp {
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(meta),
        }
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.ino()
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// What reading the bookmarks file found.
enum DiskState {
    Missing,
    Present {
        bytes: Vec<u8>,
        stamp: FileStamp,
    },
    TooLarge,
    Unreadable {
        reason: String,
        stamp: Option<FileStamp>,
    },
}

fn read_disk(path: &Path) -> DiskState {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return DiskState::Missing,
        Err(e) => {
            let stamp = fs::metadata(path).ok().map(|m| FileStamp::of(&m));
            return DiskState::Unreadable {
                reason: e.to_string(),
                stamp,
            };
        }
    };
    let meta = match file.metadata() {
        Ok(meta) => meta,
        Err(e) => {
            return DiskState::Unreadable {
                reason: e.to_string(),
                stamp: None,
            }
        }
    };
    let stamp = FileStamp::of(&meta);
    if !meta.is_file() {
        return DiskState::Unreadable {
            reason: "it is not a regular file".to_string(),
            stamp: Some(stamp),
        };
    }
    if meta.len() > MAX_FILE_BYTES {
        return DiskState::TooLarge;
    }
    let mut bytes = Vec::new();
    match (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_FILE_BYTES => DiskState::TooLarge,
        Ok(_) => DiskState::Present { bytes, stamp },
        Err(e) => DiskState::Unreadable {
            reason: e.to_string(),
            stamp: Some(stamp),
        },
    }
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Holds the exclusive lock on `bookmarks.lock` until dropped.
struct LockGuard {
    file: Option<File>,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            // Closing the file releases the lock too; unlocking first just makes it prompt.
            let _ = file.unlock();
        }
    }
}

/// Takes the exclusive lock on `dir/bookmarks.lock`, waiting up to [`LOCK_WAIT`] for another
/// process. On a file system without locks it goes on unlocked rather than refuse all changes.
fn lock_dir(dir: &Path) -> Result<LockGuard, StoreError> {
    let path = dir.join(LOCK_NAME);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| StoreError::io("could not open the bookmarks lock file", &path, e))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(LockGuard { file: Some(file) }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(LOCK_POLL)
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::new(
                    StoreErrorKind::Busy,
                    "could not change bookmarks: another archive-timeline holds",
                    &path,
                    format!("not released within {} s; try again", LOCK_WAIT.as_secs()),
                ))
            }
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(LockGuard { file: None })
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::io("could not lock", &path, e));
            }
        }
    }
}

/// Writes `bytes` to a new temporary file in `dir`, flushed and synced to disk. The file is
/// removed again when the returned handle is dropped without being persisted.
fn write_temp(dir: &Path, target: &Path, bytes: &[u8]) -> Result<NamedTempFile, StoreError> {
    let mut temp = tempfile::Builder::new()
        .prefix(".bookmarks.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| StoreError::io("could not create a temporary file in", dir, e))?;
    let what = "could not write a temporary file for";
    temp.write_all(bytes)
        .map_err(|e| StoreError::io(what, target, e))?;
    temp.flush().map_err(|e| StoreError::io(what, target, e))?;
    temp.as_file()
        .sync_all()
        .map_err(|e| StoreError::io(what, target, e))?;
    Ok(temp)
}

/// Renames a synced temporary file over `target` (atomic within one folder).
fn persist(temp: NamedTempFile, target: &Path) -> Result<(), StoreError> {
    // On failure the PersistError owns the temporary file and deletes it when dropped.
    temp.persist(target)
        .map(drop)
        .map_err(|e| StoreError::io("could not replace", target, e.error))
}

/// Makes the renames inside `dir` durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// A free name `bookmarks.ron.damaged-20261123T184500Z` (with `-2`, `-3` … if taken).
fn damaged_name(dir: &Path) -> PathBuf {
    let stem = format!(
        "{FILE_NAME}.damaged-{}",
        Utc::now().format("%Y%m%dT%H%M%SZ")
    );
    let first = dir.join(&stem);
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| dir.join(format!("{stem}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}-{}", std::process::id())))
}

// ---------------------------------------------------------------------------------------------
// The store
// ---------------------------------------------------------------------------------------------

/// What of `bookmarks.ron` the store last took in: its stamp and a hash of its bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Seen {
    stamp: Option<FileStamp>,
    hash: Option<u64>,
}

/// The bookmarks of one data folder, kept in step with `bookmarks.ron`.
#[derive(Debug)]
pub struct BookmarkStore {
    dir: PathBuf,
    path: PathBuf,
    bookmarks: Bookmarks,
    notices: Vec<Notice>,
    /// Why changes are refused, when they are.
    read_only: Option<String>,
    seen: Seen,
}

/// What an operation did to the bookmarks.
struct Outcome<R> {
    result: R,
    changed: bool,
}

impl BookmarkStore {
    /// Opens the bookmarks of `dir`. Never fails: a missing file means no bookmarks, the folder
    /// is created on the first change, and problems with the file become [`Notice`]s.
    pub fn open(dir: &Path) -> BookmarkStore {
        let mut store = BookmarkStore {
            dir: dir.to_path_buf(),
            path: dir.join(FILE_NAME),
            bookmarks: Bookmarks::new(),
            notices: Vec::new(),
            read_only: None,
            seen: Seen::default(),
        };
        store.refresh(None);
        store
    }

    /// The bookmarks file (whether or not it exists yet).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the user must be told about the bookmarks file, oldest first.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Whether changes are refused (the file is newer than this program or unreadable).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    pub fn len(&self) -> usize {
        self.bookmarks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bookmarks.is_empty()
    }

    pub fn contains(&self, id: &DocId) -> bool {
        self.bookmarks.contains_key(id)
    }

    pub fn get(&self, id: &DocId) -> Option<&Bookmark> {
        self.bookmarks.get(id)
    }

    /// Every bookmark, by date (undated last), then title.
    pub fn list(&self) -> Vec<&Bookmark> {
        let mut list: Vec<&Bookmark> = self.bookmarks.values().collect();
        sort_bookmarks(&mut list);
        list
    }

    /// Bookmarks `bookmark`. Bookmarking again refreshes the snapshot but keeps when it was
    /// first made, and keeps the old note unless the new one says something.
    pub fn add(&mut self, bookmark: Bookmark) -> Result<(), StoreError> {
        self.change(|marks| {
            let changed = match marks.get_mut(&bookmark.id) {
                Some(existing) => {
                    let before = existing.clone();
                    existing.update_from(bookmark);
                    *existing != before
                }
                None => {
                    marks.insert(bookmark.id.clone(), bookmark);
                    true
                }
            };
            Ok(Outcome {
                result: (),
                changed,
            })
        })
    }

    /// The bookmark of `doc`: the one under its id, else the only one whose snapshot has its
    /// date and folded title (made before the document's id changed).
    pub fn bookmark_of(&self, doc: &Document) -> Option<&Bookmark> {
        let id = bookmark_id_of(&self.bookmarks, doc)?;
        self.bookmarks.get(&id)
    }

    /// Bookmarks `doc`, or removes its bookmark (see [`BookmarkStore::bookmark_of`]); true
    /// when it is bookmarked afterwards.
    pub fn toggle(&mut self, doc: &Document) -> Result<bool, StoreError> {
        self.change(|marks| {
            let now_marked = match bookmark_id_of(marks, doc) {
                Some(id) => {
                    marks.remove(&id);
                    false
                }
                None => {
                    marks.insert(doc.id.clone(), Bookmark::from_document(doc, ""));
                    true
                }
            };
            Ok(Outcome {
                result: now_marked,
                changed: true,
            })
        })
    }

    /// Removes a bookmark and returns it (the app offers undo by adding it back).
    pub fn remove(&mut self, id: &DocId) -> Result<Option<Bookmark>, StoreError> {
        self.change(|marks| {
            let removed = marks.remove(id);
            let changed = removed.is_some();
            Ok(Outcome {
                result: removed,
                changed,
            })
        })
    }

    /// Replaces a bookmark's note. Fails with [`StoreErrorKind::NotBookmarked`] when the
    /// bookmark is gone (for instance removed from the command line meanwhile).
    pub fn set_note(&mut self, id: &DocId, note: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.change(|marks| match marks.get_mut(id) {
            Some(bookmark) => {
                let changed = bookmark.note != note;
                bookmark.note = note.to_string();
                Ok(Outcome {
                    result: (),
                    changed,
                })
            }
            None => Err(StoreError::new(
                StoreErrorKind::NotBookmarked,
                &format!("the note was not saved: {id} is no longer bookmarked in"),
                &path,
                "it was removed, perhaps in another window",
            )),
        })
    }

    /// Merges a file the app exported (bookmarks RON, CSL-JSON, or a JSON array of bookmarks)
    /// into the bookmarks. A bookmark already here is kept; an empty note of it is filled from
    /// the import. Returns how many bookmarks were added.
    pub fn import_file(&mut self, path: &Path) -> Result<usize, StoreError> {
        let incoming = read_import(path)?;
        self.change(|marks| {
            let mut added = 0;
            let mut changed = false;
            for bookmark in incoming {
                match marks.get_mut(&bookmark.id) {
                    Some(existing) => {
                        if existing.note.trim().is_empty() && !bookmark.note.trim().is_empty() {
                            existing.note = bookmark.note;
                            changed = true;
                        }
                    }
                    None => {
                        marks.insert(bookmark.id.clone(), bookmark);
                        added += 1;
                        changed = true;
                    }
                }
            }
            Ok(Outcome {
                result: added,
                changed,
            })
        })
    }

    /// Takes in changes another process saved; cheap when there are none (one `stat`).
    /// Returns whether the bookmarks changed.
    pub fn reload_if_changed(&mut self) -> bool {
        let stamp = match fs::metadata(&self.path) {
            Ok(meta) => Some(FileStamp::of(&meta)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(_) => return self.refresh(None),
        };
        if stamp == self.seen.stamp {
            return false;
        }
        self.refresh(None)
    }

    /// The loaded document a bookmark is of: by id, else the one library document with the
    /// snapshot's date and (folded) title, since ids change when a page giving the archive's
    /// record id is imported later. `None` when the document is not loaded or is ambiguous.
    pub fn locate(&self, id: &DocId, library: &Library) -> Option<DocIndex> {
        if let Some(index) = library.index_of(id) {
            return Some(index);
        }
        locate_snapshot(self.get(id)?, library)
    }

    // ---- internals --------------------------------------------------------------------------

    /// Applies `op` read-modify-write under the lock and saves if it changed anything.
    fn change<R>(
        &mut self,
        op: impl FnOnce(&mut Bookmarks) -> Result<Outcome<R>, StoreError>,
    ) -> Result<R, StoreError> {
        fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("could not create the data folder", &self.dir, e))?;
        let lock = lock_dir(&self.dir)?;
        self.refresh(Some(&lock));
        if let Some(reason) = &self.read_only {
            return Err(StoreError::new(
                StoreErrorKind::ReadOnly,
                "could not change bookmarks in",
                &self.path,
                reason,
            ));
        }
        let mut next = self.bookmarks.clone();
        let outcome = op(&mut next)?;
        if outcome.changed {
            self.save(next)?;
        }
        drop(lock);
        Ok(outcome.result)
    }

    /// Saves `bookmarks` atomically (see the module doc) and makes them the store's.
    fn save(&mut self, bookmarks: Bookmarks) -> Result<(), StoreError> {
        let text = encode(bookmarks.values())
            .map_err(|e| StoreError::io("could not encode bookmarks for", &self.path, e))?;
        let temp = write_temp(&self.dir, &self.path, text.as_bytes())?;
        self.keep_backup()?;
        persist(temp, &self.path)?;
        self.bookmarks = bookmarks;
        self.seen = Seen {
            stamp: fs::metadata(&self.path).ok().map(|m| FileStamp::of(&m)),
            hash: Some(hash_bytes(text.as_bytes())),
        };
        sync_dir(&self.dir)
            .map_err(|e| StoreError::io("bookmarks were saved but could not sync", &self.dir, e))
    }

    /// Copies the current `bookmarks.ron` (if any) to `bookmarks.ron.bak`, atomically, so the
    /// file itself is never missing.
    fn keep_backup(&self) -> Result<(), StoreError> {
        let backup = self.dir.join(BACKUP_NAME);
        match fs::read(&self.path) {
            Ok(previous) => persist(write_temp(&self.dir, &backup, &previous)?, &backup),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io(
                "could not read the previous bookmarks to back them up from",
                &self.path,
                e,
            )),
        }
    }

    /// Brings the bookmarks in line with the file. `lock` is the held lock, if any (needed to
    /// move a damaged file aside). Returns whether the bookmarks changed.
    fn refresh(&mut self, lock: Option<&LockGuard>) -> bool {
        match read_disk(&self.path) {
            DiskState::Missing => {
                self.read_only = None;
                self.seen = Seen::default();
                self.replace(Bookmarks::new())
            }
            DiskState::Unreadable { reason, stamp } => {
                self.seen = Seen { stamp, hash: None };
                self.refuse(Notice::Unreadable {
                    file: self.path.clone(),
                    reason,
                });
                false
            }
            DiskState::TooLarge => self.set_aside(
                format!("larger than {} MiB", MAX_FILE_BYTES / (1024 * 1024)),
                lock,
            ),
            DiskState::Present { bytes, stamp } => self.take_in(&bytes, stamp, lock),
        }
    }

    /// Takes in the bytes of the file, unless they are what the store already holds.
    fn take_in(&mut self, bytes: &[u8], stamp: FileStamp, lock: Option<&LockGuard>) -> bool {
        let hash = hash_bytes(bytes);
        if self.seen.hash == Some(hash) {
            self.seen.stamp = Some(stamp);
            return false;
        }
        match decode(bytes) {
            Ok(bookmarks) => {
                self.read_only = None;
                self.seen = Seen {
                    stamp: Some(stamp),
                    hash: Some(hash),
                };
                self.replace(bookmarks)
            }
            Err(Problem::Newer(found)) => {
                self.seen = Seen {
                    stamp: Some(stamp),
                    hash: Some(hash),
                };
                self.refuse(Notice::NewerVersion {
                    file: self.path.clone(),
                    found,
                });
                false
            }
            Err(Problem::Damaged(reason)) => self.set_aside(reason, lock),
        }
    }

    /// Moves a damaged file aside (under the lock, so no other process is writing it) and
    /// starts empty; if it cannot be moved, leaves it and goes read-only.
    fn set_aside(&mut self, reason: String, lock: Option<&LockGuard>) -> bool {
        if lock.is_none() {
            return match lock_dir(&self.dir) {
                // Re-read under the lock: another process may have replaced the file meanwhile.
                Ok(guard) => self.refresh(Some(&guard)),
                Err(e) => {
                    self.refuse(Notice::Unreadable {
                        file: self.path.clone(),
                        reason: format!("{reason}; it could not be moved aside: {e}"),
                    });
                    false
                }
            };
        }
        let moved_to = damaged_name(&self.dir);
        match fs::rename(&self.path, &moved_to) {
            Ok(()) => {
                let _ = sync_dir(&self.dir);
                self.note(Notice::Damaged {
                    file: self.path.clone(),
                    moved_to,
                    reason,
                });
                self.read_only = None;
                self.seen = Seen::default();
                self.replace(Bookmarks::new())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.read_only = None;
                self.seen = Seen::default();
                self.replace(Bookmarks::new())
            }
            Err(e) => {
                self.refuse(Notice::Unreadable {
                    file: self.path.clone(),
                    reason: format!(
                        "{reason}; it could not be moved to {}: {e}",
                        moved_to.display()
                    ),
                });
                false
            }
        }
    }

    /// Goes read-only for the reason `notice` gives, and reports it once.
    fn refuse(&mut self, notice: Notice) {
        self.read_only = Some(notice.to_string());
        self.note(notice);
    }

    fn note(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    fn replace(&mut self, bookmarks: Bookmarks) -> bool {
        let changed = self.bookmarks != bookmarks;
        self.bookmarks = bookmarks;
        changed
    }
}

/// The id of `doc`'s bookmark: its own, else that of the only bookmark whose snapshot has the
/// document's date and folded title.
fn bookmark_id_of(marks: &Bookmarks, doc: &Document) -> Option<DocId> {
    if marks.contains_key(&doc.id) {
        return Some(doc.id.clone());
    }
    let title = fold(&doc.title);
    if title.is_empty() {
        return None;
    }
    let mut matches = marks
        .values()
        .filter(|b| b.doc_date() == doc.date && fold(&b.title) == title);
    let first = matches.next()?;
    matches.next().is_none().then(|| first.id.clone())
}

/// The one library document with the bookmark's date and folded title, if exactly one.
/// The loaded document a bookmark is of, found by id, else by its snapshot's date and title
/// (see [`BookmarkStore::locate`]); looks only at documents of that date.
pub fn locate_bookmark(bookmark: &Bookmark, library: &Library) -> Option<DocIndex> {
    library
        .index_of(&bookmark.id)
        .or_else(|| locate_snapshot(bookmark, library))
}

fn locate_snapshot(bookmark: &Bookmark, library: &Library) -> Option<DocIndex> {
    let title = fold(&bookmark.title);
    if title.is_empty() {
        return None;
    }
    let date = bookmark.doc_date();
    let docs = library.docs();
    let mut matches = library.with_date(date).filter(|&i| {
        docs.get(i)
            .is_some_and(|doc| doc.date == date && fold(&doc.title) == title)
    });
    let first = matches.next()?;
    matches.next().is_none().then_some(first)
}

/// Reads a file to import: the bookmarks RON format, or JSON ([`export::bookmarks_from_json`]).
fn read_import(path: &Path) -> Result<Vec<Bookmark>, StoreError> {
    let fail = |reason: String| {
        StoreError::new(
            StoreErrorKind::Import,
            "could not import bookmarks from",
            path,
            reason,
        )
    };
    let meta = fs::metadata(path).map_err(|e| StoreError::io("could not read", path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "it is larger than {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = fs::read(path).map_err(|e| StoreError::io("could not read", path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| fail(format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let start = text.trim_start();
    if start.starts_with('[') || start.starts_with('{') {
        return export::bookmarks_from_json(text).map_err(fail);
    }
    match decode(text.as_bytes()) {
        Ok(bookmarks) => Ok(bookmarks.into_values().collect()),
        Err(Problem::Newer(found)) => Err(fail(format!(
            "it was written by a newer archive-timeline (format {found}; this one reads up to \
             {FORMAT_VERSION}): not imported"
        ))),
        Err(Problem::Damaged(reason)) => Err(fail(format!(
            "it is neither a bookmarks file nor JSON this program exports ({reason})"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_seeds;
    use std::sync::Arc;

    fn seeds() -> Library {
        load_seeds().library
    }

    fn seed_004(library: &Library) -> &Document {
        library
            .find(&DocId("wcda-110485".into()))
            .expect("seed 004 is loaded")
    }

    /// A bookmark of a document that is not in the seeds.
    fn stray(id: &str, date: Option<&str>, title: &str) -> Bookmark {
        Bookmark {
            id: DocId(id.into()),
            note: String::new(),
            added: now(),
            date: date.map(str::to_string),
            date_text: String::new(),
            title: title.into(),
            summary: "A summary.".into(),
            url: None,
            archive_ref: None,
            language: None,
            citation: None,
            credit: None,
        }
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("lists the folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn ids(store: &BookmarkStore) -> Vec<String> {
        store.list().iter().map(|b| b.id.0.clone()).collect()
    }

    #[test]
    fn open_on_a_missing_folder_is_empty_and_creates_nothing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("not-yet");
        let store = BookmarkStore::open(&dir);
        assert!(store.is_empty());
        assert!(store.notices().is_empty());
        assert!(!store.is_read_only());
        assert!(
            !dir.exists(),
            "the folder is created on the first change only"
        );
        assert_eq!(store.path(), dir.join(FILE_NAME));
    }

    #[test]
    fn round_trip_through_the_file() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let library = seeds();
        let doc = seed_004(&library);
        let mut store = BookmarkStore::open(tmp.path());
        store
            .add(Bookmark::from_document(
                doc,
                "Kim on military aid — «важно»",
            ))
            .expect("adds");
        store
            .add(stray("doc-1a2b3c4d5e6f7a8b", None, "Undated memo"))
            .expect("adds");
        let reopened = BookmarkStore::open(tmp.path());
        assert_eq!(reopened.len(), 2);
        assert_eq!(reopened.list(), store.list());
        let text = fs::read_to_string(store.path()).expect("file");
        assert!(text.contains("version: 1"), "{text}");
        assert!(text.contains("\"wcda-110485\": ("), "{text}");
        let added = reopened.get(&doc.id).expect("kept").added;
        assert!(text.contains(&format!(
            "added: \"{}\"",
            added.format("%Y-%m-%dT%H:%M:%SZ")
        )));
    }

    #[test]
    fn toggle_add_again_and_note_rules() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let library = seeds();
        let doc = seed_004(&library);
        let mut store = BookmarkStore::open(tmp.path());
        assert!(store.toggle(doc).expect("toggles on"));
        assert!(store.contains(&doc.id));
        store
            .set_note(&doc.id, "first note")
            .expect("sets the note");
        let first_added = store.get(&doc.id).expect("there").added;
        store
            .add(Bookmark::from_document(doc, ""))
            .expect("adds again");
        let again = store.get(&doc.id).expect("there");
        assert_eq!(
            again.note, "first note",
            "an empty new note keeps the old one"
        );
        assert_eq!(again.added, first_added, "keeps when it was first made");
        store
            .add(Bookmark::from_document(doc, "second"))
            .expect("adds again");
        assert_eq!(store.get(&doc.id).expect("there").note, "second");
        assert!(!store.toggle(doc).expect("toggles off"));
        assert!(store.is_empty());
        assert!(BookmarkStore::open(tmp.path()).is_empty());
    }

    #[test]
    fn remove_returns_the_bookmark_for_undo() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut store = BookmarkStore::open(tmp.path());
        let mut b = stray("doc-00000000000000aa", Some("1950-06"), "A");
        b.note = "keep me".into();
        store.add(b.clone()).expect("adds");
        let removed = store.remove(&b.id).expect("removes").expect("was there");
        assert_eq!(removed, b);
        assert_eq!(store.remove(&b.id).expect("no-op"), None);
        store.add(removed).expect("undo");
        assert_eq!(BookmarkStore::open(tmp.path()).get(&b.id), Some(&b));
    }

    #[test]
    fn saving_is_atomic_keeps_a_backup_and_leaves_no_temp_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut store = BookmarkStore::open(tmp.path());
        store
            .add(stray("doc-0000000000000001", Some("1956"), "One"))
            .expect("adds");
        assert_eq!(names_in(tmp.path()), [LOCK_NAME, FILE_NAME]);
        let first = fs::read(store.path()).expect("first version");
        store
            .add(stray("doc-0000000000000002", Some("1957"), "Two"))
            .expect("adds");
        assert_eq!(names_in(tmp.path()), [LOCK_NAME, FILE_NAME, BACKUP_NAME]);
        let backup = fs::read(tmp.path().join(BACKUP_NAME)).expect("backup");
        assert_eq!(backup, first, "the backup is the previous version");
        let second = fs::read(store.path()).expect("second version");
        assert_ne!(second, first);
        assert!(decode(&second).is_ok());
    }

    #[test]
    fn a_failed_save_changes_nothing_and_leaves_no_temp_files() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut store = BookmarkStore::open(tmp.path());
        store
            .add(stray("doc-0000000000000001", Some("1956"), "One"))
            .expect("adds");
        let before = fs::read(store.path()).expect("file");
        // A non-empty folder where the backup goes makes the backup, and so the save, fail.
        fs::create_dir_all(tmp.path().join(BACKUP_NAME).join("x")).expect("blocker");
        let err = store
            .add(stray("doc-0000000000000002", Some("1957"), "Two"))
            .expect_err("save fails");
        assert_eq!(err.kind, StoreErrorKind::Io);
        assert!(err.to_string().contains(BACKUP_NAME), "{err}");
        assert_eq!(fs::read(store.path()).expect("file"), before);
        assert_eq!(store.len(), 1, "memory still matches the file");
        assert_eq!(names_in(tmp.path()), [LOCK_NAME, FILE_NAME, BACKUP_NAME]);
    }

    #[test]
    fn a_damaged_file_is_moved_aside_reported_and_never_emptied() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(FILE_NAME);
        let garbage = "(version: 1, bookmarks: { \"wcda-1\": (note: \"half a";
        fs::write(&path, garbage).expect("writes");
        let mut store = BookmarkStore::open(tmp.path());
        assert!(store.is_empty());
        assert!(!store.is_read_only());
        let [Notice::Damaged { file, moved_to, .. }] = store.notices() else {
            panic!("one Damaged notice, got {:?}", store.notices());
        };
        assert_eq!(file, &path);
        let name = moved_to
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let stamp = name.strip_prefix("bookmarks.ron.damaged-").expect("prefix");
        assert_eq!(stamp.len(), "20261123T184500Z".len(), "{name}");
        assert!(
            stamp.ends_with('Z') && stamp.as_bytes().get(8) == Some(&b'T'),
            "{name}"
        );
        assert_eq!(fs::read_to_string(moved_to).expect("kept"), garbage);
        let message = store.notices()[0].to_string();
        assert!(
            message.contains("damaged") && message.contains(&name),
            "{message}"
        );
        let moved_to = moved_to.clone();
        store
            .add(stray("doc-0000000000000003", None, "After"))
            .expect("keeps working");
        assert_eq!(BookmarkStore::open(tmp.path()).len(), 1);
        assert_eq!(fs::read_to_string(moved_to).expect("still kept"), garbage);
    }

    #[test]
    fn binary_and_empty_files_count_as_damaged() {
        for bytes in [&b"\xff\xfe\x00garbage"[..], b"", b"(version: 0)"] {
            let tmp = tempfile::tempdir().expect("tempdir");
            fs::write(tmp.path().join(FILE_NAME), bytes).expect("writes");
            let store = BookmarkStore::open(tmp.path());
            assert!(
                matches!(store.notices(), [Notice::Damaged { .. }]),
                "{bytes:?}: {:?}",
                store.notices()
            );
            assert!(!tmp.path().join(FILE_NAME).exists());
        }
    }

    #[test]
    fn a_newer_file_is_refused_left_untouched_and_writes_fail() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join(FILE_NAME);
        let newer = "(version: 3, bookmarks: {}, collections: [(name: \"x\")])\n";
        fs::write(&path, newer).expect("writes");
        let mut store = BookmarkStore::open(tmp.path());
        assert!(store.is_read_only());
        assert_eq!(
            store.notices(),
            [Notice::NewerVersion {
                file: path.clone(),
                found: 3
            }]
        );
        let message = store.notices()[0].to_string();
        assert!(
            message.contains(
                "bookmarks.ron was written by a newer archive-timeline (format 3; this one \
                 reads up to 1): not changed"
            ),
            "{message}"
        );
        let err = store
            .add(stray("doc-0000000000000004", None, "No"))
            .expect_err("read-only");
        assert_eq!(err.kind, StoreErrorKind::ReadOnly);
        assert!(err.to_string().contains("format 3"), "{err}");
        assert!(store.set_note(&DocId("x".into()), "n").is_err());
        assert!(!store.reload_if_changed());
        assert_eq!(store.notices().len(), 1, "reported once");
        assert_eq!(fs::read_to_string(&path).expect("untouched"), newer);
        let left: Vec<String> = names_in(tmp.path())
            .into_iter()
            .filter(|n| n != LOCK_NAME)
            .collect();
        assert_eq!(left, [FILE_NAME], "not moved, no backup, no temp file");
    }

    #[test]
    fn bookmarks_of_documents_not_loaded_are_kept_and_listed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let library = seeds();
        let mut store = BookmarkStore::open(tmp.path());
        store
            .add(Bookmark::from_document(seed_004(&library), ""))
            .expect("adds");
        let gone = stray("wcda-999999", Some("1991-12-25"), "Gorbachev resigns");
        store.add(gone.clone()).expect("adds");
        store
            .add(stray("doc-00000000000000ff", None, "Undated note"))
            .expect("adds");
        let store = BookmarkStore::open(tmp.path());
        assert_eq!(
            ids(&store),
            ["wcda-110485", "wcda-999999", "doc-00000000000000ff"]
        );
        assert_eq!(store.locate(&gone.id, &library), None);
        assert_eq!(store.get(&gone.id), Some(&gone));
        let md = export::export(&store.list(), export::ExportFormat::Markdown);
        assert!(md.contains("Gorbachev resigns"), "{md}");
    }

    #[test]
    fn two_stores_on_one_folder_lose_no_change() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut app = BookmarkStore::open(tmp.path());
        let mut cli = BookmarkStore::open(tmp.path());
        app.add(stray("doc-000000000000000a", Some("1950"), "From the app"))
            .expect("adds");
        cli.add(stray("doc-000000000000000b", Some("1951"), "From the CLI"))
            .expect("adds");
        assert_eq!(cli.len(), 2, "the CLI saw the app's change before writing");
        assert!(app.reload_if_changed());
        assert!(!app.reload_if_changed(), "nothing new the second time");
        assert_eq!(ids(&app), ids(&cli));
        assert_eq!(BookmarkStore::open(tmp.path()).len(), 2);
    }

    #[test]
    fn remove_in_one_store_and_set_note_in_another() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let x = stray("doc-000000000000000c", Some("1960"), "X");
        let y = stray("doc-000000000000000d", Some("1961"), "Y");
        let mut app = BookmarkStore::open(tmp.path());
        app.add(x.clone()).expect("adds");
        app.add(y.clone()).expect("adds");
        let mut cli = BookmarkStore::open(tmp.path());
        assert_eq!(cli.len(), 2);
        cli.remove(&x.id).expect("removes");
        let err = app.set_note(&x.id, "too late").expect_err("x is gone");
        assert_eq!(err.kind, StoreErrorKind::NotBookmarked);
        app.set_note(&y.id, "noted").expect("y is there");
        assert!(cli.reload_if_changed());
        assert!(
            !cli.contains(&x.id),
            "the removal is not undone by the stale store"
        );
        assert_eq!(cli.get(&y.id).expect("y").note, "noted");
        let fresh = BookmarkStore::open(tmp.path());
        assert_eq!(ids(&fresh), [y.id.as_str()]);
    }

    #[test]
    fn concurrent_adds_from_threads_all_survive() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir: Arc<Path> = Arc::from(tmp.path());
        let workers: Vec<_> = (0..3)
            .map(|w| {
                let dir = Arc::clone(&dir);
                std::thread::spawn(move || {
                    let mut store = BookmarkStore::open(&dir);
                    for i in 0..10 {
                        let id = format!("doc-{w:08x}{i:08x}");
                        store.add(stray(&id, Some("1970"), &id)).expect("adds");
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("worker finished");
        }
        assert_eq!(BookmarkStore::open(&dir).len(), 30);
    }

    #[test]
    fn locate_by_id_then_by_date_and_title() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let library = seeds();
        let doc = seed_004(&library);
        let mut store = BookmarkStore::open(tmp.path());
        store.add(Bookmark::from_document(doc, "")).expect("adds");
        let index = library.index_of(&doc.id).expect("indexed");
        assert_eq!(store.locate(&doc.id, &library), Some(index));

        // Bookmarked under an older derived id, with the title spelled a little differently.
        let mut old = Bookmark::from_document(doc, "");
        old.id = DocId("doc-1a2b3c4d5e6f7a8b".into());
        old.title = old.title.to_uppercase().replace(' ', "  ");
        store.add(old.clone()).expect("adds");
        assert_eq!(store.locate(&old.id, &library), Some(index));

        // Not found when the date differs, or when two documents match.
        let mut other_date = old.clone();
        other_date.id = DocId("doc-0000000000000077".into());
        other_date.date = Some("1962-08".into());
        store.add(other_date.clone()).expect("adds");
        assert_eq!(store.locate(&other_date.id, &library), None);
        let mut twin = doc.clone();
        twin.id = DocId("doc-twin".into());
        let doubled = Library::new(vec![doc.clone(), twin]);
        assert_eq!(store.locate(&old.id, &doubled), None);
        assert_eq!(
            store.locate(&DocId("not-bookmarked".into()), &library),
            None
        );
    }

    #[test]
    fn toggle_finds_a_bookmark_made_under_an_older_id() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let library = seeds();
        let doc = seed_004(&library);
        let mut store = BookmarkStore::open(tmp.path());
        let mut old = Bookmark::from_document(doc, "made before the record id was known");
        old.id = DocId("doc-1a2b3c4d5e6f7a8b".into());
        store.add(old.clone()).expect("adds");
        assert_eq!(store.bookmark_of(doc), Some(&old));
        assert!(!store.toggle(doc).expect("toggles off"), "the star was on");
        assert!(store.is_empty());
        assert!(store.toggle(doc).expect("toggles on"));
        assert!(store.contains(&doc.id));
    }

    #[test]
    fn import_ron_merges_without_duplicates() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut store = BookmarkStore::open(&tmp.path().join("data"));
        let x = stray("doc-00000000000000e1", Some("1980"), "X");
        store.add(x.clone()).expect("adds");
        let mut x_with_note = x.clone();
        x_with_note.note = "from the other machine".into();
        x_with_note.title = "X renamed".into();
        let z = stray("doc-00000000000000e2", Some("1981"), "Z");
        let file = tmp.path().join("exported.ron");
        fs::write(&file, encode([&x_with_note, &z]).expect("encodes")).expect("writes");
        assert_eq!(store.import_file(&file).expect("imports"), 1);
        assert_eq!(store.len(), 2);
        let kept = store.get(&x.id).expect("x");
        assert_eq!(kept.title, "X", "the existing bookmark is kept");
        assert_eq!(
            kept.note, "from the other machine",
            "its empty note is filled"
        );
        assert_eq!(store.import_file(&file).expect("imports again"), 0);
        assert_eq!(BookmarkStore::open(&tmp.path().join("data")).len(), 2);
    }

    #[test]
    fn import_json_forms_without_duplicates() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let library = seeds();
        let mut marks: Vec<Bookmark> = library
            .docs()
            .iter()
            .take(5)
            .map(|d| Bookmark::from_document(d, "n"))
            .collect();
        marks.push(Bookmark::from_document(seed_004(&library), "seed 4"));
        let refs: Vec<&Bookmark> = marks.iter().collect();
        let csl = tmp.path().join("bookmarks.json");
        fs::write(&csl, export::export(&refs, export::ExportFormat::CslJson)).expect("writes");
        let mut store = BookmarkStore::open(&tmp.path().join("a"));
        assert_eq!(store.import_file(&csl).expect("imports CSL-JSON"), 6);
        assert_eq!(store.import_file(&csl).expect("again"), 0);
        let got = store.get(&DocId("wcda-110485".into())).expect("seed 004");
        assert_eq!(got.note, "seed 4");
        assert_eq!(got.date.as_deref(), Some("1962-08-14"));
        assert_eq!(got.url, marks[5].url);
        assert_eq!(got.archive_ref, marks[5].archive_ref);

        let plain = tmp.path().join("plain.json");
        fs::write(&plain, serde_json::to_string(&marks).expect("json")).expect("writes");
        let mut other = BookmarkStore::open(&tmp.path().join("b"));
        assert_eq!(other.import_file(&plain).expect("imports a JSON array"), 6);
        assert_eq!(other.get(&marks[5].id), Some(&marks[5]));
        assert_eq!(other.import_file(&csl).expect("CSL over plain"), 0);
    }

    #[test]
    fn import_refuses_what_it_cannot_read_and_changes_nothing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut store = BookmarkStore::open(tmp.path());
        let cases = [
            ("bad.json", "[{\"type\": \"manuscript\"}]", "id"),
            ("bad.ron", "(nonsense", "neither"),
            ("newer.ron", "(version: 9, bookmarks: {})", "format 9"),
            ("bin.ron", "\u{0}\u{1}", "neither"),
        ];
        for (name, text, expected) in cases {
            let file = tmp.path().join(name);
            fs::write(&file, text).expect("writes");
            let err = store.import_file(&file).expect_err(name);
            assert_eq!(err.kind, StoreErrorKind::Import, "{name}");
            let message = err.to_string();
            assert!(
                message.contains(expected) && message.contains(name),
                "{message}"
            );
        }
        let missing = store
            .import_file(&tmp.path().join("missing.ron"))
            .expect_err("missing");
        assert!(missing.to_string().contains("missing.ron"), "{missing}");
        assert!(store.is_empty());
        assert!(!tmp.path().join(FILE_NAME).exists());
    }
}
