//! The index and its query planner: a query intersects the posting lists from the rarest word
//! up, switches to a bitset union or a scan of word sequences where that is cheaper, then checks
//! phrases on the survivors' sequences.

use super::*;

/// An inverted index over one [`Library`]'s titles, summaries and full texts.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Unique to this index in this process (what a [`SearchMemo`] was decoded from).
    pub(super) id: u64,
    pub(super) vocabulary: Vocabulary,
    pub(super) postings: Postings,
    pub(super) sequences: PackedSequences,
}

/// A query resolved against the vocabulary: word-id ranges instead of strings.
pub(super) struct Plan {
    /// Every word the documents must contain (phrase words included), each once.
    pub(super) words: Vec<Range<WordId>>,
    /// Phrases whose words must also be adjacent, in order, within one field.
    pub(super) phrases: Vec<Phrase>,
}

impl SearchIndex {
    /// Indexes every document of `library`, in parallel chunks merged in document order.
    pub fn build(library: &Library) -> SearchIndex {
        let docs = library.docs();
        let docs = docs.get(..MAX_DOCS).unwrap_or(docs);
        let chunk_len = chunk_len(docs.len());
        let mut chunks: Vec<ChunkIndex> = docs
            .par_chunks(chunk_len)
            .enumerate()
            .map(|(number, chunk)| index_chunk(number * chunk_len, chunk))
            .collect();
        let (vocabulary, local_to_global) = merge_vocabularies(&chunks);
        let plain = merge_sequences(&mut chunks, &local_to_global);
        let postings = merge_postings(&chunks, &local_to_global, vocabulary.len());
        drop(chunks);
        let sequences = PackedSequences::pack(&plain, vocabulary.len(), |word| {
            postings.docs_of(word).len()
        });
        drop(plain);
        SearchIndex {
            id: next_index_id(),
            vocabulary,
            postings,
            sequences,
        }
    }

    /// The documents matching every word and phrase of `query`, in ascending order (the
    /// library's date order). An empty query matches nothing.
    pub fn search(&self, library: &Library, query: &Query) -> Vec<DocIndex> {
        self.search_among(library.len(), query)
    }

    /// [`SearchIndex::search`] over a library of `docs` documents, without the library (a
    /// worker thread holds the index and the query only).
    pub fn search_among(&self, doc_count: usize, query: &Query) -> Vec<DocIndex> {
        self.search_remembering(doc_count, query, &mut SearchMemo::with_limit(0))
    }

    /// [`SearchIndex::search_among`], reading the candidates' word sequences from `memo`
    /// where it holds them and keeping them there for the next query (the same results).
    pub fn search_remembering(
        &self,
        doc_count: usize,
        query: &Query,
        memo: &mut SearchMemo,
    ) -> Vec<DocIndex> {
        let Some(plan) = self.plan(query) else {
            return Vec::new();
        };
        let mut docs = self.docs_with_all(&plan.words, memo);
        if !plan.phrases.is_empty() {
            docs = self.docs_with_phrases(docs, &plan.phrases, memo);
        }
        docs.into_iter()
            .map(|doc| doc as DocIndex)
            .filter(|&doc| doc < doc_count)
            .collect()
    }

