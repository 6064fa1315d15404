//! BibTeX and BibLaTeX files (`.bib`).
//!
//! Parsed with the `biblatex` crate (the typst project's: braces, quotes, `@string`
//! abbreviations, month macros, `crossref`, TeX escapes). Mapping: `title`; `date` (BibLaTeX,
//! EDTF-like) or `year` plus `month`; `abstract` as the summary; `url` (`/document/N` gives the
//! record id); `language`; `addendum` or `archivelocation` (what this app's own export writes) as
//! the archive reference, `howpublished`/`archive` as the archive; `author`; `keywords` as
//! subjects; `location`/`address` as places. The key is kept as the id when it is one of this
//! app's (`wcda-N`, `doc-…`). Zotero's BibTeX puts a web page's address in `howpublished =
//! {\url{...}}` or `note`: read as the URL. When one entry is malformed, the others are still
//! read: the file is parsed again block by block and the broken one is reported at its line.
//!
//! Bounded on hostile files: the crate expands `@string` abbreviations recursively with no
//! loop check or size limit (a loop overflowed the stack; a doubling chain grew without end),
//! and copies `crossref` parents recursively too. So this module parses the raw syntax with
//! the crate, expands abbreviations itself (depth limit, loop detection, a work budget of
//! eight times the file per entry), cuts `crossref`/`xdata` loops, joins `#` parts into one
//! string (the crate's joining is quadratic), and only then lets the crate resolve the
//! entries. An entry over a limit is a warning at its line; the others are read.

use super::diag::Diagnostic;
use super::entry::ParsedPage;
use super::reference::{date_from_parts, split_list, text, Item};
use crate::model::date_line::parse_date_value;
use biblatex::{
    Bibliography, ChunksExt, Entry, Field, Pair, RawBibliography, RawChunk, RawEntry, Spanned,
};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// Does the text look like BibTeX (its first entry line starts with `@type{`)?
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}').trim())
        .find(|l| !l.is_empty() && !l.starts_with('%'))
        .is_some_and(|l| {
            l.strip_prefix('@').is_some_and(|rest| {
                let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
                !name.is_empty() && rest[name.len()..].trim_start().starts_with(['{', '('])
            })
        })
}

/// How deep `@string` abbreviations may refer to each other (BibTeX files use one or two
/// levels; a chain this deep is a mistake or an attack, and recursion must stay bounded).
const MAX_MACRO_DEPTH: usize = 32;
/// How many entries one entry's `crossref`/`xdata` may pull in (each is copied into it).
const MAX_CROSSREF_NODES: usize = 64;

/// Reads a BibTeX/BibLaTeX file.
pub fn read_bibtex(text: &str, file: &Arc<str>) -> ParsedPage {
    read_counted(text, file).0
}

