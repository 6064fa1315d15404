//! Themes: the named, coloured lanes of the timeline, and which documents belong to each.
//!
//! Owns the theme file format (`assets/themes.ron`, or a user's file of the same form), its
//! validation with errors that name file, line and column, and the classification of documents
//! into themes. Pure: no egui, no drawing, no state beyond the loaded [`ThemeSet`]. It must not
//! touch the documents (it only reads them) nor decide how lanes are painted.
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
const BUILTIN_RON: &str = include_str!("../assets/themes.ron");
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

// ---------------------------------------------------------------------------------------------
// The file format
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(deserialize_with = "distinct_themes")]
    themes: Vec<Theme>,
}

/// A part of a document that a rule can look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Field {
    Title,
    Summary,
    FullText,
}

impl Field {
    const ALL: [Field; 3] = [Field::Title, Field::Summary, Field::FullText];

    fn bit(self) -> u8 {
        match self {
            Field::Title => 1,
            Field::Summary => 2,
            Field::FullText => 4,
        }
    }
}

/// A set of [`Field`]s, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fields(u8);

impl Fields {
    fn of(fields: &[Field]) -> Fields {
        let list = if fields.is_empty() {
            &Field::ALL[..]
        } else {
            fields
        };
        Fields(list.iter().fold(0, |bits, field| bits | field.bit()))
    }

    fn contains(self, field: Field) -> bool {
        self.0 & field.bit() != 0
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Window {
    /// Whether the span of `date` shares at least one day with the window.
    fn overlaps(self, date: DocDate) -> bool {
        let (Some(start), Some(end_exclusive)) = (date.start(), date.end_exclusive()) else {
            return false;
        };
        let starts_in_time = self.to.is_none_or(|to| start <= to);
        let ends_in_time = self.from.is_none_or(|from| end_exclusive > from);
        starts_in_time && ends_in_time
    }
}

/// A phrase as the matcher looks for it: folded, padded with a space on each side (or only on
/// the left for a prefix), so that a match always starts and ends on word boundaries.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Phrase {
    key: String,
}

impl Phrase {
    fn parse(written: &str) -> Result<Phrase, String> {
        let trimmed = written.trim();
        let (stem, is_prefix) = match trimmed.strip_suffix('*') {
            Some(stem) => (stem, true),
            None => (trimmed, false),
        };
        if stem.contains('*') {
            return Err(format!(
                "phrase {written:?}: `*` may only end a phrase (it marks a prefix)"
            ));
        }
        let folded = fold(stem);
        if folded.is_empty() {
            return Err(format!("phrase {written:?} has no letters or digits"));
        }
        let key = if is_prefix {
            format!(" {folded}")
        } else {
            format!(" {folded} ")
        };
        Ok(Phrase { key })
    }
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Phrase, D::Error> {
        let written = String::deserialize(deserializer)?;
        Phrase::parse(&written).map_err(de::Error::custom)
    }
}

/// One way a document can belong to a theme.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RuleSpec")]
struct Rule {
    phrases: Vec<Phrase>,
    fields: Fields,
    window: Option<Window>,
}

/// A rule as written, before the checks that need all of its parts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    #[serde(default)]
    phrases: Vec<Phrase>,
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(default, deserialize_with = "iso_day")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "iso_day")]
    to: Option<NaiveDate>,
}

impl TryFrom<RuleSpec> for Rule {
    type Error = String;

    fn try_from(spec: RuleSpec) -> Result<Rule, String> {
        if let (Some(from), Some(to)) = (spec.from, spec.to) {
            if from > to {
                return Err(format!("rule window ends ({to}) before it starts ({from})"));
            }
        }
        let window = (spec.from.is_some() || spec.to.is_some()).then_some(Window {
            from: spec.from,
            to: spec.to,
        });
        if spec.phrases.is_empty() && window.is_none() {
            return Err("a rule needs `phrases`, a `from`/`to` window, or both".to_string());
        }
        if spec.phrases.is_empty() && !spec.fields.is_empty() {
            return Err("a rule without `phrases` cannot name `fields`".to_string());
        }
        Ok(Rule {
            phrases: spec.phrases,
            fields: Fields::of(&spec.fields),
            window,
        })
    }
}

