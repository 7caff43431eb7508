//! Tables as files: CSV for German Excel (UTF-8 with BOM, `;` between fields, decimal comma,
//! dates as 25.11.2026) and XLSX with real numbers, percentages and dates.
//!
//! A page offers its tables as files through its own handler (`?format=csv|xlsx`): the file is
//! made from the very cells the page shows, after the same privacy-enforcing queries, so a
//! file never holds more than the page.

use std::fmt;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook, XlsxError};

use crate::error::{AppError, FieldError};
use crate::i18n::Lang;
use crate::web::pages::analytics::{dec, num, pct};
use crate::web::pages::start::format_date;

/// What a cell holds, for files; the page shows the cell's text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, and every figure that is not shown (a dash, "fewer than five people").
    Text,
    Int(i64),
    /// A number shown with one decimal.
    Dec(f64),
    /// A fraction shown as a percentage.
    Pct(f64),
    Date(NaiveDate),
}

/// One cell of a table: the text in the page's language and the value behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub value: Value,
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Self {
            text: s.into(),
            value: Value::Text,
        }
    }

    /// A figure that is missing or not shown.
    pub fn dash() -> Self {
        Self::text("–")
    }

    pub fn int(lang: Lang, n: i64) -> Self {
        Self {
            text: num(lang, n),
            value: Value::Int(n),
        }
    }

    pub fn dec(lang: Lang, v: f64) -> Self {
        Self {
            text: dec(lang, v),
            value: Value::Dec(v),
        }
    }

    pub fn pct(lang: Lang, v: f64) -> Self {
        Self {
            text: pct(lang, v),
            value: Value::Pct(v),
        }
    }

    pub fn date(lang: Lang, d: NaiveDate) -> Self {
        Self {
            text: format_date(lang, d),
            value: Value::Date(d),
        }
    }

    /// A whole number, or a dash without one.
    pub fn int_or_dash(lang: Lang, n: Option<i64>) -> Self {
        n.map_or_else(Self::dash, |n| Self::int(lang, n))
    }
}

/// `?format=csv|xlsx&table=<id>` on a page with tables.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ExportQuery {
    pub format: Option<String>,
    pub table: Option<String>,
}

/// The file formats a table can be downloaded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// `?format=`: nothing for the page itself, `csv` or `xlsx` for a file.
    pub fn parse(q: Option<&str>) -> Result<Option<Self>, AppError> {
        match q.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) if s.eq_ignore_ascii_case("csv") => Ok(Some(Self::Csv)),
            Some(s) if s.eq_ignore_ascii_case("xlsx") => Ok(Some(Self::Xlsx)),
            Some(_) => Err(AppError::Validation(vec![FieldError {
                field: Some("format".into()),
                detail: "Als Dateiformat gibt es csv und xlsx (format must be csv or xlsx).".into(),
            }])),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// A table to be written as a file.
pub struct Export<'a> {
    /// The table's German title: the file name and the worksheet's name.
    pub title: &'a str,
    pub headers: &'a [String],
    pub rows: &'a [Vec<Cell>],
    /// Where the figures came from and what was left out; a second worksheet in XLSX.
    pub notes: Vec<String>,
}

/// The file as a download named `<prefix>-<title>[-<suffix>].<ext>` in plain ASCII.
pub fn respond(
    format: Format,
    prefix: &str,
    suffix: &str,
    e: &Export<'_>,
) -> Result<Response, AppError> {
    let bytes = match format {
        Format::Csv => csv(e.headers, e.rows),
        Format::Xlsx => xlsx(e)
            .map_err(|err| AppError::Internal(anyhow::anyhow!("writing a workbook: {err}")))?,
    };
    let mut stem = vec![slug(prefix), slug(e.title)];
    if !suffix.is_empty() {
        stem.push(slug(suffix));
    }
    stem.retain(|s| !s.is_empty());
    let name = format!("{}.{}", stem.join("-"), format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// German words as a file name: umlauts spelt out, everything else but letters and digits a
/// hyphen ("Beiträge je Monat" → "beitraege-je-monat").
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Text that a spreadsheet would run as a formula gets a leading apostrophe.
fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn csv_field(c: &Cell) -> String {
    let s = match &c.value {
        Value::Text => defused(&c.text),
        Value::Int(n) => n.to_string(),
        Value::Dec(v) => format!("{v:.1}").replace('.', ","),
        Value::Pct(v) => format!("{:.1}%", v * 100.0).replace('.', ","),
        Value::Date(d) => d.format("%d.%m.%Y").to_string(),
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// CSV as German Excel opens it with a double click.
pub fn csv(headers: &[String], rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = headers.iter().map(|h| csv_field(&Cell::text(h))).collect();
    out.push_str(&head.join(";"));
    out.push_str("\r\n");
    for row in rows {
        let fields: Vec<String> = row.iter().map(csv_field).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A worksheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Tabelle".to_owned()
    } else {
        clean
    }
}

pub fn xlsx(e: &Export<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    let int = XFormat::new().set_num_format("#,##0");
    let one = XFormat::new().set_num_format("#,##0.0");
    let percent = XFormat::new().set_num_format("0.0%");
    let date = XFormat::new().set_num_format("dd.mm.yyyy");
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(e.title))?;
    for (c, h) in e.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold)?;
    }
    for (r, row) in e.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match &cell.value {
                Value::Text => sheet.write_string(r, c, &cell.text)?,
                Value::Int(n) => sheet.write_number_with_format(r, c, *n as f64, &int)?,
                Value::Dec(v) => sheet.write_number_with_format(r, c, *v, &one)?,
                Value::Pct(v) => sheet.write_number_with_format(r, c, *v, &percent)?,
                Value::Date(d) => {
                    let day = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        d.month() as u8,
                        d.day() as u8,
                    )?;
                    sheet.write_datetime_with_format(r, c, &day, &date)?
                }
            };
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    if !e.notes.is_empty() {
        let notes = book.add_worksheet();
        notes.set_name("Hinweise")?;
        for (r, n) in e.notes.iter().enumerate() {
            notes.write_string(r as u32, 0, n)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_for_german_excel_and_defuses_formulas() {
        let headers = vec!["Name".to_owned(), "Klicks".to_owned(), "Rate".to_owned()];
        let rows = vec![vec![
            Cell::text("=HYPERLINK(\"x\"); Test"),
            Cell::int(Lang::De, 12_345),
            Cell::pct(Lang::De, 0.0456),
        ]];
        let out = String::from_utf8(csv(&headers, &rows)).unwrap();
        assert_eq!(
            out,
            "\u{feff}Name;Klicks;Rate\r\n\"'=HYPERLINK(\"\"x\"\"); Test\";12345;4,6%\r\n"
        );
    }

    #[test]
    fn file_names_are_plain_ascii() {
        assert_eq!(
            slug("Beiträge je Monat (Übersicht)"),
            "beitraege-je-monat-uebersicht"
        );
        assert_eq!(slug("Straße/Größe"), "strasse-groesse");
        assert_eq!(
            sheet_name("Klicks: je Monat? [alle]"),
            "Klicks je Monat alle"
        );
    }

    #[test]
    fn an_unknown_format_is_a_clear_mistake() {
        assert_eq!(Format::parse(None).unwrap(), None);
        assert_eq!(Format::parse(Some("XLSX")).unwrap(), Some(Format::Xlsx));
        assert!(matches!(
            Format::parse(Some("pdf")),
            Err(AppError::Validation(_))
        ));
    }
}
