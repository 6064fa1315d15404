//! archive-timeline's entry point: parse the command line, then open the app or run a command.

use archive_timeline::cli::{self, Cli, Command};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args = Cli::parse();
    let code = match &args.command {
        Some(Command::Check { paths }) => {
            let loaded = cli::load(paths);
            cli::check(&mut std::io::stdout().lock(), &loaded)
        }
        Some(Command::Export { format, paths }) => {
            let (themes, problem) = cli::load_themes(args.themes.as_deref());
            if let Some(problem) = problem {
                eprintln!("archive-timeline: {problem}; using the built-in themes");
            }
            let loaded = cli::load(paths);
            cli::export(&mut std::io::stdout().lock(), &loaded, &themes, *format)
        }
        Some(Command::Bench { docs, json, frames }) => {
            let options = archive_timeline::bench::BenchOptions {
                docs: *docs,
                json: *json,
                frames: *frames,
            };
            archive_timeline::bench::run(&options, &mut std::io::stdout().lock()).map(|()| 0)
        }
        Some(Command::Render {
            from,
            to,
            out,
            width,
            height,
            present,
            paths,
        }) => {
            let (themes, problem) = cli::load_themes(args.themes.as_deref());
            if let Some(problem) = problem {
                eprintln!("archive-timeline: {problem}; using the built-in themes");
            }
            let render = cli::RenderArgs {
                paths,
                themes: &themes,
                from: *from,
                to: *to,
                out,
                width: *width,
                height: *height,
                present: *present,
            };
            cli::render(&mut std::io::stderr().lock(), &render)
        }
        Some(Command::Generate { docs, out }) => {
            match archive_timeline::synth::write_corpus(*docs, out) {
                Ok(files) => {
                    println!(
                        "wrote {files} page files for {docs} documents to {}",
                        out.display()
                    );
                    Ok(0)
                }
                Err(e) => {
                    eprintln!(
                        "archive-timeline: could not write to {}: {e}",
                        out.display()
                    );
                    Ok(1)
                }
            }
        }
        Some(Command::Bookmarks { command }) => {
            let dir = archive_timeline::dirs::data_dir(args.data_dir.as_deref());
            cli::bookmarks(
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
                &dir,
                command,
            )
        }
        None => {
            let (themes, problem) = cli::load_themes(args.themes.as_deref());
            let options = archive_timeline::app::AppOptions {
                paths: args.paths.clone(),
                window: cli::requested_window(args.from, args.to),
                data_dir: archive_timeline::dirs::data_dir(args.data_dir.as_deref()),
                themes,
                themes_problem: problem.map(|p| format!("{p}; using the built-in themes")),
                present: args.present,
                started: Some(started),
            };
            match archive_timeline::app::run(options) {
                Ok(()) => Ok(0),
                Err(err) => {
                    eprintln!("archive-timeline: cannot open the window: {err}");
                    Ok(1)
                }
            }
        }
    };
    match code {
        Ok(0) => ExitCode::SUCCESS,
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("archive-timeline: {err}");
            ExitCode::from(1)
        }
    }
}
