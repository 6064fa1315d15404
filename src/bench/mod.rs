//! `archive-timeline bench`: the built-in benchmark (as `zstd -b` or `openssl speed` have).
//!
//! Generates N synthetic documents as archive page text (`synth`), loads them with the real
//! parser, merge, theme classification and indexing, then runs the real app headlessly
//! (egui `Context::run_ui` plus tessellation at 1600x900) for at least 60 frames in each view
//! and prints frame times, shape, vertex and triangle counts, how many times the frame
//! covers the window (what a software rasterizer pays for), and memory. Figures, never
//! assertions.

use crate::app::{AppDeps, TimelineApp};
use crate::corpus::Corpus;
use crate::ingest;
use crate::synth;
use crate::themes::ThemeSet;
use crate::timeline::days::{day_of, year_start};
use crate::timeline::{TimeWindow, MIN_SPAN_DAYS};
use chrono::NaiveDate;
use std::io::Write;
use std::time::Instant;

mod start;
mod window;

pub use start::probe as probe_start;
pub use window::run_window;

/// Pages parsed per chunk: the page text of one chunk is dropped before the next is made, so
/// memory holds the library, not the whole corpus's text.
const CHUNK_PAGES: usize = 8192;

pub struct BenchOptions {
    pub docs: usize,
    pub json: bool,
    pub frames: usize,
    /// Documents put in research-workspace collections before the views are measured (a
    /// tenth of them with the user's own date, a twentieth linked).
    pub collected: usize,
    /// Also measure the app's cold and warm start and a command, in fresh processes.
    pub start: bool,
}

/// The workspace operations of a researcher who collected `n` of the corpus's documents into
/// three collections, dated a tenth of them and linked a twentieth.
pub fn collecting(corpus: &Corpus, n: usize) -> Vec<crate::workspace::Op> {
    use crate::workspace::{DocCard, Op};
    let docs = corpus.library.docs();
    let n = n.min(docs.len());
    let step = (docs.len() / n.max(1)).max(1);
    let names = ["chapter 1", "chapter 2", "to translate"];
    let mut ops: Vec<Op> = names
        .iter()
        .map(|name| Op::CreateCollection {
            name: (*name).to_string(),
            colour: None,
            description: String::new(),
        })
        .collect();
    let picked: Vec<&crate::model::Document> = docs.iter().step_by(step).take(n).collect();
    for (i, doc) in picked.iter().enumerate() {
        ops.push(Op::AddToCollection {
            name: names[i % names.len()].to_string(),
            id: doc.id.clone(),
            card: Some(DocCard::of(doc)),
            note: None,
        });
        if i % 10 == 0 {
            if let Some(year) = doc.date.start().map(|d| chrono::Datelike::year(&d)) {
                ops.push(Op::SetDate {
                    id: doc.id.clone(),
                    card: None,
                    edtf: format!("{year}~"),
                    reason: "bench".into(),
                });
            }
        }
        if i % 20 == 1 {
            ops.push(Op::Link {
                from: doc.id.clone(),
                from_card: None,
                to: picked[i - 1].id.clone(),
                to_card: None,
                label: "replies to".into(),
            });
        }
    }
    ops
}

/// Resident and peak memory in MB, from /proc (Linux); zero elsewhere.
pub fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time this process has used so far, every thread (so also Mesa llvmpipe's rasterizer
/// threads), in ms, from /proc (Linux, at the usual 100 clock ticks a second); zero
/// elsewhere. Unlike a frame's wall-clock time it hardly moves with other work on the machine.
pub(crate) fn process_cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): state is the first, utime the
    // 12th and stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: f64 = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum();
    ticks * 10.0
}

fn day(y: i32, m: u32, d: u32) -> f64 {
    NaiveDate::from_ymd_opt(y, m, d).map_or(0.0, day_of)
}

/// One line of figures: `key=value` pairs, or a JSON object with --json.
struct Report<'a, W: Write> {
    out: &'a mut W,
    json: bool,
}

impl<W: Write> Report<'_, W> {
    fn line(&mut self, fields: &[(&str, String)]) -> std::io::Result<()> {
        if self.json {
            let map: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(k, v)| {
                    let value = if let Ok(n) = v.parse::<u64>() {
                        serde_json::Value::from(n)
                    } else {
                        v.parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                            .map_or_else(
                                || serde_json::Value::String(v.clone()),
                                serde_json::Value::Number,
                            )
                    };
                    ((*k).to_string(), value)
                })
                .collect();
            writeln!(self.out, "{}", serde_json::Value::Object(map))
        } else {
            let text: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
            writeln!(self.out, "{}", text.join(" "))
        }
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn fmt(v: f64) -> String {
    format!("{v:.2}")
}

