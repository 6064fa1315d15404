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

/// The walk's order of a path below its root: its names compared one by one, as a walk
/// sorted by name in every folder meets them. Each name's bytes end with a 0, which no name
/// holds, so a comparison of these bytes is that order ("a/b" before "a.txt").
fn walk_order(relative: &Path) -> Vec<u8> {
    let mut key = Vec::with_capacity(relative.as_os_str().len() + 4);
    for part in relative.components() {
        key.extend_from_slice(part.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    key
}

/// Walks `root` following symlinks, keeping the files for which `wanted` is true, in the
/// order of a walk sorted by name in every folder.
/// `seen` holds canonical paths already taken (shared across roots, so a file named twice is
/// read once, by the first way met).
///
/// Costs: the walk itself is unsorted and its files sorted once by a key each (a walk sorted
/// in every folder parsed both paths at every comparison); the root is made canonical once,
/// and below it a file reached through no symlink has the canonical root and its relative
/// path as its canonical path; only a file reached through a symlink is asked of the file
/// system (a canonical path costs a lookup of every folder on the way: half a second for a
/// hundred thousand files).
pub fn walk_folder(
    root: &Path,
    wanted: impl Fn(&Path) -> bool,
    seen: &mut HashSet<std::ffi::OsString>,
) -> Walk {
    let mut walk = Walk::default();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let order = |path: &Path| walk_order(path.strip_prefix(root).unwrap_or(path));
    // (order, path, reached through a symlink)
    let mut found: Vec<(Vec<u8>, PathBuf, bool)> = Vec::new();
    let mut problems: Vec<(Vec<u8>, WalkProblem)> = Vec::new();
    // By depth: whether the folder there was reached through a symlink (the root never is:
    // its canonical form resolves its own links).
    let mut linked: Vec<bool> = Vec::new();
    for item in walkdir::WalkDir::new(root).follow_links(true) {
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
                problems.push((order(&path), WalkProblem { path, message }));
                continue;
            }
        };
        let file_type = entry.file_type();
        let depth = entry.depth();
        let through_link = depth > 0
            && (entry.path_is_symlink() || linked.get(depth - 1).copied().unwrap_or(true));
        if file_type.is_dir() {
            linked.truncate(depth);
            linked.push(through_link);
            continue;
        }
        let path = entry.path();
        if !wanted(path) {
            continue;
        }
        if !file_type.is_file() {
            let problem = WalkProblem {
                path: path.to_path_buf(),
                message: format!(
                    "not a regular file ({}): not read",
                    crate::durable::fsio::kind_of(file_type)
                ),
            };
            problems.push((order(path), problem));
            continue;
        }
        found.push((order(path), path.to_path_buf(), through_link));
    }
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    problems.sort_by(|a, b| a.0.cmp(&b.0));
    walk.problems = problems.into_iter().map(|(_, p)| p).collect();
    for (_, path, through_link) in found {
        let canonical = match path.strip_prefix(root) {
            Ok(relative) if !through_link => canonical_root.join(relative),
            _ => std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone()),
        };
        if seen.insert(canonical.into_os_string()) {
            walk.files.push(path);
        }
    }
    walk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_meets_files_in_the_order_of_a_walk_sorted_in_every_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let names = [
            "a.txt",
            "a/b.txt",
            "a/a.txt",
            "a b/c.txt",
            "a-/x.txt",
            "ab.txt",
            "z.txt",
            "a/b/c.txt",
            "a/b/d/e.txt",
            "B.txt",
            "é.txt",
            "a0/k.txt",
        ];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(&path, "x").expect("write");
        }
        let mut seen = HashSet::new();
        let walk = walk_folder(dir.path(), |_| true, &mut seen);
        let sorted: Vec<PathBuf> = walkdir::WalkDir::new(dir.path())
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().to_path_buf())
            .collect();
        assert_eq!(walk.files, sorted);
        assert_eq!(walk.files.len(), names.len());
        assert!(walk.problems.is_empty());
    }

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
