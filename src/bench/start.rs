//! Start-up figures: the app's start over N documents' page files, to the first frame with
//! every document placed and to the search index ready, and one command over the same files
//! (`export --format json`), each cold (an empty library cache) and warm (the cache the cold
//! run left), each in a fresh process of this program so that its memory is its own.
//!
//! The page files, the cache and the data dirs are in one temporary folder removed at the
//! end; the user's own cache and workspace are never touched.

use super::{fmt, frame, ms, rss_mb, Report};
use crate::app::{AppDeps, TimelineApp};
use crate::ingest::SourceList;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The hidden `bench` flag that makes a process one start probe (see [`probe`]).
pub const PROBE_FLAG: &str = "--probe-start";

/// A probe that has not seen its documents and index by then gives up (and says so).
const PROBE_LIMIT: Duration = Duration::from_secs(900);

/// The cold and warm figures, as report lines `start` and `command`.
pub(super) fn figures<W: Write>(report: &mut Report<'_, W>, docs: usize) -> std::io::Result<()> {
    let exe = std::env::current_exe()?;
    let tmp = tempfile::Builder::new()
        .prefix("archive-timeline-bench-")
        .tempdir()?;
    let pages = tmp.path().join("pages");
    let t = Instant::now();
    let files = crate::synth::write_corpus(docs, &pages)?;
    // Dated an hour back, as a researcher's saved pages are: a page written in the two
    // seconds before a load is fingerprinted by its content too (its time cannot be trusted
    // yet), and every warm start would read and hash those again, which no real library
    // just saved pays more than once.
    set_times_back(&pages, std::time::Duration::from_secs(3600))?;
    report.line(&[
        ("view", "start_pages".to_string()),
        ("files", files.to_string()),
        ("pages_mb", fmt(dir_bytes(&pages) as f64 / 1e6)),
        ("write_ms", fmt(ms(t))),
    ])?;
    let child = |cache: &str| {
        let mut c = Command::new(&exe);
        c.env("XDG_CACHE_HOME", tmp.path().join(cache))
            .env("XDG_DATA_HOME", tmp.path().join("data"))
            .env("XDG_CONFIG_HOME", tmp.path().join("config"))
            .stdin(Stdio::null());
        c
    };
    let probe = || -> std::io::Result<Vec<(&'static str, String)>> {
        let output = child("cache-app")
            .args(["bench", PROBE_FLAG])
            .arg(&pages)
            .stderr(Stdio::inherit())
            .output()?;
        let text = String::from_utf8_lossy(&output.stdout);
        Ok(text
            .lines()
            .last()
            .and_then(|l| serde_json::from_str::<serde_json::Map<_, _>>(l).ok())
            .map(|m| {
                PROBE_FIELDS
                    .iter()
                    .map(|k| (*k, m.get(*k).map(plain).unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default())
    };
    let first_of = |fields: &[(&str, String)]| {
        fields
            .iter()
            .find(|(k, _)| *k == "first_frame_ms")
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    for run in ["cold", "warm"] {
        let time = |f: &Vec<(&str, String)>| first_of(f).parse::<f64>().unwrap_or(f64::MAX);
        let (fields, times) = median_run(run, probe, time)?;
        // A probe that printed no time is listed as an empty field, as its own line has it.
        let all: Vec<String> = times
            .iter()
            .map(|&t| if t == f64::MAX { String::new() } else { fmt(t) })
            .collect();
        let first = first_of(&fields);
        let mut line = vec![
            ("view", "start".to_string()),
            ("run", run.to_string()),
            (
                if run == "cold" {
                    "cold_start_ms"
                } else {
                    "warm_start_ms"
                },
                first,
            ),
        ];
        line.extend(fields);
        if all.len() > 1 {
            line.push(("first_frame_ms_of_runs", all.join(" ")));
        }
        line.push((
            "cache_mb",
            fmt(dir_bytes(&tmp.path().join("cache-app")) as f64 / 1e6),
        ));
        report.line(&line)?;
    }
    // Two commands a researcher scripts over the library: every document as JSON (stdout
    // thrown away), and a poster of two years.
    let poster = tmp.path().join("poster.svg");
    let commands: [(&str, Vec<std::ffi::OsString>); 2] = [
        (
            "export --format json",
            vec!["export".into(), "--format".into(), "json".into()],
        ),
        (
            "render --from 1961-01-01 --to 1962-12-31 --out poster.svg",
            vec![
                "render".into(),
                "--from".into(),
                "1961-01-01".into(),
                "--to".into(),
                "1962-12-31".into(),
                "--out".into(),
                poster.into_os_string(),
            ],
        ),
    ];
    for (i, (name, args)) in commands.iter().enumerate() {
        let cache = format!("cache-command-{i}");
        for run in ["cold", "warm"] {
            let time_one = || -> std::io::Result<(f64, std::process::Output)> {
                let t = Instant::now();
                let output = child(&cache)
                    .args(args)
                    .arg(&pages)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .output()?;
                Ok((ms(t), output))
            };
            let ((elapsed, output), times) = median_run(run, time_one, |r| r.0)?;
            let all: Vec<String> = times.iter().map(|&t| fmt(t)).collect();
            let note = String::from_utf8_lossy(&output.stderr)
                .lines()
                .find(|l| l.contains("library cache"))
                .unwrap_or("")
                .to_string();
            report.line(&[
                ("view", "command".to_string()),
                ("command", (*name).to_string()),
                ("run", run.to_string()),
                ("ms", fmt(elapsed)),
                ("exit", output.status.code().unwrap_or(-1).to_string()),
                (
                    "cache_mb",
                    fmt(dir_bytes(&tmp.path().join(&cache)) as f64 / 1e6),
                ),
                ("cache_note", note),
                ("ms_of_runs", all.join(" ")),
            ])?;
        }
    }
    Ok(())
}

/// Runs `one` once when `run` is cold, three times when warm, and gives the run of median
/// `time` with every run's time, fastest first: one warm start or command is at the mercy of
/// whatever else the machine is doing.
fn median_run<T>(
    run: &str,
    one: impl Fn() -> std::io::Result<T>,
    time: impl Fn(&T) -> f64,
) -> std::io::Result<(T, Vec<f64>)> {
    let count = if run == "warm" { 3 } else { 1 };
    let mut runs = (0..count)
        .map(|_| one())
        .collect::<std::io::Result<Vec<T>>>()?;
    runs.sort_by(|a, b| time(a).total_cmp(&time(b)));
    let times = runs.iter().map(&time).collect();
    Ok((runs.swap_remove(runs.len() / 2), times))
}

/// What a probe prints, in this order.
const PROBE_FIELDS: [&str; 10] = [
    "docs",
    "first_frame_ms",
    "search_ready_ms",
    "cache_write_ms",
    "from_cache",
    "rss_mb_first_frame",
    "rss_mb",
    "peak_rss_mb",
    "note",
    "phases_ms",
];

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One start of the app on `pages`, headless (egui's `run_ui` and tessellation at
/// 1600x900, as the frame benchmark): the real loader thread, the library cache in the
/// platform cache dir, the search index on its worker. Prints one JSON line: the time from
/// this call to the first frame with every document placed, to the search index ready, and
/// (after a load the cache did not give) until the cache file is written; resident memory.
pub fn probe<W: Write>(pages: &Path, out: &mut W) -> std::io::Result<()> {
    let started = Instant::now();
    crate::phases::enable();
    let sources = SourceList {
        seeds: false,
        paths: vec![pages.to_path_buf()],
    };
    let new = crate::phases::start("app: new");
    let mut app = TimelineApp::new(AppDeps::loading(sources));
    new.done();
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut first_frame = None;
    let mut rss_first = 0.0;
    let mut search_ready = None;
    while started.elapsed() < PROBE_LIMIT {
        let seen = app.wake().deliveries();
        time += 1.0 / 60.0;
        let loading = app.is_loading();
        let one = crate::phases::start(if loading {
            "frames while loading"
        } else {
            "frames after loading"
        });
        frame(&ctx, &mut app, time);
        one.done();
        if first_frame.is_none() && !app.is_loading() && !app.corpus().library.is_empty() {
            first_frame = Some(ms(started));
            rss_first = rss_mb().0;
        }
        if first_frame.is_some() && app.search_ready() {
            search_ready = Some(ms(started));
            break;
        }
        app.wake().wait_after(seen, Duration::from_millis(20));
    }
    let status = std::sync::Arc::clone(&app.corpus().cache);
    // A cold start writes the cache after the index (on the index's worker): the warm run
    // needs the file, so wait for it to be renamed into place.
    let mut cache_write = None;
    let began = std::time::SystemTime::now() - started.elapsed();
    if let (Some(plan), Some(_)) = (&status.plan, search_ready) {
        while started.elapsed() < PROBE_LIMIT {
            if written_since(plan.path(), began) {
                cache_write = Some(ms(started));
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let (rss, peak) = rss_mb();
    let line = serde_json::json!({
        "docs": app.corpus().library.len(),
        "first_frame_ms": first_frame.map(fmt),
        "search_ready_ms": search_ready.map(fmt),
        "cache_write_ms": cache_write.map(fmt),
        "from_cache": status.warm,
        "rss_mb_first_frame": fmt(rss_first),
        "rss_mb": fmt(rss),
        "peak_rss_mb": fmt(peak),
        "note": status.note.clone().unwrap_or_default(),
        "phases_ms": crate::phases::recorded()
            .into_iter()
            .map(|(name, ms)| (name.to_string(), serde_json::Value::String(fmt(ms))))
            .collect::<serde_json::Map<_, _>>(),
    });
    writeln!(out, "{line}")
}

/// Sets the modification time of every file under `dir` to `back` before now.
fn set_times_back(dir: &Path, back: Duration) -> std::io::Result<()> {
    let when = std::time::SystemTime::now() - back;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(entry.path())?
                .set_modified(when)?;
        }
    }
    Ok(())
}

/// Whether the file at `path` was written (renamed into place) since `began`: a cache file
/// left by an earlier run under the same name does not count.
fn written_since(path: &Path, began: std::time::SystemTime) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= began)
}

/// Bytes of the regular files under `dir`, recursively (0 when it is missing).
fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map_or(0, |m| m.len()),
            _ => 0,
        })
        .sum()
}
