//! The egui application: the frame loop and the wiring between its parts, in six rooms.
//!
//! State that outlives a frame lives in [`TimelineApp`]; panels read it and push
//! [`Command`]s, and `TimelineApp::apply` (in [`frame::commands`]) does them once per frame,
//! so no panel reaches into another's state. Only this module and its children know egui
//! (and `render`, the CPU renderer, which says so).
//!
//! The rooms stand on each other one way: no two import each other, and no room imports a
//! room above it:
//!
//! ```text
//! frame ──► publish ──► timeline_panel ──► side_panels ──► base
//!   │                        └──────────► classroom ─────► base
//!   └──► every room below
//! ```
//!
//! - [`base`]: the ground floor every room names: [`Command`] and its values, design tokens,
//!   file dialogs, the worker, the bookmarks' sync, fonts. It imports no room.
//! - [`frame`]: the frame and its machinery (panels' layout, `apply`, keys, toolbar,
//!   loading, persistence).
//! - [`timeline_panel`]: the timeline the user sees (the view, lanes, navigation, overview,
//!   context band).
//! - [`side_panels`]: detail and research, collections, search, table, library and picker,
//!   theme editor.
//! - [`classroom`]: presenting, tours, the tour card, lessons.
//! - [`publish`]: pictures, posters, handouts, a collection's exports and imports.
//!
//! [`TimelineApp`] itself is the house, not a room: a room may add to it what a command does
//! (an `impl TimelineApp` block next to the state it touches), and `publish` draws it whole
//! for a picture; neither makes a room import a room above it.

pub mod base;
pub mod classroom;
pub mod frame;
pub mod publish;
pub mod side_panels;
pub mod timeline_panel;

pub use base::command::{Command, TourSource};
pub use classroom::tour::Tour;
pub use frame::deps::{AppDeps, AppOptions, Documents};
pub use frame::panels::LastLayout;

use crate::bookmarks::Bookmark;
use crate::corpus::Corpus;
use crate::filters::Filters;
use crate::model::{DocId, DocIndex};
use crate::search::SearchIndex;
use crate::timeline::{Limits, TimeWindow};
use base::bookmark_sync::{BookmarkSync, Starred};
use base::dialogs::Dialogs;
use base::tokens::Tokens;
use base::worker::{Inbox, Outbox, Wake};
use frame::loading::Loader;
use frame::panels::Panels;
use frame::persistence::{Persisted, PERSIST_KEY};
use side_panels::search_state::SearchState;
use std::sync::Arc;
use timeline_panel::lanes::{DrawnLane, LanePrefs};
use timeline_panel::navigation::Navigation;

/// Opens the window and runs until it is closed.
pub fn run(options: AppOptions) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Archive Timeline")
        .with_app_id(frame::icon::APP_ID)
        .with_inner_size([1480.0, 900.0])
        .with_min_inner_size([720.0, 480.0]);
    if let Some(icon) = frame::icon::window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let native = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        // The view state stays where it was before the window had an app id (eframe keys
        // its storage folder by the app id otherwise).
        persistence_path: eframe::storage_dir("archive-timeline").map(|dir| dir.join("app.ron")),
        ..Default::default()
    };
    eframe::run_native(
        "archive-timeline",
        native,
        Box::new(move |cc| {
            let persisted = cc
                .storage
                .and_then(|s| eframe::get_value(s, PERSIST_KEY))
                .unwrap_or_default();
            let deps = AppDeps::from_options(options, persisted, &cc.egui_ctx);
            Ok(Box::new(TimelineApp::new(deps)))
        }),
    )
}

