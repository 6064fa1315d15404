//! The bundled seeds, checked field by field against what the pages say.
//!
//! The table below was written from reading the five seed pages (line numbers are the lines of
//! the date lines in the files); it is not output of the parser.

mod support;

use archive_timeline::ingest::load_paths;
use archive_timeline::model::Document;
use std::collections::HashSet;
use support::seeds_dir;

struct L {
    file: &'static str,
    line: usize,
    date: &'static str,
    precision: &'static str,
    date_text: &'static str,
    title: &'static str,
    summary: &'static str,
}

const LISTINGS: &[L] = &[
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 9, date: "1996", precision: "year", date_text: "1996", title: "Excerpts from Recollections by the Former Soviet Ambassador in North Korea Aleksandr Kapto", summary: "Aleksandr Kapto reflects on the Soviet Union's normalization of relations with South Korea, and the consequential fallout in relations between North Korea and the USSR. According to Kapto, North Korea threatened to develop nuclear weapons and withdraw from the NPT as a result of Soviet-South Korean rapprochement." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 15, date: "1960-06-01", precision: "day", date_text: "June 1, 1960", title: "From the Journal of N. Ye. Torbenkov, Record of a Conversation with DPRK MFA Counselor Pak Deok-hwan", summary: "In this incomplete document, Pak Deok-hwan, a Soviet Korean, describes his plans to return to the Soviet Union. He also discusses the \"Juche\" philosophy being promoted by the KWP that \"everything Korean is better compared to [anything] foreign.\"" },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 21, date: "1970-12-18", precision: "day", date_text: "December 18, 1970", title: "Statement from the USSR Ministry of Foreign Affairs to the DPRK Embassy in Moscow", summary: "A statement to the DPRK Embassy about a series of incidents that have soured relations between Korean authorities and Soviet embassy staff. Over the course of four months, DPRK authorities have detained Soviet diplomats traveling on official business and denied Soviet merchant vessels access to Korean ports for unclear reasons. The Ministry points out that the DPRK in these incidents violated the two countries’ agreement on visa-free travel for official matters, and asks that DPRK takes measures to ensure that similar events will not occur in the future." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 27, date: "1970-11-27", precision: "day", date_text: "November 27, 1970", title: "Telegram to the Central Committee of the Communist Party of the Soviet Union from Minister of External Trade N. Patolichev", summary: "The Minister writes about the DPRK’s failure to fulfill its trade obligations to the USSR. While the DPRK continues to blames its inability to deliver its goods on infrastructural weaknesses and political tensions on the peninsula, the Ministry finds that these problems should not deter the production and export of certain goods. The DPRK’s debt amounts to more than 60 million rubles, and the trade gap shows no signs of decreasing." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 33, date: "1956-09-17", precision: "day", date_text: "September 17, 1956", title: "Telegram from A. Mikoyan to the CPSU Central Committee", summary: "Mikoyan reports on an unsuccessful meeting with a number of Korean delegates, who had clearly been prepped for the conversation, making them reluctant to go beyond instructions and provide more detailed responses about the August Plenum Incident." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 39, date: "1956-09-21", precision: "day", date_text: "September 21, 1956", title: "Telegram from A. Mikoyan to the CPSU Central Committee", summary: "" },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 43, date: "1956-09-21", precision: "day", date_text: "September 21, 1956", title: "Telegram from A. Mikoyan to the CPSU Central Committee", summary: "A meeting with Kim Il Sung reveals the main goals of the Sino-Soviet delegation: to convince the Korean Workers' Party to move away from policies of repression and to repeal the order to expel the group of accused party officials. Kim agrees on repealing the expulsion order, but not for those who fled to China. Mikoyan asks that Sino-Soviet delegation be allowed to sit in on the presidium meeting the next day." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 49, date: "1956-09-23", precision: "day", date_text: "September 23, 1956", title: "Telegram from A. Mikoyan to the CPSU Central Committee", summary: "Mikoyan once again assures Kim Il Sung that the Sino-Soviet delegation's only motive in intervening is to help and advise the Korean Workers' Party. Kim vows to include the delegation's suggestions and the content of their discussions in the September Plenum. Mikoyan notes that Kim kept his promise at the plenary meeting that was held the next day." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 55, date: "1956-09-26", precision: "day", date_text: "September 26, 1956", title: "Telegram from Ponomarev to the CPSU Central Committee", summary: "Peng Dehuai informs the Soviet delegation that the DPRK has not published the results of the Korean Workers' Party Central Committee Pllenum as promised. Peng suggests that if the DPRK fails to publish the resolutions, another joint delegation should be sent to Pyongyang." },
    L { file: "seeds/000_1f3e6050ed5d0420.txt", line: 61, date: "1953-08-19", precision: "day", date_text: "August 19, 1953", title: "CPSU Central Committee Decision", summary: "About the Korean delegation's arrival in Moscow." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 9, date: "1972-12-08", precision: "day", date_text: "December 8, 1972", title: "A. Putintsev and V. Gorovoy, 'Key Aspects of Korean-Chinese relations in 1972'", summary: "A letter from the Soviet Embassy in Pyongyang reviewing developments in Sino-North Korean relations in 1972, including the effects of China’s anti-Soviet campaigns and Beijing’s seeking of closer ties with the US and Japan." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 15, date: "1948-07-12", precision: "day", date_text: "July 12, 1948", title: "Memo of the Directorate for Foreign Relations of the USSR Armed Forces General Staff about the Results of a Conference of Leaders of the Political Parties and Organizations of North and South Korea", summary: "The statement describes the conference which took place in Pyongyang from June 29 to July 5. The main goal of the conference was to discuss the separate elections held in South Korea and possibilities for the unification of Korea. The North Korean representatives considered the National Assembly formed in South Korea to be illegitimate and urged for the expulsion of foreign powers in order to achieve a unified Korea." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 21, date: "1956-01-02", precision: "day", date_text: "January 2, 1956", title: "Record of a Conversation between Soviet Embassy Counsellor Lazarev and Ri Dong-yong", summary: "Lazarev informs DPRK Deputy Minister of Foreign Affairs Ri Dong-yong that design specialists from Pyongyang have been given permission to study in the USSR for three months. Ri explains that the majority of the Central Committee is not favorable towards granting Soviet Koreans citizenship." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 27, date: "1956-09-19", precision: "day", date_text: "September 19, 1956", title: "Draft of Record of a Meeting between the Soviet and Chinese Delegations", summary: "Mao Zedong reveals that several Korean Workers' Party members have been placed under arrest, including Pak Il-u, who is looked favorably upon by the CCP. Sino-North Korean relations have become strained as a result of Kim Il Sung's handling of the August incident. Mao admits to Mikoyan that the KWP leadership may not heed their advice, but they decide to send a joint delegation to Pyongyang the next morning." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 33, date: "1956-09-19", precision: "day", date_text: "September 19, 1956", title: "Record of a Meeting between the Soviet and Chinese Delegations", summary: "Mao Zedong reveals that several Korean Workers' Party members have been placed under arrest, including Pak Il-u, who is looked favorably upon by the CCP. Sino-North Korean relations have become strained as a result of Kim Il Sung's handling of the August Plenun Incident. Mao admits to Mikoyan that the Korean Workers' Party leadership may not heed their advice, but they decide to send a joint delegation to Pyongyang the next morning." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 39, date: "1956-09-26", precision: "day", date_text: "September 26, 1956", title: "Telegram from Ponomarev to the CPSU Central Committee", summary: "Peng Dehuai informs the Soviet delegation that the DPRK has not published the results of the Korean Workers' Party Central Committee Pllenum as promised. Peng suggests that if the DPRK fails to publish the resolutions, another joint delegation should be sent to Pyongyang." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 45, date: "1960-12-28", precision: "day", date_text: "December 28, 1960", title: "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 28 December 1960", summary: "Kim Il Sung and his close aides are very satisfied with the results of the talks in Moscow and the Agreement on Economic and Technical Aid and Trade Turnover. After hearing the prosperous output results of the Pyongyang state farm from Jeong Il-yong, A.M. Puzanov asks Jeong Il-yong to visit the Pyongyang state farm." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 51, date: "1960-09-03", precision: "day", date_text: "September 3, 1960", title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 3 September 1960", summary: "In a conversation with A.M. Puzanov, Kosto Bogdanov notes his surprise at the long absence of the Chinese Ambassador in Pyongyang." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 57, date: "1960-09-02", precision: "day", date_text: "September 2, 1960", title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 2 September 1960", summary: "A.M. Puzanov and Ri Jeong-sik discuss the details and schedule of Khrushchev's planned visit to Pyongyang." },
    L { file: "seeds/001_924ee9a11f75fe32.txt", line: 63, date: "1960-08-27", precision: "day", date_text: "August 27, 1960", title: "Journal of Soviet Ambassador in the DPRK A.M. Puzanov for 27 August 1960", summary: "Pak Seong-cheol expresses gratitude for Khrushchev's planned visit to Pyongyang, while Puzanov asks for a draft of the program for Khrushchev." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 7, date: "1968-02-05", precision: "day", date_text: "February 5, 1968", title: "Lt. Col. J. Załuska, 'Record: Information from CSSR Military Attaché, Col. Goch, obtained during a Hunt'", summary: "North Korea is interested in obtaining equipment for nuclear research, and the Soviet Union has been supporting the DPRK's nascent atomic industry." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 13, date: "1968-01-14", precision: "day", date_text: "January 14, 1968", title: "Lt. Col. J. Załuska, 'Report: Information from GDR Military Attaché Lt. Col. Schafer'", summary: "Moskovsky advised Pak Geum-cheol and Kim Chang-man to cooperate with the Soviet-led socialist bloc. Conversation with Kim Il Sung and Moskovsky imply strong relations with the Soviet Union." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 19, date: "1953-08-19", precision: "day", date_text: "August 19, 1953", title: "CPSU Central Committee Decision", summary: "About the Korean delegation's arrival in Moscow." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 25, date: "1953-08-07", precision: "day", date_text: "August 7, 1953", title: "Ciphered Telegram from Suzdalev", summary: "The DPRK would request of the USSR to help in the restoration of almost completely destroyed industrial enterprises (list of them given). Suzdalev notes that it would be good to invite Kim Il Sung and his associates to discuss these issues." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 31, date: "1953-08-05", precision: "day", date_text: "August 5, 1953", title: "Ciphered Telegram from Suzdalev", summary: "Discussing North Korea's request for Soviet assistance on different restoration project tasks and the leading industrial enterprises of the country." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 37, date: "1951-11-03", precision: "day", date_text: "November 3, 1951", title: "CPSU Central Committee Politburo Decision with Telegram for Stalin", summary: "Decision to approve the request of the government of the DPRK to manufacture and supply to Korea 89,000 orders (a type of military medal), 300,100 medals, and 100 copies of the charter for the Korean Hammer and Sickle medal, and to approve the draft on the matter mentioned in the first paragraph of this resolution." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 43, date: "1951-10-17", precision: "day", date_text: "October 17, 1951", title: "Ciphered Telegram from Razuvaev to Vasilevsky", summary: "Razuvaev reports the DPRK's request of the Soviet Union to produce weapons for three divisions, produce 1000 cars, and to produce TU-2 aircrafts." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 49, date: "1960-10-01", precision: "day", date_text: "October 1, 1960", title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 1 October 1960", summary: "Kim Il Sung shows his gratitude for Khrushchev's speech at the 15th UN General Assembly and explains a new decree to increase distribution to agricultural cooperative members." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 55, date: "1960-09-30", precision: "day", date_text: "September 30, 1960", title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 30 September 1960", summary: "A.M. Puzanov provides Pak Geum Cheol information on 1) upcoming conference of representatives of Communist and worker's Parties 2) State Committee decision to transfer technical documentations in response to Kim Il Sung's request 3) impression on newly-introduced bonus payment system in agricultural cooperatives." },
    L { file: "seeds/002_41149a0c6c93da7d.txt", line: 61, date: "1950-10-13", precision: "day", date_text: "October 13, 1950", title: "Telegram, from Gromyko to Stalin", summary: "Account of the reception of the Chinese Ambassador Peng Dehuai. He requested that all Korean undergrad and graduate students be admitted to the Soviet summer schools, as well as Korean specialists who receive production and technical training in industrial settings the USSR (a total of 738 people). Gromyko notes that there are differences between the requests of Dehuai and Kim Il Sung, and that Dehuai has been asked to speak to Kim Il Sung, and clear up the differences." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 9, date: "1993-07", precision: "month", date_text: "July 1993", title: "Statement on Security Guarantees to Ukraine", summary: "" },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 13, date: "1945-10-05", precision: "day", date_text: "October 5, 1945", title: "L. Beria to Cde. V.M. Molotov", summary: "Beria writes that Osman Batur does not intend to recognize the East Turkestan Republic. Instead, Osman will create an independent state in Altai, in part due to the support of Choibalsan." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 19, date: "1992-06-21", precision: "day", date_text: "June 21, 1992", title: "Assessment of the General Staff of the Navy on Russo-Japanese relations and the problems of territorial delimitation between Russia and Japan", summary: "This document highlights the Russian military’s concerns about the potential of losing the Southern Kurils to the Japanese. The document stresses that Japan still sees Russia as its most probable enemy in the Far East, and has plans to capture the islands in wartime. Losing these islands would present formidable obstacles to the Soviet Union because the Japanese and their American allies would have direct and unimpeded access to the Sea of Okhotsk, while the Russians would be prevented from conducting air attacks against U.S. aircraft carrier force east of the Tsugaru Strait. The document also provides statistics on Soviet-US submarine collisions and Japanese violations of Soviet/Russian territorial waters." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 25, date: "1991-01-09", precision: "day", date_text: "January 9, 1991", title: "Conversation between Aleksandr Yakovlev and Kumagai Hiroshi", summary: "In this conversation Ozawa Ichiro's envoy Kumagai Hiroshi outlines a potential islands-for-cash deal, whereby the Soviet Union surrenders the \"northern territories\" to Japan in return for Japanese credits and investments up to the amount of 26 billion USD." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 31, date: "1956-09-16", precision: "day", date_text: "September 16, 1956", title: "Cable from Cde. Mikoyan from Beijing concerning the 8th CCP Congress and Conversations with the Chinese Comrades", summary: "Mikoyan reports on a conversation with Mao Zedong concerning purges within the Korean Workers' Party and Kim Il Sung's leadership style." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 37, date: "1956-09-18", precision: "day", date_text: "September 18, 1956", title: "Draft Telegram from A. Mikoyan to the CPSU Central Committee", summary: "" },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 41, date: "1956-09-17", precision: "day", date_text: "September 17, 1956", title: "Conversation with the Delegation of the Korean Worker's Party at the 8th CCP Congress", summary: "Mikoyan and Choe Yong-geon dominate the discussion between the two delegations. While Mikoyan tries to learn the exact chronology of the events that transpired at the August Plenum, Choe avoids providing clear replies and instead stresses the gravity of the \"conspiracy\" planned by the accused." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 47, date: "1956-09-19", precision: "day", date_text: "September 19, 1956", title: "Telegram from A. Mikoyan to the CPSU Central Committee", summary: "Mao Zedong reveals that several Korean Workers' Party members have been placed under arrest, including Pak Il-u, who is looked favorably upon by the CCP. Sino-North Korean relations have become strained as a result of Kim Il Sung's handling of the August Plenun Incident. Mao admits to Mikoyan that the Korean Workers' Party leadership may not heed their advice, but they decide to send a joint delegation to Pyongyang the next morning." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 53, date: "1956-09-20", precision: "day", date_text: "September 20, 1956", title: "Record of a Meeting between the Sino-Soviet Delegation and the Korean Workers' Party Presidium", summary: "Both Mikoyan and Peng Dehuai strongly urge the KWP Presidium and Kim Il Sung to consider rehabilitating those involved in the August Plenum Incident. Choe Yong-geon suggests that they will be restored to the Central Committee, but not necessarily to their original positions, and certainly not to the Presidium. As for those who fled to China, both Choe and Kim say that they will be allowed to rejoin the party, but not the Central Committee and will not be guaranteed their old positions." },
    L { file: "seeds/003_21b55c225223fe86.txt", line: 59, date: "1956-09-15", precision: "day", date_text: "September 15, 1956", title: "Decision of the KWP CC Plenum, 30-31 August 1956, 'The Results of the Work of the Government Delegation which Visited Fraternal Countries, and Some Pressing Tasks of Our Party'", summary: "The resolution discusses economic growth in North Korea and the promises of fraternal aid, while warning of the dangers of factionalism to the preservation of Marxism-Leninism." },
];

