//! Readability of German text: Flesch reading ease after Amstad and the first Wiener
//! Sachtextformel, from words, sentences and syllables.
//!
//! Syllables come from the German TeX hyphenation patterns (hypher). Those patterns never split
//! off a single letter at a word's edge ("Abend", "Idee", "neue" stay whole), so each segment is
//! also counted by its vowel groups (a diphthong such as "ei", "au", "eu", "ie" or a doubled vowel
//! is one group) and the larger count wins. Foreign words such as "Familie" (Fa-mi-li-e) still
//! come out one short; the formulas were calibrated on counts that were not perfect either.

use super::text::{Span, Text};
use super::{Check, Language, Severity, say};

/// Sentences longer than this many words are flagged.
pub const LONG_SENTENCE_WORDS: usize = 25;
/// Shorter sentences are the hardest only when no sentence is this long: with two or three
/// words, one long word decides the score.
const MIN_WORDS_FOR_HARDEST: usize = 5;
/// Below this many words the scores swing too much to comment on.
const MIN_WORDS_FOR_VERDICT: usize = 30;

/// Abbreviations whose full stop does not end a sentence (lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "az", "bzw", "ca", "dr", "etc", "evtl", "ggf", "gem", "hr", "fr", "inkl", "max", "min", "mio",
    "mrd", "nr", "prof", "rd", "str", "tel", "usw", "vgl", "zzgl", "abs", "abt", "bspw", "allg",
    "jh", "jhd", "gez", "sog", "tsd", "uvm", "st", "ff", "okt", "nov", "dez", "jan", "feb", "aug",
    "sept", "sep",
];

#[derive(Debug, Clone, Default)]
pub(crate) struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub flesch_amstad: f64,
    pub wiener: f64,
    pub hardest_sentence: Option<String>,
    pub hardest_span: Option<Span>,
    /// Sentences over [`LONG_SENTENCE_WORDS`] words, with their word count.
    pub long_sentences: Vec<(Span, usize)>,
}

struct WordStat {
    letters: usize,
    syllables: usize,
}

/// Syllables of one word; hyphenated and gendered words count their parts ("E-Mail": 2).
pub fn syllables(word: &str) -> usize {
    word.split(|c: char| !c.is_alphabetic())
        .filter(|run| !run.is_empty())
        .map(run_syllables)
        .sum()
}

fn run_syllables(run: &str) -> usize {
    hypher::hyphenate(run, hypher::Lang::German)
        .map(|segment| vowel_groups(segment).max(1))
        .sum()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ä' | 'ö' | 'ü' | 'y')
}

fn is_one_sound(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('a', 'i' | 'u' | 'y' | 'a')
            | ('e', 'i' | 'u' | 'y' | 'e')
            | ('ä', 'u')
            | ('i', 'e')
            | ('o', 'o' | 'u')
    )
}

fn vowel_groups(segment: &str) -> usize {
    let mut groups = 0;
    let mut open_vowel: Option<char> = None;
    let mut previous = ' ';
    for c in segment.chars().flat_map(char::to_lowercase) {
        // The u in "qu" is a consonant sound.
        if is_vowel(c) && !(c == 'u' && previous == 'q') {
            match open_vowel {
                Some(v) if is_one_sound(v, c) => open_vowel = None,
                _ => {
                    groups += 1;
                    open_vowel = Some(c);
                }
            }
        } else {
            open_vowel = None;
        }
        previous = c;
    }
    groups
}

fn amstad(words: f64, sentences: f64, syllables: f64) -> f64 {
    180.0 - words / sentences - 58.5 * syllables / words
}

/// Measures the text without hashtags, links, mentions and emoji.
pub fn measure(text: &Text) -> Readability {
    let mask = &text.special;
    let mut r = Readability::default();
    let (mut polysyllabic, mut long_words, mut monosyllabic) = (0usize, 0usize, 0usize);
    // (long enough, score): a long enough sentence always beats a short one.
    let mut hardest: Option<((bool, f64), Span)> = None;
    for span in sentences(text, mask) {
        let stats = word_stats(text, mask, span);
        if stats.is_empty() {
            continue;
        }
        let syllables: usize = stats.iter().map(|w| w.syllables).sum();
        r.sentences += 1;
        r.words += stats.len();
        r.syllables += syllables;
        polysyllabic += stats.iter().filter(|w| w.syllables >= 3).count();
        monosyllabic += stats.iter().filter(|w| w.syllables == 1).count();
        long_words += stats.iter().filter(|w| w.letters > 6).count();
        let score = amstad(stats.len() as f64, 1.0, syllables as f64);
        let rank = (stats.len() >= MIN_WORDS_FOR_HARDEST, score);
        let harder = |(long, h): (bool, f64)| (rank.0 && !long) || (rank.0 == long && score < h);
        if hardest.is_none_or(|(h, _)| harder(h)) {
            hardest = Some((rank, span));
        }
        if stats.len() > LONG_SENTENCE_WORDS {
            r.long_sentences.push((span, stats.len()));
        }
    }
    if r.words == 0 {
        return r;
    }
    let words = r.words as f64;
    let percent = |n: usize| n as f64 * 100.0 / words;
    r.flesch_amstad = amstad(words, r.sentences as f64, r.syllables as f64);
    r.wiener = 0.1935 * percent(polysyllabic)
        + 0.1672 * (words / r.sentences as f64)
        + 0.1297 * percent(long_words)
        - 0.0327 * percent(monosyllabic)
        - 0.875;
    r.hardest_span = hardest.map(|(_, span)| trimmed(text, span));
    r.hardest_sentence = r.hardest_span.map(|span| text.slice(span));
    r
}

