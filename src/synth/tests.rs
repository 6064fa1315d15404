use super::*;
use crate::ingest::{load_paths, load_texts, Loaded};
use crate::model::{DocDate, Precision};
use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Instant;

fn load(docs: usize) -> (Vec<SynthPage>, Loaded) {
    let pages: Vec<SynthPage> = pages(docs).collect();
    let texts: Vec<(&str, &str)> = pages
        .iter()
        .map(|p| (p.name.as_str(), p.text.as_str()))
        .collect();
    let loaded = load_texts(&texts);
    (pages, loaded)
}

/// The 20,000-document corpus, generated and loaded once for all the tests that read it.
fn twenty_thousand() -> &'static (Vec<SynthPage>, Loaded) {
    static CORPUS: OnceLock<(Vec<SynthPage>, Loaded)> = OnceLock::new();
    CORPUS.get_or_init(|| load(20_000))
}

fn assert_clean(loaded: &Loaded) {
    assert_eq!(loaded.failed_files(), 0);
    let first: Vec<String> = loaded
        .diagnostics()
        .take(5)
        .map(|d| d.to_string())
        .collect();
    assert!(first.is_empty(), "diagnostics: {first:#?}");
}

fn share(count: usize, of: usize) -> f64 {
    count as f64 / of as f64
}

#[test]
fn same_size_gives_identical_pages() {
    let one: Vec<SynthPage> = pages(2500).collect();
    let two: Vec<SynthPage> = pages(2500).collect();
    assert_eq!(one, two);
    assert_ne!(one, pages(2501).collect::<Vec<_>>());
    assert_eq!(one[0].name, "synth/page_000000.txt");
}

#[test]
fn pages_start_like_the_archive_pages() {
    let first = pages(30).next().map(|p| p.text).unwrap_or_default();
    assert!(
        first.starts_with("Skip to content\n\nResults:\n\n1 - 10 of 30\n\nDocuments\n\n"),
        "{first}"
    );
    assert!(first.ends_with("\n\nPagination"));
}

#[test]
fn parsing_gives_exactly_the_requested_documents() {
    for docs in [1, 10, 1000] {
        let (pages, loaded) = load(docs);
        assert_clean(&loaded);
        assert_eq!(loaded.library.len(), docs, "{docs} documents asked");
        assert!(
            pages.iter().all(|p| p.name.starts_with("synth/page_")),
            "names"
        );
    }
    let (pages, loaded) = twenty_thousand();
    assert_clean(loaded);
    assert_eq!(loaded.library.len(), 20_000);
    assert_eq!(loaded.files.len(), pages.len());
    assert_eq!(super::pages(0).count(), 0);
}

#[test]
fn small_and_odd_sizes_are_exact_too() {
    for docs in (1..=130).chain([199, 200, 201, 509, 1990, 1999, 2011]) {
        let (_, loaded) = load(docs);
        assert_clean(&loaded);
        assert_eq!(loaded.library.len(), docs, "{docs} documents asked");
    }
}

#[test]
fn every_page_range_holds_its_entries_and_totals_agree() {
    let (_, loaded) = load(5003);
    let ranges: Vec<_> = loaded.files.iter().filter_map(|f| f.range).collect();
    let total = ranges[0].total;
    assert!(ranges.iter().all(|r| r.total == total));
    let held: u64 = ranges.iter().map(|r| r.expected()).sum();
    assert_eq!(held, total);
    assert!(ranges[..ranges.len() - 1]
        .iter()
        .all(|r| r.expected() == ENTRIES_PER_PAGE as u64));
}

