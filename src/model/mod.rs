//! The document model: what one archival record is, and the loaded library of them.
//!
//! Pure data, no I/O and no egui. A [`Library`] is built once by `ingest` and is immutable
//! afterwards; a new import builds a new one.

pub mod date;
pub mod date_line;
pub mod edtf;

pub use date::{DocDate, Precision};
pub use date_line::DateLine;
pub use edtf::{Edtf, EdtfBound, EdtfDate, EdtfError};

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::fmt;
use std::sync::Arc;

/// A document's stable id: `wcda-<record id>` when a page gives the archive's record id,
/// otherwise `doc-<16 hex digits>` derived from date, folded title and summary. Bookmarks key on it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One place a document was listed: a file and the 1-based line of its date (or title) line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Source {
    pub file: Arc<str>,
    pub line: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One archival record, merged from every listing and page that named it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub date: DocDate,
    /// The date exactly as the page wrote it ("March 03, 1977"); empty when the page gave none.
    pub date_text: String,
    pub title: String,
    /// May be empty: search pages list some records without a summary.
    pub summary: String,
    /// What only a document page gives (citation, URL, full text, ...); boxed, since most
    /// documents are known from listings alone and a million of them should not each carry
    /// eight empty fields.
    pub page: Option<Box<PageDetails>>,
    /// Every listing of this record, in load order (one inline, more on the heap).
    pub sources: SmallVec<[Source; 1]>,
}

/// The fields a single document page adds to a listing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageDetails {
    pub citation: Option<String>,
    pub url: Option<String>,
    pub record_id: Option<String>,
    /// Archive and file reference, e.g. "Archive of the Foreign Policy of the Russian
    /// Federation (AVPRF), fond 0102, opis 18, papka 93, delo 5, listy 3-9".
    pub archive_ref: Option<String>,
    /// Translator / contributor credit, e.g. "Obtained and translated for NKIDP by Sergey Radchenko".
    pub credit: Option<String>,
    pub language: Option<String>,
    /// What the page's "Contents:" section lists, e.g. "Translation - English".
    pub contents: Option<String>,
    pub full_text: Option<String>,
    /// The exact date when it says more than [`Document::date`] can ("1956~", "1956-22",
    /// "1956/1957"); `None` when the date is a plain day, month or year (or none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edtf: Option<Edtf>,
    /// Subjects discussed, tags or keywords (a document page's "Subjects Discussed", Zotero tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// Authors as the source names them ("Mikoyan, Anastas").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Associated places.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Associated people and organizations (a document page's "Associated People &
    /// Organizations").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
}

macro_rules! page_field {
    ($($name:ident),*) => {
        $(
            #[doc = concat!("The page's ", stringify!($name), ", when a document page gave one.")]
            pub fn $name(&self) -> Option<&str> {
                self.page.as_ref()?.$name.as_deref()
            }
        )*
    };
}

impl Document {
    page_field!(
        citation,
        url,
        record_id,
        archive_ref,
        credit,
        language,
        contents,
        full_text
    );

    /// The exact date: the EDTF value the source gave, or the plain date's own EDTF form
    /// (`None` when undated).
    pub fn edtf(&self) -> Option<Edtf> {
        self.page
            .as_ref()
            .and_then(|p| p.edtf)
            .or_else(|| Edtf::from_doc_date(self.date))
    }

    /// Subjects, tags or keywords (empty when unknown).
    pub fn subjects(&self) -> &[String] {
        self.page.as_ref().map_or(&[], |p| p.subjects.as_slice())
    }

    /// Authors (empty when unknown).
    pub fn authors(&self) -> &[String] {
        self.page.as_ref().map_or(&[], |p| p.authors.as_slice())
    }

    /// Associated places (empty when unknown).
    pub fn places(&self) -> &[String] {
        self.page.as_ref().map_or(&[], |p| p.places.as_slice())
    }

    /// Associated people and organizations (empty when unknown).
    pub fn people(&self) -> &[String] {
        self.page.as_ref().map_or(&[], |p| p.people.as_slice())
    }

    /// The page details, created empty if the document had none.
    pub fn page_mut(&mut self) -> &mut PageDetails {
        self.page.get_or_insert_with(Box::default)
    }

    pub fn precision(&self) -> Precision {
        self.date.precision()
    }

    /// "September 17, 1956: Telegram from A. Mikoyan to the CPSU Central Committee" — the
    /// accessible name of the document's marker.
    pub fn label(&self) -> String {
        format!("{}: {}", self.date_label(), self.title)
    }

    /// The date as written, or "Undated".
    pub fn date_label(&self) -> &str {
        if self.date_text.is_empty() {
            "Undated"
        } else {
            &self.date_text
        }
    }

    /// The first line of the summary (for hover text).
    pub fn summary_first_line(&self) -> &str {
        self.summary.lines().next().unwrap_or("")
    }
}

/// The loaded documents, sorted by date (undated last), then title, then id.
#[derive(Clone, Debug, Default)]
pub struct Library {
    docs: Vec<Document>,
    /// (fixed hash of the id, index), sorted: a compact id index (16 bytes a document) that
    /// `index_of` checks against the document itself, so hash collisions cannot mislead it.
    by_id: Vec<(u64, u32)>,
}

/// Index of a document inside one [`Library`] (not stable across libraries: use [`DocId`]).
pub type DocIndex = usize;

