use super::planner::chunk_len;
use super::*;
use crate::ingest::{load_seeds, load_texts};
use proptest::prelude::*;

/// A library from one search-result page of `(date, title, summary)` entries.
fn page_library(entries: &[(&str, &str, &str)]) -> Library {
    let page: String = entries
        .iter()
        .map(|(date, title, summary)| format!("{date}\n\n{title}\n\n{summary}\n\n"))
        .collect();
    load_texts(&[("test.txt", page.as_str())]).library
}

fn titles(library: &Library, found: &[DocIndex]) -> Vec<String> {
    found
        .iter()
        .filter_map(|&i| library.get(i))
        .map(|d| d.title.clone())
        .collect()
}

fn find(library: &Library, query: &str) -> Vec<String> {
    let index = SearchIndex::build(library);
    titles(library, &index.search(library, &Query::parse(query)))
}

/// The slices of `text` that `query` highlights.
fn highlighted<'t>(text: &'t str, query: &str) -> Vec<&'t str> {
    highlight_ranges(text, &Query::parse(query))
        .into_iter()
        .filter_map(|r| text.get(r))
        .collect()
}

/// What the index must answer, by reading every document: each clause matches in some field.
fn scan(library: &Library, query: &Query) -> Vec<DocIndex> {
    if query.is_empty() {
        return Vec::new();
    }
    let matches = |doc: &Document| {
        let words: Vec<Vec<SpannedWord>> = fields(doc).map(spanned_words).collect();
        query.clauses.iter().all(|clause| {
            words
                .iter()
                .any(|field| (0..field.len()).any(|start| clause.span_at(field, start).is_some()))
        })
    };
    (0..library.len())
        .filter(|&i| library.get(i).is_some_and(matches))
        .collect()
}

fn prefix_flags(query: &str) -> Vec<bool> {
    Query::parse(query)
        .clauses
        .iter()
        .flat_map(|c| c.words.iter().map(|w| w.prefix))
        .collect()
}

#[test]
fn parse_splits_words_and_quoted_phrases() {
    let query = Query::parse("Kim \"Il  Sung\" Puzanov");
    assert_eq!(query.terms(), ["kim", "il sung", "puzanov"]);
    assert!(!query.is_empty());
    let typographic = Query::parse("“Il Sung” mao");
    assert_eq!(typographic.terms(), ["il sung", "mao"]);
}

#[test]
fn parse_unbalanced_quote_makes_the_rest_a_phrase() {
    assert_eq!(Query::parse("kim \"il sung").terms(), ["kim", "il sung"]);
    assert_eq!(prefix_flags("kim \"il sung"), [false, false, true]);
    assert_eq!(Query::parse("\"").terms(), Vec::<String>::new());
}

#[test]
fn parse_folds_punctuation_and_joins_hyphenated_words_into_phrases() {
    assert_eq!(Query::parse("Il-u, A.M.").terms(), ["il u", "a m"]);
    assert_eq!(Query::parse("Mao! mao? MAO ").terms(), ["mao"]);
    assert_eq!(Query::parse("Załuska").terms(), ["zaluska"]);
}

#[test]
fn parse_of_nothing_to_search_is_empty() {
    for text in ["", "   ", "\t\n", "!!! ,, --", "\"\"", "\" \" “”"] {
        let query = Query::parse(text);
        assert!(query.is_empty(), "{text:?}");
        assert!(query.terms().is_empty(), "{text:?}");
    }
}

#[test]
fn parse_keeps_the_first_32_terms_of_a_pasted_page() {
    let page: Vec<String> = (0..100).map(|n| format!("word{n}")).collect();
    let terms = Query::parse(&page.join(" ")).terms();
    assert_eq!(terms.len(), MAX_CLAUSES);
    assert_eq!(terms.first().map(String::as_str), Some("word0"));
}

#[test]
fn parse_treats_only_the_last_word_still_being_typed_as_a_prefix() {
    assert_eq!(prefix_flags("kim puza"), [false, true]);
    assert_eq!(prefix_flags("kim puza "), [false, false]);
    assert_eq!(prefix_flags("\"kim il\""), [false, false]);
    assert_eq!(prefix_flags("\"kim il\" mao"), [false, false, true]);
}

