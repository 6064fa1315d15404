//! Building the index: documents are tokenized in chunks on all cores (rayon), each chunk
//! interning its words, then the chunks' vocabularies, postings and sequences are merged.

use super::*;

/// Word -> entry, hashed with FxHash (rustc-hash): far cheaper than std's SipHash for short
/// words, and the index's keys come from the library, not from an attacker.
pub(super) type WordMap<K> = FxHashMap<K, WordEntry>;

/// What indexing one run of consecutive documents gives, with word ids local to the chunk
/// (document numbers are the library's).
#[derive(Default)]
pub(super) struct ChunkIndex {
    /// Local word id -> word.
    pub(super) words: Vec<String>,
    pub(super) postings: Postings,
    pub(super) sequences: WordSequences,
}

/// A distinct word's id, and how many documents it was seen in.
#[derive(Clone, Copy, Debug)]
pub(super) struct WordEntry {
    pub(super) id: WordId,
    pub(super) docs: u32,
    pub(super) last_doc: Option<DocNumber>,
}

/// Gives each distinct word an id in order of first appearance and counts its documents.
/// Words of up to 16 bytes (nearly all) are keyed by their bytes packed into a `u128`, so that
/// a look-up compares two integers instead of following a pointer to a string elsewhere.
#[derive(Default)]
pub(super) struct Interner {
    pub(super) short: WordMap<u128>,
    pub(super) long: WordMap<String>,
    /// Id -> word.
    pub(super) words: Vec<String>,
}

impl Interner {
    /// The id of `word` (a folded word whose ASCII letters may still be upper case).
    pub(super) fn id_of(&mut self, word: &str) -> WordId {
        self.entry(word).id
    }

    /// The id of `word`, counting `doc` among the documents that contain it.
    pub(super) fn id_in(&mut self, word: &str, doc: DocNumber) -> WordId {
        let entry = self.entry(word);
        if entry.last_doc != Some(doc) {
            entry.last_doc = Some(doc);
            entry.docs += 1;
        }
        entry.id
    }

    pub(super) fn entry(&mut self, word: &str) -> &mut WordEntry {
        let fresh = WordEntry {
            id: to_u32(self.words.len()),
            docs: 0,
            last_doc: None,
        };
        let entry = match packed_lowercase(word) {
            Some(key) => self.short.entry(key).or_insert(fresh),
            None => self.long.entry(word.to_ascii_lowercase()).or_insert(fresh),
        };
        if entry.id == fresh.id {
            self.words.push(word.to_ascii_lowercase());
        }
        entry
    }

    /// Id -> number of documents counted.
    pub(super) fn doc_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.words.len()];
        for entry in self.short.values().chain(self.long.values()) {
            if let Some(count) = counts.get_mut(entry.id as usize) {
                *count = entry.docs as usize;
            }
        }
        counts
    }
}

/// A word of at most 16 bytes, ASCII lower-cased, as one number (zero-padded: words never
/// contain a zero byte, so no two words share a key).
pub(super) fn packed_lowercase(word: &str) -> Option<u128> {
    if word.len() > 16 {
        return None;
    }
    let mut key = [0u8; 16];
    for (slot, byte) in key.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    Some(u128::from_le_bytes(key))
}

/// Interns the words of `docs` (document numbers start at `first_doc`) with chunk-local ids.
pub(super) fn index_chunk(first_doc: usize, docs: &[Document]) -> ChunkIndex {
    let mut interner = Interner::default();
    let mut sequences = WordSequences::default();
    let text_bytes: usize = docs.iter().flat_map(fields).map(str::len).sum();
    sequences.words.reserve(text_bytes / 5); // about a word per 5 bytes; freed after merging
    sequences.ends.reserve(docs.len());
    for (offset, doc) in docs.iter().enumerate() {
        let number = to_u32(first_doc + offset);
        for (field_number, field) in fields(doc).enumerate() {
            if field_number > 0 {
                sequences.words.push(FIELD_BREAK);
            }
            for_each_word(field, |word, _| {
                sequences.words.push(interner.id_in(word, number));
            });
        }
        sequences.ends.push(sequences.words.len());
    }
    ChunkIndex {
        postings: invert(&sequences, &interner.doc_counts(), first_doc),
        words: interner.words,
        sequences,
    }
}