fn loaded() -> archive_timeline::ingest::Loaded {
    load_paths(&[seeds_dir()])
}

fn find<'a>(docs: &'a [Document], file: &str, line: usize) -> &'a Document {
    docs.iter()
        .find(|d| {
            d.sources
                .iter()
                .any(|s| s.file.ends_with(file) && s.line == line)
        })
        .unwrap_or_else(|| panic!("no document listed at {file}:{line}"))
}

#[test]
fn forty_one_listings_become_thirty_nine_documents() {
    let loaded = loaded();
    assert_eq!(loaded.files.len(), 5);
    assert_eq!(loaded.library.len(), 39);
    assert_eq!(loaded.library.listing_count(), 41);
    assert_eq!(loaded.failed_files(), 0);
    let ids: HashSet<_> = loaded.library.docs().iter().map(|d| d.id.clone()).collect();
    assert_eq!(ids.len(), 39, "ids are unique");
}

#[test]
fn every_search_listing_matches_the_page() {
    let loaded = loaded();
    let docs = loaded.library.docs();
    for l in LISTINGS {
        let file = l.file.trim_start_matches("seeds/");
        let d = find(docs, file, l.line);
        let at = format!("{}:{}", l.file, l.line);
        assert_eq!(d.date.iso().as_deref(), Some(l.date), "date at {at}");
        assert_eq!(d.precision().as_str(), l.precision, "precision at {at}");
        assert_eq!(d.date_text, l.date_text, "date text at {at}");
        assert_eq!(d.title, l.title, "title at {at}");
        assert_eq!(d.summary, l.summary, "summary at {at}");
    }
}

