//! Spreadsheets: CSV with a header row (read with the `csv` crate, already used for export).
//!
//! Columns are found by header name, case-insensitively (spaces, `-` and `_` alike):
//! - the TimelineJS template: Year, Month, Day, End Year/Month/Day, Display Date, Headline,
//!   Text (HTML allowed), Group (kept as a subject); its media and styling columns are known
//!   and not needed; a row of Type "title" is the timeline's title slide, not a record;
//! - generic: date, title, summary, url (and every column of this app's own CSV export);
//! - the columns scrapers of the archive produce: document_url, original_publication_date,
//!   title, summary, text_body, subjects_discussed, associated_people_orgs, associated_places,
//!   language, record_id, original_archive_title, original_classification.
//!
//! Columns the app does not know are reported once per file; a file with no title column is
//! not a spreadsheet of documents.

use super::diag::Diagnostic;
use super::entry::ParsedPage;
use super::reference::{date_from_parts, interval, split_list, split_names, text, Item};
use crate::model::date_line::parse_date_value;
use crate::model::DateLine;
use std::sync::Arc;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Year,
    Month,
    Day,
    EndYear,
    EndMonth,
    EndDay,
    DisplayDate,
    Date,
    Title,
    Summary,
    Url,
    RecordId,
    Language,
    ArchiveRef,
    Citation,
    Credit,
    FullText,
    Subjects,
    Authors,
    Places,
    People,
    Id,
    Type,
    /// Known, and not needed (media, styling, the export's precision, themes and sources).
    Ignored,
}

fn column_of(header: &str) -> Option<Column> {
    let name: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    use Column::*;
    Some(match name.as_str() {
        "year" => Year,
        "month" => Month,
        "day" => Day,
        "end_year" => EndYear,
        "end_month" => EndMonth,
        "end_day" => EndDay,
        "display_date" | "date_text" => DisplayDate,
        "date" | "original_publication_date" | "date_edtf" | "publication_date" => Date,
        "title" | "headline" => Title,
        "summary" | "text" | "abstract" | "description" => Summary,
        "url" | "document_url" | "link" => Url,
        "record_id" => RecordId,
        "language" | "original_language" => Language,
        "archive_ref" | "original_archive_title" | "original_archive" | "source" => ArchiveRef,
        "citation" => Citation,
        "credit" | "credits" => Credit,
        "full_text" | "text_body" => FullText,
        "subjects" | "subjects_discussed" | "group" | "tags" | "keywords" => Subjects,
        "authors" | "author" => Authors,
        "places" | "associated_places" => Places,
        "people" | "associated_people_orgs" => People,
        "id" => Id,
        "type" => Type,
        "time"
        | "end_time"
        | "media"
        | "media_credit"
        | "media_caption"
        | "media_thumbnail"
        | "background"
        | "precision"
        | "themes"
        | "sources"
        | "contents"
        | "original_classification" => Ignored,
        _ => return None,
    })
}

/// Does the text look like a spreadsheet of documents (a header row naming a title column)?
pub fn looks_like(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.contains(',')
        && first
            .split(',')
            .any(|h| column_of(h.trim_matches('"')) == Some(Column::Title))
}

/// Where a quote that is never closed opens: the byte offset and 1-based line of the start
/// of its row, and the line of the quote. Follows the CSV crate's rule: a quote opens a
/// quoted field only at the start of a field; inside one, `""` is a quote character and a
/// lone `"` closes it.
fn unclosed_quote(source: &str) -> Option<(usize, usize, usize)> {
    let bytes = source.as_bytes();
    let (mut line, mut row_start, mut row_line) = (1usize, 0usize, 1usize);
    let mut quoted: Option<usize> = None;
    let mut field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
        }
        match quoted {
            Some(_) => {
                if b == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 1;
                    } else {
                        quoted = None;
                    }
                }
            }
            None => match b {
                b'"' if field_start => {
                    quoted = Some(line);
                    field_start = false;
                }
                b',' => field_start = true,
                b'\n' => {
                    field_start = true;
                    row_start = i + 1;
                    row_line = line;
                }
                b'\r' => field_start = true,
                _ => field_start = false,
            },
        }
        i += 1;
    }
    quoted.map(|quote_line| (row_start, row_line, quote_line))
}

