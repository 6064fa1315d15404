//! Dates as the archive writes them: the recognition of a *date line* (a line that holds
//! nothing but a date in one of the forms the archive uses, [`parse_date_line`]) and of a date
//! written in a field of a reference file ([`parse_date_value`]). A date that does not exist
//! is reported as [`DateLine::Invalid`], never shifted to a neighbouring day.
//!
//! Dates that say more than a day, month or year (circa, seasons, year ranges, ISO and EDTF
//! strings, "1950s") are read as [`DateLine::Qualified`]: a [`DocDate`] for the timeline plus the
//! [`Edtf`] that says exactly what the source wrote. Built on both: `date` and `edtf` never
//! import this module.

use super::date::{days_in_month, DocDate, MONTH_NAMES};
use super::edtf::{Edtf, EdtfBound, EdtfDate};
use chrono::NaiveDate;

/// What a single line of a page says about dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateLine {
    /// The line is not a date line (it may still mention dates in passing).
    NotADate,
    /// The line is a date in one of the archive's forms ("Undated" gives `DocDate::Undated`).
    Date(DocDate),
    /// The line has the shape of a date but names no real day ("September 31, 1956").
    Invalid(String),
    /// A date that a [`DocDate`] alone cannot hold ("c. 1956", "Summer 1956", "1956-1957"):
    /// its timeline position and its exact EDTF value.
    Qualified(DocDate, Edtf),
}

impl DateLine {
    /// True for every kind of date line (valid, qualified or impossible).
    pub fn is_date(&self) -> bool {
        !matches!(self, DateLine::NotADate)
    }

    /// The EDTF value of a date line, when it has one.
    pub fn edtf(&self) -> Option<Edtf> {
        match self {
            DateLine::Date(d) => Edtf::from_doc_date(*d),
            DateLine::Qualified(_, e) => Some(*e),
            _ => None,
        }
    }
}

fn qualified(edtf: Edtf) -> DateLine {
    if edtf.is_plain() {
        DateLine::Date(edtf.doc_date())
    } else {
        DateLine::Qualified(edtf.doc_date(), edtf)
    }
}

/// Applies `f` to every date of a value (to mark it approximate or uncertain).
fn map_dates(edtf: Edtf, f: impl Fn(&mut EdtfDate)) -> Edtf {
    match edtf {
        Edtf::Date(mut d) => {
            f(&mut d);
            Edtf::Date(d)
        }
        Edtf::Interval(a, b) => {
            let g = |bound: EdtfBound| match bound {
                EdtfBound::Date(mut d) => {
                    f(&mut d);
                    EdtfBound::Date(d)
                }
                other => other,
            };
            Edtf::Interval(g(a), g(b))
        }
    }
}

/// The EDTF value a (non-range) date line stands for.
fn line_edtf(line: &DateLine) -> Option<Edtf> {
    line.edtf()
}

