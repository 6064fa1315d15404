//! Single document pages, in any of the archive's layouts: the date and title (or title and
//! date), labelled sections ("Citation:", "Summary:", "Original Language:", "Contents:" and the
//! text), or the full text right after the title followed by the document's own summary and a
//! "Document Information" block; sidebar text before the date is reported, never read as the
//! document. Shares its line model with the listing reader in `page`.

use super::diag::Diagnostic;
use super::page::{
    can_be_title, collect_unread, date_of, is_chrome, is_date, is_document_label, label_of,
    set_date, Details, Entry, EntryKind, Label, Lines, ParsedPage,
};
use crate::model::date::parse_date_line;
use crate::model::{DateLine, DocDate};
use std::sync::Arc;

// ---------------------------------------------------------------------------------------------
// Document pages
// ---------------------------------------------------------------------------------------------

/// Support lines printed under a document's title.
fn is_support_line(line: &str) -> bool {
    line.starts_with("This document was made possible with support from")
}

/// The quoted title a citation starts with: `"Memorandum of ...", August 14, 1962, ...`.
fn citation_title(citation: &str) -> Option<&str> {
    let rest = citation.trim().strip_prefix(['"', '“'])?;
    let end = rest.find(['"', '”'])?;
    Some(rest[..end].trim())
}

fn same_title(a: &str, b: &str) -> bool {
    crate::text::fold(a) == crate::text::fold(b)
}

pub(super) fn parse_document(lines: &Lines<'_>, file: &Arc<str>, page: &mut ParsedPage) {
    let n = lines.len();
    let mut used = vec![false; n];
    let labels: Vec<Option<(Label, Option<&str>)>> =
        lines.lines.iter().map(|l| label_of(l)).collect();
    let is_label = |k: usize| labels.get(k).is_some_and(Option::is_some);
    let first_label = (0..n)
        .find(|&k| labels[k].is_some_and(|(l, _)| is_document_label(l)))
        .unwrap_or(n);

    // The citation's quoted title picks the document's own date and title among sidebar ones.
    let cited = (0..n).find_map(|k| match labels[k] {
        Some((Label::Citation, Some(v))) => citation_title(v).map(str::to_string),
        Some((Label::Citation, None)) => lines
            .next_nonblank(k + 1)
            .filter(|&v| !is_label(v))
            .and_then(|v| citation_title(lines.get(v)).map(str::to_string)),
        _ => None,
    });

    // Head candidates: a date line, and its title after it (or before it, in designs that put
    // the date under the title).
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for i in 0..first_label {
        let line = lines.get(i);
        if line.is_empty() || !is_date(line) {
            continue;
        }
        match lines.next_nonblank(i + 1) {
            Some(t)
                if t < first_label
                    && lines.gap(t) <= 1
                    && can_be_title(lines.get(t))
                    && !is_date(lines.get(t)) =>
            {
                candidates.push((i, t));
            }
            _ => {
                if let Some(p) = lines.prev_nonblank(i) {
                    let before = lines.get(p);
                    if can_be_title(before) && !is_date(before) && lines.gap(i) <= 1 {
                        candidates.push((i, p));
                    }
                }
            }
        }
    }
    let chosen = cited
        .as_deref()
        .and_then(|c| {
            candidates
                .iter()
                .copied()
                .find(|&(_, t)| same_title(&title_run(lines, &labels, t).0, c))
        })
        .or_else(|| candidates.first().copied());

    let mut entry = Entry {
        kind: EntryKind::DocumentPage,
        ..Entry::default()
    };
    entry.details_mut();
    let head_end;
    match chosen {
        Some((d, t)) => {
            let (title, end) = title_run(lines, &labels, t);
            entry.title = title;
            entry.date_text = lines.get(d).to_string();
            entry.line = d + 1;
            set_date(&mut entry, date_of(lines.get(d)), d, file, page);
            used[d] = true;
            for u in &mut used[t..=end] {
                *u = true;
            }
            head_end = d.max(end);
        }
        None => {
            // Undated: the first title-like line before the labels.
            let t = (0..first_label.min(n)).find(|&k| {
                let l = lines.get(k);
                can_be_title(l) && !is_support_line(l) && !is_bare_url(l)
            });
            let Some(t) = t else {
                // Nothing that can be a title: the whole page is unread.
                collect_unread(lines, &used, page);
                return;
            };
            let (title, end) = title_run(lines, &labels, t);
            for u in &mut used[t..=end] {
                *u = true;
            }
            head_end = end;
            entry.line = t + 1;
            // "August 14, 1962 Memorandum of ...": an undated record whose title begins with
            // its date.
            match split_leading_date(&title) {
                Some((date_text, rest, date_line)) => {
                    entry.title = rest;
                    entry.date_text = date_text;
                    set_date(&mut entry, date_line, t, file, page);
                }
                None => {
                    entry.title = title;
                    page.diagnostics.push(Diagnostic::warning(
                        file,
                        Some(t + 1),
                        "no date line on this document page: the document is kept, as undated",
                    ));
                }
            }
        }
    }

    // Lines before the head: chrome and labels are known; sidebar text is reported.
    for (k, u) in used.iter_mut().enumerate().take(head_end.min(n)) {
        if !*u && (is_chrome(lines.get(k)) || is_label(k)) {
            *u = true;
        }
    }

    // The body between the head and the first label: a support line, then (in the newer
    // layouts) the full text and the document's own summary.
    let mut body: Vec<Vec<usize>> = Vec::new();
    let body_end = first_label.max(head_end + 1).min(n);
    for (k, u) in used
        .iter_mut()
        .enumerate()
        .take(body_end)
        .skip(head_end + 1)
    {
        let l = lines.get(k);
        if l.is_empty() {
            continue;
        }
        *u = true;
        if is_chrome(l) {
            continue;
        }
        if is_support_line(l) {
            let credit = l.to_string();
            let details = entry.details_mut();
            if details.credit.is_none() {
                details.credit = Some(credit);
            }
            continue;
        }
        if is_bare_url(l) {
            apply_url(l, entry.details_mut());
            continue;
        }
        if lines.gap(k) > 0 || body.is_empty() {
            body.push(Vec::new());
        }
        if let Some(last) = body.last_mut() {
            last.push(k);
        }
    }

    // Labelled sections, each running to the next label.
    let mut summary_label: Option<String> = None;
    let mut k = first_label;
    while k < n {
        let Some((label, inline)) = labels[k] else {
            k += 1;
            continue;
        };
        used[k] = true;
        let mut end = k + 1;
        while end < n && !is_label(end) {
            end += 1;
        }
        let mut values: Vec<&str> = inline.into_iter().collect();
        for (v, u) in used.iter_mut().enumerate().take(end).skip(k + 1) {
            let l = lines.get(v);
            if !l.is_empty() {
                *u = true;
                // A printed page's header and footer repeat inside the text.
                if !is_chrome(l) {
                    values.push(l);
                }
            }
        }
        let joined = values.join("\n");
        let value = (!joined.is_empty()).then_some(joined);
        let details = entry.details_mut();
        match label {
            Label::Citation => {
                if let Some(citation) = &value {
                    apply_citation(citation, details);
                }
                details.citation = value;
            }
            Label::Summary => summary_label = value,
            Label::Credits => details.credit = value.or(details.credit.take()),
            Label::OriginalLanguage => details.language = value.or(details.language.take()),
            // "Source" is the full reference (archive, fond, file); "Original Archive" only
            // names the archive, so it fills in when nothing more precise is known.
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
            Label::Subjects => push_items(&mut details.subjects, &values),
            Label::Places => push_items(&mut details.places, &values),
            Label::People => push_items(&mut details.people, &values),
            Label::Contents => {
                let (contents, full_text) = read_contents(&values);
                details.contents = contents;
                if full_text.is_some() {
                    details.full_text = full_text;
                }
            }
            Label::DocumentInformation | Label::RelatedDocuments | Label::Classification => {
                // Furniture, or values the model does not keep (other documents' listings,
                // classification marks).
            }
        }
        k = end;
    }

    // Summary: the labelled one, else the body's last paragraph (the newer layouts print the
    // full text first, then the document's own summary).
    let paragraph = |p: &[usize]| p.iter().map(|&k| lines.get(k)).collect::<Vec<_>>();
    let (summary, text_paragraphs): (Option<String>, &[Vec<usize>]) = match summary_label {
        Some(s) => (Some(s), &body[..]),
        None => match body.len() {
            0 => (None, &body[..]),
            1 if body[0].len() <= 3 => (Some(paragraph(&body[0]).join("\n")), &body[..0]),
            1 => (None, &body[..]),
            len => (Some(paragraph(&body[len - 1]).join("\n")), &body[..len - 1]),
        },
    };
    entry.summary = summary.unwrap_or_default();
    let text: Vec<&str> = text_paragraphs.iter().flat_map(|p| paragraph(p)).collect();
    if !text.is_empty() {
        let details = entry.details_mut();
        if details.full_text.is_none() {
            details.full_text = Some(text.join("\n\n"));
        }
    }
    page.entries.push(entry);
    collect_unread(lines, &used, page);
}

