//! One saved archive page (as text) -> its entries, with diagnostics and the lines it did not
//! read.
//!
//! The page is first decided as a whole ([`layout`]): a list page, or a single document page
//! in one of the archive's layouts (current site, old site, PDF export). A list page is read
//! by [`listing`], one entry per listed record; a document page by [`document`], always one
//! entry, however many paragraphs, dates or short lines its body holds. The shared line model
//! (furniture, labels, dates, sentences) lives in [`lines`]; what the readers give is the
//! shared entry model ([`crate::ingest::entry`]), which every other reader gives too.
//!
//! Every line is accounted for: it is part of a record, known page furniture (header, footer,
//! a label, a button), or listed in [`ParsedPage::unread_lines`]. A record that cannot be dated
//! is kept as undated with a warning at its line; day-first dates ("14 August 1962") are never
//! date lines. This module knows nothing of other files: merging is `merge`'s job.

mod document;
pub mod layout;
pub(crate) mod lines;
mod listing;

pub use lines::parse_range;

use super::diag::Diagnostic;
use super::entry::{Entry, ParsedPage};
use crate::model::{DateLine, DocDate};

pub use document::record_id_from_url;
use std::sync::Arc;

/// Parses one page's text. `file` names the page in diagnostics and sources.
pub fn parse_page(text: &str, file: &Arc<str>) -> ParsedPage {
    let lines = lines::Lines::new(text);
    let mut page = ParsedPage::default();
    let layout = layout::decide(&lines);
    page.layout = Some(layout);
    if layout.is_document() {
        document::parse_document(&lines, layout, file, &mut page);
    } else {
        listing::parse_listing(&lines, file, &mut page);
    }
    page
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

/// Every non-blank line not used goes to `unread_lines`.
pub(super) fn collect_unread(lines: &lines::Lines<'_>, used: &[bool], page: &mut ParsedPage) {
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
}
