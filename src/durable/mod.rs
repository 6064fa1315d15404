//! A durable, versioned data file in the user's data folder: the machinery behind
//! `bookmarks.ron` (and any later store with the same guarantees).
//!
//! Owns the file, its `.bak`, its `.lock`, its own temporary files and the `.damaged-*` copies
//! it makes; never any other file. What the file holds is the [`Format`]'s business; this
//! module knows nothing of bookmarks, documents or egui.
//!
//! Rules it keeps:
//! - every change is one operation done read-modify-write under an exclusive lock on
//!   `<name>.lock`, after re-reading the file if another process changed it, so no process
//!   loses another's change;
//! - every save is atomic (temporary file in the target's folder, synced, renamed, folder
//!   synced), goes through a symbolic link to its target and keeps the target's mode; the file
//!   being replaced is first copied to `<name>.bak`;
//! - reads are bounded and only of regular files: a FIFO, device or huge file is refused at
//!   once, never waited on;
//! - a damaged file is never overwritten or emptied: it is moved aside to
//!   `<name>.damaged-<UTC time>` and reported. If the `.bak` is sound, its contents are taken
//!   instead (and said so); the `.bak` itself is not touched until a good main file exists
//!   again, and a damaged `.bak` is moved aside, never overwritten;
//! - a file from a newer program is left alone and the store goes read-only;
//! - temporary files a killed process left are removed when the store opens, under the lock.

pub mod fsio;

use fsio::{FileStamp, LockError, LockGuard, ReadError};
use std::fmt;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};

/// A data file larger than this is not one this program wrote.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why file contents could not be taken.
#[derive(Debug, PartialEq)]
pub enum Problem {
    Damaged(String),
    Newer(u32),
}

/// Reads only the version, so a newer file is recognised whatever else changed in it.
#[derive(serde::Deserialize)]
struct VersionProbe {
    version: u32,
}

