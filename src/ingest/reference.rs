//! What every reference-file reader (CSL-JSON, RIS, BibTeX, CSV) fills in, and the one place
//! an item becomes an [`Entry`]: title, date with its precision, summary, URL and record id,
//! language, archive reference, authors, subjects, places.
//!
//! Owns the rules the readers share: a record id comes from the record id field or from an
//! archive URL (`/document/N`); an item without a title or a date is kept (as "(untitled)" or
//! undated) with a warning at its line, never dropped; a date keeps the text it was written
//! with when it cannot be read.

use super::diag::Diagnostic;
use super::entry::{Details, Entry, EntryKind, ParsedPage};
use super::page::record_id_from_url;
use crate::model::date_line::parse_date_value;
use crate::model::{DateLine, DocDate, Edtf};
use std::sync::Arc;

/// The archive the app reads; as an "archive" field it says nothing an archive reference
/// would need.
pub const ARCHIVE: &str = "Wilson Center Digital Archive";

/// One item of a reference file, as its reader found it.
#[derive(Clone, Debug, Default)]
pub struct Item {
    /// 1-based line where the item starts.
    pub line: usize,
    pub title: Option<String>,
    /// The date as the source wrote it, when it wrote text.
    pub date_text: Option<String>,
    /// The date, when the reader has already read it (CSL `date-parts`, spreadsheet columns).
    pub date: Option<DateLine>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub record_id: Option<String>,
    pub language: Option<String>,
    /// The name of the archive (kept as the reference when no location is given).
    pub archive: Option<String>,
    /// The location in the archive: "fond 0102, opis 18, ...".
    pub archive_ref: Option<String>,
    pub citation: Option<String>,
    pub credit: Option<String>,
    pub full_text: Option<String>,
    pub authors: Vec<String>,
    pub subjects: Vec<String>,
    pub places: Vec<String>,
    pub people: Vec<String>,
    /// An id the item states (CSL `id`, BibTeX key, RIS `ID`).
    pub id: Option<String>,
}

