//! Text folding shared by ids, merging, themes and search.
//!
//! Owns one idea: two spellings that a reader would call "the same words" fold to the same key.
//! Folding is NFKD decomposition, dropping combining marks, mapping a few letters that do not
//! decompose (ł, ø, đ, ß …) and typographic punctuation, lower-casing, and collapsing every run
//! of non-alphanumeric characters to one space. It never touches what is displayed.
//!
//! The one home of folding, ASCII fast path included: ids, merging, themes, search and the
//! synthetic corpus all fold through here. Must not know documents or any caller's format.
//!
//! Also the one home of counted nouns ([`count`]: "1 document", "3 documents", "1 entry"),
//! which every message, label and file uses, so no "1 documents" is printed anywhere, and of
//! text made safe to leave the program ([`safe`]: one line per record, no control characters,
//! inert spreadsheet cells).

pub mod safe;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds `text` for matching: case- and accent-insensitive, punctuation reduced to single spaces.
///
/// ```
/// use archive_timeline::text::fold;
/// assert_eq!(fold("Lt. Col. J. Załuska"), "lt col j zaluska");
/// assert_eq!(fold("DPRK’s  failure"), "dprk s failure");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// [`fold`] into a buffer the caller reuses (cleared first): no allocation once the buffer has
/// grown, which matters when a million titles are folded in a row.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    push_folded(text, out);
}

/// Appends [`fold`]`(text)` to `out` (what is already there is left alone, and no space is put
/// between the two): for building one haystack out of several folded fields.
pub fn push_folded(text: &str, out: &mut String) {
    if text.is_ascii() {
        fold_ascii_into(text, out);
    } else {
        fold_unicode_into(text, out);
    }
}

/// `n` and the noun, plural unless `n` is 1: "1 document", "0 documents", "2 entries",
/// "3 matches". English's regular plurals: -s, -es after s, x, z, ch and sh, -ies after a
/// consonant's y.
///
/// ```
/// use archive_timeline::text::count;
/// assert_eq!(count(1, "document"), "1 document");
/// assert_eq!(count(5, "lane"), "5 lanes");
/// assert_eq!(count(2, "entry"), "2 entries");
/// ```
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    format!("{n} {}", plural(noun))
}

/// The regular English plural of `noun`.
fn plural(noun: &str) -> String {
    let lower = noun.to_ascii_lowercase();
    let before_y = lower.strip_suffix('y').and_then(|stem| stem.chars().last());
    if before_y.is_some_and(|c| c.is_ascii_alphabetic() && !"aeiou".contains(c)) {
        return format!("{}ies", &noun[..noun.len() - 1]);
    }
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        return format!("{noun}es");
    }
    format!("{noun}s")
}

#[cfg(test)]
fn fold_unicode(text: &str) -> String {
    let mut out = String::new();
    fold_unicode_into(text, &mut out);
    out
}

#[cfg(test)]
fn fold_ascii(text: &str) -> String {
    let mut out = String::new();
    fold_ascii_into(text, &mut out);
    out
}

fn fold_unicode_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    // Runs of ASCII are folded as ASCII, the rest through NFKD: decomposition is per
    // character and canonical reordering never moves a mark past an ASCII character (a
    // starter), so this is NFKD of the whole text.
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let (head, tail) = rest.split_at(ascii);
        fold_ascii_run(head, out, start, &mut pending_space);
        // An ASCII byte is always a character boundary.
        let other = tail
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(tail.len());
        let (non_ascii, tail) = tail.split_at(other);
        for c in non_ascii.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            let mapped = letter_without_decomposition(c);
            if !mapped.is_empty() {
                if pending_space && out.len() > start {
                    out.push(' ');
                }
                pending_space = false;
                out.push_str(mapped);
            } else if c.is_alphanumeric() {
                if pending_space && out.len() > start {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            } else {
                pending_space = true;
            }
        }
        rest = tail;
    }
}

/// What folding makes of the letters NFKD leaves whole ("ł", "ø", "ß", ...); "" for others.
fn letter_without_decomposition(c: char) -> &'static str {
    match c {
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ı' => "i",
        _ => "",
    }
}

/// Each ASCII byte folded: a letter's lower case, a digit itself, 0 for anything else.
const ASCII_FOLD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut byte = 0u8;
    while byte < 128 {
        if byte.is_ascii_alphanumeric() {
            table[byte as usize] = byte.to_ascii_lowercase();
        }
        byte += 1;
    }
    table
};

/// `byte` folded ([`ASCII_FOLD`]); 0 for a byte that is not ASCII.
#[inline]
fn fold_ascii_byte(byte: u8) -> u8 {
    ASCII_FOLD.get(usize::from(byte)).copied().unwrap_or(0)
}

