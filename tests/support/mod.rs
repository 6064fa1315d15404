//! The one harness for the UI tests: building apps and kittest harnesses, fake file dialogs,
//! the seeds, `day()`, and waiting for the app's workers by their deliveries (never by sleeping
//! or by a deadline that a busy machine could miss).
//!
//! Use it from a test file with `mod support;`.

#![allow(dead_code)] // each test file uses its own part

pub mod cpu_renderer;

use archive_timeline::app::base::dialogs::Dialogs;
use archive_timeline::app::{AppDeps, TimelineApp};
use archive_timeline::corpus::Corpus;
use archive_timeline::ingest::load_seeds;
use archive_timeline::themes::ThemeSet;
use archive_timeline::timeline::days::day_of;
use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// How long a wait may go without any worker delivering before the test fails: a guard against
/// a hung worker, far beyond any honest wait (waits end on deliveries, not on this).
const HUNG: Duration = Duration::from_secs(120);

/// The bundled seeds folder.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// The seeds as the app shows them, with the built-in themes.
pub fn seeds() -> Corpus {
    Corpus::build(load_seeds(), ThemeSet::builtin())
}

/// Day number of a date.
pub fn day(y: i32, m: u32, d: u32) -> f64 {
    day_of(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
}

/// File dialogs that answer at once with fixed paths: tests never open a real one.
#[derive(Clone, Debug, Default)]
pub struct FakeDialogs {
    /// What a save dialog answers.
    pub save_to: Option<PathBuf>,
    /// What an open-files dialog answers.
    pub open: Vec<PathBuf>,
    /// What an open-folder dialog answers.
    pub folder: Option<PathBuf>,
    /// No platform dialog (the app must use its own picker).
    pub unavailable: bool,
}

impl FakeDialogs {
    pub fn saving_to(path: PathBuf) -> Arc<FakeDialogs> {
        Arc::new(FakeDialogs {
            save_to: Some(path),
            ..FakeDialogs::default()
        })
    }

    pub fn opening_folder(dir: PathBuf) -> Arc<FakeDialogs> {
        Arc::new(FakeDialogs {
            folder: Some(dir),
            ..FakeDialogs::default()
        })
    }

    /// Dialogs that answer "cancelled".
    pub fn none() -> Arc<FakeDialogs> {
        Arc::new(FakeDialogs::default())
    }
}

impl Dialogs for FakeDialogs {
    fn save_file(&self, _: &str, _: &str, _: (&str, &[&str])) -> Option<PathBuf> {
        self.save_to.clone()
    }
    fn open_files(&self, _: &str, _: (&str, &[&str])) -> Vec<PathBuf> {
        self.open.clone()
    }
    fn open_folder(&self, _: &str) -> Option<PathBuf> {
        self.folder.clone()
    }
    fn available(&self) -> bool {
        !self.unavailable
    }
}

/// The app over the seeds, bookmarks not saved.
pub fn seeds_app() -> TimelineApp {
    TimelineApp::new(AppDeps::corpus(seeds()))
}

/// The app over the seeds with its bookmarks in `dir` and the given dialogs.
pub fn bookmarks_app(dir: &Path, dialogs: Arc<dyn Dialogs>) -> TimelineApp {
    TimelineApp::new(
        AppDeps::corpus(seeds())
            .with_data_dir(dir.to_path_buf())
            .with_dialogs(dialogs),
    )
}

/// Frames `Harness::run` may take to settle. The app's workers ask for a repaint after each
/// delivery (a bookmarks snapshot, a loaded corpus), so a run that overlaps deliveries takes a
/// few more frames than kittest's default of 4; each delivery adds at most two.
const MAX_STEPS: u64 = 24;

/// A 1600 x 1000 harness driving `app`, one frame per step.
pub fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(MAX_STEPS)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// A `width` x `height` harness driving `app` as in its own window
/// (`TimelineApp::show_in_window`: the window's clear colour as its ground, queries on a
/// worker).
pub fn window_harness(app: TimelineApp, width: f32, height: f32) -> Harness<'static, TimelineApp> {
    Harness::builder()
        .with_size([width, height])
        .with_max_steps(MAX_STEPS)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show_in_window(ui), app)
}

/// A `width` x `height` harness driving `app` (no renderer).
pub fn sized_harness(app: TimelineApp, width: f32, height: f32) -> Harness<'static, TimelineApp> {
    Harness::builder()
        .with_size([width, height])
        .with_max_steps(MAX_STEPS)
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// A harness of `width` x `height` that renders images with the CPU renderer (snapshots).
pub fn picture_harness(app: TimelineApp, width: f32, height: f32) -> Harness<'static, TimelineApp> {
    Harness::builder()
        .with_size([width, height])
        .with_max_steps(MAX_STEPS)
        .renderer(cpu_renderer::CpuRenderer::default())
        .build_ui_state(|ui, app: &mut TimelineApp| app.show(ui), app)
}

/// Runs frames until `done` holds, waiting between them for the app's workers to deliver
/// something (a corpus, an index, a bookmarks snapshot, a dialog's answer). Fails only if no
/// worker delivers anything for [`HUNG`].
pub fn wait_until(
    h: &mut Harness<'static, TimelineApp>,
    what: &str,
    done: impl Fn(&TimelineApp) -> bool,
) {
    loop {
        let wake = h.state().wake().clone();
        let seen = wake.deliveries();
        h.run_steps(1);
        if done(h.state()) {
            return;
        }
        assert!(
            wake.wait_after(seen, HUNG),
            "waiting for {what}: no worker delivered anything for {HUNG:?}"
        );
    }
}

/// Opens the search box with `/`, types `text` and waits for the answer: in the app's window
/// it comes from the search worker, and typing selects its first result.
pub fn search_and_wait(h: &mut Harness<'static, TimelineApp>, text: &str) {
    h.run();
    h.key_press(egui::Key::Slash);
    h.run();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(text);
    wait_until(h, "the search's answer", |app| {
        !app.is_searching() && app.selected_document().is_some()
    });
    h.run();
}

/// Waits for the running load to be installed.
pub fn finish_loading(h: &mut Harness<'static, TimelineApp>) {
    wait_until(h, "the load", |app| !app.is_loading());
}

/// Waits until the bookmarks worker has read the file and saved every change the app made.
pub fn sync_bookmarks(h: &mut Harness<'static, TimelineApp>) {
    wait_until(h, "the bookmarks to be saved", TimelineApp::bookmarks_saved);
}

/// Waits until the file at `path` holds `needle` (written by one of the app's workers).
pub fn wait_for_file(h: &mut Harness<'static, TimelineApp>, path: &Path, needle: &str) -> String {
    wait_until(h, &format!("{} to hold {needle:?}", path.display()), |_| {
        std::fs::read_to_string(path).is_ok_and(|text| text.contains(needle))
    });
    std::fs::read_to_string(path).unwrap_or_default()
}
