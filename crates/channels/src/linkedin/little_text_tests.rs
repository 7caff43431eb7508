use super::*;

fn org() -> Mention {
    Mention {
        name: "Stadt Musterstadt".to_owned(),
        urn: "urn:li:organization:123".to_owned(),
    }
}

/// Undoes the escaping, to show that no literal character is lost.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn ordinary_german_text_with_umlauts_and_emoji_passes_unchanged() {
    let text = "Grüße aus dem Bürgerbüro! Heute: Straßenfest 🎉🙂 – schön, dass ihr da wart.";
    assert_eq!(little_text(text, &[]), text);
}

#[test]
fn brackets_in_ordinary_text_are_escaped_and_hashtags_use_their_syntax() {
    assert_eq!(
        little_text(
            "Heute zeige ich euch unsere neue Kita (Rheinpromenade) #Bauen",
            &[]
        ),
        r"Heute zeige ich euch unsere neue Kita \(Rheinpromenade\) {hashtag|\#|Bauen}"
    );
}

#[test]
fn every_reserved_character_is_escaped_and_none_is_lost() {
    let text = r"a\b|c{d}e@f[g]h(i)j<k>l#m*n_o~p";
    let escaped = little_text(text, &[]);
    assert_eq!(escaped, r"a\\b\|c\{d\}e\@f\[g\]h\(i\)j\<k\>l\#m\*n\_o\~p");
    assert_eq!(unescape(&escaped), text);
}

#[test]
fn a_hashtag_with_umlauts_keeps_its_letters() {
    assert_eq!(
        little_text("#Öffentlichkeitsarbeit und #Ausbildung2025", &[]),
        r"{hashtag|\#|Öffentlichkeitsarbeit} und {hashtag|\#|Ausbildung2025}"
    );
}

#[test]
fn a_hashtag_ends_at_punctuation() {
    assert_eq!(
        little_text("Wir bilden aus (#Ausbildung).", &[]),
        r"Wir bilden aus \({hashtag|\#|Ausbildung}\)."
    );
}

#[test]
fn a_hashtag_right_after_an_emoji_is_still_a_hashtag() {
    assert_eq!(little_text("🎉#Feier", &[]), r"🎉{hashtag|\#|Feier}");
}

#[test]
fn a_hash_inside_a_word_is_a_literal() {
    assert_eq!(
        little_text("Kurs in C# und F#", &[]),
        r"Kurs in C\# und F\#"
    );
}

#[test]
fn a_hash_before_a_number_is_a_literal() {
    assert_eq!(
        little_text("Platz #1 im Ranking", &[]),
        r"Platz \#1 im Ranking"
    );
}

#[test]
fn a_lone_hash_is_a_literal() {
    assert_eq!(little_text("# Überschrift #", &[]), r"\# Überschrift \#");
}

#[test]
fn an_underscore_ends_a_hashtag_and_is_escaped() {
    assert_eq!(little_text("#Work_Life", &[]), r"{hashtag|\#|Work}\_Life");
}

#[test]
fn a_web_address_is_escaped_but_its_anchor_is_no_hashtag() {
    let text = "Mehr: https://de.wikipedia.org/wiki/Monheim_am_Rhein_(Stadt)#Geschichte #Heimat";
    let escaped = little_text(text, &[]);
    assert_eq!(
        escaped,
        r"Mehr: https://de.wikipedia.org/wiki/Monheim\_am\_Rhein\_\(Stadt\)\#Geschichte {hashtag|\#|Heimat}"
    );
    assert_eq!(
        unescape(&escaped.replace(r"{hashtag|\#|Heimat}", "#Heimat")),
        text
    );
}

#[test]
fn an_address_without_scheme_keeps_its_anchor_literal() {
    assert_eq!(
        little_text("www.musterstadt.de/#kontakt und musterstadt.de/#team", &[]),
        r"www.musterstadt.de/\#kontakt und musterstadt.de/\#team"
    );
}

#[test]
fn a_listed_mention_becomes_a_link_to_the_page() {
    assert_eq!(
        little_text("Danke an @Stadt Musterstadt für den Tag!", &[org()]),
        "Danke an @[Stadt Musterstadt](urn:li:organization:123) für den Tag!"
    );
}

#[test]
fn a_mention_not_listed_is_an_escaped_literal() {
    assert_eq!(
        little_text("Hallo @Max, schreib an info@musterstadt.de", &[org()]),
        r"Hallo \@Max, schreib an info\@musterstadt.de"
    );
}

#[test]
fn a_mention_must_match_a_whole_name() {
    assert_eq!(
        little_text("@Stadt Musterstadtwerke", &[org()]),
        r"\@Stadt Musterstadtwerke"
    );
}

#[test]
fn the_longest_listed_name_wins() {
    let culture = Mention {
        name: "Stadt Musterstadt Kultur".to_owned(),
        urn: "urn:li:organization:456".to_owned(),
    };
    assert_eq!(
        little_text("@Stadt Musterstadt Kultur lädt ein", &[org(), culture]),
        "@[Stadt Musterstadt Kultur](urn:li:organization:456) lädt ein"
    );
}

#[test]
fn reserved_characters_in_a_mentioned_name_are_escaped() {
    let m = Mention {
        name: "Kita (Rheinpromenade)".to_owned(),
        urn: "urn:li:organization:9".to_owned(),
    };
    assert_eq!(
        little_text("Grüße an @Kita (Rheinpromenade)!", &[m]),
        r"Grüße an @[Kita \(Rheinpromenade\)](urn:li:organization:9)!"
    );
}

#[test]
fn markdown_like_emphasis_is_kept_literally() {
    assert_eq!(
        little_text("*wichtig* und _neu_ ~ <3", &[]),
        r"\*wichtig\* und \_neu\_ \~ \<3"
    );
}

#[test]
fn line_breaks_survive() {
    assert_eq!(
        little_text("Zeile 1\n\n#Zeile2", &[]),
        "Zeile 1\n\n{hashtag|\\#|Zeile2}"
    );
}

#[test]
fn escape_alone_reads_no_hashtags() {
    assert_eq!(escape("#Bauen (neu)"), r"\#Bauen \(neu\)");
}
