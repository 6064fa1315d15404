//! Collections in the app, driven headlessly: the collections panel (create, edit, delete,
//! notes, reorder by keys and by drag, date order), the detail panel's "Collections" menu, and
//! what reaches workspace.ron.

mod support;

use archive_timeline::app::{Command, TimelineApp};
use archive_timeline::model::DocId;
use archive_timeline::timeline::TimeWindow;
use archive_timeline::workspace::{DocCard, Op, Order};
use egui::accesskit::Role;
use egui_kittest::kittest::{By, Queryable};
use egui_kittest::Harness;
use std::path::Path;
use support::{bookmarks_app, day, harness, sync_bookmarks, wait_for_file, FakeDialogs};

const PONOMAREV: &str = "September 26, 1956: Telegram from Ponomarev to the CPSU Central Committee";
const PONOMAREV_TITLE: &str = "Telegram from Ponomarev to the CPSU Central Committee";

fn app(dir: &Path) -> Harness<'static, TimelineApp> {
    let mut h = harness(bookmarks_app(dir, FakeDialogs::none()));
    sync_bookmarks(&mut h);
    h.state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    h.run();
    h
}

/// The app over the workspace in `dir`, whose save dialog answers `out`.
fn saving_to(dir: &Path, out: &Path) -> Harness<'static, TimelineApp> {
    let mut h = harness(bookmarks_app(
        dir,
        FakeDialogs::saving_to(out.to_path_buf()),
    ));
    sync_bookmarks(&mut h);
    h
}

fn settle(h: &mut Harness<'static, TimelineApp>) {
    sync_bookmarks(h);
    h.run();
}

/// Types `text` into the text field labelled `label`.
fn type_into(h: &mut Harness<'static, TimelineApp>, label: &str, text: &str) {
    let field = h.get_by_label(label);
    field.focus();
    field.type_text(text);
    h.run();
}

/// Pushes a workspace change as a panel would, and lets it apply.
fn change(h: &mut Harness<'static, TimelineApp>, op: Op) {
    h.state_mut().push_command(Command::Workspace(Box::new(op)));
    h.run();
}

/// A collection "Lesson" holding the first three documents of September 1956, in date
/// order; returns their titles in that order.
fn lesson(h: &mut Harness<'static, TimelineApp>) -> Vec<String> {
    change(
        h,
        Op::CreateCollection {
            name: "Lesson".into(),
            colour: None,
            description: String::new(),
        },
    );
    let docs: Vec<_> = h
        .state()
        .corpus()
        .library
        .docs()
        .iter()
        .filter(|d| d.date.iso().is_some_and(|iso| iso.starts_with("1956-09")))
        .take(3)
        .cloned()
        .collect();
    assert_eq!(docs.len(), 3);
    for doc in docs.iter().rev() {
        change(
            h,
            Op::AddToCollection {
                name: "Lesson".into(),
                id: doc.id.clone(),
                card: Some(DocCard::of(doc)),
                note: None,
            },
        );
    }
    choose(h, "■ Lesson (3)");
    docs.iter().map(|d| d.title.clone()).collect()
}

/// Chooses a collection in the panel's picker.
fn choose(h: &mut Harness<'static, TimelineApp>, label: &str) {
    h.get_by_role_and_label(Role::ComboBox, "Collection")
        .click();
    h.run();
    h.get_by_label(label).click();
    h.run();
}

/// The titles of collection `name`, in its order.
fn titles(h: &Harness<'static, TimelineApp>, name: &str) -> Vec<String> {
    let ws = h.state().workspace();
    let c = ws.collection(name).expect("the collection");
    ws.ordered(c)
        .iter()
        .map(|e| ws.record(&e.id).expect("record").card.title.clone())
        .collect()
}

fn id_of(h: &Harness<'static, TimelineApp>, title: &str) -> DocId {
    h.state()
        .workspace()
        .documents
        .iter()
        .find(|(_, r)| r.card.title == title)
        .map(|(id, _)| id.clone())
        .expect("a record with that title")
}

