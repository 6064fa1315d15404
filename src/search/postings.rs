//! Posting lists: for each word, the ascending numbers of the documents that contain it.

use super::*;

/// For each word, the ascending numbers of the documents that contain it, end to end.
#[derive(Debug, Default)]
pub(super) struct Postings {
    /// `starts[w]..starts[w + 1]` is word `w`'s slice of `docs`; one more entry than words.
    pub(super) starts: Vec<usize>,
    pub(super) docs: Vec<DocNumber>,
}

impl Postings {
    pub(super) fn docs_of(&self, word: WordId) -> &[DocNumber] {
        let word = word as usize;
        let (Some(&start), Some(&end)) = (self.starts.get(word), self.starts.get(word + 1)) else {
            return &[];
        };
        self.docs.get(start..end).unwrap_or(&[])
    }

    /// Total length of the posting lists of `words` (the cost of reading them all).
    pub(super) fn total_len(&self, words: &Range<WordId>) -> usize {
        let start = self.starts.get(words.start as usize).copied().unwrap_or(0);
        let end = self
            .starts
            .get(words.end as usize)
            .copied()
            .unwrap_or(start);
        end.saturating_sub(start)
    }

    pub(super) fn heap_bytes(&self) -> usize {
        vec_bytes(&self.starts) + vec_bytes(&self.docs)
    }
}
