//! BibTeX and BibLaTeX files (`.bib`).
//!
//! Parsed with the `biblatex` crate (the typst project's: braces, quotes, `@string`
//! abbreviations, month macros, `crossref`, TeX escapes). Mapping: `title`; `date` (BibLaTeX,
//! EDTF-like) or `year` plus `month`; `abstract` as the summary; `url` (`/document/N` gives the
//! record id); `language`; `addendum` or `archivelocation` (what this app's own export writes) as
//! the archive reference, `howpublished`/`archive` as the archive; `author`; `keywords` as
//! subjects; `location`/`address` as places. The key is kept as the id when it is one of this
//! app's (`wcda-N`, `doc-…`). When one entry is malformed, the others are still read: the file
//! is parsed again entry by entry and the broken one is reported at its line.

use super::diag::Diagnostic;
use super::page::ParsedPage;
use super::reference::{date_from_parts, split_list, text, Item};
use crate::model::date::parse_date_value;
use biblatex::{Bibliography, ChunksExt, Entry};
use std::collections::HashMap;
use std::sync::Arc;

/// Does the text look like BibTeX (its first entry line starts with `@type{`)?
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .find(|l| !l.is_empty() && !l.starts_with('%'))
        .is_some_and(|l| {
            l.strip_prefix('@').is_some_and(|rest| {
                let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
                !name.is_empty() && rest[name.len()..].trim_start().starts_with(['{', '('])
            })
        })
}

/// Reads a BibTeX/BibLaTeX file.
pub fn read_bibtex(text: &str, file: &Arc<str>) -> ParsedPage {
    let mut page = ParsedPage::default();
    let starts = entry_starts(text);
    let key_lines: HashMap<&str, usize> = starts.iter().map(|s| (s.key, s.line)).collect();
    match Bibliography::parse(text) {
        Ok(bib) => {
            for entry in bib.iter() {
                let line = key_lines.get(entry.key.as_str()).copied().unwrap_or(1);
                let item = item_of(entry, line);
                let e = item.into_entry(file, &mut page);
                page.entries.push(e);
            }
        }
        Err(_) => {
            // Entry by entry, so one broken entry does not lose the others.
            let mut bounds: Vec<(usize, usize)> =
                starts.iter().map(|s| (s.offset, s.line)).collect();
            bounds.push((text.len(), 0));
            for w in bounds.windows(2) {
                let ((from, line), (to, _)) = (w[0], w[1]);
                let chunk = &text[from..to];
                match Bibliography::parse(chunk) {
                    Ok(bib) => {
                        for entry in bib.iter() {
                            let e = item_of(entry, line).into_entry(file, &mut page);
                            page.entries.push(e);
                        }
                    }
                    Err(err) => {
                        page.diagnostics.push(Diagnostic::warning(
                            file,
                            Some(line),
                            format!("BibTeX entry not read: {}", err.kind),
                        ));
                        let lines = chunk.lines().count().max(1);
                        page.unread_lines.extend(line..line + lines);
                    }
                }
            }
        }
    }
    page
}

struct Start<'a> {
    key: &'a str,
    offset: usize,
    line: usize,
}

/// Where each `@type{key,` starts (skipping `@comment`, `@string`, `@preamble`).
fn entry_starts(text: &str) -> Vec<Start<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix('@') {
            let kind: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
            let lower = kind.to_ascii_lowercase();
            if !kind.is_empty() && !matches!(lower.as_str(), "comment" | "string" | "preamble") {
                let after = rest[kind.len()..].trim_start();
                let key = after
                    .get(1..)
                    .unwrap_or("")
                    .split([',', '}', ')'])
                    .next()
                    .unwrap_or("")
                    .trim();
                out.push(Start {
                    key,
                    offset: offset + (line.len() - trimmed.len()),
                    line: n + 1,
                });
            }
        }
        offset += line.len();
    }
    out
}

