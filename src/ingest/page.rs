//! One saved archive page (as text) -> its entries, with diagnostics and the lines it did not
//! read.
//!
//! Two kinds of page are read:
//! - listings (search results, topic, place and collection pages): optional header lines
//!   ("Skip to content", "Results:", "11 - 20 of 118", "Documents", a heading and its
//!   description), then records of a date line, a title line and an optional summary, then an
//!   optional "Pagination" footer;
//! - single document pages, in any of the archive's layouts: date and title (or title and
//!   date), then either labelled sections ("Citation:", "Summary:", "Original Language:",
//!   "Contents:" and the text), or the full text right after the title followed by the
//!   document's own summary and a "Document Information" block (Source, Original Archive,
//!   Language, Record ID, Subjects Discussed, Associated Places, Associated People &
//!   Organizations, Credits; values sometimes missing); sidebar text may come first.
//!
//! Every line is accounted for: it is part of a record, known page furniture (header, footer,
//! a label), or listed in [`ParsedPage::unread_lines`]. Evidence, not guesswork, starts a
//! record:
//! - a date line (of any form [`parse_date_line`] reads) followed, after at most one blank
//!   line, by a title line; a title that itself looks like a date ("May 1968") is a title when
//!   it does not start a record of its own;
//! - an empty date slot: on the archive an undated record's listing has no date line, so its
//!   title follows the previous record after two or more blank lines;
//! - a title-like line (not a sentence) after a record's summary.
//!
//! A record that cannot be dated is kept as undated with a warning at its line; day-first
//! dates ("14 August 1962") are never date lines. This module knows nothing of other files:
//! merging is `merge`'s job.

use super::diag::Diagnostic;
use crate::model::date::parse_date_line;
use crate::model::{DateLine, DocDate};

pub use super::document::record_id_from_url;
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

/// What a document page (or a reference item) adds to a listing: the model's own
/// [`PageDetails`](crate::model::PageDetails), filled here.
pub use crate::model::PageDetails as Details;

/// Where an entry comes from, which decides how it merges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A record listed on a search-result or topic page.
    #[default]
    Listing,
    /// A single document page (citation, summary, full text, ...).
    DocumentPage,
    /// An item of a reference file or spreadsheet (CSL-JSON, RIS, BibTeX, CSV).
    Reference,
}

/// One entry as a page or reference file gives it, before merging.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub date: DocDate,
    pub date_text: String,
    pub title: String,
    pub summary: String,
    /// 1-based line of the entry's date line (or title line when it has none; the item's
    /// first line in a reference file).
    pub line: usize,
    /// Present on document pages and reference items, and on listings whose date needs EDTF.
    pub details: Option<Box<Details>>,
    pub kind: EntryKind,
    /// The document id the source states, when it is one of this app's (`wcda-N`,
    /// `doc-<16 hex digits>`), as its own exports write in CSL-JSON `id` and BibTeX keys.
    pub known_id: Option<String>,
}

impl Entry {
    /// The details, created empty if the entry had none.
    pub fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
}

/// What reading one page (or reference file) gave.
#[derive(Clone, Debug, Default)]
pub struct ParsedPage {
    pub entries: Vec<Entry>,
    pub range: Option<PageRange>,
    pub diagnostics: Vec<Diagnostic>,
    /// 1-based lines that are neither part of a record nor known page furniture.
    pub unread_lines: Vec<usize>,
    /// A lesson file's order, notes and views.
    pub lesson: Option<Box<super::lesson::Lesson>>,
}

impl ParsedPage {
    /// How many entries are undated.
    pub fn undated(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.date == DocDate::Undated)
            .count()
    }
}

// ---------------------------------------------------------------------------------------------
// Lines and what each can be
// ---------------------------------------------------------------------------------------------

