//! What can go wrong with a whole file ([`ImportError`]) and with one row ([`RowProblem`]).
//! Both speak German by default (`Display`) and English on request, because the programme team
//! reads them in the upload report.

use amtfluencer_domain::studio::Language;

/// A problem that makes the whole file unusable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("{}", self.message(Language::De))]
    TooLarge { bytes: usize, limit: usize },
    #[error("{}", self.message(Language::De))]
    NotASpreadsheet,
    #[error("{}", self.message(Language::De))]
    Corrupt { detail: String },
    #[error("{}", self.message(Language::De))]
    TooManyRows { sheet: String, limit: usize },
    #[error("{}", self.message(Language::De))]
    UnknownLayout,
    #[error("{}", self.message(Language::De))]
    MissingSheet { sheet: String },
    #[error("{}", self.message(Language::De))]
    HeaderNotFound { sheet: String },
    /// A column the importer cannot do without; `column` names it as LinkedIn's English
    /// interface does, `alternatives` lists the German names we accept as well.
    #[error("{}", self.message(Language::De))]
    MissingColumn {
        sheet: String,
        column: String,
        alternatives: Vec<String>,
    },
}

impl ImportError {
    pub fn message(&self, lang: Language) -> String {
        let de = lang == Language::De;
        match self {
            Self::TooLarge { bytes, limit } => {
                let (mb, limit_mb) = (bytes / 1_000_000, limit / 1_000_000);
                if de {
                    format!("Die Datei ist zu groß ({mb} MB, höchstens {limit_mb} MB).")
                } else {
                    format!("The file is too large ({mb} MB, at most {limit_mb} MB).")
                }
            }
            Self::NotASpreadsheet => pick(
                de,
                "Die Datei ist weder eine Excel-Tabelle (XLS/XLSX) noch eine CSV-Datei aus dem LinkedIn-Export.",
                "The file is neither an Excel workbook (XLS/XLSX) nor a CSV file from the LinkedIn export.",
            ),
            Self::Corrupt { detail } => {
                if de {
                    format!(
                        "Die Datei ist beschädigt oder unvollständig und kann nicht gelesen werden ({detail})."
                    )
                } else {
                    format!("The file is damaged or incomplete and cannot be read ({detail}).")
                }
            }
            Self::TooManyRows { sheet, limit } => {
                if de {
                    format!(
                        "Das Blatt „{sheet}“ hat mehr als {limit} Zeilen; so große Exporte liest Amtfluencer nicht."
                    )
                } else {
                    format!(
                        "The sheet \"{sheet}\" has more than {limit} rows; exports that large are not read."
                    )
                }
            }
            Self::UnknownLayout => pick(
                de,
                "Die Datei sieht nicht wie ein bekannter LinkedIn-Export aus (Seiten-Analysen Inhalte oder Follower, eigene Analysen, Shares.csv).",
                "The file does not look like a known LinkedIn export (page analytics content or followers, member analytics, Shares.csv).",
            ),
            Self::MissingSheet { sheet } => {
                if de {
                    format!("Das Blatt „{sheet}“ fehlt in der Datei.")
                } else {
                    format!("The sheet \"{sheet}\" is missing from the file.")
                }
            }
            Self::HeaderNotFound { sheet } => {
                if de {
                    format!(
                        "Im Blatt „{sheet}“ wurde keine Kopfzeile mit bekannten Spaltennamen gefunden."
                    )
                } else {
                    format!(
                        "No header row with known column names was found in the sheet \"{sheet}\"."
                    )
                }
            }
            Self::MissingColumn {
                sheet,
                column,
                alternatives,
            } => {
                let also = alternatives.join("“, „");
                if de {
                    format!(
                        "Im Blatt „{sheet}“ fehlt die Spalte „{column}“ (auch erkannt als „{also}“)."
                    )
                } else {
                    format!(
                        "The sheet \"{sheet}\" has no column \"{column}\" (also recognised as \"{also}\")."
                    )
                }
            }
        }
    }
}

/// Why one row was not taken; the rest of the file still is.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    /// The column as named in the file's header, if the problem is in one cell.
    pub column: Option<String>,
    pub kind: RowProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowProblemKind {
    /// A required cell is empty.
    Empty,
    /// Text where a number was expected.
    NotANumber {
        found: String,
    },
    /// A count with a fractional part or below zero where that cannot be.
    NotACount {
        found: String,
    },
    NotADate {
        found: String,
    },
    /// A post link or id we do not recognise as a LinkedIn post.
    NotAPostLink {
        found: String,
    },
    /// The CSV record could not be read (for example an unclosed quote).
    Malformed {
        detail: String,
    },
}

impl RowProblem {
    pub(crate) fn new(column: Option<&str>, kind: RowProblemKind) -> Self {
        Self {
            column: column.map(str::to_owned),
            kind,
        }
    }

    pub fn message(&self, lang: Language) -> String {
        let de = lang == Language::De;
        let what = match &self.kind {
            RowProblemKind::Empty => pick(de, "ist leer", "is empty"),
            RowProblemKind::NotANumber { found } => {
                if de {
                    format!("„{found}“ ist keine Zahl")
                } else {
                    format!("\"{found}\" is not a number")
                }
            }
            RowProblemKind::NotACount { found } => {
                if de {
                    format!("„{found}“ ist keine ganze, nicht negative Zahl")
                } else {
                    format!("\"{found}\" is not a whole, non-negative number")
                }
            }
            RowProblemKind::NotADate { found } => {
                if de {
                    format!(
                        "„{found}“ ist kein Datum (erwartet MM/TT/JJJJ, JJJJ-MM-TT oder TT.MM.JJJJ)"
                    )
                } else {
                    format!(
                        "\"{found}\" is not a date (expected MM/DD/YYYY, YYYY-MM-DD or DD.MM.YYYY)"
                    )
                }
            }
            RowProblemKind::NotAPostLink { found } => {
                if de {
                    format!("„{found}“ ist kein Link auf einen LinkedIn-Beitrag")
                } else {
                    format!("\"{found}\" is not a link to a LinkedIn post")
                }
            }
            RowProblemKind::Malformed { detail } => {
                if de {
                    format!("Zeile nicht lesbar ({detail})")
                } else {
                    format!("row cannot be read ({detail})")
                }
            }
        };
        match (&self.column, de) {
            (Some(c), true) => format!("Spalte „{c}“: {what}"),
            (Some(c), false) => format!("column \"{c}\": {what}"),
            (None, _) => what,
        }
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Language::De))
    }
}

fn pick(de: bool, german: &str, english: &str) -> String {
    if de { german } else { english }.to_owned()
}