/// The application.
pub struct TimelineApp {
    corpus: Arc<Corpus>,
    loader: Loader,
    nav: Navigation,
    selected: Option<DocIndex>,
    /// The remembered selection, chosen once its corpus has loaded.
    pending_selection: Option<DocId>,
    commands: Vec<Command>,
    tokens: Tokens,
    view: timeline_panel::view::ViewState,
    overview: timeline_panel::overview::OverviewState,
    bookmarks: BookmarkSync,
    collections_panel: side_panels::collections_panel::CollectionsPanel,
    starred: Starred,
    /// The detail panel's fields being typed, and a link waiting for its target.
    detail: side_panels::detail_workspace::DetailState,
    /// The workspace over the loaded documents (collections, links, dates, lanes).
    overlay: Arc<crate::workspace::Overlay>,
    /// What the corpus was last placed for: workspace generation, library, grouping.
    placed_for: Option<(u64, usize, crate::placement::GroupBy)>,
    /// Grouping by collection: the collections' names and colours the lanes were made from.
    placed_collections: Option<Vec<(String, [u8; 3])>>,
    dialogs: Arc<dyn Dialogs>,
    /// Dialog answers and worker reports, as commands.
    answers_out: Outbox<Command>,
    answers: Inbox<Command>,
    /// A message for the status bar (themes file problems and the like).
    status: Option<String>,
    filters: Filters,
    lane_prefs: LanePrefs,
    /// The lanes as drawn; rebuilt when `lanes_dirty`.
    drawn: Vec<DrawnLane>,
    lanes_dirty: bool,
    /// Counts lane rebuilds (the table rebuilds its rows when it changes).
    lanes_generation: u64,
    /// Documents passing the filters.
    shown: usize,
    controls: frame::controls::ControlsState,
    panels: Panels,
    search: SearchState,
    search_index: Option<Inbox<SearchIndex>>,
    search_focus: bool,
    presenting: bool,
    scale_normal: f32,
    scale_present: f32,
    tour: Option<Tour>,
    /// The "My own theme" form, while open.
    theme_editor: Option<side_panels::theme_editor::ThemeEditor>,
    /// Where the user's own themes are saved (none in tests that do not give one).
    themes_file: Option<std::path::PathBuf>,
    /// The context band's events and switches.
    context: timeline_panel::context_band::ContextState,
    wake: Wake,
    /// Process start, while the startup figures are still to be printed.
    started: Option<std::time::Instant>,
    /// The "first frame" startup line has been printed (it is printed once).
    first_frame_reported: bool,
    picture: bool,
    /// Drawing a poster page: paper has room for whole titles ([`Tokens::for_print`]).
    poster: bool,
    /// The in-app file picker (when the platform has no file dialog).
    picker: side_panels::picker::FilePicker,
    table: side_panels::table::TableState,
    /// Where things were drawn last frame.
    last_layout: LastLayout,
    /// What was last handed to eframe's storage, and since when the view differs from it.
    saved: Option<Persisted>,
    unsaved_since: Option<f64>,
    /// The window asked for on the command line: a restored selection outside it is dropped.
    drop_selection_outside: Option<TimeWindow>,
    /// A window was restored or asked for (else the first corpus is shown whole).
    window_restored: bool,
    /// "Start the lesson" when the app was opened on a lesson file.
    lesson_offer: classroom::lesson::LessonOffer,
    /// Every message the toolbar has shown, oldest first (the diagnostics list them whole).
    status_log: Vec<String>,
}

