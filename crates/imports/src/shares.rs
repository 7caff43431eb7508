//! `Shares.csv` from a member's data export: the member's own posts with text and link. Fields
//! hold quoted multi-line text; the file may start with a UTF-8 byte order mark.

use csv::{ByteRecord, ReaderBuilder};

use crate::Parsed;
use crate::cell::Cell;
use crate::columns::*;
use crate::error::{ImportError, RowProblem, RowProblemKind};
use crate::grid::{Grid, MAX_ROWS};
use crate::header::{Column, Header, RowReader, find_header};
use crate::model::{FileKind, Row, Share};
use crate::page::post_link;
use crate::post_key::PostKey;

pub(crate) const SHEET: &str = "Shares.csv";
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header of a CSV file, if its first record reads as one with at least two known columns.
pub(crate) fn header_of(bytes: &[u8], columns: &[Column]) -> Option<Header> {
    let mut reader = reader(bytes);
    let mut record = ByteRecord::new();
    reader.read_byte_record(&mut record).ok()?;
    let grid = Grid {
        name: SHEET.into(),
        rows: vec![cells(&record)],
    };
    find_header(&grid, columns, 2)
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ImportError> {
    let mut parsed = Parsed::new(FileKind::MemberShares);
    let mut reader = reader(bytes);
    let mut record = ByteRecord::new();
    let header_record = match reader.read_byte_record(&mut record) {
        Ok(true) => cells(&record),
        Ok(false) => Vec::new(),
        Err(e) => {
            return Err(ImportError::Corrupt {
                detail: e.to_string(),
            });
        }
    };
    // One grid row for the header, one for the record being read: RowReader then works on CSV
    // as on sheets, and the user-visible line comes from the CSV position.
    let mut grid = Grid {
        name: SHEET.into(),
        rows: vec![header_record, Vec::new()],
    };
    let header =
        find_header(&grid, SHARE_COLUMNS, 2).ok_or_else(|| ImportError::HeaderNotFound {
            sheet: SHEET.into(),
        })?;
    header.require(SHARE_DATE.name)?;
    header.require(SHARE_LINK.name)?;
    header.require(SHARE_COMMENTARY.name)?;

    loop {
        let (line, value, stop) = match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                grid.rows[1] = cells(&record);
                let Some(value) = header.data_rows(&grid).next().map(|r| share_row(&r)) else {
                    continue;
                };
                (record.position().map_or(0, |p| p.line()), value, false)
            }
            Err(e) => {
                // The reader cannot resynchronise after a broken record; stop instead of guessing.
                let problem = RowProblem::new(
                    None,
                    RowProblemKind::Malformed {
                        detail: e.to_string(),
                    },
                );
                (reader.position().line(), Err(problem), true)
            }
        };
        if parsed.shares.len() >= MAX_ROWS {
            return Err(ImportError::TooManyRows {
                sheet: SHEET.into(),
                limit: MAX_ROWS,
            });
        }
        parsed.shares.push(Row {
            line: usize::try_from(line).unwrap_or(usize::MAX),
            sheet: SHEET.into(),
            value,
        });
        if stop {
            break;
        }
    }
    Ok(parsed)
}

fn reader(bytes: &[u8]) -> csv::Reader<&[u8]> {
    ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.strip_prefix(BOM).unwrap_or(bytes))
}

fn cells(record: &ByteRecord) -> Vec<Cell> {
    record
        .iter()
        .take(crate::grid::MAX_COLUMNS)
        .map(|field| Cell::Text(String::from_utf8_lossy(field).into_owned()))
        .collect()
}

fn share_row(r: &RowReader<'_>) -> Result<Share, RowProblem> {
    let posted_at = r.required(SHARE_DATE.name, r.date_time(SHARE_DATE.name)?)?;
    let (link, key) = match r.text(SHARE_LINK.name) {
        Some(_) => {
            let (link, key) = post_link(r, SHARE_LINK)?;
            (Some(link), key)
        }
        None => (None, None::<PostKey>),
    };
    let commentary = r.text(SHARE_COMMENTARY.name).unwrap_or_default();
    Ok(Share {
        posted_at,
        key,
        link,
        commentary,
        shared_url: r.text(SHARED_URL.name),
        media_url: r.text(MEDIA_URL.name),
        visibility: r.text(VISIBILITY.name),
    })
}
