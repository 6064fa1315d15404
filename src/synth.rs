//! A deterministic synthetic corpus shaped like the archive's saved pages, for the built-in
//! benchmark (`bench --docs N`) and for import tests (`generate --docs N --out DIR`).
//!
//! Owns one promise: parsing and merging the pages of [`pages`]`(n)` with the real `ingest`
//! gives exactly `n` documents, with no failed file and no diagnostic, and the same `n` gives
//! byte-identical pages on every platform and run (a hand-written SplitMix64 seeded from a
//! constant; no std hasher decides anything).
//!
//! What the pages look like:
//! - search-result pages of 10 entries ("Skip to content", "Results:", "11 - 20 of T",
//!   "Documents", then date / title / summary entries, then "Pagination"), where `T` counts
//!   every listing, repeats included, so each page's range is the one it really holds;
//! - dates mostly at day precision ("September 17, 1956"), some at month ("July 1993",
//!   "April, 1950") or year ("1996") precision, a few "Undated"; clustered in 1949–1962 with
//!   crisis spikes (1950, 1953, September 1956, 1960–61, 1968) and a few outside 1945–1996;
//! - about 8% of entries without a summary; about 2% of documents listed again, as an exact
//!   copy, on a later page (never twice on one page, which would make two documents);
//! - one page in 200 is a single document page (citation with a record URL, summary, original
//!   language, contents and full text) for a document listed on the page just before it, so it
//!   joins that listing instead of adding a document.
//!
//! Distinct documents never collide: each new listing's merge key (date, folded title, folded
//! summary) is checked against those already made and drawn again if taken.

use crate::model::date::{days_in_month, MONTH_NAMES};
use crate::text::fold_into;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// One generated page file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynthPage {
    /// Where the page belongs, e.g. "synth/page_000123.txt".
    pub name: String,
    pub text: String,
}

/// The pages of a corpus of `docs` distinct documents, streamed one at a time.
pub fn pages(docs: usize) -> impl Iterator<Item = SynthPage> {
    Corpus::new(docs)
}

/// Pages written per folder by [`write_corpus`].
pub const FILES_PER_FOLDER: usize = 1000;

/// Writes every page of a `docs`-document corpus under `out` (created if missing) as
/// `out/000/page_000000.txt`, `out/000/page_000001.txt`, … with [`FILES_PER_FOLDER`] files per
/// folder. Returns the number of files written.
pub fn write_corpus(docs: usize, out: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(out)?;
    let mut written = 0;
    for (index, page) in pages(docs).enumerate() {
        let folder = out.join(format!("{:03}", index / FILES_PER_FOLDER));
        if index.is_multiple_of(FILES_PER_FOLDER) {
            std::fs::create_dir_all(&folder)?;
        }
        let file_name = page.name.rsplit('/').next().unwrap_or(&page.name);
        std::fs::write(folder.join(file_name), page.text)?;
        written += 1;
    }
    Ok(written)
}

// ---------------------------------------------------------------------------------------------
// The plan: every count that a page header needs, fixed before the first page.

const ENTRIES_PER_PAGE: usize = 10;
/// A document page follows every this many search pages (one page in 200).
const SEARCH_PAGES_PER_DOCUMENT_PAGE: usize = 199;
/// One document in each block of this many is listed twice (about 2%).
const REPEAT_BLOCK: usize = 50;
/// A repeated document needs at least this many new documents after it, so a later page
/// always exists to hold its repeat and no page but the last runs short.
const REPEAT_TAIL: usize = ENTRIES_PER_PAGE;
/// How many pages after its first listing a repeat may appear, at most.
const REPEAT_MAX_DELAY: usize = 12;

const CORPUS_SEED: u64 = 0x1956_0917_1960_0903;
const REPEAT_SEED: u64 = 0x1950_0625_1953_0727;

#[derive(Clone, Copy, Debug)]
struct Plan {
    docs: usize,
    /// Total listings on search pages: documents plus repeats; the "of T" of every page.
    listings: usize,
    search_pages: usize,
}

impl Plan {
    fn new(docs: usize) -> Plan {
        let repeats = (0..docs.div_ceil(REPEAT_BLOCK))
            .map(|block| block * REPEAT_BLOCK + repeat_position(block))
            .filter(|&doc| Plan::may_repeat(doc, docs))
            .count();
        let listings = docs + repeats;
        Plan {
            docs,
            listings,
            search_pages: listings.div_ceil(ENTRIES_PER_PAGE),
        }
    }

    fn may_repeat(doc: usize, docs: usize) -> bool {
        doc + REPEAT_TAIL < docs
    }

    /// Whether the `doc`-th new document is listed a second time on a later page.
    fn is_repeated(&self, doc: usize) -> bool {
        doc % REPEAT_BLOCK == repeat_position(doc / REPEAT_BLOCK)
            && Plan::may_repeat(doc, self.docs)
    }

    /// Entries on search page `page` (10, except perhaps the last).
    fn entries_on(&self, page: usize) -> usize {
        self.listings
            .saturating_sub(page * ENTRIES_PER_PAGE)
            .min(ENTRIES_PER_PAGE)
    }
}

/// Which document of a block is the repeated one: a hash of the block, independent of content.
fn repeat_position(block: usize) -> usize {
    let mut rng = Rng::new(REPEAT_SEED ^ (block as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.below(REPEAT_BLOCK)
}

// ---------------------------------------------------------------------------------------------
// Randomness: SplitMix64, fixed by its definition on every platform.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `per_mille` times in 1000.
    fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A name or subject of `year`'s era (years outside 1945-1996 count as the nearest end).
    fn of_era(&mut self, items: &[OfEra], year: i32) -> &'static str {
        let year = year.clamp(FIRST_YEAR, LAST_YEAR);
        let fits = |item: &&OfEra| (item.0..=item.1).contains(&year);
        for _ in 0..32 {
            let item = &items[self.below(items.len())];
            if fits(&item) {
                return item.2;
            }
        }
        items.iter().find(fits).unwrap_or(&items[0]).2
    }

    /// An index into `weights`, drawn in proportion to them.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut ticket = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if ticket < w {
                return i;
            }
            ticket -= w;
        }
        weights.len() - 1
    }
}

/// SplitMix64's finaliser.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

// ---------------------------------------------------------------------------------------------
// Dates: precision mix, clustering, and the archive's ways of writing them.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SynthDate {
    Day { year: i32, month: u32, day: u32 },
    Month { year: i32, month: u32 },
    Year(i32),
    Undated,
}

const FIRST_YEAR: i32 = 1945;
const LAST_YEAR: i32 = 1996;
/// Relative number of documents per year, 1945–1996: the late-Stalin and Khrushchev years hold
/// most of the archive's Korea material.
const YEAR_WEIGHTS: [u32; 52] = [
    4, 5, 5, 6, // 1945-1948
    11, 16, 13, 12, 15, 11, 12, 17, 12, 12, 12, 15, 15, 12, // 1949-1962
    7, 6, 6, 6, 6, 9, // 1963-1968
    5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, // 1969-1979
    3, 3, 3, 3, 4, 4, 4, 4, 4, 4, // 1980-1989
    5, 5, 5, 4, 3, 3, 3, // 1990-1996
];

