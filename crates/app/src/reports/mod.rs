//! The evaluation report of a cohort (a phase of the programme) for leadership's decision:
//! participants and onboarding, posts, reach and engagement, topics, the authority page's
//! growth and the page effect, short-link clicks, costs, what worked and what did not, and the
//! open decision.
//!
//! `data` reads the figures (aggregates only, through the privacy-gated queries), `build`
//! lays them out as one [`Document`] in one language, and the formats render that document:
//! the HTML page (in `web`), [`pdf`] and [`xlsx`].

mod build;
pub mod data;
pub mod document;
pub mod findings;
pub mod pdf;
mod words;
pub mod xlsx;

pub use build::document;
pub use data::{ReportData, load};
pub use document::Document;
pub use words::Words;

/// A file name for a download: the cohort's name in plain ASCII letters, digits and dashes.
pub fn file_stem(cohort_name: &str) -> String {
    let mut out = String::new();
    for c in cohort_name.chars() {
        let s = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "-",
        };
        if s == "-" && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push_str(s);
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "auswertung".to_owned()
    } else {
        format!("auswertung-{out}")
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn a_download_is_named_after_the_cohort_in_plain_letters() {
        assert_eq!(file_stem("Pilotrunde 2026"), "auswertung-pilotrunde-2026");
        assert_eq!(
            file_stem("Größe & Übung 2.0"),
            "auswertung-groesse-uebung-2-0"
        );
        assert_eq!(file_stem("\"; rm -rf"), "auswertung-rm-rf");
        assert_eq!(file_stem("***"), "auswertung");
    }
}
