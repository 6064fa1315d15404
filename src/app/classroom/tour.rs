//! Tours for the classroom: a walk through chosen documents (the bookmarks, a theme's lane,
//! the search results) in date order, or a collection (a lesson) in its own order, and the
//! window each stop shows. A tour of the bookmarks can also stop at the context events within
//! their span.
//!
//! Plain state, no egui: the app steps it on commands and the card in `present` paints it.

use crate::context::ContextEvent;
use crate::model::{DocIndex, Precision};
use crate::timeline::days::day_of;
use crate::timeline::TimeWindow;

/// Where a tour stops.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    Document(DocIndex),
    Event(ContextEvent),
}

/// A guided walk through chosen documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    /// What the tour is of ("Bookmarks", a theme's name, "Search results").
    pub name: String,
    pub stops: Vec<Stop>,
    pub at: usize,
    /// The collection a lesson walks (its entries give each stop's view and note).
    pub collection: Option<String>,
}

impl Tour {
    /// A tour of `docs` in date order (library order is date order), without repeats.
    pub fn new(name: impl Into<String>, mut docs: Vec<DocIndex>) -> Option<Tour> {
        docs.sort_unstable();
        docs.dedup();
        (!docs.is_empty()).then(|| Tour {
            name: name.into(),
            stops: docs.into_iter().map(Stop::Document).collect(),
            at: 0,
            collection: None,
        })
    }

    /// A lesson: the loaded documents of collection `name` in the collection's order (`docs`,
    /// as given, a repeat dropped).
    pub fn lesson(name: &str, docs: &[DocIndex]) -> Option<Tour> {
        let mut seen = std::collections::HashSet::new();
        let stops: Vec<Stop> = docs
            .iter()
            .filter(|d| seen.insert(**d))
            .map(|&d| Stop::Document(d))
            .collect();
        (!stops.is_empty()).then(|| Tour {
            name: name.to_string(),
            stops,
            at: 0,
            collection: Some(name.to_string()),
        })
    }

    /// A tour of `docs` with the `events` that start within their dated span between them,
    /// all in date order (an event before a document of the same day). `window_of` gives a
    /// document's days (undated documents come last).
    pub fn with_events(
        name: impl Into<String>,
        mut docs: Vec<DocIndex>,
        events: &[ContextEvent],
        window_of: impl Fn(DocIndex) -> Option<TimeWindow>,
    ) -> Option<Tour> {
        docs.sort_unstable();
        docs.dedup();
        let days: Vec<f64> = docs
            .iter()
            .filter_map(|&d| window_of(d))
            .map(|w| w.start)
            .collect();
        let first = days.iter().copied().fold(f64::INFINITY, f64::min);
        let last = days.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mut keyed: Vec<(f64, u8, Stop)> = docs
            .iter()
            .map(|&d| {
                (
                    window_of(d).map_or(f64::INFINITY, |w| w.start),
                    1,
                    Stop::Document(d),
                )
            })
            .collect();
        for event in events {
            let day = day_of(event.first_day());
            if day >= first && day <= last {
                keyed.push((day, 0, Stop::Event(event.clone())));
            }
        }
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        (!keyed.is_empty()).then(|| Tour {
            name: name.into(),
            stops: keyed.into_iter().map(|(_, _, s)| s).collect(),
            at: 0,
            collection: None,
        })
    }

    /// The document of the current stop (none at a context event).
    pub fn current(&self) -> Option<DocIndex> {
        match self.stops.get(self.at)? {
            Stop::Document(d) => Some(*d),
            Stop::Event(_) => None,
        }
    }

    /// The context event of the current stop, if it is one.
    pub fn current_event(&self) -> Option<&ContextEvent> {
        match self.stops.get(self.at)? {
            Stop::Event(e) => Some(e),
            Stop::Document(_) => None,
        }
    }

    /// Moves by `delta` stops, staying within the tour; true when it moved.
    pub fn step(&mut self, delta: i32) -> bool {
        let last = self.stops.len().saturating_sub(1);
        let next = if delta >= 0 {
            (self.at + usize::try_from(delta).unwrap_or(0)).min(last)
        } else {
            self.at
                .saturating_sub(usize::try_from(delta.unsigned_abs()).unwrap_or(0))
        };
        let moved = next != self.at;
        self.at = next;
        moved
    }

    /// "4 / 12".
    pub fn counter(&self) -> String {
        format!("{} / {}", self.at + 1, self.stops.len())
    }
}

