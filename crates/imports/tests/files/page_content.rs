use amtfluencer_domain::studio::Language;
use amtfluencer_imports::{FileKind, ImportError, PostIdKind, PostKey, RowProblemKind, parse};
use chrono::NaiveDate;

use crate::build::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

const DESCRIPTION: V = T(
    "Aggregierte Kennzahlen für Updates, die von Stadt Musterstadt am Rhein veröffentlicht wurden. Die Daten sind nicht in Echtzeit.",
);

fn english() -> Vec<u8> {
    let header = vec![
        T("Post title"),
        T("Post link"),
        T("Post type"),
        T("Posted by"),
        T("Created date"),
        T("Audience"),
        T("Impressions"),
        T("Views"),
        T("Offsite views"),
        T("Clicks"),
        T("Click through rate (CTR)"),
        T("Likes"),
        T("Comments"),
        T("Reposts"),
        T("Follows"),
        T("Engagement rate"),
        T("Content Type"),
    ];
    let posts = vec![
        vec![DESCRIPTION],
        header,
        vec![
            T("Unsere neue Kita an der Rheinpromenade ist fertig!"),
            T(LINK_1),
            T("Organic"),
            T("Jana Beispiel"),
            D(2025, 3, 4),
            T("All followers"),
            N(1234.0),
            E,
            E,
            N(56.0),
            N(0.045),
            N(78.0),
            N(9.0),
            N(3.0),
            N(2.0),
            N(0.118),
            T("Image"),
        ],
        vec![
            T("Brückenprüfung auf der Rheinbrücke"),
            T(LINK_3),
            T("Organic"),
            T("Jana Beispiel"),
            T("03/05/2025"),
            T("All followers"),
            T("2,345"),
            E,
            E,
            T("12"),
            T("5.5%"),
            T("40"),
            T("4"),
            T("0"),
            T("-"),
            T("3.1%"),
            T("Video"),
        ],
    ];
    let days = vec![
        vec![T("Daily metrics for Stadt Musterstadt am Rhein")],
        vec![
            T("Date"),
            T("Impressions (organic)"),
            T("Impressions (sponsored)"),
            T("Impressions (total)"),
            T("Unique impressions (organic)"),
            T("Clicks (organic)"),
            T("Clicks (sponsored)"),
            T("Reactions (organic)"),
            T("Comments (organic)"),
            T("Reposts (organic)"),
            T("Engagement rate (organic)"),
        ],
        vec![
            D(2025, 3, 4),
            N(900.0),
            N(100.0),
            N(1000.0),
            N(700.0),
            N(30.0),
            N(5.0),
            N(50.0),
            N(6.0),
            N(2.0),
            N(0.09),
        ],
        vec![
            T("03/05/2025"),
            N(400.0),
            E,
            E,
            N(350.0),
            N(8.0),
            E,
            N(20.0),
            N(1.0),
            N(0.0),
            T("6,5 %"),
        ],
    ];
    xlsx(&[("Update metrics", posts), ("Metrics", days)])
}

