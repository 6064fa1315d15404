//! The egui application: panels that paint the corpus and turn input into [`Command`]s.
//!
//! State that outlives a frame lives in [`TimelineApp`]; panels read it and push commands, and
//! the app applies the commands once per frame, so no panel reaches into another's state.
//! Loading runs on a worker thread; the UI shows progress until the corpus arrives.

pub mod bookmark_sync;
mod bookmarks_panel;
mod controls;
mod detail;
pub mod dialogs;
pub mod lanes;
mod library;
mod overview;
pub mod present;
mod search_ui;
pub mod tokens;
mod view;

use crate::bookmarks::export::ExportFormat;
use crate::bookmarks::{locate_bookmark, Bookmark};
use crate::corpus::Corpus;
use crate::filters::Filters;
use crate::ingest::{Progress, SourceList};
use crate::model::{DocId, DocIndex};
use crate::sources::RememberedLibrary;
use crate::themes::ThemeSet;
use crate::timeline::{Limits, TimeWindow};
use bookmark_sync::{BookmarkSync, Op};
use dialogs::{Dialogs, NativeDialogs};
use egui::{Key, Modifiers};
use lanes::{DrawnLane, LanePrefs};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use tokens::Tokens;

/// What to open.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    /// Page files or folders; empty means the bundled seeds.
    pub paths: Vec<PathBuf>,
    /// The window to open on (command line `--from` / `--to`); else the last one, else all.
    pub window: Option<TimeWindow>,
    /// Where bookmarks live.
    pub data_dir: PathBuf,
    /// Themes for the lanes (the command line resolves `--themes` and the user's file).
    pub themes: ThemeSet,
    /// Why the user's themes file was not used, if it was not.
    pub themes_problem: Option<String>,
    /// Start in presentation mode (`--present`).
    pub present: bool,
    /// When the process started: with `ARCHIVE_TIMELINE_STARTUP=1` the app prints how long
    /// the first frame and the first frame with documents took.
    pub started: Option<std::time::Instant>,
}

/// Opens the window and runs until it is closed.
pub fn run(options: AppOptions) -> eframe::Result {
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Archive Timeline")
            .with_inner_size([1480.0, 900.0])
            .with_min_inner_size([720.0, 480.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "archive-timeline",
        native,
        Box::new(move |cc| Ok(Box::new(TimelineApp::new(cc, options)))),
    )
}

/// View state kept across restarts (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Persisted {
    window: Option<TimeWindow>,
    selected: Option<DocId>,
    show_detail: bool,
    #[serde(default)]
    show_bookmarks: bool,
    #[serde(default)]
    filters: Filters,
    #[serde(default)]
    lane_prefs: LanePrefs,
    #[serde(default = "one")]
    scale_normal: f32,
    #[serde(default = "one_and_a_half")]
    scale_present: f32,
}

fn one() -> f32 {
    1.0
}

fn one_and_a_half() -> f32 {
    1.5
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            window: None,
            selected: None,
            show_detail: true,
            show_bookmarks: false,
            filters: Filters::default(),
            lane_prefs: LanePrefs::default(),
            scale_normal: 1.0,
            scale_present: 1.5,
        }
    }
}

const PERSIST_KEY: &str = "archive-timeline/view";

/// The Tour menu: bookmarks, a theme's documents, or the search results.
fn tour_menu(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    bookmarks: usize,
    results: usize,
    commands: &mut Vec<Command>,
) {
    ui.menu_button("Tour", |ui| {
        if ui
            .add_enabled(
                bookmarks > 0,
                egui::Button::new(format!("Bookmarks ({bookmarks})")),
            )
            .on_hover_text("Walk through the bookmarked documents in date order (T)")
            .clicked()
        {
            commands.push(Command::StartTour(TourSource::Bookmarks));
        }
        if ui
            .add_enabled(
                results > 0,
                egui::Button::new(format!("Search results ({results})")),
            )
            .clicked()
        {
            commands.push(Command::StartTour(TourSource::SearchResults));
        }
        ui.separator();
        for lane in &corpus.lanes {
            if ui
                .button(format!("{} ({})", lane.name, lane.index.len()))
                .clicked()
            {
                commands.push(Command::StartTour(TourSource::Lane(lane.name.clone())));
            }
        }
    });
}

/// What a tour walks through.
#[derive(Clone, Debug, PartialEq)]
pub enum TourSource {
    Bookmarks,
    /// A theme lane, by name.
    Lane(String),
    SearchResults,
}

/// What panels ask the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Jump to a window.
    SetWindow(TimeWindow),
    /// Move to a window with a short animation.
    AnimateTo(TimeWindow),
    /// Zoom by a factor (> 1 zooms in) about a day, or about the centre.
    Zoom {
        factor: f64,
        anchor: Option<f64>,
    },
    /// Move by a number of days.
    Pan(f64),
    /// Show everything.
    Fit,
    Select(Option<DocIndex>),
    /// Select the previous (-1) or next (+1) document in time.
    Step(i32),
    /// Bring the selected document into view.
    Reveal,
    /// Star or unstar a document.
    ToggleBookmark(DocIndex),
    RemoveBookmark(DocId),
    UndoRemove,
    SetNote(DocId, String),
    ExportBookmarks(ExportFormat),
    ImportBookmarks,
    SetFilters(Filters),
    OpenFiles,
    OpenFolder,
    /// Add files or folders to the library (remembered) and reload.
    AddPaths(Vec<PathBuf>),
    Reload,
    CancelLoad,
    SetSeeds(bool),
    ForgetPaths,
    ToggleDiagnostics,
    /// Select the next (+1) or previous (-1) search result and bring it into view.
    SearchStep(i32),
    /// Select search result number n.
    SearchJump(usize),
    StartTour(TourSource),
    TourStep(i32),
    EndTour,
    TogglePresenting,
    /// Multiply the UI scale (Ctrl+Plus / Ctrl+Minus); `None` resets it.
    Scale(Option<f32>),
    ToggleShortcuts,
    /// Save the view as a PNG of this many pixels (asks where).
    ExportPicture(u32, u32),
    ToggleLaneHidden(String),
    ToggleLaneCollapsed(String),
    MoveLane(String, i32),
}

