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

/// The label the Lanes menu gives a lane: "■ name (count, share%)".
fn legend_label(harness: &Harness<'static, TimelineApp>, name: &str) -> String {
    let lane = harness
        .state()
        .drawn_lanes()
        .iter()
        .find(|l| l.name == name)
        .map(|l| l.total)
        .unwrap_or_else(|| panic!("the lane {name} is drawn"));
    let share = 100.0 * lane as f64 / 39.0;
    format!("■ {name} ({lane}, {share:.0}%)")
}

#[test]
fn a_broad_lane_opens_into_sub_lanes_and_hiding_one_removes_its_markers() {
    let mut harness = app();
    assert!(harness.query_by_label(BERIA).is_some());
    let names = |h: &Harness<'static, TimelineApp>| -> Vec<String> {
        h.state()
            .drawn_lanes()
            .iter()
            .map(|l| l.name.clone())
            .collect()
    };
    // Broad lanes by default: Beria's Xinjiang telegram is in "China and Inner Asia".
    assert!(names(&harness).contains(&"China and Inner Asia".to_string()));
    assert!(!names(&harness).contains(&"Xinjiang and Inner Asia".to_string()));
    harness.get_by_label("Lanes").click();
    harness.run();
    harness
        .get_all_by_label("+ sub-lanes")
        .nth(1)
        .expect("China and Inner Asia opens (the second broad lane with sub-lanes)")
        .click();
    harness.run();
    assert!(
        names(&harness).contains(&"Xinjiang and Inner Asia".to_string()),
        "{:?}",
        names(&harness)
    );
    assert!(!names(&harness).contains(&"China and Inner Asia".to_string()));
    let lane = legend_label(&harness, "Xinjiang and Inner Asia");
    harness.get_by_label(&lane).click();
    harness.run();
    assert!(
        harness.query_by_label(BERIA).is_none(),
        "the marker is gone"
    );
    assert!(!names(&harness).contains(&"Xinjiang and Inner Asia".to_string()));
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
