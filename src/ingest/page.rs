//! One saved archive page -> its entries, with diagnostics.
//!
//! Two page shapes are read:
//! - search-result, topic and place pages: optional header lines ("Skip to content", "Results:",
//!   "11 - 20 of 118", "Documents", or a heading and description paragraph), then entries of a
//!   date line, a title line and an optional summary, then optional "Pagination" and footer;
//! - single document pages: date, title, then "Citation:", "Summary:", "Original Language:",
//!   "Contents:" sections and the full text.
//!
//! A date line starts an entry only when a title line follows it, so a lone date-like line in a
//! description or summary is text. Day-first dates ("14 August 1962") are never date lines.
//! This module knows nothing of other files: merging is `merge`'s job.

use super::diag::Diagnostic;
use crate::model::{DateLine, DocDate};
use std::sync::Arc;

/// The "11 - 20 of 118" line of a search-result page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRange {
    pub first: u64,
    pub last: u64,
    pub total: u64,
    pub line: usize,
}

impl PageRange {
    /// How many entries the page claims to hold.
    pub fn expected(&self) -> u64 {
        self.last.saturating_sub(self.first) + 1
    }
}

/// What a document page adds to a listing: the model's own [`PageDetails`], filled here.
pub use crate::model::PageDetails as Details;

/// One entry as a page lists it, before merging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub date: DocDate,
    pub date_text: String,
    pub title: String,
    pub summary: String,
    /// 1-based line of the entry's date line (or title line when it has none).
    pub line: usize,
    /// Present when the entry is a single document page.
    pub details: Option<Box<Details>>,
}

#[derive(Clone, Debug, Default)]
pub struct ParsedPage {
    pub entries: Vec<Entry>,
    pub range: Option<PageRange>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Section labels of a document page, each alone on its line.
const SECTION_LABELS: &[&str] = &[
    "Citation:",
    "Summary:",
    "Credits:",
    "Original Language:",
    "Original Archive:",
    "Contents:",
];

/// Labels that close the full text on pages saved with the archive's side matter.
const TRAILING_LABELS: &[&str] = &[
    "Associated People & Organizations:",
    "Associated People & Organizations",
    "Associated Places:",
    "Associated Places",
    "Associated Topics:",
    "Associated Topics",
    "Subjects Discussed:",
    "Record ID:",
    "Related Documents",
];

/// Header and footer lines of search pages: never titles.
fn is_chrome(line: &str) -> bool {
    matches!(
        line,
        "Skip to content" | "Results:" | "Documents" | "Pagination" | "Search Results"
    ) || parse_range(line).is_some()
}

fn is_section_label(line: &str) -> bool {
    SECTION_LABELS.contains(&line)
}

/// Parses "11 - 20 of 118" (also with an en dash).
pub fn parse_range(line: &str) -> Option<(u64, u64, u64)> {
    if line.len() > 40 {
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
fn date_of(line: &str) -> DateLine {
    match line.as_bytes().first() {
        Some(b) if line.len() <= 40 && b.is_ascii_alphanumeric() || line.starts_with('[') => {
            crate::model::date::parse_date_line(line)
        }
        _ => DateLine::NotADate,
    }
}

struct Lines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            lines: text.lines().map(str::trim).collect(),
        }
    }

    fn get(&self, i: usize) -> &'a str {
        self.lines.get(i).copied().unwrap_or("")
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// Index of the first non-blank line at or after `i`.
    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&k| !self.lines[k].is_empty())
    }

    /// An entry starts at `i` when `i` is a date line (valid or not) and the next non-blank line
    /// can be a title. Returns the title's index.
    fn entry_start(&self, i: usize) -> Option<usize> {
        let line = self.get(i);
        if matches!(date_of(line), DateLine::NotADate) {
            return None;
        }
        let t = self.next_nonblank(i + 1)?;
        let title = self.get(t);
        let title_ok = matches!(date_of(title), DateLine::NotADate)
            && !is_chrome(title)
            && !is_section_label(title)
            && !TRAILING_LABELS.contains(&title);
        title_ok.then_some(t)
    }

    /// Undated document page: a title line directly followed by "Citation:".
    fn undated_page_start(&self, i: usize) -> bool {
        let line = self.get(i);
        !line.is_empty()
            && !is_chrome(line)
            && !is_section_label(line)
            && matches!(date_of(line), DateLine::NotADate)
            && self
                .next_nonblank(i + 1)
                .is_some_and(|k| self.get(k) == "Citation:")
    }
}

