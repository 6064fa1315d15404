//! Lessons: a tour of a collection. What the current stop's entry says (its note, the view
//! kept for it) and the tour card's notes and "Keep this view" command. The tour itself is
//! `tour`'s; the card is `present`'s.

use super::present::CardNotes;
use super::{worker, Command, TimelineApp};
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
        let id = stop
            .as_ref()
            .map(|s| &s.id)
            .or(starred_id)
            .or_else(|| self.overlay.id_of(doc?, &self.corpus.library));
        let w = self.nav.window();
        let date_user = id.and_then(|id| ws.date_user(id)).map(|d| {
            if d.reason.is_empty() {
                d.edtf.clone()
            } else {
                format!("{} — {}", d.edtf, d.reason)
            }
        });
        CardNotes {
            date_user,
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

/// The file name a lesson is offered under: its name in lower case, words joined by `-`.
pub fn file_name(collection: &str) -> String {
    let slug: String = collection
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "lesson.json".to_string()
    } else {
        format!("{slug}.lesson.json")
    }
}

impl TimelineApp {
    /// Writes collection `name` as a lesson file at `path` ([`crate::output::lesson::export`]),
    /// off the UI thread, atomically; the status bar says how it went.
    pub(super) fn export_lesson(&mut self, path: std::path::PathBuf, name: String) {
        let ws = std::sync::Arc::clone(self.bookmarks.workspace());
        let corpus = std::sync::Arc::clone(&self.corpus);
        let spawned = worker::spawn_into("lesson", self.answers_out.clone(), move |out| {
            let message = match crate::output::lesson::export(&ws, &name, &corpus.library) {
                Ok(text) => match crate::durable::fsio::write_atomic(&path, text.as_bytes()) {
                    Ok(()) => format!("Saved the lesson “{name}” to {}", path.display()),
                    Err(e) => format!("Could not save {}: {e}", path.display()),
                },
                Err(e) => format!("Could not export the lesson: {e}"),
            };
            out.send(Command::Status(message));
        });
        if spawned.is_err() {
            self.status = Some("Could not start writing the lesson.".into());
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lesson_file_names_are_plain() {
        assert_eq!(
            super::file_name("Lesson 3: the Hungarian crisis"),
            "lesson-3-the-hungarian-crisis.lesson.json"
        );
        assert_eq!(super::file_name("???"), "lesson.json");
    }
}
