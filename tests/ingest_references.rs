//! Reference files (CSL-JSON, RIS, BibTeX, CSV) read into documents, merged with the pages
//! that list the same records, and this app's own exports read back as the same documents.

use archive_timeline::bookmarks::export::{export, ExportFormat};
use archive_timeline::bookmarks::Bookmark;
use archive_timeline::ingest::{load_paths, load_seeds, load_texts, read_bytes, Format, Loaded};
use archive_timeline::model::{DocDate, Document};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/references")
        .join(name)
}

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn find<'a>(loaded: &'a Loaded, title: &str) -> &'a Document {
    loaded
        .library
        .docs()
        .iter()
        .find(|d| d.title == title)
        .unwrap_or_else(|| panic!("no document titled {title:?}"))
}

#[test]
fn every_format_is_recognised_by_content() {
    for (name, format, count) in [
        ("zotero.json", Format::CslJson, 4),
        ("zotero.ris", Format::Ris, 2),
        ("archive_114213.ris", Format::Ris, 1),
        ("zotero.bib", Format::Bibtex, 2),
        ("timelinejs.csv", Format::Csv, 2),
        ("scraper.csv", Format::Csv, 2),
    ] {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        // Named .txt: the content decides.
        let (report, _) = read_bytes("renamed.txt", &bytes);
        assert_eq!(report.format, Some(format), "{name}");
        assert_eq!(report.entries, count, "{name}: {:?}", report.diagnostics);
        assert!(!report.failed, "{name}");
    }
}

#[test]
fn zotero_items_merge_with_the_pages_that_list_them() {
    let loaded = load_paths(&[seeds(), fixture("zotero.json")]);
    // The memorandum (record id 110485) and the CPSU decision (date + title) are known from the
    // seeds; the undated note and the circa memorandum are new.
    assert_eq!(loaded.library.len(), 41);
    let memo = loaded
        .library
        .docs()
        .iter()
        .find(|d| d.id.as_str() == "wcda-110485")
        .expect("memo");
    assert_eq!(
        memo.sources.len(),
        2,
        "remembers the page and the Zotero item"
    );
    assert!(memo
        .sources
        .iter()
        .any(|s| s.file.ends_with("zotero.json") && s.line == 2));
    assert_eq!(memo.authors(), ["Moskovsky, Vasily"]);
    assert_eq!(memo.subjects().len(), 3);
    assert_eq!(
        memo.citation().map(|c| c.starts_with("\"Memorandum")),
        Some(true),
        "the page's fields stay"
    );
    let decision = find(&loaded, "CPSU Central Committee Decision");
    assert_eq!(
        decision.sources.len(),
        3,
        "two seed listings and the Zotero item"
    );
    let note = find(
        &loaded,
        "Note on Certain Characteristics of Western Trade Developments for 1966",
    );
    assert_eq!(note.date, DocDate::Undated);
    assert_eq!(note.date_text, "undated");
    let circa = find(&loaded, "Memorandum on the Hungarian Events");
    assert_eq!(
        circa.edtf().map(|e| e.to_string()).as_deref(),
        Some("1956~")
    );
}

#[test]
fn ris_bibtex_and_csv_fields_land_where_they_belong() {
    let loaded = load_paths(&[
        fixture("zotero.ris"),
        fixture("archive_114213.ris"),
        fixture("zotero.bib"),
        fixture("timelinejs.csv"),
        fixture("scraper.csv"),
    ]);
    let statement = find(&loaded, "Statement on Security Guarantees to Ukraine");
    assert_eq!(
        statement.date,
        DocDate::Month {
            year: 1993,
            month: 7
        }
    );
    assert_eq!(statement.subjects(), ["Nuclear weapons", "Ukraine"]);
    assert_eq!(statement.archive_ref(), Some("Fond 1, opis 2"));
    let suzdalev = find(&loaded, "Ciphered Telegram from Suzdalev");
    assert_eq!(suzdalev.places(), ["Pyongyang"]);
    assert_eq!(suzdalev.authors(), ["Suzdalev, Sergei"]);
    // The archive's RIS and Zotero's BibTeX name the same record id: one document.
    let mikoyan: Vec<&Document> = loaded
        .library
        .docs()
        .iter()
        .filter(|d| d.id.as_str() == "wcda-114213")
        .collect();
    assert_eq!(mikoyan.len(), 1);
    assert_eq!(mikoyan[0].sources.len(), 2);
    assert_eq!(mikoyan[0].date.iso().as_deref(), Some("1956-09-17"));
    let beria = find(&loaded, "L. Beria to Cde. V.M. Molotov");
    assert_eq!(beria.date.iso().as_deref(), Some("1945-10-05"));
    assert_eq!(beria.archive_ref(), Some("GARF, fond R-9401"));
    let plan = find(&loaded, "Plan for Economic Cooperation");
    assert_eq!(
        plan.edtf().map(|e| e.to_string()).as_deref(),
        Some("1956/1957")
    );
    assert_eq!(plan.subjects(), ["Economy"]);
    let scraped = loaded
        .library
        .docs()
        .iter()
        .find(|d| d.id.as_str() == "wcda-110485")
        .expect("scraped memo");
    assert_eq!(scraped.people(), ["Kim, Il Sung", "Moskovsky, Vasily"]);
    assert_eq!(
        scraped.full_text(),
        Some("[I] paid a visit to comrade Kim II Sung.")
    );
    let scraper_report = loaded
        .files
        .iter()
        .find(|f| f.file.ends_with("scraper.csv"))
        .expect("report");
    let unknown: Vec<_> = scraper_report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("columns not read"))
        .collect();
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0].message.contains("scraped_at"));
}