/// Reads an inclusive window end written as an ISO day, "1950-06-25".
fn iso_day<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    let text = String::deserialize(deserializer)?;
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| de::Error::custom(format!("{text:?} is not a day written as YYYY-MM-DD")))
}

/// Reads a theme name: not blank, and not the reserved name of the "Other" lane.
fn theme_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let name = String::deserialize(deserializer)?.trim().to_string();
    if name.is_empty() {
        return Err(de::Error::custom("a theme name cannot be empty"));
    }
    if fold(&name) == fold(OTHER_NAME) {
        return Err(de::Error::custom(format!(
            "{OTHER_NAME:?} is the lane of unclassified documents; choose another theme name"
        )));
    }
    Ok(name)
}

/// Reads a theme's rules: at least one, or the theme could never claim a document.
fn some_rules<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Rule>, D::Error> {
    let rules = Vec::<Rule>::deserialize(deserializer)?;
    if rules.is_empty() {
        return Err(de::Error::custom("a theme needs at least one rule"));
    }
    Ok(rules)
}

/// Reads the list of themes, refusing a name used twice (ignoring case and accents) and more
/// than [`MAX_THEMES`] themes; the error points at the offending theme.
fn distinct_themes<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Theme>, D::Error> {
    struct ThemeList;

    impl<'de> Visitor<'de> for ThemeList {
        type Value = Vec<Theme>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of themes")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Theme>, A::Error> {
            let mut themes: Vec<Theme> = Vec::new();
            while let Some(theme) = seq.next_element::<Theme>()? {
                if themes.len() == MAX_THEMES {
                    return Err(de::Error::custom(format!(
                        "too many themes: at most {MAX_THEMES}"
                    )));
                }
                let key = fold(&theme.name);
                if themes.iter().any(|earlier| fold(&earlier.name) == key) {
                    return Err(de::Error::custom(format!(
                        "theme {:?} is defined twice",
                        theme.name
                    )));
                }
                themes.push(theme);
            }
            Ok(themes)
        }
    }

    deserializer.deserialize_seq(ThemeList)
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

/// A rule reduced to what matching needs once its phrases are in the automaton.
struct CompiledRule {
    theme: u16,
    fields: Fields,
    window: Option<Window>,
    needs_phrase: bool,
}

impl CompiledRule {
    fn admits_date(&self, date: DocDate) -> bool {
        self.window.is_none_or(|window| window.overlaps(date))
    }
}

/// What a [`Matcher`] is compiled for: one document wants the fastest build, many documents
/// the fastest scan (a DFA: about 0.7 ms to build, twice as fast to search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Workload {
    OneDocument,
    ManyDocuments,
}

/// All phrases of all themes in one automaton, so a document's text is scanned once.
struct Matcher {
    /// `None` when there are no phrases (or, unreachably, the automaton could not be built).
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the rules that use it.
    rules_of_pattern: Vec<Vec<usize>>,
    rules: Vec<CompiledRule>,
    theme_count: u16,
}