#[test]
fn repeats_across_pages_are_merged_with_every_listing() {
    let loaded = loaded();
    let docs = loaded.library.docs();
    let ponomarev = find(docs, "000_1f3e6050ed5d0420.txt", 55);
    assert_eq!(
        ponomarev.title,
        "Telegram from Ponomarev to the CPSU Central Committee"
    );
    let lines: Vec<(String, usize)> = ponomarev
        .sources
        .iter()
        .map(|s| (s.file.rsplit('/').next().unwrap_or("").to_string(), s.line))
        .collect();
    assert!(lines.contains(&("000_1f3e6050ed5d0420.txt".to_string(), 55)));
    assert!(lines.contains(&("001_924ee9a11f75fe32.txt".to_string(), 39)));
    let decision = find(docs, "002_41149a0c6c93da7d.txt", 19);
    assert_eq!(decision.sources.len(), 2);
    assert_eq!(decision.title, "CPSU Central Committee Decision");
}

#[test]
fn same_page_repeats_stay_two_documents() {
    let loaded = loaded();
    let docs = loaded.library.docs();
    let a = find(docs, "000_1f3e6050ed5d0420.txt", 39);
    let b = find(docs, "000_1f3e6050ed5d0420.txt", 43);
    assert_ne!(a.id, b.id);
    assert_eq!(a.summary, "");
    assert!(b.summary.starts_with("A meeting with Kim Il Sung reveals"));
}

