//! Files that are not what they claim: each gives a clear error and never a panic.

use amtfluencer_domain::studio::Language;
use amtfluencer_imports::{FileKind, ImportError, MAX_FILE_BYTES, detect, parse};

use crate::build::*;

#[test]
fn a_text_file_named_xlsx_is_not_a_spreadsheet() {
    let bytes = b"Das ist keine Tabelle, sondern ein Brief an das Amt.";
    assert_eq!(
        detect("bericht.xlsx", bytes),
        Err(ImportError::NotASpreadsheet)
    );
    for kind in [
        FileKind::PageContent,
        FileKind::PageFollowers,
        FileKind::MemberAnalytics,
    ] {
        assert_eq!(
            parse(kind, bytes),
            Err(ImportError::NotASpreadsheet),
            "{kind}"
        );
    }
    assert!(
        ImportError::NotASpreadsheet
            .message(Language::En)
            .contains("neither an Excel workbook")
    );
}

#[test]
fn a_truncated_xlsx_is_reported_as_damaged() {
    let mut bytes = xlsx(&[("Posts", vec![vec![T("Post link"), T("Impressions")]])]);
    bytes.truncate(bytes.len() / 2);
    let err = detect("export.xlsx", &bytes).expect_err("damaged");
    assert!(matches!(err, ImportError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().starts_with("Die Datei ist beschädigt"));
    assert!(matches!(
        parse(FileKind::PageContent, &bytes),
        Err(ImportError::Corrupt { .. })
    ));
}

#[test]
fn a_damaged_xls_is_reported_as_damaged() {
    let mut bytes = fixture("page_content.xls");
    for b in bytes.iter_mut().skip(600).take(2000) {
        *b = 0xAB;
    }
    assert!(matches!(
        parse(FileKind::PageContent, &bytes),
        Err(ImportError::Corrupt { .. })
    ));
    let header_only = &fixture("page_content.xls")[..512];
    assert!(matches!(
        detect("x.xls", header_only),
        Err(ImportError::Corrupt { .. })
    ));
}

#[test]
fn random_bytes_in_every_parser_never_panic() {
    let mut seed: u32 = 0x2545_f491;
    for len in [0_usize, 1, 7, 512, 4096] {
        for prefix in [
            &b""[..],
            b"PK\x03\x04",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            b"\xEF\xBB\xBFDate,ShareLink\n",
        ] {
            let mut bytes = prefix.to_vec();
            bytes.extend((0..len).map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                seed.to_le_bytes()[0]
            }));
            let _ = detect("x.xlsx", &bytes);
            for kind in FileKind::ALL {
                let _ = parse(*kind, &bytes);
            }
        }
    }
    assert!(parse(FileKind::PageContent, b"").is_err());
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let bytes = vec![b'a'; MAX_FILE_BYTES + 1];
    let err = parse(FileKind::MemberShares, &bytes).expect_err("too large");
    assert!(matches!(err, ImportError::TooLarge { .. }));
    assert!(err.to_string().contains("zu groß"));
    assert_eq!(detect("x.csv", &bytes), Err(err));
}

#[test]
fn a_sheet_with_an_absurd_row_count_is_refused() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, name) in ["Post link", "Created date", "Impressions"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *name).expect("cell");
    }
    ws.write_number(250_000, 0, 1.0).expect("far cell");
    let bytes = book.save_to_buffer().expect("xlsx");
    let err = parse(FileKind::PageContent, &bytes).expect_err("too many rows");
    assert!(matches!(err, ImportError::TooManyRows { .. }), "{err:?}");
    assert!(err.to_string().contains("mehr als 200000 Zeilen"), "{err}");
}

#[test]
fn an_xlsx_that_declares_a_huge_unpacked_size_is_refused_before_unpacking() {
    let mut bytes = xlsx(&[("Posts", vec![vec![T("Post link"), T("Impressions")]])]);
    // Every central directory entry (signature PK\x01\x02) holds the unpacked size at offset 24.
    let entries: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(i, _)| i)
        .collect();
    assert!(!entries.is_empty());
    for at in entries {
        bytes[at + 24..at + 28].copy_from_slice(&0xF000_0000_u32.to_le_bytes());
    }
    let err = parse(FileKind::PageContent, &bytes).expect_err("refused");
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err:?}");
}

#[test]
fn damaged_copies_of_real_workbooks_never_panic() {
    let originals = [
        fixture("page_content.xls"),
        fixture("page_followers.xls"),
        xlsx(&[(
            "Posts",
            vec![
                vec![T("Post link"), T("Created date"), T("Impressions")],
                vec![T(LINK_1), D(2025, 3, 4), N(5.0)],
            ],
        )]),
    ];
    let mut seed: u32 = 0x9e37_79b9;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        seed as usize
    };
    let mut read = 0;
    for original in &originals {
        for _ in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                let at = next() % bytes.len();
                bytes[at] = next() as u8;
            }
            for kind in [FileKind::PageContent, FileKind::PageFollowers] {
                read += usize::from(parse(kind, &bytes).is_ok());
            }
        }
    }
    assert!(read > 0, "some copies survive small damage");
}
