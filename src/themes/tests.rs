use super::*;
use crate::model::{DocDate, DocId, Library};
use chrono::NaiveDate;

fn doc(title: &str, summary: &str, date: DocDate) -> Document {
    Document {
        id: DocId(format!("test-{title}")),
        date,
        date_text: String::new(),
        title: title.to_string(),
        summary: summary.to_string(),
        page: None,
        sources: smallvec::SmallVec::new(),
    }
}

fn day(y: i32, m: u32, d: u32) -> DocDate {
    DocDate::Day(NaiveDate::from_ymd_opt(y, m, d).expect("valid test date"))
}

/// A set with one theme per `(name, rule)` pair, rules written in RON.
fn themes(rules: &[(&str, &str)]) -> ThemeSet {
    let body: Vec<String> = rules
        .iter()
        .map(|(name, rule)| format!("(name: {name:?}, color: (1, 2, 3), rules: [{rule}])"))
        .collect();
    let text = format!("(themes: [{}])", body.join(",\n"));
    ThemeSet::from_ron(&text, "test.ron").expect("test themes parse")
}

fn one(rule: &str) -> ThemeSet {
    themes(&[("T", rule)])
}

fn hits(set: &ThemeSet, title: &str, date: DocDate) -> bool {
    !set.matches(&doc(title, "", date)).is_empty()
}

#[test]
fn builtin_parses_and_has_sensible_nested_themes() {
    let parsed = ThemeSet::from_ron(BUILTIN_RON, BUILTIN_FILE);
    let set = parsed.expect("assets/themes.ron parses");
    assert_eq!(ThemeSet::builtin(), set);
    let broad = set.themes.iter().filter(|t| t.parent.is_none()).count();
    assert!((8..=12).contains(&broad), "{broad} broad lanes");
    assert!(set.themes.len() > broad * 2, "broad lanes have sub-themes");
    assert!(
        set.threshold >= 2.0,
        "a single generic word must not place a document"
    );
    for theme in &set.themes {
        assert!(
            !theme.description.is_empty(),
            "{} needs a description",
            theme.name
        );
    }
}

