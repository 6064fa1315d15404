//! The line model every page reader shares: a page's lines (trimmed, bullets taken off, blank
//! lines counted), and what one line can be on its own: page furniture (headers, footers,
//! buttons, pagers), a label of a document page, a date line, a sentence, a title.
//!
//! Knows nothing of records: deciding what a page is belongs to `layout`, reading it to
//! `listing` and `document`.

use crate::model::date_line::parse_date_line;
use crate::model::DateLine;

/// Header, footer and button lines of the archive's pages (every design) and of pages printed
/// to PDF: never a title, a summary or a body line.
pub(crate) fn is_chrome(line: &str) -> bool {
    matches!(
        line,
        "Skip to content"
            | "Skip to main content"
            | "Results:"
            | "Results"
            | "Documents"
            | "Pagination"
            | "Popular Documents"
            | "Search Results"
            | "Search in"
            | "ADD SEARCH FILTER CANCEL SEARCH FILTER"
            | "ADD SEARCH FILTER"
            | "CANCEL SEARCH FILTER"
            | "No image found."
            | "CITATION SHARE DOWNLOAD"
            | "get citation"
            | "Digital Archive"
            | "International History Declassified"
            | "Digital Archive International History Declassified"
            | "Digital Archive digitalarchive.wilsoncenter.org International History Declassified"
            | "digitalarchive.wilsoncenter.org"
            | "Wilson Center Digital Archive"
            | "Print"
            | "Share"
            | "Cite"
            | "Download"
            | "Download PDF"
            | "Email"
            | "Back to top"
            | "Next"
            | "Next page"
            | "Previous"
            | "Previous page"
            | "First"
            | "Last"
            | "Last page"
            | "First page"
            | "››"
            | "‹‹"
            | "»"
            | "«"
            | "<<"
            | ">>"
    ) || parse_range(line).is_some()
        || is_pdf_page_number(line)
        || is_rights_line(line)
}

/// "Page 2 of 5" (a printed page's footer).
fn is_pdf_page_number(line: &str) -> bool {
    line.strip_prefix("Page ")
        .and_then(|rest| rest.split_once(" of "))
        .is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
}

/// The archive's rights paragraph ("The History and Public Policy Program welcomes reuse of
/// Digital Archive materials ..."): furniture, never a summary or body.
fn is_rights_line(line: &str) -> bool {
    // Both wordings name the Digital Archive: one search of every long line (each summary
    // paragraph is asked), then the wording. The finder is built once.
    static ARCHIVE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("Digital Archive"));
    line.len() > 40
        && ARCHIVE.find(line.as_bytes()).is_some()
        && (line.contains("welcomes reuse of Digital Archive materials")
            || line.contains("subject to copyright"))
}

/// A line of a pager after "Pagination": page numbers, "…", "Next ›", "Last page »".
pub(crate) fn is_pager_line(line: &str) -> bool {
    is_chrome(line)
        || (line.len() <= 24
            && line.split_whitespace().all(|w| {
                w.bytes().all(|b| b.is_ascii_digit())
                    || matches!(
                        w,
                        "…" | "..."
                            | "›"
                            | "‹"
                            | "»"
                            | "«"
                            | "Next"
                            | "Previous"
                            | "First"
                            | "Last"
                            | "page"
                            | "Page"
                            | "Current"
                            | "of"
                    )
            }))
}

/// A line that only separates entries: `-` (third-party mirrors of old collection pages).
pub(crate) fn is_separator(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| matches!(c, '-' | '–' | '—'))
}

/// The labels of document pages, in every design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    Citation,
    Summary,
    Credits,
    OriginalLanguage,
    OriginalArchive,
    Source,
    Contents,
    RecordId,
    Subjects,
    Places,
    People,
    Authors,
    DocumentInformation,
    RelatedDocuments,
    Classification,
    /// The old site's "• share document" (its value is the page's URL).
    ShareDocument,
    /// The old site's "VIEW DOCUMENT IN" (its value lists the versions, then the body).
    ViewDocumentIn,
    /// A rights or usage section: furniture.
    Rights,
}

