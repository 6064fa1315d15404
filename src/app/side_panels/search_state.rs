//! The search the user is typing: its text, the parsed query, the results in date order, which
//! documents match (one bit each), and the result last stepped to. Plain state, no egui: the
//! box and the results list in `search_ui` paint it, and the app builds the index off the UI
//! thread and hands it over with [`SearchState::set_index`].
//!
//! In the app's own window the queries run off the UI thread too ([`SearchState::use_worker`]):
//! at a million documents a broad one ("p", the start of a phrase) takes 5-15 ms, each
//! keystroke. The results of the last query answered stay drawn until the newest one's arrive.

use crate::app::base::worker::{self, Inbox, Outbox, Polled, Wake};
use crate::corpus::Corpus;
use crate::model::DocIndex;
use crate::search::{Query, SearchIndex, SearchMemo};
use fixedbitset::FixedBitSet;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

/// Search state that outlives a frame.
pub struct SearchState {
    pub text: String,
    pub query: Query,
    /// Matching documents in date (library) order.
    pub results: Vec<DocIndex>,
    /// One bit per document: set when it matches.
    matched: FixedBitSet,
    /// Position in `results` of the last result stepped to.
    pub at: Option<usize>,
    index: Option<Arc<SearchIndex>>,
    /// An index is being built for the current corpus.
    indexing: bool,
    /// The thread queries go to, when they run off the UI thread.
    searcher: Option<Searcher>,
    /// The number of the newest query asked, and of the one whose results are shown.
    asked: u64,
    shown: u64,
    /// Documents in the library last searched.
    docs: usize,
    /// Results were shown since [`SearchState::take_first`] last looked.
    fresh: bool,
    /// Typing asked for the first result to be selected when it is shown.
    follow: bool,
    /// Word sequences of the last candidates, for the next keystroke's query (here; the
    /// worker keeps its own).
    memo: SearchMemo,
    /// Which results are shown, unique in the process (what is drawn from them is kept by it).
    answer: u64,
}

/// The next [`SearchState::answer`], shared by every search state, so two never meet.
static NEXT_ANSWER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Default for SearchState {
    fn default() -> Self {
        SearchState {
            text: String::new(),
            query: Query::parse(""),
            results: Vec::new(),
            matched: FixedBitSet::new(),
            at: None,
            index: None,
            indexing: false,
            searcher: None,
            asked: 0,
            shown: 0,
            docs: 0,
            fresh: false,
            follow: false,
            memo: SearchMemo::default(),
            answer: 0,
        }
    }
}

/// A query for the search worker. Only the newest waiting is answered.
struct Ask {
    number: u64,
    query: Query,
    index: Arc<SearchIndex>,
    /// Documents in the library the index was built over.
    docs: usize,
}

/// The results of one query, with their bits: what [`SearchState`] shows.
struct Found {
    number: u64,
    results: Vec<DocIndex>,
    matched: FixedBitSet,
}

impl Found {
    fn new(number: u64, results: Vec<DocIndex>, docs: usize) -> Found {
        let mut matched = FixedBitSet::with_capacity(docs);
        for &d in &results {
            if d < matched.len() {
                matched.insert(d);
            }
        }
        Found {
            number,
            results,
            matched,
        }
    }

    /// Query number `number` answered by `index` over a library of `docs` documents.
    fn search(
        number: u64,
        index: &SearchIndex,
        query: &Query,
        docs: usize,
        memo: &mut SearchMemo,
    ) -> Found {
        Found::new(number, index.search_remembering(docs, query, memo), docs)
    }
}

/// The thread that answers queries, and the answers on their way back.
struct Searcher {
    asks: mpsc::Sender<Ask>,
    found: Inbox<Found>,
}

impl Searcher {
    fn start(wake: &Wake) -> std::io::Result<Searcher> {
        let (asks, waiting) = mpsc::channel::<Ask>();
        let (out, found) = Inbox::new(wake);
        worker::spawn_into("search", out, move |out: Outbox<Found>| {
            let mut memo = SearchMemo::default();
            while let Ok(mut ask) = waiting.recv() {
                // Keystrokes typed while the last query ran: only the newest counts.
                while let Ok(newer) = waiting.try_recv() {
                    ask = newer;
                }
                let found = Found::search(ask.number, &ask.index, &ask.query, ask.docs, &mut memo);
                drop(ask);
                if !out.send(found) {
                    return;
                }
            }
        })?;
        Ok(Searcher { asks, found })
    }
}

impl SearchState {
    /// Drops the index of the previous corpus while a new one is built elsewhere.
    pub fn start_indexing(&mut self) {
        self.index = None;
        self.memo = SearchMemo::default();
        self.indexing = true;
        // Answers still on their way are of the old library: none is shown.
        self.asked += 1;
        self.show(Found::new(self.asked, Vec::new(), 0));
    }

    /// From now on queries run on a worker thread that wakes `wake` with each answer
    /// ([`SearchState::poll`] takes them). Stays on this thread if no thread can be had.
    pub fn use_worker(&mut self, wake: &Wake) {
        if self.searcher.is_none() {
            self.searcher = Searcher::start(wake).ok();
        }
    }

