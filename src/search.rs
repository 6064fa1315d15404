//! Full-text search over a [`Library`]: the query language, the index, and highlight ranges.
//!
//! Owns three things: parsing what the user types into a [`Query`] (words are ANDed,
//! "quoted phrases" must appear as adjacent words within one field, the last word still being
//! typed matches as a prefix); a [`SearchIndex`] built once per library that answers a query in
//! milliseconds even for a million documents; and [`highlight_ranges`], which maps matches back
//! to byte ranges of the original, unfolded text for the detail panel.
//!
//! Must not touch: egui, the documents themselves (read only), or the folding rules, which belong
//! to [`crate::text::fold`] alone. Title, summary and full text are searched; a word may be in
//! any of them, a phrase must lie within one.
//!
//! The index is a sorted vocabulary of folded words (so a prefix is a contiguous range of word
//! ids, found by binary search), a posting list of ascending document numbers per word, and each
//! document's sequence of word ids with a break between fields, used to check phrases and to
//! filter small candidate sets without touching the text again. A query intersects the lists
//! from the rarest word up, then checks phrases on the survivors' sequences.
//!
//! Costs (`benchmark_search_over_a_million_documents`, ~370 bytes of text a document): about
//! 420 bytes of index a document; building takes a few seconds of CPU a million documents
//! (build it off the UI thread); a query takes microseconds for rare words, a few
//! milliseconds for one-letter prefixes, and up to a few tens of milliseconds a million
//! documents for phrases of the commonest words.

use crate::model::{DocIndex, Document, Library};
use crate::text::fold;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::str::CharIndices;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Position of a word in the sorted vocabulary.
type WordId = u32;
/// A document's number in the library, narrowed to halve the size of posting lists.
type DocNumber = u32;

/// Marks the boundary between two fields in a document's word sequence; never a real word id.
const FIELD_BREAK: WordId = WordId::MAX;

/// "This chunk does not have the word", in a chunk's global -> local word table.
const NO_WORD: WordId = WordId::MAX;

/// The index covers at most this many documents (far beyond any library that fits in memory).
const MAX_DOCS: usize = DocNumber::MAX as usize;

/// Words and phrases of a query beyond this many are ignored (a pasted page stays cheap).
const MAX_CLAUSES: usize = 32;

// ---------------------------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------------------------

/// One folded query word; the last word still being typed matches any word it begins.
#[derive(Clone, Debug, PartialEq, Eq)]
struct QueryWord {
    text: String,
    prefix: bool,
}

impl QueryWord {
    fn matches(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

/// One requirement of a query: a single word, or a phrase of adjacent words (two or more).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Clause {
    words: Vec<QueryWord>,
}

impl Clause {
    fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }

    /// The original bytes from the first to the last matched word, if the clause matches
    /// `words[start..]`.
    fn span_at(&self, words: &[SpannedWord], start: usize) -> Option<Range<usize>> {
        let window = words.get(start..start + self.words.len())?;
        let all_match = window
            .iter()
            .zip(&self.words)
            .all(|(word, wanted)| wanted.matches(&word.text));
        let (first, last) = (window.first()?, window.last()?);
        all_match.then_some(first.span.start..last.span.end)
    }
}

/// A parsed search box: every clause must match (AND).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    clauses: Vec<Clause>,
}

/// A stretch of the query text: a bare word (split at whitespace) or a quoted phrase.
struct Segment {
    text: String,
    /// The segment reaches the end of the query text and is not closed by a quote or space:
    /// its last word is still being typed.
    open: bool,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

impl Query {
    /// Parses what the user typed. Never fails: an unbalanced quote makes the rest a phrase,
    /// and a query with no words (empty, blanks, punctuation) matches nothing.
    ///
    /// Words are folded with [`fold`]; a bare word that folds to several words ("Il-u",
    /// "A.M.") is a phrase. The last word is a prefix unless the text ends with a space or
    /// a closing quote. Repeated terms count once; terms after the first [`MAX_CLAUSES`]
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
fn segments(text: &str) -> Vec<Segment> {
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

fn finish_segment(segments: &mut Vec<Segment>, current: &mut String) {
    if !current.is_empty() {
        segments.push(Segment {
            text: std::mem::take(current),
            open: false,
        });
    }
}

fn clause_of(segment: &Segment) -> Option<Clause> {
    let folded = fold(&segment.text);
    let mut words: Vec<QueryWord> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| QueryWord {
            text: w.to_string(),
            prefix: false,
        })
        .collect();
    if segment.open {
        if let Some(last) = words.last_mut() {
            last.prefix = true;
        }
    }
    (!words.is_empty()).then_some(Clause { words })
}

// ---------------------------------------------------------------------------------------------
// Tokenizing: original text -> folded words with their byte ranges
// ---------------------------------------------------------------------------------------------

/// Characters that belong to a word: those [`fold`] keeps or turns into letters or digits, and
/// combining marks (fold drops them without splitting the word they sit on).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_non_ascii_word_char(c)
    }
}

/// The rare, slower half of [`is_word_char`], kept out of line so the ASCII test inlines.
#[inline(never)]
fn is_non_ascii_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || decomposes_to_alphanumeric(c)
}

/// "™" -> "TM", "①" -> "1": symbols that are not letters themselves but fold to some.
fn decomposes_to_alphanumeric(c: char) -> bool {
    let mut found = false;
    decompose_compatible(c, |part| found |= part.is_alphanumeric());
    found
}

