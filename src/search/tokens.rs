//! Tokenizing: original text -> folded words with their byte ranges in the original (for
//! highlighting) or without them (for indexing); the fields of a document that are searched.

use super::*;

/// Characters that belong to a word: those [`fold`] keeps or turns into letters or digits, and
/// combining marks (fold drops them without splitting the word they sit on).
pub(super) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_non_ascii_word_char(c)
    }
}

/// The rare, slower half of [`is_word_char`], kept out of line so the ASCII test inlines.
#[inline(never)]
pub(super) fn is_non_ascii_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || decomposes_to_alphanumeric(c)
}

/// "™" -> "TM", "①" -> "1": symbols that are not letters themselves but fold to some.
pub(super) fn decomposes_to_alphanumeric(c: char) -> bool {
    let mut found = false;
    decompose_compatible(c, |part| found |= part.is_alphanumeric());
    found
}

/// Byte ranges of the maximal runs of word characters in a text.
pub(super) struct Tokens<'a> {
    pub(super) text: &'a str,
    pub(super) chars: CharIndices<'a>,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str) -> Tokens<'a> {
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

/// Han ideographs, kana and Hangul: scripts whose words are not separated by spaces (or, for
/// Korean, carry their particles attached). They are indexed as overlapping character bigrams
/// and left unfolded: NFKD would take Hangul syllables apart into jamo and strip the voicing
/// marks off kana, which changes the words.
pub(super) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF      // hiragana, katakana
        | 0x31F0..=0x31FF    // katakana extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FFFF  // extensions B and later
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0xAC00..=0xD7AF    // Hangul syllables
    )
}

/// The words of a run of CJK characters starting at byte `at` of the text: every overlapping
/// pair of characters, then the last character alone ("毛泽东" -> "毛泽", "泽东", "东"), so
/// any run of two or more characters is found as a phrase of bigrams, and one character as a
/// prefix.
fn cjk_words(run: &str, at: usize, emit: &mut impl FnMut(&str, Range<usize>)) {
    let mut chars = run.char_indices().peekable();
    while let Some((a, _)) = chars.next() {
        let end = match chars.peek() {
            Some(&(b, c)) => b + c.len_utf8(),
            None => run.len(),
        };
        if let Some(word) = run.get(a..end) {
            emit(word, at + a..at + end);
        }
    }
}

/// Calls `emit` with every folded word of `text` and the byte range of the original token it
/// came from. The words are exactly those of `fold(text)` except that ASCII letters keep their
/// case: the caller lower-cases them while copying (most tokens are plain ASCII, and skipping
/// [`fold`] and a copy for them is what makes indexing fast). A token that folds to several
/// words ("½" -> "1 2") gives each of them the whole token's range. Runs of CJK characters
/// become bigrams ([`cjk_words`]) instead, unfolded.
pub(super) fn for_each_word(text: &str, mut emit: impl FnMut(&str, Range<usize>)) {
    for span in Tokens::new(text) {
        let Some(token) = text.get(span.clone()) else {
            continue;
        };
        if token.is_ascii() {
            emit(token, span);
            continue;
        }
        if !token.chars().any(is_cjk) {
            for word in fold(token).split(' ').filter(|w| !w.is_empty()) {
                emit(word, span.clone());
            }
            continue;
        }
        // Split the token into CJK runs and the rest.
        let mut start = 0;
        let mut cjk = None;
        for (i, c) in token
            .char_indices()
            .chain(std::iter::once((token.len(), ' ')))
        {
            let this = (i < token.len()).then(|| is_cjk(c));
            if this != cjk {
                if let (Some(was), Some(part)) = (cjk, token.get(start..i)) {
                    let at = span.start + start;
                    if was {
                        cjk_words(part, at, &mut emit);
                    } else {
                        for word in fold(part).split(' ').filter(|w| !w.is_empty()) {
                            emit(word, at..at + part.len());
                        }
                    }
                }
                start = i;
                cjk = this;
            }
        }
    }
}

/// A folded word and the original bytes it came from.
pub(super) struct SpannedWord {
    pub(super) text: String,
    pub(super) span: Range<usize>,
}

pub(super) fn spanned_words(text: &str) -> Vec<SpannedWord> {
    let mut words = Vec::new();
    for_each_word(text, |word, span| {
        words.push(SpannedWord {
            text: word.to_ascii_lowercase(),
            span,
        });
    });
    words
}

/// The searchable fields of a document, in the order their words are indexed: title, summary,
/// full text, then each subject heading, author, place and person/organization as a field of
/// its own (so a phrase never runs from one heading into the next).
pub(super) fn fields(doc: &Document) -> impl Iterator<Item = &str> {
    [
        doc.title.as_str(),
        doc.summary.as_str(),
        doc.full_text().unwrap_or(""),
    ]
    .into_iter()
    .chain(
        doc.subjects()
            .iter()
            .chain(doc.authors())
            .chain(doc.places())
            .chain(doc.people())
            .map(String::as_str),
    )
}
