//! Keeps the UI's view of the bookmarks in step with the store, without file I/O on the UI
//! thread: a worker thread owns the [`BookmarkStore`], applies operations in order (each one an
//! atomic, locked save), reloads when another process changed the file, and sends snapshots.
//! The UI applies its own changes to its copy at once, so the star responds instantly.

use crate::bookmarks::export::{export, ExportFormat};
use crate::bookmarks::{Bookmark, BookmarkStore};
use crate::model::DocId;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// How often the worker looks for changes made by another process (the command line).
const RELOAD_EVERY: Duration = Duration::from_secs(2);

/// An operation on the bookmarks.
#[derive(Clone, Debug)]
pub enum Op {
    Add(Box<Bookmark>),
    Remove(DocId),
    SetNote(DocId, String),
    Import(PathBuf),
    Export(PathBuf, ExportFormat),
}

/// The bookmarks as the store last saw them.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Date order, undated last.
    pub bookmarks: Vec<Bookmark>,
    /// Problems with the file (damaged, newer, unreadable), as sentences.
    pub notices: Vec<String>,
    /// The last operation's failure or success message.
    pub message: Option<String>,
    pub read_only: bool,
    pub path: PathBuf,
    /// How many operations the worker has applied.
    applied: u64,
}

/// The UI's handle on the worker.
pub struct BookmarkSync {
    tx: Option<Sender<Op>>,
    rx: Option<Receiver<Snapshot>>,
    sent: u64,
    pub current: Snapshot,
}

impl BookmarkSync {
    /// Starts the worker on `dir`; `wake` is called after each snapshot (to repaint).
    pub fn start(dir: PathBuf, wake: impl Fn() + Send + 'static) -> BookmarkSync {
        let (op_tx, op_rx) = mpsc::channel::<Op>();
        let (snap_tx, snap_rx) = mpsc::channel::<Snapshot>();
        let path = dir.join(crate::bookmarks::FILE_NAME);
        let spawned = std::thread::Builder::new()
            .name("bookmarks".into())
            .spawn(move || worker(&dir, &op_rx, &snap_tx, &wake));
        match spawned {
            Ok(_) => BookmarkSync {
                tx: Some(op_tx),
                rx: Some(snap_rx),
                sent: 0,
                current: Snapshot {
                    path,
                    ..Snapshot::default()
                },
            },
            Err(e) => BookmarkSync {
                tx: None,
                rx: None,
                sent: 0,
                current: Snapshot {
                    path,
                    read_only: true,
                    notices: vec![format!(
                        "Bookmarks are unavailable: no worker thread ({e})."
                    )],
                    ..Snapshot::default()
                },
            },
        }
    }

    /// Bookmarks that are never saved (tests of other panels, benchmarks).
    pub fn detached() -> BookmarkSync {
        BookmarkSync {
            tx: None,
            rx: None,
            sent: 0,
            current: Snapshot::default(),
        }
    }

    /// Takes the newest snapshot, if any arrived; true when the bookmarks changed.
    pub fn poll(&mut self) -> bool {
        let Some(rx) = &self.rx else { return false };
        let mut changed = false;
        while let Ok(snapshot) = rx.try_recv() {
            // A snapshot older than our own local changes would undo them on screen.
            if snapshot.applied >= self.sent {
                self.current = snapshot;
                changed = true;
            }
        }
        changed
    }

    /// Applies `op` to the local copy at once and sends it to the worker.
    pub fn apply(&mut self, op: Op) {
        let list = &mut self.current.bookmarks;
        match &op {
            Op::Add(b) => {
                if let Some(existing) = list.iter_mut().find(|x| x.id == b.id) {
                    if !b.note.is_empty() {
                        existing.note.clone_from(&b.note);
                    }
                } else {
                    list.push(b.as_ref().clone());
                    sort(list);
                }
            }
            Op::Remove(id) => list.retain(|b| &b.id != id),
            Op::SetNote(id, note) => {
                if let Some(b) = list.iter_mut().find(|b| &b.id == id) {
                    b.note.clone_from(note);
                }
            }
            Op::Import(_) | Op::Export(..) => {}
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

    /// A sender for other threads (a file dialog's answer goes straight to the worker).
    pub fn sender(&self) -> Option<Sender<Op>> {
        self.tx.clone()
    }

    /// True when the worker has applied every operation sent (or there is no worker).
    pub fn is_idle(&self) -> bool {
        self.tx.is_none() || self.current.applied >= self.sent
    }

    pub fn get(&self, id: &DocId) -> Option<&Bookmark> {
        self.current.bookmarks.iter().find(|b| &b.id == id)
    }

    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.current.bookmarks
    }
}

fn sort(list: &mut [Bookmark]) {
    list.sort_by(|a, b| {
        a.doc_date()
            .sort_key()
            .cmp(&b.doc_date().sort_key())
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
}

fn snapshot(store: &BookmarkStore, applied: u64, message: Option<String>) -> Snapshot {
    Snapshot {
        bookmarks: store.list().into_iter().cloned().collect(),
        notices: store.notices().iter().map(ToString::to_string).collect(),
        message,
        read_only: store.is_read_only(),
        path: store.path().to_path_buf(),
        applied,
    }
}

fn worker(dir: &std::path::Path, ops: &Receiver<Op>, out: &Sender<Snapshot>, wake: &dyn Fn()) {
    let mut store = BookmarkStore::open(dir);
    let mut applied = 0u64;
    if out.send(snapshot(&store, applied, None)).is_err() {
        return;
    }
    wake();
    loop {
        let first = match ops.recv_timeout(RELOAD_EVERY) {
            Ok(op) => op,
            Err(RecvTimeoutError::Timeout) => {
                if store.reload_if_changed() {
                    if out.send(snapshot(&store, applied, None)).is_err() {
                        return;
                    }
                    wake();
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
        if out.send(snapshot(&store, applied, message)).is_err() {
            return;
        }
        wake();
    }
}

/// Applies one operation; returns a message for the user when there is one.
fn run(store: &mut BookmarkStore, op: Op) -> Option<String> {
    let result = match op {
        Op::Add(b) => store.add(*b).map(|()| None),
        Op::Remove(id) => store.remove(&id).map(|_| None),
        Op::SetNote(id, note) => store.set_note(&id, &note).map(|()| None),
        Op::Import(path) => store.import_file(&path).map(|n| {
            Some(format!(
                "Imported {n} new bookmark(s) from {}.",
                path.display()
            ))
        }),
        Op::Export(path, format) => {
            let list = store.list();
            let text = export(&list, format);
            return Some(match std::fs::write(&path, text) {
                Ok(()) => format!(
                    "Exported {} bookmark(s) as {} to {}.",
                    list.len(),
                    format.name(),
                    path.display()
                ),
                Err(e) => format!("Could not write {}: {e}", path.display()),
            });
        }
    };
    match result {
        Ok(message) => message,
        Err(e) => Some(e.to_string()),
    }
}