#[test]
fn an_english_content_export_gives_posts_and_days() {
    let parsed = parse(FileKind::PageContent, &english()).expect("parsed");
    assert_eq!(parsed.posts.len(), 2);
    assert_eq!(
        parsed.posts[0].line, 3,
        "the description row and the header come first"
    );
    let kita = parsed.posts[0].value.as_ref().expect("first post");
    assert_eq!(
        kita.key,
        Some(PostKey {
            kind: PostIdKind::Activity,
            id: 7_300_000_000_000_000_001
        })
    );
    assert_eq!(
        kita.title.as_deref(),
        Some("Unsere neue Kita an der Rheinpromenade ist fertig!")
    );
    assert_eq!(kita.created, Some(date(2025, 3, 4)));
    assert_eq!(
        (kita.impressions, kita.clicks, kita.reactions),
        (Some(1234), Some(56), Some(78))
    );
    assert_eq!(
        (kita.comments, kita.reposts, kita.follows),
        (Some(9), Some(3), Some(2))
    );
    assert_eq!(kita.engagement_rate, Some(0.118));

    let bridge = parsed.posts[1]
        .value
        .as_ref()
        .expect("second post, figures as text");
    assert_eq!(bridge.key.map(|k| k.id), Some(7_300_000_000_000_000_003));
    assert_eq!(bridge.created, Some(date(2025, 3, 5)), "US order");
    assert_eq!(bridge.impressions, Some(2345));
    assert_eq!(bridge.click_through_rate, Some(0.055));
    assert_eq!(bridge.follows, None);

    assert_eq!(parsed.page_days.len(), 2);
    let first = parsed.page_days[0].value.as_ref().expect("day");
    assert_eq!(
        (first.day, first.impressions, first.unique_impressions),
        (date(2025, 3, 4), Some(1000), Some(700))
    );
    assert_eq!(
        first.clicks,
        Some(35),
        "organic plus sponsored without a total column"
    );
    let second = parsed.page_days[1].value.as_ref().expect("day");
    assert_eq!(
        (second.impressions, second.engagement_rate),
        (Some(400), Some(0.065))
    );
    assert_eq!(parsed.covers, Some((date(2025, 3, 4), date(2025, 3, 5))));
    assert!(parsed.problems().is_empty());
}

#[test]
fn german_headers_with_numbers_and_dates_as_german_text_are_read() {
    let sheet = vec![
        vec![DESCRIPTION],
        vec![E],
        vec![
            T("Titel des Beitrags"),
            T("Link zum Beitrag"),
            T("Erstellungsdatum"),
            T("  IMPRESSIONEN "),
            T("Klicks"),
            T("Klickrate"),
            T("Reaktionen"),
            T("Kommentare"),
            T("Reposts"),
            T("Engagement-Rate"),
        ],
        vec![
            T("Sperrmüll: ein Tag mit der Abfallwirtschaft"),
            T(LINK_2),
            T("17.02.2025"),
            T("1.234"),
            T("1.002"),
            T("12,5 %"),
            T("87"),
            T("5"),
            T("1"),
            T("4,25 %"),
        ],
    ];
    let parsed = parse(FileKind::PageContent, &xlsx(&[("Beiträge", sheet)])).expect("parsed");
    let post = parsed.posts[0].value.as_ref().expect("post");
    assert_eq!(parsed.posts[0].line, 4);
    assert_eq!(post.created, Some(date(2025, 2, 17)));
    assert_eq!(
        (post.impressions, post.clicks, post.reactions),
        (Some(1234), Some(1002), Some(87))
    );
    assert_eq!(post.click_through_rate, Some(0.125));
    assert_eq!(post.engagement_rate, Some(0.0425));
    assert!(parsed.page_days.is_empty(), "no daily sheet in this file");
}

#[test]
fn a_missing_required_column_is_named_in_german_and_english() {
    let sheet = vec![
        vec![DESCRIPTION],
        vec![
            T("Post title"),
            T("Post link"),
            T("Created date"),
            T("Clicks"),
            T("Likes"),
        ],
        vec![T("Kita"), T(LINK_1), T("03/04/2025"), N(1.0), N(2.0)],
    ];
    let err = parse(FileKind::PageContent, &xlsx(&[("Posts", sheet)])).expect_err("no impressions");
    assert!(
        matches!(&err, ImportError::MissingColumn { column, .. } if column == "Impressions"),
        "{err:?}"
    );
    let de = err.to_string();
    assert!(
        de.contains("fehlt die Spalte „Impressions“") && de.contains("Impressionen"),
        "{de}"
    );
    assert!(
        err.message(Language::En)
            .contains("has no column \"Impressions\"")
    );
}

