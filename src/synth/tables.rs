//! Pure data: the era's vocabulary (people, places, institutions, subjects) and the title and
//! summary templates ("{slot}" is replaced from the document's scene, see `Scene::fill`).

use super::*;

/// A name or subject with the years it belongs to, so a 1992 record does not have Stalin in it.
pub(super) type OfEra = (i32, i32, &'static str);

pub(super) const SOVIET_OFFICIALS: &[OfEra] = &[
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

pub(super) const SOVIET_DIPLOMATS: &[&str] = &[
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

pub(super) const KOREAN_FIGURES: &[OfEra] = &[
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

pub(super) const CHINESE_FIGURES: &[OfEra] = &[
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

pub(super) const BLOC_FIGURES: &[OfEra] = &[
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

pub(super) const KOREAN_POSTS: &[&str] = &[
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
pub(super) const EMBASSIES: &[(&str, &str)] = &[
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
pub(super) const AMBASSADORS: &[(i32, &str, &str)] = &[
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

pub(super) const TOPICS: &[OfEra] = &[
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

pub(super) const REPORT_SUBJECTS: &[&str] = &[
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

pub(super) const PARTY_BODIES: &[&str] = &[
    "CPSU Central Committee Politburo",
    "CPSU Central Committee Presidium",
    "Council of Ministers of the USSR",
    "KWP Central Committee Plenum",
    "CCP Central Committee Secretariat",
];

pub(super) const LANGUAGES: &[&str] = &[
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

pub(super) const ARCHIVE_REFERENCES: &[&str] = &[
    "Archive of the Foreign Policy of the Russian Federation (AVPRF), fond 0102, opis {small}, papka {small}, delo {small}, listy {pages}",
    "Russian State Archive of Contemporary History (RGANI), fond 5, opis {small}, delo {number}, listy {pages}",
    "Archive of the President of the Russian Federation (APRF), fond 45, opis 1, delo {small}, listy {pages}",
    "Hungarian National Archives (MOL), XIX-J-1-j Korea, {year}, {small}. doboz, {number}/{year}",
    "PRC FMA {number}-{small}-{small}",
    "Political Archive of the Federal Foreign Office (PA AA), MfAA, A {number}",
    "Archive of the Ministry of Foreign Affairs of the Czech Republic, TO-T {year}-{small}, Korea, box {small}",
];

/// Credits name no real person: these are made-up citations.
pub(super) const CREDITS: &[&str] = &[
    "Obtained and translated for NKIDP by A. Volkova",
    "Translated by D. Lindqvist",
    "Obtained for NKIDP by M. Haraszti and translated by E. Takacs",
    "Contributed by the Synthetic Archives Project",
    "Translated for CWIHP by P. Novak",
];

// Templates: "{slot}" is replaced from the document's scene (see `Scene::fill`).

pub(super) const TITLE_TEMPLATES: &[&str] = &[
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
pub(super) const PLAIN_TITLE: &str = "Telegram from {soviet} to the CPSU Central Committee";

pub(super) const SUMMARY_SENTENCES: &[&str] = &[
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

pub(super) const FULL_TEXT_SENTENCES: &[&str] = &[
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
pub(super) struct Scene {
    pub(super) date: SynthDate,
    pub(super) year: i32,
    pub(super) soviet: &'static str,
    pub(super) diplomat: &'static str,
    pub(super) korean: &'static str,
    pub(super) korean_post: &'static str,
    pub(super) chinese: &'static str,
    pub(super) bloc: &'static str,
    pub(super) embassy: &'static str,
    pub(super) capital: &'static str,
    pub(super) ambassador: &'static str,
    pub(super) ambassador_surname: &'static str,
    pub(super) topic: &'static str,
}

impl Scene {
    pub(super) fn draw(date: SynthDate, rng: &mut Rng) -> Scene {
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
    pub(super) fn render(&self, template: &str, rng: &mut Rng, out: &mut String) {
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
    pub(super) fn fill(&self, slot: &str, rng: &mut Rng, out: &mut String) -> bool {
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
