//! A collection as a lesson, both ways. [`export`] writes one collection of the workspace as a
//! self-contained lesson file (`lesson export`; see [`crate::ingest::lesson`] for the format,
//! which this writes and that reads): each stop holds the document's fields and full text
//! (from the loaded library where the document is loaded, else the workspace's snapshot), the
//! user's date, both notes and the stop's view. [`lesson_ops`] goes back: a lesson file opened
//! in the app becomes a collection of the workspace, so the tour, the collections panel and
//! every export treat it like one the user made: its stops in order, each with its stop note,
//! the document's note (where the user has none yet), the teacher's date (where the user has
//! none) and the view of the stop.
//!
//! Lives with the workspace (not in `output`, which knows nothing of the library or the
//! workspace) because both directions are about a collection.

use super::overlay::locate;
use super::{hex_colour, DocCard, Op, StopView, Workspace};
use crate::ingest::entry::{Lesson, View};
use crate::ingest::lesson::{LessonFile, Stop, VERSION};
use crate::model::{DocId, Library};

/// The name the lesson takes among the collections: its own, or with "(lesson)" and a number
/// when a collection of that name with other documents exists.
pub fn collection_name(ws: &Workspace, lesson: &Lesson) -> String {
    let ids: Vec<DocId> = lesson.stops.iter().map(|s| DocId(s.id.clone())).collect();
    let same = |name: &str| {
        ws.collection(name).is_none_or(|c| {
            c.entries.len() == ids.len() && c.entries.iter().all(|e| ids.contains(&e.id))
        })
    };
    let base = if lesson.name.trim().is_empty() {
        "Lesson".to_string()
    } else {
        lesson.name.trim().to_string()
    };
    if same(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base} (lesson {n})"))
        .find(|n| same(n))
        .unwrap_or(base)
}

/// The operations that make `lesson` a collection of `ws` (none when it already is one).
pub fn lesson_ops(ws: &Workspace, lesson: &Lesson, library: &Library) -> (String, Vec<Op>) {
    let name = collection_name(ws, lesson);
    if ws.collection(&name).is_some() {
        return (name, Vec::new());
    }
    let mut ops = vec![Op::CreateCollection {
        name: name.clone(),
        colour: None,
        description: lesson.description.clone(),
    }];
    for stop in &lesson.stops {
        let id = DocId(stop.id.clone());
        let card = library.find(&id).map(DocCard::of);
        ops.push(Op::AddToCollection {
            name: name.clone(),
            id: id.clone(),
            card: card.clone(),
            note: Some(stop.stop_note.clone()).filter(|n| !n.trim().is_empty()),
        });
        if !stop.note.trim().is_empty() && ws.note(&id).trim().is_empty() {
            ops.push(Op::SetNote {
                id: id.clone(),
                card: None,
                note: stop.note.clone(),
            });
        }
        if let (Some(edtf), None) = (&stop.date_user, ws.date_user(&id)) {
            ops.push(Op::SetDate {
                id: id.clone(),
                card: None,
                edtf: edtf.clone(),
                reason: stop.date_reason.clone().unwrap_or_default(),
            });
        }
        if let Some(v) = stop.view {
            ops.push(Op::SetEntryView {
                name: name.clone(),
                id,
                view: Some(StopView {
                    start: v.start,
                    end: v.end,
                }),
            });
        }
    }
    ops.push(Op::SetOrder {
        name: name.clone(),
        order: super::Order::Manual,
    });
    (name, ops)
}

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
    use super::*;
    use crate::ingest::load_seeds;

    /// A teacher's lesson, exported, then opened on a student's machine: the same stops in the
    /// same order, with the notes, dates and views, as a collection; opening it twice adds
    /// nothing.
    #[test]
    fn an_opened_lesson_becomes_the_same_collection() {
        let library = load_seeds().library;
        let mut teacher = Workspace::default();
        Op::CreateCollection {
            name: "Korea".into(),
            colour: None,
            description: "week 3".into(),
        }
        .apply(&mut teacher)
        .expect("creates");
        for (n, i) in [7usize, 2, 4].into_iter().enumerate() {
            let doc = &library.docs()[i];
            Op::AddToCollection {
                name: "Korea".into(),
                id: doc.id.clone(),
                card: Some(DocCard::of(doc)),
                note: Some(format!("stop {n}")),
            }
            .apply(&mut teacher)
            .expect("adds");
        }
        let moved = library.docs()[4].id.clone();
        Op::MoveEntry {
            name: "Korea".into(),
            id: moved.clone(),
            to: 0,
        }
        .apply(&mut teacher)
        .expect("moves");
        Op::SetDate {
            id: moved.clone(),
            card: None,
            edtf: "1951~".into(),
            reason: "the armistice talks".into(),
        }
        .apply(&mut teacher)
        .expect("dates");
        let text = export(&teacher, "Korea", &library).expect("exports");
        let loaded = crate::ingest::load_texts(&[("korea.json", text.as_str())]);
        let lesson = loaded.files[0].lesson.clone().expect("a lesson");

        let mut student = Workspace::default();
        let (name, ops) = lesson_ops(&student, &lesson, &loaded.library);
        assert_eq!(name, "Korea");
        for op in &ops {
            op.apply(&mut student).expect("applies");
        }
        let order = |ws: &Workspace, name: &str| -> Vec<(DocId, String)> {
            let c = ws.collection(name).expect("collection");
            ws.ordered(c)
                .into_iter()
                .map(|e| (e.id.clone(), e.note.clone()))
                .collect()
        };
        assert_eq!(order(&student, "Korea"), order(&teacher, "Korea"));
        assert_eq!(
            student.date_user(&moved).map(|d| d.edtf.as_str()),
            Some("1951~")
        );
        assert_eq!(
            student.collection("Korea").map(|c| c.description.as_str()),
            Some("week 3")
        );
        let (again, more) = lesson_ops(&student, &lesson, &loaded.library);
        assert_eq!(again, "Korea");
        assert!(more.is_empty(), "opening it again changes nothing");

        // A different collection already called "Korea": the lesson gets its own name.
        let mut other = Workspace::default();
        Op::CreateCollection {
            name: "Korea".into(),
            colour: None,
            description: String::new(),
        }
        .apply(&mut other)
        .expect("creates");
        let (name, _) = lesson_ops(&other, &lesson, &loaded.library);
        assert_eq!(name, "Korea (lesson 2)");
    }

    #[test]
    fn lesson_file_names_are_plain_and_end_in_lesson_json() {
        assert_eq!(
            super::file_name("Lesson 3: the Hungarian crisis"),
            "lesson-3-the-hungarian-crisis.lesson.json"
        );
        assert_eq!(super::file_name("Ünterricht"), "ünterricht.lesson.json");
        assert_eq!(super::file_name("???"), "untitled.lesson.json");
    }

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