impl TimelineApp {
    /// The app `deps` describe: restores the remembered view and starts loading (or installs
    /// the built corpus).
    pub fn new(deps: AppDeps) -> TimelineApp {
        let AppDeps {
            documents,
            data_dir,
            dialogs,
            themes,
            tokens,
            persisted,
            window,
            present,
            status,
            started,
            picture,
            hold_loading,
            themes_file,
            wake,
        } = deps;
        let bookmarks = match &data_dir {
            Some(dir) => BookmarkSync::start(dir.clone(), &wake),
            None => BookmarkSync::detached(),
        };
        let session = match &documents {
            Documents::Load(session) => session.clone(),
            Documents::Built(_) => None,
        };
        let context = timeline_panel::context_band::ContextState::new(
            persisted.show_context,
            persisted.show_context_present,
        );
        let (mut loader, problem) = Loader::new(data_dir, session, themes);
        loader.hold = hold_loading;
        let (answers_out, answers) = Inbox::new(&wake);
        let mut app = TimelineApp {
            corpus: Arc::new(Corpus::default()),
            loader,
            nav: Navigation::default(),
            selected: None,
            pending_selection: persisted.selected,
            commands: Vec::new(),
            tokens,
            view: timeline_panel::view::ViewState::default(),
            overview: timeline_panel::overview::OverviewState::default(),
            bookmarks,
            collections_panel: side_panels::collections_panel::CollectionsPanel::default(),
            starred: Starred::default(),
            detail: side_panels::detail_workspace::DetailState::default(),
            overlay: Arc::default(),
            placed_for: None,
            placed_collections: None,
            dialogs,
            answers_out,
            answers,
            status: problem.or(status),
            filters: persisted.filters,
            lane_prefs: persisted.lane_prefs,
            drawn: Vec::new(),
            lanes_dirty: true,
            lanes_generation: 0,
            shown: 0,
            controls: frame::controls::ControlsState::default(),
            panels: Panels {
                detail: persisted.show_detail,
                bookmarks: persisted.show_bookmarks,
                diagnostics: false,
                shortcuts: false,
                table: false,
                before_presenting: (true, false),
                detail_left: false,
            },
            search: SearchState::default(),
            search_index: None,
            search_focus: false,
            presenting: picture && present,
            scale_normal: persisted.scale_normal,
            scale_present: persisted.scale_present,
            tour: None,
            theme_editor: None,
            themes_file,
            context,
            wake,
            started,
            first_frame_reported: false,
            picture,
            poster: false,
            picker: side_panels::picker::FilePicker::default(),
            table: side_panels::table::TableState::default(),
            last_layout: LastLayout::default(),
            saved: None,
            unsaved_since: None,
            drop_selection_outside: None,
            window_restored: false,
            lesson_offer: classroom::lesson::LessonOffer::default(),
            status_log: Vec::new(),
        };
        if present && !picture {
            app.commands.push(Command::TogglePresenting);
        }
        // A window asked for on the command line wins over the remembered one, and a
        // remembered selection outside it is dropped (it would be off screen).
        if window.is_some() {
            app.drop_selection_outside = window;
        }
        if let Some(w) = window.or(persisted.window) {
            app.nav.restore(w);
            app.window_restored = true;
        }
        match documents {
            Documents::Load(_) => app.status = app.loader.start(&app.wake, false).or(app.status),
            Documents::Built(corpus) if picture => {
                app.corpus = corpus;
                app.nav = Navigation::new(app.limits());
            }
            Documents::Built(corpus) => {
                app.install(corpus, false);
                app.nav = Navigation::new(app.limits());
            }
        }
        app
    }

    fn limits(&self) -> Limits {
        Limits::new(self.corpus.extent)
    }

    fn rebuild_lanes(&mut self) {
        if !self.lanes_dirty {
            return;
        }
        let starred = self.starred.set();
        self.drawn = timeline_panel::lanes::drawn_lanes(
            &self.corpus,
            &self.lane_prefs,
            &self.filters,
            starred,
        );
        self.shown = self.filters.count(&self.corpus, starred);
        self.lanes_dirty = false;
        self.lanes_generation += 1;
    }

    /// Finds the loaded documents of the bookmarks again (after either side changed).
    fn recompute_starred(&mut self) {
        if self.filters.bookmarked_only {
            self.lanes_dirty = true;
        }
        self.starred = Starred::of(self.bookmarks.bookmarks(), &self.corpus.library);
        self.place_workspace();
    }

