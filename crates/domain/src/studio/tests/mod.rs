//! Tests of the studio checks, one file per area, on German example texts.

mod confidential;
mod hashtags;
mod inclusive;
mod layout;
mod plain_language;
mod readability;
mod report;

use super::*;

/// Checks a text with the default settings: German messages, colon style, no page.
fn run(text: &str) -> CheckReport {
    run_with(text, InclusiveStyle::Colon, None)
}

fn run_with(text: &str, style: InclusiveStyle, page: Option<&str>) -> CheckReport {
    check_post(&CheckInput {
        text,
        language: Language::De,
        style,
        authority_page: page,
    })
}

fn ids(report: &CheckReport) -> Vec<&'static str> {
    report.checks.iter().map(|c| c.id).collect()
}

fn find(report: &CheckReport, id: &str) -> Vec<Check> {
    report
        .checks
        .iter()
        .filter(|c| c.id == id)
        .cloned()
        .collect()
}

/// The text under a check's span.
fn spanned(text: &str, check: &Check) -> String {
    let normalised = text.replace("\r\n", "\n");
    let (start, end) = check.span.unwrap_or((0, 0));
    normalised.chars().skip(start).take(end - start).collect()
}
