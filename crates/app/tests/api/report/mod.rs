//! The evaluation report of a cohort in its three formats (page, PDF, workbook) on the demo
//! authority: read back with a PDF parser and a spreadsheet reader, its figures compared with
//! the analytics queries, and who may see it.

mod formats;
mod privacy;

use std::io::Cursor;

use amtfluencer::db::{self, analytics::Range};
use amtfluencer_domain::analytics::GroupStats;
use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::privacy::AggregateAccess;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use crate::cohorts::{cohort_named, tenant};
use crate::support::TestApp;

pub const AUTHORITY: &str = "Stadt Musterstadt am Rhein";

/// `/t/musterstadt/cohorts/{id}/report`
pub fn report_path(id: i64) -> String {
    format!("/t/musterstadt/cohorts/{id}/report")
}

/// The pilot cohort's figures as the analytics queries compute them.
pub async fn pilot_figures(app: &TestApp) -> (i64, GroupStats) {
    let pilot = cohort_named(app, "Pilotrunde 2026").await;
    let access = AggregateAccess::check(Role::Admin).unwrap();
    let range = Range {
        from: pilot.starts_on,
        to: pilot.ends_on,
    };
    let f = db::analytics::cohort(&app.tdb.db, tenant(app).await, &access, pilot.id, range)
        .await
        .unwrap();
    (
        pilot.id,
        *f.total.value().expect("the pilot has enough people"),
    )
}

/// "12345" as the German report writes it: "12.345".
pub fn de(n: i64) -> String {
    amtfluencer::numbers::num(amtfluencer::i18n::Lang::De, n)
}

/// Each page's text pieces (one per text operation: a line or a table cell), decoded with the
/// fonts' own encoding as a PDF reader does.
pub fn pdf_texts(bytes: &[u8]) -> Vec<Vec<String>> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF a parser reads");
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page_id).unwrap();
        let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
            .into_iter()
            .map(|(name, font)| (name, font.get_font_encoding(&doc).unwrap()))
            .collect();
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut current = None;
        let mut texts = Vec::new();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => current = encodings.get(op.operands[0].as_name().unwrap()),
                "Tj" => {
                    let enc = current.expect("a font is set before text");
                    let bytes = op.operands[0].as_str().unwrap();
                    texts.push(lopdf::Document::decode_text(enc, bytes).unwrap());
                }
                _ => {}
            }
        }
        pages.push(texts);
    }
    pages
}

/// The workbook's sheets as rows of cells.
pub fn xlsx_sheets(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

pub fn sheet<'a>(sheets: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    &sheets
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

/// The value next to a label in a (figure, value) sheet.
pub fn value_of<'a>(rows: &'a [Vec<Data>], label: &str) -> &'a Data {
    rows.iter()
        .find(|r| matches!(r.first(), Some(Data::String(s)) if s == label))
        .and_then(|r| r.get(1))
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// Removes the demo's short links, for tests that count links and clicks of their own.
pub async fn without_demo_links(app: &TestApp) {
    use sea_orm::ConnectionTrait;
    for table in ["link_clicks", "short_links"] {
        app.tdb
            .db
            .execute_unprepared(&format!("DELETE FROM {table}"))
            .await
            .unwrap();
    }
}
