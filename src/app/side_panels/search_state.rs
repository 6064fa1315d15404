//! The search the user is typing: its text, the parsed query, the results in date order, which
//! documents match (one bit each), and the result last stepped to. Plain state, no egui: the
//! box and the results list in `search_ui` paint it, and the app builds the index off the UI
//! thread and hands it over with [`SearchState::set_index`].

use crate::app::base::worker::{Inbox, Polled};
use crate::corpus::Corpus;
use crate::model::DocIndex;
use crate::search::{Query, SearchIndex};
use fixedbitset::FixedBitSet;
use std::sync::Arc;

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
}

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
        }
    }
}

impl SearchState {
    /// Drops the index of the previous corpus while a new one is built elsewhere.
    pub fn start_indexing(&mut self) {
        self.index = None;
        self.indexing = true;
        self.results.clear();
        self.matched.clear();
        self.at = None;
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
        self.at = None;
        self.results = match (&self.index, self.query.is_empty()) {
            (Some(index), false) => index.search(&corpus.library, &self.query),
            _ => Vec::new(),
        };
        self.matched = FixedBitSet::with_capacity(corpus.library.len());
        for &d in &self.results {
            if d < self.matched.len() {
                self.matched.insert(d);
            }
        }
    }

    /// The result after (delta > 0) or before the current one, wrapping around.
    pub fn step(&mut self, delta: i32) -> Option<DocIndex> {
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
