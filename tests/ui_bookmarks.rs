//! Bookmarks in the app, driven headlessly: star, note, saved file, restart, undo, export.

use archive_timeline::app::dialogs::Dialogs;
use archive_timeline::app::TimelineApp;
use archive_timeline::corpus::Corpus;
use archive_timeline::ingest::load_seeds;
use archive_timeline::themes::ThemeSet;
use archive_timeline::timeline::scale::day_of;
use archive_timeline::timeline::TimeWindow;
use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Dialogs that answer at once with fixed paths: tests never open a real one.
struct FakeDialogs {
    save_to: PathBuf,
}

impl Dialogs for FakeDialogs {
    fn save_file(&self, _: &str, _: &str, _: (&str, &[&str])) -> Option<PathBuf> {
        Some(self.save_to.clone())
    }
    fn open_files(&self, _: &str, _: (&str, &[&str])) -> Vec<PathBuf> {
        Vec::new()
    }
    fn open_folder(&self, _: &str) -> Option<PathBuf> {
        None
    }
}

fn day(y: i32, m: u32, d: u32) -> f64 {
    day_of(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

fn app(dir: &Path) -> Harness<'static, TimelineApp> {
    let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
    let dialogs = Arc::new(FakeDialogs {
        save_to: dir.join("export.ris"),
    });
    let app = TimelineApp::with_bookmarks(corpus, dir.to_path_buf(), dialogs);
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app);
    settle(&mut harness);
    harness
        .state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    harness.run();
    harness
}

/// Lets the bookmarks worker catch up and the UI show it.
fn settle(harness: &mut Harness<'static, TimelineApp>) {
    assert!(harness.state_mut().sync_bookmarks(Duration::from_secs(10)));
    harness.run();
}

fn wait_for_file(path: &Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.contains(needle) || Instant::now() > deadline {
            return text;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
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

    let note = harness.get_by_role(Role::MultilineTextInput);
    note.focus();
    note.type_text("Read after the Mikoyan telegrams");
    harness.run();
    settle(&mut harness);
    let file = dir.path().join("bookmarks.ron");
    let saved = wait_for_file(&file, "Read after the Mikoyan telegrams");
    assert!(
        saved.contains("Read after the Mikoyan telegrams"),
        "{saved}"
    );
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
    harness.get_by_label(PONOMAREV).click();
    harness.run();
    harness.key_press(egui::Key::B);
    harness.run();
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
    let saved = wait_for_file(&dir.path().join("bookmarks.ron"), PONOMAREV_TITLE);
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
    harness.get_by_label(PONOMAREV).click();
    harness.run();
    harness.key_press(egui::Key::B);
    harness.run();
    settle(&mut harness);
    harness.get_by_label("Export…").click();
    harness.run();
    harness
        .get_by_label("RIS (Zotero, EndNote, Mendeley)")
        .click();
    harness.run();
    let ris = wait_for_file(&dir.path().join("export.ris"), "ER  - ");
    assert!(ris.contains("TY  - MANSCPT"), "{ris}");
    assert!(ris.contains(&format!("TI  - {PONOMAREV_TITLE}")), "{ris}");
    assert!(ris.contains("DA  - 1956/09/26/"), "{ris}");
}