impl Matcher {
    /// Compiles the first [`MAX_THEMES`] themes (a file cannot define more).
    fn new(themes: &[Theme], workload: Workload) -> Matcher {
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_index: HashMap<&str, usize> = HashMap::new();
        let mut rules_of_pattern: Vec<Vec<usize>> = Vec::new();
        let mut rules = Vec::new();
        let mut theme_count: u16 = 0;
        for (theme_index, theme) in themes.iter().take(MAX_THEMES).enumerate() {
            let Ok(theme_index) = u16::try_from(theme_index) else {
                break;
            };
            theme_count = theme_index + 1;
            for rule in &theme.rules {
                let rule_index = rules.len();
                rules.push(CompiledRule {
                    theme: theme_index,
                    fields: rule.fields,
                    window: rule.window,
                    needs_phrase: !rule.phrases.is_empty(),
                });
                for phrase in &rule.phrases {
                    let pattern = *pattern_index.entry(&phrase.key).or_insert_with(|| {
                        patterns.push(&phrase.key);
                        rules_of_pattern.push(Vec::new());
                        patterns.len() - 1
                    });
                    if let Some(users) = rules_of_pattern.get_mut(pattern) {
                        users.push(rule_index);
                    }
                }
            }
        }
        let automaton = build_automaton(&patterns, workload);
        Matcher {
            automaton,
            rules_of_pattern,
            rules,
            theme_count,
        }
    }

    /// The themes `doc` belongs to, ascending.
    fn themes_of(&self, doc: &Document) -> Vec<u16> {
        let phrase_hits = self.rules_with_phrase_hits(doc);
        let mut themes: Vec<u16> = Vec::new();
        for (rule, hit) in self.rules.iter().zip(phrase_hits) {
            let matched = (hit || !rule.needs_phrase) && rule.admits_date(doc.date);
            if matched && themes.last() != Some(&rule.theme) {
                themes.push(rule.theme);
            }
        }
        themes
    }

    /// Per rule: whether one of its phrases occurs in one of its fields of `doc`.
    fn rules_with_phrase_hits(&self, doc: &Document) -> Vec<bool> {
        let mut hits = vec![false; self.rules.len()];
        let Some(automaton) = &self.automaton else {
            return hits;
        };
        let text = FoldedText::of(doc);
        let Ok(found) = automaton.try_find_overlapping_iter(text.haystack.as_slice()) else {
            return hits;
        };
        for found in found {
            let field = text.field_at(found.start());
            let users = self
                .rules_of_pattern
                .get(found.pattern().as_usize())
                .map_or(&[][..], Vec::as_slice);
            for &rule_index in users {
                let in_field = self
                    .rules
                    .get(rule_index)
                    .is_some_and(|rule| rule.fields.contains(field));
                if let (true, Some(hit)) = (in_field, hits.get_mut(rule_index)) {
                    *hit = true;
                }
            }
        }
        hits
    }
}

/// One automaton for every phrase; `None` when there are none. Should the DFA be refused as too
/// large (only a file with tens of thousands of phrases could do that), the default kind is used.
fn build_automaton(patterns: &[&str], workload: Workload) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let build = |kind: Option<AhoCorasickKind>| {
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(patterns)
            .ok()
    };
    match workload {
        Workload::OneDocument => build(None),
        Workload::ManyDocuments => build(Some(AhoCorasickKind::DFA)).or_else(|| build(None)),
    }
}

/// A document's title, summary and full text, each folded, padded with spaces and separated by
/// a newline (which folding never produces, so no phrase can span two fields). Bytes, since the
/// automaton searches bytes; always valid UTF-8.
struct FoldedText {
    haystack: Vec<u8>,
    /// Where the summary and the full text start in `haystack`.
    summary_start: usize,
    full_text_start: usize,
}

impl FoldedText {
    fn of(doc: &Document) -> FoldedText {
        let full_text = doc.full_text().unwrap_or("");
        let mut haystack =
            String::with_capacity(doc.title.len() + doc.summary.len() + full_text.len() + 8);
        push_field(&mut haystack, &doc.title);
        haystack.push('\n');
        let summary_start = haystack.len();
        push_field(&mut haystack, &doc.summary);
        haystack.push('\n');
        let full_text_start = haystack.len();
        push_field(&mut haystack, full_text);
        FoldedText {
            haystack: haystack.into_bytes(),
            summary_start,
            full_text_start,
        }
    }

    fn field_at(&self, offset: usize) -> Field {
        if offset >= self.full_text_start {
            Field::FullText
        } else if offset >= self.summary_start {
            Field::Summary
        } else {
            Field::Title
        }
    }
}

