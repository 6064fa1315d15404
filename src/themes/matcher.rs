//! Finding a theme file's evidence in one document: every phrase of every rule (and every
//! exclusion) in one Aho-Corasick automaton, so a document's folded text is scanned once; then
//! subject-heading prefixes and date windows; then each matched rule's weight added once to its
//! theme.
//!
//! Owns the compiled form of a [`ThemeSet`] and the per-document scan. Deciding a lane from the
//! scores is [`super::placement`]'s business.

pub(super) use super::file::{Field, Rule};
use super::{Theme, MAX_THEMES};
use crate::model::Document;
use crate::text::{fold, push_folded};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;

/// What a [`Matcher`] is compiled for: one document wants the fastest build, many documents
/// the fastest scan (a DFA: about 0.7 ms to build, twice as fast to search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Workload {
    OneDocument,
    ManyDocuments,
}

/// How a pattern serves a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The rule's `phrases[i]`.
    Include(usize),
    /// The rule's `exclude[i]`: found anywhere, the rule does not count.
    Exclude,
}

/// All phrases of all themes in one automaton.
pub(super) struct Matcher<'a> {
    themes: &'a [Theme],
    /// `None` when there are no phrases (or, unreachably, the automaton could not be built).
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the rules that use it, and how.
    users: Vec<Vec<(usize, Role)>>,
    /// Every rule, with the index of its theme.
    rules: Vec<(u16, &'a Rule)>,
    pub(super) theme_count: u16,
    any_subjects: bool,
}

/// What one document's scan found, per rule.
pub(super) struct Hits {
    /// Per rule: the indexes of its phrases found in its fields (empty: none).
    pub(super) phrases: Vec<Vec<usize>>,
    /// Per rule: whether one of its exclusions was found.
    pub(super) excluded: Vec<bool>,
}

impl<'a> Matcher<'a> {
    /// Compiles the first [`MAX_THEMES`] themes (a file cannot define more).
    pub(super) fn new(themes: &'a [Theme], workload: Workload) -> Matcher<'a> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_index: HashMap<&str, usize> = HashMap::new();
        let mut users: Vec<Vec<(usize, Role)>> = Vec::new();
        let mut rules = Vec::new();
        let mut theme_count: u16 = 0;
        let mut add = |key: &'a str, user: (usize, Role)| {
            let pattern = *pattern_index.entry(key).or_insert_with(|| {
                patterns.push(key);
                users.push(Vec::new());
                patterns.len() - 1
            });
            if let Some(list) = users.get_mut(pattern) {
                list.push(user);
            }
        };
        for (theme_index, theme) in themes.iter().take(MAX_THEMES).enumerate() {
            let Ok(theme_index) = u16::try_from(theme_index) else {
                break;
            };
            theme_count = theme_index + 1;
            for rule in &theme.rules {
                let rule_index = rules.len();
                rules.push((theme_index, rule));
                for (i, phrase) in rule.phrases.iter().enumerate() {
                    add(&phrase.key, (rule_index, Role::Include(i)));
                }
                for phrase in &rule.exclude {
                    add(&phrase.key, (rule_index, Role::Exclude));
                }
            }
        }
        let any_subjects = rules.iter().any(|(_, r)| !r.subjects.is_empty());
        let automaton = build_automaton(&patterns, workload);
        Matcher {
            themes,
            automaton,
            users,
            rules,
            theme_count,
            any_subjects,
        }
    }

    pub(super) fn themes(&self) -> &'a [Theme] {
        self.themes
    }

    /// The rules, in file order, with their theme.
    pub(super) fn rules(&self) -> &[(u16, &'a Rule)] {
        &self.rules
    }

    /// Per theme, the summed weight of its matched rules (each rule once).
    pub(super) fn scores(&self, doc: &Document) -> Vec<f32> {
        let mut scratch = Scratch::default();
        self.scores_with(doc, &mut scratch).to_vec()
    }

    /// Per theme, the summed weight of its matched rules (each rule once), computed in
    /// `scratch`'s buffers: the hot path of classifying a million documents allocates
    /// nothing per document once each thread's buffers have grown.
    pub(super) fn scores_with<'s>(&self, doc: &Document, scratch: &'s mut Scratch) -> &'s [f32] {
        let rules = self.rules.len();
        scratch.hit.clear();
        scratch.hit.resize(rules, false);
        scratch.excluded.clear();
        scratch.excluded.resize(rules, false);
        scratch.scores.clear();
        scratch.scores.resize(usize::from(self.theme_count), 0.0);
        FoldedText::fill(doc, &mut scratch.text);
        let (hit, excluded) = (&mut scratch.hit, &mut scratch.excluded);
        self.each_hit(&scratch.text, |rule_index, role| {
            let flag = match role {
                Role::Exclude => excluded.get_mut(rule_index),
                Role::Include(_) => hit.get_mut(rule_index),
            };
            if let Some(flag) = flag {
                *flag = true;
            }
        });
        let subjects = self.folded_subjects(doc);
        for (i, &(theme, rule)) in self.rules.iter().enumerate() {
            let phrase_hit = scratch.hit.get(i).copied().unwrap_or(false);
            let excluded = scratch.excluded.get(i).copied().unwrap_or(false);
            if !rule.can_match() || excluded {
                continue;
            }
            if rule.window.is_some_and(|w| !w.contains(doc.date)) {
                continue;
            }
            if phrase_hit || (!subjects.is_empty() && !matched_subjects(rule, &subjects).is_empty())
            {
                if let Some(score) = scratch.scores.get_mut(usize::from(theme)) {
                    *score += rule.weight;
                }
            }
        }
        &scratch.scores
    }

    /// The weight rule `i` adds for `doc`, when it matches: something found (a phrase in its
    /// fields, or a subject heading it names), inside its date window, and no exclusion.
    pub(super) fn rule_weight(
        &self,
        i: usize,
        rule: &Rule,
        hits: &Hits,
        subjects: &[String],
        doc: &Document,
    ) -> Option<f32> {
        if !rule.can_match() || hits.excluded.get(i).copied().unwrap_or(false) {
            return None;
        }
        if rule.window.is_some_and(|w| !w.contains(doc.date)) {
            return None;
        }
        let phrase_hit = hits.phrases.get(i).is_some_and(|p| !p.is_empty());
        (phrase_hit || !matched_subjects(rule, subjects).is_empty()).then_some(rule.weight)
    }

    /// The document's subject headings, folded (empty when no rule looks at subjects).
    pub(super) fn folded_subjects(&self, doc: &Document) -> Vec<String> {
        if !self.any_subjects {
            return Vec::new();
        }
        doc.subjects().iter().map(|s| fold(s)).collect()
    }

    /// Calls `found` for every rule a pattern in `text` serves: an exclusion wherever it
    /// occurs, a phrase only where it occurs in one of its rule's fields. The one scan both the
    /// scores and the explanation use.
    fn each_hit(&self, text: &FoldedText, mut found: impl FnMut(usize, Role)) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let Ok(matches) = automaton.try_find_overlapping_iter(text.haystack.as_bytes()) else {
            return;
        };
        for m in matches {
            let field = text.field_at(m.start());
            let users = self
                .users
                .get(m.pattern().as_usize())
                .map_or(&[][..], Vec::as_slice);
            for &(rule_index, role) in users {
                let counts = match role {
                    Role::Exclude => true,
                    Role::Include(_) => self
                        .rules
                        .get(rule_index)
                        .is_some_and(|(_, rule)| rule.fields.contains(field)),
                };
                if counts {
                    found(rule_index, role);
                }
            }
        }
    }

    /// Per rule: which of its phrases occur in its fields, and whether an exclusion occurs.
    pub(super) fn scan(&self, doc: &Document) -> Hits {
        let mut hits = Hits {
            phrases: vec![Vec::new(); self.rules.len()],
            excluded: vec![false; self.rules.len()],
        };
        let text = FoldedText::of(doc);
        self.each_hit(&text, |rule_index, role| match role {
            Role::Exclude => {
                if let Some(x) = hits.excluded.get_mut(rule_index) {
                    *x = true;
                }
            }
            Role::Include(phrase) => {
                if let Some(list) = hits.phrases.get_mut(rule_index) {
                    if !list.contains(&phrase) {
                        list.push(phrase);
                    }
                }
            }
        });
        hits
    }
}