#[test]
fn matching_ignores_accents_and_case() {
    let set = one(r#"(phrases: ["Zaluska"])"#);
    assert!(hits(
        &set,
        "Lt. Col. J. Załuska, 'Report'",
        DocDate::Undated
    ));
    assert!(hits(&set, "ZALUSKA", DocDate::Undated));
    let accented = one(r#"(phrases: ["Załuska"])"#);
    assert!(hits(&accented, "report by j. zaluska", DocDate::Undated));
}

#[test]
fn phrases_match_whole_words_only() {
    let set = one(r#"(phrases: ["war", "Sino-Soviet"])"#);
    assert!(hits(&set, "The war ends", DocDate::Undated));
    assert!(hits(&set, "War", DocDate::Undated));
    assert!(hits(&set, "after the war.", DocDate::Undated));
    assert!(!hits(&set, "warm toward Moscow", DocDate::Undated));
    assert!(!hits(&set, "postwar", DocDate::Undated));
    assert!(hits(&set, "the Sino Soviet split", DocDate::Undated));
    assert!(hits(&set, "Sino-Soviet", DocDate::Undated));
}

#[test]
fn star_makes_a_prefix() {
    let set = one(r#"(phrases: ["atom*"])"#);
    assert!(hits(&set, "the atomic industry", DocDate::Undated));
    assert!(hits(&set, "atom", DocDate::Undated));
    assert!(!hits(&set, "an anatomy", DocDate::Undated));
    let exact = one(r#"(phrases: ["atom"])"#);
    assert!(!hits(&exact, "the atomic industry", DocDate::Undated));
}

#[test]
fn phrases_do_not_span_fields() {
    let set = one(r#"(phrases: ["Korean War"])"#);
    assert!(set
        .matches(&doc("A Korean", "War ends", DocDate::Undated))
        .is_empty());
    assert!(!set
        .matches(&doc("x", "the Korean war", DocDate::Undated))
        .is_empty());
}

#[test]
fn rules_can_look_at_chosen_fields() {
    let set = one(r#"(phrases: ["Japan"], fields: [title])"#);
    assert!(!set.matches(&doc("Japan", "", DocDate::Undated)).is_empty());
    assert!(set
        .matches(&doc("x", "ties with Japan", DocDate::Undated))
        .is_empty());
    let mut full = doc("x", "y", DocDate::Undated);
    full.page = Some(Box::new(crate::model::PageDetails {
        full_text: Some("Japanese and Japan".to_string()),
        ..Default::default()
    }));
    assert!(set.matches(&full).is_empty());
    let text_only = one(r#"(phrases: ["Japan"], fields: [full_text])"#);
    assert_eq!(text_only.matches(&full), vec![0]);
}

#[test]
fn date_windows_are_inclusive_and_skip_undated() {
    let set = one(r#"(phrases: ["war"], from: "1950-06-25", to: "1953-07-27")"#);
    assert!(hits(&set, "war", day(1950, 6, 25)));
    assert!(hits(&set, "war", day(1953, 7, 27)));
    assert!(!hits(&set, "war", day(1953, 7, 28)));
    assert!(!hits(&set, "war", day(1950, 6, 24)));
    assert!(!hits(&set, "war", DocDate::Undated));
    assert!(!hits(&set, "peace", day(1951, 1, 1)));
}

#[test]
fn month_and_year_dates_count_only_when_wholly_inside_the_window() {
    let set = one(r#"(phrases: ["war"], from: "1950-06-25", to: "1953-07-27")"#);
    let month = |year, month| DocDate::Month { year, month };
    assert!(hits(&set, "war", month(1950, 7)));
    assert!(hits(&set, "war", DocDate::Year(1952)));
    // A span that only overlaps the window is no evidence: "1953" may be after the armistice.
    assert!(!hits(&set, "war", month(1950, 6)));
    assert!(!hits(&set, "war", DocDate::Year(1953)));
    assert!(!hits(&set, "war", month(1950, 5)));
    assert!(!hits(&set, "war", month(1953, 8)));
    assert!(!hits(&set, "war", DocDate::Year(1949)));
}

#[test]
fn a_date_window_alone_never_assigns_a_theme() {
    let set = one(r#"(from: "1992-01-01")"#);
    assert!(!hits(&set, "anything", day(1996, 1, 1)));
    assert!(!hits(&set, "anything", DocDate::Year(1992)));
    assert!(!hits(&set, "anything", DocDate::Undated));
}

#[test]
fn documents_can_belong_to_several_themes_and_go_where_the_evidence_is() {
    let set = themes(&[
        ("Aid", r#"(phrases: ["aid"])"#),
        ("Other things", r#"(phrases: ["zzz"])"#),
        (
            "Military",
            r#"(phrases: ["military"]), (phrases: ["air defense"])"#,
        ),
    ]);
    let both = doc("Military aid", "air defense", day(1962, 8, 14));
    assert_eq!(set.matches(&both), vec![0, 2]);
    let library = Library::new(vec![both, doc("Nothing", "", DocDate::Undated)]);
    let classes = set.classify(&library);
    assert_eq!(classes.lane_count(), 4);
    assert_eq!(classes.other_lane(), 3);
    assert_eq!(classes.themes_of.to_vecs(), vec![vec![0, 2], vec![]]);
    // Two of Military's rules match against one of Aid's: Military places it.
    assert_eq!(classes.lane_of, vec![2, 3]);
    assert_eq!(set.lane_name(2), "Military");
    assert_eq!(set.lane_name(classes.other_lane()), OTHER_NAME);
}

#[test]
fn empty_set_puts_everything_in_other() {
    let set = ThemeSet::default();
    let library = Library::new(vec![doc("Anything", "", DocDate::Undated)]);
    let classes = set.classify(&library);
    assert_eq!(classes.lane_of, vec![0]);
    assert_eq!(classes.lane_count(), 1);
    assert!(set.matches(&doc("x", "", DocDate::Undated)).is_empty());
}

fn error_of(text: &str) -> ThemeError {
    ThemeSet::from_ron(text, "themes.ron").expect_err("should be refused")
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let err = error_of("(\n  themes: [\n    (name: \"A\" color: (1, 2, 3), rules: [])\n  ]\n)");
    assert_eq!((err.line, err.column), (3, 16), "{err}");
    assert_eq!(err.file, "themes.ron");
    assert!(err.to_string().starts_with("themes.ron:3:16: "), "{err}");
}

#[test]
fn semantic_errors_point_at_the_culprit() {
    let bad_date = error_of(
        "(themes: [(name: \"A\", color: (1, 2, 3),\n rules: [(phrases: [\"x\"], from: \"1950-13-01\")])])",
    );
    assert_eq!(bad_date.line, 2, "{bad_date}");
    assert!(bad_date.message.contains("1950-13-01"), "{bad_date}");

    let bad_phrase =
        error_of("(themes: [(name: \"A\", color: (1, 2, 3),\n\n rules: [(phrases: [\"--\"])])])");
    assert_eq!(bad_phrase.line, 3, "{bad_phrase}");
    assert!(bad_phrase.message.contains("no letters"), "{bad_phrase}");

    let bad_colour = error_of("(themes: [(name: \"A\",\n color: (1, 256, 3), rules: [])])");
    assert_eq!(bad_colour.line, 2, "{bad_colour}");
}

#[test]
fn invalid_themes_are_refused_with_a_reason() {
    let cases = [
        (
            r#"(themes: [(name: " ", color: (1, 2, 3), rules: [(phrases: ["x"])])])"#,
            "empty",
        ),
        (
            r#"(themes: [(name: "other", color: (1, 2, 3), rules: [(phrases: ["x"])])])"#,
            "Other",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [])])"#,
            "at least one rule",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [()])])"#,
            "needs",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(fields: [title], from: "1950-01-01")])])"#,
            "fields",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrases: ["nu*clear"])])])"#,
            "only end",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrases: ["x"], from: "1953-01-01", to: "1950-01-01")])])"#,
            "before",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrase: ["x"])])])"#,
            "phrase",
        ),
        (
            r#"(themes: [(name: "A", color: (1, 2, 3), rules: [(phrases: ["x"])]), (name: "Á", color: (1, 2, 3), rules: [(phrases: ["y"])])])"#,
            "twice",
        ),
    ];
    for (text, reason) in cases {
        let err = error_of(text);
        assert!(err.line > 0, "{text}: {err}");
        assert!(err.message.contains(reason), "{text}: {err}");
    }
}