/// Parses a versioned RON data file (`(version: N, ...)`): UTF-8 (a BOM is allowed), not
/// empty, a version this program writes and no newer than `newest`, then the whole `T`.
/// `what` names the contents for messages ("bookmarks", "a workspace").
pub fn decode_ron<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    newest: u32,
    what: &str,
) -> Result<T, Problem> {
    let text =
        std::str::from_utf8(bytes).map_err(|e| Problem::Damaged(format!("not UTF-8 text: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::Damaged("the file is empty".to_string()));
    }
    let probe: VersionProbe = ron::from_str(text)
        .map_err(|e| Problem::Damaged(format!("no format version could be read: {e}")))?;
    if probe.version > newest {
        return Err(Problem::Newer(probe.version));
    }
    if probe.version == 0 {
        return Err(Problem::Damaged(
            "format 0 is not one archive-timeline writes".into(),
        ));
    }
    ron::from_str(text).map_err(|e| Problem::Damaged(format!("not a valid {what} file: {e}")))
}

/// What a durable file holds and how it is written: the one thing a store supplies.
pub trait Format {
    type Value: Clone + Default + PartialEq + fmt::Debug;
    /// The file's name in the data folder, e.g. `bookmarks.ron`.
    const FILE_NAME: &'static str;
    /// What the file holds, plural, for messages: "bookmarks".
    const NOUN: &'static str;
    /// The newest format version this program reads and writes.
    const VERSION: u32;
    fn decode(bytes: &[u8]) -> Result<Self::Value, Problem>;
    fn encode(value: &Self::Value) -> Result<String, String>;
    /// How many items a value holds (for messages).
    fn count(value: &Self::Value) -> usize;
}

/// Something about the file the user must be told (the app shows it, the CLI prints it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The file could not be understood; it was moved aside untouched and the store starts
    /// empty (there was no sound backup).
    Damaged {
        file: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The file could not be understood (it was moved aside untouched) or was missing, and the
    /// store took the contents of its sound backup instead. The backup is left as it is.
    Recovered {
        file: PathBuf,
        moved_to: Option<PathBuf>,
        backup: PathBuf,
        reason: String,
        items: usize,
        noun: &'static str,
    },
    /// The backup could not be understood; it was moved aside untouched rather than replaced.
    BackupDamaged {
        file: PathBuf,
        moved_to: PathBuf,
        reason: String,
    },
    /// The file was written by a newer program; it is left alone and the store is read-only.
    NewerVersion {
        file: PathBuf,
        found: u32,
        supported: u32,
    },
    /// The file could not be read (or not be moved aside); it is left alone and the store is
    /// read-only.
    Unreadable { file: PathBuf, reason: String },
    /// Something about another file the store takes data from (an older file migrated into
    /// it): said, nothing is changed.
    About { file: PathBuf, message: String },
}

impl Notice {
    /// Whether a damaged file had to be moved aside (the command line exits non-zero then).
    pub fn moved_a_damaged_file(&self) -> bool {
        matches!(
            self,
            Notice::Damaged { .. }
                | Notice::BackupDamaged { .. }
                | Notice::Recovered {
                    moved_to: Some(_),
                    ..
                }
        )
    }
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
                "The file {} is damaged ({reason}). It was moved, unchanged, to {}; there is no \
                 sound backup, so it starts empty.",
                file.display(),
                moved_to.display()
            ),
            Notice::Recovered {
                file,
                moved_to,
                backup,
                reason,
                items,
                noun,
            } => {
                match moved_to {
                    Some(moved_to) => write!(
                        f,
                        "The file {} is damaged ({reason}). It was moved, unchanged, to {}. ",
                        file.display(),
                        moved_to.display()
                    )?,
                    None => write!(f, "The file {} is missing. ", file.display())?,
                }
                write!(
                    f,
                    "{items} {noun} were recovered from the backup {}, which is kept as it is \
                     until a good file is saved.",
                    backup.display()
                )
            }
            Notice::BackupDamaged {
                file,
                moved_to,
                reason,
            } => write!(
                f,
                "The backup {} is damaged ({reason}). It was moved, unchanged, to {}.",
                file.display(),
                moved_to.display()
            ),
            Notice::NewerVersion {
                file,
                found,
                supported,
            } => write!(
                f,
                "{} was written by a newer archive-timeline (format {found}; this one reads up \
                 to {supported}): not changed. It is read-only here.",
                file.display()
            ),
            Notice::Unreadable { file, reason } => write!(
                f,
                "The file {} could not be read ({reason}). It was left as it is, and is \
                 read-only until it can be read.",
                file.display()
            ),
            Notice::About { file, message } => write!(f, "{}: {message}", file.display()),
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
    /// The item to change is not there (perhaps removed in another window).
    NotBookmarked,
    /// A file to import is not one this program can read.
    Import,
    /// There is no sound backup to restore.
    NoBackup,
    /// The change asked for is not acceptable (a bad date, a duplicate name); the message
    /// says why.
    Invalid,
}

/// A failed operation: what failed, on which file, and why.
#[derive(Debug)]
pub struct StoreError {
    pub kind: StoreErrorKind,
    /// What failed, e.g. "could not save bookmarks to".
    pub what: String,
    pub file: PathBuf,
    pub reason: String,
}

impl StoreError {
    pub fn new(kind: StoreErrorKind, what: &str, file: &Path, reason: impl fmt::Display) -> Self {
        StoreError {
            kind,
            what: what.to_string(),
            file: file.to_path_buf(),
            reason: reason.to_string(),
        }
    }

    pub fn io(what: &str, file: &Path, err: impl fmt::Display) -> Self {
        StoreError::new(StoreErrorKind::Io, what, file, err)
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.what, self.file.display(), self.reason)
    }
}

impl std::error::Error for StoreError {}

/// What an operation did.
pub struct Outcome<R> {
    pub result: R,
    pub changed: bool,
}

/// What of the file the store last took in: its stamp and a hash of its bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Seen {
    stamp: Option<FileStamp>,
    hash: Option<u64>,
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// What reading one of the files found.
enum Disk<V> {
    Missing,
    Sound(V, Vec<u8>, FileStamp),
    Newer(u32, u64, FileStamp),
    Damaged(String),
    Unreadable(String, Option<FileStamp>),
}

fn read<F: Format>(path: &Path) -> Disk<F::Value> {
    match fsio::read_bounded(path, MAX_FILE_BYTES) {
        Err(ReadError::Missing) => Disk::Missing,
        Err(ReadError::TooLarge { limit, .. }) => {
            Disk::Damaged(format!("larger than {} MiB", limit / (1024 * 1024)))
        }
        Err(e @ ReadError::NotRegular(_)) | Err(e @ ReadError::Io(_)) => {
            Disk::Unreadable(e.to_string(), FileStamp::at(path).ok().flatten())
        }
        Ok((bytes, stamp)) => match F::decode(&bytes) {
            Ok(value) => Disk::Sound(value, bytes, stamp),
            Err(Problem::Newer(found)) => Disk::Newer(found, hash_bytes(&bytes), stamp),
            Err(Problem::Damaged(reason)) => Disk::Damaged(reason),
        },
    }
}