#[test]
fn search_ignores_accents_and_case() {
    let library = page_library(&[
        (
            "May 1, 1950",
            "Report by Lt. Col. J. Załuska",
            "On the border.",
        ),
        ("May 2, 1950", "Gomułka in ŁÓDŹ", "A speech."),
    ]);
    for query in ["zaluska", "ZAŁUSKA", "Zaluska", "załuska"] {
        assert_eq!(find(&library, query), ["Report by Lt. Col. J. Załuska"]);
    }
    assert_eq!(find(&library, "lodz GOMULKA"), ["Gomułka in ŁÓDŹ"]);
}

#[test]
fn several_words_must_all_match_in_any_field() {
    let library = page_library(&[
        ("May 1, 1950", "Kim meets Mao", "In Beijing."),
        ("May 2, 1950", "Kim meets Stalin", "In Moscow, Mao absent."),
        ("May 3, 1950", "Stalin alone", "No visitors."),
    ]);
    assert_eq!(
        find(&library, "kim mao"),
        ["Kim meets Mao", "Kim meets Stalin"]
    );
    assert_eq!(find(&library, "stalin moscow"), ["Kim meets Stalin"]);
    assert_eq!(find(&library, "kim visitors"), Vec::<String>::new());
    assert_eq!(find(&library, "kim nosuchword"), Vec::<String>::new());
}

#[test]
fn phrases_need_adjacent_words_in_order_within_one_field() {
    let library = page_library(&[
        ("May 1, 1950", "Telegram to Kim Il Sung", "Urgent."),
        (
            "May 2, 1950",
            "Kim and Il Sung",
            "Order reversed: Sung Il Kim.",
        ),
        ("May 3, 1950", "A letter from Kim", "Il Sung replies."),
    ]);
    assert_eq!(
        find(&library, "\"kim il sung\""),
        ["Telegram to Kim Il Sung"]
    );
    assert_eq!(find(&library, "\"sung il kim\""), ["Kim and Il Sung"]);
    // The last title word and the first summary word are not adjacent.
    assert_eq!(find(&library, "\"kim il\""), ["Telegram to Kim Il Sung"]);
    assert_eq!(find(&library, "kim il").len(), 3);
}