/// Reads a CSV file. A quote that is never closed would swallow the rest of the file into
/// one field: it is reported at its line, and the rows from there on are read with quotes
/// taken as plain characters (the CSV crate's flexible, unquoted mode), one line a row.
pub fn read_csv(source: &str, file: &Arc<str>) -> ParsedPage {
    let Some((row_start, row_line, quote_line)) = unclosed_quote(source) else {
        return read_rows(source, file, true, 0);
    };
    let mut page = read_rows(&source[..row_start], file, true, 0);
    let header = source.lines().next().unwrap_or("");
    if row_start == 0 {
        // The header itself holds the open quote.
        return read_rows(source, file, false, 0);
    }
    page.diagnostics.push(Diagnostic::warning(
        file,
        Some(quote_line),
        format!(
            "a quote opened on line {quote_line} is never closed: from line {row_line} on, \
             quotes are read as plain characters, one line a row"
        ),
    ));
    // The same header, then the rest: line numbers counted from the row's line.
    let rest = format!("{header}\n{}", &source[row_start..]);
    let more = read_rows(&rest, file, false, row_line - 2);
    page.entries.extend(more.entries);
    page.unread_lines.extend(more.unread_lines);
    page.diagnostics.extend(
        more.diagnostics
            .into_iter()
            .filter(|d| !d.message.starts_with("columns not read")),
    );
    page
}