#[test]
fn create_a_collection_in_the_panel_and_add_a_document_from_its_details() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    assert_eq!(h.state().chosen_collection(), "Starred");
    h.get_by_label("➕ New").click();
    h.run();
    // An empty name is refused at the field.
    h.get_by_label("Create collection").click();
    h.run();
    h.get_by_label("a collection needs a name");
    type_into(&mut h, "The collection's name", "Hungary 1956");
    type_into(&mut h, "The collection's description", "For the seminar");
    h.get_by_label("Create collection").click();
    h.run();
    assert_eq!(h.state().chosen_collection(), "Hungary 1956");
    let ws = h.state().workspace().clone();
    let made = ws.collection("Hungary 1956").expect("made");
    assert_eq!(made.description, "For the seminar");
    assert_eq!(made.colour, archive_timeline::workspace::PALETTE[0]);
    h.get_by_label("For the seminar");

    // Select a document, tick the collection in its details.
    h.get_by_label(PONOMAREV).click();
    h.run();
    h.get_by_label("Collections ⏷").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "■ Hungary 1956 (0)")
        .click();
    h.run();
    settle(&mut h);
    assert_eq!(
        titles(&h, "Hungary 1956"),
        vec![PONOMAREV_TITLE.to_string()]
    );
    let saved = wait_for_file(&mut h, &dir.path().join("workspace.ron"), "Hungary 1956");
    assert!(saved.contains(PONOMAREV_TITLE), "{saved}");
    // The panel lists it.
    h.get_by_role_and_label(Role::Button, PONOMAREV_TITLE);
    // Starred in the same menu is the bookmark.
    if h.query_by_role_and_label(Role::CheckBox, "■ Starred (0)")
        .is_none()
    {
        h.get_by_label("Collections ⏷").click();
        h.run();
    }
    h.get_by_role_and_label(Role::CheckBox, "■ Starred (0)")
        .click();
    h.run();
    assert_eq!(h.state().bookmarks().len(), 1);
}

#[test]
fn new_collection_from_the_details_menu_makes_it_and_adds_the_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    h.get_by_label(PONOMAREV).click();
    h.run();
    h.get_by_label("Collections ⏷").click();
    h.run();
    type_into(&mut h, "Name of the new collection", "Telegrams");
    h.get_by_label("Create and add").click();
    h.run();
    settle(&mut h);
    assert_eq!(titles(&h, "Telegrams"), vec![PONOMAREV_TITLE.to_string()]);
    wait_for_file(&mut h, &dir.path().join("workspace.ron"), "Telegrams");
    // A second one with the same name is refused in the menu.
    h.get_by_label("Collections ⏷").click();
    h.run();
    type_into(&mut h, "Name of the new collection", "Telegrams");
    h.get_by_label("a collection named \"Telegrams\" already exists");
}

#[test]
fn notes_in_the_panel_reach_the_workspace_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    let titles_before = lesson(&mut h);
    let first = id_of(&h, &titles_before[0]);
    let label = format!(
        "Note on “{}” in “Lesson” (a lesson's talking point)",
        titles_before[0]
    );
    type_into(&mut h, &label, "Start here: the plenum");
    settle(&mut h);
    let ws = h.state().workspace().clone();
    let entry = ws
        .collection("Lesson")
        .and_then(|c| c.entry(&first))
        .expect("entry");
    assert_eq!(entry.note, "Start here: the plenum");
    // The document's one note, in the same row.
    let label = format!("Note on “{}” (shown wherever it appears)", titles_before[0]);
    type_into(&mut h, &label, "Minutes, not a resolution");
    settle(&mut h);
    assert_eq!(
        h.state().workspace().note(&first),
        "Minutes, not a resolution"
    );
    let saved = wait_for_file(
        &mut h,
        &dir.path().join("workspace.ron"),
        "Minutes, not a resolution",
    );
    assert!(saved.contains("Start here: the plenum"), "{saved}");
}

