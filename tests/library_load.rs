//! Loading folders of pages: counts, merges and diagnostics, cancelled loads, the remembered
//! library.

mod support;

use archive_timeline::ingest::{load_sources, Progress, Severity, SourceList};
use archive_timeline::sources::RememberedLibrary;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use support::seeds_dir as seeds;

/// A folder holding the seeds, a copy of them in another order, an empty file, a binary file
/// and a file with impossible dates.
fn messy_folder(dir: &Path) {
    let a = dir.join("a");
    let b = dir.join("b");
    std::fs::create_dir_all(&a).expect("mkdir");
    std::fs::create_dir_all(&b).expect("mkdir");
    let mut names: Vec<_> = std::fs::read_dir(seeds())
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    for (i, p) in names.iter().enumerate() {
        std::fs::copy(p, a.join(p.file_name().expect("name"))).expect("copy");
        std::fs::copy(p, b.join(format!("{}_copy.txt", names.len() - i))).expect("copy");
    }
    std::fs::write(dir.join("empty.txt"), "").expect("write");
    std::fs::write(dir.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    std::fs::write(
        dir.join("dates.txt"),
        "September 31, 1956\n\nA telegram\n\nFebruary 30, 1950\n\nAnother\n",
    )
    .expect("write");
}

#[test]
fn a_messy_folder_loads_merges_and_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    messy_folder(dir.path());
    let progress = Progress::default();
    let loaded = load_sources(
        &SourceList {
            seeds: false,
            paths: vec![dir.path().to_path_buf()],
        },
        &progress,
    );
    // 10 page files + 3 odd files.
    assert_eq!(loaded.files.len(), 13);
    // The seeds' 39 documents (each listed twice as often) and the two impossible-date records.
    assert_eq!(loaded.library.len(), 41);
    assert_eq!(loaded.library.listing_count(), 84);
    let ponomarev = loaded
        .library
        .docs()
        .iter()
        .find(|d| d.title == "Telegram from Ponomarev to the CPSU Central Committee")
        .expect("Ponomarev");
    assert_eq!(
        ponomarev.sources.len(),
        4,
        "listed in 000 and 001, twice each"
    );
    let memo = loaded
        .library
        .docs()
        .iter()
        .find(|d| d.id.as_str() == "wcda-110485")
        .expect("seed 004");
    assert_eq!(memo.sources.len(), 2);
    assert_eq!(loaded.failed_files(), 2);
    let errors: Vec<String> = loaded
        .diagnostics()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors
        .iter()
        .any(|e| e.contains("empty.txt: error: empty file")));
    assert!(errors
        .iter()
        .any(|e| e.contains("binary.txt: error: binary file")));
    let warnings: Vec<String> = loaded
        .diagnostics()
        .filter(|d| d.severity == Severity::Warning)
        .map(ToString::to_string)
        .collect();
    assert!(warnings
        .iter()
        .any(|w| w.contains("dates.txt:1: warning: September 31, 1956 is not a date")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("dates.txt:5: warning: February 30, 1950 is not a date")));
    assert_eq!(progress.files_done.load(Ordering::Relaxed), 13);
    assert_eq!(progress.files_total.load(Ordering::Relaxed), 13);
}

#[test]
fn a_cancelled_load_holds_whole_files_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..400 {
        let text = format!(
            "1 - 2 of 2\n\nMay {}, 1950\n\nTelegram number {i}\n\nSummary {i}.\n\nJune {}, 1951\n\nReport number {i}\n",
            i % 28 + 1,
            i % 28 + 1
        );
        std::fs::write(dir.path().join(format!("page_{i:04}.txt")), text).expect("write");
    }
    let progress = std::sync::Arc::new(Progress::default());
    let canceller = std::sync::Arc::clone(&progress);
    let stop = std::thread::spawn(move || {
        while canceller.files_done.load(Ordering::Relaxed) < 20 {
            std::thread::yield_now();
        }
        canceller.cancel.store(true, Ordering::Relaxed);
    });
    let loaded = load_sources(
        &SourceList {
            seeds: true,
            paths: vec![dir.path().to_path_buf()],
        },
        &progress,
    );
    stop.join().expect("canceller");
    let read: usize = loaded.files.iter().map(|f| f.entries).sum();
    // Every file in the library is whole: its entries are all there, and nothing else is.
    assert_eq!(loaded.library.listing_count(), read);
    assert!(loaded
        .files
        .iter()
        .filter(|f| !f.failed)
        .all(|f| f.entries == 2 || f.file.starts_with("seeds/")));
    assert_eq!(loaded.files.len() + loaded.skipped, 405);
    assert!(loaded.skipped > 0, "the load stopped early");
}

#[test]
fn the_remembered_library_comes_back_and_a_vanished_folder_is_reported() {
    let data = tempfile::tempdir().expect("temp dir");
    let pages = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        seeds().join("003_21b55c225223fe86.txt"),
        pages.path().join("p.txt"),
    )
    .expect("copy");
    let mut lib = RememberedLibrary {
        include_seeds: false,
        ..RememberedLibrary::default()
    };
    lib.add(&[
        pages.path().to_path_buf(),
        PathBuf::from("/nonexistent/moved-away"),
    ]);
    lib.save(data.path()).expect("saves");

    let (back, problem) = RememberedLibrary::load(data.path());
    assert!(problem.is_none());
    let loaded = load_sources(&back.sources(), &Progress::default());
    assert_eq!(loaded.library.len(), 10);
    let missing: Vec<String> = loaded.diagnostics().map(ToString::to_string).collect();
    assert_eq!(
        missing,
        vec!["/nonexistent/moved-away: error: no such file or folder".to_string()]
    );
}
