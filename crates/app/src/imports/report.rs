//! The per-row report of a plan, as the preview shows it and the API returns it.

use amtfluencer_domain::studio::Language;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::{Action, Outcome, Plan, Skip};

/// What an import does (or did), with counts and one line per row of the file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    /// linkedin_page_content, linkedin_page_followers, linkedin_member_analytics or
    /// linkedin_member_shares.
    pub kind: String,
    pub file_name: String,
    pub file_hash: String,
    pub covers_from: Option<NaiveDate>,
    pub covers_until: Option<NaiveDate>,
    pub imported: usize,
    pub updated: usize,
    pub skipped: usize,
    /// Posts that matched none of ours: listed for the team to assign.
    pub unmatched: usize,
    pub rows: Vec<ReportRow>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportRow {
    /// The row as the spreadsheet shows it (the line in a CSV file).
    pub line: usize,
    pub sheet: String,
    /// The post's title or link, or the day.
    pub label: String,
    pub outcome: Outcome,
    /// Our post the row was matched to.
    pub post_id: Option<i64>,
    /// Why the row was skipped or set aside.
    pub reason: Option<String>,
}

pub fn report(plan: &Plan, lang: Language) -> Report {
    Report {
        kind: plan.kind.as_str().to_owned(),
        file_name: plan.file_name.clone(),
        file_hash: plan.file_hash.clone(),
        covers_from: plan.covers.map(|c| c.0),
        covers_until: plan.covers.map(|c| c.1),
        imported: plan.count(Outcome::Imported),
        updated: plan.count(Outcome::Updated),
        skipped: plan.count(Outcome::Skipped),
        unmatched: plan.count(Outcome::Unmatched),
        rows: plan
            .rows
            .iter()
            .map(|r| ReportRow {
                line: r.line,
                sheet: r.sheet.clone(),
                label: r.label.clone(),
                outcome: r.action.outcome(),
                post_id: r.action.post_id(),
                reason: reason(&r.action, lang),
            })
            .collect(),
    }
}

fn pick(lang: Language, de: &str, en: &str) -> String {
    match lang {
        Language::De => de,
        Language::En => en,
    }
    .to_owned()
}

/// The reason shown for skipped and set-aside rows.
pub fn reason(action: &Action, lang: Language) -> Option<String> {
    Some(match action {
        Action::SameSnapshot { .. } | Action::SamePageDay => pick(
            lang,
            "schon mit denselben Zahlen gespeichert",
            "already stored with the same figures",
        ),
        Action::AlreadyLinked { .. } => pick(
            lang,
            "Beitrag ist schon mit diesem LinkedIn-Beitrag verknüpft",
            "post is already linked to this LinkedIn post",
        ),
        Action::Unmatched { candidates, .. } if candidates.is_empty() => pick(
            lang,
            "kein passender Beitrag gefunden; zum Zuordnen vorgemerkt",
            "no matching post found; kept for assignment",
        ),
        Action::Unmatched { .. } => pick(
            lang,
            "mehrere Beiträge passen gleich gut; zum Zuordnen vorgemerkt",
            "several posts fit equally well; kept for assignment",
        ),
        Action::Skip(Skip::Problem(p)) => p.message(lang),
        Action::Skip(Skip::NoFigures) => {
            pick(lang, "keine Zahlen in der Zeile", "no figures in the row")
        }
        Action::Skip(Skip::NotStored) => pick(
            lang,
            "Tageswerte des eigenen Profils werden nicht gespeichert, nur Zahlen je Beitrag",
            "daily profile figures are not stored, only figures per post",
        ),
        Action::Skip(Skip::Repeated) => pick(
            lang,
            "derselbe Beitrag oder Tag steht weiter oben in der Datei",
            "the same post or day comes earlier in the file",
        ),
        Action::Skip(Skip::AlreadyWaiting) => pick(
            lang,
            "wartet schon aus einem früheren Import auf die Zuordnung",
            "already waiting for assignment from an earlier import",
        ),
        Action::Skip(Skip::LinkedElsewhere) => pick(
            lang,
            "unser Beitrag ist schon mit einem anderen LinkedIn-Beitrag verknüpft",
            "our post is already linked to another LinkedIn post",
        ),
        Action::NewSnapshot { .. }
        | Action::UpdateSnapshot { .. }
        | Action::Link { .. }
        | Action::PageDay(_) => return None,
    })
}
