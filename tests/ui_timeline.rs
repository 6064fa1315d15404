//! The timeline window driven headlessly with egui_kittest: find, click, step, zoom, fit.

mod support;

use archive_timeline::app::TimelineApp;
use archive_timeline::timeline::scale::TimeScale;
use archive_timeline::timeline::TimeWindow;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use support::day;

fn app() -> Harness<'static, TimelineApp> {
    let mut harness = support::harness(support::seeds_app());
    harness.run();
    harness
}

fn september_1956(harness: &mut Harness<'static, TimelineApp>) {
    harness
        .state_mut()
        .set_window(TimeWindow::new(day(1956, 9, 12), day(1956, 9, 29)));
    harness.run();
}

const PONOMAREV: &str = "September 26, 1956: Telegram from Ponomarev to the CPSU Central Committee";

#[test]
fn opens_on_the_whole_span_with_every_lane() {
    let harness = app();
    let app = harness.state();
    let w = app.window();
    assert!(
        w.start <= day(1945, 1, 1) && w.end >= day(1996, 12, 31),
        "{w:?}"
    );
    assert_eq!(app.corpus().library.len(), 39);
    // Every lane's name is on screen.
    for lane in &app.corpus().lanes {
        let label = format!("Lane {}: {} documents", lane.name, lane.index.len());
        assert!(harness.query_by_label(&label).is_some(), "{label} is shown");
    }
}

#[test]
fn clicking_a_marker_opens_its_details() {
    let mut harness = app();
    september_1956(&mut harness);
    harness.get_by_label(PONOMAREV).click();
    harness.run();
    let selected = harness.state().selected_document().expect("a selection");
    assert_eq!(
        selected.title,
        "Telegram from Ponomarev to the CPSU Central Committee"
    );
    // The detail panel shows the title and the summary.
    assert!(harness
        .query_all_by_value("Telegram from Ponomarev to the CPSU Central Committee")
        .next()
        .is_some());
    assert!(!harness
        .get_all_by_value("September 26, 1956 · exact day")
        .collect::<Vec<_>>()
        .is_empty());
    let summary = harness
        .get_all_by_role(Role::Label)
        .filter_map(|n| n.accesskit_node().value().map(|v| v.to_string()))
        .find(|v| v.starts_with("Peng Dehuai informs the Soviet delegation"));
    assert!(summary.is_some(), "the summary is in the detail panel");
}

#[test]
fn right_steps_to_the_next_document_in_time_and_esc_clears() {
    let mut harness = app();
    september_1956(&mut harness);
    harness.get_by_label(PONOMAREV).click();
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    let next = harness
        .state()
        .selected_document()
        .expect("still a selection");
    assert_eq!(next.date_text, "June 1, 1960");
    assert!(next
        .title
        .starts_with("From the Journal of N. Ye. Torbenkov"));
    assert!(harness
        .get_all_by_role(Role::Label)
        .filter_map(|n| n.accesskit_node().value().map(|v| v.to_string()))
        .any(|v| v.starts_with("In this incomplete document, Pak Deok-hwan")));
    // The view followed the selection to 1960.
    assert!(harness.state().window().contains(day(1960, 6, 1)));
    harness.key_press(egui::Key::ArrowLeft);
    harness.run();
    assert_eq!(
        harness
            .state()
            .selected_document()
            .map(|d| d.date_text.as_str()),
        Some("September 26, 1956")
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().selected_document().is_none());
}

#[test]
fn ctrl_wheel_zooms_about_the_pointer() {
    let mut harness = app();
    let before = harness.state().window();
    let canvas = harness.get_by_role(Role::Canvas).rect();
    let pointer = egui::pos2(canvas.left() + canvas.width() * 0.3, canvas.center().y);
    let scale = TimeScale::new(before, canvas.left(), canvas.width());
    let anchor = scale.day_at(pointer.x);
    harness.hover_at(pointer);
    harness.run();
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 3.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::CTRL,
    });
    harness.run();
    let after = harness.state().window();
    assert!(
        after.span() < before.span() * 0.9,
        "{before:?} -> {after:?}"
    );
    let after_scale = TimeScale::new(after, canvas.left(), canvas.width());
    let still = after_scale.day_at(pointer.x);
    assert!(
        (still - anchor).abs() < 1.0,
        "the day under the pointer moved by {} days",
        still - anchor
    );
}

#[test]
fn f_fits_everything_again() {
    let mut harness = app();
    september_1956(&mut harness);
    assert!(harness.state().window().span() < 30.0);
    harness.key_press(egui::Key::F);
    harness.run();
    let w = harness.state().window();
    assert!(
        w.start <= day(1945, 1, 1) && w.end >= day(1996, 12, 31),
        "{w:?}"
    );
}

#[test]
fn clicking_a_cluster_zooms_into_it() {
    // On a small screen presenting, the August 1956 crisis's documents still fold into a
    // badge (on a large one they have rows enough for their titles).
    let mut harness = support::sized_harness(support::seeds_app(), 1024.0, 768.0);
    harness.run();
    harness.key_press(egui::Key::F5);
    harness.run();
    let before = harness.state().window();
    let size = |c: &egui_kittest::Node<'_>| {
        c.accesskit_node()
            .label()
            .and_then(|l| l.strip_prefix("Cluster of ").map(str::to_string))
            .and_then(|l| l.split(' ').next().and_then(|n| n.parse::<usize>().ok()))
            .unwrap_or(0)
    };
    let cluster = harness
        .get_all_by_label_contains("Cluster of")
        .max_by_key(|c| size(c))
        .expect("a cluster");
    assert!(
        size(&cluster) >= 5,
        "{:?}",
        cluster.accesskit_node().label()
    );
    let label = cluster
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .to_string();
    cluster.click();
    harness.run();
    let after = harness.state().window();
    assert!(
        after.span() < before.span() / 4.0,
        "{label}: {before:?} -> {after:?}"
    );
}

