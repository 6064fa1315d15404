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
use crate::model::DocIndex;
use crate::timeline::{Limits, TimeWindow};
use base::bookmark_sync::BookmarkSync;
use base::tokens::Tokens;
use base::worker::{Inbox, Wake};
use frame::loading::Loader;
use frame::panels::Panels;
use frame::persistence::PERSIST_KEY;
use std::sync::Arc;
use timeline_panel::lanes::DrawnLane;
use timeline_panel::navigation::Navigation;

/// Whether egui dithers each pixel's colour (eframe's default: on). Off: the app paints flat
/// colours, where dithering changes nothing visible, and on a software renderer (a classroom
/// laptop without a GPU: Mesa's llvmpipe) its per-pixel noise is about a sixth of the CPU
/// every frame costs (`bench --window`, process CPU per frame, a million documents). The
/// window benchmark opens its window with the same setting.
pub const DITHERING: bool = false;

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
        dithering: DITHERING,
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

/// The application: a few owners, each in the room that owns its concern, and the wiring
/// between them.
pub struct TimelineApp {
    /// The library shown and its loading.
    library: frame::loading::LibraryState,
    /// Where the timeline looks and what it draws.
    timeline: timeline_panel::state::TimelineState,
    /// The workspace and the bookmarks, laid over the corpus.
    research: base::research::Research,
    search: side_panels::search_state::Search,
    /// Presenting, the tour, the lesson offer.
    classroom: classroom::state::Classroom,
    /// Pictures, posters and the file dialogs.
    publishing: publish::state::Publishing,
    /// The side panels' own state (collections, detail, table, theme form, file picker).
    side: side_panels::state::SidePanels,
    /// Which panels are open, the status line, what was saved, the workers' answers.
    frame: frame::state::FrameState,
    /// What this frame's panels and keys asked for, done after they have drawn.
    commands: Vec<Command>,
    tokens: Tokens,
    wake: Wake,
    /// Drawn in its own window, cleared to the background before each frame
    /// ([`TimelineApp::show_in_window`]).
    in_window: bool,
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
        let panels = Panels {
            detail: persisted.show_detail,
            bookmarks: persisted.show_bookmarks,
            diagnostics: false,
            shortcuts: false,
            table: false,
            before_presenting: (true, false),
            detail_left: false,
        };
        let mut library = frame::loading::LibraryState::new(loader, themes_file, started);
        library.pending_selection = persisted.selected;
        let mut app = TimelineApp {
            library,
            timeline: timeline_panel::state::TimelineState::new(
                persisted.filters,
                persisted.lane_prefs,
                context,
            ),
            research: base::research::Research::new(bookmarks),
            search: side_panels::search_state::Search::new(),
            classroom: classroom::state::Classroom::new(
                picture && present,
                persisted.scale_normal,
                persisted.scale_present,
            ),
            publishing: publish::state::Publishing::new(picture, dialogs),
            side: side_panels::state::SidePanels::default(),
            frame: frame::state::FrameState::new(panels, problem.or(status), Inbox::new(&wake)),
            commands: Vec::new(),
            tokens,
            in_window: false,
            wake,
        };
        if present && !picture {
            app.commands.push(Command::TogglePresenting);
        }
        // A window asked for on the command line wins over the remembered one, and a
        // remembered selection outside it is dropped (it would be off screen).
        if window.is_some() {
            app.library.drop_selection_outside = window;
        }
        if let Some(w) = window.or(persisted.window) {
            app.timeline.nav.restore(w);
            app.library.window_restored = true;
        }
        match documents {
            Documents::Load(_) => {
                app.frame.status = app
                    .library
                    .loader
                    .start(&app.wake, false)
                    .or(app.frame.status)
            }
            Documents::Built(corpus) if picture => {
                app.library.corpus = corpus;
                app.timeline.nav = Navigation::new(app.limits());
            }
            Documents::Built(corpus) => {
                app.install(corpus, false);
                app.timeline.nav = Navigation::new(app.limits());
            }
        }
        app
    }

    /// An app that only draws pictures of `corpus` ([`AppDeps::picture`]): what `publish`
    /// asks of the house for a picture, a poster or a handout's figure, without naming the
    /// frame's `AppDeps`.
    pub(in crate::app) fn picture_of(corpus: Arc<Corpus>, present: bool) -> TimelineApp {
        TimelineApp::new(AppDeps::picture(corpus, present))
    }

    fn limits(&self) -> Limits {
        self.library.limits()
    }

    fn rebuild_lanes(&mut self) {
        let starred = self.research.starred.set();
        self.timeline.rebuild_lanes(&self.library.corpus, starred);
    }

    /// Finds the loaded documents of the bookmarks again (after either side changed).
    fn recompute_starred(&mut self) {
        if self.timeline.filters.bookmarked_only {
            self.timeline.lanes_dirty = true;
        }
        self.research.find_starred(&self.library.corpus.library);
        self.place_workspace();
    }

    /// Lays the workspace and the grouping over the corpus again when either changed
    /// ([`base::research::Research::place`]); the context band takes the user's events.
    fn place_workspace(&mut self) {
        let by = self.timeline.lane_prefs.group_by;
        if let Some(moved) = self.research.place(&mut self.library.corpus, by) {
            let ws = self.research.bookmarks.workspace();
            self.timeline.context.set_user(&ws.events);
            if moved {
                self.timeline.lanes_dirty = true;
            }
        }
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
        self.tokens = self.publishing.look(if self.classroom.presenting {
            Tokens::presentation(visuals.dark_mode)
        } else {
            Tokens::for_visuals(&visuals)
        });
        self.tokens.window_clears = self.in_window;
        // The panels (toolbar, overview, status, side panels) leave their ground to the
        // window's clear colour too: egui's panel grey and the timeline's background differ
        // by a few levels, and a software renderer pays for every painted pixel.
        if self.in_window && visuals.panel_fill != egui::Color32::TRANSPARENT {
            ctx.all_styles_mut(|s| s.visuals.panel_fill = egui::Color32::TRANSPARENT);
        }
        if self.timeline.nav.advance(ctx.input(|i| i.time)) {
            ctx.request_repaint();
        }
        let k = frame::keys::KeyContext {
            touring: self.classroom.tour.is_some(),
            searching: self.search.state.is_active(),
            selected: self.timeline.selected,
            overlay: self.frame.panels.shortcuts
                || self.frame.panels.diagnostics
                || self.side.picker.is_open()
                || self.classroom.lesson_offer.is_open(),
            table: self.frame.panels.table,
        };
        // Before the keys: its Enter and Esc are the offer's while it is open.
        self.offer_lesson(&ctx);
        frame::keys::keyboard(&ctx, k, &mut self.commands);
        self.rebuild_lanes();
        self.take_dropped_files(&ctx);
        self.panels(ui);
        if self.search.state.take_first() {
            self.commands.push(Command::SearchJump(0));
        }
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
        self.frame.last_layout.focus_ring = frame::keys::focus_ring(&ctx, self.tokens.selection);
        frame::keys::remember_focus(&ctx);
    }
}

impl TimelineApp {
    /// [`TimelineApp::show`] in the app's own window, which eframe clears to
    /// [`TimelineApp::clear_color`] before each frame: the timeline's background is that
    /// clear, not painted again (under a software renderer every painted pixel costs).
    ///
    /// There the search's queries run on a worker thread, so typing never waits on one.
    pub fn show_in_window(&mut self, ui: &mut egui::Ui) {
        if !self.in_window {
            self.search.state.use_worker(&self.wake);
        }
        self.in_window = true;
        self.show(ui);
    }

    /// The colour the window is cleared to: the timeline's background in the current look
    /// (light, dark or presenting), as the renderer takes it (gamma-space RGBA, 0-1).
    pub fn clear_color(&self) -> [f32; 4] {
        self.tokens.background.to_normalized_gamma_f32()
    }
}

impl eframe::App for TimelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show_in_window(ui);
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        TimelineApp::clear_color(self)
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = self.persisted();
        eframe::set_value(storage, PERSIST_KEY, &persisted);
        self.frame.saved = Some(persisted);
        self.frame.unsaved_since = None;
    }

    fn auto_save_interval(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(frame::persistence::SAVE_AFTER)
    }
}