#[test]
fn alt_arrows_move_the_selected_entry_and_date_order_puts_it_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    let by_date = lesson(&mut h);
    // Select the first entry from the panel, move it down twice.
    h.get_by_role_and_label(Role::Button, &by_date[0]).click();
    h.run();
    assert_eq!(
        h.state().selected_document().map(|d| d.title.clone()),
        Some(by_date[0].clone())
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    assert_eq!(
        titles(&h, "Lesson"),
        vec![by_date[1].clone(), by_date[0].clone(), by_date[2].clone()]
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowDown);
    h.run();
    assert_eq!(
        titles(&h, "Lesson"),
        vec![by_date[1].clone(), by_date[2].clone(), by_date[0].clone()],
        "stays last"
    );
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowUp);
    h.run();
    assert_eq!(
        titles(&h, "Lesson"),
        vec![by_date[1].clone(), by_date[0].clone(), by_date[2].clone()]
    );
    assert_eq!(
        h.state().workspace().collection("Lesson").map(|c| c.order),
        Some(Order::Manual)
    );
    settle(&mut h);
    let saved = std::fs::read_to_string(dir.path().join("workspace.ron")).expect("saved");
    assert!(saved.contains("Manual"), "{saved}");
    h.get_by_label("Date order").click();
    h.run();
    assert_eq!(titles(&h, "Lesson"), by_date);
    settle(&mut h);
    wait_for_file(&mut h, &dir.path().join("workspace.ron"), "order: Date");
}

#[test]
fn dragging_an_entry_below_another_moves_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    let by_date = lesson(&mut h);
    // The details closed, the collections have the whole column (stacked above the details
    // they would share it, the last row at its foot).
    h.get_by_label("Details").click();
    h.run();
    let handles: Vec<egui::Rect> = h
        .get_all_by_label("☰")
        .map(|n| n.rect())
        .collect::<Vec<_>>();
    // The collections panel's three handles (the toolbar's "☰ Table" has a longer label).
    assert_eq!(handles.len(), 3, "{handles:?}");
    let last_title = h.get_by_role_and_label(Role::Button, &by_date[2]).rect();
    let from = handles[0].center();
    // Onto the lower half of the last row: after it.
    let to = egui::pos2(from.x + 40.0, last_title.bottom() + 12.0);
    h.drag_at(from);
    h.run();
    for step in 1..=6 {
        let t = step as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.run();
    }
    h.drop_at(to);
    h.run();
    assert_eq!(
        titles(&h, "Lesson"),
        vec![by_date[1].clone(), by_date[2].clone(), by_date[0].clone()]
    );
}

#[test]
fn edit_rename_and_delete_a_collection_with_confirmation() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    lesson(&mut h);
    h.get_by_label("✏ Edit").click();
    h.run();
    h.get_by_label("The collection's name").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    type_into(&mut h, "The collection's name", "Lesson 1: Korea");
    h.get_by_label(&format!(
        "Colour {}",
        archive_timeline::workspace::hex_colour::to_string(archive_timeline::workspace::PALETTE[3])
    ))
    .click();
    h.run();
    h.get_by_label("Save collection").click();
    h.run();
    let ws = h.state().workspace().clone();
    assert!(ws.collection("Lesson").is_none());
    let renamed = ws.collection("Lesson 1: Korea").expect("renamed");
    assert_eq!(renamed.colour, archive_timeline::workspace::PALETTE[3]);
    assert_eq!(renamed.entries.len(), 3, "entries kept");
    assert_eq!(h.state().chosen_collection(), "Lesson 1: Korea");

    // Delete asks first; Cancel keeps it.
    h.get_by_label("🗑 Delete").click();
    h.run();
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h
        .state()
        .workspace()
        .collection("Lesson 1: Korea")
        .is_some());
    h.get_by_label("🗑 Delete").click();
    h.run();
    h.get_by_label("Delete collection").click();
    h.run();
    assert!(h
        .state()
        .workspace()
        .collection("Lesson 1: Korea")
        .is_none());
    assert_eq!(h.state().chosen_collection(), "Starred");
    settle(&mut h);
    let saved = std::fs::read_to_string(dir.path().join("workspace.ron")).expect("saved");
    assert!(!saved.contains("Korea"), "{saved}");
    // Starred cannot be deleted: no Delete button while it is chosen.
    assert!(h.query_by_label("🗑 Delete").is_none());
}