#[test]
fn precision_mix_and_date_spread_are_the_archive_s() {
    let (_, loaded) = twenty_thousand();
    let docs = loaded.library.docs();
    let n = docs.len();
    let count = |p: Precision| docs.iter().filter(|d| d.precision() == p).count();
    let day = share(count(Precision::Day), n);
    let month = share(count(Precision::Month), n);
    let year = share(count(Precision::Year), n);
    let undated = share(count(Precision::Undated), n);
    assert!((0.83..=0.87).contains(&day), "day {day}");
    assert!((0.06..=0.08).contains(&month), "month {month}");
    assert!((0.04..=0.06).contains(&year), "year {year}");
    assert!((0.025..=0.035).contains(&undated), "undated {undated}");
    assert!(docs
        .iter()
        .any(|d| d.date_text.contains(", ") && d.precision() == Precision::Month));

    let years: Vec<i32> = docs.iter().filter_map(|d| d.date.year()).collect();
    let in_years = |from: i32, to: i32| years.iter().filter(|y| (from..=to).contains(*y)).count();
    let outside = share(years.len() - in_years(1945, 1996), years.len());
    assert!(
        (0.0005..=0.005).contains(&outside),
        "outside 1945-1996 {outside}"
    );
    let core = share(in_years(1949, 1962), years.len());
    assert!(core > 0.5, "1949-1962 holds {core}");
    let sept_1956 = docs
        .iter()
        .filter(|d| matches!(d.date, DocDate::Day(_) | DocDate::Month { .. }))
        .filter(|d| d.date.iso().is_some_and(|iso| iso.starts_with("1956-09")))
        .count();
    let per_month = share(in_years(1945, 1996), 52 * 12) as usize;
    assert!(sept_1956 > 5 * per_month, "September 1956: {sept_1956}");
}

#[test]
fn repeats_are_about_two_percent_and_exact_copies() {
    let (pages, loaded) = twenty_thousand();
    let library = &loaded.library;
    let document_pages = loaded.files.iter().filter(|f| f.document_page).count();
    let repeats = library.listing_count() - library.len() - document_pages;
    let rate = share(repeats, library.len());
    assert!((0.015..=0.025).contains(&rate), "repeats {rate}");
    let twice = library
        .docs()
        .iter()
        .filter(|d| d.sources.len() >= 2)
        .count();
    assert!(twice >= repeats);
    // A repeat is a later, separate page's exact copy: never two listings on one page.
    for doc in library.docs() {
        let mut files: Vec<&str> = doc.sources.iter().map(|s| &*s.file).collect();
        files.dedup();
        assert_eq!(files.len(), doc.sources.len(), "{}", doc.title);
    }
    // Every listing of a repeated document shows its date, title and summary verbatim.
    let texts: HashMap<&str, Vec<&str>> = pages
        .iter()
        .map(|p| (p.name.as_str(), p.text.lines().collect()))
        .collect();
    let repeated = library.docs().iter().filter(|d| d.record_id().is_none());
    for doc in repeated.filter(|d| d.sources.len() >= 2) {
        for source in &doc.sources {
            let lines = &texts[&*source.file];
            let at = source.line - 1;
            assert_eq!(lines[at], doc.date_text);
            assert_eq!(lines[at + 2], doc.title);
            if !doc.summary.is_empty() {
                assert_eq!(lines[at + 4], doc.summary);
            }
        }
    }
}

#[test]
fn document_pages_are_one_in_two_hundred_and_join_their_listing() {
    let (pages, loaded) = twenty_thousand();
    let document_pages: Vec<&SynthPage> = pages
        .iter()
        .filter(|p| p.text.contains("\nCitation:\n"))
        .collect();
    assert_eq!(document_pages.len(), pages.len() / 200);
    let with_record: Vec<_> = loaded
        .library
        .docs()
        .iter()
        .filter(|d| d.record_id().is_some())
        .collect();
    assert_eq!(with_record.len(), document_pages.len());
    for doc in with_record {
        assert!(doc.sources.len() >= 2, "joined its listing: {}", doc.title);
        assert!(doc
            .url()
            .is_some_and(|u| u.starts_with("https://digitalarchive.wilsoncenter.org/document/")));
        assert_eq!(doc.contents(), Some("Translation - English"));
        let paragraphs = doc.full_text().unwrap_or("").split("\n\n").count();
        assert!((3..=9).contains(&paragraphs), "{paragraphs} paragraphs");
        assert!(doc.language().is_some() && doc.archive_ref().is_some() && doc.credit().is_some());
    }
}

