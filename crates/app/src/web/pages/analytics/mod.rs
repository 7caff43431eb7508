//! The dashboards: programme, topics, page effect, participation and personal figures. What a
//! page may show is decided by `domain::privacy` and enforced by the `db::analytics` functions,
//! which want the matching proof; the pages only lay the figures out (SVG chart, data table,
//! one-sentence summary, and where the figures came from and how fresh they are).

pub mod chart;
mod effect;
mod links;
mod personal;
mod programme;
mod topics;

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::privacy::{
    AggregateAccess, ParticipationAccess, PersonAccess, Subject, Viewer,
};
use askama::Template;
use axum::Router;
use axum::response::Response;
use axum::routing::get;
use chrono::{Duration, Months, NaiveDate};

use crate::numbers as format;
pub use crate::numbers::{dec, num, pct};

use crate::db::analytics::{Freshness, Range};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::export::{self, Cell, Export, ExportQuery, Format};
use crate::web::layout::{NavItem, PageCtx};
use crate::web::pages::start::format_date;
use crate::web::render::page;
use chart::Chart;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/analytics", get(programme::show_index))
        .route(
            "/t/{slug}/analytics/programme",
            get(programme::show_programme),
        )
        .route("/t/{slug}/analytics/topics", get(topics::show_topics))
        .route(
            "/t/{slug}/analytics/page-effect",
            get(effect::show_page_effect),
        )
        .route(
            "/t/{slug}/analytics/participation",
            get(personal::show_participation),
        )
        .route("/t/{slug}/analytics/personal", get(personal::show_personal))
}

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`; without them the twelve months up to today.
#[derive(Debug, Default, serde::Deserialize)]
pub struct RangeQuery {
    pub from: Option<String>,
    pub to: Option<String>,
}

pub fn range_of(q: &RangeQuery, today: NaiveDate) -> Result<Range, AppError> {
    let parse = |s: &Option<String>, field: &str| -> Result<Option<NaiveDate>, AppError> {
        match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    AppError::Validation(vec![crate::error::FieldError {
                        field: Some(field.into()),
                        detail: "Datum im Format JJJJ-MM-TT erwartet (date as YYYY-MM-DD).".into(),
                    }])
                }),
        }
    };
    let to = parse(&q.to, "to")?.unwrap_or(today);
    let from = parse(&q.from, "from")?.unwrap_or_else(|| {
        to.checked_sub_months(Months::new(12)).unwrap_or(to) + Duration::days(1)
    });
    if from > to || (to - from).num_days() > 366 * 5 {
        return Err(AppError::Validation(vec![crate::error::FieldError {
            field: Some("from".into()),
            detail: "Der Zeitraum muss mit „von“ beginnen und darf höchstens fünf Jahre lang sein (from must not be after to; at most five years).".into(),
        }]));
    }
    Ok(Range { from, to })
}

pub fn aggregates(member: &Member) -> Result<AggregateAccess, AppError> {
    AggregateAccess::check(member.role).ok_or(AppError::Forbidden)
}

/// The proof that the member may read their own figures (which never depend on a consent).
pub async fn own_figures(state: &AppState, member: &Member) -> Result<PersonAccess, AppError> {
    let me = crate::db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = Viewer {
        role: member.role,
        ambassador_id: Some(me.id),
    };
    let subject = Subject {
        ambassador_id: me.id,
        shares_with_team: false,
    };
    PersonAccess::check(&viewer, &subject).ok_or(AppError::Forbidden)
}

pub fn participation(member: &Member) -> Result<ParticipationAccess, AppError> {
    ParticipationAccess::check(member.role).ok_or(AppError::Forbidden)
}

/// A source quiet for longer than this is called out.
pub const STALE_AFTER_DAYS: i64 = 14;

/// Where the figures came from and how fresh they are, and a warning when a source is quiet.
pub fn source_lines(
    ctx: &PageCtx,
    f: &Freshness,
    today: NaiveDate,
    page: bool,
) -> (Vec<String>, Option<String>) {
    let date = |d: NaiveDate| format_date(ctx.lang, d);
    let mut lines = vec![ctx.t("analytics-source")];
    lines.push(match f.last_import {
        Some(at) => ctx.t1("analytics-last-import", "date", &date(at.date_naive())),
        None => ctx.t("analytics-no-import"),
    });
    let until = if page {
        f.page_until
    } else {
        f.posts_until.map(|d| d.date_naive())
    };
    let key = if page {
        "analytics-page-until"
    } else {
        "analytics-posts-until"
    };
    match until {
        Some(d) => {
            lines.push(ctx.t1(key, "date", &date(d)));
            let stale = (today - d).num_days() > STALE_AFTER_DAYS;
            (
                lines,
                stale.then(|| ctx.t1("analytics-stale", "date", &date(d))),
            )
        }
        None => (lines, Some(ctx.t("analytics-no-data"))),
    }
}

/// A table of a dashboard.
pub struct Table {
    pub id: String,
    pub heading: String,
    /// The German heading, for the name of a downloaded file.
    pub file: String,
    pub intro: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub empty: String,
}

/// A message in German whatever the page's language: file names are German.
pub fn de(ctx: &PageCtx, key: &str) -> String {
    ctx.i18n.tr(Lang::De, key)
}

/// Column headings from their message keys.
pub fn headers(ctx: &PageCtx, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| ctx.t(k)).collect()
}

#[derive(Template)]
#[template(path = "analytics/page.html")]
pub struct Dashboard {
    pub ctx: PageCtx,
    pub title: String,
    pub intro: String,
    pub tabs: Vec<NavItem>,
    /// The range form (`None` on pages without a period).
    pub range: Option<(String, String)>,
    /// The start of a table's download link (`?from=…&to=…&`), ending where `format=` follows.
    pub export_base: String,
    pub sources: Vec<String>,
    pub stale: Option<String>,
    pub statements: Vec<String>,
    pub charts: Vec<Chart>,
    pub tables: Vec<Table>,
}

/// The dashboards this member may open, the current one marked.
pub fn tabs(ctx: &PageCtx, member: &Member) -> Vec<NavItem> {
    let base = format!("/t/{}/analytics", member.tenant.slug);
    [
        (
            Permission::ViewAggregates,
            "programme",
            "analytics-programme",
        ),
        (Permission::ViewAggregates, "topics", "analytics-topics"),
        (
            Permission::ViewAggregates,
            "page-effect",
            "analytics-page-effect",
        ),
        (
            Permission::ManageProgramme,
            "participation",
            "analytics-participation",
        ),
        (Permission::ViewOwnFigures, "personal", "analytics-personal"),
    ]
    .into_iter()
    .filter(|(p, _, _)| member.can(*p))
    .map(|(_, path, key)| {
        let href = format!("{base}/{path}");
        NavItem {
            current: ctx.path == href,
            label: ctx.t(key),
            href,
        }
    })
    .collect()
}

impl Dashboard {
    pub fn new(ctx: PageCtx, member: &Member, title_key: &str, intro_key: &str) -> Self {
        let ctx = ctx.for_member(member);
        Self {
            title: ctx.t(title_key),
            intro: ctx.t(intro_key),
            tabs: tabs(&ctx, member),
            ctx,
            range: None,
            export_base: "?".to_owned(),
            sources: Vec::new(),
            stale: None,
            statements: Vec::new(),
            charts: Vec::new(),
            tables: Vec::new(),
        }
    }

    pub fn with_range(mut self, r: Range) -> Self {
        self.range = Some((r.from.to_string(), r.to.to_string()));
        self.export_base = format!("?from={}&to={}&", r.from, r.to);
        self
    }

    /// The page, or one of its tables as a file (`?format=csv|xlsx&table=<id>`): the file is
    /// made of the cells the page would show, so it never holds more than the page.
    pub fn respond(self, x: &ExportQuery) -> Result<Response, AppError> {
        let Some(format) = Format::parse(x.format.as_deref())? else {
            return Ok(page(&self));
        };
        let id = x.table.as_deref().unwrap_or_default();
        let (file, headers, rows, intro) = self
            .charts
            .iter()
            .find(|c| c.id == id)
            .map(|c| (&c.file, &c.headers, &c.rows, Some(&c.summary)))
            .or_else(|| {
                self.tables
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| (&t.file, &t.headers, &t.rows, t.intro.as_ref()))
            })
            .ok_or(AppError::NotFound)?;
        let mut notes: Vec<String> = intro.into_iter().cloned().collect();
        notes.extend(self.sources.iter().cloned());
        notes.extend(self.stale.iter().cloned());
        let period = self
            .range
            .as_ref()
            .map(|(from, to)| format!("{from} bis {to}"))
            .unwrap_or_default();
        let prefix = self.ctx.tenant_slug.clone().unwrap_or_default();
        let e = Export {
            title: file,
            headers,
            rows,
            notes,
        };
        export::respond(format, &prefix, &period, &e)
    }
}

/// The page effect in German words, for the API.
pub fn statements_de(state: &AppState, e: &crate::db::analytics::PageEffect) -> Vec<String> {
    crate::reports::Words::new(&state.i18n, crate::i18n::Lang::De).effect_statements(e)
}
