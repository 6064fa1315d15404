//! The vocabulary: every distinct folded word, sorted bytewise, stored end to end, so a prefix
//! is a contiguous range of word ids found by binary search.

use super::*;

/// Every distinct folded word, sorted bytewise, stored end to end in one string.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    pub(super) text: String,
    /// `ends[i]` is where word `i` ends in `text` (it starts where word `i - 1` ends).
    pub(super) ends: Vec<usize>,
}

impl Vocabulary {
    pub(super) fn from_sorted(words: &[&str]) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            text: String::with_capacity(words.iter().map(|w| w.len()).sum()),
            ends: Vec::with_capacity(words.len()),
        };
        for word in words {
            vocabulary.text.push_str(word);
            vocabulary.ends.push(vocabulary.text.len());
        }
        vocabulary
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn word(&self, id: usize) -> &str {
        let start = match id.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(id).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }

    /// Ids of the words `wanted` matches: one word, a prefix's contiguous run, or none.
    pub(super) fn ids_matching(&self, wanted: &QueryWord) -> Range<WordId> {
        let first = self.first_at_or_after(&wanted.text);
        let end = if wanted.prefix {
            first + self.count_from(first, |word| word.starts_with(&wanted.text))
        } else {
            first + self.count_from(first, |word| word == wanted.text)
        };
        to_u32(first)..to_u32(end)
    }

    /// The first id whose word is not less than `text`.
    pub(super) fn first_at_or_after(&self, text: &str) -> usize {
        partition_point(self.len(), |id| self.word(id) < text)
    }

    /// How many consecutive words from `first` on satisfy `pred` (which holds for a prefix of them).
    pub(super) fn count_from(&self, first: usize, pred: impl Fn(&str) -> bool) -> usize {
        partition_point(self.len() - first, |offset| pred(self.word(first + offset)))
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.text.capacity() + vec_bytes(&self.ends)
    }
}

/// The first index in `0..len` for which `is_before` is false (`is_before` must hold for a
/// prefix of the indices only).
pub(super) fn partition_point(len: usize, is_before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let middle = low + (high - low) / 2;
        if is_before(middle) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    low
}