/// [`fold`] for ASCII text, without the Unicode machinery: decomposition and accent stripping
/// change nothing there, so folding is lower-casing letters and digits and collapsing every
/// other run to one space (none at the ends). One table lookup per byte (this runs over every
/// title, summary and full text of a load, for ids, themes and the search index).
fn fold_ascii_into(text: &str, out: &mut String) {
    let start = out.len();
    out.reserve(text.len());
    fold_ascii_run(text, out, start, &mut false);
}

/// Folds ASCII `text` onto `out`, whose fold began at `start`; `pending_space`: a gap came
/// last (carried from run to run).
///
/// Prose is mostly words between single spaces, and eight such bytes fold to themselves
/// lower-cased: [`plain_words`] recognises them with a few word-wide operations and they are
/// copied whole; anything else (punctuation, runs of spaces, a word cut at either end) goes
/// byte by byte through the table. Both paths fold alike (a property test holds them to the
/// definition); the eight-byte one roughly halves the time of folding a million documents.
fn fold_ascii_run(text: &str, out: &mut String, start: usize, pending_space: &mut bool) {
    let bytes = text.as_bytes();
    let mut pending = *pending_space;
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + 8).min(bytes.len());
        let chunk = bytes.get(at..end).unwrap_or_default();
        let plain = <[u8; 8]>::try_from(chunk)
            .ok()
            .and_then(|c| plain_words(u64::from_le_bytes(c)));
        if let Some((lead, trail)) = plain {
            // A space at either end is a gap (joined with one pending before it).
            if (pending || lead) && out.len() > start {
                out.push(' ');
            }
            let from = out.len();
            out.push_str(
                text.get(at + usize::from(lead)..end - usize::from(trail))
                    .unwrap_or_default(),
            );
            if let Some(pushed) = out.get_mut(from..) {
                pushed.make_ascii_lowercase();
            }
            pending = trail;
        } else {
            for &byte in chunk {
                let folded = fold_ascii_byte(byte);
                if folded == 0 {
                    pending = true;
                } else {
                    if pending && out.len() > start {
                        out.push(' ');
                    }
                    pending = false;
                    out.push(char::from(folded));
                }
            }
        }
        at = end;
    }
    *pending_space = pending;
}

/// Each byte's high bit, in a word of eight.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// One byte repeated eight times.
const fn every_byte(byte: u8) -> u64 {
    u64::from_le_bytes([byte; 8])
}

/// The high bit of each of eight ASCII bytes that lies in `low..=high` (no carry crosses a
/// byte: each is under 0x80, and so is what is added to it).
fn bytes_in(word: u64, low: u8, high: u8) -> u64 {
    let at_least = word.wrapping_add(every_byte(0x80 - low));
    let above = word.wrapping_add(every_byte(0x7f - high));
    at_least & !above & HIGH_BITS
}

/// Whether eight ASCII bytes (little-endian in `word`) are plain words: letters, digits and
/// single spaces. Such bytes fold to themselves lower-cased, less a space at either end
/// (the gap there, which joins a gap before or after them): `Some((lead, trail))` says
/// whether the first and the last byte are such a space.
fn plain_words(word: u64) -> Option<(bool, bool)> {
    let letters = bytes_in(word | every_byte(0x20), b'a', b'z');
    let alphanumeric = letters | bytes_in(word, b'0', b'9');
    let spaces = bytes_in(word, b' ', b' ');
    (alphanumeric | spaces == HIGH_BITS && spaces & (spaces >> 8) == 0)
        .then_some((spaces & 0x80 != 0, spaces >> 56 != 0))
}

/// Calls `each` with every byte of [`fold`]`(text)`, in order (`scratch` holds the fold).
#[inline]
pub fn each_folded_byte(text: &str, scratch: &mut String, mut each: impl FnMut(u8)) {
    fold_into(text, scratch);
    for &byte in scratch.as_bytes() {
        each(byte);
    }
}

/// FNV-1a's starting value: [`stable_hash`] of no parts.
pub const STABLE_HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// The separator [`stable_hash`] hashes after each part.
pub const STABLE_HASH_SEPARATOR: u8 = 0x1f;

