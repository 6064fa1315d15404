//! Bookmarks written out for people and reference managers: a Markdown reading list, CSV,
//! RIS, BibTeX and CSL-JSON; and reading back the JSON forms for import.
//!
//! Owns each format's field mapping and escaping. Pure: strings in, strings out — no files,
//! no store, no egui. Every export lists bookmarks by date (undated last), then title, and
//! works from the bookmark's snapshot alone, so bookmarks whose document is not loaded export
//! like any other.
//!
//! Entry types, checked against Zotero's import translators (RIS.js, BibTeX.js):
//! - RIS `TY  - MANSCPT` is Zotero's "Manuscript" item type, the type Zotero itself uses for
//!   unpublished archival documents; `DB` maps to its "Archive" field and `AN` to
//!   "Loc. in Archive", so the archive and the archival reference land where they belong.
//! - BibTeX `@unpublished` is what Zotero maps to and from "Manuscript"; `@misc` would be
//!   imported as a book. Zotero's BibTeX import has no archive fields, so the archive goes in
//!   `howpublished` and the reference in biblatex's `addendum` (both printed by biblatex); for
//!   Zotero, RIS and CSL-JSON carry them exactly.
//! - CSL-JSON `"type": "manuscript"` with `archive` and `archive_location`.

use super::{now, sort_bookmarks, Bookmark};
use crate::model::{DocDate, DocId};
use crate::text::safe::{one_line, printable, spreadsheet_cell};
use chrono::{Datelike, NaiveDate, SecondsFormat};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The archive every bookmarked document comes from.
pub const ARCHIVE: &str = "Wilson Center Digital Archive";

/// The formats bookmarks export to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Csv,
    Ris,
    Bibtex,
    CslJson,
    /// TimelineJS3's JSON (events, eras, title slide).
    TimelineJs,
    /// The same slides in TimelineJS's Google Sheets template columns.
    TimelineJsSheet,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Markdown,
        ExportFormat::Csv,
        ExportFormat::Ris,
        ExportFormat::Bibtex,
        ExportFormat::CslJson,
        ExportFormat::TimelineJs,
        ExportFormat::TimelineJsSheet,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Ris => "ris",
            ExportFormat::Bibtex => "bib",
            ExportFormat::CslJson => "json",
            ExportFormat::TimelineJs => "json",
            ExportFormat::TimelineJsSheet => "csv",
        }
    }

    /// Whether the format groups documents by lane (TimelineJS): callers then pass each
    /// bookmark's lane ([`super::lanes::lanes_of`]) to [`export_grouped`].
    pub fn is_grouped(self) -> bool {
        matches!(
            self,
            ExportFormat::TimelineJs | ExportFormat::TimelineJsSheet
        )
    }

    /// The name the command line takes: `md`, `csv`, `ris`, `bibtex`, `csljson`, `timelinejs`
    /// or `timelinejs-csv`.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Ris => "ris",
            ExportFormat::Bibtex => "bibtex",
            ExportFormat::CslJson => "csljson",
            ExportFormat::TimelineJs => "timelinejs",
            ExportFormat::TimelineJsSheet => "timelinejs-csv",
        }
    }

    /// Parses a format name (any case; also `markdown`, `bib`, `csl-json`, `json`).
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        match name.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "csv" => Some(ExportFormat::Csv),
            "ris" => Some(ExportFormat::Ris),
            "bibtex" | "bib" | "biblatex" => Some(ExportFormat::Bibtex),
            "csljson" | "csl-json" | "csl" | "json" => Some(ExportFormat::CslJson),
            "timelinejs" | "timeline-js" | "tljs" => Some(ExportFormat::TimelineJs),
            "timelinejs-csv" | "timelinejs-sheet" => Some(ExportFormat::TimelineJsSheet),
            _ => None,
        }
    }
}

/// Writes `bookmarks` in `format`, by date (undated last), then title.
pub fn export(bookmarks: &[&Bookmark], format: ExportFormat) -> String {
    export_grouped(bookmarks, format, &|_| String::new())
}