/// Reads rows (the first line is the header); `quoting` off takes quotes as characters;
/// `line_offset` is added to every line number but the header's.
fn read_rows(source: &str, file: &Arc<str>, quoting: bool, line_offset: usize) -> ParsedPage {
    let mut page = ParsedPage::default();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .quoting(quoting)
        .from_reader(source.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            page.diagnostics.push(Diagnostic::error(
                file,
                Some(1),
                format!("not a CSV file: {e}"),
            ));
            return page;
        }
    };
    let columns: Vec<Option<Column>> = headers.iter().map(column_of).collect();
    if !columns.contains(&Some(Column::Title)) {
        page.diagnostics.push(Diagnostic::error(
            file,
            Some(1),
            "no title or headline column: not a spreadsheet of documents",
        ));
        return page;
    }
    let unknown: Vec<&str> = headers
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| h)
        .collect();
    if !unknown.is_empty() {
        const SHOWN: usize = 12;
        let mut list = unknown
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if unknown.len() > SHOWN {
            list.push_str(&format!(
                " and {} more",
                super::diag::group_digits(unknown.len() - SHOWN)
            ));
        }
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(1),
            format!("columns not read: {list}"),
        ));
    }
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0) + line_offset);
                page.diagnostics.push(Diagnostic::warning(
                    file,
                    (line > 0).then_some(line),
                    format!("row not read: {e}"),
                ));
                if line > 0 {
                    page.unread_lines.push(line);
                }
                continue;
            }
        };
        let line = row
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0) + line_offset);
        if row.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let mut item = Item {
            line,
            ..Item::default()
        };
        let (mut ymd, mut end) = ([None::<String>, None, None], [None::<String>, None, None]);
        let mut is_title_slide = false;
        for (value, column) in row.iter().zip(&columns) {
            let Some(column) = column else { continue };
            let v = text(Some(value));
            let Some(v) = v else { continue };
            use Column::*;
            match column {
                Year => ymd[0] = Some(v),
                Month => ymd[1] = Some(v),
                Day => ymd[2] = Some(v),
                EndYear => end[0] = Some(v),
                EndMonth => end[1] = Some(v),
                EndDay => end[2] = Some(v),
                DisplayDate => item.date_text = Some(v),
                Date => {
                    if item.date.is_none() {
                        item.date = Some(parse_date_value(&v));
                        if item.date_text.is_none() {
                            item.date_text = Some(v);
                        }
                    }
                }
                Title => item.title = item.title.take().or(Some(v)),
                Summary => {
                    let v = if v.contains('<') {
                        super::html::html_to_text(&v).trim().to_string()
                    } else {
                        v
                    };
                    item.summary = item.summary.take().or(Some(v));
                }
                Url => item.url = item.url.take().or(Some(v)),
                RecordId => item.record_id = Some(v),
                Language => item.language = Some(v),
                ArchiveRef => item.archive_ref = Some(v),
                Citation => item.citation = Some(v),
                Credit => item.credit = Some(v),
                FullText => item.full_text = Some(v),
                Subjects => item.subjects.extend(split_list(&v)),
                Authors => item.authors.extend(split_names(&v)),
                Places => item.places.extend(split_list(&v)),
                People => item.people.extend(split_names(&v)),
                Id => item.id = Some(v),
                Type => is_title_slide = v.eq_ignore_ascii_case("title"),
                Ignored => {}
            }
        }
        if is_title_slide {
            continue;
        }
        if ymd[0].is_some() && item.date.is_none() {
            let num = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
            let start = date_from_parts(num(&ymd[0]), num(&ymd[1]), num(&ymd[2]));
            let date = if end[0].is_some() {
                interval(
                    start,
                    date_from_parts(num(&end[0]), num(&end[1]), num(&end[2])),
                )
            } else {
                start
            };
            let date = match (&date, num(&ymd[0])) {
                (DateLine::Date(crate::model::DocDate::Undated), None) => DateLine::NotADate,
                _ => date,
            };
            if item.date_text.is_none() && matches!(date, DateLine::NotADate) {
                item.date_text = ymd[0].clone();
            }
            item.date = Some(date);
        }
        let entry = item.into_entry(file, &mut page);
        page.entries.push(entry);
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocDate;

    #[test]
    fn timelinejs_template_rows() {
        let text = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,Notes\n\
                    ,,,,,,,,,My timeline,<p>About</p>,,,,,title,,,\n\
                    1956,9,17,,,,,,,Telegram,<p>Mikoyan <b>reports</b>.</p>,,,,,,Korea,,x\n\
                    1956,,,,1957,,,,1956-57,Plan,,,,,,,,,\n";
        let page = read_csv(text, &Arc::from("t.csv"));
        assert_eq!(page.entries.len(), 2);
        assert_eq!(page.entries[0].title, "Telegram");
        assert_eq!(page.entries[0].summary, "Mikoyan reports.");
        assert_eq!(page.entries[0].line, 3);
        assert!(matches!(page.entries[0].date, DocDate::Day(_)));
        let d = page.entries[0].details.as_ref().expect("details");
        assert_eq!(d.subjects, vec!["Korea"]);
        let e = page.entries[1]
            .details
            .as_ref()
            .and_then(|d| d.edtf)
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("1956/1957"));
        assert_eq!(page.entries[1].date_text, "1956-57");
        assert_eq!(
            page.diagnostics
                .iter()
                .filter(|d| d.message.contains("columns not read: Notes"))
                .count(),
            1
        );
    }

    #[test]
    fn scraper_columns() {
        let text = "document_url,original_publication_date,title,summary,text_body,subjects_discussed,associated_people_orgs,associated_places,language,record_id,original_archive_title,original_classification\n\
                    https://digitalarchive.wilsoncenter.org/document/110485,\"August 14, 1962\",Memo,Short.,Body.,Korea; Military,\"Kim, Il Sung\",Pyongyang,Russian,110485,AVPRF,Secret\n";
        let page = read_csv(text, &Arc::from("s.csv"));
        assert_eq!(page.entries.len(), 1, "{:?}", page.diagnostics);
        let d = page.entries[0].details.as_ref().expect("details");
        assert_eq!(d.record_id.as_deref(), Some("110485"));
        assert_eq!(d.people, vec!["Kim, Il Sung"]);
        assert_eq!(d.full_text.as_deref(), Some("Body."));
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
    }

    #[test]
    fn an_unclosed_quote_is_reported_and_the_rows_after_it_are_read() {
        let text = "title,date\nFirst,1950\n\"Open quote,1951\nThird,1952\nFourth,1953\n";
        let page = read_csv(text, &Arc::from("q.csv"));
        let titles: Vec<&str> = page.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, vec!["First", "\"Open quote", "Third", "Fourth"]);
        let lines: Vec<usize> = page.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5]);
        assert!(page
            .diagnostics
            .iter()
            .any(|d| d.line == Some(3)
                && d.message.contains("quote opened on line 3 is never closed")));
        // A closed quote over two lines is one field, as before.
        let fine = "title,date\n\"Two\nlines\",1950\nNext,1951\n";
        let page = read_csv(fine, &Arc::from("f.csv"));
        assert_eq!(page.entries.len(), 2);
        assert!(page.diagnostics.is_empty(), "{:?}", page.diagnostics);
    }

    #[test]
    fn a_million_unknown_columns_make_one_short_warning() {
        let header: Vec<String> = (0..1_000_000).map(|i| format!("c{i}")).collect();
        let text = format!("title,{}\nT,x\n", header.join(","));
        let page = read_csv(&text, &Arc::from("wide.csv"));
        let warning = page
            .diagnostics
            .iter()
            .find(|d| d.message.starts_with("columns not read"))
            .expect("the warning");
        assert!(warning.message.len() < 200, "{}", warning.message);
        assert!(
            warning.message.ends_with("and 999,988 more"),
            "{}",
            warning.message
        );
    }

    #[test]
    fn identical_rows_are_documents_with_their_own_stable_ids() {
        let text = format!("title,date\n{}", "T,1950\n".repeat(3));
        let read = || {
            let page = read_csv(&text, &Arc::from("same.csv"));
            crate::ingest::merge::merge(vec![crate::ingest::merge::PageEntries::new(
                Arc::from("same.csv"),
                page.entries,
            )])
        };
        let docs = read();
        let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 3, "{ids:?}");
        let again: Vec<String> = read().iter().map(|d| d.id.to_string()).collect();
        let first: Vec<String> = docs.iter().map(|d| d.id.to_string()).collect();
        assert_eq!(first, again);
    }
}
