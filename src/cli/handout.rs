//! `handout NAME --out FILE.pdf|FILE.html`: a handout of any collection of the research
//! workspace (`Starred`, `starred`, `Chapter 3`; `bookmarks` is Starred), found by the
//! workspace's one naming rule: a title page with the timeline picture of the collection's
//! span (only its documents), then one block per document in the collection's order (date as
//! written, title, summary, the document's note, the collection's note for it, citation,
//! archive link).

use super::Cli;
use crate::app::publish::handout::{self, HandoutKind, HandoutSet};
use crate::workspace::WorkspaceStore;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct HandoutArgs {
    /// The collection, by name, in any case (`collections list` shows them); `bookmarks` is
    /// Starred.
    #[arg(value_name = "NAME")]
    pub collection: String,
    /// FILE.pdf or FILE.html.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The handout's title (default: the collection's name; "Cold War documents" for Starred).
    #[arg(long)]
    pub title: Option<String>,
    /// Page files or folders for the timeline picture (default: the bundled seeds).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Writes the handout; exit 2 for an output that is neither .pdf nor .html, 1 when there is
/// no such collection, nothing to hand out, or the file could not be written.
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
    let store = WorkspaceStore::open(&dir);
    for notice in store.notices() {
        writeln!(err, "archive-timeline: {notice}")?;
    }
    let ws = store.workspace();
    let Some(collection) = ws.find_collection(&args.collection) else {
        writeln!(
            err,
            "archive-timeline: {}",
            ws.no_such_collection(&args.collection)
        )?;
        return Ok(1);
    };
    if collection.entries.is_empty() {
        let how = if collection.is_starred() {
            "add some with `archive-timeline bookmarks add ID`".to_string()
        } else {
            format!(
                "add some with `archive-timeline collections add {:?} ID`",
                collection.name
            )
        };
        let what = if collection.is_starred() {
            "no bookmarks to hand out".to_string()
        } else {
            format!("{:?} has no documents to hand out", collection.name)
        };
        writeln!(err, "archive-timeline: {what} ({how})")?;
        return Ok(1);
    }
    let themes = super::themes_or_report(cli);
    let corpus = std::sync::Arc::new(super::load_corpus(&args.paths, themes));
    let set = HandoutSet::of_collection(ws, collection, &corpus, args.title.as_deref());
    let written = handout::write(&corpus, &set, kind, &args.out);
    super::leave_to_exit(corpus);
    match written {
        Ok(()) => {
            writeln!(
                err,
                "wrote a handout of {} ({}) to {}",
                crate::text::safe::one_line(&collection.name),
                crate::text::count(set.items.len(), "document"),
                args.out.display()
            )?;
            Ok(0)
        }
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
