use amtfluencer_imports::{FileKind, PostIdKind, RowProblemKind, detect, parse};

const SHARES: &str = "\u{feff}Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n\
2025-03-04 08:15:42,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7300000000000000011,\"Heute zeige ich euch unsere neue Kita an der Rheinpromenade.\n\nZwei Jahre Bauzeit, 80 Plätze – und ein \"\"Garten\"\" direkt am Wasser.\n#Bauen #Kita\",,https://media.example/kita.jpg,MEMBER_NETWORK\n\
2025-03-10 12:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A7300000000000000012,Kurzer Text ohne Umbruch,https://www.musterstadt.example/sperrmuell,,PUBLIC\n\
gestern,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7300000000000000013,Kaputtes Datum,,,PUBLIC\n";

#[test]
fn a_shares_csv_with_bom_and_multi_line_commentary_is_read() {
    assert_eq!(
        detect("Shares.csv", SHARES.as_bytes()),
        Ok(FileKind::MemberShares)
    );
    let parsed = parse(FileKind::MemberShares, SHARES.as_bytes()).expect("parsed");
    assert_eq!(parsed.shares.len(), 3);
    let kita = parsed.shares[0].value.as_ref().expect("first share");
    assert_eq!(parsed.shares[0].line, 2);
    assert_eq!(kita.posted_at.to_string(), "2025-03-04 08:15:42");
    assert_eq!(
        kita.key.map(|k| (k.kind, k.id)),
        Some((PostIdKind::Share, 7_300_000_000_000_000_011))
    );
    assert!(kita.commentary.starts_with("Heute zeige ich euch"));
    assert!(kita.commentary.contains(
        "\n\nZwei Jahre Bauzeit, 80 Plätze – und ein \"Garten\" direkt am Wasser.\n#Bauen"
    ));
    assert_eq!(kita.shared_url, None);
    assert_eq!(kita.visibility.as_deref(), Some("MEMBER_NETWORK"));

    assert_eq!(
        parsed.shares[1].line, 6,
        "the line on which the record starts"
    );
    let second = parsed.shares[1].value.as_ref().expect("second share");
    assert_eq!(second.key.map(|k| k.kind), Some(PostIdKind::UgcPost));
    assert_eq!(
        second.shared_url.as_deref(),
        Some("https://www.musterstadt.example/sperrmuell")
    );

    let broken = parsed.shares[2].value.as_ref().expect_err("bad date");
    assert!(matches!(broken.kind, RowProblemKind::NotADate { .. }));
    assert_eq!(broken.column.as_deref(), Some("Date"));
    assert_eq!(
        parsed.covers.map(|(a, b)| (a.to_string(), b.to_string())),
        Some(("2025-03-04".into(), "2025-03-10".into()))
    );
}

#[test]
fn a_csv_without_the_share_columns_names_the_missing_one() {
    let csv = "Date,ShareCommentary,Visibility\n2025-03-04 08:15:42,Text,PUBLIC\n";
    let err = parse(FileKind::MemberShares, csv.as_bytes()).expect_err("no link column");
    assert!(err.to_string().contains("„ShareLink“"), "{err}");
}

#[test]
fn an_unclosed_quote_does_not_panic_and_keeps_the_rows_before_it() {
    let csv = "Date,ShareLink,ShareCommentary\n2025-03-04 08:15:42,urn:li:share:7300000000000000011,Gut\n2025-03-05 08:00:00,urn:li:share:7300000000000000012,\"offen\n";
    let parsed = parse(FileKind::MemberShares, csv.as_bytes()).expect("parsed");
    assert!(parsed.shares[0].value.is_ok());
    assert_eq!(parsed.shares.len(), 2);
}