#[test]
fn full_text_is_searched_too() {
    let mut library = page_library(&[("May 1, 1950", "A memo", "Short.")]);
    let mut docs = library.docs().to_vec();
    if let Some(doc) = docs.first_mut() {
        doc.page_mut().full_text = Some("The secret protocol was signed.".to_string());
    }
    library = Library::new(docs);
    assert_eq!(find(&library, "\"secret protocol\""), ["A memo"]);
    assert_eq!(find(&library, "\"memo short\""), Vec::<String>::new());
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typed() {
    let library = load_seeds().library;
    let journals = find(&library, "puza");
    assert_eq!(journals.len(), 6, "{journals:?}");
    assert!(journals
        .iter()
        .all(|t| t.starts_with("Journal of Soviet Ambassador") && t.contains("Puzanov")));
    assert_eq!(find(&library, "puzanov"), journals);
    assert!(
        find(&library, "puza ").is_empty(),
        "a finished word is exact"
    );
    assert!(
        find(&library, "\"puza\"").is_empty(),
        "a quoted word is exact"
    );
    assert_eq!(find(&library, "\"a m puza"), journals);
}

#[test]
fn results_are_ascending_and_agree_with_reading_every_document() {
    let library = load_seeds().library;
    let index = SearchIndex::build(&library);
    let queries = [
        "pyongyang",
        "p",
        "the s",
        "kim il sung",
        "\"kim il sung\"",
        "\"korean workers party\" pyong",
        "soviet \"the dprk",
        "mao mikoyan",
        "1960",
        "china’s",
    ];
    for text in queries {
        let query = Query::parse(text);
        let found = index.search(&library, &query);
        assert!(found.windows(2).all(|w| w[0] < w[1]), "{text}");
        assert_eq!(found, scan(&library, &query), "{text}");
        assert!(!found.is_empty(), "{text}");
    }
}

#[test]
fn empty_query_and_empty_library_find_nothing() {
    let library = load_seeds().library;
    let index = SearchIndex::build(&library);
    assert!(index.search(&library, &Query::parse("")).is_empty());
    let empty = Library::default();
    let index = SearchIndex::build(&empty);
    assert!(index.search(&empty, &Query::parse("kim")).is_empty());
    assert!(index.memory_bytes() < 1024);
}

#[test]
fn highlights_map_back_to_the_original_accented_text() {
    let text = "Lt. Col. J. Załuska met Gomułka in Łódź.";
    assert_eq!(highlighted(text, "zaluska lodz"), ["Załuska", "Łódź"]);
    assert_eq!(highlighted(text, "gomu"), ["Gomułka"]);
    assert_eq!(highlighted(text, "gomu "), Vec::<&str>::new());
    assert_eq!(highlighted(text, "\"col j zaluska\""), ["Col. J. Załuska"]);
    assert_eq!(highlighted(text, "col \"col j\""), ["Col. J"]);
    let decomposed = "Cafe\u{301} Noir";
    assert_eq!(highlighted(decomposed, "cafe"), ["Cafe\u{301}"]);
    assert!(highlighted(text, "").is_empty());
}

#[test]
fn highlight_ranges_are_sorted_and_disjoint() {
    let text = "Kim Il Sung and Kim Il Sung’s aides; kim, KIM.";
    let ranges = highlight_ranges(text, &Query::parse("kim \"il sung\" \"kim il\""));
    assert!(ranges.windows(2).all(|w| w[0].end < w[1].start));
    let slices: Vec<&str> = ranges.iter().filter_map(|r| text.get(r.clone())).collect();
    assert_eq!(slices, ["Kim Il Sung", "Kim Il Sung", "kim", "KIM"]);
}

#[test]
fn index_built_in_chunks_holds_every_document_word_for_word() {
    let library = synthetic_library(5_000);
    let index = SearchIndex::build(&library);
    assert!(chunk_len(library.len()) < library.len(), "several chunks");
    for (number, doc) in library.docs().iter().enumerate().step_by(7) {
        let spelled: Vec<&str> = index.sequences.with(to_u32(number), |sequence| {
            sequence
                .iter()
                .filter(|&&word| word != FIELD_BREAK)
                .map(|&word| index.vocabulary.word(word as usize))
                .collect()
        });
        let expected: Vec<String> = fields(doc).flat_map(words_of).collect();
        assert_eq!(spelled, expected);
    }
    let doc_count = to_u32(library.len());
    for word in (0..to_u32(index.vocabulary.len())).step_by(11) {
        let expected: Vec<DocNumber> = (0..doc_count)
            .filter(|&doc| index.sequences.with(doc, |s| s.contains(&word)))
            .collect();
        assert_eq!(index.postings.docs_of(word), expected);
    }
    // "kim t" narrows a few candidates by reading their words, "the s" by a union of lists.
    for text in [
        "p",
        "the s",
        "kim t",
        "\"of the",
        "soviet ambassador",
        "\"a m",
    ] {
        let query = Query::parse(text);
        assert_eq!(
            index.search(&library, &query),
            scan(&library, &query),
            "{text}"
        );
    }
    let counts: Vec<usize> = index
        .postings
        .starts
        .windows(2)
        .map(|w| w[1] - w[0])
        .collect();
    let in_one_go = invert(&index.sequences.unpack(), &counts, 0);
    assert_eq!(in_one_go.docs, index.postings.docs);
}

/// Every folded word, one by one, as indexing sees them.
fn words_of(text: &str) -> Vec<String> {
    spanned_words(text).into_iter().map(|w| w.text).collect()
}

/// splitmix64: a tiny deterministic generator, so the benchmark corpus is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Words to draw from, most frequent first: the seeds' words by frequency, some accented
/// names, then invented names up to `size` (a long tail like real archives have).
fn synthetic_words(size: usize) -> Vec<String> {
    let library = load_seeds().library;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for doc in library.docs() {
        for token in doc
            .title
            .split_whitespace()
            .chain(doc.summary.split_whitespace())
        {
            let token = token.trim_matches(|c: char| !c.is_alphanumeric());
            if !token.is_empty() {
                *counts.entry(token.to_string()).or_default() += 1;
            }
        }
    }
    let mut by_count: Vec<(String, usize)> = counts.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut words: Vec<String> = by_count.into_iter().map(|(word, _)| word).collect();
    let names = [
        "Załuska",
        "Gomułka",
        "Łódź",
        "Đilas",
        "Müller",
        "Ceaușescu",
        "Østergaard",
    ];
    words.extend(names.map(String::from));
    let syllables = [
        "ka", "ro", "mi", "sun", "pak", "li", "zha", "ov", "nov", "ski", "ta", "gen", "ber", "dor",
        "hwa", "ung", "yev", "ich", "ma", "to", "chen", "wei", "kov", "ra", "bo", "le", "vic",
        "an", "ser", "gu",
    ];
    let mut rng = Rng(7);
    while words.len() < size {
        let mut word = String::new();
        for _ in 0..2 + rng.below(3) {
            word.push_str(syllables[rng.below(syllables.len())]);
        }
        words.push(word);
    }
    words
}

/// Draws words with Zipf frequencies (the n-th word is n times rarer than the first).
struct WordSource {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl WordSource {
    fn new(words: Vec<String>) -> WordSource {
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank + 1) as f64;
                total
            })
            .collect();
        WordSource { words, cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.unit() * total;
        let rank = self.cumulative.partition_point(|&c| c < target);
        self.words.get(rank).map_or("", String::as_str)
    }

    fn sentence(&self, rng: &mut Rng, min_len: usize) -> String {
        let mut text = String::new();
        while text.len() < min_len {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(self.pick(rng));
        }
        text.push('.');
        text
    }
}

