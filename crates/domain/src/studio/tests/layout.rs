use super::*;

/// A sentence of 49 characters.
const SENTENCE: &str = "Heute war ein guter Tag im Bürgerbüro der Stadt. ";

fn text_of(chars: usize) -> String {
    let mut s = SENTENCE.repeat(chars / 49 + 1);
    s.truncate(s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i));
    s
}

#[test]
fn more_than_3000_characters_is_an_error_marking_the_overflow() {
    let text = text_of(3010);
    assert_eq!(text.chars().count(), 3010);
    let report = run(&text);
    let length = find(&report, "length");
    assert_eq!(length[0].severity, Severity::Error);
    assert_eq!(length[0].span, Some((3000, 3010)));
    assert!(length[0].message.contains("10 Zeichen kürzen"));
}

#[test]
fn exactly_3000_multibyte_characters_are_not_too_long() {
    // "ä" is two bytes: 6,000 bytes, but 3,000 characters.
    let text = "ä".repeat(3000);
    let length = find(&run(&text), "length").remove(0);
    assert_eq!(length.severity, Severity::Warning);
}

#[test]
fn the_recommended_range_gives_info_below_and_a_warning_above() {
    assert_eq!(
        find(&run(&text_of(300)), "length")[0].severity,
        Severity::Info
    );
    assert!(find(&run(&text_of(900)), "length").is_empty());
    assert_eq!(
        find(&run(&text_of(1500)), "length")[0].severity,
        Severity::Warning
    );
}

#[test]
fn the_fold_comes_after_210_characters_in_a_long_line() {
    assert_eq!(run(&text_of(600)).metrics.fold_index, 210);
}

#[test]
fn the_fold_comes_after_three_lines_when_they_are_shorter() {
    let text = "Erste Zeile\nZweite Zeile\n\nVierte Zeile";
    // Line three is blank and ends at character 25, before the fourth line.
    assert_eq!(run(text).metrics.fold_index, 25);
}

#[test]
fn a_short_post_is_not_folded() {
    let text = "Kurz und gut.\nZweite Zeile 😊";
    assert_eq!(run(text).metrics.fold_index, 28);
}

#[test]
fn a_first_line_running_past_the_fold_is_flagged() {
    let first = text_of(260).trim_end().to_owned();
    let text = format!("{first}\n\nMehr dazu im Text.");
    let report = run(&text);
    let hook = find(&report, "hook_fold");
    assert_eq!(hook[0].span, Some((0, first.chars().count())));
    assert!(find(&report, "hook_length").is_empty());
}

#[test]
fn a_long_first_line_before_the_fold_is_flagged() {
    let text = format!("{}\nweiter", text_of(180));
    let report = run(&text);
    assert!(find(&report, "hook_fold").is_empty());
    assert_eq!(find(&report, "hook_length")[0].span, Some((0, 180)));
}

#[test]
fn greeting_formulas_are_not_a_hook() {
    for opening in [
        "Liebe Kolleginnen und Kollegen,",
        "Hallo zusammen!",
        "Sehr geehrte Damen und Herren,",
        "Heute möchte ich euch unser Bauamt zeigen.",
        "\r\n  MOIN aus dem Rathaus!",
    ] {
        let report = run(&format!("{opening}\nDer Rest."));
        assert_eq!(find(&report, "hook_greeting").len(), 1, "{opening}");
    }
}

#[test]
fn the_whole_greeting_formula_is_marked() {
    let text = "Liebe Kolleginnen und Kollegen, heute zeige ich euch das Bauamt.";
    let greeting = find(&run(text), "hook_greeting");
    assert_eq!(
        spanned(text, &greeting[0]),
        "Liebe Kolleginnen und Kollegen"
    );
}

#[test]
fn a_real_hook_is_not_taken_for_a_greeting() {
    let text = "Hallenbad, Haltestelle, Heizung: 3 Baustellen in einer Woche.\nSo läuft's.";
    assert!(find(&run(text), "hook_greeting").is_empty());
}

