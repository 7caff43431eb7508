//! The balance of the selection: the selected candidates, and all who applied or were
//! selected, next to today's Amtfluencer, by department, track, age band and gender. Age band
//! and gender only count where people gave them voluntarily; groups smaller than
//! [`MIN_GROUP`] are merged into "not shown" so that nobody can be singled out.

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{AmbassadorStatus, CandidateStatus, Track};
use amtfluencer_domain::recruitment::{
    AGE_BANDS, Gender, MIN_GROUP, age_band, distribution, percent,
};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{gender_label, this_year, track_label};
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::render::page;

/// What the balance looks at of one person.
struct Profile {
    department: String,
    track: String,
    birth_year: Option<i32>,
    gender: Option<String>,
}

pub struct TableRow {
    pub label: String,
    pub cells: Vec<String>,
}

/// One dimension: a row per group shown in any population, then "not shown" and the totals.
pub struct Table {
    pub id: &'static str,
    pub caption: String,
    pub rows: Vec<TableRow>,
    pub not_shown: Vec<String>,
    pub totals: Vec<String>,
}

#[derive(Template)]
#[template(path = "recruitment/balance.html")]
struct BalancePage {
    ctx: PageCtx,
    list: String,
    columns: Vec<String>,
    tables: Vec<Table>,
    min: String,
}

pub async fn show_balance(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let tid = member.tenant_id();
    let candidates = |statuses: &'static [CandidateStatus]| async {
        let rows = db::candidates::with_statuses(&state.db, tid, statuses).await?;
        Ok::<_, AppError>(
            rows.into_iter()
                .map(|c| Profile {
                    department: c.department,
                    track: c.track,
                    birth_year: c.birth_year,
                    gender: c.gender,
                })
                .collect::<Vec<_>>(),
        )
    };
    use CandidateStatus::{Applied, Selected};
    let selected = candidates(&[Selected]).await?;
    let applied = candidates(&[Applied, Selected]).await?;
    let current = [
        AmbassadorStatus::Onboarding,
        AmbassadorStatus::Active,
        AmbassadorStatus::Paused,
    ];
    let ambassadors: Vec<Profile> = db::ambassadors::list(&state.db, tid)
        .await?
        .into_iter()
        .filter(|a| current.iter().any(|s| s.as_str() == a.status))
        .map(|a| Profile {
            department: a.department,
            track: a.track,
            birth_year: a.birth_year,
            gender: a.gender,
        })
        .collect();
    let pops = [selected, applied, ambassadors];
    let year = this_year();
    let tables = vec![
        table(
            &ctx,
            "department",
            &pops,
            |p| Some(p.department.clone()),
            |v| v.to_owned(),
            &[],
        ),
        table(
            &ctx,
            "track",
            &pops,
            |p| Some(p.track.clone()),
            |v| track_label(&ctx, v),
            &Track::ALL.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ),
        table(
            &ctx,
            "age",
            &pops,
            |p| age_band(p.birth_year, year).map(str::to_owned),
            |v| ctx.t(&format!("balance-age-{v}")),
            &AGE_BANDS,
        ),
        table(
            &ctx,
            "gender",
            &pops,
            |p| p.gender.clone(),
            |v| gender_label(&ctx, v),
            &Gender::ALL.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
        ),
    ];
    Ok(page(&BalancePage {
        list: format!("/t/{}/recruitment", member.tenant.slug),
        columns: ["balance-selected", "balance-applied", "balance-ambassadors"]
            .iter()
            .map(|k| ctx.t(k))
            .collect(),
        tables,
        min: MIN_GROUP.to_string(),
        ctx: ctx.for_member(&member),
    }))
}

fn table(
    ctx: &PageCtx,
    id: &'static str,
    pops: &[Vec<Profile>],
    value: impl Fn(&Profile) -> Option<String>,
    label: impl Fn(&str) -> String,
    order: &[&str],
) -> Table {
    let cell = |n: usize, whole: usize| match ctx.lang {
        Lang::De => format!("{n} ({} %)", percent(n, whole)),
        Lang::En => format!("{n} ({}%)", percent(n, whole)),
    };
    let values: Vec<Vec<Option<String>>> = pops
        .iter()
        .map(|p| p.iter().map(&value).collect())
        .collect();
    let dists: Vec<Vec<(Option<String>, usize)>> = values
        .iter()
        .map(|v| distribution(v.iter().map(Option::as_deref)))
        .collect();
    // Groups in their natural order if they have one, else largest first in the workforce
    // reference (today's Amtfluencer).
    let mut keys: Vec<&str> = Vec::new();
    for (k, _) in dists.iter().rev().flatten() {
        if let Some(k) = k.as_deref().filter(|k| !keys.contains(k)) {
            keys.push(k);
        }
    }
    if !order.is_empty() {
        keys.sort_by_key(|k| order.iter().position(|o| o == k));
    }
    let count_of = |d: &[(Option<String>, usize)], k: Option<&str>| {
        d.iter().find(|(x, _)| x.as_deref() == k).map(|(_, n)| *n)
    };
    let rows = keys
        .iter()
        .map(|k| TableRow {
            label: label(k),
            cells: dists
                .iter()
                .zip(pops)
                .map(|(d, p)| {
                    count_of(d, Some(k)).map_or_else(|| "–".to_owned(), |n| cell(n, p.len()))
                })
                .collect(),
        })
        .collect();
    Table {
        id,
        caption: ctx.t(&format!("balance-by-{id}")),
        rows,
        not_shown: dists
            .iter()
            .zip(pops)
            .map(|(d, p)| cell(count_of(d, None).unwrap_or(0), p.len()))
            .collect(),
        totals: pops.iter().map(|p| p.len().to_string()).collect(),
    }
}