#[test]
fn titles_and_summaries_have_realistic_lengths() {
    let (_, loaded) = twenty_thousand();
    let docs = loaded.library.docs();
    let titles: Vec<usize> = docs.iter().map(|d| d.title.chars().count()).collect();
    assert!(titles.iter().all(|l| (40..=160).contains(l)));
    let mean_title = share(titles.iter().sum(), titles.len());
    assert!(
        (70.0..=90.0).contains(&mean_title),
        "title mean {mean_title}"
    );

    let summaries: Vec<usize> = docs
        .iter()
        .filter(|d| !d.summary.is_empty())
        .map(|d| d.summary.chars().count())
        .collect();
    assert!(summaries.iter().all(|l| (150..=450).contains(l)));
    let mean_summary = share(summaries.iter().sum(), summaries.len());
    assert!(
        (280.0..=320.0).contains(&mean_summary),
        "summary mean {mean_summary}"
    );
    let without = share(docs.len() - summaries.len(), docs.len());
    assert!(
        (0.065..=0.095).contains(&without),
        "without summary {without}"
    );
}

#[test]
fn every_template_fills_every_slot() {
    let mut rng = Rng::new(7);
    let scene = Scene::draw(SynthDate::Undated, &mut rng);
    let all = [
        TITLE_TEMPLATES,
        SUMMARY_SENTENCES,
        FULL_TEXT_SENTENCES,
        REPORT_SUBJECTS,
        ARCHIVE_REFERENCES,
        &[PLAIN_TITLE],
    ];
    for template in all.iter().flat_map(|t| t.iter()) {
        let mut rest = *template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap_or(after.len());
            let mut sink = String::new();
            assert!(
                scene.fill(&after[..close], &mut rng, &mut sink),
                "{template}"
            );
            rest = after.get(close + 1..).unwrap_or("");
        }
        let mut out = String::new();
        scene.render(template, &mut rng, &mut out);
        assert!(!out.contains(['{', '}', '\n']), "{out}");
    }
    for sentence in SUMMARY_SENTENCES {
        for _ in 0..50 {
            let mut out = String::new();
            scene.render(sentence, &mut rng, &mut out);
            assert!(char_len(&out) < 300, "{out}");
        }
    }
}

#[test]
fn merge_key_agrees_with_fold() {
    let date = SynthDate::Year(1956);
    for (a, b) in [
        ("Kim Il Sung's  Letter", "kim il sung s letter"),
        ("  -Władysław Gomułka-", "wladyslaw gomulka"),
        ("Pak Deok-hwan", "PAK DEOK HWAN"),
    ] {
        assert_eq!(fold(a), fold(b));
        assert_eq!(merge_key(date, a, "x"), merge_key(date, b, "x"));
    }
    assert_ne!(merge_key(date, "ab", "c"), merge_key(date, "a", "bc"));
    assert_ne!(
        merge_key(date, "a", ""),
        merge_key(SynthDate::Year(1957), "a", "")
    );
}

#[test]
fn write_corpus_round_trips_through_load_paths() -> std::io::Result<()> {
    let dir = tempfile::tempdir()?;
    let out = dir.path().join("corpus");
    let docs = 11_000;
    let written = write_corpus(docs, &out)?;
    assert_eq!(written, pages(docs).count());
    let mut folders = 0;
    for folder in std::fs::read_dir(&out)? {
        let files = std::fs::read_dir(folder?.path())?.count();
        assert!(files <= FILES_PER_FOLDER, "{files} files in one folder");
        folders += 1;
    }
    assert_eq!(folders, written.div_ceil(FILES_PER_FOLDER));
    let loaded = load_paths(&[out]);
    assert_clean(&loaded);
    assert_eq!(loaded.files.len(), written);
    assert_eq!(loaded.library.len(), docs);
    Ok(())
}

/// `cargo test --release -- --ignored --nocapture generation_speed`
#[test]
#[ignore]
fn generation_speed_for_a_million_documents() {
    let start = Instant::now();
    let (mut files, mut bytes) = (0usize, 0usize);
    for page in pages(1_000_000) {
        files += 1;
        bytes += page.text.len();
    }
    let elapsed = start.elapsed();
    println!(
        "1,000,000 documents: {files} pages, {:.1} MB in {:.2} s ({:.0} MB/s)",
        bytes as f64 / 1e6,
        elapsed.as_secs_f64(),
        bytes as f64 / 1e6 / elapsed.as_secs_f64()
    );
}
