//! "Amtsdeutsch": bureaucratic phrases, each with a plain-language alternative.
//!
//! Patterns use the word syntax of [`super::phrase`]: lowercase, `*` for "any ending".

use std::sync::LazyLock;

use super::phrase::PhraseSet;
use super::text::Text;
use super::{Check, Language, Severity, say};

/// (pattern, plain alternative)
pub const PHRASES: &[(&str, &str)] = &[
    ("zur kenntnis", "lesen, erfahren, wissen"),
    ("kenntnisnahme", "Information"),
    ("in augenschein", "ansehen, besichtigen"),
    ("inaugenscheinnahme", "Besichtigung"),
    ("inanspruchnahme", "Nutzung"),
    ("in anspruch nehm*", "nutzen"),
    ("in anspruch genommen", "genutzt"),
    ("seitens", "von"),
    ("vonseiten", "von"),
    ("fernmündlich*", "telefonisch"),
    ("postalisch*", "per Post"),
    ("verwendung find*", "verwendet werden"),
    ("anwendung find*", "angewendet werden"),
    ("berücksichtigung find*", "berücksichtigt werden"),
    ("find* verwendung", "wird verwendet"),
    ("find* anwendung", "wird angewendet"),
    ("find* berücksichtigung", "wird berücksichtigt"),
    ("zur anwendung", "anwenden"),
    ("zur verfügung stell*", "geben, bereitstellen"),
    ("zur durchführung", "durchführen, machen"),
    ("zur auszahlung", "auszahlen"),
    ("zur einsicht", "einsehen, ansehen"),
    ("zur vorlage", "vorlegen, zeigen"),
    ("zur abholung", "abholen"),
    ("in vorlage", "vorlegen, vorstrecken"),
    ("in wegfall", "wegfallen"),
    ("zum ausdruck bring*", "ausdrücken, sagen"),
    ("in erfahrung bring*", "erfahren"),
    (
        "in verbindung setz*",
        "Kontakt aufnehmen, anrufen, schreiben",
    ),
    ("einer prüfung unterzieh*", "prüfen"),
    ("einer prüfung unterzogen", "geprüft"),
    ("eine entscheidung treff*", "entscheiden"),
    ("eine mitteilung mach*", "mitteilen"),
    ("unter zuhilfenahme", "mit"),
    ("unter berücksichtigung", "mit, wenn man … berücksichtigt"),
    ("nach maßgabe", "nach"),
    ("nach erfolgter", "nach"),
    ("zu erfolgen", "muss … werden (aktiv formulieren)"),
    ("mittels", "mit"),
    ("vermittels", "mit"),
    ("zwecks", "für, zum"),
    ("zum zwecke", "für, um … zu"),
    ("bezüglich", "zu, über"),
    ("diesbezüglich", "dazu"),
    ("hinsichtlich", "zu, bei"),
    ("betreffs", "zu"),
    ("im hinblick auf", "für, wegen"),
    ("in bezug auf", "zu, über"),
    ("mit bezug auf", "zu"),
    ("aufgrund", "wegen"),
    ("auf grund", "wegen"),
    ("infolge", "wegen, nach"),
    ("in anbetracht", "wegen, weil"),
    ("insofern als", "weil, wenn"),
    ("des weiteren", "außerdem"),
    ("ferner", "außerdem"),
    ("alsdann", "dann"),
    ("sofern", "wenn"),
    ("gleichwohl", "trotzdem"),
    ("dessen ungeachtet", "trotzdem"),
    ("vorstehend*", "oben"),
    ("nachstehend*", "unten, folgend"),
    ("obig*", "oben genannt, diese"),
    ("vorgenannt*", "diese, oben genannt"),
    ("o g", "oben genannt"),
    ("beiliegend*", "anbei, mit diesem Schreiben"),
    ("umgehend", "sofort, schnell"),
    ("baldmöglichst", "so bald wie möglich"),
    ("zeitnah", "bald, bis [Datum]"),
    ("unverzüglich", "sofort"),
    ("fristgerecht", "rechtzeitig"),
    ("fristwahrend", "rechtzeitig"),
    ("anberaum*", "ansetzen, planen"),
    ("verausgab*", "ausgeben"),
    ("vereinnahm*", "einnehmen"),
    ("verbescheid*", "entscheiden, Bescheid schicken"),
    ("verschriftlich*", "aufschreiben"),
    ("aushändig*", "geben, übergeben"),
    ("übersend*", "schicken"),
    ("beifüg*", "mitschicken"),
    ("obliegt", "ist zuständig für, muss"),
    ("dienstobliegenheit*", "Aufgaben, Pflichten"),
    ("zuständigkeitshalber", "weil … zuständig ist"),
    ("vorbehaltlich", "wenn, unter der Bedingung"),
    ("zuzüglich", "plus"),
    ("abzüglich", "minus, ohne"),
    ("beschulung", "Unterricht"),
    ("wohnhaft", "wohnt in"),
    ("wohnsitznahme", "Umzug, Einzug"),
    ("ortsansässig*", "von hier, aus dem Ort"),
    ("sachstand", "Stand"),
    ("sachverhalt", "Fall, Lage"),
    ("bedienstete*", "Beschäftigte, Mitarbeitende"),
    ("lichtzeichenanlage*", "Ampel"),
    ("raumübergreifendes großgrün", "Baum"),
    ("spontanvegetation", "Wildkräuter, Unkraut"),
    ("fortbewegungsmittel", "Fahrzeug"),
    ("personenkraftwagen", "Auto"),
    ("wertstoffsammelbehälter", "Container, Tonne"),
    ("nichtlebende einfriedung", "Zaun"),
    ("postwendend", "sofort"),
];

static SET: LazyLock<PhraseSet<&'static str>> =
    LazyLock::new(|| PhraseSet::new(PHRASES.iter().map(|&(p, alt)| (p, alt))));

pub fn check(text: &Text, lang: Language, out: &mut Vec<Check>) {
    for (alternative, span) in SET.find_all(&text.words) {
        let found = text.slice(span);
        out.push(
            Check::new(
                "plain_language",
                Severity::Info,
                say!(
                    lang,
                    "„{found}“ klingt nach Amtsdeutsch. Einfacher: „{alternative}“.",
                    "\"{found}\" sounds like officialese. Plainer German: \"{alternative}\"."
                ),
            )
            .at(span),
        );
    }
}
