//! TimelineJS (Knight Lab's TimelineJS3), the tool teachers already publish timelines with:
//! its JSON (`events`, `eras`, `title`) and the columns of its Google Sheets template, so a
//! set of documents can be pasted into the template or loaded as JSON.
//!
//! Owns the mapping of a document (date at its precision, title, summary, note, link, lane) to
//! a TimelineJS slide. Pure: the caller gives the items and eras; no egui, no files.

use crate::text::safe::{one_line, spreadsheet_cell};
use serde_json::{json, Map, Value};

/// One document as a slide.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Item {
    /// ISO date at the document's precision: "1962", "1962-08" or "1962-08-14"; `None` when
    /// undated (TimelineJS cannot place those: they are left out and counted).
    pub date: Option<String>,
    /// The date as the archive wrote it, shown as TimelineJS's display date.
    pub date_text: String,
    pub title: String,
    pub summary: String,
    pub note: String,
    pub url: Option<String>,
    /// The lane (theme) it belongs to: TimelineJS's `group`.
    pub group: String,
}

/// A named period: TimelineJS's era, drawn as a band.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    pub name: String,
    /// First day, ISO.
    pub start: String,
    /// Last day, ISO (inclusive).
    pub end: String,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub text: String,
    pub events: usize,
    /// Undated items left out (TimelineJS needs a start date).
    pub undated: usize,
}

