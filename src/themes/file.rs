//! The themes file: its RON format (themes, rules, phrases, fields, date windows), read with
//! serde and checked as it is read (distinct names, at least one rule, real dates), so a
//! mistake is reported with its line and column.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThemeFile {
    #[serde(deserialize_with = "distinct_themes")]
    pub(super) themes: Vec<Theme>,
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
    pub(super) const ALL: [Field; 3] = [Field::Title, Field::Summary, Field::FullText];

    pub(super) fn bit(self) -> u8 {
        match self {
            Field::Title => 1,
            Field::Summary => 2,
            Field::FullText => 4,
        }
    }
}

/// A set of [`Field`]s, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fields(pub(super) u8);

impl Fields {
    pub(super) fn of(fields: &[Field]) -> Fields {
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
    /// Whether the span of `date` shares at least one day with the window.
    pub(super) fn overlaps(self, date: DocDate) -> bool {
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
pub(super) struct Phrase {
    pub(super) key: String,
}

impl Phrase {
    pub(super) fn parse(written: &str) -> Result<Phrase, String> {
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
pub(super) struct Rule {
    pub(super) phrases: Vec<Phrase>,
    pub(super) fields: Fields,
    pub(super) window: Option<Window>,
}

/// A rule as written, before the checks that need all of its parts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleSpec {
    #[serde(default)]
    pub(super) phrases: Vec<Phrase>,
    #[serde(default)]
    pub(super) fields: Vec<Field>,
    #[serde(default, deserialize_with = "iso_day")]
    pub(super) from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "iso_day")]
    pub(super) to: Option<NaiveDate>,
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
pub(super) fn iso_day<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    let text = String::deserialize(deserializer)?;
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| de::Error::custom(format!("{text:?} is not a day written as YYYY-MM-DD")))
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

/// Reads the list of themes, refusing a name used twice (ignoring case and accents) and more
/// than [`MAX_THEMES`] themes; the error points at the offending theme.
pub(super) fn distinct_themes<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Theme>, D::Error> {
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
