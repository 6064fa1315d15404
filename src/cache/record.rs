//! The cache's records: documents and file reports as plain, owned values the encoding crate
//! (bitcode) writes and reads, and their conversion from and to the model's types.
//!
//! Conversions destructure every field, so a field added to [`Document`], [`PageDetails`] or
//! [`FileReport`] stops the build here until the cache keeps it too (and bumps
//! [`super::FORMAT`]). File names are kept once, in a table the records point into, so the
//! restored library shares one `Arc<str>` per file as a loaded one does.

use crate::ingest::entry::Layout;
use crate::ingest::{Diagnostic, FileReport, Format, PageRange, Severity};
use crate::model::{DocDate, DocId, Document, Edtf, PageDetails, Source};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::sync::Arc;

/// A document's date: a day as its number from the common era.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    bitcode::Encode,
    bitcode::Decode,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum DateRecord {
    Day(i32),
    Month(i32, u8),
    Year(i32),
    Undated,
}

#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    bitcode::Encode,
    bitcode::Decode,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct PageRecord {
    citation: Option<String>,
    url: Option<String>,
    record_id: Option<String>,
    archive_ref: Option<String>,
    credit: Option<String>,
    language: Option<String>,
    contents: Option<String>,
    full_text: Option<String>,
    /// The EDTF text (its `Display`), read back with `Edtf::parse`.
    edtf: Option<String>,
    subjects: Vec<String>,
    authors: Vec<String>,
    places: Vec<String>,
    people: Vec<String>,
}

#[derive(
    Clone, Debug, PartialEq, bitcode::Encode, bitcode::Decode, serde::Serialize, serde::Deserialize,
)]
pub struct DocRecord {
    id: String,
    date: DateRecord,
    date_text: String,
    title: String,
    summary: String,
    page: Option<Box<PageRecord>>,
    /// (index in the file table, 1-based line).
    sources: Vec<(u32, u64)>,
}

#[derive(
    Clone, Debug, PartialEq, bitcode::Encode, bitcode::Decode, serde::Serialize, serde::Deserialize,
)]
pub struct DiagnosticRecord {
    file: u32,
    line: Option<u64>,
    error: bool,
    message: String,
}

#[derive(
    Clone, Debug, PartialEq, bitcode::Encode, bitcode::Decode, serde::Serialize, serde::Deserialize,
)]
pub struct ReportRecord {
    file: u32,
    entries: u64,
    /// first, last, total, line.
    range: Option<(u64, u64, u64, u64)>,
    diagnostics: Vec<DiagnosticRecord>,
    failed: bool,
    document_page: bool,
    /// Index in [`Format::ALL`].
    format: Option<u8>,
    /// Index in [`Layout::ALL`]: the page reader's decision.
    layout: Option<u8>,
    undated: u64,
    unread_lines: Vec<u64>,
}

/// The file reports of a load and the table of file names every record points into.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    bitcode::Encode,
    bitcode::Decode,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct FilesRecord {
    pub names: Vec<String>,
    pub reports: Vec<ReportRecord>,
    pub skipped: u64,
}

/// File name -> index in the table, built while writing.
#[derive(Default)]
pub struct NameTable {
    names: Vec<String>,
    index: HashMap<Arc<str>, u32>,
}

impl NameTable {
    fn of(&mut self, name: &Arc<str>) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_string());
        self.index.insert(Arc::clone(name), i);
        i
    }
}

fn wide(n: usize) -> u64 {
    n as u64
}

fn narrow(n: u64) -> Option<usize> {
    usize::try_from(n).ok()
}

fn date_record(date: DocDate) -> DateRecord {
    match date {
        DocDate::Day(d) => DateRecord::Day(d.num_days_from_ce()),
        DocDate::Month { year, month } => {
            DateRecord::Month(year, u8::try_from(month).unwrap_or(u8::MAX))
        }
        DocDate::Year(y) => DateRecord::Year(y),
        DocDate::Undated => DateRecord::Undated,
    }
}

fn date_of(record: DateRecord) -> Option<DocDate> {
    Some(match record {
        DateRecord::Day(n) => DocDate::Day(NaiveDate::from_num_days_from_ce_opt(n)?),
        DateRecord::Month(year, month) if (1..=12).contains(&month) => DocDate::Month {
            year,
            month: u32::from(month),
        },
        DateRecord::Month(..) => return None,
        DateRecord::Year(y) => DocDate::Year(y),
        DateRecord::Undated => DocDate::Undated,
    })
}

fn page_record(page: &PageDetails) -> PageRecord {
    let PageDetails {
        citation,
        url,
        record_id,
        archive_ref,
        credit,
        language,
        contents,
        full_text,
        edtf,
        subjects,
        authors,
        places,
        people,
    } = page;
    PageRecord {
        citation: citation.clone(),
        url: url.clone(),
        record_id: record_id.clone(),
        archive_ref: archive_ref.clone(),
        credit: credit.clone(),
        language: language.clone(),
        contents: contents.clone(),
        full_text: full_text.clone(),
        edtf: edtf.map(|e| e.to_string()),
        subjects: subjects.clone(),
        authors: authors.clone(),
        places: places.clone(),
        people: people.clone(),
    }
}