/// Crisis months that draw extra documents: (year, month, weight).
const CRISIS_MONTHS: &[(i32, u32, u32)] = &[
    (1950, 6, 30), // the war begins
    (1950, 7, 12),
    (1950, 10, 25), // Chinese intervention
    (1950, 11, 12),
    (1953, 3, 10), // Stalin's death
    (1953, 7, 20), // the armistice
    (1953, 8, 12),
    (1956, 9, 45), // the Mikoyan-Peng Dehuai mission after the August Plenum
    (1956, 10, 12),
    (1960, 9, 15), // Puzanov's journals
    (1961, 7, 15), // the treaties with Moscow and Beijing
    (1962, 10, 8),
    (1968, 1, 20), // the Pueblo
    (1968, 8, 8),
];

/// Per mille of dated documents drawn from a crisis month rather than the year weights.
const CRISIS_PER_MILLE: usize = 150;
/// Per mille of documents dated outside 1945–1996.
const OUT_OF_SPAN_PER_MILLE: usize = 2;
const OUT_OF_SPAN_YEARS: [i32; 13] = [
    1939, 1940, 1941, 1942, 1943, 1944, 1997, 1998, 1999, 2000, 2001, 2002, 2003,
];

fn draw_date(rng: &mut Rng) -> SynthDate {
    let precision = rng.below(1000);
    if precision >= 970 {
        return SynthDate::Undated;
    }
    let (year, month) = draw_year_month(rng);
    match precision {
        0..=849 => {
            let day = rng.between(1, days_in_month(year, month) as usize) as u32;
            SynthDate::Day { year, month, day }
        }
        850..=919 => SynthDate::Month { year, month },
        _ => SynthDate::Year(year),
    }
}

fn draw_year_month(rng: &mut Rng) -> (i32, u32) {
    if rng.chance(OUT_OF_SPAN_PER_MILLE) {
        let year = OUT_OF_SPAN_YEARS[rng.below(OUT_OF_SPAN_YEARS.len())];
        return (year, rng.between(1, 12) as u32);
    }
    if rng.chance(CRISIS_PER_MILLE) {
        let weights: Vec<u32> = CRISIS_MONTHS.iter().map(|c| c.2).collect();
        let (year, month, _) = CRISIS_MONTHS[rng.weighted(&weights)];
        return (year, month);
    }
    let year = FIRST_YEAR + rng.weighted(&YEAR_WEIGHTS) as i32;
    (year, rng.between(1, 12) as u32)
}

impl SynthDate {
    /// The calendar identity the merge step keys on (it ignores how the date is written).
    fn key(self) -> u64 {
        let (tag, year, month, day) = match self {
            SynthDate::Day { year, month, day } => (1, year, month, day),
            SynthDate::Month { year, month } => (2, year, month, 0),
            SynthDate::Year(year) => (3, year, 0, 0),
            SynthDate::Undated => (4, 0, 0, 0),
        };
        (tag << 48) | ((year as u64 & 0xFFFF) << 16) | (u64::from(month) << 8) | u64::from(day)
    }

    fn year(self) -> Option<i32> {
        match self {
            SynthDate::Day { year, .. } | SynthDate::Month { year, .. } | SynthDate::Year(year) => {
                Some(year)
            }
            SynthDate::Undated => None,
        }
    }

    fn is_dated(self) -> bool {
        self != SynthDate::Undated
    }

    /// A concrete day inside the date's span (any day for an undated document), for the
    /// day-first dates that titles and texts mention ("3 September 1960").
    fn some_day(self, rng: &mut Rng) -> (i32, u32, u32) {
        let (year, month) = match self {
            SynthDate::Day { year, month, day } => return (year, month, day),
            SynthDate::Month { year, month } => (year, month),
            SynthDate::Year(year) => (year, rng.between(1, 12) as u32),
            SynthDate::Undated => draw_year_month(rng),
        };
        let day = rng.between(1, days_in_month(year, month) as usize) as u32;
        (year, month, day)
    }
}