/// Where the next document of one word's posting list goes.
#[derive(Clone, Copy)]
pub(super) struct ListEnd {
    pub(super) next: usize,
    pub(super) last_doc: Option<DocNumber>,
}

/// Posting lists from word sequences: for each word, the ascending numbers of the documents
/// whose sequence holds it (`counts` says how many there are; the first sequence is document
/// `first_doc`).
pub(super) fn invert(sequences: &WordSequences, counts: &[usize], first_doc: usize) -> Postings {
    let starts = running_totals(counts);
    let mut docs: Vec<DocNumber> = vec![0; starts.last().copied().unwrap_or(0)];
    let mut ends: Vec<ListEnd> = starts
        .iter()
        .take(counts.len())
        .map(|&next| ListEnd {
            next,
            last_doc: None,
        })
        .collect();
    for offset in 0..sequences.ends.len() {
        let number = to_u32(first_doc + offset);
        for &word in sequences.of(to_u32(offset)) {
            let Some(end) = ends.get_mut(word as usize) else {
                continue; // FIELD_BREAK
            };
            if end.last_doc == Some(number) {
                continue;
            }
            end.last_doc = Some(number);
            if let Some(slot) = docs.get_mut(end.next) {
                *slot = number;
            }
            end.next += 1;
        }
    }
    Postings { starts, docs }
}

/// `[0, a, a + b, a + b + c, …]`: where each of `counts`' items starts, and the total.
pub(super) fn running_totals(counts: &[usize]) -> Vec<usize> {
    let mut totals = Vec::with_capacity(counts.len() + 1);
    let mut total = 0;
    totals.push(0);
    for count in counts {
        total += count;
        totals.push(total);
    }
    totals
}

/// Splits `items` into consecutive slices of the given lengths (the last ones come out short
/// if `items` is).
pub(super) fn split_by_lengths<T>(
    mut items: &mut [T],
    lengths: impl IntoIterator<Item = usize>,
) -> Vec<&mut [T]> {
    let mut slices = Vec::new();
    for len in lengths {
        let (slice, rest) = items.split_at_mut(len.min(items.len()));
        slices.push(slice);
        items = rest;
    }
    slices
}

