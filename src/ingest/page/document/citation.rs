//! The fields of a document page that come from one value: a citation (URL, record id,
//! archive reference, credit, quoted title), a `Contents` list, a date and title on one line,
//! and the plain labelled fields.

use crate::ingest::entry::Details;
use crate::ingest::page::lines::{is_sentence, Label};
use crate::model::date_line::parse_date_line;
use crate::model::{DateLine, DocDate};

/// The quoted title a citation starts with: `"Memorandum of ...", August 14, 1962, ...` or
/// `“Second Report ...,” September 16, 1986, ...` (the comma inside the quotes is not the
/// title's).
pub(super) fn citation_title(citation: &str) -> Option<&str> {
    let rest = citation.trim().strip_prefix(['"', '“', '„'])?;
    let end = rest.find(['"', '”', '“'])?;
    let title = rest[..end]
        .trim()
        .trim_end_matches([',', '.', ';'])
        .trim_end();
    (!title.is_empty()).then_some(title)
}

/// "August 14, 1962 Memorandum ..." -> ("August 14, 1962", "Memorandum ...", the date). Only
/// day and month dates: a title may well begin with a bare year ("1956 Plenum Decisions").
pub(super) fn split_leading_date(title: &str) -> Option<(String, String, DateLine)> {
    let words: Vec<&str> = title.split_whitespace().take(4).collect();
    for take in [3usize, 2] {
        if words.len() <= take {
            continue;
        }
        let head = words[..take].join(" ");
        let head = head.trim_end_matches([':', ',', '-', '–']);
        let date_line = parse_date_line(head);
        if matches!(
            date_line,
            DateLine::Date(DocDate::Day(_) | DocDate::Month { .. }) | DateLine::Invalid(_)
        ) {
            let rest = title
                .split_whitespace()
                .skip(take)
                .collect::<Vec<_>>()
                .join(" ")
                .trim_start_matches([':', ',', '-', '–', ' '])
                .to_string();
            if !rest.is_empty() {
                return Some((head.to_string(), rest, date_line));
            }
        }
    }
    None
}

/// Sets the URL and, from it, the record id (unless already known).
pub(super) fn apply_url(line: &str, details: &mut Details) {
    if details.url.is_none() {
        details.url = Some(line.to_string());
    }
    if details.record_id.is_none() {
        details.record_id = record_id_from_url(line);
    }
}

/// "110485" from a Record ID value ("110485", "Record ID: 110485").
fn record_id_of(value: &str) -> Option<String> {
    let id: String = value
        .split_whitespace()
        .next()?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The record id in an archive URL: `.../document/110485` or `.../document/110485-some-slug`.
pub fn record_id_from_url(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("/document/")?;
    let id: String = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let numeric: String = id.chars().take_while(char::is_ascii_digit).collect();
    let id = if numeric.is_empty() { id } else { numeric };
    (!id.is_empty()).then_some(id)
}

/// List values: one a line, or `;`-separated on one line.
fn push_items(list: &mut Vec<String>, values: &[&str]) {
    for v in values {
        for item in v.split(';') {
            let item = item.trim();
            if !item.is_empty() && !list.iter().any(|x| x == item) {
                list.push(item.to_string());
            }
        }
    }
}

/// The versions a `Contents` or `VIEW DOCUMENT IN` section lists ("Translation - English",
/// "English Translation Scan of Original Document", "English HTML"), joined; and how many
/// lines they take (the body follows).
pub(super) fn read_contents(values: &[&str]) -> (Option<String>, usize) {
    const KINDS: &[&str] = &[
        "Translation",
        "Transcript",
        "Transcription",
        "Scan",
        "Original",
        "HTML",
        "PDF",
    ];
    let is_kind = |l: &str| {
        l.chars().count() <= 80
            && !l.starts_with('[')
            && !is_sentence(l)
            && l.split_whitespace().any(|w| KINDS.contains(&w))
    };
    let kinds: Vec<&str> = values.iter().copied().take_while(|l| is_kind(l)).collect();
    let contents = (!kinds.is_empty()).then(|| kinds.join("; "));
    (contents, kinds.len())
}

/// A plain labelled field: credits, language, archive, record id, lists; furniture labels
/// give nothing.
pub(super) fn apply_field(
    label: Label,
    value: Option<String>,
    values: &[&str],
    details: &mut Details,
) {
    match label {
        Label::Credits => details.credit = value.or(details.credit.take()),
        Label::OriginalLanguage => details.language = value.or(details.language.take()),
        // "Source" is the full reference (archive, fond, file); "Original Archive" only names
        // the archive, so it fills in when nothing more precise is known.
        Label::Source => details.archive_ref = value.or(details.archive_ref.take()),
        Label::OriginalArchive => {
            if details.archive_ref.is_none() {
                details.archive_ref = value;
            }
        }
        Label::RecordId => {
            if let Some(id) = value.as_deref().and_then(record_id_of) {
                if details.url.is_none() {
                    details.url = Some(format!(
                        "https://digitalarchive.wilsoncenter.org/document/{id}"
                    ));
                }
                details.record_id = Some(id);
            }
        }
        Label::Subjects => push_items(&mut details.subjects, values),
        Label::Places => push_items(&mut details.places, values),
        Label::People => push_items(&mut details.people, values),
        Label::Authors => push_items(&mut details.authors, values),
        // Read by the document reader itself, or furniture (other documents' listings,
        // classification marks, rights).
        Label::Citation
        | Label::Summary
        | Label::Contents
        | Label::ViewDocumentIn
        | Label::ShareDocument
        | Label::DocumentInformation
        | Label::RelatedDocuments
        | Label::Classification
        | Label::Rights => {}
    }
}

/// Pulls the URL, record id, archive reference and credit out of a citation such as
/// `"Title", August 14, 1962, Wilson Center Digital Archive, Archive of the Foreign Policy of
/// the Russian Federation (AVPRF), fond 0102, ... Obtained and translated for NKIDP by Sergey
/// Radchenko https://digitalarchive.wilsoncenter.org/document/110485` (the archive also names
/// itself "History and Public Policy Program Digital Archive").
pub(super) fn apply_citation(citation: &str, details: &mut Details) {
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
    if let Some(id) = url.as_deref().and_then(record_id_from_url) {
        details.record_id = Some(id);
    }
    if url.is_some() {
        details.url = url;
    }

    let body = body.trim().trim_end_matches(['.', ' ']);
    let after_archive = body
        .split_once("Digital Archive,")
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
