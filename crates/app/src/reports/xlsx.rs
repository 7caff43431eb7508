//! The report as an XLSX workbook: a first sheet with the report's text (title, sections,
//! findings, the decision) and one sheet per table with the figures as numbers, so that the
//! team can compute with them.

use std::collections::HashSet;

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::document::{Block, Cell, Document, Table};
use super::words::Words;
use crate::i18n::Lang;

/// Excel refuses these in sheet names.
const FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// A sheet name Excel accepts and no other sheet of the workbook has.
fn sheet_name(wanted: &str, taken: &mut HashSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !FORBIDDEN.contains(c) && !c.is_control())
        .collect();
    let clean = clean.trim().trim_matches('\'');
    let base: String = if clean.is_empty() { "Tabelle" } else { clean }
        .chars()
        .take(31)
        .collect();
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        let suffix = format!(" {n}");
        let keep = 31 - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        n += 1;
    }
    name
}

struct Formats {
    bold: Format,
    title: Format,
    int: Format,
    euro: Format,
    rate: Format,
    dec: Format,
    month: Format,
    day: Format,
}

impl Formats {
    fn new(lang: Lang) -> Self {
        Self {
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            int: Format::new().set_num_format("#,##0"),
            euro: Format::new().set_num_format("#,##0.00 \"€\""),
            rate: Format::new().set_num_format("0.0%"),
            dec: Format::new().set_num_format("0.0"),
            month: Format::new().set_num_format(match lang {
                Lang::De => "mm/yyyy",
                Lang::En => "yyyy-mm",
            }),
            day: Format::new().set_num_format(match lang {
                Lang::De => "dd.mm.yyyy",
                Lang::En => "yyyy-mm-dd",
            }),
        }
    }
}

fn date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).unwrap_or(1900);
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

fn cell(ws: &mut Worksheet, row: u32, col: u16, c: &Cell, f: &Formats) -> Result<(), XlsxError> {
    match c {
        Cell::Text(s) | Cell::Suppressed(s) => {
            ws.write_string(row, col, s)?;
        }
        Cell::Int(n) => {
            ws.write_number_with_format(row, col, *n as f64, &f.int)?;
        }
        Cell::Euro(cents) => {
            ws.write_number_with_format(row, col, *cents as f64 / 100.0, &f.euro)?;
        }
        Cell::Rate(r) => {
            ws.write_number_with_format(row, col, *r, &f.rate)?;
        }
        Cell::Dec(v) => {
            ws.write_number_with_format(row, col, *v, &f.dec)?;
        }
        Cell::Month(m) => {
            ws.write_datetime_with_format(row, col, date(*m)?, &f.month)?;
        }
        Cell::Day(d) => {
            ws.write_datetime_with_format(row, col, date(*d)?, &f.day)?;
        }
        // Nothing measured: an empty cell, not a zero.
        Cell::Missing => {}
    }
    Ok(())
}

fn table_sheet(ws: &mut Worksheet, t: &Table, f: &Formats) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &t.caption, &f.bold)?;
    for (i, h) in t.headers.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, h, &f.bold)?;
    }
    if t.rows.is_empty() {
        ws.write_string(3, 0, &t.empty)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            cell(ws, 3 + r as u32, c as u16, value, f)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    ws.autofit();
    Ok(())
}

/// The report's text, section by section, naming the sheet of each table.
fn text_sheet(
    ws: &mut Worksheet,
    doc: &Document,
    w: &Words,
    sheets: &[String],
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &doc.authority, &f.bold)?;
    ws.write_string_with_format(1, 0, &doc.title, &f.title)?;
    let mut row = 2;
    for line in &doc.byline {
        ws.write_string(row, 0, line)?;
        row += 1;
    }
    let mut tables = sheets.iter();
    for s in &doc.sections {
        row += 1;
        ws.write_string_with_format(row, 0, &s.heading, &f.bold)?;
        row += 1;
        for b in &s.blocks {
            match b {
                Block::Paragraph(p) => {
                    ws.write_string(row, 0, p)?;
                    row += 1;
                }
                Block::Subheading(h) => {
                    ws.write_string_with_format(row, 0, h, &f.bold)?;
                    row += 1;
                }
                Block::Bullets(items) => {
                    for item in items {
                        ws.write_string(row, 0, format!("• {item}"))?;
                        row += 1;
                    }
                }
                Block::Chart(c) => {
                    ws.write_string(row, 0, &c.summary)?;
                    row += 1;
                }
                Block::Table(t) => {
                    let sheet = tables.next().map_or("", String::as_str);
                    let line = w.ta(
                        "report-xlsx-see-sheet",
                        &[("caption", &t.caption), ("sheet", sheet)],
                    );
                    ws.write_string(row, 0, line)?;
                    row += 1;
                }
            }
        }
    }
    ws.set_column_width(0, 120)?;
    Ok(())
}

/// The workbook as bytes.
pub fn render(doc: &Document, w: &Words) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new(w.lang);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&doc.title)
            .set_company(&doc.authority)
            .set_author(&doc.authority),
    );
    let mut taken = HashSet::new();
    let first = sheet_name(&w.t("report-sheet-report"), &mut taken);
    let names: Vec<String> = doc
        .tables()
        .map(|t| sheet_name(&t.sheet, &mut taken))
        .collect();
    let ws = book.add_worksheet();
    ws.set_name(&first)?;
    text_sheet(ws, doc, w, &names, &f)?;
    for (t, name) in doc.tables().zip(&names) {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        table_sheet(ws, t, &f)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_shortened_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(sheet_name("Monate", &mut taken), "Monate");
        assert_eq!(sheet_name("monate", &mut taken), "monate 2");
        assert_eq!(sheet_name("Kosten: [alle]/*?", &mut taken), "Kosten alle");
        let long = "Eine sehr lange Überschrift für ein Tabellenblatt";
        let a = sheet_name(long, &mut taken);
        let b = sheet_name(long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b.chars().count(), 31);
        assert!(b.ends_with(" 2") && a != b);
        assert_eq!(sheet_name("''", &mut taken), "Tabelle");
    }
}