struct Animation {
    from: TimeWindow,
    to: TimeWindow,
    start_time: f64,
}

/// Seconds a zoom-and-pan animation takes.
const ANIMATION_SECS: f64 = 0.35;

enum Loading {
    Running {
        rx: Receiver<Corpus>,
        what: String,
        progress: Arc<Progress>,
    },
    Done,
}

/// The application.
pub struct TimelineApp {
    corpus: Arc<Corpus>,
    loading: Loading,
    window: TimeWindow,
    selected: Option<DocIndex>,
    show_detail: bool,
    pending_selection: Option<DocId>,
    animation: Option<Animation>,
    commands: Vec<Command>,
    tokens: Tokens,
    view: view::ViewState,
    bookmarks: BookmarkSync,
    bookmarks_panel: bookmarks_panel::BookmarksPanel,
    show_bookmarks: bool,
    /// Loaded documents that are bookmarked (recomputed when either side changes).
    bookmarked: HashSet<DocIndex>,
    dialogs: Arc<dyn Dialogs>,
    /// A message for the status bar (themes file problems and the like).
    status: Option<String>,
    filters: Filters,
    lane_prefs: LanePrefs,
    /// The lanes as drawn; rebuilt when `lanes_dirty`.
    drawn: Vec<DrawnLane>,
    lanes_dirty: bool,
    /// Documents passing the filters.
    shown: usize,
    controls: controls::ControlsState,
    /// Where bookmarks and the remembered library live (none in tests without a data dir).
    data_dir: Option<PathBuf>,
    remembered: RememberedLibrary,
    /// Paths given on the command line: loaded for this session only, not remembered.
    session: Option<SourceList>,
    themes: ThemeSet,
    /// Answers from file dialogs (run on their own threads).
    dialog_tx: mpsc::Sender<Vec<PathBuf>>,
    dialog_rx: Receiver<Vec<PathBuf>>,
    /// Messages for the status line from worker threads (picture export).
    message_tx: mpsc::Sender<String>,
    message_rx: Receiver<String>,
    show_diagnostics: bool,
    search: search_ui::SearchState,
    presenting: bool,
    /// UI scale outside and inside presentation mode (remembered).
    scale_normal: f32,
    scale_present: f32,
    /// Panels shown before presenting, restored after.
    panels_before: (bool, bool),
    tour: Option<present::Tour>,
    show_shortcuts: bool,
    /// A handle to ask for repaints from worker threads (set on the first frame).
    repaint: Option<egui::Context>,
    /// Process start, while the startup figures are still to be printed.
    started: Option<std::time::Instant>,
    /// Drawing a picture (PNG export): no toolbars, no status bar.
    picture: bool,
}

