//! Messages that must not mislead (#26 §4): an unreadable workspace is said (stdout's first
//! line, exit 1) and its backup shown read-only; a name is found as it was saved; a Y-year is
//! explained once; bidi controls never reach the terminal; the bookmarks' CSL-JSON carries the
//! user's date as the collection's does.

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

const TITO: &str = "wcda-110485";
const GROMYKO: &str = "doc-64774b47c483ee3a";

#[test]
fn an_unreadable_workspace_is_said_and_its_backup_shown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["collections", "create", "C1"]);
    ok(d, &["collections", "add", "C1", TITO]);
    ok(d, &["collections", "add", "C1", GROMYKO]);
    let ws = d.join("workspace.ron");
    std::fs::remove_file(&ws).expect("remove");
    std::fs::create_dir(&ws).expect("a folder in its place");
    let out = run(d, &["collections", "list"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("archive-timeline:") && first.contains("workspace.ron"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("C1\t")),
        "the backup's collection: {text}"
    );
    // Read-only: a change is refused, and nothing replaced the folder.
    let out = run(d, &["collections", "create", "C2"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(ws.is_dir());
    let out = run(d, &["bookmarks", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("archive-timeline:"));
}

#[test]
fn a_name_is_found_as_it_was_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["collections", "create", "a\tb"]);
    assert!(ok(d, &["collections", "list"]).contains("a b\t"));
    ok(d, &["collections", "add", "a\tb", TITO]);
    ok(d, &["collections", "add", "a  b", GROMYKO]);
    let shown = ok(d, &["collections", "show", "a\u{1b}b"]);
    assert_eq!(shown.lines().count(), 2, "{shown}");
}

#[test]
fn a_y_year_is_explained_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let out = run(d, &["date", "set", TITO, "Y17000"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Y-years beyond 9999 are not supported"),
        "{said}"
    );
    assert_eq!(said.matches("not an EDTF date").count(), 0, "{said}");
}

#[test]
fn bidi_controls_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(
        d,
        &["bookmarks", "add", TITO, "--note", "see \u{202E}txt.exe"],
    );
    ok(d, &["collections", "create", "x\u{2066}y"]);
    for args in [
        &["bookmarks", "list"][..],
        &["collections", "list"],
        &["collections", "show", "Starred"],
    ] {
        let text = ok(d, args);
        assert!(
            !text.contains(['\u{202E}', '\u{2066}']),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn bookmarks_csljson_carries_the_users_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    ok(d, &["bookmarks", "add", TITO]);
    ok(d, &["date", "set", TITO, "1962-08?"]);
    let bookmarks = ok(d, &["bookmarks", "export", "--format", "csljson"]);
    let collection = ok(
        d,
        &["collections", "export", "Starred", "--format", "csljson"],
    );
    assert!(bookmarks.contains("\"edtf\": \"1962-08?\""), "{bookmarks}");
    assert_eq!(bookmarks, collection);
}
