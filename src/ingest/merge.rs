//! Merging entries from many pages and reference files into documents: this module owns
//! identity.
//!
//! Rules, in the order they apply:
//! 1. Entries within one page are distinct records even when date, title and summary repeat;
//!    the n-th repeat on a page gets ordinal n.
//! 2. Across pages, listings with the same date, folded title, folded summary and ordinal are
//!    one record: one document, every listing kept in `sources`.
//! 3. A document page or a reference item (CSL-JSON, RIS, BibTeX, CSV) joins the document with
//!    its record id (`/document/N` gives `wcda-N`), else the one with the id it states, else
//!    one with the same date and folded title (preferring the same summary; a reference item
//!    never joins a document of another record id, another item of its own file, or one whose
//!    summary says something else). A document page adds and overrides what it shows; a
//!    reference item only fills what is missing. The document remembers every source.
//!
//! The result does not depend on file order except for the order of `sources`.

use super::entry::{Details, Entry, EntryKind};
use crate::model::{DocDate, DocId, Document, Source};
use crate::text::{
    each_folded_byte, fold, stable_hash, stable_hash_step, STABLE_HASH_SEPARATOR, STABLE_HASH_START,
};
use std::collections::{HashMap, HashSet};

/// The merge's maps: foldhash, seeded afresh in each run (so crafted titles cannot pile onto
/// one bucket), and several times faster than std's SipHash on these keys of a few words
/// (a million listings are a million lookups).
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
use std::sync::Arc;

/// A page's entries with the file they came from, in load order, and their merge keys
/// (computed where the page is parsed, so the folding runs on every core).
pub struct PageEntries {
    pub file: Arc<str>,
    pub entries: Vec<Entry>,
    keys: Vec<MergeKey>,
}

impl PageEntries {
    pub fn new(file: Arc<str>, entries: Vec<Entry>) -> PageEntries {
        let keys = entries.iter().map(MergeKey::of).collect();
        PageEntries {
            file,
            entries,
            keys,
        }
    }
}

/// Date, hash of the date's text when undated or qualified, title hash, summary hash.
type RecordKey = (DocDate, u64, u64, u64);

/// What identifies a listing across pages: its date (and, when undated or qualified, its
/// folded date text or EDTF value), and fixed 64-bit hashes of its folded title and summary;
/// plus the id it gets as the first of its kind on a page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct MergeKey {
    date: DocDate,
    undated_text: u64,
    title: u64,
    summary: u64,
    id: u64,
}

