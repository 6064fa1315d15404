//! CSL-JSON files (Zotero's "Export Collection… → CSL JSON", citeproc's input format), and this
//! app's own JSON export, read back.
//!
//! Read with serde_json (already a dependency; CSL-JSON is plain JSON, so no CSL crate is
//! needed). Each item: `title`; `issued` as `date-parts` (one part, or two for a range, with a
//! `season` or `circa`), `raw`, or `literal`; `abstract`; `URL` (`/document/N` gives the record
//! id); `language`; `archive` and `archive_location`; `author`; `keyword`/`tags` as subjects;
//! `event-place`/`publisher-place` as places. Lines are the lines where items start.

use super::diag::Diagnostic;
use super::entry::ParsedPage;
use super::reference::{
    approximate, date_from_parts, interval, lines_of, split_list, split_names, text, Item,
};
use crate::model::date_line::parse_date_value;
use crate::model::DateLine;
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// Does the text look like JSON (an array of objects or one object)?
pub fn looks_like(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some('[') => matches!(chars.find(|c| !c.is_whitespace()), Some('{' | ']')),
        Some('{') => matches!(chars.find(|c| !c.is_whitespace()), Some('"' | '}')),
        _ => false,
    }
}

/// Reads a CSL-JSON file.
pub fn read_csl_json(text: &str, file: &Arc<str>) -> ParsedPage {
    let mut page = ParsedPage::default();
    let starts = lines_of(text, &item_offsets(text));
    let mut skipped: Vec<(usize, usize)> = Vec::new();
    // Fast path: an array of objects, read straight into borrowed fields (no JSON tree).
    let fast: Result<Vec<RawItem<'_>>, _> = serde_json::from_str(text);
    let raw_items: Vec<Option<RawItem<'_>>>;
    let value: Value;
    match fast {
        Ok(items) => raw_items = items.into_iter().map(Some).collect(),
        Err(_) => {
            value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => {
                    page.diagnostics.push(Diagnostic::error(
                        file,
                        Some(e.line()),
                        format!("not valid JSON: {e}"),
                    ));
                    return page;
                }
            };
            let items: Vec<&Value> = match &value {
                Value::Array(items) => items.iter().collect(),
                Value::Object(object) => match object.get("items") {
                    Some(Value::Array(items)) => items.iter().collect(),
                    _ => vec![&value],
                },
                _ => Vec::new(),
            };
            raw_items = items
                .into_iter()
                .map(|v| match v {
                    Value::Object(_) => RawItem::deserialize(v).ok(),
                    _ => None,
                })
                .collect();
        }
    }
    for (n, item) in raw_items.into_iter().enumerate() {
        let line = starts.get(n).copied().unwrap_or(1);
        match item {
            Some(item) if item.is_item() => {
                let entry = item_of(item, line).into_entry(file, &mut page);
                page.entries.push(entry);
            }
            _ => skipped.push((n, line)),
        }
    }
    if page.entries.is_empty() {
        page.diagnostics.push(Diagnostic::error(
            file,
            None,
            "JSON without CSL-JSON items (no title, type or date): not an archive page or a reference file",
        ));
        return page;
    }
    for (n, line) in skipped {
        page.diagnostics.push(Diagnostic::warning(
            file,
            Some(line),
            format!(
                "item {} is not a CSL-JSON item (no title, type or date): not read",
                n + 1
            ),
        ));
        page.unread_lines.push(line);
    }
    page
}

