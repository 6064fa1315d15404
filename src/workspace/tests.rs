//! The workspace's operations as pure functions of the value, the file format, and the
//! migration of a format-1 `bookmarks.ron`.

use super::format::{decode, encode, migrate_bookmarks};
use super::ops::Op;
use super::*;
use crate::bookmarks::now;
use crate::ingest::load_seeds;

fn card(title: &str, date: &str) -> DocCard {
    DocCard {
        date: Some(date.to_string()),
        title: title.to_string(),
        ..DocCard::default()
    }
}

fn id(s: &str) -> DocId {
    DocId(s.to_string())
}

fn add(ws: &mut Workspace, name: &str, doc: &str, date: &str) {
    Op::AddToCollection {
        name: name.into(),
        id: id(doc),
        card: Some(card(doc, date)),
        note: None,
    }
    .apply(ws)
    .expect("adds");
}

#[test]
fn a_new_workspace_has_starred_and_it_cannot_be_deleted_or_renamed() {
    let mut ws = Workspace::default();
    assert_eq!(ws.collections.len(), 1);
    assert_eq!(ws.collections[0].name, STARRED);
    let before = ws.clone();
    for op in [
        Op::DeleteCollection {
            name: STARRED.into(),
        },
        Op::RenameCollection {
            from: STARRED.into(),
            to: "Mine".into(),
        },
    ] {
        assert!(matches!(op.apply(&mut ws), Err(OpError::Invalid(_))));
    }
    assert_eq!(ws, before, "a refused change changes nothing");
}

#[test]
fn collections_are_created_named_cleanly_and_refuse_duplicates() {
    let mut ws = Workspace::default();
    let create = |name: &str| Op::CreateCollection {
        name: name.into(),
        colour: None,
        description: " evidence ".into(),
    };
    create("  chapter\t3 ").apply(&mut ws).expect("creates");
    let c = ws
        .collection("chapter 3")
        .expect("named without the extra spaces");
    assert_eq!(c.description, "evidence");
    assert_ne!(c.colour, STARRED_COLOUR);
    assert!(matches!(
        create("chapter 3").apply(&mut ws),
        Err(OpError::Invalid(m)) if m.contains("already exists")
    ));
    assert!(matches!(
        create(" \n ").apply(&mut ws),
        Err(OpError::Invalid(_))
    ));
    create("to translate").apply(&mut ws).expect("creates");
    let colours: Vec<[u8; 3]> = ws.collections.iter().map(|c| c.colour).collect();
    assert_eq!(colours.len(), 3);
    assert_ne!(
        colours[1], colours[2],
        "new collections take different colours"
    );
}

#[test]
fn a_document_is_in_many_collections_with_one_note_and_a_note_per_entry() {
    let mut ws = Workspace::default();
    for name in ["chapter 3", "to translate"] {
        Op::CreateCollection {
            name: name.into(),
            colour: None,
            description: String::new(),
        }
        .apply(&mut ws)
        .expect("creates");
        add(&mut ws, name, "wcda-1", "1957-10-04");
    }
    Op::SetNote {
        id: id("wcda-1"),
        card: None,
        note: "Sputnik reaction".into(),
    }
    .apply(&mut ws)
    .expect("notes");
    Op::SetEntryNote {
        name: "chapter 3".into(),
        id: id("wcda-1"),
        note: "open the lesson with this".into(),
    }
    .apply(&mut ws)
    .expect("entry note");
    let wcda_1 = id("wcda-1");
    let names: Vec<&str> = ws
        .collections_of(&wcda_1)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["chapter 3", "to translate"]);
    assert_eq!(ws.note(&id("wcda-1")), "Sputnik reaction");
    let entry = ws
        .collection("chapter 3")
        .and_then(|c| c.entry(&id("wcda-1")))
        .expect("entry");
    assert_eq!(entry.note, "open the lesson with this");
    // Removing it from both collections keeps the record while the note is there.
    for name in ["chapter 3", "to translate"] {
        Op::RemoveFromCollection {
            name: name.into(),
            id: id("wcda-1"),
        }
        .apply(&mut ws)
        .expect("removes");
    }
    assert_eq!(ws.note(&id("wcda-1")), "Sputnik reaction");
    Op::SetNote {
        id: id("wcda-1"),
        card: None,
        note: String::new(),
    }
    .apply(&mut ws)
    .expect("clears");
    assert!(
        ws.record(&id("wcda-1")).is_none(),
        "a record with nothing in it is dropped"
    );
}