#[test]
fn the_document_page_has_citation_url_language_and_full_text() {
    let loaded = loaded();
    let d = find(loaded.library.docs(), "004_c6cb0f957e2c67b3.txt", 3);
    assert_eq!(d.id.as_str(), "wcda-110485");
    assert_eq!(d.date.iso().as_deref(), Some("1962-08-14"));
    assert_eq!(d.precision().as_str(), "day");
    assert_eq!(d.date_text, "August 14, 1962");
    assert_eq!(
        d.title,
        "Memorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung"
    );
    assert_eq!(
        d.summary,
        "The Soviet Ambassador to Pyongyang reports on his recent meeting with Kim II Sung in which the two discussed cooperation between the two countries in the military and economic sectors."
    );
    assert_eq!(
        d.citation(),
        Some("\"Memorandum of Conversation between Soviet Ambassador to North Korea Vasily Moskovsky and Kim II Sung\", August 14, 1962, Wilson Center Digital Archive, Archive of the Foreign Policy of the Russian Federation (AVPRF), fond 0102, opis 18, papka 93, delo 5, listy 3-9. Obtained and translated for NKIDP by Sergey Radchenko https://digitalarchive.wilsoncenter.org/document/110485")
    );
    assert_eq!(
        d.url(),
        Some("https://digitalarchive.wilsoncenter.org/document/110485")
    );
    assert_eq!(d.record_id(), Some("110485"));
    assert_eq!(
        d.archive_ref(),
        Some("Archive of the Foreign Policy of the Russian Federation (AVPRF), fond 0102, opis 18, papka 93, delo 5, listy 3-9")
    );
    assert_eq!(
        d.credit(),
        Some("Obtained and translated for NKIDP by Sergey Radchenko")
    );
    assert_eq!(d.language(), Some("Russian"));
    assert_eq!(d.contents(), Some("Translation - English"));
    let text = d.full_text().expect("full text");
    assert!(text.starts_with("14 August 1962\n\n[I] paid a visit to comrade Kim II Sung in the building of the Cabinet of Ministers of the DPRK."));
    assert!(text.ends_with(
        "he will meet with the Soviet ambassador and talk about military matters. [...]"
    ));
    assert_eq!(text.split("\n\n").count(), 9, "nine paragraphs");
}

