//! Reading a 100,000-row page-content export (no database): the part of an import's plan that
//! is the file itself. The workbook is written as LinkedIn lays it out (description row,
//! header, one row per post with its link and MM/DD/YYYY date), then detected and parsed
//! `BENCH_RUNS` times (default 5); prints each run's time. `BENCH_ROWS` sets the rows.
//! Run with `cargo bench -p amtfluencer-imports --bench read`.

use std::time::Instant;

use rust_xlsxwriter::Workbook;

fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn export(rows: u32) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(
        0,
        0,
        "Aggregierte Kennzahlen für Updates, die von Stadt Musterstadt am Rhein veröffentlicht \
         wurden. Die Daten sind nicht in Echtzeit.",
    )?;
    let header = [
        "Post title",
        "Post link",
        "Post type",
        "Posted by",
        "Created date",
        "Audience",
        "Impressions",
        "Clicks",
        "Click through rate (CTR)",
        "Likes",
        "Comments",
        "Reposts",
        "Follows",
        "Engagement rate",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    for i in 0..rows {
        let row = i + 2;
        let id = 7_300_000_000_000_000_000u64 + u64::from(i) * 7_919;
        let n = f64::from(i % 997);
        let (month, day, year) = (1 + i % 12, 1 + i % 28, 2022 + i / 26_000);
        ws.write_string(row, 0, format!("Beitrag {i}"))?;
        ws.write_string(
            row,
            1,
            format!("https://www.linkedin.com/feed/update/urn:li:share:{id}"),
        )?;
        ws.write_string(row, 2, "Organic")?;
        ws.write_string(row, 3, "Musterstadt")?;
        ws.write_string(row, 4, format!("{month:02}/{day:02}/{year}"))?;
        ws.write_string(row, 5, "All followers")?;
        ws.write_number(row, 6, 2_000.0 + n)?;
        ws.write_number(row, 7, 40.0 + (n / 10.0).floor())?;
        ws.write_number(row, 8, 0.02)?;
        ws.write_number(row, 9, 60.0 + (n / 5.0).floor())?;
        ws.write_number(row, 10, 7.0)?;
        ws.write_number(row, 11, 3.0)?;
        ws.write_number(row, 12, 1.0)?;
        ws.write_number(row, 13, 0.05)?;
    }
    book.save_to_buffer()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = env("BENCH_ROWS", 100_000);
    let bytes = export(rows)?;
    println!("file: {rows} rows, {:.1} MB XLSX", bytes.len() as f64 / 1e6);
    for _ in 0..env("BENCH_RUNS", 5) {
        let t = Instant::now();
        let (_, parsed) = amtfluencer_imports::detect_and_parse("updates.xlsx", &bytes)?;
        let took = t.elapsed();
        assert_eq!(parsed.posts.len(), rows as usize);
        println!("read: {:.3} s", took.as_secs_f64());
    }
    Ok(())
}
