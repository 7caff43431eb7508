//! A look at an XLS file's cell positions before calamine opens it.
//!
//! calamine parses every sheet of an XLS when it opens the file and keeps each one as a dense
//! range spanning the outermost cells (and reserves room for the size a sheet's DIMENSIONS record
//! claims). A damaged or hostile file of a few kilobytes with one cell at row 60,000, column
//! 60,000 would so ask for gigabytes. This walks the same records calamine will read (from each
//! sheet's BOUNDSHEET offset to its EOF, skipping embedded substreams) and refuses the file when
//! a sheet would be larger than the limits.

use std::io::{Cursor, Read};

use crate::error::ImportError;
use crate::grid::{MAX_FILE_BYTES, MAX_ROWS};

/// Cells (rows × columns) one sheet's dense range may span.
const MAX_CELLS: u64 = 4_000_000;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// Records that start with a row and a column: Number, Label, RString, BoolErr, Rk, LabelSst,
/// Formula.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

pub(crate) fn check(bytes: &[u8]) -> Result<(), ImportError> {
    let stream = workbook_stream(bytes)?;
    let mut offsets = Vec::new();
    for (typ, data) in records(&stream) {
        match typ {
            BOUNDSHEET if data.len() >= 4 => offsets.push(u32_at(data, 0) as usize),
            EOF => break,
            _ => {}
        }
    }
    for (number, offset) in offsets.into_iter().enumerate() {
        // calamine reports an offset beyond the stream as an error of its own.
        if let Some(sheet) = stream.get(offset..) {
            check_sheet(sheet).map_err(|()| ImportError::TooManyRows {
                sheet: format!("Nr. {}", number + 1),
                limit: MAX_ROWS,
            })?;
        }
    }
    Ok(())
}

fn check_sheet(stream: &[u8]) -> Result<(), ()> {
    let mut bounds = Bounds::default();
    let mut seen_bof = false;
    let mut depth = 0_usize;
    for (typ, data) in records(stream) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => check_dimensions(data)?,
            MULRK if data.len() >= 6 => {
                let row = u32::from(u16_at(data, 0));
                bounds.add(row, u32::from(u16_at(data, 2)));
                bounds.add(row, u32::from(u16_at(data, data.len() - 2)));
            }
            t if CELLS.contains(&t) && data.len() >= 4 => {
                bounds.add(u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)));
            }
            _ => {}
        }
    }
    bounds.check()
}

/// The room calamine reserves for what the record claims.
fn check_dimensions(data: &[u8]) -> Result<(), ()> {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        ),
        _ => return Ok(()),
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let rows = u64::from(last_row.saturating_sub(first_row));
    let cols = u64::from(last_col.saturating_sub(first_col));
    too_many(rows, cols)
}

#[derive(Default)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn check(&self) -> Result<(), ()> {
        match self.0 {
            None => Ok(()),
            Some((r0, r1, c0, c1)) => too_many(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1),
        }
    }
}

fn too_many(rows: u64, cols: u64) -> Result<(), ()> {
    if rows > MAX_ROWS as u64 || rows.saturating_mul(cols) > MAX_CELLS {
        return Err(());
    }
    Ok(())
}

fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let corrupt = |e: std::io::Error| ImportError::Corrupt {
        detail: e.to_string(),
    };
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(corrupt)?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else {
        "/Book"
    };
    let stream = file.open_stream(name).map_err(corrupt)?;
    let mut out = Vec::new();
    stream
        .take(MAX_FILE_BYTES as u64 * 2)
        .read_to_end(&mut out)
        .map_err(corrupt)?;
    Ok(out)
}

/// Records as (type, data), framed as calamine frames them; CONTINUE records come along as
/// records of their own, which changes nothing here.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_at(stream, 0);
        let len = usize::from(u16_at(stream, 2));
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    match data.get(at..at + 2) {
        Some(&[a, b]) => u16::from_le_bytes([a, b]),
        _ => 0,
    }
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    match data.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}
