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
        d.join("workspace.ron.bak").exists(),
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
    archive_timeline::workspace::BookmarkStore::open(d)
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
    std::fs::write(d.join("workspace.ron"), "(version: 1, collections: [(\"St").expect("damage");
    let out = run(d, &["bookmarks", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("damaged") && err.contains("moved"), "{err}");
    // Next time the file is simply missing and the backup is taken again: not a failure.
    let out = run(d, &["bookmarks", "list"]);
    assert_eq!(out.status.code(), Some(0));
}

/// `bookmarks export --format timelinejs` writes what TimelineJS3 needs: a title slide,
/// events with a `start_date` holding only the parts the document's precision has, a headline,
/// the summary / note / link text, the lane as `group` and the date as written; era presets
/// as eras. `timelinejs-csv` writes the same rows in the Google Sheets template's columns.
#[test]
fn timelinejs_export_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    for (id, note) in [
        ("wcda-110485", "Military aid"),
        ("doc-be4ed8ad0169435f", "Month only"),
        ("doc-6b067be1bd251859", ""),
    ] {
        let out = run(d, &["bookmarks", "add", id, "--note", note]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(d, &["bookmarks", "export", "--format", "timelinejs"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(json["title"]["text"]["headline"].is_string(), "title slide");
    let events = json["events"].as_array().expect("events");
    assert_eq!(events.len(), 3);
    for e in events {
        // What TimelineJS3 refuses to load without: a start_date with a numeric year, and
        // a text object (headline or text).
        let start = e["start_date"].as_object().expect("start_date");
        assert!(start["year"].is_i64(), "{e}");
        assert!(e["text"]["headline"]
            .as_str()
            .is_some_and(|h| !h.is_empty()));
        assert!(
            e["group"].as_str().is_some_and(|g| !g.is_empty()),
            "every event has its lane: {e}"
        );
        assert!(e["display_date"].is_string());
        for key in start.keys() {
            assert!(["year", "month", "day"].contains(&key.as_str()), "{key}");
        }
    }
    let by_headline = |needle: &str| {
        events
            .iter()
            .find(|e| {
                e["text"]["headline"]
                    .as_str()
                    .is_some_and(|h| h.contains(needle))
            })
            .unwrap_or_else(|| panic!("an event titled {needle}"))
    };
    let day = &by_headline("Vasily Moskovsky")["start_date"];
    assert_eq!(
        (
            day["year"].as_i64(),
            day["month"].as_i64(),
            day["day"].as_i64()
        ),
        (Some(1962), Some(8), Some(14))
    );
    let text = by_headline("Vasily Moskovsky")["text"]["text"]
        .as_str()
        .expect("text");
    assert!(
        text.contains("Military aid")
            && text.contains("digitalarchive.wilsoncenter.org/document/110485"),
        "{text}"
    );
    let month = by_headline("Security Guarantees to Ukraine")["start_date"]
        .as_object()
        .expect("date");
    assert_eq!(
        month.get("month").and_then(serde_json::Value::as_i64),
        Some(7)
    );
    assert!(
        !month.contains_key("day"),
        "a month-precision document has no day"
    );
    let year = by_headline("Recollections")["start_date"]
        .as_object()
        .expect("date");
    assert!(!year.contains_key("month") && !year.contains_key("day"));
    let eras = json["eras"].as_array().expect("eras");
    assert!(!eras.is_empty());
    for era in eras {
        assert!(era["start_date"]["year"].is_i64() && era["end_date"]["year"].is_i64());
        assert!(era["text"]["headline"].is_string());
    }

    let out = run(d, &["bookmarks", "export", "--format", "timelinejs-csv"]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(&header[..3], ["Year", "Month", "Day"]);
    let group = header
        .iter()
        .position(|h| h == "Group")
        .expect("Group column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let ukraine = rows
        .iter()
        .find(|r| r[9].contains("Security Guarantees to Ukraine"))
        .expect("row");
    assert_eq!((&ukraine[0], &ukraine[1], &ukraine[2]), ("1993", "7", ""));
    assert!(!ukraine[group].is_empty());
}