/// The fields of a CSL-JSON item this app reads (and those of its own JSON export); any other
/// field is skipped unread. Text fields borrow from the file where they can.
#[derive(Deserialize, Default)]
struct RawItem<'a> {
    #[serde(borrow, default)]
    title: Text<'a>,
    #[serde(borrow, default, rename = "title-short")]
    title_short: Text<'a>,
    #[serde(borrow, default, rename = "type")]
    kind: Text<'a>,
    #[serde(default)]
    issued: Option<Value>,
    /// The archive's date where `issued` holds a researcher's own (this app's export).
    #[serde(default, rename = "original-date")]
    original_date: Option<Value>,
    #[serde(borrow, default, rename = "abstract")]
    summary_csl: Text<'a>,
    #[serde(borrow, default)]
    summary: Text<'a>,
    #[serde(borrow, default, rename = "URL")]
    url_csl: Text<'a>,
    #[serde(borrow, default)]
    url: Text<'a>,
    #[serde(borrow, default)]
    language: Text<'a>,
    #[serde(borrow, default)]
    archive: Text<'a>,
    #[serde(borrow, default)]
    archive_location: Text<'a>,
    #[serde(borrow, default)]
    archive_ref: Text<'a>,
    #[serde(borrow, default)]
    record_id: Text<'a>,
    #[serde(borrow, default)]
    citation: Text<'a>,
    #[serde(borrow, default)]
    credit: Text<'a>,
    #[serde(borrow, default)]
    full_text: Text<'a>,
    #[serde(borrow, default)]
    date: Text<'a>,
    #[serde(borrow, default)]
    date_edtf: Text<'a>,
    #[serde(borrow, default)]
    date_text: Text<'a>,
    #[serde(borrow, default, rename = "event-place")]
    event_place: Text<'a>,
    #[serde(borrow, default, rename = "publisher-place")]
    publisher_place: Text<'a>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    author: Option<Value>,
    #[serde(default)]
    authors: Option<Value>,
    #[serde(default)]
    keyword: Option<Value>,
    #[serde(default)]
    tags: Option<Value>,
    #[serde(default)]
    subjects: Option<Value>,
    #[serde(default)]
    places: Option<Value>,
    #[serde(default)]
    people: Option<Value>,
}

/// A text field: a string (borrowed when it has no escapes); any other JSON value is taken as
/// absent rather than failing the item.
#[derive(Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Option<Cow<'de, str>>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Some(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Some(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Some(Cow::Owned(v)))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_none<E>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(None)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(None)
            }
        }
        deserializer.deserialize_any(Visit).map(Text)
    }
}

impl Text<'_> {
    fn get(&self) -> Option<String> {
        text(self.0.as_deref())
    }
}

impl RawItem<'_> {
    /// A CSL-JSON item (or an item of this app's JSON export) has at least one of these.
    fn is_item(&self) -> bool {
        [
            &self.title,
            &self.title_short,
            &self.kind,
            &self.summary_csl,
            &self.url_csl,
            &self.date,
            &self.summary,
            &self.date_text,
        ]
        .iter()
        .any(|t| t.0.is_some())
            || self.issued.is_some()
    }
}

/// A list field: a string of items, or an array of strings or of `{"tag": ...}` objects.
fn list(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(v)) => split_list(v),
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o
                    .get("tag")
                    .or_else(|| o.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Names: a `;`-separated string, or a list.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(v)) => split_names(v),
        other => list(other),
    }
}

