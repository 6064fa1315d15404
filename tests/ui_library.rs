//! Bringing pages in, driven headlessly: progress while loading, the diagnostics view, opening
//! a folder through the (fake) dialog, and the remembered library at the next start.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::ingest::SourceList;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use support::{finish_loading, harness, seeds_dir, FakeDialogs};

fn loading(sources: SourceList, data: Option<PathBuf>, dialogs: Arc<FakeDialogs>) -> TimelineApp {
    let mut deps = AppDeps::loading(sources).with_dialogs(dialogs);
    deps.data_dir = data;
    TimelineApp::new(deps)
}

fn copy_seed(name: &str, to: &Path) {
    std::fs::copy(seeds_dir().join(name), to).expect("copy a seed");
}

#[test]
fn progress_shows_while_loading_and_the_timeline_follows() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seed("000_1f3e6050ed5d0420.txt", &dir.path().join("a.txt"));
    copy_seed("002_41149a0c6c93da7d.txt", &dir.path().join("z_slow.txt"));
    let sources = SourceList {
        seeds: false,
        paths: vec![dir.path().to_path_buf()],
    };
    // The load is held before its first file until the test lets it go: visibly in
    // progress, whatever the machine's speed.
    let mut deps = AppDeps::loading(sources).with_dialogs(FakeDialogs::none());
    deps.hold_loading = true;
    let mut h = harness(TimelineApp::new(deps));
    h.run_steps(3);
    assert!(h.state().is_loading());
    let (done, total, _) = h.state().load_progress().expect("progress");
    assert_eq!(total, 2);
    assert_eq!(done, 0);
    h.get_by_label("Cancel");
    h.get_by_label_contains("Loading 1 path(s)");

    h.state_mut().release_loading();
    finish_loading(&mut h);
    h.run();
    assert_eq!(
        h.state().corpus().library.len(),
        19,
        "10 + 10 listings, one shared"
    );
    assert!(h.query_by_label("Cancel").is_none());
}

#[test]
fn the_diagnostics_view_lists_problems_with_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seed("003_21b55c225223fe86.txt", &dir.path().join("good.txt"));
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    std::fs::write(
        dir.path().join("dates.txt"),
        "September 31, 1956\n\nA telegram\n",
    )
    .expect("write");
    let sources = SourceList {
        seeds: false,
        paths: vec![dir.path().to_path_buf()],
    };
    let mut h = harness(loading(sources, None, FakeDialogs::none()));
    finish_loading(&mut h);
    h.run();
    h.get_by_label("⚠ 1 error, 1 warning").click();
    h.run();
    let dates = format!("{}:1", dir.path().join("dates.txt").display());
    let shows = |text: &str| h.get_all_by_value(text).next().is_some();
    assert!(shows(&dates), "{dates}");
    assert!(shows(&dir.path().join("empty.txt").display().to_string()));
    assert!(shows("empty file: no entries"));
    assert!(shows("September 31, 1956 is not a date: September 1956 has 30 days; the record is kept, as undated"));
}

#[test]
fn an_opened_folder_is_remembered_at_the_next_start() {
    let data = tempfile::tempdir().expect("temp dir");
    let pages = tempfile::tempdir().expect("temp dir");
    copy_seed("002_41149a0c6c93da7d.txt", &pages.path().join("p.txt"));
    let dialogs = FakeDialogs::opening_folder(pages.path().to_path_buf());
    let seeds_only = SourceList {
        seeds: true,
        paths: Vec::new(),
    };
    let mut h = harness(loading(
        seeds_only.clone(),
        Some(data.path().to_path_buf()),
        dialogs.clone(),
    ));
    finish_loading(&mut h);
    h.run();
    assert_eq!(h.state().corpus().library.len(), 39);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open folder…").click();
    // The dialog answers on its own thread; then the load runs on the loader thread.
    support::wait_until(&mut h, "the opened folder to load", |app| {
        app.corpus().files.len() == 6 && !app.is_loading()
    });
    h.run();
    // The seeds already hold seed 002, so the folder adds listings but no documents.
    assert_eq!(h.state().corpus().library.len(), 39);
    assert_eq!(h.state().corpus().files.len(), 6);
    drop(h);

    let mut again = harness(loading(
        seeds_only,
        Some(data.path().to_path_buf()),
        dialogs,
    ));
    finish_loading(&mut again);
    again.run();
    assert_eq!(
        again.state().corpus().files.len(),
        6,
        "the folder came back"
    );
}

/// Ctrl+V outside a text field: the copied text of an archive page is saved in the data dir,
/// read as a new source, and remembered at the next start.
#[test]
fn a_pasted_page_is_saved_read_and_remembered() {
    let data = tempfile::tempdir().expect("temp dir");
    let sources = SourceList {
        seeds: true,
        paths: Vec::new(),
    };
    let app = loading(
        sources,
        Some(data.path().to_path_buf()),
        FakeDialogs::none(),
    );
    let mut h = harness(app);
    finish_loading(&mut h);
    assert_eq!(h.state().corpus().library.len(), 39);
    let page = "Results:\n\n1 - 2 of 2\n\nOctober 25, 1962\n\nCable from Japanese Embassy in Havana to Tokyo\n\n\
                A description of the Cuban reaction to the US blockade.\n\n\
                October 26, 1962\n\nTelegram from Polish Embassy in Havana\n\nOn the crisis.\n";
    h.event(egui::Event::Paste(page.to_string()));
    h.run();
    finish_loading(&mut h);
    h.run();
    assert_eq!(h.state().corpus().library.len(), 41);
    let saved: Vec<PathBuf> = std::fs::read_dir(data.path().join("pasted"))
        .expect("pasted folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(std::fs::read_to_string(&saved[0]).expect("saved"), page);
    // Remembered: a new start reads it again.
    let again = loading(
        SourceList {
            seeds: true,
            paths: Vec::new(),
        },
        Some(data.path().to_path_buf()),
        FakeDialogs::none(),
    );
    let mut h = harness(again);
    finish_loading(&mut h);
    assert_eq!(h.state().corpus().library.len(), 41);
}
