//! Finding columns by name. LinkedIn renames columns and writes them in the exporting person's
//! interface language, so every column has a list of aliases (English and German), compared
//! case-, space- and hyphen-insensitively. Description lines above the header are skipped by
//! taking the first row in which enough aliases match.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::cell::Cell;
use crate::error::{ImportError, RowProblem, RowProblemKind};
use crate::grid::Grid;

/// One logical column: the English name LinkedIn uses (shown in errors) and every accepted name.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
}

/// Rows searched for the header; the exports have one or two description lines above it.
const HEADER_SEARCH_ROWS: usize = 30;

/// Lower case without spaces, hyphens, underscores, dots or colons: "Engagement-Rate",
/// "engagement rate" and "ENGAGEMENT RATE:" all become "engagementrate".
pub(crate) fn normalise(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.' | ':' | '*' | '\u{a0}'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Column {
    pub(crate) fn matches(&self, header: &str) -> bool {
        let h = normalise(header);
        !h.is_empty()
            && (normalise(self.name) == h || self.aliases.iter().any(|a| normalise(a) == h))
    }
}

/// Where each known column sits in a sheet, and the header text the file used for it.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// 0-based index of the header row.
    pub(crate) row: usize,
    sheet: String,
    found: HashMap<&'static str, (usize, String)>,
    known: Vec<Column>,
}

/// The first row (within the search window) in which at least `min_matches` of `columns` are
/// found; the first cell matching a column wins.
pub(crate) fn find_header(grid: &Grid, columns: &[Column], min_matches: usize) -> Option<Header> {
    let last = grid.rows.len().min(HEADER_SEARCH_ROWS);
    (0..last).find_map(|row| {
        let found = match_row(&grid.rows[row], columns);
        (found.len() >= min_matches.max(1)).then(|| Header {
            row,
            sheet: grid.name.clone(),
            found,
            known: columns.to_vec(),
        })
    })
}

fn match_row(cells: &[Cell], columns: &[Column]) -> HashMap<&'static str, (usize, String)> {
    let mut found = HashMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let Cell::Text(text) = cell else { continue };
        if let Some(column) = columns.iter().find(|c| c.matches(text)) {
            found
                .entry(column.name)
                .or_insert((i, text.trim().to_owned()));
        }
    }
    found
}

/// The sheet whose header matches most of `columns` (at least `min_matches`, and `must` if
/// given), with its index in `grids`.
pub(crate) fn best_header(
    grids: &[Grid],
    columns: &[Column],
    must: Option<&str>,
    min_matches: usize,
) -> Option<(usize, Header)> {
    grids
        .iter()
        .enumerate()
        .filter_map(|(i, g)| find_header(g, columns, min_matches).map(|h| (i, h)))
        .filter(|(_, h)| must.is_none_or(|m| h.has(m)))
        .max_by_key(|(i, h)| (h.found.len(), std::cmp::Reverse(*i)))
}

impl Header {
    /// How many of the known columns were found.
    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.found.contains_key(name)
    }

    /// Fails with a message naming the column (English name and the accepted alternatives).
    pub(crate) fn require(&self, name: &'static str) -> Result<(), ImportError> {
        if self.has(name) {
            return Ok(());
        }
        let alternatives = self
            .known
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.aliases.iter().map(|a| (*a).to_owned()).collect())
            .unwrap_or_default();
        Err(ImportError::MissingColumn {
            sheet: self.sheet.clone(),
            column: name.to_owned(),
            alternatives,
        })
    }

    /// Requires at least one of `names`; the error names the first.
    pub(crate) fn require_any(&self, names: &[&'static str]) -> Result<(), ImportError> {
        match names.iter().find(|n| self.has(n)) {
            Some(_) => Ok(()),
            None => names.first().map_or(Ok(()), |first| self.require(first)),
        }
    }

    /// The data rows below the header, skipping rows that are entirely empty.
    pub(crate) fn data_rows<'g>(&'g self, grid: &'g Grid) -> impl Iterator<Item = RowReader<'g>> {
        grid.rows
            .iter()
            .enumerate()
            .skip(self.row + 1)
            .filter(|(_, cells)| cells.iter().any(|c| !c.is_blank()))
            .map(move |(index, _)| RowReader {
                grid,
                index,
                header: self,
            })
    }
}

/// One data row, read through the header's column names. Problems carry the column name as it
/// appears in the file.
pub(crate) struct RowReader<'g> {
    grid: &'g Grid,
    pub(crate) index: usize,
    header: &'g Header,
}

impl RowReader<'_> {
    /// The row number as the user sees it in the spreadsheet (1-based).
    pub(crate) fn line(&self) -> usize {
        self.index + 1
    }

    fn cell(&self, name: &str) -> Option<(&Cell, &str)> {
        let (col, header_text) = self.header.found.get(name)?;
        Some((self.grid.cell(self.index, *col), header_text.as_str()))
    }

    fn read<T>(
        &self,
        name: &str,
        f: impl FnOnce(&Cell) -> Result<Option<T>, RowProblemKind>,
    ) -> Result<Option<T>, RowProblem> {
        match self.cell(name) {
            None => Ok(None),
            Some((cell, header)) => f(cell).map_err(|kind| RowProblem::new(Some(header), kind)),
        }
    }

    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.cell(name)
            .map(|(c, _)| c.text())
            .filter(|t| !t.is_empty())
    }

    pub(crate) fn count(&self, name: &str) -> Result<Option<i64>, RowProblem> {
        self.read(name, Cell::count)
    }

    pub(crate) fn rate(&self, name: &str) -> Result<Option<f64>, RowProblem> {
        self.read(name, Cell::rate)
    }

    pub(crate) fn date(&self, name: &str) -> Result<Option<NaiveDate>, RowProblem> {
        self.read(name, Cell::date)
    }

    pub(crate) fn date_time(&self, name: &str) -> Result<Option<NaiveDateTime>, RowProblem> {
        self.read(name, Cell::date_time)
    }

    /// A value that must be present: empty is a problem naming the column.
    pub(crate) fn required<T>(&self, name: &str, value: Option<T>) -> Result<T, RowProblem> {
        value.ok_or_else(|| self.problem(name, RowProblemKind::Empty))
    }

    /// A problem in the column `name`, named as the file's header names it.
    pub(crate) fn problem(&self, name: &str, kind: RowProblemKind) -> RowProblem {
        let header = self.cell(name).map_or(name, |(_, h)| h);
        RowProblem::new(Some(header), kind)
    }
}
