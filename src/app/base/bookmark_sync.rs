//! Keeps the UI's view of the bookmarks in step with the store, without file I/O on the UI
//! thread: a worker thread owns the [`BookmarkStore`], applies operations in order (each one an
//! atomic, locked save), reloads when another process changed the file, and sends snapshots.
//! The UI applies its own changes to its copy at once, so the star responds instantly.
//!
//! Must not decide which bookmark is a document's: the worker toggles with the store's
//! [`BookmarkStore::toggle`], and the app finds a loaded document's bookmark with the store's
//! [`crate::bookmarks::locate_bookmark`]. Sorting is [`crate::bookmarks::sort_bookmarks`].

use crate::app::base::worker::{self, Inbox, Outbox, Polled, Wake};
use crate::bookmarks::{locate_bookmark, sort_bookmarks, Bookmark};
use crate::model::{DocId, DocIndex, Document, Library};
use crate::workspace::BookmarkStore;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often the worker looks for changes made by another process (the command line).
const RELOAD_EVERY: Duration = Duration::from_secs(2);

/// An operation on the bookmarks.
#[derive(Clone, Debug)]
pub enum Op {
    Add(Box<Bookmark>),
    /// Star `doc`, or remove its bookmark, by the store's rule ([`BookmarkStore::toggle`]).
    Toggle(Box<Document>),
    Remove(DocId),
    SetNote(DocId, String),
    Import(PathBuf),
    /// Make `workspace.ron.bak` the workspace again (the file it replaces becomes the backup).
    RestoreBackup,
    /// Any change to the workspace: collections, notes, dates, lanes, links.
    Work(Box<crate::workspace::Op>),
}

/// The bookmarks as the store last saw them.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Date order, undated last.
    pub bookmarks: Vec<Bookmark>,
    /// The whole workspace (Starred is `bookmarks`, above).
    pub workspace: std::sync::Arc<crate::workspace::Workspace>,
    /// Problems with the file (damaged, newer, unreadable), as sentences.
    pub notices: Vec<String>,
    /// The last operation's failure or success message.
    pub message: Option<String>,
    pub read_only: bool,
    pub path: PathBuf,
    /// A backup file exists to restore from.
    pub has_backup: bool,
    /// How many operations the worker has applied.
    applied: u64,
}

/// The UI's handle on the worker.
pub struct BookmarkSync {
    tx: Option<Sender<Op>>,
    rx: Option<Inbox<Snapshot>>,
    sent: u64,
    /// The worker's first snapshot (the file as it was at the start) has arrived.
    started: bool,
    pub current: Snapshot,
    /// Counts changes to `current` (local ones and snapshots taken), so the app knows when to
    /// lay the workspace over the timeline again.
    pub generation: u64,
}

impl BookmarkSync {
    /// Starts the worker on `dir`; each snapshot it sends wakes the UI.
    pub fn start(dir: PathBuf, wake: &Wake) -> BookmarkSync {
        let (op_tx, op_rx) = mpsc::channel::<Op>();
        let path = dir.join(crate::workspace::format::FILE_NAME);
        let spawned = worker::spawn("bookmarks", wake, move |out| run_store(&dir, &op_rx, &out));
        match spawned {
            Ok(inbox) => BookmarkSync {
                tx: Some(op_tx),
                rx: Some(inbox),
                sent: 0,
                started: false,
                current: Snapshot {
                    path,
                    ..Snapshot::default()
                },
                generation: 0,
            },
            Err(e) => BookmarkSync {
                tx: None,
                rx: None,
                sent: 0,
                started: false,
                current: Snapshot {
                    path,
                    read_only: true,
                    notices: vec![format!(
                        "Bookmarks are unavailable: no worker thread ({e})."
                    )],
                    ..Snapshot::default()
                },
                generation: 0,
            },
        }
    }

    /// Bookmarks that are never saved (tests of other panels, benchmarks).
    pub fn detached() -> BookmarkSync {
        BookmarkSync {
            tx: None,
            rx: None,
            sent: 0,
            started: false,
            current: Snapshot::default(),
            generation: 0,
        }
    }