/// The rule's subject prefixes that start one of the document's (folded) headings.
pub(super) fn matched_subjects<'r>(rule: &'r Rule, subjects: &[String]) -> Vec<&'r str> {
    rule.subjects
        .iter()
        .filter(|prefix| {
            subjects.iter().any(|s| {
                s.starts_with(&prefix.folded)
                    && s[prefix.folded.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c == ' ')
            })
        })
        .map(|prefix| prefix.written.as_str())
        .collect()
}

/// One automaton for every phrase; `None` when there are none. Should the DFA be refused as too
/// large (only a file with tens of thousands of phrases could do that), the default kind is used.
/// No prefilter: every key starts with a space, so the one it would pick stops at every word
/// (the plain DFA scans a million documents a tenth faster).
fn build_automaton(patterns: &[&str], workload: Workload) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    let build = |kind: Option<AhoCorasickKind>| {
        AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
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
/// automaton searches its bytes.
#[derive(Default)]
pub(super) struct FoldedText {
    pub(super) haystack: String,
    /// Where the summary and the full text start in `haystack`.
    summary_start: usize,
    full_text_start: usize,
}

/// Per-thread buffers for [`Matcher::scores_with`].
#[derive(Default)]
pub(super) struct Scratch {
    hit: Vec<bool>,
    excluded: Vec<bool>,
    scores: Vec<f32>,
    text: FoldedText,
}

impl FoldedText {
    /// Refills `text` with `doc`'s folded fields, reusing its buffer.
    fn fill(doc: &Document, text: &mut FoldedText) {
        let full_text = doc.full_text().unwrap_or("");
        let haystack = &mut text.haystack;
        haystack.clear();
        push_field(haystack, &doc.title);
        haystack.push('\n');
        text.summary_start = haystack.len();
        push_field(haystack, &doc.summary);
        haystack.push('\n');
        text.full_text_start = haystack.len();
        push_field(haystack, full_text);
    }

    pub(super) fn of(doc: &Document) -> FoldedText {
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
            haystack,
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
