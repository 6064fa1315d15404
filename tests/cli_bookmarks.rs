//! `archive-timeline bookmarks ...` as a teacher's script would use it.

use std::path::Path;
use std::process::{Command, Output};

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("binary runs")
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn add_list_export_remove() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let out = run(
        d,
        &[
            "bookmarks",
            "add",
            "wcda-110485",
            "--note",
            "Military aid, 1962",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text(&out).starts_with("bookmarked wcda-110485: Memorandum of Conversation"));

    let list = text(&run(d, &["bookmarks", "list"]));
    assert_eq!(
        list,
        "wcda-110485\t1962-08-14\tMemorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung\tMilitary aid, 1962\n"
    );

    let bib = text(&run(d, &["bookmarks", "export", "--format", "bibtex"]));
    assert!(bib.contains("@unpublished{"), "{bib}");
    assert!(
        bib.contains("url = {https://digitalarchive.wilsoncenter.org/document/110485}"),
        "{bib}"
    );
    assert!(bib.contains("Military aid, 1962"), "{bib}");

    let md = text(&run(d, &["bookmarks", "export", "--format", "md"]));
    assert!(md.contains("Military aid, 1962"), "{md}");

    let csl: serde_json::Value =
        serde_json::from_slice(&run(d, &["bookmarks", "export", "--format", "csljson"]).stdout)
            .expect("CSL-JSON parses");
    assert_eq!(
        csl[0]["URL"],
        "https://digitalarchive.wilsoncenter.org/document/110485"
    );

    let out = run(d, &["bookmarks", "remove", "wcda-110485"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&run(d, &["bookmarks", "list"])), "");
    assert!(
        d.join("bookmarks.ron.bak").exists(),
        "the previous version is kept"
    );
}

#[test]
fn unknown_ids_and_missing_bookmarks_fail_with_a_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["bookmarks", "add", "doc-0000000000000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no document with id doc-0000000000000000")
    );
    let out = run(dir.path(), &["bookmarks", "remove", "wcda-1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wcda-1 is not bookmarked"));
}

#[test]
fn a_damaged_file_is_kept_aside_and_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bookmarks.ron"),
        "(version: 1, bookmarks: {\"x\": (",
    )
    .expect("write");
    let out = run(dir.path(), &["bookmarks", "list"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("is damaged"), "{err}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("bookmarks.ron.damaged-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    let kept = std::fs::read_to_string(aside[0].path()).expect("read");
    assert_eq!(kept, "(version: 1, bookmarks: {\"x\": (");
}

/// Notes with NUL, ESC, tabs and newlines, and a title-like formula: `list` keeps one line per
/// bookmark with no control character, CSV cells are inert, Markdown carries no ESC.
#[test]
fn hostile_notes_stay_on_their_line_and_out_of_formulas() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let note = "=HYPERLINK(\"http://evil\",\"x\")\tcol\nline two\u{1b}[31mred\u{0}end";
    // A NUL cannot pass through argv: the note is saved through the library, as the app would.
    let seeds = archive_timeline::ingest::load_seeds().library;
    let doc = seeds
        .find(&archive_timeline::model::DocId("wcda-110485".into()))
        .expect("seed 004");
    archive_timeline::bookmarks::BookmarkStore::open(d)
        .add(archive_timeline::bookmarks::Bookmark::from_document(
            doc, note,
        ))
        .expect("saved");
    let list = text(&run(d, &["bookmarks", "list"]));
    assert_eq!(list.lines().count(), 1, "{list:?}");
    let fields: Vec<&str> = list.trim_end_matches('\n').split('\t').collect();
    assert_eq!(fields.len(), 4, "{list:?}");
    assert!(!list.contains('\u{1b}') && !list.contains('\u{0}'));
    assert!(
        fields[3].starts_with("=HYPERLINK"),
        "the note itself, on one line"
    );

    let csv = text(&run(d, &["bookmarks", "export", "--format", "csv"]));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let row = reader.records().next().expect("a row").expect("parses");
    let note_cell = row.iter().find(|c| c.contains("HYPERLINK")).expect("note");
    assert!(note_cell.starts_with("'="), "{note_cell:?}");
    assert!(!note_cell.contains('\u{1b}') && !note_cell.contains('\u{0}'));

    let md = text(&run(d, &["bookmarks", "export", "--format", "md"]));
    assert!(!md.contains('\u{1b}') && !md.contains('\u{0}'), "{md:?}");
}

/// `bookmarks list` lists what it recovered but exits 1 when it had to move a damaged file.
#[test]
fn list_exits_non_zero_after_moving_a_damaged_file_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for id in ["wcda-110485", "wcda-110485"] {
        assert_eq!(run(d, &["bookmarks", "add", id]).status.code(), Some(0));
    }
    std::fs::write(d.join("bookmarks.ron"), "(version: 1, bookmarks: {\"wc").expect("damage");
    let out = run(d, &["bookmarks", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("damaged") && err.contains("moved"), "{err}");
    // Next time the file is simply missing and the backup is taken again: not a failure.
    let out = run(d, &["bookmarks", "list"]);
    assert_eq!(out.status.code(), Some(0));
}
