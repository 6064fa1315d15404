//! Lessons: a tour of a collection. What the current stop's entry says (its note, the view
//! kept for it) and the tour card's notes and "Keep this view" command. The tour itself is
//! `tour`'s; the card is `present`'s.

use super::present::CardNotes;
use super::{Command, TimelineApp};
use crate::model::DocId;
use crate::workspace::{Op, StopView};

/// The collection entry the current lesson stop is of.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonStop {
    pub collection: String,
    pub id: DocId,
    pub note: String,
    pub view: Option<StopView>,
}

impl TimelineApp {
    /// The entry of the current stop, when the tour is a lesson (a collection's tour).
    pub(super) fn lesson_stop(&self) -> Option<LessonStop> {
        let tour = self.tour.as_ref()?;
        let name = tour.collection.as_ref()?;
        let doc = tour.current()?;
        let ws = self.bookmarks.workspace();
        let c = ws.collection(name)?;
        let entry = ws
            .ordered(c)
            .into_iter()
            .find(|e| self.overlay.found.get(&e.id) == Some(&doc))?;
        Some(LessonStop {
            collection: c.name.clone(),
            id: entry.id.clone(),
            note: entry.note.clone(),
            view: entry.view,
        })
    }

    /// What the tour card shows beside the document: the document's one note, and in a lesson
    /// the entry's note and the command that keeps the view shown now for this stop.
    pub(super) fn card_notes(&self) -> CardNotes {
        let doc = self.tour.as_ref().and_then(super::Tour::current);
        let starred_id = doc.and_then(|i| self.starred.bookmark_id(i));
        let stop = self.lesson_stop();
        let ws = self.bookmarks.workspace();
        let id = stop.as_ref().map(|s| &s.id).or(starred_id).or_else(|| {
            let i = doc?;
            self.overlay
                .found
                .iter()
                .find(|(_, &d)| d == i)
                .map(|(id, _)| id)
        });
        let w = self.nav.window();
        CardNotes {
            document: id.map(|id| ws.note(id).to_string()).unwrap_or_default(),
            starred: starred_id.is_some(),
            entry: stop.as_ref().map(|s| s.note.clone()).unwrap_or_default(),
            keep_view: stop.map(|s| {
                Command::Workspace(Box::new(Op::SetEntryView {
                    name: s.collection,
                    id: s.id,
                    view: Some(StopView {
                        start: w.start,
                        end: w.end,
                    }),
                }))
            }),
        }
    }
}