/// The window a tour step shows: the document with some weeks, months or years around it; a
/// document the user dated, its days (as [`crate::corpus::Corpus::days_of`] places it) with a
/// tenth of their length either side.
pub fn window_for(corpus: &crate::corpus::Corpus, doc: DocIndex) -> Option<TimeWindow> {
    let days = corpus.days_of(doc)?;
    if corpus.placement.dates.contains_key(&doc) {
        let margin = ((days.end - days.start) * 0.1).max(30.0);
        return Some(days.padded(margin));
    }
    let margin = match corpus.library.get(doc)?.precision() {
        Precision::Day => 45.0,
        Precision::Month => 120.0,
        Precision::Year | Precision::Undated => 540.0,
    };
    Some(days.padded(margin))
}

/// The window a stop at a context event shows: the event with some weeks around it (an
/// interval with a tenth of its length either side).
pub fn window_for_event(event: &ContextEvent) -> TimeWindow {
    let start = day_of(event.first_day());
    let end = day_of(event.last_day()) + 1.0;
    TimeWindow::new(start, end).padded(((end - start) * 0.1).max(45.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stop at a document the user dated opens on the user's days (all of them), not on the
    /// archive's date.
    #[test]
    fn a_user_dated_stop_shows_the_users_days() {
        use crate::workspace::{DocCard, Op, Overlay, Workspace};
        let corpus = crate::corpus::Corpus::build(
            crate::ingest::load_seeds(),
            crate::themes::ThemeSet::builtin(),
        );
        let doc = 0;
        let archive = window_for(&corpus, doc).expect("dated");
        let mut ws = Workspace::default();
        let d = &corpus.library.docs()[doc];
        Op::SetDate {
            id: d.id.clone(),
            card: Some(DocCard::of(d)),
            edtf: "1950-03/1951-08~".into(),
            reason: String::new(),
        }
        .apply(&mut ws)
        .expect("dates");
        let placed = corpus.placed(
            &ws,
            &Overlay::build(&ws, &corpus.library),
            Default::default(),
        );
        let days = placed.days_of(doc).expect("placed");
        let w = window_for(&placed, doc).expect("dated");
        assert!(
            w.start < days.start && w.end > days.end,
            "{w:?} holds {days:?}"
        );
        assert!(!w.contains(archive.start + (archive.end - archive.start) / 2.0));
    }

    #[test]
    fn tour_steps_stay_inside() {
        let mut tour = Tour::new("Bookmarks", vec![9, 3, 5, 3]).expect("a tour");
        assert_eq!(
            tour.stops,
            vec![Stop::Document(3), Stop::Document(5), Stop::Document(9)]
        );
        assert_eq!(tour.counter(), "1 / 3");
        assert!(!tour.step(-1));
        assert!(tour.step(1));
        assert!(tour.step(1));
        assert!(!tour.step(1));
        assert_eq!(tour.current(), Some(9));
        assert_eq!(tour.counter(), "3 / 3");
        assert!(Tour::new("none", vec![]).is_none());
    }

    #[test]
    fn a_lesson_keeps_the_collections_order() {
        let tour = Tour::lesson("Lesson", &[9, 3, 9, 5]).expect("a tour");
        assert_eq!(
            tour.stops,
            vec![Stop::Document(9), Stop::Document(3), Stop::Document(5)]
        );
        assert_eq!(tour.collection.as_deref(), Some("Lesson"));
        assert!(Tour::lesson("Empty", &[]).is_none());
    }

    #[test]
    fn context_events_within_the_span_are_stops_in_date_order() {
        let events = crate::context::builtin();
        let day = |y, m, d| day_of(chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date"));
        // Three "documents": 1 June 1956, 20 October 1956, 1 January 1957 (by index).
        let dates = [day(1956, 6, 1), day(1956, 10, 20), day(1957, 1, 1)];
        let window_of = |d: DocIndex| dates.get(d).map(|&s| TimeWindow::new(s, s + 1.0));
        let tour =
            Tour::with_events("Bookmarks", vec![2, 0, 1], &events, window_of).expect("a tour");
        let titles: Vec<String> = tour
            .stops
            .iter()
            .map(|s| match s {
                Stop::Document(d) => format!("doc {d}"),
                Stop::Event(e) => e.title.clone(),
            })
            .collect();
        assert_eq!(titles.first().map(String::as_str), Some("doc 0"));
        assert_eq!(titles.last().map(String::as_str), Some("doc 2"));
        let hungary = titles
            .iter()
            .position(|t| t.contains("Hungar"))
            .expect("the Hungarian Revolution (23 October 1956) is a stop");
        let doc1 = titles.iter().position(|t| t == "doc 1").expect("doc 1");
        assert!(doc1 < hungary, "{titles:?}");
        assert!(
            !titles.iter().any(|t| t.contains("Sputnik")),
            "after the span"
        );
        let mut tour = tour;
        tour.step(1);
        assert_eq!(tour.current(), None);
        assert!(tour.current_event().is_some());
    }
}