    /// Lays the workspace (the user's dates, hand-set lanes, collections, links) and the
    /// grouping over the corpus again, when any of them changed. Changes that move nothing (a
    /// note, an entry's note, the worker's copy of what the app already shows) re-place
    /// nothing: at a million documents re-placing re-indexes lanes.
    fn place_workspace(&mut self) {
        let key = (
            self.bookmarks.generation,
            Arc::as_ptr(&self.corpus.library) as usize,
            self.lane_prefs.group_by,
        );
        if self.placed_for == Some(key) {
            return;
        }
        let same_ground = self.placed_for.map(|k| (k.1, k.2)) == Some((key.1, key.2));
        self.placed_for = Some(key);
        let ws = Arc::clone(self.bookmarks.workspace());
        self.context.set_user(&ws.events);
        let overlay = crate::workspace::Overlay::build(&ws, &self.corpus.library);
        let by = self.lane_prefs.group_by;
        let collections = (by == crate::placement::GroupBy::Collection).then(|| {
            ws.collections
                .iter()
                .map(|c| (c.name.clone(), c.colour))
                .collect::<Vec<_>>()
        });
        let moved = !same_ground
            || overlay.dates != self.overlay.dates
            || overlay.lanes != self.overlay.lanes
            || (collections.is_some()
                && (collections != self.placed_collections
                    || overlay.collections != self.overlay.collections));
        if moved {
            let plain = overlay.dates.is_empty()
                && overlay.lanes.is_empty()
                && by == crate::placement::GroupBy::Theme;
            if !(plain && self.corpus.placement.is_plain()) {
                self.corpus = Arc::new(self.corpus.placed(&ws, &overlay, by));
            }
            self.placed_collections = collections;
            self.lanes_dirty = true;
        }
        self.overlay = Arc::new(overlay);
    }

    /// Draws one frame into `ui` (the root ui) and applies what it asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.wake.has_context() {
            self.wake.set_context(&ctx);
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
        }
        base::fonts::install(&ctx);
        // The smallest text (captions, result dates, file paths) stays readable: 11 points.
        let small = egui::TextStyle::Small;
        if ctx
            .global_style()
            .text_styles
            .get(&small)
            .is_none_or(|f| f.size < base::tokens::SMALLEST_TEXT)
        {
            ctx.all_styles_mut(|s| {
                s.text_styles.insert(
                    egui::TextStyle::Small,
                    egui::FontId::proportional(base::tokens::SMALLEST_TEXT),
                );
            });
        }
        self.poll_workers();
        let scale = self.scale();
        if (ctx.zoom_factor() - scale).abs() > f32::EPSILON {
            ctx.set_zoom_factor(scale);
        }
        let visuals = ctx.global_style().visuals.clone();
        self.tokens = if self.presenting {
            Tokens::presentation(visuals.dark_mode)
        } else {
            Tokens::for_visuals(&visuals)
        };
        if self.poster {
            self.tokens = self.tokens.clone().for_print();
        }
        if self.nav.advance(ctx.input(|i| i.time)) {
            ctx.request_repaint();
        }
        let k = frame::keys::KeyContext {
            touring: self.tour.is_some(),
            searching: self.search.is_active(),
            selected: self.selected,
            overlay: self.panels.shortcuts
                || self.panels.diagnostics
                || self.picker.is_open()
                || self.lesson_offer.is_open(),
            table: self.panels.table,
        };
        // Before the keys: its Enter and Esc are the offer's while it is open.
        self.offer_lesson(&ctx);
        frame::keys::keyboard(&ctx, k, &mut self.commands);
        self.rebuild_lanes();
        self.take_dropped_files(&ctx);
        self.panels(ui);
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // The panels were drawn before these took effect: draw them again.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(command, &ctx);
        }
        // Once per frame, however many workspace changes the frame made.
        self.place_workspace();
        self.report_startup();
        self.save_soon(&ctx);
        frame::keys::remember_focus(&ctx);
    }
}

impl eframe::App for TimelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = self.persisted();
        eframe::set_value(storage, PERSIST_KEY, &persisted);
        self.saved = Some(persisted);
        self.unsaved_since = None;
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(frame::persistence::SAVE_AFTER)
    }
}