#[test]
fn truncated_or_odd_input_never_panics() {
    let cut_points = BUILTIN_RON.char_indices().map(|(i, _)| i).step_by(13);
    for end in cut_points {
        let _ = ThemeSet::from_ron(&BUILTIN_RON[..end], "cut.ron");
    }
    for text in [
        "",
        "(",
        "()",
        "(themes: [])",
        "\u{feff}(themes: [])",
        "[1, 2]",
    ] {
        let _ = ThemeSet::from_ron(text, "odd.ron");
    }
    let set = ThemeSet::builtin();
    let mut odd = doc("", "", DocDate::Undated);
    odd.page_mut().full_text = Some("\u{0}\u{301}ł ÆØ 🚀 \n\n".repeat(100));
    let _ = set.matches(&odd);
    let _ = set.classify(&Library::new(vec![
        odd,
        doc("  ", "…", DocDate::Year(9999)),
    ]));
}

#[test]
fn unreadable_file_is_an_error_at_line_zero() {
    let path = std::env::temp_dir().join("archive-timeline-no-such-themes.ron");
    let err = ThemeSet::load_file(&path).expect_err("missing file");
    assert_eq!((err.line, err.column), (0, 0));
    assert!(err.to_string().contains("cannot read"), "{err}");
}

#[test]
fn load_file_reads_a_theme_file() {
    let path = std::env::temp_dir().join(format!(
        "archive-timeline-themes-{}.ron",
        std::process::id()
    ));
    std::fs::write(&path, BUILTIN_RON).expect("write temp file");
    let loaded = ThemeSet::load_file(&path);
    let _ = std::fs::remove_file(&path);
    assert_eq!(loaded.expect("loads"), ThemeSet::builtin());
}

/// Scale check: `cargo test --release --lib themes -- --ignored --nocapture`.
#[test]
#[ignore = "timing; run in release"]
fn classifies_a_million_documents_quickly() {
    let seeds = crate::ingest::load_seeds().library;
    let summary = "Kim Il Sung and his close aides are very satisfied with the results of the \
        talks in Moscow and the Agreement on Economic and Technical Aid and Trade Turnover. \
        After hearing the prosperous output results of the Pyongyang state farm, the \
        ambassador asks to visit the farm; the Soviet side notes the Chinese Ambassador's \
        long absence and the DPRK's debt of more than 60 million rubles.";
    let docs: Vec<Document> = (0..1_000_000)
        .map(|i| {
            let seed = &seeds.docs()[i % seeds.len()];
            let mut d = doc(&format!("{} ({i})", seed.title), summary, seed.date);
            d.id = DocId(format!("bench-{i}"));
            if i % 50 == 0 {
                d.page_mut().full_text = Some(summary.repeat(10));
            }
            d
        })
        .collect();
    let library = Library::new(docs);
    let set = ThemeSet::builtin();
    let started = std::time::Instant::now();
    let classes = set.classify(&library);
    let took = started.elapsed();
    println!("classified {} documents in {took:?}", classes.lane_of.len());
    assert_eq!(classes.lane_of.len(), 1_000_000);
}