/// One durable file of one data folder, kept in step with the disk.
#[derive(Debug)]
pub struct DurableStore<F: Format> {
    dir: PathBuf,
    path: PathBuf,
    backup: PathBuf,
    lock: PathBuf,
    value: F::Value,
    notices: Vec<Notice>,
    /// Why changes are refused, when they are.
    read_only: Option<String>,
    seen: Seen,
}

impl<F: Format> DurableStore<F> {
    /// Opens the file of `dir`. Never fails: a missing file means an empty value, the folder is
    /// created on the first change, and problems with the file become [`Notice`]s.
    pub fn open(dir: &Path) -> Self {
        let mut store = DurableStore {
            dir: dir.to_path_buf(),
            path: dir.join(F::FILE_NAME),
            backup: dir.join(format!("{}.bak", F::FILE_NAME)),
            lock: dir.join(format!("{}.lock", lock_stem(F::FILE_NAME))),
            value: F::Value::default(),
            notices: Vec::new(),
            read_only: None,
            seen: Seen::default(),
        };
        store.protect();
        if dir.is_dir() {
            // Tidy what a killed process left, but only holding the lock, so no live writer's
            // temporary file is taken; if the lock is busy, the next opening tidies.
            if let Ok(guard) = fsio::try_lock(&store.lock) {
                if guard.is_held() {
                    store.remove_stale_temps();
                }
                store.refresh(Some(&guard));
            } else {
                store.refresh(None);
            }
        }
        store
    }

    /// Marks the file, its backup and its lock as ones no output of this process may replace
    /// (`lesson export --out workspace.ron` would otherwise overwrite the live workspace).
    pub fn protect(&self) {
        Self::protect_in(&self.dir);
    }

    /// [`Self::protect`] for the store of `dir`, without opening it.
    pub fn protect_in(dir: &Path) {
        let name = F::FILE_NAME;
        fsio::protect_path(&dir.join(name), &format!("the data file {name}"));
        fsio::protect_path(
            &dir.join(format!("{name}.bak")),
            &format!("the backup of {name}"),
        );
        fsio::protect_path(
            &dir.join(format!("{}.lock", lock_stem(name))),
            &format!("the lock of {name}"),
        );
    }

    /// The file (whether or not it exists yet).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The backup file (whether or not it exists yet).
    pub fn backup_path(&self) -> &Path {
        &self.backup
    }

    pub fn value(&self) -> &F::Value {
        &self.value
    }

    /// What the user must be told about the file, oldest first.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Whether changes are refused (the file is newer than this program or unreadable).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Why changes are refused, when they are.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Takes in changes another process saved; cheap when there are none (one `stat`).
    /// Returns whether the value changed.
    pub fn reload_if_changed(&mut self) -> bool {
        match FileStamp::at(&self.path) {
            Ok(stamp) if stamp == self.seen.stamp => false,
            _ => self.refresh(None),
        }
    }

