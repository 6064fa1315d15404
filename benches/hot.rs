//! Criterion benchmarks of the hot pieces: parsing pages, merging, laying out a lane
//! (stacking and clustering) and binning density. `cargo bench`; figures only, no asserts.

use archive_timeline::ingest;
use archive_timeline::synth;
use archive_timeline::themes::ThemeSet;
use archive_timeline::timeline::days::year_start;
use archive_timeline::timeline::layout::layout_lane;
use archive_timeline::timeline::{LaneIndex, LayoutParams, TimeScale, TimeWindow};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn pages(docs: usize) -> Vec<synth::SynthPage> {
    synth::pages(docs).collect()
}

/// Each page as the readers take it: (name, text).
fn named_texts(pages: &[synth::SynthPage]) -> Vec<(&str, &str)> {
    pages
        .iter()
        .map(|p| (p.name.as_str(), p.text.as_str()))
        .collect()
}

fn parse(c: &mut Criterion) {
    let pages = pages(10_000);
    let refs = named_texts(&pages);
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse 10k docs", |b| {
        b.iter(|| ingest::parse_texts(black_box(&refs)))
    });
    group.bench_function("parse + merge 10k docs", |b| {
        b.iter(|| ingest::load_texts(black_box(&refs)))
    });
    group.finish();
}

fn layout(c: &mut Criterion) {
    let pages = pages(100_000);
    let refs = named_texts(&pages);
    let loaded = ingest::load_texts(&refs);
    let library = loaded.library;
    let lane = LaneIndex::build(&library, 0..library.len());
    let titles = |d: usize| library.get(d).map_or(0, |doc| doc.title.len());
    let params = LayoutParams::default();
    let mut group = c.benchmark_group("layout 100k docs in one lane");
    for (name, window) in [
        ("whole span (density)", TimeWindow::cold_war()),
        (
            "a month of 1975 (clusters)",
            TimeWindow::new(year_start(1975), year_start(1975) + 31.0),
        ),
        (
            "a week of 1975 (stacking)",
            TimeWindow::new(year_start(1975) + 60.0, year_start(1975) + 67.0),
        ),
    ] {
        let scale = TimeScale::new(window, 0.0, 1400.0);
        group.bench_function(name, |b| {
            b.iter(|| layout_lane(black_box(&lane), titles, black_box(&scale), &params))
        });
    }
    group.finish();
}

/// Classifying a library under the bundled themes: folding each document's title, summary
/// and full text, then one scan of the theme automaton over it.
fn classify(c: &mut Criterion) {
    let pages = pages(100_000);
    let refs = named_texts(&pages);
    let library = ingest::load_texts(&refs).library;
    let themes = ThemeSet::builtin();
    let texts: Vec<&str> = library
        .docs()
        .iter()
        .flat_map(|d| [d.title.as_str(), d.summary.as_str()])
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut group = c.benchmark_group("themes");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("fold 100k titles and summaries", |b| {
        let mut out = String::new();
        b.iter(|| {
            for text in &texts {
                out.clear();
                archive_timeline::text::push_folded(black_box(text), &mut out);
            }
            out.len()
        })
    });
    group.bench_function("classify 100k docs", |b| {
        b.iter(|| themes.classify(black_box(&library)))
    });
    group.finish();
}

criterion_group!(benches, parse, layout, classify);
criterion_main!(benches);