fn trimmed(text: &Text, (mut start, mut end): Span) -> Span {
    while start < end && text.chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && text.chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start, end)
}

/// Sentence spans: a line break, `!`, `?`, `…` or a full stop that is not part of an
/// abbreviation, an ordinal ("1. Mai") or a number ends a sentence.
fn sentences(text: &Text, mask: &[bool]) -> Vec<Span> {
    let c = &text.chars;
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < c.len() {
        if mask[i] {
            i += 1;
            continue;
        }
        let ends = match c[i] {
            '\n' => true,
            '!' | '?' | '…' => true,
            '.' => {
                let followed = c
                    .get(i + 1)
                    .is_none_or(|n| n.is_whitespace() || "\"“”')»«".contains(*n));
                followed && !is_abbreviation(text, i)
            }
            _ => false,
        };
        i += 1;
        if ends {
            while i < c.len() && !mask[i] && "!?.…\"“”')»«".contains(c[i]) {
                i += 1;
            }
            spans.push((start, i));
            start = i;
        }
    }
    if start < c.len() {
        spans.push((start, c.len()));
    }
    spans
}

/// Whether the full stop at `dot` closes an abbreviation or an ordinal.
fn is_abbreviation(text: &Text, dot: usize) -> bool {
    let lower = &text.lower;
    let begin = (0..dot)
        .rev()
        .find(|&j| !lower[j].is_alphanumeric())
        .map_or(0, |j| j + 1);
    let before = &lower[begin..dot];
    if before.is_empty() {
        // "..." or " ." are handled by the caller's run of terminators.
        return false;
    }
    if before.iter().all(char::is_ascii_digit) {
        return before.len() <= 2;
    }
    if before.len() == 1 {
        return true;
    }
    let word: String = before.iter().collect();
    ABBREVIATIONS.contains(&word.as_str())
}

fn word_stats(text: &Text, mask: &[bool], (start, end): Span) -> Vec<WordStat> {
    let c = &text.chars;
    let mut stats = Vec::new();
    let mut i = start;
    while i < end {
        if mask[i] || c[i].is_whitespace() {
            i += 1;
            continue;
        }
        let from = i;
        while i < end && !mask[i] && !c[i].is_whitespace() {
            i += 1;
        }
        let letters = c[from..i].iter().filter(|c| c.is_alphabetic()).count();
        if letters > 0 {
            let token: String = c[from..i].iter().collect();
            stats.push(WordStat {
                letters,
                syllables: syllables(&token),
            });
        }
    }
    stats
}

pub fn check(r: &Readability, lang: Language, out: &mut Vec<Check>) {
    for &(span, n) in &r.long_sentences {
        out.push(
            Check::new(
                "long_sentence",
                Severity::Info,
                say!(
                    lang,
                    "Ein Satz mit {n} Wörtern. Sätze bis etwa {LONG_SENTENCE_WORDS} Wörter lesen sich leichter; teilen Sie ihn.",
                    "A sentence of {n} words. Sentences up to about {LONG_SENTENCE_WORDS} words read more easily; split it."
                ),
            )
            .at(span),
        );
    }
    if r.words < MIN_WORDS_FOR_VERDICT {
        return;
    }
    let score = decimal(lang, r.flesch_amstad);
    let grade = decimal(lang, r.wiener);
    let (severity, de, en) = match r.flesch_amstad {
        s if s < 30.0 => (Severity::Warning, "sehr schwer", "very hard"),
        s if s < 50.0 => (Severity::Warning, "schwer", "hard"),
        s if s < 60.0 => (Severity::Info, "mittelschwer", "fairly hard"),
        _ => return,
    };
    let check = Check::new(
        "readability",
        severity,
        say!(
            lang,
            "Lesbarkeit {score} (Flesch nach Amstad, 0–100): {de} zu lesen, Wiener Sachtextformel {grade}. Kürzere Sätze und Wörter helfen; der schwierigste Satz ist markiert.",
            "Reading ease {score} (Flesch after Amstad, 0–100): {en} to read, Wiener Sachtextformel {grade}. Shorter sentences and words help; the hardest sentence is shown."
        ),
    );
    out.push(match r.hardest_span {
        Some(span) => check.at(span),
        None => check,
    });
}

/// One decimal, with a decimal comma in German.
fn decimal(lang: Language, x: f64) -> String {
    let s = format!("{x:.1}");
    match lang {
        Language::De => s.replace('.', ","),
        Language::En => s,
    }
}