/// Header and footer lines of the archive's pages and of pages printed to PDF: never titles.
pub(super) fn is_chrome(line: &str) -> bool {
    matches!(
        line,
        "Skip to content"
            | "Skip to main content"
            | "Results:"
            | "Results"
            | "Documents"
            | "Pagination"
            | "Search Results"
            | "Search in"
            | "Digital Archive"
            | "International History Declassified"
            | "Digital Archive International History Declassified"
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
    ) || parse_range(line).is_some()
        || is_pdf_page_number(line)
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

/// The labels of document pages, in every design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Label {
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
    DocumentInformation,
    RelatedDocuments,
    Classification,
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
    ("document information", Label::DocumentInformation),
    ("related documents", Label::RelatedDocuments),
    ("original classification", Label::Classification),
    ("classification", Label::Classification),
];

/// A label line ("Citation:", "• Citation", "Record ID", "Record ID: 110485") and its inline
/// value.
pub(super) fn label_of(line: &str) -> Option<(Label, Option<&str>)> {
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
    // "Summary: ..." inline is a label only for the short fields; a sentence beginning
    // "Source: ..." in a summary would otherwise be taken.
    let inline_ok = matches!(
        label,
        Label::OriginalLanguage
            | Label::RecordId
            | Label::OriginalArchive
            | Label::Source
            | Label::Classification
            | Label::Subjects
            | Label::Places
            | Label::People
            | Label::Credits
            | Label::Citation
            | Label::Summary
    );
    (inline_ok && !value.is_empty()).then_some((label, Some(value)))
}

/// The labels that make a page a document page.
pub(super) fn is_document_label(label: Label) -> bool {
    !matches!(label, Label::RelatedDocuments)
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
pub(super) fn date_of(line: &str) -> DateLine {
    match line.as_bytes().first() {
        Some(b) if line.len() <= 40 && b.is_ascii_alphanumeric() || line.starts_with('[') => {
            parse_date_line(line)
        }
        _ => DateLine::NotADate,
    }
}

pub(super) fn is_date(line: &str) -> bool {
    date_of(line).is_date()
}

/// A sentence (a summary's paragraph), not a title: ends with . ! or ? (before closing
/// quotes or brackets), and not with an abbreviation or an initial ("Dr.", "No.", "A.").
fn is_sentence(line: &str) -> bool {
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

/// A line that can be a record's title at all.
pub(super) fn can_be_title(line: &str) -> bool {
    !line.is_empty() && !is_chrome(line) && label_of(line).is_none()
}

/// A line that looks like a title without further evidence: not a sentence, not a date.
fn looks_like_title(line: &str) -> bool {
    can_be_title(line) && !is_sentence(line) && !is_date(line) && line.chars().count() <= 300
}

/// The page's lines, trimmed, with list bullets ("• ") taken off, and how many blank lines
/// come before each.
pub(super) struct Lines<'a> {
    pub(super) lines: Vec<&'a str>,
    gaps: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let lines: Vec<&str> = text
            .lines()
            .map(|l| {
                let l = l.trim();
                l.strip_prefix(['•', '·', '▪', '◦'])
                    .map_or(l, str::trim_start)
            })
            .collect();
        let mut gaps = Vec::with_capacity(lines.len());
        let mut blank = 0;
        for l in &lines {
            gaps.push(blank);
            blank = if l.is_empty() { blank + 1 } else { 0 };
        }
        Lines { lines, gaps }
    }

    pub(super) fn get(&self, i: usize) -> &'a str {
        self.lines.get(i).copied().unwrap_or("")
    }

    pub(super) fn gap(&self, i: usize) -> usize {
        self.gaps.get(i).copied().unwrap_or(0)
    }

    pub(super) fn len(&self) -> usize {
        self.lines.len()
    }

    /// Index of the first non-blank line at or after `i`.
    pub(super) fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i..self.lines.len()).find(|&k| !self.lines[k].is_empty())
    }

    /// Index of the last non-blank line before `i`.
    pub(super) fn prev_nonblank(&self, i: usize) -> Option<usize> {
        (0..i.min(self.lines.len()))
            .rev()
            .find(|&k| !self.lines[k].is_empty())
    }
}