#[test]
fn ids_survive_another_file_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut names: Vec<_> = std::fs::read_dir(seeds_dir())
        .expect("seeds")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    // Copy in reverse order under names that sort the other way round.
    for (i, path) in names.iter().rev().enumerate() {
        let target = dir.path().join(format!("{i:03}_copy.txt"));
        std::fs::copy(path, target).expect("copy");
    }
    let a: HashSet<_> = loaded()
        .library
        .docs()
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let b: HashSet<_> = load_paths(&[dir.path().to_path_buf()])
        .library
        .docs()
        .iter()
        .map(|d| d.id.clone())
        .collect();
    assert_eq!(a, b);
}

/// Bookmarks key on these ids: a change to hashing, folding or merging that moved one would
/// orphan users' bookmarks without any other test noticing. The values are the ones the app
/// has always given (the README's `bookmarks list` shows the Ponomarev one).
#[test]
fn seed_ids_are_pinned() {
    let loaded = loaded();
    let id_of = |date: &str, title_start: &str| -> Vec<String> {
        loaded
            .library
            .docs()
            .iter()
            .filter(|d| d.date.iso().as_deref() == Some(date) && d.title.starts_with(title_start))
            .map(|d| d.id.to_string())
            .collect()
    };
    for (date, title, ids) in [
        (
            "1945-10-05",
            "L. Beria to Cde. V.M. Molotov",
            &["doc-c7fff132dc032d06"][..],
        ),
        (
            "1956-09-26",
            "Telegram from Ponomarev",
            &["doc-b8e3b75b7fe6df36"][..],
        ),
        (
            "1956-09-21",
            "Telegram from A. Mikoyan",
            &["doc-321dacb22baf32ec", "doc-44778dadee85481a"][..],
        ),
        (
            "1968-01-14",
            "Lt. Col. J. Załuska",
            &["doc-650cf3218520e83b"][..],
        ),
        (
            "1993-07",
            "Statement on Security Guarantees",
            &["doc-be4ed8ad0169435f"][..],
        ),
        (
            "1996",
            "Excerpts from Recollections",
            &["doc-6b067be1bd251859"][..],
        ),
        (
            "1962-08-14",
            "Memorandum of Conversation",
            &["wcda-110485"][..],
        ),
    ] {
        let mut found = id_of(date, title);
        found.sort();
        assert_eq!(found, ids, "{date} {title}");
    }
}