#[test]
fn collections_show_by_date_until_reordered_by_hand() {
    let mut ws = Workspace::default();
    Op::CreateCollection {
        name: "lesson".into(),
        colour: None,
        description: String::new(),
    }
    .apply(&mut ws)
    .expect("creates");
    add(&mut ws, "lesson", "c", "1962-10-22");
    add(&mut ws, "lesson", "a", "1956-10-23");
    add(&mut ws, "lesson", "b", "1961-08-13");
    let order = |ws: &Workspace| -> Vec<String> {
        let c = ws.collection("lesson").expect("lesson");
        ws.ordered(c).iter().map(|e| e.id.0.clone()).collect()
    };
    assert_eq!(order(&ws), ["a", "b", "c"]);
    // A user date moves a document in date order.
    Op::SetDate {
        id: id("a"),
        card: None,
        edtf: "1963~".into(),
        reason: "mentions the test ban".into(),
    }
    .apply(&mut ws)
    .expect("dates");
    assert_eq!(order(&ws), ["b", "c", "a"]);
    Op::MoveEntry {
        name: "lesson".into(),
        id: id("a"),
        to: 0,
    }
    .apply(&mut ws)
    .expect("moves");
    assert_eq!(order(&ws), ["a", "b", "c"]);
    assert_eq!(
        ws.collection("lesson").map(|c| c.order),
        Some(Order::Manual)
    );
    Op::MoveEntry {
        name: "lesson".into(),
        id: id("a"),
        to: 99,
    }
    .apply(&mut ws)
    .expect("moves to the end");
    assert_eq!(order(&ws), ["b", "c", "a"]);
}

#[test]
fn user_dates_take_every_edtf_level_1_form_and_refuse_others() {
    let mut ws = Workspace::default();
    for (text, canonical) in [
        ("1957", "1957"),
        ("1957-09", "1957-09"),
        ("1957?", "1957?"),
        ("1957~", "1957~"),
        ("195X", "195X"),
        ("1956-08/1956-10", "1956-08/1956-10"),
        ("../1957-03", "../1957-03"),
        ("1957-03/..", "1957-03/.."),
        (" 1957-23 ", "1957-23"),
    ] {
        Op::SetDate {
            id: id("d"),
            card: Some(card("Telegram", "1957")),
            edtf: text.into(),
            reason: "from its content".into(),
        }
        .apply(&mut ws)
        .unwrap_or_else(|e| panic!("{text}: {e}"));
        let d = ws.date_user(&id("d")).expect("set");
        assert_eq!(d.edtf, canonical);
        assert_eq!(d.reason, "from its content");
        assert!(d.parsed().is_some());
    }
    let before = ws.clone();
    for bad in ["autumn 1957", "1957-13", "1958/1957", "", "1957-02-30"] {
        let err = Op::SetDate {
            id: id("d"),
            card: None,
            edtf: bad.into(),
            reason: String::new(),
        }
        .apply(&mut ws)
        .expect_err(bad);
        assert!(err.to_string().contains("EDTF"), "{bad}: {err}");
    }
    assert_eq!(ws, before);
    Op::ClearDate { id: id("d") }
        .apply(&mut ws)
        .expect("clears");
    assert!(ws.date_user(&id("d")).is_none());
    assert!(ws.record(&id("d")).is_none());
}

#[test]
fn links_show_from_both_ends_and_are_removed_by_label() {
    let mut ws = Workspace::default();
    let link = |label: &str| Op::Link {
        from: id("reply"),
        from_card: Some(card("Reply", "1956-11-02")),
        to: id("telegram"),
        to_card: Some(card("Telegram", "1956-10-30")),
        label: label.into(),
    };
    link("replies to").apply(&mut ws).expect("links");
    link("mentions").apply(&mut ws).expect("links");
    let done = link("replies to").apply(&mut ws).expect("again");
    assert!(!done.changed, "the same link twice is one link");
    let telegram = id("telegram");
    let seen: Vec<(String, &str, bool)> = ws
        .links_of(&telegram)
        .map(|l| (l.other.0.clone(), l.label, l.outgoing))
        .collect();
    assert_eq!(
        seen,
        [
            ("reply".to_string(), "replies to", false),
            ("reply".to_string(), "mentions", false)
        ]
    );
    assert!(Op::Link {
        from: id("a"),
        from_card: None,
        to: id("a"),
        to_card: None,
        label: "x".into()
    }
    .apply(&mut ws)
    .is_err());
    Op::Unlink {
        from: id("reply"),
        to: id("telegram"),
        label: Some("mentions".into()),
    }
    .apply(&mut ws)
    .expect("unlinks");
    let reply = id("reply");
    assert_eq!(ws.links_of(&reply).count(), 1);
    Op::Unlink {
        from: id("reply"),
        to: id("telegram"),
        label: None,
    }
    .apply(&mut ws)
    .expect("unlinks all");
    assert!(
        ws.documents.is_empty(),
        "documents only the links named are dropped"
    );
}