/// Forms beyond the archive's own: ISO and EDTF strings, circa, seasons, decades, ranges,
/// uncertain ("?", "[...]"), and impossible years ("January 1, 99999").
fn extended_forms(line: &str) -> Option<DateLine> {
    // Circa: "c. 1956", "ca. 1956", "circa September 1956".
    for prefix in [
        "circa ", "ca. ", "ca ", "c. ", "c.", "approx. ", "about ", "around ",
    ] {
        if line
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
        {
            return match parse_date_line(&line[prefix.len()..]) {
                DateLine::Invalid(reason) => Some(DateLine::Invalid(reason)),
                other => {
                    line_edtf(&other).map(|e| qualified(map_dates(e, |d| d.approximate = true)))
                }
            };
        }
    }
    // Uncertain: "1956?", "September 1956?", "[September 1956]".
    let inner = line
        .strip_suffix('?')
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')));
    if let Some(inner) = inner {
        if !inner.ends_with(['?', '~', '%']) {
            if let Some(e) = line_edtf(&parse_date_line(inner)) {
                return Some(qualified(map_dates(e, |d| d.uncertain = true)));
            }
        }
    }
    // EDTF / ISO strings: "1956-09-17", "1956-09", "1956~", "195X", "1956/1957", "1956-22".
    let b = line.as_bytes();
    if b.len() >= 4
        && b[..4].iter().all(|c| c.is_ascii_digit() || *c == b'X')
        && b.iter()
            .all(|c| c.is_ascii_digit() || b"-/.X?~%".contains(c))
    {
        if let Ok(e) = Edtf::parse(line) {
            return Some(qualified(e));
        }
        // ISO-shaped but impossible: "1956-02-30", "1956-13-01".
        let iso_day = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().filter(|c| c.is_ascii_digit()).count() == 8;
        if iso_day {
            return Some(DateLine::Invalid(format!("{line} is not a date")));
        }
    }
    // Year ranges: "1956-1957", "1956–57", "1956 - 1957", "1956 to 1957".
    let range = line
        .split_once(" to ")
        .or_else(|| line.split_once(['-', '–', '—']));
    if let Some((a, b)) = range {
        let (a, b) = (a.trim(), b.trim());
        if let (Some(y1), true) = (four_digit_year(a), b.bytes().all(|c| c.is_ascii_digit())) {
            let y2 = match b.len() {
                4 => b.parse::<i32>().ok(),
                2 => b.parse::<i32>().ok().map(|yy| y1 - y1 % 100 + yy),
                _ => None,
            };
            if let Some(y2) = y2 {
                return Some(if y2 < y1 {
                    DateLine::Invalid(format!(
                        "{line} is not a date: the range ends before it starts"
                    ))
                } else {
                    qualified(Edtf::Interval(
                        EdtfBound::Date(EdtfDate::year(y1)),
                        EdtfBound::Date(EdtfDate::year(y2)),
                    ))
                });
            }
        }
        // "June 1950 - July 1953", "September 1956 - 1957".
        if line.contains(' ') {
            let (da, db) = (parse_date_line(a), parse_date_line(b));
            if let (DateLine::Date(x), DateLine::Date(y)) = (&da, &db) {
                if *x != DocDate::Undated && *y != DocDate::Undated {
                    let (ea, eb) = (Edtf::from_doc_date(*x)?, Edtf::from_doc_date(*y)?);
                    if let (Edtf::Date(p), Edtf::Date(q)) = (ea, eb) {
                        if x.start() > y.start() {
                            return Some(DateLine::Invalid(format!(
                                "{line} is not a date: the range ends before it starts"
                            )));
                        }
                        return Some(qualified(Edtf::Interval(
                            EdtfBound::Date(p),
                            EdtfBound::Date(q),
                        )));
                    }
                }
            }
            // "September-October 1956": the year is written once, at the end.
            if let (Some(m1), DateLine::Date(DocDate::Month { year, month })) =
                (month_from_name(a), &db)
            {
                if m1 < *month {
                    let small = |m: u32| u8::try_from(m).unwrap_or(1);
                    return Some(qualified(Edtf::Interval(
                        EdtfBound::Date(EdtfDate::month(*year, small(m1))),
                        EdtfBound::Date(EdtfDate::month(*year, small(*month))),
                    )));
                }
            }
        }
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // Seasons: "Summer 1956", "Fall, 1956".
    if let [season, year] = words.as_slice() {
        let number = match season.to_ascii_lowercase().as_str() {
            "spring" => Some(21),
            "summer" => Some(22),
            "autumn" | "fall" => Some(23),
            "winter" => Some(24),
            _ => None,
        };
        if let (Some(n), Some(y)) = (number, four_digit_year(year)) {
            return Some(qualified(Edtf::Date(EdtfDate::month(y, n))));
        }
    }
    // Decades: "1950s".
    if let [decade] = words.as_slice() {
        if let Some(y) = decade.strip_suffix('s').and_then(four_digit_year) {
            if y % 10 == 0 {
                return Some(qualified(Edtf::Date(EdtfDate {
                    year_unspecified: 1,
                    ..EdtfDate::year(y)
                })));
            }
        }
    }
    // Years the calendar cannot hold: "January 1, 99999", "May 99999".
    let long_year = |w: &str| w.len() > 4 && w.len() <= 12 && w.bytes().all(|b| b.is_ascii_digit());
    let shaped = match words.as_slice() {
        [m, d, y] => {
            month_from_name(m).is_some()
                && d.len() <= 2
                && d.bytes().all(|b| b.is_ascii_digit())
                && long_year(y)
        }
        [m, y] => month_from_name(m).is_some() && long_year(y),
        _ => false,
    };
    if shaped {
        return Some(DateLine::Invalid(format!(
            "{line} is not a date: the year is out of range"
        )));
    }
    None
}

/// Reads a date written in a field of a reference file or spreadsheet: every date-line form,
/// and day-first dates ("14 August 1962"), which a page's lines never use as date lines.
pub fn parse_date_value(text: &str) -> DateLine {
    let text = text.trim();
    match parse_date_line(text) {
        DateLine::NotADate => {}
        other => return other,
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if let [day, month, year] = words.as_slice() {
        if day.len() <= 2
            && day.bytes().all(|b| b.is_ascii_digit())
            && month_from_name(month).is_some()
        {
            return parse_date_line(&format!("{month} {day}, {year}"));
        }
    }
    // "1956/09/17" (slashes, as RIS and some spreadsheets write).
    let parts: Vec<&str> = text.split('/').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[0].len() == 4
    {
        return parse_date_line(&format!("{}-{:0>2}-{:0>2}", parts[0], parts[1], parts[2]));
    }
    DateLine::NotADate
}

/// Longest line that can be a date line; anything longer is text.
const MAX_DATE_LINE: usize = 40;

fn month_from_name(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // Compared without copying (every word of every line that could start a date is asked).
    let word = word.as_bytes();
    MONTH_NAMES.iter().zip(1u32..).find_map(|(name, n)| {
        let name = name.as_bytes();
        let is_abbrev = word.len() <= 4
            && name
                .get(..word.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(word));
        (name.eq_ignore_ascii_case(word) || is_abbrev).then_some(n)
    })
}

fn four_digit_year(word: &str) -> Option<i32> {
    if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        word.parse().ok()
    } else {
        None
    }
}

/// Recognises a date line: "September 17, 1956", "March 03, 1977", "Sept. 17, 1956",
/// "July 1993", "April, 1950", "1996", and "Undated" / "n.d." / "No date".
///
/// Day-first forms ("14 August 1962", "30-31 August 1956") are text, never date lines: the
/// archive writes those only inside titles, summaries and full texts.
pub fn parse_date_line(line: &str) -> DateLine {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_DATE_LINE {
        return DateLine::NotADate;
    }
    // Every form that gives a date has a digit; without one, only "undated" and its kin are
    // date lines. (Most lines asked are titles: this is their whole cost.)
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        let undated = [
            "undated",
            "n.d.",
            "n.d",
            "no date",
            "date unknown",
            "[undated]",
            "(undated)",
        ]
        .iter()
        .any(|form| line.eq_ignore_ascii_case(form));
        return if undated {
            DateLine::Date(DocDate::Undated)
        } else {
            DateLine::NotADate
        };
    }
    // The archive's own forms ("September 17, 1956", "July 1993", "Sept. 17, 1956"): a line
    // of letters, digits, spaces, commas and full stops that starts with a letter has no
    // other reading (the extended forms need a digit first, or "-", "?", "[", "/", or a
    // circa word, which is no month), so it is read without trying those first.
    let plain = line.as_bytes()[0].is_ascii_alphabetic()
        && line
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b',' | b'.'));
    if plain {
        match archive_forms(line) {
            DateLine::NotADate => {}
            found => return found,
        }
    }
    if let Some(found) = extended_forms(line) {
        return found;
    }
    archive_forms(line)
}

