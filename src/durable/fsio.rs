//! The file-system steps a durable file is made of: a bounded read of a regular file that never
//! blocks on a FIFO or a device, the exclusive lock, an atomic write that goes through a
//! symbolic link and keeps the file's mode, the names of its own temporary files and their
//! clean-up, and the free name a damaged file is moved to.
//!
//! Must not touch: any file whose name it did not make (clean-up removes only names that
//! [`temp_prefix`] and [`TEMP_SUFFIX`] produce). Knows nothing of what the files hold.

use chrono::Utc;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Every temporary file this module writes ends in this, after `.<target name>.<random>`.
pub const TEMP_SUFFIX: &str = ".at-tmp";
/// How long a change waits for another process to release the lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
const LOCK_POLL: Duration = Duration::from_millis(15);

/// What identifies one version of a file without reading it: size, mtime and (on Unix) inode,
/// which every atomic save changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl FileStamp {
    pub fn of(meta: &fs::Metadata) -> FileStamp {
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(meta),
        }
    }

    /// The stamp of the file at `path` (following links), if it exists.
    pub fn at(path: &Path) -> io::Result<Option<FileStamp>> {
        match fs::metadata(path) {
            Ok(meta) => Ok(Some(FileStamp::of(&meta))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
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

/// Why a bounded read gave no bytes.
#[derive(Debug)]
pub enum ReadError {
    Missing,
    /// A FIFO, socket, device or folder: never opened for reading.
    NotRegular(&'static str),
    /// Larger than the limit: `size` is what is known of it (at least `limit + 1`).
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no such file"),
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge { limit, .. } => {
                write!(f, "it is larger than {} MiB", limit / (1024 * 1024))
            }
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// What kind of non-regular file this is, in words ("a FIFO", "a character device", ...).
pub fn kind_of(kind: fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    "not a file"
}

/// Opens `path` for reading without ever waiting: a FIFO with no writer would otherwise block
/// `open` forever. The type is checked before opening and again on the open handle (a path
/// swapped for a FIFO in between is still refused).
fn open_regular(path: &Path) -> Result<(File, fs::Metadata), ReadError> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(ReadError::NotRegular(kind_of(meta.file_type())))
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ReadError::Missing),
        Err(e) => return Err(ReadError::Io(e)),
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    })?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    Ok((file, meta))
}

/// Reads a regular file of at most `limit` bytes. Bounded by the bytes actually read, not only
/// by the size the file claims, so a file that grows (or a link to `/dev/zero`) is refused too.
pub fn read_bounded(path: &Path, limit: u64) -> Result<(Vec<u8>, FileStamp), ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok((bytes, FileStamp::of(&meta)))
}

/// Holds an exclusive lock on a lock file until dropped.
#[derive(Debug)]
pub struct LockGuard {
    file: Option<File>,
}

impl LockGuard {
    /// Whether the lock is really held (false on a file system without locks, where work goes
    /// on unlocked rather than refusing every change).
    pub fn is_held(&self) -> bool {
        self.file.is_some()
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(file) = &self.file {
            // Closing the file releases the lock too; unlocking first just makes it prompt.
            let _ = file.unlock();
        }
    }
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process held it for longer than the wait.
    Busy(Duration),
    Io(io::Error),
}

/// Takes the exclusive lock on `path`, waiting for another process for a while.
pub fn lock(path: &Path) -> Result<LockGuard, LockError> {
    lock_within(path, LOCK_WAIT)
}

/// Takes the exclusive lock on `path` if no other process holds it now.
pub fn try_lock(path: &Path) -> Result<LockGuard, LockError> {
    lock_within(path, Duration::ZERO)
}

fn lock_within(path: &Path, wait: Duration) -> Result<LockGuard, LockError> {
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(LockError::Io)?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(LockGuard { file: Some(file) }),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(LOCK_POLL)
            }
            Err(TryLockError::WouldBlock) => return Err(LockError::Busy(wait)),
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(LockGuard { file: None })
            }
            Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
    }
}

/// Where writing `path` must really happen: the file a symbolic link points to (the link
/// stays, so a data file kept in a synced folder through a link is updated there), else `path`.
pub fn write_target(path: &Path) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    // Follow a chain of links, but not forever.
    for _ in 0..40 {
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&target)?;
                target = match target.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            Ok(_) => return Ok(target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(target),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// The start of the names of the temporary files written for `target`.
pub fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.")
}

