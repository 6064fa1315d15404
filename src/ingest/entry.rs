//! The shared entry model: what every reader gives, whatever the source format. A reader
//! ([`page`](super::page) for text pages, `html`, `csljson`, `ris`, `bibtex`, `csv`, `lesson`)
//! turns a file into a [`ParsedPage`]: its [`Entry`]s before merging, the page's range and
//! [`Layout`], diagnostics, the lines it did not read, and, for a lesson file, the [`Lesson`]
//! it carries for the tour.
//!
//! The readers depend on this model, never on each other; `merge` turns entries into
//! documents. Pure data: no reading, no parsing.

use super::diag::Diagnostic;
use crate::model::DocDate;
use serde::{Deserialize, Serialize};

/// What kind of page a file holds, as `check` names it ([`page::layout`](super::page::layout)
/// decides it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Search results, topic, collection and place pages, old-site lists, mirrors: one record
    /// per entry.
    #[default]
    List,
    /// A single document on the current site (since 2023): date, title, support line, body,
    /// the document's own summary, metadata headings.
    CurrentSite,
    /// A single document on the old site: date, title (upper case or none),
    /// `CITATION SHARE DOWNLOAD`, citation, share, `VIEW DOCUMENT IN`, body.
    OldSite,
    /// The archive's PDF export saved as text: header, date and title, `Citation:`,
    /// `Summary:`, `Credits:`, `Original Language:`, `Contents:`, body.
    PdfExport,
}

impl Layout {
    /// Every layout, in a fixed order (the library cache stores a layout by its place here).
    pub const ALL: [Layout; 4] = [
        Layout::List,
        Layout::CurrentSite,
        Layout::OldSite,
        Layout::PdfExport,
    ];

    /// How `check` names the decision.
    pub fn name(self) -> &'static str {
        match self {
            Layout::List => "list page",
            Layout::CurrentSite => "document page (current site)",
            Layout::OldSite => "document page (old site)",
            Layout::PdfExport => "document page (PDF export)",
        }
    }

    pub fn is_document(self) -> bool {
        self != Layout::List
    }
}

/// The "11 - 20 of 118" line of a search-result page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRange {
    pub first: u64,
    pub last: u64,
    pub total: u64,
    pub line: usize,
}

impl PageRange {
    /// How many entries the page claims to hold.
    pub fn expected(&self) -> u64 {
        self.last.saturating_sub(self.first) + 1
    }
}

/// What a document page (or a reference item) adds to a listing: the model's own
/// [`PageDetails`](crate::model::PageDetails), filled by the readers.
pub use crate::model::PageDetails as Details;

/// Where an entry comes from, which decides how it merges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// A record listed on a search-result or topic page.
    #[default]
    Listing,
    /// A single document page (citation, summary, full text, ...).
    DocumentPage,
    /// An item of a reference file or spreadsheet (CSL-JSON, RIS, BibTeX, CSV).
    Reference,
}

/// One entry as a page or reference file gives it, before merging.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub date: DocDate,
    pub date_text: String,
    pub title: String,
    pub summary: String,
    /// 1-based line of the entry's date line (or title line when it has none; the item's
    /// first line in a reference file).
    pub line: usize,
    /// Present on document pages and reference items, and on listings whose date needs EDTF.
    pub details: Option<Box<Details>>,
    pub kind: EntryKind,
    /// The document id the source states, when it is one of this app's (`wcda-N`,
    /// `doc-<16 hex digits>`), as its own exports write in CSL-JSON `id` and BibTeX keys.
    pub known_id: Option<String>,
}

impl Entry {
    /// The details, created empty if the entry had none.
    pub fn details_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
}

/// What reading one page (or reference file) gave.
#[derive(Clone, Debug, Default)]
pub struct ParsedPage {
    pub entries: Vec<Entry>,
    pub range: Option<PageRange>,
    pub diagnostics: Vec<Diagnostic>,
    /// 1-based lines that are neither part of a record nor known page furniture.
    pub unread_lines: Vec<usize>,
    /// A lesson file's order, notes and views.
    pub lesson: Option<Box<Lesson>>,
    /// What a text or HTML page was decided to be (`None` for reference files).
    pub layout: Option<Layout>,
}

impl ParsedPage {
    /// How many entries are undated.
    pub fn undated(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| e.date == DocDate::Undated)
            .count()
    }
}

/// The window a stop opens on, in days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub start: f64,
    pub end: f64,
}

/// What the tour needs of a lesson read from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lesson {
    pub name: String,
    pub description: String,
    /// Document ids in the lesson's order, each with its stop note, document note and view.
    pub stops: Vec<LessonStop>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LessonStop {
    pub id: String,
    pub note: String,
    pub stop_note: String,
    pub view: Option<View>,
    pub date_user: Option<String>,
    pub date_reason: Option<String>,
}
