//! Reading files from disk safely: regular files only, bounded, and folder walks that
//! survive symlink loops.
//!
//! Owns every decision about what on disk may be read: a FIFO, socket or device is refused
//! before it is opened (opening a FIFO would wait forever for a writer); reads go through
//! `take(limit + 1)`, so a file that grows, or a symlink to `/dev/zero`, can never fill memory;
//! folders are walked with `walkdir` following symlinks, a loop is reported once and not
//! followed, and each real file is read once however many paths lead to it.
//! Other parts of the app (bookmarks import, the library file) use [`read_regular_file`] too.

use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Why a file was not read. Says what failed and where.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at the path.
    NotFound(PathBuf),
    /// A FIFO, socket, device or folder where a file was expected.
    NotRegular { path: PathBuf, kind: &'static str },
    /// Larger than the limit (`size` is the size known, at least `limit + 1`).
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// Any other error of the operating system.
    Io { path: PathBuf, error: io::Error },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::NotFound(p) => p,
            ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Io { path, .. } => path,
        }
    }

    /// The reason, without the path (for messages that name the file already).
    pub fn reason(&self) -> String {
        match self {
            ReadError::NotFound(_) => "no such file or folder".to_string(),
            ReadError::NotRegular { kind, .. } => {
                format!("not a regular file ({kind}): not read")
            }
            ReadError::TooLarge { size, limit, .. } => format!(
                "file is {:.1} MB; archive pages are far smaller (limit {} MB): not read",
                *size as f64 / 1e6,
                limit / 1024 / 1024
            ),
            ReadError::Io { error, .. } => format!("cannot read: {error}"),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path().display(), self.reason())
    }
}

impl std::error::Error for ReadError {}

/// What kind of non-regular file this is, in words.
fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Reads a regular file (following a symlink to its target) of at most `limit` bytes.
///
/// The file type is checked before opening and again on the open file (a path swapped for a
/// FIFO in between is still refused: on Linux the open does not wait for a writer), and the
/// read stops at `limit + 1` bytes whatever the metadata said.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let io_error = |error: io::Error| match error.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound(path.to_path_buf()),
        _ => ReadError::Io {
            path: path.to_path_buf(),
            error,
        },
    };
    let check = |meta: &std::fs::Metadata| -> Result<(), ReadError> {
        if !meta.is_file() {
            return Err(ReadError::NotRegular {
                path: path.to_path_buf(),
                kind: kind_of(meta.file_type()),
            });
        }
        if meta.len() > limit {
            return Err(ReadError::TooLarge {
                path: path.to_path_buf(),
                size: meta.len(),
                limit,
            });
        }
        Ok(())
    };
    check(&std::fs::metadata(path).map_err(io_error)?)?;
    let file = open_without_blocking(path).map_err(io_error)?;
    check(&file.metadata().map_err(io_error)?)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(target_os = "linux")]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; reads of a
    // regular file are not affected.
    const O_NONBLOCK: i32 = 0o4000;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(O_NONBLOCK)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads standard input, at most `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| ReadError::Io {
            path: PathBuf::from("-"),
            error,
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: PathBuf::from("-"),
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// A path found by a walk that could not be used, and why.
#[derive(Debug)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub message: String,
}

/// The files a walk found (sorted by name within each folder, each real file once) and the
/// problems it met (symlink loops, unreadable folders, FIFOs and other non-regular files).
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub problems: Vec<WalkProblem>,
}

/// Walks `root` following symlinks, keeping the files for which `wanted` is true.
/// `seen` holds canonical paths already taken (shared across roots, so a file named twice is
/// read once).
pub fn walk_folder(
    root: &Path,
    wanted: impl Fn(&Path) -> bool,
    seen: &mut HashSet<PathBuf>,
) -> Walk {
    let mut walk = Walk::default();
    for item in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match item {
            Ok(e) => e,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = match err.loop_ancestor() {
                    Some(ancestor) => format!(
                        "symlink loop: it leads back to {}; not followed",
                        ancestor.display()
                    ),
                    None => match err.io_error() {
                        Some(e) => format!("cannot read: {e}"),
                        None => format!("cannot read: {err}"),
                    },
                };
                walk.problems.push(WalkProblem { path, message });
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let path = entry.path();
        if !wanted(path) {
            continue;
        }
        if !file_type.is_file() {
            walk.problems.push(WalkProblem {
                path: path.to_path_buf(),
                message: format!("not a regular file ({}): not read", kind_of(file_type)),
            });
            continue;
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if seen.insert(canonical) {
            walk.files.push(path.to_path_buf());
        }
    }
    walk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_enforced_on_the_bytes_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"0123456789").expect("write");
        assert_eq!(read_regular_file(&p, 10).expect("fits").len(), 10);
        let err = read_regular_file(&p, 9).expect_err("too large");
        assert!(matches!(err, ReadError::TooLarge { .. }), "{err}");
        let err = read_regular_file(dir.path(), 100).expect_err("a folder");
        assert!(
            err.to_string().contains("not a regular file (a folder)"),
            "{err}"
        );
        let err = read_regular_file(&dir.path().join("none"), 100).expect_err("missing");
        assert!(matches!(err, ReadError::NotFound(_)));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        let err = read_regular_file(&link, 1024).expect_err("a device");
        assert!(
            err.to_string()
                .contains("not a regular file (a character device)"),
            "{err}"
        );
    }
}
