use super::*;
use crate::studio::plain_language::PHRASES;

#[test]
fn the_list_has_at_least_sixty_phrases_each_with_an_alternative() {
    assert!(PHRASES.len() >= 60, "{}", PHRASES.len());
    for (pattern, alternative) in PHRASES {
        assert_eq!(*pattern, pattern.to_lowercase(), "patterns are lowercase");
        assert!(!alternative.is_empty());
    }
}

#[test]
fn bureaucratic_phrases_are_reported_with_their_plain_alternative() {
    let text = "Bitte nehmen Sie das zur Kenntnis. Wir werden die Baustelle in Augenschein nehmen \
                und die Inanspruchnahme seitens der Bürger fernmündlich klären.";
    let report = run(text);
    let found = find(&report, "plain_language");
    let pairs: Vec<(String, &str)> = found
        .iter()
        .map(|c| (spanned(text, c), c.message.as_str()))
        .collect();
    assert_eq!(
        pairs.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
        vec![
            "zur Kenntnis",
            "in Augenschein",
            "Inanspruchnahme",
            "seitens",
            "fernmündlich"
        ]
    );
    assert!(pairs[0].1.contains("„lesen, erfahren, wissen“"));
    assert!(pairs[2].1.contains("„Nutzung“"));
    assert!(pairs[3].1.contains("„von“"));
    assert!(pairs[4].1.contains("„telefonisch“"));
}

#[test]
fn matching_ignores_case_and_accepts_inflected_endings() {
    let text = "DIE UNTERLAGEN WURDEN POSTALISCH VERSANDT. Das Formular findet Verwendung.";
    let found = find(&run(text), "plain_language");
    let spans: Vec<String> = found.iter().map(|c| spanned(text, c)).collect();
    assert_eq!(spans, vec!["POSTALISCH", "findet Verwendung"]);
    let verbose = "Diese Regel findet keine Anwendung. Sie fand Verwendung finden.";
    let later: Vec<String> = find(&run(verbose), "plain_language")
        .iter()
        .map(|c| spanned(verbose, c))
        .collect();
    assert_eq!(later, vec!["Verwendung finden"]);
}

#[test]
fn phrases_match_only_on_word_boundaries() {
    // "Seitenstraße" contains "seite", "Ferner" only as part of "Fernerkundung".
    let text = "In der Seitenstraße testen wir Fernerkundung und postalische Wege.";
    let found = find(&run(text), "plain_language");
    assert_eq!(found.len(), 1);
    assert_eq!(spanned(text, &found[0]), "postalische");
}

#[test]
fn english_messages_name_the_plain_german_alternative() {
    let report = check_post(&CheckInput {
        text: "Zwecks Planung bitte melden.",
        language: Language::En,
        style: InclusiveStyle::Off,
        authority_page: None,
    });
    let found = find(&report, "plain_language");
    assert!(found[0].message.contains("officialese"));
    assert!(found[0].message.contains("für, zum"));
}
