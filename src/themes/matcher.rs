//! Matching: every phrase of every rule in one Aho-Corasick automaton, run once over each
//! document's folded title, summary and full text (one haystack, fields kept apart), then the
//! rules' fields and date windows decide which themes the document gets.

use super::*;

/// A rule reduced to what matching needs once its phrases are in the automaton.
pub(super) struct CompiledRule {
    pub(super) theme: u16,
    pub(super) fields: Fields,
    pub(super) window: Option<Window>,
    pub(super) needs_phrase: bool,
}

impl CompiledRule {
    pub(super) fn admits_date(&self, date: DocDate) -> bool {
        self.window.is_none_or(|window| window.overlaps(date))
    }
}

/// What a [`Matcher`] is compiled for: one document wants the fastest build, many documents
/// the fastest scan (a DFA: about 0.7 ms to build, twice as fast to search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Workload {
    OneDocument,
    ManyDocuments,
}

/// All phrases of all themes in one automaton, so a document's text is scanned once.
pub(super) struct Matcher {
    /// `None` when there are no phrases (or, unreachably, the automaton could not be built).
    pub(super) automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the rules that use it.
    pub(super) rules_of_pattern: Vec<Vec<usize>>,
    pub(super) rules: Vec<CompiledRule>,
    pub(super) theme_count: u16,
}

impl Matcher {
    /// Compiles the first [`MAX_THEMES`] themes (a file cannot define more).
    pub(super) fn new(themes: &[Theme], workload: Workload) -> Matcher {
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
    pub(super) fn themes_of(&self, doc: &Document) -> Vec<u16> {
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
    pub(super) fn rules_with_phrase_hits(&self, doc: &Document) -> Vec<bool> {
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
pub(super) fn build_automaton(patterns: &[&str], workload: Workload) -> Option<AhoCorasick> {
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
pub(super) struct FoldedText {
    pub(super) haystack: Vec<u8>,
    /// Where the summary and the full text start in `haystack`.
    pub(super) summary_start: usize,
    pub(super) full_text_start: usize,
}

impl FoldedText {
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
            haystack: haystack.into_bytes(),
            summary_start,
            full_text_start,
        }
    }

    pub(super) fn field_at(&self, offset: usize) -> Field {
        if offset >= self.full_text_start {
            Field::FullText
        } else if offset >= self.summary_start {
            Field::Summary
        } else {
            Field::Title
        }
    }
}

pub(super) fn push_field(haystack: &mut String, text: &str) {
    haystack.push(' ');
    let before = haystack.len();
    push_folded(text, haystack);
    if haystack.len() > before {
        haystack.push(' ');
    }
}
