//! A lesson file opened in the app becomes a collection of the workspace, so the tour, the
//! collections panel and every export treat it like one the user made: its stops in order,
//! each with its stop note, the document's note (where the user has none yet), the teacher's
//! date (where the user has none) and the view of the stop.

use super::{DocCard, Op, StopView, Workspace};
use crate::ingest::lesson::Lesson;
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
        let text = crate::output::lesson::export(&teacher, "Korea", &library).expect("exports");
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
}
