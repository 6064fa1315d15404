//! `bookmarks add | remove | list | export | import`: every change goes through the store
//! (atomic, locked), so the command line and a running app can change bookmarks together.
//! Whether a document is already bookmarked is the store's rule ([`BookmarkStore::bookmark_of`]).

use crate::bookmarks::{self, Bookmark};
use crate::model::DocId;
use crate::text::safe::one_line;
use crate::workspace::BookmarkStore;
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `bookmarks` subcommands.
#[derive(Subcommand, Debug)]
pub enum BookmarksCommand {
    /// Bookmark a document by the id `export` prints.
    Add {
        id: String,
        /// A note to keep with it.
        #[arg(long, default_value = "")]
        note: String,
        /// Pages the document is in (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Remove a bookmark.
    Remove { id: String },
    /// One line per bookmark: id, date, title, note (tab-separated).
    List,
    /// Print the bookmarks as a reading list or for a reference manager.
    Export {
        #[arg(long, value_enum)]
        format: BookmarkFormat,
    },
    /// Merge a bookmarks file exported by this app (RON or JSON), without duplicates.
    Import { file: PathBuf },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum BookmarkFormat {
    Md,
    Csv,
    Ris,
    Bibtex,
    Csljson,
    /// TimelineJS3's JSON (events grouped by lane, eras, a title slide).
    Timelinejs,
    /// The same slides in the columns of TimelineJS's Google Sheets template.
    TimelinejsCsv,
}

impl BookmarkFormat {
    pub fn format(self) -> bookmarks::export::ExportFormat {
        use bookmarks::export::ExportFormat as F;
        match self {
            BookmarkFormat::Md => F::Markdown,
            BookmarkFormat::Csv => F::Csv,
            BookmarkFormat::Ris => F::Ris,
            BookmarkFormat::Bibtex => F::Bibtex,
            BookmarkFormat::Csljson => F::CslJson,
            BookmarkFormat::Timelinejs => F::TimelineJs,
            BookmarkFormat::TimelinejsCsv => F::TimelineJsSheet,
        }
    }
}

fn print_notices<E: Write>(err: &mut E, store: &BookmarkStore) -> std::io::Result<()> {
    for notice in store.notices() {
        writeln!(err, "archive-timeline: {}", one_line(&notice.to_string()))?;
    }
    Ok(())
}

fn store_failed<E: Write>(err: &mut E, e: &impl std::fmt::Display) -> std::io::Result<i32> {
    writeln!(err, "archive-timeline: {e}")?;
    Ok(1)
}

/// Runs one `bookmarks` subcommand on the store in `data_dir`: output to `out`, problems to
/// `err`. Exit 1 when the change could not be made. `themes` gives the lanes TimelineJS
/// groups by (called only for those formats).
pub fn run<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    data_dir: &Path,
    command: &BookmarksCommand,
    themes: &dyn Fn() -> crate::themes::ThemeSet,
) -> std::io::Result<i32> {
    let mut store = BookmarkStore::open(data_dir);
    print_notices(err, &store)?;
    match command {
        BookmarksCommand::Add { id, note, paths } => {
            let loaded = super::load(paths);
            let id = DocId(id.clone());
            let Some(doc) = loaded.library.find(&id) else {
                let place = if paths.is_empty() {
                    "the bundled seeds"
                } else {
                    "the given pages"
                };
                writeln!(
                    err,
                    "archive-timeline: no document with id {id} in {place} \
                     (`archive-timeline export` lists the ids; give the pages it is in after the id)"
                )?;
                return Ok(1);
            };
            // Already bookmarked under the id it had before a document page gave it a record
            // id: that bookmark is the document's (the store's rule), so no second one is made.
            let under = store
                .bookmark_of(doc)
                .map_or_else(|| doc.id.clone(), |b| b.id.clone());
            let result = if under == doc.id {
                store.add(Bookmark::from_document(doc, note))
            } else if note.trim().is_empty() {
                Ok(())
            } else {
                store.set_note(&under, note)
            };
            match result {
                Ok(()) => {
                    writeln!(out, "bookmarked {under}: {}", one_line(&doc.title))?;
                    Ok(0)
                }
                Err(e) => store_failed(err, &e),
            }
        }
        BookmarksCommand::Remove { id } => match store.remove(&DocId(id.clone())) {
            Ok(Some(b)) => {
                writeln!(out, "removed {}: {}", one_line(id), one_line(&b.title))?;
                Ok(0)
            }
            Ok(None) => store_failed(err, &format!("{id} is not bookmarked")),
            Err(e) => store_failed(err, &e),
        },
        BookmarksCommand::List => {
            // A workspace that cannot be read is not an empty one: the reason comes first
            // (what follows is the backup's, if any), and the exit is 1.
            if let Some(reason) = store.read_only_reason() {
                writeln!(out, "archive-timeline: {}", one_line(reason))?;
            }
            // One line per bookmark, tab-separated: every field on one line, no control
            // character reaches the terminal.
            for b in store.list() {
                let date = b.date.as_deref().unwrap_or("undated");
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    one_line(b.id.as_str()),
                    one_line(date),
                    one_line(&b.title),
                    one_line(&b.note)
                )?;
            }
            // The list is what the backup held, but the user must look at the damaged file.
            Ok(i32::from(
                store.moved_a_damaged_file() || store.is_read_only(),
            ))
        }
        BookmarksCommand::Export { format } => {
            // With the user's own dates, as `collections export Starred` gives them.
            let ws = store.workspace();
            let dated: Vec<Bookmark> = store
                .list()
                .into_iter()
                .map(|b| {
                    let mut b = b.clone();
                    if b.date_user.is_none() {
                        b.date_user = ws.date_user(&b.id).map(|d| d.edtf.clone());
                    }
                    b
                })
                .collect();
            let list: Vec<&Bookmark> = dated.iter().collect();
            let format = format.format();
            let text = if format.is_grouped() {
                // No pages are loaded here: each bookmark's lane is its snapshot's.
                let lanes = bookmarks::lanes::lanes_of(&list, &themes(), &|_| None);
                bookmarks::export::export_grouped(&list, format, &|b| {
                    lanes.get(&b.id).cloned().unwrap_or_default()
                })
            } else {
                bookmarks::export::export(&list, format)
            };
            out.write_all(text.as_bytes())?;
            Ok(0)
        }
        BookmarksCommand::Import { file } => match store.import_file(file) {
            Ok(added) => {
                writeln!(
                    out,
                    "imported {added} new bookmark(s) from {}",
                    file.display()
                )?;
                Ok(0)
            }
            Err(e) => store_failed(err, &e),
        },
    }
}