#[cfg(test)]
thread_local! {
    /// Test hook: how many more write steps may run before a simulated crash (see
    /// [`crash_point`]). Crash-safety tests set it; production code never does.
    pub static STEPS_BEFORE_CRASH: std::cell::Cell<Option<usize>> =
        const { std::cell::Cell::new(None) };
}

/// A place where a real process could die. In tests, a simulated crash stops the save here,
/// leaving on disk exactly what a killed process would (temporary files included).
#[cfg(test)]
pub fn crash_point() -> io::Result<()> {
    STEPS_BEFORE_CRASH.with(|steps| match steps.get() {
        Some(0) => Err(io::Error::other("simulated crash")),
        Some(n) => {
            steps.set(Some(n - 1));
            Ok(())
        }
        None => Ok(()),
    })
}

#[cfg(not(test))]
#[inline]
pub fn crash_point() -> io::Result<()> {
    Ok(())
}

/// A synced temporary file beside its target, ready to be renamed over it.
pub struct Staged {
    temp: Option<tempfile::NamedTempFile>,
    target: PathBuf,
}

impl Staged {
    /// Renames the temporary file over its target (atomic within one folder) and syncs the
    /// folder, so the rename survives a power cut.
    pub fn commit(mut self) -> io::Result<()> {
        crash_point()?;
        let Some(temp) = self.temp.take() else {
            return Err(io::Error::other("temporary file already used"));
        };
        // On failure the PersistError owns the temporary file and deletes it when dropped.
        temp.persist(&self.target).map_err(|e| e.error)?;
        sync_dir(&folder_of(&self.target))
    }
}

#[cfg(test)]
impl Drop for Staged {
    fn drop(&mut self) {
        // A simulated crash leaves the temporary file behind, as a killed process would.
        if STEPS_BEFORE_CRASH.with(|s| s.get() == Some(0)) {
            if let Some(temp) = self.temp.take() {
                let _ = temp.keep();
            }
        }
    }
}

/// Who may read a new file: a data file of the user's stays theirs; an output is a document
/// they hand on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewFileMode {
    /// `0600`: the workspace, its backups, the library list, pasted pages.
    Private,
    /// `0666` less the umask, as any program's new file (PDF, SVG, PNG, handout, lesson,
    /// exports).
    Usual,
}

