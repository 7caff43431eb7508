//! The imports page's view: the preview of a file, the posts waiting to be assigned, the
//! manual entry and the latest imports.

use amtfluencer_domain::studio::Language;
use askama::Template;
use sea_orm::ConnectionTrait;

use crate::db::{self, metrics::PostChoice};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::imports::{Outcome, Plan};
use crate::tenancy::Member;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;

pub fn lang_of(lang: Lang) -> Language {
    match lang {
        Lang::De => Language::De,
        Lang::En => Language::En,
    }
}

pub struct RowView {
    pub line: usize,
    pub sheet: String,
    pub label: String,
    /// imported, updated, skipped or unmatched: a class and a label.
    pub kind: &'static str,
    pub outcome: String,
    pub reason: String,
}

pub struct Preview {
    pub file_name: String,
    pub summary: String,
    pub duplicate: Option<String>,
    pub rows: Vec<RowView>,
    pub confirm_data: Option<String>,
    pub ambassador_id: String,
}

pub struct UnmatchedView {
    pub id: i64,
    pub label: String,
    pub url: Option<String>,
    pub date: String,
    pub choices: Vec<PostChoice>,
}

pub struct ImportView {
    pub when: String,
    pub file_name: String,
    pub kind: String,
    pub counts: String,
    pub covers: String,
}

#[derive(Template)]
#[template(path = "imports/index.html")]
pub struct ImportsPage {
    pub ctx: PageCtx,
    pub base: String,
    pub file_error: Option<String>,
    pub notice: Option<String>,
    pub preview: Option<Preview>,
    pub people: Vec<(i64, String)>,
    pub unmatched: Vec<UnmatchedView>,
    pub recent: Vec<ImportView>,
    pub posts: Vec<PostChoice>,
    pub today: String,
}

impl ImportsPage {
    pub fn choice_label(&self, c: &PostChoice) -> String {
        let date = c
            .date
            .map(|d| format_date(self.ctx.lang, d))
            .unwrap_or_default();
        format!("{date} – {}", c.excerpt)
    }
}

pub fn kind_label(ctx: &PageCtx, kind: &str) -> String {
    ctx.t(&format!("imports-kind-{kind}"))
}

fn outcome_kind(o: Outcome) -> &'static str {
    match o {
        Outcome::Imported => "imported",
        Outcome::Updated => "updated",
        Outcome::Skipped => "skipped",
        Outcome::Unmatched => "unmatched",
    }
}

/// The page without a preview: what waits for assignment and what was imported lately.
pub async fn page_for(
    db: &impl ConnectionTrait,
    ctx: PageCtx,
    member: &Member,
) -> Result<ImportsPage, AppError> {
    let tenant = member.tenant_id();
    let ctx = ctx.for_member(member);
    let people = db::ambassadors::list(db, tenant)
        .await?
        .into_iter()
        .map(|a| (a.id, format!("{} {}", a.first_name, a.last_name)))
        .collect();
    let mut unmatched = Vec::new();
    let waiting = db::metrics::list_unmatched(db, tenant, None).await?;
    let all = if waiting.iter().any(|u| !u.candidates.is_empty()) {
        db::metrics::post_choices(db, tenant, None, 5000).await?
    } else {
        Vec::new()
    };
    for u in waiting {
        let mut choices: Vec<PostChoice> = all
            .iter()
            .filter(|c| u.candidates.contains(&c.id))
            .cloned()
            .collect();
        if choices.is_empty() {
            choices = db::metrics::post_choices(db, tenant, u.posted_on, 30).await?;
        }
        if choices.is_empty() {
            // Nothing published around that date: offer the latest posts instead.
            choices = db::metrics::post_choices(db, tenant, None, 30).await?;
        }
        unmatched.push(UnmatchedView {
            id: u.id,
            label: u
                .title
                .clone()
                .or_else(|| u.url.clone())
                .unwrap_or_default(),
            url: u.url,
            date: u
                .posted_on
                .map(|d| format_date(ctx.lang, d))
                .unwrap_or_default(),
            choices,
        });
    }
    let recent = db::metrics::recent_imports(db, tenant, 20)
        .await?
        .into_iter()
        .map(|i| ImportView {
            when: format_date(ctx.lang, i.created_at.date_naive()),
            file_name: i.file_name,
            kind: kind_label(&ctx, &i.kind),
            counts: ctx.i18n.tr_args(
                ctx.lang,
                "imports-counts",
                &[
                    ("imported", &i.rows_imported.to_string()),
                    ("updated", &i.rows_updated.to_string()),
                    ("skipped", &i.rows_skipped.to_string()),
                ],
            ),
            covers: match (i.covers_from, i.covers_until) {
                (Some(a), Some(b)) => format!(
                    "{} – {}",
                    format_date(ctx.lang, a),
                    format_date(ctx.lang, b)
                ),
                _ => "–".to_owned(),
            },
        })
        .collect();
    let posts = db::metrics::post_choices(db, tenant, None, 60).await?;
    Ok(ImportsPage {
        base: format!("/t/{}/imports", member.tenant.slug),
        today: db::now().date_naive().to_string(),
        ctx,
        file_error: None,
        notice: None,
        preview: None,
        people,
        unmatched,
        recent,
        posts,
    })
}

/// The preview of a plan in the page's language.
pub fn preview_of(ctx: &PageCtx, plan: &Plan, confirm_data: Option<String>) -> Preview {
    let lang = lang_of(ctx.lang);
    let report = crate::imports::report(plan, lang);
    let summary = ctx.i18n.tr_args(
        ctx.lang,
        "imports-summary",
        &[
            ("imported", &report.imported.to_string()),
            ("updated", &report.updated.to_string()),
            ("skipped", &report.skipped.to_string()),
            ("unmatched", &report.unmatched.to_string()),
        ],
    );
    let duplicate = plan.duplicate_of.as_ref().map(|d| {
        ctx.t1(
            "imports-duplicate",
            "date",
            &format_date(ctx.lang, d.created_at.date_naive()),
        )
    });
    Preview {
        file_name: plan.file_name.clone(),
        summary,
        duplicate,
        rows: report
            .rows
            .into_iter()
            .map(|r| {
                let kind = outcome_kind(r.outcome);
                RowView {
                    line: r.line,
                    sheet: r.sheet,
                    label: r.label,
                    kind,
                    outcome: ctx.t(&format!("imports-outcome-{kind}")),
                    reason: r.reason.unwrap_or_default(),
                }
            })
            .collect(),
        confirm_data: confirm_data.filter(|_| plan.has_changes()),
        ambassador_id: plan
            .ambassador_id
            .map(|a| a.to_string())
            .unwrap_or_default(),
    }
}
