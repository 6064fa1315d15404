//! RIS files (Zotero's RIS export, the archive's per-document `.ris` citation).
//!
//! Hand-written: RIS is a line format of `XX  - value` tags with `TY` opening and `ER` closing a
//! record, a few dozen lines of code; the RIS crates on crates.io are unmaintained or parse
//! into types that drop the tags this app needs (`DB`, `AN`, `LA`). Mapping (Zotero's RIS
//! translator): `TI`/`T1` title, `DA`/`Y1`/`PY` date (`1953/07//` with empty parts), `AB`/`N2`
//! summary, `UR` URL (`/document/N` gives the record id), `LA` language, `AN` location in the
//! archive, `DB` archive, `AU`/`A1`-`A4` authors, `KW` subjects, `CY` places, `ID` id. Lines
//! outside any record are listed as unread; a record cut off before its `ER` is kept; an empty
//! record (`TY` then `ER`) is reported and its lines listed as unread.

use super::diag::Diagnostic;
use super::entry::ParsedPage;
use super::reference::{date_from_parts, text, Item};
use crate::model::date_line::parse_date_value;
use crate::model::DateLine;
use std::sync::Arc;

/// `("TY", "MANSCPT")` from `TY  - MANSCPT` (also with one space, as some tools write it).
fn tag_of(line: &str) -> Option<(&str, &str)> {
    let b = line.as_bytes();
    if b.len() < 5
        || !b[0].is_ascii_uppercase()
        || !(b[1].is_ascii_uppercase() || b[1].is_ascii_digit())
    {
        return None;
    }
    let rest = &line[2..];
    let value = rest
        .strip_prefix("  - ")
        .or_else(|| rest.strip_prefix("  -"))
        .or_else(|| rest.strip_prefix(" - "))?;
    Some((&line[..2], value.trim()))
}

/// Does the text look like RIS (a `TY  - ` line among its first lines)?
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .filter(|l| !l.is_empty())
        .take(20)
        .any(|l| tag_of(l).is_some_and(|(t, _)| t == "TY"))
}

/// Reads a RIS file.
pub fn read_ris(text: &str, file: &Arc<str>) -> ParsedPage {
    let mut page = ParsedPage::default();
    let mut record: Option<Record> = None;
    let mut last_tag: Option<&str> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_start_matches('\u{feff}').trim_end();
        if line.trim().is_empty() {
            continue;
        }
        match tag_of(line.trim_start()) {
            Some(("TY", _)) => {
                if let Some(r) = record.take() {
                    page.diagnostics.push(Diagnostic::warning(
                        file,
                        Some(r.item.line),
                        "record without its ER line: kept",
                    ));
                    finish(r, file, &mut page, None);
                }
                record = Some(Record::new(line_no));
                last_tag = Some("TY");
            }
            Some(("ER", _)) => match record.take() {
                Some(r) => finish(r, file, &mut page, Some(line_no)),
                None => page.unread_lines.push(line_no),
            },
            Some((tag, value)) => match &mut record {
                Some(r) => {
                    r.field(tag, value);
                    last_tag = Some(tag);
                }
                None => page.unread_lines.push(line_no),
            },
            None => match (&mut record, last_tag) {
                // A value continued on the next line.
                (Some(r), Some(tag)) => r.continue_field(tag, line.trim()),
                _ => page.unread_lines.push(line_no),
            },
        }
    }
    if let Some(r) = record.take() {
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(r.item.line),
            "record without its ER line (the file ends): kept",
        ));
        finish(r, file, &mut page, None);
    }
    page
}

struct Record {
    item: Item,
    /// `DA`, `Y1` and `PY`, best first.
    dates: [Option<String>; 3],
    /// Whether any tag but `TY` had a value.
    has_fields: bool,
}

impl Record {
    fn new(line: usize) -> Record {
        Record {
            item: Item {
                line,
                ..Item::default()
            },
            dates: [None, None, None],
            has_fields: false,
        }
    }

    fn field(&mut self, tag: &str, value: &str) {
        self.has_fields |= !value.is_empty();
        let item = &mut self.item;
        let set = |slot: &mut Option<String>| {
            if slot.is_none() {
                *slot = text(Some(value));
            }
        };
        match tag {
            "TI" | "T1" => set(&mut item.title),
            "ST" | "CT" | "BT" => set(&mut item.title),
            "DA" => set(&mut self.dates[0]),
            "Y1" => set(&mut self.dates[1]),
            "PY" => set(&mut self.dates[2]),
            "AB" | "N2" => set(&mut item.summary),
            "UR" | "L2" if value.starts_with("http") => set(&mut item.url),
            "LA" => set(&mut item.language),
            "AN" | "AV" => set(&mut item.archive_ref),
            "DB" => set(&mut item.archive),
            "AU" | "A1" | "A2" | "A3" | "A4" => item.authors.extend(text(Some(value))),
            "KW" => item.subjects.extend(text(Some(value))),
            "CY" | "PP" => item.places.extend(text(Some(value))),
            "ID" => set(&mut item.id),
            _ => {}
        }
    }

    fn continue_field(&mut self, tag: &str, more: &str) {
        let slot = match tag {
            "TI" | "T1" => &mut self.item.title,
            "AB" | "N2" => &mut self.item.summary,
            _ => return,
        };
        if let Some(v) = slot {
            v.push(' ');
            v.push_str(more);
        }
    }
}

