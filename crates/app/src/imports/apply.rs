//! Writing a plan: the import's record first (its unique file hash stops a second, concurrent
//! import of the same file), then every row's action.

use sea_orm::{DatabaseTransaction, DbErr};

use super::{Action, CHANNEL, Outcome, Plan, SOURCE};
use crate::db::metrics::{self, Figures, NewImport, NewSnapshot, NewUnmatched};
use crate::tenancy::TenantId;

/// Writes the plan and returns the new import's id, inside the caller's transaction.
pub async fn apply(
    db: &DatabaseTransaction,
    tenant: TenantId,
    plan: &Plan,
    uploaded_by: i64,
) -> Result<i64, DbErr> {
    let count = |o| i32::try_from(plan.count(o)).unwrap_or(i32::MAX);
    let report = super::report(plan, amtfluencer_domain::studio::Language::De);
    let import_id = metrics::insert_import(
        db,
        tenant,
        NewImport {
            kind: plan.kind.as_str(),
            file_name: &plan.file_name,
            file_hash: &plan.file_hash,
            uploaded_by,
            imported: count(Outcome::Imported),
            updated: count(Outcome::Updated),
            skipped: count(Outcome::Skipped).saturating_add(count(Outcome::Unmatched)),
            report: serde_json::to_string(&report).unwrap_or_default(),
            covers: plan.covers,
        },
    )
    .await?;
    // Snapshots are written together after the loop: a large export is a few statements,
    // not one per row.
    let mut new = Vec::new();
    let mut replaced = Vec::new();
    let snapshot = |post_id: i64, figures: Figures| NewSnapshot {
        post_id,
        observed_at: plan.observed_at,
        source: SOURCE,
        import_id: Some(import_id),
        figures,
    };
    for row in &plan.rows {
        match &row.action {
            Action::NewSnapshot { post_id, figures } => new.push(snapshot(*post_id, *figures)),
            Action::UpdateSnapshot {
                post_id,
                snapshot_id,
                figures,
            } => {
                replaced.push(*snapshot_id);
                new.push(snapshot(*post_id, *figures));
            }
            Action::Link { post_id, key } => {
                metrics::link_post(db, tenant, *post_id, key).await?;
            }
            Action::PageDay(day) => {
                metrics::save_page_day(db, tenant, CHANNEL, SOURCE, Some(import_id), day).await?;
            }
            Action::Unmatched {
                candidates,
                key,
                url,
                title,
                date,
                figures,
            } => {
                let u = NewUnmatched {
                    import_id,
                    line: i32::try_from(row.line).unwrap_or(i32::MAX),
                    sheet: row.sheet.clone(),
                    post_urn: key.map(|k| k.urn()),
                    url: url.clone(),
                    title: title.clone(),
                    posted_on: *date,
                    observed_at: plan.observed_at,
                    figures: *figures,
                    candidates: candidates.clone(),
                };
                metrics::insert_unmatched(db, tenant, u).await?;
            }
            Action::SameSnapshot { .. }
            | Action::AlreadyLinked { .. }
            | Action::SamePageDay
            | Action::Skip(_) => {}
        }
    }
    metrics::replace_snapshots(db, tenant, &replaced, &new).await?;
    Ok(import_id)
}