    /// Applies `op` read-modify-write under the lock and saves if it changed anything.
    pub fn change<R>(
        &mut self,
        op: impl FnOnce(&mut F::Value) -> Result<Outcome<R>, StoreError>,
    ) -> Result<R, StoreError> {
        fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("could not create the data folder", &self.dir, e))?;
        let guard = self.take_lock()?;
        self.refresh(Some(&guard));
        if let Some(reason) = &self.read_only {
            return Err(StoreError::new(
                StoreErrorKind::ReadOnly,
                &format!("could not change {} in", F::NOUN),
                &self.path,
                reason,
            ));
        }
        let mut next = self.value.clone();
        let outcome = op(&mut next)?;
        if outcome.changed {
            self.save(next)?;
        }
        drop(guard);
        Ok(outcome.result)
    }

    /// Makes the backup's contents the file's again (the backup itself is kept). Returns how
    /// many items it held.
    pub fn restore_from_backup(&mut self) -> Result<usize, StoreError> {
        fs::create_dir_all(&self.dir)
            .map_err(|e| StoreError::io("could not create the data folder", &self.dir, e))?;
        let guard = self.take_lock()?;
        let value = match read::<F>(&self.backup) {
            Disk::Sound(value, _, _) => value,
            Disk::Missing => {
                return Err(StoreError::new(
                    StoreErrorKind::NoBackup,
                    "could not restore from",
                    &self.backup,
                    "there is no backup",
                ))
            }
            Disk::Newer(found, _, _) => {
                return Err(StoreError::new(
                    StoreErrorKind::NoBackup,
                    "could not restore from",
                    &self.backup,
                    format!("it was written by a newer archive-timeline (format {found})"),
                ))
            }
            Disk::Damaged(reason) | Disk::Unreadable(reason, _) => {
                return Err(StoreError::new(
                    StoreErrorKind::NoBackup,
                    "could not restore from",
                    &self.backup,
                    reason,
                ))
            }
        };
        // A damaged or newer file is kept aside, never overwritten; a sound one becomes the
        // backup, so restoring twice undoes the first.
        if !matches!(read::<F>(&self.path), Disk::Missing | Disk::Sound(..)) {
            let moved_to = fsio::damaged_name(&self.path);
            fs::rename(&self.path, &moved_to)
                .map_err(|e| StoreError::io("could not move aside", &self.path, e))?;
        }
        let count = F::count(&value);
        self.save(value)?;
        self.read_only = None;
        self.notices.clear();
        drop(guard);
        Ok(count)
    }

    // ---- internals --------------------------------------------------------------------------

    fn take_lock(&self) -> Result<LockGuard, StoreError> {
        fsio::lock(&self.lock).map_err(|e| match e {
            LockError::Busy(wait) => StoreError::new(
                StoreErrorKind::Busy,
                &format!(
                    "could not change {}: another archive-timeline holds",
                    F::NOUN
                ),
                &self.lock,
                format!("not released within {} s; try again", wait.as_secs()),
            ),
            LockError::Io(e) => StoreError::io("could not lock", &self.lock, e),
        })
    }

    fn remove_stale_temps(&self) {
        let mut targets = vec![self.path.clone(), self.backup.clone()];
        if let Ok(real) = fsio::write_target(&self.path) {
            targets.push(real);
        }
        if let Ok(real) = fsio::write_target(&self.backup) {
            targets.push(real);
        }
        targets.sort();
        targets.dedup();
        fsio::remove_stale_temps(&targets);
    }

    /// Saves `value` atomically (see the module doc) and makes it the store's.
    fn save(&mut self, value: F::Value) -> Result<(), StoreError> {
        self.keep_backup()?;
        self.write_main(&value)?;
        self.value = value;
        Ok(())
    }

    fn write_main(&mut self, value: &F::Value) -> Result<(), StoreError> {
        let text = F::encode(value).map_err(|e| {
            StoreError::io(&format!("could not encode {} for", F::NOUN), &self.path, e)
        })?;
        fsio::write_private(&self.path, text.as_bytes()).map_err(|e| {
            StoreError::io(&format!("could not save {} to", F::NOUN), &self.path, e)
        })?;
        self.seen = Seen {
            stamp: FileStamp::at(&self.path).ok().flatten(),
            hash: Some(hash_bytes(text.as_bytes())),
        };
        Ok(())
    }

    /// Copies the current, sound file to the backup before it is replaced. Nothing is copied
    /// when there is no sound file (after damage, the backup is what was recovered from, and
    /// stays until a good file exists); a damaged backup is moved aside rather than replaced.
    fn keep_backup(&mut self) -> Result<(), StoreError> {
        let previous = match read::<F>(&self.path) {
            Disk::Sound(_, bytes, _) => bytes,
            _ => return Ok(()),
        };
        if let Disk::Damaged(reason) = read::<F>(&self.backup) {
            let moved_to = fsio::damaged_name(&self.backup);
            fs::rename(&self.backup, &moved_to).map_err(|e| {
                StoreError::io("could not move aside the damaged backup", &self.backup, e)
            })?;
            self.note(Notice::BackupDamaged {
                file: self.backup.clone(),
                moved_to,
                reason,
            });
        }
        fsio::write_private(&self.backup, &previous).map_err(|e| {
            StoreError::io(
                &format!("could not back up the previous {} to", F::NOUN),
                &self.backup,
                e,
            )
        })
    }

    /// Brings the value in line with the file. `lock` is the held lock, if any (needed to move
    /// a damaged file aside). Returns whether the value changed.
    fn refresh(&mut self, lock: Option<&LockGuard>) -> bool {
        match read::<F>(&self.path) {
            Disk::Missing => {
                self.read_only = None;
                self.seen = Seen::default();
                let value = self.recover(None, "missing".to_string());
                self.replace(value)
            }
            Disk::Unreadable(reason, stamp) => {
                self.seen = Seen { stamp, hash: None };
                self.refuse(Notice::Unreadable {
                    file: self.path.clone(),
                    reason,
                });
                false
            }
            Disk::Damaged(reason) => self.set_aside(reason, lock),
            Disk::Newer(found, hash, stamp) => {
                self.seen = Seen {
                    stamp: Some(stamp),
                    hash: Some(hash),
                };
                self.refuse(Notice::NewerVersion {
                    file: self.path.clone(),
                    found,
                    supported: F::VERSION,
                });
                false
            }
            Disk::Sound(value, bytes, stamp) => {
                let hash = hash_bytes(&bytes);
                self.read_only = None;
                if self.seen.hash == Some(hash) {
                    self.seen.stamp = Some(stamp);
                    return false;
                }
                self.seen = Seen {
                    stamp: Some(stamp),
                    hash: Some(hash),
                };
                self.replace(value)
            }
        }
    }

    /// The backup's value when the file is gone (moved aside to `moved_to`, or missing) and the
    /// backup is sound and not empty, said in a notice; else empty.
    fn recover(&mut self, moved_to: Option<PathBuf>, reason: String) -> F::Value {
        match read::<F>(&self.backup) {
            Disk::Sound(value, _, _) if F::count(&value) > 0 || moved_to.is_some() => {
                self.note(Notice::Recovered {
                    file: self.path.clone(),
                    moved_to,
                    backup: self.backup.clone(),
                    reason,
                    items: F::count(&value),
                    noun: F::NOUN,
                });
                value
            }
            _ => {
                if let Some(moved_to) = moved_to {
                    self.note(Notice::Damaged {
                        file: self.path.clone(),
                        moved_to,
                        reason,
                    });
                }
                F::Value::default()
            }
        }
    }

    /// Moves a damaged file aside (under the lock, so no other process is writing it) and takes
    /// the backup or starts empty; if it cannot be moved, leaves it and goes read-only.
    fn set_aside(&mut self, reason: String, lock: Option<&LockGuard>) -> bool {
        if lock.is_none() {
            return match self.take_lock() {
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
        let moved_to = fsio::damaged_name(&self.path);
        match fs::rename(&self.path, &moved_to) {
            Ok(()) => {
                let _ = fsio::sync_dir(&self.dir);
                self.read_only = None;
                self.seen = Seen::default();
                let value = self.recover(Some(moved_to), reason);
                self.replace(value)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.read_only = None;
                self.seen = Seen::default();
                let value = self.recover(None, "missing".to_string());
                self.replace(value)
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

    /// Goes read-only for the reason `notice` gives, and reports it once. When the file
    /// cannot be read or replaced but its backup is sound, the backup's contents are shown
    /// (read-only: nothing is written until the file can be read again), said in a notice.
    fn refuse(&mut self, notice: Notice) {
        self.read_only = Some(notice.to_string());
        self.note(notice);
        if F::count(&self.value) > 0 {
            return;
        }
        if let Disk::Sound(value, _, _) = read::<F>(&self.backup) {
            let items = F::count(&value);
            if items > 0 {
                self.note(Notice::About {
                    file: self.backup.clone(),
                    message: format!(
                        "showing the backup's {items} {}, read-only, until {} can be read",
                        F::NOUN,
                        self.path.display()
                    ),
                });
                self.replace(value);
            }
        }
    }

    fn note(&mut self, notice: Notice) {
        if !self.notices.contains(&notice) {
            self.notices.push(notice);
        }
    }

    fn replace(&mut self, value: F::Value) -> bool {
        let changed = self.value != value;
        self.value = value;
        changed
    }
}

/// `bookmarks.ron` is locked through `bookmarks.lock` (the name earlier versions used).
fn lock_stem(file_name: &str) -> &str {
    file_name.strip_suffix(".ron").unwrap_or(file_name)
}