/// Where load time went, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadTimes {
    pub parse_ms: f64,
    pub merge_ms: f64,
    pub corpus_ms: f64,
}

impl LoadTimes {
    pub fn total(&self) -> f64 {
        self.parse_ms + self.merge_ms + self.corpus_ms
    }
}

/// Loads N synthetic documents; returns the corpus, where the load time went (generation is
/// not counted), and the bytes of page text parsed.
pub fn load_synthetic(docs: usize) -> (Corpus, LoadTimes, usize) {
    let mut pages = synth::pages(docs);
    let mut parsed = Vec::new();
    let mut times = LoadTimes::default();
    let mut text_bytes = 0usize;
    loop {
        let chunk: Vec<synth::SynthPage> = pages.by_ref().take(CHUNK_PAGES).collect();
        if chunk.is_empty() {
            break;
        }
        text_bytes += chunk.iter().map(|p| p.text.len()).sum::<usize>();
        let refs: Vec<(&str, &str)> = chunk
            .iter()
            .map(|p| (p.name.as_str(), p.text.as_str()))
            .collect();
        let t = Instant::now();
        parsed.extend(ingest::parse_texts(&refs));
        times.parse_ms += ms(t);
    }
    let t = Instant::now();
    let loaded = ingest::build_loaded(parsed);
    times.merge_ms = ms(t);
    let t = Instant::now();
    let corpus = Corpus::build(loaded, ThemeSet::builtin());
    times.corpus_ms = ms(t);
    (corpus, times, text_bytes)
}

/// The views measured, each a sequence of windows (one per frame).
fn views(frames: usize) -> Vec<(&'static str, Vec<TimeWindow>)> {
    let all = TimeWindow::cold_war();
    let fixed = |w: TimeWindow| vec![w; frames];
    let sept = day(1956, 9, 17);
    #[allow(clippy::cast_precision_loss)]
    let zoom: Vec<TimeWindow> = (0..frames)
        .map(|i| {
            // From the whole span to a week about September 17, 1956, evenly in log scale.
            let f = i as f64 / (frames.max(2) - 1) as f64;
            let span = all.span() * (MIN_SPAN_DAYS / all.span()).powf(f);
            let center = all.center() + (sept - all.center()) * f;
            TimeWindow::around(center, span)
        })
        .collect();
    let decade = TimeWindow::new(year_start(1950), year_start(1960));
    #[allow(clippy::cast_precision_loss)]
    let pan: Vec<TimeWindow> = (0..frames)
        .map(|i| {
            let shift = decade.span() * 0.02 * i as f64;
            decade.shifted(shift)
        })
        .collect();
    vec![
        ("whole_span", fixed(all)),
        ("decade", fixed(decade)),
        (
            "year",
            fixed(TimeWindow::new(year_start(1956), year_start(1957))),
        ),
        (
            "month",
            fixed(TimeWindow::new(day(1956, 9, 1), day(1956, 10, 1))),
        ),
        (
            "week",
            fixed(TimeWindow::new(day(1956, 9, 14), day(1956, 9, 21))),
        ),
        ("zoom_sequence", zoom),
        ("pan_sequence", pan),
    ]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn raw_input(time: f64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 900.0),
        )),
        time: Some(time),
        ..Default::default()
    }
}

/// What one frame cost and sent to the GPU.
#[derive(Clone, Copy, Default)]
struct FrameCost {
    ms: f64,
    shapes: usize,
    vertices: usize,
    triangles: usize,
    /// Pixels the frame's triangles cover (inside their clip rects), over the window's
    /// pixels: how many times a software rasterizer fills the window (overdraw, 1 = once).
    coverage: f64,
}

/// Frame times of one view, and the most shapes, vertices, triangles and coverage any of
/// its frames had.
#[derive(Default)]
struct FrameStats {
    times: Vec<f64>,
    most: FrameCost,
}

impl FrameStats {
    fn add(&mut self, cost: FrameCost) {
        self.times.push(cost.ms);
        let m = &mut self.most;
        m.shapes = m.shapes.max(cost.shapes);
        m.vertices = m.vertices.max(cost.vertices);
        m.triangles = m.triangles.max(cost.triangles);
        m.coverage = m.coverage.max(cost.coverage);
    }

    fn fields(&mut self, view: &str) -> Vec<(&'static str, String)> {
        self.times.sort_by(f64::total_cmp);
        vec![
            ("view", view.to_string()),
            ("frames", self.times.len().to_string()),
            ("frame_ms_p50", fmt(percentile(&self.times, 0.5))),
            ("frame_ms_p95", fmt(percentile(&self.times, 0.95))),
            ("shapes", self.most.shapes.to_string()),
            ("vertices", self.most.vertices.to_string()),
            ("triangles", self.most.triangles.to_string()),
            ("coverage", format!("{:.2}", self.most.coverage)),
        ]
    }
}