    /// Takes the newest snapshot, if any arrived; true when the bookmarks changed.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.rx else { return false };
        let mut changed = false;
        while let Polled::Ready(snapshot) = rx.poll() {
            // A snapshot older than our own local changes would undo them on screen.
            if snapshot.applied >= self.sent {
                self.current = snapshot;
                self.generation += 1;
                changed = true;
            }
            self.started = true;
        }
        changed
    }

    /// Stars `doc`, or removes its bookmark: `current` is the id of the bookmark the app found
    /// for it (by [`crate::bookmarks::locate_bookmark`]); the worker decides with the store's
    /// [`BookmarkStore::toggle`], which applies the same rule.
    pub fn toggle(&mut self, doc: &Document, current: Option<&DocId>) {
        let list = &mut self.current.bookmarks;
        match current {
            Some(id) => list.retain(|b| &b.id != id),
            None => add_local(list, Bookmark::from_document(doc, "")),
        }
        let ws = std::sync::Arc::make_mut(&mut self.current.workspace);
        let _ = crate::workspace::Op::ToggleStar(Box::new(doc.clone())).apply(ws);
        self.generation += 1;
        self.send(Op::Toggle(Box::new(doc.clone())));
    }

    /// Applies `op` to the local copy at once and sends it to the worker.
    pub fn apply(&mut self, op: Op) {
        let list = &mut self.current.bookmarks;
        match &op {
            Op::Add(b) => add_local(list, b.as_ref().clone()),
            Op::Toggle(_) => {} // through [`BookmarkSync::toggle`], which knows the bookmark
            Op::Remove(id) => list.retain(|b| &b.id != id),
            Op::SetNote(id, note) => {
                if let Some(b) = list.iter_mut().find(|b| &b.id == id) {
                    b.note.clone_from(note);
                }
            }
            Op::Import(_) | Op::RestoreBackup => {}
            Op::Work(_) => {}
        }
        // The workspace copy takes every change the store will make, by the same function.
        let ws = std::sync::Arc::make_mut(&mut self.current.workspace);
        let local = match &op {
            Op::Work(w) => Some(w.as_ref().clone()),
            Op::Add(b) => Some(crate::workspace::Op::Star(b.clone())),
            Op::Remove(id) => Some(crate::workspace::Op::Unstar(id.clone())),
            Op::SetNote(id, note) => Some(crate::workspace::Op::SetNote {
                id: id.clone(),
                card: None,
                note: note.clone(),
            }),
            _ => None,
        };
        self.generation += 1;
        if let Some(w) = local {
            if w.apply(ws).is_ok() && matches!(op, Op::Work(_)) && touches_starred(&w) {
                let mut list: Vec<&Bookmark> = Vec::new();
                let marks = ws.bookmarks();
                list.extend(marks.values());
                sort_bookmarks(&mut list);
                self.current.bookmarks = list.into_iter().cloned().collect();
            }
        }
        self.send(op);
    }

    /// Sends without touching the local copy (import, export).
    pub fn send(&mut self, op: Op) {
        if let Some(tx) = &self.tx {
            if tx.send(op).is_ok() {
                self.sent += 1;
            }
        }
    }

    /// True when the worker has read the file and applied every operation sent (or there is
    /// no worker).
    pub fn is_idle(&self) -> bool {
        self.tx.is_none() || (self.started && self.current.applied >= self.sent)
    }

    pub fn get(&self, id: &DocId) -> Option<&Bookmark> {
        self.current.bookmarks.iter().find(|b| &b.id == id)
    }

    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.current.bookmarks
    }

    /// The workspace as the app sees it (local changes included).
    pub fn workspace(&self) -> &std::sync::Arc<crate::workspace::Workspace> {
        &self.current.workspace
    }
}

/// Whether a workspace change can change the bookmarks (Starred, or a document's note).
fn touches_starred(op: &crate::workspace::Op) -> bool {
    use crate::workspace::{Op as W, STARRED};
    match op {
        W::Star(_) | W::ToggleStar(_) | W::Unstar(_) | W::ImportStars(_) | W::SetNote { .. } => {
            true
        }
        W::AddToCollection { name, .. }
        | W::RemoveFromCollection { name, .. }
        | W::MoveEntry { name, .. } => name.trim() == STARRED,
        _ => false,
    }
}

/// Adds to the local copy as the store's `add` does: a bookmark already there keeps its note
/// unless the new one has one; the list stays in the store's order.
fn add_local(list: &mut Vec<Bookmark>, bookmark: Bookmark) {
    if let Some(existing) = list.iter_mut().find(|x| x.id == bookmark.id) {
        if !bookmark.note.is_empty() {
            existing.note = bookmark.note;
        }
        return;
    }
    list.push(bookmark);
    let mut order: Vec<&Bookmark> = list.iter().collect();
    sort_bookmarks(&mut order);
    let sorted: Vec<Bookmark> = order.into_iter().cloned().collect();
    *list = sorted;
}

fn snapshot(store: &BookmarkStore, applied: u64, message: Option<String>) -> Snapshot {
    Snapshot {
        bookmarks: store.list().into_iter().cloned().collect(),
        workspace: std::sync::Arc::new(store.workspace().clone()),
        notices: store.notices().iter().map(ToString::to_string).collect(),
        message,
        read_only: store.is_read_only(),
        path: store.path().to_path_buf(),
        has_backup: store.backup_path().is_file(),
        applied,
    }
}

