//! `bench --window`: the same views as the headless benchmark in the real eframe window
//! (1920x1080, glow, vsync off), each beside a blank window, the floor of what the renderer
//! can do here.
//!
//! The floor is measured beside each view, not once: each view's frames are shown in
//! [`ROUNDS`] rounds, each after as many frames of the blank window, so whatever else the
//! machine is doing during the run weighs on a view and on its floor alike.

use super::{fmt, load_synthetic, percentile, process_cpu_ms, rss_mb, views, BenchOptions, Report};
use crate::app::{AppDeps, TimelineApp};
use crate::timeline::TimeWindow;
use std::io::Write;
use std::time::Instant;

/// One view of the window benchmark: per frame, the window to show and the search text.
type WindowFrame = (TimeWindow, Option<String>);

/// The blank window's line: the window filled with one opaque colour and nothing else, the
/// floor that clearing, painting and swapping 1920x1080 pixels costs (all its frames).
const BLANK: &str = "blank_window";

/// Rounds each view is shown in, each after as many blank frames.
const ROUNDS: usize = 4;

/// A stretch of frames shown in a row: a round of view `view`, or the blank frames before it.
struct Segment {
    view: usize,
    blank: bool,
    frames: Vec<WindowFrame>,
}

/// What the frames of one view (or of the blank frames beside it) measured.
#[derive(Default)]
struct Samples {
    /// Frame times, ms.
    intervals: Vec<f64>,
    /// eframe's CPU time per frame, ms.
    cpu: Vec<f64>,
    /// The whole process's CPU time over these frames, ms.
    process_cpu: f64,
}

impl Samples {
    fn take(&mut self, other: Samples) {
        self.intervals.extend(other.intervals);
        self.cpu.extend(other.cpu);
        self.process_cpu += other.process_cpu;
    }

    /// p50 and p95 of the frame times.
    fn p50_p95(&self) -> (f64, f64) {
        let mut t = self.intervals.clone();
        t.sort_by(f64::total_cmp);
        (percentile(&t, 0.5), percentile(&t, 0.95))
    }

    /// The fields of a report line.
    fn fields(mut self, name: &str) -> Vec<(&'static str, String)> {
        let (p50, p95) = self.p50_p95();
        self.cpu.sort_by(f64::total_cmp);
        #[allow(clippy::cast_precision_loss)]
        let process_cpu = self.process_cpu / self.intervals.len().max(1) as f64;
        vec![
            ("view", name.to_string()),
            ("frames", self.intervals.len().to_string()),
            ("frame_ms_p50", fmt(p50)),
            ("frame_ms_p95", fmt(p95)),
            ("cpu_ms_p50", fmt(percentile(&self.cpu, 0.5))),
            ("cpu_ms_p95", fmt(percentile(&self.cpu, 0.95))),
            ("process_cpu_ms_per_frame", fmt(process_cpu)),
        ]
    }
}

/// The window benchmark's eframe app: shows each segment's frames in turn, timing each frame
/// from the start of one `ui` call to the start of the next (so ui, tessellation, painting
/// and the buffer swap, vsync off), eframe's own CPU time of the frame, and the CPU time
/// the whole process (llvmpipe's threads too) spent per frame.
struct WindowBench {
    app: TimelineApp,
    names: Vec<&'static str>,
    segments: Vec<Segment>,
    segment: usize,
    frame: usize,
    last: Option<Instant>,
    current: Samples,
    /// The process's CPU time when the segment's first measured frame began.
    process_cpu_start: f64,
    /// Per view: its frames, and the blank frames shown beside them.
    measured: Vec<(Samples, Samples)>,
    lines: Lines,
}

