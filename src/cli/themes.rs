//! `themes explain ID [PATH...]` and `themes stats [PATH...]`: why a document is in its lane,
//! and how the lanes divide a collection (the same figures as the Lanes menu).

use crate::model::DocId;
use crate::text::safe::one_line;
use crate::themes::{ThemeSet, OTHER_NAME};
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ThemesCommand {
    /// Why a document is in its lane: per theme, the phrases and subject headings found and
    /// each rule's weight.
    Explain {
        /// The document's id (as `export` lists it).
        id: String,
        /// Page or reference files and folders (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Per theme, its count and share; the share in Other; documents in more than three themes.
    Stats {
        /// Page or reference files and folders (default: the bundled seeds).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

pub fn run<W: Write, E: Write>(
    out: &mut W,
    err: &mut E,
    themes: &ThemeSet,
    command: &ThemesCommand,
) -> std::io::Result<i32> {
    match command {
        ThemesCommand::Explain { id, paths } => {
            let loaded = super::load(paths);
            let Some(doc) = loaded.library.find(&DocId(id.clone())) else {
                writeln!(
                    err,
                    "archive-timeline: no document with id {} (`archive-timeline export` lists the ids)",
                    one_line(id)
                )?;
                return Ok(1);
            };
            let why = themes.explain(doc);
            writeln!(out, "{}\t{}", doc.id, one_line(&doc.title))?;
            writeln!(
                out,
                "lane: {} (a lane needs evidence of at least {})",
                why.lane, why.threshold
            )?;
            if why.themes.is_empty() {
                writeln!(out, "no theme rule matched")?;
            }
            for theme in &why.themes {
                writeln!(out, "{}: {}", theme.name, theme.score)?;
                for rule in &theme.rules {
                    writeln!(out, "  {rule}")?;
                }
            }
            Ok(0)
        }
        ThemesCommand::Stats { paths } => {
            let loaded = super::load(paths);
            let classes = themes.classify(&loaded.library);
            let stats = themes.stats(&classes);
            let pct = |n: usize| 100.0 * stats.share(n);
            writeln!(out, "documents: {}", stats.documents)?;
            writeln!(out, "theme\tlane\tshare\tlisted")?;
            for t in &stats.themes {
                let name = match &t.parent {
                    Some(_) => format!("  {}", t.name),
                    None => t.name.clone(),
                };
                let lane = if t.parent.is_none() {
                    t.broad_placed
                } else {
                    t.placed
                };
                writeln!(out, "{name}\t{lane}\t{:.1}%\t{}", pct(lane), t.listed)?;
            }
            writeln!(
                out,
                "{OTHER_NAME}\t{}\t{:.1}%\t-",
                stats.other,
                pct(stats.other)
            )?;
            writeln!(
                out,
                "in more than three themes: {}",
                stats.in_more_than_three.len()
            )?;
            let docs = loaded.library.docs();
            for &d in &stats.in_more_than_three {
                if let (Some(doc), Some(list)) = (docs.get(d), classes.themes_of.get(d)) {
                    let names: Vec<&str> = list.iter().map(|&t| themes.lane_name(t)).collect();
                    writeln!(
                        out,
                        "  {}\t{}\t{}",
                        doc.id,
                        one_line(&doc.title),
                        names.join("; ")
                    )?;
                }
            }
            Ok(0)
        }
    }
}