/// Parses one page's text. `file` names the page in diagnostics and sources.
pub fn parse_page(text: &str, file: &Arc<str>) -> ParsedPage {
    let lines = Lines::new(text);
    let mut page = ParsedPage::default();
    if is_document_page(&lines) {
        super::document::parse_document(&lines, file, &mut page);
    } else {
        parse_listing(&lines, file, &mut page);
    }
    page
}

/// A page is a document page when it has a citation, contents, record id or "Document
/// Information" label, or two different document labels.
fn is_document_page(lines: &Lines<'_>) -> bool {
    let mut seen: Vec<Label> = Vec::new();
    for l in &lines.lines {
        if let Some((label, _)) = label_of(l) {
            if !is_document_label(label) {
                continue;
            }
            if matches!(
                label,
                Label::Citation | Label::Contents | Label::RecordId | Label::DocumentInformation
            ) {
                return true;
            }
            if !seen.contains(&label) {
                seen.push(label);
            }
            if seen.len() >= 2 {
                return true;
            }
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Listings
// ---------------------------------------------------------------------------------------------

/// Where a date line starts a record: its title's index, and whether that title reads like a
/// sentence (weak evidence).
#[derive(Clone, Copy)]
struct Start {
    title: usize,
    weak: bool,
}

/// For every line, whether it is a date line that starts a record. Computed from the end, since
/// a date-like title ("May 1968") is a title only when it does not start a record itself.
fn record_starts(lines: &Lines<'_>) -> Vec<Option<Start>> {
    let n = lines.len();
    let mut starts: Vec<Option<Start>> = vec![None; n];
    for i in (0..n).rev() {
        let line = lines.get(i);
        if line.is_empty() || !is_date(line) {
            continue;
        }
        let Some(t) = lines.next_nonblank(i + 1) else {
            continue;
        };
        // A title follows its date after at most one blank line; two or more blank lines are
        // an undated record's empty date slot.
        if lines.gap(t) > 1 {
            continue;
        }
        let title = lines.get(t);
        if !can_be_title(title) {
            continue;
        }
        if is_date(title) {
            if starts[t].is_some_and(|s| !s.weak) {
                continue;
            }
            starts[i] = Some(Start {
                title: t,
                weak: false,
            });
            continue;
        }
        starts[i] = Some(Start {
            title: t,
            weak: is_sentence(title),
        });
    }
    starts
}

/// A record being read.
struct Building {
    entry: Entry,
    summary: Vec<usize>,
}

fn parse_listing(lines: &Lines<'_>, file: &Arc<str>, page: &mut ParsedPage) {
    let n = lines.len();
    let starts = record_starts(lines);
    let mut used = vec![false; n];
    let mut i = 0;

    // Header: chrome, a topic heading and its description, up to the first record.
    let mut chrome_seen = false;
    while i < n {
        let line = lines.get(i);
        if line.is_empty() {
            i += 1;
            continue;
        }
        if let Some((first, last, total)) = parse_range(line) {
            page.range = Some(PageRange {
                first,
                last,
                total,
                line: i + 1,
            });
        }
        if is_chrome(line) {
            used[i] = true;
            chrome_seen = true;
            i += 1;
            continue;
        }
        if starts[i].is_some() {
            break;
        }
        // An undated first record: its empty date slot leaves two blank lines after the header.
        if chrome_seen && lines.gap(i) >= 2 && can_be_title(line) && !is_date(line) {
            break;
        }
        i += 1;
    }

    let mut current: Option<Building> = None;
    let mut records: Vec<Building> = Vec::new();
    let mut in_body = false;
    while i < n {
        let line = lines.get(i);
        if line.is_empty() {
            i += 1;
            continue;
        }
        if line == "Pagination" {
            // The footer: page numbers and links to the other pages.
            for u in &mut used[i..] {
                *u = true;
            }
            break;
        }
        if is_chrome(line) {
            used[i] = true;
            i += 1;
            continue;
        }
        if let Some(start) = starts[i] {
            // A sentence after a bare year or month inside a record is more likely a summary
            // paragraph than a record whose title ends with a full stop.
            let full_date = matches!(
                date_of(line),
                DateLine::Date(DocDate::Day(_)) | DateLine::Invalid(_)
            ) || matches!(date_of(line), DateLine::Qualified(DocDate::Day(_), _));
            let accept = !start.weak || !in_body || current.is_none() || full_date;
            if accept {
                records.extend(current.take());
                let date_line = date_of(line);
                let entry = dated_entry(line, date_line, lines.get(start.title), i, file, page);
                used[i] = true;
                used[start.title] = true;
                current = Some(Building {
                    entry,
                    summary: Vec::new(),
                });
                in_body = true;
                i = start.title + 1;
                continue;
            }
        }
        in_body = true;
        let gap = lines.gap(i);
        let new_undated = match &current {
            None => can_be_title(line),
            Some(b) => {
                (gap >= 2 && can_be_title(line) && !is_date(line))
                    || (gap == 1 && !b.summary.is_empty() && looks_like_title(line))
            }
        };
        if new_undated {
            records.extend(current.take());
            page.diagnostics.push(Diagnostic::warning(
                file,
                Some(i + 1),
                format!(
                    "no date line before \"{}\": the record is kept, as undated",
                    shorten(line, 60)
                ),
            ));
            used[i] = true;
            current = Some(Building {
                entry: Entry {
                    title: line.to_string(),
                    line: i + 1,
                    ..Entry::default()
                },
                summary: Vec::new(),
            });
        } else if let Some(b) = &mut current {
            b.summary.push(i);
            used[i] = true;
        }
        i += 1;
    }
    records.extend(current.take());
    for mut b in records {
        b.entry.summary = b
            .summary
            .iter()
            .map(|&k| lines.get(k))
            .collect::<Vec<_>>()
            .join("\n");
        page.entries.push(b.entry);
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
    collect_unread(lines, &used, page);
}

/// An entry from a date line and its title; an impossible date keeps the record, undated.
fn dated_entry(
    line: &str,
    date_line: DateLine,
    title: &str,
    i: usize,
    file: &Arc<str>,
    page: &mut ParsedPage,
) -> Entry {
    let mut entry = Entry {
        date_text: line.to_string(),
        title: title.to_string(),
        line: i + 1,
        ..Entry::default()
    };
    set_date(&mut entry, date_line, i, file, page);
    entry
}

/// Sets an entry's date from its date line, warning when it cannot be dated.
pub(super) fn set_date(
    entry: &mut Entry,
    date_line: DateLine,
    i: usize,
    file: &Arc<str>,
    page: &mut ParsedPage,
) {
    match date_line {
        DateLine::Date(d) => entry.date = d,
        DateLine::Qualified(d, edtf) => {
            entry.date = d;
            entry.details_mut().edtf = Some(edtf);
        }
        DateLine::Invalid(reason) => {
            page.diagnostics.push(Diagnostic::warning(
                file,
                Some(i + 1),
                format!("{reason}; the record is kept, as undated"),
            ));
            entry.date = DocDate::Undated;
        }
        DateLine::NotADate => entry.date = DocDate::Undated,
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max).collect();
        s.push('…');
        s
    }
}

/// Every non-blank line not used goes to `unread_lines`, each run reported once.
pub(super) fn collect_unread(lines: &Lines<'_>, used: &[bool], page: &mut ParsedPage) {
    for (k, &was_used) in used.iter().enumerate() {
        if !was_used && !lines.get(k).is_empty() {
            page.unread_lines.push(k + 1);
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