const LABELS: &[(&str, Label)] = &[
    ("citation", Label::Citation),
    ("summary", Label::Summary),
    ("credits", Label::Credits),
    ("credit", Label::Credits),
    ("original language", Label::OriginalLanguage),
    ("language", Label::OriginalLanguage),
    ("languages", Label::OriginalLanguage),
    ("original archive", Label::OriginalArchive),
    ("source", Label::Source),
    ("contents", Label::Contents),
    ("record id", Label::RecordId),
    ("subjects discussed", Label::Subjects),
    ("subjects", Label::Subjects),
    ("associated topics", Label::Subjects),
    ("associated places", Label::Places),
    ("associated people & organizations", Label::People),
    ("associated people and organizations", Label::People),
    ("associated people & organisations", Label::People),
    ("author(s)", Label::Authors),
    ("authors", Label::Authors),
    ("author", Label::Authors),
    ("document information", Label::DocumentInformation),
    ("related documents", Label::RelatedDocuments),
    ("original classification", Label::Classification),
    ("classification", Label::Classification),
    ("share document", Label::ShareDocument),
    ("view document in", Label::ViewDocumentIn),
    ("rights", Label::Rights),
    ("usage statement", Label::Rights),
];

/// A label line ("Citation:", "• Citation", "Record ID", "Record ID: 110485") and its inline
/// value.
pub(crate) fn label_of(line: &str) -> Option<(Label, Option<&str>)> {
    if line.len() > 60 + 200 || line.is_empty() {
        return None;
    }
    let find = |name: &str| -> Option<Label> {
        let name = name.trim();
        LABELS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, l)| *l)
    };
    if let Some(label) = find(line.strip_suffix(':').unwrap_or(line)) {
        return Some((label, None));
    }
    let (name, value) = line.split_once(':')?;
    if name.len() > 40 {
        return None;
    }
    let label = find(name)?;
    let value = value.trim();
    // Inline values only for the fields that take them, so a body sentence "Contents: ..."
    // is not taken for a section.
    let inline_ok = !matches!(
        label,
        Label::Contents
            | Label::DocumentInformation
            | Label::RelatedDocuments
            | Label::ShareDocument
            | Label::ViewDocumentIn
            | Label::Rights
    );
    (inline_ok && !value.is_empty()).then_some((label, Some(value)))
}

/// Parses "11 - 20 of 118" (also with an en dash).
pub fn parse_range(line: &str) -> Option<(u64, u64, u64)> {
    // It starts with the first number (a quick reject for the lines of a page that are not).
    if line.len() > 40 || !line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (span, total) = line.split_once(" of ")?;
    let (first, last) = span.split_once(['-', '–'])?;
    let num = |s: &str| -> Option<u64> {
        let s = s.trim().replace(',', "");
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (first, last, total) = (num(first)?, num(last)?, num(total)?);
    (first >= 1 && first <= last).then_some((first, last, total))
}

/// Quick reject before the full date-line parse: date lines are short and start with a letter
/// or digit, so most lines of a page cost one length check.
pub(crate) fn date_of(line: &str) -> DateLine {
    match line.as_bytes().first() {
        Some(b) if line.len() <= 40 && b.is_ascii_alphanumeric() || line.starts_with('[') => {
            parse_date_line(line)
        }
        _ => DateLine::NotADate,
    }
}

pub(crate) fn is_date(line: &str) -> bool {
    date_of(line).is_date()
}

/// A sentence (a summary's paragraph), not a title: ends with . ! or ? (before closing
/// quotes or brackets), and not with an abbreviation or an initial ("Dr.", "No.", "A.").
pub(crate) fn is_sentence(line: &str) -> bool {
    let core = line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    let Some(last) = core.chars().last() else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?' | '…') {
        return false;
    }
    if last != '.' {
        return true;
    }
    let word = core
        .trim_end_matches('.')
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let abbreviation = word.chars().count() <= 1
        || word.contains('.')
        || matches!(
            word,
            "Dr" | "Mr"
                | "Mrs"
                | "Ms"
                | "No"
                | "Nos"
                | "Jr"
                | "Sr"
                | "St"
                | "Co"
                | "Inc"
                | "Ltd"
                | "etc"
                | "Gen"
                | "Col"
                | "Lt"
                | "Capt"
                | "Cde"
                | "Vol"
                | "pp"
                | "Esq"
        );
    !abbreviation
}