/// [`read_bibtex`], and the work its `@string` expansion did (pieces copied, bytes charged):
/// the figure the linearity tests bound.
pub fn read_counted(text: &str, file: &Arc<str>) -> (ParsedPage, usize) {
    let mut page = ParsedPage::default();
    let lines = LineIndex::new(text);
    let (abbreviations, raw_entries) = parse_raw(text, file, &lines, &mut page);
    let mut macros = Macros::new(&abbreviations, text.len());
    // Every entry with its fields' abbreviations expanded, or why it could not be.
    let mut expanded: Vec<Expanded<'_>> = Vec::with_capacity(raw_entries.len());
    for (entry, base) in &raw_entries {
        let line = lines.line_of(base + entry.span.start);
        let end_line = lines.line_of((base + entry.span.end).saturating_sub(1));
        let mut fields = Vec::with_capacity(entry.v.fields.len());
        let mut failed = None;
        macros.entry_start = macros.steps;
        for pair in &entry.v.fields {
            let mut pieces = Vec::new();
            match macros.expand(&pair.value.v, &mut pieces) {
                Ok(()) => fields.push((pair.key.v, pair.value.span.clone(), pieces)),
                Err(e) => {
                    failed = Some(format!("field `{}`: {e}", pair.key.v));
                    break;
                }
            }
        }
        match failed {
            Some(reason) => {
                page.diagnostics.push(Diagnostic::warning(
                    file,
                    Some(line),
                    format!("BibTeX entry `{}` not read: {reason}", entry.v.key.v),
                ));
                page.unread_lines.extend(line..=end_line.max(line));
            }
            None => expanded.push(Expanded {
                key: entry.v.key.v,
                kind: entry.v.kind.clone(),
                span: entry.span.clone(),
                line,
                end_line,
                fields,
            }),
        }
    }
    let steps = macros.steps;
    drop(macros);
    limit_crossrefs(&mut expanded, file, &mut page);
    // Runs of text pieces joined into one string each (the crate joins neighbouring chunks
    // by removing one at a time, quadratic in the number of `#` parts).
    let mut arena: Vec<String> = Vec::new();
    let plans: Vec<Vec<Vec<Part<'_>>>> = expanded
        .iter()
        .map(|e| {
            e.fields
                .iter()
                .map(|(_, _, pieces)| join_pieces(pieces, &mut arena))
                .collect()
        })
        .collect();
    let built: Vec<Spanned<RawEntry<'_>>> = expanded
        .iter()
        .zip(&plans)
        .map(|(e, plan)| {
            let fields = e
                .fields
                .iter()
                .zip(plan)
                .map(|((key, span, _), parts)| {
                    let value = parts
                        .iter()
                        .map(|p| {
                            let chunk = match p {
                                Part::Raw(c) => c.clone(),
                                Part::Joined(i) => RawChunk::Normal(arena[*i].as_str()),
                            };
                            Spanned::new(chunk, span.clone())
                        })
                        .collect();
                    Pair::new(
                        Spanned::new(*key, span.clone()),
                        Spanned::new(value, span.clone()),
                    )
                })
                .collect();
            Spanned::new(
                RawEntry {
                    key: Spanned::new(e.key, e.span.clone()),
                    kind: e.kind.clone(),
                    fields,
                },
                e.span.clone(),
            )
        })
        .collect();
    resolve_entries(built, &expanded, file, &mut page);
    page.unread_lines.sort_unstable();
    page.unread_lines.dedup();
    (page, steps)
}

/// 1-based line numbers of byte offsets.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }
}

/// The `@string` definitions and the entries (each with the offset its spans count from).
type RawParts<'s> = (Vec<Pair<'s>>, Vec<(Spanned<RawEntry<'s>>, usize)>);

/// Parses the file's syntax; when it is broken somewhere, block by block (a block starts at a
/// line beginning with `@`), so one broken entry does not lose the others, and the broken
/// block is reported at its line.
fn parse_raw<'s>(
    text: &'s str,
    file: &Arc<str>,
    lines: &LineIndex,
    page: &mut ParsedPage,
) -> RawParts<'s> {
    if let Ok(raw) = RawBibliography::parse(text) {
        return (
            raw.abbreviations,
            raw.entries.into_iter().map(|e| (e, 0)).collect(),
        );
    }
    let mut abbreviations = Vec::new();
    let mut entries = Vec::new();
    let mut bounds: Vec<usize> = block_starts(text);
    if bounds.first() != Some(&0) {
        bounds.insert(0, 0);
    }
    bounds.push(text.len());
    for w in bounds.windows(2) {
        let (from, to) = (w[0], w[1]);
        let block = &text[from..to];
        if block.trim().is_empty() {
            continue;
        }
        match RawBibliography::parse(block) {
            Ok(raw) => {
                abbreviations.extend(raw.abbreviations);
                entries.extend(raw.entries.into_iter().map(|e| (e, from)));
            }
            Err(err) => {
                let line = lines.line_of(from);
                page.diagnostics.push(Diagnostic::warning(
                    file,
                    Some(line),
                    format!("BibTeX entry not read: {}", err.kind),
                ));
                let last = lines.line_of(to.max(from + 1) - 1);
                page.unread_lines.extend(line..=last);
            }
        }
    }
    (abbreviations, entries)
}

