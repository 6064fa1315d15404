//! Tours for the classroom: a walk through chosen documents (the bookmarks, a theme's lane,
//! the search results) in date order, and the window each stop shows.
//!
//! Plain state, no egui: the app steps it on commands and the card in `present` paints it.

use crate::model::{DocIndex, Document, Precision};
use crate::timeline::TimeWindow;

/// What a tour walks through.
#[derive(Clone, Debug, PartialEq)]
pub enum TourSource {
    Bookmarks,
    /// A theme lane, by name.
    Lane(String),
    SearchResults,
}

/// A guided walk through chosen documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Tour {
    /// What the tour is of ("Bookmarks", a theme's name, "Search results").
    pub name: String,
    pub stops: Vec<DocIndex>,
    pub at: usize,
}

impl Tour {
    /// A tour of `docs` in date order (library order is date order), without repeats.
    pub fn new(name: impl Into<String>, mut docs: Vec<DocIndex>) -> Option<Tour> {
        docs.sort_unstable();
        docs.dedup();
        (!docs.is_empty()).then(|| Tour {
            name: name.into(),
            stops: docs,
            at: 0,
        })
    }

    pub fn current(&self) -> Option<DocIndex> {
        self.stops.get(self.at).copied()
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

/// The window a tour step shows: the document with some weeks, months or years around it.
pub fn window_for(doc: &Document) -> Option<TimeWindow> {
    let margin = match doc.precision() {
        Precision::Day => 45.0,
        Precision::Month => 120.0,
        Precision::Year | Precision::Undated => 540.0,
    };
    TimeWindow::of_date(doc.date).map(|w| w.padded(margin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tour_steps_stay_inside() {
        let mut tour = Tour::new("Bookmarks", vec![9, 3, 5, 3]).expect("a tour");
        assert_eq!(tour.stops, vec![3, 5, 9]);
        assert_eq!(tour.counter(), "1 / 3");
        assert!(!tour.step(-1));
        assert!(tour.step(1));
        assert!(tour.step(1));
        assert!(!tour.step(1));
        assert_eq!(tour.current(), Some(9));
        assert_eq!(tour.counter(), "3 / 3");
        assert!(Tour::new("none", vec![]).is_none());
    }
}
