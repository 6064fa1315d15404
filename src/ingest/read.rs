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

/// Reads a regular file (following a symlink to its target) of at most `limit` bytes: the
/// project's one bounded read ([`crate::durable::fsio::read_bounded`]: the type is checked
/// before opening and on the open file, the open never waits on a FIFO, and the read stops at
/// `limit + 1` bytes whatever the metadata said), with errors that name the path.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use crate::durable::fsio::{read_bounded, ReadError as Bounded};
    read_bounded(path, limit)
        .map(|(bytes, _)| bytes)
        .map_err(|e| match e {
            Bounded::Missing => ReadError::NotFound(path.to_path_buf()),
            Bounded::NotRegular(kind) => ReadError::NotRegular {
                path: path.to_path_buf(),
                kind,
            },
            Bounded::TooLarge { size, limit } => ReadError::TooLarge {
                path: path.to_path_buf(),
                size,
                limit,
            },
            Bounded::Io(error) => ReadError::Io {
                path: path.to_path_buf(),
                error,
            },
        })
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

/// Decodes UTF-16 text: with a byte-order mark (`FF FE` little-endian, `FE FF` big-endian,
/// what Windows' Notepad and Excel write as "Unicode"), or without one when its first
/// kilobytes are plainly ASCII text in UTF-16 (every other byte zero). `None` when the bytes
/// are not UTF-16. Unpaired surrogates become U+FFFD, with a warning at their line.
pub fn decode_utf16(
    bytes: &[u8],
    file: &std::sync::Arc<str>,
    notes: &mut Vec<super::Diagnostic>,
) -> Option<String> {
    let (little, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => (utf16_without_mark(bytes)?, bytes),
    };
    let units = body.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut bad_line = None;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                bad_line.get_or_insert_with(|| text.matches('\n').count() + 1);
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
    }
    if let Some(line) = bad_line {
        notes.push(super::Diagnostic::warning(
            file,
            Some(line),
            "not valid UTF-16: undecodable parts were replaced with U+FFFD",
        ));
    }
    Some(text)
}

/// Whether BOM-less bytes look like UTF-16 text, and which byte order (`true`: little).
fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |k: usize| head.iter().skip(k).step_by(2).filter(|&&b| b == 0).count();
    let text_at = |k: usize| {
        head.iter()
            .skip(k)
            .step_by(2)
            .filter(|&&b| b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b))
            .count()
    };
    // Little-endian ASCII: text bytes at even offsets, zeros at odd ones.
    if zero_at(1) == pairs && text_at(0) * 10 >= pairs * 9 {
        return Some(true);
    }
    if zero_at(0) == pairs && text_at(1) * 10 >= pairs * 9 {
        return Some(false);
    }
    None
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
                message: format!(
                    "not a regular file ({}): not read",
                    crate::durable::fsio::kind_of(file_type)
                ),
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
