//! Reading a 100,000-row page-content export (no database): the part of an import's plan that
//! is the file itself. The workbook is written as LinkedIn lays it out (description row,
//! header, one row per post with its link and MM/DD/YYYY date), then detected and parsed
//! `BENCH_RUNS` times (default 5); prints each run's time. `BENCH_ROWS` sets the rows.
//! Run with `cargo bench -p amtfluencer-imports --bench read`.

#[path = "support/page_export.rs"]
mod page_export;

use std::time::Instant;

use chrono::NaiveDate;
use page_export::{ExportPost, page_export};

fn env(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// `rows` posts of about four years, each with its own share link.
fn posts(rows: u32) -> Vec<ExportPost> {
    (0..rows)
        .map(|i| {
            let id = 7_300_000_000_000_000_000i64 + i64::from(i) * 7_919;
            ExportPost {
                id,
                url: format!("https://www.linkedin.com/feed/update/urn:li:share:{id}"),
                created: NaiveDate::from_ymd_opt(
                    2022 + (i / 26_000) as i32,
                    1 + i % 12,
                    1 + i % 28,
                )
                .unwrap_or_default(),
            }
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows = env("BENCH_ROWS", 100_000);
    let bytes = page_export(&posts(rows))?;
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
