//! No subcommand: opens the app on the given pages (or the seeds), at `--from` / `--to`.

use super::Cli;
use crate::timeline::TimeWindow;
use std::io::Write;

pub fn run<E: Write>(err: &mut E, args: &Cli, started: std::time::Instant) -> std::io::Result<i32> {
    let (themes, problem) = super::load_themes(args.themes.as_deref());
    let options = crate::app::AppOptions {
        paths: args.paths.clone(),
        window: TimeWindow::from_dates(args.from, args.to),
        data_dir: crate::dirs::data_dir(args.data_dir.as_deref()),
        themes,
        themes_problem: problem.map(|p| format!("{p}; using the built-in themes")),
        present: args.present,
        started: Some(started),
    };
    match crate::app::run(options) {
        Ok(()) => Ok(0),
        Err(e) => {
            writeln!(err, "archive-timeline: cannot open the window: {e}")?;
            Ok(1)
        }
    }
}
