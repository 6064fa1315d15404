//! Merge keys: what `ingest::merge` compares (date, folded title, start of the folded summary),
//! hashed, so distinct documents stay distinct.

use super::*;

/// Hashes `fold(text)` for each part word by word, 8 bytes at a time, without building the
/// folded string when the text is ASCII (the common case).
pub(super) struct FoldedKey {
    pub(super) state: u64,
}

impl FoldedKey {
    pub(super) fn new(seed: u64) -> FoldedKey {
        FoldedKey { state: mix(seed) }
    }

    pub(super) fn absorb(&mut self, word: u64) {
        self.state = (self.state.rotate_left(23) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    /// One folded word: lower-case letters and digits (ASCII ones lower-case by setting bit 5,
    /// which leaves digits and already-folded bytes unchanged).
    pub(super) fn word(&mut self, word: &[u8]) {
        self.absorb(0x20 ^ ((word.len() as u64) << 8));
        for chunk in word.chunks(8) {
            let mut bytes = [0u8; 8];
            bytes[..chunk.len()].copy_from_slice(chunk);
            self.absorb(u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020);
        }
    }

    /// Adds the first `max_words` words of `fold(text)`, then a part separator.
    pub(super) fn folded(&mut self, text: &str, max_words: usize, scratch: &mut String) {
        fold_into(text, scratch);
        let words = scratch.as_bytes().split(|&b| b == b' ');
        self.words(words, max_words);
        self.absorb(0x1F);
    }

    pub(super) fn words<'a>(&mut self, words: impl Iterator<Item = &'a [u8]>, max_words: usize) {
        for word in words.filter(|w| !w.is_empty()).take(max_words) {
            self.word(word);
        }
    }

    pub(super) fn finish(self) -> u64 {
        mix(self.state)
    }
}

/// Summary words the key covers: enough to tell summaries apart, at a third of the cost.
pub(super) const KEY_SUMMARY_WORDS: usize = 16;

/// A hash of what `ingest::merge` compares: the date, the folded title and the start of the
/// folded summary. Equal merge keys give equal hashes, so a hash never seen before proves a
/// new document; a false alarm (rare) only costs drawing the document again.
pub(super) fn merge_key(date: SynthDate, title: &str, summary: &str) -> u64 {
    let mut key = FoldedKey::new(date.key());
    let mut scratch = String::with_capacity(title.len().max(summary.len()));
    key.folded(title, usize::MAX, &mut scratch);
    key.folded(summary, KEY_SUMMARY_WORDS, &mut scratch);
    key.finish()
}

/// A set of already-mixed 64-bit keys: hashing them again would only cost time.
#[derive(Default)]
pub(super) struct KeyHasher(pub(super) u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(super) type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;