/// One byte of FNV-1a: [`stable_hash`] is this over each part's bytes, then the separator.
#[inline]
pub fn stable_hash_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a, 64 bit: a hash whose value is fixed by its definition, so ids derived from it stay
/// the same across Rust versions, platforms and runs (std's hasher promises none of that).
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash = STABLE_HASH_START;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(STABLE_HASH_SEPARATOR)) {
            hash = stable_hash_step(hash, byte);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    #[test]
    fn counted_nouns_agree_with_their_number() {
        assert_eq!(count(0, "document"), "0 documents");
        assert_eq!(count(1, "document"), "1 document");
        assert_eq!(count(2, "stop"), "2 stops");
        assert_eq!(count(1, "entry"), "1 entry");
        assert_eq!(count(3, "entry"), "3 entries");
        assert_eq!(count(2, "day"), "2 days", "a vowel's y stays");
        assert_eq!(count(4, "match"), "4 matches");
        assert_eq!(count(2, "box"), "2 boxes");
        assert_eq!(count(2, "collection"), "2 collections");
    }

    use super::*;

    #[test]
    fn fold_removes_accents_case_and_punctuation() {
        assert_eq!(fold("Załuska"), fold("ZALUSKA"));
        assert_eq!(fold("Kim Il Sung's"), "kim il sung s");
        assert_eq!(fold("  Pak Deok-hwan  "), "pak deok hwan");
        assert_eq!(fold("Ciphered Telegram"), "ciphered telegram");
        assert_eq!(fold(""), "");
        assert_eq!(fold("Ärger über Öl"), "arger uber ol");
    }

    #[test]
    fn the_ascii_fast_path_folds_exactly_like_the_unicode_one() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for text in [
            every_ascii.as_str(),
            "  Telegram from A. Mikoyan -- to the CPSU (1956)!  ",
            "",
            "...",
            "x",
        ] {
            assert_eq!(fold_ascii(text), fold_unicode(text), "{text:?}");
        }
    }

    /// The fold as first written: the whole text through NFKD, one character at a time.
    fn fold_by_definition(text: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in text.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            let mapped = letter_without_decomposition(c);
            if !mapped.is_empty() || c.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                if mapped.is_empty() {
                    out.extend(c.to_lowercase());
                } else {
                    out.push_str(mapped);
                }
            } else {
                pending_space = true;
            }
        }
        out
    }

    proptest::proptest! {
        /// The fast paths (ASCII without a branch per byte; ASCII runs of other text without
        /// NFKD) fold as the definition does, appended to whatever is already there.
        #[test]
        fn the_fast_folds_are_the_definition(
            text in "[ -~\\t\\n]{0,60}|([A-Za-z0-9]{1,9}[ ,.]{1,2}){0,12}|([a-zA-Z ]{1,12}é){0,6}|(\\PC|[a-z .,'-]){0,40}|(e\\u{301}|\\u{301}| |A|ß|Ł|ﬁ|①){0,12}",
            before in "|x|x ",
        ) {
            let mut out = before.clone();
            push_folded(&text, &mut out);
            proptest::prop_assert_eq!(out, format!("{before}{}", fold_by_definition(&text)));
            let mut scratch = String::from("old");
            let mut bytes = Vec::new();
            each_folded_byte(&text, &mut scratch, |b| bytes.push(b));
            proptest::prop_assert_eq!(bytes, fold_by_definition(&text).into_bytes());
        }
    }

    #[test]
    fn eight_bytes_are_plain_words_only_when_they_fold_to_themselves_lowered() {
        for byte in 0u8..0x80 {
            for (low, high) in [(b'a', b'z'), (b'0', b'9'), (b' ', b' ')] {
                let inside = (low..=high).contains(&byte);
                assert_eq!(bytes_in(every_byte(byte), low, high) == HIGH_BITS, inside);
            }
        }
        let word = |text: &str| u64::from_le_bytes(text.as_bytes().try_into().expect("8 bytes"));
        for (text, plain) in [
            ("Soviet U", Some((false, false))),
            ("the 1962", Some((false, false))),
            ("a b c de", Some((false, false))),
            ("ABCDEFGH", Some((false, false))),
            (" Soviets", Some((true, false))),
            ("Soviets ", Some((false, true))),
            (" Soviet ", Some((true, true))),
            ("a  b cde", None),
            ("Soviet,U", None),
            ("Soviet-U", None),
            ("Soviet\tU", None),
            ("[Soviet]", None),
            ("@abc`xyz", None),
        ] {
            assert_eq!(plain_words(word(text)), plain, "{text:?}");
            if plain.is_some() {
                assert_eq!(fold(text), text.trim().to_ascii_lowercase(), "{text:?}");
            }
        }
    }

    #[test]
    fn push_folded_appends_without_joining() {
        let mut out = String::from("x ");
        push_folded("  Ärger, über ", &mut out);
        assert_eq!(out, "x arger uber");
        push_folded("...", &mut out);
        assert_eq!(out, "x arger uber");
    }

    #[test]
    fn stable_hash_is_fixed_and_separates_parts() {
        // The value is part of the id contract: changing it would orphan users' bookmarks.
        assert_eq!(stable_hash(&["a"]), 0x089b_e907_b544_fdc9);
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        assert_eq!(stable_hash(&[]), 0xcbf2_9ce4_8422_2325);
    }
}
