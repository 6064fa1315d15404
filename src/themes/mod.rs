//! Themes: the named, coloured lanes of the timeline, and which documents belong to each.
//!
//! Owns the theme file format (`assets/themes.ron`, or a user's file of the same form), its
//! validation with errors that name file, line and column, and the classification of documents
//! into themes. Pure: no egui, no drawing, no state beyond the loaded [`ThemeSet`]. It must not
//! touch the documents (it only reads them) nor decide how lanes are painted. Files: this one
//! (the public API), `file` (the RON format), `matcher` (the automaton), `tests`.
//!
//! # The file
//!
//! ```ron
//! (
//!     themes: [
//!         (
//!             name: "Korean War",
//!             color: (213, 94, 0),
//!             description: "June 1950 to the armistice of July 1953",
//!             rules: [
//!                 (phrases: ["Korean War", "armistice"]),
//!                 (phrases: ["war", "offensive"], from: "1950-06-25", to: "1953-07-27"),
//!                 (phrases: ["Japan*"], fields: [title]),
//!                 (from: "1992-01-01", to: "1996-12-31"),
//!             ],
//!         ),
//!     ],
//! )
//! ```
//!
//! # Matching
//!
//! A document belongs to a theme when any of the theme's rules matches it. A rule matches when
//! *all* of what it states holds:
//! - `phrases` (any one of them) occurs in one of the rule's `fields` (`title`, `summary`,
//!   `full_text`; all three when omitted). Phrase and text are both put through
//!   [`crate::text::fold`], so matching ignores case, accents and punctuation ("Załuska" finds
//!   "ZALUSKA", "Sino-Soviet" finds "Sino Soviet"), and a phrase matches whole words only
//!   ("war" does not match "warm" or "toward"). A phrase ending in `*` matches any word that
//!   starts with it ("atom*" finds "atomic"). A phrase never spans two fields.
//! - `from` / `to` (ISO days, inclusive, either may be left open): the document's date span
//!   overlaps the window. "September 1956" overlaps a window that starts on 1956-09-30; an
//!   undated document never matches a rule that has a window.
//!
//! A rule may be a date window alone (no phrases): then every document dated in the window
//! matches. That is meant for periods that are themes in their own right (the post-Soviet
//! years); a rule with neither phrases nor a window is an error.
//!
//! A document's *lane* is its first matching theme in file order, so the file lists specific
//! themes before broad ones; documents that match none go to the [`OTHER_NAME`] lane, whose
//! index is the number of themes.

use crate::model::{DocDate, Document, Library};
use crate::text::{fold, push_folded};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// Name of the lane that holds the documents no theme claims.
pub const OTHER_NAME: &str = "Other";

/// Most themes a file may define (lanes are numbered with `u16`, "Other" included).
pub const MAX_THEMES: usize = 1000;

/// Theme files are a few kilobytes; a larger file is refused unread.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The themes bundled with the app.
const BUILTIN_RON: &str = include_str!("../../assets/themes.ron");
const BUILTIN_FILE: &str = "themes.ron";

/// The themes of one file, in file order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThemeSet {
    pub themes: Vec<Theme>,
}

/// One lane of the timeline: a name, a colour and the rules that claim documents for it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    #[serde(deserialize_with = "theme_name")]
    pub name: String,
    /// sRGB.
    pub color: [u8; 3],
    /// One line for the lane's tooltip; may be empty.
    #[serde(default)]
    pub description: String,
    #[serde(deserialize_with = "some_rules")]
    rules: Vec<Rule>,
}

/// A theme file that could not be read or understood. `line` and `column` are 1-based; both are
/// 0 when the error is not about a place in the text (the file could not be read).
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ThemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for ThemeError {}

/// Per document, a short list of theme indexes, stored flat (one offset per document and one
/// shared array) so a million documents cost a few bytes each, not a `Vec` each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeLists {
    offsets: Vec<u32>,
    ids: Vec<u16>,
}

impl ThemeLists {
    fn from_lists(lists: &[Vec<u16>]) -> ThemeLists {
        let mut offsets = Vec::with_capacity(lists.len() + 1);
        let mut ids = Vec::new();
        offsets.push(0);
        for list in lists {
            ids.extend_from_slice(list);
            offsets.push(u32::try_from(ids.len()).unwrap_or(u32::MAX));
        }
        ThemeLists { offsets, ids }
    }