/// The README's figures for "titles you can read without hovering": at the seeds' first view,
/// at three screen sizes, normal and presenting, how many documents show their whole title, a
/// cut one or none, and how many badges there are. Printed by
/// `cargo test --test ui_timeline label_figures -- --nocapture`; every document in view is
/// counted exactly once.
#[test]
fn label_figures_at_the_first_view() {
    for (w, h) in [(1920.0, 1080.0), (1280.0, 720.0), (1024.0, 768.0)] {
        let mut harness = support::sized_harness(support::seeds_app(), w, h);
        harness.run();
        for mode in ["normal", "presenting"] {
            if mode == "presenting" {
                harness.key_press(egui::Key::F5);
                harness.run();
            }
            let app = harness.state();
            let counts = app.label_counts();
            let window = app.window();
            let in_view = app
                .corpus()
                .library
                .docs()
                .iter()
                .filter(|d| {
                    TimeWindow::of_date(d.date)
                        .is_some_and(|d| d.start < window.end && d.end > window.start)
                })
                .count();
            println!("labels {w}x{h} {mode}: {counts}");
            assert_eq!(counts.documents(), in_view, "{w}x{h} {mode}: {counts}");
        }
    }
}

/// The area of `shapes` painted in exactly `color` (rectangles and mesh triangles).
fn area_painted_in(shapes: &[egui::epaint::ClippedShape], color: egui::Color32) -> f32 {
    use egui::epaint::Shape;
    fn walk(shape: &Shape, color: egui::Color32, area: &mut f32) {
        match shape {
            Shape::Vec(list) => list.iter().for_each(|s| walk(s, color, area)),
            Shape::Rect(r) if r.fill == color => *area += r.rect.area(),
            Shape::Mesh(mesh) => {
                for t in mesh.indices.chunks_exact(3) {
                    let v = |i: u32| mesh.vertices[i as usize];
                    let (a, b, c) = (v(t[0]), v(t[1]), v(t[2]));
                    if [a, b, c].iter().all(|v| v.color == color) {
                        let (ab, ac) = (b.pos - a.pos, c.pos - a.pos);
                        *area += (ab.x * ac.y - ab.y * ac.x).abs() / 2.0;
                    }
                }
            }
            _ => {}
        }
    }
    let mut area = 0.0;
    for s in shapes {
        walk(&s.shape, color, &mut area);
    }
    area
}

#[test]
fn on_a_projector_a_floating_panel_covers_the_timeline_under_it() {
    // At 1024x768 the search results and the detail panel float over the timeline. In the
    // app's window the panels' own fill is transparent (the clear colour is their ground),
    // and a floating panel once let the lanes show through its text.
    let (w, h) = (1024.0, 768.0);
    let mut window = support::window_harness(support::seeds_app(), w, h);
    support::search_and_wait(&mut window, "puz");
    window.get_by_label("🔎 6 results");
    let fill = egui::Visuals::dark().window_fill;
    assert_eq!(fill.a(), 255);
    // Both panels (results at the left, the document at the right), each a strip of the
    // timeline's height about a third of the width wide.
    let painted = area_painted_in(&window.output().shapes, fill);
    assert!(painted > 0.3 * w * h, "{painted}");
}

#[test]
fn in_its_window_the_timeline_leaves_its_background_to_the_clear_colour() {
    // Drawn for a picture (no window to clear it), the timeline paints its background.
    let mut picture = app();
    picture.run();
    let background = archive_timeline::app::base::tokens::Tokens::dark().background;
    let window_area = 1600.0 * 1000.0;
    let painted = area_painted_in(&picture.output().shapes, background);
    assert!(painted > 0.3 * window_area, "{painted}");

    // In its own window, eframe clears to the background before each frame: the timeline
    // paints almost none of it again (the axis labels' strip), in every look.
    let mut window = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(
            |ui, app: &mut TimelineApp| app.show_in_window(ui),
            support::seeds_app(),
        );
    window.run();
    assert_eq!(
        window.state().clear_color(),
        background.to_normalized_gamma_f32()
    );
    let painted = area_painted_in(&window.output().shapes, background);
    assert!(painted < 0.05 * window_area, "{painted}");
    // Nor do the panels paint their grey.
    window.run();
    let panel_grey = egui::Visuals::dark().panel_fill;
    let painted = area_painted_in(&window.output().shapes, panel_grey);
    assert!(painted < 0.01 * window_area, "{painted}");
    let painted = area_painted_in(&picture.output().shapes, panel_grey);
    assert!(painted > 0.05 * window_area, "{painted}");
    window.key_press(egui::Key::F5);
    window.run();
    assert!(window.state().is_presenting());
    assert_eq!(
        window.state().clear_color(),
        egui::Color32::BLACK.to_normalized_gamma_f32()
    );
    let painted = area_painted_in(&window.output().shapes, egui::Color32::BLACK);
    assert!(painted < 0.05 * window_area, "{painted}");
}
