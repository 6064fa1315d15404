//! Lesson files: one self-contained JSON file a teacher hands to students, holding a
//! collection's documents (fields and full text), their order, the notes and the view per
//! stop. `archive-timeline lesson export` writes them ([`crate::workspace::lesson`]); this reads
//! them as a source like any page, so the documents show as coming from the lesson file, and
//! keeps the lesson itself ([`Lesson`]: order, notes, views) for the tour.
//!
//! The format, version 1:
//! ```json
//! { "archive_timeline_lesson": 1, "name": "…", "description": "…", "colour": "#1f77b4",
//!   "stops": [ { "id": "wcda-110485", "date": "1956-09-12", "date_text": "September 12, 1956",
//!                "date_user": "1956-09~", "date_reason": "…", "title": "…", "summary": "…",
//!                "url": "…", "archive_ref": "…", "language": "…", "citation": "…",
//!                "credit": "…", "full_text": "…", "note": "…", "stop_note": "…",
//!                "view": { "start": -4850.0, "end": -4700.0 } } ] }
//! ```

use super::diag::Diagnostic;
use super::entry::{Lesson, LessonStop, ParsedPage, View};
use super::reference::{lines_of, text, Item};
use crate::model::date_line::parse_date_value;
use crate::model::DocDate;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The key that marks a lesson file (its value is the format version).
pub const MARK: &str = "archive_timeline_lesson";
/// The newest lesson format this program reads and the one it writes.
pub const VERSION: u32 = 1;

/// A lesson file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonFile {
    pub archive_timeline_lesson: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub colour: String,
    #[serde(default)]
    pub stops: Vec<Stop>,
}

/// One stop of a lesson: a document with its notes and view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    pub id: String,
    /// ISO 8601 at the archive date's precision; absent when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default)]
    pub date_text: String,
    /// The teacher's own date (EDTF) and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_user: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_reason: Option<String>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_ref: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_text: Option<String>,
    /// The document's note.
    #[serde(default)]
    pub note: String,
    /// The note for this stop of the lesson.
    #[serde(default)]
    pub stop_note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<View>,
}

/// Does the text look like a lesson file (a JSON object naming [`MARK`] near its start)?
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if !t.starts_with('{') {
        return false;
    }
    let head: String = t.chars().take(512).collect();
    head.contains(&format!("\"{MARK}\""))
}

/// Reads a lesson file: its stops as entries (in order), the lesson for the tour.
pub fn read_lesson(source: &str, file: &Arc<str>) -> ParsedPage {
    let mut page = ParsedPage::default();
    let lesson: LessonFile = match serde_json::from_str(source) {
        Ok(l) => l,
        Err(e) => {
            page.diagnostics.push(Diagnostic::error(
                file,
                Some(e.line()),
                format!("not a valid lesson file: {e}"),
            ));
            return page;
        }
    };
    if lesson.archive_timeline_lesson > VERSION || lesson.archive_timeline_lesson == 0 {
        page.diagnostics.push(Diagnostic::error(
            file,
            Some(1),
            format!(
                "lesson format {} is not one this archive-timeline reads (it reads {VERSION}); \
                 update the program",
                lesson.archive_timeline_lesson
            ),
        ));
        return page;
    }
    let offsets: Vec<usize> = source.match_indices("\"id\"").map(|(i, _)| i).collect();
    let lines = lines_of(source, &offsets);
    let mut kept = Lesson {
        name: lesson.name.clone(),
        description: lesson.description.clone(),
        stops: Vec::new(),
    };
    for (n, stop) in lesson.stops.into_iter().enumerate() {
        let line = lines.get(n).copied().unwrap_or(1);
        let date = stop
            .date
            .as_deref()
            .and_then(DocDate::from_iso)
            .map(crate::model::DateLine::Date)
            .or_else(|| text(Some(&stop.date_text)).map(|t| parse_date_value(&t)));
        let item = Item {
            line,
            title: Some(stop.title.clone()),
            date_text: text(Some(&stop.date_text)),
            date,
            summary: text(Some(&stop.summary)),
            url: stop.url.clone(),
            language: stop.language.clone(),
            archive_ref: stop.archive_ref.clone(),
            citation: stop.citation.clone(),
            credit: stop.credit.clone(),
            full_text: stop.full_text.clone(),
            id: Some(stop.id.clone()),
            ..Item::default()
        };
        let entry = item.into_entry(file, &mut page);
        page.entries.push(entry);
        kept.stops.push(LessonStop {
            id: stop.id,
            note: stop.note,
            stop_note: stop.stop_note,
            view: stop.view,
            date_user: stop.date_user,
            date_reason: stop.date_reason,
        });
    }
    page.lesson = Some(Box::new(kept));
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stop() -> impl Strategy<Value = Stop> {
        (
            ".{0,24}",
            proptest::option::of(".{0,12}"),
            ".{0,20}",
            ".{0,40}",
            proptest::option::of(".{0,12}"),
            proptest::option::of((any::<f64>(), any::<f64>())),
        )
            .prop_map(|(id, date, date_text, title, date_user, view)| Stop {
                id,
                date,
                date_text,
                title,
                date_user,
                view: view.map(|(start, end)| View { start, end }),
                ..Stop::default()
            })
    }

    proptest! {
        /// Any lesson file (ids, dates and titles of any text, any numbers as views) reads
        /// without a panic, every stop kept as a record and in the lesson, in order.
        #[test]
        fn every_stop_of_any_lesson_is_read(stops in proptest::collection::vec(stop(), 0..8)) {
            let file = LessonFile {
                archive_timeline_lesson: VERSION,
                name: "x".into(),
                stops: stops.clone(),
                ..LessonFile::default()
            };
            let text = serde_json::to_string(&file).unwrap_or_default();
            let page = read_lesson(&text, &Arc::from("l.json"));
            prop_assert_eq!(page.entries.len(), stops.len());
            let lesson = page.lesson.expect("a lesson");
            let ids: Vec<&str> = lesson.stops.iter().map(|s| s.id.as_str()).collect();
            let given: Vec<&str> = stops.iter().map(|s| s.id.as_str()).collect();
            prop_assert_eq!(ids, given);
        }

        /// Text that is not a lesson, or a damaged one, gives a message and no record.
        #[test]
        fn damaged_lesson_text_is_refused_not_a_panic(cut in 0usize..400) {
            let file = LessonFile {
                archive_timeline_lesson: VERSION,
                name: "Korea".into(),
                stops: vec![Stop { id: "wcda-1".into(), title: "T".into(), ..Stop::default() }],
                ..LessonFile::default()
            };
            let text = serde_json::to_string(&file).unwrap_or_default();
            let cut = text.char_indices().map(|(i, _)| i).take_while(|&i| i <= cut).last().unwrap_or(0);
            let page = read_lesson(&text[..cut], &Arc::from("l.json"));
            if cut < text.len() {
                prop_assert!(page.entries.is_empty());
                prop_assert!(!page.diagnostics.is_empty());
            }
        }
    }
}
