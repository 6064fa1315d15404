//! The research workspace: named collections (lessons), one note per document, the user's own
//! dates with their uncertainty, lane overrides and links between documents, all in one
//! versioned RON file, `workspace.ron`, in the data folder. Bookmarks are its "Starred"
//! collection.
//!
//! Owns the workspace value ([`Workspace`]) and every change to it ([`ops::Op`], a pure
//! function of the value, so the app applies the same change to its copy as the store does to
//! the file), the file format ([`format`], including the migration of a v1 `bookmarks.ron`)
//! and the store ([`store::WorkspaceStore`], on [`crate::durable`]: lock, atomic save, backup,
//! damaged files kept aside).
//!
//! Items of documents that are not loaded are kept: every document the workspace names has a
//! snapshot ([`DocCard`]) so it can be shown, exported and found again (by the bookmarks rule
//! in [`crate::bookmarks::locate`]) when its id changed.
//!
//! Must not touch: egui, the loaded library (read only), any file but its own.

pub mod format;
pub mod lesson;
pub mod ops;
pub mod overlay;
pub mod store;

#[cfg(test)]
mod bookmark_tests;
#[cfg(test)]
mod durability_tests;
#[cfg(test)]
mod tests;

pub use ops::{Op, OpError};
pub use overlay::Overlay;
pub use store::WorkspaceStore;
/// Bookmarks are the workspace's "Starred" collection: their store is the workspace's.
pub use store::WorkspaceStore as BookmarkStore;

use crate::bookmarks::Bookmark;
use crate::model::{DocDate, DocId, Document, Edtf};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The name of the default collection: the bookmarks, the B key and the ☆ button.
pub const STARRED: &str = "Starred";
/// Starred's colour (the star's gold).
pub const STARRED_COLOUR: [u8; 3] = [0xd4, 0xa0, 0x17];

/// Colours new collections take in turn (distinct on light and dark backgrounds).
pub const PALETTE: [[u8; 3]; 8] = [
    [0x1f, 0x77, 0xb4],
    [0xd6, 0x27, 0x28],
    [0x2c, 0xa0, 0x2c],
    [0x94, 0x67, 0xbd],
    [0xff, 0x7f, 0x0e],
    [0x17, 0xbe, 0xcf],
    [0x8c, 0x56, 0x4b],
    [0xe3, 0x77, 0xc2],
];

/// Labels offered for links; any other text is allowed too.
pub const LINK_LABELS: [&str; 4] = ["replies to", "mentions", "same meeting", "see also"];

/// Everything the researcher made, keyed by document id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Collections in the order the user sees them; "Starred" always first.
    pub collections: Vec<Collection>,
    /// Per document the workspace names: its snapshot, note, own date and lane.
    pub documents: BTreeMap<DocId, DocRecord>,
    pub links: Vec<Link>,
    /// The user's own events for the context band.
    #[serde(default)]
    pub events: Vec<crate::context::UserEvent>,
    /// The file this workspace was first filled from (`bookmarks.ron`), once migrated.
    #[serde(default)]
    pub migrated_from: Option<String>,
    /// The file the user's events were taken from (`context_events.csv`), once migrated.
    #[serde(default)]
    pub events_from: Option<String>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            collections: vec![Collection::new(STARRED, STARRED_COLOUR)],
            documents: BTreeMap::new(),
            links: Vec::new(),
            events: Vec::new(),
            migrated_from: None,
            events_from: None,
        }
    }
}

/// What the workspace keeps of a document so it can be shown while not loaded.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocCard {
    /// ISO 8601 at the document's precision ("1962", "1962-08", "1962-08-14"); `None` undated.
    #[serde(default)]
    pub date: Option<String>,
    /// The date as the archive wrote it.
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