/// A title from line `t`: one line, or (on pages printed to PDF, where a long title wraps)
/// up to three unbroken lines that run straight into a label. Returns the title and its last
/// line.
fn title_run(
    lines: &Lines<'_>,
    labels: &[Option<(Label, Option<&str>)>],
    t: usize,
) -> (String, usize) {
    let mut end = t;
    while end + 1 < lines.len()
        && end < t + 3
        && !lines.get(end + 1).is_empty()
        && labels[end + 1].is_none()
        && !is_date(lines.get(end + 1))
    {
        end += 1;
    }
    let runs_into_label = labels.get(end + 1).is_some_and(Option::is_some);
    if end > t && runs_into_label {
        let parts: Vec<&str> = (t..=end).map(|k| lines.get(k)).collect();
        (parts.join(" "), end)
    } else {
        (lines.get(t).to_string(), t)
    }
}

/// "August 14, 1962 Memorandum ..." -> ("August 14, 1962", "Memorandum ...", the date). Only
/// day and month dates: a title may well begin with a bare year ("1956 Plenum Decisions").
fn split_leading_date(title: &str) -> Option<(String, String, DateLine)> {
    let words: Vec<&str> = title.split_whitespace().collect();
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
            let rest = words[take..]
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

fn is_bare_url(line: &str) -> bool {
    (line.starts_with("https://") || line.starts_with("http://")) && !line.contains(' ')
}

fn apply_url(line: &str, details: &mut Details) {
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

/// "Translation - English" style lines, then the full text, one paragraph a line.
fn read_contents(values: &[&str]) -> (Option<String>, Option<String>) {
    let mut kinds: Vec<&str> = Vec::new();
    let mut k = 0;
    while let Some(l) = values.get(k) {
        let is_kind = l.len() <= 60
            && [
                "Translation",
                "Transcript",
                "Original Scan",
                "Original",
                "Transcription",
                "English Translation",
            ]
            .iter()
            .any(|p| l == p || l.starts_with(&format!("{p} - ")));
        if !is_kind {
            break;
        }
        kinds.push(l);
        k += 1;
    }
    let paragraphs = &values[k..];
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
