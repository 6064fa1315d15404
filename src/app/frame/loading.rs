//! Loading pages off the UI thread: which sources the next load reads (the remembered library,
//! or the paths given for this session), the running load with its progress and cancel flag,
//! and the corpus it delivers. The UI keeps drawing meanwhile.
//!
//! Owns the `library.ron` choices ([`RememberedLibrary`]) and the loader thread; must not
//! touch the corpus the app shows (the app installs what [`Loader::poll`] returns).

use crate::app::base::worker::{self, Inbox, Polled, Wake};
use crate::corpus::Corpus;
use crate::ingest::{Progress, SourceList};
use crate::model::DocId;
use crate::sources::RememberedLibrary;
use crate::themes::ThemeSet;
use crate::timeline::{Limits, TimeWindow};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

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
/// The library and its loading: the corpus shown, the loader that builds the next one, and
/// what the first load must honour (a remembered selection, a window asked for).
pub(in crate::app) struct LibraryState {
    pub corpus: Arc<Corpus>,
    pub loader: Loader,
    /// The remembered selection, chosen once its corpus has loaded.
    pub pending_selection: Option<DocId>,
    /// The window asked for on the command line: a restored selection outside it is dropped.
    pub drop_selection_outside: Option<TimeWindow>,
    /// A window was restored or asked for (else the first corpus is shown whole).
    pub window_restored: bool,
    /// Where the user's own themes are saved (none in tests that do not give one).
    pub themes_file: Option<PathBuf>,
    /// Process start, while the startup figures are still to be printed.
    pub started: Option<Instant>,
    /// The "first frame" startup line has been printed (it is printed once).
    pub first_frame_reported: bool,
}

impl LibraryState {
    /// Nothing loaded yet; `loader` will load.
    pub fn new(loader: Loader, themes_file: Option<PathBuf>, started: Option<Instant>) -> Self {
        LibraryState {
            corpus: Arc::new(Corpus::default()),
            loader,
            pending_selection: None,
            drop_selection_outside: None,
            window_restored: false,
            themes_file,
            started,
            first_frame_reported: false,
        }
    }

    /// How far the timeline may go for the corpus shown.
    pub fn limits(&self) -> Limits {
        Limits::new(self.corpus.extent)
    }

    /// The startup line a frame drawn now prints, if any: "first frame" once while nothing is
    /// loaded, then "first frame with N documents" once, after which startup is over.
    pub fn startup_line(&mut self) -> Option<String> {
        let started = self.started?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if self.corpus.library.is_empty() {
            if self.first_frame_reported {
                return None;
            }
            self.first_frame_reported = true;
            Some(format!("startup: first frame after {ms:.0} ms"))
        } else {
            self.started = None;
            Some(format!(
                "startup: first frame with {} documents after {ms:.0} ms",
                self.corpus.library.len()
            ))
        }
    }
}

impl crate::app::TimelineApp {
    /// Lets a held load go on (see `AppDeps::hold_loading`); later loads are not held.
    pub fn release_loading(&mut self) {
        self.library.loader.hold = false;
        if let Some(running) = &self.library.loader.running {
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
            let corpus = Corpus::from_cache(load, themes);
            // Not delivered only if the app closed meanwhile: nothing to do then.
            out.send(corpus);
            // The loader's own end, to set beside the first frame's time.
            crate::phases::mark("at: loader delivered");
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
        if let Some(corpus) = self.library.loader.poll() {
            let install = crate::phases::start("app: install");
            self.install(Arc::new(corpus), true);
            install.done();
        }
        if self.research.bookmarks.poll() {
            self.recompute_starred();
        }
        self.search.poll_index(&self.library.corpus);
        self.search.state.poll();
        let answers: Vec<_> = self.frame.answers.drain().collect();
        self.commands.extend(answers);
    }

    /// Shows `corpus`, keeping the selection (by id) and the window where they still fit;
    /// builds its search index on a worker thread when `background`, else here and now.
    pub(in crate::app) fn install(&mut self, corpus: Arc<Corpus>, background: bool) {
        let previous = self
            .selected_document()
            .map(|d| d.id.clone())
            .or(self.library.pending_selection.take());
        let first = self.library.corpus.library.is_empty();
        self.library.corpus = corpus;
        self.timeline.selected = previous.and_then(|id| self.library.corpus.library.index_of(&id));
        // `--from/--to` asked for a window: a remembered selection outside it is dropped.
        if let Some(asked) = self.library.drop_selection_outside.take() {
            let inside = self
                .timeline
                .selected
                .and_then(|d| self.library.corpus.days_of(d))
                .is_some_and(|w| w.end > asked.start && w.start < asked.end);
            if !inside {
                self.timeline.selected = None;
            }
        }
        self.timeline.nav.set_limits(self.limits());
        // The first view shows everything, documents before 1945 or after 1996 included,
        // unless a window was remembered or asked for.
        if first && !self.library.window_restored {
            self.timeline.nav =
                crate::app::timeline_panel::navigation::Navigation::new(self.limits());
        }
        self.timeline.view = crate::app::timeline_panel::view::ViewState::default();
        self.recompute_starred();
        self.timeline.lanes_dirty = true;
        self.classroom.tour = None;
        // A link waiting for its target names a document by its place in the old library.
        self.side.detail.linking = None;
        if !background {
            self.search.index = None;
            self.search.state.index_now(&self.library.corpus);
            return;
        }
        self.search.state.start_indexing();
        let corpus = Arc::clone(&self.library.corpus);
        self.search.index = worker::spawn("search-index", &self.wake, move |out| {
            // The library cache's index when it has one that fits, else built here.
            let read = crate::phases::start("search index: cache read");
            let cached = corpus
                .cache
                .take_search()
                .and_then(crate::cache::PendingSearch::read);
            read.done();
            let index = cached.unwrap_or_else(|| {
                let build = crate::phases::start("search index: build");
                let index = crate::search::SearchIndex::build(&corpus.library);
                build.done();
                index
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_first_frame_is_reported_once() {
        let (loader, _) = Loader::new(None, None, ThemeSet::default());
        let mut library = LibraryState::new(loader, None, Some(Instant::now()));
        let line = library.startup_line().unwrap_or_default();
        assert!(line.starts_with("startup: first frame after"), "{line}");
        assert_eq!(library.startup_line(), None);
        assert!(library.started.is_some(), "still waiting for documents");
    }

    #[test]
    fn nothing_is_reported_without_a_start() {
        let (loader, _) = Loader::new(None, None, ThemeSet::default());
        let mut library = LibraryState::new(loader, None, None);
        assert_eq!(library.startup_line(), None);
    }
}
