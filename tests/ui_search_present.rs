//! Search (issue: find "Puzanov" in a few keystrokes and step through his journals) and
//! classroom mode (a tour over bookmarks, presenter-remote keys, UI scale), driven headlessly.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::bookmarks::Bookmark;
use archive_timeline::workspace::BookmarkStore;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use support::{seeds, seeds_app, FakeDialogs};

fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    let mut h = support::harness(app);
    h.run();
    h
}

fn selected_title(h: &Harness<'static, TimelineApp>) -> String {
    h.state()
        .selected_document()
        .map(|d| d.title.clone())
        .unwrap_or_default()
}

#[test]
fn slash_then_a_few_letters_finds_puzanov_and_enter_steps_through_his_journals() {
    let mut h = harness(seeds_app());
    h.key_press(egui::Key::Slash);
    h.run();
    let search = h.get_by_role(Role::TextInput);
    search.type_text("puz");
    h.run();
    // Six journals of Ambassador Puzanov are in the seeds; the first in time is selected.
    h.get_by_label_contains("of 6 results");
    assert_eq!(
        selected_title(&h),
        "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 27 August 1960"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        selected_title(&h),
        "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 2 September 1960"
    );
    h.get_by_label_contains("2 of 6 results");
    // The results list holds all six, in date order (its buttons are named by bare titles;
    // the timeline's markers carry the date too).
    h.get_by_label("🔎 6 results");
    let listed: Vec<String> = h
        .get_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label().map(|l| l.to_string()))
        .filter(|l| l.starts_with("Journal of Soviet Ambassador"))
        .collect();
    let library = &h.state().corpus().library;
    let in_date_order: Vec<String> = library
        .docs()
        .iter()
        .filter(|d| d.title.contains("Puzanov"))
        .map(|d| d.title.clone())
        .collect();
    assert_eq!(listed.len(), 6, "{listed:#?}");
    assert_eq!(listed, in_date_order);
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    h.run();
    assert!(selected_title(&h).ends_with("for 27 August 1960"));
}

#[test]
fn in_its_own_window_a_query_runs_off_the_ui_thread_and_its_first_result_is_selected() {
    let mut h = support::window_harness(seeds_app(), 1600.0, 1000.0);
    support::search_and_wait(&mut h, "puz");
    h.get_by_label_contains("1 of 6 results");
    assert_eq!(
        selected_title(&h),
        "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 27 August 1960"
    );
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("2 of 6 results");
    // Typed on, then Enter: the step is the first of what was typed ("puzanov j", the same
    // six journals), not the third of the query before it. (Enter before the answer waits
    // for it: `SearchState::settle`, tested with the state.)
    h.get_by_role(Role::TextInput).type_text("anov j");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!h.state().is_searching());
    h.get_by_label_contains("1 of 6 results");
    assert_eq!(
        selected_title(&h),
        "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 27 August 1960"
    );
}

#[test]
fn quoted_phrases_and_accents() {
    let mut h = harness(seeds_app());
    h.key_press(egui::Key::Slash);
    h.run();
    h.get_by_role(Role::TextInput)
        .type_text("zaluska \"military attache\"");
    h.run();
    h.get_by_label_contains("of 2 results");
    assert!(selected_title(&h).starts_with("Lt. Col. J. Załuska"));
}

fn bookmarked_app(dir: &std::path::Path) -> Harness<'static, TimelineApp> {
    let c = seeds();
    let mut store = BookmarkStore::open(dir);
    for (title, note) in [
        ("Telegram from Ponomarev to the CPSU Central Committee", "Peng asks for publication"),
        ("Cable from Cde. Mikoyan from Beijing concerning the 8th CCP Congress and Conversations with the Chinese Comrades", "Mao on the purges"),
        ("Decision of the KWP CC Plenum, 30-31 August 1956", "The plenum's own words"),
    ] {
        let doc = c
            .library
            .docs()
            .iter()
            .find(|d| d.title.starts_with(title))
            .expect("a seed document");
        store.add(Bookmark::from_document(doc, note)).expect("bookmark saved");
    }
    let deps = AppDeps::corpus(c)
        .with_data_dir(dir.to_path_buf())
        .with_dialogs(FakeDialogs::none());
    let mut h = harness(TimelineApp::new(deps));
    support::sync_bookmarks(&mut h);
    h.run();
    assert_eq!(h.state().bookmarks().len(), 3);
    h
}

#[test]
fn a_tour_of_three_bookmarks_space_twice_shows_the_third_card_and_esc_leaves() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = bookmarked_app(dir.path());
    h.key_press(egui::Key::T);
    h.run();
    h.get_by_label_contains("Bookmarks · 1 / 3");
    // In date order: the plenum decision (Sep 15), Mikoyan's cable (Sep 16), Ponomarev (Sep 26).
    assert!(selected_title(&h).starts_with("Decision of the KWP CC Plenum"));
    h.key_press(egui::Key::Space);
    h.run();
    h.key_press(egui::Key::Space);
    h.run();
    h.get_by_label_contains("Bookmarks · 3 / 3");
    assert_eq!(
        selected_title(&h),
        "Telegram from Ponomarev to the CPSU Central Committee"
    );
    assert!(h
        .get_all_by_value("★ Peng asks for publication")
        .next()
        .is_some());
    let w = h.state().window();
    let sept_26 = archive_timeline::timeline::days::day_of(
        chrono::NaiveDate::from_ymd_opt(1956, 9, 26).expect("date"),
    );
    assert!(w.contains(sept_26), "the timeline moved to the stop");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().tour().is_none());
    assert!(h.query_by_label_contains("Bookmarks · ").is_none());
}

#[test]
fn presenter_remote_keys_page_down_and_page_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = bookmarked_app(dir.path());
    h.key_press(egui::Key::T);
    h.run();
    h.key_press(egui::Key::PageDown);
    h.run();
    h.get_by_label_contains("Bookmarks · 2 / 3");
    h.key_press(egui::Key::PageUp);
    h.run();
    h.get_by_label_contains("Bookmarks · 1 / 3");
}

#[test]
fn presentation_mode_and_ui_scale() {
    let mut h = harness(seeds_app());
    let before = h.ctx.pixels_per_point();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.state().is_presenting());
    let presenting = h.ctx.pixels_per_point();
    assert!(presenting > before * 1.4, "{before} -> {presenting}");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    let larger = h.ctx.pixels_per_point();
    assert!(larger > presenting * 1.05, "{presenting} -> {larger}");
    assert!((h.state().scale() - 1.65).abs() < 0.01);
    h.key_press(egui::Key::F5);
    h.run();
    assert!(!h.state().is_presenting());
    assert!((h.ctx.pixels_per_point() - before).abs() < 1e-3);
}

#[test]
fn the_shortcuts_overlay_opens_with_question_mark() {
    let mut h = harness(seeds_app());
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_none());
    h.get_by_role_and_label(Role::Button, "?").click();
    h.run();
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_some());
    h.key_press(egui::Key::Questionmark);
    h.run();
    assert!(
        h.query_all_by_label("Keyboard shortcuts").next().is_none(),
        "? closes it again"
    );
}