fn push_field(haystack: &mut String, text: &str) {
    haystack.push(' ');
    let before = haystack.len();
    push_folded(text, haystack);
    if haystack.len() > before {
        haystack.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Library};

    fn doc(title: &str, summary: &str, date: DocDate) -> Document {
        Document {
            id: DocId(format!("test-{title}")),
            date,
            date_text: String::new(),
            title: title.to_string(),
            summary: summary.to_string(),
            page: None,
            sources: smallvec::SmallVec::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> DocDate {
        DocDate::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid test date"))
    }

    /// A set with one theme per `(name, rule)` pair, rules written in RON.
    fn themes(rules: &[(&str, &str)]) -> ThemeSet {
        let body: Vec<String> = rules
            .iter()
            .map(|(name, rule)| format!("(name: {name:?}, color: (1, 2, 3), rules: [{rule}])"))
            .collect();
        let text = format!("(themes: [{}])", body.join(",\n"));
        ThemeSet::from_ron(&text, "test.ron").expect("test themes parse")
    }

    fn one(rule: &str) -> ThemeSet {
        themes(&[("T", rule)])
    }

    fn hits(set: &ThemeSet, title: &str, date: DocDate) -> bool {
        !set.matches(&doc(title, "", date)).is_empty()
    }

    #[test]
    fn builtin_parses_and_has_sensible_themes() {
        let parsed = ThemeSet::from_ron(BUILTIN_RON, BUILTIN_FILE);
        let set = parsed.expect("assets/themes.ron parses");
        assert!((6..=10).contains(&set.themes.len()));
        assert_eq!(ThemeSet::builtin(), set);
        for theme in &set.themes {
            assert!(
                !theme.description.is_empty(),
                "{} needs a description",
                theme.name
            );
        }
    }

    #[test]
    fn matching_ignores_accents_and_case() {
        let set = one(r#"(phrases: ["Zaluska"])"#);
        assert!(hits(
            &set,
            "Lt. Col. J. Załuska, 'Report'",
            DocDate::Undated
        ));
        assert!(hits(&set, "ZALUSKA", DocDate::Undated));
        let accented = one(r#"(phrases: ["Załuska"])"#);
        assert!(hits(&accented, "report by j. zaluska", DocDate::Undated));
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let set = one(r#"(phrases: ["war", "Sino-Soviet"])"#);
        assert!(hits(&set, "The war ends", DocDate::Undated));
        assert!(hits(&set, "War", DocDate::Undated));
        assert!(hits(&set, "after the war.", DocDate::Undated));
        assert!(!hits(&set, "warm toward Moscow", DocDate::Undated));
        assert!(!hits(&set, "postwar", DocDate::Undated));
        assert!(hits(&set, "the Sino Soviet split", DocDate::Undated));
        assert!(hits(&set, "Sino-Soviet", DocDate::Undated));
    }

    #[test]
    fn star_makes_a_prefix() {
        let set = one(r#"(phrases: ["atom*"])"#);
        assert!(hits(&set, "the atomic industry", DocDate::Undated));
        assert!(hits(&set, "atom", DocDate::Undated));
        assert!(!hits(&set, "an anatomy", DocDate::Undated));
        let exact = one(r#"(phrases: ["atom"])"#);
        assert!(!hits(&exact, "the atomic industry", DocDate::Undated));
    }

    #[test]
    fn phrases_do_not_span_fields() {
        let set = one(r#"(phrases: ["Korean War"])"#);
        assert!(set
            .matches(&doc("A Korean", "War ends", DocDate::Undated))
            .is_empty());
        assert!(!set
            .matches(&doc("x", "the Korean war", DocDate::Undated))
            .is_empty());
    }

    #[test]
    fn rules_can_look_at_chosen_fields() {
        let set = one(r#"(phrases: ["Japan"], fields: [title])"#);
        assert!(!set.matches(&doc("Japan", "", DocDate::Undated)).is_empty());
        assert!(set
            .matches(&doc("x", "ties with Japan", DocDate::Undated))
            .is_empty());
        let mut full = doc("x", "y", DocDate::Undated);
        full.page = Some(Box::new(crate::model::PageDetails {
            full_text: Some("Japanese and Japan".to_string()),
            ..Default::default()
        }));
        assert!(set.matches(&full).is_empty());
        let text_only = one(r#"(phrases: ["Japan"], fields: [full_text])"#);
        assert_eq!(text_only.matches(&full), vec![0]);
    }

    #[test]
    fn date_windows_are_inclusive_and_skip_undated() {
        let set = one(r#"(phrases: ["war"], from: "1950-06-25", to: "1953-07-27")"#);
        assert!(hits(&set, "war", day(1950, 6, 25)));
        assert!(hits(&set, "war", day(1953, 7, 27)));
        assert!(!hits(&set, "war", day(1953, 7, 28)));
        assert!(!hits(&set, "war", day(1950, 6, 24)));
        assert!(!hits(&set, "war", DocDate::Undated));
        assert!(!hits(&set, "peace", day(1951, 1, 1)));
    }

    #[test]
    fn month_and_year_dates_match_when_their_span_overlaps() {
        let set = one(r#"(phrases: ["war"], from: "1950-06-25", to: "1953-07-27")"#);
        assert!(hits(
            &set,
            "war",
            DocDate::Month {
                year: 1950,
                month: 6
            }
        ));
        assert!(hits(&set, "war", DocDate::Year(1953)));
        assert!(!hits(
            &set,
            "war",
            DocDate::Month {
                year: 1950,
                month: 5
            }
        ));
        assert!(!hits(
            &set,
            "war",
            DocDate::Month {
                year: 1953,
                month: 8
            }
        ));
        assert!(!hits(&set, "war", DocDate::Year(1949)));
    }

    #[test]
    fn window_alone_claims_every_dated_document_in_it() {
        let set = one(r#"(from: "1992-01-01")"#);
        assert!(hits(&set, "anything", day(1996, 1, 1)));
        assert!(hits(&set, "anything", DocDate::Year(1992)));
        assert!(!hits(
            &set,
            "anything",
            DocDate::Month {
                year: 1991,
                month: 12
            }
        ));
        assert!(!hits(&set, "anything", DocDate::Undated));
    }

    #[test]
    fn documents_can_belong_to_several_themes_in_file_order() {
        let set = themes(&[
            ("Aid", r#"(phrases: ["aid"])"#),
            ("Other things", r#"(phrases: ["zzz"])"#),
            (
                "Military",
                r#"(phrases: ["military"]), (phrases: ["air defense"])"#,
            ),
        ]);
        let both = doc("Military aid", "air defense", day(1962, 8, 14));
        assert_eq!(set.matches(&both), vec![0, 2]);
        let library = Library::new(vec![both, doc("Nothing", "", DocDate::Undated)]);
        let classes = set.classify(&library);
        assert_eq!(classes.lane_count(), 4);
        assert_eq!(classes.other_lane(), 3);
        assert_eq!(classes.themes_of.to_vecs(), vec![vec![0, 2], vec![]]);
        assert_eq!(classes.lane_of, vec![0, 3]);
        assert_eq!(set.lane_name(2), "Military");
        assert_eq!(set.lane_name(classes.other_lane()), OTHER_NAME);
    }

    #[test]
    fn empty_set_puts_everything_in_other() {
        let set = ThemeSet::default();
        let library = Library::new(vec![doc("Anything", "", DocDate::Undated)]);
        let classes = set.classify(&library);
        assert_eq!(classes.lane_of, vec![0]);
        assert_eq!(classes.lane_count(), 1);
        assert!(set.matches(&doc("x", "", DocDate::Undated)).is_empty());
    }

    fn error_of(text: &str) -> ThemeError {
        ThemeSet::from_ron(text, "themes.ron").expect_err("should be refused")
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = error_of("(\n  themes: [\n    (name: \"A\" color: (1, 2, 3), rules: [])\n  ]\n)");
        assert_eq!((err.line, err.column), (3, 16), "{err}");
        assert_eq!(err.file, "themes.ron");
        assert!(err.to_string().starts_with("themes.ron:3:16: "), "{err}");
    }

    #[test]
    fn semantic_errors_point_at_the_culprit() {
        let bad_date = error_of(
            "(themes: [(name: \"A\", color: (1, 2, 3),\n rules: [(phrases: [\"x\"], from: \"1950-13-01\")])])",
        );
        assert_eq!(bad_date.line, 2, "{bad_date}");
        assert!(bad_date.message.contains("1950-13-01"), "{bad_date}");

        let bad_phrase = error_of(
            "(themes: [(name: \"A\", color: (1, 2, 3),\n\n rules: [(phrases: [\"--\"])])])",
        );
        assert_eq!(bad_phrase.line, 3, "{bad_phrase}");
        assert!(bad_phrase.message.contains("no letters"), "{bad_phrase}");

        let bad_colour = error_of("(themes: [(name: \"A\",\n color: (1, 256, 3), rules: [])])");
        assert_eq!(bad_colour.line, 2, "{bad_colour}");
    }

    #[test]
    fn invalid_themes_are_refused_with_a_reason() {
        let cases = [
            (
                r#"(themes: [(name: " ", color: (1, 2, 3), rules: [(phrases: ["x"])])])"#,
                "empty",
            ),
            (
                r#"(themes: [(name: "other", color: (1, 2, 3), rules: [(phrases: ["x"])])])"#,
                "Other",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [])])"#,
                "at least one rule",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [()])])"#,
                "needs",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(fields: [title], from: "1950-01-01")])])"#,
                "fields",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrases: ["nu*clear"])])])"#,
                "only end",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrases: ["x"], from: "1953-01-01", to: "1950-01-01")])])"#,
                "before",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrase: ["x"])])])"#,
                "phrase",
            ),
            (
                r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrases: ["x"])]), (name: "Á", color: (1, 2, 3), rules: [(phrases: ["y"])])])"#,
                "twice",
            ),
        ];
        for (text, reason) in cases {
            let err = error_of(text);
            assert!(err.line > 0, "{text}: {err}");
            assert!(err.message.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn truncated_or_odd_input_never_panics() {
        let cut_points = BUILTIN_RON.char_indices().map(|(i, _)| i).step_by(13);
        for end in cut_points {
            let _ = ThemeSet::from_ron(&BUILTIN_RON[..end], "cut.ron");
        }
        for text in [
            "",
            "(",
            "()",
            "(themes: [])",
            "\u{feff}(themes: [])",
            "[1, 2]",
        ] {
            let _ = ThemeSet::from_ron(text, "odd.ron");
        }
        let set = ThemeSet::builtin();
        let mut odd = doc("", "", DocDate::Undated);
        odd.page_mut().full_text = Some("\u{0}\u{301}ł ÆØ 🚀 \n\n".repeat(100));
        let _ = set.matches(&odd);
        let _ = set.classify(&Library::new(vec![
            odd,
            doc("  ", "…", DocDate::Year(9999)),
        ]));
    }

    #[test]
    fn unreadable_file_is_an_error_at_line_zero() {
        let path = std::env::temp_dir().join("archive-timeline-no-such-themes.ron");
        let err = ThemeSet::load_file(&path).expect_err("missing file");
        assert_eq!((err.line, err.column), (0, 0));
        assert!(err.to_string().contains("cannot read"), "{err}");
    }

    #[test]
    fn load_file_reads_a_theme_file() {
        let path = std::env::temp_dir().join(format!(
            "archive-timeline-themes-{}.ron",
            std::process::id()
        ));
        std::fs::write(&path, BUILTIN_RON).expect("write temp file");
        let loaded = ThemeSet::load_file(&path);
        let _ = std::fs::remove_file(&path);
        assert_eq!(loaded.expect("loads"), ThemeSet::builtin());
    }

    /// Scale check: `cargo test --release --lib themes -- --ignored --nocapture`.
    #[test]
    #[ignore = "timing; run in release"]
    fn classifies_a_million_documents_quickly() {
        let seeds = crate::ingest::load_seeds().library;
        let summary = "Kim Il Sung and his close aides are very satisfied with the results of the \
            talks in Moscow and the Agreement on Economic and Technical Aid and Trade Turnover. \
            After hearing the prosperous output results of the Pyongyang state farm, the \
            ambassador asks to visit the farm; the Soviet side notes the Chinese Ambassador's \
            long absence and the DPRK's debt of more than 60 million rubles.";
        let docs: Vec<Document> = (0..1_000_000)
            .map(|i| {
                let seed = &seeds.docs()[i % seeds.len()];
                let mut d = doc(&format!("{} ({i})", seed.title), summary, seed.date);
                d.id = DocId(format!("bench-{i}"));
                if i % 50 == 0 {
                    d.page_mut().full_text = Some(summary.repeat(10));
                }
                d
            })
            .collect();
        let library = Library::new(docs);
        let set = ThemeSet::builtin();
        let started = std::time::Instant::now();
        let classes = set.classify(&library);
        let took = started.elapsed();
        println!("classified {} documents in {took:?}", classes.lane_of.len());
        assert_eq!(classes.lane_of.len(), 1_000_000);
        assert!(took.as_secs_f64() < 5.0, "{took:?}");
    }

    #[test]
    fn seeds_are_classified_with_few_left_over() {
        let loaded = crate::ingest::load_seeds();
        let library = &loaded.library;
        assert_eq!(library.len(), 39);
        let set = ThemeSet::builtin();
        let classes = set.classify(library);
        for (doc, themes) in library.docs().iter().zip(classes.themes_of.iter()) {
            let names: Vec<&str> = themes.iter().map(|&t| set.lane_name(t)).collect();
            println!(
                "{:<22} {:<70.70} {}",
                doc.date_label(),
                doc.title,
                names.join(", ")
            );
        }
        for (lane, theme) in set.themes.iter().enumerate() {
            let count = classes
                .themes_of
                .iter()
                .filter(|t| t.contains(&(lane as u16)))
                .count();
            println!("{count:>3}  {}", theme.name);
        }
        let themes_of_title = |title: &str| -> Vec<&str> {
            let index = library.docs().iter().position(|d| d.title.contains(title));
            let themes = index.and_then(|i| classes.themes_of.get(i));
            themes.map_or(Vec::new(), |t| {
                t.iter().map(|&t| set.lane_name(t)).collect()
            })
        };
        for (title, theme) in [
            ("Draft Telegram from A. Mikoyan", "August 1956 Crisis"),
            (
                "Sino-Soviet Delegation and the Korean",
                "China and the Sino-Soviet Relationship",
            ),
            ("Beria to Cde. V.M. Molotov", "Xinjiang and Inner Asia"),
            ("Razuvaev to Vasilevsky", "Korean War"),
            ("CSSR Military Attach", "Nuclear and Military Affairs"),
            ("Leaders of the Political Parties", "North and South Korea"),
            ("Minister of External Trade", "Aid, Trade and Debt"),
            ("Kumagai Hiroshi", "Japan and the Kurils"),
            ("Security Guarantees to Ukraine", "Post-Soviet Russia"),
            ("Puzanov for 2 September 1960", "Diplomats and Embassies"),
        ] {
            assert!(
                themes_of_title(title).contains(&theme),
                "{title} should be in {theme}"
            );
        }
        let other = classes
            .lane_of
            .iter()
            .filter(|&&l| l == classes.other_lane())
            .count();
        println!("{other:>3}  {OTHER_NAME}");
        assert!(other <= 4, "{other} seed documents match no theme");
    }
}
