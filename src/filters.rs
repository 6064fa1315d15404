//! Filters over the corpus: by theme, date range, date precision and bookmarks.
//!
//! A [`Filters`] value decides, per document, whether it passes; whether it is shown (filters
//! and hidden lanes together) is `app::lanes::is_shown`, the one rule. The app rebuilds the
//! lanes' indexes from it (keeping their date order, so no re-sort) only when it changes.

use crate::corpus::Corpus;
use crate::model::{DocDate, DocIndex, Precision};
use std::collections::{BTreeSet, HashSet};

#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Filters {
    /// Show only documents having one of these themes (by name; "Other" for none). Empty: all.
    pub themes: BTreeSet<String>,
    /// Show only documents whose date span overlaps this range (either end may be open).
    pub from: Option<DocDate>,
    pub to: Option<DocDate>,
    /// Precisions to hide.
    pub hidden_precisions: BTreeSet<Precision>,
    pub bookmarked_only: bool,
}

impl Filters {
    pub fn is_active(&self) -> bool {
        *self != Filters::default()
    }

    /// Whether document `doc` passes every filter.
    pub fn keep(&self, corpus: &Corpus, doc: DocIndex, bookmarked: &HashSet<DocIndex>) -> bool {
        let Some(d) = corpus.library.get(doc) else {
            return false;
        };
        if self.bookmarked_only && !bookmarked.contains(&doc) {
            return false;
        }
        if self.hidden_precisions.contains(&d.precision()) {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let (Some(start), Some(end)) = (d.date.start(), d.date.end_exclusive()) else {
                return false; // a date range excludes undated documents
            };
            if let Some(from) = self.from.and_then(DocDate::start) {
                if end <= from {
                    return false;
                }
            }
            if let Some(to) = self.to.and_then(DocDate::end_exclusive) {
                if start >= to {
                    return false;
                }
            }
        }
        if !self.themes.is_empty() {
            let names = corpus.theme_names(doc);
            if !names.iter().any(|n| self.themes.contains(*n)) {
                return false;
            }
        }
        true
    }

    /// How many documents of the corpus pass.
    pub fn count(&self, corpus: &Corpus, bookmarked: &HashSet<DocIndex>) -> usize {
        if !self.is_active() {
            return corpus.library.len();
        }
        (0..corpus.library.len())
            .filter(|&i| self.keep(corpus, i, bookmarked))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_seeds;
    use crate::themes::ThemeSet;

    fn corpus() -> Corpus {
        Corpus::build(load_seeds(), ThemeSet::builtin())
    }

    #[test]
    fn no_filter_keeps_everything() {
        let c = corpus();
        assert!(!Filters::default().is_active());
        assert_eq!(Filters::default().count(&c, &HashSet::new()), 39);
    }

    #[test]
    fn date_range_keeps_overlapping_spans() {
        let c = corpus();
        let f = Filters {
            from: DocDate::from_iso("1956-09"),
            to: DocDate::from_iso("1956-09"),
            ..Filters::default()
        };
        // The thirteen September 1956 records of the seeds (the KWP plenum decision of
        // September 15 through Ponomarev's telegram of September 26).
        assert_eq!(f.count(&c, &HashSet::new()), 13);
        let f = Filters {
            from: DocDate::from_iso("1996"),
            ..Filters::default()
        };
        // Kapto's recollections are dated only "1996": the year overlaps.
        assert_eq!(f.count(&c, &HashSet::new()), 1);
    }

    #[test]
    fn precision_theme_and_bookmark_filters() {
        let c = corpus();
        let f = Filters {
            hidden_precisions: [Precision::Day].into_iter().collect(),
            ..Filters::default()
        };
        assert_eq!(f.count(&c, &HashSet::new()), 2, "July 1993 and 1996");
        let f = Filters {
            themes: ["Korean War".to_string()].into_iter().collect(),
            ..Filters::default()
        };
        let n = f.count(&c, &HashSet::new());
        assert!(n >= 3, "{n}");
        let f = Filters {
            bookmarked_only: true,
            ..Filters::default()
        };
        assert_eq!(f.count(&c, &[0, 5].into_iter().collect()), 2);
        assert_eq!(f.count(&c, &HashSet::new()), 0);
    }
}
