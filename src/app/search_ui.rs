//! Search: the box (focus with / or Ctrl+F), the results list in date order, stepping with
//! Enter / Shift+Enter, and which documents match (the timeline dims the others).
//!
//! The index is built on a worker thread after each load; until it is ready the box says so.
//! Queries run only when the text changes, against the index, never by scanning every document.

use super::tokens::Tokens;
use super::Command;
use crate::corpus::Corpus;
use crate::model::DocIndex;
use crate::search::{Query, SearchIndex};
use egui::{RichText, Ui};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

/// Search state that outlives a frame.
pub struct SearchState {
    pub text: String,
    pub query: Query,
    /// Matching documents in date (library) order.
    pub results: Vec<DocIndex>,
    /// One bit per document: set when it matches.
    matched: Vec<u64>,
    /// Position in `results` of the last result stepped to.
    pub at: Option<usize>,
    index: Option<Arc<SearchIndex>>,
    index_rx: Option<Receiver<SearchIndex>>,
    /// Ask for keyboard focus on the box next frame.
    pub focus: bool,
}

impl Default for SearchState {
    fn default() -> Self {
        SearchState {
            text: String::new(),
            query: Query::parse(""),
            results: Vec::new(),
            matched: Vec::new(),
            at: None,
            index: None,
            index_rx: None,
            focus: false,
        }
    }
}

pub const SEARCH_BOX: &str = "Search titles, summaries and full texts";

impl SearchState {
    /// Builds the index for `corpus` on a worker thread (the old one is dropped).
    pub fn index(&mut self, corpus: &Arc<Corpus>, wake: impl Fn() + Send + 'static) {
        self.index = None;
        let (tx, rx) = mpsc::channel();
        let corpus = Arc::clone(corpus);
        let spawned = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                let _ = tx.send(SearchIndex::build(&corpus.library));
                wake();
            });
        self.index_rx = spawned.ok().map(|_| rx);
        self.results.clear();
        self.matched.clear();
        self.at = None;
    }

    /// Builds the index here and now (tests, benchmarks).
    pub fn index_now(&mut self, corpus: &Corpus) {
        self.index = Some(Arc::new(SearchIndex::build(&corpus.library)));
        self.index_rx = None;
        self.run(corpus);
    }

    pub fn is_ready(&self) -> bool {
        self.index.is_some()
    }

    /// Takes a finished index; true when it arrived (and the query was run again).
    pub fn poll(&mut self, corpus: &Corpus) -> bool {
        let Some(rx) = &self.index_rx else {
            return false;
        };
        match rx.try_recv() {
            Ok(index) => {
                self.index = Some(Arc::new(index));
                self.index_rx = None;
                self.run(corpus);
                true
            }
            Err(_) => false,
        }
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Whether `doc` matches; `None` when no search is active.
    pub fn is_match(&self, doc: DocIndex) -> Option<bool> {
        if !self.is_active() {
            return None;
        }
        Some(
            self.matched
                .get(doc / 64)
                .is_some_and(|word| word & (1u64 << (doc % 64)) != 0),
        )
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
        self.matched.clear();
        self.matched.resize(corpus.library.len().div_ceil(64), 0);
        for &d in &self.results {
            if let Some(word) = self.matched.get_mut(d / 64) {
                *word |= 1u64 << (d % 64);
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
}

/// The search box with its count and step buttons.
pub fn search_box(
    ui: &mut Ui,
    state: &mut SearchState,
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let hint = if state.is_ready() || state.index_rx.is_none() {
        "Search (/)"
    } else {
        "Indexing…"
    };
    let mut text = state.text.clone();
    let edit = egui::TextEdit::singleline(&mut text)
        .id_salt("search-box")
        .desired_width(260.0)
        .hint_text(hint);
    let response = ui.add(edit).on_hover_text(SEARCH_BOX);
    if state.focus {
        response.request_focus();
        state.focus = false;
    }
    if response.changed() {
        state.set_text(&text, corpus);
        if !state.results.is_empty() {
            commands.push(Command::SearchStep(1));
        }
    }
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        let back = ui.input(|i| i.modifiers.shift);
        commands.push(Command::SearchStep(if back { -1 } else { 1 }));
        response.request_focus();
    }
    if state.is_active() {
        let count = state.results.len();
        let label = match state.at {
            Some(at) => format!("{} of {count} results", at + 1),
            None => format!("{count} results"),
        };
        ui.label(RichText::new(label).color(if count == 0 { t.selection } else { t.text }));
        if ui
            .small_button("⏴")
            .on_hover_text("Previous result (Shift+Enter)")
            .clicked()
        {
            commands.push(Command::SearchStep(-1));
        }
        if ui
            .small_button("⏵")
            .on_hover_text("Next result (Enter)")
            .clicked()
        {
            commands.push(Command::SearchStep(1));
        }
        if ui
            .small_button("✖")
            .on_hover_text("Clear the search")
            .clicked()
        {
            state.set_text("", corpus);
        }
    }
}

/// The results in date order, on the left.
pub fn results_panel(
    ui: &mut Ui,
    state: &SearchState,
    corpus: &Corpus,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    egui::Panel::left("search-results")
        .resizable(true)
        .default_size(320.0)
        .size_range(220.0..=700.0)
        .show(ui, |ui| {
            ui.add_space(6.0);
            ui.heading(format!("🔎 {} results", state.results.len()));
            ui.label(RichText::new(format!("for {}", state.query.terms().join(" + "))).weak());
            ui.separator();
            let row_h = ui.text_style_height(&egui::TextStyle::Body) * 2.0 + 8.0;
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show_rows(ui, row_h, state.results.len(), |ui, rows| {
                    for i in rows {
                        let Some(&doc) = state.results.get(i) else {
                            continue;
                        };
                        let Some(d) = corpus.library.get(doc) else {
                            continue;
                        };
                        let current = state.at == Some(i);
                        let weak = if current { t.selection } else { t.text_weak };
                        ui.label(RichText::new(d.date_label()).small().color(weak));
                        let title = RichText::new(&d.title).color(if current {
                            t.selection
                        } else {
                            t.text
                        });
                        let b = egui::Button::new(title)
                            .frame(current)
                            .wrap_mode(egui::TextWrapMode::Truncate);
                        let line = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                        if ui
                            .add_sized([ui.available_width(), line], b)
                            .on_hover_text(&d.title)
                            .clicked()
                        {
                            commands.push(Command::SearchJump(i));
                        }
                    }
                });
        });
}