/// Parses one page's text. `file` names the page in diagnostics and sources.
pub fn parse_page(text: &str, file: &Arc<str>) -> ParsedPage {
    let lines = Lines::new(text);
    let mut page = ParsedPage::default();
    let mut i = 0;

    // Header: everything before the first entry (chrome, a topic heading, a description).
    while i < lines.len() {
        let line = lines.get(i);
        if let Some((first, last, total)) = parse_range(line) {
            page.range = Some(PageRange {
                first,
                last,
                total,
                line: i + 1,
            });
        }
        if lines.entry_start(i).is_some() || lines.undated_page_start(i) {
            break;
        }
        i += 1;
    }

    while i < lines.len() {
        let line = lines.get(i);
        if line == "Pagination" {
            break;
        }
        let (date, date_text, title_at) = if let Some(t) = lines.entry_start(i) {
            let date = match date_of(line) {
                DateLine::Date(d) => d,
                DateLine::Invalid(reason) => {
                    page.diagnostics.push(Diagnostic::warning(
                        file,
                        Some(i + 1),
                        format!("{reason}; the record is kept, as undated"),
                    ));
                    DocDate::Undated
                }
                DateLine::NotADate => DocDate::Undated,
            };
            (date, line.to_string(), t)
        } else if lines.undated_page_start(i) {
            (DocDate::Undated, String::new(), i)
        } else {
            // Stray text between entries cannot happen (summaries absorb it); skip defensively.
            i += 1;
            continue;
        };
        let title = lines.get(title_at).to_string();
        let after_title = lines.next_nonblank(title_at + 1);
        let entry_line = if date_text.is_empty() {
            title_at + 1
        } else {
            i + 1
        };

        if after_title.is_some_and(|k| is_section_label(lines.get(k))) {
            let start = after_title.unwrap_or(title_at + 1);
            let (summary, details) = parse_document_body(&lines, start, file, &mut page);
            page.entries.push(Entry {
                date,
                date_text,
                title,
                summary,
                line: entry_line,
                details: Some(Box::new(details)),
            });
            // A document page runs to the end of the file: its text is never entries.
            i = lines.len();
            continue;
        }

        // Summary: every line up to the next entry, "Pagination", or the end.
        let mut k = title_at + 1;
        let mut summary_lines: Vec<&str> = Vec::new();
        while k < lines.len() {
            let l = lines.get(k);
            if l == "Pagination" || lines.entry_start(k).is_some() {
                break;
            }
            if !l.is_empty() {
                summary_lines.push(l);
            }
            k += 1;
        }
        page.entries.push(Entry {
            date,
            date_text,
            title,
            summary: summary_lines.join("\n"),
            line: entry_line,
            details: None,
        });
        i = k;
    }

    if let Some(range) = page.range {
        let held = page.entries.len() as u64;
        if held != range.expected() {
            page.diagnostics.push(Diagnostic::warning(
                file,
                Some(range.line),
                format!(
                    "{held} entries: the page says {} - {} of {} but holds {held} (a partial save?)",
                    range.first, range.last, range.total
                ),
            ));
        }
    }
    page
}

/// Reads the sections of a document page from the first label to the end of the file.
fn parse_document_body(
    lines: &Lines<'_>,
    start: usize,
    file: &Arc<str>,
    page: &mut ParsedPage,
) -> (String, Details) {
    let mut details = Details::default();
    let mut summary = String::new();
    let mut k = start;
    while k < lines.len() {
        let label = lines.get(k);
        if label.is_empty() {
            k += 1;
            continue;
        }
        if !is_section_label(label) {
            page.diagnostics.push(Diagnostic::warning(
                file,
                Some(k + 1),
                format!("unexpected text on a document page, outside any section: {label:.60}"),
            ));
            k += 1;
            continue;
        }
        if label == "Contents:" {
            let (contents, full_text) = read_contents(lines, k + 1);
            details.contents = contents;
            details.full_text = full_text;
            break;
        }
        // Other sections run to the next label.
        let mut end = k + 1;
        let mut parts: Vec<&str> = Vec::new();
        while end < lines.len() && !is_section_label(lines.get(end)) {
            let l = lines.get(end);
            if !l.is_empty() {
                parts.push(l);
            }
            end += 1;
        }
        let value = parts.join("\n");
        let value = (!value.is_empty()).then_some(value);
        match label {
            "Citation:" => {
                if let Some(citation) = &value {
                    apply_citation(citation, &mut details);
                }
                details.citation = value;
            }
            "Summary:" => summary = value.unwrap_or_default(),
            "Credits:" => details.credit = value.or(details.credit.take()),
            "Original Language:" => details.language = value,
            "Original Archive:" => details.archive_ref = value.or(details.archive_ref.take()),
            _ => {}
        }
        k = end;
    }
    (summary, details)
}

