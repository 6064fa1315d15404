//! Lanes, eras and filters in the app, driven headlessly.

mod support;

use archive_timeline::app::TimelineApp;
use archive_timeline::eras::ERAS;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

fn app() -> Harness<'static, TimelineApp> {
    let mut harness = support::harness(support::seeds_app());
    harness.run();
    harness
}

const BERIA: &str = "October 5, 1945: L. Beria to Cde. V.M. Molotov";

#[test]
fn hiding_a_lane_removes_its_markers() {
    let mut harness = app();
    assert!(harness.query_by_label(BERIA).is_some());
    let lane = harness
        .state()
        .drawn_lanes()
        .iter()
        .find(|l| l.name == "Xinjiang and Inner Asia")
        .map(|l| format!("■ {} ({})", l.name, l.total))
        .expect("the Xinjiang lane");
    harness.get_by_label("Lanes").click();
    harness.run();
    harness.get_by_label(&lane).click();
    harness.run();
    assert!(
        harness.query_by_label(BERIA).is_none(),
        "the marker is gone"
    );
    assert!(harness
        .state()
        .drawn_lanes()
        .iter()
        .all(|l| l.name != "Xinjiang and Inner Asia"));
    // And back.
    harness.get_by_label(&lane).click();
    harness.run();
    assert!(harness.query_by_label(BERIA).is_some());
}

#[test]
fn picking_an_era_zooms_to_it() {
    let mut harness = app();
    harness.get_by_label("Khrushchev").click();
    harness.run();
    let w = harness.state().window();
    let era = ERAS[1].window();
    assert!(
        (w.start - era.start).abs() < 0.5 && (w.end - era.end).abs() < 0.5,
        "{w:?} vs {era:?}"
    );
    // Documents of the Stalin years are out of view now; the 1956 crisis is in.
    assert!(harness.query_by_label(BERIA).is_none());
}

#[test]
fn bookmarked_only_filter_counts_and_clears() {
    let mut harness = app();
    harness.get_by_label("Filters").click();
    harness.run();
    harness.get_by_label("Bookmarked only").click();
    harness.run();
    assert_eq!(harness.state().shown_count(), 0);
    harness.get_by_label_contains("0 of 39 documents shown");
    assert!(harness.query_by_label(BERIA).is_none());
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness
        .get_all_by_label("Clear filters")
        .next()
        .expect("a clear button")
        .click();
    harness.run();
    assert_eq!(harness.state().shown_count(), 39);
    assert!(harness.query_by_label(BERIA).is_some());
}