#[test]
fn seeds_are_classified_with_few_left_over() {
    let loaded = crate::ingest::load_seeds();
    let library = &loaded.library;
    assert_eq!(library.len(), 39);
    let set = ThemeSet::builtin();
    let classes = set.classify(library);
    for (doc, themes) in library.docs().iter().zip(classes.themes_of.iter()) {
        let names: Vec<&str> = themes.iter().map(|&t| set.lane_name(t)).collect();
        println!(
            "{:<22} {:<70.70} {}",
            doc.date_label(),
            doc.title,
            names.join(", ")
        );
    }
    for (lane, theme) in set.themes.iter().enumerate() {
        let count = classes
            .themes_of
            .iter()
            .filter(|t| t.contains(&(lane as u16)))
            .count();
        println!("{count:>3}  {}", theme.name);
    }
    let themes_of_title = |title: &str| -> Vec<&str> {
        let index = library.docs().iter().position(|d| d.title.contains(title));
        let themes = index.and_then(|i| classes.themes_of.get(i));
        themes.map_or(Vec::new(), |t| {
            t.iter().map(|&t| set.lane_name(t)).collect()
        })
    };
    for (title, theme) in [
        ("Draft Telegram from A. Mikoyan", "August 1956 Crisis"),
        ("Beria to Cde. V.M. Molotov", "Xinjiang and Inner Asia"),
        ("Razuvaev to Vasilevsky", "Korean War"),
        ("Kumagai Hiroshi", "Japan and the Kurils"),
        ("Security Guarantees to Ukraine", "Post-Soviet Russia"),
    ] {
        assert!(
            themes_of_title(title).contains(&theme),
            "{title} should be in {theme}: {:?}",
            themes_of_title(title)
        );
    }
    let other = classes
        .lane_of
        .iter()
        .filter(|&&l| l == classes.other_lane())
        .count();
    println!("{other:>3}  {OTHER_NAME}");
    assert!(other <= 4, "{other} seed documents match no theme");
}

/// A set written in RON with a threshold; themes as `(name, parent, rules)`.
fn weighted(threshold: f32, themes: &[(&str, Option<&str>, &str)]) -> ThemeSet {
    let body: Vec<String> = themes
        .iter()
        .map(|(name, parent, rules)| {
            let parent = parent.map_or("None".to_string(), |p| format!("Some({p:?})"));
            format!("(name: {name:?}, color: (1, 2, 3), parent: {parent}, rules: [{rules}])")
        })
        .collect();
    let text = format!("(threshold: {threshold:?}, themes: [{}])", body.join(",\n"));
    ThemeSet::from_ron(&text, "test.ron").expect("test themes parse")
}

fn lane_of(set: &ThemeSet, title: &str, summary: &str) -> String {
    let library = Library::new(vec![doc(title, summary, day(1962, 10, 25))]);
    let classes = set.classify(&library);
    set.lane_name(classes.lane_of[0]).to_string()
}

