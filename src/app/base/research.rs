//! The workspace and the bookmarks as the app holds them: the store's sync on its worker,
//! the bookmarked documents found in the loaded library ([`Starred`]), and the workspace laid
//! over the corpus ([`Overlay`], the placed corpus).
//!
//! No egui, and no room: panels read it and change it only through commands.

use crate::app::base::bookmark_sync::{BookmarkSync, Starred};
use crate::corpus::Corpus;
use crate::model::Library;
use crate::placement::GroupBy;
use crate::workspace::Overlay;
use std::sync::Arc;

/// The research workspace and the bookmarks, and what was last laid over the corpus.
pub(in crate::app) struct Research {
    pub bookmarks: BookmarkSync,
    pub starred: Starred,
    /// The workspace over the loaded documents (collections, links, dates, lanes).
    pub overlay: Arc<Overlay>,
    /// What the corpus was last placed for: workspace generation, library, grouping.
    placed_for: Option<(u64, usize, GroupBy)>,
    /// Grouping by collection: the collections' names and colours the lanes were made from.
    placed_collections: Option<Vec<(String, [u8; 3])>>,
}

impl Research {
    pub fn new(bookmarks: BookmarkSync) -> Research {
        Research {
            bookmarks,
            starred: Starred::default(),
            overlay: Arc::default(),
            placed_for: None,
            placed_collections: None,
        }
    }

    /// Finds the loaded documents of the bookmarks again (after either side changed).
    pub fn find_starred(&mut self, library: &Library) {
        self.starred = Starred::of(self.bookmarks.bookmarks(), library);
    }

    /// Lays the workspace (the user's dates, hand-set lanes, collections, links) and the
    /// grouping `by` over `corpus` again, when any of them changed. `None`: nothing changed
    /// since the last call; `Some(moved)`: placed again, and whether the lanes moved. Changes
    /// that move nothing (a note, an entry's note, the worker's copy of what the app already
    /// shows) re-place nothing: at a million documents re-placing re-indexes lanes.
    pub fn place(&mut self, corpus: &mut Arc<Corpus>, by: GroupBy) -> Option<bool> {
        let key = (
            self.bookmarks.generation,
            Arc::as_ptr(&corpus.library) as usize,
            by,
        );
        if self.placed_for == Some(key) {
            return None;
        }
        let same_ground = self.placed_for.map(|k| (k.1, k.2)) == Some((key.1, key.2));
        self.placed_for = Some(key);
        let ws = Arc::clone(self.bookmarks.workspace());
        let overlay = Overlay::build(&ws, &corpus.library);
        let collections = (by == GroupBy::Collection).then(|| {
            ws.collections
                .iter()
                .map(|c| (c.name.clone(), c.colour))
                .collect::<Vec<_>>()
        });
        let moved = !same_ground
            || overlay.dates != self.overlay.dates
            || overlay.lanes != self.overlay.lanes
            || (collections.is_some()
                && (collections != self.placed_collections
                    || overlay.collections != self.overlay.collections));
        if moved {
            let plain =
                overlay.dates.is_empty() && overlay.lanes.is_empty() && by == GroupBy::Theme;
            if !(plain && corpus.placement.is_plain()) {
                *corpus = Arc::new(corpus.placed(&ws, &overlay, by));
            }
            self.placed_collections = collections;
        }
        self.overlay = Arc::new(overlay);
        Some(moved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_workspace_and_grouping_are_placed_once() {
        let mut research = Research::new(BookmarkSync::detached());
        let mut corpus = Arc::new(Corpus::default());
        assert_eq!(research.place(&mut corpus, GroupBy::Theme), Some(true));
        assert_eq!(research.place(&mut corpus, GroupBy::Theme), None);
        // Another grouping is another ground: placed again, and the lanes move.
        assert_eq!(research.place(&mut corpus, GroupBy::Collection), Some(true));
        assert_eq!(research.place(&mut corpus, GroupBy::Collection), None);
    }

    #[test]
    fn nothing_is_starred_without_bookmarks() {
        let mut research = Research::new(BookmarkSync::detached());
        research.find_starred(&Corpus::default().library);
        assert!(research.starred.set().is_empty());
    }
}
