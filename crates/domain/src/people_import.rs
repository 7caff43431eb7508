//! Importing people from a CSV file, as HR or the programme team keep them in a spreadsheet.
//!
//! What Excel in Germany writes: semicolons (or commas), a byte-order mark, or Windows-1252
//! instead of UTF-8, quoted fields with line breaks. Columns are found by their German or
//! English name in any order and case. Every row is checked on its own, so that the preview
//! names each problem with its line number and nothing is saved until the whole file is clean.

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

/// Text of a file: UTF-8 (with or without BOM), otherwise Windows-1252 as older Excel writes.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Splits CSV text into records (RFC 4180: quotes, doubled quotes, line breaks inside quotes),
/// with the line each record starts on. The delimiter is `;` or `,`, whichever the header uses.
pub fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, FileProblem> {
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() >= header_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record = Vec::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut start_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
            }
            c if c == delimiter => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                out.push((start_line, std::mem::take(&mut record)));
                line += 1;
                start_line = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err(FileProblem::UnclosedQuote { line: start_line });
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start_line, record));
    }
    // Rows with nothing in them (Excel leaves `;;;;` lines) are not people.
    out.retain(|(_, r)| r.iter().any(|f| !f.trim().is_empty()));
    Ok(out)
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
mod tests {
    use super::*;

    const FILE: &str = "\u{feff}Vorname;Nachname;E-Mail;Abteilung;Funktion;Laufbahn;LinkedIn\r\n\
        Jana;Özdemir;jana.oezdemir@musterstadt.example;Bauamt;Bauzeichnerin;Azubi;\r\n\
        \"Max \"\"Maxi\"\"\";Groß;max.gross@musterstadt.example;\"Bürgerbüro;\nStandort Nord\";Sachbearbeiter;Beschäftigte;https://de.linkedin.com/in/max-gross\r\n\
        ;;;;;;\r\n";

    #[test]
    fn a_german_excel_file_with_bom_semicolons_and_quoted_line_breaks_is_read() {
        let (_, rows) = read(FILE.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2, "the empty ;;;; row is no person");
        let jana = rows[0].result.as_ref().unwrap();
        assert_eq!(jana.last_name, "Özdemir");
        assert_eq!(jana.track, Some(Track::Apprentice));
        assert_eq!(rows[0].line, 2);
        let max = rows[1].result.as_ref().unwrap();
        assert_eq!(max.first_name, "Max \"Maxi\"");
        assert_eq!(max.department, "Bürgerbüro;\nStandort Nord");
        assert_eq!(
            max.linkedin.as_ref().map(|l| l.as_str()),
            Some("https://www.linkedin.com/in/max-gross")
        );
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn english_headers_with_commas_in_any_order_are_found() {
        let file = "Email,Department,First name,Last name\nanna@musterstadt.example,IT,Anna,Berg\n";
        let (_, rows) = read(file.as_bytes()).unwrap();
        let anna = rows[0].result.as_ref().unwrap();
        assert_eq!(
            (anna.first_name.as_str(), anna.department.as_str()),
            ("Anna", "IT")
        );
        assert_eq!(anna.track, None, "no track column: keep what is stored");
    }

    #[test]
    fn windows_1252_is_read_when_the_file_is_not_utf8() {
        let bytes = b"Vorname;Nachname;E-Mail;Abteilung\nJ\xfcrgen;Stra\xdfer;j.s@musterstadt.example;Stadtk\xe4mmerei \x80\n";
        let (_, rows) = read(bytes).unwrap();
        let p = rows[0].result.as_ref().unwrap();
        assert_eq!(p.first_name, "Jürgen");
        assert_eq!(p.last_name, "Straßer");
        assert_eq!(p.department, "Stadtkämmerei €");
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_column() {
        let file = "Vorname;Nachname;E-Mail;Abteilung;Laufbahn;LinkedIn\n;Berg;keine-adresse;IT;Praktikum;https://example.org/in/x\n";
        let (_, rows) = read(file.as_bytes()).unwrap();
        let problems = rows[0].result.as_ref().unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [
                "import-error-first-name",
                "import-error-email",
                "import-error-track",
                "import-error-linkedin"
            ]
        );
    }

    #[test]
    fn missing_required_columns_are_all_named() {
        let err = read(b"Vorname;Telefon\nAnna;123\n").unwrap_err();
        assert_eq!(
            err,
            FileProblem::MissingColumns(vec![
                "import-col-last-name",
                "import-col-email",
                "import-col-department"
            ])
        );
    }

    #[test]
    fn empty_unclosed_and_oversized_files_are_refused() {
        assert_eq!(read(b"").unwrap_err(), FileProblem::Empty);
        assert_eq!(
            read(b"Vorname;Nachname;E-Mail;Abteilung\n").unwrap_err(),
            FileProblem::Empty
        );
        assert_eq!(
            read(b"Vorname;Nachname;E-Mail;Abteilung\n\"Anna;Berg;a@b.example;IT\n").unwrap_err(),
            FileProblem::UnclosedQuote { line: 2 }
        );
        assert_eq!(
            read(&vec![b'a'; MAX_BYTES + 1]).unwrap_err(),
            FileProblem::TooLarge
        );
    }

    #[test]
    fn the_second_row_with_the_same_address_is_a_duplicate() {
        let file = "Vorname;Nachname;E-Mail;Abteilung\nAnna;Berg;anna@m.example;IT\nAnna;Berg;ANNA@m.example;IT\n";
        let (_, mut rows) = read(file.as_bytes()).unwrap();
        flag_duplicates(&mut rows);
        assert!(rows[0].result.is_ok());
        assert_eq!(
            rows[1].result.as_ref().unwrap_err()[0].key,
            "import-error-duplicate"
        );
    }

    #[test]
    fn tracks_are_read_in_the_words_people_use() {
        assert_eq!(parse_track("Auszubildende"), Some(Track::Apprentice));
        assert_eq!(parse_track("Werkstudent"), Some(Track::WorkingStudent));
        assert_eq!(parse_track("working_student"), Some(Track::WorkingStudent));
        assert_eq!(parse_track("Beamtin"), Some(Track::Employee));
        assert_eq!(parse_track("Praktikum"), None);
    }
}
