//! Warnings for content that may be confidential: personnel matters, file numbers, tenders in
//! progress and named citizens.
//!
//! These are heuristics that ask the writer to look again, not verdicts. Named people are found
//! as "Herr"/"Frau" (or "Hr."/"Fr.") followed by a capitalised name; when the same paragraph
//! talks about an application, a complaint or a street address, the person is probably a
//! citizen and the finding is a warning, otherwise a reminder to ask first.

use std::sync::LazyLock;

use super::phrase::PhraseSet;
use super::text::{Span, Text, Word};
use super::{Check, Language, Severity, say};

static PERSONNEL: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        [
            "abmahnung*",
            "abgemahnt",
            "kündigung*",
            "gekündigt",
            "krankmeldung*",
            "krankgemeldet",
            "krankgeschrieben",
            "krankschreibung*",
            "arbeitsunfähig*",
            "personalakte*",
            "disziplinar*",
            "dienstvergehen*",
            "gehaltsabrechnung*",
            "lohnabrechnung*",
            "bezügemitteilung*",
            "personalgespräch*",
            "dienstliche beurteilung*",
            "leistungsbeurteilung*",
            "schwerbehinderung*",
            "diagnose*",
            "eingliederungsmanagement*",
            "bem gespräch*",
            "fehlzeiten*",
            "suspendiert*",
            "ermittlungsverfahren*",
        ]
        .map(|p| (p, ())),
    )
});

static SALARY: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        [
            "gehalt*",
            "verdien*",
            "besoldung*",
            "entgeltgruppe*",
            "bezüge",
        ]
        .map(|p| (p, ())),
    )
});

static TENDERS: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        [
            "ausschreibung läuft",
            "laufende ausschreibung",
            "laufenden ausschreibung",
            "vergabeverfahren*",
            "laufendes vergabeverfahren",
            "angebotsfrist*",
            "bieter*",
            "angebotsöffnung*",
            "submission*",
            "zuschlagserteilung*",
            "vergabeunterlagen",
            "leistungsverzeichnis*",
        ]
        .map(|p| (p, ())),
    )
});

/// Words after "Herr"/"Frau" that are a title or an office, not a name.
const TITLES: &[&str] = &[
    "bürgermeister",
    "oberbürgermeister",
    "kolleg",
    "minister",
    "präsident",
    "direktor",
    "landrat",
    "landrätin",
    "dezernent",
    "beigeordnete",
    "stadtdirektor",
    "vorsitzende",
    "doktor",
    "professor",
    "pfarrer",
    "amtsleiter",
    "leiter",
    "abteilungsleiter",
];

/// Words that make a named person in the same paragraph probably a citizen.
const CITIZEN_CONTEXT: &[&str] = &[
    "beantrag",
    "antrag",
    "wohnt",
    "wohnhaft",
    "anwohner",
    "beschwer",
    "widerspruch",
    "bescheid",
    "bürgerin",
    "bürger ",
];
const STREET_ENDINGS: &[&str] = &["straße", "strasse", "gasse", "allee", "str"];

pub fn check(text: &Text, lang: Language, out: &mut Vec<Check>) {
    for (_, span) in PERSONNEL.find_all(&text.words) {
        let found = text.slice(span);
        out.push(
            Check::new(
                "personnel_matter",
                Severity::Warning,
                say!(
                    lang,
                    "„{found}“: Personalangelegenheiten sind vertraulich. Nichts veröffentlichen, das auf eine bestimmte Person schließen lässt.",
                    "\"{found}\": personnel matters are confidential. Publish nothing that points to a particular person."
                ),
            )
            .at(span),
        );
    }
    file_numbers(text, lang, out);
    for (_, span) in TENDERS.find_all(&text.words) {
        let found = text.slice(span);
        out.push(
            Check::new(
                "tender",
                Severity::Warning,
                say!(
                    lang,
                    "„{found}“: Zu laufenden Vergabeverfahren vor dem Zuschlag bitte nichts veröffentlichen. (Stellenausschreibungen sind unbedenklich.)",
                    "\"{found}\": please publish nothing about a procurement procedure before the contract is awarded. (Job advertisements are fine.)"
                ),
            )
            .at(span),
        );
    }
    named_people(text, lang, out);
}

fn file_numbers(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let c = &text.chars;
    let mut spans: Vec<Span> = Vec::new();
    for w in &text.words {
        if !matches!(
            w.lower.as_str(),
            "az" | "aktenzeichen" | "geschäftszeichen" | "gz" | "akz"
        ) {
            continue;
        }
        let mut i = w.end;
        while i < c.len() && (c[i] == '.' || c[i] == ':' || c[i] == ' ' || c[i] == '\u{A0}') {
            i += 1;
        }
        let end = token_end(c, i);
        if c[i..end].iter().any(char::is_ascii_digit) {
            spans.push((w.start, end));
        }
    }
    // The shape of a file number on its own: "61.2-123/2026".
    let mut i = 0;
    while i < c.len() {
        if !c[i].is_ascii_digit() || (i > 0 && !c[i - 1].is_whitespace()) {
            i += 1;
            continue;
        }
        let end = token_end(c, i);
        let token: String = c[i..end].iter().collect();
        if looks_like_file_number(&token) && !spans.iter().any(|&(s, e)| s <= i && i < e) {
            spans.push((i, end));
        }
        i = end.max(i + 1);
    }
    for span in spans {
        let found = text.slice(span);
        out.push(
            Check::new(
                "file_number",
                Severity::Warning,
                say!(
                    lang,
                    "„{found}“ sieht nach einem Aktenzeichen aus. Aktenzeichen gehören nicht in einen öffentlichen Beitrag.",
                    "\"{found}\" looks like a file number. File numbers do not belong in a public post."
                ),
            )
            .at(span),
        );
    }
}