/// Ends a record (at its `ER` line, when it has one). A record with nothing but its `TY` line
/// holds nothing to keep: it is reported (warnings of one kind are folded) and its lines are
/// listed as not read, rather than becoming an untitled, undated document.
fn finish(r: Record, file: &Arc<str>, page: &mut ParsedPage, end: Option<usize>) {
    if !r.has_fields {
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(r.item.line),
            "empty record (a TY line and nothing else): nothing to read",
        ));
        page.unread_lines.push(r.item.line);
        page.unread_lines.extend(end);
        return;
    }
    let mut item = r.item;
    if let Some(written) = r.dates.into_iter().flatten().next() {
        item.date = Some(ris_date(&written));
        item.date_text = Some(written);
    }
    let mut entry = item.into_entry(file, page);
    // "1953/07//" is how RIS writes a month; the entry shows it as a person reads it.
    if entry.date_text.contains('/') && entry.details.as_ref().is_none_or(|d| d.edtf.is_none()) {
        entry.date_text = match entry.date {
            crate::model::DocDate::Undated => entry.date_text,
            d => d.display(),
        };
    }
    page.entries.push(entry);
}

/// RIS dates: `YYYY/MM/DD/other`, any part empty (`1953/07//`, `1953///`); or a date in any
/// form a field may hold.
pub fn ris_date(written: &str) -> DateLine {
    let parts: Vec<&str> = written.trim().split('/').collect();
    if parts.len() >= 2 && parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit()) {
        let num = |k: usize| -> Result<Option<i64>, ()> {
            match parts.get(k).map(|p| p.trim()) {
                None | Some("") => Ok(None),
                Some(p) if p.bytes().all(|b| b.is_ascii_digit()) && p.len() <= 2 => {
                    p.parse().map(Some).map_err(|_| ())
                }
                Some(_) => Err(()),
            }
        };
        if let (Ok(m), Ok(d)) = (num(1), num(2)) {
            let year = parts[0].parse().ok();
            // "other" may name a season: "1956///Summer".
            let other = parts.get(3).map(|o| o.trim()).filter(|o| !o.is_empty());
            if let (Some(other), None) = (other, m) {
                let seasonal = parse_date_value(&format!("{other} {}", parts[0]));
                if matches!(seasonal, DateLine::Qualified(..)) {
                    return seasonal;
                }
            }
            return date_from_parts(year, m, d);
        }
    }
    parse_date_value(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocDate;

    #[test]
    fn zotero_and_archive_records() {
        let text = "TY  - MANSCPT\r\nTI  - Telegram from A. Mikoyan\r\nDA  - 1953/07//\r\nPY  - 1953\r\n\
                    UR  - https://digitalarchive.wilsoncenter.org/document/110485\r\nAB  - First line\r\n  continued.\r\n\
                    KW  - Korean War\r\nKW  - Nuclear weapons\r\nAU  - Mikoyan, Anastas\r\nAN  - AVPRF, fond 5\r\n\
                    DB  - Wilson Center Digital Archive\r\nLA  - Russian\r\nER  - \r\n\r\n\
                    TY  - MANSCPT\r\nTI  - Undated note\r\nER  - \r\nstray line\r\nTY  - GEN\r\nTI  - Cut off\r\nPY  - 1956///Summer\r\n";
        let page = read_ris(text, &Arc::from("a.ris"));
        assert_eq!(page.entries.len(), 3);
        let e = &page.entries[0];
        assert_eq!(
            e.date,
            DocDate::Month {
                year: 1953,
                month: 7
            }
        );
        assert_eq!(e.date_text, "July 1953");
        assert_eq!(e.summary, "First line continued.");
        let d = e.details.as_ref().expect("details");
        assert_eq!(d.record_id.as_deref(), Some("110485"));
        assert_eq!(d.subjects, vec!["Korean War", "Nuclear weapons"]);
        assert_eq!(d.archive_ref.as_deref(), Some("AVPRF, fond 5"));
        assert_eq!(page.entries[1].date, DocDate::Undated);
        assert_eq!(page.entries[1].line, 16);
        assert_eq!(page.unread_lines, vec![19]);
        let cut = &page.entries[2];
        assert_eq!(
            cut.details
                .as_ref()
                .and_then(|d| d.edtf)
                .map(|e| e.to_string())
                .as_deref(),
            Some("1956-22")
        );
        assert!(page
            .diagnostics
            .iter()
            .any(|d| d.message.contains("without its ER")));
    }

    #[test]
    fn ris_dates() {
        assert_eq!(
            ris_date("1956/09/17/"),
            DateLine::Date(DocDate::Day(
                chrono::NaiveDate::from_ymd_opt(1956, 9, 17).expect("day")
            ))
        );
        assert_eq!(ris_date("1956///"), DateLine::Date(DocDate::Year(1956)));
        assert_eq!(ris_date("1956"), DateLine::Date(DocDate::Year(1956)));
        assert!(matches!(ris_date("1956/02/30/"), DateLine::Invalid(_)));
    }

    #[test]
    fn empty_records_are_reported_not_kept_and_their_warnings_fold() {
        let mut text = "TY  - GEN\nER  - \n".repeat(1000);
        text.push_str("TY  - GEN\nTI  - Real one\nPY  - 1950\nER  - \n");
        let page = read_ris(&text, &Arc::from("e.ris"));
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.entries[0].title, "Real one");
        assert_eq!(page.unread_lines.len(), 2000);
        assert_eq!(page.unread_lines[..2], [1, 2]);
        let folded = crate::ingest::diag::fold_repeats(page.diagnostics);
        assert_eq!(folded.len(), crate::ingest::diag::MAX_ALIKE + 1);
        assert!(folded[crate::ingest::diag::MAX_ALIKE]
            .message
            .contains("and 980 more like it"));
    }
}