impl DocCard {
    pub fn of(doc: &Document) -> DocCard {
        DocCard {
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

    pub fn of_bookmark(b: &Bookmark) -> DocCard {
        DocCard {
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

    /// The bookmark this card makes with `note`, made at `added`.
    pub fn bookmark(&self, id: &DocId, note: &str, added: DateTime<Utc>) -> Bookmark {
        Bookmark {
            id: id.clone(),
            note: note.to_string(),
            added,
            date: self.date.clone(),
            date_text: self.date_text.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            url: self.url.clone(),
            archive_ref: self.archive_ref.clone(),
            language: self.language.clone(),
            citation: self.citation.clone(),
            credit: self.credit.clone(),
            date_user: None,
        }
    }

    /// The card's archive date; undated when it has none this program can read.
    pub fn doc_date(&self) -> DocDate {
        self.date
            .as_deref()
            .and_then(DocDate::from_iso)
            .unwrap_or(DocDate::Undated)
    }

    /// The card is empty (made from an id alone, e.g. on the command line without pages).
    pub fn is_blank(&self) -> bool {
        self.title.is_empty() && self.date.is_none() && self.date_text.is_empty()
    }
}

/// A date the researcher assigned, kept beside the archive's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserDate {
    /// EDTF level 1, as the user wrote it (validated): `1957-09~`, `../1957-03`.
    pub edtf: String,
    /// Why (the evidence): "content refers to the Sputnik launch".
    #[serde(default)]
    pub reason: String,
    #[serde(default = "crate::bookmarks::now")]
    pub set: DateTime<Utc>,
}

impl UserDate {
    /// The parsed date (always parses: it was validated when set; `None` if the file was
    /// edited by hand into something else).
    pub fn parsed(&self) -> Option<Edtf> {
        Edtf::parse(&self.edtf).ok()
    }
}

/// What the workspace holds of one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub card: DocCard,
    /// The document's one note, shown everywhere it appears.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub date_user: Option<UserDate>,
    /// The lane the user put it in (a theme's name), overriding the theme rules.
    #[serde(default)]
    pub lane: Option<String>,
}

impl DocRecord {
    /// Holds nothing the user made (only kept while a collection or link names it).
    fn is_bare(&self) -> bool {
        self.note.trim().is_empty() && self.date_user.is_none() && self.lane.is_none()
    }
}

/// How a collection orders its documents.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Order {
    /// By date (the user's date where set), undated last.
    #[default]
    Date,
    /// As the user arranged them.
    Manual,
}

/// The view a lesson stop opens on: days since 1970-01-01 (the timeline's own unit).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StopView {
    pub start: f64,
    pub end: f64,
}

/// One document in a collection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: DocId,
    /// A note for this document in this collection only (a lesson's talking point).
    #[serde(default)]
    pub note: String,
    #[serde(default = "crate::bookmarks::now")]
    pub added: DateTime<Utc>,
    /// The view the lesson opens at this stop; the document's own when `None`.
    #[serde(default)]
    pub view: Option<StopView>,
}

/// A named set of documents in an order: a chapter's evidence, a lesson.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    pub name: String,
    /// `#rrggbb`.
    #[serde(with = "hex_colour")]
    pub colour: [u8; 3],
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub order: Order,
    /// In the user's order when [`Order::Manual`]; kept in insertion order otherwise (shown by
    /// date through [`Workspace::ordered`]).
    #[serde(default)]
    pub entries: Vec<Entry>,
}

impl Collection {
    pub fn new(name: &str, colour: [u8; 3]) -> Collection {
        Collection {
            name: name.to_string(),
            colour,
            description: String::new(),
            order: Order::Date,
            entries: Vec::new(),
        }
    }

    pub fn contains(&self, id: &DocId) -> bool {
        self.entries.iter().any(|e| &e.id == id)
    }

    pub fn entry(&self, id: &DocId) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.id == id)
    }

    pub fn is_starred(&self) -> bool {
        self.name == STARRED
    }
}

/// "`from` replies to `to`": a labelled, directed link between two documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub from: DocId,
    pub to: DocId,
    pub label: String,
    #[serde(default = "crate::bookmarks::now")]
    pub added: DateTime<Utc>,
}

/// A link as one document sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkView<'a> {
    /// The other document.
    pub other: &'a DocId,
    pub label: &'a str,
    /// True when this document is the link's `from` ("this replies to other").
    pub outgoing: bool,
}

impl Workspace {
    /// The collection called `name` (cleaned as names are when saved: [`ops::name_key`]).
    pub fn collection(&self, name: &str) -> Option<&Collection> {
        let name = ops::name_key(name);
        self.collections.iter().find(|c| c.name == name)
    }

