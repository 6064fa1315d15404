//! Layout at every size (issue 16 §1): at classroom-projector, laptop and large-screen sizes,
//! in normal and presentation mode and at larger UI scales, every toolbar control and every
//! lane's header lie inside the window, the toolbar has at most one overflow menu, the plot
//! keeps 60% of the width, and the tour card keeps clear of its marker.

mod support;

use archive_timeline::app::{Command, TimelineApp, TourSource};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use support::seeds_app;

const SIZES: [(f32, f32); 5] = [
    (1024.0, 768.0),
    (1280.0, 720.0),
    (1366.0, 768.0),
    (1920.0, 1080.0),
    (3840.0, 2160.0),
];

fn open(
    width: f32,
    height: f32,
    present: bool,
    zoom_steps: usize,
) -> Harness<'static, TimelineApp> {
    let mut h = support::sized_harness(seeds_app(), width, height);
    h.run();
    if present {
        h.key_press(egui::Key::F5);
        h.run();
    }
    for _ in 0..zoom_steps {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
        h.run();
    }
    h.run();
    h
}

/// The window in points.
fn window(h: &Harness<'static, TimelineApp>) -> egui::Rect {
    h.ctx.content_rect()
}

fn inside(outer: egui::Rect, r: egui::Rect) -> bool {
    outer.expand(0.5).contains_rect(r)
}

/// Every control of the toolbar lies inside the window.
fn toolbar_fits(h: &Harness<'static, TimelineApp>, what: &str) {
    let win = window(h);
    let bar = h.state().last_layout().toolbar.expect("a toolbar");
    let mut controls = 0;
    for node in h.query_all(egui_kittest::kittest::by().predicate(|_| true)) {
        let role = node.accesskit_node().role();
        if !matches!(
            role,
            Role::Button | Role::TextInput | Role::CheckBox | Role::ComboBox
        ) {
            continue;
        }
        let r = node.rect();
        if !r.intersects(bar) {
            continue;
        }
        controls += 1;
        let label = node
            .accesskit_node()
            .label()
            .unwrap_or_default()
            .to_string();
        assert!(
            inside(win, r),
            "{what}: {role:?} {label:?} at {r:?} is outside {win:?}"
        );
    }
    assert!(
        controls >= 5,
        "{what}: only {controls} toolbar controls found"
    );
    // What does not fit folds into one overflow menu, not one per row.
    let menus = h.query_all_by_label("»").count();
    assert!(menus <= 1, "{what}: {menus} \"»\" menus in the toolbar");
}

/// Every lane header drawn lies inside the window; if some are not drawn, the lanes scroll.
fn lanes_fit(h: &Harness<'static, TimelineApp>, what: &str) {
    let win = window(h);
    let headers: Vec<egui::Rect> = h
        .query_all_by_label_contains("Lane ")
        .filter(|n| n.accesskit_node().role() == Role::Group)
        .map(|n| n.rect())
        .collect();
    assert!(!headers.is_empty(), "{what}: no lane headers");
    for r in &headers {
        assert!(
            inside(win, *r),
            "{what}: a lane header at {r:?} is outside {win:?}"
        );
        assert!(
            r.height() >= 12.0,
            "{what}: a lane header is squashed to {r:?}"
        );
    }
    let lanes = h.state().drawn_lanes().len();
    if headers.len() < lanes {
        assert!(
            h.query_by_label("Scroll the lanes").is_some(),
            "{what}: {} of {lanes} lanes drawn and no way to scroll to the others",
            headers.len()
        );
    }
}

/// The plot keeps at least 60% of the window's width.
fn plot_keeps_its_share(h: &Harness<'static, TimelineApp>, what: &str) {
    let win = window(h);
    let plot = h
        .get_by_label("Timeline: drag to pan, scroll to zoom")
        .rect();
    assert!(
        plot.width() >= 0.6 * win.width() - 1.0,
        "{what}: plot {} of {} points",
        plot.width(),
        win.width()
    );
    // Floating panels aside, nothing covers it.
    assert!(inside(win, plot), "{what}: plot {plot:?} outside {win:?}");
}

fn check(h: &Harness<'static, TimelineApp>, what: &str) {
    toolbar_fits(h, what);
    lanes_fit(h, what);
    plot_keeps_its_share(h, what);
}

#[test]
fn every_size_in_normal_mode_at_scales_one_to_two() {
    for (w, hgt) in SIZES {
        // Ctrl+Plus steps by 1.1: 0, 4 and 7 steps are scales 1.0, 1.46 and 1.95.
        for steps in [0, 4, 7] {
            let h = open(w, hgt, false, steps);
            check(&h, &format!("{w}x{hgt} normal, {steps} Ctrl+Plus"));
        }
    }
}

