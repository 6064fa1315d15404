//! The corpus: search-result pages and document pages, streamed one at a time.

use super::*;

/// A listing waiting to be shown again on a later page.
pub(super) struct PendingRepeat {
    pub(super) listing: Listing,
    /// The page it was first listed on: a repeat never shares that page.
    pub(super) origin: usize,
    /// The first page it would like to appear on.
    pub(super) due: usize,
}

pub(super) struct Corpus {
    pub(super) plan: Plan,
    pub(super) rng: Rng,
    pub(super) keys: KeySet,
    pub(super) pending: Vec<PendingRepeat>,
    pub(super) next_doc: usize,
    pub(super) next_search_page: usize,
    pub(super) next_file: usize,
    pub(super) document_page_for: Option<Listing>,
}

impl Corpus {
    pub(super) fn new(docs: usize) -> Corpus {
        Corpus {
            plan: Plan::new(docs),
            rng: Rng::new(CORPUS_SEED),
            keys: KeySet::with_capacity_and_hasher(docs, BuildHasherDefault::default()),
            pending: Vec::new(),
            next_doc: 0,
            next_search_page: 0,
            next_file: 0,
            document_page_for: None,
        }
    }

    pub(super) fn file_name(&mut self) -> String {
        let name = format!("synth/page_{:06}.txt", self.next_file);
        self.next_file += 1;
        name
    }

    /// A new document, unique by merge key among all made so far.
    pub(super) fn new_listing(&mut self) -> Listing {
        let serial = self.next_doc;
        self.next_doc += 1;
        loop {
            let date = draw_date(&mut self.rng);
            let scene = Scene::draw(date, &mut self.rng);
            let title = draw_title(&scene, &mut self.rng);
            let summary = if self.rng.chance(NO_SUMMARY_PER_MILLE) {
                String::new()
            } else {
                draw_summary(&scene, &mut self.rng)
            };
            if self.keys.insert(merge_key(date, &title, &summary)) {
                let mut date_line = String::with_capacity(20);
                write_date_line(date, &mut self.rng, &mut date_line);
                return Listing {
                    serial,
                    scene,
                    date_line,
                    title,
                    summary,
                    repeat: false,
                };
            }
        }
    }

    /// Index of the repeat to show next on `page`: one that is due, or, once every new
    /// document is out, any that was first listed on an earlier page.
    pub(super) fn repeat_for(&self, page: usize) -> Option<usize> {
        let due = self.pending.iter().position(|r| r.due <= page);
        if due.is_some() || self.next_doc < self.plan.docs {
            return due;
        }
        self.pending.iter().position(|r| r.origin < page)
    }

    pub(super) fn next_entry(&mut self, page: usize) -> Option<Listing> {
        if let Some(at) = self.repeat_for(page) {
            let mut listing = self.pending.swap_remove(at).listing;
            listing.repeat = true;
            return Some(listing);
        }
        if self.next_doc >= self.plan.docs {
            return None;
        }
        let listing = self.new_listing();
        if self.plan.is_repeated(listing.serial) {
            let due = page + self.rng.between(1, REPEAT_MAX_DELAY);
            self.pending.push(PendingRepeat {
                listing: listing.clone(),
                origin: page,
                due,
            });
        }
        Some(listing)
    }

    pub(super) fn search_page(&mut self) -> SynthPage {
        let page = self.next_search_page;
        self.next_search_page += 1;
        let count = self.plan.entries_on(page);
        let entries: Vec<Listing> = (0..count).filter_map(|_| self.next_entry(page)).collect();
        debug_assert_eq!(entries.len(), count, "the plan fills every page");
        let first = page * ENTRIES_PER_PAGE + 1;
        let text = render_search_page(first, &entries, self.plan.listings);
        if self
            .next_search_page
            .is_multiple_of(SEARCH_PAGES_PER_DOCUMENT_PAGE)
        {
            self.document_page_for = self.pick_document_page(entries);
        }
        SynthPage {
            name: self.file_name(),
            text,
        }
    }

    /// A dated, summarised document first listed on this page, to give a document page.
    pub(super) fn pick_document_page(&mut self, mut entries: Vec<Listing>) -> Option<Listing> {
        entries.retain(|e| !e.repeat && e.scene.date.is_dated() && !e.summary.is_empty());
        if entries.is_empty() {
            return None;
        }
        let at = self.rng.below(entries.len());
        Some(entries.swap_remove(at))
    }

    pub(super) fn document_page(&mut self, listing: &Listing) -> SynthPage {
        let scene = &listing.scene;
        let mut text = String::with_capacity(4096);
        text.push_str("\n\n");
        for line in [listing.date_line.as_str(), &listing.title, "Citation:"] {
            text.push_str(line);
            text.push_str("\n\n");
        }
        write_citation(listing, &mut self.rng, &mut text);
        text.push_str("\n\nSummary:\n\n");
        text.push_str(&listing.summary);
        text.push_str("\n\nOriginal Language:\n\n");
        text.push_str(self.rng.pick(LANGUAGES));
        text.push_str("\n\nContents:\n\nTranslation - English\n\n");
        draw_full_text(scene, &mut self.rng, &mut text);
        SynthPage {
            name: self.file_name(),
            text,
        }
    }
}

impl Iterator for Corpus {
    type Item = SynthPage;

    fn next(&mut self) -> Option<SynthPage> {
        if let Some(listing) = self.document_page_for.take() {
            return Some(self.document_page(&listing));
        }
        (self.next_search_page < self.plan.search_pages).then(|| self.search_page())
    }
}

/// The archive's record id for a synthetic document: unique per document.
pub(super) fn record_id(serial: usize) -> usize {
    110_000 + serial
}

/// `"Title", September 17, 1956, Wilson Center Digital Archive, <archive>. <credit> <URL>`.
pub(super) fn write_citation(listing: &Listing, rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "\"{}\", {}, Wilson Center Digital Archive, ",
        listing.title, listing.date_line
    );
    listing.scene.render(rng.pick(ARCHIVE_REFERENCES), rng, out);
    let _ = write!(
        out,
        ". {} https://digitalarchive.wilsoncenter.org/document/{}",
        rng.pick(CREDITS),
        record_id(listing.serial)
    );
}

/// A search-result page, in the layout of the archive's saved pages (no final newline).
pub(super) fn render_search_page(first: usize, entries: &[Listing], total: usize) -> String {
    use std::fmt::Write;
    let size: usize = entries
        .iter()
        .map(|e| e.date_line.len() + e.title.len() + e.summary.len() + 8)
        .sum();
    let mut text = String::with_capacity(size + 96);
    let last = (first + entries.len()).saturating_sub(1);
    let _ = write!(
        text,
        "Skip to content\n\nResults:\n\n{first} - {last} of {total}\n\nDocuments\n\n"
    );
    for entry in entries {
        for line in [&entry.date_line, &entry.title, &entry.summary] {
            if !line.is_empty() {
                text.push_str(line);
                text.push_str("\n\n");
            }
        }
    }
    text.push_str("Pagination");
    text
}
