//! `handout COLLECTION --out FILE.pdf|FILE.html`: a handout of a collection: a title page
//! with the timeline picture of its span, then one block per document (date as written,
//! title, summary, note, citation, archive link). The collection is the bookmarks (`starred`
//! or `bookmarks`) until the workspace gives collections and lessons.

use super::Cli;
use crate::app::handout::{self, HandoutKind};
use crate::bookmarks::{locate_bookmark, Bookmark, BookmarkStore};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Which documents a handout is of.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Collection {
    /// The bookmarked documents.
    Starred,
    /// The same: the bookmarked documents.
    Bookmarks,
}

#[derive(Args, Debug)]
pub struct HandoutArgs {
    #[arg(value_enum)]
    pub collection: Collection,
    /// FILE.pdf or FILE.html.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The handout's title.
    #[arg(long, default_value = "Cold War documents")]
    pub title: String,
    /// Page files or folders for the timeline picture (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Writes the handout; exit 2 for an output that is neither .pdf nor .html, 1 when there is
/// nothing to hand out or the file could not be written.
pub fn run<E: Write>(err: &mut E, cli: &Cli, args: &HandoutArgs) -> std::io::Result<i32> {
    let Some(kind) = HandoutKind::of_path(&args.out) else {
        writeln!(
            err,
            "archive-timeline: --out must name a .pdf or .html file, not {}",
            args.out.display()
        )?;
        return Ok(2);
    };
    let dir = crate::dirs::data_dir(cli.data_dir.as_deref());
    let store = BookmarkStore::open(&dir);
    for notice in store.notices() {
        writeln!(err, "archive-timeline: {notice}")?;
    }
    let bookmarks: Vec<Bookmark> = store.list().into_iter().cloned().collect();
    if bookmarks.is_empty() {
        writeln!(
            err,
            "archive-timeline: no bookmarks to hand out (add some with `archive-timeline bookmarks add ID`)"
        )?;
        return Ok(1);
    }
    let themes = super::themes_or_report(cli);
    let corpus = std::sync::Arc::new(crate::corpus::Corpus::build(
        super::load(&args.paths),
        themes,
    ));
    let list: Vec<&Bookmark> = bookmarks.iter().collect();
    let lanes = crate::bookmarks::lanes::lanes_of(&list, &corpus.themes, &|b| {
        locate_bookmark(b, &corpus.library).map(|doc| corpus.lane_names_of(doc).0)
    });
    match handout::write(&corpus, &bookmarks, &lanes, &args.title, kind, &args.out) {
        Ok(()) => Ok(0),
        Err(e) => {
            writeln!(
                err,
                "archive-timeline: could not write {}: {e}",
                args.out.display()
            )?;
            Ok(1)
        }
    }
}
