//! A small XLSX writer for fixtures: a workbook is a list of sheets, a sheet a list of rows.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

#[derive(Debug, Clone)]
pub enum V {
    T(&'static str),
    N(f64),
    /// An Excel date cell formatted as LinkedIn does (MM/DD/YYYY).
    D(u16, u8, u8),
    E,
}

pub use V::{D, E, N, T};

pub fn xlsx(sheets: &[(&str, Vec<Vec<V>>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("mm/dd/yyyy");
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).expect("sheet name");
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match value {
                    T(t) => sheet.write_string(r, c, *t).map(|_| ()),
                    N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    D(y, m, d) => {
                        let when = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
                        sheet
                            .write_datetime_with_format(r, c, &when, &date)
                            .map(|_| ())
                    }
                    E => Ok(()),
                }
                .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).expect("fixture file")
}

pub const LINK_1: &str =
    "https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000001/";
pub const LINK_2: &str =
    "https://www.linkedin.com/feed/update/urn:li:activity:7300000000000000002/";
pub const LINK_3: &str = "https://www.linkedin.com/posts/stadt-musterstadt-am-rhein_bauen-activity-7300000000000000003-AbCd?utm_source=share";