impl MergeKey {
    /// The key of `entry`: its folded title and summary hashed as they are folded, each
    /// byte once for both hashes it is part of (a million entries' titles and summaries are
    /// hundreds of MB), so no folded copy is made of ASCII text.
    fn of(entry: &Entry) -> MergeKey {
        // A reused buffer for folding non-ASCII text: no allocation per entry (temporaries
        // left between long-lived strings would stay in the process's memory).
        thread_local! {
            static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let date = entry_date_key(entry);
        let qualified = entry.details.as_ref().is_some_and(|d| d.edtf.is_some());
        let mut id = STABLE_HASH_START;
        for byte in date.bytes() {
            id = stable_hash_step(id, byte);
        }
        id = stable_hash_step(id, STABLE_HASH_SEPARATOR);
        let undated_text = if entry.date == DocDate::Undated || qualified {
            stable_hash_step(
                date.bytes().fold(STABLE_HASH_START, stable_hash_step),
                STABLE_HASH_SEPARATOR,
            )
        } else {
            0
        };
        // stable_hash(&[date, title, summary]) runs on from the date's hash through the
        // title and the summary; stable_hash(&[title]) and stable_hash(&[summary]) start
        // afresh at each.
        let both = |text: &str, id: u64, scratch: &mut String| {
            let (mut own, mut id) = (STABLE_HASH_START, id);
            each_folded_byte(text, scratch, |byte| {
                own = stable_hash_step(own, byte);
                id = stable_hash_step(id, byte);
            });
            (
                stable_hash_step(own, STABLE_HASH_SEPARATOR),
                stable_hash_step(id, STABLE_HASH_SEPARATOR),
            )
        };
        SCRATCH.with(|scratch| {
            let scratch = &mut scratch.borrow_mut();
            let (title, id) = both(&entry.title, id, scratch);
            let (summary, id) = both(&entry.summary, id, scratch);
            MergeKey {
                date: entry.date,
                undated_text,
                title,
                summary,
                id,
            }
        })
    }

    /// The key without the id: equal for entries that are the same record.
    fn record(&self) -> RecordKey {
        (self.date, self.undated_text, self.title, self.summary)
    }

    /// Date and title only (for joining a document page or reference item to its listing).
    fn dated_title(&self) -> (DocDate, u64, u64) {
        (self.date, self.undated_text, self.title)
    }
}

fn date_key(date: DocDate, date_text: &str) -> String {
    date.iso()
        .unwrap_or_else(|| format!("undated:{}", fold(date_text)))
}

/// The date part of an entry's identity: the EDTF value when the date needs one ("1956~"),
/// else the ISO date, else the folded date text.
fn entry_date_key(entry: &Entry) -> String {
    match entry.details.as_ref().and_then(|d| d.edtf) {
        Some(edtf) => format!("edtf:{edtf}"),
        None => date_key(entry.date, &entry.date_text),
    }
}

/// The id of a record known only from listings.
pub fn derived_id(
    date: DocDate,
    date_text: &str,
    title: &str,
    summary: &str,
    ordinal: usize,
) -> DocId {
    id_from_key(&date_key(date, date_text), title, summary, ordinal)
}

fn id_from_key(date: &str, title: &str, summary: &str, ordinal: usize) -> DocId {
    let title = fold(title);
    let summary = fold(summary);
    let ordinal = ordinal.to_string();
    let mut parts = vec![date, title.as_str(), summary.as_str()];
    if ordinal != "0" {
        parts.push(ordinal.as_str());
    }
    DocId(format!("doc-{:016x}", stable_hash(&parts)))
}

fn record_doc_id(record_id: &str) -> DocId {
    DocId(format!("wcda-{record_id}"))
}

fn new_document(entry: Entry, id: DocId, source: Source) -> Document {
    Document {
        id,
        date: entry.date,
        date_text: entry.date_text,
        title: entry.title,
        summary: entry.summary,
        page: entry.details,
        sources: smallvec::smallvec![source],
    }
}

/// Adds `more` to `list`, skipping items it already has.
fn extend_unique(list: &mut Vec<String>, more: &[String]) {
    for item in more {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
}

/// What a document page or reference item adds to a document. A page overrides (it is the
/// archive's own, fuller record); a reference item only fills what is missing.
fn apply_details(doc: &mut Document, entry: &Entry, details: &Details) {
    let overrides = entry.kind == EntryKind::DocumentPage;
    if !entry.summary.is_empty() && (overrides || doc.summary.is_empty()) {
        doc.summary = entry.summary.clone();
    }
    if doc.date == DocDate::Undated && entry.date != DocDate::Undated {
        doc.date = entry.date;
        doc.date_text = entry.date_text.clone();
    }
    let fill = |slot: &mut Option<String>, value: &Option<String>| {
        if value.is_some() && (overrides || slot.is_none()) {
            slot.clone_from(value);
        }
    };
    let page = doc.page.get_or_insert_with(Box::default);
    fill(&mut page.citation, &details.citation);
    fill(&mut page.url, &details.url);
    fill(&mut page.record_id, &details.record_id);
    fill(&mut page.archive_ref, &details.archive_ref);
    fill(&mut page.credit, &details.credit);
    fill(&mut page.language, &details.language);
    fill(&mut page.contents, &details.contents);
    fill(&mut page.full_text, &details.full_text);
    if page.edtf.is_none() && doc.date == entry.date {
        page.edtf = details.edtf;
    }
    extend_unique(&mut page.subjects, &details.subjects);
    extend_unique(&mut page.authors, &details.authors);
    extend_unique(&mut page.places, &details.places);
    extend_unique(&mut page.people, &details.people);
    if let Some(record) = &details.record_id {
        if !doc.id.as_str().starts_with("wcda-") {
            doc.id = record_doc_id(record);
        }
    }
}

/// How many same-titled documents a page or reference item looks at before it is a document
/// of its own: the merge stays linear however many items share a date and title (20,000
/// identical spreadsheet rows were quadratic).
const MAX_CANDIDATES: usize = 64;

/// Merges all pages' entries into documents (unsorted; `Library::new` sorts).
pub fn merge(pages: Vec<PageEntries>) -> Vec<Document> {
    merge_counted(pages).0
}

/// [`merge`], and how many candidate documents it compared items with (the work the
/// linearity tests bound).
pub fn merge_counted(pages: Vec<PageEntries>) -> (Vec<Document>, usize) {
    let mut comparisons = 0usize;
    let listings: usize = pages.iter().map(|p| p.entries.len()).sum();
    let mut docs: Vec<Document> = Vec::with_capacity(listings);
    let mut keys: Vec<MergeKey> = Vec::with_capacity(listings);
    let mut by_listing: Map<(RecordKey, usize), usize> =
        Map::with_capacity_and_hasher(listings, Default::default());
    let mut attached: Vec<(Arc<str>, Entry, MergeKey)> = Vec::new();
    let mut seen_on_page: Map<RecordKey, usize> = Map::default();

    for page in pages {
        seen_on_page.clear();
        for (entry, key) in page.entries.into_iter().zip(page.keys) {
            if entry.kind != EntryKind::Listing {
                attached.push((Arc::clone(&page.file), entry, key));
                continue;
            }
            let record = key.record();
            let count = seen_on_page.entry(record).or_insert(0);
            let ordinal = *count;
            *count += 1;
            let source = Source {
                file: Arc::clone(&page.file),
                line: entry.line,
            };
            match by_listing.get(&(record, ordinal)) {
                Some(&at) => docs[at].sources.push(source),
                None => {
                    let id = if ordinal == 0 {
                        DocId(format!("doc-{:016x}", key.id))
                    } else {
                        id_from_key(
                            &entry_date_key(&entry),
                            &entry.title,
                            &entry.summary,
                            ordinal,
                        )
                    };
                    by_listing.insert((record, ordinal), docs.len());
                    docs.push(new_document(entry, id, source));
                    keys.push(key);
                }
            }
        }
    }

    // Document pages, then reference items, so they join their listings whatever the file
    // order.
    attached.sort_by_key(|(_, e, _)| e.kind != EntryKind::DocumentPage);
    let mut by_record: Map<String, usize> = Map::default();
    let mut by_id: Map<DocId, usize> = Map::default();
    let mut index = TitleIndex::default();
    if !attached.is_empty() {
        // Only the listings an item could join are indexed: those with an item's date and
        // title, or the id an item states (a few hundred document pages among a million
        // listings should not index the million). Documents the items make are added as
        // they are made.
        let titles: HashSet<(DocDate, u64, u64), foldhash::fast::RandomState> =
            attached.iter().map(|(_, _, k)| k.dated_title()).collect();
        let ids: HashSet<&str, foldhash::fast::RandomState> = attached
            .iter()
            .filter_map(|(_, e, _)| e.known_id.as_deref())
            .collect();
        for (i, k) in keys.iter().enumerate() {
            if titles.contains(&k.dated_title()) {
                index.add(k, i);
            }
        }
        if !ids.is_empty() {
            for (i, d) in docs.iter().enumerate() {
                if ids.contains(d.id.as_str()) {
                    by_id.insert(d.id.clone(), i);
                }
            }
        }
    }
    // The n-th identical item of one reference file (same date, title and summary, no id of
    // its own) is its own document with its own stable id, as the n-th repeat on a page is.
    let mut repeats: Map<(Arc<str>, RecordKey), usize> = Map::default();
    for (file, mut entry, key) in attached {
        let ordinal = if entry.kind == EntryKind::Reference
            && entry.known_id.is_none()
            && entry.details.as_ref().is_none_or(|d| d.record_id.is_none())
        {
            let n = repeats
                .entry((Arc::clone(&file), key.record()))
                .or_insert(0);
            *n += 1;
            *n - 1
        } else {
            0
        };
        let details = entry.details.take().unwrap_or_default();
        let source = Source {
            file: Arc::clone(&file),
            line: entry.line,
        };
        let record_id = details.record_id.clone();
        let existing = record_id
            .as_ref()
            .and_then(|r| by_record.get(r).copied())
            .or_else(|| {
                entry
                    .known_id
                    .as_ref()
                    .and_then(|id| by_id.get(&DocId(id.clone())).copied())
            })
            .or_else(|| {
                let (found, looked) =
                    find_listing(&docs, &index, &key, &entry, &file, record_id.as_deref());
                comparisons += looked;
                found
            });
        let at = match existing {
            Some(at) => {
                docs[at].sources.push(source);
                apply_details(&mut docs[at], &entry, &details);
                at
            }
            None => {
                let id = match (&record_id, &entry.known_id) {
                    (Some(r), _) => record_doc_id(r),
                    (None, Some(known)) => DocId(known.clone()),
                    (None, None) if entry.kind == EntryKind::DocumentPage => {
                        id_from_key(&entry_date_key(&entry), &entry.title, "", 0)
                    }
                    (None, None) => id_from_key(
                        &entry_date_key(&entry),
                        &entry.title,
                        &entry.summary,
                        ordinal,
                    ),
                };
                index.add(&key, docs.len());
                // A new document is the entry itself, with all it brought.
                entry.details = Some(details);
                let doc = new_document(entry, id, source);
                by_id.insert(doc.id.clone(), docs.len());
                docs.push(doc);
                keys.push(key);
                docs.len() - 1
            }
        };
        if let Some(r) = docs[at].record_id() {
            by_record.insert(r.to_string(), at);
        }
        if existing.is_some() {
            by_id.insert(docs[at].id.clone(), at);
        }
    }
    (docs, comparisons)
}

/// Documents by date and folded title, and by date, title and summary.
#[derive(Default)]
struct TitleIndex {
    by_title: Map<(DocDate, u64, u64), Vec<usize>>,
    by_record: Map<RecordKey, Vec<usize>>,
}

impl TitleIndex {
    fn add(&mut self, key: &MergeKey, doc: usize) {
        self.by_title
            .entry(key.dated_title())
            .or_default()
            .push(doc);
        self.by_record.entry(key.record()).or_default().push(doc);
    }
}

/// The document a page or reference item belongs to when no id says so: same date and title,
/// preferring the same summary; a reference item takes one whose summary is empty (or has
/// none itself). Looks at most at [`MAX_CANDIDATES`] documents of each list; returns how
/// many it looked at too.
fn find_listing(
    docs: &[Document],
    index: &TitleIndex,
    key: &MergeKey,
    entry: &Entry,
    file: &Arc<str>,
    record_id: Option<&str>,
) -> (Option<usize>, usize) {
    let reference = entry.kind == EntryKind::Reference;
    let mut looked = 0;
    let mut first_fit = |list: Option<&Vec<usize>>, extra: &dyn Fn(usize) -> bool| {
        let list = list.map_or(&[][..], Vec::as_slice);
        list.iter().take(MAX_CANDIDATES).copied().find(|&i| {
            looked += 1;
            let same_record = match docs[i].record_id() {
                None => true,
                Some(other) => reference && record_id == Some(other),
            };
            // A reference file's items are merged one file after another, so a document
            // that has a source in this file has it last.
            let other_file = !reference || docs[i].sources.last().is_none_or(|s| &s.file != file);
            same_record && other_file && extra(i)
        })
    };
    let same_summary = first_fit(index.by_record.get(&key.record()), &|_| true);
    if same_summary.is_some() {
        return (same_summary, looked);
    }
    let found = if !reference || entry.summary.is_empty() {
        first_fit(index.by_title.get(&key.dated_title()), &|_| true)
    } else {
        let empty = (key.date, key.undated_text, key.title, stable_hash(&[""]));
        first_fit(index.by_record.get(&empty), &|i| docs[i].summary.is_empty())
    };
    (found, looked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::page::parse_page;

    fn page(name: &str, text: &str) -> PageEntries {
        let file: Arc<str> = Arc::from(name);
        PageEntries::new(Arc::clone(&file), parse_page(text, &file).entries)
    }

    const A: &str =
        "September 21, 1956\n\nTelegram\n\nSeptember 21, 1956\n\nTelegram\n\nWith summary.\n";

    /// The key as it was first defined: every part folded into a string, then hashed.
    fn key_by_definition(entry: &Entry) -> MergeKey {
        let date = entry_date_key(entry);
        let (title, summary) = (fold(&entry.title), fold(&entry.summary));
        let qualified = entry.details.as_ref().is_some_and(|d| d.edtf.is_some());
        MergeKey {
            date: entry.date,
            undated_text: if entry.date == DocDate::Undated || qualified {
                stable_hash(&[date.as_str()])
            } else {
                0
            },
            title: stable_hash(&[title.as_str()]),
            summary: stable_hash(&[summary.as_str()]),
            id: stable_hash(&[date.as_str(), title.as_str(), summary.as_str()]),
        }
    }

    proptest::proptest! {
        #[test]
        fn keys_hashed_while_folding_are_the_defined_ones(
            title in "[ -~]{0,40}|\\PC{0,20}",
            summary in "[ -~]{0,60}|\\PC{0,20}",
            dated in proptest::bool::ANY,
        ) {
            let entry = Entry {
                date: if dated { crate::model::DocDate::from_iso("1956-09-21").unwrap_or(DocDate::Undated) } else { DocDate::Undated },
                date_text: "Sept. 1956 (?)".to_string(),
                title,
                summary,
                line: 1,
                details: None,
                kind: EntryKind::Listing,
                known_id: None,
            };
            proptest::prop_assert_eq!(MergeKey::of(&entry), key_by_definition(&entry));
        }
    }

    #[test]
    fn keys_of_real_listings_are_the_defined_ones() {
        let pages = [
            A,
            "June 1, 1961\n\nZápis o rozhovoru s Ch\u{e1}nem — «Ostpolitik»\n\nŁódź, Ærø!\n",
        ];
        for text in pages {
            let file: Arc<str> = Arc::from("k.txt");
            let parsed = parse_page(text, &file);
            assert!(!parsed.entries.is_empty());
            for entry in &parsed.entries {
                assert_eq!(MergeKey::of(entry), key_by_definition(entry));
            }
        }
    }

    #[test]
    fn same_page_repeats_stay_distinct() {
        let docs = merge(vec![page("a.txt", A)]);
        assert_eq!(docs.len(), 2);
        assert_ne!(docs[0].id, docs[1].id);
        let twice = "May 1, 1950\n\nT\n\nS\n\nMay 1, 1950\n\nT\n\nS\n";
        let docs = merge(vec![page("b.txt", twice)]);
        assert_eq!(docs.len(), 2);
        assert_ne!(docs[0].id, docs[1].id);
    }

    #[test]
    fn repeats_across_pages_merge_and_keep_every_listing() {
        let docs = merge(vec![page("a.txt", A), page("b.txt", A)]);
        assert_eq!(docs.len(), 2);
        for d in &docs {
            assert_eq!(d.sources.len(), 2);
            assert_eq!(&*d.sources[0].file, "a.txt");
            assert_eq!(&*d.sources[1].file, "b.txt");
        }
    }

    #[test]
    fn ids_do_not_depend_on_file_order() {
        let one = merge(vec![page("a.txt", A), page("b.txt", "1996\n\nOther\n")]);
        let two = merge(vec![page("b.txt", "1996\n\nOther\n"), page("a.txt", A)]);
        let mut ids1: Vec<_> = one.iter().map(|d| d.id.clone()).collect();
        let mut ids2: Vec<_> = two.iter().map(|d| d.id.clone()).collect();
        ids1.sort();
        ids2.sort();
        assert_eq!(ids1, ids2);
    }

    #[test]
    fn document_page_joins_its_listing_in_either_order() {
        let listing = "August 14, 1962\n\nMemorandum\n\nShort.\n";
        let doc_page = "August 14, 1962\n\nMemorandum\n\nCitation:\n\n\"Memorandum\", Wilson Center \
                        Digital Archive, AVPRF. https://digitalarchive.wilsoncenter.org/document/110485\n\n\
                        Summary:\n\nShort.\n\nContents:\n\nTranslation - English\n\nBody.\n";
        for order in [[listing, doc_page], [doc_page, listing]] {
            let docs = merge(vec![page("1.txt", order[0]), page("2.txt", order[1])]);
            assert_eq!(docs.len(), 1, "{docs:?}");
            let d = &docs[0];
            assert_eq!(d.id.as_str(), "wcda-110485");
            assert_eq!(d.full_text(), Some("Body."));
            assert_eq!(d.sources.len(), 2);
        }
    }

    #[test]
    fn derived_ids_are_stable() {
        let d = DocDate::Year(1996);
        let id = derived_id(d, "1996", "Excerpts", "Summary", 0);
        assert_eq!(id, derived_id(d, "1996", "  EXCERPTS ", "summary", 0));
        assert_ne!(id, derived_id(d, "1996", "Excerpts", "Summary", 1));
        assert!(id.as_str().starts_with("doc-") && id.as_str().len() == 20);
    }

    #[test]
    fn identical_reference_items_merge_in_linear_work() {
        use crate::ingest::csv::read_csv;
        let n = 20_000;
        let text = format!("title,date\n{}", "T,1950\n".repeat(n));
        let file: Arc<str> = Arc::from("same.csv");
        let entries = read_csv(&text, &file).entries;
        let (docs, comparisons) = merge_counted(vec![PageEntries::new(file, entries)]);
        assert_eq!(docs.len(), n);
        assert!(comparisons <= 2 * MAX_CANDIDATES * n, "{comparisons}");
        // Another file's item with the same date and title still joins the first.
        let other: Arc<str> = Arc::from("other.csv");
        let one = read_csv("title,date\nT,1950\n", &other).entries;
        let csv: Arc<str> = Arc::from("same.csv");
        let two = read_csv("title,date\nT,1950\nT,1950\n", &csv).entries;
        let docs = merge(vec![
            PageEntries::new(csv, two),
            PageEntries::new(other, one),
        ]);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sources.len(), 2);
    }
}
