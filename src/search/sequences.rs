//! Word sequences: each document's words as word ids in text order (fields separated), used
//! to check phrases and to filter small candidate sets; packed as frequency ranks in LEB128.

use super::*;

/// Each document's words as word ids, in text order, with [`FIELD_BREAK`] between fields.
#[derive(Debug, Default)]
pub(super) struct WordSequences {
    /// `ends[d]` is where document `d`'s words end in `words`.
    pub(super) ends: Vec<usize>,
    pub(super) words: Vec<WordId>,
}

impl WordSequences {
    pub(super) fn of(&self, doc: DocNumber) -> &[WordId] {
        let doc = doc as usize;
        let start = match doc.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(doc).copied().unwrap_or(start);
        self.words.get(start..end).unwrap_or(&[])
    }

    pub(super) fn average_len(&self) -> usize {
        self.words.len() / self.ends.len().max(1)
    }
}

/// Word sequences packed for keeping: each word is written as its frequency rank in LEB128
/// (the hundred commonest words take one byte, nearly all others two or three), so a million
/// documents' words take about a third of the memory of plain `u32` ids. Rank 0 is the field
/// break. Read back one document at a time into a reused buffer.
#[derive(Debug, Default)]
pub(super) struct PackedSequences {
    /// `ends[d]` is where document `d`'s bytes end in `bytes`.
    pub(super) ends: Vec<usize>,
    pub(super) bytes: Vec<u8>,
    /// Word id -> rank (1 = found in the most documents).
    pub(super) rank_of: Vec<u32>,
    /// Rank -> word id (index 0 unused: the field break).
    pub(super) word_of_rank: Vec<WordId>,
    pub(super) average_len: usize,
}

impl PackedSequences {
    /// Packs `sequences`, ranking words by `doc_count(word)`, most documents first.
    pub(super) fn pack(
        sequences: &WordSequences,
        vocabulary_len: usize,
        doc_count: impl Fn(WordId) -> usize,
    ) -> PackedSequences {
        let mut by_count: Vec<WordId> = (0..to_u32(vocabulary_len)).collect();
        by_count.sort_by_key(|&w| (std::cmp::Reverse(doc_count(w)), w));
        let mut rank_of = vec![0u32; vocabulary_len];
        let mut word_of_rank = Vec::with_capacity(vocabulary_len + 1);
        word_of_rank.push(FIELD_BREAK);
        for (rank, &word) in by_count.iter().enumerate() {
            if let Some(slot) = rank_of.get_mut(word as usize) {
                *slot = to_u32(rank + 1);
            }
            word_of_rank.push(word);
        }
        let docs = sequences.ends.len();
        let mut packed = PackedSequences {
            ends: Vec::with_capacity(docs),
            bytes: Vec::with_capacity(sequences.words.len() * 2),
            rank_of,
            word_of_rank,
            average_len: sequences.average_len(),
        };
        for doc in 0..docs {
            for &word in sequences.of(to_u32(doc)) {
                let rank = if word == FIELD_BREAK {
                    0
                } else {
                    packed.rank_of.get(word as usize).copied().unwrap_or(0)
                };
                write_varint(&mut packed.bytes, rank);
            }
            packed.ends.push(packed.bytes.len());
        }
        packed.bytes.shrink_to_fit();
        packed
    }