/// Byte offsets of the lines that start a block (`@` after optional spaces).
fn block_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('@') {
            out.push(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    out
}

/// Why a field's abbreviations could not be expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
enum MacroError {
    /// `@string{a = b}`, `@string{b = a}`: the chain of names, back to the first.
    Loop(Vec<String>),
    TooDeep(String),
    /// The expansion outgrew the file's budget (an `@string` that doubles itself per level).
    TooLarge(String),
}

impl std::fmt::Display for MacroError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MacroError::Loop(chain) => write!(f, "@string loop: {}", chain.join(" -> ")),
            MacroError::TooDeep(name) => write!(
                f,
                "@string `{name}` refers to others more than {MAX_MACRO_DEPTH} levels deep"
            ),
            MacroError::TooLarge(name) => write!(
                f,
                "@string `{name}` expands to far more text than the file holds (a string \
                 that repeats itself at every level)"
            ),
        }
    }
}

/// `@string` expansion with a depth limit, loop detection and a work budget proportional to
/// the file, so no file can make it recurse forever or grow without end.
struct Macros<'a, 's> {
    defs: HashMap<&'s str, &'a Field<'s>>,
    memo: HashMap<&'s str, Result<Rc<Vec<RawChunk<'s>>>, MacroError>>,
    stack: Vec<&'s str>,
    /// What one entry may cost; the whole file may cost twice that.
    budget: usize,
    /// Work done: every piece copied costs its bytes plus one.
    steps: usize,
    /// `steps` when the current entry began.
    entry_start: usize,
}

impl<'a, 's> Macros<'a, 's> {
    fn new(abbreviations: &'a [Pair<'s>], file_len: usize) -> Self {
        // Later definitions win, as in the crate.
        let defs = abbreviations
            .iter()
            .map(|p| (p.key.v, &p.value.v))
            .collect();
        Macros {
            defs,
            memo: HashMap::new(),
            stack: Vec::new(),
            budget: file_len.saturating_mul(8).saturating_add(1 << 20),
            steps: 0,
            entry_start: 0,
        }
    }

    fn charge(&mut self, cost: usize, name: &str) -> Result<(), MacroError> {
        self.steps = self.steps.saturating_add(cost);
        if self.steps - self.entry_start > self.budget || self.steps > 2 * self.budget {
            return Err(MacroError::TooLarge(name.to_string()));
        }
        Ok(())
    }

    /// Appends the field's pieces to `out`: text as it is, known abbreviations expanded,
    /// unknown ones left for the crate (month names; an unknown one is its error).
    fn expand(&mut self, field: &Field<'s>, out: &mut Vec<RawChunk<'s>>) -> Result<(), MacroError> {
        for chunk in field {
            match chunk.v {
                RawChunk::Normal(s) => {
                    self.charge(s.len() + 1, "")?;
                    out.push(RawChunk::Normal(s));
                }
                RawChunk::Abbreviation(name) => match self.resolve(name)? {
                    Some(pieces) => {
                        let cost = pieces.iter().map(|p| piece_len(p) + 1).sum();
                        self.charge(cost, name)?;
                        out.extend(pieces.iter().cloned());
                    }
                    None => {
                        self.charge(1, name)?;
                        out.push(RawChunk::Abbreviation(name));
                    }
                },
            }
        }
        Ok(())
    }

    fn resolve(&mut self, name: &'s str) -> Result<Option<Rc<Vec<RawChunk<'s>>>>, MacroError> {
        if let Some(known) = self.memo.get(name) {
            return known.clone().map(Some);
        }
        let Some(def) = self.defs.get(name).copied() else {
            return Ok(None);
        };
        if let Some(at) = self.stack.iter().position(|n| *n == name) {
            let mut chain: Vec<String> = self.stack[at..].iter().map(|n| n.to_string()).collect();
            chain.push(name.to_string());
            return Err(MacroError::Loop(chain));
        }
        if self.stack.len() >= MAX_MACRO_DEPTH {
            return Err(MacroError::TooDeep(name.to_string()));
        }
        self.stack.push(name);
        let mut pieces = Vec::new();
        let result = self.expand(def, &mut pieces).map(|()| Rc::new(pieces));
        self.stack.pop();
        self.memo.insert(name, result.clone());
        result.map(Some)
    }
}

