//! Reading German and English people lists, and every kind of wrong row or file.
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
