//! Writing the library out: JSON (an array of objects) and CSV (RFC 4180, UTF-8).
//!
//! Both formats carry every field of every document, in library order, so scripts and
//! spreadsheets see exactly what the app shows.

use crate::model::{Document, Library};
use serde::Serialize;
use std::io::Write;

/// One exported document. Field names are a contract: scripts read them.
#[derive(Serialize)]
pub struct ExportRecord<'a> {
    pub id: &'a str,
    pub date: Option<String>,
    pub date_text: &'a str,
    pub precision: &'static str,
    pub title: &'a str,
    pub summary: &'a str,
    pub citation: Option<&'a str>,
    pub url: Option<&'a str>,
    pub record_id: Option<&'a str>,
    pub language: Option<&'a str>,
    pub archive_ref: Option<&'a str>,
    pub credit: Option<&'a str>,
    pub contents: Option<&'a str>,
    pub full_text: Option<&'a str>,
    pub themes: Vec<&'a str>,
    pub sources: Vec<ExportSource<'a>>,
    /// The date in EDTF ("1956-09-17", "1956~", "1956-22", "1956/1957"); null when undated.
    pub date_edtf: Option<String>,
    /// Empty when unknown.
    pub subjects: &'a [String],
    pub authors: &'a [String],
    pub places: &'a [String],
    /// Associated people and organizations.
    pub people: &'a [String],
    /// The researcher's own date (EDTF) from the workspace, and why; `date` stays the archive's.
    pub date_user: Option<String>,
    pub date_reason: Option<String>,
    /// The document's note in the workspace ("" when none).
    pub note: String,
    /// The workspace collections holding it.
    pub collections: Vec<String>,
    /// Its links to other documents (`to` is the other document's id).
    pub links: Vec<ExportLink>,
}

/// A link from the document to another, as the workspace holds it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExportLink {
    pub to: String,
    pub label: String,
}

/// What the research workspace adds to a document in an export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Annotation {
    pub date_user: Option<String>,
    pub date_reason: Option<String>,
    pub note: String,
    pub collections: Vec<String>,
    pub links: Vec<ExportLink>,
}

impl Annotation {
    /// What `ws` holds under `id` (a loaded document's workspace id: see
    /// [`crate::workspace::Overlay::found`]).
    pub fn of(ws: &crate::workspace::Workspace, id: &crate::model::DocId) -> Annotation {
        let mut a = Annotation {
            note: ws.note(id).to_string(),
            collections: ws.collections_of(id).map(|c| c.name.clone()).collect(),
            ..Annotation::default()
        };
        if let Some(d) = ws.date_user(id) {
            a.date_user = Some(d.edtf.clone());
            a.date_reason = Some(d.reason.clone()).filter(|r| !r.is_empty());
        }
        a.links = ws
            .links_of(id)
            .filter(|l| l.outgoing)
            .map(|l| ExportLink {
                to: l.other.0.clone(),
                label: l.label.to_string(),
            })
            .collect();
        a
    }
}

#[derive(Serialize)]
pub struct ExportSource<'a> {
    pub file: &'a str,
    pub line: usize,
}

impl<'a> ExportRecord<'a> {
    pub fn new(doc: &'a Document, themes: Vec<&'a str>, annotation: Annotation) -> Self {
        ExportRecord {
            date_user: annotation.date_user,
            date_reason: annotation.date_reason,
            note: annotation.note,
            collections: annotation.collections,
            links: annotation.links,
            id: doc.id.as_str(),
            date: doc.date.iso(),
            date_text: &doc.date_text,
            precision: doc.precision().as_str(),
            title: &doc.title,
            summary: &doc.summary,
            citation: doc.citation(),
            url: doc.url(),
            record_id: doc.record_id(),
            language: doc.language(),
            archive_ref: doc.archive_ref(),
            credit: doc.credit(),
            contents: doc.contents(),
            full_text: doc.full_text(),
            themes,
            sources: doc
                .sources
                .iter()
                .map(|s| ExportSource {
                    file: &s.file,
                    line: s.line,
                })
                .collect(),
            date_edtf: doc.edtf().map(|e| e.to_string()),
            subjects: doc.subjects(),
            authors: doc.authors(),
            places: doc.places(),
            people: doc.people(),
        }
    }
}

