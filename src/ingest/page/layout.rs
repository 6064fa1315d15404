//! What a page is, decided from the page as a whole before any line is read as a record: a
//! list page (search results, topic, collection and place pages, old-site lists, mirrors of
//! them) or a single document page, and then which of the archive's document layouts.
//!
//! The evidence, strongest first:
//! - the old site's buttons and bulleted sections (`CITATION SHARE DOWNLOAD`, `get citation`,
//!   `VIEW DOCUMENT IN`, `• Citation`) make an old-site document page;
//! - the PDF export's header and its colon labels (`Citation:`, `Summary:` with `Credits:`,
//!   `Original Language:` or `Contents:`) make a PDF export;
//! - the current site's headings (`Document Information`, or two of `Author(s):`, `Source`,
//!   `Original Archive`, `Associated Places`, `Subjects Discussed`, ...) or its support line
//!   under the title make a current-site document page;
//! - with none of these and no list furniture (a range line, `Results:`, `Documents`,
//!   `Popular Documents`, `Pagination`, `-` separators): one date at the top (after at most
//!   one summary line), its title, then prose that the list layout cannot hold (a paragraph
//!   of sentences after the blank lines the current site puts between body paragraphs) make a
//!   current-site document page.
//!
//! Everything else is a list page. One pass over the lines, then a look at the top.

use super::lines::{
    can_be_title, is_chrome, is_date, is_prose, is_sentence, is_separator, is_support_line,
    label_of, parse_range, Label, Lines,
};
use crate::ingest::entry::Layout;

/// The old site's document buttons.
fn is_old_site_button(line: &str) -> bool {
    matches!(
        line,
        "CITATION SHARE DOWNLOAD" | "get citation" | "share document" | "VIEW DOCUMENT IN"
    )
}

/// Lines that only list pages have.
fn is_list_furniture(line: &str) -> bool {
    matches!(
        line,
        "Results:" | "Results" | "Documents" | "Popular Documents" | "Pagination"
    ) || parse_range(line).is_some()
        || is_separator(line)
}

/// Decides what the page is.
pub(crate) fn decide(lines: &Lines<'_>) -> Layout {
    let mut old_site = false;
    let mut pdf_header = false;
    let mut list_furniture = false;
    let mut colon: Vec<Label> = Vec::new();
    let mut bare: Vec<Label> = Vec::new();
    let mut strong = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if is_old_site_button(line) {
            old_site = true;
        }
        if line
            == "Digital Archive digitalarchive.wilsoncenter.org International History Declassified"
            || line == "digitalarchive.wilsoncenter.org"
        {
            pdf_header = true;
        }
        if is_list_furniture(line) {
            list_furniture = true;
        }
        let Some((label, inline)) = label_of(line) else {
            continue;
        };
        if lines.bulleted(i) && matches!(label, Label::Citation | Label::Summary) {
            old_site = true;
        }
        if matches!(
            label,
            Label::Citation | Label::Contents | Label::RecordId | Label::DocumentInformation
        ) {
            strong = true;
        }
        let with_colon = inline.is_some() || line.ends_with(':');
        // "Author(s):" is a current-site heading that happens to carry a colon.
        let list = if with_colon && label != Label::Authors {
            &mut colon
        } else {
            &mut bare
        };
        if !list.contains(&label) && label != Label::RelatedDocuments {
            list.push(label);
        }
    }
    if old_site {
        return Layout::OldSite;
    }
    let pdf_labels = colon.contains(&Label::Citation)
        || (colon.contains(&Label::Summary)
            && [Label::Credits, Label::OriginalLanguage, Label::Contents]
                .iter()
                .any(|l| colon.contains(l)));
    if pdf_labels || (pdf_header && !colon.is_empty()) {
        return Layout::PdfExport;
    }
    if strong || bare.len() + colon.len() >= 2 {
        return Layout::CurrentSite;
    }
    if !list_furniture && reads_as_one_document(lines) {
        return Layout::CurrentSite;
    }
    Layout::List
}

/// One date at the top (after page furniture and at most one summary line), its title, then
/// either the current site's support line or a prose paragraph after two or more blank lines
/// (where a list page would have an undated entry's title).
fn reads_as_one_document(lines: &Lines<'_>) -> bool {
    let mut k = 0;
    let mut first = None;
    while let Some(i) = lines.next_nonblank(k) {
        if !is_chrome(lines.get(i)) {
            first = Some(i);
            break;
        }
        k = i + 1;
    }
    let Some(mut date) = first else {
        return false;
    };
    if !is_date(lines.get(date)) {
        // A summary line of another document may come first.
        let line = lines.get(date);
        if !(is_sentence(line) && is_prose(line)) {
            return false;
        }
        match lines.next_nonblank(date + 1) {
            Some(d) if is_date(lines.get(d)) => date = d,
            _ => return false,
        }
    }
    let Some(title) = lines.next_nonblank(date + 1) else {
        return false;
    };
    let t = lines.get(title);
    if lines.gap(title) > 1 || !can_be_title(t) || is_date(t) {
        return false;
    }
    let mut k = title + 1;
    while let Some(i) = lines.next_nonblank(k) {
        let line = lines.get(i);
        if is_support_line(line) {
            return true;
        }
        if lines.gap(i) >= 2 && is_prose(line) {
            return true;
        }
        k = i + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide_text(text: &str) -> Layout {
        decide(&Lines::new(text))
    }

    #[test]
    fn a_short_list_stays_a_list() {
        assert_eq!(
            decide_text(
                "May 1, 1950\n\nTelegram\n\nIts summary, in a sentence of some length here.\n"
            ),
            Layout::List
        );
        assert_eq!(
            decide_text(
                "May 1, 1950\n\nFirst title\n\nPagination\n\nJune 2, 1951\n\nHidden second title\n"
            ),
            Layout::List
        );
    }

    #[test]
    fn body_paragraphs_after_the_sites_blank_lines_make_a_document() {
        let prose = "According to the information received from the competent desk officer, the ambassador asked for a statement.";
        let text =
            format!("Skip to content\n\nMay 4, 1971\n\nTelegram\n\n\n\n{prose}\n\n\n{prose}");
        assert_eq!(decide_text(&text), Layout::CurrentSite);
        // The same paragraphs on a search-result page are a list's.
        let listed =
            format!("Skip to content\n\n1 - 1 of 1\n\nMay 4, 1971\n\nTelegram\n\n\n\n{prose}");
        assert_eq!(decide_text(&listed), Layout::List);
    }

    #[test]
    fn each_layouts_own_marks() {
        assert_eq!(
            decide_text("May 4, 1971\n\nTITLE\n\nCITATION SHARE DOWNLOAD\n"),
            Layout::OldSite
        );
        assert_eq!(
            decide_text("May 4, 1971 Title\n\nCitation:\n\n\"Title,\" May 4, 1971\n"),
            Layout::PdfExport
        );
        assert_eq!(
            decide_text("May 4, 1971\n\nTitle\n\nText.\n\nAuthor(s):\nAssociated Places\n"),
            Layout::CurrentSite
        );
    }
}
