//! The table view: the same documents as the timeline (same filters, same search, same
//! selection), one row each, in columns date (as written), precision, title, themes,
//! language, archive reference and source. Sortable by clicking a header, columns resizable,
//! and virtualized (egui_extras draws only the rows in view), so a million rows scroll.
//!
//! Keys (when no text field has the focus): Up / Down, Page Up / Page Down, Home / End move
//! the selection; Enter opens the details. Each row is one AccessKit node named by its date
//! and title, so a screen reader can read and pick rows.
//!
//! Which rows, and in which order, is plain logic ([`rows`], [`sort_rows`], no egui),
//! recomputed only when the corpus, the filters, the search or the sort change.

use crate::app::base::tokens::Tokens;
use crate::app::side_panels::search_state::SearchState;
use crate::app::Command;
use crate::corpus::Corpus;
use crate::model::{DocIndex, Document, Library, Precision};
use egui::{Key, Modifiers, RichText, Role, Ui, WidgetInfo};
use egui_extras::{Column, TableBuilder};
use rayon::prelude::*;
use std::cmp::Ordering;

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TableColumn {
    Date,
    Precision,
    Title,
    Themes,
    Language,
    ArchiveRef,
    Source,
}

impl TableColumn {
    pub const ALL: [TableColumn; 7] = [
        TableColumn::Date,
        TableColumn::Precision,
        TableColumn::Title,
        TableColumn::Themes,
        TableColumn::Language,
        TableColumn::ArchiveRef,
        TableColumn::Source,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TableColumn::Date => "Date",
            TableColumn::Precision => "Precision",
            TableColumn::Title => "Title",
            TableColumn::Themes => "Themes",
            TableColumn::Language => "Language",
            TableColumn::ArchiveRef => "Archive reference",
            TableColumn::Source => "Source",
        }
    }
}

/// The sort: a column and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sort {
    pub column: TableColumn,
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort {
            column: TableColumn::Date,
            ascending: true,
        }
    }
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
        Precision::Undated => "undated",
    }
}

/// Compares two strings by their characters lower-cased, without allocating.
fn cmp_caseless(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

/// The text of a cell (themes are the corpus's, so they come from the caller).
fn cell<'a>(doc: &'a Document, column: TableColumn) -> std::borrow::Cow<'a, str> {
    use std::borrow::Cow;
    match column {
        TableColumn::Date => Cow::Borrowed(if doc.date_text.is_empty() {
            doc.date_label()
        } else {
            doc.date_text.as_str()
        }),
        TableColumn::Precision => Cow::Borrowed(precision_name(doc.precision())),
        TableColumn::Title => Cow::Borrowed(doc.title.as_str()),
        TableColumn::Themes => Cow::Borrowed(""),
        TableColumn::Language => Cow::Borrowed(doc.language().unwrap_or("")),
        TableColumn::ArchiveRef => Cow::Borrowed(doc.archive_ref().unwrap_or("")),
        TableColumn::Source => Cow::Owned(
            doc.sources
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ),
    }
}

/// The shown documents (and, with a search, only its results), in library (date) order.
pub fn rows(
    library: &Library,
    shown: &(dyn Fn(DocIndex) -> bool + Sync),
    search: &SearchState,
) -> Vec<DocIndex> {
    if search.is_active() {
        search
            .results
            .iter()
            .copied()
            .filter(|&d| shown(d))
            .collect()
    } else {
        (0..library.len())
            .into_par_iter()
            .filter(|&d| shown(d))
            .collect()
    }
}

/// Sorts `rows` (given in library order, which is date order) by `sort`; ties keep date order.
pub fn sort_rows(rows: &mut [DocIndex], corpus: &Corpus, sort: Sort) {
    let docs = corpus.library.docs();
    let key = |d: DocIndex| docs.get(d);
    match sort.column {
        TableColumn::Date => rows.par_sort_unstable(),
        TableColumn::Precision => {
            rows.par_sort_by_key(|&d| key(d).map(|doc| doc.precision() as u8))
        }
        TableColumn::Themes => rows.par_sort_by(|&a, &b| {
            corpus
                .theme_names(a)
                .join(", ")
                .cmp(&corpus.theme_names(b).join(", "))
        }),
        column => rows.par_sort_by(|&a, &b| match (key(a), key(b)) {
            (Some(x), Some(y)) => cmp_caseless(&cell(x, column), &cell(y, column)),
            _ => Ordering::Equal,
        }),
    }
    if !sort.ascending {
        rows.reverse();
    }
}

