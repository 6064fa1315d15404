//! Full-text search over a [`Library`]: the query language, the index, and highlight ranges.
//!
//! Owns three things: parsing what the user types into a [`Query`] (words are ANDed,
//! "quoted phrases" must appear as adjacent words within one field, the last word still being
//! typed matches as a prefix); a [`SearchIndex`] built once per library that answers a query in
//! milliseconds even for a million documents; and [`highlight_ranges`], which maps matches back
//! to byte ranges of the original, unfolded text for the detail panel.
//!
//! Must not touch: egui, the documents themselves (read only), or the folding rules, which belong
//! to [`crate::text::fold`] alone. Title, summary and full text are searched; a word may be in
//! any of them, a phrase must lie within one.
//!
//! The index is a sorted vocabulary of folded words (so a prefix is a contiguous range of word
//! ids, found by binary search), a posting list of ascending document numbers per word, and each
//! document's sequence of word ids with a break between fields, used to check phrases and to
//! filter small candidate sets without touching the text again. A query intersects the lists
//! from the rarest word up, then checks phrases on the survivors' sequences.
//!
//! Files: `query` (the language), `tokens` (text -> folded words), `highlight`, `vocabulary`,
//! `postings`, `sequences`, `build` (chunked, parallel), `stored` (the index as the library
//! cache keeps it), `planner` ([`SearchIndex`] and how a
//! query is answered), `tests`.
//!
//! Costs (`benchmark_search_over_a_million_documents`, ~370 bytes of text a document): about
//! 420 bytes of index a document; building takes a few seconds of CPU a million documents
//! (build it off the UI thread); a query takes microseconds for rare words, a few
//! milliseconds for one-letter prefixes, and up to a few tens of milliseconds a million
//! documents for phrases of the commonest words.

use crate::model::{DocIndex, Document, Library};
use crate::text::fold;
use fixedbitset::FixedBitSet;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::ops::Range;
use std::str::CharIndices;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Position of a word in the sorted vocabulary.
type WordId = u32;
/// A document's number in the library, narrowed to halve the size of posting lists.
type DocNumber = u32;

/// Marks the boundary between two fields in a document's word sequence; never a real word id.
const FIELD_BREAK: WordId = WordId::MAX;

/// "This chunk does not have the word", in a chunk's global -> local word table.
const NO_WORD: WordId = WordId::MAX;

/// The index covers at most this many documents (far beyond any library that fits in memory).
const MAX_DOCS: usize = DocNumber::MAX as usize;

/// Words and phrases of a query beyond this many are ignored (a pasted page stays cheap).
const MAX_CLAUSES: usize = 32;

mod build;
mod highlight;
mod planner;
mod postings;
mod query;
mod sequences;
mod stored;
#[cfg(test)]
mod tests;
mod tokens;
mod vocabulary;

pub use highlight::highlight_ranges;
pub use planner::SearchIndex;
pub use query::Query;
pub use sequences::SearchMemo;
pub use stored::StoredIndex;

use build::*;
use postings::*;
use query::*;
use sequences::*;
use tokens::*;
use vocabulary::*;
