//! The library the user keeps: whether the bundled seeds are in it, and the files and folders
//! they opened, remembered in `library.ron` in the data dir so the next start loads them again.
//!
//! Saved atomically (temporary file in the same folder, then rename); a damaged file is reported
//! and replaced only when the user next changes the library. Owns no parsing.

use crate::durable::fsio::{read_bounded, ReadError};
use crate::ingest::SourceList;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "library.ron";
/// A list of opened paths is a few kilobytes; a larger `library.ron` is not one we wrote.
const MAX_LIBRARY_BYTES: u64 = 4 * 1024 * 1024;
const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct OnDisk {
    version: u32,
    include_seeds: bool,
    paths: Vec<PathBuf>,
}

/// The remembered library.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RememberedLibrary {
    pub include_seeds: bool,
    pub paths: Vec<PathBuf>,
}

impl Default for RememberedLibrary {
    fn default() -> Self {
        RememberedLibrary {
            include_seeds: true,
            paths: Vec::new(),
        }
    }
}

impl RememberedLibrary {
    /// Reads `library.ron` from `dir`; a missing file is the default (seeds only), a bad one
    /// is the default plus a message saying what was wrong.
    pub fn load(dir: &Path) -> (RememberedLibrary, Option<String>) {
        let path = dir.join(FILE_NAME);
        let bytes = match read_bounded(&path, MAX_LIBRARY_BYTES) {
            Ok((bytes, _)) => bytes,
            Err(ReadError::Missing) => return (RememberedLibrary::default(), None),
            Err(e) => {
                return (
                    RememberedLibrary::default(),
                    Some(format!("could not read {}: {e}", path.display())),
                )
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        match ron::from_str::<OnDisk>(&text) {
            Ok(d) if d.version <= VERSION => (
                RememberedLibrary {
                    include_seeds: d.include_seeds,
                    paths: d.paths,
                },
                None,
            ),
            Ok(d) => (
                RememberedLibrary::default(),
                Some(format!(
                    "{} was written by a newer archive-timeline (format {}); not used",
                    path.display(),
                    d.version
                )),
            ),
            Err(e) => (
                RememberedLibrary::default(),
                Some(format!(
                    "{}:{}: {}",
                    path.display(),
                    e.span.start.line,
                    e.code
                )),
            ),
        }
    }

    /// Writes `library.ron` atomically.
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let text = ron::ser::to_string_pretty(
            &OnDisk {
                version: VERSION,
                include_seeds: self.include_seeds,
                paths: self.paths.clone(),
            },
            ron::ser::PrettyConfig::default(),
        )
        .map_err(std::io::Error::other)?;
        crate::durable::fsio::write_private(&dir.join(FILE_NAME), text.as_bytes())
    }

    /// Adds paths not already remembered (made absolute, so a later start finds them).
    pub fn add(&mut self, paths: &[PathBuf]) -> usize {
        let mut added = 0;
        for p in paths {
            let p = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            if !self.paths.contains(&p) {
                self.paths.push(p);
                added += 1;
            }
        }
        added
    }

    pub fn sources(&self) -> SourceList {
        SourceList {
            seeds: self.include_seeds,
            paths: self.paths.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (lib, problem) = RememberedLibrary::load(dir.path());
        assert_eq!(lib, RememberedLibrary::default());
        assert!(problem.is_none());
        let mut lib = RememberedLibrary::default();
        assert_eq!(
            lib.add(&[PathBuf::from("/data/pages"), PathBuf::from("/data/pages")]),
            1
        );
        lib.include_seeds = false;
        lib.save(dir.path()).expect("saves");
        let (back, problem) = RememberedLibrary::load(dir.path());
        assert!(problem.is_none());
        assert_eq!(back, lib);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from(FILE_NAME)]);
    }

    #[test]
    fn a_damaged_file_is_reported_not_fatal() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join(FILE_NAME),
            "(version: 1, include_seeds: tru",
        )
        .expect("write");
        let (lib, problem) = RememberedLibrary::load(dir.path());
        assert_eq!(lib, RememberedLibrary::default());
        assert!(problem.expect("a message").contains("library.ron:1"));
    }
}
