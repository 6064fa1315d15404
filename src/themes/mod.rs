//! Themes: the named, coloured lanes of the timeline, which documents belong to each, and why.
//!
//! Owns the theme file (`assets/themes.ron`, or a user's file of the same form; parsed and
//! checked in [`file`]), the scan for evidence ([`matcher`]), the placement of each document in
//! one lane, the explanation of that placement ([`ThemeSet::explain`]) and the figures per theme
//! ([`ThemeStats`]). Pure: no egui, no drawing, no state beyond the loaded [`ThemeSet`]. It
//! must not change the documents (it only reads them) nor decide how lanes are painted.
//!
//! # The file
//!
//! ```ron
//! (
//!     threshold: 2.0,
//!     themes: [
//!         (name: "Korean Peninsula", color: (40, 120, 200), description: "...",
//!          rules: [(phrases: ["Korea*", "DPRK", "Pyongyang"], weight: 2.0)]),
//!         (
//!             name: "Korean War",
//!             color: (37, 111, 186),
//!             parent: Some("Korean Peninsula"),
//!             rules: [
//!                 (phrases: ["Korean War", "armistice"], weight: 3.0,
//!                  exclude: ["Vietnam*", "Paris talks"]),
//!                 (phrases: ["offensive"], weight: 2.0, from: "1950-06-25", to: "1953-07-27"),
//!                 (subjects: ["Korean War, 1950-1953"], weight: 5.0),
//!                 (phrases: ["Japan*"], fields: [title]),
//!             ],
//!         ),
//!     ],
//! )
//! ```
//!
//! # Evidence, not first match
//!
//! A rule *matches* a document when something it names is found — one of its `phrases` in one
//! of its `fields` (`title`, `summary`, `full_text`; all three when omitted), or one of its
//! `subjects` as the start of one of the document's subject headings — and none of its
//! `exclude` phrases occurs anywhere in the document, and the document's whole date span lies in
//! its `from`/`to` window (ISO days, inclusive, either end open; an undated document is in no
//! window). A window only restricts: a rule with a window and nothing to find never matches.
//! Phrases and text are both put through [`crate::text::fold`], so matching ignores case,
//! accents and punctuation, and a phrase matches whole words only ("war" does not match
//! "warm"); a phrase ending in `*` matches any word that starts with it ("atom*" finds
//! "atomic").
//!
//! Each matched rule adds its `weight` (default 1) once to its theme's score, however many of
//! its phrases hit. A broad theme (no `parent`) also collects its sub-themes' scores. The
//! document's lane is the broad theme with the highest score (ties: the earlier in the file),
//! if that score reaches the file's `threshold` (default 1, so a file without weights keeps
//! "any rule claims"); else the lane is [`OTHER_NAME`]. Inside that broad theme, the sub-theme
//! with the highest own score takes the document if it reaches the threshold too. Every theme
//! whose score reaches the threshold lists the document. So a generic word weighted below the
//! threshold never places a document on its own.

pub mod file;
mod matcher;

use crate::model::{DocIndex, Document, Library};
use matcher::{matched_subjects, Matcher, Scratch, Workload};
use rayon::prelude::*;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Name of the lane that holds the documents no theme claims.
pub const OTHER_NAME: &str = "Other";

/// Most themes a file may define (lanes are numbered with `u16`, "Other" included).
pub const MAX_THEMES: usize = 1000;

/// The evidence a document needs for a lane when the file does not say.
pub const DEFAULT_THRESHOLD: f32 = 1.0;

/// The themes bundled with the app.
const BUILTIN_RON: &str = include_str!("../../assets/themes.ron");
const BUILTIN_FILE: &str = "themes.ron";

/// The themes of one file, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeSet {
    pub themes: Vec<Theme>,
    /// The score a theme needs to claim a document.
    pub threshold: f32,
}