impl TimelineApp {
    /// The app as eframe creates it: restores the last view and starts loading.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> TimelineApp {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, PERSIST_KEY))
            .unwrap_or_default();
        let mut app = TimelineApp::empty(Tokens::for_visuals(&cc.egui_ctx.global_style().visuals));
        let ctx = cc.egui_ctx.clone();
        app.bookmarks =
            BookmarkSync::start(options.data_dir.clone(), move || ctx.request_repaint());
        app.status = options.themes_problem.clone();
        app.show_detail = persisted.show_detail;
        app.show_bookmarks = persisted.show_bookmarks;
        app.filters = persisted.filters;
        app.lane_prefs = persisted.lane_prefs;
        app.started = options
            .started
            .filter(|_| std::env::var_os("ARCHIVE_TIMELINE_STARTUP").is_some());
        app.scale_normal = persisted.scale_normal;
        app.scale_present = persisted.scale_present;
        if options.present {
            app.commands.push(Command::TogglePresenting);
        }
        app.pending_selection = persisted.selected;
        if let Some(w) = options.window.or(persisted.window) {
            app.window = w;
        }
        app.themes = options.themes;
        app.data_dir = Some(options.data_dir.clone());
        let (remembered, problem) = RememberedLibrary::load(&options.data_dir);
        app.remembered = remembered;
        if let Some(problem) = problem {
            app.status = Some(problem);
        }
        if !options.paths.is_empty() {
            app.session = Some(SourceList {
                seeds: false,
                paths: options.paths,
            });
        }
        let ctx = cc.egui_ctx.clone();
        app.start_loading(move || ctx.request_repaint(), false);
        app
    }

    /// An app that loads `sources` on its loader thread (tests of loading and progress).
    pub fn loading(
        sources: SourceList,
        data_dir: Option<PathBuf>,
        dialogs: Arc<dyn Dialogs>,
    ) -> TimelineApp {
        let mut app = TimelineApp::empty(Tokens::dark());
        app.dialogs = dialogs;
        app.data_dir = data_dir;
        if let Some(dir) = &app.data_dir {
            app.remembered = RememberedLibrary::load(dir).0;
        }
        app.session = (!sources.paths.is_empty() || !sources.seeds).then_some(sources);
        app.start_loading(|| {}, false);
        app
    }

    /// The sources the next load reads.
    fn sources(&self) -> SourceList {
        self.session
            .clone()
            .unwrap_or_else(|| self.remembered.sources())
    }

    /// How far the running load is: (files done, files in all, entries read).
    pub fn load_progress(&self) -> Option<(usize, usize, usize)> {
        match &self.loading {
            Loading::Running { progress, .. } => Some(progress.snapshot()),
            Loading::Done => None,
        }
    }

    /// Waits (up to `timeout`) for a running load to finish and installs it.
    pub fn finish_loading(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.is_loading() && std::time::Instant::now() < deadline {
            self.poll_loading();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        !self.is_loading()
    }

    fn empty(tokens: Tokens) -> TimelineApp {
        let (dialog_tx, dialog_rx) = mpsc::channel();
        let (message_tx, message_rx) = mpsc::channel();
        TimelineApp {
            corpus: Arc::new(Corpus::default()),
            loading: Loading::Done,
            window: TimeWindow::cold_war(),
            selected: None,
            show_detail: true,
            pending_selection: None,
            animation: None,
            commands: Vec::new(),
            tokens,
            view: view::ViewState::default(),
            bookmarks: BookmarkSync::detached(),
            bookmarks_panel: bookmarks_panel::BookmarksPanel::default(),
            show_bookmarks: false,
            bookmarked: HashSet::new(),
            dialogs: Arc::new(NativeDialogs),
            status: None,
            filters: Filters::default(),
            lane_prefs: LanePrefs::default(),
            drawn: Vec::new(),
            lanes_dirty: true,
            shown: 0,
            controls: controls::ControlsState::default(),
            data_dir: None,
            remembered: RememberedLibrary::default(),
            session: None,
            themes: ThemeSet::builtin(),
            dialog_tx,
            dialog_rx,
            message_tx,
            message_rx,
            show_diagnostics: false,
            search: search_ui::SearchState::default(),
            presenting: false,
            scale_normal: 1.0,
            scale_present: 1.5,
            panels_before: (true, false),
            tour: None,
            show_shortcuts: false,
            repaint: None,
            started: None,
            picture: false,
        }
    }

    /// The lanes as drawn now (order, hidden, filtered).
    pub fn drawn_lanes(&self) -> &[DrawnLane] {
        &self.drawn
    }

    /// Documents passing the filters.
    pub fn shown_count(&self) -> usize {
        self.shown
    }

    fn rebuild_lanes(&mut self) {
        if !self.lanes_dirty {
            return;
        }
        self.drawn = lanes::drawn_lanes(
            &self.corpus,
            &self.lane_prefs,
            &self.filters,
            &self.bookmarked,
        );
        self.shown = self.filters.count(&self.corpus, &self.bookmarked);
        self.lanes_dirty = false;
    }

    /// An app over a built corpus whose bookmarks live in `data_dir`, with the given file
    /// dialogs (tests pass fakes).
    pub fn with_bookmarks(
        corpus: Corpus,
        data_dir: PathBuf,
        dialogs: Arc<dyn Dialogs>,
    ) -> TimelineApp {
        let mut app = TimelineApp::with_corpus(corpus);
        app.bookmarks = BookmarkSync::start(data_dir, || {});
        app.dialogs = dialogs;
        app.show_bookmarks = true;
        app
    }

    /// The bookmarks as the app shows them.
    pub fn bookmarks(&self) -> &[Bookmark] {
        self.bookmarks.bookmarks()
    }

    /// Waits (up to `timeout`) until the bookmarks worker has caught up with every change.
    pub fn sync_bookmarks(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            self.poll_bookmarks();
            if self.bookmarks.is_idle() || std::time::Instant::now() > deadline {
                return self.bookmarks.is_idle();
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }

    fn poll_bookmarks(&mut self) {
        if self.bookmarks.poll() {
            self.bookmarks_panel.refresh(&self.bookmarks);
            self.recompute_bookmarked();
        }
    }

    fn recompute_bookmarked(&mut self) {
        if self.filters.bookmarked_only {
            self.lanes_dirty = true;
        }
        let library = &self.corpus.library;
        self.bookmarked = self
            .bookmarks
            .bookmarks()
            .iter()
            .filter_map(|b| locate_bookmark(b, library))
            .collect();
    }

    /// An app over a corpus that is already built (tests, benchmarks).
    pub fn with_corpus(corpus: Corpus) -> TimelineApp {
        let mut app = TimelineApp::empty(Tokens::dark());
        app.install(corpus);
        app.window = app.limits().extent;
        app
    }

    /// A copy of what the timeline shows (same corpus, window, lanes, filters, bookmarks,
    /// presentation look), without the side panels, for drawing into an image off the UI
    /// thread. No search index is built for it.
    pub fn for_picture(&self) -> TimelineApp {
        let mut app = TimelineApp::picture_of(Arc::clone(&self.corpus), self.presenting);
        app.tokens = self.tokens.clone();
        app.window = self.window;
        app.selected = self.selected;
        app.filters = self.filters.clone();
        app.lane_prefs = self.lane_prefs.clone();
        app.bookmarked = self.bookmarked.clone();
        app
    }

    /// An app that only draws pictures of `corpus` (the `render` command): whole span, no
    /// panels, toolbars or status bar, no search index (a picture never searches).
    pub fn picture_of(corpus: Arc<Corpus>, present: bool) -> TimelineApp {
        let mut app = TimelineApp::empty(Tokens::dark());
        app.corpus = corpus;
        app.window = app.limits().extent;
        app.presenting = present;
        app.scale_normal = 1.0;
        app.scale_present = 1.0;
        app.show_detail = false;
        app.show_bookmarks = false;
        app.lanes_dirty = true;
        app.repaint = Some(egui::Context::default());
        app.picture = true;
        app
    }

    /// Loads the current sources on a worker thread (saving the remembered library first when
    /// `remember` is set); the UI keeps drawing and shows progress until the corpus arrives.
    fn start_loading(&mut self, wake: impl Fn() + Send + 'static, remember: bool) {
        if let Loading::Running { progress, .. } = &self.loading {
            progress
                .cancel
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let sources = self.sources();
        let (tx, rx) = mpsc::channel();
        let what = match (sources.seeds, sources.paths.len()) {
            (true, 0) => "the bundled seeds".to_string(),
            (seeds, n) => format!("{n} path(s){}", if seeds { " and the seeds" } else { "" }),
        };
        let progress = Arc::new(Progress::default());
        let worker_progress = Arc::clone(&progress);
        let themes = self.themes.clone();
        let save = remember
            .then(|| self.data_dir.clone().map(|d| (d, self.remembered.clone())))
            .flatten();
        let spawned = std::thread::Builder::new()
            .name("loader".into())
            .spawn(move || {
                if let Some((dir, remembered)) = save {
                    // Not being able to remember is no reason not to load; the next start
                    // simply opens the seeds.
                    let _ = remembered.save(&dir);
                }
                let loaded = crate::ingest::load_sources(&sources, &worker_progress);
                let corpus = Corpus::build(loaded, themes);
                // The receiver is gone only if the app closed meanwhile: nothing to do then.
                let _ = tx.send(corpus);
                wake();
            });
        self.loading = match spawned {
            Ok(_) => Loading::Running { rx, what, progress },
            Err(_) => {
                self.status =
                    Some("Could not start loading: no worker thread was available.".into());
                Loading::Done
            }
        };
    }

    fn install(&mut self, corpus: Corpus) {
        let previous = self
            .selected
            .and_then(|i| self.corpus.library.get(i))
            .map(|d| d.id.clone())
            .or(self.pending_selection.take());
        self.corpus = Arc::new(corpus);
        self.selected = previous.and_then(|id| self.corpus.library.index_of(&id));
        self.window = self.window.clamped(&self.limits());
        self.view = view::ViewState::default();
        self.recompute_bookmarked();
        self.lanes_dirty = true;
        self.tour = None;
        match self.repaint.clone() {
            Some(ctx) => self
                .search
                .index(&self.corpus, move || ctx.request_repaint()),
            None => self.search.index_now(&self.corpus),
        }
    }

    /// Files dropped on the window or chosen in a dialog join the library.
    fn take_dropped_and_chosen_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::AddPaths(dropped));
        }
        while let Ok(paths) = self.dialog_rx.try_recv() {
            self.commands.push(Command::AddPaths(paths));
        }
        while let Ok(message) = self.message_rx.try_recv() {
            self.status = Some(message);
        }
        let hovering = ctx.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-overlay"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop archive pages or folders to add them",
                self.tokens.heading_font(),
                egui::Color32::WHITE,
            );
        }
    }

    fn poll_loading(&mut self) {
        if let Loading::Running { rx, .. } = &self.loading {
            match rx.try_recv() {
                Ok(corpus) => {
                    self.install(corpus);
                    self.loading = Loading::Done;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => self.loading = Loading::Done,
            }
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn window(&self) -> TimeWindow {
        self.window
    }

    pub fn selected(&self) -> Option<DocIndex> {
        self.selected
    }

    /// Moves the view (as a command would, clamped to the limits).
    pub fn set_window(&mut self, window: TimeWindow) {
        self.animation = None;
        self.window = window.clamped(&self.limits());
    }

    /// The selected document, if any.
    pub fn selected_document(&self) -> Option<&crate::model::Document> {
        self.selected.and_then(|i| self.corpus.library.get(i))
    }

    /// Types `text` into the search box (as a keystroke would) and runs the query.
    pub fn set_search(&mut self, text: &str) {
        self.search.set_text(text, &self.corpus);
    }

    /// The tour under way, if any.
    pub fn tour(&self) -> Option<&present::Tour> {
        self.tour.as_ref()
    }

    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    /// The UI scale in force (presentation or normal).
    pub fn scale(&self) -> f32 {
        if self.presenting {
            self.scale_present
        } else {
            self.scale_normal
        }
    }

    pub fn is_loading(&self) -> bool {
        matches!(self.loading, Loading::Running { .. })
    }

    fn limits(&self) -> Limits {
        Limits::new(self.corpus.extent)
    }

    /// Draws one frame into `ui` (the root ui) and applies what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if self.repaint.is_none() {
            self.repaint = Some(ui.ctx().clone());
            ui.ctx().options_mut(|o| o.zoom_with_keyboard = false);
        }
        self.poll_loading();
        self.poll_bookmarks();
        self.search.poll(&self.corpus);
        let ctx = ui.ctx().clone();
        let scale = if self.presenting {
            self.scale_present
        } else {
            self.scale_normal
        };
        if (ctx.zoom_factor() - scale).abs() > f32::EPSILON {
            ctx.set_zoom_factor(scale);
        }
        let visuals = ctx.global_style().visuals.clone();
        self.tokens = if self.presenting {
            Tokens::presentation(visuals.dark_mode)
        } else {
            Tokens::for_visuals(&visuals)
        };
        self.step_animation(&ctx);
        self.keyboard(&ctx);

        self.rebuild_lanes();
        self.take_dropped_and_chosen_files(&ctx);
        if !self.picture {
            self.top_bar(ui);
        }
        let progress = match &self.loading {
            Loading::Running { progress, .. } => Some(Arc::clone(progress)),
            Loading::Done => None,
        };
        if progress.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if !self.picture {
            library::status_bar(
                ui,
                &self.corpus,
                progress.as_deref(),
                &self.tokens,
                &mut self.commands,
            );
        }
        if self.show_diagnostics {
            let mut open = true;
            library::diagnostics_window(ui, &self.corpus, &mut open, &self.tokens);
            self.show_diagnostics = open;
        }
        if self.show_shortcuts {
            let mut open = true;
            present::shortcuts_overlay(ui, &mut open, &self.tokens);
            self.show_shortcuts = open;
        }
        if self.search.is_active() && !self.presenting {
            search_ui::results_panel(
                ui,
                &self.search,
                &self.corpus,
                &self.tokens,
                &mut self.commands,
            );
        }
        overview::show(
            ui,
            &self.corpus,
            self.window,
            &self.tokens,
            &mut self.commands,
        );
        if self.show_bookmarks {
            bookmarks_panel::show(
                ui,
                &mut self.bookmarks_panel,
                &self.bookmarks,
                &self.corpus,
                &self.tokens,
                &mut self.commands,
            );
        }
        if self.show_detail {
            let bookmark = self
                .selected
                .and_then(|i| self.corpus.library.get(i))
                .and_then(|d| self.bookmarks.get(&d.id));
            let query = self.search.is_active().then_some(&self.search.query);
            detail::show(
                ui,
                &self.corpus,
                self.selected,
                bookmark,
                query,
                &self.tokens,
                &mut self.commands,
            );
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let first_load = self.corpus.library.is_empty() && self.corpus.files.is_empty();
            if let (Loading::Running { what, .. }, true) = (&self.loading, first_load) {
                ui.centered_and_justified(|ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Loading {what}…"));
                    });
                });
                return;
            }
            let scene = view::Scene {
                corpus: &self.corpus,
                lanes: &self.drawn,
                window: self.window,
                selected: self.selected,
                bookmarked: &self.bookmarked,
                search: &self.search,
                tokens: &self.tokens,
            };
            view::show(ui, &scene, &mut self.view, &mut self.commands);
        });
        if let Some(tour) = &self.tour {
            let note = tour
                .current()
                .and_then(|i| self.corpus.library.get(i))
                .and_then(|d| self.bookmarks.get(&d.id));
            present::card(
                ui,
                tour,
                &self.corpus,
                note,
                &self.tokens,
                &mut self.commands,
            );
        }
        let commands = std::mem::take(&mut self.commands);
        for command in commands {
            self.apply(command, &ctx);
        }
        if let Some(started) = self.started {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            if self.corpus.library.is_empty() {
                eprintln!("startup: first frame after {ms:.0} ms");
            } else {
                eprintln!(
                    "startup: first frame with {} documents after {ms:.0} ms",
                    self.corpus.library.len()
                );
                self.started = None;
            }
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Archive Timeline");
                library::file_menu(
                    ui,
                    self.sources().seeds,
                    self.session.is_some(),
                    &mut self.commands,
                );
                ui.separator();
                if ui
                    .button("Fit")
                    .on_hover_text("Show everything (F)")
                    .clicked()
                {
                    self.commands.push(Command::Fit);
                }
                if ui.button("−").on_hover_text("Zoom out (-)").clicked() {
                    self.commands.push(Command::Zoom {
                        factor: 1.0 / 1.6,
                        anchor: None,
                    });
                }
                if ui.button("+").on_hover_text("Zoom in (+)").clicked() {
                    self.commands.push(Command::Zoom {
                        factor: 1.6,
                        anchor: None,
                    });
                }
                ui.separator();
                if ui
                    .button("⏴ Previous")
                    .on_hover_text("Previous document in time (Left)")
                    .clicked()
                {
                    self.commands.push(Command::Step(-1));
                }
                if ui
                    .button("Next ⏵")
                    .on_hover_text("Next document in time (Right)")
                    .clicked()
                {
                    self.commands.push(Command::Step(1));
                }
                ui.separator();
                ui.toggle_value(&mut self.show_detail, "Details");
                ui.toggle_value(
                    &mut self.show_bookmarks,
                    format!("★ Bookmarks ({})", self.bookmarks.bookmarks().len()),
                );
                ui.separator();
                let c = &self.corpus;
                let mut status = format!("{} documents", c.library.len());
                let undated = c.undated_count();
                if undated > 0 {
                    status.push_str(&format!(" · {undated} undated"));
                }
                let outside = c.out_of_span_count();
                if outside > 0 {
                    status.push_str(&format!(" · {outside} outside 1945–1996"));
                }
                let problems = c.stats.failed_files;
                if problems > 0 {
                    status.push_str(&format!(" · {problems} file(s) not read"));
                }
                ui.label(status);
                if let Some(message) = &self.status {
                    ui.colored_label(self.tokens.selection, message);
                }
            });
            let c = controls::Controls {
                corpus: &self.corpus,
                filters: &self.filters,
                prefs: &self.lane_prefs,
                lanes: &self.drawn,
                shown: self.shown,
                window: self.window,
                tokens: &self.tokens,
            };
            ui.horizontal(|ui| {
                search_ui::search_box(
                    ui,
                    &mut self.search,
                    &self.corpus,
                    &self.tokens,
                    &mut self.commands,
                );
                ui.separator();
                controls::eras_row(ui, &c, &mut self.commands);
                ui.separator();
                controls::filters_menu(ui, &mut self.controls, &c, &mut self.commands);
                controls::lanes_menu(ui, &c, &mut self.commands);
                controls::shown_count(ui, &mut self.controls, &c, &mut self.commands);
                ui.separator();
                tour_menu(
                    ui,
                    &self.corpus,
                    self.bookmarked.len(),
                    self.search.results.len(),
                    &mut self.commands,
                );
                let present = if self.presenting {
                    "⏹ Stop presenting"
                } else {
                    "▶ Present"
                };
                if ui
                    .button(present)
                    .on_hover_text("Presentation mode: full screen, large type (F5)")
                    .clicked()
                {
                    self.commands.push(Command::TogglePresenting);
                }
                egui::widgets::global_theme_preference_buttons(ui);
                if ui
                    .button("?")
                    .on_hover_text("Keyboard shortcuts (?)")
                    .clicked()
                {
                    self.commands.push(Command::ToggleShortcuts);
                }
            });
        });
    }

    fn keyboard(&mut self, ctx: &egui::Context) {
        let mut quit = false;
        // Keys that work even while typing in a text field.
        ctx.input_mut(|i| {
            if i.consume_key(Modifiers::COMMAND, Key::Plus)
                || i.consume_key(Modifiers::COMMAND, Key::Equals)
            {
                self.commands.push(Command::Scale(Some(1.1)));
            }
            if i.consume_key(Modifiers::COMMAND, Key::Minus) {
                self.commands.push(Command::Scale(Some(1.0 / 1.1)));
            }
            if i.consume_key(Modifiers::COMMAND, Key::Num0) {
                self.commands.push(Command::Scale(None));
            }
            if i.consume_key(Modifiers::NONE, Key::F5) {
                self.commands.push(Command::TogglePresenting);
            }
            if i.consume_key(Modifiers::COMMAND, Key::F) {
                self.search.focus = true;
            }
            if i.consume_key(Modifiers::COMMAND, Key::Q) {
                quit = true;
            }
        });
        if quit {
            // A normal close: eframe saves the view before the window goes.
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let touring = self.tour.is_some();
        let searching = self.search.is_active();
        let mut push = |c: Command| self.commands.push(c);
        ctx.input_mut(|i| {
            let none = Modifiers::NONE;
            if touring {
                if i.consume_key(none, Key::Space)
                    || i.consume_key(none, Key::ArrowRight)
                    || i.consume_key(none, Key::PageDown)
                {
                    push(Command::TourStep(1));
                }
                if i.consume_key(none, Key::ArrowLeft) || i.consume_key(none, Key::PageUp) {
                    push(Command::TourStep(-1));
                }
                if i.consume_key(none, Key::Escape) {
                    push(Command::EndTour);
                }
            }
            if i.consume_key(none, Key::Slash) {
                self.search.focus = true;
            }
            if i.consume_key(Modifiers::SHIFT, Key::Questionmark)
                || i.consume_key(none, Key::Questionmark)
            {
                push(Command::ToggleShortcuts);
            }
            if i.consume_key(none, Key::T) {
                push(Command::StartTour(TourSource::Bookmarks));
            }
            if searching {
                if i.consume_key(Modifiers::SHIFT, Key::Enter) {
                    push(Command::SearchStep(-1));
                }
                if i.consume_key(none, Key::Enter) {
                    push(Command::SearchStep(1));
                }
            }
            if i.consume_key(none, Key::F) {
                push(Command::Fit);
            }
            if i.consume_key(none, Key::Plus)
                || i.consume_key(Modifiers::SHIFT, Key::Equals)
                || i.consume_key(none, Key::Equals)
            {
                push(Command::Zoom {
                    factor: 1.6,
                    anchor: None,
                });
            }
            if i.consume_key(none, Key::Minus) {
                push(Command::Zoom {
                    factor: 1.0 / 1.6,
                    anchor: None,
                });
            }
            if i.consume_key(none, Key::Escape) {
                push(Command::Select(None));
            }
            if i.consume_key(none, Key::B) {
                if let Some(doc) = self.selected {
                    push(Command::ToggleBookmark(doc));
                }
            }
            if i.consume_key(Modifiers::SHIFT, Key::ArrowLeft) {
                push(Command::Pan(-0.2));
            }
            if i.consume_key(Modifiers::SHIFT, Key::ArrowRight) {
                push(Command::Pan(0.2));
            }
            if i.consume_key(none, Key::ArrowLeft) {
                push(if self.selected.is_some() {
                    Command::Step(-1)
                } else {
                    Command::Pan(-0.2)
                });
            }
            if i.consume_key(none, Key::ArrowRight) {
                push(if self.selected.is_some() {
                    Command::Step(1)
                } else {
                    Command::Pan(0.2)
                });
            }
        });
    }

    fn step_animation(&mut self, ctx: &egui::Context) {
        let Some(anim) = &self.animation else { return };
        let now = ctx.input(|i| i.time);
        let t = ((now - anim.start_time) / ANIMATION_SECS).clamp(0.0, 1.0);
        let ease = 1.0 - (1.0 - t).powi(3);
        // Interpolate the span geometrically so zooming feels even at every scale.
        let (a, b) = (anim.from, anim.to);
        let span = a.span() * (b.span() / a.span()).powf(ease);
        let center = a.center() + (b.center() - a.center()) * ease;
        self.window = TimeWindow::new(center - span * 0.5, center + span * 0.5);
        if t >= 1.0 {
            self.window = b;
            self.animation = None;
        } else {
            ctx.request_repaint();
        }
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        let limits = self.limits();
        match command {
            Command::SetWindow(w) => {
                self.animation = None;
                self.window = w.clamped(&limits);
            }
            Command::AnimateTo(w) => {
                self.animation = Some(Animation {
                    from: self.window,
                    to: w.clamped(&limits),
                    start_time: ctx.input(|i| i.time),
                });
                ctx.request_repaint();
            }
            Command::Zoom { factor, anchor } => {
                self.animation = None;
                let anchor = anchor.unwrap_or_else(|| self.window.center());
                self.window = self.window.zoom_at(anchor, factor, &limits);
            }
            Command::Pan(fraction) => {
                self.animation = None;
                self.window = self.window.pan(self.window.span() * fraction, &limits);
            }
            Command::Fit => self.apply(Command::AnimateTo(limits.extent), ctx),
            Command::Select(doc) => self.selected = doc,
            Command::Step(delta) => {
                let n = self.corpus.library.len();
                if n == 0 {
                    return;
                }
                let next = match self.selected {
                    None => self.first_in_view(),
                    Some(i) => self.step_from(i, delta),
                };
                if let Some(next) = next {
                    self.selected = Some(next);
                    self.apply(Command::Reveal, ctx);
                }
            }
            Command::ToggleBookmark(doc) => {
                let Some(doc) = self.corpus.library.get(doc) else {
                    return;
                };
                let op = match self.bookmarks.get(&doc.id) {
                    Some(_) => Op::Remove(doc.id.clone()),
                    None => Op::Add(Box::new(Bookmark::from_document(doc, ""))),
                };
                self.bookmarks.apply(op);
                self.recompute_bookmarked();
            }
            Command::RemoveBookmark(id) => {
                self.bookmarks_panel.last_removed = self.bookmarks.get(&id).cloned();
                self.bookmarks.apply(Op::Remove(id));
                self.recompute_bookmarked();
            }
            Command::UndoRemove => {
                if let Some(b) = self.bookmarks_panel.last_removed.take() {
                    self.bookmarks.apply(Op::Add(Box::new(b)));
                    self.recompute_bookmarked();
                }
            }
            Command::SetNote(id, note) => self.bookmarks.apply(Op::SetNote(id, note)),
            Command::ExportBookmarks(format) => {
                if let Some(tx) = self.bookmarks.sender() {
                    let name = format!("bookmarks.{}", format.extension());
                    dialogs::ask_async(&self.dialogs, move |d| {
                        let filter = (format.name(), &[format.extension()][..]);
                        if let Some(path) = d.save_file("Export bookmarks", &name, filter) {
                            let _ = tx.send(Op::Export(path, format));
                        }
                    });
                }
            }
            Command::ImportBookmarks => {
                if let Some(tx) = self.bookmarks.sender() {
                    dialogs::ask_async(&self.dialogs, move |d| {
                        let files =
                            d.open_files("Import bookmarks", ("Bookmarks", &["ron", "json"]));
                        for path in files {
                            let _ = tx.send(Op::Import(path));
                        }
                    });
                }
            }
            Command::SetFilters(filters) => {
                self.filters = filters;
                self.lanes_dirty = true;
            }
            Command::ToggleLaneHidden(name) => {
                self.lane_prefs.toggle_hidden(&name);
                self.lanes_dirty = true;
            }
            Command::ToggleLaneCollapsed(name) => {
                self.lane_prefs.toggle_collapsed(&name);
                self.lanes_dirty = true;
            }
            Command::MoveLane(name, delta) => {
                self.lane_prefs.move_lane(&self.corpus, &name, delta);
                self.lanes_dirty = true;
            }
            Command::OpenFiles => {
                let tx = self.dialog_tx.clone();
                dialogs::ask_async(&self.dialogs, move |d| {
                    let files = d.open_files("Open archive pages", ("Archive pages", &["txt"]));
                    if !files.is_empty() {
                        let _ = tx.send(files);
                    }
                });
            }
            Command::OpenFolder => {
                let tx = self.dialog_tx.clone();
                dialogs::ask_async(&self.dialogs, move |d| {
                    if let Some(dir) = d.open_folder("Open a folder of archive pages") {
                        let _ = tx.send(vec![dir]);
                    }
                });
            }
            Command::AddPaths(paths) => {
                match &mut self.session {
                    Some(session) => session.paths.extend(paths),
                    None => {
                        self.remembered.add(&paths);
                    }
                }
                let ctx = ctx.clone();
                self.start_loading(move || ctx.request_repaint(), self.session.is_none());
            }
            Command::Reload => {
                let ctx = ctx.clone();
                self.start_loading(move || ctx.request_repaint(), false);
            }
            Command::CancelLoad => {
                if let Loading::Running { progress, .. } = &self.loading {
                    progress
                        .cancel
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            Command::SetSeeds(on) => {
                match &mut self.session {
                    Some(session) => session.seeds = on,
                    None => self.remembered.include_seeds = on,
                }
                let ctx = ctx.clone();
                self.start_loading(move || ctx.request_repaint(), self.session.is_none());
            }
            Command::ForgetPaths => {
                match &mut self.session {
                    Some(session) => session.paths.clear(),
                    None => self.remembered.paths.clear(),
                }
                let ctx = ctx.clone();
                self.start_loading(move || ctx.request_repaint(), self.session.is_none());
            }
            Command::ToggleDiagnostics => self.show_diagnostics = !self.show_diagnostics,
            Command::SearchStep(delta) => {
                if let Some(doc) = self.search.step(delta) {
                    self.selected = Some(doc);
                    self.apply(Command::Reveal, ctx);
                }
            }
            Command::SearchJump(n) => {
                if let Some(&doc) = self.search.results.get(n) {
                    self.search.at = Some(n);
                    self.selected = Some(doc);
                    self.apply(Command::Reveal, ctx);
                }
            }
            Command::StartTour(source) => {
                let (name, docs) = match source {
                    TourSource::Bookmarks => (
                        "Bookmarks".to_string(),
                        self.bookmarked.iter().copied().collect(),
                    ),
                    TourSource::SearchResults => {
                        ("Search results".to_string(), self.search.results.clone())
                    }
                    TourSource::Lane(lane) => {
                        let docs = self
                            .corpus
                            .lanes
                            .iter()
                            .find(|l| l.name == lane)
                            .map(|l| {
                                l.index
                                    .dated()
                                    .iter()
                                    .chain(l.index.undated())
                                    .copied()
                                    .collect()
                            })
                            .unwrap_or_default();
                        (lane, docs)
                    }
                };
                match present::Tour::new(name, docs) {
                    Some(tour) => {
                        self.tour = Some(tour);
                        self.apply(Command::TourStep(0), ctx);
                    }
                    None => {
                        self.status =
                            Some("Nothing to tour: bookmark some documents first (B).".into())
                    }
                }
            }
            Command::TourStep(delta) => {
                let Some(tour) = &mut self.tour else { return };
                tour.step(delta);
                let Some(doc) = tour.current() else { return };
                self.selected = Some(doc);
                if let Some(w) = self.corpus.library.get(doc).and_then(present::window_for) {
                    self.apply(Command::AnimateTo(w), ctx);
                }
            }
            Command::EndTour => self.tour = None,
            Command::TogglePresenting => {
                self.presenting = !self.presenting;
                if self.presenting {
                    self.panels_before = (self.show_detail, self.show_bookmarks);
                    self.show_detail = false;
                    self.show_bookmarks = false;
                } else {
                    (self.show_detail, self.show_bookmarks) = self.panels_before;
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presenting));
            }
            Command::Scale(factor) => {
                let scale = if self.presenting {
                    &mut self.scale_present
                } else {
                    &mut self.scale_normal
                };
                *scale = match factor {
                    Some(f) => (*scale * f).clamp(0.6, 4.0),
                    None if self.presenting => 1.5,
                    None => 1.0,
                };
            }
            Command::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::ExportPicture(width, height) => {
                let mut picture = self.for_picture();
                let tx = self.message_tx.clone();
                let wake = ctx.clone();
                dialogs::ask_async(&self.dialogs, move |d| {
                    let name = format!("timeline-{width}x{height}.png");
                    let Some(path) =
                        d.save_file("Export the view as PNG", &name, ("PNG image", &["png"]))
                    else {
                        return;
                    };
                    let message =
                        match crate::picture::write(&mut picture, None, width, height, &path) {
                            Ok(()) => {
                                format!("Saved {width}x{height} picture to {}", path.display())
                            }
                            Err(e) => format!("Could not save {}: {e}", path.display()),
                        };
                    let _ = tx.send(message);
                    wake.request_repaint();
                });
            }
            Command::Reveal => {
                let Some(doc) = self.selected.and_then(|i| self.corpus.library.get(i)) else {
                    return;
                };
                let (Some(s), Some(e)) = (doc.date.start(), doc.date.end_exclusive()) else {
                    return; // undated: shown in the lane's undated column, always in view
                };
                let (s, e) = (
                    crate::timeline::scale::day_of(s),
                    crate::timeline::scale::day_of(e),
                );
                let margin = self.window.span() * 0.08;
                if s < self.window.start + margin || e > self.window.end - margin {
                    let target = self.window.centered_on((s + e) * 0.5, &limits);
                    self.apply(Command::AnimateTo(target), ctx);
                }
            }
        }
    }

    /// Whether a document is shown (passes the filters and is in a visible lane).
    fn is_shown(&self, doc: DocIndex) -> bool {
        let keep =
            !self.filters.is_active() || self.filters.keep(&self.corpus, doc, &self.bookmarked);
        keep && (self.lane_prefs.hidden.is_empty() || {
            let lane = self
                .corpus
                .classification
                .lane_of
                .get(doc)
                .copied()
                .unwrap_or(0);
            let name = self.corpus.themes.lane_name(lane);
            !self.lane_prefs.hidden.contains(name)
        })
    }

    /// The next shown document after (delta > 0) or before `from` in time.
    fn step_from(&self, from: DocIndex, delta: i32) -> Option<DocIndex> {
        let n = self.corpus.library.len();
        if delta >= 0 {
            (from + 1..n).find(|&i| self.is_shown(i))
        } else {
            (0..from).rev().find(|&i| self.is_shown(i))
        }
        .or(Some(from))
    }

    /// The first shown document (library order) whose date is in view, else the first shown.
    fn first_in_view(&self) -> Option<DocIndex> {
        let docs = self.corpus.library.docs();
        let start = docs.partition_point(|d| {
            d.date
                .start()
                .is_some_and(|s| crate::timeline::scale::day_of(s) < self.window.start)
        });
        (start..docs.len())
            .find(|&i| self.is_shown(i))
            .or_else(|| (0..docs.len()).find(|&i| self.is_shown(i)))
    }
}

impl eframe::App for TimelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = Persisted {
            window: Some(self.window),
            selected: self
                .selected
                .and_then(|i| self.corpus.library.get(i))
                .map(|d| d.id.clone()),
            show_detail: self.show_detail,
            show_bookmarks: self.show_bookmarks,
            filters: self.filters.clone(),
            lane_prefs: self.lane_prefs.clone(),
            scale_normal: self.scale_normal,
            scale_present: self.scale_present,
        };
        eframe::set_value(storage, PERSIST_KEY, &persisted);
    }
}