/// Export formats of the `export` command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

/// The CSV header, the JSON keys in the same order (lists joined with "; " in CSV).
pub const CSV_COLUMNS: [&str; 26] = [
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
    "credit",
    "contents",
    "full_text",
    "themes",
    "sources",
    "date_edtf",
    "subjects",
    "authors",
    "places",
    "people",
    "date_user",
    "date_reason",
    "note",
    "collections",
    "links",
];

/// Writes every document of `library`; `themes_of(index)` names each document's themes.
pub fn write<'a, W: Write>(
    out: W,
    library: &'a Library,
    format: Format,
    themes_of: impl Fn(usize) -> Vec<&'a str> + Sync,
) -> std::io::Result<()> {
    write_annotated(out, library, format, themes_of, |_, _| {
        Annotation::default()
    })
}

/// Like [`write`], with what the research workspace says of each document.
pub fn write_annotated<'a, W: Write>(
    out: W,
    library: &'a Library,
    format: Format,
    themes_of: impl Fn(usize) -> Vec<&'a str> + Sync,
    annotate: impl Fn(usize, &Document) -> Annotation + Sync,
) -> std::io::Result<()> {
    let docs = library.docs();
    let record = |i: usize| {
        let d = &docs[i];
        ExportRecord::new(d, themes_of(i), annotate(i, d))
    };
    match format {
        Format::Json => write_json(out, docs.len(), record, JSON_BATCH, JSON_PIECE),
        Format::Csv => write_csv(out, (0..docs.len()).map(record)),
    }
}

/// Records serialized at once (on all cores) before they are written: bounds the memory
/// held as text to a few tens of megabytes.
const JSON_BATCH: usize = 16_384;
/// Records one core serializes in a row.
const JSON_PIECE: usize = 512;

/// The JSON array of `count` records, byte for byte what `serde_json::to_writer_pretty` of
/// them all writes, and a newline: each record is serialized pretty on its own, on all
/// cores, by a pretty formatter already one level in (as it is inside the array), straight
/// into its piece of the text. A million documents' 1.1 GB took 2.5 s on one core.
fn write_json<'a, W: Write>(
    mut out: W,
    count: usize,
    record: impl Fn(usize) -> ExportRecord<'a> + Sync,
    batch: usize,
    piece: usize,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    use serde_json::ser::{Formatter, PrettyFormatter};
    if count == 0 {
        return out.write_all(b"[]\n");
    }
    // The formatter's state inside the array: its opening bracket written (to nowhere).
    let mut inside = PrettyFormatter::new();
    inside.begin_array(&mut std::io::sink())?;
    let piece_of = |from: usize, to: usize| -> Result<Vec<u8>, serde_json::Error> {
        let mut text = Vec::with_capacity((to - from) * 1200);
        for i in from..to {
            text.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
            let mut serializer = serde_json::Serializer::with_formatter(&mut text, inside.clone());
            record(i).serialize(&mut serializer)?;
        }
        Ok(text)
    };
    out.write_all(b"[")?;
    let (batch, piece) = (batch.max(1), piece.max(1));
    for start in (0..count).step_by(batch) {
        let end = (start + batch).min(count);
        let pieces: Vec<Vec<u8>> = (start..end)
            .into_par_iter()
            .step_by(piece)
            .map(|from| piece_of(from, (from + piece).min(end)))
            .collect::<Result<_, _>>()
            // `From` keeps an I/O error's kind (a closed pipe stays `BrokenPipe`, which ends
            // the command quietly).
            .map_err(std::io::Error::from)?;
        for text in pieces {
            out.write_all(&text)?;
        }
    }
    out.write_all(b"\n]\n")
}

