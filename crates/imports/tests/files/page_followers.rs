use amtfluencer_imports::{FileKind, ImportError, parse};
use chrono::NaiveDate;

use crate::build::*;

#[test]
fn a_german_followers_export_as_xls_gives_daily_gains_and_ignores_demographics() {
    let parsed = parse(FileKind::PageFollowers, &fixture("page_followers.xls")).expect("parsed");
    let days: Vec<_> = parsed
        .page_days
        .iter()
        .map(|r| r.value.clone().expect("day"))
        .collect();
    assert_eq!(days.len(), 3, "the location sheet is not read as days");
    assert_eq!(
        days[0].day,
        NaiveDate::from_ymd_opt(2025, 3, 1).expect("date")
    );
    assert_eq!(
        (
            days[0].new_followers,
            days[0].organic_followers,
            days[0].auto_invited_followers
        ),
        (Some(5), Some(4), Some(1))
    );
    assert_eq!(
        (days[2].organic_followers, days[2].new_followers),
        (Some(1002), Some(1003))
    );
    assert_eq!(parsed.page_days[0].sheet, "Neue Follower");
    assert_eq!(parsed.page_days[0].line, 2);
    assert_eq!(
        parsed.covers,
        NaiveDate::from_ymd_opt(2025, 3, 1).zip(NaiveDate::from_ymd_opt(2025, 3, 3))
    );
}

#[test]
fn without_a_total_column_the_parts_are_added() {
    let sheet = vec![
        vec![
            T("Date"),
            T("Sponsored followers"),
            T("Organic followers"),
            T("Auto-invited followers"),
        ],
        vec![T("2025-03-01"), N(1.0), N(3.0), E],
    ];
    let parsed =
        parse(FileKind::PageFollowers, &xlsx(&[("New followers", sheet)])).expect("parsed");
    assert_eq!(
        parsed.page_days[0].value.as_ref().map(|d| d.new_followers),
        Ok(Some(4))
    );
}

#[test]
fn a_followers_sheet_without_any_follower_column_names_the_total() {
    let sheet = vec![
        vec![T("Date"), T("Impressions"), T("Something else")],
        vec![T("2025-03-01"), N(1.0), N(3.0)],
    ];
    let err = parse(FileKind::PageFollowers, &xlsx(&[("New followers", sheet)]))
        .expect_err("no followers");
    assert!(err.to_string().contains("Total followers"), "{err}");
    assert!(matches!(
        err,
        ImportError::HeaderNotFound { .. } | ImportError::MissingColumn { .. }
    ));
}