#[test]
fn every_size_in_presentation_mode_up_to_four_ctrl_plus() {
    for (w, hgt) in SIZES {
        for steps in [0, 4] {
            let h = open(w, hgt, true, steps);
            check(&h, &format!("{w}x{hgt} presenting, {steps} Ctrl+Plus"));
        }
    }
}

#[test]
fn with_a_selection_bookmarks_and_details_open_the_plot_keeps_its_share() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (w, hgt) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        let app = support::bookmarks_app(dir.path(), support::FakeDialogs::none());
        let mut h = support::sized_harness(app, w, hgt);
        h.run();
        h.state_mut().push_command(Command::Step(1));
        h.run();
        assert!(h.state().selected().is_some());
        let what = format!("{w}x{hgt} with bookmarks and details");
        check(&h, &what);
        // The detail panel is the same width with and without a selection.
        let before = h.state().last_layout().plan.expect("a plan").detail;
        h.key_press(egui::Key::Escape);
        h.run();
        let after = h.state().last_layout().plan.expect("a plan").detail;
        if let archive_timeline::app::frame::layout::Dock::Docked(_) = before {
            assert_eq!(before, after, "{what}: the detail panel's width jumped");
        }
    }
}

#[test]
fn the_tour_card_never_covers_its_marker() {
    for (w, hgt) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        for present in [false, true] {
            let mut h = open(w, hgt, present, 0);
            let lane = h.state().corpus().lanes[0].name.clone();
            h.state_mut()
                .push_command(Command::StartTour(TourSource::Lane(lane)));
            for stop in 0..4 {
                h.run();
                // Let the move to the stop finish (an animation), then look.
                for _ in 0..30 {
                    h.step();
                }
                h.run();
                let what = format!("{w}x{hgt} presenting={present} stop {stop}");
                let layout = h.state().last_layout().clone();
                let card = layout.card.expect("a card");
                let marker = layout.marker.expect("the stop's marker is on screen");
                assert!(
                    !card.intersects(marker),
                    "{what}: card {card:?} covers the marker {marker:?}"
                );
                h.key_press(egui::Key::Space);
            }
        }
    }
}

#[test]
fn small_text_is_at_least_eleven_points() {
    let h = open(1280.0, 720.0, false, 0);
    let small = egui::TextStyle::Small.resolve(&h.ctx.global_style());
    assert!(small.size >= 11.0, "{small:?}");
    let t = archive_timeline::app::base::tokens::Tokens::dark();
    assert!(t.small_font().size >= 11.0);
}

#[test]
fn the_floating_detail_panel_never_covers_the_selected_marker() {
    // Where the detail panel floats over the timeline (a document selected): the projector
    // size, and larger sizes at a larger UI scale.
    for (w, hgt, zoom_steps) in [(1024.0, 768.0, 0), (1024.0, 768.0, 4), (1366.0, 768.0, 4)] {
        let mut h = open(w, hgt, false, zoom_steps);
        let docs = h.state().corpus().library.len();
        let mut checked = 0;
        for step in 0..docs {
            h.state_mut().push_command(Command::Step(1));
            h.run();
            // Let the move that reveals it finish (an animation), then look.
            for _ in 0..30 {
                h.step();
            }
            h.run();
            let what = format!("{w}x{hgt}, {zoom_steps} Ctrl+Plus, document {step}");
            let layout = h.state().last_layout().clone();
            let plan = layout.plan.expect("a plan");
            assert!(
                matches!(
                    plan.detail,
                    archive_timeline::app::frame::layout::Dock::Overlay(_)
                ),
                "{what}: the detail panel should float here, not {:?}",
                plan.detail
            );
            let panel = *layout.floating.last().expect("the floating detail panel");
            assert!(
                inside(window(&h), panel),
                "{what}: panel {panel:?} off screen"
            );
            // Undated documents have no marker on the plot.
            let Some(marker) = layout.selected_marker else {
                continue;
            };
            checked += 1;
            assert!(
                !panel.intersects(marker),
                "{what}: the detail panel {panel:?} covers the selected marker {marker:?}"
            );
        }
        assert!(checked > docs / 2, "{w}x{hgt}: only {checked} markers seen");
    }
}

