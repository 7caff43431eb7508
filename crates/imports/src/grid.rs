//! Spreadsheets as plain grids of [`Cell`]s, read with bounded memory: the file size is checked
//! before anything is read, an XLSX's declared unpacked size before it is unpacked (the zip
//! reader refuses entries longer than declared), and XLSX sheets are streamed cell by cell so
//! that a sheet with an absurd row count stops at the limit.
//!
//! calamine parses an XLS file whole when it is opened and keeps each sheet as a dense range, so
//! an XLS is first checked by `xls_guard` for sheets spanning absurd areas.

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xls, Xlsx};

use crate::cell::Cell;
use crate::error::ImportError;

/// Files above this are refused before reading.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Rows per sheet. LinkedIn's exports hold a year of days or a few thousand posts; an
/// authority's own collected sheet of 100,000 posts with its header lines still fits.
pub const MAX_ROWS: usize = 200_000;
/// Columns beyond this are ignored; the exports have about twenty.
pub(crate) const MAX_COLUMNS: usize = 200;
/// The unpacked size an XLSX may declare in total.
const MAX_UNPACKED_BYTES: u64 = 400 * 1024 * 1024;

/// One sheet; `rows[i]` is the sheet's row `i + 1` as the user sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub(crate) name: String,
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub(crate) fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    fn put(&mut self, row: usize, col: usize, cell: Cell) -> Result<(), ImportError> {
        if row >= MAX_ROWS {
            return Err(ImportError::TooManyRows {
                sheet: self.name.clone(),
                limit: MAX_ROWS,
            });
        }
        if col >= MAX_COLUMNS || cell == Cell::Empty {
            return Ok(());
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
        Ok(())
    }
}

pub(crate) enum Workbook<'a> {
    Xls(Box<Xls<Cursor<&'a [u8]>>>),
    Xlsx(Box<Xlsx<Cursor<&'a [u8]>>>),
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: [u8; 4] = [b'P', b'K', 3, 4];

pub(crate) fn looks_like_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(&CFB_MAGIC) || bytes.starts_with(&ZIP_MAGIC)
}

pub(crate) fn check_size(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

impl<'a> Workbook<'a> {
    /// Opens XLS (by its OLE signature) or XLSX (by its zip signature); anything else is
    /// [`ImportError::NotASpreadsheet`], whatever the file is called.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self, ImportError> {
        check_size(bytes)?;
        let corrupt = |e: &dyn std::fmt::Display| ImportError::Corrupt {
            detail: e.to_string(),
        };
        if bytes.starts_with(&CFB_MAGIC) {
            crate::xls_guard::check(bytes)?;
            let book = Xls::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
            Ok(Self::Xls(Box::new(book)))
        } else if bytes.starts_with(&ZIP_MAGIC) {
            check_unpacked_size(bytes)?;
            let book = Xlsx::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
            Ok(Self::Xlsx(Box::new(book)))
        } else {
            Err(ImportError::NotASpreadsheet)
        }
    }

    pub(crate) fn sheet_names(&self) -> Vec<String> {
        match self {
            Self::Xls(b) => b.sheet_names(),
            Self::Xlsx(b) => b.sheet_names(),
        }
    }

    pub(crate) fn grid(&mut self, name: &str) -> Result<Grid, ImportError> {
        let corrupt = |e: &dyn std::fmt::Display| ImportError::Corrupt {
            detail: e.to_string(),
        };
        let mut grid = Grid {
            name: name.to_owned(),
            rows: Vec::new(),
        };
        match self {
            Self::Xls(b) => {
                let range = b.worksheet_range(name).map_err(|e| corrupt(&e))?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (r, c, value) in range.used_cells() {
                    let cell = from_data(value);
                    grid.put(r + top as usize, c + left as usize, cell)?;
                }
            }
            Self::Xlsx(b) => {
                let mut reader = b.worksheet_cells_reader(name).map_err(|e| corrupt(&e))?;
                while let Some(c) = reader.next_cell().map_err(|e| corrupt(&e))? {
                    let (r, col) = c.get_position();
                    grid.put(r as usize, col as usize, from_data_ref(c.get_value()))?;
                }
            }
        }
        Ok(grid)
    }
}

/// Every sheet of the workbook, in order.
///
/// calamine panics on some damaged XLS record structures (an arithmetic overflow in its record
/// parser); a damaged upload must give the user an error, not end the request, so a panic in the
/// reader becomes [`ImportError::Corrupt`].
pub(crate) fn load_grids(bytes: &[u8]) -> Result<Vec<Grid>, ImportError> {
    std::panic::catch_unwind(|| {
        let mut book = Workbook::open(bytes)?;
        book.sheet_names()
            .iter()
            .map(|name| book.grid(name))
            .collect()
    })
    .unwrap_or_else(|_| {
        Err(ImportError::Corrupt {
            detail: "unreadable structure".into(),
        })
    })
}

fn check_unpacked_size(bytes: &[u8]) -> Result<(), ImportError> {
    let corrupt = |e: zip::result::ZipError| ImportError::Corrupt {
        detail: e.to_string(),
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(corrupt)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(ImportError::TooLarge {
            bytes: usize::try_from(total).unwrap_or(usize::MAX),
            limit: usize::try_from(MAX_UNPACKED_BYTES).unwrap_or(usize::MAX),
        });
    }
    Ok(())
}

fn from_data(d: &Data) -> Cell {
    match d {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map_or(Cell::Number(dt.as_f64()), Cell::DateTime),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}

fn from_data_ref(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map_or(Cell::Number(dt.as_f64()), Cell::DateTime),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    }
}
