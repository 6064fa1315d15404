//! Reading a file to import into the bookmarks: the bookmarks RON format, or the JSON forms
//! this program exports. Reads are bounded and of regular files only.

use super::format::{decode, FORMAT_VERSION};
use super::{export, Bookmark};
use crate::durable::fsio::{read_bounded, ReadError};
use crate::durable::{Problem, StoreError, StoreErrorKind, MAX_FILE_BYTES};
use std::path::Path;

/// Reads a file to import: the bookmarks RON format, or JSON ([`export::bookmarks_from_json`]).
pub fn read_import(path: &Path) -> Result<Vec<Bookmark>, StoreError> {
    let fail = |reason: String| {
        StoreError::new(
            StoreErrorKind::Import,
            "could not import bookmarks from",
            path,
            reason,
        )
    };
    let bytes = match read_bounded(path, MAX_FILE_BYTES) {
        Ok((bytes, _)) => bytes,
        Err(e @ (ReadError::NotRegular(_) | ReadError::TooLarge { .. })) => {
            return Err(fail(e.to_string()))
        }
        Err(e) => return Err(StoreError::io("could not read", path, e)),
    };
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
