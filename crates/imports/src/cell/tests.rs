use super::*;

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

#[test]
fn thousands_separators_in_german_and_english_notation_give_the_same_count() {
    assert_eq!(text("1.234").count(), Ok(Some(1234)));
    assert_eq!(text("1,234").count(), Ok(Some(1234)));
    assert_eq!(text("1 234 567").count(), Ok(Some(1_234_567)));
    assert_eq!(text("1.234.567").count(), Ok(Some(1_234_567)));
    assert_eq!(Cell::Number(42.0).count(), Ok(Some(42)));
}

#[test]
fn a_single_separator_without_groups_of_three_is_decimal() {
    assert_eq!(parse_number("12,5"), Some((12.5, false)));
    assert_eq!(parse_number("12.5"), Some((12.5, false)));
    assert_eq!(parse_number("0,125"), Some((0.125, false)));
    assert_eq!(parse_number("1.234,56"), Some((1234.56, false)));
    assert_eq!(parse_number("1,234.56"), Some((1234.56, false)));
}

#[test]
fn percent_values_become_fractions() {
    assert_eq!(text("12,5 %").rate(), Ok(Some(0.125)));
    assert_eq!(text("12.5%").rate(), Ok(Some(0.125)));
    assert_eq!(
        text("1,234 %").rate().map(|r| r.map(|r| (r * 1e5).round())),
        Ok(Some(1234.0))
    );
    assert_eq!(Cell::Number(0.0523).rate(), Ok(Some(0.0523)));
    assert_eq!(text("0.0523").rate(), Ok(Some(0.0523)));
}

#[test]
fn fractional_or_negative_counts_and_words_are_row_problems() {
    assert!(matches!(
        text("12,5").count(),
        Err(RowProblemKind::NotACount { .. })
    ));
    assert!(matches!(
        text("-3").count(),
        Err(RowProblemKind::NotACount { .. })
    ));
    assert_eq!(
        text("viele").count(),
        Err(RowProblemKind::NotANumber {
            found: "viele".into()
        })
    );
    assert_eq!(parse_number("1.2.3,4,5"), None);
    assert_eq!(parse_number("%"), None);
}

#[test]
fn placeholders_for_no_value_are_missing_not_errors() {
    for blank in ["", "  ", "-", "–", "n/a"] {
        assert_eq!(text(blank).count(), Ok(None), "{blank:?}");
    }
    assert_eq!(Cell::Empty.date(), Ok(None));
}

#[test]
fn us_iso_and_german_dates_are_read() {
    let d = NaiveDate::from_ymd_opt(2025, 3, 4);
    assert_eq!(text("03/04/2025").date(), Ok(d));
    assert_eq!(text("3/4/2025").date(), Ok(d));
    assert_eq!(text("2025-03-04").date(), Ok(d));
    assert_eq!(text("04.03.2025").date(), Ok(d));
    assert_eq!(text("2025-03-04 08:15:42").date(), Ok(d));
    assert_eq!(
        text("2025-03-04 08:15:42")
            .date_time()
            .ok()
            .flatten()
            .map(|t| t.to_string()),
        Some("2025-03-04 08:15:42".to_owned())
    );
}

#[test]
fn impossible_dates_are_row_problems() {
    assert!(text("13/25/2025").date().is_err());
    assert!(text("31.02.2025").date().is_err());
    assert!(text("gestern").date().is_err());
    assert!(Cell::Number(3.0).date().is_err());
}

#[test]
fn an_excel_serial_number_in_a_date_column_is_a_date() {
    assert_eq!(
        Cell::Number(45_720.0).date(),
        Ok(NaiveDate::from_ymd_opt(2025, 3, 4))
    );
}