    /// The collection a person names on the command line or in a file: exactly (after
    /// trimming), else ignoring case (`starred`, `chapter 3`); `bookmarks` is Starred. The one
    /// rule for every command that takes a collection's name to read it.
    pub fn find_collection(&self, name: &str) -> Option<&Collection> {
        let name = name.trim();
        let folded = name.to_lowercase();
        self.collection(name)
            .or_else(|| {
                self.collections
                    .iter()
                    .find(|c| c.name.to_lowercase() == folded)
            })
            .or_else(|| {
                if folded == "bookmarks" {
                    self.collection(STARRED)
                } else {
                    None
                }
            })
    }

    /// Why [`Workspace::find_collection`] found nothing: the name, and the collections there are.
    pub fn no_such_collection(&self, name: &str) -> String {
        // Debug quoting: a name with a control character prints escaped, on one line.
        let names: Vec<String> = self
            .collections
            .iter()
            .map(|c| format!("{:?}", c.name))
            .collect();
        format!(
            "there is no collection named {:?}; the collections are {}",
            name.trim(),
            names.join(", ")
        )
    }

    pub(crate) fn collection_mut(&mut self, name: &str) -> Option<&mut Collection> {
        let name = ops::name_key(name);
        self.collections.iter_mut().find(|c| c.name == name)
    }

    /// The Starred collection (always present; an empty one if a hand-edited file lost it).
    pub fn starred(&self) -> &[Entry] {
        self.collection(STARRED)
            .map_or(&[], |c| c.entries.as_slice())
    }

    pub fn record(&self, id: &DocId) -> Option<&DocRecord> {
        self.documents.get(id)
    }

    /// The note of `id` ("" when none).
    pub fn note(&self, id: &DocId) -> &str {
        self.documents.get(id).map_or("", |r| r.note.as_str())
    }

    /// The user's date of `id`.
    pub fn date_user(&self, id: &DocId) -> Option<&UserDate> {
        self.documents.get(id)?.date_user.as_ref()
    }

    /// The lane the user put `id` in.
    pub fn lane(&self, id: &DocId) -> Option<&str> {
        self.documents.get(id)?.lane.as_deref()
    }

    /// The collections holding `id`, in the user's order.
    pub fn collections_of<'a>(&'a self, id: &'a DocId) -> impl Iterator<Item = &'a Collection> {
        self.collections.iter().filter(move |c| c.contains(id))
    }

    /// `id` has something of the researcher's: a note, a date or lane of theirs, a
    /// collection (Starred included) or a link.
    pub fn has_research(&self, id: &DocId) -> bool {
        !self.note(id).is_empty()
            || self.date_user(id).is_some()
            || self.lane(id).is_some()
            || self.collections_of(id).next().is_some()
            || self.links_of(id).next().is_some()
    }

    /// The links of `id`, both ways.
    pub fn links_of<'a>(&'a self, id: &'a DocId) -> impl Iterator<Item = LinkView<'a>> {
        self.links.iter().filter_map(move |l| {
            if &l.from == id {
                Some(LinkView {
                    other: &l.to,
                    label: &l.label,
                    outgoing: true,
                })
            } else if &l.to == id {
                Some(LinkView {
                    other: &l.from,
                    label: &l.label,
                    outgoing: false,
                })
            } else {
                None
            }
        })
    }

    /// The Starred collection as bookmarks (id, the document's note, when starred, snapshot).
    pub fn bookmarks(&self) -> crate::bookmarks::format::Bookmarks {
        self.starred()
            .iter()
            .map(|e| {
                let record = self.documents.get(&e.id);
                let card = record.map(|r| &r.card);
                let note = record.map_or("", |r| r.note.as_str());
                let b = card
                    .cloned()
                    .unwrap_or_default()
                    .bookmark(&e.id, note, e.added);
                (e.id.clone(), b)
            })
            .collect()
    }

    /// The entries of `collection` in its order as bookmarks (the document's card, its one
    /// note, the user's date where set), each with the entry's own note for this collection.
    pub fn entry_bookmarks(&self, collection: &Collection) -> Vec<(Bookmark, String)> {
        self.ordered(collection)
            .into_iter()
            .map(|e| {
                let record = self.documents.get(&e.id);
                let mut b = record.map(|r| r.card.clone()).unwrap_or_default().bookmark(
                    &e.id,
                    self.note(&e.id),
                    e.added,
                );
                b.date_user = record
                    .and_then(|r| r.date_user.as_ref())
                    .map(|d| d.edtf.clone());
                (b, e.note.clone())
            })
            .collect()
    }