/// The sorted vocabulary of all chunks, and for each chunk its local -> global word ids.
pub(super) fn merge_vocabularies(chunks: &[ChunkIndex]) -> (Vocabulary, Vec<Vec<WordId>>) {
    // First number the words in order of appearance, then sort them and renumber.
    let mut all = Interner::default();
    let local_to_first_seen: Vec<Vec<WordId>> = chunks
        .iter()
        .map(|chunk| chunk.words.iter().map(|word| all.id_of(word)).collect())
        .collect();
    let mut by_word: Vec<WordId> = (0..to_u32(all.words.len())).collect();
    by_word.par_sort_unstable_by_key(|&id| all.words.get(id as usize));
    let mut sorted_id = vec![0; by_word.len()];
    for (sorted, &first_seen) in by_word.iter().enumerate() {
        if let Some(slot) = sorted_id.get_mut(first_seen as usize) {
            *slot = to_u32(sorted);
        }
    }
    let local_to_global = local_to_first_seen
        .into_iter()
        .map(|ids| {
            ids.into_iter()
                .map(|id| sorted_id.get(id as usize).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let sorted_words: Vec<&str> = by_word
        .iter()
        .filter_map(|&id| all.words.get(id as usize).map(String::as_str))
        .collect();
    (Vocabulary::from_sorted(&sorted_words), local_to_global)
}

/// Rewrites each chunk's sequences to global word ids and joins them in document order,
/// freeing the chunks' own copies as it goes (they are the largest part of a chunk).
pub(super) fn merge_sequences(
    chunks: &mut [ChunkIndex],
    local_to_global: &[Vec<WordId>],
) -> WordSequences {
    let mut ends = Vec::with_capacity(chunks.iter().map(|c| c.sequences.ends.len()).sum());
    let mut offset = 0;
    for chunk in chunks.iter() {
        ends.extend(chunk.sequences.ends.iter().map(|end| end + offset));
        offset += chunk.sequences.words.len();
    }
    let lengths: Vec<usize> = chunks.iter().map(|c| c.sequences.words.len()).collect();
    let mut words: Vec<WordId> = vec![0; offset];
    split_by_lengths(&mut words, lengths)
        .into_par_iter()
        .zip(chunks)
        .zip(local_to_global)
        .for_each(|((out, chunk), globals)| {
            let local_words = std::mem::take(&mut chunk.sequences);
            for (slot, &local) in out.iter_mut().zip(&local_words.words) {
                // FIELD_BREAK is no word's index, so it stays a FIELD_BREAK.
                *slot = globals.get(local as usize).copied().unwrap_or(FIELD_BREAK);
            }
        });
    WordSequences { ends, words }
}

/// Joins the chunks' posting lists word by word (chunks are in document order, so every list
/// stays ascending). Runs in parallel over a few ranges of words of similar total length.
pub(super) fn merge_postings(
    chunks: &[ChunkIndex],
    local_to_global: &[Vec<WordId>],
    word_count: usize,
) -> Postings {
    let global_to_local: Vec<Vec<WordId>> = local_to_global
        .par_iter()
        .map(|globals| {
            let mut locals = vec![NO_WORD; word_count];
            for (local, &global) in globals.iter().enumerate() {
                if let Some(slot) = locals.get_mut(global as usize) {
                    *slot = to_u32(local);
                }
            }
            locals
        })
        .collect();
    let lists_of = |global: usize| {
        chunks
            .iter()
            .zip(&global_to_local)
            .map(move |(chunk, locals)| {
                let local = locals.get(global).copied().unwrap_or(NO_WORD);
                chunk.postings.docs_of(local)
            })
    };
    let counts: Vec<usize> = (0..word_count)
        .map(|global| lists_of(global).map(<[DocNumber]>::len).sum())
        .collect();
    let starts = running_totals(&counts);
    let mut docs: Vec<DocNumber> = vec![0; starts.last().copied().unwrap_or(0)];
    let parts = word_ranges(&starts, rayon::current_num_threads() * 2);
    let lengths = parts.iter().map(|words| postings_len(&starts, words));
    split_by_lengths(&mut docs, lengths)
        .into_par_iter()
        .zip(parts)
        .for_each(|(out, words)| {
            let mut position = 0;
            for global in words.start as usize..words.end as usize {
                for list in lists_of(global) {
                    if let Some(target) = out.get_mut(position..position + list.len()) {
                        target.copy_from_slice(list);
                    }
                    position += list.len();
                }
            }
        });
    Postings { starts, docs }
}

pub(super) fn postings_len(starts: &[usize], words: &Range<WordId>) -> usize {
    let start = starts.get(words.start as usize).copied().unwrap_or(0);
    let end = starts.get(words.end as usize).copied().unwrap_or(start);
    end.saturating_sub(start)
}

/// Splits all word ids into `parts` consecutive ranges holding about equal numbers of postings.
pub(super) fn word_ranges(starts: &[usize], parts: usize) -> Vec<Range<WordId>> {
    let parts = parts.max(1);
    let word_count = starts.len().saturating_sub(1);
    let total = starts.last().copied().unwrap_or(0);
    let mut ranges = Vec::with_capacity(parts);
    let mut first = 0;
    for part in 1..=parts {
        let end = if part == parts {
            word_count
        } else {
            let goal = total / parts * part;
            partition_point(word_count, |word| {
                starts.get(word + 1).is_some_and(|&s| s <= goal)
            })
            .max(first)
        };
        ranges.push(to_u32(first)..to_u32(end));
        first = end;
    }
    ranges
}