/// The archive's own date-line forms: "September 17, 1956", "July 1993", "April, 1950",
/// "1996" (words split at spaces and commas; at most three).
fn archive_forms(line: &str) -> DateLine {
    let mut found = [""; 3];
    let mut count = 0;
    for word in line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
    {
        if count == found.len() {
            return DateLine::NotADate;
        }
        found[count] = word;
        count += 1;
    }
    let words = &found[..count];
    // Commas are allowed only where the archive puts them: after the day or the month.
    let commas = line.bytes().filter(|&b| b == b',').count();
    match words {
        [year] if commas == 0 => match four_digit_year(year) {
            Some(y) => DateLine::Date(DocDate::Year(y)),
            None => DateLine::NotADate,
        },
        [month, year] if commas <= 1 => match (month_from_name(month), four_digit_year(year)) {
            (Some(m), Some(y)) => DateLine::Date(DocDate::Month { year: y, month: m }),
            _ => DateLine::NotADate,
        },
        [month, day, year] if commas <= 1 => {
            let (Some(m), Some(y)) = (month_from_name(month), four_digit_year(year)) else {
                return DateLine::NotADate;
            };
            if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
                return DateLine::NotADate;
            }
            let d: u32 = day.parse().unwrap_or(0);
            match NaiveDate::from_ymd_opt(y, m, d) {
                Some(date) => DateLine::Date(DocDate::Day(date)),
                None => DateLine::Invalid(invalid_reason(y, m, d)),
            }
        }
        _ => DateLine::NotADate,
    }
}