fn write_csv<'a, W: Write>(
    out: W,
    records: impl Iterator<Item = ExportRecord<'a>>,
) -> std::io::Result<()> {
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(CSV_COLUMNS).map_err(csv_io)?;
    for r in records {
        let opt = |v: Option<&str>| v.unwrap_or("").to_string();
        let sources = r
            .sources
            .iter()
            .map(|s| format!("{}:{}", s.file, s.line))
            .collect::<Vec<_>>()
            .join("; ");
        let row = [
            r.id.to_string(),
            r.date.clone().unwrap_or_default(),
            r.date_text.to_string(),
            r.precision.to_string(),
            r.title.to_string(),
            r.summary.to_string(),
            opt(r.citation),
            opt(r.url),
            opt(r.record_id),
            opt(r.language),
            opt(r.archive_ref),
            opt(r.credit),
            opt(r.contents),
            opt(r.full_text),
            r.themes.join("; "),
            sources,
            r.date_edtf.clone().unwrap_or_default(),
            r.subjects.join("; "),
            r.authors.join("; "),
            r.places.join("; "),
            r.people.join("; "),
            r.date_user.clone().unwrap_or_default(),
            r.date_reason.clone().unwrap_or_default(),
            r.note.clone(),
            r.collections.join("; "),
            r.links
                .iter()
                .map(|l| format!("{} {}", l.label, l.to))
                .collect::<Vec<_>>()
                .join("; "),
        ];
        // A cell starting like a formula would run when the file is opened in a spreadsheet.
        let row = row.map(|cell| crate::text::safe::spreadsheet_cell(&cell).into_owned());
        csv.write_record(&row).map_err(csv_io)?;
    }
    csv.flush()
}

