//! The plan: every count a page header needs (pages, listings, repeats, document pages),
//! fixed before the first page is written.

use super::*;

pub(super) const ENTRIES_PER_PAGE: usize = 10;
/// A document page follows every this many search pages (one page in 200).
pub(super) const SEARCH_PAGES_PER_DOCUMENT_PAGE: usize = 199;
/// One document in each block of this many is listed twice (about 2%).
pub(super) const REPEAT_BLOCK: usize = 50;
/// A repeated document needs at least this many new documents after it, so a later page
/// always exists to hold its repeat and no page but the last runs short.
pub(super) const REPEAT_TAIL: usize = ENTRIES_PER_PAGE;
/// How many pages after its first listing a repeat may appear, at most.
pub(super) const REPEAT_MAX_DELAY: usize = 12;

pub(super) const CORPUS_SEED: u64 = 0x1956_0917_1960_0903;
pub(super) const REPEAT_SEED: u64 = 0x1950_0625_1953_0727;

#[derive(Clone, Copy, Debug)]
pub(super) struct Plan {
    pub(super) docs: usize,
    /// Total listings on search pages: documents plus repeats; the "of T" of every page.
    pub(super) listings: usize,
    pub(super) search_pages: usize,
}

impl Plan {
    pub(super) fn new(docs: usize) -> Plan {
        let repeats = (0..docs.div_ceil(REPEAT_BLOCK))
            .map(|block| block * REPEAT_BLOCK + repeat_position(block))
            .filter(|&doc| Plan::may_repeat(doc, docs))
            .count();
        let listings = docs + repeats;
        Plan {
            docs,
            listings,
            search_pages: listings.div_ceil(ENTRIES_PER_PAGE),
        }
    }

    pub(super) fn may_repeat(doc: usize, docs: usize) -> bool {
        doc + REPEAT_TAIL < docs
    }

    /// Whether the `doc`-th new document is listed a second time on a later page.
    pub(super) fn is_repeated(&self, doc: usize) -> bool {
        doc % REPEAT_BLOCK == repeat_position(doc / REPEAT_BLOCK)
            && Plan::may_repeat(doc, self.docs)
    }

    /// Entries on search page `page` (10, except perhaps the last).
    pub(super) fn entries_on(&self, page: usize) -> usize {
        self.listings
            .saturating_sub(page * ENTRIES_PER_PAGE)
            .min(ENTRIES_PER_PAGE)
    }
}

/// Which document of a block is the repeated one: a hash of the block, independent of content.
pub(super) fn repeat_position(block: usize) -> usize {
    let mut rng = Rng::new(REPEAT_SEED ^ (block as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.below(REPEAT_BLOCK)
}
