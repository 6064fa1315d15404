//! The research workspace from the command line, as a researcher's or teacher's script uses
//! it: collections, their export in order, the user's own dates, links, lesson files that
//! open without the pages, and the JSON export carrying all of it.

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

fn ok(data: &Path, args: &[&str]) -> String {
    let out = run(data, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const BERIA: &str = "doc-c7fff132dc032d06";
const GROMYKO: &str = "doc-64774b47c483ee3a";
const TITO: &str = "wcda-110485";

#[test]
fn collections_are_made_filled_ordered_and_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    assert_eq!(
        ok(
            d,
            &["collections", "create", "chapter 3", "--colour", "#336699"]
        ),
        "created chapter 3\n"
    );
    let out = run(d, &["collections", "create", "chapter 3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let out = run(d, &["collections", "create", "x", "--colour", "blue"]);
    assert_eq!(out.status.code(), Some(1), "a colour that is not #rrggbb");

    for (id, note) in [(TITO, "the Yugoslav angle"), (BERIA, ""), (GROMYKO, "")] {
        let mut args = vec!["collections", "add", "chapter 3", id];
        if !note.is_empty() {
            args.extend(["--note", note]);
        }
        assert!(ok(d, &args).starts_with(&format!("added {id} to chapter 3: ")));
    }
    let out = run(
        d,
        &["collections", "add", "chapter 3", "doc-0000000000000000"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document with id"));
    ok(d, &["bookmarks", "add", GROMYKO, "--note", "starred too"]);

    let list = ok(d, &["collections", "list"]);
    assert_eq!(
        list, "Starred\t1\t#d4a017\t\nchapter 3\t3\t#336699\t\n",
        "Starred is the bookmarks"
    );
    // Date order: Beria 1945, Gromyko 1950, the Tito conversation 1956.
    let show = ok(d, &["collections", "show", "chapter 3"]);
    let ids: Vec<&str> = show
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    assert_eq!(ids, [BERIA, GROMYKO, TITO]);
    assert!(
        show.contains("starred too"),
        "one note per document: {show}"
    );
    assert!(show.contains("the Yugoslav angle"), "{show}");

    let md = ok(d, &["collections", "export", "chapter 3", "--format", "md"]);
    assert!(md.starts_with("# chapter 3\n"), "{md}");
    let beria = md.find("L. Beria").expect("Beria listed");
    let tito = md.find("Memorandum of Conversation").expect("Tito listed");
    assert!(beria < tito, "in the collection's order");
    let ris = ok(
        d,
        &["collections", "export", "chapter 3", "--format", "ris"],
    );
    assert_eq!(ris.matches("TY  - ").count(), 3);

    assert!(ok(d, &["collections", "remove", "chapter 3", BERIA]).starts_with("removed"));
    let out = run(d, &["collections", "remove", "chapter 3", BERIA]);
    assert_eq!(out.status.code(), Some(1), "not in it any more");
    assert_eq!(
        ok(d, &["collections", "show", "chapter 3"]).lines().count(),
        2
    );
}

#[test]
fn user_dates_links_and_the_json_export_keep_both_dates() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let said = ok(
        d,
        &[
            "date",
            "set",
            BERIA,
            "1945-09/1945-10~",
            "--reason",
            "refers to the September plan",
        ],
    );
    assert_eq!(
        said,
        format!("dated {BERIA} 1945-09/1945-10~ (the archive's date, 1945-10-05, is kept)\n")
    );
    let out = run(d, &["date", "set", BERIA, "autumn 1945"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not an EDTF date") && err.contains("../1957-03"),
        "{err}"
    );
    ok(d, &["link", "add", GROMYKO, BERIA, "--label", "replies to"]);

    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["export", "--format", "json"])).expect("JSON");
    let find = |id: &str| {
        json.as_array()
            .and_then(|a| a.iter().find(|r| r["id"] == id))
            .cloned()
            .expect("exported")
    };
    let beria = find(BERIA);
    assert_eq!(beria["date"], "1945-10-05", "the archive's date stays");
    assert_eq!(beria["date_user"], "1945-09/1945-10~");
    assert_eq!(beria["date_reason"], "refers to the September plan");
    let gromyko = find(GROMYKO);
    assert_eq!(
        gromyko["links"],
        serde_json::json!([{"to": BERIA, "label": "replies to"}])
    );
    assert_eq!(beria["links"], serde_json::json!([]), "links go one way");

    // CSL-JSON: `issued` carries the EDTF string, the archive's date is the original.
    ok(d, &["collections", "create", "c"]);
    ok(d, &["collections", "add", "c", BERIA]);
    let csl: serde_json::Value = serde_json::from_str(&ok(
        d,
        &["collections", "export", "c", "--format", "csljson"],
    ))
    .expect("CSL-JSON");
    assert_eq!(csl[0]["issued"]["edtf"], "1945-09/1945-10~");
    assert_eq!(
        csl[0]["original-date"]["date-parts"],
        serde_json::json!([[1945, 10, 5]])
    );

    ok(d, &["date", "clear", BERIA]);
    let out = run(d, &["date", "clear", BERIA]);
    assert_eq!(out.status.code(), Some(1));
    ok(d, &["link", "remove", GROMYKO, BERIA]);
    let out = run(d, &["link", "remove", GROMYKO, BERIA]);
    assert_eq!(out.status.code(), Some(1), "no such link any more");
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["export", "--format", "json"])).expect("JSON");
    let beria = json
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == BERIA))
        .expect("exported");
    assert_eq!(beria["date_user"], serde_json::Value::Null);
}

#[test]
fn a_lesson_file_opens_with_check_and_export_without_the_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["collections", "create", "Lesson: Korea"]);
    for id in [TITO, GROMYKO] {
        ok(
            d,
            &[
                "collections",
                "add",
                "Lesson: Korea",
                id,
                "--note",
                "discuss",
            ],
        );
    }
    let file = d.join("korea.lesson.json");
    let file_arg = file.to_string_lossy().into_owned();
    let said = ok(
        d,
        &["lesson", "export", "Lesson: Korea", "--out", &file_arg],
    );
    assert_eq!(
        said,
        format!("wrote lesson Lesson: Korea (2 stops) to {file_arg}\n")
    );
    let check = ok(d, &["check", &file_arg]);
    assert!(check.contains("lesson"), "{check}");
    assert!(check.contains("total: 2 documents"), "{check}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["export", "--format", "json", &file_arg])).expect("JSON");
    let ids: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&TITO) && ids.contains(&GROMYKO), "{ids:?}");
    assert!(json[0]["sources"][0]["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("korea.lesson.json")));
    let out = run(d, &["lesson", "export", "nope", "--out", &file_arg]);
    assert_eq!(out.status.code(), Some(1));
}