/// Year, month and day of an ISO date at its precision; `None` if it is not one.
fn parts(iso: &str) -> Option<(i64, Option<u32>, Option<u32>)> {
    let mut it = iso.trim().splitn(3, '-');
    let year: i64 = it.next()?.parse().ok()?;
    let month = match it.next() {
        Some(m) => Some(m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day = match it.next() {
        Some(d) => Some(d.parse::<u32>().ok().filter(|d| (1..=31).contains(d))?),
        None => None,
    };
    Some((year, month, day))
}

/// A TimelineJS date object with only the parts the precision has (a month has no `day`).
fn date_object(iso: &str) -> Option<Value> {
    let (year, month, day) = parts(iso)?;
    let mut date = Map::new();
    date.insert("year".into(), json!(year));
    if let Some(m) = month {
        date.insert("month".into(), json!(m));
    }
    if let Some(d) = day {
        date.insert("day".into(), json!(d));
    }
    Some(Value::Object(date))
}

/// Escapes text for TimelineJS's HTML-capable text fields.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The slide text: the summary, the note, and a link to the archive's page.
fn slide_text(item: &Item) -> String {
    let mut parts = Vec::new();
    if !item.summary.trim().is_empty() {
        parts.push(format!("<p>{}</p>", html(item.summary.trim())));
    }
    if !item.note.trim().is_empty() {
        parts.push(format!(
            "<p><em>Note:</em> {}</p>",
            html(item.note.trim()).replace('\n', "<br>")
        ));
    }
    if let Some(url) = item.url.as_deref().filter(|u| is_web_url(u)) {
        parts.push(format!(
            "<p><a href=\"{}\">Read the document in the archive</a></p>",
            html(url.trim())
        ));
    }
    parts.join("")
}

/// TimelineJS3 JSON: a title slide, one event per dated item, and the eras.
pub fn json(title: &str, subtitle: &str, items: &[Item], eras: &[Era]) -> Written {
    let mut events = Vec::new();
    let mut undated = 0;
    for item in items {
        let Some(start) = item.date.as_deref().and_then(date_object) else {
            undated += 1;
            continue;
        };
        let mut event = Map::new();
        event.insert("start_date".into(), start);
        event.insert(
            "text".into(),
            json!({ "headline": html(one_line(&item.title).as_ref()), "text": slide_text(item) }),
        );
        if !item.group.is_empty() {
            event.insert("group".into(), json!(item.group));
        }
        if !item.date_text.trim().is_empty() {
            event.insert("display_date".into(), json!(one_line(&item.date_text)));
        }
        events.push(Value::Object(event));
    }
    let eras: Vec<Value> = eras
        .iter()
        .filter_map(|era| {
            Some(json!({
                "start_date": date_object(&era.start)?,
                "end_date": date_object(&era.end)?,
                "text": { "headline": html(&era.name) },
            }))
        })
        .collect();
    let count = events.len();
    let doc = json!({
        "title": { "text": { "headline": html(title), "text": format!("<p>{}</p>", html(subtitle)) } },
        "events": events,
        "eras": eras,
    });
    Written {
        text: serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n",
        events: count,
        undated,
    }
}

/// The columns of TimelineJS's Google Sheets template, in its order.
pub const SHEET_COLUMNS: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// The same slides as rows of the Google Sheets template (title row, events, eras), to paste
/// into it. Cells are made inert for spreadsheets (see [`spreadsheet_cell`]).
pub fn sheet_csv(title: &str, subtitle: &str, items: &[Item], eras: &[Era]) -> Written {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<[String; 18]> = Vec::new();
    let mut title_row: [String; 18] = Default::default();
    title_row[9] = title.to_string();
    title_row[10] = subtitle.to_string();
    title_row[15] = "title".to_string();
    rows.push(title_row);
    let mut events = 0;
    let mut undated = 0;
    let date_cells = |iso: &str| -> Option<[String; 3]> {
        let (y, m, d) = parts(iso)?;
        Some([
            y.to_string(),
            m.map(|m| m.to_string()).unwrap_or_default(),
            d.map(|d| d.to_string()).unwrap_or_default(),
        ])
    };
    for item in items {
        let Some([y, m, d]) = item.date.as_deref().and_then(date_cells) else {
            undated += 1;
            continue;
        };
        let mut row: [String; 18] = Default::default();
        row[0] = y;
        row[1] = m;
        row[2] = d;
        row[8] = one_line(&item.date_text).into_owned();
        row[9] = one_line(&item.title).into_owned();
        row[10] = slide_text(item);
        row[16] = item.group.clone();
        rows.push(row);
        events += 1;
    }
    for era in eras {
        let (Some([y, m, d]), Some([ey, em, ed])) = (date_cells(&era.start), date_cells(&era.end))
        else {
            continue;
        };
        let mut row: [String; 18] = Default::default();
        row[0] = y;
        row[1] = m;
        row[2] = d;
        row[4] = ey;
        row[5] = em;
        row[6] = ed;
        row[9] = era.name.clone();
        row[15] = "era".to_string();
        rows.push(row);
    }
    // Writing into a Vec cannot fail; a failed row would only be missing, never a panic.
    let _ = writer.write_record(SHEET_COLUMNS);
    for row in &rows {
        let _ = writer.write_record(row.iter().map(|c| spreadsheet_cell(c).into_owned()));
    }
    let bytes = writer
        .into_inner()
        .unwrap_or_else(|e| e.into_inner().get_ref().clone());
    Written {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        events,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(date: Option<&str>, title: &str) -> Item {
        Item {
            date: date.map(str::to_string),
            date_text: "September 17, 1956".into(),
            title: title.into(),
            summary: "Mikoyan reports <in full> & more.".into(),
            note: "Use with lesson 3".into(),
            url: Some("https://digitalarchive.wilsoncenter.org/document/110485".into()),
            group: "August 1956 Crisis".into(),
        }
    }

    fn eras() -> Vec<Era> {
        vec![Era {
            name: "Khrushchev".into(),
            start: "1953-03-05".into(),
            end: "1964-10-13".into(),
        }]
    }

    #[test]
    fn json_has_what_timelinejs_requires_at_each_precision() {
        let items = [
            item(Some("1956-09-17"), "Telegram"),
            item(Some("1956-09"), "Month only"),
            item(Some("1956"), "Year only"),
            item(None, "Undated"),
        ];
        let written = json("Lesson 3", "The August crisis", &items, &eras());
        assert_eq!((written.events, written.undated), (3, 1));
        let v: Value = serde_json::from_str(&written.text).expect("valid JSON");
        assert_eq!(v["title"]["text"]["headline"], "Lesson 3");
        let events = v["events"].as_array().expect("events");
        assert_eq!(events.len(), 3);
        for e in events {
            // TimelineJS requires a start_date with a year, and shows text.headline.
            assert!(e["start_date"]["year"].is_i64(), "{e}");
            assert!(e["text"]["headline"].is_string());
            assert_eq!(e["group"], "August 1956 Crisis");
            assert_eq!(e["display_date"], "September 17, 1956");
        }
        let day = &events[0]["start_date"];
        assert_eq!(
            (
                day["year"].as_i64(),
                day["month"].as_i64(),
                day["day"].as_i64()
            ),
            (Some(1956), Some(9), Some(17))
        );
        let month = events[1]["start_date"].as_object().expect("object");
        assert!(month.contains_key("month") && !month.contains_key("day"));
        let year = events[2]["start_date"].as_object().expect("object");
        assert!(!year.contains_key("month") && !year.contains_key("day"));
        let text = events[0]["text"]["text"].as_str().expect("text");
        assert!(text.contains("&lt;in full&gt; &amp; more"), "{text}");
        assert!(text.contains("Use with lesson 3"));
        assert!(text.contains("href=\"https://digitalarchive.wilsoncenter.org/document/110485\""));
        let era = &v["eras"][0];
        assert_eq!(era["text"]["headline"], "Khrushchev");
        assert_eq!(era["end_date"]["day"], 13);
    }

    #[test]
    fn a_script_url_is_never_a_link() {
        let mut x = item(Some("1956"), "x");
        x.url = Some("javascript:alert(1)".into());
        assert!(!slide_text(&x).contains("href"));
    }

    #[test]
    fn the_sheet_has_the_template_columns_title_events_and_eras() {
        let items = [
            item(Some("1956-09"), "=HYPERLINK(\"x\")"),
            item(None, "Undated"),
        ];
        let written = sheet_csv("Lesson", "Sub", &items, &eras());
        let mut reader = csv::Reader::from_reader(written.text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header, SHEET_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 3, "title, one event, one era");
        assert_eq!(&rows[0][15], "title");
        assert_eq!((&rows[1][0], &rows[1][1], &rows[1][2]), ("1956", "9", ""));
        assert!(
            rows[1][9].starts_with('\''),
            "formula neutralised: {}",
            &rows[1][9]
        );
        assert_eq!(&rows[2][15], "era");
        assert_eq!(&rows[2][4], "1964");
        assert_eq!(written.undated, 1);
    }
}
