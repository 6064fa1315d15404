//! A deterministic synthetic corpus shaped like the archive's saved pages, for the built-in
//! benchmark (`bench --docs N`) and for import tests (`generate --docs N --out DIR`).
//!
//! Owns one promise: parsing and merging the pages of [`pages`]`(n)` with the real `ingest`
//! gives exactly `n` documents, with no failed file and no diagnostic, and the same `n` gives
//! byte-identical pages on every platform and run (a hand-written SplitMix64 seeded from a
//! constant; no std hasher decides anything).
//!
//! What the pages look like:
//! - search-result pages of 10 entries ("Skip to content", "Results:", "11 - 20 of T",
//!   "Documents", then date / title / summary entries, then "Pagination"), where `T` counts
//!   every listing, repeats included, so each page's range is the one it really holds;
//! - dates mostly at day precision ("September 17, 1956"), some at month ("July 1993",
//!   "April, 1950") or year ("1996") precision, a few "Undated"; clustered in 1949–1962 with
//!   crisis spikes (1950, 1953, September 1956, 1960–61, 1968) and a few outside 1945–1996;
//! - about 8% of entries without a summary; about 2% of documents listed again, as an exact
//!   copy, on a later page (never twice on one page, which would make two documents);
//! - one page in 200 is a single document page (citation with a record URL, summary, original
//!   language, contents and full text) for a document listed on the page just before it, so it
//!   joins that listing instead of adding a document.
//!
//! Files: `plan` (page counts), `rng`, `dates`, `tables` (pure data: vocabulary, templates),
//! `listing`, `keys` (merge keys), `page` (the streamed corpus), `tests`. Must not touch egui
//! or the file system beyond [`write_corpus`]'s folder.
//!
//! Distinct documents never collide: each new listing's merge key (date, folded title, folded
//! summary) is checked against those already made and drawn again if taken.

use crate::model::date::MONTH_NAMES;
use crate::text::fold_into;
use chrono::Datelike;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// One generated page file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthPage {
    /// Where the page belongs, e.g. "synth/page_000123.txt".
    pub name: String,
    pub text: String,
}

/// The pages of a corpus of `docs` distinct documents, streamed one at a time.
pub fn pages(docs: usize) -> impl Iterator<Item = SynthPage> {
    Corpus::new(docs)
}

/// Pages written per folder by [`write_corpus`].
pub const FILES_PER_FOLDER: usize = 1000;

/// Writes every page of a `docs`-document corpus under `out` (created if missing) as
/// `out/000/page_000000.txt`, `out/000/page_000001.txt`, … with [`FILES_PER_FOLDER`] files per
/// folder. Returns the number of files written.
pub fn write_corpus(docs: usize, out: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(out)?;
    let mut written = 0;
    for (index, page) in pages(docs).enumerate() {
        let folder = out.join(format!("{:03}", index / FILES_PER_FOLDER));
        if index.is_multiple_of(FILES_PER_FOLDER) {
            std::fs::create_dir_all(&folder)?;
        }
        let file_name = page.name.rsplit('/').next().unwrap_or(&page.name);
        std::fs::write(folder.join(file_name), page.text)?;
        written += 1;
    }
    Ok(written)
}

mod dates;
mod keys;
mod listing;
mod page;
mod plan;
mod rng;
mod tables;
#[cfg(test)]
mod tests;

use dates::*;
use keys::*;
use listing::*;
use page::*;
use plan::*;
use rng::*;
use tables::*;