#[test]
fn lane_overrides_are_set_and_cleared() {
    let mut ws = Workspace::default();
    Op::SetLane {
        id: id("x"),
        card: Some(card("X", "1950")),
        lane: Some(" Korean War ".into()),
    }
    .apply(&mut ws)
    .expect("sets");
    assert_eq!(ws.lane(&id("x")), Some("Korean War"));
    Op::SetLane {
        id: id("x"),
        card: None,
        lane: None,
    }
    .apply(&mut ws)
    .expect("clears");
    assert_eq!(ws.lane(&id("x")), None);
    assert!(ws.documents.is_empty());
}

#[test]
fn the_file_round_trips_everything() {
    let library = load_seeds().library;
    let mut ws = Workspace::default();
    let doc = &library.docs()[0];
    Op::ToggleStar(Box::new(doc.clone()))
        .apply(&mut ws)
        .expect("stars");
    Op::CreateCollection {
        name: "Lesson: Hungary 1956".into(),
        colour: Some([1, 2, 3]),
        description: "for Tuesday".into(),
    }
    .apply(&mut ws)
    .expect("creates");
    add(
        &mut ws,
        "Lesson: Hungary 1956",
        "doc-0000000000000001",
        "1956-10-23",
    );
    Op::SetEntryView {
        name: "Lesson: Hungary 1956".into(),
        id: id("doc-0000000000000001"),
        view: Some(StopView {
            start: -4800.0,
            end: -4700.5,
        }),
    }
    .apply(&mut ws)
    .expect("view");
    Op::SetDate {
        id: doc.id.clone(),
        card: None,
        edtf: "1956-10/1956-11~".into(),
        reason: "\"quoted\", ünïcode, and\nnew lines".into(),
    }
    .apply(&mut ws)
    .expect("dates");
    Op::Link {
        from: doc.id.clone(),
        from_card: None,
        to: id("doc-0000000000000001"),
        to_card: None,
        label: "replies to".into(),
    }
    .apply(&mut ws)
    .expect("links");
    let text = encode(&ws).expect("encodes");
    assert!(text.starts_with("(\n    version: 1,"), "{text}");
    assert!(text.contains("colour: \"#010203\""), "{text}");
    assert_eq!(decode(text.as_bytes()).expect("decodes"), ws);
}

#[test]
fn a_format_1_bookmarks_file_migrates_into_starred_with_notes() {
    // The bookmarks.ron an earlier version wrote (format 1), as found on a user's disk.
    let text = r#"(
    version: 1,
    bookmarks: {
        "wcda-110485": (
            note: "Compare with the Yugoslav account",
            added: "2026-03-02T10:15:00Z",
            date: Some("1956-09-12"),
            date_text: "September 12, 1956",
            title: "Record of Conversation",
            summary: "Discussion of Tito",
            url: Some("https://digitalarchive.wilsoncenter.org/document/110485"),
            archive_ref: None,
            language: Some("Russian"),
            citation: None,
            credit: None,
        ),
        "doc-00000000000000aa": (
            note: "",
            added: "2026-03-01T09:00:00Z",
            date: None,
            date_text: "",
            title: "Undated memo",
            summary: "",
            url: None,
            archive_ref: None,
            language: None,
            citation: None,
            credit: None,
        ),
    },
)
"#;
    let marks = crate::bookmarks::format::decode(text.as_bytes()).expect("a v1 file");
    let mut ws = Workspace::default();
    assert!(migrate_bookmarks(&mut ws, &marks, "bookmarks.ron"));
    let back = ws.bookmarks();
    assert_eq!(
        back, marks,
        "every bookmark, note, date and snapshot comes through"
    );
    assert_eq!(
        ws.note(&id("wcda-110485")),
        "Compare with the Yugoslav account"
    );
    assert_eq!(ws.migrated_from.as_deref(), Some("bookmarks.ron"));
    assert!(
        !migrate_bookmarks(&mut ws, &marks, "bookmarks.ron"),
        "only once"
    );
    assert_eq!(ws.starred().len(), 2);
    let _ = now();
}