fn synthetic_document(number: usize, source: &WordSource) -> Document {
    use crate::model::{DocDate, DocId};
    let mut rng = Rng(number as u64);
    let date = chrono::NaiveDate::from_ymd_opt(
        1945 + rng.below(52) as i32,
        1 + rng.below(12) as u32,
        1 + rng.below(28) as u32,
    )
    .map_or(DocDate::Undated, DocDate::Day);
    let title = if number.is_multiple_of(4) {
        let name = source.pick(&mut rng).to_string();
        format!(
            "Journal of Soviet Ambassador to the DPRK A.M. {name} for {}",
            date.display()
        )
    } else {
        source.sentence(&mut rng, 70)
    };
    Document {
        id: DocId(format!("syn-{number}")),
        date,
        date_text: date.display(),
        title,
        summary: source.sentence(&mut rng, 290),
        page: None,
        sources: Default::default(),
    }
}

fn synthetic_library(count: usize) -> Library {
    let source = WordSource::new(synthetic_words(300_000));
    let docs = (0..count)
        .into_par_iter()
        .map(|number| synthetic_document(number, &source))
        .collect();
    Library::new(docs)
}

/// CPU seconds (user + system) this process has used so far; 0 where /proc is missing.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok());
    (ticks(11).unwrap_or(0.0) + ticks(12).unwrap_or(0.0)) / 100.0
}

/// Median of five runs, and the result count.
fn time_query(index: &SearchIndex, library: &Library, text: &str) -> (std::time::Duration, usize) {
    let query = Query::parse(text);
    let mut times = Vec::new();
    let mut count = 0;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        count = index.search(library, &query).len();
        times.push(start.elapsed());
    }
    times.sort();
    (times[2], count)
}

