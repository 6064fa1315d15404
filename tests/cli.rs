//! The command line as a user runs it: `check` and `export` on the seeds and on bad input.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::seeds_dir as seeds;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_archive-timeline"))
}

fn run(args: &[&str], paths: &[&Path]) -> Output {
    let mut cmd = bin();
    cmd.args(args);
    for p in paths {
        cmd.arg(p);
    }
    cmd.output().expect("binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn check_seeds_prints_the_total_and_exits_0() {
    let out = run(&["check"], &[&seeds()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(
        text.lines().last(),
        Some("total: 39 documents, 41 listings, 5 files, 0 errors")
    );
    assert!(text.contains("000_1f3e6050ed5d0420.txt: 10 entries (page 11 - 20 of 118)"));
    assert!(text.contains("004_c6cb0f957e2c67b3.txt: 1 entry (document page)"));
}

#[test]
fn export_json_has_every_document_and_field() {
    let out = run(&["export", "--format", "json"], &[&seeds()]);
    assert_eq!(out.status.code(), Some(0));
    let docs: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let docs = docs.as_array().expect("an array");
    assert_eq!(docs.len(), 39);
    for key in [
        "id",
        "date",
        "date_text",
        "precision",
        "title",
        "summary",
        "citation",
        "url",
        "record_id",
        "language",
        "archive_ref",
        "full_text",
        "sources",
    ] {
        assert!(
            docs.iter().all(|d| d.get(key).is_some()),
            "every document has {key}"
        );
    }
    let kapto = docs
        .iter()
        .find(|d| {
            d["title"]
                .as_str()
                .is_some_and(|t| t.contains("Aleksandr Kapto"))
        })
        .expect("Kapto's recollections");
    assert_eq!(kapto["date"], "1996");
    assert_eq!(kapto["precision"], "year");
    let memo = docs
        .iter()
        .find(|d| d["id"] == "wcda-110485")
        .expect("seed 004");
    assert_eq!(memo["language"], "Russian");
    assert_eq!(memo["record_id"], "110485");
}

#[test]
fn export_csv_has_a_header_and_39_records() {
    let out = run(&["export", "--format", "csv"], &[&seeds()]);
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().expect("header").clone();
    assert_eq!(&header[0], "id");
    assert_eq!(&header[1], "date");
    let rows: Vec<_> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("rows parse");
    assert_eq!(rows.len(), 39);
    let merged = rows
        .iter()
        .find(|r| &r[4] == "Telegram from Ponomarev to the CPSU Central Committee")
        .expect("Ponomarev");
    assert_eq!(
        &merged[15],
        &format!(
            "{}:55; {}:39",
            seeds().join("000_1f3e6050ed5d0420.txt").display(),
            seeds().join("001_924ee9a11f75fe32.txt").display()
        )
    );
}

#[test]
fn bad_files_get_messages_and_the_good_ones_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::copy(seeds().join("003_21b55c225223fe86.txt"), d.join("good.txt")).expect("copy");
    std::fs::write(d.join("empty.txt"), "").expect("write");
    std::fs::write(d.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    std::fs::write(
        d.join("dates.txt"),
        "1 - 2 of 2\n\nSeptember 31, 1956\n\nA telegram\n\nFebruary 30, 1950\n\nAnother\n",
    )
    .expect("write");
    std::fs::write(d.join("latin1.txt"), b"May 1, 1950\n\nZa\xb3uska report\n").expect("write");
    std::fs::write(d.join("prose.txt"), "Just some notes about the archive.\n").expect("write");
    let long_line = "x".repeat(5 * 1024 * 1024);
    std::fs::write(
        d.join("longline.txt"),
        format!("May 1, 1950\n\n{long_line}\n"),
    )
    .expect("write");
    let huge = std::fs::File::create(d.join("huge.txt")).expect("create");
    huge.set_len(200 * 1024 * 1024).expect("sparse 200 MB file");

    let out = run(&["check"], &[d]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let name = |f: &str| d.join(f).display().to_string();
    assert!(
        text.contains(&format!("{}: error: empty file", name("empty.txt"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}: error: binary file", name("binary.txt"))),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}:3: warning: September 31, 1956 is not a date",
            name("dates.txt")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}:7: warning: February 30, 1950 is not a date",
            name("dates.txt")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}:3: warning: not valid UTF-8",
            name("latin1.txt")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{}: error: not an archive page: no dated entries",
            name("prose.txt")
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}: error: file is 209.7 MB", name("huge.txt"))),
        "{text}"
    );
    assert!(
        text.contains(&format!("{}: 1 entry", name("longline.txt"))),
        "{text}"
    );
    // 10 good + 2 kept with impossible dates (as undated) + 1 latin1 + 1 long line.
    assert_eq!(
        text.lines().last(),
        Some("total: 14 documents, 14 listings, 8 files, 4 errors")
    );
}

#[test]
fn a_missing_path_is_reported_and_the_rest_load() {
    let out = run(&["check"], &[&seeds(), Path::new("/nonexistent/pages")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains("/nonexistent/pages: error: no such file or folder"),
        "{text}"
    );
    assert!(
        text.ends_with("total: 39 documents, 41 listings, 6 files, 1 error\n"),
        "{text}"
    );
}

#[test]
fn themes_explain_names_the_evidence_and_stats_divide_the_seeds() {
    let out = run(&["themes", "explain", "wcda-110485"], &[&seeds()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let mut lines = text.lines();
    assert!(lines
        .next()
        .is_some_and(|l| l.starts_with("wcda-110485\tMemorandum of Conversation")));
    assert_eq!(
        lines.next(),
        Some("lane: Korean Peninsula (a lane needs evidence of at least 2)")
    );
    assert!(
        text.contains("Korean Peninsula: 2\n  +2 \"Korea*\""),
        "{text}"
    );

    let out = run(&["themes", "stats"], &[&seeds()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("documents: 39\ntheme\tlane\tshare\tlisted\n"));
    assert!(
        text.contains("\n  August 1956 Crisis\t13\t33.3%\t13\n"),
        "{text}"
    );
    assert!(text.contains("\nOther\t0\t0.0%\t-\n"), "{text}");
    assert!(text.contains("in more than three themes: 5"));

    let out = run(&["themes", "explain", "no-such-id"], &[&seeds()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no document with id no-such-id"));
}

/// A file name with a tab and a newline, and a page whose title holds an escape sequence:
/// `check` keeps one line per file and per message, with no control character.
#[test]
fn check_output_stays_one_line_per_record_whatever_the_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let odd = dir.path().join("odd\tname\nwith a break.txt");
    std::fs::write(
        &odd,
        "September 31, 1956\n\nTitle \u{1b}[2J with an escape\n\nSummary.\n",
    )
    .expect("write");
    let out = run(&["check"], &[dir.path()]);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}') && !text.contains('\t'), "{text:?}");
    for line in text.lines() {
        assert!(
            line.starts_with("  ") || line.contains(".txt: ") || line.starts_with("total:"),
            "a broken line: {line:?} in {text:?}"
        );
    }
}

/// A page whose title is a spreadsheet formula: `export --format csv` writes it inert.
#[test]
fn csv_export_neutralises_formulas() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("p.txt");
    std::fs::write(
        &page,
        "May 1, 1950\n\n=HYPERLINK(\"http://evil.example\",\"click\")\n\n-1+1 summary\n",
    )
    .expect("write");
    let out = run(&["export", "--format", "csv"], &[&page]);
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let row = reader.records().next().expect("a row").expect("parses");
    let cell = |name: &str| {
        let i = headers.iter().position(|h| h == name).expect("column");
        row[i].to_string()
    };
    assert_eq!(
        cell("title"),
        "'=HYPERLINK(\"http://evil.example\",\"click\")"
    );
    assert_eq!(cell("summary"), "'-1+1 summary");
    assert_eq!(cell("date"), "1950-05-01");
}