fn item_of(entry: &Entry, line: usize) -> Item {
    let field = |name: &str| text(entry.get(name).map(|c| c.format_verbatim()).as_deref());
    let (date, date_text) = match field("date") {
        Some(d) => (Some(parse_date_value(&d)), Some(d)),
        None => match field("year") {
            Some(y) => {
                let month = field("month").and_then(|m| month_number(&m));
                let year = y.trim().parse::<i64>().ok();
                match year {
                    Some(year) => (Some(date_from_parts(Some(year), month, None)), None),
                    None => (None, Some(y)),
                }
            }
            None => (None, None),
        },
    };
    let authors = entry
        .author()
        .map(|people| {
            people
                .iter()
                .map(|p| {
                    let family = [p.prefix.as_str(), p.name.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if p.given_name.is_empty() {
                        family
                    } else {
                        format!("{family}, {}", p.given_name)
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let list = |name: &str| field(name).map(|v| split_list(&v)).unwrap_or_default();
    let mut places = list("location");
    places.extend(list("address"));
    Item {
        line,
        title: field("title"),
        date,
        date_text,
        summary: field("abstract"),
        url: field("url"),
        record_id: None,
        language: field("language"),
        archive: field("howpublished").or_else(|| field("archive")),
        archive_ref: field("archivelocation").or_else(|| field("addendum")),
        authors,
        subjects: list("keywords"),
        places,
        id: Some(entry.key.clone()),
        ..Item::default()
    }
}

/// "8", "aug", "August" -> 8.
fn month_number(month: &str) -> Option<i64> {
    let m = month.trim();
    if let Ok(n) = m.parse::<i64>() {
        return Some(n);
    }
    let lower = m.trim_end_matches('.').to_ascii_lowercase();
    crate::model::date::MONTH_NAMES
        .iter()
        .position(|name| {
            let name = name.to_ascii_lowercase();
            name == lower || (lower.len() >= 3 && name.starts_with(&lower))
        })
        .and_then(|p| i64::try_from(p + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocDate;

    #[test]
    fn entries_with_year_month_and_date() {
        let text = "% a comment\n@unpublished{wcda-110485,\n  title = {{Memorandum of Conversation}},\n  year = {1962},\n  month = aug,\n  url = {https://digitalarchive.wilsoncenter.org/document/110485},\n  keywords = {Korea, Military aid},\n  author = {Moskovsky, Vasily},\n}\n\n@misc{other,\n  title = {Undated thing},\n  date = {1956~},\n}\n";
        let page = read_bibtex(text, &Arc::from("a.bib"));
        assert_eq!(page.entries.len(), 2, "{:?}", page.diagnostics);
        let e = &page.entries[0];
        assert_eq!(e.line, 2);
        assert_eq!(e.title, "Memorandum of Conversation");
        assert_eq!(
            e.date,
            DocDate::Month {
                year: 1962,
                month: 8
            }
        );
        assert_eq!(e.known_id.as_deref(), Some("wcda-110485"));
        let d = e.details.as_ref().expect("details");
        assert_eq!(d.subjects, vec!["Korea", "Military aid"]);
        assert_eq!(d.authors, vec!["Moskovsky, Vasily"]);
        assert_eq!(page.entries[1].line, 11);
        assert_eq!(page.entries[1].date, DocDate::Year(1956));
    }

    #[test]
    fn a_broken_entry_does_not_lose_the_others() {
        let text = "@misc{a,\n  title = {Good one},\n  year = {1950}\n}\n@misc{b,\n  title = {Broken\n}\n@misc{c,\n  title = {Also good},\n  year = 1951\n}\n";
        let page = read_bibtex(text, &Arc::from("a.bib"));
        let titles: Vec<&str> = page.entries.iter().map(|e| e.title.as_str()).collect();
        assert!(
            titles.contains(&"Good one") && titles.contains(&"Also good"),
            "{titles:?}"
        );
        assert!(!page.diagnostics.is_empty());
    }
}