#[test]
#[ignore = "benchmark: cargo test --release -- --ignored --nocapture"]
fn benchmark_search_over_a_million_documents() {
    let queries = [
        "puzanov",
        "puza",
        "zaluska",
        "p",
        "t",
        "the",
        "the s",
        "soviet ambassador",
        "\"soviet ambassador\"",
        "\"of the\"",
        "\"the s",
        "\"journal of soviet ambassador",
        "kim il sung",
        "\"kim il sung\"",
        "korea pyongyang 1960",
        "kamiro",
        "nosuchword",
    ];
    for count in [100_000, 1_000_000] {
        let start = std::time::Instant::now();
        let library = synthetic_library(count);
        let generated = start.elapsed();
        let text: usize = library
            .docs()
            .iter()
            .map(|d| d.title.len() + d.summary.len())
            .sum();
        let (start, cpu) = (std::time::Instant::now(), cpu_seconds());
        let index = SearchIndex::build(&library);
        let (built, build_cpu) = (start.elapsed(), cpu_seconds() - cpu);
        println!(
            "\n{count} docs (generated in {generated:.1?}, {} text bytes/doc): built in {built:.2?} on {} threads ({build_cpu:.2} s CPU), {} words, index {:.1} MB = {} bytes/doc (postings {}, sequences {}, vocabulary {})",
            text / count,
            rayon::current_num_threads(),
            index.vocabulary.len(),
            index.memory_bytes() as f64 / 1e6,
            index.memory_bytes() / count,
            index.postings.heap_bytes() / count,
            index.sequences.heap_bytes() / count,
            index.vocabulary.heap_bytes() / count,
        );
        for text in queries {
            let (time, found) = time_query(&index, &library, text);
            println!("  {text:<36} {found:>8} docs  {time:>10.2?}");
        }
    }
    let long_text: String = synthetic_library(150)
        .docs()
        .iter()
        .map(|d| d.summary.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let query = Query::parse("soviet \"of the\" puza");
    let start = std::time::Instant::now();
    let ranges = highlight_ranges(&long_text, &query);
    println!(
        "\nhighlight_ranges over {} KB of text: {} ranges in {:.2?}",
        long_text.len() / 1000,
        ranges.len(),
        start.elapsed()
    );
}

proptest! {
    #[test]
    fn nothing_panics_on_any_input(text in "\\PC{0,40}", query in "\\PC{0,20}") {
        let library = page_library(&[("May 1, 1950", "Kim Il Sung", text.as_str())]);
        let index = SearchIndex::build(&library);
        let parsed = Query::parse(&query);
        let _ = parsed.terms();
        let found = index.search(&library, &parsed);
        prop_assert_eq!(found, scan(&library, &parsed));
        for range in highlight_ranges(&text, &parsed) {
            prop_assert!(text.get(range).is_some());
        }
    }

    #[test]
    fn nothing_panics_on_any_characters(text in any::<String>(), query in any::<String>()) {
        let parsed = Query::parse(&query);
        let _ = highlight_ranges(&text, &parsed);
        let _ = highlight_ranges(&query, &parsed);
    }

    #[test]
    fn tokens_fold_to_the_words_of_the_whole_text(text in any::<String>()) {
        // CJK runs are bigrams, not folded words (cjk_titles_are_found_by_any_run_… covers them).
        prop_assume!(!text.chars().any(is_cjk));
        let whole: Vec<String> = fold(&text).split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
        prop_assert_eq!(words_of(&text), whole);
    }

    #[test]
    fn index_agrees_with_reading_every_document(picks in proptest::collection::vec(0usize..400, 1..4), quote in any::<bool>(), open in any::<bool>()) {
        let library = load_seeds().library;
        let vocabulary: Vec<String> = library.docs().iter().flat_map(|d| words_of(&d.summary)).collect();
        let words: Vec<&str> = picks.iter().filter_map(|&i| vocabulary.get(i).map(String::as_str)).collect();
        let mut text = words.join(" ");
        if quote { text = format!("\"{text}\""); }
        if open { text.pop(); }
        let query = Query::parse(&text);
        let index = SearchIndex::build(&library);
        prop_assert_eq!(index.search(&library, &query), scan(&library, &query));
    }

}

/// The seeds and their index, built once for the property tests that search them often.
fn seeds_indexed() -> &'static (Library, SearchIndex) {
    static SEEDS: std::sync::OnceLock<(Library, SearchIndex)> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let library = load_seeds().library;
        let index = SearchIndex::build(&library);
        (library, index)
    })
}

proptest! {
    // Each case types a query letter by letter and reads every document at each keystroke.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_memo_carried_from_query_to_query_changes_no_result(picks in proptest::collection::vec((0usize..400, any::<bool>()), 1..6)) {
        let (library, index) = seeds_indexed();
        let vocabulary: Vec<String> = library.docs().iter().flat_map(|d| words_of(&d.summary)).collect();
        let mut memo = SearchMemo::default();
        let mut text = String::new();
        for (pick, phrase) in picks {
            let word = vocabulary.get(pick).cloned().unwrap_or_default();
            text = if phrase { format!("\"{text} {word}\"") } else { format!("{word} {text}") };
            for typed in keystrokes(&text) {
                let query = Query::parse(typed);
                let remembered = index.search_remembering(library.len(), &query, &mut memo);
                prop_assert_eq!(remembered, scan(library, &query), "{}", typed);
            }
        }
    }
}

/// Every prefix of `typed`, as the box holds it after each keystroke.
fn keystrokes(typed: &str) -> Vec<&str> {
    typed
        .char_indices()
        .map(|(i, c)| &typed[..i + c.len_utf8()])
        .collect()
}