/// Prose, as a document's body or a summary is written: a sentence of some length, or a line
/// far longer than any title.
pub(crate) fn is_prose(line: &str) -> bool {
    let chars = line.chars().count();
    chars > 300 || (chars >= 60 && is_sentence(line))
}

/// A line that can be a record's title at all.
pub(crate) fn can_be_title(line: &str) -> bool {
    line.chars().any(char::is_alphanumeric)
        && !is_chrome(line)
        && !is_separator(line)
        && label_of(line).is_none()
}

/// A line that looks like a title without further evidence: not a sentence, not a date.
pub(crate) fn looks_like_title(line: &str) -> bool {
    can_be_title(line) && !is_sentence(line) && !is_date(line) && line.chars().count() <= 300
}

/// The support line printed under a document's title on the current site.
pub(crate) fn is_support_line(line: &str) -> bool {
    line.starts_with("This document was made possible with support from")
}

/// A line holding nothing but a web address.
pub(crate) fn is_bare_url(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://")) && !line.contains(' ')
}

/// The page's lines, trimmed, with list bullets ("• ") taken off, how many blank lines come
/// before each, and which had a bullet (the old site bullets its section labels).
pub(crate) struct Lines<'a> {
    lines: Vec<&'a str>,
    gaps: Vec<usize>,
    bulleted: Vec<bool>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut bulleted = Vec::new();
        let lines: Vec<&str> = text
            .lines()
            .map(|l| {
                let l = l.trim();
                let bare = l.strip_prefix(['•', '·', '▪', '◦']);
                bulleted.push(bare.is_some());
                bare.map_or(l, str::trim_start)
            })
            .collect();
        let mut gaps = Vec::with_capacity(lines.len());
        let mut blank = 0;
        for l in &lines {
            gaps.push(blank);
            blank = if l.is_empty() { blank + 1 } else { 0 };
        }
        Lines {
            lines,
            gaps,
            bulleted,
        }
    }

    pub(crate) fn get(&self, i: usize) -> &'a str {
        self.lines.get(i).copied().unwrap_or("")
    }

    /// Blank lines right before line `i`.
    pub(crate) fn gap(&self, i: usize) -> usize {
        self.gaps.get(i).copied().unwrap_or(0)
    }

    pub(crate) fn bulleted(&self, i: usize) -> bool {
        self.bulleted.get(i).copied().unwrap_or(false)
    }

    pub(crate) fn len(&self) -> usize {
        self.lines.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.lines.iter().copied()
    }

    /// Index of the first non-blank line at or after `i`.
    pub(crate) fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&k| !self.lines[k].is_empty())
    }

    /// Index of the last non-blank line before `i`.
    pub(crate) fn prev_nonblank(&self, i: usize) -> Option<usize> {
        (0..i.min(self.lines.len()))
            .rev()
            .find(|&k| !self.lines[k].is_empty())
    }
}

/// At most `max` characters of `text`, with "…" when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_line_parsing() {
        assert_eq!(parse_range("11 - 20 of 118"), Some((11, 20, 118)));
        assert_eq!(parse_range("1 – 10 of 1,041"), Some((1, 10, 1041)));
        assert_eq!(parse_range("20 - 11 of 118"), None);
        assert_eq!(parse_range("one - two of three"), None);
    }

    #[test]
    fn buttons_and_pagers_are_furniture_not_titles() {
        for line in [
            "CITATION SHARE DOWNLOAD",
            "get citation",
            "Popular Documents",
            "<<",
            "-",
            "[…]",
        ] {
            assert!(!can_be_title(line), "{line}");
        }
        assert!(is_pager_line("2"));
        assert!(is_pager_line("Next ›"));
        assert!(!is_pager_line("June 2, 1951"));
        assert!(can_be_title("REPORT, EMBASSY OF HUNGARY IN NORTH KOREA"));
    }

    #[test]
    fn labels_with_and_without_values() {
        assert_eq!(label_of("Author(s):"), Some((Label::Authors, None)));
        assert_eq!(
            label_of("VIEW DOCUMENT IN"),
            Some((Label::ViewDocumentIn, None))
        );
        assert_eq!(
            label_of("Record ID: 110485"),
            Some((Label::RecordId, Some("110485")))
        );
        assert_eq!(label_of("Contents: the rest of a sentence"), None);
    }
}