/// What the rows were built from: when any of it changes, they are built again.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    corpus: usize,
    library_len: usize,
    generation: u64,
    search: String,
    results: usize,
    sort: Sort,
}

/// The table's state between frames.
#[derive(Default)]
pub struct TableState {
    sort: Sort,
    rows: Vec<DocIndex>,
    key: Option<RowsKey>,
    /// The selection the table last saw (to scroll to a selection made elsewhere).
    seen_selection: Option<DocIndex>,
    /// Rows in view last frame (for Page Up / Page Down).
    page: usize,
    /// The rows drawn last frame, first and last (partly shown ones included): a selection
    /// strictly inside them is in view and the table does not scroll to it.
    drawn: Option<(usize, usize)>,
    /// The width the columns were shared out for: when the table's room changes (a floating
    /// panel takes or gives back its part), they are shared out again so all stay in view.
    laid_out_for: f32,
}

/// How the table follows a selection: not at all when the row is in view (a click never
/// moves the row from under the pointer), just enough when the keyboard walks off the
/// view's edge, to the centre when the selection came from elsewhere (the timeline, a
/// search) and its row is out of view or the rows were rebuilt.
fn follow(
    row: usize,
    drawn: Option<(usize, usize)>,
    by_keyboard: bool,
) -> Option<Option<egui::Align>> {
    let inside = drawn.is_some_and(|(first, last)| row > first && row < last);
    match (inside, by_keyboard) {
        (true, _) => None,
        (false, true) => Some(None),
        (false, false) => Some(Some(egui::Align::Center)),
    }
}

/// The least width of each column, in the order of [`TableColumn::ALL`].
const LEAST: [f32; 7] = [60.0, 50.0, 80.0, 60.0, 50.0, 60.0, 60.0];

/// The first six columns' starting widths in a table `width` wide with `spacing` between
/// columns: shares of the width (the date column at least a long date's 118 points), shrunk
/// together where they would push the last column (which takes the rest, at least its
/// least) past the table's edge.
fn column_widths(width: f32, spacing: f32) -> [f32; 6] {
    let wanted = [
        (width * 0.11).max(118.0),
        width * 0.07,
        width * 0.30,
        width * 0.17,
        width * 0.08,
        width * 0.11,
    ];
    let room = width - LEAST[6] - spacing * 7.0;
    // The date keeps room for a long date while the others can give up theirs.
    let mut floor: [f32; 6] = std::array::from_fn(|i| LEAST[i]);
    floor[0] = 118.0;
    if floor.iter().sum::<f32>() > room {
        floor[0] = LEAST[0];
    }
    let mut widths: [f32; 6] = std::array::from_fn(|i| wanted[i].max(floor[i]));
    let excess = widths.iter().sum::<f32>() - room;
    // What each column has above its floor gives up the same share of itself.
    let slack: f32 = widths.iter().zip(floor).map(|(w, least)| w - least).sum();
    if excess > 0.0 && slack > 0.0 {
        let give = (excess / slack).min(1.0);
        for (w, least) in widths.iter_mut().zip(floor) {
            *w -= (*w - least) * give;
        }
    }
    widths
}

impl TableState {
    pub fn sort(&self) -> Sort {
        self.sort
    }

    pub fn rows(&self) -> &[DocIndex] {
        &self.rows
    }
}