/// A CSV writer's error as an I/O error of the same kind (`BrokenPipe` stays one).
fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::load_texts;

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let loaded = load_texts(&[(
            "a.txt",
            "May 1, 1950\n\nTitle, with \"quotes\"\n\nLine one\nLine two\n",
        )]);
        let mut buf = Vec::new();
        write(&mut buf, &loaded.library, Format::Csv, |_| vec![]).expect("writes");
        let text = String::from_utf8(buf).expect("utf8");
        assert!(text.starts_with("id,date,date_text,precision,title,summary,"));
        assert!(text.contains(
            "1950-05-01,\"May 1, 1950\",day,\"Title, with \"\"quotes\"\"\",\"Line one\nLine two\""
        ));
        assert!(text.ends_with("a.txt:1,1950-05-01,,,,,,,,,\r\n"), "{text}");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let row = reader.records().next().expect("a row").expect("parses");
        assert_eq!(&row[4], "Title, with \"quotes\"");
    }

    /// What the workspace says of a document comes out in both formats, the archive's date
    /// untouched.
    #[test]
    fn the_workspace_columns_carry_the_users_date_note_collections_and_links() {
        let loaded = load_texts(&[("a.txt", "May 1, 1950\n\nTelegram\n")]);
        let annotation = Annotation {
            date_user: Some("1950-04~".into()),
            date_reason: Some("mentions the April meeting".into()),
            note: "check the Russian".into(),
            collections: vec!["chapter 3".into(), "Starred".into()],
            links: vec![ExportLink {
                to: "wcda-1".into(),
                label: "replies to".into(),
            }],
        };
        let mut csv_out = Vec::new();
        write_annotated(
            &mut csv_out,
            &loaded.library,
            Format::Csv,
            |_| vec![],
            |_, _| annotation.clone(),
        )
        .expect("writes");
        let mut reader = csv::Reader::from_reader(csv_out.as_slice());
        let header = reader.headers().expect("header").clone();
        let row = reader.records().next().expect("a row").expect("parses");
        let cell = |name: &str| {
            let at = header.iter().position(|h| h == name).expect(name);
            row[at].to_string()
        };
        assert_eq!(cell("date"), "1950-05-01");
        assert_eq!(cell("date_user"), "1950-04~");
        assert_eq!(cell("date_reason"), "mentions the April meeting");
        assert_eq!(cell("note"), "check the Russian");
        assert_eq!(cell("collections"), "chapter 3; Starred");
        assert_eq!(cell("links"), "replies to wcda-1");
        let mut json_out = Vec::new();
        write_annotated(
            &mut json_out,
            &loaded.library,
            Format::Json,
            |_| vec![],
            |_, _| annotation.clone(),
        )
        .expect("writes");
        let value: serde_json::Value = serde_json::from_slice(&json_out).expect("json");
        assert_eq!(value[0]["date"], "1950-05-01");
        assert_eq!(value[0]["date_user"], "1950-04~");
        assert_eq!(
            value[0]["links"],
            serde_json::json!([{"to": "wcda-1", "label": "replies to"}])
        );
    }

    /// The parallel writer writes what serde_json writes of the whole array, whatever the
    /// batch and piece sizes (here cut small, so pieces and batches end mid-library).
    #[test]
    fn json_is_byte_for_byte_serde_jsons_pretty_array() {
        let loaded = crate::ingest::load_seeds();
        let docs = loaded.library.docs();
        assert!(docs.len() > 20 && docs.iter().any(|d| d.page.is_some()));
        let themes = |i: usize| {
            if i.is_multiple_of(3) {
                vec!["A", "B"]
            } else {
                vec![]
            }
        };
        // Nested objects and empty lists after full ones, as a workspace gives them.
        let annotation = |i: usize| {
            if i.is_multiple_of(4) {
                Annotation {
                    note: "a note".into(),
                    collections: vec!["Lesson".into()],
                    links: vec![ExportLink {
                        to: "wcda-1".into(),
                        label: "replies to".into(),
                    }],
                    ..Annotation::default()
                }
            } else {
                Annotation::default()
            }
        };
        let record = |i: usize| ExportRecord::new(&docs[i], themes(i), annotation(i));
        let mut expected = Vec::new();
        let all: Vec<ExportRecord<'_>> = (0..docs.len()).map(record).collect();
        serde_json::to_writer_pretty(&mut expected, &all).expect("serde");
        expected.push(b'\n');
        for (batch, piece) in [(3, 2), (7, 7), (1, 1), (JSON_BATCH, JSON_PIECE)] {
            let mut got = Vec::new();
            write_json(&mut got, docs.len(), record, batch, piece).expect("writes");
            assert!(got == expected, "batch {batch}, piece {piece}");
        }
        let none: Vec<ExportRecord<'_>> = Vec::new();
        let mut expected = serde_json::to_vec_pretty(&none).expect("serde");
        expected.push(b'\n');
        let mut got = Vec::new();
        write_json(&mut got, 0, record, 3, 2).expect("writes");
        assert_eq!(got, expected);
    }

    #[test]
    fn json_has_null_date_for_undated() {
        let loaded = load_texts(&[("a.txt", "Undated\n\nMemo\n")]);
        let mut buf = Vec::new();
        write(&mut buf, &loaded.library, Format::Json, |_| vec!["Other"]).expect("writes");
        let value: serde_json::Value = serde_json::from_slice(&buf).expect("json");
        assert_eq!(value[0]["date"], serde_json::Value::Null);
        assert_eq!(value[0]["precision"], "undated");
        assert_eq!(value[0]["themes"][0], "Other");
        assert_eq!(value[0]["sources"][0]["line"], 1);
        assert_eq!(value[0]["date_edtf"], serde_json::Value::Null);
        assert_eq!(value[0]["subjects"], serde_json::json!([]));
    }

    #[test]
    fn edtf_and_lists_are_exported() {
        let loaded = load_texts(&[(
            "a.csv",
            "title,date,subjects,authors,places\nMemo,c. 1956,Korea; Nuclear,\"Kim, Il Sung\",Pyongyang\n",
        )]);
        let mut buf = Vec::new();
        write(&mut buf, &loaded.library, Format::Json, |_| vec![]).expect("writes");
        let value: serde_json::Value = serde_json::from_slice(&buf).expect("json");
        assert_eq!(value[0]["date_edtf"], "1956~");
        assert_eq!(value[0]["precision"], "year");
        assert_eq!(
            value[0]["subjects"],
            serde_json::json!(["Korea", "Nuclear"])
        );
        assert_eq!(value[0]["authors"], serde_json::json!(["Kim, Il Sung"]));
        assert_eq!(value[0]["places"], serde_json::json!(["Pyongyang"]));
        let mut buf = Vec::new();
        write(&mut buf, &loaded.library, Format::Csv, |_| vec![]).expect("writes");
        let text = String::from_utf8(buf).expect("utf8");
        assert!(
            text.contains(",1956~,Korea; Nuclear,\"Kim, Il Sung\",Pyongyang,"),
            "{text}"
        );
    }
}
