//! One spreadsheet or CSV cell, and reading numbers, rates and dates out of it the liberal way the
//! exports need: numbers come as numbers or as text in German or English notation, dates as
//! Excel dates or as text in US, ISO or German order.

use chrono::{NaiveDate, NaiveDateTime};

use crate::error::RowProblemKind;

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    DateTime(NaiveDateTime),
}

impl Cell {
    /// The cell as the user sees it, trimmed; empty for an empty cell.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => format_number(*n),
            Cell::DateTime(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Empty, blank text, or one of the placeholders exports write for "no value".
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => matches!(t.trim(), "" | "-" | "–" | "—" | "n/a" | "N/A"),
            _ => false,
        }
    }

    pub(crate) fn number(&self) -> Result<Option<f64>, RowProblemKind> {
        match self {
            _ if self.is_blank() => Ok(None),
            Cell::Number(n) => Ok(Some(*n)),
            Cell::Text(t) => {
                parse_number(t)
                    .map(|(n, _)| Some(n))
                    .ok_or_else(|| RowProblemKind::NotANumber {
                        found: t.trim().to_owned(),
                    })
            }
            other => Err(RowProblemKind::NotANumber {
                found: other.text(),
            }),
        }
    }

    /// A count: whole and not negative.
    pub(crate) fn count(&self) -> Result<Option<i64>, RowProblemKind> {
        let Some(n) = self.number()? else {
            return Ok(None);
        };
        if n >= 0.0 && n.fract() == 0.0 && n < 1e15 {
            Ok(Some(n as i64))
        } else {
            Err(RowProblemKind::NotACount { found: self.text() })
        }
    }

    /// A rate as a fraction (0.125 for 12.5 %). Numeric cells hold fractions already (Excel's
    /// percent format); text with a percent sign is divided by 100.
    pub(crate) fn rate(&self) -> Result<Option<f64>, RowProblemKind> {
        match self {
            _ if self.is_blank() => Ok(None),
            Cell::Text(t) => match parse_number(t) {
                Some((n, true)) => Ok(Some(n / 100.0)),
                Some((n, false)) => Ok(Some(n)),
                None => Err(RowProblemKind::NotANumber {
                    found: t.trim().to_owned(),
                }),
            },
            other => other.number(),
        }
    }

    pub(crate) fn date(&self) -> Result<Option<NaiveDate>, RowProblemKind> {
        Ok(self.date_time()?.map(|d| d.date()))
    }

    pub(crate) fn date_time(&self) -> Result<Option<NaiveDateTime>, RowProblemKind> {
        let not_a_date = || RowProblemKind::NotADate { found: self.text() };
        match self {
            _ if self.is_blank() => Ok(None),
            Cell::DateTime(d) => Ok(Some(*d)),
            // A date typed into a cell without a date format arrives as its serial number.
            Cell::Number(n) => excel_serial(*n).map(Some).ok_or_else(not_a_date),
            Cell::Text(t) => parse_date_time(t).map(Some).ok_or_else(not_a_date),
            Cell::Empty => Ok(None),
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// Days since 1899-12-30 (Excel's 1900 system); only plausible export years are accepted.
fn excel_serial(n: f64) -> Option<NaiveDateTime> {
    if !(20_000.0..=80_000.0).contains(&n) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    let seconds = (n * 86_400.0).round() as i64;
    base.checked_add_signed(chrono::TimeDelta::try_seconds(seconds)?)
}

/// Reads "1.234", "1,234", "1 234", "12,5 %", "12.5%", "-3" and "−3". Returns the number and
/// whether a percent sign was present.
///
/// A single kind of separator followed by groups of exactly three digits is a thousands
/// separator ("1.234" and "1,234" are both 1234: the exports hold counts far more often than
/// fractions with three decimals); otherwise it is the decimal separator. With both kinds the last
/// one is the decimal separator. In a percent value a single separator is always decimal.
pub(crate) fn parse_number(text: &str) -> Option<(f64, bool)> {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'')
        .collect();
    let percent = s.ends_with('%');
    if percent {
        s.pop();
    }
    let negative = s.starts_with('-') || s.starts_with('−');
    if negative {
        s = s.trim_start_matches(['-', '−']).to_owned();
    }
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let has_dot = s.contains('.');
    let has_comma = s.contains(',');
    let plain = match (has_dot, has_comma) {
        (false, false) => s,
        (true, true) => {
            let (decimal, thousands) = if s.rfind('.') > s.rfind(',') {
                ('.', ',')
            } else {
                (',', '.')
            };
            let (int_part, frac) = s.rsplit_once(decimal)?;
            let groups: Vec<&str> = int_part.split(thousands).collect();
            let well_grouped =
                (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3);
            if !well_grouped || int_part.contains(decimal) || frac.is_empty() {
                return None;
            }
            format!("{}.{frac}", groups.concat())
        }
        _ => {
            let sep = if has_dot { '.' } else { ',' };
            let parts: Vec<&str> = s.split(sep).collect();
            let grouped = parts.len() > 1
                && (1..=3).contains(&parts[0].len())
                && parts[0] != "0"
                && parts[1..].iter().all(|p| p.len() == 3);
            if grouped && !(percent && parts.len() == 2) {
                parts.concat()
            } else if parts.len() == 2 {
                format!("{}.{}", parts[0], parts[1])
            } else {
                return None;
            }
        }
    };
    let value: f64 = plain.parse().ok()?;
    Some((if negative { -value } else { value }, percent))
}

/// `MM/DD/YYYY` (LinkedIn's order, also in German interfaces), ISO `YYYY-MM-DD`, German
/// `DD.MM.YYYY`; each optionally followed by a time, which is kept when it can be read.
pub(crate) fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().trim_end_matches(" UTC").trim_end_matches('Z');
    // Every format with a time has a colon; a plain date (a row of every page export) goes
    // straight to the date formats instead of failing eight format strings first.
    if !t.contains(':') {
        return parse_date(t).and_then(|d| d.and_hms_opt(0, 0, 0));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, fmt) {
            return Some(d);
        }
    }
    parse_date(t).and_then(|d| d.and_hms_opt(0, 0, 0))
}

fn parse_date(t: &str) -> Option<NaiveDate> {
    let (sep, order) = if t.contains('/') {
        ('/', [1, 0, 2]) // month, day, year
    } else if t.contains('.') {
        ('.', [0, 1, 2])
    } else if t.contains('-') {
        ('-', [2, 1, 0])
    } else {
        return None;
    };
    let parts: Vec<&str> = t.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let [day, month, year] = order.map(|i| parts[i]);
    let day: u32 = day.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    let mut year: i32 = year.parse().ok()?;
    match year {
        0..=99 => year += 2000,
        1900..=2200 => {}
        _ => return None,
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests;