    /// Approximate heap size of the index in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.vocabulary.heap_bytes() + self.postings.heap_bytes() + self.sequences.heap_bytes()
    }

    pub(super) fn doc_count(&self) -> usize {
        self.sequences.doc_count()
    }

    /// Resolves the query's words; `None` when it is empty or names a word no document has.
    pub(super) fn plan(&self, query: &Query) -> Option<Plan> {
        let mut plan = Plan {
            words: Vec::new(),
            phrases: Vec::new(),
        };
        for clause in &query.clauses {
            let mut ids = Vec::with_capacity(clause.words.len());
            for word in &clause.words {
                let range = self.vocabulary.ids_matching(word);
                if range.is_empty() {
                    return None;
                }
                plan.words.push(range.clone());
                ids.push(range);
            }
            if clause.is_phrase() {
                plan.phrases.push(self.phrase(ids));
            }
        }
        plan.words.sort_by_key(|range| (range.start, range.end));
        plan.words.dedup();
        (!plan.words.is_empty()).then_some(plan)
    }

    /// Documents containing a word of every range: starts from the rarest and narrows.
    pub(super) fn docs_with_all(
        &self,
        words: &[Range<WordId>],
        memo: &mut SearchMemo,
    ) -> Vec<DocNumber> {
        let mut by_cost: Vec<&Range<WordId>> = words.iter().collect();
        by_cost.sort_by_key(|range| self.postings.total_len(range));
        let Some((rarest, others)) = by_cost.split_first() else {
            return Vec::new();
        };
        let mut docs = self.docs_with_any(rarest);
        for range in others {
            if docs.is_empty() {
                break;
            }
            docs = self.keep_docs_with_any(docs, range, memo);
        }
        docs
    }

    /// Documents containing any word of `words`, ascending.
    pub(super) fn docs_with_any(&self, words: &Range<WordId>) -> Vec<DocNumber> {
        if words.len() == 1 {
            return self.postings.docs_of(words.start).to_vec();
        }
        self.union(words).ones().map(to_u32).collect()
    }

    /// The documents of every word in `words`, one bit each (for unions of many lists).
    pub(super) fn union(&self, words: &Range<WordId>) -> FixedBitSet {
        let mut bits = FixedBitSet::with_capacity(self.doc_count());
        for word in words.clone() {
            for &doc in self.postings.docs_of(word) {
                if (doc as usize) < bits.len() {
                    bits.insert(doc as usize);
                }
            }
        }
        bits
    }

    /// Narrows `docs` to those containing any word of `words`, by the cheapest of: merging
    /// with one posting list, reading the candidates' word sequences, or a union of many lists.
    pub(super) fn keep_docs_with_any(
        &self,
        mut docs: Vec<DocNumber>,
        words: &Range<WordId>,
        memo: &mut SearchMemo,
    ) -> Vec<DocNumber> {
        if words.len() == 1 {
            return intersect(&docs, self.postings.docs_of(words.start));
        }
        let scan_cost = docs.len() * self.sequences.average_len();
        if scan_cost < self.postings.total_len(words) {
            memo.remember(self.id, &self.sequences, &docs);
            docs.retain(|&doc| {
                self.read(memo, doc, |sequence| {
                    any_position_of(sequence, words, |_| true)
                })
            });
        } else {
            let union = self.union(words);
            docs.retain(|&doc| union.contains(doc as usize));
        }
        docs
    }

    pub(super) fn phrase(&self, words: Vec<Range<WordId>>) -> Phrase {
        let anchor = (0..words.len())
            .min_by_key(|&i| words.get(i).map(|w| self.postings.total_len(w)))
            .unwrap_or(0);
        Phrase { words, anchor }
    }

    pub(super) fn docs_with_phrases(
        &self,
        docs: Vec<DocNumber>,
        phrases: &[Phrase],
        memo: &mut SearchMemo,
    ) -> Vec<DocNumber> {
        memo.remember(self.id, &self.sequences, &docs);
        let memo = &*memo;
        docs.into_par_iter()
            .filter(|&doc| {
                self.read(memo, doc, |sequence| {
                    phrases
                        .iter()
                        .all(|phrase| contains_phrase(sequence, phrase))
                })
            })
            .collect()
    }

    /// Calls `f` with document `doc`'s word sequence: from `memo` if it holds it, else
    /// decoded.
    fn read<R>(&self, memo: &SearchMemo, doc: DocNumber, f: impl FnOnce(&[WordId]) -> R) -> R {
        match memo.get(self.id, doc) {
            Some(sequence) => f(sequence),
            None => self.sequences.with(doc, f),
        }
    }
}

