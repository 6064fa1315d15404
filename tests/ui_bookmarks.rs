//! Bookmarks in the app, driven headlessly: star, note, saved file, restart, undo, export, and
//! a bookmark that keeps its document when a document page gives the document a record id.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::ingest::SourceList;
use archive_timeline::timeline::TimeWindow;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use support::{bookmarks_app, day, harness, sync_bookmarks, wait_for_file, FakeDialogs};

fn app(dir: &Path) -> Harness<'static, TimelineApp> {
    let mut harness = harness(bookmarks_app(
        dir,
        FakeDialogs::saving_to(dir.join("export.ris")),
    ));
    sync_bookmarks(&mut harness);
    harness
        .state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    harness.run();
    harness
}

/// Lets the bookmarks worker catch up and the UI show it.
fn settle(harness: &mut Harness<'static, TimelineApp>) {
    sync_bookmarks(harness);
    harness.run();
}

/// Clicks the marker labelled `marker` and presses B.
fn select_and_press_b(harness: &mut Harness<'static, TimelineApp>, marker: &str) {
    harness.get_by_label(marker).click();
    harness.run();
    harness.key_press(egui::Key::B);
    harness.run();
}

const PONOMAREV: &str = "September 26, 1956: Telegram from Ponomarev to the CPSU Central Committee";
const PONOMAREV_TITLE: &str = "Telegram from Ponomarev to the CPSU Central Committee";

#[test]
fn star_note_and_find_it_in_the_saved_file_and_after_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    harness.get_by_label(PONOMAREV).click();
    harness.run();
    harness.get_by_label("☆ Bookmark").click();
    harness.run();
    settle(&mut harness);
    // The bookmark is in the panel, and the star now says so.
    harness.get_by_role_and_label(Role::Button, PONOMAREV_TITLE);
    harness.get_by_label("★ Bookmarked");
    assert_eq!(harness.state().bookmarks().len(), 1);

    // The collections panel's note field (the detail panel edits the same note).
    let label = format!("Note on “{PONOMAREV_TITLE}” (shown wherever it appears)");
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, &label);
    note.focus();
    note.type_text("Read after the Mikoyan telegrams");
    harness.run();
    settle(&mut harness);
    let file = dir.path().join("workspace.ron");
    let saved = wait_for_file(&mut harness, &file, "Read after the Mikoyan telegrams");
    assert!(saved.contains("Telegram from Ponomarev to the CPSU Central Committee"));
    drop(harness);

    // A new app on the same data dir finds the bookmark and its note.
    let mut again = app(dir.path());
    settle(&mut again);
    let bookmarks = again.state().bookmarks();
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0].title, PONOMAREV_TITLE);
    assert_eq!(bookmarks[0].note, "Read after the Mikoyan telegrams");
}

#[test]
fn b_toggles_and_removal_can_be_undone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    select_and_press_b(&mut harness, PONOMAREV);
    assert_eq!(harness.state().bookmarks().len(), 1);
    settle(&mut harness);
    harness.get_by_label("🗑 Remove").click();
    harness.run();
    assert!(harness.state().bookmarks().is_empty());
    settle(&mut harness);
    harness.get_by_label("↩ Undo remove").click();
    harness.run();
    settle(&mut harness);
    assert_eq!(harness.state().bookmarks().len(), 1);
    let file = dir.path().join("workspace.ron");
    let saved = wait_for_file(&mut harness, &file, PONOMAREV_TITLE);
    assert!(saved.contains(PONOMAREV_TITLE));
    harness.key_press(egui::Key::B);
    harness.run();
    settle(&mut harness);
    assert!(harness.state().bookmarks().is_empty());
}

#[test]
fn export_ris_through_the_save_dialog() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    select_and_press_b(&mut harness, PONOMAREV);
    settle(&mut harness);
    harness.get_by_label("Export…").click();
    harness.run();
    harness
        .get_by_label("RIS (Zotero, EndNote, Mendeley)")
        .click();
    harness.run();
    let ris = wait_for_file(&mut harness, &dir.path().join("export.ris"), "ER  - ");
    assert!(ris.contains("TY  - MANSCPT"), "{ris}");
    assert!(ris.contains(&format!("TI  - {PONOMAREV_TITLE}")), "{ris}");
    assert!(ris.contains("DA  - 1956/09/26/"), "{ris}");
}

const MEMO_TITLE: &str =
    "Memorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung";

/// A search-result page listing the record that seed 004's document page is of.
const LISTING: &str = "Skip to content\n\n1 - 1 of 1\n\nAugust 14, 1962\n\n\
Memorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung\n\n\
The Soviet Ambassador to Pyongyang reports on his recent meeting with Kim Il Sung.\n";

