use super::*;

#[test]
fn the_report_serialises_to_the_agreed_json_shape() {
    let report = run("Wir bauen!\n\n#Bauen #Stadt");
    let json = serde_json::to_value(&report).unwrap_or_default();
    let first = &json["checks"][0];
    assert!(first["id"].is_string());
    assert!(["info", "warning", "error"].contains(&first["severity"].as_str().unwrap_or("")));
    assert!(first["message"].is_string());
    let m = &json["metrics"];
    for key in [
        "characters",
        "words",
        "sentences",
        "syllables",
        "flesch_amstad",
        "wiener_sachtextformel",
        "fold_index",
    ] {
        assert!(m[key].is_number(), "{key} missing");
    }
    assert_eq!(m["hashtags"], serde_json::json!(["Bauen", "Stadt"]));
}

#[test]
fn severities_serialise_in_snake_case() {
    let json = serde_json::to_string(&[Severity::Info, Severity::Warning, Severity::Error])
        .unwrap_or_default();
    assert_eq!(json, r#"["info","warning","error"]"#);
}

#[test]
fn a_check_without_a_span_leaves_the_span_out() {
    let check = Check::new("x", Severity::Info, "m".to_owned());
    let json = serde_json::to_string(&check).unwrap_or_default();
    assert_eq!(json, r#"{"id":"x","severity":"info","message":"m"}"#);
}

#[test]
fn characters_are_counted_as_unicode_scalars_not_bytes() {
    let text = "Größe: 🎉 Straße ÄÖÜ";
    assert_eq!(text.len(), 28);
    assert_eq!(run(text).metrics.characters, 19);
}

#[test]
fn a_crlf_line_break_counts_as_one_character() {
    let report = run("Zeile eins\r\nZeile zwei\rZeile drei");
    assert_eq!(report.metrics.characters, 32);
    assert_eq!(report.metrics.sentences, 3);
}

#[test]
fn an_empty_text_gets_a_friendly_start_and_zero_figures() {
    let report = run("  \n ");
    assert_eq!(ids(&report), vec!["empty"]);
    assert_eq!(report.metrics.words, 0);
    assert_eq!(report.metrics.flesch_amstad, 0.0);
    assert_eq!(report.metrics.hardest_sentence, None);
}

#[test]
fn messages_follow_the_requested_language() {
    let input = CheckInput {
        text: "Hallo zusammen, heute geht es um unsere Kita.",
        language: Language::En,
        style: InclusiveStyle::Off,
        authority_page: None,
    };
    let report = check_post(&input);
    let greeting = find(&report, "hook_greeting");
    assert!(greeting[0].message.contains("is a greeting"));
    let german = find(&run(input.text), "hook_greeting")[0].message.clone();
    assert!(german.contains("ist eine Anrede"));
}

#[test]
fn styles_and_languages_parse_from_their_stored_text() {
    assert_eq!("pair_forms".parse(), Ok(InclusiveStyle::PairForms));
    assert_eq!("en".parse(), Ok(Language::En));
    assert!("gendergap".parse::<InclusiveStyle>().is_err());
}

/// A post that trips most checks at once.
const KITCHEN_SINK: &str = "Hallo zusammen, heute möchte ich etwas zeigen!\n\
    Die Mitarbeiter und Kolleg*innen haben seitens der Leitung die Inanspruchnahme geprüft. \
    Frau Müller aus der Hauptstraße hat beantragt, Az. 61.2-123/2026, die Ausschreibung läuft. \
    🎉🎉🎉🎉 https://musterstadt.de # Bauen #Tag-der-offenen-Tür #VERWALTUNG #Kita #Kita";

#[test]
fn every_english_message_is_english() {
    let report = check_post(&CheckInput {
        text: KITCHEN_SINK,
        language: Language::En,
        style: InclusiveStyle::PairForms,
        authority_page: Some("Stadt Musterstadt"),
    });
    assert!(report.checks.len() >= 15, "{:?}", ids(&report));
    for check in &report.checks {
        assert!(
            !check.message.contains('„'),
            "{}: {}",
            check.id,
            check.message
        );
        assert!(
            !check.message.contains(" Sie "),
            "{}: {}",
            check.id,
            check.message
        );
    }
}

#[test]
fn odd_input_does_not_break_the_checks() {
    let long_word = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung";
    for text in [
        "#",
        "@",
        "# ",
        "🎉",
        "\u{200D}",
        "a\u{0308}",
        "...!?",
        long_word,
        "Frau",
        "Az.",
        "\r",
    ] {
        let report = run_with(text, InclusiveStyle::Neutral, Some("@"));
        assert!(report.metrics.characters <= text.chars().count());
    }
    // Grund-stücks-ver-kehrs-ge-neh-mi-gungs-zu-stän-dig-keits-ü-ber-tra-gungs-ver-ord-nung
    assert_eq!(syllables(long_word), 19);
}