/// "Translation - English" style lines, then the full text until the end or side matter.
fn read_contents(lines: &Lines<'_>, from: usize) -> (Option<String>, Option<String>) {
    let mut k = from;
    let mut kinds: Vec<&str> = Vec::new();
    while let Some(n) = lines.next_nonblank(k) {
        let l = lines.get(n);
        let is_kind = l.len() <= 60
            && [
                "Translation",
                "Transcript",
                "Original Scan",
                "Original",
                "Transcription",
            ]
            .iter()
            .any(|p| l == *p || l.starts_with(&format!("{p} - ")));
        if !is_kind {
            break;
        }
        kinds.push(l);
        k = n + 1;
    }
    let mut paragraphs: Vec<&str> = Vec::new();
    while k < lines.len() {
        let l = lines.get(k);
        if TRAILING_LABELS.contains(&l) {
            break;
        }
        if !l.is_empty() {
            paragraphs.push(l);
        }
        k += 1;
    }
    let contents = (!kinds.is_empty()).then(|| kinds.join("; "));
    let full_text = (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"));
    (contents, full_text)
}

/// Pulls the URL, record id, archive reference and credit out of a citation such as
/// `"Title", August 14, 1962, Wilson Center Digital Archive, Archive of the Foreign Policy of
/// the Russian Federation (AVPRF), fond 0102, ... Obtained and translated for NKIDP by Sergey
/// Radchenko https://digitalarchive.wilsoncenter.org/document/110485`.
fn apply_citation(citation: &str, details: &mut Details) {
    let flat = citation.split_whitespace().collect::<Vec<_>>().join(" ");
    let url_start = flat.find("http://").or_else(|| flat.find("https://"));
    let (body, url) = match url_start {
        Some(at) => {
            let url = flat[at..].split_whitespace().next().unwrap_or("");
            let url = url.trim_end_matches(['.', ',', ';', ')']);
            (&flat[..at], Some(url.to_string()))
        }
        None => (flat.as_str(), None),
    };
    if let Some(url) = &url {
        if let Some((_, rest)) = url.split_once("/document/") {
            let id: String = rest
                .split(['/', '?', '#'])
                .next()
                .unwrap_or("")
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            // Numeric ids ("110485") or the leading number of "110485-some-slug".
            let numeric: String = id.chars().take_while(char::is_ascii_digit).collect();
            let id = if numeric.is_empty() { id } else { numeric };
            if !id.is_empty() {
                details.record_id = Some(id);
            }
        }
    }
    details.url = url;

    let body = body.trim().trim_end_matches(['.', ' ']);
    let after_archive = body
        .split_once("Wilson Center Digital Archive,")
        .map(|(_, rest)| rest.trim());
    let credit_markers = [
        ". Obtained",
        ". Translated",
        ". Contributed",
        ". Donated",
        ". Included",
        ". Provided",
    ];
    let split_credit = |s: &str| -> (String, Option<String>) {
        let cut = credit_markers.iter().filter_map(|m| s.find(m)).min();
        match cut {
            Some(at) => (
                s[..at].trim().to_string(),
                Some(s[at + 2..].trim().trim_end_matches('.').to_string()),
            ),
            None => (s.trim().to_string(), None),
        }
    };
    match after_archive {
        Some(rest) => {
            let (reference, credit) = split_credit(rest);
            if !reference.is_empty() {
                details.archive_ref = Some(reference);
            }
            details.credit = credit;
        }
        None => {
            details.credit = split_credit(body).1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn parse(text: &str) -> ParsedPage {
        parse_page(text, &Arc::from("test.txt"))
    }

    fn day(y: i32, m: u32, d: u32) -> DocDate {
        DocDate::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid"))
    }

    #[test]
    fn search_page_with_header_entries_and_pagination() {
        let page = parse(
            "Skip to content\n\nResults:\n\n1 - 3 of 3\n\nDocuments\n\n\
             September 17, 1956\n\nTelegram A\n\nSummary of A.\n\n\
             1996\n\nRecollections\n\n\
             July 1993\n\nStatement\n\nFirst line.\nSecond line.\n\nPagination\n\n2\n\nNext\n",
        );
        assert_eq!(page.entries.len(), 3);
        assert_eq!(page.entries[0].date, day(1956, 9, 17));
        assert_eq!(page.entries[0].title, "Telegram A");
        assert_eq!(page.entries[0].summary, "Summary of A.");
        assert_eq!(page.entries[0].line, 9);
        assert_eq!(page.entries[1].date, DocDate::Year(1996));
        assert_eq!(page.entries[1].summary, "");
        assert_eq!(
            page.entries[2].date,
            DocDate::Month {
                year: 1993,
                month: 7
            }
        );
        assert_eq!(page.entries[2].summary, "First line.\nSecond line.");
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
        assert_eq!(page.range.map(|r| r.expected()), Some(3));
    }

    #[test]
    fn topic_page_description_is_not_an_entry() {
        let page = parse(
            "Korean War\n\nThe war began on 25 June 1950 and ended in\nJuly 1953.\n\n\
             June 25, 1950\n\nTelegram\n",
        );
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.entries[0].title, "Telegram");
    }

    #[test]
    fn range_mismatch_is_a_warning() {
        let page = parse("1 - 10 of 41\n\nMay 1, 1950\n\nA\n\nMay 2, 1950\n\nB\n");
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.diagnostics.len(), 1);
        let d = &page.diagnostics[0];
        assert_eq!(d.line, Some(1));
        assert!(
            d.message.contains("page says 1 - 10 of 41 but holds 2"),
            "{}",
            d.message
        );
    }

    #[test]
    fn impossible_date_keeps_the_record_and_warns() {
        let page = parse("September 31, 1956\n\nTelegram\n\nText\n");
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.entries[0].date, DocDate::Undated);
        assert_eq!(page.entries[0].date_text, "September 31, 1956");
        assert_eq!(page.diagnostics[0].line, Some(1));
        assert!(page.diagnostics[0].message.contains("not a date"));
    }

    #[test]
    fn day_first_dates_in_text_never_start_entries() {
        let page = parse(
            "September 15, 1956\n\nDecision of the KWP CC Plenum, 30-31 August 1956\n\n\
             14 August 1962\n\nMore summary.\n",
        );
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.entries[0].summary, "14 August 1962\nMore summary.");
    }

    #[test]
    fn document_page_sections() {
        let page = parse(
            "\n\nAugust 14, 1962\n\nMemo\n\nCitation:\n\n\"Memo\", August 14, 1962, Wilson Center \
             Digital Archive, Archive X (AVPRF), fond 0102, listy 3-9. Obtained and translated for \
             NKIDP by Sergey Radchenko https://digitalarchive.wilsoncenter.org/document/110485\n\n\
             Summary:\n\nShort summary.\n\nOriginal Language:\n\nRussian\n\nContents:\n\n\
             Translation - English\n\n14 August 1962\n\nParagraph one.\n\nParagraph two.\n",
        );
        assert_eq!(page.entries.len(), 1);
        let e = &page.entries[0];
        assert_eq!(e.date, day(1962, 8, 14));
        assert_eq!(e.summary, "Short summary.");
        let d = e.details.as_ref().expect("document page");
        assert_eq!(d.record_id.as_deref(), Some("110485"));
        assert_eq!(
            d.url.as_deref(),
            Some("https://digitalarchive.wilsoncenter.org/document/110485")
        );
        assert_eq!(
            d.archive_ref.as_deref(),
            Some("Archive X (AVPRF), fond 0102, listy 3-9")
        );
        assert_eq!(
            d.credit.as_deref(),
            Some("Obtained and translated for NKIDP by Sergey Radchenko")
        );
        assert_eq!(d.language.as_deref(), Some("Russian"));
        assert_eq!(d.contents.as_deref(), Some("Translation - English"));
        assert_eq!(
            d.full_text.as_deref(),
            Some("14 August 1962\n\nParagraph one.\n\nParagraph two.")
        );
    }

    #[test]
    fn undated_entries_and_pages_are_kept() {
        let page = parse("Undated\n\nMemo without a date\n\nIts summary.\n");
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.entries[0].date, DocDate::Undated);
        assert_eq!(page.entries[0].date_text, "Undated");
        let page = parse("Memo\n\nCitation:\n\n\"Memo\", Wilson Center Digital Archive.\n");
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.entries[0].date, DocDate::Undated);
        assert_eq!(page.entries[0].title, "Memo");
    }

    #[test]
    fn crlf_and_surrounding_spaces_are_tolerated() {
        let page = parse("March 03, 1977\r\n\r\n  Title  \r\n\r\nSummary\r\n");
        assert_eq!(page.entries[0].date, day(1977, 3, 3));
        assert_eq!(page.entries[0].date_text, "March 03, 1977");
        assert_eq!(page.entries[0].title, "Title");
    }

    #[test]
    fn range_line_parsing() {
        assert_eq!(parse_range("11 - 20 of 118"), Some((11, 20, 118)));
        assert_eq!(parse_range("1 – 10 of 1,041"), Some((1, 10, 1041)));
        assert_eq!(parse_range("20 - 11 of 118"), None);
        assert_eq!(parse_range("one - two of three"), None);
    }
}