/// Area of a triangle, clipped (by its bounding box, a close upper bound) to `clip`.
fn triangle_area(a: egui::Pos2, b: egui::Pos2, c: egui::Pos2, clip: egui::Rect) -> f64 {
    let bounds = egui::Rect::from_points(&[a, b, c]);
    let inside = bounds.intersect(clip);
    if !inside.is_positive() {
        return 0.0;
    }
    let area = f64::from(((b - a).x * (c - a).y - (c - a).x * (b - a).y).abs() * 0.5);
    let share = f64::from(inside.area() / bounds.area().max(f32::EPSILON));
    area * share.min(1.0)
}

/// Runs one frame.
fn frame(ctx: &egui::Context, app: &mut TimelineApp, time: f64) -> FrameCost {
    let t = Instant::now();
    let mut output = ctx.run_ui(raw_input(time), |ui| app.show(ui));
    // No GPU here: the font atlas updates are not uploaded anywhere.
    output.textures_delta.clear();
    let shapes = output.shapes.len();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    let elapsed = ms(t);
    let mut cost = FrameCost {
        ms: elapsed,
        shapes,
        ..FrameCost::default()
    };
    let mut covered = 0.0;
    for p in &primitives {
        if let egui::epaint::Primitive::Mesh(mesh) = &p.primitive {
            cost.vertices += mesh.vertices.len();
            cost.triangles += mesh.indices.len() / 3;
            for tri in mesh.indices.chunks_exact(3) {
                let at = |i: u32| mesh.vertices.get(i as usize).map(|v| v.pos);
                if let (Some(a), Some(b), Some(c)) = (at(tri[0]), at(tri[1]), at(tri[2])) {
                    covered += triangle_area(a, b, c, p.clip_rect);
                }
            }
        }
    }
    let screen = raw_input(time)
        .screen_rect
        .map_or(1.0, |r| f64::from(r.area()));
    cost.coverage = covered / screen;
    cost
}

