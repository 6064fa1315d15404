//! Bookmarks: the documents a reader starred, with their notes. They are the research
//! workspace's "Starred" collection, kept in `workspace.ron` ([`crate::workspace`]); the
//! format-1 `bookmarks.ron` of earlier versions is read once, migrated, and left in place.
//!
//! What a bookmark is and how bookmarks sort live here; the pieces around it each have a file:
//! [`format`] (the format-1 `bookmarks.ron`, read for the migration and as an import format),
//! [`locate`] (the one rule for "which document is this bookmark of?"), [`import`] (reading
//! files to import), [`export`] (Markdown, CSV, RIS, BibTeX, CSL-JSON, TimelineJS) and
//! [`lanes`]. The store is the workspace's ([`crate::workspace::BookmarkStore`]): the workspace
//! builds on this module, never the reverse.
//!
//! Must not touch: egui (the app only calls this API), the loaded [`Library`] (read only), and
//! any file in the data folder.
//!
//! [`Library`]: crate::model::Library

pub mod export;
pub mod format;
pub mod import;
pub mod lanes;
pub mod locate;

pub use crate::durable::{Notice, StoreError, StoreErrorKind, MAX_FILE_BYTES};
pub use format::{encode, FILE_NAME, FORMAT_VERSION};
pub use locate::{bookmark_id_of, locate_bookmark};

use crate::model::{DocDate, DocId, Document};
use chrono::{DateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

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
    /// The researcher's own date (EDTF) where the workspace has one: CSL-JSON's `issued`
    /// carries it (the archive's date goes to `original-date`). Not kept in bookmark files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_user: Option<String>,
}

/// The current time, to the second (sub-second digits in a file only add noise).
pub(crate) fn now() -> DateTime<Utc> {
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
            date_user: None,
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
