//! List pages (search results, topic, collection and place pages, old-site lists, mirrors with
//! `-` separators) -> one entry per listed record.
//!
//! A page has a header (skip link, range line, `Results:`, `Documents`, a topic's heading and
//! description, a place page's image captions, `Popular Documents`), then records of a date
//! line, a title line and an optional summary, then an optional pager after `Pagination`.
//! Evidence, not guesswork, starts a record:
//! - a date line (of any form [`parse_date_line`](crate::model::date_line::parse_date_line) reads)
//!   followed, after at most one blank line, by a title line; a title that itself looks like a
//!   date ("May 1968") is a title when it does not start a record of its own;
//! - an empty date slot: on the archive an undated record's listing has no date line, so its
//!   title follows the previous record after two or more blank lines (or, on a search-result
//!   page, the header);
//! - a title-like line (not a sentence) after a record's summary, or any line after a `-`
//!   separator.
//!
//! Header text that starts no record (captions, a topic's description) is reported as lines
//! not read, never kept as a record. `Pagination` ends one page's list, not the file: its pager
//! lines are furniture, and a record after it (another page saved into the same file) is
//! read; any other line after it is reported. Each range line is checked against the records
//! of its own page.

use super::lines::{
    can_be_title, date_of, is_chrome, is_date, is_pager_line, is_sentence, is_separator,
    looks_like_title, parse_range, shorten, Lines,
};
use super::{collect_unread, set_date};
use crate::ingest::diag::Diagnostic;
use crate::ingest::entry::{Entry, PageRange, ParsedPage};
use crate::model::{DateLine, DocDate};
use std::sync::Arc;

/// Where a date line starts a record: its title's index, and whether that title reads like a
/// sentence (weak evidence).
#[derive(Clone, Copy)]
struct Start {
    title: usize,
    weak: bool,
}

/// For every line, whether it is a date line that starts a record. Computed from the end, since
/// a date-like title ("May 1968") is a title only when it does not start a record itself.
fn record_starts(lines: &Lines<'_>) -> Vec<Option<Start>> {
    let n = lines.len();
    let mut starts: Vec<Option<Start>> = vec![None; n];
    for i in (0..n).rev() {
        let line = lines.get(i);
        if line.is_empty() || !is_date(line) {
            continue;
        }
        let Some(t) = lines.next_nonblank(i + 1) else {
            continue;
        };
        // A title follows its date after at most one blank line; two or more blank lines are
        // an undated record's empty date slot.
        if lines.gap(t) > 1 {
            continue;
        }
        let title = lines.get(t);
        if !can_be_title(title) {
            continue;
        }
        if is_date(title) {
            if starts[t].is_some_and(|s| !s.weak) {
                continue;
            }
            starts[i] = Some(Start {
                title: t,
                weak: false,
            });
            continue;
        }
        starts[i] = Some(Start {
            title: t,
            weak: is_sentence(title),
        });
    }
    starts
}

/// A record being read.
struct Building {
    entry: Entry,
    summary: Vec<usize>,
}

/// Where the reader is on the page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Before a page's first record; `search` once a range line, `Results:` or `Documents`
    /// (or `Popular Documents`) says records follow.
    Header {
        search: bool,
    },
    Records,
    /// After `Pagination`.
    Pager,
}

/// The records of one page read so far, and the range line that counts them.
struct Counted {
    range: PageRange,
    from: usize,
}

