//! The context lane's data: a reference chronology of the Cold War's major events
//! (`assets/context_events.ron`, each date checked against two references listed in
//! `docs/context_events_sources.md`), and the user's own events read from a CSV file.
//!
//! Owns parsing and checking events, and the span each one covers. Pure: no egui, no I/O but
//! the bounded read of a user's CSV; drawing the lane is the app's business.

use crate::durable::fsio::read_bounded;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::fmt;
use std::path::Path;

const BUILTIN_RON: &str = include_str!("../assets/context_events.ron");
/// A user's events file is a few kilobytes; a larger one is refused unread.
const MAX_CSV_BYTES: u64 = 4 * 1024 * 1024;

/// How finely an event's date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventPrecision {
    Day,
    Month,
}

/// A day or a month, as the chronology writes it ("1961-08-13", "1960-07").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventDate {
    /// The first day of the date.
    pub first: NaiveDate,
    /// The last day of the date (the same day, or the month's last day).
    pub last: NaiveDate,
}

impl EventDate {
    /// Reads `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<EventDate> {
        let text = text.trim();
        if !text.is_ascii() || text.find('-') != Some(4) {
            return None;
        }
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(EventDate {
                first: day,
                last: day,
            });
        }
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let first = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)?;
        let next = first.checked_add_months(chrono::Months::new(1))?;
        Some(EventDate {
            first,
            last: next.pred_opt()?,
        })
    }

    pub fn precision(self) -> EventPrecision {
        if self.first == self.last {
            EventPrecision::Day
        } else {
            EventPrecision::Month
        }
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            EventPrecision::Day => write!(f, "{}", self.first.format("%-d %B %Y")),
            EventPrecision::Month => write!(f, "{}", self.first.format("%B %Y")),
        }
    }
}

/// One event of the context lane.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextEvent {
    pub date: EventDate,
    /// The last date of an event that spans time (the Korean War), inclusive.
    pub end: Option<EventDate>,
    pub title: String,
    pub description: String,
    /// Added by the user (from a CSV or in the app), not from the reference chronology.
    pub user: bool,
    /// How early the band labels it where not every label fits: 1 to 3 in the chronology
    /// (its headline events are 1), 0 for the rest. See [`ContextEvent::label_priority`].
    pub rank: u8,
}

impl ContextEvent {
    /// The first day the event covers.
    pub fn first_day(&self) -> NaiveDate {
        self.date.first
    }

    /// The last day the event covers (inclusive).
    pub fn last_day(&self) -> NaiveDate {
        self.end.map_or(self.date.last, |e| e.last)
    }

    pub fn is_interval(&self) -> bool {
        self.end.is_some()
    }

    /// Where the event's label comes in the order the band places labels (lower first): the
    /// chronology's ranked events by rank, the user's own events after its headline ones
    /// (they are why the user added them), then the rest.
    pub fn label_priority(&self) -> u8 {
        match (self.rank, self.user) {
            (1..=3, _) => self.rank,
            (_, true) => 2,
            _ => 4,
        }
    }

    /// Whether the band should find its label a place even far from a crowded tick: ranked
    /// and the user's own events.
    pub fn is_notable(&self) -> bool {
        self.label_priority() < 4
    }

    /// "25 June 1950 – 27 July 1953", "4 October 1957", "July 1960".
    pub fn date_label(&self) -> String {
        match self.end {
            Some(end) => format!("{} – {end}", self.date),
            None => self.date.to_string(),
        }
    }
}

/// A problem with an events file, naming where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventsError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for EventsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for EventsError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsFile {
    events: Vec<EventSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventSpec {
    date: String,
    #[serde(default)]
    end: Option<String>,
    title: String,
    #[serde(default)]
    description: String,
    /// 1 to 3: labelled first where the band is crowded (see the file's header).
    #[serde(default)]
    rank: u8,
}

/// Checks one event's parts and builds it.
fn event(
    date: &str,
    end: Option<&str>,
    title: &str,
    description: &str,
    user: bool,
) -> Result<ContextEvent, String> {
    let parsed = EventDate::parse(date)
        .ok_or_else(|| format!("{date:?} is not a date written YYYY-MM-DD or YYYY-MM"))?;
    let end = match end.map(str::trim).filter(|e| !e.is_empty()) {
        None => None,
        Some(end) => {
            let e = EventDate::parse(end).ok_or_else(|| {
                format!("end {end:?} is not a date written YYYY-MM-DD or YYYY-MM")
            })?;
            if e.last < parsed.first {
                return Err(format!("{title:?} ends ({end}) before it starts ({date})"));
            }
            Some(e)
        }
    };
    let title = crate::text::safe::one_line(title).into_owned();
    if title.is_empty() {
        return Err("an event needs a title".to_string());
    }
    Ok(ContextEvent {
        date: parsed,
        end,
        title,
        description: crate::text::safe::one_line(description).into_owned(),
        user,
        rank: 0,
    })
}