/// Frames until the view is (about) `w`: the tour animates to it, a frame at a time.
fn wait_for_window(h: &mut Harness<'static, TimelineApp>, w: TimeWindow) -> TimeWindow {
    for _ in 0..300 {
        let now = h.state().window();
        if (now.start - w.start).abs() < 0.01 && (now.end - w.end).abs() < 0.01 {
            return now;
        }
        h.run_steps(1);
    }
    h.state().window()
}

/// Frames until the view stops moving (the tour's animation is over).
fn still_view(h: &mut Harness<'static, TimelineApp>) -> TimeWindow {
    let mut last = h.state().window();
    for _ in 0..300 {
        h.run_steps(1);
        let now = h.state().window();
        if now == last {
            return now;
        }
        last = now;
    }
    last
}

#[test]
fn a_lesson_walks_the_collection_in_its_order_with_notes_and_kept_views() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    let by_date = lesson(&mut h);
    let (a, b, c) = (
        id_of(&h, &by_date[0]),
        id_of(&h, &by_date[1]),
        id_of(&h, &by_date[2]),
    );
    // The lesson's own order: the last document first.
    change(
        &mut h,
        Op::MoveEntry {
            name: "Lesson".into(),
            id: c.clone(),
            to: 0,
        },
    );
    change(
        &mut h,
        Op::SetEntryNote {
            name: "Lesson".into(),
            id: c.clone(),
            note: "Ask: who wrote this, and to whom?".into(),
        },
    );
    change(
        &mut h,
        Op::SetNote {
            id: c.clone(),
            card: None,
            note: "Compare with the plenum minutes".into(),
        },
    );
    h.get_by_label("Tour").click();
    h.run();
    h.get_by_label("🎓 Lesson (3)").click();
    h.run();
    h.get_by_label_contains("Lesson · 1 / 3");
    let title = |h: &Harness<'static, TimelineApp>| {
        h.state()
            .selected_document()
            .map(|d| d.title.clone())
            .unwrap_or_default()
    };
    assert_eq!(title(&h), by_date[2]);
    h.get_by_label("💬 Ask: who wrote this, and to whom?");
    h.get_by_label("✏ Compare with the plenum minutes");

    // Page Down: the second stop, the first by date.
    h.key_press(egui::Key::PageDown);
    h.run();
    h.get_by_label_contains("Lesson · 2 / 3");
    assert_eq!(title(&h), by_date[0]);

    // Keep a wide view for this stop.
    let wide = TimeWindow::new(day(1956, 6, 1), day(1957, 1, 1));
    h.state_mut().set_window(wide);
    h.run();
    let kept = h.state().window();
    h.get_by_label("📌 Keep this view for this stop").click();
    h.run();
    let view = h
        .state()
        .workspace()
        .collection("Lesson")
        .and_then(|l| l.entry(&a))
        .and_then(|e| e.view)
        .expect("a kept view");
    assert!((view.start - kept.start).abs() < 1e-9 && (view.end - kept.end).abs() < 1e-9);
    settle(&mut h);
    wait_for_file(&mut h, &dir.path().join("workspace.ron"), "view: Some(");

    // Space on, then back: the stop opens its kept view, not the document's own window.
    h.key_press(egui::Key::Space);
    h.run();
    assert_eq!(title(&h), by_date[1]);
    assert!(h
        .state()
        .workspace()
        .collection("Lesson")
        .and_then(|l| l.entry(&b))
        .is_some());
    let own = still_view(&mut h);
    assert!(
        own.end - own.start < 200.0,
        "a document's own window: {own:?}"
    );
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(title(&h), by_date[0]);
    let shown = wait_for_window(&mut h, kept);
    assert!(
        (shown.start - kept.start).abs() < 0.01 && (shown.end - kept.end).abs() < 0.01,
        "{shown:?} is not the kept {kept:?}"
    );
}

