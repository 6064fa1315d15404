//! The index as the library cache keeps it: the same vectors, `usize` offsets as `u64`, so a
//! warm start reads the index back instead of building it again. Checked whole on the way back
//! ([`SearchIndex::from_stored`]): a damaged index is refused, never used.

use super::*;

/// Every vector of a [`SearchIndex`], in the cache's encoding (bitcode).
#[derive(Debug, Default, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct StoredIndex {
    vocabulary_text: String,
    vocabulary_ends: Vec<u64>,
    posting_starts: Vec<u64>,
    posting_docs: Vec<DocNumber>,
    sequence_ends: Vec<u64>,
    sequence_bytes: Vec<u8>,
    rank_of: Vec<u32>,
    word_of_rank: Vec<WordId>,
    average_len: u64,
}

fn wide(v: &[usize]) -> Vec<u64> {
    v.iter().map(|&n| n as u64).collect()
}

fn narrow(v: Vec<u64>) -> Option<Vec<usize>> {
    v.into_iter().map(|n| usize::try_from(n).ok()).collect()
}

/// Ascending (equal neighbours allowed) and ending at `last` when there is an end.
fn ascending_to(ends: &[usize], last: usize) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|&e| e == last)
}

impl SearchIndex {
    /// The index's vectors, for the cache.
    pub fn to_stored(&self) -> StoredIndex {
        StoredIndex {
            vocabulary_text: self.vocabulary.text.clone(),
            vocabulary_ends: wide(&self.vocabulary.ends),
            posting_starts: wide(&self.postings.starts),
            posting_docs: self.postings.docs.clone(),
            sequence_ends: wide(&self.sequences.ends),
            sequence_bytes: self.sequences.bytes.clone(),
            rank_of: self.sequences.rank_of.clone(),
            word_of_rank: self.sequences.word_of_rank.clone(),
            average_len: self.sequences.average_len as u64,
        }
    }

    /// The index of a library of `docs` documents back from the cache; `None` when its parts
    /// do not fit together (lengths, offsets, document numbers, word ids).
    pub fn from_stored(stored: StoredIndex, docs: usize) -> Option<SearchIndex> {
        let StoredIndex {
            vocabulary_text,
            vocabulary_ends,
            posting_starts,
            posting_docs,
            sequence_ends,
            sequence_bytes,
            rank_of,
            word_of_rank,
            average_len,
        } = stored;
        let vocabulary = Vocabulary {
            ends: narrow(vocabulary_ends)?,
            text: vocabulary_text,
        };
        let words = vocabulary.len();
        let postings = Postings {
            starts: narrow(posting_starts)?,
            docs: posting_docs,
        };
        let sequences = PackedSequences {
            ends: narrow(sequence_ends)?,
            bytes: sequence_bytes,
            rank_of,
            word_of_rank,
            average_len: usize::try_from(average_len).ok()?,
        };
        let fits = ascending_to(&vocabulary.ends, vocabulary.text.len())
            && vocabulary
                .ends
                .iter()
                .all(|&e| vocabulary.text.is_char_boundary(e))
            && postings.starts.len() == words + 1
            && postings.starts.first() == Some(&0)
            && ascending_to(&postings.starts, postings.docs.len())
            && postings.docs.iter().all(|&d| (d as usize) < docs)
            && sequences.ends.len() == docs.min(MAX_DOCS)
            && ascending_to(&sequences.ends, sequences.bytes.len())
            && sequences.rank_of.len() == words
            && sequences.word_of_rank.len() == words + 1
            && sequences
                .word_of_rank
                .iter()
                .skip(1)
                .all(|&w| (w as usize) < words);
        fits.then_some(SearchIndex {
            id: super::planner::next_index_id(),
            vocabulary,
            postings,
            sequences,
        })
    }
}
