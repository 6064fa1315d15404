//! The table view (issue 16 §4) and the in-app file picker (§3), driven headlessly.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use std::sync::Arc;
use support::{seeds, seeds_app, FakeDialogs};

fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    let mut h = support::harness(app);
    h.run();
    h
}

/// The table's rows as AccessKit sees them ("date: title").
fn row_labels(h: &Harness<'static, TimelineApp>) -> Vec<String> {
    h.get_all_by_role(Role::Row)
        .filter_map(|n| n.accesskit_node().label().map(|l| l.to_string()))
        .collect()
}

#[test]
fn clicking_a_row_selects_it_on_the_timeline_and_sorting_by_title_orders_the_rows() {
    let mut h = harness(seeds_app());
    h.get_by_label("☰ Table").click();
    h.run();
    assert!(h.state().is_table());
    let rows = row_labels(&h);
    assert!(rows.len() >= 10, "{rows:?}");
    // Click a row: it is the timeline's selection.
    let target = rows[3].clone();
    h.get_by_label(&target).click();
    h.run();
    let selected = h.state().selected_document().expect("a selection");
    assert!(
        target.ends_with(&selected.title),
        "{target} / {}",
        selected.title
    );
    // Back on the timeline (V), the same document is selected.
    h.key_press(egui::Key::V);
    h.run();
    assert!(!h.state().is_table());
    assert!(h
        .state()
        .selected_document()
        .is_some_and(|d| target.ends_with(&d.title)));
    // Sort by title.
    h.key_press(egui::Key::V);
    h.run();
    h.get_by_label("Sort by Title").click();
    h.run();
    let titles: Vec<String> = row_labels(&h)
        .iter()
        .map(|l| {
            l.split_once(": ")
                .map_or(l.clone(), |(_, t)| t.to_lowercase())
        })
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
}

#[test]
fn a_clicked_row_stays_under_the_pointer() {
    let mut h = harness(seeds_app());
    h.get_by_label("☰ Table").click();
    h.run();
    let rows = row_labels(&h);
    assert!(rows.len() >= 10, "{rows:?}");
    // A row in the lower part of the view: centring it would move it up.
    let target = rows[rows.len() - 3].clone();
    let before = h.get_by_label(&target).rect();
    h.get_by_label(&target).click();
    h.run();
    let selected = h.state().selected_document().expect("a selection");
    assert!(target.ends_with(&selected.title), "{target}");
    let after = h.get_by_label(&target).rect();
    assert_eq!(before, after, "the clicked row moved");
}

#[test]
fn the_keys_move_through_the_rows_and_enter_opens_the_details() {
    let mut h = harness(seeds_app());
    h.key_press(egui::Key::V);
    h.run();
    h.key_press(egui::Key::Home);
    h.run();
    let first = h.state().selected().expect("Home selects the first row");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    let second = h.state().selected().expect("a row");
    assert!(second > first, "date order: {first} then {second}");
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(
        h.state().selected(),
        Some(h.state().corpus().library.len() - 1)
    );
    h.key_press(egui::Key::PageUp);
    h.run();
    assert!(h.state().selected() < Some(h.state().corpus().library.len() - 1));
    h.key_press(egui::Key::Enter);
    h.run();
    // The detail panel shows the selected document's title.
    let title = h.state().selected_document().expect("a doc").title.clone();
    assert!(h.query_all_by_value(&title).next().is_some());
}

/// The seeds app on a machine with no platform file dialog (so the in-app picker answers).
fn no_dialog_app(dir: &std::path::Path) -> Harness<'static, TimelineApp> {
    let dialogs = Arc::new(FakeDialogs {
        unavailable: true,
        ..FakeDialogs::default()
    });
    let deps = AppDeps::corpus(seeds())
        .with_data_dir(dir.to_path_buf())
        .with_dialogs(dialogs);
    let mut h = harness(TimelineApp::new(deps));
    support::sync_bookmarks(&mut h);
    h
}

#[test]
fn without_a_platform_dialog_the_in_app_picker_saves_the_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("list.md");
    let mut h = no_dialog_app(dir.path());
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("Markdown reading list").click();
    h.run();
    // Not a silent no-op: the picker is open and the status bar says why.
    assert!(h.state().picker_open());
    assert!(h
        .state()
        .status()
        .is_some_and(|s| s.contains("No file dialog")));
    // A full path in the file name field wins over the folder shown.
    let name = h.get_by_label("File name:");
    name.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("File name:")
        .type_text(&out.display().to_string());
    h.run();
    h.get_by_label("Save").click();
    h.run();
    assert!(!h.state().picker_open());
    support::wait_for_file(&mut h, &out, "");
    assert!(out.exists());
}

#[test]
fn enter_in_the_file_name_saves_and_the_picker_opens_next_in_that_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("list.md");
    let mut h = no_dialog_app(dir.path());
    let open_picker = |h: &mut Harness<'static, TimelineApp>| {
        h.get_by_label("Export…").click();
        h.run();
        h.get_by_label("Markdown reading list").click();
        h.run();
        assert!(h.state().picker_open());
    };
    open_picker(&mut h);
    h.get_by_label("File name:").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("File name:")
        .type_text(&out.display().to_string());
    h.run();
    // Enter in the name field, no click on Save.
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        !h.state().picker_open(),
        "Enter saved and closed the picker"
    );
    support::wait_for_file(&mut h, &out, "");
    // The next save opens in the folder the last one went to, not the working directory.
    open_picker(&mut h);
    let folder = dir.path().display().to_string();
    assert!(
        h.query_all_by_value(&folder).next().is_some(),
        "the picker shows {folder}"
    );
}
