use super::*;

#[test]
fn hashtags_are_listed_once_without_the_hash_in_their_first_spelling() {
    let text = "Wir bilden aus! #Ausbildung #ÖffentlicherDienst #Straßenbau\n#ausbildung";
    let report = run(text);
    assert_eq!(
        report.metrics.hashtags,
        vec!["Ausbildung", "ÖffentlicherDienst", "Straßenbau"]
    );
    let duplicate = find(&report, "hashtag_duplicate");
    assert_eq!(spanned(text, &duplicate[0]), "#ausbildung");
}

#[test]
fn three_to_five_hashtags_need_no_comment() {
    assert!(find(&run("Text #Eins #Zwei #Drei"), "hashtag_count").is_empty());
    assert!(find(&run("Text #A1 #B2 #C3 #D4 #E5"), "hashtag_count").is_empty());
}

#[test]
fn too_few_hashtags_give_info_and_too_many_a_warning() {
    assert_eq!(
        find(&run("Text ohne"), "hashtag_count")[0].severity,
        Severity::Info
    );
    let one = find(&run("Text #Kita"), "hashtag_count").remove(0);
    assert_eq!(one.severity, Severity::Info);
    assert!(one.message.starts_with("1 Hashtag"));
    let many = run("Text #A #B #C #D #E #F #G");
    assert_eq!(find(&many, "hashtag_count")[0].severity, Severity::Warning);
}

#[test]
fn a_hyphen_inside_a_hashtag_cuts_it_and_camel_case_is_suggested() {
    let text = "Kommt vorbei! #Tag-der-offenen-Tür #Kita";
    let report = run(text);
    let form = find(&report, "hashtag_form");
    assert_eq!(form.len(), 1);
    assert_eq!(spanned(text, &form[0]), "#Tag-der-offenen-Tür");
    assert!(form[0].message.contains("#TagDerOffenenTür"));
}

#[test]
fn a_soft_hyphen_inside_a_hashtag_is_named() {
    let report = run("Wir sind #Öffentlicher\u{AD}Dienst");
    let form = find(&report, "hashtag_form");
    assert!(form[0].message.contains("unsichtbaren Trennstrich"));
    assert!(form[0].message.contains("#ÖffentlicherDienst"));
}

#[test]
fn punctuation_after_a_hashtag_at_the_end_of_a_sentence_is_fine() {
    let report = run("Das ist #Verwaltung. Und #Bauen, #Kita!");
    assert!(find(&report, "hashtag_form").is_empty());
}

#[test]
fn a_space_after_the_hash_is_flagged() {
    let text = "Mehr zur # Ausbildung bald.";
    let form = find(&run(text), "hashtag_form").remove(0);
    assert_eq!(spanned(text, &form), "# Ausbildung");
    assert!(form.message.contains("#Ausbildung"));
}

#[test]
fn all_caps_hashtags_are_flagged_but_short_abbreviations_are_not() {
    let report = run("Wir nutzen #KI und #NRW in der #VERWALTUNG");
    let form = find(&report, "hashtag_form");
    assert_eq!(form.len(), 1);
    assert!(form[0].message.contains("#Verwaltung"));
}

#[test]
fn long_lowercase_hashtags_get_a_camel_case_hint() {
    let text = "Wir sind #öffentlicherdienst und #kita";
    let form = find(&run(text), "hashtag_form");
    assert_eq!(form.len(), 1);
    assert_eq!(form[0].severity, Severity::Info);
    assert_eq!(spanned(text, &form[0]), "#öffentlicherdienst");
}

#[test]
fn digit_only_hashtags_are_flagged_and_anchors_are_not_hashtags() {
    let report = run("Seit #2026 dabei. Siehe musterstadt.de/seite#abschnitt und Nr.#5");
    let form = find(&report, "hashtag_form");
    assert_eq!(form.len(), 1);
    assert!(form[0].message.contains("#2026"));
    assert_eq!(report.metrics.hashtags, vec!["2026"]);
}