/// The folder a path is in: `.` for a bare name (whose parent is the empty path).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to a temporary file beside `path`'s real target (through a symbolic link),
/// flushed and synced, with the mode the target has now (a new file gets `mode`). Nothing
/// visible changes until [`Staged::commit`]; dropped uncommitted, the temporary is removed.
pub fn stage(path: &Path, bytes: &[u8], mode: NewFileMode) -> io::Result<Staged> {
    let target = write_target(path)?;
    let dir = folder_of(&target);
    let prefix = temp_prefix(&target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    if mode == NewFileMode::Usual {
        use std::os::unix::fs::PermissionsExt;
        // Given to open(2), so the umask applies, as for any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&dir)?;
    crash_point()?;
    if let Ok(meta) = fs::metadata(&target) {
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.flush()?;
    temp.as_file().sync_all()?;
    Ok(Staged {
        temp: Some(temp),
        target,
    })
}

/// Replaces `path` with `bytes` atomically: readers see the old file or the new one, never a
/// torn one, and a crash leaves no partial file under the real name. Goes through a symbolic
/// link and keeps the existing mode; a new file is private (`0600`). For the user's data
/// files (the stores, the library list, pasted pages).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, bytes, NewFileMode::Private)?.commit()
}

/// Writes an output the user asked for (a picture, handout, lesson, export) as
/// [`write_private`] does, but refuses what must not be replaced ([`check_output`]), sweeps
/// the temporaries a killed earlier write of the same output left, and gives a new file the
/// usual mode (`0666` less the umask).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = check_output(path)?;
    sweep_stale_temps(&target, STALE_AFTER);
    stage(&target, bytes, NewFileMode::Usual)?.commit()
}

/// A temporary of an output older than this was left by a write that died (a live write
/// takes seconds).
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Files no output may replace: the data stores' files (named, with what they are) and the
/// files this process is reading (by device and inode, so any name for them counts, with the
/// name it was read by: an inode freed by a deleted file and given to a new one is not the
/// file that was read, so a hit counts only while that name is still the same file).
#[derive(Default)]
struct Protected {
    paths: Vec<(PathBuf, String)>,
    files: std::collections::HashMap<(u64, u64), PathBuf>,
}

static PROTECTED: std::sync::Mutex<Option<Protected>> = std::sync::Mutex::new(None);

fn with_protected<T>(f: impl FnOnce(&mut Protected) -> T) -> T {
    let mut guard = PROTECTED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    f(guard.get_or_insert_with(Protected::default))
}

/// The absolute form of a path that may not exist yet: its folder made canonical.
fn absolute(path: &Path) -> PathBuf {
    let dir = folder_of(path);
    let dir = fs::canonicalize(&dir).unwrap_or(dir);
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Marks `path` (existing or not) as one no output may replace; `what` says what it is in
/// the refusal ("the workspace (workspace.ron)").
pub fn protect_path(path: &Path, what: &str) {
    let path = absolute(path);
    with_protected(|p| {
        if !p.paths.iter().any(|(q, _)| *q == path) {
            p.paths.push((path, what.to_string()));
        }
    });
}

/// Marks a file this process reads (a source page or reference file, read by `path`) as one
/// no output may replace.
pub fn protect_source(path: &Path, meta: &fs::Metadata) {
    #[cfg(unix)]
    with_protected(|p| {
        p.files.insert(file_id(meta), absolute(path));
    });
    #[cfg(not(unix))]
    let _ = (path, meta);
}

/// Where an output for `path` may be written, or why not: never over a store's file, its
/// backup or lock, nor over a file being read, and only onto a regular file or a new name (a
/// FIFO or device would be replaced by an ordinary file). Returns the real target (through
/// symbolic links).
pub fn check_output(path: &Path) -> io::Result<PathBuf> {
    let target = write_target(path)?;
    let refuse = |why: String| {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("refusing to replace it: {why}"),
        ))
    };
    let meta = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Some(meta) = &meta {
        if !meta.is_file() {
            return refuse(format!(
                "it is {}, not a regular file",
                kind_of(meta.file_type())
            ));
        }
    }
    let absolute = absolute(&target);
    let id = meta.as_ref().map(file_id);
    let hit = with_protected(|p| {
        if let Some((_, what)) = p.paths.iter().find(|(q, _)| {
            *q == absolute || (id.is_some() && fs::metadata(q).ok().as_ref().map(file_id) == id)
        }) {
            return Some(what.clone());
        }
        let read_by = id.and_then(|id| p.files.get(&id).map(|q| (id, q)));
        match read_by {
            Some((id, q))
                if cfg!(unix) && fs::metadata(q).ok().as_ref().map(file_id) == Some(id) =>
            {
                Some("a file this command is reading".to_string())
            }
            _ => None,
        }
    });
    match hit {
        Some(what) => refuse(format!("it is {what}")),
        None => Ok(target),
    }
}

/// Removes this module's temporaries for `target` older than `age` (what a killed write of
/// the same output left). Returns how many were removed.
pub fn sweep_stale_temps(target: &Path, age: Duration) -> usize {
    let now = SystemTime::now();
    temps_of(target)
        .into_iter()
        .filter(|p| {
            fs::symlink_metadata(p)
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).is_ok_and(|d| d >= age))
        })
        .filter(|p| fs::remove_file(p).is_ok())
        .count()
}

/// The temporary files of `target` in its folder (regular files of this module's names).
fn temps_of(target: &Path) -> Vec<PathBuf> {
    let dir = folder_of(target);
    let prefix = temp_prefix(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with(&prefix)
                && name.ends_with(TEMP_SUFFIX)
                && name.len() > prefix.len() + TEMP_SUFFIX.len()
                && entry.file_type().is_ok_and(|t| t.is_file())
        })
        .map(|entry| entry.path())
        .collect()
}