    /// The entries of `collection` in its order as items to export (reading lists, reference
    /// managers, TimelineJS): the document's note, then the collection's note for it, as the
    /// note.
    pub fn export_items(&self, collection: &Collection) -> Vec<Bookmark> {
        self.entry_bookmarks(collection)
            .into_iter()
            .map(|(mut b, entry_note)| {
                if !entry_note.trim().is_empty() {
                    b.note = if b.note.trim().is_empty() {
                        entry_note
                    } else {
                        format!("{}\n\n{entry_note}", b.note)
                    };
                }
                b
            })
            .collect()
    }

    /// The entries of `collection` in its order: the user's for [`Order::Manual`], else by
    /// date (the user's date where set, else the archive's; undated last), then title.
    pub fn ordered<'a>(&'a self, collection: &'a Collection) -> Vec<&'a Entry> {
        let mut entries: Vec<&Entry> = collection.entries.iter().collect();
        if collection.order == Order::Date {
            // Each entry's key once (a user's date is parsed to find it), not per comparison.
            entries.sort_by_cached_key(|e| (self.sort_key(&e.id), self.title(&e.id), &e.id));
        }
        entries
    }

    fn title(&self, id: &DocId) -> &str {
        self.documents.get(id).map_or("", |r| r.card.title.as_str())
    }

    /// Where a document sorts by date: the user's date where set, else the archive's.
    fn sort_key(&self, id: &DocId) -> (i32, u8) {
        let Some(record) = self.documents.get(id) else {
            return DocDate::Undated.sort_key();
        };
        record
            .date_user
            .as_ref()
            .and_then(UserDate::parsed)
            .map(|e| e.doc_date())
            .unwrap_or_else(|| record.card.doc_date())
            .sort_key()
    }

    /// A colour for a new collection: the first of the palette no collection has yet.
    pub fn next_colour(&self) -> [u8; 3] {
        PALETTE
            .iter()
            .copied()
            .find(|p| !self.collections.iter().any(|c| &c.colour == p))
            .unwrap_or(PALETTE[self.collections.len() % PALETTE.len()])
    }

    /// How many documents the workspace names (for messages).
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
            && self.events.is_empty()
            && self.collections.iter().all(|c| c.entries.is_empty())
    }

    /// Makes Starred again, first, if a hand-edited file lost it (it always exists).
    pub(crate) fn ensure_starred(&mut self) {
        if self.collection(STARRED).is_none() {
            self.collections
                .insert(0, Collection::new(STARRED, STARRED_COLOUR));
        }
    }

    /// The Starred collection, to change.
    pub(crate) fn starred_mut(&mut self) -> &mut Collection {
        self.ensure_starred();
        let at = self
            .collections
            .iter()
            .position(Collection::is_starred)
            .unwrap_or(0);
        &mut self.collections[at]
    }

    /// Drops the records of `ids` that nothing refers to any more and nothing was written on
    /// (the documents one operation touched: no pass over the whole workspace per change).
    pub(crate) fn tidy_ids(&mut self, ids: &[DocId]) {
        for id in ids {
            let bare = self.documents.get(id).is_some_and(DocRecord::is_bare);
            if bare && !self.is_named(id) {
                self.documents.remove(id);
            }
        }
        self.ensure_starred();
    }

    /// Whether a collection or a link names `id`.
    fn is_named(&self, id: &DocId) -> bool {
        self.collections.iter().any(|c| c.contains(id))
            || self.links.iter().any(|l| &l.from == id || &l.to == id)
    }
}

/// `#rrggbb` in the file.
pub mod hex_colour {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn to_string(c: [u8; 3]) -> String {
        format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
    }

    /// Parses `#rrggbb` (or `rrggbb`).
    pub fn parse(text: &str) -> Option<[u8; 3]> {
        let hex = text.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let part = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some([part(0)?, part(2)?, part(4)?])
    }

    pub fn serialize<S: Serializer>(c: &[u8; 3], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_string(*c))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 3], D::Error> {
        let text = String::deserialize(d)?;
        parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a #rrggbb colour: {text}")))
    }
}