    /// Shows the newest answer the worker has delivered, if it is newer than what is shown.
    pub fn poll(&mut self) {
        let Some(searcher) = &self.searcher else {
            return;
        };
        if let Some(found) = searcher.found.drain().last() {
            if found.number > self.shown {
                self.show(found);
            }
        }
    }

    /// A query is on its way: the results shown are an earlier one's.
    pub fn is_pending(&self) -> bool {
        self.shown < self.asked
    }

    /// Waits for the newest query's results (for what acts on them: stepping, a tour of
    /// them). At most two seconds, then what is there is used.
    pub fn settle(&mut self) {
        let limit = std::time::Instant::now() + Duration::from_secs(2);
        while self.is_pending() {
            let Some(searcher) = &self.searcher else {
                return;
            };
            let left = limit.saturating_duration_since(std::time::Instant::now());
            match searcher.found.wait(left) {
                Polled::Ready(found) => {
                    if found.number > self.shown {
                        self.show(found);
                    }
                }
                Polled::Pending => return,
                Polled::Closed => {
                    // The worker is gone: answer here from now on.
                    self.searcher = None;
                    return self.answer_here();
                }
            }
        }
    }

    fn show(&mut self, found: Found) {
        self.answer = NEXT_ANSWER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.shown = found.number;
        self.results = found.results;
        self.matched = found.matched;
        self.at = None;
        self.fresh = true;
    }

    /// The text was typed: its first result is selected when it is shown.
    pub fn follow_first(&mut self) {
        self.follow = true;
    }

    /// Whether to select the first result now: results arrived for the text being typed
    /// since it was last asked (once per answer, until the newest query's).
    pub fn take_first(&mut self) -> bool {
        if !self.follow || !std::mem::take(&mut self.fresh) {
            return false;
        }
        if !self.is_pending() {
            self.follow = false;
        }
        !self.results.is_empty()
    }

    /// Takes a finished index and runs the query again.
    pub fn set_index(&mut self, index: SearchIndex, corpus: &Corpus) {
        self.index = Some(Arc::new(index));
        self.indexing = false;
        self.run(corpus);
    }

    /// Builds the index here and now (tests, benchmarks).
    pub fn index_now(&mut self, corpus: &Corpus) {
        self.set_index(SearchIndex::build(&corpus.library), corpus);
    }

    pub fn is_ready(&self) -> bool {
        self.index.is_some()
    }

    /// An index is on its way (the box says "Indexing…").
    pub fn is_indexing(&self) -> bool {
        self.indexing
    }

    /// Which results are shown: a number that changes whenever they do, and is never that of
    /// another search state's results.
    pub fn answer(&self) -> u64 {
        self.answer
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Whether `doc` matches; `None` when no search is active.
    pub fn is_match(&self, doc: DocIndex) -> Option<bool> {
        self.is_active().then(|| self.matched.contains(doc))
    }

    /// Sets the text and runs the query.
    pub fn set_text(&mut self, text: &str, corpus: &Corpus) {
        self.text = text.to_string();
        self.run(corpus);
    }

    fn run(&mut self, corpus: &Corpus) {
        self.query = Query::parse(&self.text);
        self.asked += 1;
        self.docs = corpus.library.len();
        if let (Some(searcher), Some(index)) = (&self.searcher, &self.index) {
            if self.query.is_empty() {
                return self.answer_here();
            }
            let ask = Ask {
                number: self.asked,
                query: self.query.clone(),
                index: Arc::clone(index),
                docs: self.docs,
            };
            if searcher.asks.send(ask).is_ok() {
                return;
            }
            // The worker is gone: answer here from now on.
            self.searcher = None;
        }
        self.answer_here();
    }

    /// Answers the newest query on this thread.
    fn answer_here(&mut self) {
        let found = match &self.index {
            Some(index) if !self.query.is_empty() => {
                Found::search(self.asked, index, &self.query, self.docs, &mut self.memo)
            }
            // Nothing to search: no results, now.
            _ => Found::new(self.asked, Vec::new(), 0),
        };
        self.show(found);
    }

    /// The result after (delta > 0) or before the current one, wrapping around.
    pub fn step(&mut self, delta: i32) -> Option<DocIndex> {
        self.follow = false;
        let n = self.results.len();
        if n == 0 {
            return None;
        }
        let next = match self.at {
            None if delta >= 0 => 0,
            None => n - 1,
            Some(at) if delta >= 0 => (at + 1) % n,
            Some(at) => (at + n - 1) % n,
        };
        self.at = Some(next);
        self.results.get(next).copied()
    }

    /// Result number `n`, which becomes the current one.
    pub fn jump(&mut self, n: usize) -> Option<DocIndex> {
        let doc = self.results.get(n).copied()?;
        self.at = Some(n);
        Some(doc)
    }
}

/// The search as the app holds it: the query being typed and its results, the index
/// being built on a worker, and whether the search box should take the focus.
pub(in crate::app) struct Search {
    pub state: SearchState,
    /// The index on its way from the worker, while it is built.
    pub index: Option<Inbox<SearchIndex>>,
    pub focus: bool,
}

impl Search {
    pub fn new() -> Search {
        Search {
            state: SearchState::default(),
            index: None,
            focus: false,
        }
    }

