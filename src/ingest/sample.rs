//! Synthetic reference files of any size, for timing the readers (`benches/readers.rs`, the
//! 100,000-item figure, the app's `bench` command). Deterministic: the same count gives the
//! same text. Items look like Zotero's exports of the archive's documents (dates at day,
//! month and year precision, some circa, some undated; titles, abstracts, URLs with record
//! ids for half of them, tags, an author).

use super::sniff::Format;
use std::fmt::Write;

const WORDS: &[&str] = &[
    "Soviet",
    "delegation",
    "Korean",
    "Workers'",
    "Party",
    "plenum",
    "telegram",
    "embassy",
    "Pyongyang",
    "Moscow",
    "Beijing",
    "cooperation",
    "military",
    "economic",
    "aid",
    "treaty",
    "nuclear",
    "research",
    "conference",
    "minister",
    "reports",
    "discusses",
    "meeting",
    "relations",
    "question",
    "government",
    "visit",
    "agreement",
    "trade",
    "industry",
];

struct Sample {
    title: String,
    summary: String,
    year: u32,
    month: Option<u32>,
    day: Option<u32>,
    circa: bool,
    undated: bool,
    record: Option<u32>,
}

fn sample(i: usize) -> Sample {
    let mut x = (i as u64)
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut next = |n: u64| {
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 29;
        u32::try_from(x % n).unwrap_or(0)
    };
    let word = |k: u32| WORDS[k as usize % WORDS.len()];
    let title = format!(
        "{} from {} to the {} {} No. {i}",
        [
            "Telegram",
            "Memorandum",
            "Letter",
            "Report",
            "Record of a Conversation"
        ][next(5) as usize],
        word(next(30)),
        word(next(30)),
        word(next(30)),
    );
    let summary = (0..12 + next(20))
        .map(|_| word(next(30)))
        .collect::<Vec<_>>()
        .join(" ")
        + ".";
    let precision = next(10);
    Sample {
        title,
        summary,
        year: 1945 + next(52),
        month: (precision < 8).then(|| 1 + next(12)),
        day: (precision < 6).then(|| 1 + next(28)),
        circa: precision == 8 && next(2) == 0,
        undated: next(50) == 0,
        record: (next(2) == 0).then(|| 100_000 + u32::try_from(i).unwrap_or(0)),
    }
}

/// A reference file of `items` items in `format` (CSL-JSON, RIS, BibTeX or CSV; a page or
/// lesson format gives a CSV).
pub fn reference_file(format: Format, items: usize) -> String {
    let mut out = String::with_capacity(items * 400);
    match format {
        Format::CslJson => out.push_str("[\n"),
        Format::Csv | Format::Page | Format::Html | Format::Lesson => {
            out.push_str("title,date,summary,url,subjects,authors\n");
        }
        _ => {}
    }
    for i in 0..items {
        let s = sample(i);
        let url = s
            .record
            .map(|r| format!("https://digitalarchive.wilsoncenter.org/document/{r}"));
        let _ = match format {
            Format::CslJson => {
                let mut parts = vec![s.year.to_string()];
                parts.extend(s.month.map(|m| m.to_string()));
                parts.extend(s.day.map(|d| d.to_string()));
                let issued = if s.undated {
                    "{\"literal\": \"undated\"}".to_string()
                } else {
                    format!(
                        "{{\"date-parts\": [[{}]]{}}}",
                        parts.join(", "),
                        if s.circa { ", \"circa\": true" } else { "" }
                    )
                };
                writeln!(
                    out,
                    "  {{\"id\": \"item{i}\", \"type\": \"manuscript\", \"title\": \"{}\", \"abstract\": \"{}\", \"issued\": {issued}, {}\"author\": [{{\"family\": \"Mikoyan\", \"given\": \"Anastas\"}}], \"keyword\": \"Korea, Cold War\", \"language\": \"Russian\"}}{}",
                    s.title,
                    s.summary,
                    url.map(|u| format!("\"URL\": \"{u}\", ")).unwrap_or_default(),
                    if i + 1 < items { "," } else { "" }
                )
            }
            Format::Ris => {
                let date = match (s.undated, s.month, s.day) {
                    (true, _, _) => String::new(),
                    (false, Some(m), Some(d)) => format!("DA  - {}/{m:02}/{d:02}/\r\n", s.year),
                    (false, Some(m), None) => format!("DA  - {}/{m:02}//\r\n", s.year),
                    (false, None, _) => format!("PY  - {}\r\n", s.year),
                };
                write!(
                    out,
                    "TY  - MANSCPT\r\nTI  - {}\r\n{date}AB  - {}\r\n{}AU  - Mikoyan, Anastas\r\nKW  - Korea\r\nKW  - Cold War\r\nLA  - Russian\r\nER  - \r\n\r\n",
                    s.title,
                    s.summary,
                    url.map(|u| format!("UR  - {u}\r\n")).unwrap_or_default()
                )
            }
            Format::Bibtex => {
                let date = match (s.undated, s.month, s.day) {
                    (true, _, _) => String::new(),
                    (false, Some(m), Some(d)) => {
                        format!("  date = {{{}-{m:02}-{d:02}}},\n", s.year)
                    }
                    (false, Some(m), None) => format!("  date = {{{}-{m:02}}},\n", s.year),
                    (false, None, _) => format!("  year = {{{}}},\n", s.year),
                };
                write!(
                    out,
                    "@unpublished{{item{i},\n  title = {{{}}},\n{date}  abstract = {{{}}},\n{}  author = {{Mikoyan, Anastas}},\n  keywords = {{Korea, Cold War}},\n}}\n\n",
                    s.title,
                    s.summary,
                    url.map(|u| format!("  url = {{{u}}},\n")).unwrap_or_default()
                )
            }
            Format::Csv | Format::Page | Format::Html | Format::Lesson => {
                let date = match (s.undated, s.month, s.day) {
                    (true, _, _) => String::new(),
                    (false, Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", s.year),
                    (false, Some(m), None) => format!("{}-{m:02}", s.year),
                    (false, None, _) if s.circa => format!("c. {}", s.year),
                    (false, None, _) => s.year.to_string(),
                };
                writeln!(
                    out,
                    "\"{}\",{date},\"{}\",{},Korea; Cold War,\"Mikoyan, Anastas\"",
                    s.title,
                    s.summary,
                    url.unwrap_or_default()
                )
            }
        };
    }
    if format == Format::CslJson {
        out.push_str("]\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_read_back_whole() {
        for format in [Format::CslJson, Format::Ris, Format::Bibtex, Format::Csv] {
            let text = reference_file(format, 200);
            let (report, _) = crate::ingest::read_bytes("sample", text.as_bytes());
            assert_eq!(report.format, Some(format));
            assert_eq!(
                report.entries,
                200,
                "{format:?}: {:?}",
                report.diagnostics.first()
            );
        }
    }
}