#[test]
fn a_bookmarked_listing_stays_bookmarked_when_its_document_page_arrives() {
    let data = tempfile::tempdir().expect("temp dir");
    let pages = tempfile::tempdir().expect("temp dir");
    std::fs::write(pages.path().join("listing.txt"), LISTING).expect("write the listing");
    let document_page = support::seeds_dir().join("004_c6cb0f957e2c67b3.txt");
    let dialogs = std::sync::Arc::new(FakeDialogs {
        open: vec![document_page],
        ..FakeDialogs::default()
    });
    let listing_only = SourceList {
        seeds: false,
        paths: vec![pages.path().to_path_buf()],
    };
    let deps = AppDeps::loading(listing_only)
        .with_data_dir(data.path().to_path_buf())
        .with_dialogs(dialogs);
    let mut h = harness(TimelineApp::new(deps));
    support::finish_loading(&mut h);
    sync_bookmarks(&mut h);
    let memo = format!("August 14, 1962: {MEMO_TITLE}");
    let august_1962 = TimeWindow::new(day(1962, 8, 1), day(1962, 9, 1));

    // Bookmark the listing: it has no record id yet, so its id is a `doc-` hash.
    h.state_mut().set_window(august_1962);
    h.run();
    select_and_press_b(&mut h, &memo);
    settle(&mut h);
    let listing_id = h.state().bookmarks()[0].id.clone();
    assert!(listing_id.as_str().starts_with("doc-"), "{listing_id}");

    // The document page for the same record joins the listing and gives it its record id.
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open files…").click();
    support::wait_until(&mut h, "the document page to load", |app| {
        app.corpus().library.len() == 1 && app.corpus().files.len() == 2 && !app.is_loading()
    });
    h.state_mut().set_window(august_1962);
    h.run();
    let doc = &h.state().corpus().library.docs()[0];
    assert_eq!(doc.id.as_str(), "wcda-110485");

    // The timeline and the detail panel agree: the document is bookmarked.
    h.get_by_label(&memo).click();
    h.run();
    h.get_by_label("★ Bookmarked");

    // B removes that bookmark instead of adding a second one.
    h.key_press(egui::Key::B);
    h.run();
    settle(&mut h);
    h.get_by_label("☆ Bookmark");
    assert!(
        h.state().bookmarks().is_empty(),
        "{:?}",
        h.state().bookmarks()
    );
    let saved = std::fs::read_to_string(data.path().join("workspace.ron")).expect("saved");
    assert!(
        !saved.contains(MEMO_TITLE),
        "no bookmark left, none added:\n{saved}"
    );
    assert!(!saved.contains("wcda-110485"), "{saved}");
}

/// A bookmarks file cut in half: the app starts on the backup's bookmarks, says so in the
/// diagnostics, and "Restore bookmarks from backup" writes a good file again; the damaged
/// file stays aside, byte for byte.
#[test]
fn a_damaged_bookmarks_file_is_reported_and_restored_from_the_backup() {
    use archive_timeline::bookmarks::Bookmark;
    use archive_timeline::workspace::BookmarkStore;
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = support::seeds();
    let mut store = BookmarkStore::open(tmp.path());
    for doc in corpus.library.docs().iter().take(3) {
        store.add(Bookmark::from_document(doc, "")).expect("adds");
    }
    let main = tmp.path().join("workspace.ron");
    let bytes = std::fs::read(&main).expect("main");
    std::fs::write(&main, &bytes[..bytes.len() / 2]).expect("cut in half");

    let mut harness = app(tmp.path());
    assert_eq!(harness.state().bookmarks().len(), 2, "the backup's two");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Diagnostics…").click();
    harness.run();
    // Said in the bookmarks panel and in the diagnostics.
    assert_eq!(
        harness
            .get_all_by_label_contains("2 workspace items were recovered from the backup")
            .count(),
        2
    );
    harness
        .get_by_label("Restore bookmarks from backup")
        .click();
    harness.run();
    let text = wait_for_file(&mut harness, &main, "version");
    let reopened = BookmarkStore::open(tmp.path());
    assert_eq!(reopened.len(), 2, "{text}");
    assert!(reopened.notices().is_empty(), "{:?}", reopened.notices());
    let damaged: Vec<Vec<u8>> = std::fs::read_dir(tmp.path())
        .expect("dir")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("workspace.ron.damaged-")
        })
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    assert_eq!(damaged, vec![bytes[..bytes.len() / 2].to_vec()]);
}
