//! The theme file: its RON form, and every check that can be made on it before a document is
//! seen (names, nesting, phrases, weights, windows), with errors that name file, line and column.
//!
//! Owns parsing and validation only; what a parsed rule means for a document is
//! [`super::matcher`]'s business.

use super::{Theme, ThemeError, ThemeSet, DEFAULT_THRESHOLD, MAX_THEMES, OTHER_NAME};
use crate::model::DocDate;
use crate::text::fold;
use chrono::NaiveDate;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// Theme files are a few kilobytes; a larger file is refused unread.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The whole file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeFile {
    /// The evidence a document needs for a lane (see the module doc of [`super`]).
    #[serde(default = "default_threshold", deserialize_with = "threshold")]
    threshold: f32,
    #[serde(deserialize_with = "distinct_themes")]
    themes: Vec<Theme>,
}

/// Parses and validates a theme file's text; `file_name` only labels errors.
pub(super) fn parse(text: &str, file_name: &str) -> Result<ThemeSet, ThemeError> {
    ron::from_str::<ThemeFile>(text)
        .map(|file| ThemeSet {
            themes: file.themes,
            threshold: file.threshold,
        })
        .map_err(|err| ThemeError {
            file: file_name.to_string(),
            line: err.span.start.line,
            column: err.span.start.col,
            message: err.code.to_string(),
        })
}

/// Reads a theme file's text, bounded and from a regular file only.
pub(super) fn read_text(path: &Path) -> Result<String, String> {
    use crate::durable::fsio::{read_bounded, ReadError};
    match read_bounded(path, MAX_FILE_BYTES) {
        Ok((bytes, _)) => String::from_utf8(bytes)
            .map_err(|e| format!("cannot read the theme file: not UTF-8 text ({e})")),
        Err(ReadError::TooLarge { limit, .. }) => Err(format!(
            "too large for a theme file (at most {limit} bytes)"
        )),
        Err(e) => Err(format!("cannot read the theme file: {e}")),
    }
}

/// A part of a document that a rule can look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Field {
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
pub(super) struct Fields(u8);

impl Fields {
    fn of(fields: &[Field]) -> Fields {
        let list = if fields.is_empty() {
            &Field::ALL[..]
        } else {
            fields
        };
        Fields(list.iter().fold(0, |bits, field| bits | field.bit()))
    }

    pub(super) fn contains(self, field: Field) -> bool {
        self.0 & field.bit() != 0
    }
}

/// An inclusive range of days; either end may be open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Window {
    pub(super) from: Option<NaiveDate>,
    pub(super) to: Option<NaiveDate>,
}

impl Window {
    /// Whether the whole span of `date` lies in the window: a month or a year counts only when
    /// every day of it does, so "1956" is not evidence for a window that ends in March 1956.
    /// An undated document is never inside a window.
    pub(super) fn contains(self, date: DocDate) -> bool {
        let (Some(start), Some(end_exclusive)) = (date.start(), date.end_exclusive()) else {
            return false;
        };
        let Some(last) = end_exclusive.pred_opt() else {
            return false;
        };
        self.from.is_none_or(|from| start >= from) && self.to.is_none_or(|to| last <= to)
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |d: Option<NaiveDate>| d.map_or("..".to_string(), |d| d.to_string());
        write!(f, "{}/{}", end(self.from), end(self.to))
    }
}

/// A phrase as the matcher looks for it: folded, padded with a space on each side (or only on
/// the left for a prefix), so that a match always starts and ends on word boundaries. Keeps
/// the phrase as written, to explain a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Phrase {
    pub(super) key: String,
    pub(super) written: String,
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
        Ok(Phrase {
            key,
            written: trimmed.to_string(),
        })
    }
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Phrase, D::Error> {
        let written = String::deserialize(deserializer)?;
        Phrase::parse(&written).map_err(de::Error::custom)
    }
}

/// A subject heading prefix ("Cuba--Foreign relations"), folded for comparison, and as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SubjectPrefix {
    pub(super) folded: String,
    pub(super) written: String,
}