fn piece_len(piece: &RawChunk<'_>) -> usize {
    match piece {
        RawChunk::Normal(s) | RawChunk::Abbreviation(s) => s.len(),
    }
}

/// One field: its name, its span, its pieces with abbreviations expanded.
type ExpandedField<'s> = (&'s str, std::ops::Range<usize>, Vec<RawChunk<'s>>);

/// An entry whose abbreviations are expanded.
struct Expanded<'s> {
    key: &'s str,
    kind: Spanned<&'s str>,
    span: std::ops::Range<usize>,
    line: usize,
    end_line: usize,
    fields: Vec<ExpandedField<'s>>,
}

fn is_reference_field(key: &str) -> bool {
    key.eq_ignore_ascii_case("crossref") || key.eq_ignore_ascii_case("xdata")
}

impl Expanded<'_> {
    /// The keys this entry's `crossref` and `xdata` name.
    fn references(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (key, _, pieces) in &self.fields {
            if is_reference_field(key) {
                let joined: String = pieces
                    .iter()
                    .map(|p| match p {
                        RawChunk::Normal(s) | RawChunk::Abbreviation(s) => *s,
                    })
                    .collect();
                out.extend(
                    joined
                        .split(',')
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(str::to_string),
                );
            }
        }
        out
    }

    fn drop_references(&mut self) {
        self.fields.retain(|(key, _, _)| !is_reference_field(key));
    }
}

/// What following an entry's references found.
enum Reach {
    Fine,
    /// The keys around the loop, the first repeated at the end.
    Loop(Vec<String>),
    TooMany,
}

/// Drops the `crossref`/`xdata` of an entry whose references loop or pull in more than
/// [`MAX_CROSSREF_NODES`] entries (the crate copies each referenced entry in, recursively,
/// with no loop check), reporting it at the entry's line; its own fields are still read.
/// First the entries on a loop, then, with those cut, any that still reach too far.
fn limit_crossrefs(entries: &mut [Expanded<'_>], file: &Arc<str>, page: &mut ParsedPage) {
    if entries.iter().all(|e| e.references().is_empty()) {
        return;
    }
    for round in 0..2 {
        let index: HashMap<&str, usize> = entries
            .iter()
            .enumerate()
            .rev()
            .map(|(i, e)| (e.key, i))
            .collect();
        let refs: Vec<Vec<usize>> = entries
            .iter()
            .map(|e| {
                e.references()
                    .iter()
                    .filter_map(|k| index.get(k.as_str()).copied())
                    .collect()
            })
            .collect();
        let mut cut = Vec::new();
        for root in 0..entries.len() {
            if refs[root].is_empty() {
                continue;
            }
            match reach(root, &refs, entries) {
                // First round: only an entry the loop runs through.
                Reach::Loop(chain) if round == 1 || chain[0] == entries[root].key => {
                    cut.push((root, format!("crossref loop {}", chain.join(" -> "))));
                }
                Reach::TooMany if round == 1 => cut.push((
                    root,
                    format!("crossref/xdata pulls in more than {MAX_CROSSREF_NODES} entries"),
                )),
                _ => {}
            }
        }
        for (i, reason) in cut {
            page.diagnostics.push(Diagnostic::warning(
                file,
                Some(entries[i].line),
                format!(
                    "BibTeX entry `{}`: {reason}: its crossref/xdata is not followed",
                    entries[i].key
                ),
            ));
            entries[i].drop_references();
        }
    }
}

/// Follows `root`'s references depth-first, as the crate would copy them, for at most
/// [`MAX_CROSSREF_NODES`] entries.
fn reach(root: usize, refs: &[Vec<usize>], entries: &[Expanded<'_>]) -> Reach {
    // (entry, next reference to follow); the path from the root is the stack.
    let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
    let mut visits = 1;
    while let Some(top) = stack.last_mut() {
        let (at, next) = *top;
        let Some(&to) = refs[at].get(next) else {
            stack.pop();
            continue;
        };
        top.1 += 1;
        if let Some(on) = stack.iter().position(|(n, _)| *n == to) {
            let mut chain: Vec<String> = stack[on..]
                .iter()
                .map(|(n, _)| entries[*n].key.to_string())
                .collect();
            chain.push(entries[to].key.to_string());
            return Reach::Loop(chain);
        }
        visits += 1;
        if visits > MAX_CROSSREF_NODES {
            return Reach::TooMany;
        }
        stack.push((to, 0));
    }
    Reach::Fine
}

/// A field's value, ready for the crate: a piece as it is, or a run of text pieces joined
/// (an index into the arena of joined strings).
enum Part<'s> {
    Raw(RawChunk<'s>),
    Joined(usize),
}

fn join_pieces<'s>(pieces: &[RawChunk<'s>], arena: &mut Vec<String>) -> Vec<Part<'s>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let run = pieces[i..]
            .iter()
            .take_while(|p| matches!(p, RawChunk::Normal(_)))
            .count();
        if run >= 2 {
            let mut joined = String::new();
            for p in &pieces[i..i + run] {
                joined.push_str(match p {
                    RawChunk::Normal(s) | RawChunk::Abbreviation(s) => s,
                });
            }
            arena.push(joined);
            out.push(Part::Joined(arena.len() - 1));
            i += run;
        } else {
            out.push(Part::Raw(pieces[i].clone()));
            i += 1;
        }
    }
    out
}

