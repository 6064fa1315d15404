//! Loading pages off the UI thread: which sources the next load reads (the remembered library,
//! or the paths given for this session), the running load with its progress and cancel flag,
//! and the corpus it delivers. The UI keeps drawing meanwhile.
//!
//! Owns the `library.ron` choices ([`RememberedLibrary`]) and the loader thread; must not
//! touch the corpus the app shows (the app installs what [`Loader::poll`] returns).

use crate::app::base::worker::{self, Inbox, Polled, Wake};
use crate::corpus::Corpus;
use crate::ingest::{Progress, SourceList};
use crate::sources::RememberedLibrary;
use crate::themes::ThemeSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// A load under way.
struct Running {
    inbox: Inbox<Corpus>,
    what: String,
    progress: Arc<Progress>,
}

/// The sources and the load in progress, if any.
pub struct Loader {
    running: Option<Running>,
    /// Where the remembered library lives (none in tests without a data dir).
    data_dir: Option<PathBuf>,
    remembered: RememberedLibrary,
    /// Paths given on the command line: loaded for this session only, not remembered.
    session: Option<SourceList>,
    themes: ThemeSet,
    /// Loads wait before their first file until released (tests; see `AppDeps::hold_loading`).
    pub(in crate::app) hold: bool,
}

impl crate::app::TimelineApp {
    /// Lets a held load go on (see `AppDeps::hold_loading`); later loads are not held.
    pub fn release_loading(&mut self) {
        self.loader.hold = false;
        if let Some(running) = &self.loader.running {
            running.progress.release();
        }
    }
}

impl Loader {
    /// Reads the remembered library of `data_dir` (its problem, if any, is returned for the
    /// status bar); `session` replaces it for this run when given.
    pub fn new(
        data_dir: Option<PathBuf>,
        session: Option<SourceList>,
        themes: ThemeSet,
    ) -> (Loader, Option<String>) {
        let (remembered, problem) = match &data_dir {
            Some(dir) => RememberedLibrary::load(dir),
            None => (RememberedLibrary::default(), None),
        };
        let loader = Loader {
            running: None,
            data_dir,
            remembered,
            session,
            themes,
            hold: false,
        };
        (loader, problem)
    }

    /// The themes the next load places documents by.
    pub fn set_themes(&mut self, themes: ThemeSet) {
        self.themes = themes;
    }

    /// The sources the next load reads.
    pub fn sources(&self) -> SourceList {
        self.session
            .clone()
            .unwrap_or_else(|| self.remembered.sources())
    }

    /// Whether the paths are this session's (command line) rather than remembered.
    pub fn is_session(&self) -> bool {
        self.session.is_some()
    }

    pub fn is_loading(&self) -> bool {
        self.running.is_some()
    }

    /// The running load's progress.
    pub fn progress(&self) -> Option<&Arc<Progress>> {
        self.running.as_ref().map(|r| &r.progress)
    }

    /// What the running load reads ("the bundled seeds", "2 path(s) and the seeds").
    pub fn what(&self) -> Option<&str> {
        self.running.as_ref().map(|r| r.what.as_str())
    }