fn page_of(record: PageRecord) -> Option<PageDetails> {
    let PageRecord {
        citation,
        url,
        record_id,
        archive_ref,
        credit,
        language,
        contents,
        full_text,
        edtf,
        subjects,
        authors,
        places,
        people,
    } = record;
    let edtf = match edtf {
        Some(text) => Some(Edtf::parse(&text).ok()?),
        None => None,
    };
    Some(PageDetails {
        citation,
        url,
        record_id,
        archive_ref,
        credit,
        language,
        contents,
        full_text,
        edtf,
        subjects,
        authors,
        places,
        people,
    })
}

/// A document as the cache keeps it.
pub fn doc_record(doc: &Document, names: &mut NameTable) -> DocRecord {
    let Document {
        id,
        date,
        date_text,
        title,
        summary,
        page,
        sources,
    } = doc;
    DocRecord {
        id: id.0.clone(),
        date: date_record(*date),
        date_text: date_text.clone(),
        title: title.clone(),
        summary: summary.clone(),
        page: page.as_deref().map(|p| Box::new(page_record(p))),
        sources: sources
            .iter()
            .map(|s| (names.of(&s.file), wide(s.line)))
            .collect(),
    }
}

/// A document back from the cache; `None` when the record does not make one (a date that
/// does not exist, an EDTF text that does not parse, a file index outside the table).
pub fn document_of(record: DocRecord, names: &[Arc<str>]) -> Option<Document> {
    let DocRecord {
        id,
        date,
        date_text,
        title,
        summary,
        page,
        sources,
    } = record;
    let page = match page {
        Some(p) => Some(Box::new(page_of(*p)?)),
        None => None,
    };
    // A plain loop: collecting `Option`s into a `SmallVec` went through its generic `extend`,
    // a tenth of a warm start's time for a million one-source documents.
    let mut listed = smallvec::SmallVec::with_capacity(sources.len());
    for (file, line) in sources {
        listed.push(Source {
            file: Arc::clone(names.get(usize::try_from(file).ok()?)?),
            line: narrow(line)?,
        });
    }
    let sources = listed;
    Some(Document {
        id: DocId(id),
        date: date_of(date)?,
        date_text,
        title,
        summary,
        page,
        sources,
    })
}

/// The file reports as the cache keeps them (with the name table the documents then use).
/// `None` for a load with a lesson file: a lesson's order and notes are not kept.
pub fn report_records(files: &[FileReport], names: &mut NameTable) -> Option<Vec<ReportRecord>> {
    files
        .iter()
        .map(|f| {
            let FileReport {
                file,
                entries,
                range,
                diagnostics,
                failed,
                document_page,
                format,
                layout,
                undated,
                unread_lines,
                lesson,
            } = f;
            if lesson.is_some() {
                return None;
            }
            Some(ReportRecord {
                file: names.of(file),
                entries: wide(*entries),
                range: range.map(|r| (r.first, r.last, r.total, wide(r.line))),
                diagnostics: diagnostics
                    .iter()
                    .map(|d| DiagnosticRecord {
                        file: names.of(&d.file),
                        line: d.line.map(wide),
                        error: d.severity == Severity::Error,
                        message: d.message.clone(),
                    })
                    .collect(),
                failed: *failed,
                document_page: *document_page,
                format: format.and_then(|f| {
                    Format::ALL
                        .iter()
                        .position(|&g| g == f)
                        .and_then(|i| u8::try_from(i).ok())
                }),
                layout: layout.and_then(|l| {
                    Layout::ALL
                        .iter()
                        .position(|&m| m == l)
                        .and_then(|i| u8::try_from(i).ok())
                }),
                undated: wide(*undated),
                unread_lines: unread_lines.iter().map(|&l| wide(l)).collect(),
            })
        })
        .collect()
}

impl NameTable {
    pub fn into_names(self) -> Vec<String> {
        self.names
    }
}

/// The file reports back from the cache; `None` when a record does not fit the table.
pub fn reports_of(records: Vec<ReportRecord>, names: &[Arc<str>]) -> Option<Vec<FileReport>> {
    let name = |i: u32| names.get(usize::try_from(i).ok()?).cloned();
    records
        .into_iter()
        .map(|r| {
            let ReportRecord {
                file,
                entries,
                range,
                diagnostics,
                failed,
                document_page,
                format,
                layout,
                undated,
                unread_lines,
            } = r;
            let format = match format {
                Some(i) => Some(*Format::ALL.get(usize::from(i))?),
                None => None,
            };
            let layout = match layout {
                Some(i) => Some(*Layout::ALL.get(usize::from(i))?),
                None => None,
            };
            let range = match range {
                Some((first, last, total, line)) => Some(PageRange {
                    first,
                    last,
                    total,
                    line: narrow(line)?,
                }),
                None => None,
            };
            Some(FileReport {
                file: name(file)?,
                entries: narrow(entries)?,
                range,
                diagnostics: diagnostics
                    .into_iter()
                    .map(|d| {
                        Some(Diagnostic {
                            file: name(d.file)?,
                            line: match d.line {
                                Some(l) => Some(narrow(l)?),
                                None => None,
                            },
                            severity: if d.error {
                                Severity::Error
                            } else {
                                Severity::Warning
                            },
                            message: d.message,
                        })
                    })
                    .collect::<Option<_>>()?,
                failed,
                document_page,
                format,
                layout,
                undated: narrow(undated)?,
                unread_lines: unread_lines
                    .into_iter()
                    .map(narrow)
                    .collect::<Option<_>>()?,
                lesson: None,
            })
        })
        .collect()
}
