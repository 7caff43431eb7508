//! Latency of the studio's live checks on a full-length German post (about 3,000 characters),
//! as the editor calls them on every pause in typing. Prints p50, p99 and the maximum per call.
//! Run with `cargo bench -p amtfluencer-domain --bench studio`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use amtfluencer_domain::studio::{CheckInput, InclusiveStyle, Language, check_post};

const WARM_UP: usize = 200;
const RUNS: usize = 3000;

const PARAGRAPHS: &[&str] = &[
    "Liebe Kolleginnen und Kollegen, heute möchte ich euch mitnehmen in unser Bauamt! 🏗️",
    "Um 7:30 Uhr beginnt mein Tag mit einem Blick auf die Baustelle an der Rheinpromenade. \
     Dort entsteht die neue Kita mit sechs Gruppen, einem Garten und einem Dach voller \
     Solarmodule. Seitens der Bauleitung wird jeden Morgen geprüft, ob die Lieferungen \
     pünktlich angekommen sind und ob das Wetter mitspielt.",
    "Danach geht es ins Büro. Dort warten Anträge, Pläne und jede Menge Fragen von Bürgerinnen \
     und Bürgern. Die Inanspruchnahme unserer Beratung ist im letzten Jahr um ein Drittel \
     gestiegen, und das freut uns sehr. Viele Fragen lassen sich fernmündlich klären, manche \
     Baustellen müssen wir aber vor Ort in Augenschein nehmen.",
    "Was mir an meiner Arbeit gefällt? Ich sehe, was wir bauen. Eine Schule, ein Radweg, eine \
     Brücke über den Bach im Stadtpark: Das bleibt für Jahrzehnte und wird jeden Tag von \
     vielen Menschen genutzt. Unsere Mitarbeiter:innen kommen aus ganz unterschiedlichen \
     Berufen, von der Bauzeichnerin bis zum Verwaltungsfachangestellten.",
    "Natürlich ist nicht jeder Tag leicht. Wenn ein Zeitplan wackelt, weil Material fehlt oder \
     ein Gutachten länger dauert, braucht es Geduld und gute Absprachen. Hinsichtlich der \
     Kosten achten wir genau darauf, dass jeder Euro sinnvoll eingesetzt wird, denn es ist \
     das Geld aller Menschen in unserer Stadt. 💶",
    "Besonders stolz bin ich auf unsere Auszubildenden. In diesem Jahr haben drei von ihnen \
     ihre Prüfung bestanden und bleiben bei uns. Sie bringen frische Ideen mit, kennen sich \
     mit digitalen Planungswerkzeugen aus und zeigen uns manchmal, wie es schneller geht. 🎓",
    "Im Sommer eröffnen wir die Kita. Bis dahin sind noch Fenster, Böden und der Spielplatz \
     dran. Ich halte euch auf dem Laufenden und zeige euch Fotos vom Innenausbau, sobald die \
     Handwerksbetriebe fertig sind. Die Pläne liegen zur Einsicht im Rathaus aus.",
    "Und jetzt seid ihr dran: Welches Bauprojekt in eurer Stadt hat euch zuletzt \
     überrascht? Schreibt es mir in die Kommentare! Mehr über die Ausbildung bei uns gibt es \
     auf https://www.musterstadt.de/karriere und bei @Stadt Musterstadt.",
    "#Bauamt #Ausbildung #ÖffentlicherDienst #Kita #Musterstadt",
];

fn post() -> String {
    let mut text = PARAGRAPHS.join("\n\n");
    // Pad to about 3,000 characters with one more ordinary paragraph before the ending.
    let filler = " Jeder Tag bringt neue Aufgaben, und genau das macht die Arbeit spannend.";
    let mut extra = String::from("\n\nEin letzter Gedanke:");
    while text.chars().count() + extra.chars().count() + filler.chars().count() <= 3000 {
        extra.push_str(filler);
    }
    let end = text.find("\n\nUnd jetzt").unwrap_or(text.len());
    text.insert_str(end, &extra);
    text
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let text = post();
    let input = CheckInput {
        text: &text,
        language: Language::De,
        style: InclusiveStyle::Colon,
        authority_page: Some("Stadt Musterstadt"),
    };
    for _ in 0..WARM_UP {
        black_box(check_post(black_box(&input)));
    }
    let mut times = Vec::with_capacity(RUNS);
    let mut checks = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let report = check_post(black_box(&input));
        times.push(start.elapsed());
        checks = black_box(report).checks.len();
    }
    times.sort();
    println!(
        "studio check_post: {} characters, {checks} findings, {RUNS} runs",
        text.chars().count()
    );
    println!(
        "p50 {:?}  p99 {:?}  max {:?}",
        percentile(&times, 0.50),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
}
