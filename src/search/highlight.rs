//! Highlighting: where a query's words are in the original, unfolded text (byte ranges for the
//! detail panel).

use super::*;

/// Byte ranges of `text` (original, unfolded) that match the query's words/phrases
/// (word-prefix match for the last, still-typed word too), sorted, non-overlapping.
///
/// A matched word is highlighted whole (typing "zal" marks all of "Załuska"); a phrase is one
/// range from its first word to its last. Reads the whole text (about half a millisecond for
/// 40 KB): compute it when the query or the document changes, not every frame.
pub fn highlight_ranges(text: &str, query: &Query) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    let words = spanned_words(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for clause in &query.clauses {
        ranges.extend((0..words.len()).filter_map(|start| clause.span_at(&words, start)));
    }
    merge_overlapping(ranges)
}

/// Sorts ranges and joins those that overlap or touch.
pub(super) fn merge_overlapping(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(previous) if range.start <= previous.end => {
                previous.end = previous.end.max(range.end);
            }
            _ => merged.push(range),
        }
    }
    merged
}
