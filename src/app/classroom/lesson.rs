//! Lessons: a tour of a collection. What the current stop's entry says (its note, the view
//! kept for it) and the tour card's notes and "Keep this view" command; and the offer to start
//! the lesson when the app was opened on a lesson file (a double-click on `*.lesson.json`).
//! The tour itself is `tour`'s; the card is `present`'s.

use crate::app::classroom::present::CardNotes;
use crate::app::{base::worker, Command, TimelineApp};
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

/// The offer made when the app was opened on a lesson file: "Start the lesson" (Enter) or
/// "Not now" (Esc). Each lesson is offered once a run, when its file has loaded.
#[derive(Default)]
pub struct LessonOffer {
    /// The corpus last looked at (its address), so files are scanned once per load.
    checked: usize,
    offered: std::collections::HashSet<String>,
    /// The lesson offered now.
    open: Option<std::sync::Arc<crate::ingest::entry::Lesson>>,
}

impl LessonOffer {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

impl TimelineApp {
    /// Offers the first lesson file opened on the command line, once it has loaded: a modal
    /// with its name and stops, "Start the lesson" (one click or Enter) and "Not now" (Esc).
    pub(in crate::app) fn offer_lesson(&mut self, ctx: &egui::Context) {
        if self.publishing.picture || !self.library.loader.is_session() {
            return;
        }
        let key = std::sync::Arc::as_ptr(&self.library.corpus) as usize;
        if self.classroom.lesson_offer.checked != key {
            self.classroom.lesson_offer.checked = key;
            if self.classroom.lesson_offer.open.is_none() {
                let offer = &mut self.classroom.lesson_offer;
                offer.open = self
                    .library
                    .corpus
                    .files
                    .iter()
                    .filter_map(|f| f.lesson.as_ref())
                    .find(|l| !offer.offered.contains(&l.name))
                    .cloned();
                if let Some(lesson) = &offer.open {
                    offer.offered.insert(lesson.name.clone());
                }
            }
        }
        let Some(lesson) = self.classroom.lesson_offer.open.clone() else {
            return;
        };
        let (start, dismiss) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        let mut start = start;
        let mut dismiss = dismiss;
        egui::Modal::new(egui::Id::unique("lesson-offer")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(format!("🎓 {}", lesson.name));
            if !lesson.description.trim().is_empty() {
                ui.add(egui::Label::new(lesson.description.trim()).wrap());
            }
            ui.label(format!(
                "A lesson of {}, in the teacher's order, with a note at each stop.",
                crate::text::count(lesson.stops.len(), "stop")
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let button = ui
                    .button(egui::RichText::new("▶ Start the lesson").strong())
                    .on_hover_text("Walk through it stop by stop (Enter); Esc ends the tour");
                if !ui.ctx().memory(|m| m.focused().is_some()) {
                    button.request_focus();
                }
                start |= button.clicked();
                dismiss |= ui
                    .button("Not now")
                    .on_hover_text("It stays in the Tour menu (Esc)")
                    .clicked();
            });
        });
        if start {
            self.commands.push(Command::OpenLesson(lesson));
            self.classroom.lesson_offer.open = None;
        } else if dismiss {
            self.classroom.lesson_offer.open = None;
        }
    }

    /// The entry of the current stop, when the tour is a lesson (a collection's tour).
    pub(in crate::app) fn lesson_stop(&self) -> Option<LessonStop> {
        let tour = self.classroom.tour.as_ref()?;
        let name = tour.collection.as_ref()?;
        let doc = tour.current()?;
        let ws = self.research.bookmarks.workspace();
        let c = ws.collection(name)?;
        let entry = ws
            .ordered(c)
            .into_iter()
            .find(|e| self.research.overlay.found.get(&e.id) == Some(&doc))?;
        Some(LessonStop {
            collection: c.name.clone(),
            id: entry.id.clone(),
            note: entry.note.clone(),
            view: entry.view,
        })
    }

    /// What the tour card shows beside the document: the document's one note, and in a lesson
    /// the entry's note and the command that keeps the view shown now for this stop.
    pub(in crate::app) fn card_notes(&self) -> CardNotes {
        let doc = self
            .classroom
            .tour
            .as_ref()
            .and_then(crate::app::Tour::current);
        let starred_id = doc.and_then(|i| self.research.starred.bookmark_id(i));
        let stop = self.lesson_stop();
        let ws = self.research.bookmarks.workspace();
        let id = stop.as_ref().map(|s| &s.id).or(starred_id).or_else(|| {
            self.research
                .overlay
                .id_of(doc?, &self.library.corpus.library)
        });
        let w = self.timeline.nav.window();
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

impl TimelineApp {
    /// Writes collection `name` as a lesson file at `path` ([`crate::workspace::lesson::export`]),
    /// off the UI thread, atomically; the status bar says how it went.
    pub(in crate::app) fn export_lesson(&mut self, path: std::path::PathBuf, name: String) {
        let ws = std::sync::Arc::clone(self.research.bookmarks.workspace());
        let corpus = std::sync::Arc::clone(&self.library.corpus);
        let spawned = worker::spawn_into("lesson", self.frame.answers_out.clone(), move |out| {
            let message = match crate::workspace::lesson::export(&ws, &name, &corpus.library) {
                Ok(text) => match crate::durable::fsio::write_atomic(&path, text.as_bytes()) {
                    Ok(()) => format!("Saved the lesson “{name}” to {}", path.display()),
                    Err(e) => format!("Could not save {}: {e}", path.display()),
                },
                Err(e) => format!("Could not export the lesson: {e}"),
            };
            out.send(Command::Status(message));
        });
        if spawned.is_err() {
            self.frame.status = Some("Could not start writing the lesson.".into());
        }
    }
}
