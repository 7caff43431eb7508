//! Euro amounts as people type and read them. Money is kept in whole cents (`i64`), never as a
//! float; these functions turn text into cents and cents into text.
//!
//! Typing is forgiving in the ways people really write amounts — "1.234,56", "1234,56",
//! "1234.56", "1.234", "12,-", "1 234,56 €" — and strict everywhere else: a minus sign, letters,
//! a third decimal place or a misplaced thousands separator are refused, never guessed at.

/// Largest amount accepted for one item: ten million euros (far beyond any programme budget,
/// far below any overflow).
pub const MAX_CENTS: i64 = 1_000_000_000;

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("no amount given")]
    Empty,
    #[error("the amount is negative")]
    Negative,
    #[error("not an amount in euros")]
    Invalid,
    #[error("the amount is too large")]
    TooLarge,
}

/// Parses an amount in euros into cents.
///
/// With both "." and "," present, the one that comes last is the decimal mark. A comma alone
/// is always the decimal mark (German). A point alone is the decimal mark when it is the only
/// one and one or two digits follow; otherwise points group thousands ("1.234" is 1234 €, as
/// in German: a third decimal place cannot be meant in euros). Spaces may group thousands too.
pub fn parse_euros(input: &str) -> Result<i64, MoneyError> {
    let s = strip_currency(input.trim());
    if s.is_empty() {
        return Err(MoneyError::Empty);
    }
    if s.starts_with(['-', '−', '–']) {
        return Err(MoneyError::Negative);
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    // "12,-" and "12,–": whole euros, the way prices are written on German invoices.
    let s = s
        .strip_suffix(",-")
        .or_else(|| s.strip_suffix(",–"))
        .or_else(|| s.strip_suffix(".-"))
        .unwrap_or(s);
    let (whole, fraction) = split_decimal(s)?;
    let euros = whole_euros(whole)?;
    let cents = match fraction {
        None => 0,
        Some(f) if (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => {
            let n: i64 = f.parse().map_err(|_| MoneyError::Invalid)?;
            if f.len() == 1 { n * 10 } else { n }
        }
        Some(_) => return Err(MoneyError::Invalid),
    };
    let total = euros
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .ok_or(MoneyError::TooLarge)?;
    if total > MAX_CENTS {
        return Err(MoneyError::TooLarge);
    }
    Ok(total)
}

fn strip_currency(s: &str) -> &str {
    let s = s
        .strip_suffix('€')
        .or_else(|| s.strip_suffix("EUR"))
        .or_else(|| s.strip_suffix("Euro"))
        .unwrap_or(s);
    let s = s.strip_prefix('€').unwrap_or(s);
    s.trim_matches(is_space)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// The whole part and, if there is a decimal mark, the fraction after it.
fn split_decimal(s: &str) -> Result<(&str, Option<&str>), MoneyError> {
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let mark = match (last_dot, last_comma) {
        (Some(d), Some(c)) => Some(d.max(c)),
        // A lone point followed by one or two digits is a decimal mark ("1234.56"); otherwise
        // points group thousands ("1.234").
        (Some(i), None) => {
            let after = s.len() - i - 1;
            (s.matches('.').count() == 1 && (1..=2).contains(&after)).then_some(i)
        }
        // A comma is the German decimal mark: "12,345" is a typo, not twelve thousand.
        (None, Some(i)) => Some(i),
        (None, None) => None,
    };
    match mark {
        Some(i) => {
            let (whole, rest) = s.split_at(i);
            let mark = &rest[..1];
            if whole.contains(mark) {
                // "1,234,56": the decimal mark also appears as a group separator.
                return Err(MoneyError::Invalid);
            }
            Ok((whole, Some(&rest[1..])))
        }
        None => Ok((s, None)),
    }
}

/// Whole euros, with optional thousands groups ("1.234.567", "1,234", "1 234").
fn whole_euros(s: &str) -> Result<i64, MoneyError> {
    if s.is_empty() {
        // ",50" is fifty cents.
        return Ok(0);
    }
    let groups: Vec<&str> = s.split(['.', ',', ' ', '\u{a0}', '\u{202f}']).collect();
    let separators: Vec<char> = s
        .chars()
        .filter(|c| matches!(c, '.' | ',') || is_space(*c))
        .collect();
    if separators.windows(2).any(|w| w[0] != w[1]) {
        return Err(MoneyError::Invalid);
    }
    let digits_only = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| digits_only(g)) {
        return Err(MoneyError::Invalid);
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return Err(MoneyError::Invalid);
    }
    let digits: String = groups.concat();
    if digits.len() > 12 {
        return Err(MoneyError::TooLarge);
    }
    digits.parse().map_err(|_| MoneyError::Invalid)
}

/// "1.234,56 €": the German way.
pub fn format_de(cents: i64) -> String {
    let (sign, euros, rest) = parts(cents);
    format!("{sign}{},{rest:02} €", group(euros, '.'))
}

/// "€1,234.56": the English way.
pub fn format_en(cents: i64) -> String {
    let (sign, euros, rest) = parts(cents);
    format!("{sign}€{}.{rest:02}", group(euros, ','))
}

/// A value for a form field that `parse_euros` reads back: "1234,56".
pub fn input_de(cents: i64) -> String {
    let (sign, euros, rest) = parts(cents);
    format!("{sign}{euros},{rest:02}")
}

fn parts(cents: i64) -> (&'static str, u64, u64) {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    (sign, abs / 100, abs % 100)
}

fn group(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount shared by `people`, rounded to the nearest cent (half up); `None` without people.
pub fn per_head(total_cents: i64, people: u64) -> Option<i64> {
    let people = i64::try_from(people).ok().filter(|p| *p > 0)?;
    let half = if total_cents < 0 { -people } else { people };
    Some((2 * total_cents + half) / (2 * people))
}

/// What 1,000 impressions cost, in cents, rounded to the nearest cent (half up); `None` without
/// impressions.
pub fn per_thousand(total_cents: i64, impressions: i64) -> Option<i64> {
    if impressions <= 0 || total_cents < 0 {
        return None;
    }
    let (total, n) = (i128::from(total_cents) * 1000, i128::from(impressions));
    i64::try_from((2 * total + n) / (2 * n)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_amounts_with_thousands_dots_and_a_decimal_comma_are_read() {
        assert_eq!(parse_euros("1.234,56"), Ok(123_456));
        assert_eq!(parse_euros("1234,56"), Ok(123_456));
        assert_eq!(parse_euros("1.234.567,89"), Ok(123_456_789));
        assert_eq!(parse_euros("12,5"), Ok(1_250));
        assert_eq!(parse_euros("1.234"), Ok(123_400));
        assert_eq!(parse_euros("12,-"), Ok(1_200));
        assert_eq!(parse_euros(",50"), Ok(50));
    }

    #[test]
    fn amounts_with_a_decimal_point_are_read() {
        assert_eq!(parse_euros("1234.56"), Ok(123_456));
        assert_eq!(parse_euros("1,234.56"), Ok(123_456));
        assert_eq!(parse_euros("0.5"), Ok(50));
        assert_eq!(parse_euros("2400"), Ok(240_000));
    }

    #[test]
    fn the_currency_and_spaces_around_it_are_ignored() {
        assert_eq!(parse_euros(" 1.234,56 € "), Ok(123_456));
        assert_eq!(parse_euros("€ 99"), Ok(9_900));
        assert_eq!(parse_euros("1 234,56 EUR"), Ok(123_456));
        assert_eq!(parse_euros("1\u{a0}234,56"), Ok(123_456));
    }

    #[test]
    fn negative_amounts_are_refused() {
        assert_eq!(parse_euros("-12,00"), Err(MoneyError::Negative));
        assert_eq!(parse_euros("−5"), Err(MoneyError::Negative));
    }

    #[test]
    fn garbage_is_refused_rather_than_guessed() {
        for bad in [
            "zwölf",
            "12a",
            "1,2,3",
            "1.23.4",
            "12,345",
            "1.234,5678",
            "1,234,56",
            "12.",
            "1..2",
            "1.2,34",
            "1 2",
            "0x10",
            "1e3",
            "12,34.56.78",
            "1,234,567",
            "12,",
        ] {
            assert_eq!(parse_euros(bad), Err(MoneyError::Invalid), "{bad}");
        }
        assert_eq!(parse_euros("   "), Err(MoneyError::Empty));
        assert_eq!(parse_euros("€"), Err(MoneyError::Empty));
    }

    #[test]
    fn absurdly_large_amounts_are_refused() {
        assert_eq!(parse_euros("10.000.000,01"), Err(MoneyError::TooLarge));
        assert_eq!(
            parse_euros("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(parse_euros("10.000.000"), Ok(MAX_CENTS));
    }

    #[test]
    fn amounts_are_written_the_german_and_the_english_way() {
        assert_eq!(format_de(123_456), "1.234,56 €");
        assert_eq!(format_de(5), "0,05 €");
        assert_eq!(format_de(100_000_000), "1.000.000,00 €");
        assert_eq!(format_de(-1_050), "-10,50 €");
        assert_eq!(format_en(123_456), "€1,234.56");
        assert_eq!(input_de(123_456), "1234,56");
    }

    #[test]
    fn what_is_written_for_a_form_is_read_back_the_same() {
        for cents in [0, 1, 99, 100, 123_456, 487_250, MAX_CENTS] {
            assert_eq!(parse_euros(&input_de(cents)), Ok(cents));
            assert_eq!(parse_euros(&format_de(cents)), Ok(cents));
            assert_eq!(parse_euros(&format_en(cents)), Ok(cents));
        }
    }

    #[test]
    fn the_cost_per_participant_is_rounded_to_the_cent_and_absent_without_participants() {
        assert_eq!(per_head(487_250, 18), Some(27_069));
        assert_eq!(per_head(100, 3), Some(33));
        assert_eq!(per_head(200, 3), Some(67));
        assert_eq!(per_head(100, 0), None);
    }

    #[test]
    fn the_cost_per_thousand_impressions_is_rounded_to_the_cent_and_absent_without_reach() {
        assert_eq!(per_thousand(487_250, 1_000_000), Some(487));
        assert_eq!(per_thousand(487_250, 250_000), Some(1_949));
        assert_eq!(per_thousand(100, 3), Some(33_333));
        assert_eq!(per_thousand(1, 2_000), Some(1), "half a cent rounds up");
        assert_eq!(per_thousand(0, 5_000), Some(0));
        assert_eq!(per_thousand(100, 0), None);
        assert_eq!(
            per_thousand(MAX_CENTS * 1000, 1),
            Some(MAX_CENTS * 1_000_000)
        );
    }
}
