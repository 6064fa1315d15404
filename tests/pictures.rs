//! Pictures of the timeline: image snapshots of the default view and of presentation mode
//! (drawn by the CPU renderer, so the same pixels on every machine), the `render` command,
//! and "Export view as PNG" through the (fake) save dialog.

mod support;

use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::timeline::TimeWindow;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::Path;
use support::{day, seeds, seeds_app, FakeDialogs};

fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    sized(app, 1280.0, 800.0)
}

fn sized(app: TimelineApp, width: f32, height: f32) -> Harness<'static, TimelineApp> {
    let mut h = support::picture_harness(app, width, height);
    h.run();
    h
}

fn app() -> TimelineApp {
    seeds_app()
}

/// The classroom projector and the small laptop, each in normal and presentation mode (issue
/// 16: nothing off screen, the plot keeps its share). Few on purpose: each is slow to compare.
#[test]
fn snapshots_at_projector_and_laptop_sizes_in_both_modes() {
    let mut results = egui_kittest::SnapshotResults::new();
    for (w, h_) in [(1024.0, 768.0), (1280.0, 720.0)] {
        let mut h = sized(app(), w, h_);
        // A selection, so the detail panel shows (docked or floating, as the size allows).
        h.state_mut()
            .set_window(TimeWindow::new(day(1956, 9, 10), day(1956, 10, 1)));
        h.state_mut()
            .push_command(archive_timeline::app::Command::Step(1));
        h.run();
        h.snapshot(format!("layout_{w}x{h_}_normal"));
        h.key_press(egui::Key::F5);
        h.run();
        h.state_mut()
            .set_window(TimeWindow::new(day(1956, 9, 10), day(1956, 10, 1)));
        h.run();
        h.snapshot(format!("layout_{w}x{h_}_presenting"));
        results.extend_harness(&mut h);
    }
}

fn png_size(path: &Path) -> (u32, u32) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(path).expect("the PNG exists"),
    ));
    let reader = decoder.read_info().expect("a valid PNG");
    let info = reader.info();
    (info.width, info.height)
}

#[test]
fn the_render_command_writes_a_png_of_the_asked_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("view.png");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .args([
            "render", "--from", "1956-08", "--to", "1956-10", "--width", "1600", "--height", "500",
            "--out",
        ])
        .arg(&out)
        .status()
        .expect("binary runs");
    assert!(status.success());
    assert_eq!(png_size(&out), (1600, 500));
    // It is a picture of something: lanes, markers and text give many colours.
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&out).expect("open"),
    ));
    let mut reader = decoder.read_info().expect("a valid PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut pixels).expect("decodes");
    let colours: std::collections::HashSet<&[u8]> =
        pixels[..frame.buffer_size()].chunks(4).collect();
    assert!(colours.len() > 50, "{} colours", colours.len());
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .args(["render", "--width", "0", "--out"])
        .arg(dir.path().join("no.png"))
        .output()
        .expect("binary runs");
    assert_eq!(refused.status.code(), Some(2));
    assert!(!dir.path().join("no.png").exists());
}

#[test]
fn export_view_as_png_from_the_file_menu() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("slide.png");
    let deps = AppDeps::corpus(seeds())
        .with_data_dir(dir.path().to_path_buf())
        .with_dialogs(FakeDialogs::saving_to(out.clone()));
    let mut h = harness(TimelineApp::new(deps));
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Export view as PNG").click();
    h.run();
    h.get_by_label("1920 × 1080 (slide)").click();
    h.run();
    // A worker draws and writes the picture (atomically: once there, it is whole), then
    // reports in the status bar.
    support::wait_until(&mut h, "the picture", |_| out.exists());
    assert_eq!(png_size(&out), (1920, 1080));
}
