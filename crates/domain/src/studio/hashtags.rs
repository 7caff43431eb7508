//! Hashtags: how many, and written so that LinkedIn links them and screen readers read them.
//!
//! A hashtag is `#` followed by letters (umlauts and ß included), digits or underscores;
//! anything else ends it, which is how LinkedIn cuts `#Tag-der-offenen-Tür` after `#Tag`.

use std::collections::HashSet;

use super::text::{Hashtag, Text, is_hashtag_char};
use super::{Check, Language, Severity, say};

/// Three to five hashtags are recommended.
pub const RECOMMENDED_HASHTAGS: (usize, usize) = (3, 5);
/// An all-lowercase hashtag this long is most likely several words.
const CAMEL_CASE_MIN_LETTERS: usize = 12;
/// All capitals from this many letters on (shorter ones are abbreviations like #KI).
const ALL_CAPS_MIN_LETTERS: usize = 5;

/// Each hashtag once (compared case-insensitively), without `#`, in the spelling first used.
pub fn unique(text: &Text) -> Vec<String> {
    let mut seen = HashSet::new();
    text.hashtags
        .iter()
        .filter(|h| seen.insert(h.body.to_lowercase()))
        .map(|h| h.body.clone())
        .collect()
}

pub fn check(text: &Text, lang: Language, out: &mut Vec<Check>) {
    count(text, lang, out);
    spaces(text, lang, out);
    let mut seen = HashSet::new();
    for tag in &text.hashtags {
        let span = (tag.start, tag.end);
        let body = &tag.body;
        if !seen.insert(body.to_lowercase()) {
            out.push(
                Check::new(
                    "hashtag_duplicate",
                    Severity::Warning,
                    say!(
                        lang,
                        "#{body} steht mehrfach im Text; einmal genügt.",
                        "#{body} appears more than once; once is enough."
                    ),
                )
                .at(span),
            );
            continue;
        }
        form(text, tag, lang, out);
    }
}

fn count(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let n = unique(text).len();
    let (min, max) = RECOMMENDED_HASHTAGS;
    let check = if n == 0 {
        Check::new(
            "hashtag_count",
            Severity::Info,
            say!(
                lang,
                "Noch keine Hashtags. {min} bis {max} passende Hashtags helfen, den Beitrag zu finden.",
                "No hashtags yet. {min} to {max} fitting hashtags help people find the post."
            ),
        )
    } else if n < min {
        Check::new(
            "hashtag_count",
            Severity::Info,
            say!(
                lang,
                "{n} Hashtag(s): {min} bis {max} werden empfohlen.",
                "{n} hashtag(s): {min} to {max} are recommended."
            ),
        )
    } else if n > max {
        Check::new(
            "hashtag_count",
            Severity::Warning,
            say!(
                lang,
                "{n} Hashtags: mehr als {max} wirken wie Werbung. Wählen Sie die passendsten aus.",
                "{n} hashtags: more than {max} look like advertising. Keep the most fitting ones."
            ),
        )
    } else {
        return;
    };
    out.push(check);
}

/// `# Ausbildung`: a lone `#` followed by a space and a word.
fn spaces(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let c = &text.chars;
    for i in 0..c.len() {
        let lone = c[i] == '#'
            && (i == 0 || c[i - 1].is_whitespace())
            && c.get(i + 1).is_some_and(|&n| n == ' ' || n == '\u{A0}')
            && c.get(i + 2).is_some_and(|&n| n.is_alphanumeric());
        if !lone {
            continue;
        }
        let end = (i + 2..c.len())
            .find(|&j| !is_hashtag_char(c[j]))
            .unwrap_or(c.len());
        let word = text.slice((i + 2, end));
        out.push(
            Check::new(
                "hashtag_form",
                Severity::Warning,
                say!(
                    lang,
                    "Nach # darf kein Leerzeichen stehen: #{word}.",
                    "No space after #: #{word}."
                ),
            )
            .at((i, end)),
        );
    }
}

fn form(text: &Text, tag: &Hashtag, lang: Language, out: &mut Vec<Check>) {
    let c = &text.chars;
    let span = (tag.start, tag.end);
    let body = &tag.body;
    let next = c.get(tag.end).copied();
    let after = c.get(tag.end + 1).copied();
    if let (Some(sep), Some(a)) = (next, after)
        && !sep.is_whitespace()
        && a.is_alphanumeric()
    {
        let end = (tag.end..c.len())
            .find(|&j| c[j].is_whitespace())
            .unwrap_or(c.len());
        let written = text.slice((tag.start, end));
        let suggestion = camel_case(&text.chars[tag.start + 1..end]);
        let shown = if sep == '\u{AD}' {
            say!(
                lang,
                "einem unsichtbaren Trennstrich",
                "an invisible soft hyphen"
            )
        } else {
            say!(lang, "„{sep}“", "\"{sep}\"")
        };
        out.push(
            Check::new(
                "hashtag_form",
                Severity::Warning,
                say!(
                    lang,
                    "{written}: LinkedIn beendet den Hashtag bei {shown}. Schreiben Sie #{suggestion}.",
                    "{written}: LinkedIn ends the hashtag at {shown}. Write #{suggestion}."
                ),
            )
            .at((tag.start, end)),
        );
        return;
    }
    let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        out.push(
            Check::new(
                "hashtag_form",
                Severity::Warning,
                say!(
                    lang,
                    "#{body} besteht nur aus Ziffern; LinkedIn verlinkt solche Hashtags nicht.",
                    "#{body} has digits only; LinkedIn does not link such hashtags."
                ),
            )
            .at(span),
        );
    } else if letters.len() >= ALL_CAPS_MIN_LETTERS && letters.iter().all(|c| c.is_uppercase()) {
        let suggestion = capitalise(&body.to_lowercase());
        out.push(
            Check::new(
                "hashtag_form",
                Severity::Warning,
                say!(
                    lang,
                    "#{body} in Großbuchstaben wirkt wie Schreien, und Screenreader buchstabieren es. Besser: #{suggestion}.",
                    "#{body} in capitals reads as shouting, and screen readers spell it out. Better: #{suggestion}."
                ),
            )
            .at(span),
        );
    } else if letters.len() >= CAMEL_CASE_MIN_LETTERS && letters.iter().all(|c| c.is_lowercase()) {
        out.push(
            Check::new(
                "hashtag_form",
                Severity::Info,
                say!(
                    lang,
                    "#{body}: Großbuchstaben am Anfang jedes Wortes (z. B. #ÖffentlicherDienst) helfen beim Lesen und Screenreadern.",
                    "#{body}: a capital at the start of each word (e.g. #ÖffentlicherDienst) helps readers and screen readers."
                ),
            )
            .at(span),
        );
    }
}

/// `Tag-der-offenen-Tür` → `TagDerOffenenTür`.
fn camel_case(chars: &[char]) -> String {
    let s: String = chars.iter().collect();
    s.split(|c: char| !is_hashtag_char(c))
        .filter(|p| !p.is_empty())
        .map(capitalise)
        .collect()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
