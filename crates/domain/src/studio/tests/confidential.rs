use super::*;

#[test]
fn personnel_matters_are_flagged() {
    let text = "Nach der Abmahnung kam die Kündigung. Seine Krankmeldung liegt in der Personalakte; \
                das Disziplinarverfahren läuft.";
    let found = find(&run(text), "personnel_matter");
    let spans: Vec<String> = found.iter().map(|c| spanned(text, c)).collect();
    assert_eq!(
        spans,
        vec![
            "Abmahnung",
            "Kündigung",
            "Krankmeldung",
            "Personalakte",
            "Disziplinarverfahren"
        ]
    );
    assert!(found.iter().all(|c| c.severity == Severity::Warning));
}

#[test]
fn the_salary_of_a_named_person_is_flagged() {
    let text = "Frau Schneider verdient jetzt mehr: ihr Gehalt steigt.";
    let found = find(&run(text), "personnel_matter");
    assert_eq!(spanned(text, &found[0]), "Frau Schneider");
    assert!(found[0].message.contains("Gehalt"));
}

#[test]
fn file_numbers_are_flagged() {
    let text = "Zum Vorgang Az. 61.2-123/2026 und AZ: 32/17-4 sowie 40.1-7/2025.\nTel. 02173/951-0";
    let found = find(&run(text), "file_number");
    let spans: Vec<String> = found.iter().map(|c| spanned(text, c)).collect();
    assert_eq!(
        spans,
        vec!["Az. 61.2-123/2026", "AZ: 32/17-4", "40.1-7/2025"]
    );
}

#[test]
fn dates_and_years_are_not_file_numbers() {
    let text = "Am 24.12.2026 und im Schuljahr 2025/2026 haben wir ein Azubi-Treffen.";
    assert!(find(&run(text), "file_number").is_empty());
}

#[test]
fn tenders_in_progress_are_flagged_but_job_ads_are_not() {
    let text =
        "Die Ausschreibung läuft noch, die Angebotsfrist endet bald. Zwei Bieter fragen nach.";
    let found = find(&run(text), "tender");
    let spans: Vec<String> = found.iter().map(|c| spanned(text, c)).collect();
    assert_eq!(
        spans,
        vec!["Ausschreibung läuft", "Angebotsfrist", "Bieter"]
    );
    let job = "Unsere Stellenausschreibung ist online. Wir bieten viel.";
    assert!(find(&run(job), "tender").is_empty());
}

#[test]
fn a_named_citizen_with_an_address_or_request_is_a_warning() {
    let text =
        "Frau Müller aus der Hauptstraße hat sich gefreut. Herr Özdemir hat beantragt, dass …";
    let report = run(text);
    let found = find(&report, "named_citizen");
    let spans: Vec<String> = found.iter().map(|c| spanned(text, c)).collect();
    assert_eq!(spans, vec!["Frau Müller", "Herr Özdemir"]);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn other_named_people_get_a_reminder_to_ask_first() {
    let text = "Mit Frau Dr. Kaya aus dem Bauamt war ich heute unterwegs.";
    let found = find(&run(text), "named_person");
    assert_eq!(spanned(text, &found[0]), "Frau Dr. Kaya");
    assert_eq!(found[0].severity, Severity::Info);
}

#[test]
fn offices_and_ordinary_uses_of_frau_and_herr_are_not_names() {
    let text = "Frau Bürgermeisterin eröffnet. Sie ist eine starke Frau. Morgen geht es weiter. \
                Herr der Lage bleibt die Feuerwehr.";
    let report = run(text);
    assert!(find(&report, "named_person").is_empty());
    assert!(find(&report, "named_citizen").is_empty());
}
