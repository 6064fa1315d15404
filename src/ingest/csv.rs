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
use super::page::ParsedPage;
use super::reference::{date_from_parts, interval, split_list, split_names, text, Item};
use crate::model::date::parse_date_value;
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

/// Reads a CSV file.
pub fn read_csv(source: &str, file: &Arc<str>) -> ParsedPage {
    let mut page = ParsedPage::default();
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
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
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(1),
            format!("columns not read: {}", unknown.join(", ")),
        ));
    }
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
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
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
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
}