#[test]
fn the_tour_menu_lists_every_collection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app(dir.path());
    lesson(&mut h);
    change(
        &mut h,
        Op::CreateCollection {
            name: "Empty one".into(),
            colour: None,
            description: String::new(),
        },
    );
    h.get_by_label("Tour").click();
    h.run();
    // Starred once, as the starred documents' tour, not again among the collections.
    h.get(
        By::new()
            .label("★ Starred (0)")
            .predicate(|n| n.is_disabled()),
    );
    assert!(h.query_by_label("🎓 Starred (0)").is_none());
    h.get_by_label("🎓 Lesson (3)");
    h.get(
        By::new()
            .label("🎓 Empty one (0)")
            .predicate(|n| n.is_disabled()),
    );
}

#[test]
fn export_a_lesson_from_the_file_menu_through_the_save_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("lesson-out.json");
    let mut h = saving_to(dir.path(), &out);
    h.state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    h.run();
    let by_date = lesson(&mut h);
    let first = id_of(&h, &by_date[0]);
    change(
        &mut h,
        Op::SetEntryNote {
            name: "Lesson".into(),
            id: first,
            note: "Read this one aloud".into(),
        },
    );
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export lesson…").click();
    h.run();
    h.get_by_label("Lesson (3 documents)").click();
    h.run();
    let text = wait_for_file(&mut h, &out, "Read this one aloud");
    for title in &by_date {
        assert!(text.contains(title.as_str()), "{title} missing from {text}");
    }
    support::wait_until(&mut h, "the status message", |app| {
        app.status().is_some_and(|s| s.contains("Saved the lesson"))
    });
}