#[test]
fn typing_with_a_memo_finds_what_searching_afresh_finds() {
    let library = load_seeds().library;
    let index = SearchIndex::build(&library);
    let texts = [
        "puzanov journal \"soviet ambassador\" kim",
        "\"korean workers party\" pyong",
        "soviet \"the dprk",
        "kim \"il sung\" the s",
        "p",
    ];
    // One memo carried through every keystroke of every text (as the search worker keeps
    // it), and one too small to hold anything.
    let mut memo = SearchMemo::default();
    let mut small = SearchMemo::with_limit(16);
    let mut held = 0;
    for text in texts {
        for typed in keystrokes(text) {
            let query = Query::parse(typed);
            let afresh = index.search(&library, &query);
            let remembered = index.search_remembering(library.len(), &query, &mut memo);
            assert_eq!(remembered, afresh, "{typed}");
            held = held.max(memo.words());
            let small_found = index.search_remembering(library.len(), &query, &mut small);
            assert_eq!(small_found, afresh, "{typed}");
            assert_eq!(small.words(), 0, "{typed}");
        }
    }
    assert!(held > 0, "the phrases' candidates were kept");

    // A memo of another index (another library) is never read for this one.
    let fewer = load_texts(&[(
        "p.txt",
        "May 1, 1950\nJournal of Soviet Ambassador Puzanov\nKim met the soviet ambassador.\n",
    )])
    .library;
    let other = SearchIndex::build(&fewer);
    for typed in keystrokes("\"soviet ambassador\" kim") {
        let query = Query::parse(typed);
        let afresh = other.search(&fewer, &query);
        let remembered = other.search_remembering(fewer.len(), &query, &mut memo);
        assert_eq!(remembered, afresh, "{typed}");
    }
}

#[test]
fn subjects_authors_and_places_from_reference_files_are_searched() {
    let ris = "TY  - MANSCPT\nTI  - Telegram on the blockade\nDA  - 1962/10/25\n\
               AU  - Dobrynin, Anatoly\nKW  - Cuba--Foreign relations--Soviet Union\n\
               KW  - Cuban Missile Crisis, 1962\nER  - \n";
    let library = load_texts(&[("z.ris", ris)]).library;
    assert_eq!(library.len(), 1);
    assert_eq!(library.docs()[0].subjects().len(), 2);
    for query in [
        "foreign relations",
        "\"missile crisis\"",
        "dobrynin",
        "cuba",
    ] {
        assert_eq!(
            find(&library, query),
            ["Telegram on the blockade"],
            "{query}"
        );
    }
    // A phrase does not run from one heading into the next.
    assert!(find(&library, "\"soviet union cuban\"").is_empty());
}

#[test]
fn cjk_titles_are_found_by_any_run_of_their_characters() {
    let library = page_library(&[
        (
            "March 1, 1950",
            "毛泽东同志关于朝鲜战争的电报",
            "A telegram.",
        ),
        ("April 2, 1951", "중국인민지원군 사령부의 보고", "A report."),
        ("May 3, 1952", "朝鮮戦争についての報告書", "A report."),
        ("June 4, 1953", "Telegram from Mao Zedong", "Latin only."),
    ]);
    let hits = |q: &str| find(&library, q).len();
    // Chinese: a two-, three- and one-character query, inside the run, at its end.
    assert_eq!(find(&library, "毛泽东"), ["毛泽东同志关于朝鲜战争的电报"]);
    assert_eq!(hits("朝鲜战争"), 1);
    assert_eq!(hits("电报"), 1);
    // One character matches as a prefix: 报 is in 电报 (the traditional 報 is another character).
    assert_eq!(hits("报"), 1);
    assert_eq!(hits("報"), 1);
    assert_eq!(hits("泽东同志 电报"), 1);
    assert_eq!(hits("东毛"), 0);
    // Korean: syllables stay whole (no jamo), found inside a word with its particle.
    assert_eq!(hits("지원군"), 1);
    assert_eq!(hits("사령부"), 1);
    assert_eq!(hits("보고"), 1);
    // Japanese: kana keep their voicing marks (が is not か).
    assert_eq!(hits("戦争について"), 1);
    assert_eq!(hits("朝鮮"), 1);
    // Latin is untouched.
    assert_eq!(hits("mao"), 1);
    // Highlighting gives the original characters.
    assert_eq!(
        highlighted("毛泽东同志关于朝鲜战争的电报", "朝鲜战争"),
        ["朝鲜战争"]
    );
}

#[test]
fn hangul_and_kana_are_indexed_as_written() {
    let words = words_of("조선 がか");
    assert_eq!(words, ["조선", "선", "がか", "か"]);
}