impl ContextEvent {
    /// A user's event from the app's form: a date (`YYYY-MM-DD` or `YYYY-MM`), a title, and
    /// an optional end date; the message says what is wrong.
    pub fn user(date: &str, end: Option<&str>, title: &str) -> Result<ContextEvent, String> {
        event(date, end, title, "", true)
    }

    /// The date as the chronology writes it ("1961-08-13", "1960-07").
    fn iso(date: EventDate) -> String {
        match date.precision() {
            EventPrecision::Day => date.first.format("%Y-%m-%d").to_string(),
            EventPrecision::Month => date.first.format("%Y-%m").to_string(),
        }
    }
}

/// Merges `new` events into `events` (same first day and title: kept once), sorted; returns
/// how many were new.
pub fn merge_events(events: &mut Vec<ContextEvent>, new: Vec<ContextEvent>) -> usize {
    merge_events_counted(events, new).0
}

/// [`merge_events`], and how many titles it folded (the work the linearity test bounds):
/// one hash set of what is there, so 64,000 events merge in linear work (each new event was
/// compared with every one before, folding both titles each time).
pub fn merge_events_counted(
    events: &mut Vec<ContextEvent>,
    new: Vec<ContextEvent>,
) -> (usize, usize) {
    let mut folds = 0;
    let mut fold = |title: &str| {
        folds += 1;
        crate::text::fold(title)
    };
    let mut seen: std::collections::HashSet<(EventDate, String)> =
        events.iter().map(|e| (e.date, fold(&e.title))).collect();
    let mut added = 0;
    for event in new {
        if seen.insert((event.date, fold(&event.title))) {
            events.push(event);
            added += 1;
        }
    }
    sort_events(events);
    (added, folds)
}

/// The user's events as CSV (`date,end,title,description`), the form [`from_csv`] reads.
pub fn to_csv(events: &[ContextEvent]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["date", "end", "title", "description"]);
    for e in events {
        let end = e.end.map(ContextEvent::iso).unwrap_or_default();
        let _ = writer.write_record([
            ContextEvent::iso(e.date).as_str(),
            end.as_str(),
            crate::text::safe::spreadsheet_cell(&e.title).as_ref(),
            crate::text::safe::spreadsheet_cell(&e.description).as_ref(),
        ]);
    }
    let bytes = writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The file the user's events were kept in, beside the bookmarks, before the workspace held
/// them (read once, into the workspace, and left in place).
pub const USER_FILE: &str = "context_events.csv";

/// A user's event as the workspace file keeps it: dates as the chronology writes them
/// (`1961-08-13`, `1960-07`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UserEvent {
    pub date: String,
    #[serde(default)]
    pub end: Option<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

impl UserEvent {
    pub fn of(event: &ContextEvent) -> UserEvent {
        UserEvent {
            date: ContextEvent::iso(event.date),
            end: event.end.map(ContextEvent::iso),
            title: event.title.clone(),
            description: event.description.clone(),
        }
    }

    /// The event it stands for; `None` when its dates do not read (a hand-edited file).
    pub fn event(&self) -> Option<ContextEvent> {
        event(
            &self.date,
            self.end.as_deref(),
            &self.title,
            &self.description,
            true,
        )
        .ok()
    }

    /// The same event as `other`: same date and folded title.
    pub fn same_as(&self, other: &UserEvent) -> bool {
        self.key() == other.key()
    }

    /// What [`Self::same_as`] compares: the date and the folded title (for a hash set).
    pub fn key(&self) -> (String, String) {
        (self.date.clone(), crate::text::fold(&self.title))
    }
}

/// Sorts events by first day, then last day, then title.
pub fn sort_events(events: &mut [ContextEvent]) {
    events.sort_by(|a, b| {
        (a.first_day(), a.last_day(), &a.title).cmp(&(b.first_day(), b.last_day(), &b.title))
    });
}

/// Parses a chronology in the RON form of `assets/context_events.ron`.
pub fn from_ron(text: &str, file: &str) -> Result<Vec<ContextEvent>, EventsError> {
    let parsed: EventsFile = ron::from_str(text).map_err(|e| EventsError {
        file: file.to_string(),
        line: e.span.start.line,
        message: e.code.to_string(),
    })?;
    let mut events = Vec::with_capacity(parsed.events.len());
    for (i, spec) in parsed.events.iter().enumerate() {
        let built = event(
            &spec.date,
            spec.end.as_deref(),
            &spec.title,
            &spec.description,
            false,
        )
        .map_err(|message| EventsError {
            file: file.to_string(),
            line: 0,
            message: format!("event {}: {message}", i + 1),
        })?;
        if spec.rank > 3 {
            return Err(EventsError {
                file: file.to_string(),
                line: 0,
                message: format!("event {}: rank {} is not 1, 2 or 3", i + 1, spec.rank),
            });
        }
        events.push(ContextEvent {
            rank: spec.rank,
            ..built
        });
    }
    sort_events(&mut events);
    Ok(events)
}

