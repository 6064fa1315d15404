//! Filters over the corpus: by theme, date range, date precision and bookmarks.
//!
//! A [`Filters`] value decides, per document, whether it passes; whether it is shown (filters
//! and hidden lanes together) is `app::lanes::is_shown`, the one rule. The app rebuilds the
//! lanes' indexes from it (keeping their date order, so no re-sort) only when it changes.

use crate::corpus::Corpus;
use crate::model::{DocDate, DocIndex, Precision};
use crate::workspace::overlay::{within, Within};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashSet};

/// How a document's date must lie in the from/to period to pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WithinMode {
    /// Some day the document could be dated lies in the period (its span overlaps it).
    #[default]
    Possibly,
    /// Every day it could be dated lies in the period.
    Certainly,
}

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
    /// Whether a date must lie certainly or only possibly within the from/to period.
    #[serde(default)]
    pub within: WithinMode,
}

impl Filters {
    pub fn is_active(&self) -> bool {
        // The mode alone, without a period, filters nothing.
        let mode_matters = self.from.is_some() || self.to.is_some();
        *self
            != Filters {
                within: if mode_matters {
                    WithinMode::default()
                } else {
                    self.within
                },
                ..Filters::default()
            }
    }

    /// Whether `doc`'s date lies within the from/to period as the mode asks: the user's EDTF
    /// date where set ([`within`]: open ends run to the ends of time), else the archive's
    /// day span. Undated documents never do.
    fn in_period(&self, corpus: &Corpus, doc: DocIndex, date: DocDate) -> bool {
        let from = self.from.and_then(DocDate::start).unwrap_or(NaiveDate::MIN);
        // The last day of the period (inclusive).
        let to = self
            .to
            .and_then(DocDate::end_exclusive)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX);
        let how = if let Some(edtf) = corpus.placement.user_dates.get(&doc) {
            within(edtf, from, to)
        } else {
            let (Some(start), Some(end)) = (date.start(), date.end_exclusive()) else {
                return false;
            };
            let last = end.pred_opt().unwrap_or(end);
            if last < from || start > to {
                Within::Outside
            } else if start >= from && last <= to {
                Within::Certainly
            } else {
                Within::Possibly
            }
        };
        match (how, self.within) {
            (Within::Certainly, _) | (Within::Possibly, WithinMode::Possibly) => true,
            (Within::Possibly, WithinMode::Certainly) | (Within::Outside, _) => false,
        }
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
        if (self.from.is_some() || self.to.is_some()) && !self.in_period(corpus, doc, d.date) {
            return false;
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
    fn certainly_within_keeps_only_dates_wholly_in_the_period() {
        let c = corpus();
        let possibly = Filters {
            from: DocDate::from_iso("1993-07-15"),
            to: DocDate::from_iso("1996-12"),
            ..Filters::default()
        };
        // July 1993 overlaps from the 15th; 1996 overlaps December.
        assert_eq!(possibly.count(&c, &HashSet::new()), 2);
        let certainly = Filters {
            within: WithinMode::Certainly,
            ..possibly.clone()
        };
        assert!(certainly.is_active());
        // 1996 lies wholly in the period; July 1993 begins before the 15th.
        assert_eq!(certainly.count(&c, &HashSet::new()), 1);
        let whole = Filters {
            from: DocDate::from_iso("1993"),
            to: DocDate::from_iso("1996"),
            ..certainly
        };
        assert_eq!(whole.count(&c, &HashSet::new()), 2);
        // Without a period the mode filters nothing.
        let mode_only = Filters {
            within: WithinMode::Certainly,
            ..Filters::default()
        };
        assert!(!mode_only.is_active());
    }

    #[test]
    fn a_user_date_is_judged_by_its_edtf() {
        use crate::model::Edtf;
        let mut c = corpus();
        // Kapto's recollections (dated 1996 by the archive) dated by the user "before 1957-03".
        let kapto = c.library.len() - 1;
        let mut placement = (*c.placement).clone();
        let edtf = Edtf::parse("../1957-03").expect("edtf");
        placement.user_dates.insert(kapto, edtf);
        c.placement = std::sync::Arc::new(placement);
        let in_1950 = Filters {
            from: DocDate::from_iso("1950"),
            to: DocDate::from_iso("1950"),
            ..Filters::default()
        };
        assert!(in_1950.keep(&c, kapto, &HashSet::new()), "possibly in 1950");
        let certainly = Filters {
            within: WithinMode::Certainly,
            ..in_1950.clone()
        };
        assert!(
            !certainly.keep(&c, kapto, &HashSet::new()),
            "never certainly"
        );
        let in_1996 = Filters {
            from: DocDate::from_iso("1996"),
            ..Filters::default()
        };
        assert!(
            !in_1996.keep(&c, kapto, &HashSet::new()),
            "its archive date is not used"
        );
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
