use super::*;

/// Two sentences whose syllables are counted by hand:
/// "Die(1) Stadt(1) baut(1) ei-ne(2) neu-e(2) Schu-le(2)." → 6 words, 9 syllables
/// "Wir(1) su-chen(2) Mit-ar-bei-ten-de(5) für(1) die(1) Ver-wal-tung(3)." → 6 words, 13 syllables
const TWO_SENTENCES: &str =
    "Die Stadt baut eine neue Schule. Wir suchen Mitarbeitende für die Verwaltung.";

#[test]
fn syllables_follow_german_hyphenation() {
    for (word, n) in [
        ("Stadt", 1),
        ("Straße", 2),
        ("Schule", 2),
        ("Verwaltung", 3),
        ("Mitarbeitende", 5),
        ("Öffentlichkeitsarbeit", 6),
        ("Verwaltungsfachangestellte", 8),
        ("Theater", 3),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

#[test]
fn one_letter_edge_syllables_are_counted_by_vowel_groups() {
    // The hyphenation patterns leave these words whole; A-bend, I-dee, neu-e, O-fen, Ü-bung.
    for (word, n) in [
        ("Abend", 2),
        ("Idee", 2),
        ("neue", 2),
        ("Ofen", 2),
        ("Übung", 2),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

#[test]
fn diphthongs_doubled_vowels_and_qu_count_once() {
    for (word, n) in [
        ("Bauer", 2),
        ("Feuer", 2),
        ("See", 1),
        ("Quelle", 2),
        ("Biene", 2),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

#[test]
fn hyphenated_and_gendered_words_count_their_parts() {
    assert_eq!(syllables("E-Mail"), 2);
    // Mit-ar-bei-ter (4) + in-nen (2)
    assert_eq!(syllables("Mitarbeiter:innen"), 6);
}

#[test]
fn words_sentences_and_syllables_are_counted() {
    let m = run(TWO_SENTENCES).metrics;
    assert_eq!((m.words, m.sentences, m.syllables), (12, 2, 22));
}

#[test]
fn flesch_after_amstad_matches_the_hand_computed_value() {
    // 180 − ASL − 58.5 × ASW = 180 − 12/2 − 58.5 × 22/12 = 180 − 6 − 107.25 = 66.75 → 66.8
    assert_eq!(run(TWO_SENTENCES).metrics.flesch_amstad, 66.8);
}

#[test]
fn the_wiener_sachtextformel_matches_the_hand_computed_value() {
    // MS: 2 of 12 words with ≥ 3 syllables (Mitarbeitende, Verwaltung) = 16.667 %
    // SL: 6 words per sentence
    // IW: 2 of 12 words with > 6 letters (Mitarbeitende, Verwaltung) = 16.667 %
    // ES: 6 of 12 one-syllable words (Die, Stadt, baut, Wir, für, die) = 50 %
    // 0.1935·16.667 + 0.1672·6 + 0.1297·16.667 − 0.0327·50 − 0.875
    //   = 3.225 + 1.0032 + 2.1617 − 1.635 − 0.875 = 3.8799 → 3.9
    assert_eq!(run(TWO_SENTENCES).metrics.wiener_sachtextformel, 3.9);
}

#[test]
fn the_hardest_sentence_has_the_lowest_reading_ease() {
    // First: 180 − 6 − 58.5 × 9/6 = 86.25; second: 180 − 6 − 58.5 × 13/6 = 47.25
    let m = run(TWO_SENTENCES).metrics;
    assert_eq!(
        m.hardest_sentence.as_deref(),
        Some("Wir suchen Mitarbeitende für die Verwaltung.")
    );
}

#[test]
fn hashtags_links_mentions_and_emoji_do_not_count_for_readability() {
    let text = format!(
        "{TWO_SENTENCES} 🎉👍🏽\n\n#Ausbildung #ÖffentlicherDienst\nhttps://musterstadt.de/karriere\n@Stadt Musterstadt"
    );
    let m = run_with(&text, InclusiveStyle::Colon, Some("Stadt Musterstadt")).metrics;
    assert_eq!((m.words, m.sentences, m.syllables), (12, 2, 22));
    assert_eq!(m.flesch_amstad, 66.8);
}

#[test]
fn abbreviations_ordinals_and_numbers_do_not_end_a_sentence() {
    let m = run("Am 1. Mai kommt z. B. Dr. Kaya ins Rathaus. Es kostet ca. 3.000 Euro.").metrics;
    assert_eq!(m.sentences, 2);
}

#[test]
fn line_breaks_end_sentences_without_punctuation() {
    let m = run("Neue Kita eröffnet\nWir sind stolz\nKommt vorbei").metrics;
    assert_eq!(m.sentences, 3);
}

fn long_sentence() -> String {
    let mut s = String::from("Die Verwaltung");
    for _ in 0..14 {
        s.push_str(" prüft Anträge");
    }
    s.push('.');
    s
}

#[test]
fn a_sentence_of_more_than_25_words_is_marked() {
    let text = long_sentence();
    let report = run(&text);
    let long = find(&report, "long_sentence");
    assert_eq!(long.len(), 1);
    assert!(long[0].message.contains("30 Wörtern"));
    assert_eq!(spanned(&text, &long[0]), text);
}

#[test]
fn hard_text_gets_a_readability_warning_and_easy_text_none() {
    let hard = "Die Verwaltungsfachangestellte koordiniert Digitalisierungsvorhaben. ".repeat(8);
    let report = run(&hard);
    let r = find(&report, "readability");
    assert_eq!(r[0].severity, Severity::Warning);
    assert!(r[0].message.contains("sehr schwer"));
    assert!(r[0].message.starts_with("Lesbarkeit -"), "{}", r[0].message);
    assert_eq!(
        spanned(&hard, &r[0]),
        "Die Verwaltungsfachangestellte koordiniert Digitalisierungsvorhaben."
    );
    let easy = "Wir bauen ein Haus. Es wird schön. Kommt doch mal vorbei. ".repeat(4);
    assert!(find(&run(&easy), "readability").is_empty());
}

#[test]
fn a_short_exclamation_is_not_the_hardest_sentence() {
    // "Herz-lich will-kom-men!" scores 180 − 2 − 58.5 × 5/2 = 31.75, lower than the second
    // sentence's 47.25, but two words are too few to judge.
    let text = format!("Herzlich willkommen! {TWO_SENTENCES}");
    assert_eq!(
        run(&text).metrics.hardest_sentence.as_deref(),
        Some("Wir suchen Mitarbeitende für die Verwaltung.")
    );
    assert_eq!(
        run("Herzlich willkommen!")
            .metrics
            .hardest_sentence
            .as_deref(),
        Some("Herzlich willkommen!")
    );
}

#[test]
fn the_rest_of_a_hashtag_cut_by_a_hyphen_is_not_prose() {
    let text = format!("{TWO_SENTENCES}\n#Tag-der-offenen-Tür #Kita");
    let m = run(&text).metrics;
    assert_eq!((m.words, m.sentences), (12, 2));
}
