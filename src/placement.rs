//! Where the workspace puts documents, as values: the user's dates as drawn ([`DrawnDate`]: an
//! interval drawn as a bar, with faded ends where the date is approximate or open), the lanes
//! they put documents in by hand, and what the lanes group by ([`GroupBy`]: theme, collection,
//! language, archive, source file, subject, author), gathered in a [`Placement`].
//!
//! An input to the corpus, below it: `corpus` holds a [`Placement`] and derives a placed corpus
//! from the workspace ([`Corpus::placed`](crate::corpus::Corpus::placed)); this module knows
//! neither the corpus nor the workspace, nor egui.

use crate::model::{DocIndex, Edtf};
use crate::themes::OTHER_NAME;
use crate::timeline::days::day_of;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How far an open end of a user's interval is drawn (`../1957-03`, `1957-03/..`): a year.
pub const OPEN_END_DAYS: f64 = 365.0;
/// Most lanes a grouping by subject or author makes; the rest share one lane.
pub const MAX_GROUP_LANES: usize = 12;

/// What the lanes group by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GroupBy {
    #[default]
    Theme,
    Collection,
    Language,
    Archive,
    SourceFile,
    Subject,
    Author,
}

impl GroupBy {
    pub const ALL: [GroupBy; 7] = [
        GroupBy::Theme,
        GroupBy::Collection,
        GroupBy::Language,
        GroupBy::Archive,
        GroupBy::SourceFile,
        GroupBy::Subject,
        GroupBy::Author,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Theme => "Theme",
            GroupBy::Collection => "Collection",
            GroupBy::Language => "Language",
            GroupBy::Archive => "Archive",
            GroupBy::SourceFile => "Source file",
            GroupBy::Subject => "Subject",
            GroupBy::Author => "Author",
        }
    }

    /// The lane for documents the grouping says nothing about.
    pub(crate) fn none_lane(self) -> &'static str {
        match self {
            GroupBy::Theme => OTHER_NAME,
            GroupBy::Collection => "In no collection",
            GroupBy::Language => "Language not given",
            GroupBy::Archive => "Archive not given",
            GroupBy::SourceFile => "No source file",
            GroupBy::Subject => "No subject",
            GroupBy::Author => "No author",
        }
    }
}

/// A user's date as drawn: the days it covers and which ends are faded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawnDate {
    pub start: f64,
    pub end: f64,
    /// Approximate, uncertain or open at the start ("about", "on or before").
    pub fade_start: bool,
    pub fade_end: bool,
}

/// How a user's EDTF date is drawn; `None` when it covers no known day.
pub fn drawn_date(edtf: &Edtf) -> Option<DrawnDate> {
    let (start, end) = edtf.span();
    let vague = edtf.is_approximate() || edtf.is_uncertain();
    let (start, end, fade_start, fade_end) = match (start, end) {
        (Some(s), Some(e)) => (day_of(s), day_of(e) + 1.0, vague, vague),
        (None, Some(e)) => (
            day_of(e) + 1.0 - OPEN_END_DAYS,
            day_of(e) + 1.0,
            true,
            vague,
        ),
        (Some(s), None) => (day_of(s), day_of(s) + OPEN_END_DAYS, vague, true),
        (None, None) => return None,
    };
    Some(DrawnDate {
        start,
        end,
        fade_start,
        fade_end,
    })
}

/// What the workspace changed about the loaded documents' places.
#[derive(Clone, Debug, Default)]
pub struct Placement {
    pub group_by: GroupBy,
    /// The user's dates, as drawn.
    pub dates: HashMap<DocIndex, DrawnDate>,
    /// The user's dates as written (the filters' "certainly / possibly within" read them).
    pub user_dates: HashMap<DocIndex, Edtf>,
    /// Lanes documents were put in by hand (theme grouping only).
    pub lane_of: HashMap<DocIndex, String>,
    /// For other groupings: each document's (first) lane, an index into the corpus's lanes.
    pub group_of: Vec<u32>,
}

impl Placement {
    /// Nothing placed: the theme rules and the archive's dates.
    pub fn is_plain(&self) -> bool {
        self.group_by == GroupBy::Theme && self.dates.is_empty() && self.lane_of.is_empty()
    }
}

/// The archive-reference's archive: the abbreviation in parentheses ("(AVPRF)"), else the text
/// before the first comma.
pub fn archive_of(reference: &str) -> Option<String> {
    if let (Some(a), Some(b)) = (reference.find('('), reference.find(')')) {
        let inner = reference.get(a + 1..b).unwrap_or("").trim();
        if b > a && !inner.is_empty() && inner.len() <= 16 {
            return Some(inner.to_string());
        }
    }
    let head = reference.split(',').next().unwrap_or("").trim();
    (!head.is_empty()).then(|| head.chars().take(60).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_dates_are_drawn_with_faded_vague_and_open_ends() {
        let d = |s: &str| drawn_date(&Edtf::parse(s).expect(s)).expect(s);
        let plain = d("1957-09");
        assert_eq!(plain.end - plain.start, 30.0);
        assert!(!plain.fade_start && !plain.fade_end);
        let about = d("1957~");
        assert!(about.fade_start && about.fade_end);
        assert_eq!(about.end - about.start, 365.0);
        let between = d("1956-08/1956-10");
        assert_eq!(between.end - between.start, 31.0 + 30.0 + 31.0);
        assert!(!between.fade_start && !between.fade_end);
        let before = d("../1957-03");
        assert!(before.fade_start && !before.fade_end);
        assert_eq!(before.end - before.start, OPEN_END_DAYS);
        let after = d("1957-03/..");
        assert!(!after.fade_start && after.fade_end);
    }

    #[test]
    fn the_archive_is_read_from_the_reference() {
        assert_eq!(
            archive_of(
                "Archive of the Foreign Policy of the Russian Federation (AVPRF), fond 0102"
            )
            .as_deref(),
            Some("AVPRF")
        );
        assert_eq!(
            archive_of("Hoover Institution Archives, Box 3").as_deref(),
            Some("Hoover Institution Archives")
        );
        assert_eq!(archive_of("  "), None);
    }
}