/// Like [`export`], with each bookmark's lane (theme) from `group_of`: TimelineJS groups its
/// slides by it; the other formats ignore it.
pub fn export_grouped(
    bookmarks: &[&Bookmark],
    format: ExportFormat,
    group_of: &dyn Fn(&Bookmark) -> String,
) -> String {
    let mut sorted = bookmarks.to_vec();
    sort_bookmarks(&mut sorted);
    export_ordered(&sorted, format, group_of, "Bookmarked documents")
}

/// Writes `items` in `format` in the order given (a collection's own order), under `title`
/// where the format has one (Markdown).
pub fn export_ordered(
    items: &[&Bookmark],
    format: ExportFormat,
    group_of: &dyn Fn(&Bookmark) -> String,
    title: &str,
) -> String {
    match format {
        ExportFormat::TimelineJs | ExportFormat::TimelineJsSheet => {
            timeline_js(items, format, group_of)
        }
        ExportFormat::Markdown => markdown(items, title),
        ExportFormat::Csv => csv(items),
        ExportFormat::Ris => ris(items),
        ExportFormat::Bibtex => bibtex(items),
        ExportFormat::CslJson => csl_json(items),
    }
}

/// TimelineJS slides of the bookmarks, with the era presets as eras.
fn timeline_js(
    bookmarks: &[&Bookmark],
    format: ExportFormat,
    group_of: &dyn Fn(&Bookmark) -> String,
) -> String {
    use crate::output::timelinejs;
    let items: Vec<timelinejs::Item> = bookmarks
        .iter()
        .map(|b| timelinejs::Item {
            date: b.date.clone(),
            date_text: b.date_label(),
            title: b.title.clone(),
            summary: b.summary.clone(),
            note: b.note.clone(),
            url: b.url.clone(),
            group: group_of(b),
        })
        .collect();
    let eras: Vec<timelinejs::Era> = crate::eras::ERAS
        .iter()
        .filter_map(|era| {
            let day = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
            let last = day(era.until)?.pred_opt()?;
            Some(timelinejs::Era {
                name: era.name.to_string(),
                start: day(era.from)?.to_string(),
                end: last.to_string(),
            })
        })
        .collect();
    let title = "Bookmarked documents";
    let subtitle = format!(
        "{} from the {ARCHIVE}, exported by archive-timeline",
        crate::text::count(items.len(), "document")
    );
    let written = match format {
        ExportFormat::TimelineJsSheet => timelinejs::sheet_csv(title, &subtitle, &items, &eras),
        _ => timelinejs::json(title, &subtitle, &items, &eras),
    };
    written.text
}

/// `Some(value)` when it says something.
fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// A reading list: one item per bookmark with its date, its title (a link when the URL is
/// known), the archive reference and the note.
fn markdown(bookmarks: &[&Bookmark], title: &str) -> String {
    let mut out = format!("# {}\n\n", md_escape(&one_line(title)));
    if bookmarks.is_empty() {
        out.push_str("No bookmarks.\n");
    }
    for b in bookmarks {
        out.push_str(&markdown_item(b));
    }
    out
}

fn markdown_item(b: &Bookmark) -> String {
    let title = if b.title.trim().is_empty() {
        "(untitled)".to_string()
    } else {
        md_escape(&one_line(&b.title))
    };
    let title = match present(b.url.as_deref()).filter(|u| is_web_url(u)) {
        Some(url) => format!("[{title}]({})", md_url(url)),
        None => title,
    };
    let date = md_escape(&one_line(&b.date_label()));
    let mut item = format!("- **{date}** — {title}\n");
    if let Some(archive_ref) = present(b.archive_ref.as_deref()) {
        item.push_str(&format!(
            "  - Archive: {}\n",
            md_escape(&one_line(archive_ref))
        ));
    }
    let note_lines: Vec<String> = b
        .note
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| md_escape_line(&printable(l)))
        .collect();
    if let Some((first, rest)) = note_lines.split_first() {
        item.push_str(&format!("  - Note: {first}\n"));
        for line in rest {
            item.push_str(&format!("    {line}\n"));
        }
    }
    item
}

