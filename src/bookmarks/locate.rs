//! The one rule for "which document is this bookmark of?" (and so "is this document
//! bookmarked?"): the document under the bookmark's id, else the only one with the snapshot's
//! date and folded title, since ids change when a page giving the archive's record id is
//! imported after the bookmark was made. The store, the command line, the timeline and the
//! detail panel all ask through these functions.

use super::format::Bookmarks;
use super::Bookmark;
use crate::model::{DocId, DocIndex, Document, Library};
use crate::text::fold;

/// The one rule: a bookmark is of a document when it carries the document's id, or (its id
/// having changed since, when a page gave the record id) when its snapshot has the document's
/// date and folded title. Both directions below use it and demand a single candidate.
fn snapshot_matches(bookmark: &Bookmark, doc: &Document, folded_title: &str) -> bool {
    !folded_title.is_empty()
        && bookmark.doc_date() == doc.date
        && fold(&bookmark.title) == folded_title
        && fold(&doc.title) == folded_title
}

/// The only item of `items`, if there is exactly one.
fn only<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// The id of `doc`'s bookmark: its own, else that of the only bookmark whose snapshot has the
/// document's date and folded title.
pub fn bookmark_id_of(marks: &Bookmarks, doc: &Document) -> Option<DocId> {
    if marks.contains_key(&doc.id) {
        return Some(doc.id.clone());
    }
    let title = fold(&doc.title);
    only(marks.values().filter(|b| snapshot_matches(b, doc, &title))).map(|b| b.id.clone())
}

/// The loaded document a bookmark is of, found by id, else the only library document with its
/// snapshot's date and folded title (looking only at documents of that date).
pub fn locate_bookmark(bookmark: &Bookmark, library: &Library) -> Option<DocIndex> {
    library.index_of(&bookmark.id).or_else(|| {
        let title = fold(&bookmark.title);
        let docs = library.docs();
        only(library.with_date(bookmark.doc_date()).filter(|&i| {
            docs.get(i)
                .is_some_and(|d| snapshot_matches(bookmark, d, &title))
        }))
    })
}
