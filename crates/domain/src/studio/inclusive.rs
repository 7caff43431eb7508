//! The authority's inclusive-language style: forms of other styles are flagged, and the generic
//! masculine of common role nouns ("die Mitarbeiter") gets a suggestion in the house style.

use super::text::{Span, Text};
use super::{Check, InclusiveStyle, Language, Severity, say};

/// A gendered form written with a character inside the word, or with a capital I.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    Colon,
    Star,
    Gap,
    MiddleDot,
    Slash,
    CapitalI,
}

struct Role {
    /// Masculine plural, nominative and dative, lowercase.
    masculine: [&'static str; 2],
    masculine_nominative: &'static str,
    feminine_plural: &'static str,
    /// The stem before `:innen`/`*innen`.
    stem: &'static str,
    neutral: &'static str,
}

const fn role(
    masculine: [&'static str; 2],
    masculine_nominative: &'static str,
    feminine_plural: &'static str,
    stem: &'static str,
    neutral: &'static str,
) -> Role {
    Role {
        masculine,
        masculine_nominative,
        feminine_plural,
        stem,
        neutral,
    }
}

const ROLES: &[Role] = &[
    role(
        ["mitarbeiter", "mitarbeitern"],
        "Mitarbeiter",
        "Mitarbeiterinnen",
        "Mitarbeiter",
        "Mitarbeitende, Beschäftigte",
    ),
    role(
        ["kollegen", "kollegen"],
        "Kollegen",
        "Kolleginnen",
        "Kolleg",
        "Kollegium, Team",
    ),
    role(
        ["bürger", "bürgern"],
        "Bürger",
        "Bürgerinnen",
        "Bürger",
        "Einwohnende, Menschen in der Stadt",
    ),
    role(
        ["einwohner", "einwohnern"],
        "Einwohner",
        "Einwohnerinnen",
        "Einwohner",
        "Einwohnende, Bevölkerung",
    ),
    role(
        ["teilnehmer", "teilnehmern"],
        "Teilnehmer",
        "Teilnehmerinnen",
        "Teilnehmer",
        "Teilnehmende",
    ),
    role(
        ["studenten", "studenten"],
        "Studenten",
        "Studentinnen",
        "Student",
        "Studierende",
    ),
    role(
        ["lehrer", "lehrern"],
        "Lehrer",
        "Lehrerinnen",
        "Lehrer",
        "Lehrkräfte",
    ),
    role(
        ["bewerber", "bewerbern"],
        "Bewerber",
        "Bewerberinnen",
        "Bewerber",
        "Bewerbende",
    ),
    role(
        ["kunden", "kunden"],
        "Kunden",
        "Kundinnen",
        "Kund",
        "Kundschaft",
    ),
    role(
        ["besucher", "besuchern"],
        "Besucher",
        "Besucherinnen",
        "Besucher",
        "Besuchende, Gäste",
    ),
    role(
        ["nutzer", "nutzern"],
        "Nutzer",
        "Nutzerinnen",
        "Nutzer",
        "Nutzende",
    ),
    role(
        ["leser", "lesern"],
        "Leser",
        "Leserinnen",
        "Leser",
        "Lesende",
    ),
    role(
        ["experten", "experten"],
        "Experten",
        "Expertinnen",
        "Expert",
        "Fachleute",
    ),
    role(
        ["erzieher", "erziehern"],
        "Erzieher",
        "Erzieherinnen",
        "Erzieher",
        "pädagogische Fachkräfte",
    ),
    role(
        ["ansprechpartner", "ansprechpartnern"],
        "Ansprechpartner",
        "Ansprechpartnerinnen",
        "Ansprechpartner",
        "Ansprechpersonen",
    ),
    role(
        ["ingenieure", "ingenieuren"],
        "Ingenieure",
        "Ingenieurinnen",
        "Ingenieur",
        "Fachleute aus dem Ingenieurwesen",
    ),
];

/// Words before a role noun that make it a plural meant for everyone.
const DETERMINERS: &[&str] = &[
    "die",
    "den",
    "alle",
    "allen",
    "unsere",
    "unseren",
    "unserer",
    "eure",
    "euren",
    "ihre",
    "ihren",
    "viele",
    "vielen",
    "liebe",
    "lieben",
    "sämtliche",
    "sämtlichen",
    "einige",
    "einigen",
    "mehrere",
    "mehreren",
    "neue",
    "neuen",
    "zahlreiche",
    "zahlreichen",
    "diese",
    "diesen",
];

pub fn check(text: &Text, lang: Language, style: InclusiveStyle, out: &mut Vec<Check>) {
    if style == InclusiveStyle::Off {
        return;
    }
    for (sign, span, stem, plural) in signs(text) {
        let allowed = matches!(
            (style, sign),
            (InclusiveStyle::Colon, Sign::Colon) | (InclusiveStyle::Star, Sign::Star)
        );
        if allowed {
            continue;
        }
        let found = text.slice(span);
        let role = ROLES.iter().find(|r| r.stem.eq_ignore_ascii_case(&stem));
        let suggestion = suggest(style, role, &stem, plural);
        let message = match style {
            InclusiveStyle::PairForms => say!(
                lang,
                "„{found}“: Ihre Behörde schreibt ohne Zeichen im Wort (in manchen Ländern sind sie in amtlichen Texten untersagt). Besser: „{suggestion}“.",
                "\"{found}\": your authority writes without characters inside words (some states forbid them in official texts). Better: \"{suggestion}\"."
            ),
            InclusiveStyle::Neutral => say!(
                lang,
                "„{found}“: Ihre Behörde schreibt neutral. Besser: „{suggestion}“.",
                "\"{found}\": your authority uses neutral forms. Better: \"{suggestion}\"."
            ),
            _ => say!(
                lang,
                "„{found}“ passt nicht zum Stil Ihrer Behörde. Besser: „{suggestion}“.",
                "\"{found}\" does not match your authority's style. Better: \"{suggestion}\"."
            ),
        };
        out.push(Check::new("inclusive_style", Severity::Warning, message).at(span));
    }
    generic_masculine(text, lang, style, out);
}

fn suggest(style: InclusiveStyle, role: Option<&Role>, stem: &str, plural: bool) -> String {
    let suffix = if plural { "innen" } else { "in" };
    match (style, role) {
        (InclusiveStyle::Colon, _) => format!("{stem}:{suffix}"),
        (InclusiveStyle::Star, _) => format!("{stem}*{suffix}"),
        (InclusiveStyle::Neutral, Some(r)) => r.neutral.to_owned(),
        (InclusiveStyle::Neutral, None) => "Beschäftigte, Mitarbeitende, Team …".to_owned(),
        (_, Some(r)) if plural => format!("{} und {}", r.feminine_plural, r.masculine_nominative),
        _ if plural => format!("{stem}innen und {stem}"),
        _ => format!("{stem}in oder {stem}"),
    }
}

/// Gendered forms with a character inside the word: (sign, word span, stem, plural).
fn signs(text: &Text) -> Vec<(Sign, Span, String, bool)> {
    let c = &text.chars;
    let lower = &text.lower;
    let mask = &text.special;
    let mut found = Vec::new();
    for i in 1..c.len() {
        if mask[i] || !c[i - 1].is_alphabetic() {
            continue;
        }
        let (sign, suffix_start) = match c[i] {
            ':' => (Sign::Colon, i + 1),
            '*' => (Sign::Star, i + 1),
            '_' => (Sign::Gap, i + 1),
            '·' => (Sign::MiddleDot, i + 1),
            '/' if c.get(i + 1) == Some(&'-') => (Sign::Slash, i + 2),
            '/' => (Sign::Slash, i + 1),
            'I' if c[i - 1].is_lowercase() => (Sign::CapitalI, i),
            _ => continue,
        };
        let rest = &lower[suffix_start.min(lower.len())..];
        let plural = rest.starts_with(&['i', 'n', 'n', 'e', 'n']);
        let len = if plural {
            5
        } else if rest.starts_with(&['i', 'n']) && sign != Sign::CapitalI {
            2
        } else {
            continue;
        };
        let end = suffix_start + len;
        if c.get(end).is_some_and(|n| n.is_alphabetic()) {
            continue;
        }
        let start = (0..i)
            .rev()
            .find(|&j| !c[j].is_alphabetic())
            .map_or(0, |j| j + 1);
        found.push((sign, (start, end), c[start..i].iter().collect(), plural));
    }
    found
}

fn generic_masculine(text: &Text, lang: Language, style: InclusiveStyle, out: &mut Vec<Check>) {
    let words = &text.words;
    for (i, w) in words.iter().enumerate().skip(1) {
        let Some(role) = ROLES
            .iter()
            .find(|r| r.masculine.contains(&w.lower.as_str()))
        else {
            continue;
        };
        let det = &words[i - 1];
        let adjacent = text.chars[det.end..w.start].iter().all(|c| *c == ' ');
        if !adjacent || !DETERMINERS.contains(&det.lower.as_str()) {
            continue;
        }
        let paired = words
            .get(i + 1)
            .is_some_and(|n| n.lower == "und" || n.lower == "oder")
            && words.get(i + 2).is_some_and(|n| {
                n.lower.starts_with(&role.stem.to_lowercase()) && n.lower.ends_with("innen")
            });
        let gendered = text.chars.get(w.end).is_some_and(|c| ":*_·/".contains(*c));
        if paired || gendered {
            continue;
        }
        let span = (det.start, w.end);
        let found = text.slice(span);
        let suggestion = suggest(style, Some(role), role.stem, true);
        out.push(
            Check::new(
                "generic_masculine",
                Severity::Info,
                say!(
                    lang,
                    "„{found}“ meint vermutlich alle. Im Stil Ihrer Behörde: „{suggestion}“.",
                    "\"{found}\" probably means everyone. In your authority's style: \"{suggestion}\"."
                ),
            )
            .at(span),
        );
    }
}
