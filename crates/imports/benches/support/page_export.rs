//! A page-content export as LinkedIn lays it out (a description row, the header, one row per
//! post with its title, link, MM/DD/YYYY date and figures), for the benchmarks of reading a
//! file and of importing one. The figures follow from the post's id.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Workbook, XlsxError};

/// One post of the file.
pub struct ExportPost {
    pub id: i64,
    pub url: String,
    pub created: NaiveDate,
}

const HEADER: [&str; 14] = [
    "Post title",
    "Post link",
    "Post type",
    "Posted by",
    "Created date",
    "Audience",
    "Impressions",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
];

pub fn page_export(posts: &[ExportPost]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(
        0,
        0,
        "Aggregierte Kennzahlen für Updates, die von Stadt Musterstadt am Rhein veröffentlicht \
         wurden. Die Daten sind nicht in Echtzeit.",
    )?;
    for (c, h) in (0u16..).zip(HEADER) {
        ws.write_string(1, c, h)?;
    }
    for (row, p) in (2u32..).zip(posts) {
        let n = (p.id % 997) as f64;
        let d = p.created;
        ws.write_string(row, 0, format!("Beitrag {}", p.id))?;
        ws.write_string(row, 1, &p.url)?;
        ws.write_string(row, 2, "Organic")?;
        ws.write_string(row, 3, "Musterstadt")?;
        ws.write_string(
            row,
            4,
            format!("{:02}/{:02}/{}", d.month(), d.day(), d.year()),
        )?;
        ws.write_string(row, 5, "All followers")?;
        ws.write_number(row, 6, 2_000.0 + n)?;
        ws.write_number(row, 7, 40.0 + (n / 10.0).floor())?;
        ws.write_number(row, 8, 0.02)?;
        ws.write_number(row, 9, 60.0 + (n / 5.0).floor())?;
        ws.write_number(row, 10, 7.0)?;
        ws.write_number(row, 11, 3.0)?;
        ws.write_number(row, 12, 1.0)?;
        ws.write_number(row, 13, 0.05)?;
    }
    book.save_to_buffer()
}
