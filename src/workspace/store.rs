//! The workspace of one data folder, kept in step with `workspace.ron`: every change is one
//! [`Op`] applied read-modify-write under the lock (see [`crate::durable`] for the lock, atomic
//! save, backup and damage rules), so the app and the command line can change it together.
//!
//! On first opening, a format-1 `bookmarks.ron` is migrated into the "Starred" collection; the
//! old file is left where it is. The bookmark operations the app and `bookmarks …` use (star,
//! toggle, remove, note, import) are here too, as operations on Starred.

use super::format::{migrate_bookmarks, WorkspaceFormat};
use super::ops::{Done, Op, OpError};
use super::Workspace;
use crate::bookmarks::format::{Bookmarks, BookmarksFormat};
use crate::bookmarks::import::read_import;
use crate::bookmarks::locate::bookmark_id_of;
use crate::bookmarks::{sort_bookmarks, Bookmark};
use crate::durable::{DurableStore, Notice, Outcome, StoreError, StoreErrorKind};
use crate::model::{DocId, Document};
use std::path::Path;

/// The workspace of one data folder.
#[derive(Debug)]
pub struct WorkspaceStore {
    file: DurableStore<WorkspaceFormat>,
    /// Starred as bookmarks, rebuilt whenever the workspace changes.
    starred: Bookmarks,
    /// What the migration of `bookmarks.ron` found wrong with it.
    migration_notices: Vec<Notice>,
    /// Those, then the workspace file's own.
    notices: Vec<Notice>,
}

impl WorkspaceStore {
    /// Opens the workspace of `dir`, migrating `bookmarks.ron` into it the first time. Never
    /// fails: a missing file means an empty workspace, the folder is created on the first
    /// change, and problems with the files become [`Notice`]s.
    pub fn open(dir: &Path) -> WorkspaceStore {
        let mut store = WorkspaceStore {
            file: DurableStore::open(dir),
            starred: Bookmarks::new(),
            migration_notices: Vec::new(),
            notices: Vec::new(),
        };
        store.migrate(dir);
        store.migrate_events(dir);
        store.refresh_cache();
        store
    }

    fn migrate(&mut self, dir: &Path) {
        let old = dir.join(crate::bookmarks::FILE_NAME);
        if self.file.path().exists() || self.file.is_read_only() || !old.exists() {
            return;
        }
        if self.file.value().migrated_from.is_some() {
            return;
        }
        let bookmarks: DurableStore<BookmarksFormat> = DurableStore::open(dir);
        self.migration_notices
            .extend(bookmarks.notices().iter().cloned());
        let from = crate::bookmarks::FILE_NAME.to_string();
        let marks = bookmarks.value().clone();
        self.take_in(old, "bookmarks", |ws| migrate_bookmarks(ws, &marks, &from));
    }

    /// Takes what an older file held into the workspace (`take` says whether it changed
    /// anything), saying so if it could not be saved.
    fn take_in(
        &mut self,
        old: std::path::PathBuf,
        what: &str,
        take: impl FnOnce(&mut Workspace) -> bool,
    ) {
        let result = self.file.change(|ws| {
            let changed = take(ws);
            Ok(Outcome {
                result: (),
                changed,
            })
        });
        if let Err(e) = result {
            self.migration_notices.push(Notice::About {
                file: old,
                message: format!("its {what} could not be moved into the workspace: {e}"),
            });
        }
    }

    /// Takes the context events of `context_events.csv` (kept beside the bookmarks before the
    /// workspace held them) once; the file is left in place.
    fn migrate_events(&mut self, dir: &Path) {
        let old = dir.join(crate::context::USER_FILE);
        if self.file.is_read_only() || self.file.value().events_from.is_some() || !old.is_file() {
            return;
        }
        let (events, problems) = crate::context::load_csv(&old);
        for p in problems.iter().take(1) {
            self.migration_notices.push(Notice::About {
                file: old.clone(),
                message: format!(
                    "{p} ({} row(s) of your context events could not be read; the file is \
                     left as it is)",
                    problems.len()
                ),
            });
        }
        let events: Vec<crate::context::UserEvent> =
            events.iter().map(crate::context::UserEvent::of).collect();
        let from = crate::context::USER_FILE.to_string();
        self.take_in(old, "events", |ws| {
            super::format::migrate_events(ws, &events, &from)
        });
    }

    fn refresh_cache(&mut self) {
        self.starred = self.file.value().bookmarks();
        self.notices = self
            .migration_notices
            .iter()
            .chain(self.file.notices())
            .cloned()
            .collect();
    }

    /// The workspace file (whether or not it exists yet).
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Its backup (whether or not it exists yet).
    pub fn backup_path(&self) -> &Path {
        self.file.backup_path()
    }

    /// What the user must be told about the files, oldest first.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Whether a damaged file had to be moved aside when it was read.
    pub fn moved_a_damaged_file(&self) -> bool {
        self.notices().iter().any(Notice::moved_a_damaged_file)
    }