impl Library {
    /// Builds a library, sorting the documents into the library's order.
    ///
    /// The order is a stable sort's by (date, title, id): equal documents keep the order they
    /// came in. Sorted on all cores by keys computed once (a date's key is a calendar
    /// computation, and a million documents' sort compares them tens of millions of times),
    /// and documents already in order (a library read back from the cache) are not moved.
    pub fn new(mut docs: Vec<Document>) -> Library {
        use rayon::prelude::*;
        let phase = crate::phases::start("library: sort and index");
        let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut order: Vec<((i32, u8), u32)> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| (d.date.sort_key(), index(i)))
            .collect();
        let doc = |i: u32| &docs[i as usize];
        let before = |a: &((i32, u8), u32), b: &((i32, u8), u32)| {
            a.0.cmp(&b.0)
                .then_with(|| doc(a.1).title.cmp(&doc(b.1).title))
                .then_with(|| doc(a.1).id.cmp(&doc(b.1).id))
                .then(a.1.cmp(&b.1))
        };
        let sorted = order
            .par_windows(2)
            .all(|w| before(&w[0], &w[1]) != std::cmp::Ordering::Greater);
        if !sorted {
            order.par_sort_unstable_by(before);
            // Moved into place along the permutation's cycles, in the vector they are in:
            // a million documents copied into a second and a third vector (and the fresh
            // pages zeroed for them) took longer than the sort.
            let mut from: Vec<u32> = order.iter().map(|&(_, i)| i).collect();
            drop(order);
            for start in 0..from.len() {
                let mut at = start;
                while let Some(&source) = from.get(at) {
                    let source = source as usize;
                    from[at] = index(at);
                    if source == start || source == at {
                        break;
                    }
                    docs.swap(at, source);
                    at = source;
                }
            }
        }
        let mut by_id: Vec<(u64, u32)> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| (crate::text::stable_hash(&[d.id.as_str()]), index(i)))
            .collect();
        by_id.par_sort_unstable();
        phase.done();
        Library { docs, by_id }
    }

    pub fn docs(&self) -> &[Document] {
        &self.docs
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn get(&self, index: DocIndex) -> Option<&Document> {
        self.docs.get(index)
    }

    pub fn index_of(&self, id: &DocId) -> Option<DocIndex> {
        let hash = crate::text::stable_hash(&[id.as_str()]);
        let from = self.by_id.partition_point(|&(h, _)| h < hash);
        self.by_id[from..]
            .iter()
            .take_while(|&&(h, _)| h == hash)
            .filter_map(|&(_, i)| usize::try_from(i).ok())
            .find(|&i| self.docs.get(i).is_some_and(|d| &d.id == id))
    }

    /// The documents dated exactly `date` (same precision), found by binary search.
    pub fn with_date(&self, date: DocDate) -> std::ops::Range<DocIndex> {
        let key = date.sort_key();
        let start = self.docs.partition_point(|d| d.date.sort_key() < key);
        let end = self.docs.partition_point(|d| d.date.sort_key() <= key);
        start..end.max(start)
    }

    pub fn find(&self, id: &DocId) -> Option<&Document> {
        self.index_of(id).and_then(|i| self.docs.get(i))
    }

    /// Number of listings behind the documents (a merged document counts each listing).
    pub fn listing_count(&self) -> usize {
        self.docs.iter().map(|d| d.sources.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn doc(date: DocDate, title: &str, id: &str, line: usize) -> Document {
        Document {
            id: DocId(id.to_string()),
            date,
            date_text: String::new(),
            title: title.to_string(),
            summary: String::new(),
            page: None,
            sources: smallvec::smallvec![Source {
                file: Arc::from("f"),
                line,
            }],
        }
    }

    fn date_of(code: u8) -> DocDate {
        match code % 5 {
            0 => DocDate::Undated,
            1 => DocDate::Year(1950 + i32::from(code % 3)),
            2 => DocDate::Month {
                year: 1950 + i32::from(code % 3),
                month: u32::from(code % 12) + 1,
            },
            _ => chrono::NaiveDate::from_ymd_opt(
                1950 + i32::from(code % 3),
                3,
                1 + u32::from(code % 4),
            )
            .map_or(DocDate::Undated, DocDate::Day),
        }
    }

    proptest! {
        /// The library's order is a stable sort by (date, title, id), whatever order the
        /// documents came in, and every document can be found by its id.
        #[test]
        fn the_order_is_the_stable_sort_and_every_id_is_found(
            raw in proptest::collection::vec((any::<u8>(), 0u8..4, 0u8..6), 0..60)
        ) {
            let docs: Vec<Document> = raw
                .iter()
                .enumerate()
                .map(|(line, &(d, t, i))| doc(date_of(d), &format!("t{t}"), &format!("id{i}"), line))
                .collect();
            let mut expected = docs.clone();
            expected.sort_by(|a, b| {
                a.date
                    .sort_key()
                    .cmp(&b.date.sort_key())
                    .then_with(|| a.title.cmp(&b.title))
                    .then_with(|| a.id.cmp(&b.id))
            });
            let library = Library::new(docs);
            prop_assert_eq!(library.docs(), &expected[..]);
            for (i, d) in library.docs().iter().enumerate() {
                let found = library.index_of(&d.id).and_then(|j| library.get(j));
                prop_assert_eq!(found.map(|f| &f.id), Some(&d.id), "at {}", i);
            }
            // Already in order: built again, nothing moves.
            let again = Library::new(expected.clone());
            prop_assert_eq!(again.docs(), &expected[..]);
        }
    }
}