#[test]
fn a_wall_of_text_without_blank_lines_is_flagged() {
    let wall = text_of(500);
    assert_eq!(find(&run(&wall), "wall_of_text").len(), 1);
    let split = format!("{}\n\n{}", text_of(250), text_of(250));
    assert!(find(&run(&split), "wall_of_text").is_empty());
}

#[test]
fn a_very_long_paragraph_is_marked() {
    let text = format!("Kurzer Einstieg.\r\n\r\n{}\r\n\r\nSchluss?", text_of(520));
    let report = run(&text);
    let long = find(&report, "long_paragraph");
    assert_eq!(long.len(), 1);
    assert_eq!(long[0].span, Some((18, 538)));
}

#[test]
fn a_question_or_call_to_action_at_the_end_is_expected() {
    let plain = "Wir haben heute die neue Kita eröffnet.\n\nDas Team freut sich.\n\n#Kita #Bauen";
    let report = run(plain);
    let ending = find(&report, "ending");
    assert_eq!(spanned(plain, &ending[0]), "Das Team freut sich.");
    let question =
        "Wir haben heute die neue Kita eröffnet.\n\nWas war euer erster Kita-Tag?\n#Kita";
    assert!(find(&run(question), "ending").is_empty());
    let call = "Neue Ausbildungsplätze im Bauamt.\n\nBewerbt euch bis Freitag!";
    assert!(find(&run(call), "ending").is_empty());
}

#[test]
fn an_external_link_suggests_the_first_comment() {
    let text =
        "Alle Stellen: https://www.musterstadt.de/karriere. Und karriere.musterstadt.de/azubi";
    let report = run(text);
    let link = find(&report, "external_link");
    assert_eq!(link.len(), 1);
    assert!(link[0].message.contains("2 Link(s)"));
    assert!(link[0].message.contains("ersten Kommentar"));
    assert_eq!(
        spanned(text, &link[0]),
        "https://www.musterstadt.de/karriere"
    );
}

#[test]
fn an_email_address_is_not_a_link() {
    assert!(
        find(
            &run("Schreibt an ausbildung@musterstadt.de"),
            "external_link"
        )
        .is_empty()
    );
}

#[test]
fn too_many_emoji_per_100_characters_are_flagged() {
    let text = "Heute 🎉🎉 Kita 🚧 eröffnet 👩🏽‍💻 👨‍👩‍👧 🇩🇪 1️⃣!";
    let report = run(text);
    let emoji = find(&report, "emoji_density");
    // ZWJ families, skin tones, flags and keycaps count once each: 7 emoji.
    assert!(
        emoji[0].message.starts_with("7 Emoji"),
        "{}",
        emoji[0].message
    );
    let calm = format!("{} 🎉", text_of(400));
    assert!(find(&run(&calm), "emoji_density").is_empty());
}

#[test]
fn a_missing_mention_of_the_authority_page_is_suggested() {
    let page = Some("Stadt Musterstadt");
    let missing = run_with("Wir bauen eine Kita.", InclusiveStyle::Off, page);
    assert!(
        find(&missing, "authority_mention")[0]
            .message
            .contains("mit @")
    );
    let unlinked = run_with("Die Stadt Musterstadt baut.", InclusiveStyle::Off, page);
    let check = find(&unlinked, "authority_mention").remove(0);
    assert!(check.message.contains("nicht verlinkt"));
    assert_eq!(check.span, Some((4, 21)));
    let linked = run_with("Die @Stadt Musterstadt baut.", InclusiveStyle::Off, page);
    assert!(find(&linked, "authority_mention").is_empty());
    let markup = "Die @[Stadt Musterstadt](urn:li:organization:1) baut.";
    assert!(
        find(
            &run_with(markup, InclusiveStyle::Off, page),
            "authority_mention"
        )
        .is_empty()
    );
    assert!(find(&run("Wir bauen eine Kita."), "authority_mention").is_empty());
}