    pub(super) fn doc_count(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn average_len(&self) -> usize {
        self.average_len
    }

    /// Calls `f` with document `doc`'s word ids (field breaks included), decoded into a
    /// buffer kept per thread.
    pub(super) fn with<R>(&self, doc: DocNumber, f: impl FnOnce(&[WordId]) -> R) -> R {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<WordId>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with(|buffer| {
            let mut buffer = buffer.borrow_mut();
            buffer.clear();
            self.decode_into(doc, &mut buffer);
            f(&buffer)
        })
    }

    pub(super) fn decode_into(&self, doc: DocNumber, out: &mut Vec<WordId>) {
        let doc = doc as usize;
        let start = match doc.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(doc).copied().unwrap_or(start);
        let mut bytes = self.bytes.get(start..end).unwrap_or(&[]);
        while let Some((rank, rest)) = read_varint(bytes) {
            out.push(
                self.word_of_rank
                    .get(rank as usize)
                    .copied()
                    .unwrap_or(FIELD_BREAK),
            );
            bytes = rest;
        }
    }

    /// Back to plain sequences (tests).
    #[cfg(test)]
    pub(super) fn unpack(&self) -> WordSequences {
        let mut plain = WordSequences::default();
        for doc in 0..self.doc_count() {
            self.decode_into(to_u32(doc), &mut plain.words);
            plain.ends.push(plain.words.len());
        }
        plain
    }

    pub(super) fn heap_bytes(&self) -> usize {
        vec_bytes(&self.ends)
            + vec_bytes(&self.bytes)
            + vec_bytes(&self.rank_of)
            + vec_bytes(&self.word_of_rank)
    }
}

/// LEB128: seven bits a byte, the high bit set on all but the last.
pub(super) fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// One LEB128 number and the bytes after it; `None` at the end or on a truncated number.
pub(super) fn read_varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut value: u32 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, bytes.get(i + 1..).unwrap_or(&[])));
        }
    }
    None
}

pub(super) fn vec_bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

pub(super) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Documents' word sequences decoded once and kept for the next queries. A query typed one
/// keystroke at a time reads the same candidates' sequences again and again (each letter of
/// a phrase's last word checks the phrase in every candidate anew): at a million documents
/// decoding them was most of each keystroke's time. Kept for one index (by its id), for the
/// last set of candidates it was asked to hold, up to a limit of words.
#[derive(Debug)]
pub struct SearchMemo {
    /// The id of the index these were decoded from.
    index: u64,
    /// The documents held, ascending.
    docs: Vec<DocNumber>,
    /// Their sequences, by position in `docs`.
    sequences: WordSequences,
    /// The most words held (four bytes each).
    limit: usize,
}

impl Default for SearchMemo {
    fn default() -> Self {
        SearchMemo::with_limit(1 << 23)
    }
}

impl SearchMemo {
    /// A memo holding at most `limit` words.
    pub fn with_limit(limit: usize) -> SearchMemo {
        SearchMemo {
            index: 0,
            docs: Vec::new(),
            sequences: WordSequences::default(),
            limit,
        }
    }

    /// Document `doc`'s sequence, if held for index `index`.
    pub(super) fn get(&self, index: u64, doc: DocNumber) -> Option<&[WordId]> {
        if self.index != index {
            return None;
        }
        let at = self.docs.binary_search(&doc).ok()?;
        Some(self.sequences.of(to_u32(at)))
    }

    /// Holds the sequences of `docs` (ascending) from now on, unless it holds them already
    /// or they would not fit.
    pub(super) fn remember(&mut self, index: u64, packed: &PackedSequences, docs: &[DocNumber]) {
        if self.index == index && is_subset(docs, &self.docs) {
            return;
        }
        if docs.len().saturating_mul(packed.average_len()) > self.limit {
            return;
        }
        self.index = index;
        self.docs.clear();
        self.sequences.ends.clear();
        self.sequences.words.clear();
        for &doc in docs {
            let held = self.sequences.words.len();
            packed.decode_into(doc, &mut self.sequences.words);
            if self.sequences.words.len() > self.limit {
                // Longer than the average said: hold those that fit (the rest are decoded
                // when read).
                self.sequences.words.truncate(held);
                return;
            }
            self.sequences.ends.push(self.sequences.words.len());
            self.docs.push(doc);
        }
    }

    /// Words held now.
    pub fn words(&self) -> usize {
        self.sequences.words.len()
    }
}

/// Whether every element of `small` is in `large` (both ascending).
fn is_subset(small: &[DocNumber], large: &[DocNumber]) -> bool {
    if small.len() > large.len() {
        return false;
    }
    let mut rest = large;
    small.iter().all(|doc| match rest.binary_search(doc) {
        Ok(at) => {
            rest = rest.get(at + 1..).unwrap_or(&[]);
            true
        }
        Err(_) => false,
    })
}