#[test]
fn a_generic_word_alone_does_not_place_a_document() {
    let set = weighted(
        2.0,
        &[
            ("Japan", None, r#"(phrases: ["Japan*"], weight: 1.0)"#),
            (
                "Cuba",
                None,
                r#"(phrases: ["Cuba*", "Havana"], weight: 2.0)"#,
            ),
        ],
    );
    assert_eq!(
        lane_of(&set, "Letter from the Japanese consul", ""),
        "Other"
    );
    assert_eq!(
        lane_of(&set, "Cable from Japanese Embassy in Havana to Tokyo", ""),
        "Cuba"
    );
}

#[test]
fn the_strongest_evidence_wins_not_the_first_rule() {
    let set = weighted(
        1.0,
        &[
            ("Diplomats", None, r#"(phrases: ["embassy"], weight: 1.0)"#),
            (
                "Cuba",
                None,
                r#"(phrases: ["Havana"], weight: 2.0), (phrases: ["missile*"], weight: 1.5)"#,
            ),
        ],
    );
    assert_eq!(
        lane_of(&set, "Embassy in Havana on the missiles", ""),
        "Cuba"
    );
    // Both still list it: the embassy theme reached the threshold too.
    let d = doc("Embassy in Havana on the missiles", "", DocDate::Undated);
    assert_eq!(set.matches(&d), vec![0, 1]);
    // Each rule counts once, however many of its phrases hit.
    let e = set.explain(&doc("Havana Havana Havana", "", DocDate::Undated));
    assert_eq!(e.themes[0].score, 2.0);
}

#[test]
fn an_exclusion_vetoes_its_rule() {
    let set = weighted(
        2.0,
        &[
            (
                "Korean War",
                None,
                r#"(phrases: ["peace talks", "armistice"], weight: 2.0, exclude: ["Vietnam*", "Paris talks"])"#,
            ),
            (
                "Vietnam",
                None,
                r#"(phrases: ["Vietnam*", "Xuan Thuy"], weight: 2.0)"#,
            ),
        ],
    );
    assert_eq!(
        lane_of(
            &set,
            "Conversation between Zhou Enlai and Xuan Thuy",
            "On the peace talks in Paris on Vietnam"
        ),
        "Vietnam"
    );
    assert_eq!(
        lane_of(&set, "Report on the armistice", "peace talks at Panmunjom"),
        "Korean War"
    );
}

#[test]
fn sub_themes_refine_their_broad_lane_and_add_to_its_evidence() {
    let set = weighted(
        2.0,
        &[
            (
                "Korean Peninsula",
                None,
                r#"(phrases: ["Korea*"], weight: 2.0)"#,
            ),
            (
                "Korean War",
                Some("Korean Peninsula"),
                r#"(phrases: ["armistice"], weight: 2.0)"#,
            ),
            (
                "China",
                None,
                r#"(phrases: ["China", "Chinese"], weight: 1.5)"#,
            ),
            (
                "Taiwan Strait",
                Some("China"),
                r#"(phrases: ["Jinmen"], weight: 1.0)"#,
            ),
        ],
    );
    assert_eq!(lane_of(&set, "The Korean armistice", ""), "Korean War");
    assert_eq!(lane_of(&set, "Kim and Korea", ""), "Korean Peninsula");
    // 1.5 + 1.0: the sub-theme's evidence lifts its broad lane over the threshold, but the
    // sub-theme alone (1.0) is too weak to take the document.
    assert_eq!(lane_of(&set, "Chinese shelling of Jinmen", ""), "China");
    // The broad theme outscores: armistice (2) + Korea (2) = 4 against China's 1.5.
    assert_eq!(
        lane_of(&set, "Chinese views on the Korean armistice", ""),
        "Korean War"
    );
}

#[test]
fn nesting_errors_point_at_the_theme() {
    let err = ThemeSet::from_ron(
        r#"(themes: [(name: "A", color: (1,2,3), parent: Some("B"), rules: [(phrases: ["a"])])])"#,
        "t.ron",
    )
    .expect_err("unknown parent");
    assert!(err.message.contains("parent \"B\""), "{err}");
    let err = ThemeSet::from_ron(
        r#"(themes: [
            (name: "A", color: (1,2,3), rules: [(phrases: ["a"])]),
            (name: "B", color: (1,2,3), parent: Some("A"), rules: [(phrases: ["b"])]),
            (name: "C", color: (1,2,3), parent: Some("B"), rules: [(phrases: ["c"])]),
        ])"#,
        "t.ron",
    )
    .expect_err("two levels");
    assert!(err.message.contains("one level"), "{err}");
    assert_eq!(err.line, 4, "{err}");
    for bad in ["weight: 0.0", "weight: -1.0", "weight: inf"] {
        let text =
            format!(r#"(themes: [(name: "A", color: (1,2,3), rules: [(phrases: ["a"], {bad})])])"#);
        assert!(ThemeSet::from_ron(&text, "t.ron").is_err(), "{bad}");
    }
}

#[test]
fn explain_names_the_phrases_weights_and_windows() {
    let set = weighted(
        2.0,
        &[
            (
                "Korean War",
                None,
                r#"(phrases: ["armistice", "truce"], weight: 2.0), (phrases: ["offensive"], weight: 1.0, from: "1950-06-25", to: "1953-07-27")"#,
            ),
            (
                "Diplomats",
                None,
                r#"(phrases: ["ambassador"], weight: 0.5)"#,
            ),
        ],
    );
    let d = doc(
        "Ambassador on the armistice",
        "the spring offensive",
        day(1951, 4, 2),
    );
    let e = set.explain(&d);
    assert_eq!(e.lane, "Korean War");
    assert_eq!(e.themes[0].name, "Korean War");
    assert_eq!(e.themes[0].score, 3.0);
    assert_eq!(e.themes[0].rules[0].phrases, ["armistice"]);
    assert_eq!(
        e.themes[0].rules[1].to_string(),
        "+1 \"offensive\" (within 1950-06-25/1953-07-27)"
    );
    assert_eq!(e.themes[1].name, "Diplomats");
    assert_eq!(e.themes[1].score, 0.5);
}

#[test]
fn stats_count_lanes_other_and_crowded_documents() {
    let set = weighted(
        1.0,
        &[
            ("A", None, r#"(phrases: ["a"])"#),
            ("B", None, r#"(phrases: ["b"])"#),
            ("C", None, r#"(phrases: ["c"])"#),
            ("D", None, r#"(phrases: ["d"])"#),
        ],
    );
    let library = Library::new(vec![
        doc("a", "", DocDate::Undated),
        doc("a b c d", "", DocDate::Undated),
        doc("none", "", DocDate::Undated),
    ]);
    let classes = set.classify(&library);
    let stats = set.stats(&classes);
    assert_eq!(stats.documents, 3);
    assert_eq!(stats.other, 1);
    assert_eq!(stats.themes[0].listed, 2);
    assert_eq!(stats.themes[0].placed, 2);
    assert_eq!(stats.themes[1].listed, 1);
    assert_eq!(stats.themes[1].placed, 0);
    assert_eq!(stats.in_more_than_three, vec![1]);
    assert!((stats.share(stats.other) - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn builtin_lanes_for_the_archive_beyond_the_seeds() {
    let set = ThemeSet::builtin();
    let lane = |title: &str, summary: &str, date: DocDate| {
        let library = Library::new(vec![doc(title, summary, date)]);
        let classes = set.classify(&library);
        set.lane_name(classes.lane_of[0]).to_string()
    };
    assert_eq!(
        lane(
            "Cable from Japanese Embassy in Havana to Tokyo",
            "A description of the Cuban reaction to the announcement of the US blockade.",
            day(1962, 10, 25)
        ),
        "Cuban Missile Crisis"
    );
    assert_eq!(
        lane(
            "Conversation between Zhou Enlai and Xuan Thuy",
            "Zhou Enlai and Xuan Thuy discuss the Paris talks on Vietnam.",
            DocDate::Month {
                year: 1968,
                month: 5
            }
        ),
        "Paris Peace Talks"
    );
    assert_eq!(
        lane(
            "Report on the Accident at the Chernobyl Nuclear Power Plant",
            "The Deputy Minister of Health reports on the accident.",
            day(1986, 5, 1)
        ),
        "Nuclear Energy and Chernobyl"
    );
}

#[test]
fn subject_headings_from_reference_files_count_as_evidence() {
    let ris = "TY  - MANSCPT\nTI  - Report on the accident\nDA  - 1986/05/01\n\
               KW  - Chernobyl Nuclear Accident, Chornobyl, Ukraine, 1986\nER  - \n";
    let library = crate::ingest::load_texts(&[("z.ris", ris)]).library;
    let set = ThemeSet::builtin();
    let classes = set.classify(&library);
    assert_eq!(
        set.lane_name(classes.lane_of[0]),
        "Nuclear Energy and Chernobyl"
    );
    let why = set.explain(&library.docs()[0]);
    assert!(
        why.themes
            .iter()
            .flat_map(|t| &t.rules)
            .any(|r| !r.subjects.is_empty()),
        "{why:?}"
    );
    // A prefix matches whole heading parts only: "Cuba" is not "Cubans".
    let cuba = weighted(
        1.0,
        &[("Cuba", None, r#"(subjects: ["Cuba"], weight: 2.0)"#)],
    );
    let mut d = doc("x", "", DocDate::Undated);
    d.page_mut().subjects = vec!["Cubans--United States".into()];
    assert!(cuba.matches(&d).is_empty());
    d.page_mut().subjects = vec!["Cuba--History--1959-1990".into()];
    assert_eq!(cuba.matches(&d), vec![0]);
}
