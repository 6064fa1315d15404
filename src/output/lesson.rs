//! `lesson export`: one collection of the workspace as a self-contained lesson file (see
//! [`crate::ingest::lesson`] for the format, which this writes and that reads). Each stop
//! holds the document's fields and full text (from the loaded library where the document is
//! loaded, else the workspace's snapshot), the user's date, both notes and the stop's view.

use crate::ingest::lesson::{LessonFile, Stop, View, VERSION};
use crate::model::Library;
use crate::workspace::overlay::locate;
use crate::workspace::{hex_colour, Workspace};

/// The file name a lesson is saved under by default: the collection's name in lower case,
/// words joined by `-`, then `.lesson.json` (the type the desktop opens in the app).
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
        "untitled.lesson.json".to_string()
    } else {
        format!("{slug}.lesson.json")
    }
}

/// The lesson file of collection `name` (found as [`Workspace::find_collection`] finds it), as
/// JSON text.
pub fn export(ws: &Workspace, name: &str, library: &Library) -> Result<String, String> {
    let collection = ws
        .find_collection(name)
        .ok_or_else(|| ws.no_such_collection(name))?;
    let mut stops = Vec::new();
    for entry in ws.ordered(collection) {
        let record = ws.record(&entry.id);
        let card = record.map(|r| r.card.clone()).unwrap_or_default();
        let loaded = locate(&entry.id, &card, library).and_then(|i| library.get(i));
        let mut stop = Stop {
            id: entry.id.0.clone(),
            date: card.date.clone(),
            date_text: card.date_text.clone(),
            title: card.title.clone(),
            summary: card.summary.clone(),
            url: card.url.clone(),
            archive_ref: card.archive_ref.clone(),
            language: card.language.clone(),
            citation: card.citation.clone(),
            credit: card.credit.clone(),
            note: record.map(|r| r.note.clone()).unwrap_or_default(),
            stop_note: entry.note.clone(),
            view: entry.view.map(|v| View {
                start: v.start,
                end: v.end,
            }),
            ..Stop::default()
        };
        if let Some(doc) = loaded {
            stop.date = doc.date.iso();
            stop.date_text.clone_from(&doc.date_text);
            stop.title.clone_from(&doc.title);
            stop.summary.clone_from(&doc.summary);
            stop.url = doc.url().map(str::to_string);
            stop.archive_ref = doc.archive_ref().map(str::to_string);
            stop.language = doc.language().map(str::to_string);
            stop.citation = doc.citation().map(str::to_string);
            stop.credit = doc.credit().map(str::to_string);
            stop.full_text = doc.full_text().map(str::to_string);
        }
        if let Some(d) = record.and_then(|r| r.date_user.as_ref()) {
            stop.date_user = Some(d.edtf.clone());
            stop.date_reason = Some(d.reason.clone()).filter(|r| !r.is_empty());
        }
        if stop.title.trim().is_empty() {
            stop.title = entry.id.0.clone();
        }
        stops.push(stop);
    }
    let file = LessonFile {
        archive_timeline_lesson: VERSION,
        name: collection.name.clone(),
        description: collection.description.clone(),
        colour: hex_colour::to_string(collection.colour),
        stops,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn lesson_file_names_are_plain_and_end_in_lesson_json() {
        assert_eq!(
            super::file_name("Lesson 3: the Hungarian crisis"),
            "lesson-3-the-hungarian-crisis.lesson.json"
        );
        assert_eq!(super::file_name("Ünterricht"), "ünterricht.lesson.json");
        assert_eq!(super::file_name("???"), "untitled.lesson.json");
    }

    use super::*;
    use crate::ingest::load_seeds;
    use crate::workspace::{DocCard, Op, StopView};

    /// A lesson written here reads back, as a source, into the same documents in the same
    /// order, with every note and view.
    #[test]
    fn a_lesson_round_trips_through_its_file() {
        let library = load_seeds().library;
        let mut ws = Workspace::default();
        Op::CreateCollection {
            name: "Hungary 1956".into(),
            colour: None,
            description: "Tuesday's class".into(),
        }
        .apply(&mut ws)
        .expect("creates");
        let picks: Vec<usize> = vec![5, 1, 3];
        for (n, &i) in picks.iter().enumerate() {
            let doc = &library.docs()[i];
            Op::AddToCollection {
                name: "Hungary 1956".into(),
                id: doc.id.clone(),
                card: Some(DocCard::of(doc)),
                note: Some(format!("stop {n}")),
            }
            .apply(&mut ws)
            .expect("adds");
        }
        let first = &library.docs()[picks[0]];
        Op::MoveEntry {
            name: "Hungary 1956".into(),
            id: first.id.clone(),
            to: 2,
        }
        .apply(&mut ws)
        .expect("moves");
        Op::SetNote {
            id: first.id.clone(),
            card: None,
            note: "Ask: who wrote this?".into(),
        }
        .apply(&mut ws)
        .expect("notes");
        Op::SetEntryView {
            name: "Hungary 1956".into(),
            id: first.id.clone(),
            view: Some(StopView {
                start: -4900.0,
                end: -4800.0,
            }),
        }
        .apply(&mut ws)
        .expect("view");
        Op::SetDate {
            id: first.id.clone(),
            card: None,
            edtf: "1956-10~".into(),
            reason: "the uprising".into(),
        }
        .apply(&mut ws)
        .expect("dates");

        let text = export(&ws, "Hungary 1956", &library).expect("exports");
        let expected: Vec<String> = ws
            .ordered(ws.collection("Hungary 1956").expect("c"))
            .iter()
            .map(|e| e.id.0.clone())
            .collect();
        let loaded = crate::ingest::load_texts(&[("lesson.json", text.as_str())]);
        let report = &loaded.files[0];
        assert_eq!(report.format, Some(crate::ingest::sniff::Format::Lesson));
        assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
        let lesson = report.lesson.as_ref().expect("the lesson is kept");
        assert_eq!(lesson.name, "Hungary 1956");
        assert_eq!(lesson.description, "Tuesday's class");
        let ids: Vec<String> = lesson.stops.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids, expected);
        let last = lesson.stops.last().expect("stops");
        assert_eq!(last.note, "Ask: who wrote this?");
        assert_eq!(last.stop_note, "stop 0");
        assert_eq!(
            last.view,
            Some(View {
                start: -4900.0,
                end: -4800.0
            })
        );
        assert_eq!(last.date_user.as_deref(), Some("1956-10~"));
        // The documents themselves, read from the lesson alone (no pages).
        assert_eq!(loaded.library.len(), 3);
        for id in &expected {
            let original = library
                .find(&crate::model::DocId(id.clone()))
                .expect("in the seeds");
            let read = loaded
                .library
                .find(&crate::model::DocId(id.clone()))
                .expect("read back under its id");
            assert_eq!(read.title, original.title);
            assert_eq!(read.date, original.date);
            assert_eq!(read.summary, original.summary);
            assert_eq!(read.full_text(), original.full_text());
            assert_eq!(&*read.sources[0].file, "lesson.json");
        }
        assert!(export(&ws, "nope", &library).is_err());
    }
}