fn invalid_reason(year: i32, month: u32, day: u32) -> String {
    let name = MONTH_NAMES[(month - 1) as usize];
    let days = days_in_month(year, month);
    if day == 0 {
        format!("{name} {day}, {year} is not a date: days start at 1")
    } else if days > 0 {
        format!("{name} {day}, {year} is not a date: {name} {year} has {days} days")
    } else {
        format!("{name} {day}, {year} is not a date")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::tests::day;

    proptest::proptest! {
        /// What lets `parse_date_line` read a plain line (letters first; letters, digits,
        /// spaces, commas, full stops) by the archive's forms before the extended ones: when
        /// those forms read it, no extended form would have.
        #[test]
        fn a_plain_line_the_archive_forms_read_has_no_extended_reading(
            line in "(Jan|Sept\\.|May|June|Fall|Summer|Spring|circa|ca|ca\\.|c\\.|about|to|[A-Za-z]{1,9})(( |, |,)[0-9]{1,6}){0,2}( [A-Za-z0-9]{1,5})?",
        ) {
            let plain = line.as_bytes()[0].is_ascii_alphabetic()
                && line
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b',' | b'.'));
            if plain && archive_forms(&line) != DateLine::NotADate {
                proptest::prop_assert_eq!(extended_forms(&line), None);
            }
        }
    }

    #[test]
    fn lines_without_digits_are_undated_or_not_dates() {
        for (line, undated) in [
            ("Undated", true),
            ("N.D.", true),
            ("[undated]", true),
            ("Date Unknown", true),
            ("September", false),
            ("Fall", false),
            ("Telegram to Moscow", false),
        ] {
            let expected = if undated {
                DateLine::Date(DocDate::Undated)
            } else {
                DateLine::NotADate
            };
            assert_eq!(parse_date_line(line), expected, "{line}");
        }
    }

    /// Month names compared without copies answer as the lowered copies did: whole names
    /// and abbreviations of up to four letters, in any case, with or without a full stop.
    #[test]
    fn month_names_in_any_case_and_abbreviated() {
        let lowered = |word: &str| -> Option<u32> {
            let word = word.strip_suffix('.').unwrap_or(word);
            if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
                return None;
            }
            let lower = word.to_ascii_lowercase();
            MONTH_NAMES.iter().zip(1u32..).find_map(|(name, n)| {
                let name = name.to_ascii_lowercase();
                (name == lower || (lower.len() <= 4 && name.starts_with(&lower))).then_some(n)
            })
        };
        let mut words: Vec<String> = vec![
            "Sept".into(),
            "Sept.".into(),
            "SEPTEMBER".into(),
            "sep".into(),
            "Marchy".into(),
            "Ma".into(),
            "Ju".into(),
            "Jun".into(),
            "Juli".into(),
            "Mai".into(),
            "1956".into(),
            "Déc".into(),
            "".into(),
            ".".into(),
            "Octob".into(),
            "may.".into(),
        ];
        for name in MONTH_NAMES {
            for len in 1..=name.len() {
                let head = &name[..len];
                words.extend([head.to_string(), head.to_uppercase(), format!("{head}.")]);
            }
        }
        for word in &words {
            assert_eq!(month_from_name(word), lowered(word), "{word:?}");
        }
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("JUN"), Some(6));
        assert_eq!(month_from_name("Jul"), Some(7));
        assert_eq!(month_from_name("Juli"), None);
        assert_eq!(month_from_name("Marchy"), None);
    }

    #[test]
    fn archive_forms_are_date_lines() {
        assert_eq!(
            parse_date_line("September 17, 1956"),
            DateLine::Date(day(1956, 9, 17))
        );
        assert_eq!(
            parse_date_line("March 03, 1977"),
            DateLine::Date(day(1977, 3, 3))
        );
        assert_eq!(
            parse_date_line("Sept. 17, 1956"),
            DateLine::Date(day(1956, 9, 17))
        );
        assert_eq!(
            parse_date_line("July 1993"),
            DateLine::Date(DocDate::Month {
                year: 1993,
                month: 7
            })
        );
        assert_eq!(
            parse_date_line("April, 1950"),
            DateLine::Date(DocDate::Month {
                year: 1950,
                month: 4
            })
        );
        assert_eq!(parse_date_line("1996"), DateLine::Date(DocDate::Year(1996)));
        assert_eq!(
            parse_date_line("  1996  "),
            DateLine::Date(DocDate::Year(1996))
        );
        assert_eq!(parse_date_line("Undated"), DateLine::Date(DocDate::Undated));
        assert_eq!(parse_date_line("n.d."), DateLine::Date(DocDate::Undated));
        assert_eq!(parse_date_line("1939"), DateLine::Date(DocDate::Year(1939)));
    }

    #[test]
    fn text_that_mentions_dates_is_not_a_date_line() {
        for text in [
            "30-31 August 1956",
            "14 August 1962",
            "Telegram from A. Mikoyan",
            "Pagination",
            "11 - 20 of 118",
            "196",
            "19560",
            "May",
            "Maybe 1956",
            "September 17, 1956, Moscow",
            "September 123, 1956",
            "",
        ] {
            assert_eq!(parse_date_line(text), DateLine::NotADate, "{text:?}");
        }
    }

    #[test]
    fn impossible_days_are_reported_not_shifted() {
        match parse_date_line("September 31, 1956") {
            DateLine::Invalid(msg) => {
                assert!(msg.contains("September 31, 1956 is not a date"), "{msg}");
                assert!(msg.contains("30 days"), "{msg}");
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(
            parse_date_line("February 29, 1957"),
            DateLine::Invalid(_)
        ));
        assert_eq!(
            parse_date_line("February 29, 1956"),
            DateLine::Date(day(1956, 2, 29))
        );
        assert!(matches!(
            parse_date_line("June 0, 1950"),
            DateLine::Invalid(_)
        ));
    }
}