impl<'de> Deserialize<'de> for SubjectPrefix {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SubjectPrefix, D::Error> {
        let written = String::deserialize(deserializer)?.trim().to_string();
        let folded = fold(&written);
        if folded.is_empty() {
            return Err(de::Error::custom(format!(
                "subject {written:?} has no letters or digits"
            )));
        }
        Ok(SubjectPrefix { folded, written })
    }
}

/// One piece of evidence for a theme.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RuleSpec")]
pub(super) struct Rule {
    pub(super) phrases: Vec<Phrase>,
    pub(super) subjects: Vec<SubjectPrefix>,
    pub(super) exclude: Vec<Phrase>,
    pub(super) fields: Fields,
    pub(super) window: Option<Window>,
    pub(super) weight: f32,
}

impl Rule {
    /// A rule with nothing to find (a date window alone) never counts: a period is not
    /// evidence of a subject.
    pub(super) fn can_match(&self) -> bool {
        !self.phrases.is_empty() || !self.subjects.is_empty()
    }
}

/// A rule as written, before the checks that need all of its parts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSpec {
    #[serde(default)]
    phrases: Vec<Phrase>,
    #[serde(default)]
    subjects: Vec<SubjectPrefix>,
    #[serde(default)]
    exclude: Vec<Phrase>,
    #[serde(default)]
    fields: Vec<Field>,
    #[serde(default, deserialize_with = "iso_day")]
    from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "iso_day")]
    to: Option<NaiveDate>,
    #[serde(default = "unit_weight")]
    weight: f32,
}

fn unit_weight() -> f32 {
    1.0
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
        if spec.phrases.is_empty() && spec.subjects.is_empty() && window.is_none() {
            return Err("a rule needs `phrases` or `subjects` (and may add a window)".to_string());
        }
        if spec.phrases.is_empty() && !spec.fields.is_empty() {
            return Err("a rule without `phrases` cannot name `fields`".to_string());
        }
        let weight = spec.weight;
        if !weight.is_finite() || weight <= 0.0 || weight > 1000.0 {
            return Err(format!(
                "rule weight {weight} must be a number above 0 (at most 1000)"
            ));
        }
        Ok(Rule {
            phrases: spec.phrases,
            subjects: spec.subjects,
            exclude: spec.exclude,
            fields: Fields::of(&spec.fields),
            window,
            weight,
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

fn default_threshold() -> f32 {
    DEFAULT_THRESHOLD
}

fn threshold<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
    let value = f32::deserialize(deserializer)?;
    if !value.is_finite() || value <= 0.0 || value > 1000.0 {
        return Err(de::Error::custom(format!(
            "threshold {value} must be a number above 0 (at most 1000)"
        )));
    }
    Ok(value)
}

/// Reads a theme name: not blank, and not the reserved name of the "Other" lane.
pub(super) fn theme_name<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
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
pub(super) fn some_rules<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Rule>, D::Error> {
    let rules = Vec::<Rule>::deserialize(deserializer)?;
    if rules.is_empty() {
        return Err(de::Error::custom("a theme needs at least one rule"));
    }
    Ok(rules)
}

/// Reads the list of themes, refusing a name used twice (ignoring case and accents), a parent
/// that is not a broad theme defined earlier, and more than [`MAX_THEMES`] themes; the error
/// points at the offending theme.
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
                if let Some(parent) = &theme.parent {
                    let parent_key = fold(parent);
                    match themes.iter().find(|t| fold(&t.name) == parent_key) {
                        None => {
                            return Err(de::Error::custom(format!(
                                "theme {:?}: its parent {parent:?} must be a theme defined \
                                 before it",
                                theme.name
                            )))
                        }
                        Some(t) if t.parent.is_some() => {
                            return Err(de::Error::custom(format!(
                                "theme {:?}: its parent {parent:?} is itself a sub-theme; themes \
                                 nest one level deep",
                                theme.name
                            )))
                        }
                        Some(_) => {}
                    }
                }
                themes.push(theme);
            }
            Ok(themes)
        }
    }

    deserializer.deserialize_seq(ThemeList)
}