pub(crate) fn parse_listing(lines: &Lines<'_>, file: &Arc<str>, page: &mut ParsedPage) {
    let n = lines.len();
    let starts = record_starts(lines);
    let mut used = vec![false; n];
    let mut records: Vec<Building> = Vec::new();
    let mut current: Option<Building> = None;
    let mut part = Part::Header { search: false };
    let mut in_body = false;
    let mut counted: Option<Counted> = None;
    let mut i = 0;
    while i < n {
        let line = lines.get(i);
        if line.is_empty() {
            i += 1;
            continue;
        }
        if let Some((first, last, total)) = parse_range(line) {
            // A page's range line: any earlier page in the file is complete.
            records.extend(current.take());
            let range = PageRange {
                first,
                last,
                total,
                line: i + 1,
            };
            if let Some(c) = counted.take() {
                check_range(&c, records.len() - c.from, file, page);
            }
            page.range.get_or_insert(range);
            counted = Some(Counted {
                range,
                from: records.len(),
            });
            used[i] = true;
            part = Part::Header { search: true };
            i += 1;
            continue;
        }
        match line {
            "Pagination" => {
                records.extend(current.take());
                part = Part::Pager;
                used[i] = true;
                i += 1;
                continue;
            }
            // A new page begins (several pages saved into one file).
            "Skip to content" | "Skip to main content" | "Search in" => {
                records.extend(current.take());
                part = Part::Header { search: false };
                used[i] = true;
                i += 1;
                continue;
            }
            "Results:" | "Results" | "Documents" | "Popular Documents" | "Search Results" => {
                if let Part::Header { .. } = part {
                    part = Part::Header { search: true };
                }
            }
            _ => {}
        }
        if is_separator(line) {
            // A mirror's separator closes the record before it.
            records.extend(current.take());
            used[i] = true;
            i += 1;
            continue;
        }
        if is_chrome(line) {
            used[i] = true;
            i += 1;
            continue;
        }
        match part {
            Part::Pager if starts[i].is_none() => {
                if is_pager_line(line) {
                    used[i] = true;
                }
                i += 1;
                continue;
            }
            // An undated first record: its empty date slot leaves two blank lines after the
            // header of a search-result page. Anything else is a heading, a description or a
            // caption: not read.
            Part::Header { search }
                if starts[i].is_none()
                    && !(search && lines.gap(i) >= 2 && can_be_title(line) && !is_date(line)) =>
            {
                i += 1;
                continue;
            }
            _ => {}
        }
        part = Part::Records;

        if let Some(start) = starts[i] {
            // A sentence after a bare year or month inside a record is more likely a summary
            // paragraph than a record whose title ends with a full stop.
            let full_date = matches!(
                date_of(line),
                DateLine::Date(DocDate::Day(_))
                    | DateLine::Invalid(_)
                    | DateLine::Qualified(DocDate::Day(_), _)
            );
            let accept = !start.weak || !in_body || current.is_none() || full_date;
            if accept {
                records.extend(current.take());
                let entry = dated_entry(line, lines.get(start.title), i, file, page);
                used[i] = true;
                used[start.title] = true;
                current = Some(Building {
                    entry,
                    summary: Vec::new(),
                });
                in_body = true;
                i = start.title + 1;
                continue;
            }
        }
        in_body = true;
        let gap = lines.gap(i);
        let new_undated = match &current {
            None => can_be_title(line),
            Some(b) => {
                (gap >= 2 && can_be_title(line) && !is_date(line))
                    || (gap == 1 && !b.summary.is_empty() && looks_like_title(line))
            }
        };
        if new_undated {
            records.extend(current.take());
            page.diagnostics.push(Diagnostic::warning(
                file,
                Some(i + 1),
                format!(
                    "no date line before \"{}\": the record is kept, as undated",
                    shorten(line, 60)
                ),
            ));
            used[i] = true;
            current = Some(Building {
                entry: Entry {
                    title: line.to_string(),
                    line: i + 1,
                    ..Entry::default()
                },
                summary: Vec::new(),
            });
        } else if let Some(b) = &mut current {
            b.summary.push(i);
            used[i] = true;
        }
        i += 1;
    }
    records.extend(current.take());
    if let Some(c) = counted.take() {
        check_range(&c, records.len() - c.from, file, page);
    }
    for mut b in records {
        b.entry.summary = b
            .summary
            .iter()
            .map(|&k| lines.get(k))
            .collect::<Vec<_>>()
            .join("\n");
        page.entries.push(b.entry);
    }
    collect_unread(lines, &used, page);
}

/// Warns when a page holds another number of records than its range line says.
fn check_range(counted: &Counted, held: usize, file: &Arc<str>, page: &mut ParsedPage) {
    let range = counted.range;
    let held = held as u64;
    if held != range.expected() {
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(range.line),
            format!(
                "{held} entries: the page says {} - {} of {} but holds {held} (a partial save?)",
                range.first, range.last, range.total
            ),
        ));
    }
}

/// An entry from a date line and its title; an impossible date keeps the record, undated.
fn dated_entry(line: &str, title: &str, i: usize, file: &Arc<str>, page: &mut ParsedPage) -> Entry {
    let mut entry = Entry {
        date_text: line.to_string(),
        title: title.to_string(),
        line: i + 1,
        ..Entry::default()
    };
    set_date(&mut entry, date_of(line), i, file, page);
    entry
}