/// A student opens the teacher's lesson file on a machine without the pages: the Tour menu
/// offers it; choosing it makes it one of the student's collections (order, notes, views)
/// and walks it from its first stop.
#[test]
fn an_opened_lesson_file_is_presented_from_the_tour_menu() {
    use archive_timeline::corpus::Corpus;
    use archive_timeline::themes::ThemeSet;
    use archive_timeline::workspace::Workspace;
    let seeds = support::seeds();
    let mut teacher = Workspace::default();
    Op::CreateCollection {
        name: "Korea 1956".into(),
        colour: None,
        description: "week 3".into(),
    }
    .apply(&mut teacher)
    .expect("creates");
    let picks = [8usize, 3, 5];
    for (n, &i) in picks.iter().enumerate() {
        let doc = &seeds.library.docs()[i];
        Op::AddToCollection {
            name: "Korea 1956".into(),
            id: doc.id.clone(),
            card: Some(DocCard::of(doc)),
            note: Some(format!("stop {n}")),
        }
        .apply(&mut teacher)
        .expect("adds");
    }
    let last = seeds.library.docs()[picks[2]].id.clone();
    Op::MoveEntry {
        name: "Korea 1956".into(),
        id: last.clone(),
        to: 0,
    }
    .apply(&mut teacher)
    .expect("moves");
    Op::SetDate {
        id: last.clone(),
        card: None,
        edtf: "1956-09~".into(),
        reason: "the plenum's echo".into(),
    }
    .apply(&mut teacher)
    .expect("dates");
    let order: Vec<DocId> = teacher
        .ordered(teacher.collection("Korea 1956").expect("c"))
        .iter()
        .map(|e| e.id.clone())
        .collect();
    let text = archive_timeline::workspace::lesson::export(&teacher, "Korea 1956", &seeds.library)
        .expect("exports");

    // The student's machine: the lesson file is all there is.
    let dir = tempfile::tempdir().expect("temp dir");
    let loaded = archive_timeline::ingest::load_texts(&[("korea.lesson.json", text.as_str())]);
    let corpus = Corpus::build(loaded, ThemeSet::builtin());
    assert_eq!(corpus.library.len(), 3);
    let app = TimelineApp::new(
        archive_timeline::app::AppDeps::corpus(corpus)
            .with_data_dir(dir.path().to_path_buf())
            .with_dialogs(FakeDialogs::none()),
    );
    let mut h = harness(app);
    sync_bookmarks(&mut h);
    h.get_by_label("Tour").click();
    h.run();
    h.get_by_label("🎓 Korea 1956 (lesson file, 3 stops)")
        .click();
    h.run();
    settle(&mut h);
    let first = h
        .state()
        .tour()
        .and_then(|t| t.current())
        .expect("the lesson's tour runs");
    assert_eq!(h.state().corpus().library.docs()[first].id, order[0]);
    // The first stop is the one the teacher dated: the card says so (as the detail panel
    // does), and the view holds the teacher's days.
    assert_eq!(
        h.get_all_by_label_contains("Your date: 1956-09~ — the plenum's echo")
            .count(),
        2
    );
    let days = h.state().corpus().days_of(first).expect("placed");
    let window = h.state().window();
    assert!(
        window.start <= days.start && window.end >= days.end,
        "{window:?} {days:?}"
    );
    let ws = h.state().workspace();
    let c = ws
        .collection("Korea 1956")
        .expect("now one of the student's collections");
    let ids: Vec<DocId> = ws.ordered(c).iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids, order);
    assert_eq!(c.description, "week 3");
    assert_eq!(c.entry(&order[0]).map(|e| e.note.as_str()), Some("stop 2"));
    wait_for_file(&mut h, &dir.path().join("workspace.ron"), "Korea 1956");
}

/// Every collection, not only Starred, exports from the Collections panel (in its order), and
/// File → Export handout… hands out the collection the panel shows.
#[test]
fn any_collection_exports_and_hands_out_from_the_panel_and_the_file_menu() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("lesson.ris");
    let mut h = saving_to(dir.path(), &out);
    let by_date = lesson(&mut h);
    choose(&mut h, "■ Lesson (3)");
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("RIS (Zotero, EndNote, Mendeley)").click();
    h.run();
    let ris = wait_for_file(&mut h, &out, "ER  - ");
    assert_eq!(ris.matches("TY  - ").count(), 3, "{ris}");
    let mut last = 0;
    for title in &by_date {
        let at = ris[last..]
            .find(&format!("TI  - {title}"))
            .unwrap_or_else(|| panic!("{title} in order in {ris}"));
        last += at;
    }
    // Import… is offered for it too.
    h.get_by_label("Import…");

    let html = dir.path().join("handout.html");
    let mut h = saving_to(dir.path(), &html);
    choose(&mut h, "■ Lesson (3)");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export handout…").click();
    h.run();
    h.get_by_label("“Lesson” (3 documents), as the Collections panel shows it");
    h.get_by_label("Handout (HTML page)").click();
    h.run();
    let page = wait_for_file(&mut h, &html, "</html>");
    assert!(
        page.contains("<title>Lesson</title>"),
        "the collection's handout"
    );
    assert!(page.contains("3 documents"));
    for title in &by_date {
        // As the HTML escapes it.
        let escaped = title.replace('\'', "&#39;");
        assert!(page.contains(&escaped), "{title}");
    }
}

