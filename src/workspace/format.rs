//! The workspace file: `workspace.ron`, a format version and the [`Workspace`], and how a
//! format-1 `bookmarks.ron` becomes its "Starred" collection.
//!
//! Owns encoding, decoding and the migration's mapping only; where the file lives and how it is
//! saved is [`crate::durable`]'s business.

use super::{DocCard, Entry, Workspace};
use crate::bookmarks::format::Bookmarks;
use crate::durable::{Format, Problem};
use serde::{Deserialize, Serialize};

/// The workspace file, inside the data folder.
pub const FILE_NAME: &str = "workspace.ron";
/// The newest format this program reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// The previous version of the workspace file, kept by every save.
pub const BACKUP_NAME: &str = "workspace.ron.bak";
/// The sidecar file locked while a process changes the workspace.
pub const LOCK_NAME: &str = "workspace.lock";

/// `workspace.ron` as written.
#[derive(Serialize)]
struct WorkspaceFileOut<'a> {
    version: u32,
    collections: &'a [super::Collection],
    documents: &'a std::collections::BTreeMap<crate::model::DocId, super::DocRecord>,
    links: &'a [super::Link],
    events: &'a [crate::context::UserEvent],
    migrated_from: &'a Option<String>,
    events_from: &'a Option<String>,
}

/// `workspace.ron` as read: every part may be missing.
#[derive(Deserialize)]
struct WorkspaceFileIn {
    #[serde(default)]
    collections: Vec<super::Collection>,
    #[serde(default)]
    documents: std::collections::BTreeMap<crate::model::DocId, super::DocRecord>,
    #[serde(default)]
    links: Vec<super::Link>,
    #[serde(default)]
    events: Vec<crate::context::UserEvent>,
    #[serde(default)]
    migrated_from: Option<String>,
    #[serde(default)]
    events_from: Option<String>,
}

/// Parses the contents of a workspace file.
pub fn decode(bytes: &[u8]) -> Result<Workspace, Problem> {
    let file: WorkspaceFileIn = crate::durable::decode_ron(bytes, FORMAT_VERSION, "workspace")?;
    let mut ws = Workspace {
        collections: file.collections,
        documents: file.documents,
        links: file.links,
        events: file.events,
        migrated_from: file.migrated_from,
        events_from: file.events_from,
    };
    // A file edited by hand may have lost Starred; every other item is kept as it is.
    ws.ensure_starred();
    Ok(ws)
}

/// Writes the workspace in the file format.
pub fn encode(ws: &Workspace) -> Result<String, ron::Error> {
    let file = WorkspaceFileOut {
        version: FORMAT_VERSION,
        collections: &ws.collections,
        documents: &ws.documents,
        links: &ws.links,
        events: &ws.events,
        migrated_from: &ws.migrated_from,
        events_from: &ws.events_from,
    };
    let mut text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new())?;
    text.push('\n');
    Ok(text)
}

/// The workspace file as a [`Format`] of the durable store.
#[derive(Debug)]
pub struct WorkspaceFormat;

impl Format for WorkspaceFormat {
    type Value = Workspace;
    const FILE_NAME: &'static str = FILE_NAME;
    const NOUN: &'static str = "workspace items";
    const VERSION: u32 = FORMAT_VERSION;

    fn decode(bytes: &[u8]) -> Result<Workspace, Problem> {
        decode(bytes)
    }

    fn encode(value: &Workspace) -> Result<String, String> {
        encode(value).map_err(|e| e.to_string())
    }

    fn count(value: &Workspace) -> usize {
        value.documents.len() + value.events.len()
    }
}

/// Fills an empty workspace from format-1 bookmarks: each bookmark becomes a Starred entry
/// (keeping when it was made) and its note the document's note, with its snapshot as the
/// document's card. Returns false (and changes nothing) when the workspace was already
/// migrated.
pub fn migrate_bookmarks(ws: &mut Workspace, bookmarks: &Bookmarks, from: &str) -> bool {
    if ws.migrated_from.is_some() {
        return false;
    }
    let mut list: Vec<&crate::bookmarks::Bookmark> = bookmarks.values().collect();
    crate::bookmarks::sort_bookmarks(&mut list);
    for b in list {
        let record = ws.documents.entry(b.id.clone()).or_default();
        if record.card.is_blank() {
            record.card = DocCard::of_bookmark(b);
        }
        if record.note.trim().is_empty() {
            record.note.clone_from(&b.note);
        }
        let starred = &mut ws.starred_mut().entries;
        if !starred.iter().any(|e| e.id == b.id) {
            starred.push(Entry {
                id: b.id.clone(),
                note: String::new(),
                added: b.added,
                view: None,
            });
        }
    }
    ws.migrated_from = Some(from.to_string());
    true
}

/// Takes the user's context events from the CSV they were kept in before the workspace held
/// them (each once). Returns false (and changes nothing) when already taken.
pub fn migrate_events(
    ws: &mut Workspace,
    events: &[crate::context::UserEvent],
    from: &str,
) -> bool {
    if ws.events_from.is_some() {
        return false;
    }
    for e in events {
        if !ws.events.iter().any(|x| x.same_as(e)) {
            ws.events.push(e.clone());
        }
    }
    ws.events_from = Some(from.to_string());
    true
}
