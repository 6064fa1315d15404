//! What an app is made from ([`AppDeps`]): where its documents come from, where bookmarks
//! live, the file dialogs, themes, the remembered view, and the [`Wake`] its workers share.
//! The eframe start, the tests, the benchmark and the pictures all build an app this way.

use crate::app::base::dialogs::{Dialogs, NativeDialogs};
use crate::app::base::tokens::Tokens;
use crate::app::base::worker::Wake;
use crate::app::frame::persistence::Persisted;
use crate::corpus::Corpus;
use crate::ingest::SourceList;
use crate::themes::ThemeSet;
use crate::timeline::TimeWindow;
use std::path::PathBuf;
use std::sync::Arc;

/// What to open (from the command line).
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

/// Where the documents come from.
pub enum Documents {
    /// Read these sources on the loader thread (an empty session means the remembered library).
    Load(Option<SourceList>),
    /// A corpus already built (tests, benchmarks, pictures); its search index is built at once.
    Built(Arc<Corpus>),
}

/// Everything [`crate::app::TimelineApp::new`] needs: the one way to make an app.
pub struct AppDeps {
    pub documents: Documents,
    /// Where bookmarks and the remembered library live; `None`: bookmarks are not saved.
    pub data_dir: Option<PathBuf>,
    pub dialogs: Arc<dyn Dialogs>,
    pub themes: ThemeSet,
    pub tokens: Tokens,
    /// The view remembered from the last run.
    pub persisted: Persisted,
    /// The window to open on, over the remembered one.
    pub window: Option<TimeWindow>,
    pub present: bool,
    /// A first message for the status bar.
    pub status: Option<String>,
    pub started: Option<std::time::Instant>,
    /// Drawing a picture: no toolbars, no status bar, no side panels.
    pub picture: bool,
    /// Tests of loading: each load waits before its first file until
    /// [`crate::app::TimelineApp::release_loading`], so the test sees it in progress on any machine.
    pub hold_loading: bool,
    /// Where "My own theme" saves (the user's themes file).
    pub themes_file: Option<PathBuf>,
    pub wake: Wake,
}

impl AppDeps {
    /// An app over a built corpus, bookmarks not saved, no panels but the details (tests).
    pub fn corpus(corpus: Corpus) -> AppDeps {
        AppDeps::of(Documents::Built(Arc::new(corpus)))
    }

    /// An app that loads `sources` on its loader thread (tests of loading).
    pub fn loading(sources: SourceList) -> AppDeps {
        let session = (!sources.paths.is_empty() || !sources.seeds).then_some(sources);
        AppDeps::of(Documents::Load(session))
    }

    /// An app that only draws pictures of `corpus` (the `render` command): whole span, no
    /// panels, toolbars or status bar, no search index (a picture never searches).
    pub fn picture(corpus: Arc<Corpus>, present: bool) -> AppDeps {
        let mut deps = AppDeps::of(Documents::Built(corpus));
        deps.present = present;
        deps.picture = true;
        deps.persisted.show_detail = false;
        deps.persisted.scale_normal = 1.0;
        deps.persisted.scale_present = 1.0;
        deps
    }

    /// Bookmarks (and the remembered library) in `dir`, with the bookmarks panel open.
    #[must_use]
    pub fn with_data_dir(mut self, dir: PathBuf) -> AppDeps {
        self.data_dir = Some(dir);
        self.persisted.show_bookmarks = true;
        self
    }

    /// Saves the user's own themes to `path` (tests; the app uses the user's themes file).
    #[must_use]
    pub fn with_themes_file(mut self, path: PathBuf) -> AppDeps {
        self.themes_file = Some(path);
        self
    }

    #[must_use]
    pub fn with_dialogs(mut self, dialogs: Arc<dyn Dialogs>) -> AppDeps {
        self.dialogs = dialogs;
        self
    }

    fn of(documents: Documents) -> AppDeps {
        AppDeps {
            documents,
            data_dir: None,
            dialogs: Arc::new(NativeDialogs),
            themes: ThemeSet::builtin(),
            tokens: Tokens::dark(),
            persisted: Persisted::default(),
            window: None,
            present: false,
            status: None,
            started: None,
            picture: false,
            hold_loading: false,
            themes_file: None,
            wake: Wake::default(),
        }
    }

    pub(in crate::app) fn from_options(
        options: AppOptions,
        persisted: Persisted,
        ctx: &egui::Context,
    ) -> AppDeps {
        let session = (!options.paths.is_empty()).then_some(SourceList {
            seeds: false,
            paths: options.paths,
        });
        let wake = Wake::default();
        wake.set_context(ctx);
        AppDeps {
            documents: Documents::Load(session),
            data_dir: Some(options.data_dir),
            dialogs: Arc::new(NativeDialogs),
            themes: options.themes,
            tokens: Tokens::for_visuals(&ctx.global_style().visuals),
            persisted,
            window: options.window,
            present: options.present,
            status: options.themes_problem,
            started: options
                .started
                .filter(|_| std::env::var_os("ARCHIVE_TIMELINE_STARTUP").is_some()),
            picture: false,
            hold_loading: false,
            themes_file: crate::app::side_panels::theme_editor::default_file(),
            wake,
        }
    }
}