#[test]
fn a_bad_cell_spoils_only_its_row_and_names_line_and_column() {
    let sheet = vec![
        vec![DESCRIPTION],
        vec![
            T("Post link"),
            T("Created date"),
            T("Impressions"),
            T("Comments"),
        ],
        vec![T(LINK_1), T("03/04/2025"), T("viele"), N(1.0)],
        vec![T(LINK_2), T("13/45/2025"), N(10.0), N(1.0)],
        vec![T("siehe oben"), T("03/06/2025"), N(10.0), N(1.0)],
        vec![T(LINK_3), T("03/07/2025"), N(10.0), N(1.5)],
        vec![E, E, E, E],
        vec![
            T("https://lnkd.in/eXaMpLe"),
            T("03/08/2025"),
            N(10.0),
            N(1.0),
        ],
    ];
    let parsed = parse(FileKind::PageContent, &xlsx(&[("Posts", sheet)])).expect("parsed");
    let problems = parsed.problems();
    let lines: Vec<usize> = problems.iter().map(|(_, line, _)| *line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6]);
    assert_eq!(
        problems[0].2.to_string(),
        "Spalte „Impressions“: „viele“ ist keine Zahl"
    );
    assert!(matches!(
        problems[1].2.kind,
        RowProblemKind::NotADate { .. }
    ));
    assert!(matches!(
        problems[2].2.kind,
        RowProblemKind::NotAPostLink { .. }
    ));
    assert!(
        problems[3]
            .2
            .message(Language::En)
            .contains("not a whole, non-negative number")
    );
    let short = parsed
        .posts
        .last()
        .and_then(|r| r.value.as_ref().ok())
        .expect("short link kept");
    assert_eq!(
        (short.key, short.impressions),
        (None, Some(10)),
        "kept for matching by text"
    );
    assert_eq!(parsed.rows_ok(), 1);
}

#[test]
fn the_content_export_as_xls_is_read() {
    let parsed = parse(FileKind::PageContent, &fixture("page_content.xls")).expect("parsed");
    let post = parsed.posts[0].value.as_ref().expect("post");
    assert_eq!(post.key.map(|k| k.id), Some(7_300_000_000_000_000_001));
    assert_eq!(post.created, Some(date(2025, 3, 4)));
    assert_eq!(
        (post.impressions, post.reactions, post.comments),
        (Some(1234), Some(78), Some(9))
    );
    assert_eq!(parsed.posts[0].line, 3);
    let day = parsed.page_days[0].value.as_ref().expect("day");
    assert_eq!((day.day, day.impressions), (date(2025, 3, 4), Some(1000)));
}

#[test]
fn a_german_daily_sheet_adds_organic_and_sponsored_figures() {
    let posts = vec![
        vec![T("Beitragslink"), T("Erstellt am"), T("Impressionen")],
        vec![T(LINK_1), T("2025-03-04"), N(10.0)],
    ];
    let days = vec![
        vec![T("Tageskennzahlen")],
        vec![
            T("Datum"),
            T("Impressionen (organisch)"),
            T("Impressionen (gesponsert)"),
            T("Eindeutige Impressionen (organisch)"),
            T("Klicks (organisch)"),
            T("Reaktionen (organisch)"),
            T("Kommentare (organisch)"),
            T("Reposts (organisch)"),
            T("Engagementrate (organisch)"),
        ],
        vec![
            T("04.03.2025"),
            T("1.200"),
            T("300"),
            T("950"),
            T("12"),
            T("40"),
            T("3"),
            T("1"),
            T("5,1 %"),
        ],
    ];
    let parsed = parse(
        FileKind::PageContent,
        &xlsx(&[("Beiträge", posts), ("Kennzahlen", days)]),
    )
    .expect("parsed");
    let day = parsed.page_days[0].value.as_ref().expect("day");
    assert_eq!(day.day, date(2025, 3, 4));
    assert_eq!(
        (day.impressions, day.unique_impressions, day.clicks),
        (Some(1500), Some(950), Some(12))
    );
    assert_eq!(
        (day.reactions, day.comments, day.reposts),
        (Some(40), Some(3), Some(1))
    );
    assert_eq!(day.engagement_rate, Some(0.051));
}
