//! The format-1 bookmarks file, `bookmarks.ron` (read to migrate it into the workspace, and as
//! an import and export format): a format version and the bookmarks keyed by
//! document id, each with its note, when it was made and a snapshot of its document.
//!
//! Owns encoding and decoding only; where the file lives and how it is saved is
//! [`crate::durable`]'s business.

use super::{now, Bookmark};
use crate::durable::{Format, Problem};
use crate::model::DocId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The bookmarks file, inside the data folder.
pub const FILE_NAME: &str = "bookmarks.ron";
/// The newest format this program reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

/// `bookmarks.ron`: a version and the bookmarks keyed by document id.
#[derive(Serialize, Deserialize)]
struct BookmarksFile {
    version: u32,
    #[serde(default)]
    bookmarks: BTreeMap<DocId, Entry>,
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
            date_user: None,
        }
    }
}

/// Bookmarks keyed by document id.
pub type Bookmarks = BTreeMap<DocId, Bookmark>;

/// Parses the contents of a bookmarks file.
pub fn decode(bytes: &[u8]) -> Result<Bookmarks, Problem> {
    let file: BookmarksFile = crate::durable::decode_ron(bytes, FORMAT_VERSION, "bookmarks")?;
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

/// The bookmarks file as a [`Format`] of the durable store.
#[derive(Debug)]
pub struct BookmarksFormat;

impl Format for BookmarksFormat {
    type Value = Bookmarks;
    const FILE_NAME: &'static str = FILE_NAME;
    const NOUN: &'static str = "bookmarks";
    const VERSION: u32 = FORMAT_VERSION;

    fn decode(bytes: &[u8]) -> Result<Bookmarks, Problem> {
        decode(bytes)
    }

    fn encode(value: &Bookmarks) -> Result<String, String> {
        encode(value.values()).map_err(|e| e.to_string())
    }

    fn count(value: &Bookmarks) -> usize {
        value.len()
    }
}