    /// The themes of document `doc`, if there is such a document.
    pub fn get(&self, doc: usize) -> Option<&[u16]> {
        let start = usize::try_from(*self.offsets.get(doc)?).ok()?;
        let end = usize::try_from(*self.offsets.get(doc + 1)?).ok()?;
        self.ids.get(start..end)
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u16]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// As nested lists (for tests and small corpora).
    pub fn to_vecs(&self) -> Vec<Vec<u16>> {
        self.iter().map(<[u16]>::to_vec).collect()
    }
}

/// Every document's themes and lane, in library order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Classification {
    /// Per document: every matching theme index, in file order (empty for "Other").
    pub themes_of: ThemeLists,
    /// Per document: the first matching theme, or [`Classification::other_lane`].
    pub lane_of: Vec<u16>,
    other: u16,
}

impl Classification {
    /// Number of lanes: one per theme, plus "Other".
    pub fn lane_count(&self) -> usize {
        usize::from(self.other) + 1
    }

    /// The lane of documents that match no theme (= number of themes).
    pub fn other_lane(&self) -> u16 {
        self.other
    }
}

impl ThemeSet {
    /// The bundled themes. The bundled file is checked by a unit test; the empty set returned
    /// if it ever failed to parse is a defence that should be unreachable.
    pub fn builtin() -> ThemeSet {
        ThemeSet::from_ron(BUILTIN_RON, BUILTIN_FILE).unwrap_or_default()
    }

    /// Parses and validates a theme file's text; `file_name` only labels errors.
    pub fn from_ron(text: &str, file_name: &str) -> Result<ThemeSet, ThemeError> {
        ron::from_str::<ThemeFile>(text)
            .map(|file| ThemeSet {
                themes: file.themes,
            })
            .map_err(|err| ThemeError {
                file: file_name.to_string(),
                line: err.span.start.line,
                column: err.span.start.col,
                message: err.code.to_string(),
            })
    }

    /// Reads and parses a theme file; a file that cannot be read is an error at line 0.
    pub fn load_file(path: &Path) -> Result<ThemeSet, ThemeError> {
        let file_name = path.display().to_string();
        let text = read_theme_text(path).map_err(|message| ThemeError {
            file: file_name.clone(),
            line: 0,
            column: 0,
            message,
        })?;
        ThemeSet::from_ron(&text, &file_name)
    }

    /// Indices of every theme `doc` belongs to, in file order.
    ///
    /// Compiles the phrase matcher on each call (about 0.2 ms for the bundled themes); to
    /// classify many documents use [`ThemeSet::classify`], which compiles it once.
    pub fn matches(&self, doc: &Document) -> Vec<usize> {
        Matcher::new(&self.themes, Workload::OneDocument)
            .themes_of(doc)
            .into_iter()
            .map(usize::from)
            .collect()
    }

    /// Classifies every document of `library`, in parallel.
    pub fn classify(&self, library: &Library) -> Classification {
        let matcher = Matcher::new(&self.themes, Workload::ManyDocuments);
        let themes_of: Vec<Vec<u16>> = library
            .docs()
            .par_iter()
            .map(|doc| matcher.themes_of(doc))
            .collect();
        let other = matcher.theme_count;
        let lane_of = themes_of
            .iter()
            .map(|themes| themes.first().copied().unwrap_or(other))
            .collect();
        Classification {
            themes_of: ThemeLists::from_lists(&themes_of),
            lane_of,
            other,
        }
    }

    /// The name of a lane: a theme's name, or [`OTHER_NAME`] for any index past the themes.
    pub fn lane_name(&self, lane: u16) -> &str {
        self.themes
            .get(usize::from(lane))
            .map_or(OTHER_NAME, |theme| theme.name.as_str())
    }
}

fn read_theme_text(path: &Path) -> Result<String, String> {
    let size = std::fs::metadata(path)
        .map_err(|err| format!("cannot read the theme file: {err}"))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(format!(
            "{size} bytes is too large for a theme file (at most {MAX_FILE_BYTES})"
        ));
    }
    std::fs::read_to_string(path).map_err(|err| format!("cannot read the theme file: {err}"))
}

mod file;
mod matcher;
#[cfg(test)]
mod tests;

use file::*;
use matcher::*;