/// The first opening of a data folder with a format-1 `bookmarks.ron` (as the app of the
/// previous release left it) moves every bookmark into Starred; the old file stays, byte for
/// byte; later openings do not migrate again.
#[test]
fn the_store_migrates_a_real_v1_bookmarks_file_once_and_leaves_it_in_place() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let library = load_seeds().library;
    let marks: Vec<crate::bookmarks::Bookmark> = library
        .docs()
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, d)| crate::bookmarks::Bookmark::from_document(d, &format!("note {i}")))
        .collect();
    let old = crate::bookmarks::encode(&marks).expect("encodes");
    let old_path = tmp.path().join(crate::bookmarks::FILE_NAME);
    std::fs::write(&old_path, &old).expect("writes");

    let mut store = WorkspaceStore::open(tmp.path());
    assert!(store.notices().is_empty(), "{:?}", store.notices());
    assert_eq!(store.len(), 3);
    for b in &marks {
        assert_eq!(
            store.get(&b.id),
            Some(b),
            "bookmark, note and snapshot kept"
        );
    }
    assert!(store.path().is_file(), "workspace.ron written");
    assert_eq!(
        std::fs::read_to_string(&old_path).expect("old"),
        old,
        "left in place"
    );

    store.remove(&marks[0].id).expect("unstars");
    let again = WorkspaceStore::open(tmp.path());
    assert_eq!(again.len(), 2, "the old file is not migrated a second time");
    assert_eq!(
        again.workspace().migrated_from.as_deref(),
        Some(crate::bookmarks::FILE_NAME)
    );
}

/// The app's own EDTF model (which every reader shares) and the `edtf-core` crate that checks
/// user dates agree on the issue's forms and more: both accept, with the same first and last
/// day; and what one refuses, the other does.
#[test]
fn the_date_model_agrees_with_edtf_core_on_level_1() {
    use chrono::NaiveDate;
    let day = |b: &edtf_core::Bound| match b {
        edtf_core::Bound::Date(d) => NaiveDate::from_ymd_opt(
            i32::try_from(d.year).expect("year"),
            u32::from(d.month),
            u32::from(d.day),
        ),
        _ => None,
    };
    for text in [
        "1957",
        "1957-09",
        "1957-09-12",
        "1957?",
        "1957~",
        "1957-09%",
        "195X",
        "19XX",
        "1957-XX",
        "1957-09-XX",
        "1957-21",
        "1957-24",
        "1956-08/1956-10",
        "../1957-03",
        "1957-03/..",
        "1956~/1957?",
    ] {
        let theirs = edtf_core::Edtf::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(theirs.level() <= 1, "{text}");
        let ours = crate::model::Edtf::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let bounds = theirs.bounds();
        let (start, end) = ours.span();
        assert_eq!(start, day(&bounds.earliest), "{text}: first day");
        assert_eq!(end, day(&bounds.latest), "{text}: last day");
        assert_eq!(ours.is_approximate(), theirs.is_approximate(), "{text}");
        assert_eq!(ours.is_uncertain(), theirs.is_uncertain(), "{text}");
        assert!(super::ops::check_date(text).is_ok(), "{text}");
    }
    for text in [
        "1957-02-30",
        "1958/1957",
        "autumn 1957",
        "1957-13",
        "57",
        "",
        "1957-09-12T10:00",
    ] {
        assert!(super::ops::check_date(text).is_err(), "{text}");
    }
    let err = super::ops::check_date("1957-02-30").expect_err("no such day");
    assert!(err.to_string().contains("offset 8"), "{err}");
}

fn edtf_date() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let year = prop_oneof![
        (1900u32..2000).prop_map(|y| y.to_string()),
        (190u32..200).prop_map(|y| format!("{y}X")),
        (19u32..20).prop_map(|y| format!("{y}XX")),
    ];
    let month = prop_oneof![
        Just(String::new()),
        (1u32..=13).prop_map(|m| format!("-{m:02}")),
        (21u32..=24).prop_map(|m| format!("-{m}")),
        Just("-XX".to_string()),
    ];
    let day = prop_oneof![
        Just(String::new()),
        (1u32..=31).prop_map(|d| format!("-{d:02}")),
        Just("-XX".to_string()),
    ];
    let qualifier = prop_oneof![Just(""), Just("?"), Just("~"), Just("%")];
    (year, month, day, qualifier).prop_map(|(y, m, d, q)| {
        let d = if m.is_empty() { String::new() } else { d };
        format!("{y}{m}{d}{q}")
    })
}

fn edtf_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        3 => edtf_date(),
        2 => (edtf_date(), edtf_date()).prop_map(|(a, b)| format!("{a}/{b}")),
        1 => edtf_date().prop_map(|a| format!("../{a}")),
        1 => edtf_date().prop_map(|a| format!("{a}/..")),
    ]
}