/// Draws the table into `ui` and pushes what the user asked for. `generation` changes
/// whenever the filters or the lanes do.
#[allow(clippy::too_many_arguments)]
pub fn show(
    ui: &mut Ui,
    state: &mut TableState,
    corpus: &Corpus,
    shown: &(dyn Fn(DocIndex) -> bool + Sync),
    generation: u64,
    selected: Option<DocIndex>,
    search: &SearchState,
    t: &Tokens,
    commands: &mut Vec<Command>,
) {
    let key = RowsKey {
        corpus: std::ptr::from_ref(corpus) as usize,
        library_len: corpus.library.len(),
        generation,
        search: search.text.clone(),
        results: search.results.len(),
        sort: state.sort,
    };
    if state.key.as_ref() != Some(&key) {
        state.rows = rows(&corpus.library, shown, search);
        sort_rows(&mut state.rows, corpus, state.sort);
        state.key = Some(key);
        state.seen_selection = None;
        // Other rows now: where the selection is must be found again.
        state.drawn = None;
    }
    let at = selected.and_then(|s| state.rows.iter().position(|&d| d == s));
    let mut scroll_to = (selected != state.seen_selection)
        .then_some(at)
        .flatten()
        .and_then(|row| Some((row, follow(row, state.drawn, false)?)));
    state.seen_selection = selected;

    // Keys: move the selection through the rows.
    if !ui.ctx().egui_wants_keyboard_input() && !state.rows.is_empty() {
        let last = state.rows.len() - 1;
        let page = state.page.max(1);
        let target = ui.ctx().input_mut(|i| {
            let none = Modifiers::NONE;
            let from = at.unwrap_or(0);
            if i.consume_key(none, Key::ArrowDown) {
                Some(at.map_or(0, |a| (a + 1).min(last)))
            } else if i.consume_key(none, Key::ArrowUp) {
                Some(from.saturating_sub(1))
            } else if i.consume_key(none, Key::PageDown) {
                Some((from + page).min(last))
            } else if i.consume_key(none, Key::PageUp) {
                Some(from.saturating_sub(page))
            } else if i.consume_key(none, Key::Home) {
                Some(0)
            } else if i.consume_key(none, Key::End) {
                Some(last)
            } else {
                None
            }
        });
        if let Some(row) = target {
            let moved = state.rows.get(row).copied();
            commands.push(Command::Select(moved));
            scroll_to = follow(row, state.drawn, true).map(|align| (row, align));
            // The next frame sees this selection as the table's own.
            state.seen_selection = moved;
        }
        if ui
            .ctx()
            .input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter))
            && at.is_some()
        {
            commands.push(Command::OpenDetail);
        }
    }

    ui.painter().rect_filled(ui.max_rect(), 0.0, t.background);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "{} · sorted by {} {} · ⏶⏷ Page Up/Down, Home/End move, Enter opens",
                crate::text::count(state.rows.len(), "document"),
                state.sort.column.name(),
                if state.sort.ascending { "⏶" } else { "⏷" }
            ))
            .color(t.text_weak),
        );
    });
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let width = ui.available_width();
    let reshare = (width - state.laid_out_for).abs() > 1.0;
    state.laid_out_for = width;
    let [date, precision, title, themes, language, archive] =
        column_widths(width, ui.spacing().item_spacing.x);
    let mut table = TableBuilder::new(ui)
        .id_salt("documents-table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false])
        // Shares of the width, so every column starts on screen (the last takes the rest).
        .column(Column::initial(date).at_least(LEAST[0]).clip(true))
        .column(Column::initial(precision).at_least(LEAST[1]).clip(true))
        .column(Column::initial(title).at_least(LEAST[2]).clip(true))
        .column(Column::initial(themes).at_least(LEAST[3]).clip(true))
        .column(Column::initial(language).at_least(LEAST[4]).clip(true))
        .column(Column::initial(archive).at_least(LEAST[5]).clip(true))
        .column(Column::remainder().at_least(LEAST[6]).clip(true));
    if reshare {
        table.reset();
    }
    if let Some((row, align)) = scroll_to {
        table = table.scroll_to_row(row, align);
    }
    let mut sort = state.sort;
    let mut first_row = usize::MAX;
    let mut last_row = 0;
    let mut clicked = None;
    table
        .header(row_h + 4.0, |mut header| {
            for column in TableColumn::ALL {
                header.col(|ui| {
                    let arrow = match (sort.column == column, sort.ascending) {
                        (true, true) => " ⏶",
                        (true, false) => " ⏷",
                        _ => "",
                    };
                    let button = egui::Button::new(
                        RichText::new(format!("{}{arrow}", column.name())).strong(),
                    )
                    .frame(false);
                    let response = ui.add(button);
                    let label = format!("Sort by {}", column.name());
                    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                    if response
                        .on_hover_text("Sort by this column (again: reverse)")
                        .clicked()
                    {
                        sort = if sort.column == column {
                            Sort {
                                column,
                                ascending: !sort.ascending,
                            }
                        } else {
                            Sort {
                                column,
                                ascending: true,
                            }
                        };
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_h, state.rows.len(), |mut row| {
                let i = row.index();
                first_row = first_row.min(i);
                last_row = last_row.max(i);
                let Some(&d) = state.rows.get(i) else {
                    return;
                };
                let Some(doc) = corpus.library.get(d) else {
                    return;
                };
                let is_selected = selected == Some(d);
                row.set_selected(is_selected);
                for column in TableColumn::ALL {
                    row.col(|ui| {
                        let text = if column == TableColumn::Themes {
                            corpus.theme_names(d).join(", ")
                        } else {
                            cell(doc, column).into_owned()
                        };
                        let color = if column == TableColumn::Title {
                            t.text
                        } else {
                            t.text_weak
                        };
                        ui.add(
                            egui::Label::new(RichText::new(text).color(color))
                                .truncate()
                                .selectable(false),
                        );
                    });
                }
                let response = row.response();
                let label = format!("{}: {}", doc.date_label(), doc.title);
                response.widget_info(|| WidgetInfo::selected(Role::Row, true, is_selected, &label));
                if response.clicked() {
                    commands.push(Command::Select(Some(d)));
                    clicked = Some(d);
                }
                if response.double_clicked() {
                    commands.push(Command::OpenDetail);
                }
            });
        });
    if first_row <= last_row {
        state.page = (last_row - first_row).saturating_sub(1).max(1);
        state.drawn = Some((first_row, last_row));
    }
    if clicked.is_some() {
        // A clicked row is under the pointer: the next frame must not scroll to it.
        state.seen_selection = clicked;
    }
    if sort != state.sort {
        state.sort = sort;
        state.key = None;
        // Keep the selection in view after sorting.
        state.seen_selection = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_starts_inside_the_table_at_every_width() {
        // Every width where the columns' least widths fit at all (468 points).
        for width in [480.0, 628.0, 800.0, 1008.0, 1904.0] {
            let widths = column_widths(width, 8.0);
            let start_of_last: f32 = widths.iter().sum::<f32>() + 6.0 * 8.0;
            assert!(
                start_of_last + LEAST[6] <= width + 0.01,
                "{width}: {widths:?} leave the last column {}",
                width - start_of_last
            );
            for (w, least) in widths.iter().zip(LEAST) {
                assert!(*w >= least, "{width}: {widths:?}");
            }
        }
        // Roomy tables keep the shares as they were; a narrow one keeps a long date whole.
        assert_eq!(column_widths(1904.0, 8.0)[2], 1904.0 * 0.30);
        assert_eq!(column_widths(628.0, 8.0)[0], 118.0);
    }
    use crate::ingest::load_seeds;
    use crate::themes::ThemeSet;

    #[test]
    fn a_row_in_view_is_not_scrolled_to_the_keyboard_scrolls_just_enough() {
        let drawn = Some((10, 30));
        // Clicked or selected elsewhere, in view: no scroll (the row stays under the pointer).
        assert_eq!(follow(20, drawn, false), None);
        assert_eq!(follow(20, drawn, true), None);
        // Out of view: the keyboard scrolls just enough, a selection from elsewhere centres.
        assert_eq!(follow(31, drawn, true), Some(None));
        assert_eq!(follow(3, drawn, false), Some(Some(egui::Align::Center)));
        // The first and last drawn rows may be half hidden: they count as out of view.
        assert_eq!(follow(30, drawn, true), Some(None));
        assert_eq!(follow(10, drawn, true), Some(None));
        // Rows just rebuilt: nothing is known to be in view.
        assert_eq!(follow(20, None, false), Some(Some(egui::Align::Center)));
    }

    #[test]
    fn rows_follow_filters_and_search_and_sort_by_any_column() {
        let corpus = Corpus::build(load_seeds(), ThemeSet::builtin());
        let n = corpus.library.len();
        let all = |_| true;
        let mut search = SearchState::default();
        search.index_now(&corpus);
        let mut r = rows(&corpus.library, &all, &search);
        assert_eq!(r.len(), n);
        sort_rows(
            &mut r,
            &corpus,
            Sort {
                column: TableColumn::Title,
                ascending: true,
            },
        );
        let titles: Vec<String> = r
            .iter()
            .filter_map(|&d| corpus.library.get(d))
            .map(|d| d.title.to_lowercase())
            .collect();
        let mut sorted = titles.clone();
        sorted.sort();
        assert_eq!(titles, sorted);
        sort_rows(
            &mut r,
            &corpus,
            Sort {
                column: TableColumn::Date,
                ascending: false,
            },
        );
        assert!(r.windows(2).all(|w| w[0] > w[1]));
        search.set_text("puzanov", &corpus);
        assert_eq!(rows(&corpus.library, &all, &search).len(), 6);
        let odd = |d: DocIndex| d % 2 == 1;
        search.set_text("", &corpus);
        assert_eq!(rows(&corpus.library, &odd, &search).len(), n / 2);
        assert_eq!(cmp_caseless("abc", "ABD"), Ordering::Less);
    }
}