/// Resolves the entries with the crate (fields' TeX, `crossref`, names) and turns each into
/// an item. Entries whose key repeats are resolved apart (the crate refuses a repeated key);
/// when the crate refuses the whole, each entry is tried with what it references, then alone,
/// so one bad entry is reported at its line and the others are read.
fn resolve_entries(
    built: Vec<Spanned<RawEntry<'_>>>,
    expanded: &[Expanded<'_>],
    file: &Arc<str>,
    page: &mut ParsedPage,
) {
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let mut first = Vec::new();
    let mut repeats = Vec::new();
    for (i, e) in built.into_iter().enumerate() {
        if seen.insert(expanded[i].key, ()).is_none() {
            first.push((i, e));
        } else {
            repeats.push((i, e));
        }
    }
    let mut items: Vec<(usize, Item)> = Vec::new();
    let whole: Vec<Spanned<RawEntry<'_>>> = first.iter().map(|(_, e)| e.clone()).collect();
    let key_index: HashMap<&str, usize> = first
        .iter()
        .enumerate()
        .map(|(k, (i, _))| (expanded[*i].key, k))
        .collect();
    match from_raw(whole) {
        Ok(bib) => {
            for entry in bib.iter() {
                if let Some(&k) = key_index.get(entry.key.as_str()) {
                    let i = first[k].0;
                    items.push((i, item_of(entry, expanded[i].line)));
                }
            }
        }
        Err(_) => {
            for (k, (i, entry)) in first.iter().enumerate() {
                let mut group = vec![entry.clone()];
                for r in expanded[*i].references() {
                    if let Some(&j) = key_index.get(r.as_str()) {
                        if j != k && group.len() < MAX_CROSSREF_NODES {
                            group.push(first[j].1.clone());
                        }
                    }
                }
                match from_raw(group).or_else(|_| from_raw(vec![entry.clone()])) {
                    Ok(bib) => {
                        if let Some(entry) = bib.get(expanded[*i].key) {
                            items.push((*i, item_of(entry, expanded[*i].line)));
                        }
                    }
                    Err(err) => not_read(&expanded[*i], &err, file, page),
                }
            }
        }
    }
    for (i, mut e) in repeats {
        // Alone, a repeat's crossref to its own key would find itself, forever.
        e.v.fields.retain(|p| !is_reference_field(p.key.v));
        match from_raw(vec![e]) {
            Ok(bib) => {
                if let Some(entry) = bib.get(expanded[i].key) {
                    page.diagnostics.push(Diagnostic::warning(
                        file,
                        Some(expanded[i].line),
                        format!(
                            "BibTeX key `{}` is used again: read as an item of its own",
                            expanded[i].key
                        ),
                    ));
                    items.push((i, item_of(entry, expanded[i].line)));
                }
            }
            Err(err) => not_read(&expanded[i], &err, file, page),
        }
    }
    items.sort_by_key(|(i, _)| *i);
    for (_, item) in items {
        let e = item.into_entry(file, page);
        page.entries.push(e);
    }
}

fn from_raw(entries: Vec<Spanned<RawEntry<'_>>>) -> Result<Bibliography, biblatex::ParseError> {
    Bibliography::from_raw(RawBibliography {
        preamble: String::new(),
        entries,
        abbreviations: Vec::new(),
    })
}

fn not_read(e: &Expanded<'_>, err: &biblatex::ParseError, file: &Arc<str>, page: &mut ParsedPage) {
    page.diagnostics.push(Diagnostic::warning(
        file,
        Some(e.line),
        format!("BibTeX entry `{}` not read: {}", e.key, err.kind),
    ));
    page.unread_lines.extend(e.line..=e.end_line.max(e.line));
}

/// The first `http://` or `https://` address in a value (Zotero's BibTeX writes a web page's
/// address as `howpublished = {\url{...}}` or in `note`).
fn address_in(value: &str) -> Option<String> {
    let at = value.find("https://").or_else(|| value.find("http://"))?;
    let url: String = value[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '}' | '{' | '>' | '"'))
        .collect();
    let url = url.trim_end_matches(['.', ',', ';', ')']).to_string();
    (url.len() > "https://".len()).then_some(url)
}

