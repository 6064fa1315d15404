//! The bugs of issue 16 §2, each driven as a person would meet it.

mod support;

use archive_timeline::app::{AppDeps, Command, TimelineApp, TourSource};
use archive_timeline::filters::Filters;
use archive_timeline::ingest::SourceList;
use archive_timeline::timeline::TimeWindow;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use support::{day, seeds, seeds_app};

fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    let mut h = support::harness(app);
    h.run();
    h
}

#[test]
fn shift_enter_in_the_search_box_steps_back() {
    let mut h = harness(seeds_app());
    h.key_press(egui::Key::Slash);
    h.run();
    h.get_by_role(Role::TextInput).type_text("puz");
    h.run();
    h.get_by_label_contains("1 of 6 results");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("2 of 6 results");
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label_contains("3 of 6 results");
    // The box keeps the focus after Enter; Shift+Enter now goes back, 3 -> 2 -> 1.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    h.run();
    h.get_by_label_contains("2 of 6 results");
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    h.run();
    h.get_by_label_contains("1 of 6 results");
}

#[test]
fn esc_closes_the_shortcuts_overlay_before_the_selection() {
    let mut h = harness(seeds_app());
    h.state_mut().push_command(Command::Step(1));
    h.run();
    let selected = h.state().selected();
    assert!(selected.is_some());
    h.key_press(egui::Key::Questionmark);
    h.run();
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_some());
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_all_by_label("Keyboard shortcuts").next().is_none());
    assert_eq!(h.state().selected(), selected, "the selection stays");
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selected(), None);
}

#[test]
fn fit_fits_the_documents_the_filters_show() {
    let mut h = harness(seeds_app());
    // The lane with the fewest dated documents: its span is narrower than 1945-1996.
    let lane = h
        .state()
        .corpus()
        .lanes
        .iter()
        .min_by_key(|l| l.index.dated().len())
        .map(|l| l.name.clone())
        .expect("a lane");
    let mut filters = Filters::default();
    filters.themes.insert(lane);
    h.state_mut().push_command(Command::SetFilters(filters));
    h.run();
    h.key_press(egui::Key::F);
    for _ in 0..40 {
        h.step();
    }
    h.run();
    let w = h.state().window();
    assert!(w.span() < TimeWindow::cold_war().span() * 0.9, "{w:?}");
    // Every shown dated document is in view.
    for lane in h.state().drawn_lanes() {
        for &d in lane.index.dated() {
            let doc = h.state().corpus().library.get(d).expect("doc");
            let days = TimeWindow::of_date(doc.date).expect("dated");
            assert!(
                w.contains(days.start),
                "{} at {days:?} outside {w:?}",
                doc.title
            );
        }
    }
}

#[test]
fn the_first_view_shows_documents_before_1945_and_after_1996() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("early_and_late.txt"),
        "March 3, 1940\n\nA memorandum before the war's end\n\nJune 1, 1999\n\nA retrospective report\n",
    )
    .expect("write");
    let app = TimelineApp::new(AppDeps::loading(SourceList {
        seeds: true,
        paths: vec![dir.path().to_path_buf()],
    }));
    let mut h = support::harness(app);
    support::finish_loading(&mut h);
    h.run();
    let w = h.state().window();
    assert!(w.contains(day(1940, 3, 3)), "{w:?}");
    assert!(w.contains(day(1999, 6, 1)), "{w:?}");
}

#[test]
fn from_to_drops_a_remembered_selection_outside_the_asked_window() {
    let corpus = seeds();
    let early = corpus.library.docs().first().expect("a doc").id.clone();
    let mut deps = AppDeps::corpus(corpus);
    deps.persisted.selected = Some(early);
    deps.window = Some(TimeWindow::new(day(1990, 1, 1), day(1991, 1, 1)));
    let h = harness(TimelineApp::new(deps));
    assert_eq!(h.state().selected(), None);
    // Inside the window, it is kept.
    let corpus = seeds();
    let doc = corpus.library.docs().first().expect("a doc");
    let keep = doc.id.clone();
    let around = TimeWindow::of_date(doc.date).expect("dated").padded(30.0);
    let mut deps = AppDeps::corpus(corpus);
    deps.persisted.selected = Some(keep);
    deps.window = Some(around);
    let h = harness(TimelineApp::new(deps));
    assert!(h.state().selected().is_some());
}

#[test]
fn space_on_the_last_tour_stop_says_the_tour_has_ended() {
    let mut h = harness(seeds_app());
    let lane = h
        .state()
        .corpus()
        .lanes
        .iter()
        .find(|l| l.index.len() == 2)
        .or_else(|| h.state().corpus().lanes.last())
        .map(|l| l.name.clone())
        .expect("a lane");
    h.state_mut()
        .push_command(Command::StartTour(TourSource::Lane(lane)));
    h.run();
    let stops = h.state().tour().expect("a tour").stops.len();
    for _ in 1..stops {
        h.key_press(egui::Key::Space);
        h.run();
    }
    assert!(h.query_by_label("End of tour").is_some());
    h.key_press(egui::Key::Space);
    h.run();
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.contains("End of tour")),
        "{:?}",
        h.state().status()
    );
}

#[test]
fn a_density_lane_still_shows_the_selection() {
    let mut h = harness(seeds_app());
    let lane = h.state().corpus().lanes[0].name.clone();
    h.state_mut()
        .push_command(Command::ToggleLaneCollapsed(lane.clone()));
    h.run();
    let first = h
        .state()
        .drawn_lanes()
        .iter()
        .find(|l| l.name == lane)
        .and_then(|l| l.index.dated().first().copied());
    h.state_mut().push_command(Command::Select(first));
    h.run();
    h.run();
    assert!(
        h.state().last_layout().marker.is_some(),
        "the selected document is marked in its density lane"
    );
}

#[test]
fn clearing_a_search_or_the_filters_moves_no_other_button() {
    let mut h = harness(seeds_app());
    let at = |h: &Harness<'static, TimelineApp>, label: &str| h.get_by_label(label).rect();
    let lanes_before = at(&h, "Lanes");
    h.key_press(egui::Key::Slash);
    h.run();
    h.get_by_role(Role::TextInput).type_text("puz");
    h.run();
    assert_eq!(at(&h, "Lanes"), lanes_before, "searching moved the buttons");
    // The search's clear button (the detail panel has a ✖ of its own, lower down).
    h.get_all_by_label("✖")
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .expect("a clear button")
        .click();
    h.run();
    assert_eq!(
        at(&h, "Lanes"),
        lanes_before,
        "clearing the search moved the buttons"
    );
    let filters = Filters {
        bookmarked_only: true,
        ..Filters::default()
    };
    h.state_mut().push_command(Command::SetFilters(filters));
    h.run();
    assert_eq!(at(&h, "Lanes"), lanes_before, "filtering moved the buttons");
    h.get_by_label("Clear filters").click();
    h.run();
    assert_eq!(
        at(&h, "Lanes"),
        lanes_before,
        "clearing the filters moved the buttons"
    );
}
