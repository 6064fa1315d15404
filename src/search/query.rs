//! The query language: what the user types becomes a [`Query`] of clauses. Words are ANDed,
//! "quoted phrases" must appear as adjacent words within one field, and the last word still being
//! typed matches as a prefix. Folding is `crate::text`'s.

use super::*;

/// One folded query word; the last word still being typed matches any word it begins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct QueryWord {
    pub(super) text: String,
    pub(super) prefix: bool,
}

impl QueryWord {
    pub(super) fn matches(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

/// One requirement of a query: a single word, or a phrase of adjacent words (two or more).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Clause {
    pub(super) words: Vec<QueryWord>,
}

impl Clause {
    pub(super) fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }

    /// The original bytes from the first to the last matched word, if the clause matches
    /// `words[start..]`.
    pub(super) fn span_at(&self, words: &[SpannedWord], start: usize) -> Option<Range<usize>> {
        let window = words.get(start..start + self.words.len())?;
        let all_match = window
            .iter()
            .zip(&self.words)
            .all(|(word, wanted)| wanted.matches(&word.text));
        let (first, last) = (window.first()?, window.last()?);
        // A lone CJK character matched the start of a bigram: highlight that character only
        // (the span is the original text's, where the bigram is two characters).
        let mut end = last.span.end;
        if let Some(wanted) = self.words.last() {
            let lone_cjk = wanted.text.chars().count() == 1
                && wanted.text.chars().all(is_cjk)
                && last.text.chars().count() == 2;
            if lone_cjk {
                end = last.span.start + wanted.text.len();
            }
        }
        all_match.then_some(first.span.start..end)
    }
}

/// A parsed search box: every clause must match (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub(super) clauses: Vec<Clause>,
}

/// A stretch of the query text: a bare word (split at whitespace) or a quoted phrase.
pub(super) struct Segment {
    pub(super) text: String,
    /// The segment reaches the end of the query text and is not closed by a quote or space:
    /// its last word is still being typed.
    pub(super) open: bool,
}

pub(super) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

impl Query {
    /// Parses what the user typed. Never fails: an unbalanced quote makes the rest a phrase,
    /// and a query with no words (empty, blanks, punctuation) matches nothing.
    ///
    /// Words are folded with [`fold`]; a bare word that folds to several words ("Il-u",
    /// "A.M.") is a phrase. The last word is a prefix unless the text ends with a space or
    /// a closing quote. Repeated terms count once; terms after the first `MAX_CLAUSES`
    /// are ignored.
    pub fn parse(text: &str) -> Query {
        let mut clauses: Vec<Clause> = Vec::new();
        for segment in segments(text) {
            let Some(clause) = clause_of(&segment) else {
                continue;
            };
            if clauses.len() == MAX_CLAUSES {
                break;
            }
            if !clauses.contains(&clause) {
                clauses.push(clause);
            }
        }
        Query { clauses }
    }

    /// True when the query has no words: it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The folded words and phrases, for display; a phrase is the one term with spaces in it.
    pub fn terms(&self) -> Vec<String> {
        self.clauses
            .iter()
            .map(|clause| {
                let words: Vec<&str> = clause.words.iter().map(|w| w.text.as_str()).collect();
                words.join(" ")
            })
            .collect()
    }
}

/// Splits query text into bare words and quoted phrases, in order.
pub(super) fn segments(text: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut in_quotes = false;
    for c in text.chars() {
        if is_quote(c) {
            finish_segment(&mut segments, &mut current);
            in_quotes = !in_quotes;
        } else if c.is_whitespace() && !in_quotes {
            finish_segment(&mut segments, &mut current);
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        let ends_open = !text.ends_with(char::is_whitespace);
        segments.push(Segment {
            text: current,
            open: ends_open,
        });
    }
    segments
}

pub(super) fn finish_segment(segments: &mut Vec<Segment>, current: &mut String) {
    if !current.is_empty() {
        segments.push(Segment {
            text: std::mem::take(current),
            open: false,
        });
    }
}

pub(super) fn clause_of(segment: &Segment) -> Option<Clause> {
    // The same words the index holds (`for_each_word`): folded words, and CJK runs as
    // bigrams whose last lone character matches as a prefix (it ends the run in the query,
    // not necessarily in the document).
    let mut words: Vec<QueryWord> = Vec::new();
    for_each_word(&segment.text, |w, _| {
        let mut chars = w.chars();
        let lone_cjk = matches!((chars.next(), chars.next()), (Some(c), None) if is_cjk(c));
        words.push(QueryWord {
            text: w.to_ascii_lowercase(),
            prefix: lone_cjk,
        });
    });
    if segment.open {
        if let Some(last) = words.last_mut() {
            last.prefix = true;
        }
    }
    (!words.is_empty()).then_some(Clause { words })
}