fn item_of(entry: &Entry, line: usize) -> Item {
    let field = |name: &str| text(entry.get(name).map(|c| c.format_verbatim()).as_deref());
    let (date, date_text) = match field("date") {
        Some(d) => (Some(parse_date_value(&d)), Some(d)),
        None => match field("year") {
            Some(y) => {
                let month = field("month").and_then(|m| month_number(&m));
                let year = y.trim().parse::<i64>().ok();
                match year {
                    Some(year) => (Some(date_from_parts(Some(year), month, None)), None),
                    None => (None, Some(y)),
                }
            }
            None => (None, None),
        },
    };
    let authors = entry
        .author()
        .map(|people| {
            people
                .iter()
                .map(|p| {
                    let family = [p.prefix.as_str(), p.name.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if p.given_name.is_empty() {
                        family
                    } else {
                        format!("{family}, {}", p.given_name)
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let list = |name: &str| field(name).map(|v| split_list(&v)).unwrap_or_default();
    let howpublished = field("howpublished");
    let mut places = list("location");
    places.extend(list("address"));
    Item {
        line,
        title: field("title"),
        date,
        date_text,
        summary: field("abstract"),
        url: field("url")
            .or_else(|| howpublished.as_deref().and_then(address_in))
            .or_else(|| field("note").as_deref().and_then(address_in)),
        record_id: None,
        language: field("language"),
        archive: howpublished
            .filter(|h| address_in(h).is_none())
            .or_else(|| field("archive")),
        archive_ref: field("archivelocation").or_else(|| field("addendum")),
        authors,
        subjects: list("keywords"),
        places,
        id: Some(entry.key.clone()),
        ..Item::default()
    }
}

/// "8", "aug", "August" -> 8.
fn month_number(month: &str) -> Option<i64> {
    let m = month.trim();
    if let Ok(n) = m.parse::<i64>() {
        return Some(n);
    }
    let lower = m.trim_end_matches('.').to_ascii_lowercase();
    crate::model::date::MONTH_NAMES
        .iter()
        .position(|name| {
            let name = name.to_ascii_lowercase();
            name == lower || (lower.len() >= 3 && name.starts_with(&lower))
        })
        .and_then(|p| i64::try_from(p + 1).ok())
}

#[cfg(test)]
mod tests;
