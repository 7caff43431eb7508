//! Importing people from a CSV file, as HR or the programme team keep them in a spreadsheet.
//!
//! What Excel in Germany writes: semicolons (or commas), a byte-order mark, or Windows-1252
//! instead of UTF-8, quoted fields with line breaks. Columns are found by their German or
//! English name in any order and case. Every row is checked on its own, so that the preview
//! names each problem with its line number and nothing is saved until the whole file is clean.

mod text;

pub use text::{decode, records};

use crate::programme::Track;
use crate::types::{Email, LinkedInUrl, required_text};

/// The largest file we read (about 20,000 people).
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The most rows one import may hold.
pub const MAX_ROWS: usize = 20_000;

/// A column of the import and the names it may have (lower case, without spaces or dashes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    FirstName,
    LastName,
    Email,
    Department,
    JobTitle,
    Track,
    Cohort,
    LinkedIn,
}

impl Column {
    const ALL: [Column; 8] = [
        Column::FirstName,
        Column::LastName,
        Column::Email,
        Column::Department,
        Column::JobTitle,
        Column::Track,
        Column::Cohort,
        Column::LinkedIn,
    ];

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::FirstName => &["vorname", "firstname", "givenname"],
            Column::LastName => &["nachname", "name", "familienname", "lastname", "surname"],
            Column::Email => &[
                "email",
                "mail",
                "emailadresse",
                "dienstlicheemail",
                "e_mail",
            ],
            Column::Department => &[
                "abteilung",
                "fachbereich",
                "amt",
                "organisationseinheit",
                "department",
            ],
            Column::JobTitle => &[
                "funktion",
                "stelle",
                "tätigkeit",
                "beruf",
                "jobtitle",
                "position",
            ],
            Column::Track => &["laufbahn", "gruppe", "beschäftigungsart", "track"],
            Column::Cohort => &["runde", "kohorte", "cohort"],
            Column::LinkedIn => &[
                "linkedin",
                "linkedinprofil",
                "linkedinurl",
                "linkedinprofile",
            ],
        }
    }

    /// Required columns; the others may be missing from the file.
    fn required(self) -> bool {
        matches!(
            self,
            Column::FirstName | Column::LastName | Column::Email | Column::Department
        )
    }

    /// The catalogue key of the column's name, for messages.
    pub fn key(self) -> &'static str {
        match self {
            Column::FirstName => "import-col-first-name",
            Column::LastName => "import-col-last-name",
            Column::Email => "import-col-email",
            Column::Department => "import-col-department",
            Column::JobTitle => "import-col-job-title",
            Column::Track => "import-col-track",
            Column::Cohort => "import-col-cohort",
            Column::LinkedIn => "import-col-linkedin",
        }
    }
}

fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '_'))
        .collect()
}

/// Where each known column sits in the file.
#[derive(Debug, Clone, Default)]
pub struct Columns(Vec<(Column, usize)>);

impl Columns {
    fn get(&self, c: Column) -> Option<usize> {
        self.0.iter().find(|(col, _)| *col == c).map(|(_, i)| *i)
    }
}

/// Why a whole file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    Empty,
    TooLarge,
    TooManyRows,
    /// Required columns not found: their catalogue keys.
    MissingColumns(Vec<&'static str>),
    /// A quote opened and never closed.
    UnclosedQuote {
        line: usize,
    },
}

/// What is wrong with one row: the column's catalogue key and the problem's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowProblem {
    pub column: Column,
    pub key: &'static str,
}

/// A checked person of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub first_name: String,
    pub last_name: String,
    pub email: Email,
    pub department: String,
    pub job_title: String,
    /// `None` when the file has no track column (an existing person keeps theirs).
    pub track: Option<Track>,
    pub cohort: Option<String>,
    pub linkedin: Option<LinkedInUrl>,
}

/// One data row: its line in the file and the person, or what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    /// Name and address as typed, to show a row with problems recognisably.
    pub typed_name: String,
    pub typed_email: String,
    pub result: Result<Person, Vec<RowProblem>>,
}