/// Byte ranges of the maximal runs of word characters in a text.
struct Tokens<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Tokens<'a> {
        Tokens {
            text,
            chars: text.char_indices(),
        }
    }
}

impl Iterator for Tokens<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = loop {
            let (index, c) = self.chars.next()?;
            if is_word_char(c) {
                break index;
            }
        };
        let mut end = self.text.len();
        for (index, c) in self.chars.by_ref() {
            if !is_word_char(c) {
                end = index;
                break;
            }
        }
        Some(start..end)
    }
}

/// Calls `emit` with every folded word of `text` and the byte range of the original token it
/// came from. The words are exactly those of `fold(text)` except that ASCII letters keep their
/// case: the caller lower-cases them while copying (most tokens are plain ASCII, and skipping
/// [`fold`] and a copy for them is what makes indexing fast). A token that folds to several
/// words ("½" -> "1 2") gives each of them the whole token's range.
fn for_each_word(text: &str, mut emit: impl FnMut(&str, Range<usize>)) {
    for span in Tokens::new(text) {
        let Some(token) = text.get(span.clone()) else {
            continue;
        };
        if token.is_ascii() {
            emit(token, span);
        } else {
            for word in fold(token).split(' ').filter(|w| !w.is_empty()) {
                emit(word, span.clone());
            }
        }
    }
}

/// A folded word and the original bytes it came from.
struct SpannedWord {
    text: String,
    span: Range<usize>,
}

fn spanned_words(text: &str) -> Vec<SpannedWord> {
    let mut words = Vec::new();
    for_each_word(text, |word, span| {
        words.push(SpannedWord {
            text: word.to_ascii_lowercase(),
            span,
        });
    });
    words
}

/// The searchable fields of a document, in the order their words are indexed.
fn fields(doc: &Document) -> [&str; 3] {
    [
        doc.title.as_str(),
        doc.summary.as_str(),
        doc.full_text().unwrap_or(""),
    ]
}

// ---------------------------------------------------------------------------------------------
// Highlighting
// ---------------------------------------------------------------------------------------------

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
fn merge_overlapping(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
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

// ---------------------------------------------------------------------------------------------
// Index storage
// ---------------------------------------------------------------------------------------------

/// Every distinct folded word, sorted bytewise, stored end to end in one string.
#[derive(Debug, Default)]
struct Vocabulary {
    text: String,
    /// `ends[i]` is where word `i` ends in `text` (it starts where word `i - 1` ends).
    ends: Vec<usize>,
}

impl Vocabulary {
    fn from_sorted(words: &[&str]) -> Vocabulary {
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

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, id: usize) -> &str {
        let start = match id.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(id).copied().unwrap_or(start);
        self.text.get(start..end).unwrap_or("")
    }

    /// Ids of the words `wanted` matches: one word, a prefix's contiguous run, or none.
    fn ids_matching(&self, wanted: &QueryWord) -> Range<WordId> {
        let first = self.first_at_or_after(&wanted.text);
        let end = if wanted.prefix {
            first + self.count_from(first, |word| word.starts_with(&wanted.text))
        } else {
            first + self.count_from(first, |word| word == wanted.text)
        };
        to_u32(first)..to_u32(end)
    }

    /// The first id whose word is not less than `text`.
    fn first_at_or_after(&self, text: &str) -> usize {
        partition_point(self.len(), |id| self.word(id) < text)
    }

    /// How many consecutive words from `first` on satisfy `pred` (which holds for a prefix of them).
    fn count_from(&self, first: usize, pred: impl Fn(&str) -> bool) -> usize {
        partition_point(self.len() - first, |offset| pred(self.word(first + offset)))
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity() + vec_bytes(&self.ends)
    }
}

/// The first index in `0..len` for which `is_before` is false (`is_before` must hold for a
/// prefix of the indices only).
fn partition_point(len: usize, is_before: impl Fn(usize) -> bool) -> usize {
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

/// For each word, the ascending numbers of the documents that contain it, end to end.
#[derive(Debug, Default)]
struct Postings {
    /// `starts[w]..starts[w + 1]` is word `w`'s slice of `docs`; one more entry than words.
    starts: Vec<usize>,
    docs: Vec<DocNumber>,
}

impl Postings {
    fn docs_of(&self, word: WordId) -> &[DocNumber] {
        let word = word as usize;
        let (Some(&start), Some(&end)) = (self.starts.get(word), self.starts.get(word + 1)) else {
            return &[];
        };
        self.docs.get(start..end).unwrap_or(&[])
    }

    /// Total length of the posting lists of `words` (the cost of reading them all).
    fn total_len(&self, words: &Range<WordId>) -> usize {
        let start = self.starts.get(words.start as usize).copied().unwrap_or(0);
        let end = self
            .starts
            .get(words.end as usize)
            .copied()
            .unwrap_or(start);
        end.saturating_sub(start)
    }

    fn heap_bytes(&self) -> usize {
        vec_bytes(&self.starts) + vec_bytes(&self.docs)
    }
}

/// Each document's words as word ids, in text order, with [`FIELD_BREAK`] between fields.
#[derive(Debug, Default)]
struct WordSequences {
    /// `ends[d]` is where document `d`'s words end in `words`.
    ends: Vec<usize>,
    words: Vec<WordId>,
}

impl WordSequences {
    fn of(&self, doc: DocNumber) -> &[WordId] {
        let doc = doc as usize;
        let start = match doc.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(doc).copied().unwrap_or(start);
        self.words.get(start..end).unwrap_or(&[])
    }

    fn average_len(&self) -> usize {
        self.words.len() / self.ends.len().max(1)
    }
}

/// Word sequences packed for keeping: each word is written as its frequency rank in LEB128
/// (the hundred commonest words take one byte, nearly all others two or three), so a million
/// documents' words take about a third of the memory of plain `u32` ids. Rank 0 is the field
/// break. Read back one document at a time into a reused buffer.
#[derive(Debug, Default)]
struct PackedSequences {
    /// `ends[d]` is where document `d`'s bytes end in `bytes`.
    ends: Vec<usize>,
    bytes: Vec<u8>,
    /// Word id -> rank (1 = found in the most documents).
    rank_of: Vec<u32>,
    /// Rank -> word id (index 0 unused: the field break).
    word_of_rank: Vec<WordId>,
    average_len: usize,
}

impl PackedSequences {
    /// Packs `sequences`, ranking words by `doc_count(word)`, most documents first.
    fn pack(
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

    fn doc_count(&self) -> usize {
        self.ends.len()
    }

    fn average_len(&self) -> usize {
        self.average_len
    }

    /// Calls `f` with document `doc`'s word ids (field breaks included), decoded into a
    /// buffer kept per thread.
    fn with<R>(&self, doc: DocNumber, f: impl FnOnce(&[WordId]) -> R) -> R {
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

    fn decode_into(&self, doc: DocNumber, out: &mut Vec<WordId>) {
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
    fn unpack(&self) -> WordSequences {
        let mut plain = WordSequences::default();
        for doc in 0..self.doc_count() {
            self.decode_into(to_u32(doc), &mut plain.words);
            plain.ends.push(plain.words.len());
        }
        plain
    }

    fn heap_bytes(&self) -> usize {
        vec_bytes(&self.ends)
            + vec_bytes(&self.bytes)
            + vec_bytes(&self.rank_of)
            + vec_bytes(&self.word_of_rank)
    }
}

/// LEB128: seven bits a byte, the high bit set on all but the last.
fn write_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value & 0x7f) as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// One LEB128 number and the bytes after it; `None` at the end or on a truncated number.
fn read_varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut value: u32 = 0;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, bytes.get(i + 1..).unwrap_or(&[])));
        }
    }
    None
}

