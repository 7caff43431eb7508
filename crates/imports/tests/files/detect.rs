use amtfluencer_imports::{FileKind, ImportError, detect, file_hash};

use crate::build::*;

fn content_sheet() -> Vec<Vec<V>> {
    vec![
        vec![T("Beschreibung")],
        vec![
            T("Post link"),
            T("Created date"),
            T("Impressions"),
            T("Likes"),
        ],
        vec![T(LINK_1), T("03/04/2025"), N(1.0), N(1.0)],
    ]
}

#[test]
fn files_are_recognised_by_their_content_not_their_name() {
    assert_eq!(
        detect("download.xlsx", &xlsx(&[("Posts", content_sheet())])),
        Ok(FileKind::PageContent)
    );
    assert_eq!(
        detect("irgendwas.xls", &fixture("page_content.xls")),
        Ok(FileKind::PageContent)
    );
    assert_eq!(
        detect("content_export.xls", &fixture("page_followers.xls")),
        Ok(FileKind::PageFollowers)
    );
    let member = xlsx(&[
        ("DISCOVERY", vec![vec![T("Impressions"), N(1.0)]]),
        (
            "ENGAGEMENT",
            vec![vec![T("Date"), T("Impressions"), T("Engagements")]],
        ),
        (
            "TOP POSTS",
            vec![vec![
                T("Post URL"),
                T("Post publish date"),
                T("Engagements"),
            ]],
        ),
    ]);
    assert_eq!(
        detect("Content_2025-03-01_2025-03-31_JanaBeispiel.xlsx", &member),
        Ok(FileKind::MemberAnalytics)
    );
}

#[test]
fn translated_member_sheet_names_are_recognised_by_their_headers() {
    let member = xlsx(&[
        ("ENTDECKUNG", vec![vec![T("Impressionen"), N(1.0)]]),
        (
            "INTERAKTION",
            vec![vec![T("Datum"), T("Impressionen"), T("Interaktionen")]],
        ),
        (
            "BEITRÄGE",
            vec![vec![
                T("Beitrags-URL"),
                T("Veröffentlichungsdatum des Beitrags"),
                T("Interaktionen"),
            ]],
        ),
    ]);
    assert_eq!(
        detect("analysen.xlsx", &member),
        Ok(FileKind::MemberAnalytics)
    );
}

#[test]
fn an_unrelated_spreadsheet_or_csv_is_an_unknown_layout() {
    let other = xlsx(&[(
        "Tabelle1",
        vec![vec![T("Name"), T("Telefon")], vec![T("Amt 61"), T("123")]],
    )]);
    assert_eq!(
        detect("liste.xlsx", &other),
        Err(ImportError::UnknownLayout)
    );
    assert_eq!(
        detect(
            "Connections.csv",
            b"First Name,Last Name,Company\nJana,Beispiel,Stadt\n"
        ),
        Err(ImportError::UnknownLayout)
    );
    assert!(
        ImportError::UnknownLayout
            .to_string()
            .contains("LinkedIn-Export")
    );
}

#[test]
fn the_file_hash_is_the_sha256_in_hex() {
    assert_eq!(
        file_hash(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn detecting_and_reading_at_once_gives_what_detecting_then_reading_gives() {
    let files = [
        ("download.xlsx", xlsx(&[("Posts", content_sheet())])),
        ("irgendwas.xls", fixture("page_content.xls")),
        ("content_export.xls", fixture("page_followers.xls")),
        (
            "Shares.csv",
            b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n\
              2025-03-04 09:15:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7123456789012345678,Hallo,,,MEMBER_NETWORK\n"
                .to_vec(),
        ),
    ];
    for (name, bytes) in files {
        let kind = detect(name, &bytes).expect(name);
        let once = amtfluencer_imports::detect_and_parse(name, &bytes).expect(name);
        assert_eq!(once.0, kind, "{name}");
        let twice = amtfluencer_imports::parse(kind, &bytes).expect(name);
        assert_eq!(format!("{:?}", once.1), format!("{twice:?}"), "{name}");
    }
    assert_eq!(
        amtfluencer_imports::detect_and_parse("x.xlsx", &xlsx(&[("A", vec![vec![T("x")]])]))
            .map(|(k, _)| k),
        Err(ImportError::UnknownLayout)
    );
}
