//! The one rule for "which document is this bookmark of?" (and so "is this document
//! bookmarked?"): the document under the bookmark's id, else the only one with the snapshot's
//! date and folded title, since ids change when a page giving the archive's record id is
//! imported after the bookmark was made. The store, the command line, the timeline and the
//! detail panel all ask through these functions.

use super::format::Bookmarks;
use super::Bookmark;
use crate::model::{DocId, DocIndex, Document, Library};
use crate::text::fold;

/// The id of `doc`'s bookmark: its own, else that of the only bookmark whose snapshot has the
/// document's date and folded title.
pub fn bookmark_id_of(marks: &Bookmarks, doc: &Document) -> Option<DocId> {
    if marks.contains_key(&doc.id) {
        return Some(doc.id.clone());
    }
    let title = fold(&doc.title);
    if title.is_empty() {
        return None;
    }
    let mut matches = marks
        .values()
        .filter(|b| b.doc_date() == doc.date && fold(&b.title) == title);
    let first = matches.next()?;
    matches.next().is_none().then(|| first.id.clone())
}

/// The one library document with the bookmark's date and folded title, if exactly one.
/// The loaded document a bookmark is of, found by id, else by its snapshot's date and title
/// (see [`BookmarkStore::locate`]); looks only at documents of that date.
pub fn locate_bookmark(bookmark: &Bookmark, library: &Library) -> Option<DocIndex> {
    library
        .index_of(&bookmark.id)
        .or_else(|| locate_snapshot(bookmark, library))
}

pub(crate) fn locate_snapshot(bookmark: &Bookmark, library: &Library) -> Option<DocIndex> {
    let title = fold(&bookmark.title);
    if title.is_empty() {
        return None;
    }
    let date = bookmark.doc_date();
    let docs = library.docs();
    let mut matches = library.with_date(date).filter(|&i| {
        docs.get(i)
            .is_some_and(|doc| doc.date == date && fold(&doc.title) == title)
    });
    let first = matches.next()?;
    matches.next().is_none().then_some(first)
}