impl Default for ThemeSet {
    fn default() -> Self {
        ThemeSet {
            themes: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

/// One lane of the timeline: a name, a colour and the rules that gather evidence for it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    #[serde(deserialize_with = "file::theme_name")]
    pub name: String,
    /// sRGB.
    pub color: [u8; 3],
    /// One line for the lane's tooltip; may be empty.
    #[serde(default)]
    pub description: String,
    /// The broad theme this one refines (`None`: a broad theme, a lane of its own).
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(deserialize_with = "file::some_rules")]
    rules: Vec<file::Rule>,
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
    /// Per document: every theme whose score reaches the threshold, in file order (empty for
    /// "Other").
    pub themes_of: ThemeLists,
    /// Per document: the theme that places it (a sub-theme when one has the evidence, else a
    /// broad theme), or [`Classification::other_lane`].
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

    /// What the library cache keeps: the flat theme lists (offsets, ids), each document's
    /// lane, and the Other lane.
    pub fn parts(&self) -> (&[u32], &[u16], &[u16], u16) {
        (
            &self.themes_of.offsets,
            &self.themes_of.ids,
            &self.lane_of,
            self.other,
        )
    }

    /// A classification of `docs` documents from [`Classification::parts`], checked whole:
    /// `None` unless every list lies inside the ids and every theme and lane names a lane.
    pub fn from_parts(
        docs: usize,
        offsets: Vec<u32>,
        ids: Vec<u16>,
        lane_of: Vec<u16>,
        other: u16,
    ) -> Option<Classification> {
        let ends_ok = offsets.first() == Some(&0)
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.last().and_then(|&l| usize::try_from(l).ok()) == Some(ids.len());
        let whole = offsets.len() == docs + 1
            && lane_of.len() == docs
            && ends_ok
            && ids.iter().all(|&t| t < other)
            && lane_of.iter().all(|&l| l <= other);
        whole.then_some(Classification {
            themes_of: ThemeLists { offsets, ids },
            lane_of,
            other,
        })
    }
}

/// Where one document goes, from its per-theme scores.
#[derive(Clone, Debug, PartialEq)]
struct Placement {
    /// The placing theme, or `None` for "Other".
    lane: Option<u16>,
    /// Every theme whose score reaches the threshold, in file order.
    themes: Vec<u16>,
}

/// The bundled themes file's text (a user's own file starts as a copy of it).
pub fn builtin_text() -> &'static str {
    BUILTIN_RON
}

/// A themes file's text, read bounded and from a regular file only.
pub fn read_file_text(path: &Path) -> Result<String, String> {
    file::read_text(path)
}

impl ThemeSet {
    /// The bundled themes. The bundled file is checked by a unit test; the empty set returned
    /// if it ever failed to parse is a defence that should be unreachable.
    pub fn builtin() -> ThemeSet {
        ThemeSet::from_ron(BUILTIN_RON, BUILTIN_FILE).unwrap_or_default()
    }

    /// Parses and validates a theme file's text; `file_name` only labels errors.
    pub fn from_ron(text: &str, file_name: &str) -> Result<ThemeSet, ThemeError> {
        file::parse(text, file_name)
    }

    /// Reads and parses a theme file; a file that cannot be read is an error at line 0.
    pub fn load_file(path: &Path) -> Result<ThemeSet, ThemeError> {
        let file_name = path.display().to_string();
        let text = file::read_text(path).map_err(|message| ThemeError {
            file: file_name.clone(),
            line: 0,
            column: 0,
            message,
        })?;
        ThemeSet::from_ron(&text, &file_name)
    }

    /// The index of theme `theme`'s broad theme (itself when it is broad).
    pub fn broad_of(&self, theme: usize) -> usize {
        let Some(parent) = self.themes.get(theme).and_then(|t| t.parent.as_deref()) else {
            return theme;
        };
        self.themes
            .iter()
            .position(|t| t.name == parent)
            .unwrap_or(theme)
    }

    /// Indices of every theme `doc` belongs to, in file order.
    ///
    /// Compiles the phrase matcher on each call (about 0.2 ms for the bundled themes); to
    /// classify many documents use [`ThemeSet::classify`], which compiles it once.
    pub fn matches(&self, doc: &Document) -> Vec<usize> {
        let matcher = Matcher::new(&self.themes, Workload::OneDocument);
        self.place(&matcher.scores(doc), &self.broads())
            .themes
            .into_iter()
            .map(usize::from)
            .collect()
    }