fn vec_bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A set of document numbers as one bit each: for unions of many posting lists.
struct DocBits {
    blocks: Vec<u64>,
}

impl DocBits {
    fn new(doc_count: usize) -> DocBits {
        DocBits {
            blocks: vec![0; doc_count.div_ceil(64)],
        }
    }

    fn insert(&mut self, doc: DocNumber) {
        if let Some(block) = self.blocks.get_mut(doc as usize / 64) {
            *block |= 1 << (doc % 64);
        }
    }

    fn contains(&self, doc: DocNumber) -> bool {
        self.blocks
            .get(doc as usize / 64)
            .is_some_and(|block| block & (1 << (doc % 64)) != 0)
    }

    fn to_sorted_vec(&self) -> Vec<DocNumber> {
        let count: u32 = self.blocks.iter().map(|block| block.count_ones()).sum();
        let mut docs = Vec::with_capacity(count as usize);
        for (index, &block) in self.blocks.iter().enumerate() {
            let mut bits = block;
            while bits != 0 {
                let bit = bits.trailing_zeros();
                docs.push(to_u32(index * 64 + bit as usize));
                bits &= bits - 1;
            }
        }
        docs
    }
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/// FxHash's mixing step: far cheaper than std's SipHash for short words, and the index's keys
/// come from the library, not from an attacker.
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            if let Some(start) = word.get_mut(..chunk.len()) {
                start.copy_from_slice(chunk);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u128(&mut self, value: u128) {
        self.add(value as u64);
        self.add((value >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<K> = HashMap<K, WordEntry, BuildHasherDefault<WordHasher>>;

/// What indexing one run of consecutive documents gives, with word ids local to the chunk
/// (document numbers are the library's).
#[derive(Default)]
struct ChunkIndex {
    /// Local word id -> word.
    words: Vec<String>,
    postings: Postings,
    sequences: WordSequences,
}

/// A distinct word's id, and how many documents it was seen in.
#[derive(Clone, Copy, Debug)]
struct WordEntry {
    id: WordId,
    docs: u32,
    last_doc: Option<DocNumber>,
}

/// Gives each distinct word an id in order of first appearance and counts its documents.
/// Words of up to 16 bytes (nearly all) are keyed by their bytes packed into a `u128`, so that
/// a look-up compares two integers instead of following a pointer to a string elsewhere.
#[derive(Default)]
struct Interner {
    short: WordMap<u128>,
    long: WordMap<String>,
    /// Id -> word.
    words: Vec<String>,
}

impl Interner {
    /// The id of `word` (a folded word whose ASCII letters may still be upper case).
    fn id_of(&mut self, word: &str) -> WordId {
        self.entry(word).id
    }

    /// The id of `word`, counting `doc` among the documents that contain it.
    fn id_in(&mut self, word: &str, doc: DocNumber) -> WordId {
        let entry = self.entry(word);
        if entry.last_doc != Some(doc) {
            entry.last_doc = Some(doc);
            entry.docs += 1;
        }
        entry.id
    }

    fn entry(&mut self, word: &str) -> &mut WordEntry {
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
    fn doc_counts(&self) -> Vec<usize> {
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
fn packed_lowercase(word: &str) -> Option<u128> {
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
fn index_chunk(first_doc: usize, docs: &[Document]) -> ChunkIndex {
    let mut interner = Interner::default();
    let mut sequences = WordSequences::default();
    let text_bytes: usize = docs.iter().flat_map(fields).map(str::len).sum();
    sequences.words.reserve(text_bytes / 5); // about a word per 5 bytes; freed after merging
    sequences.ends.reserve(docs.len());
    for (offset, doc) in docs.iter().enumerate() {
        let number = to_u32(first_doc + offset);
        for (field_number, field) in fields(doc).into_iter().enumerate() {
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
struct ListEnd {
    next: usize,
    last_doc: Option<DocNumber>,
}

/// Posting lists from word sequences: for each word, the ascending numbers of the documents
/// whose sequence holds it (`counts` says how many there are; the first sequence is document
/// `first_doc`).
fn invert(sequences: &WordSequences, counts: &[usize], first_doc: usize) -> Postings {
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
fn running_totals(counts: &[usize]) -> Vec<usize> {
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
fn split_by_lengths<T>(
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
fn merge_vocabularies(chunks: &[ChunkIndex]) -> (Vocabulary, Vec<Vec<WordId>>) {
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
fn merge_sequences(chunks: &mut [ChunkIndex], local_to_global: &[Vec<WordId>]) -> WordSequences {
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
fn merge_postings(
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

fn postings_len(starts: &[usize], words: &Range<WordId>) -> usize {
    let start = starts.get(words.start as usize).copied().unwrap_or(0);
    let end = starts.get(words.end as usize).copied().unwrap_or(start);
    end.saturating_sub(start)
}

/// Splits all word ids into `parts` consecutive ranges holding about equal numbers of postings.
fn word_ranges(starts: &[usize], parts: usize) -> Vec<Range<WordId>> {
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

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

/// An inverted index over one [`Library`]'s titles, summaries and full texts.
#[derive(Debug, Default)]
pub struct SearchIndex {
    vocabulary: Vocabulary,
    postings: Postings,
    sequences: PackedSequences,
}

/// A query resolved against the vocabulary: word-id ranges instead of strings.
struct Plan {
    /// Every word the documents must contain (phrase words included), each once.
    words: Vec<Range<WordId>>,
    /// Phrases whose words must also be adjacent, in order, within one field.
    phrases: Vec<Phrase>,
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
            vocabulary,
            postings,
            sequences,
        }
    }

    /// The documents matching every word and phrase of `query`, in ascending order (the
    /// library's date order). An empty query matches nothing.
    pub fn search(&self, library: &Library, query: &Query) -> Vec<DocIndex> {
        let Some(plan) = self.plan(query) else {
            return Vec::new();
        };
        let mut docs = self.docs_with_all(&plan.words);
        if !plan.phrases.is_empty() {
            docs = self.docs_with_phrases(docs, &plan.phrases);
        }
        docs.into_iter()
            .map(|doc| doc as DocIndex)
            .filter(|&doc| doc < library.len())
            .collect()
    }

    /// Approximate heap size of the index in bytes.
    pub fn memory_bytes(&self) -> usize {
        self.vocabulary.heap_bytes() + self.postings.heap_bytes() + self.sequences.heap_bytes()
    }

    fn doc_count(&self) -> usize {
        self.sequences.doc_count()
    }

    /// Resolves the query's words; `None` when it is empty or names a word no document has.
    fn plan(&self, query: &Query) -> Option<Plan> {
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
    fn docs_with_all(&self, words: &[Range<WordId>]) -> Vec<DocNumber> {
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
            docs = self.keep_docs_with_any(docs, range);
        }
        docs
    }

    /// Documents containing any word of `words`, ascending.
    fn docs_with_any(&self, words: &Range<WordId>) -> Vec<DocNumber> {
        if words.len() == 1 {
            return self.postings.docs_of(words.start).to_vec();
        }
        self.union(words).to_sorted_vec()
    }

    fn union(&self, words: &Range<WordId>) -> DocBits {
        let mut bits = DocBits::new(self.doc_count());
        for word in words.clone() {
            for &doc in self.postings.docs_of(word) {
                bits.insert(doc);
            }
        }
        bits
    }

    /// Narrows `docs` to those containing any word of `words`, by the cheapest of: merging
    /// with one posting list, reading the candidates' word sequences, or a union of many lists.
    fn keep_docs_with_any(
        &self,
        mut docs: Vec<DocNumber>,
        words: &Range<WordId>,
    ) -> Vec<DocNumber> {
        if words.len() == 1 {
            return intersect(&docs, self.postings.docs_of(words.start));
        }
        let scan_cost = docs.len() * self.sequences.average_len();
        if scan_cost < self.postings.total_len(words) {
            docs.retain(|&doc| {
                self.sequences
                    .with(doc, |sequence| any_position_of(sequence, words, |_| true))
            });
        } else {
            let union = self.union(words);
            docs.retain(|&doc| union.contains(doc));
        }
        docs
    }

    fn phrase(&self, words: Vec<Range<WordId>>) -> Phrase {
        let anchor = (0..words.len())
            .min_by_key(|&i| words.get(i).map(|w| self.postings.total_len(w)))
            .unwrap_or(0);
        Phrase { words, anchor }
    }

    fn docs_with_phrases(&self, docs: Vec<DocNumber>, phrases: &[Phrase]) -> Vec<DocNumber> {
        docs.into_par_iter()
            .filter(|&doc| {
                self.sequences.with(doc, |sequence| {
                    phrases
                        .iter()
                        .all(|phrase| contains_phrase(sequence, phrase))
                })
            })
            .collect()
    }
}

/// Documents per parallel indexing chunk: a few chunks per core, not too small to pay off.
fn chunk_len(doc_count: usize) -> usize {
    let chunks = rayon::current_num_threads() * 4;
    doc_count.div_ceil(chunks).max(1024)
}

/// Whether `sequence` holds the phrase's words adjacent and in order (a field break matches
/// no word, so a phrase never spans two fields).
///
/// Looks for the phrase's rarest word (its `anchor`) first, and only there compares the rest.
fn contains_phrase(sequence: &[WordId], phrase: &Phrase) -> bool {
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
fn any_position_of(
    sequence: &[WordId],
    words: &Range<WordId>,
    mut accept: impl FnMut(usize) -> bool,
) -> bool {
    const BLOCK: usize = 16;
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
struct Phrase {
    words: Vec<Range<WordId>>,
    /// The position of the word with the fewest occurrences, looked for first.
    anchor: usize,
}

/// The documents in both ascending lists; walks the shorter and gallops through the longer.
fn intersect(a: &[DocNumber], b: &[DocNumber]) -> Vec<DocNumber> {
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
fn first_not_below(docs: &[DocNumber], doc: DocNumber) -> usize {
    let mut bound = 1;
    while bound < docs.len() && docs[bound - 1] < doc {
        bound *= 2;
    }
    let low = bound / 2;
    let high = bound.min(docs.len());
    low + partition_point(high - low, |offset| docs[low + offset] < doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{load_seeds, load_texts};
    use proptest::prelude::*;

    /// A library from one search-result page of `(date, title, summary)` entries.
    fn page_library(entries: &[(&str, &str, &str)]) -> Library {
        let page: String = entries
            .iter()
            .map(|(date, title, summary)| format!("{date}\n\n{title}\n\n{summary}\n\n"))
            .collect();
        load_texts(&[("test.txt", page.as_str())]).library
    }

    fn titles(library: &Library, found: &[DocIndex]) -> Vec<String> {
        found
            .iter()
            .filter_map(|&i| library.get(i))
            .map(|d| d.title.clone())
            .collect()
    }

    fn find(library: &Library, query: &str) -> Vec<String> {
        let index = SearchIndex::build(library);
        titles(library, &index.search(library, &Query::parse(query)))
    }

    /// The slices of `text` that `query` highlights.
    fn highlighted<'t>(text: &'t str, query: &str) -> Vec<&'t str> {
        highlight_ranges(text, &Query::parse(query))
            .into_iter()
            .filter_map(|r| text.get(r))
            .collect()
    }

    /// What the index must answer, by reading every document: each clause matches in some field.
    fn scan(library: &Library, query: &Query) -> Vec<DocIndex> {
        if query.is_empty() {
            return Vec::new();
        }
        let matches = |doc: &Document| {
            let words: Vec<Vec<SpannedWord>> = fields(doc).into_iter().map(spanned_words).collect();
            query.clauses.iter().all(|clause| {
                words.iter().any(|field| {
                    (0..field.len()).any(|start| clause.span_at(field, start).is_some())
                })
            })
        };
        (0..library.len())
            .filter(|&i| library.get(i).is_some_and(matches))
            .collect()
    }

    fn prefix_flags(query: &str) -> Vec<bool> {
        Query::parse(query)
            .clauses
            .iter()
            .flat_map(|c| c.words.iter().map(|w| w.prefix))
            .collect()
    }

    #[test]
    fn parse_splits_words_and_quoted_phrases() {
        let query = Query::parse("Kim \"Il  Sung\" Puzanov");
        assert_eq!(query.terms(), ["kim", "il sung", "puzanov"]);
        assert!(!query.is_empty());
        let typographic = Query::parse("“Il Sung” mao");
        assert_eq!(typographic.terms(), ["il sung", "mao"]);
    }

    #[test]
    fn parse_unbalanced_quote_makes_the_rest_a_phrase() {
        assert_eq!(Query::parse("kim \"il sung").terms(), ["kim", "il sung"]);
        assert_eq!(prefix_flags("kim \"il sung"), [false, false, true]);
        assert_eq!(Query::parse("\"").terms(), Vec::<String>::new());
    }

    #[test]
    fn parse_folds_punctuation_and_joins_hyphenated_words_into_phrases() {
        assert_eq!(Query::parse("Il-u, A.M.").terms(), ["il u", "a m"]);
        assert_eq!(Query::parse("Mao! mao? MAO ").terms(), ["mao"]);
        assert_eq!(Query::parse("Załuska").terms(), ["zaluska"]);
    }

    #[test]
    fn parse_of_nothing_to_search_is_empty() {
        for text in ["", "   ", "\t\n", "!!! ,, --", "\"\"", "\" \" “”"] {
            let query = Query::parse(text);
            assert!(query.is_empty(), "{text:?}");
            assert!(query.terms().is_empty(), "{text:?}");
        }
    }

    #[test]
    fn parse_keeps_the_first_32_terms_of_a_pasted_page() {
        let page: Vec<String> = (0..100).map(|n| format!("word{n}")).collect();
        let terms = Query::parse(&page.join(" ")).terms();
        assert_eq!(terms.len(), MAX_CLAUSES);
        assert_eq!(terms.first().map(String::as_str), Some("word0"));
    }

    #[test]
    fn parse_treats_only_the_last_word_still_being_typed_as_a_prefix() {
        assert_eq!(prefix_flags("kim puza"), [false, true]);
        assert_eq!(prefix_flags("kim puza "), [false, false]);
        assert_eq!(prefix_flags("\"kim il\""), [false, false]);
        assert_eq!(prefix_flags("\"kim il\" mao"), [false, false, true]);
    }

    #[test]
    fn search_ignores_accents_and_case() {
        let library = page_library(&[
            (
                "May 1, 1950",
                "Report by Lt. Col. J. Załuska",
                "On the border.",
            ),
            ("May 2, 1950", "Gomułka in ŁÓDŹ", "A speech."),
        ]);
        for query in ["zaluska", "ZAŁUSKA", "Zaluska", "załuska"] {
            assert_eq!(find(&library, query), ["Report by Lt. Col. J. Załuska"]);
        }
        assert_eq!(find(&library, "lodz GOMULKA"), ["Gomułka in ŁÓDŹ"]);
    }

    #[test]
    fn several_words_must_all_match_in_any_field() {
        let library = page_library(&[
            ("May 1, 1950", "Kim meets Mao", "In Beijing."),
            ("May 2, 1950", "Kim meets Stalin", "In Moscow, Mao absent."),
            ("May 3, 1950", "Stalin alone", "No visitors."),
        ]);
        assert_eq!(
            find(&library, "kim mao"),
            ["Kim meets Mao", "Kim meets Stalin"]
        );
        assert_eq!(find(&library, "stalin moscow"), ["Kim meets Stalin"]);
        assert_eq!(find(&library, "kim visitors"), Vec::<String>::new());
        assert_eq!(find(&library, "kim nosuchword"), Vec::<String>::new());
    }

    #[test]
    fn phrases_need_adjacent_words_in_order_within_one_field() {
        let library = page_library(&[
            ("May 1, 1950", "Telegram to Kim Il Sung", "Urgent."),
            (
                "May 2, 1950",
                "Kim and Il Sung",
                "Order reversed: Sung Il Kim.",
            ),
            ("May 3, 1950", "A letter from Kim", "Il Sung replies."),
        ]);
        assert_eq!(
            find(&library, "\"kim il sung\""),
            ["Telegram to Kim Il Sung"]
        );
        assert_eq!(find(&library, "\"sung il kim\""), ["Kim and Il Sung"]);
        // The last title word and the first summary word are not adjacent.
        assert_eq!(find(&library, "\"kim il\""), ["Telegram to Kim Il Sung"]);
        assert_eq!(find(&library, "kim il").len(), 3);
    }

    #[test]
    fn full_text_is_searched_too() {
        let mut library = page_library(&[("May 1, 1950", "A memo", "Short.")]);
        let mut docs = library.docs().to_vec();
        if let Some(doc) = docs.first_mut() {
            doc.page_mut().full_text = Some("The secret protocol was signed.".to_string());
        }
        library = Library::new(docs);
        assert_eq!(find(&library, "\"secret protocol\""), ["A memo"]);
        assert_eq!(find(&library, "\"memo short\""), Vec::<String>::new());
    }

    #[test]
    fn the_last_word_matches_as_a_prefix_while_typed() {
        let library = load_seeds().library;
        let journals = find(&library, "puza");
        assert_eq!(journals.len(), 6, "{journals:?}");
        assert!(journals
            .iter()
            .all(|t| t.starts_with("Journal of Soviet Ambassador") && t.contains("Puzanov")));
        assert_eq!(find(&library, "puzanov"), journals);
        assert!(
            find(&library, "puza ").is_empty(),
            "a finished word is exact"
        );
        assert!(
            find(&library, "\"puza\"").is_empty(),
            "a quoted word is exact"
        );
        assert_eq!(find(&library, "\"a m puza"), journals);
    }

    #[test]
    fn results_are_ascending_and_agree_with_reading_every_document() {
        let library = load_seeds().library;
        let index = SearchIndex::build(&library);
        let queries = [
            "pyongyang",
            "p",
            "the s",
            "kim il sung",
            "\"kim il sung\"",
            "\"korean workers party\" pyong",
            "soviet \"the dprk",
            "mao mikoyan",
            "1960",
            "china’s",
        ];
        for text in queries {
            let query = Query::parse(text);
            let found = index.search(&library, &query);
            assert!(found.windows(2).all(|w| w[0] < w[1]), "{text}");
            assert_eq!(found, scan(&library, &query), "{text}");
            assert!(!found.is_empty(), "{text}");
        }
    }

    #[test]
    fn empty_query_and_empty_library_find_nothing() {
        let library = load_seeds().library;
        let index = SearchIndex::build(&library);
        assert!(index.search(&library, &Query::parse("")).is_empty());
        let empty = Library::default();
        let index = SearchIndex::build(&empty);
        assert!(index.search(&empty, &Query::parse("kim")).is_empty());
        assert!(index.memory_bytes() < 1024);
    }

    #[test]
    fn highlights_map_back_to_the_original_accented_text() {
        let text = "Lt. Col. J. Załuska met Gomułka in Łódź.";
        assert_eq!(highlighted(text, "zaluska lodz"), ["Załuska", "Łódź"]);
        assert_eq!(highlighted(text, "gomu"), ["Gomułka"]);
        assert_eq!(highlighted(text, "gomu "), Vec::<&str>::new());
        assert_eq!(highlighted(text, "\"col j zaluska\""), ["Col. J. Załuska"]);
        assert_eq!(highlighted(text, "col \"col j\""), ["Col. J"]);
        let decomposed = "Cafe\u{301} Noir";
        assert_eq!(highlighted(decomposed, "cafe"), ["Cafe\u{301}"]);
        assert!(highlighted(text, "").is_empty());
    }

    #[test]
    fn highlight_ranges_are_sorted_and_disjoint() {
        let text = "Kim Il Sung and Kim Il Sung’s aides; kim, KIM.";
        let ranges = highlight_ranges(text, &Query::parse("kim \"il sung\" \"kim il\""));
        assert!(ranges.windows(2).all(|w| w[0].end < w[1].start));
        let slices: Vec<&str> = ranges.iter().filter_map(|r| text.get(r.clone())).collect();
        assert_eq!(slices, ["Kim Il Sung", "Kim Il Sung", "kim", "KIM"]);
    }

    #[test]
    fn index_built_in_chunks_holds_every_document_word_for_word() {
        let library = synthetic_library(5_000);
        let index = SearchIndex::build(&library);
        assert!(chunk_len(library.len()) < library.len(), "several chunks");
        for (number, doc) in library.docs().iter().enumerate().step_by(7) {
            let spelled: Vec<&str> = index.sequences.with(to_u32(number), |sequence| {
                sequence
                    .iter()
                    .filter(|&&word| word != FIELD_BREAK)
                    .map(|&word| index.vocabulary.word(word as usize))
                    .collect()
            });
            let expected: Vec<String> = fields(doc).into_iter().flat_map(words_of).collect();
            assert_eq!(spelled, expected);
        }
        let doc_count = to_u32(library.len());
        for word in (0..to_u32(index.vocabulary.len())).step_by(11) {
            let expected: Vec<DocNumber> = (0..doc_count)
                .filter(|&doc| index.sequences.with(doc, |s| s.contains(&word)))
                .collect();
            assert_eq!(index.postings.docs_of(word), expected);
        }
        // "kim t" narrows a few candidates by reading their words, "the s" by a union of lists.
        for text in [
            "p",
            "the s",
            "kim t",
            "\"of the",
            "soviet ambassador",
            "\"a m",
        ] {
            let query = Query::parse(text);
            assert_eq!(
                index.search(&library, &query),
                scan(&library, &query),
                "{text}"
            );
        }
        let counts: Vec<usize> = index
            .postings
            .starts
            .windows(2)
            .map(|w| w[1] - w[0])
            .collect();
        let in_one_go = invert(&index.sequences.unpack(), &counts, 0);
        assert_eq!(in_one_go.docs, index.postings.docs);
    }

    /// Every folded word, one by one, as indexing sees them.
    fn words_of(text: &str) -> Vec<String> {
        spanned_words(text).into_iter().map(|w| w.text).collect()
    }

    /// splitmix64: a tiny deterministic generator, so the benchmark corpus is the same every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// Words to draw from, most frequent first: the seeds' words by frequency, some accented
    /// names, then invented names up to `size` (a long tail like real archives have).
    fn synthetic_words(size: usize) -> Vec<String> {
        let library = load_seeds().library;
        let mut counts: HashMap<String, usize> = HashMap::new();
        for doc in library.docs() {
            for token in doc
                .title
                .split_whitespace()
                .chain(doc.summary.split_whitespace())
            {
                let token = token.trim_matches(|c: char| !c.is_alphanumeric());
                if !token.is_empty() {
                    *counts.entry(token.to_string()).or_default() += 1;
                }
            }
        }
        let mut by_count: Vec<(String, usize)> = counts.into_iter().collect();
        by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut words: Vec<String> = by_count.into_iter().map(|(word, _)| word).collect();
        let names = [
            "Załuska",
            "Gomułka",
            "Łódź",
            "Đilas",
            "Müller",
            "Ceaușescu",
            "Østergaard",
        ];
        words.extend(names.map(String::from));
        let syllables = [
            "ka", "ro", "mi", "sun", "pak", "li", "zha", "ov", "nov", "ski", "ta", "gen", "ber",
            "dor", "hwa", "ung", "yev", "ich", "ma", "to", "chen", "wei", "kov", "ra", "bo", "le",
            "vic", "an", "ser", "gu",
        ];
        let mut rng = Rng(7);
        while words.len() < size {
            let mut word = String::new();
            for _ in 0..2 + rng.below(3) {
                word.push_str(syllables[rng.below(syllables.len())]);
            }
            words.push(word);
        }
        words
    }

    /// Draws words with Zipf frequencies (the n-th word is n times rarer than the first).
    struct WordSource {
        words: Vec<String>,
        cumulative: Vec<f64>,
    }

    impl WordSource {
        fn new(words: Vec<String>) -> WordSource {
            let mut total = 0.0;
            let cumulative = (0..words.len())
                .map(|rank| {
                    total += 1.0 / (rank + 1) as f64;
                    total
                })
                .collect();
            WordSource { words, cumulative }
        }

        fn pick(&self, rng: &mut Rng) -> &str {
            let total = self.cumulative.last().copied().unwrap_or(0.0);
            let target = rng.unit() * total;
            let rank = self.cumulative.partition_point(|&c| c < target);
            self.words.get(rank).map_or("", String::as_str)
        }

        fn sentence(&self, rng: &mut Rng, min_len: usize) -> String {
            let mut text = String::new();
            while text.len() < min_len {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(self.pick(rng));
            }
            text.push('.');
            text
        }
    }

    fn synthetic_document(number: usize, source: &WordSource) -> Document {
        use crate::model::{DocDate, DocId};
        let mut rng = Rng(number as u64);
        let date = chrono::NaiveDate::from_ymd_opt(
            1945 + rng.below(52) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        )
        .map_or(DocDate::Undated, DocDate::Day);
        let title = if number.is_multiple_of(4) {
            let name = source.pick(&mut rng).to_string();
            format!(
                "Journal of Soviet Ambassador to the DPRK A.M. {name} for {}",
                date.display()
            )
        } else {
            source.sentence(&mut rng, 70)
        };
        Document {
            id: DocId(format!("syn-{number}")),
            date,
            date_text: date.display(),
            title,
            summary: source.sentence(&mut rng, 290),
            page: None,
            sources: Default::default(),
        }
    }

    fn synthetic_library(count: usize) -> Library {
        let source = WordSource::new(synthetic_words(300_000));
        let docs = (0..count)
            .into_par_iter()
            .map(|number| synthetic_document(number, &source))
            .collect();
        Library::new(docs)
    }

    /// CPU seconds (user + system) this process has used so far; 0 where /proc is missing.
    fn cpu_seconds() -> f64 {
        let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
        let after_name = stat.rsplit(')').next().unwrap_or("");
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
        (ticks(11).unwrap_or(0.0) + ticks(12).unwrap_or(0.0)) / 100.0
    }

    /// Median of five runs, and the result count.
    fn time_query(
        index: &SearchIndex,
        library: &Library,
        text: &str,
    ) -> (std::time::Duration, usize) {
        let query = Query::parse(text);
        let mut times = Vec::new();
        let mut count = 0;
        for _ in 0..5 {
            let start = std::time::Instant::now();
            count = index.search(library, &query).len();
            times.push(start.elapsed());
        }
        times.sort();
        (times[2], count)
    }

    #[test]
    #[ignore = "benchmark: cargo test --release -- --ignored --nocapture"]
    fn benchmark_search_over_a_million_documents() {
        let queries = [
            "puzanov",
            "puza",
            "zaluska",
            "p",
            "t",
            "the",
            "the s",
            "soviet ambassador",
            "\"soviet ambassador\"",
            "\"of the\"",
            "\"the s",
            "\"journal of soviet ambassador",
            "kim il sung",
            "\"kim il sung\"",
            "korea pyongyang 1960",
            "kamiro",
            "nosuchword",
        ];
        for count in [100_000, 1_000_000] {
            let start = std::time::Instant::now();
            let library = synthetic_library(count);
            let generated = start.elapsed();
            let text: usize = library
                .docs()
                .iter()
                .map(|d| d.title.len() + d.summary.len())
                .sum();
            let (start, cpu) = (std::time::Instant::now(), cpu_seconds());
            let index = SearchIndex::build(&library);
            let (built, build_cpu) = (start.elapsed(), cpu_seconds() - cpu);
            println!(
                "\n{count} docs (generated in {generated:.1?}, {} text bytes/doc): built in {built:.2?} on {} threads ({build_cpu:.2} s CPU), {} words, index {:.1} MB = {} bytes/doc (postings {}, sequences {}, vocabulary {})",
                text / count,
                rayon::current_num_threads(),
                index.vocabulary.len(),
                index.memory_bytes() as f64 / 1e6,
                index.memory_bytes() / count,
                index.postings.heap_bytes() / count,
                index.sequences.heap_bytes() / count,
                index.vocabulary.heap_bytes() / count,
            );
            for text in queries {
                let (time, found) = time_query(&index, &library, text);
                println!("  {text:<36} {found:>8} docs  {time:>10.2?}");
            }
        }
        let long_text: String = synthetic_library(150)
            .docs()
            .iter()
            .map(|d| d.summary.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let query = Query::parse("soviet \"of the\" puza");
        let start = std::time::Instant::now();
        let ranges = highlight_ranges(&long_text, &query);
        println!(
            "\nhighlight_ranges over {} KB of text: {} ranges in {:.2?}",
            long_text.len() / 1000,
            ranges.len(),
            start.elapsed()
        );
    }

    proptest! {
        #[test]
        fn nothing_panics_on_any_input(text in "\\PC{0,40}", query in "\\PC{0,20}") {
            let library = page_library(&[("May 1, 1950", "Kim Il Sung", text.as_str())]);
            let index = SearchIndex::build(&library);
            let parsed = Query::parse(&query);
            let _ = parsed.terms();
            let found = index.search(&library, &parsed);
            prop_assert_eq!(found, scan(&library, &parsed));
            for range in highlight_ranges(&text, &parsed) {
                prop_assert!(text.get(range).is_some());
            }
        }

        #[test]
        fn nothing_panics_on_any_characters(text in any::<String>(), query in any::<String>()) {
            let parsed = Query::parse(&query);
            let _ = highlight_ranges(&text, &parsed);
            let _ = highlight_ranges(&query, &parsed);
        }

        #[test]
        fn tokens_fold_to_the_words_of_the_whole_text(text in any::<String>()) {
            let whole: Vec<String> = fold(&text).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
            prop_assert_eq!(words_of(&text), whole);
        }

        #[test]
        fn index_agrees_with_reading_every_document(picks in proptest::collection::vec(0usize..400, 1..4), quote in any::<bool>(), open in any::<bool>()) {
            let library = load_seeds().library;
            let vocabulary: Vec<String> = library.docs().iter().flat_map(|d| words_of(&d.summary)).collect();
            let words: Vec<&str> = picks.iter().filter_map(|&i| vocabulary.get(i).map(String::as_str)).collect();
            let mut text = words.join(" ");
            if quote { text = format!("\"{text}\""); }
            if open { text.pop(); }
            let query = Query::parse(&text);
            let index = SearchIndex::build(&library);
            prop_assert_eq!(index.search(&library, &query), scan(&library, &query));
        }
    }
}