/// Writes a date line the way the archive does: "September 17, 1956" (now and then "March 03,
/// 1977"), "July 1993" or "April, 1950", "1996", "Undated".
fn write_date_line(date: SynthDate, rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let name = |month: u32| MONTH_NAMES[(month - 1) as usize];
    // Writing to a String cannot fail.
    let _ = match date {
        SynthDate::Day { year, month, day } if day < 10 && rng.chance(10) => {
            write!(out, "{} {day:02}, {year}", name(month))
        }
        SynthDate::Day { year, month, day } => write!(out, "{} {day}, {year}", name(month)),
        SynthDate::Month { year, month } if rng.chance(250) => {
            write!(out, "{}, {year}", name(month))
        }
        SynthDate::Month { year, month } => write!(out, "{} {year}", name(month)),
        SynthDate::Year(year) => write!(out, "{year}"),
        SynthDate::Undated => write!(out, "Undated"),
    };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the era.

/// A name or subject with the years it belongs to, so a 1992 record does not have Stalin in it.
type OfEra = (i32, i32, &'static str);

const SOVIET_OFFICIALS: &[OfEra] = &[
    (1945, 1970, "A. Mikoyan"),
    (1953, 1964, "N.S. Khrushchev"),
    (1945, 1957, "V.M. Molotov"),
    (1945, 1988, "A.A. Gromyko"),
    (1945, 1953, "L. Beria"),
    (1945, 1953, "J.V. Stalin"),
    (1945, 1954, "A.Ya. Vyshinsky"),
    (1955, 1986, "B.N. Ponomarev"),
    (1947, 1982, "M.A. Suslov"),
    (1957, 1984, "Yu.V. Andropov"),
    (1960, 1980, "A.N. Kosygin"),
    (1949, 1968, "N.T. Fedorenko"),
    (1953, 1986, "V.V. Kuznetsov"),
    (1945, 1957, "A.M. Vasilevsky"),
    (1958, 1985, "N. Patolichev"),
    (1965, 1986, "O.B. Rakhmanin"),
    (1972, 1986, "K.V. Rusakov"),
    (1985, 1991, "E.A. Shevardnadze"),
    (1985, 1991, "Aleksandr Yakovlev"),
    (1948, 1950, "I.V. Kovalev"),
    (1953, 1959, "P.F. Yudin"),
    (1959, 1965, "S.V. Chervonenko"),
    (1986, 1996, "I.A. Rogachev"),
    (1990, 1996, "A.V. Kozyrev"),
];

const SOVIET_DIPLOMATS: &[&str] = &[
    "Soviet Embassy Counsellor Lazarev",
    "N. Ye. Torbenkov",
    "First Secretary of the Soviet Embassy V.I. Pelishenko",
    "Second Secretary of the Soviet Embassy Kurbatov",
    "Soviet Embassy Attache Samsonov",
    "A. Putintsev",
    "V. Gorovoy",
    "Soviet Chargé d'Affaires A.M. Petrov",
    "Counsellor of the Soviet Embassy Filatov",
    "Soviet Trade Representative Kuzmin",
];

const KOREAN_FIGURES: &[OfEra] = &[
    (1945, 1996, "Kim Il Sung"),
    (1945, 1953, "Pak Heon-yeong"),
    (1948, 1976, "Choe Yong-geon"),
    (1959, 1990, "Pak Seong-cheol"),
    (1950, 1976, "Nam Il"),
    (1953, 1966, "Kim Chang-man"),
    (1956, 1967, "Pak Geum-cheol"),
    (1953, 1960, "Ri Dong-yong"),
    (1955, 1962, "Pak Deok-hwan"),
    (1945, 1958, "Kim Du-bong"),
    (1950, 1956, "Pak Chang-ok"),
    (1945, 1956, "Choe Chang-ik"),
    (1945, 1953, "Heo Ga-i"),
    (1945, 1956, "Pak Il-u"),
    (1955, 1975, "Jeong Il-yong"),
    (1956, 1970, "Kim Kwang-hyop"),
    (1958, 1965, "Ri Jeong-sik"),
    (1970, 1996, "Kim Yeong-nam"),
    (1970, 1991, "Heo Dam"),
    (1974, 1996, "Kim Jong Il"),
    (1948, 1982, "Kang Ryang-uk"),
    (1955, 1970, "Ri Ju-yeon"),
];

const CHINESE_FIGURES: &[OfEra] = &[
    (1945, 1976, "Mao Zedong"),
    (1945, 1976, "Zhou Enlai"),
    (1950, 1959, "Peng Dehuai"),
    (1945, 1966, "Liu Shaoqi"),
    (1952, 1996, "Deng Xiaoping"),
    (1958, 1971, "Chen Yi"),
    (1949, 1975, "Kang Sheng"),
    (1945, 1976, "Zhu De"),
    (1964, 1976, "Qiao Guanhua"),
    (1955, 1961, "Pan Zili"),
    (1949, 1966, "Wang Jiaxiang"),
    (1949, 1962, "Li Kenong"),
    (1977, 1989, "Hu Yaobang"),
    (1982, 1996, "Qian Qichen"),
    (1987, 1996, "Li Peng"),
];

const BLOC_FIGURES: &[OfEra] = &[
    (1945, 1971, "Walter Ulbricht"),
    (1956, 1988, "János Kádár"),
    (1953, 1968, "Antonín Novotný"),
    (1956, 1970, "Władysław Gomułka"),
    (1954, 1989, "Todor Zhivkov"),
    (1965, 1989, "Nicolae Ceausescu"),
    (1958, 1962, "Kosto Bogdanov"),
    (1971, 1989, "Erich Honecker"),
    (1945, 1984, "Yumjaagiin Tsedenbal"),
    (1969, 1989, "Gustáv Husák"),
    (1965, 1970, "Lt. Col. J. Załuska"),
    (1945, 1956, "Mátyás Rákosi"),
    (1945, 1953, "Klement Gottwald"),
    (1989, 1996, "Václav Havel"),
    (1990, 1996, "Lech Wałęsa"),
];

const KOREAN_POSTS: &[&str] = &[
    "DPRK MFA Counselor",
    "DPRK Deputy Minister of Foreign Affairs",
    "KWP CC Vice Chairman",
    "DPRK Minister of Foreign Trade",
    "Chairman of the DPRK State Planning Commission",
    "DPRK Deputy Premier",
    "Head of the KWP CC International Department",
    "DPRK Minister of Defense",
];

/// Embassy nationality, as adjective, with the capital a report from it may be sent from.
const EMBASSIES: &[(&str, &str)] = &[
    ("Hungarian", "Pyongyang"),
    ("Czechoslovak", "Pyongyang"),
    ("East German", "Pyongyang"),
    ("Polish", "Pyongyang"),
    ("Bulgarian", "Pyongyang"),
    ("Romanian", "Beijing"),
    ("Mongolian", "Pyongyang"),
    ("Soviet", "Pyongyang"),
    ("Soviet", "Beijing"),
    ("Chinese", "Pyongyang"),
    ("Chinese", "Moscow"),
    ("Albanian", "Beijing"),
    ("Vietnamese", "Pyongyang"),
];

/// Soviet envoys in Pyongyang, by the first year of their posting (full name, surname).
const AMBASSADORS: &[(i32, &str, &str)] = &[
    (0, "T.F. Shtykov", "Shtykov"),
    (1951, "V.N. Razuvaev", "Razuvaev"),
    (1953, "S.P. Suzdalev", "Suzdalev"),
    (1955, "V.I. Ivanov", "Ivanov"),
    (1957, "A.M. Puzanov", "Puzanov"),
    (1962, "V.P. Moskovsky", "Moskovsky"),
    (1967, "N.G. Sudarikov", "Sudarikov"),
    (1974, "G.Ye. Kriulin", "Kriulin"),
    (1983, "N.M. Shubnikov", "Shubnikov"),
    (1990, "A.N. Kapto", "Kapto"),
    (1992, "V.I. Denisov", "Denisov"),
];

const TOPICS: &[OfEra] = &[
    (
        1945,
        1948,
        "the trusteeship decision of the Moscow Conference",
    ),
    (1946, 1947, "the land reform in North Korea"),
    (1947, 1948, "the separate elections in South Korea"),
    (
        1948,
        1949,
        "the withdrawal of Soviet troops from North Korea",
    ),
    (
        1949,
        1950,
        "Kim Il Sung's request for permission to attack the South",
    ),
    (
        1950,
        1951,
        "the Chinese People's Volunteers entering the war",
    ),
    (1950, 1953, "the air war over North Korea"),
    (1951, 1953, "the armistice negotiations at Panmunjom"),
    (1952, 1953, "the exchange of prisoners of war"),
    (
        1953,
        1958,
        "the restoration of industrial enterprises destroyed in the war",
    ),
    (1955, 1957, "the campaign against dogmatism and formalism"),
    (1955, 1962, "the repatriation of Soviet Koreans"),
    (1956, 1957, "the August Plenum Incident"),
    (
        1956,
        1957,
        "the 20th CPSU Congress and the cult of personality",
    ),
    (1956, 1957, "the Hungarian events of October 1956"),
    (
        1956,
        1957,
        "the expulsion of party officials who fled to China",
    ),
    (1956, 1956, "the 8th CCP Congress"),
    (1957, 1961, "the Five-Year Plan for the national economy"),
    (
        1957,
        1958,
        "the withdrawal of the Chinese People's Volunteers",
    ),
    (1958, 1965, "the Chollima movement"),
    (
        1954,
        1965,
        "agricultural cooperatives and the bonus payment system",
    ),
    (1959, 1967, "the repatriation of Koreans from Japan"),
    (1960, 1960, "Khrushchev's planned visit to Pyongyang"),
    (1960, 1960, "the 15th UN General Assembly"),
    (1961, 1970, "the Seven-Year Plan"),
    (
        1961,
        1991,
        "the Treaty of Friendship, Cooperation and Mutual Assistance",
    ),
    (
        1961,
        1985,
        "Soviet military aid in the sphere of air defense",
    ),
    (1962, 1963, "the Cuban Missile Crisis"),
    (1964, 1975, "the war in Vietnam"),
    (1968, 1969, "the seizure of the USS Pueblo"),
    (1968, 1969, "the events in Czechoslovakia"),
    (1969, 1970, "the border clashes on the Ussuri River"),
    (1971, 1973, "the North-South Red Cross talks"),
    (1972, 1973, "Nixon's visit to Beijing"),
    (1976, 1977, "the axe murder incident at Panmunjom"),
    (1983, 1984, "the Rangoon bombing"),
    (1985, 1988, "the Olympic Games in Seoul"),
    (
        1985,
        1994,
        "the DPRK's accession to the Non-Proliferation Treaty",
    ),
    (1986, 1991, "perestroika and its reception in Pyongyang"),
    (
        1988,
        1992,
        "the normalization of Soviet-South Korean relations",
    ),
    (1992, 1996, "the revision of the 1961 treaty"),
    (1993, 1994, "the inspections of the IAEA"),
    (1959, 1996, "nuclear research and the reactor at Yongbyon"),
    (1960, 1991, "the DPRK's trade debt to the USSR"),
    (1965, 1990, "visa-free travel for official delegations"),
    (1949, 1991, "Sino-Soviet relations"),
    (1945, 1996, "the border along the Tumen River"),
    (1945, 1996, "fishing rights in the Sea of Japan"),
    (1945, 1996, "the Southern Kurils"),
    (1946, 1991, "the training of Korean students in the USSR"),
    (1953, 1996, "deliveries of oil products and rolled steel"),
    (1953, 1996, "the situation on the demarcation line"),
    (1945, 1996, "the unification of Korea"),
    (1945, 1996, "relations with Japan"),
    (1946, 1996, "the reorganization of the Korean People's Army"),
];

const REPORT_SUBJECTS: &[&str] = &[
    "Information on the Situation in the DPRK",
    "The Internal Situation of the Korean Workers' Party",
    "On the Economic Situation in the DPRK in {year}",
    "Key Aspects of Korean-Chinese Relations in {year}",
    "Summary of Conversations with Korean Officials",
    "The DPRK's Relations with the Fraternal Countries",
    "On the Results of the KWP CC Plenum",
    "Some Aspects of the Foreign Policy of the DPRK in {year}",
    "The Attitude of the Korean Comrades toward the Soviet Union",
];

const PARTY_BODIES: &[&str] = &[
    "CPSU Central Committee Politburo",
    "CPSU Central Committee Presidium",
    "Council of Ministers of the USSR",
    "KWP Central Committee Plenum",
    "CCP Central Committee Secretariat",
];

const LANGUAGES: &[&str] = &[
    "Russian",
    "Russian",
    "Russian",
    "Chinese",
    "Korean",
    "Hungarian",
    "German",
    "Czech",
    "Polish",
    "Bulgarian",
    "Romanian",
    "Mongolian",
];

const ARCHIVE_REFERENCES: &[&str] = &[
    "Archive of the Foreign Policy of the Russian Federation (AVPRF), fond 0102, opis {small}, papka {small}, delo {small}, listy {pages}",
    "Russian State Archive of Contemporary History (RGANI), fond 5, opis {small}, delo {number}, listy {pages}",
    "Archive of the President of the Russian Federation (APRF), fond 45, opis 1, delo {small}, listy {pages}",
    "Hungarian National Archives (MOL), XIX-J-1-j Korea, {year}, {small}. doboz, {number}/{year}",
    "PRC FMA {number}-{small}-{small}",
    "Political Archive of the Federal Foreign Office (PA AA), MfAA, A {number}",
    "Archive of the Ministry of Foreign Affairs of the Czech Republic, TO-T {year}-{small}, Korea, box {small}",
];

/// Credits name no real person: these are made-up citations.
const CREDITS: &[&str] = &[
    "Obtained and translated for NKIDP by A. Volkova",
    "Translated by D. Lindqvist",
    "Obtained for NKIDP by M. Haraszti and translated by E. Takacs",
    "Contributed by the Synthetic Archives Project",
    "Translated for CWIHP by P. Novak",
];

// ---------------------------------------------------------------------------------------------
// Templates: "{slot}" is replaced from the document's scene (see `Scene::fill`).

const TITLE_TEMPLATES: &[&str] = &[
    "Journal of Soviet Ambassador to the DPRK {ambassador} for {day_first}",
    "Journal of Soviet Ambassador in the DPRK {ambassador} for {day_first}",
    "Journal of Soviet Ambassador in the DPRK {ambassador}, Record of a Conversation with {korean_post} {korean}",
    "Telegram from {soviet} to the CPSU Central Committee",
    "Telegram from {soviet} to the CPSU Central Committee on {topic}",
    "Telegram to the Central Committee of the Communist Party of the Soviet Union from {soviet}",
    "Record of a Conversation between {diplomat} and {korean}",
    "Record of a Conversation between {soviet} and {chinese} on {topic}",
    "Record of a Conversation between {bloc} and {korean}, {day_first}",
    "Ciphered Telegram from {ambassador_surname} to {soviet}",
    "Ciphered Telegram No. {number} from {ambassador_surname} to {soviet} about {topic}",
    "Memorandum of Conversation between Soviet Ambassador to North Korea {ambassador} and {korean}",
    "Memorandum of Conversation with {korean_post} {korean}, {day_first}",
    "Memorandum of Conversation between {chinese} and {soviet} on {topic}",
    "Report from the {embassy} Embassy in {capital} to the {embassy} Foreign Ministry",
    "Report from the {embassy} Embassy in {capital}, '{report_subject}'",
    "Report from the {embassy} Embassy in {capital} on {topic}",
    "{party_body} Decision on {topic}",
    "{party_body} Decision with Telegram for {soviet}",
    "Letter from {korean} to {soviet} concerning {topic}",
    "Letter from {chinese} to {korean} concerning {topic}",
    "From the Journal of {diplomat}, Record of a Conversation with {korean_post} {korean}",
    "Minutes of Conversation between {chinese} and {korean}, {day_first}",
    "Information from the {embassy} Military Attaché on {topic}",
    "Cable from the Chinese Embassy in Pyongyang, '{report_subject}'",
    "Excerpts from Recollections by {soviet} on {topic}",
    "Note on a Conversation with {korean_post} {korean} on {day_first}",
    "Statement from the USSR Ministry of Foreign Affairs to the DPRK Embassy in Moscow",
    "Draft of Record of a Meeting between the Soviet and Chinese Delegations",
    "Record of a Meeting between the Soviet and Chinese Delegations, {day_first}",
    "Record of a Conversation with {korean_post} {korean}",
    "Report by {soviet} on {topic}",
    "Journal of {diplomat} for {day_first}",
    "Ciphered Telegram from Beijing, {chinese} to {soviet}",
    "{party_body} Resolution",
    "{diplomat}, '{report_subject}'",
];

/// The fallback title: always between 40 and 160 characters, whatever fills it.
const PLAIN_TITLE: &str = "Telegram from {soviet} to the CPSU Central Committee";

const SUMMARY_SENTENCES: &[&str] = &[
    "{korean} informs {ambassador} about {topic}.",
    "{ambassador} reports on a meeting with {korean} in Pyongyang, at which the two discussed {topic} and {topic2}.",
    "The Embassy notes growing tension within the Korean Workers' Party over {topic}.",
    "{korean} asks that the Soviet side provide assistance with {topic2}.",
    "According to {korean}, the Korean leadership is dissatisfied with the course of talks on {topic}.",
    "{soviet} and {chinese} exchange views on {topic} and on {topic2}.",
    "The document describes {topic} and lists the measures proposed by the {party_body}.",
    "{korean} expresses gratitude for the aid the Soviet Union has provided since the war.",
    "The report also touches on {topic2}.",
    "In this conversation {chinese} outlines the Chinese position on {topic}, while {soviet} stresses the need for unity of the socialist camp.",
    "The {embassy} Embassy reports that {korean} avoided giving clear replies about {topic}.",
    "{bloc} notes his surprise at the long absence of the Chinese Ambassador in Pyongyang.",
    "{soviet} warns that any delay over {topic} would harm relations between the two parties.",
    "{soviet} and {chinese} urge the KWP Presidium to reconsider its decisions on {topic}.",
    "{korean} explains that the majority of the Central Committee is not favorable towards {topic2}.",
    "The Ministry points out that the DPRK has not fulfilled its obligations regarding {topic}.",
    "{ambassador} provides {korean} with information on {topic} and on {topic2}.",
    "The {embassy} diplomats conclude that Pyongyang is steering a careful course between Moscow and Beijing.",
    "A list of {small} specialists requested by the DPRK ministries is attached.",
    "Kim Il Sung is said to have personally approved the plans concerning {topic}.",
    "{chinese} suggests that another joint delegation should be sent to Pyongyang if {topic} is not resolved.",
    "The telegram closes with a request for instructions on {topic2}.",
    "{korean} complains about the slow delivery of equipment promised under the agreement of {year}.",
    "The author believes that {topic} will remain the main question in relations for the coming year.",
    "{soviet} asks the Embassy to report on {topic} without delay.",
    "The conversation lasted for an hour and a half and ended on a friendly note.",
];

const FULL_TEXT_SENTENCES: &[&str] = &[
    "[I] paid a visit to comrade {korean} in the building of the Cabinet of Ministers of the DPRK.",
    "After mutual greetings a conversation took place that lasted for {small} minutes.",
    "In the course of the conversation, comrade {korean} said the following:",
    "We are grateful to the Soviet Union for its constant aid and support, stressed comrade {korean}.",
    "Comrade {korean} touched upon {topic} and said that the Korean comrades would study the question carefully.",
    "[I] thanked comrade {korean} for the detailed account and conveyed to him the greetings of comrade {soviet}.",
    "He also added that the question of {topic2} would be discussed at the next plenum of the Central Committee.",
    "The {embassy} Ambassador remarked that {topic} had caused some confusion among the diplomatic corps.",
    "Comrade {chinese} was informed of the contents of this conversation. [...]",
    "As for {topic}, the Korean side considers it necessary to consult the Soviet comrades in advance.",
    "{ambassador} replied that he would report this request to Moscow.",
    "The conversation was attended by {korean_post} {korean}.",
    "It should be noted that the Korean comrades spoke of {topic2} with great reserve.",
    "According to our information, {number} people took part in the meetings held in {year}.",
    "Comrade {korean} promised to keep the Embassy informed of all changes.",
];

/// Who and what a document is about: drawn once per document so that its title, summary and
/// full text speak of the same people.
#[derive(Clone, Copy, Debug)]
struct Scene {
    date: SynthDate,
    year: i32,
    soviet: &'static str,
    diplomat: &'static str,
    korean: &'static str,
    korean_post: &'static str,
    chinese: &'static str,
    bloc: &'static str,
    embassy: &'static str,
    capital: &'static str,
    ambassador: &'static str,
    ambassador_surname: &'static str,
    topic: &'static str,
}

impl Scene {
    fn draw(date: SynthDate, rng: &mut Rng) -> Scene {
        let year = date
            .year()
            .unwrap_or_else(|| FIRST_YEAR + rng.weighted(&YEAR_WEIGHTS) as i32);
        let (embassy, capital) = EMBASSIES[rng.below(EMBASSIES.len())];
        let (_, ambassador, ambassador_surname) = AMBASSADORS
            .iter()
            .rev()
            .find(|(from, _, _)| *from <= year)
            .copied()
            .unwrap_or(AMBASSADORS[0]);
        Scene {
            date,
            year,
            soviet: rng.of_era(SOVIET_OFFICIALS, year),
            diplomat: rng.pick(SOVIET_DIPLOMATS),
            korean: rng.of_era(KOREAN_FIGURES, year),
            korean_post: rng.pick(KOREAN_POSTS),
            chinese: rng.of_era(CHINESE_FIGURES, year),
            bloc: rng.of_era(BLOC_FIGURES, year),
            embassy,
            capital,
            ambassador,
            ambassador_surname,
            topic: rng.of_era(TOPICS, year),
        }
    }

    /// Writes `template` with every "{slot}" filled.
    fn render(&self, template: &str, rng: &mut Rng, out: &mut String) {
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap_or(after.len());
            self.fill(&after[..close], rng, out);
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
    }

    /// Writes one slot's value; returns false for a slot no template should use.
    fn fill(&self, slot: &str, rng: &mut Rng, out: &mut String) -> bool {
        use std::fmt::Write;
        let text = match slot {
            "soviet" => self.soviet,
            "diplomat" => self.diplomat,
            "korean" => self.korean,
            "korean_post" => self.korean_post,
            "chinese" => self.chinese,
            "bloc" => self.bloc,
            "embassy" => self.embassy,
            "capital" => self.capital,
            "ambassador" => self.ambassador,
            "ambassador_surname" => self.ambassador_surname,
            "topic" => self.topic,
            "topic2" => rng.of_era(TOPICS, self.year),
            "party_body" => rng.pick(PARTY_BODIES),
            "report_subject" => {
                let subject = rng.pick(REPORT_SUBJECTS);
                self.render(subject, rng, out);
                return true;
            }
            "day_first" => {
                let (year, month, day) = self.date.some_day(rng);
                let _ = write!(out, "{day} {} {year}", MONTH_NAMES[(month - 1) as usize]);
                return true;
            }
            "year" => {
                let _ = write!(out, "{}", self.year);
                return true;
            }
            "number" => {
                let _ = write!(out, "{}", rng.between(100, 29_999));
                return true;
            }
            "small" => {
                let _ = write!(out, "{}", rng.between(2, 95));
                return true;
            }
            "pages" => {
                let first = rng.between(1, 180);
                let _ = write!(out, "{first}-{}", first + rng.between(1, 12));
                return true;
            }
            _ => return false,
        };
        out.push_str(text);
        true
    }
}

// ---------------------------------------------------------------------------------------------
// Listings: one entry of a search page.

const TITLE_CHARS: (usize, usize) = (40, 160);
const SUMMARY_CHARS: (usize, usize) = (150, 450);
/// Per mille of documents listed without a summary.
const NO_SUMMARY_PER_MILLE: usize = 80;

#[derive(Clone, Debug)]
struct Listing {
    /// Which new document this is (0-based, in the order documents are made).
    serial: usize,
    scene: Scene,
    date_line: String,
    title: String,
    summary: String,
    /// True on a later page's copy of an earlier listing.
    repeat: bool,
}

fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

fn draw_title(scene: &Scene, rng: &mut Rng) -> String {
    let mut title = String::with_capacity(128);
    for _ in 0..16 {
        title.clear();
        scene.render(rng.pick(TITLE_TEMPLATES), rng, &mut title);
        if (TITLE_CHARS.0..=TITLE_CHARS.1).contains(&char_len(&title)) {
            return title;
        }
    }
    title.clear();
    scene.render(PLAIN_TITLE, rng, &mut title);
    title
}

// A summary marks the sentences it used in a u64.
const _: () = assert!(SUMMARY_SENTENCES.len() <= 64);

/// Distinct sentences until a drawn length is reached, never past the maximum. Every sentence
/// is under 300 characters, so a summary still short of the minimum always has room for one
/// more (and it never holds more than a handful, far fewer than there are sentences).
fn draw_summary(scene: &Scene, rng: &mut Rng) -> String {
    let (min, max) = SUMMARY_CHARS;
    let target = rng.between(min - 20, max - 90).max(min);
    let mut summary = String::with_capacity(max + 8);
    let mut sentence = String::with_capacity(256);
    let mut length = 0;
    let mut used: u64 = 0;
    while length < target {
        let mut pick = rng.below(SUMMARY_SENTENCES.len());
        while used & (1 << pick) != 0 {
            pick = (pick + 1) % SUMMARY_SENTENCES.len();
        }
        sentence.clear();
        scene.render(SUMMARY_SENTENCES[pick], rng, &mut sentence);
        let added = char_len(&sentence) + usize::from(length > 0);
        if length + added > max {
            if length >= min {
                break;
            }
            continue;
        }
        if length > 0 {
            summary.push(' ');
        }
        summary.push_str(&sentence);
        length += added;
        used |= 1 << pick;
    }
    summary
}

/// A document page's full text: a day-first heading for dated-to-the-day documents, then 3-8
/// paragraphs of reported conversation.
fn draw_full_text(scene: &Scene, rng: &mut Rng, out: &mut String) {
    if let SynthDate::Day { year, month, day } = scene.date {
        use std::fmt::Write;
        let _ = write!(
            out,
            "{day} {} {year}\n\n",
            MONTH_NAMES[(month - 1) as usize]
        );
    }
    let paragraphs = rng.between(3, 8);
    for p in 0..paragraphs {
        if p > 0 {
            out.push_str("\n\n");
        }
        let mut previous = usize::MAX;
        for s in 0..rng.between(2, 5) {
            if s > 0 {
                out.push(' ');
            }
            let mut sentence = rng.below(FULL_TEXT_SENTENCES.len());
            if sentence == previous {
                sentence = (sentence + 1) % FULL_TEXT_SENTENCES.len();
            }
            previous = sentence;
            scene.render(FULL_TEXT_SENTENCES[sentence], rng, out);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Merge keys: what `ingest::merge` compares, hashed, so distinct documents stay distinct.

/// Hashes `fold(text)` for each part word by word, 8 bytes at a time, without building the
/// folded string when the text is ASCII (the common case).
struct FoldedKey {
    state: u64,
}

impl FoldedKey {
    fn new(seed: u64) -> FoldedKey {
        FoldedKey { state: mix(seed) }
    }

    fn absorb(&mut self, word: u64) {
        self.state = (self.state.rotate_left(23) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    /// One folded word: lower-case letters and digits (ASCII ones lower-case by setting bit 5,
    /// which leaves digits and already-folded bytes unchanged).
    fn word(&mut self, word: &[u8]) {
        self.absorb(0x20 ^ ((word.len() as u64) << 8));
        for chunk in word.chunks(8) {
            let mut bytes = [0u8; 8];
            bytes[..chunk.len()].copy_from_slice(chunk);
            self.absorb(u64::from_le_bytes(bytes) | 0x2020_2020_2020_2020);
        }
    }

    /// Adds the first `max_words` words of `fold(text)`, then a part separator.
    fn folded(&mut self, text: &str, max_words: usize, scratch: &mut String) {
        fold_into(text, scratch);
        let words = scratch.as_bytes().split(|&b| b == b' ');
        self.words(words, max_words);
        self.absorb(0x1F);
    }

    fn words<'a>(&mut self, words: impl Iterator<Item = &'a [u8]>, max_words: usize) {
        for word in words.filter(|w| !w.is_empty()).take(max_words) {
            self.word(word);
        }
    }

    fn finish(self) -> u64 {
        mix(self.state)
    }
}

/// Summary words the key covers: enough to tell summaries apart, at a third of the cost.
const KEY_SUMMARY_WORDS: usize = 16;

/// A hash of what `ingest::merge` compares: the date, the folded title and the start of the
/// folded summary. Equal merge keys give equal hashes, so a hash never seen before proves a
/// new document; a false alarm (rare) only costs drawing the document again.
fn merge_key(date: SynthDate, title: &str, summary: &str) -> u64 {
    let mut key = FoldedKey::new(date.key());
    let mut scratch = String::with_capacity(title.len().max(summary.len()));
    key.folded(title, usize::MAX, &mut scratch);
    key.folded(summary, KEY_SUMMARY_WORDS, &mut scratch);
    key.finish()
}

/// A set of already-mixed 64-bit keys: hashing them again would only cost time.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

// ---------------------------------------------------------------------------------------------
// The corpus: search pages and document pages, streamed.

/// A listing waiting to be shown again on a later page.
struct PendingRepeat {
    listing: Listing,
    /// The page it was first listed on: a repeat never shares that page.
    origin: usize,
    /// The first page it would like to appear on.
    due: usize,
}

struct Corpus {
    plan: Plan,
    rng: Rng,
    keys: KeySet,
    pending: Vec<PendingRepeat>,
    next_doc: usize,
    next_search_page: usize,
    next_file: usize,
    document_page_for: Option<Listing>,
}

impl Corpus {
    fn new(docs: usize) -> Corpus {
        Corpus {
            plan: Plan::new(docs),
            rng: Rng::new(CORPUS_SEED),
            keys: KeySet::with_capacity_and_hasher(docs, BuildHasherDefault::default()),
            pending: Vec::new(),
            next_doc: 0,
            next_search_page: 0,
            next_file: 0,
            document_page_for: None,
        }
    }

    fn file_name(&mut self) -> String {
        let name = format!("synth/page_{:06}.txt", self.next_file);
        self.next_file += 1;
        name
    }

    /// A new document, unique by merge key among all made so far.
    fn new_listing(&mut self) -> Listing {
        let serial = self.next_doc;
        self.next_doc += 1;
        loop {
            let date = draw_date(&mut self.rng);
            let scene = Scene::draw(date, &mut self.rng);
            let title = draw_title(&scene, &mut self.rng);
            let summary = if self.rng.chance(NO_SUMMARY_PER_MILLE) {
                String::new()
            } else {
                draw_summary(&scene, &mut self.rng)
            };
            if self.keys.insert(merge_key(date, &title, &summary)) {
                let mut date_line = String::with_capacity(20);
                write_date_line(date, &mut self.rng, &mut date_line);
                return Listing {
                    serial,
                    scene,
                    date_line,
                    title,
                    summary,
                    repeat: false,
                };
            }
        }
    }

    /// Index of the repeat to show next on `page`: one that is due, or, once every new
    /// document is out, any that was first listed on an earlier page.
    fn repeat_for(&self, page: usize) -> Option<usize> {
        let due = self.pending.iter().position(|r| r.due <= page);
        if due.is_some() || self.next_doc < self.plan.docs {
            return due;
        }
        self.pending.iter().position(|r| r.origin < page)
    }

    fn next_entry(&mut self, page: usize) -> Option<Listing> {
        if let Some(at) = self.repeat_for(page) {
            let mut listing = self.pending.swap_remove(at).listing;
            listing.repeat = true;
            return Some(listing);
        }
        if self.next_doc >= self.plan.docs {
            return None;
        }
        let listing = self.new_listing();
        if self.plan.is_repeated(listing.serial) {
            let due = page + self.rng.between(1, REPEAT_MAX_DELAY);
            self.pending.push(PendingRepeat {
                listing: listing.clone(),
                origin: page,
                due,
            });
        }
        Some(listing)
    }

    fn search_page(&mut self) -> SynthPage {
        let page = self.next_search_page;
        self.next_search_page += 1;
        let count = self.plan.entries_on(page);
        let entries: Vec<Listing> = (0..count).filter_map(|_| self.next_entry(page)).collect();
        debug_assert_eq!(entries.len(), count, "the plan fills every page");
        let first = page * ENTRIES_PER_PAGE + 1;
        let text = render_search_page(first, &entries, self.plan.listings);
        if self
            .next_search_page
            .is_multiple_of(SEARCH_PAGES_PER_DOCUMENT_PAGE)
        {
            self.document_page_for = self.pick_document_page(entries);
        }
        SynthPage {
            name: self.file_name(),
            text,
        }
    }

    /// A dated, summarised document first listed on this page, to give a document page.
    fn pick_document_page(&mut self, mut entries: Vec<Listing>) -> Option<Listing> {
        entries.retain(|e| !e.repeat && e.scene.date.is_dated() && !e.summary.is_empty());
        if entries.is_empty() {
            return None;
        }
        let at = self.rng.below(entries.len());
        Some(entries.swap_remove(at))
    }

    fn document_page(&mut self, listing: &Listing) -> SynthPage {
        let scene = &listing.scene;
        let mut text = String::with_capacity(4096);
        text.push_str("\n\n");
        for line in [listing.date_line.as_str(), &listing.title, "Citation:"] {
            text.push_str(line);
            text.push_str("\n\n");
        }
        write_citation(listing, &mut self.rng, &mut text);
        text.push_str("\n\nSummary:\n\n");
        text.push_str(&listing.summary);
        text.push_str("\n\nOriginal Language:\n\n");
        text.push_str(self.rng.pick(LANGUAGES));
        text.push_str("\n\nContents:\n\nTranslation - English\n\n");
        draw_full_text(scene, &mut self.rng, &mut text);
        SynthPage {
            name: self.file_name(),
            text,
        }
    }
}

impl Iterator for Corpus {
    type Item = SynthPage;

    fn next(&mut self) -> Option<SynthPage> {
        if let Some(listing) = self.document_page_for.take() {
            return Some(self.document_page(&listing));
        }
        (self.next_search_page < self.plan.search_pages).then(|| self.search_page())
    }
}

/// The archive's record id for a synthetic document: unique per document.
fn record_id(serial: usize) -> usize {
    110_000 + serial
}

/// `"Title", September 17, 1956, Wilson Center Digital Archive, <archive>. <credit> <URL>`.
fn write_citation(listing: &Listing, rng: &mut Rng, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(
        out,
        "\"{}\", {}, Wilson Center Digital Archive, ",
        listing.title, listing.date_line
    );
    listing.scene.render(rng.pick(ARCHIVE_REFERENCES), rng, out);
    let _ = write!(
        out,
        ". {} https://digitalarchive.wilsoncenter.org/document/{}",
        rng.pick(CREDITS),
        record_id(listing.serial)
    );
}

/// A search-result page, in the layout of the archive's saved pages (no final newline).
fn render_search_page(first: usize, entries: &[Listing], total: usize) -> String {
    use std::fmt::Write;
    let size: usize = entries
        .iter()
        .map(|e| e.date_line.len() + e.title.len() + e.summary.len() + 8)
        .sum();
    let mut text = String::with_capacity(size + 96);
    let last = (first + entries.len()).saturating_sub(1);
    let _ = write!(
        text,
        "Skip to content\n\nResults:\n\n{first} - {last} of {total}\n\nDocuments\n\n"
    );
    for entry in entries {
        for line in [&entry.date_line, &entry.title, &entry.summary] {
            if !line.is_empty() {
                text.push_str(line);
                text.push_str("\n\n");
            }
        }
    }
    text.push_str("Pagination");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{load_paths, load_texts, Loaded};
    use crate::model::{DocDate, Precision};
    use crate::text::fold;
    use std::collections::HashMap;
    use std::sync::OnceLock;
    use std::time::Instant;

    fn load(docs: usize) -> (Vec<SynthPage>, Loaded) {
        let pages: Vec<SynthPage> = pages(docs).collect();
        let texts: Vec<(&str, &str)> = pages
            .iter()
            .map(|p| (p.name.as_str(), p.text.as_str()))
            .collect();
        let loaded = load_texts(&texts);
        (pages, loaded)
    }

    /// The 20,000-document corpus, generated and loaded once for all the tests that read it.
    fn twenty_thousand() -> &'static (Vec<SynthPage>, Loaded) {
        static CORPUS: OnceLock<(Vec<SynthPage>, Loaded)> = OnceLock::new();
        CORPUS.get_or_init(|| load(20_000))
    }

    fn assert_clean(loaded: &Loaded) {
        assert_eq!(loaded.failed_files(), 0);
        let first: Vec<String> = loaded
            .diagnostics()
            .take(5)
            .map(|d| d.to_string())
            .collect();
        assert!(first.is_empty(), "diagnostics: {first:#?}");
    }

    fn share(count: usize, of: usize) -> f64 {
        count as f64 / of as f64
    }

    #[test]
    fn same_size_gives_identical_pages() {
        let one: Vec<SynthPage> = pages(2500).collect();
        let two: Vec<SynthPage> = pages(2500).collect();
        assert_eq!(one, two);
        assert_ne!(one, pages(2501).collect::<Vec<_>>());
        assert_eq!(one[0].name, "synth/page_000000.txt");
    }

    #[test]
    fn pages_start_like_the_archive_pages() {
        let first = pages(30).next().map(|p| p.text).unwrap_or_default();
        assert!(
            first.starts_with("Skip to content\n\nResults:\n\n1 - 10 of 30\n\nDocuments\n\n"),
            "{first}"
        );
        assert!(first.ends_with("\n\nPagination"));
    }

    #[test]
    fn parsing_gives_exactly_the_requested_documents() {
        for docs in [1, 10, 1000] {
            let (pages, loaded) = load(docs);
            assert_clean(&loaded);
            assert_eq!(loaded.library.len(), docs, "{docs} documents asked");
            assert!(
                pages.iter().all(|p| p.name.starts_with("synth/page_")),
                "names"
            );
        }
        let (pages, loaded) = twenty_thousand();
        assert_clean(loaded);
        assert_eq!(loaded.library.len(), 20_000);
        assert_eq!(loaded.files.len(), pages.len());
        assert_eq!(super::pages(0).count(), 0);
    }

    #[test]
    fn small_and_odd_sizes_are_exact_too() {
        for docs in (1..=130).chain([199, 200, 201, 509, 1990, 1999, 2011]) {
            let (_, loaded) = load(docs);
            assert_clean(&loaded);
            assert_eq!(loaded.library.len(), docs, "{docs} documents asked");
        }
    }

    #[test]
    fn every_page_range_holds_its_entries_and_totals_agree() {
        let (_, loaded) = load(5003);
        let ranges: Vec<_> = loaded.files.iter().filter_map(|f| f.range).collect();
        let total = ranges[0].total;
        assert!(ranges.iter().all(|r| r.total == total));
        let held: u64 = ranges.iter().map(|r| r.expected()).sum();
        assert_eq!(held, total);
        assert!(ranges[..ranges.len() - 1]
            .iter()
            .all(|r| r.expected() == ENTRIES_PER_PAGE as u64));
    }

    #[test]
    fn precision_mix_and_date_spread_are_the_archive_s() {
        let (_, loaded) = twenty_thousand();
        let docs = loaded.library.docs();
        let n = docs.len();
        let count = |p: Precision| docs.iter().filter(|d| d.precision() == p).count();
        let day = share(count(Precision::Day), n);
        let month = share(count(Precision::Month), n);
        let year = share(count(Precision::Year), n);
        let undated = share(count(Precision::Undated), n);
        assert!((0.83..=0.87).contains(&day), "day {day}");
        assert!((0.06..=0.08).contains(&month), "month {month}");
        assert!((0.04..=0.06).contains(&year), "year {year}");
        assert!((0.025..=0.035).contains(&undated), "undated {undated}");
        assert!(docs
            .iter()
            .any(|d| d.date_text.contains(", ") && d.precision() == Precision::Month));

        let years: Vec<i32> = docs.iter().filter_map(|d| d.date.year()).collect();
        let in_years =
            |from: i32, to: i32| years.iter().filter(|y| (from..=to).contains(*y)).count();
        let outside = share(years.len() - in_years(1945, 1996), years.len());
        assert!(
            (0.0005..=0.005).contains(&outside),
            "outside 1945-1996 {outside}"
        );
        let core = share(in_years(1949, 1962), years.len());
        assert!(core > 0.5, "1949-1962 holds {core}");
        let sept_1956 = docs
            .iter()
            .filter(|d| matches!(d.date, DocDate::Day(_) | DocDate::Month { .. }))
            .filter(|d| d.date.iso().is_some_and(|iso| iso.starts_with("1956-09")))
            .count();
        let per_month = share(in_years(1945, 1996), 52 * 12) as usize;
        assert!(sept_1956 > 5 * per_month, "September 1956: {sept_1956}");
    }

    #[test]
    fn repeats_are_about_two_percent_and_exact_copies() {
        let (pages, loaded) = twenty_thousand();
        let library = &loaded.library;
        let document_pages = loaded.files.iter().filter(|f| f.document_page).count();
        let repeats = library.listing_count() - library.len() - document_pages;
        let rate = share(repeats, library.len());
        assert!((0.015..=0.025).contains(&rate), "repeats {rate}");
        let twice = library
            .docs()
            .iter()
            .filter(|d| d.sources.len() >= 2)
            .count();
        assert!(twice >= repeats);
        // A repeat is a later, separate page's exact copy: never two listings on one page.
        for doc in library.docs() {
            let mut files: Vec<&str> = doc.sources.iter().map(|s| &*s.file).collect();
            files.dedup();
            assert_eq!(files.len(), doc.sources.len(), "{}", doc.title);
        }
        // Every listing of a repeated document shows its date, title and summary verbatim.
        let texts: HashMap<&str, Vec<&str>> = pages
            .iter()
            .map(|p| (p.name.as_str(), p.text.lines().collect()))
            .collect();
        let repeated = library.docs().iter().filter(|d| d.record_id().is_none());
        for doc in repeated.filter(|d| d.sources.len() >= 2) {
            for source in &doc.sources {
                let lines = &texts[&*source.file];
                let at = source.line - 1;
                assert_eq!(lines[at], doc.date_text);
                assert_eq!(lines[at + 2], doc.title);
                if !doc.summary.is_empty() {
                    assert_eq!(lines[at + 4], doc.summary);
                }
            }
        }
    }

    #[test]
    fn document_pages_are_one_in_two_hundred_and_join_their_listing() {
        let (pages, loaded) = twenty_thousand();
        let document_pages: Vec<&SynthPage> = pages
            .iter()
            .filter(|p| p.text.contains("\nCitation:\n"))
            .collect();
        assert_eq!(document_pages.len(), pages.len() / 200);
        let with_record: Vec<_> = loaded
            .library
            .docs()
            .iter()
            .filter(|d| d.record_id().is_some())
            .collect();
        assert_eq!(with_record.len(), document_pages.len());
        for doc in with_record {
            assert!(doc.sources.len() >= 2, "joined its listing: {}", doc.title);
            assert!(doc.url().is_some_and(
                |u| u.starts_with("https://digitalarchive.wilsoncenter.org/document/")
            ));
            assert_eq!(doc.contents(), Some("Translation - English"));
            let paragraphs = doc.full_text().unwrap_or("").split("\n\n").count();
            assert!((3..=9).contains(&paragraphs), "{paragraphs} paragraphs");
            assert!(
                doc.language().is_some() && doc.archive_ref().is_some() && doc.credit().is_some()
            );
        }
    }

    #[test]
    fn titles_and_summaries_have_realistic_lengths() {
        let (_, loaded) = twenty_thousand();
        let docs = loaded.library.docs();
        let titles: Vec<usize> = docs.iter().map(|d| d.title.chars().count()).collect();
        assert!(titles.iter().all(|l| (40..=160).contains(l)));
        let mean_title = share(titles.iter().sum(), titles.len());
        assert!(
            (70.0..=90.0).contains(&mean_title),
            "title mean {mean_title}"
        );

        let summaries: Vec<usize> = docs
            .iter()
            .filter(|d| !d.summary.is_empty())
            .map(|d| d.summary.chars().count())
            .collect();
        assert!(summaries.iter().all(|l| (150..=450).contains(l)));
        let mean_summary = share(summaries.iter().sum(), summaries.len());
        assert!(
            (280.0..=320.0).contains(&mean_summary),
            "summary mean {mean_summary}"
        );
        let without = share(docs.len() - summaries.len(), docs.len());
        assert!(
            (0.065..=0.095).contains(&without),
            "without summary {without}"
        );
    }

    #[test]
    fn every_template_fills_every_slot() {
        let mut rng = Rng::new(7);
        let scene = Scene::draw(SynthDate::Undated, &mut rng);
        let all = [
            TITLE_TEMPLATES,
            SUMMARY_SENTENCES,
            FULL_TEXT_SENTENCES,
            REPORT_SUBJECTS,
            ARCHIVE_REFERENCES,
            &[PLAIN_TITLE],
        ];
        for template in all.iter().flat_map(|t| t.iter()) {
            let mut rest = *template;
            while let Some(open) = rest.find('{') {
                let after = &rest[open + 1..];
                let close = after.find('}').unwrap_or(after.len());
                let mut sink = String::new();
                assert!(
                    scene.fill(&after[..close], &mut rng, &mut sink),
                    "{template}"
                );
                rest = after.get(close + 1..).unwrap_or("");
            }
            let mut out = String::new();
            scene.render(template, &mut rng, &mut out);
            assert!(!out.contains(['{', '}', '\n']), "{out}");
        }
        for sentence in SUMMARY_SENTENCES {
            for _ in 0..50 {
                let mut out = String::new();
                scene.render(sentence, &mut rng, &mut out);
                assert!(char_len(&out) < 300, "{out}");
            }
        }
    }

    #[test]
    fn merge_key_agrees_with_fold() {
        let date = SynthDate::Year(1956);
        for (a, b) in [
            ("Kim Il Sung's  Letter", "kim il sung s letter"),
            ("  -Władysław Gomułka-", "wladyslaw gomulka"),
            ("Pak Deok-hwan", "PAK DEOK HWAN"),
        ] {
            assert_eq!(fold(a), fold(b));
            assert_eq!(merge_key(date, a, "x"), merge_key(date, b, "x"));
        }
        assert_ne!(merge_key(date, "ab", "c"), merge_key(date, "a", "bc"));
        assert_ne!(
            merge_key(date, "a", ""),
            merge_key(SynthDate::Year(1957), "a", "")
        );
    }

    #[test]
    fn write_corpus_round_trips_through_load_paths() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("corpus");
        let docs = 11_000;
        let written = write_corpus(docs, &out)?;
        assert_eq!(written, pages(docs).count());
        let mut folders = 0;
        for folder in std::fs::read_dir(&out)? {
            let files = std::fs::read_dir(folder?.path())?.count();
            assert!(files <= FILES_PER_FOLDER, "{files} files in one folder");
            folders += 1;
        }
        assert_eq!(folders, written.div_ceil(FILES_PER_FOLDER));
        let loaded = load_paths(&[out]);
        assert_clean(&loaded);
        assert_eq!(loaded.files.len(), written);
        assert_eq!(loaded.library.len(), docs);
        Ok(())
    }

    /// `cargo test --release -- --ignored --nocapture generation_speed`
    #[test]
    #[ignore]
    fn generation_speed_for_a_million_documents() {
        let start = Instant::now();
        let (mut files, mut bytes) = (0usize, 0usize);
        for page in pages(1_000_000) {
            files += 1;
            bytes += page.text.len();
        }
        let elapsed = start.elapsed();
        println!(
            "1,000,000 documents: {files} pages, {:.1} MB in {:.2} s ({:.0} MB/s)",
            bytes as f64 / 1e6,
            elapsed.as_secs_f64(),
            bytes as f64 / 1e6 / elapsed.as_secs_f64()
        );
    }
}
