//! Listings: one entry of a search page (date, title, summary) drawn from a scene.

use super::*;

pub(super) const TITLE_CHARS: (usize, usize) = (40, 160);
pub(super) const SUMMARY_CHARS: (usize, usize) = (150, 450);
/// Per mille of documents listed without a summary.
pub(super) const NO_SUMMARY_PER_MILLE: usize = 80;

#[derive(Clone, Debug)]
pub(super) struct Listing {
    /// Which new document this is (0-based, in the order documents are made).
    pub(super) serial: usize,
    pub(super) scene: Scene,
    pub(super) date_line: String,
    pub(super) title: String,
    pub(super) summary: String,
    /// True on a later page's copy of an earlier listing.
    pub(super) repeat: bool,
}

pub(super) fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

pub(super) fn draw_title(scene: &Scene, rng: &mut Rng) -> String {
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
pub(super) fn draw_summary(scene: &Scene, rng: &mut Rng) -> String {
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
pub(super) fn draw_full_text(scene: &Scene, rng: &mut Rng, out: &mut String) {
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