/// The report lines the window benchmark hands back after its window closes.
type Lines = std::sync::Arc<std::sync::Mutex<Vec<Vec<(&'static str, String)>>>>;

/// Frames shown before a segment's measured ones (layout and galley caches settle).
const SETTLE: usize = 3;

impl WindowBench {
    /// The report: the blank window over all its frames, then each view with its ratio to
    /// the blank frames shown beside it.
    fn report(&mut self) -> Vec<Vec<(&'static str, String)>> {
        let measured = std::mem::take(&mut self.measured);
        let mut all_blank = Samples::default();
        let mut lines = Vec::new();
        for (name, (view, blank)) in self.names.iter().zip(measured) {
            let (b50, b95) = blank.p50_p95();
            all_blank.take(blank);
            let (p50, p95) = view.p50_p95();
            let mut line = view.fields(name);
            line.extend([
                ("blank_ms_p50", fmt(b50)),
                ("blank_ms_p95", fmt(b95)),
                // p50 over the p50 of the blank frames beside it (the target: at most 1.3),
                // and p95 over their p95 (at most 1.5), both measured in this run.
                ("ratio_to_blank", fmt(p50 / b50.max(1e-9))),
                ("ratio_to_blank_p95", fmt(p95 / b95.max(1e-9))),
            ]);
            lines.push(line);
        }
        let mut blank = all_blank.fields(BLANK);
        blank.extend([
            ("ratio_to_blank", fmt(1.0)),
            ("ratio_to_blank_p95", fmt(1.0)),
        ]);
        lines.insert(0, blank);
        lines
    }
}

impl eframe::App for WindowBench {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let now = Instant::now();
        if let Some(last) = self.last {
            if self.frame > SETTLE {
                self.current
                    .intervals
                    .push(now.duration_since(last).as_secs_f64() * 1000.0);
                if let Some(cpu) = frame.info().cpu_usage {
                    self.current.cpu.push(f64::from(cpu) * 1000.0);
                }
            }
        }
        self.last = Some(now);
        if self.frame == SETTLE {
            self.process_cpu_start = process_cpu_ms();
        }
        let Some(segment) = self.segments.get(self.segment) else {
            // Once: eframe may call again before the window closes.
            if !self.measured.is_empty() {
                let report = self.report();
                if let Ok(mut lines) = self.lines.lock() {
                    *lines = report;
                }
            }
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        };
        if self.frame > segment.frames.len() + SETTLE {
            let mut samples = std::mem::take(&mut self.current);
            samples.process_cpu = process_cpu_ms() - self.process_cpu_start;
            if let Some((view, blank)) = self.measured.get_mut(segment.view) {
                if segment.blank { blank } else { view }.take(samples);
            }
            self.segment += 1;
            self.frame = 0;
            self.last = None;
            ui.ctx().request_repaint();
            return;
        }
        let at = self
            .frame
            .saturating_sub(SETTLE + 1)
            .min(segment.frames.len().saturating_sub(1));
        if let Some((window, search)) = segment.frames.get(at) {
            self.app.set_window(*window);
            if let Some(text) = search {
                self.app.set_search(text);
            }
        }
        self.frame += 1;
        if segment.blank {
            ui.painter()
                .rect_filled(ui.max_rect(), 0.0, egui::Color32::from_rgb(24, 26, 30));
        } else {
            self.app.show_in_window(ui);
        }
        ui.ctx().request_repaint();
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        self.app.clear_color()
    }
}

