//! The report as a document: sections of paragraphs, lists, charts and tables with typed cells.
//! Built once in one language; the HTML page, the PDF and the workbook each lay out the same
//! document, so the three formats cannot tell different stories.

use chrono::NaiveDate;

use super::words::Words;

/// One value of a table. Numbers stay numbers, so the workbook can compute with them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// An amount in cents.
    Euro(i64),
    /// A fraction (0.05 is 5 %).
    Rate(f64),
    /// A number with one decimal.
    Dec(f64),
    /// The first day of a month, shown as the month.
    Month(NaiveDate),
    Day(NaiveDate),
    /// No figure: nothing was measured.
    Missing,
    /// Not shown: fewer people than the minimum group size (the text says so).
    Suppressed(String),
}

impl Cell {
    pub fn int(n: usize) -> Self {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    pub fn opt_int(n: Option<i64>) -> Self {
        n.map_or(Cell::Missing, Cell::Int)
    }

    /// The cell as text in the document's language.
    pub fn text(&self, w: &Words) -> String {
        match self {
            Cell::Text(s) | Cell::Suppressed(s) => s.clone(),
            Cell::Int(n) => w.num(*n),
            Cell::Euro(c) => w.money(*c),
            Cell::Rate(r) => w.pct(*r),
            Cell::Dec(v) => w.dec(*v),
            Cell::Month(m) => w.month(*m),
            Cell::Day(d) => w.date(*d),
            Cell::Missing => "–".to_owned(),
        }
    }

    /// Numbers are right-aligned in tables.
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            Cell::Int(_) | Cell::Euro(_) | Cell::Rate(_) | Cell::Dec(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Unique in the document; used for anchors.
    pub id: &'static str,
    /// The worksheet's name (at most 31 characters, none of `[]:*?/\`).
    pub sheet: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// What an empty table says instead.
    pub empty: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    Bars,
    Line,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub kind: SeriesKind,
    /// One value per label; `None` is a gap (nothing measured or suppressed).
    pub values: Vec<Option<f64>>,
}

/// A chart over the rows of a table that follows it in the same section.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    /// One sentence saying what the chart shows, for everyone who does not see it.
    pub summary: String,
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    /// All series on one scale (they share a unit); otherwise each has its own.
    pub shared_scale: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    /// A small heading inside a section.
    Subheading(String),
    Bullets(Vec<String>),
    Chart(Chart),
    Table(Table),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub authority: String,
    /// Lines under the title: the cohort, its phase and period, when the report was made.
    pub byline: Vec<String>,
    pub sections: Vec<Section>,
}

impl Document {
    /// Every table, in the order of the document.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
        })
    }
}