/// What `bookmarks export --format csljson|ris|bibtex` writes reads back as the same
/// documents: id, date, precision, title, summary, url.
#[test]
fn bookmark_exports_read_back_as_the_same_documents() {
    let seeds = load_seeds();
    let marks: Vec<Bookmark> = seeds
        .library
        .docs()
        .iter()
        .map(|d| Bookmark::from_document(d, "a note"))
        .collect();
    let refs: Vec<&Bookmark> = marks.iter().collect();
    for format in [
        ExportFormat::CslJson,
        ExportFormat::Ris,
        ExportFormat::Bibtex,
    ] {
        let text = export(&refs, format);
        let name = format!("bookmarks.{}", format.extension());
        let back = load_texts(&[(name.as_str(), text.as_str())]);
        assert_eq!(back.library.len(), seeds.library.len(), "{format:?}");
        for d in seeds.library.docs() {
            let b = back
                .library
                .find(&d.id)
                .unwrap_or_else(|| panic!("{format:?}: {} ({}) not read back", d.id, d.title));
            let key = |x: &Document| {
                (
                    x.date,
                    x.precision(),
                    x.title.clone(),
                    x.summary.clone(),
                    x.url().map(str::to_string),
                )
            };
            assert_eq!(key(b), key(d), "{format:?}: {}", d.id);
        }
        // And loaded with the pages, each is the page's document, listed once more.
        let both = load_texts(&[
            (
                archive_timeline::ingest::SEEDS[0].0,
                archive_timeline::ingest::SEEDS[0].1,
            ),
            (
                archive_timeline::ingest::SEEDS[1].0,
                archive_timeline::ingest::SEEDS[1].1,
            ),
            (
                archive_timeline::ingest::SEEDS[2].0,
                archive_timeline::ingest::SEEDS[2].1,
            ),
            (
                archive_timeline::ingest::SEEDS[3].0,
                archive_timeline::ingest::SEEDS[3].1,
            ),
            (
                archive_timeline::ingest::SEEDS[4].0,
                archive_timeline::ingest::SEEDS[4].1,
            ),
            (name.as_str(), text.as_str()),
        ]);
        assert_eq!(both.library.len(), 39, "{format:?}");
        assert_eq!(both.library.listing_count(), 41 + 39, "{format:?}");
    }
}

/// `export --format json` (and csv) of this app reads back too.
#[test]
fn the_apps_own_json_and_csv_exports_read_back() {
    let seeds = load_seeds();
    for format in [
        archive_timeline::export::Format::Json,
        archive_timeline::export::Format::Csv,
    ] {
        let mut out = Vec::new();
        archive_timeline::export::write(&mut out, &seeds.library, format, |_| vec![])
            .expect("writes");
        let name = if format == archive_timeline::export::Format::Json {
            "export.json"
        } else {
            "export.csv"
        };
        let (report, _) = read_bytes(name, &out);
        assert_eq!(report.entries, 39, "{name}: {:?}", report.diagnostics);
        let text = String::from_utf8(out).expect("utf8");
        let back = load_texts(&[(name, text.as_str())]);
        for d in seeds.library.docs() {
            let b = back
                .library
                .find(&d.id)
                .unwrap_or_else(|| panic!("{name}: {} lost", d.id));
            assert_eq!(
                (b.date, &b.title, &b.summary),
                (d.date, &d.title, &d.summary)
            );
        }
    }
}