fn item_of(raw: RawItem<'_>, line: usize) -> Item {
    let (date, date_text) = match raw.original_date.as_ref().or(raw.issued.as_ref()) {
        Some(issued) => csl_date(issued),
        // This app's own JSON export.
        None => match raw.date_edtf.get().or_else(|| raw.date.get()) {
            Some(d) => (Some(parse_date_value(&d)), raw.date_text.get()),
            None => (None, raw.date_text.get()),
        },
    };
    let mut subjects = list(raw.keyword.as_ref());
    subjects.extend(list(raw.tags.as_ref()));
    subjects.extend(list(raw.subjects.as_ref()));
    let mut places = list(raw.places.as_ref());
    places.extend(raw.event_place.get());
    places.extend(raw.publisher_place.get());
    let id = match &raw.id {
        Some(Value::String(v)) => Some(v.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut authors: Vec<String> = match &raw.author {
        Some(Value::Array(people)) => people.iter().filter_map(person).collect(),
        _ => Vec::new(),
    };
    if authors.is_empty() {
        authors = names(raw.authors.as_ref());
    }
    Item {
        line,
        title: raw.title.get().or_else(|| raw.title_short.get()),
        date,
        date_text,
        summary: raw.summary_csl.get().or_else(|| raw.summary.get()),
        url: raw.url_csl.get().or_else(|| raw.url.get()),
        record_id: raw.record_id.get(),
        language: raw.language.get(),
        archive: raw.archive.get(),
        archive_ref: raw.archive_location.get().or_else(|| raw.archive_ref.get()),
        citation: raw.citation.get(),
        credit: raw.credit.get(),
        full_text: raw.full_text.get(),
        authors,
        subjects,
        places,
        people: names(raw.people.as_ref()),
        id,
    }
}

/// "Family, Given", or the literal name.
fn person(value: &Value) -> Option<String> {
    let o = value.as_object()?;
    let get = |k: &str| {
        o.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    match (get("family"), get("given"), get("literal")) {
        (_, _, Some(literal)) => Some(literal.to_string()),
        (Some(f), Some(g), _) => Some(format!("{f}, {g}")),
        (Some(f), None, _) => Some(f.to_string()),
        (None, Some(g), _) => Some(g.to_string()),
        _ => None,
    }
}

/// A CSL date object (or a plain string) -> the date and the text it was written as.
fn csl_date(issued: &Value) -> (Option<DateLine>, Option<String>) {
    let obj = match issued {
        Value::String(s) => return (Some(parse_date_value(s)), text(Some(s))),
        Value::Object(o) => o,
        _ => return (None, None),
    };
    let number = |v: &Value| v.as_i64().or_else(|| v.as_str()?.trim().parse().ok());
    let parts: Vec<Vec<i64>> = obj
        .get("date-parts")
        .and_then(Value::as_array)
        .map(|ranges| {
            ranges
                .iter()
                .filter_map(Value::as_array)
                .map(|p| p.iter().map_while(number).collect::<Vec<i64>>())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let circa = match obj.get("circa") {
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_i64().is_some_and(|n| n != 0),
        Some(Value::String(s)) => !s.is_empty() && s != "0" && s != "false",
        _ => false,
    };
    let season = obj.get("season").and_then(|v| {
        number(v).or_else(|| {
            let name = v.as_str()?.trim().to_ascii_lowercase();
            ["spring", "summer", "autumn", "winter"]
                .iter()
                .position(|s| *s == name || (name == "fall" && *s == "autumn"))
                .and_then(|p| i64::try_from(p).ok())
                .map(|p| p + 1)
        })
    });
    let raw = obj
        .get("raw")
        .or_else(|| obj.get("literal"))
        .and_then(Value::as_str)
        .and_then(|s| text(Some(s)));
    // `date-parts` present but holding nothing readable (`[[4294967296]]`, `[[1e308]]`,
    // `[[true]]`): the date could not be read, which is not the same as having none; what was
    // written is kept as the date text.
    let written_parts = obj
        .get("date-parts")
        .filter(|v| v.as_array().is_some_and(|a| !a.is_empty()));
    let unreadable = parts.first().is_none_or(|p| {
        p.first()
            .is_none_or(|y| i32::try_from(*y).is_err() || !(-9999..=9999).contains(y))
    });
    if let (Some(written), true) = (written_parts, unreadable) {
        if raw.is_none() {
            let shown = serde_json::to_string(written).unwrap_or_default();
            return (
                Some(DateLine::Invalid(format!(
                    "date could not be read: {shown}"
                ))),
                Some(shown),
            );
        }
    }
    let date = if let Some(first) = parts.first() {
        let part = |p: &Vec<i64>, k: usize| p.get(k).copied();
        let month = match (part(first, 1), season) {
            (None, Some(s)) if (1..=4).contains(&s) => Some(s + 20),
            (m, _) => m,
        };
        let start = date_from_parts(part(first, 0), month, part(first, 2));
        let date = match parts.get(1) {
            Some(end) => interval(
                start,
                date_from_parts(part(end, 0), part(end, 1), part(end, 2)),
            ),
            None => start,
        };
        Some(date)
    } else {
        raw.as_deref().map(parse_date_value)
    };
    let date = date.map(|d| if circa { approximate(d) } else { d });
    (date, raw)
}

/// Byte offsets where the top-level array's objects start (string-aware, one pass).
fn item_offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let top_is_array = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('[');
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                if b == b'{' && ((top_is_array && depth == 1) || (!top_is_array && depth == 0)) {
                    out.push(i);
                }
                depth += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocDate;

    fn read(text: &str) -> ParsedPage {
        read_csl_json(text, &Arc::from("a.json"))
    }

    #[test]
    fn zotero_items_map_to_entries() {
        let page = read(
            r#"[
  {"id": "http://zotero.org/users/1/items/AB", "type": "manuscript",
   "title": "Telegram from A. Mikoyan", "issued": {"date-parts": [["1956", 9, 17]]},
   "abstract": "Mikoyan reports.", "URL": "https://digitalarchive.wilsoncenter.org/document/114213",
   "language": "Russian", "archive": "Wilson Center Digital Archive",
   "archive_location": "AVPRF, fond 5", "author": [{"family": "Mikoyan", "given": "Anastas"}],
   "keyword": "Korean War; Sino-Soviet relations"},
  {"type": "manuscript", "title": "Note", "issued": {"date-parts": [[1956]], "circa": true}},
  {"type": "manuscript", "title": "Plan", "issued": {"date-parts": [[1956, 22]]}},
  {"type": "manuscript", "title": "Span", "issued": {"date-parts": [[1956], [1957]]}},
  {"type": "manuscript", "title": "Raw", "issued": {"raw": "1953-07"}},
  {"type": "manuscript", "title": "Lit", "issued": {"literal": "sometime"}}
]"#,
        );
        assert_eq!(page.entries.len(), 6);
        let e = &page.entries[0];
        assert_eq!(e.line, 2);
        assert_eq!(e.title, "Telegram from A. Mikoyan");
        assert_eq!(e.date.iso().as_deref(), Some("1956-09-17"));
        assert_eq!(e.date_text, "September 17, 1956");
        let d = e.details.as_ref().expect("details");
        assert_eq!(d.record_id.as_deref(), Some("114213"));
        assert_eq!(d.archive_ref.as_deref(), Some("AVPRF, fond 5"));
        assert_eq!(d.authors, vec!["Mikoyan, Anastas"]);
        assert_eq!(d.subjects, vec!["Korean War", "Sino-Soviet relations"]);
        let edtf = |k: usize| {
            page.entries[k]
                .details
                .as_ref()
                .and_then(|d| d.edtf)
                .map(|e| e.to_string())
        };
        assert_eq!(edtf(1).as_deref(), Some("1956~"));
        assert_eq!(edtf(2).as_deref(), Some("1956-22"));
        assert_eq!(edtf(3).as_deref(), Some("1956/1957"));
        assert_eq!(
            page.entries[4].date,
            DocDate::Month {
                year: 1953,
                month: 7
            }
        );
        assert_eq!(page.entries[5].date, DocDate::Undated);
        assert_eq!(page.entries[5].date_text, "sometime");
        assert_eq!(page.entries[5].line, 12);
    }

    #[test]
    fn broken_json_is_an_error_with_its_line() {
        let page = read("[\n{\"title\": \"x\",\n]");
        assert!(page.entries.is_empty());
        assert_eq!(page.diagnostics[0].line, Some(3));
    }

    #[test]
    fn unreadable_date_parts_say_so_and_keep_the_text() {
        for parts in ["[[4294967296]]", "[[1e308]]", "[[true]]"] {
            let text = format!(
                r#"[{{"type": "manuscript", "title": "T", "issued": {{"date-parts": {parts}}}}}]"#
            );
            let page = read(&text);
            assert_eq!(page.entries.len(), 1);
            let e = &page.entries[0];
            assert_eq!(e.date, crate::model::DocDate::Undated);
            // Kept as written (the JSON value, re-written: `1e308` is `1e+308`).
            let kept: serde_json::Value = serde_json::from_str(&e.date_text).expect("JSON");
            let written: serde_json::Value = serde_json::from_str(parts).expect("JSON");
            assert_eq!(kept, written, "{parts}");
            assert!(
                page.diagnostics
                    .iter()
                    .any(|d| d.message.contains("date could not be read")),
                "{:?}",
                page.diagnostics
            );
            assert!(!page
                .diagnostics
                .iter()
                .any(|d| d.message.contains("has no date")));
        }
    }
}