    /// Takes the index from its worker once it is built (queries use it from then on).
    pub fn poll_index(&mut self, corpus: &Corpus) {
        if let Some(inbox) = &self.index {
            match inbox.poll() {
                Polled::Ready(index) => {
                    self.state.set_index(index, corpus);
                    self.index = None;
                }
                Polled::Pending => {}
                Polled::Closed => self.index = None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_seeds;
    use crate::themes::ThemeSet;

    #[test]
    fn results_step_around_and_mark_matches() {
        let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
        let mut s = SearchState::default();
        s.index_now(&corpus);
        assert_eq!(s.is_match(0), None, "no search, no verdict");
        s.set_text("puzanov", &corpus);
        let n = s.results.len();
        assert!(n >= 2, "{n}");
        let first = s.step(1).expect("a result");
        assert_eq!(s.is_match(first), Some(true));
        assert_eq!(s.step(-1), s.results.last().copied());
        assert_eq!(s.jump(0), Some(first));
        assert_eq!(s.jump(n), None);
    }

    /// Waits for the search worker's next delivery after `seen` (never by sleeping).
    fn next_answer(wake: &Wake, seen: u64) {
        assert!(
            wake.wait_after(seen, Duration::from_secs(60)),
            "the search worker answered nothing"
        );
    }

    #[test]
    fn on_a_worker_the_newest_query_wins_and_an_older_answer_never_replaces_it() {
        let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
        let mut here = SearchState::default();
        here.index_now(&corpus);
        here.set_text("puzanov", &corpus);
        let puzanov = here.results.clone();
        assert!(puzanov.len() >= 2, "{puzanov:?}");

        let wake = Wake::default();
        let mut s = SearchState::default();
        s.index_now(&corpus);
        s.use_worker(&wake);
        // Three keystrokes before any answer is looked at: the results shown are the last
        // one's, whichever of the three the worker answered on the way.
        let seen = wake.deliveries();
        s.set_text("p", &corpus);
        s.set_text("pu", &corpus);
        s.set_text("puzanov", &corpus);
        assert!(
            s.is_pending() && s.results.is_empty(),
            "asked, not yet shown"
        );
        while s.is_pending() {
            next_answer(&wake, seen);
            s.poll();
        }
        assert_eq!(s.results, puzanov);
        assert!(s.is_match(puzanov[0]) == Some(true));

        // A query cleared before its answer arrives: the late answer is dropped.
        let seen = wake.deliveries();
        s.set_text("soviet", &corpus);
        s.set_text("", &corpus);
        assert!(!s.is_pending() && s.results.is_empty());
        next_answer(&wake, seen);
        s.poll();
        assert!(s.results.is_empty() && !s.is_active());

        // Stepping waits for what was typed (Enter right after the keystroke).
        s.set_text("puzanov", &corpus);
        s.settle();
        assert!(!s.is_pending());
        assert_eq!(s.step(1), puzanov.first().copied());
    }

    #[test]
    fn typing_selects_the_first_result_once_it_is_shown() {
        let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
        let wake = Wake::default();
        let mut s = SearchState::default();
        s.index_now(&corpus);
        s.use_worker(&wake);
        let seen = wake.deliveries();
        s.set_text("puzanov", &corpus);
        s.follow_first();
        assert!(!s.take_first(), "nothing shown yet");
        next_answer(&wake, seen);
        s.poll();
        assert!(s.take_first(), "the answer is shown: select its first");
        assert!(!s.take_first(), "once per answer");
        // Here and now (no worker), the same: once, right after the keystroke.
        let mut here = SearchState::default();
        here.index_now(&corpus);
        here.set_text("puzanov", &corpus);
        here.follow_first();
        assert!(here.take_first() && !here.take_first());
        // A step of the user's own ends the following.
        here.set_text("puzan", &corpus);
        here.follow_first();
        here.step(1);
        assert!(!here.take_first());
    }

    #[test]
    fn the_index_from_its_worker_answers_the_query_typed_while_it_was_built() {
        let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
        let wake = crate::app::base::worker::Wake::default();
        let mut search = Search::new();
        let (out, inbox) = Inbox::new(&wake);
        search.index = Some(inbox);
        search.state.start_indexing();
        search.state.set_text("puzanov", &corpus);
        search.poll_index(&corpus);
        assert!(
            !search.state.is_ready() && search.index.is_some(),
            "not yet built"
        );
        assert!(out.send(SearchIndex::build(&corpus.library)));
        search.poll_index(&corpus);
        assert!(search.state.is_ready() && search.index.is_none());
        assert!(
            search.state.results.len() >= 2,
            "the query ran on the new index"
        );
        // A worker that ends without an index closes the inbox: nothing is left waiting.
        let (out, inbox) = Inbox::<SearchIndex>::new(&wake);
        search.index = Some(inbox);
        drop(out);
        search.poll_index(&corpus);
        assert!(search.index.is_none());
    }
}