/// Reads a whole file into checked rows.
pub fn read(bytes: &[u8]) -> Result<(Columns, Vec<Row>), FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let text = decode(bytes);
    let mut recs = records(&text)?.into_iter();
    let Some((_, header)) = recs.next() else {
        return Err(FileProblem::Empty);
    };
    let columns = find_columns(&header)?;
    let rows: Vec<Row> = recs
        .map(|(line, fields)| {
            let cell = |c: Column| {
                columns
                    .get(c)
                    .and_then(|i| fields.get(i))
                    .map_or("", |s| s.trim())
            };
            Row {
                line,
                typed_name: format!("{} {}", cell(Column::FirstName), cell(Column::LastName))
                    .trim()
                    .to_owned(),
                typed_email: cell(Column::Email).to_owned(),
                result: check_row(&columns, &fields),
            }
        })
        .collect();
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    if rows.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows);
    }
    Ok((columns, rows))
}

fn find_columns(header: &[String]) -> Result<Columns, FileProblem> {
    let names: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for col in Column::ALL {
        match names
            .iter()
            .position(|n| col.aliases().contains(&n.as_str()))
        {
            Some(i) => found.push((col, i)),
            None if col.required() => missing.push(col.key()),
            None => {}
        }
    }
    if missing.is_empty() {
        Ok(Columns(found))
    } else {
        Err(FileProblem::MissingColumns(missing))
    }
}

/// Reads a track the way people write it.
pub fn parse_track(text: &str) -> Option<Track> {
    let t = normalise_header(text);
    match t.as_str() {
        "" | "beschäftigte" | "beschäftigter" | "mitarbeiterin" | "mitarbeiter" | "employee"
        | "tarifbeschäftigte" | "beamtin" | "beamter" => Some(Track::Employee),
        "auszubildende" | "auszubildender" | "azubi" | "ausbildung" | "apprentice" => {
            Some(Track::Apprentice)
        }
        "werkstudentin" | "werkstudent" | "dualstudierende" | "dualstudent" | "dualstudentin"
        | "workingstudent" | "student" => Some(Track::WorkingStudent),
        _ => t.parse().ok(),
    }
}

fn check_row(columns: &Columns, fields: &[String]) -> Result<Person, Vec<RowProblem>> {
    let cell = |c: Column| -> &str {
        columns
            .get(c)
            .and_then(|i| fields.get(i))
            .map_or("", |s| s.trim())
    };
    let mut problems = Vec::new();
    let mut text = |c: Column, max: usize, key: &'static str| {
        required_text(cell(c), max)
            .map_err(|_| problems.push(RowProblem { column: c, key }))
            .ok()
    };
    let first_name = text(Column::FirstName, 100, "import-error-first-name");
    let last_name = text(Column::LastName, 100, "import-error-last-name");
    let department = text(Column::Department, 200, "import-error-department");
    let job_title = cell(Column::JobTitle).to_owned();
    if job_title.chars().count() > 200 {
        problems.push(RowProblem {
            column: Column::JobTitle,
            key: "import-error-job-title",
        });
    }
    let email = Email::parse(cell(Column::Email))
        .map_err(|_| {
            problems.push(RowProblem {
                column: Column::Email,
                key: "import-error-email",
            })
        })
        .ok();
    let track = match columns.get(Column::Track) {
        None => None,
        Some(_) => {
            let t = parse_track(cell(Column::Track));
            if t.is_none() {
                problems.push(RowProblem {
                    column: Column::Track,
                    key: "import-error-track",
                });
            }
            t
        }
    };
    let cohort = Some(cell(Column::Cohort).to_owned()).filter(|c| !c.is_empty());
    let linkedin = match cell(Column::LinkedIn) {
        "" => None,
        url => LinkedInUrl::parse(url)
            .map_err(|_| {
                problems.push(RowProblem {
                    column: Column::LinkedIn,
                    key: "import-error-linkedin",
                })
            })
            .ok(),
    };
    match (first_name, last_name, department, email) {
        (Some(first_name), Some(last_name), Some(department), Some(email))
            if problems.is_empty() =>
        {
            Ok(Person {
                first_name,
                last_name,
                email,
                department,
                job_title,
                track,
                cohort,
                linkedin,
            })
        }
        _ => Err(problems),
    }
}

/// Marks every row after the first with the same address as a problem (one person, one row).
pub fn flag_duplicates(rows: &mut [Row]) {
    let mut seen = std::collections::HashSet::new();
    for row in rows.iter_mut() {
        if let Ok(p) = &row.result
            && !seen.insert(p.email.as_str().to_owned())
        {
            row.result = Err(vec![RowProblem {
                column: Column::Email,
                key: "import-error-duplicate",
            }]);
        }
    }
}

#[cfg(test)]
mod tests;