pub fn run<W: Write>(options: &BenchOptions, out: &mut W) -> std::io::Result<()> {
    let mut report = Report {
        out,
        json: options.json,
    };
    let (rss_start, _) = rss_mb();
    let (corpus, times, text_bytes) = load_synthetic(options.docs);
    let load_ms = times.total();
    let docs = corpus.library.len();
    let (rss_loaded, peak_loaded) = rss_mb();
    let lib_text: usize = corpus
        .library
        .docs()
        .iter()
        .map(|d| {
            d.title.len()
                + d.summary.len()
                + d.date_text.len()
                + d.full_text().map_or(0, str::len)
                + d.citation().map_or(0, str::len)
        })
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let beyond_text = ((rss_loaded - rss_start) * 1024.0 * 1024.0 - lib_text as f64).max(0.0)
        / docs.max(1) as f64;
    #[allow(clippy::cast_precision_loss)]
    report.line(&[
        ("view", "load".to_string()),
        ("docs", docs.to_string()),
        ("pages_mb", fmt(text_bytes as f64 / 1e6)),
        ("load_ms", fmt(load_ms)),
        ("parse_ms", fmt(times.parse_ms)),
        ("merge_sort_ms", fmt(times.merge_ms)),
        ("classify_index_ms", fmt(times.corpus_ms)),
        (
            "docs_per_s",
            format!("{:.0}", docs as f64 / (load_ms / 1000.0).max(1e-9)),
        ),
        ("rss_mb", fmt(rss_loaded)),
        ("peak_rss_mb", fmt(peak_loaded)),
        ("bytes_per_doc_beyond_text", format!("{beyond_text:.0}")),
    ])?;

    let ctx = egui::Context::default();
    let t = Instant::now();
    let collect_ops = collecting(&corpus, options.collected);
    let mut app = TimelineApp::new(AppDeps::corpus(corpus));
    let index_ms = ms(t);
    let (rss_index, _) = rss_mb();
    #[allow(clippy::cast_precision_loss)]
    report.line(&[
        ("view", "search_index".to_string()),
        ("build_ms", fmt(index_ms)),
        ("rss_mb", fmt(rss_index)),
        (
            "bytes_per_doc",
            format!(
                "{:.0}",
                (rss_index - rss_loaded).max(0.0) * 1024.0 * 1024.0 / docs.max(1) as f64
            ),
        ),
    ])?;
    let mut time = 0.0;
    if options.collected > 0 {
        // The workspace changes arrive as the UI's commands do, and are laid over the
        // timeline at the end of the frame that applied them.
        let started = Instant::now();
        let count = collect_ops.len();
        for op in collect_ops {
            app.push_command(crate::app::Command::Workspace(Box::new(op)));
        }
        time += 1.0 / 60.0;
        frame(&ctx, &mut app, time);
        let batch_ms = ms(started);
        // One change as a user makes it, in the frame that applies it: a note (moves nothing)
        // and a date (re-places the lanes it touches).
        let some = app.corpus().library.docs().first().map(|d| d.id.clone());
        let mut single = |op: crate::workspace::Op, time: &mut f64| {
            let started = Instant::now();
            app.push_command(crate::app::Command::Workspace(Box::new(op)));
            *time += 1.0 / 60.0;
            frame(&ctx, &mut app, *time);
            ms(started)
        };
        let (note_ms, date_ms) = match some {
            Some(id) => (
                single(
                    crate::workspace::Op::SetNote {
                        id: id.clone(),
                        card: None,
                        note: "a note".into(),
                    },
                    &mut time,
                ),
                single(
                    crate::workspace::Op::SetDate {
                        id,
                        card: None,
                        edtf: "1950~".into(),
                        reason: String::new(),
                    },
                    &mut time,
                ),
            ),
            None => (0.0, 0.0),
        };
        report.line(&[
            ("view", "workspace".to_string()),
            ("collected", options.collected.to_string()),
            ("operations", count.to_string()),
            ("apply_and_place_ms", fmt(batch_ms)),
            ("one_note_frame_ms", fmt(note_ms)),
            ("one_date_frame_ms", fmt(date_ms)),
        ])?;
    }
    let frames = options.frames.max(60);
    for (name, windows) in views(frames) {
        let mut stats = FrameStats::default();
        // Two frames to settle layout and galley caches for the view, then the measured ones.
        for (i, w) in windows.iter().take(2).chain(windows.iter()).enumerate() {
            app.set_window(*w);
            time += 1.0 / 60.0;
            let measured = frame(&ctx, &mut app, time);
            if i >= 2 {
                stats.add(measured);
            }
        }
        report.line(&stats.fields(name))?;
    }
    // A search typed over all documents, one keystroke a frame, in the whole-span view.
    let typed = "puzanov journal \"soviet ambassador\" kim";
    let prefixes: Vec<&str> = typed
        .char_indices()
        .map(|(i, c)| &typed[..i + c.len_utf8()])
        .collect();
    app.set_window(TimeWindow::cold_war());
    let mut stats = FrameStats::default();
    for (i, text) in prefixes
        .iter()
        .cycle()
        .take(frames.max(prefixes.len()))
        .enumerate()
    {
        // The query runs inside the frame in the app (the box changed): time both.
        let started = Instant::now();
        app.set_search(text);
        let query_ms = ms(started);
        time += 1.0 / 60.0;
        let mut cost = frame(&ctx, &mut app, time);
        cost.ms += query_ms;
        if i > 0 {
            stats.add(cost);
        }
    }
    report.line(&stats.fields("search_typed"))?;
    let (rss, peak) = rss_mb();
    report.line(&[
        ("view", "memory".to_string()),
        ("rss_mb", fmt(rss)),
        ("peak_rss_mb", fmt(peak)),
    ])?;
    drop(app);
    if options.start {
        start::figures(&mut report, options.docs)?;
    }
    // The contract's figure is a 100,000-item file; larger runs stop there.
    import_figures(&mut report, options.docs.min(100_000))
}

/// Reading a reference file of `items` items (Zotero's CSL-JSON and RIS exports, shaped like
/// the archive's records), then merging it into a library: the import a researcher does.
fn import_figures<W: Write>(report: &mut Report<'_, W>, items: usize) -> std::io::Result<()> {
    use crate::ingest::{build_loaded, read_bytes, sample, Format};
    for (format, name) in [
        (Format::CslJson, "zotero.json"),
        (Format::Ris, "zotero.ris"),
    ] {
        let text = sample::reference_file(format, items);
        let t = Instant::now();
        let parsed = read_bytes(name, text.as_bytes());
        let read_ms = ms(t);
        let loaded = build_loaded(vec![parsed]);
        let total_ms = ms(t);
        report.line(&[
            (
                "view",
                format!("import_{}", format.name().replace(' ', "_")),
            ),
            ("items", items.to_string()),
            ("file_mb", fmt(text.len() as f64 / 1e6)),
            ("read_ms", fmt(read_ms)),
            ("read_merge_ms", fmt(total_ms)),
            ("docs", loaded.library.len().to_string()),
        ])?;
    }
    Ok(())
}