    /// Asks the running load to stop after the file it is reading.
    pub fn cancel(&self) {
        if let Some(running) = &self.running {
            running.progress.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Adds paths (to the session's, or to the remembered library) and reloads.
    pub fn add_paths(&mut self, paths: Vec<PathBuf>, wake: &Wake) -> Option<String> {
        match &mut self.session {
            Some(session) => session.paths.extend(paths),
            None => {
                self.remembered.add(&paths);
            }
        }
        self.start(wake, self.session.is_none())
    }

    /// Saves pasted text as a page file in the data dir (atomically; remembered like any
    /// opened file) and adds it. Without a data dir the text cannot be kept: says so.
    pub fn add_pasted(&mut self, text: &str, wake: &Wake) -> Result<PathBuf, String> {
        if text.trim().is_empty() {
            return Err("The clipboard holds no text to read as a page.".to_string());
        }
        let Some(dir) = self.data_dir.clone() else {
            return Err("Pasted pages need a data folder to be kept in.".to_string());
        };
        let path = crate::ingest::save_pasted(&dir, text)
            .map_err(|e| format!("Could not save the pasted page in {}: {e}", dir.display()))?;
        if let Some(problem) = self.add_paths(vec![path.clone()], wake) {
            return Err(problem);
        }
        Ok(path)
    }

    /// Includes the bundled seeds or not, and reloads.
    pub fn set_seeds(&mut self, on: bool, wake: &Wake) -> Option<String> {
        match &mut self.session {
            Some(session) => session.seeds = on,
            None => self.remembered.include_seeds = on,
        }
        self.start(wake, self.session.is_none())
    }

    /// Forgets every path, and reloads.
    pub fn forget_paths(&mut self, wake: &Wake) -> Option<String> {
        match &mut self.session {
            Some(session) => session.paths.clear(),
            None => self.remembered.paths.clear(),
        }
        self.start(wake, self.session.is_none())
    }

    /// Loads the current sources on a worker thread (saving the remembered library first when
    /// `remember` is set), cancelling a load under way. Returns a problem for the status bar.
    pub fn start(&mut self, wake: &Wake, remember: bool) -> Option<String> {
        self.cancel();
        let sources = self.sources();
        let what = match (sources.seeds, sources.paths.len()) {
            (true, 0) => "the bundled seeds".to_string(),
            (seeds, n) => format!("{n} path(s){}", if seeds { " and the seeds" } else { "" }),
        };
        let progress = Arc::new(Progress::default());
        if self.hold {
            progress.hold();
        }
        let worker_progress = Arc::clone(&progress);
        let themes = self.themes.clone();
        let save = remember
            .then(|| self.data_dir.clone().map(|d| (d, self.remembered.clone())))
            .flatten();
        let spawned = worker::spawn("loader", wake, move |out| {
            if let Some((dir, remembered)) = save {
                // Not being able to remember is no reason not to load; the next start simply
                // opens the seeds.
                let _ = remembered.save(&dir);
            }
            let want = crate::cache::Want {
                themes: Some(&themes),
                search: true,
            };
            let dir = crate::cache::default_dir();
            let load = crate::cache::load(dir.as_deref(), &sources, want, &worker_progress);
            // Not delivered only if the app closed meanwhile: nothing to do then.
            out.send(Corpus::from_cache(load, themes));
        });
        match spawned {
            Ok(inbox) => {
                self.running = Some(Running {
                    inbox,
                    what,
                    progress,
                });
                None
            }
            Err(_) => {
                self.running = None;
                Some("Could not start loading: no worker thread was available.".into())
            }
        }
    }

    /// The corpus, once the running load has delivered it.
    pub fn poll(&mut self) -> Option<Corpus> {
        let running = self.running.as_ref()?;
        match running.inbox.poll() {
            Polled::Ready(corpus) => {
                self.running = None;
                Some(corpus)
            }
            Polled::Pending => None,
            Polled::Closed => {
                self.running = None;
                None
            }
        }
    }
}

impl crate::app::TimelineApp {
    /// Takes what the workers delivered: a loaded corpus, a search index, bookmark snapshots,
    /// dialog answers (as commands for this frame).
    pub(in crate::app) fn poll_workers(&mut self) {
        if let Some(corpus) = self.loader.poll() {
            self.install(Arc::new(corpus), true);
        }
        if self.bookmarks.poll() {
            self.recompute_starred();
        }
        if let Some(inbox) = &self.search_index {
            match inbox.poll() {
                Polled::Ready(index) => {
                    self.search.set_index(index, &self.corpus);
                    self.search_index = None;
                }
                Polled::Pending => {}
                Polled::Closed => self.search_index = None,
            }
        }
        let answers: Vec<_> = self.answers.drain().collect();
        self.commands.extend(answers);
    }

    /// Shows `corpus`, keeping the selection (by id) and the window where they still fit;
    /// builds its search index on a worker thread when `background`, else here and now.
    pub(in crate::app) fn install(&mut self, corpus: Arc<Corpus>, background: bool) {
        let previous = self
            .selected_document()
            .map(|d| d.id.clone())
            .or(self.pending_selection.take());
        let first = self.corpus.library.is_empty();
        self.corpus = corpus;
        self.selected = previous.and_then(|id| self.corpus.library.index_of(&id));
        // `--from/--to` asked for a window: a remembered selection outside it is dropped.
        if let Some(asked) = self.drop_selection_outside.take() {
            let inside = self
                .selected
                .and_then(|d| self.corpus.days_of(d))
                .is_some_and(|w| w.end > asked.start && w.start < asked.end);
            if !inside {
                self.selected = None;
            }
        }
        self.nav.set_limits(self.limits());
        // The first view shows everything, documents before 1945 or after 1996 included,
        // unless a window was remembered or asked for.
        if first && !self.window_restored {
            self.nav = crate::app::timeline_panel::navigation::Navigation::new(self.limits());
        }
        self.view = crate::app::timeline_panel::view::ViewState::default();
        self.recompute_starred();
        self.lanes_dirty = true;
        self.tour = None;
        // A link waiting for its target names a document by its place in the old library.
        self.detail.linking = None;
        if !background {
            self.search_index = None;
            self.search.index_now(&self.corpus);
            return;
        }
        self.search.start_indexing();
        let corpus = Arc::clone(&self.corpus);
        self.search_index = worker::spawn("search-index", &self.wake, move |out| {
            // The library cache's index when it has one that fits, else built here.
            let index = corpus
                .cache
                .take_search()
                .and_then(crate::cache::PendingSearch::read)
                .unwrap_or_else(|| crate::search::SearchIndex::build(&corpus.library));
            let Some(plan) = &corpus.cache.plan else {
                out.send(index);
                return;
            };
            let search = crate::cache::encode_search(&index);
            out.send(index);
            // After a load the cache did not give whole: keep it for the next start. Not
            // being able to is no reason to stop; the next start reads the sources.
            let _ = crate::cache::store_corpus(plan, &corpus, search);
        })
        .ok();
    }
}