/// The bundled reference chronology (checked by a unit test; empty if it ever failed to parse).
pub fn builtin() -> Vec<ContextEvent> {
    from_ron(BUILTIN_RON, "context_events.ron").unwrap_or_default()
}

/// Reads the user's events from CSV text with a header row naming `date`, `title` and
/// optionally `end` (or `end date`) and `description`, in any order and case. Rows that
/// cannot be read are reported with their line, and the others are kept.
pub fn from_csv(text: &str, file: &str) -> (Vec<ContextEvent>, Vec<EventsError>) {
    let mut events = Vec::new();
    let mut problems = Vec::new();
    let problem = |line: usize, message: String| EventsError {
        file: file.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect(),
        Err(e) => {
            problems.push(problem(1, format!("no header row: {e}")));
            return (events, problems);
        }
    };
    let column = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let (Some(date_col), Some(title_col)) = (
        column(&["date", "start", "start date"]),
        column(&["title", "headline", "event"]),
    ) else {
        problems.push(problem(
            1,
            "the header row must name a `date` and a `title` column".to_string(),
        ));
        return (events, problems);
    };
    let end_col = column(&["end", "end date", "end_date"]);
    let description_col = column(&["description", "text", "summary"]);
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(problem(line, format!("unreadable row: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let get = |col: Option<usize>| col.and_then(|c| record.get(c)).unwrap_or_default();
        match event(
            get(Some(date_col)),
            end_col.map(|c| record.get(c).unwrap_or_default()),
            get(Some(title_col)),
            get(description_col),
            true,
        ) {
            Ok(e) => events.push(e),
            Err(message) => problems.push(problem(line, message)),
        }
    }
    sort_events(&mut events);
    (events, problems)
}

/// Reads a user's events CSV from disk (bounded, regular files only).
pub fn load_csv(path: &Path) -> (Vec<ContextEvent>, Vec<EventsError>) {
    let file = path.display().to_string();
    match read_bounded(path, MAX_CSV_BYTES) {
        Ok((bytes, _)) => from_csv(&String::from_utf8_lossy(&bytes), &file),
        Err(e) => (
            Vec::new(),
            vec![EventsError {
                file,
                line: 0,
                message: format!("cannot read: {e}"),
            }],
        ),
    }
}

/// The events that touch the inclusive day range `first..=last`.
pub fn in_range(
    events: &[ContextEvent],
    first: NaiveDate,
    last: NaiveDate,
) -> impl Iterator<Item = &ContextEvent> {
    events
        .iter()
        .filter(move |e| e.first_day() <= last && e.last_day() >= first)
}

/// The year an event starts, for grouping.
pub fn year_of(event: &ContextEvent) -> i32 {
    event.first_day().year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test day")
    }

    fn find<'a>(events: &'a [ContextEvent], title: &str) -> &'a ContextEvent {
        events
            .iter()
            .find(|e| e.title == title)
            .unwrap_or_else(|| panic!("{title} is in the chronology"))
    }

    #[test]
    fn the_chronology_parses_is_ordered_and_spans_the_cold_war() {
        let text = BUILTIN_RON;
        let events = from_ron(text, "context_events.ron").expect("parses");
        assert!(events.len() >= 60, "{} events", events.len());
        // In file order already: the file is kept sorted, as its header says.
        let mut sorted = events.clone();
        sort_events(&mut sorted);
        assert_eq!(events, sorted);
        assert!(events
            .windows(2)
            .all(|w| w[0].first_day() <= w[1].first_day()));
        for e in &events {
            assert!(e.last_day() >= e.first_day(), "{}", e.title);
            assert!(e.title.chars().count() <= 32, "{}", e.title);
            assert!(!e.description.is_empty(), "{}", e.title);
            assert!(
                (1945..=1996).contains(&e.first_day().year()),
                "{}: {}",
                e.title,
                e.first_day()
            );
        }
    }

    #[test]
    fn the_headline_events_are_ranked_first() {
        let events = builtin();
        let headline: Vec<&str> = events
            .iter()
            .filter(|e| e.label_priority() == 1)
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(
            headline,
            [
                "Korean War",
                "Cuban Missile Crisis",
                "Fall of the Berlin Wall"
            ]
        );
        let ranked = events.iter().filter(|e| e.is_notable()).count();
        assert!((15..=40).contains(&ranked), "{ranked} ranked events");
        let mine = ContextEvent::user("1961-08", None, "Our exchange visit").expect("event");
        assert_eq!(mine.label_priority(), 2);
        assert!(from_ron(
            r#"(events: [(date: "1950-01-01", title: "x", rank: 7)])"#,
            "test.ron"
        )
        .is_err());
    }

    #[test]
    fn key_dates_and_intervals_are_right() {
        let events = builtin();
        let korea = find(&events, "Korean War");
        assert_eq!(
            (korea.first_day(), korea.last_day()),
            (day(1950, 6, 25), day(1953, 7, 27))
        );
        assert!(korea.is_interval());
        for (title, first) in [
            ("Sputnik 1", day(1957, 10, 4)),
            ("Berlin Wall built", day(1961, 8, 13)),
            ("Fall of the Berlin Wall", day(1989, 11, 9)),
            ("Chernobyl disaster", day(1986, 4, 26)),
        ] {
            assert_eq!(find(&events, title).first_day(), first, "{title}");
        }
        let missiles = find(&events, "Cuban Missile Crisis");
        assert_eq!(missiles.first_day(), day(1962, 10, 16));
        assert_eq!(missiles.last_day(), day(1962, 10, 28));
        assert!(events.iter().filter(|e| e.is_interval()).count() >= 10);
    }

    #[test]
    fn dates_read_at_their_precision() {
        let month = EventDate::parse("1960-07").expect("month");
        assert_eq!(month.precision(), EventPrecision::Month);
        assert_eq!(
            (month.first, month.last),
            (day(1960, 7, 1), day(1960, 7, 31))
        );
        assert_eq!(month.to_string(), "July 1960");
        let d = EventDate::parse("1957-10-04").expect("day");
        assert_eq!(d.to_string(), "4 October 1957");
        for bad in ["", "1957", "1957-13", "1957-02-30", "57-10-04", "1957-1"] {
            assert!(EventDate::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn user_events_come_from_a_csv_and_bad_rows_are_reported_by_line() {
        let text = "Title,Date,End date\n\
                    School trip to Berlin,1961-08,\n\
                    \"Our own, with a comma\",1956-10-23,1956-11-10\n\
                    Broken,1956-13-01,\n\
                    Backwards,1960-01-02,1959-01-01\n";
        let (events, problems) = from_csv(text, "mine.csv");
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].title, "Our own, with a comma");
        assert_eq!(events[0].last_day(), day(1956, 11, 10));
        assert!(events.iter().all(|e| e.user));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line, 4, "{}", problems[0]);
        assert!(problems[1].to_string().starts_with("mine.csv:5:"));
        let (none, problems) = from_csv("when,what\n1956,x\n", "bad.csv");
        assert!(none.is_empty());
        assert!(problems[0].message.contains("date"));
    }

    #[test]
    fn user_events_round_trip_through_their_csv_and_merge_once() {
        let a = ContextEvent::user("1962-10-16", Some("1962-10-28"), "Cuban crisis (class)")
            .expect("valid");
        let b = ContextEvent::user("1956-10", None, "Our school founded").expect("valid");
        assert!(ContextEvent::user("1962-13-01", None, "x").is_err());
        assert!(ContextEvent::user("1962-10-16", Some("1962-10-01"), "x").is_err());
        assert!(ContextEvent::user("1962-10-16", None, "  ").is_err());
        let text = to_csv(&[b.clone(), a.clone()]);
        let (back, problems) = from_csv(&text, "x.csv");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, vec![b.clone(), a.clone()]);
        let mut events = vec![a.clone()];
        assert_eq!(merge_events(&mut events, vec![a, b]), 1);
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].title, "Our school founded");
    }

    #[test]
    fn range_queries_include_overlapping_intervals() {
        let events = builtin();
        let in_1952: Vec<&str> = in_range(&events, day(1952, 1, 1), day(1952, 12, 31))
            .map(|e| e.title.as_str())
            .collect();
        assert!(in_1952.contains(&"Korean War"), "{in_1952:?}");
    }

    proptest::proptest! {
        #[test]
        fn no_csv_panics(text in ".{0,400}") {
            let _ = from_csv(&text, "x.csv");
        }
    }

    #[test]
    fn a_big_events_file_merges_in_linear_work() {
        let mut text = String::from("date,title\n");
        for i in 0..64_000 {
            text.push_str(&format!(
                "1961-{:02}-{:02},Event {i}\n",
                i % 12 + 1,
                i % 28 + 1
            ));
        }
        let (events, problems) = from_csv(&text, "big.csv");
        assert!(problems.is_empty());
        let mut all = builtin();
        let before = all.len();
        let (added, folds) = merge_events_counted(&mut all, events.clone());
        assert_eq!(added, 64_000);
        assert_eq!(folds, before + 64_000);
        // The same again adds nothing.
        let (again, _) = merge_events_counted(&mut all, events);
        assert_eq!(again, 0);
    }
}