/// What the desktop does on a double-click: `archive-timeline FILE.lesson.json`. The app opens
/// on the lesson file and offers its tour at once; Enter starts it at the first stop.
#[test]
fn opening_the_app_on_a_lesson_file_offers_its_tour_and_enter_starts_it() {
    use archive_timeline::ingest::SourceList;
    let seeds = support::seeds();
    let mut teacher = archive_timeline::workspace::Workspace::default();
    Op::CreateCollection {
        name: "Korea 1956".into(),
        colour: None,
        description: "week 3".into(),
    }
    .apply(&mut teacher)
    .expect("creates");
    for &i in &[8usize, 3] {
        let doc = &seeds.library.docs()[i];
        Op::AddToCollection {
            name: "Korea 1956".into(),
            id: doc.id.clone(),
            card: Some(DocCard::of(doc)),
            note: None,
        }
        .apply(&mut teacher)
        .expect("adds");
    }
    let first_id = teacher.ordered(teacher.collection("Korea 1956").expect("c"))[0]
        .id
        .clone();
    let text = archive_timeline::workspace::lesson::export(&teacher, "Korea 1956", &seeds.library)
        .expect("exports");
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("korea-1956.lesson.json");
    std::fs::write(&file, text).expect("write the lesson");
    let data = tempfile::tempdir().expect("temp dir");
    let sources = SourceList {
        seeds: false,
        paths: vec![file],
    };
    let deps = archive_timeline::app::AppDeps::loading(sources)
        .with_data_dir(data.path().to_path_buf())
        .with_dialogs(FakeDialogs::none());
    let mut h = harness(TimelineApp::new(deps));
    support::finish_loading(&mut h);
    sync_bookmarks(&mut h);
    assert!(h.state().tour().is_none(), "offered, not started unasked");
    h.get_by_label("🎓 Korea 1956");
    h.get_by_label("A lesson of 2 stops, in the teacher's order, with a note at each stop.");
    h.get_by_label("▶ Start the lesson");
    h.key_press(egui::Key::Enter);
    h.run();
    settle(&mut h);
    let stop = h
        .state()
        .tour()
        .and_then(|t| t.current())
        .expect("Enter started the lesson's tour");
    assert_eq!(h.state().corpus().library.docs()[stop].id, first_id);
    assert!(
        h.query_by_label("▶ Start the lesson").is_none(),
        "the offer has closed"
    );
    assert!(h.state().workspace().collection("Korea 1956").is_some());
}

/// "Not now" closes the offer; the lesson stays in the Tour menu.
#[test]
fn the_lesson_offer_can_wait() {
    use archive_timeline::ingest::SourceList;
    let seeds = support::seeds();
    let mut teacher = archive_timeline::workspace::Workspace::default();
    Op::CreateCollection {
        name: "Later".into(),
        colour: None,
        description: String::new(),
    }
    .apply(&mut teacher)
    .expect("creates");
    let doc = &seeds.library.docs()[3];
    Op::AddToCollection {
        name: "Later".into(),
        id: doc.id.clone(),
        card: Some(DocCard::of(doc)),
        note: None,
    }
    .apply(&mut teacher)
    .expect("adds");
    let text = archive_timeline::workspace::lesson::export(&teacher, "Later", &seeds.library)
        .expect("exports");
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("later.lesson.json");
    std::fs::write(&file, text).expect("write the lesson");
    let deps = archive_timeline::app::AppDeps::loading(SourceList {
        seeds: false,
        paths: vec![file],
    })
    .with_dialogs(FakeDialogs::none());
    let mut h = harness(TimelineApp::new(deps));
    support::finish_loading(&mut h);
    // The offer comes with the lesson's load; under a loaded machine a frame or two later.
    for _ in 0..200 {
        if h.query_by_label("Not now").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
    h.get_by_label("Not now").click();
    h.run();
    assert!(h.query_by_label("▶ Start the lesson").is_none());
    assert!(h.state().tour().is_none());
    h.get_by_label("Tour").click();
    h.run();
    h.get_by_label("🎓 Later (lesson file, 1 stop)");
}