/// End of a run of non-space characters, without trailing punctuation.
fn token_end(c: &[char], from: usize) -> usize {
    let mut end = (from..c.len())
        .find(|&j| c[j].is_whitespace())
        .unwrap_or(c.len());
    while end > from && ".,;:!?)".contains(c[end - 1]) {
        end -= 1;
    }
    end
}

fn looks_like_file_number(token: &str) -> bool {
    let Some((head, year)) = token.rsplit_once('/') else {
        return false;
    };
    let is_year = year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && (year.starts_with("19") || year.starts_with("20"));
    is_year
        && head.contains(['-', '.'])
        && head
            .chars()
            .all(|c| c.is_ascii_digit() || "-./".contains(c))
}

fn named_people(text: &Text, lang: Language, out: &mut Vec<Check>) {
    let words = &text.words;
    let paragraphs = text.paragraphs();
    for (i, w) in words.iter().enumerate() {
        let abbreviated =
            matches!(w.lower.as_str(), "hr" | "fr") && text.chars.get(w.end) == Some(&'.');
        if !(matches!(w.lower.as_str(), "herr" | "frau") || abbreviated) {
            continue;
        }
        let Some(name) = name_after(text, words, i + 1) else {
            continue;
        };
        let span = (w.start, name.end);
        let found = text.slice(span);
        let paragraph = paragraphs
            .iter()
            .copied()
            .find(|&(s, e)| s <= w.start && w.start < e)
            .unwrap_or(span);
        let about_citizen = is_citizen_context(text, paragraph);
        let salary = (0..text.words_in(paragraph).len())
            .any(|k| SALARY.match_at(text.words_in(paragraph), k).is_some());
        let check = if salary {
            Check::new(
                "personnel_matter",
                Severity::Warning,
                say!(
                    lang,
                    "„{found}“ und Gehalt im selben Absatz: Bezüge einzelner Personen sind vertraulich.",
                    "\"{found}\" and pay in the same paragraph: the pay of individual people is confidential."
                ),
            )
        } else if about_citizen {
            Check::new(
                "named_citizen",
                Severity::Warning,
                say!(
                    lang,
                    "„{found}“: Namen von Bürgerinnen und Bürgern, ihre Anliegen und Adressen nur mit schriftlicher Einwilligung veröffentlichen.",
                    "\"{found}\": publish the names, requests and addresses of citizens only with their written consent."
                ),
            )
        } else {
            Check::new(
                "named_person",
                Severity::Info,
                say!(
                    lang,
                    "„{found}“: Ist die Person einverstanden, genannt zu werden? Bei Bürgerinnen und Bürgern braucht es eine Einwilligung.",
                    "\"{found}\": has the person agreed to be named? Citizens must give their consent."
                ),
            )
        };
        out.push(check.at(span));
    }
}

/// The capitalised name right after "Herr"/"Frau", skipping "Dr."/"Prof."; none for an office.
fn name_after<'w>(text: &Text, words: &'w [Word], mut i: usize) -> Option<&'w Word> {
    while let (Some(prev), Some(w)) = (words.get(i.wrapping_sub(1)), words.get(i)) {
        let gap = &text.chars[prev.end..w.start];
        let abbreviation = matches!(prev.lower.as_str(), "hr" | "fr" | "dr" | "prof" | "dipl");
        let joined = !gap.is_empty()
            && gap
                .iter()
                .all(|&c| c == ' ' || c == '\u{A0}' || (c == '.' && abbreviation))
            && gap.iter().filter(|&&c| c == '.').count() <= 1;
        if !joined {
            return None;
        }
        if matches!(w.lower.as_str(), "dr" | "prof" | "dipl") {
            i += 1;
            continue;
        }
        let capitalised = text.chars[w.start].is_uppercase();
        let office = TITLES.iter().any(|t| w.lower.starts_with(t));
        return (capitalised && !office).then_some(w);
    }
    None
}

fn is_citizen_context(text: &Text, paragraph: Span) -> bool {
    text.words_in(paragraph).iter().any(|w| {
        let spaced = format!("{} ", w.lower);
        CITIZEN_CONTEXT.iter().any(|p| spaced.starts_with(p))
            || STREET_ENDINGS
                .iter()
                .any(|s| w.lower.len() > s.len() + 2 && w.lower.ends_with(s))
    })
}