/// `Some(trimmed)` for text that says something.
pub fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Splits a list field ("Korea; Nuclear weapons", "a, b") into items.
pub fn split_list(value: &str) -> Vec<String> {
    let separator: &[char] = if value.contains(';') || value.contains('|') {
        &[';', '|']
    } else if value.contains('\n') {
        &['\n']
    } else {
        &[',']
    };
    value
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Splits a list of names: only on `;`, `|` or line breaks, since a name has commas
/// ("Kim, Il Sung").
pub fn split_names(value: &str) -> Vec<String> {
    value
        .split([';', '|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// An id of this app's own forms: `wcda-<record id>` or `doc-<16 hex digits>`.
pub fn known_id(id: &str) -> Option<String> {
    let id = id.trim();
    let ok = match (id.strip_prefix("wcda-"), id.strip_prefix("doc-")) {
        (Some(n), _) => !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        (_, Some(h)) => h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()),
        _ => false,
    };
    ok.then(|| id.to_string())
}

impl Item {
    /// The entry this item stands for; warnings go to `page`.
    pub fn into_entry(self, file: &Arc<str>, page: &mut ParsedPage) -> Entry {
        let line = self.line;
        let warn = |page: &mut ParsedPage, message: String| {
            page.diagnostics
                .push(Diagnostic::warning(file, Some(line), message));
        };
        let title = match self
            .title
            .as_deref()
            .map(one_line)
            .filter(|t| !t.is_empty())
        {
            Some(t) => t,
            None => {
                warn(
                    page,
                    "item without a title: kept as \"(untitled)\"".to_string(),
                );
                "(untitled)".to_string()
            }
        };
        let date_line = match (&self.date, &self.date_text) {
            (Some(d), _) => d.clone(),
            (None, Some(t)) => parse_date_value(t),
            (None, None) => DateLine::Date(DocDate::Undated),
        };
        let mut details = Details::default();
        let (date, date_text) = match date_line {
            DateLine::Date(d) => (d, display(d, self.date_text.as_deref())),
            DateLine::Qualified(d, edtf) => {
                details.edtf = Some(edtf);
                let text = self.date_text.clone().unwrap_or_else(|| edtf.to_string());
                (d, text)
            }
            DateLine::Invalid(reason) => {
                warn(page, format!("{reason}; the item is kept, as undated"));
                (DocDate::Undated, self.date_text.clone().unwrap_or_default())
            }
            DateLine::NotADate => {
                let t = self.date_text.clone().unwrap_or_default();
                warn(
                    page,
                    format!(
                        "date \"{}\" not understood; the item is kept, as undated",
                        one_line(&t)
                    ),
                );
                (DocDate::Undated, t)
            }
        };
        if date == DocDate::Undated && self.date_text.is_none() && self.date.is_none() {
            warn(
                page,
                format!("\"{}\" has no date; kept as undated", shorten(&title)),
            );
        }
        let record_id = self
            .record_id
            .as_deref()
            .and_then(|r| text(Some(r)))
            .or_else(|| self.url.as_deref().and_then(record_id_from_url));
        let url = self.url.or_else(|| {
            record_id
                .as_ref()
                .map(|r| format!("https://digitalarchive.wilsoncenter.org/document/{r}"))
        });
        let archive = self
            .archive
            .filter(|a| !a.trim().eq_ignore_ascii_case(ARCHIVE) && !a.trim().is_empty());
        details.url = url;
        details.record_id = record_id;
        details.language = self.language;
        details.archive_ref = self.archive_ref.or(archive);
        details.citation = self.citation;
        details.credit = self.credit;
        details.full_text = self.full_text;
        details.authors = dedupe(self.authors);
        details.subjects = dedupe(self.subjects);
        details.places = dedupe(self.places);
        details.people = dedupe(self.people);
        Entry {
            date,
            date_text,
            title,
            summary: self.summary.unwrap_or_default(),
            line,
            details: Some(Box::new(details)),
            kind: EntryKind::Reference,
            known_id: self.id.as_deref().and_then(known_id),
        }
    }
}

/// The date as a person reads it ("September 17, 1956"), or the source's own text when it is
/// already a date line of the archive's forms.
fn display(date: DocDate, written: Option<&str>) -> String {
    match written {
        Some(w)
            if crate::model::date_line::parse_date_line(w) == DateLine::Date(date)
                && !w.contains(['/', '-']) =>
        {
            w.trim().to_string()
        }
        _ if date == DocDate::Undated => written.map(str::trim).unwrap_or("").to_string(),
        _ => date.display(),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shorten(text: &str) -> String {
    text.chars().take(60).collect()
}

fn dedupe(list: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for item in list {
        let item = item.trim().to_string();
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// A date from year, month and day numbers at the precision given (`None` parts unknown);
/// a season (CSL 1–4 or 13–16, EDTF 21–24) is kept as EDTF.
pub fn date_from_parts(year: Option<i64>, month: Option<i64>, day: Option<i64>) -> DateLine {
    use crate::model::EdtfDate;
    let Some(year) = year.and_then(|y| i32::try_from(y).ok()) else {
        return DateLine::Date(DocDate::Undated);
    };
    if !(-9999..=9999).contains(&year) {
        return DateLine::Invalid(format!("year {year} is out of range"));
    }
    let month = month.filter(|&m| m != 0);
    let Some(month) = month else {
        return DateLine::Date(DocDate::Year(year));
    };
    let season = match month {
        21..=24 => Some(month),
        13..=16 => Some(month + 8),
        _ => None,
    };
    if let Some(s) = season {
        let s = u8::try_from(s).unwrap_or(21);
        let edtf = Edtf::Date(EdtfDate::month(year, s));
        return DateLine::Qualified(edtf.doc_date(), edtf);
    }
    let Ok(m) = u32::try_from(month) else {
        return DateLine::Invalid(format!("month {month} is not a month"));
    };
    if !(1..=12).contains(&m) {
        return DateLine::Invalid(format!("month {month} is not a month"));
    }
    match day.filter(|&d| d != 0) {
        None => DateLine::Date(DocDate::Month { year, month: m }),
        Some(d) => match u32::try_from(d)
            .ok()
            .and_then(|d| chrono::NaiveDate::from_ymd_opt(year, m, d))
        {
            Some(date) => DateLine::Date(DocDate::Day(date)),
            None => DateLine::Invalid(format!("{year}-{m:02}-{d:02} is not a date")),
        },
    }
}

/// Marks a date approximate (CSL `circa`).
pub fn approximate(date: DateLine) -> DateLine {
    match date.edtf() {
        Some(Edtf::Date(mut d)) => {
            d.approximate = true;
            let e = Edtf::Date(d);
            DateLine::Qualified(e.doc_date(), e)
        }
        _ => date,
    }
}

/// An interval from two dates (CSL `date-parts` with two parts, spreadsheet end columns).
pub fn interval(start: DateLine, end: DateLine) -> DateLine {
    use crate::model::EdtfBound;
    match (start.edtf(), end.edtf()) {
        (Some(Edtf::Date(a)), Some(Edtf::Date(b))) if a != b => {
            let e = Edtf::Interval(EdtfBound::Date(a), EdtfBound::Date(b));
            let ordered = match (a.span(), b.span()) {
                (Some(x), Some(y)) => x.0 <= y.1,
                _ => true,
            };
            if ordered {
                DateLine::Qualified(e.doc_date(), e)
            } else {
                DateLine::Invalid(format!(
                    "{e} is not a date: the range ends before it starts"
                ))
            }
        }
        _ => start,
    }
}

/// The 1-based line of every byte offset in `offsets` (sorted), counted in one pass.
pub fn lines_of(text: &str, offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(offsets.len());
    let bytes = text.as_bytes();
    let (mut line, mut pos) = (1usize, 0usize);
    for &off in offsets {
        let off = off.min(bytes.len());
        if off >= pos {
            line += bytes[pos..off].iter().filter(|&&b| b == b'\n').count();
            pos = off;
        }
        out.push(line);
    }
    out
}
