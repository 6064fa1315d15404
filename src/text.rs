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
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ł' | 'Ł' => "l",
            'ø' | 'Ø' => "o",
            'đ' | 'Đ' => "d",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ı' => "i",
            _ => "",
        };
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
}

/// [`fold`] for ASCII text, without the Unicode machinery: decomposition and accent stripping
/// change nothing there, so folding is lower-casing letters and digits and collapsing every
/// other run to one space (none at the ends).
fn fold_ascii_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() {
            if pending_space && out.len() > start {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(byte.to_ascii_lowercase()));
        } else {
            pending_space = true;
        }
    }
}

/// FNV-1a, 64 bit: a hash whose value is fixed by its definition, so ids derived from it stay
/// the same across Rust versions, platforms and runs (std's hasher promises none of that).
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
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
