use super::*;

fn style_findings(text: &str, style: InclusiveStyle) -> Vec<String> {
    find(&run_with(text, style, None), "inclusive_style")
        .iter()
        .map(|c| spanned(text, c))
        .collect()
}

const MIXED: &str =
    "Unsere Mitarbeiter:innen, Kolleg*innen, Bürger_innen, LehrerInnen und Nutzer/-innen.";

#[test]
fn with_colon_style_other_gender_signs_are_flagged() {
    assert_eq!(
        style_findings(MIXED, InclusiveStyle::Colon),
        vec![
            "Kolleg*innen",
            "Bürger_innen",
            "LehrerInnen",
            "Nutzer/-innen"
        ]
    );
    let report = run_with("Liebe Kolleg*innen", InclusiveStyle::Colon, None);
    assert!(
        find(&report, "inclusive_style")[0]
            .message
            .contains("„Kolleg:innen“")
    );
}

#[test]
fn with_star_style_the_colon_is_flagged() {
    let found = find(
        &run_with(MIXED, InclusiveStyle::Star, None),
        "inclusive_style",
    );
    assert_eq!(spanned(MIXED, &found[0]), "Mitarbeiter:innen");
    assert!(found[0].message.contains("„Mitarbeiter*innen“"));
    assert_eq!(found.len(), 4);
}

#[test]
fn with_pair_forms_every_gender_sign_is_flagged_with_the_pair_form() {
    let report = run_with(
        "Die Mitarbeiter:innen und eine Bürger*in.",
        InclusiveStyle::PairForms,
        None,
    );
    let found = find(&report, "inclusive_style");
    assert_eq!(found.len(), 2);
    assert!(
        found[0]
            .message
            .contains("„Mitarbeiterinnen und Mitarbeiter“")
    );
    assert!(found[0].message.contains("untersagt"));
    assert!(found[1].message.contains("„Bürgerin oder Bürger“"));
}

#[test]
fn with_neutral_style_a_neutral_word_is_suggested() {
    let report = run_with(
        "Alle Mitarbeiter*innen und Student:innen",
        InclusiveStyle::Neutral,
        None,
    );
    let found = find(&report, "inclusive_style");
    assert!(found[0].message.contains("Mitarbeitende"));
    assert!(found[1].message.contains("Studierende"));
}

#[test]
fn the_authoritys_own_sign_and_neutral_words_pass() {
    let text = "Unsere Mitarbeiter:innen und Beschäftigten, Mitarbeitende und Auszubildende.";
    assert!(style_findings(text, InclusiveStyle::Colon).is_empty());
    assert!(find(&run(text), "generic_masculine").is_empty());
}

#[test]
fn links_times_and_linkedin_are_not_gender_forms() {
    let text = "Um 10:30 auf LinkedIn: https://www.linkedin.com/in/maxi-muster Innenstadt";
    assert!(style_findings(text, InclusiveStyle::PairForms).is_empty());
}

#[test]
fn the_generic_masculine_of_role_nouns_gets_a_suggestion_as_info() {
    let text = "Die Mitarbeiter im Bürgerbüro helfen allen Bürgern gern.";
    let report = run_with(text, InclusiveStyle::Colon, None);
    let found = find(&report, "generic_masculine");
    let spans: Vec<String> = found.iter().map(|c| spanned(text, c)).collect();
    assert_eq!(spans, vec!["Die Mitarbeiter", "allen Bürgern"]);
    assert_eq!(found[0].severity, Severity::Info);
    assert!(found[0].message.contains("„Mitarbeiter:innen“"));
    let pairs = run_with(text, InclusiveStyle::PairForms, None);
    assert!(
        find(&pairs, "generic_masculine")[1]
            .message
            .contains("Bürgerinnen und Bürger")
    );
}

#[test]
fn pair_forms_and_a_named_colleague_are_not_generic_masculine() {
    let text = "Die Mitarbeiter und Mitarbeiterinnen danken dem Mitarbeiter Herrn Kaya.";
    assert!(find(&run(text), "generic_masculine").is_empty());
}

#[test]
fn the_off_style_checks_nothing() {
    let report = run_with(
        "Die Mitarbeiter und Kolleg*innen",
        InclusiveStyle::Off,
        None,
    );
    assert!(find(&report, "inclusive_style").is_empty());
    assert!(find(&report, "generic_masculine").is_empty());
}