/// Escapes the characters Markdown would read as formatting inside a line.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line that starts a Markdown line, so it cannot become a heading, list or quote.
fn md_escape_line(line: &str) -> String {
    let escaped = md_escape(line);
    let starts_block = escaped.starts_with(['#', '-', '+', '=', '~']);
    let numbered = {
        let digits = escaped.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && escaped[digits..].starts_with(['.', ')'])
    };
    if starts_block {
        format!("\\{escaped}")
    } else if numbered {
        let digits = escaped.chars().take_while(char::is_ascii_digit).count();
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// A URL safe inside `(...)`: spaces, parentheses and angle brackets percent-encoded.
fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// The CSV header; a contract, scripts read it.
pub const CSV_COLUMNS: [&str; 9] = [
    "id",
    "date",
    "date_text",
    "title",
    "url",
    "archive_ref",
    "language",
    "note",
    "added",
];

/// RFC 4180 (quoting by the `csv` crate, CRLF line ends), UTF-8, one row per bookmark.
fn csv(bookmarks: &[&Bookmark]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail, so errors are not expected here; none panics either way.
    let _ = writer.write_record(CSV_COLUMNS);
    for b in bookmarks {
        let _ = writer.write_record(csv_row(b));
    }
    let bytes = writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

/// One row; every cell is made inert for spreadsheets ([`spreadsheet_cell`]), since a title or
/// note starting with `=` would otherwise run as a formula when the file is opened.
fn csv_row(b: &Bookmark) -> [String; 9] {
    fn opt(v: &Option<String>) -> &str {
        v.as_deref().unwrap_or_default()
    }
    [
        b.id.as_str(),
        opt(&b.date),
        &b.date_text,
        &b.title,
        opt(&b.url),
        opt(&b.archive_ref),
        opt(&b.language),
        &b.note,
        &b.added.to_rfc3339_opts(SecondsFormat::Secs, true),
    ]
    .map(|cell| spreadsheet_cell(cell).into_owned())
}

// ---------------------------------------------------------------------------------------------
// RIS
// ---------------------------------------------------------------------------------------------

/// RIS: `XX  - value` lines ending in CRLF, one record per bookmark closed by `ER  - `.
fn ris(bookmarks: &[&Bookmark]) -> String {
    bookmarks
        .iter()
        .map(|b| ris_record(b))
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn ris_record(b: &Bookmark) -> String {
    let date = b.doc_date();
    let mut lines = vec![ris_line("TY", "MANSCPT"), ris_line("TI", &b.title)];
    if let Some(da) = ris_date(date) {
        lines.push(ris_line("DA", &da));
    }
    if let Some(year) = date.year() {
        lines.push(ris_line("PY", &format!("{year:04}")));
    }
    let fields = [
        ("UR", b.url.as_deref()),
        ("DB", Some(ARCHIVE)),
        ("AN", b.archive_ref.as_deref()),
        ("LA", b.language.as_deref()),
        ("AB", Some(b.summary.as_str())),
        ("N1", Some(b.note.as_str())),
    ];
    for (tag, value) in fields {
        if let Some(value) = present(value) {
            lines.push(ris_line(tag, value));
        }
    }
    lines.push("ER  - \r\n".to_string());
    lines.concat()
}

/// One RIS line; the value is put on one line, since a line break would end it.
fn ris_line(tag: &str, value: &str) -> String {
    format!("{tag}  - {}\r\n", one_line(value))
}

/// RIS dates are `YYYY/MM/DD/` with unknown parts left empty.
fn ris_date(date: DocDate) -> Option<String> {
    match date {
        DocDate::Day(d) => Some(format!("{:04}/{:02}/{:02}/", d.year(), d.month(), d.day())),
        DocDate::Month { year, month } => Some(format!("{year:04}/{month:02}//")),
        DocDate::Year(year) => Some(format!("{year:04}///")),
        DocDate::Undated => None,
    }
}

// ---------------------------------------------------------------------------------------------
// BibTeX / biblatex
// ---------------------------------------------------------------------------------------------

const MONTH_MACROS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// BibTeX entries readable by BibTeX, biblatex and Zotero; text is escaped, non-ASCII stays
/// UTF-8 (biblatex and Zotero read it; classic BibTeX needs `\usepackage[utf8]{inputenc}`).
fn bibtex(bookmarks: &[&Bookmark]) -> String {
    let mut keys = HashSet::new();
    bookmarks
        .iter()
        .map(|b| bibtex_entry(b, &unique_key(&b.id, &mut keys)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bibtex_entry(b: &Bookmark, key: &str) -> String {
    let date = b.doc_date();
    let mut fields: Vec<(&str, String)> = Vec::new();
    // The title is braced once more so styles that lower-case titles keep its proper nouns.
    fields.push(("title", format!("{{{{{}}}}}", bib_escape(&b.title))));
    if let Some(year) = date.year() {
        fields.push(("year", format!("{{{year:04}}}")));
    }
    if let Some(month) = date_month(date) {
        fields.push(("month", month.to_string()));
    }
    // `date` comes after `year` and `month`: Zotero's import lets a later `date` win.
    if let Some(iso) = date.iso() {
        fields.push(("date", format!("{{{iso}}}")));
    }
    if let Some(url) = present(b.url.as_deref()) {
        fields.push(("url", format!("{{{}}}", bib_url(url))));
    }
    let text_fields = [
        ("language", b.language.as_deref()),
        ("howpublished", Some(ARCHIVE)),
        ("addendum", b.archive_ref.as_deref()),
        ("abstract", Some(b.summary.as_str())),
        ("note", Some(b.note.as_str())),
    ];
    for (name, value) in text_fields {
        if let Some(value) = present(value) {
            fields.push((name, format!("{{{}}}", bib_escape(value))));
        }
    }
    let body = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {value}"))
        .collect::<Vec<_>>()
        .join(",\n");
    format!("@unpublished{{{key},\n{body}\n}}\n")
}

fn date_month(date: DocDate) -> Option<&'static str> {
    let month = match date {
        DocDate::Day(d) => d.month(),
        DocDate::Month { month, .. } => month,
        _ => return None,
    };
    MONTH_MACROS
        .get(usize::try_from(month).ok()?.checked_sub(1)?)
        .copied()
}

/// A citation key from the document id (letters, digits, `-`, `_`, `:`, `.`), unique in the file.
fn unique_key(id: &DocId, taken: &mut HashSet<String>) -> String {
    let base: String = id
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let base = if base.is_empty() {
        "bookmark".to_string()
    } else {
        base
    };
    let mut key = base.clone();
    let mut n = 2;
    while !taken.insert(key.clone()) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

/// Escapes BibTeX/LaTeX special characters; everything else (non-ASCII too) is kept as is.
/// Braces become `\textbraceleft{}` / `\textbraceright{}` because BibTeX counts every brace,
/// even escaped ones, when it looks for the end of a value.
fn bib_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            c => out.push(c),
        }
    }
    out
}

/// A URL for the `url` field (read verbatim by the url package): only what would break the
/// entry — braces, spaces, control characters — is percent-encoded.
fn bib_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            ' ' => out.push_str("%20"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// CSL-JSON
// ---------------------------------------------------------------------------------------------

/// One CSL-JSON item (the subset bookmarks fill).
#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    /// The archive's date, when `issued` is the researcher's own.
    #[serde(rename = "original-date", skip_serializing_if = "Option::is_none")]
    original_date: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    archive: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_location: Option<&'a str>,
    /// As the archive names it ("Russian"); CSL prefers a code, Zotero keeps any text.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts", skip_serializing_if = "Vec::is_empty")]
    date_parts: Vec<Vec<i64>>,
    /// An EDTF string (CSL-JSON 1.0.2): the researcher's date with its uncertainty.
    #[serde(skip_serializing_if = "Option::is_none")]
    edtf: Option<String>,
}

/// `issued` and `original-date`: the archive's date, or the researcher's EDTF date (with the
/// date-parts of where it places the document, for readers without EDTF) and the archive's
/// date as the original.
fn csl_dates(b: &Bookmark) -> (Option<CslDate>, Option<CslDate>) {
    let archive = date_parts(b.doc_date()).map(|parts| CslDate {
        date_parts: vec![parts],
        edtf: None,
    });
    match b.date_user.as_deref().map(crate::model::Edtf::parse) {
        Some(Ok(edtf)) => {
            let parts = date_parts(edtf.doc_date())
                .map(|p| vec![p])
                .unwrap_or_default();
            let issued = CslDate {
                date_parts: parts,
                edtf: Some(edtf.to_string()),
            };
            (Some(issued), archive)
        }
        _ => (archive, None),
    }
}

/// A JSON array of CSL items, `issued` at the date's own precision.
fn csl_json(bookmarks: &[&Bookmark]) -> String {
    let items: Vec<CslItem> = bookmarks.iter().map(|b| csl_item(b)).collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

fn csl_item(b: &Bookmark) -> CslItem<'_> {
    CslItem {
        id: b.id.as_str(),
        kind: "manuscript",
        title: &b.title,
        issued: csl_dates(b).0,
        original_date: csl_dates(b).1,
        url: present(b.url.as_deref()),
        archive: ARCHIVE,
        archive_location: present(b.archive_ref.as_deref()),
        language: present(b.language.as_deref()),
        note: present(Some(b.note.as_str())),
        summary: present(Some(b.summary.as_str())),
    }
}

fn date_parts(date: DocDate) -> Option<Vec<i64>> {
    match date {
        DocDate::Day(d) => Some(vec![d.year().into(), d.month().into(), d.day().into()]),
        DocDate::Month { year, month } => Some(vec![year.into(), month.into()]),
        DocDate::Year(year) => Some(vec![year.into()]),
        DocDate::Undated => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading JSON back (import)
// ---------------------------------------------------------------------------------------------

/// Reads bookmarks from JSON: a CSL-JSON array (as [`export`] writes, or from Zotero) or an
/// array of bookmark objects (the serde form of [`Bookmark`]); a single object is one item.
/// The error says which item is wrong and why.
pub fn bookmarks_from_json(text: &str) -> Result<Vec<Bookmark>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
    let items = match value {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return Err("expected a JSON array of bookmarks or CSL-JSON items".to_string()),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| bookmark_from_json(item).map_err(|e| format!("item {}: {e}", i + 1)))
        .collect()
}

fn bookmark_from_json(item: Value) -> Result<Bookmark, String> {
    let Value::Object(fields) = item else {
        return Err("not a JSON object".to_string());
    };
    let bookmark = if fields.contains_key("type") {
        bookmark_from_csl(&fields)?
    } else {
        serde_json::from_value::<Bookmark>(Value::Object(fields)).map_err(|e| e.to_string())?
    };
    if bookmark.id.as_str().trim().is_empty() {
        return Err("it has an empty id".to_string());
    }
    Ok(bookmark)
}

fn bookmark_from_csl(fields: &Map<String, Value>) -> Result<Bookmark, String> {
    let id = match fields.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err("it has no id".to_string()),
    };
    let text = |key: &str| {
        fields
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
    };
    let date = fields
        .get("issued")
        .map(csl_date)
        .unwrap_or(DocDate::Undated);
    Ok(Bookmark {
        id: DocId(id),
        note: text("note").unwrap_or_default(),
        added: now(),
        date: date.iso(),
        date_text: match date {
            DocDate::Undated => String::new(),
            date => date.display(),
        },
        title: text("title").unwrap_or_default(),
        summary: text("abstract").unwrap_or_default(),
        url: text("URL"),
        archive_ref: text("archive_location"),
        language: text("language"),
        citation: None,
        credit: None,
        date_user: None,
    })
}

/// Reads a CSL date: `date-parts` (first range start) at its precision, or an ISO `raw`.
fn csl_date(issued: &Value) -> DocDate {
    let parts: Vec<i64> = issued
        .get("date-parts")
        .and_then(|p| p.get(0))
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map_while(|v| v.as_i64().or_else(|| v.as_str()?.trim().parse().ok()))
                .collect()
        })
        .unwrap_or_default();
    let small = |v: i64| u32::try_from(v).ok();
    let year = parts.first().and_then(|&y| i32::try_from(y).ok());
    let month = parts
        .get(1)
        .and_then(|&m| small(m))
        .filter(|m| (1..=12).contains(m));
    let day = parts.get(2).and_then(|&d| small(d));
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d)
            .map(DocDate::Day)
            .unwrap_or(DocDate::Month { year: y, month: m }),
        (Some(y), Some(m), None) => DocDate::Month { year: y, month: m },
        (Some(y), None, _) => DocDate::Year(y),
        (None, _, _) => issued
            .get("raw")
            .and_then(Value::as_str)
            .and_then(DocDate::from_iso)
            .unwrap_or(DocDate::Undated),
    }
}

#[cfg(test)]
mod tests;