    /// Whether changes are refused (the file is newer than this program or unreadable).
    pub fn is_read_only(&self) -> bool {
        self.file.is_read_only()
    }

    /// Why changes are refused, when they are.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.file.read_only_reason()
    }

    pub fn workspace(&self) -> &Workspace {
        self.file.value()
    }

    /// Applies `op` read-modify-write under the lock, saving if it changed anything.
    pub fn apply(&mut self, op: &Op) -> Result<Done, StoreError> {
        let path = self.path().to_path_buf();
        let done = self.file.change(|ws| match op.apply(ws) {
            Ok(done) => {
                let changed = done.changed;
                Ok(Outcome {
                    result: done,
                    changed,
                })
            }
            Err(e) => Err(op_error(e, &path)),
        });
        self.refresh_cache();
        done
    }

    /// Makes the backup the workspace again; the file it replaces becomes the backup (or, if
    /// damaged, is moved aside). Returns how many documents the backup named.
    pub fn restore_from_backup(&mut self) -> Result<usize, StoreError> {
        let n = self.file.restore_from_backup();
        self.refresh_cache();
        n
    }

    /// Takes in changes another process saved; cheap when there are none (one `stat`).
    pub fn reload_if_changed(&mut self) -> bool {
        let changed = self.file.reload_if_changed();
        if changed {
            self.refresh_cache();
        }
        changed
    }

    // ---- Starred, as bookmarks ----------------------------------------------------------------

    pub fn len(&self) -> usize {
        self.starred.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starred.is_empty()
    }

    pub fn contains(&self, id: &DocId) -> bool {
        self.starred.contains_key(id)
    }

    pub fn get(&self, id: &DocId) -> Option<&Bookmark> {
        self.starred.get(id)
    }

    /// Every bookmark, by date (undated last), then title.
    pub fn list(&self) -> Vec<&Bookmark> {
        let mut list: Vec<&Bookmark> = self.starred.values().collect();
        sort_bookmarks(&mut list);
        list
    }

    /// Stars `bookmark`. Starring again refreshes the snapshot but keeps when it was first
    /// made, and keeps the old note unless the new one says something.
    pub fn add(&mut self, bookmark: Bookmark) -> Result<(), StoreError> {
        self.apply(&Op::Star(Box::new(bookmark))).map(|_| ())
    }

    /// The bookmark of `doc`: the one under its id, else the only one whose snapshot has its
    /// date and folded title (made before the document's id changed).
    pub fn bookmark_of(&self, doc: &Document) -> Option<&Bookmark> {
        let id = bookmark_id_of(&self.starred, doc)?;
        self.starred.get(&id)
    }

    /// Stars `doc`, or removes its bookmark; true when it is starred afterwards.
    pub fn toggle(&mut self, doc: &Document) -> Result<bool, StoreError> {
        self.apply(&Op::ToggleStar(Box::new(doc.clone())))
            .map(|done| done.starred.unwrap_or(false))
    }

    /// Unstars a document and returns its bookmark (the app offers undo by adding it back).
    pub fn remove(&mut self, id: &DocId) -> Result<Option<Bookmark>, StoreError> {
        self.apply(&Op::Unstar(id.clone())).map(|done| done.removed)
    }

    /// Replaces a starred document's note. Fails with [`StoreErrorKind::NotBookmarked`] when
    /// it is no longer starred (for instance removed from the command line meanwhile).
    pub fn set_note(&mut self, id: &DocId, note: &str) -> Result<(), StoreError> {
        let path = self.path().to_path_buf();
        let op = Op::SetNote {
            id: id.clone(),
            card: None,
            note: note.to_string(),
        };
        self.file
            .change(|ws| {
                if !ws.starred().iter().any(|e| &e.id == id) {
                    return Err(StoreError::new(
                        StoreErrorKind::NotBookmarked,
                        &format!("the note was not saved: {id} is no longer bookmarked in"),
                        &path,
                        "it was removed, perhaps in another window",
                    ));
                }
                let done = op.apply(ws).map_err(|e| op_error(e, &path))?;
                Ok(Outcome {
                    result: (),
                    changed: done.changed,
                })
            })
            .inspect(|()| self.refresh_cache())
    }

    /// Merges a file the app exported (bookmarks RON, CSL-JSON, or a JSON array of bookmarks)
    /// into Starred. Returns how many were added.
    pub fn import_file(&mut self, path: &Path) -> Result<usize, StoreError> {
        let incoming = read_import(path)?;
        self.apply(&Op::ImportStars(incoming))
            .map(|done| done.added)
    }
}

fn op_error(e: OpError, path: &Path) -> StoreError {
    match e {
        OpError::NotFound(m) => StoreError::new(
            StoreErrorKind::NotBookmarked,
            "nothing was changed in",
            path,
            m,
        ),
        OpError::Invalid(m) => {
            StoreError::new(StoreErrorKind::Invalid, "nothing was changed in", path, m)
        }
    }
}
