use amtfluencer_imports::{FileKind, ImportError, parse};
use chrono::NaiveDate;

use crate::build::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn workbook(with_top_posts: bool) -> Vec<u8> {
    let discovery = vec![
        vec![T("Overall Performance"), T("3/1/2025 - 3/31/2025")],
        vec![T("Impressions"), T("5,432")],
        vec![T("Members reached"), N(2100.0)],
    ];
    let engagement = vec![
        vec![T("Date"), T("Impressions"), T("Engagements")],
        vec![T("3/1/2025"), N(120.0), N(7.0)],
        vec![T("3/2/2025"), T("1,204"), T("31")],
    ];
    let top_posts = vec![
        vec![T("Maximum of 50 posts available to include in this list")],
        vec![E],
        vec![
            T("Post URL"),
            T("Post publish date"),
            T("Engagements"),
            E,
            T("Post URL"),
            T("Post publish date"),
            T("Impressions"),
        ],
        vec![
            T(LINK_1),
            T("3/4/2025"),
            N(40.0),
            E,
            T(LINK_2),
            T("3/10/2025"),
            N(3000.0),
        ],
        vec![
            T(LINK_2),
            T("3/10/2025"),
            N(25.0),
            E,
            T(LINK_1),
            T("3/4/2025"),
            N(1500.0),
        ],
        vec![T(LINK_3), T("3/12/2025"), N(3.0), E, E, E, E],
    ];
    let followers = vec![
        vec![T("Total followers on 3/31/2025:"), N(812.0)],
        vec![E],
        vec![T("Date"), T("New followers")],
        vec![T("3/1/2025"), N(2.0)],
        vec![T("3/2/2025"), N(0.0)],
    ];
    let demographics = vec![
        vec![T("Top Demographics"), T("Value"), T("Percentage")],
        vec![T("Locations"), T("Musterstadt"), T("38 %")],
    ];
    let mut sheets = vec![("DISCOVERY", discovery), ("ENGAGEMENT", engagement)];
    if with_top_posts {
        sheets.push(("TOP POSTS", top_posts));
    }
    sheets.push(("FOLLOWERS", followers));
    sheets.push(("DEMOGRAPHICS", demographics));
    xlsx(&sheets)
}

#[test]
fn the_two_halves_of_top_posts_are_joined_by_post() {
    let parsed = parse(FileKind::MemberAnalytics, &workbook(true)).expect("parsed");
    let posts: Vec<_> = parsed
        .posts
        .iter()
        .map(|r| r.value.clone().expect("post"))
        .collect();
    assert_eq!(posts.len(), 3);
    let first = &posts[0];
    assert_eq!(first.key.map(|k| k.id), Some(7_300_000_000_000_000_001));
    assert_eq!(
        (first.engagements, first.impressions, first.created),
        (Some(40), Some(1500), Some(date(2025, 3, 4)))
    );
    let second = &posts[1];
    assert_eq!(
        (second.engagements, second.impressions),
        (Some(25), Some(3000))
    );
    assert_eq!(
        (posts[2].engagements, posts[2].impressions),
        (Some(3), None)
    );
    assert_eq!(parsed.posts[0].line, 4);
    assert_eq!(parsed.posts[0].sheet, "TOP POSTS");
}

#[test]
fn days_summary_and_period_come_from_their_sheets() {
    let parsed = parse(FileKind::MemberAnalytics, &workbook(true)).expect("parsed");
    let days = parsed.member_days_merged();
    assert_eq!(days.len(), 2);
    assert_eq!(
        (
            days[0].impressions,
            days[0].engagements,
            days[0].new_followers
        ),
        (Some(120), Some(7), Some(2))
    );
    assert_eq!(
        (
            days[1].impressions,
            days[1].engagements,
            days[1].new_followers
        ),
        (Some(1204), Some(31), Some(0))
    );
    let summary = parsed.member_summary.clone().expect("summary");
    assert_eq!(
        (
            summary.impressions,
            summary.members_reached,
            summary.total_followers
        ),
        (Some(5432), Some(2100), Some(812))
    );
    assert_eq!(parsed.covers, Some((date(2025, 3, 1), date(2025, 3, 31))));
    assert!(parsed.problems().is_empty(), "{:?}", parsed.problems());
}

#[test]
fn a_member_workbook_without_top_posts_says_which_sheet_is_missing() {
    let err = parse(FileKind::MemberAnalytics, &workbook(false)).expect_err("no top posts");
    assert_eq!(
        err,
        ImportError::MissingSheet {
            sheet: "TOP POSTS".into()
        }
    );
    assert_eq!(err.to_string(), "Das Blatt „TOP POSTS“ fehlt in der Datei.");
}