/// Makes the renames inside `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Removes the temporary files a killed process left for `targets` (only names this module
/// makes: `.<target name>.<random>.at-tmp`, regular files). Call it holding the lock, so no
/// live writer's file is taken. Returns how many were removed.
pub fn remove_stale_temps(targets: &[PathBuf]) -> usize {
    targets
        .iter()
        .flat_map(|t| temps_of(t))
        .filter(|p| fs::remove_file(p).is_ok())
        .count()
}

/// A free name beside `path` for a damaged copy: `<name>.damaged-20261123T184500Z` (with `-2`,
/// `-3` … if taken).
pub fn damaged_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = format!("{name}.damaged-{}", Utc::now().format("%Y%m%dT%H%M%SZ"));
    let dir = folder_of(path);
    let first = dir.join(&stem);
    if fs::symlink_metadata(&first).is_err() {
        return first;
    }
    (2..10_000)
        .map(|n| dir.join(format!("{stem}-{n}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| dir.join(format!("{stem}-{}", std::process::id())))
}

/// Makes a named pipe at `path` (unit tests of the refusal of special files).
#[cfg(all(test, unix))]
pub(crate) fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe.ron");
        mkfifo(&fifo);
        let err = read_bounded(&fifo, 1024).expect_err("a FIFO is not read");
        assert!(matches!(err, ReadError::NotRegular(kind) if kind.contains("FIFO")));
        // Through a link too.
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&fifo, &link).expect("symlink");
        assert!(matches!(
            read_bounded(&link, 1024),
            Err(ReadError::NotRegular(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_and_reads_are_bounded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("zero.ron");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert!(matches!(
            read_bounded(&link, 1024),
            Err(ReadError::NotRegular("a character device"))
        ));
        let big = dir.path().join("big.ron");
        fs::write(&big, vec![b'x'; 2048]).expect("write");
        assert!(matches!(
            read_bounded(&big, 1024),
            Err(ReadError::TooLarge { limit: 1024, .. })
        ));
        let (bytes, _) = read_bounded(&big, 4096).expect("within the limit");
        assert_eq!(bytes.len(), 2048);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_file_is_refused_but_an_inode_given_to_a_new_file_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let read = dir.path().join("page.txt");
        fs::write(&read, "page").expect("write");
        protect_source(&read, &fs::metadata(&read).expect("meta"));
        let refused = check_output(&read).expect_err("a file being read");
        assert!(refused
            .to_string()
            .contains("a file this command is reading"));

        // What inode reuse looks like: the id recorded for `gone` (a deleted file's name) is
        // now another file's. That other file was never read, so it may be written.
        let other = dir.path().join("out.txt");
        fs::write(&other, "old").expect("write");
        protect_source(
            &dir.path().join("gone.txt"),
            &fs::metadata(&other).expect("meta"),
        );
        check_output(&other).expect("a file never read may be written");
    }

    #[cfg(unix)]
    #[test]
    fn writing_through_a_link_updates_its_target_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let synced = dir.path().join("synced");
        fs::create_dir(&synced).expect("mkdir");
        let real = synced.join("bookmarks.ron");
        fs::write(&real, "old").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).expect("chmod");
        let link = dir.path().join("bookmarks.ron");
        std::os::unix::fs::symlink("synced/bookmarks.ron", &link).expect("symlink");

        write_atomic(&link, b"new").expect("write through the link");

        assert!(fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("target"), "new");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        // No temporary file is left in either folder.
        let leftovers = |d: &Path| {
            fs::read_dir(d)
                .expect("read dir")
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(TEMP_SUFFIX))
                .count()
        };
        assert_eq!(leftovers(dir.path()) + leftovers(&synced), 0);
    }

    #[test]
    fn stale_temps_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("bookmarks.ron");
        let ours = dir.path().join(".bookmarks.ron.Ab12Cd.at-tmp");
        let keep = [
            dir.path().join("bookmarks.ron"),
            dir.path().join(".bookmarks.ron.at-tmp.notes"),
            dir.path().join(".other.ron.Ab12Cd.at-tmp"),
            dir.path().join("my.at-tmp"),
        ];
        fs::write(&ours, "x").expect("write");
        for k in &keep {
            fs::write(k, "x").expect("write");
        }
        assert_eq!(remove_stale_temps(std::slice::from_ref(&target)), 1);
        assert!(!ours.exists());
        for k in &keep {
            assert!(k.exists(), "{} must stay", k.display());
        }
    }
}