/// The worker: owns the store, applies operations in order, sends a snapshot after each batch
/// and whenever another process changed the file.
fn run_store(dir: &std::path::Path, ops: &Receiver<Op>, out: &Outbox<Snapshot>) {
    let mut store = BookmarkStore::open(dir);
    let mut applied = 0u64;
    if !out.send(snapshot(&store, applied, None)) {
        return;
    }
    loop {
        let first = match ops.recv_timeout(RELOAD_EVERY) {
            Ok(op) => op,
            Err(RecvTimeoutError::Timeout) => {
                if store.reload_if_changed() && !out.send(snapshot(&store, applied, None)) {
                    return;
                }
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // Take everything queued; of several note edits to one bookmark, only the last counts.
        let mut batch = vec![first];
        batch.extend(ops.try_iter());
        let mut message = None;
        let count = batch.len();
        for (i, op) in batch.iter().enumerate() {
            if let Op::SetNote(id, _) = op {
                let later = batch[i + 1..]
                    .iter()
                    .any(|o| matches!(o, Op::SetNote(other, _) if other == id));
                if later {
                    continue;
                }
            }
            if let Some(m) = run(&mut store, op.clone()) {
                message = Some(m);
            }
        }
        applied += count as u64;
        if !out.send(snapshot(&store, applied, message)) {
            return;
        }
    }
}

/// Applies one operation; returns a message for the user when there is one.
fn run(store: &mut BookmarkStore, op: Op) -> Option<String> {
    let result = match op {
        Op::Add(b) => store.add(*b).map(|()| None),
        Op::Toggle(doc) => store.toggle(&doc).map(|_| None),
        Op::Remove(id) => store.remove(&id).map(|_| None),
        Op::SetNote(id, note) => store.set_note(&id, &note).map(|()| None),
        Op::Work(op) => store.apply(&op).map(|_| None),
        Op::RestoreBackup => store.restore_from_backup().map(|n| {
            Some(format!(
                "Restored {n} document(s) from {}; the workspace it replaced is now the backup.",
                store.backup_path().display()
            ))
        }),
        Op::Import(path) => store.import_file(&path).map(|n| {
            Some(format!(
                "Imported {n} new bookmark(s) from {}.",
                path.display()
            ))
        }),
    };
    match result {
        Ok(message) => message,
        Err(e) => Some(e.to_string()),
    }
}

/// The loaded documents that are bookmarked, each with the id of its bookmark, found by the
/// store's rule ([`crate::bookmarks::locate_bookmark`]: by id, else by date and folded title).
/// The timeline's stars, the detail panel's star, the bookmarks filter, the tour and the
/// toggle all read this one map, so they cannot disagree.
#[derive(Clone, Debug, Default)]
pub struct Starred {
    ids: std::collections::HashMap<DocIndex, DocId>,
    docs: std::collections::HashSet<DocIndex>,
}

impl Starred {
    /// Finds the document of every bookmark in `library`.
    pub fn of(bookmarks: &[Bookmark], library: &Library) -> Starred {
        let ids: std::collections::HashMap<DocIndex, DocId> = bookmarks
            .iter()
            .filter_map(|b| Some((locate_bookmark(b, library)?, b.id.clone())))
            .collect();
        let docs = ids.keys().copied().collect();
        Starred { ids, docs }
    }

    /// The id of `doc`'s bookmark, if it has one.
    pub fn bookmark_id(&self, doc: DocIndex) -> Option<&DocId> {
        self.ids.get(&doc)
    }

    /// The bookmarked documents.
    pub fn set(&self) -> &std::collections::HashSet<DocIndex> {
        &self.docs
    }

    /// The bookmarked documents, as a list (in no order).
    pub fn docs(&self) -> Vec<DocIndex> {
        self.docs.iter().copied().collect()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_seeds;

    /// The path the app takes to star documents: [`Starred::of`] over the bookmarks, by the
    /// store's [`locate_bookmark`].
    #[test]
    fn starred_finds_documents_by_id_then_by_date_and_title() {
        let library = load_seeds().library;
        let (index, doc) = (3, &library.docs()[3]);
        let by_id = Bookmark::from_document(doc, "");
        let mut older = Bookmark::from_document(doc, "made before the record id was known");
        older.id = DocId("doc-1a2b3c4d5e6f7a8b".into());
        let mut elsewhere = Bookmark::from_document(doc, "");
        elsewhere.id = DocId("doc-00000000000000e1".into());
        elsewhere.date = Some("1901-01-01".into());

        let starred = Starred::of(std::slice::from_ref(&by_id), &library);
        assert_eq!(starred.bookmark_id(index), Some(&doc.id));
        let starred = Starred::of(&[older.clone(), elsewhere], &library);
        assert_eq!(starred.bookmark_id(index), Some(&older.id));
        assert_eq!(
            starred.len(),
            1,
            "a bookmark of a document not loaded stars nothing"
        );
    }

    #[test]
    fn a_local_add_keeps_the_stores_order_and_an_older_note() {
        let library = load_seeds().library;
        let mut list = Vec::new();
        for doc in library.docs().iter().rev().take(3) {
            add_local(&mut list, Bookmark::from_document(doc, "note"));
        }
        let mut expected: Vec<&Bookmark> = list.iter().collect();
        sort_bookmarks(&mut expected);
        let expected: Vec<DocId> = expected.into_iter().map(|b| b.id.clone()).collect();
        assert_eq!(
            list.iter().map(|b| b.id.clone()).collect::<Vec<_>>(),
            expected
        );
        let first = list[0].clone();
        add_local(
            &mut list,
            Bookmark {
                note: String::new(),
                ..first.clone()
            },
        );
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].note, "note");
    }
}