/// A new index's id: never 0 (what an empty [`SearchMemo`] holds), never one given before.
pub(super) fn next_index_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Documents per parallel indexing chunk: a few chunks per core, not too small to pay off.
pub(super) fn chunk_len(doc_count: usize) -> usize {
    let chunks = rayon::current_num_threads() * 4;
    doc_count.div_ceil(chunks).max(1024)
}

/// Whether `sequence` holds the phrase's words adjacent and in order (a field break matches
/// no word, so a phrase never spans two fields).
///
/// Looks for the phrase's rarest word (its `anchor`) first, and only there compares the rest.
pub(super) fn contains_phrase(sequence: &[WordId], phrase: &Phrase) -> bool {
    let Some(anchor_words) = phrase.words.get(phrase.anchor) else {
        return true;
    };
    let matches_from = |start: usize| {
        sequence
            .get(start..start + phrase.words.len())
            .is_some_and(|window| {
                window
                    .iter()
                    .zip(&phrase.words)
                    .all(|(word, wanted)| wanted.contains(word))
            })
    };
    any_position_of(sequence, anchor_words, |position| {
        position
            .checked_sub(phrase.anchor)
            .is_some_and(matches_from)
    })
}

/// Whether `accept` holds for some position of `sequence` whose word is in `words`.
///
/// Phrase checks read every word of every candidate document, so this tests 16 words at a
/// time without branching (a loop the compiler turns into vector instructions) and calls
/// `accept` only where a block has hits.
pub(super) fn any_position_of(
    sequence: &[WordId],
    words: &Range<WordId>,
    mut accept: impl FnMut(usize) -> bool,
) -> bool {
    pub(super) const BLOCK: usize = 16;
    let first = words.start;
    let count = words.end.saturating_sub(words.start);
    let is_hit = |word: WordId| word.wrapping_sub(first) < count;
    let mut blocks = sequence.chunks_exact(BLOCK);
    for (block_number, block) in blocks.by_ref().enumerate() {
        let mut hits: u32 = 0;
        for (bit, &word) in block.iter().enumerate() {
            hits |= u32::from(is_hit(word)) << bit;
        }
        while hits != 0 {
            let bit = hits.trailing_zeros() as usize;
            if accept(block_number * BLOCK + bit) {
                return true;
            }
            hits &= hits - 1;
        }
    }
    let rest = blocks.remainder();
    let rest_start = sequence.len() - rest.len();
    rest.iter()
        .enumerate()
        .any(|(offset, &word)| is_hit(word) && accept(rest_start + offset))
}

/// A phrase resolved against the vocabulary.
pub(super) struct Phrase {
    pub(super) words: Vec<Range<WordId>>,
    /// The position of the word with the fewest occurrences, looked for first.
    pub(super) anchor: usize,
}

/// The documents in both ascending lists; walks the shorter and gallops through the longer.
pub(super) fn intersect(a: &[DocNumber], b: &[DocNumber]) -> Vec<DocNumber> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut found = Vec::with_capacity(short.len());
    let mut rest = long;
    for &doc in short {
        rest = rest.get(first_not_below(rest, doc)..).unwrap_or(&[]);
        match rest.first() {
            Some(&next) if next == doc => found.push(doc),
            Some(_) => {}
            None => break,
        }
    }
    found
}

/// Index of the first entry of the ascending `docs` that is not below `doc`, probing 1, 2, 4 …
/// entries ahead first, so that many nearby look-ups stay cheap.
pub(super) fn first_not_below(docs: &[DocNumber], doc: DocNumber) -> usize {
    let mut bound = 1;
    while bound < docs.len() && docs[bound - 1] < doc {
        bound *= 2;
    }
    let low = bound / 2;
    let high = bound.min(docs.len());
    low + partition_point(high - low, |offset| docs[low + offset] < doc)
}