/// The docking rule (issue 25 §5): at a laptop's 1280×720 the details dock beside the
/// timeline, and stay docked, at the same width, when opening a file brings undated documents
/// (and so the undated column); Collections open share the details' column instead of
/// covering the plot.
#[test]
fn at_1280_the_details_stay_docked_when_undated_documents_come_and_collections_stack() {
    use archive_timeline::app::frame::layout::Dock;
    let dir = tempfile::tempdir().expect("temp dir");
    let app = support::bookmarks_app(dir.path(), support::FakeDialogs::none());
    let mut h = support::sized_harness(app, 1280.0, 720.0);
    h.run();
    h.state_mut().push_command(Command::Step(1));
    h.run();
    let before = h.state().last_layout().plan.expect("a plan");
    assert!(matches!(before.detail, Dock::Docked(_)), "{before:?}");
    assert_eq!(before.undated, 0.0, "nothing undated in the first view");
    // A file whose one record has an impossible date: kept, as undated.
    let file = dir.path().join("dates.txt");
    std::fs::write(&file, "September 31, 1956\n\nA telegram\n").expect("write");
    h.state_mut().push_command(Command::AddPaths(vec![file]));
    support::finish_loading(&mut h);
    h.run();
    assert!(
        h.state()
            .corpus()
            .library
            .docs()
            .iter()
            .any(|d| d.title == "A telegram"),
        "the file was read"
    );
    let after = h.state().last_layout().plan.expect("a plan");
    assert!(after.undated > 0.0, "the undated column shows: {after:?}");
    assert_eq!(after.detail, before.detail, "the details did not move");
    assert!(h.state().last_layout().floating.is_empty());
    // Collections, open or opened now, share the details' column.
    if after.bookmarks == Dock::Hidden {
        h.get_by_label_contains("Collections (").click();
        h.run();
    }
    let layout = h.state().last_layout().clone();
    let plan = layout.plan.expect("a plan");
    assert_eq!(plan.bookmarks, Dock::Stacked, "{plan:?}");
    assert!(matches!(plan.detail, Dock::Docked(_)), "{plan:?}");
    assert!(layout.floating.is_empty(), "nothing floats: {layout:?}");
    assert!(plan.plot(1280.0) >= 0.6 * 1280.0, "{plan:?}");
    // Both are there to read: the collections above, the selected document below.
    let title = h
        .state()
        .selected_document()
        .expect("a selection")
        .title
        .clone();
    let collections = h.get_by_label("Collections").rect();
    let heading = h.get_by_label(&title).rect();
    assert!(
        collections.top() < heading.top(),
        "{collections:?} {heading:?}"
    );
    assert!(collections.left() > 1280.0 * 0.6 && heading.left() > 1280.0 * 0.6);
}

/// At a projector's 1024×768 the floating details would hide the table's right columns: the
/// table gives them their room instead.
#[test]
fn the_table_gives_the_floating_details_their_room() {
    use archive_timeline::app::frame::layout::Dock;
    let mut h = support::sized_harness(seeds_app(), 1024.0, 768.0);
    h.run();
    h.key_press(egui::Key::V);
    h.run();
    h.state_mut().push_command(Command::Step(1));
    h.run();
    let layout = h.state().last_layout().clone();
    assert!(
        matches!(layout.plan.expect("a plan").detail, Dock::Overlay(_)),
        "{layout:?}"
    );
    let panel = *layout.floating.last().expect("the floating details");
    // The last column starts well clear of the panel (its header button, clipped to the
    // column, may run on under it).
    let last = h.get_by_label("Sort by Source").rect();
    assert!(
        last.left() + 40.0 <= panel.left(),
        "the last column {last:?} is under the details {panel:?}"
    );
}

/// The first-run hint is true at every size (issue 25 §3): where the details float (and so
/// hide while nothing is selected) the hint shows over the timeline, and pressing Right, as it
/// says, selects the first document in view and opens its details.
#[test]
fn the_first_run_hint_shows_and_holds_at_every_size() {
    for (w, hgt) in [(1024.0, 768.0), (1280.0, 720.0), (1920.0, 1080.0)] {
        let mut h = support::sized_harness(seeds_app(), w, hgt);
        h.run();
        let what = format!("{w}x{hgt}");
        let hints = h
            .query_all_by_label_contains("Click a marker, or press Right")
            .count();
        assert_eq!(hints, 1, "{what}: one hint, docked or over the timeline");
        h.key_press(egui::Key::ArrowRight);
        h.run();
        let title = h
            .state()
            .selected_document()
            .unwrap_or_else(|| panic!("{what}: Right selected nothing"))
            .title
            .clone();
        assert!(
            h.query_by_label_contains("Click a marker, or press Right")
                .is_none(),
            "{what}: the hint stays after a selection"
        );
        let plan = h.state().last_layout().plan.expect("a plan");
        assert!(plan.detail.is_shown(), "{what}: no details: {plan:?}");
        assert!(
            h.query_all_by_label(&title).count() >= 1,
            "{what}: the details show {title:?}"
        );
    }
}