    /// Classifies every document of `library`, in parallel.
    pub fn classify(&self, library: &Library) -> Classification {
        let matcher = Matcher::new(&self.themes, Workload::ManyDocuments);
        let other = matcher.theme_count;
        let broads = self.broads();
        let placed: Vec<Placement> = library
            .docs()
            .par_iter()
            .map_init(Scratch::default, |scratch, doc| {
                self.place(matcher.scores_with(doc, scratch), &broads)
            })
            .collect();
        let lane_of = placed.iter().map(|p| p.lane.unwrap_or(other)).collect();
        let lists: Vec<Vec<u16>> = placed.into_iter().map(|p| p.themes).collect();
        Classification {
            themes_of: ThemeLists::from_lists(&lists),
            lane_of,
            other,
        }
    }

    /// Each theme's broad theme, by index (see [`ThemeSet::broad_of`]), computed once.
    fn broads(&self) -> Vec<usize> {
        (0..self.themes.len()).map(|t| self.broad_of(t)).collect()
    }

    /// The placement that per-theme `own` scores give (see the module doc); `broads` is
    /// [`ThemeSet::broads`].
    fn place(&self, own: &[f32], broads: &[usize]) -> Placement {
        let broad_of = |t: usize| broads.get(t).copied().unwrap_or(t);
        let count = own.len().min(self.themes.len());
        let mut total: Vec<f32> = own.iter().take(count).copied().collect();
        for theme in 0..count {
            let broad = broad_of(theme);
            if broad != theme {
                let add = own.get(theme).copied().unwrap_or(0.0);
                if let Some(t) = total.get_mut(broad) {
                    *t += add;
                }
            }
        }
        let reaches = |score: f32| score >= self.threshold;
        let mut best: Option<(usize, f32)> = None;
        for (theme, &score) in total.iter().enumerate() {
            let is_broad = broad_of(theme) == theme;
            if is_broad && reaches(score) && best.is_none_or(|(_, s)| score > s) {
                best = Some((theme, score));
            }
        }
        let lane = best.map(|(broad, _)| {
            let mut chosen = broad;
            let mut chosen_score = 0.0;
            for (theme, &score) in own.iter().enumerate().take(count) {
                if theme != broad
                    && broad_of(theme) == broad
                    && reaches(score)
                    && score > chosen_score
                {
                    chosen = theme;
                    chosen_score = score;
                }
            }
            chosen
        });
        let themes = (0..count)
            .filter(|&t| {
                let score = if broad_of(t) == t {
                    total.get(t)
                } else {
                    own.get(t)
                };
                score.is_some_and(|&s| reaches(s))
            })
            .filter_map(|t| u16::try_from(t).ok())
            .collect();
        Placement {
            lane: lane.and_then(|l| u16::try_from(l).ok()),
            themes,
        }
    }

    /// The name of a lane: a theme's name, or [`OTHER_NAME`] for any index past the themes.
    pub fn lane_name(&self, lane: u16) -> &str {
        self.themes
            .get(usize::from(lane))
            .map_or(OTHER_NAME, |theme| theme.name.as_str())
    }

    /// Why `doc` is where it is: per theme with any matched rule, its score and each matched
    /// rule's weight with the phrases and subject headings it found, the placing theme first.
    pub fn explain(&self, doc: &Document) -> Explanation {
        let matcher = Matcher::new(&self.themes, Workload::OneDocument);
        let hits = matcher.scan(doc);
        let subjects = matcher.folded_subjects(doc);
        let mut per_theme: Vec<ThemeEvidence> = Vec::new();
        for (i, &(theme, rule)) in matcher.rules().iter().enumerate() {
            let Some(weight) = matcher.rule_weight(i, rule, &hits, &subjects, doc) else {
                continue;
            };
            let phrases = hits
                .phrases
                .get(i)
                .map(|found| {
                    found
                        .iter()
                        .filter_map(|&p| rule.phrases.get(p))
                        .map(|p| p.written.clone())
                        .collect()
                })
                .unwrap_or_default();
            let evidence = RuleEvidence {
                weight,
                phrases,
                subjects: matched_subjects(rule, &subjects)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                window: rule.window.map(|w| w.to_string()),
            };
            let name = matcher
                .themes()
                .get(usize::from(theme))
                .map_or(String::new(), |t| t.name.clone());
            match per_theme.iter_mut().find(|t| t.theme == usize::from(theme)) {
                Some(t) => {
                    t.score += weight;
                    t.rules.push(evidence);
                }
                None => per_theme.push(ThemeEvidence {
                    theme: usize::from(theme),
                    name,
                    score: weight,
                    rules: vec![evidence],
                }),
            }
        }
        let scores = matcher.scores(doc);
        let placement = self.place(&scores, &self.broads());
        let lane = placement.lane.map(usize::from);
        per_theme.sort_by_key(|t| (Some(t.theme) != lane, t.theme));
        Explanation {
            lane: lane.map_or(OTHER_NAME.to_string(), |l| {
                self.lane_name(u16::try_from(l).unwrap_or(u16::MAX))
                    .to_string()
            }),
            threshold: self.threshold,
            themes: per_theme,
        }
    }