proptest::proptest! {
    /// On any level-1-shaped text, the user-date check and `edtf-core` agree: both accept
    /// (and then the app's model has the crate's first and last day) or both refuse.
    #[test]
    fn user_date_check_agrees_with_edtf_core(text in edtf_text()) {
        let theirs = edtf_core::Edtf::parse(&text).ok().filter(|e| e.level() <= 1);
        let ours = super::ops::check_date(&text);
        proptest::prop_assert_eq!(theirs.is_some(), ours.is_ok(), "{}: {:?}", text, ours);
        if let (Some(theirs), Ok((_, ours))) = (theirs, ours) {
            let day = |b: &edtf_core::Bound| match b {
                edtf_core::Bound::Date(d) => chrono::NaiveDate::from_ymd_opt(
                    i32::try_from(d.year).unwrap_or(0),
                    u32::from(d.month),
                    u32::from(d.day),
                ),
                _ => None,
            };
            let bounds = theirs.bounds();
            proptest::prop_assert_eq!(ours.span(), (day(&bounds.earliest), day(&bounds.latest)), "{}", text);
        }
    }
}

/// The context events a user kept in `context_events.csv` (before the workspace held them)
/// are taken into the workspace once; the CSV is left in place; an event already there is
/// not doubled.
#[test]
fn legacy_context_events_move_into_the_workspace_once() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv = tmp.path().join(crate::context::USER_FILE);
    let text = "date,end,title,description\n1957-11,,Planetarium visit,\n1957-03-10,1957-03-24,School exchange,Leipzig\n";
    std::fs::write(&csv, text).expect("writes");
    let mut store = WorkspaceStore::open(tmp.path());
    let events = &store.workspace().events;
    assert_eq!(events.len(), 2);
    let exchange = events
        .iter()
        .find(|e| e.title == "School exchange")
        .expect("taken");
    assert_eq!(exchange.date, "1957-03-10");
    assert_eq!(exchange.end.as_deref(), Some("1957-03-24"));
    assert_eq!(exchange.description, "Leipzig");
    assert_eq!(std::fs::read_to_string(&csv).expect("kept"), text);
    store
        .apply(&Op::RemoveEvent(events[0].clone()))
        .expect("removes");
    let again = WorkspaceStore::open(tmp.path());
    assert_eq!(again.workspace().events.len(), 1, "taken once, not again");
    let mut ws = again.workspace().clone();
    let done = Op::AddEvents(ws.events.clone())
        .apply(&mut ws)
        .expect("adds");
    assert_eq!(done.added, 0, "the same event once");
}

/// The one answer to "which id does the workspace know this loaded document by": the id its
/// items are under when that is not the document's own (made before a page gave the record
/// id), else the document's own.
#[test]
fn the_overlay_names_each_loaded_document_by_its_workspace_id() {
    let library = load_seeds().library;
    let doc = &library.docs()[2];
    let mut card = DocCard::of(doc);
    card.url = None;
    let older = id("doc-00000000000000ab");
    let mut ws = Workspace::default();
    Op::SetNote {
        id: older.clone(),
        card: Some(card),
        note: "made under an older id".into(),
    }
    .apply(&mut ws)
    .expect("notes");
    let overlay = Overlay::build(&ws, &library);
    assert_eq!(overlay.id_of(2, &library), Some(&older));
    assert_eq!(overlay.id_of(3, &library), Some(&library.docs()[3].id));
    assert_eq!(overlay.id_of(9999, &library), None);
}

#[test]
fn a_document_has_research_once_it_has_a_note_a_date_a_collection_or_a_link() {
    let mut ws = Workspace::default();
    assert!(!ws.has_research(&id("a")));
    Op::SetNote {
        id: id("a"),
        card: Some(card("a", "1956-09-15")),
        note: "compare".into(),
    }
    .apply(&mut ws)
    .expect("notes");
    assert!(ws.has_research(&id("a")));
    Op::SetDate {
        id: id("b"),
        card: Some(card("b", "1956")),
        edtf: "1956-09~".into(),
        reason: String::new(),
    }
    .apply(&mut ws)
    .expect("dates");
    assert!(ws.has_research(&id("b")));
    Op::CreateCollection {
        name: "chapter 1".into(),
        colour: None,
        description: String::new(),
    }
    .apply(&mut ws)
    .expect("creates");
    add(&mut ws, "chapter 1", "c", "1957-01-01");
    assert!(ws.has_research(&id("c")));
    Op::Link {
        from: id("d"),
        from_card: Some(card("d", "1958")),
        to: id("c"),
        to_card: None,
        label: "replies to".into(),
    }
    .apply(&mut ws)
    .expect("links");
    assert!(ws.has_research(&id("d")));
    assert!(!ws.has_research(&id("e")));
}