/// Each view's frames in [`ROUNDS`] rounds, each after as many blank frames.
fn interleaved(views: &[(&'static str, Vec<WindowFrame>)]) -> Vec<Segment> {
    let mut segments = Vec::new();
    for (view, (_, frames)) in views.iter().enumerate() {
        let n = frames.len();
        for round in 0..ROUNDS {
            let part = frames
                .get(round * n / ROUNDS..(round + 1) * n / ROUNDS)
                .unwrap_or(&[])
                .to_vec();
            if part.is_empty() {
                continue;
            }
            segments.push(Segment {
                view,
                blank: true,
                frames: vec![(TimeWindow::cold_war(), None); part.len()],
            });
            segments.push(Segment {
                view,
                blank: false,
                frames: part,
            });
        }
    }
    segments
}

/// `bench --window`: the same views as [`run`], in the real eframe window (1920x1080, glow,
/// vsync off), with the full frame time per view (p50, p95) in the same JSON-lines shape.
/// Needs a display (run it under `xvfb-run -s "-screen 0 1920x1080x24"` on a server).
pub fn run_window<W: Write>(options: &BenchOptions, out: &mut W) -> std::io::Result<()> {
    let mut report = Report {
        out,
        json: options.json,
    };
    let (corpus, times, _) = load_synthetic(options.docs);
    report.line(&[
        ("view", "load".to_string()),
        ("docs", corpus.library.len().to_string()),
        ("load_ms", fmt(times.total())),
    ])?;
    let frames = options.frames.max(60);
    let mut views: Vec<(&'static str, Vec<WindowFrame>)> = views(frames)
        .into_iter()
        .map(|(name, windows)| (name, windows.into_iter().map(|w| (w, None)).collect()))
        .collect();
    let typed = "puzanov journal \"soviet ambassador\" kim";
    let prefixes: Vec<String> = typed
        .char_indices()
        .map(|(i, c)| typed[..i + c.len_utf8()].to_string())
        .collect();
    views.push((
        "search_typed",
        prefixes
            .iter()
            .cycle()
            .take(frames.max(prefixes.len()))
            .map(|t| (TimeWindow::cold_war(), Some(t.clone())))
            .collect(),
    ));
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut deps = AppDeps::corpus(corpus);
    deps.persisted.show_detail = false;
    let bench = WindowBench {
        app: TimelineApp::new(deps),
        names: views.iter().map(|(name, _)| *name).collect(),
        segments: interleaved(&views),
        segment: 0,
        frame: 0,
        last: None,
        current: Samples::default(),
        process_cpu_start: 0.0,
        measured: views.iter().map(|_| Default::default()).collect(),
        lines: std::sync::Arc::clone(&lines),
    };
    let mut native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Archive Timeline (benchmark)")
            .with_inner_size([1920.0, 1080.0]),
        renderer: eframe::Renderer::Glow,
        dithering: crate::app::DITHERING,
        persist_window: false,
        ..Default::default()
    };
    native.glow_options.vsync = false;
    eframe::run_native(
        "archive-timeline-bench",
        native,
        Box::new(move |_| Ok(Box::new(bench))),
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    let lines = lines.lock().map(|l| l.clone()).unwrap_or_default();
    for line in &lines {
        report.line(line)?;
    }
    let (rss, peak) = rss_mb();
    report.line(&[
        ("view", "memory".to_string()),
        ("rss_mb", fmt(rss)),
        ("peak_rss_mb", fmt(peak)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_view_is_shown_in_rounds_each_after_as_many_blank_frames() {
        let day = |d: f64| (TimeWindow::new(d, d + 1.0), None);
        let views = vec![
            ("a", (0..10).map(|d| day(f64::from(d))).collect()),
            ("b", vec![day(0.0), day(1.0)]),
        ];
        let segments = interleaved(&views);
        let a: Vec<&Segment> = segments.iter().filter(|s| s.view == 0).collect();
        assert_eq!(a.len(), 2 * ROUNDS);
        for pair in a.chunks(2) {
            assert!(pair[0].blank && !pair[1].blank);
            assert_eq!(pair[0].frames.len(), pair[1].frames.len());
        }
        // The view's frames, in order, each once.
        let shown: Vec<f64> = a
            .iter()
            .filter(|s| !s.blank)
            .flat_map(|s| s.frames.iter().map(|(w, _)| w.start))
            .collect();
        assert_eq!(shown, (0..10).map(f64::from).collect::<Vec<_>>());
        // Fewer frames than rounds: no empty rounds.
        let b: Vec<&Segment> = segments.iter().filter(|s| s.view == 1).collect();
        assert_eq!(b.len(), 4);
        assert!(b.iter().all(|s| s.frames.len() == 1));
    }
}