    /// Per theme: how many documents it lists and places, the share of Other, and the
    /// documents listed under more than three themes.
    pub fn stats(&self, classes: &Classification) -> ThemeStats {
        let total = classes.lane_of.len();
        let mut listed = vec![0usize; self.themes.len()];
        let mut placed = vec![0usize; self.themes.len()];
        let mut many = Vec::new();
        for (doc, themes) in classes.themes_of.iter().enumerate() {
            for &t in themes {
                if let Some(n) = listed.get_mut(usize::from(t)) {
                    *n += 1;
                }
            }
            if themes.len() > 3 {
                many.push(doc);
            }
        }
        let mut other = 0;
        for &lane in &classes.lane_of {
            match placed.get_mut(usize::from(lane)) {
                Some(n) => *n += 1,
                None => other += 1,
            }
        }
        ThemeStats {
            documents: total,
            themes: self
                .themes
                .iter()
                .enumerate()
                .map(|(i, t)| ThemeCount {
                    name: t.name.clone(),
                    parent: t.parent.clone(),
                    listed: listed.get(i).copied().unwrap_or(0),
                    placed: placed.get(i).copied().unwrap_or(0),
                    broad_placed: if t.parent.is_none() {
                        placed
                            .iter()
                            .enumerate()
                            .filter(|&(j, _)| self.broad_of(j) == i)
                            .map(|(_, n)| n)
                            .sum()
                    } else {
                        placed.get(i).copied().unwrap_or(0)
                    },
                })
                .collect(),
            other,
            in_more_than_three: many,
        }
    }
}

/// Why a document is in its lane (see [`ThemeSet::explain`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// The placing theme's name, or "Other".
    pub lane: String,
    pub threshold: f32,
    /// Every theme with a matched rule, the placing one first, then in file order.
    pub themes: Vec<ThemeEvidence>,
}

/// One theme's evidence for a document.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeEvidence {
    pub theme: usize,
    pub name: String,
    /// The theme's own score (a broad theme's lane score also adds its sub-themes').
    pub score: f32,
    pub rules: Vec<RuleEvidence>,
}

/// One matched rule.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleEvidence {
    pub weight: f32,
    /// Its phrases found, as written in the theme file.
    pub phrases: Vec<String>,
    /// Its subject headings found, as written.
    pub subjects: Vec<String>,
    /// Its date window, as `from/to` (`..` for an open end), when it has one.
    pub window: Option<String>,
}

impl fmt::Display for RuleEvidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.weight)?;
        let found: Vec<String> = self
            .phrases
            .iter()
            .map(|p| format!("\"{p}\""))
            .chain(self.subjects.iter().map(|s| format!("subject \"{s}\"")))
            .collect();
        if !found.is_empty() {
            write!(f, " {}", found.join(", "))?;
        }
        if let Some(window) = &self.window {
            write!(f, " (within {window})")?;
        }
        Ok(())
    }
}

/// The figures of a classification (see [`ThemeSet::stats`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThemeStats {
    pub documents: usize,
    pub themes: Vec<ThemeCount>,
    /// Documents in "Other".
    pub other: usize,
    /// Documents listed under more than three themes.
    pub in_more_than_three: Vec<DocIndex>,
}

impl ThemeStats {
    /// `part` of all documents, as a fraction (0 when there are none).
    pub fn share(&self, part: usize) -> f64 {
        if self.documents == 0 {
            0.0
        } else {
            part as f64 / self.documents as f64
        }
    }
}

/// One theme's counts.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeCount {
    pub name: String,
    pub parent: Option<String>,
    /// Documents whose evidence reaches the threshold for it.
    pub listed: usize,
    /// Documents it places (its own lane).
    pub placed: usize,
    /// For a broad theme: documents in its lane with its sub-themes collapsed into it.
    pub broad_placed: usize,
}

#[cfg(test)]
mod tests;
