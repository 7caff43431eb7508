//! Short links: the programme team creates them for job postings and campaign pages; anyone
//! follows them through `/l/{code}`. A click keeps the link, the hour and the referring host,
//! nothing about the person. The figures over clicks live in `analytics::links`, behind the
//! privacy proofs.

use amtfluencer_domain::links::{ShortCode, TargetUrl, click_hour};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, JoinType, Order, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use super::entities::short_link::{self, Column as C, Entity as Links, Model};
use super::now;
use crate::tenancy::TenantId;

/// A checked short link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    pub label: String,
    pub target: TargetUrl,
    /// A post of this authority (the caller checked).
    pub post_id: Option<i64>,
    /// A topic of this authority (the caller checked).
    pub topic_id: Option<i64>,
}

/// A fresh code from the operating system's random source.
fn fresh_code() -> ShortCode {
    loop {
        let mut bytes = [0u8; 32];
        // Without OS randomness no unguessable code can be made; the server cannot go on.
        #[expect(clippy::expect_used, reason = "no safe fallback without OS randomness")]
        getrandom::fill(&mut bytes).expect("the operating system's random source is unavailable");
        if let Some(code) = ShortCode::from_random(&bytes) {
            return code;
        }
    }
}

/// Creates a link with a code no other link of any authority has.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewLink,
) -> Result<Model, DbErr> {
    let mut code = fresh_code();
    // 31^8 codes: a second draw is already unlikely, a sixth one is not going to happen.
    for _ in 0..5 {
        if by_code(db, &code).await?.is_none() {
            break;
        }
        code = fresh_code();
    }
    create_with_code(db, tenant, new, &code).await
}

/// Creates a link with a given code (the demo's are fixed); a taken code is a unique violation.
pub async fn create_with_code(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewLink,
    code: &ShortCode,
) -> Result<Model, DbErr> {
    short_link::ActiveModel {
        tenant_id: Set(tenant.0),
        code: Set(code.as_str().to_owned()),
        label: Set(new.label),
        target_url: Set(new.target.as_str().to_owned()),
        post_id: Set(new.post_id),
        topic_id: Set(new.topic_id),
        created_at: Set(now()),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// One link of this authority; another authority's id is not found.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<Model>, DbErr> {
    Links::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await
}

/// The link behind `/l/{code}`, of whichever authority.
pub async fn by_code(db: &impl ConnectionTrait, code: &ShortCode) -> Result<Option<Model>, DbErr> {
    Links::find()
        .filter(C::Code.eq(code.as_str()))
        .one(db)
        .await
}

/// The authority's links, newest first.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Model>, DbErr> {
    Links::find()
        .filter(C::TenantId.eq(tenant.0))
        .order_by_desc(C::CreatedAt)
        .order_by_desc(C::Id)
        .all(db)
        .await
}

/// Changes label, target and attribution of a link fetched through [`get`]; the code stays.
pub async fn update(db: &impl ConnectionTrait, link: &Model, new: NewLink) -> Result<Model, DbErr> {
    let mut m: short_link::ActiveModel = link.clone().into();
    m.label = Set(new.label);
    m.target_url = Set(new.target.as_str().to_owned());
    m.post_id = Set(new.post_id);
    m.topic_id = Set(new.topic_id);
    m.update(db).await
}

/// Switches a link off (it no longer redirects) or on again.
pub async fn set_archived(
    db: &impl ConnectionTrait,
    link: &Model,
    archived: bool,
) -> Result<Model, DbErr> {
    let mut m: short_link::ActiveModel = link.clone().into();
    m.archived_at = Set(archived.then(now));
    m.update(db).await
}

/// Moves the links of a topic that is folded into another.
pub async fn move_topic(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    from: i64,
    into: i64,
) -> Result<u64, DbErr> {
    Ok(Links::update_many()
        .col_expr(C::TopicId, Expr::value(into))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::TopicId.eq(from))
        .exec(db)
        .await?
        .rows_affected)
}

/// Counts one click: the link, the hour, and the referring site's host if the browser sent one.
pub async fn record_click(
    db: &impl ConnectionTrait,
    link: &Model,
    at: DateTime<Utc>,
    referrer_host: Option<String>,
) -> Result<(), DbErr> {
    let stmt = Query::insert()
        .into_table("link_clicks")
        .columns(["tenant_id", "short_link_id", "clicked_at", "referrer_host"])
        .values_panic([
            link.tenant_id.into(),
            link.id.into(),
            click_hour(at).into(),
            referrer_host.into(),
        ])
        .to_owned();
    db.execute(&stmt).await.map(|_| ())
}

/// A post the team can attribute a link to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostChoice {
    pub id: i64,
    /// Published, else planned for; none for an idea or draft.
    pub at: Option<DateTime<Utc>>,
    pub author: String,
    pub excerpt: String,
}

fn coalesce_when() -> Expr {
    Expr::expr(Func::coalesce([
        Expr::col(("p", "published_at")),
        Expr::col(("p", "scheduled_at")),
    ]))
}

/// Posts of this authority with their author, for choosing and naming.
fn choice_select(tenant: TenantId) -> sea_orm::sea_query::SelectStatement {
    let mut stmt = Query::select();
    stmt.expr_as(Expr::col(("p", "id")), "id")
        .expr_as(coalesce_when(), "at")
        .expr_as(Expr::col(("p", "body")), "body")
        .expr_as(Expr::col(("a", "first_name")), "first_name")
        .expr_as(Expr::col(("a", "last_name")), "last_name")
        .from_as("posts", "p")
        .join_as(
            JoinType::InnerJoin,
            "ambassadors",
            "a",
            Expr::col(("a", "id")).equals(("p", "ambassador_id")),
        )
        .and_where(Expr::col(("p", "tenant_id")).eq(tenant.0));
    stmt
}

/// Planned and published posts around `at` (four months back, two ahead; at most 200) and the
/// post `keep`, so that a link's current attribution is always among the choices.
pub async fn post_choices(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    at: DateTime<Utc>,
    keep: Option<i64>,
) -> Result<Vec<PostChoice>, DbErr> {
    let (from, to) = (at - Duration::days(120), at + Duration::days(60));
    // Two reads that each follow an index (a post's date is its publication, else its
    // schedule), instead of one over `COALESCE(…)` that no index serves.
    let mut published = choice_select(tenant);
    published
        .and_where(Expr::col(("p", "published_at")).gte(from))
        .and_where(Expr::col(("p", "published_at")).lte(to));
    let mut planned = choice_select(tenant);
    planned
        .and_where(Expr::col(("p", "published_at")).is_null())
        .and_where(Expr::col(("p", "scheduled_at")).gte(from))
        .and_where(Expr::col(("p", "scheduled_at")).lte(to));
    let mut out = Vec::new();
    for mut stmt in [published, planned] {
        stmt.and_where(Expr::col(("p", "status")).is_in(["scheduled", "published"]))
            .order_by_expr(coalesce_when(), Order::Desc)
            .order_by(("p", "id"), Order::Desc)
            .limit(200);
        out.extend(choices(db.query_all(&stmt).await?)?);
    }
    out.sort_by_key(|c| std::cmp::Reverse((c.at, c.id)));
    out.truncate(200);
    if let Some(id) = keep.filter(|id| !out.iter().any(|c| c.id == *id)) {
        out.extend(posts_by_id(db, tenant, &[id]).await?);
    }
    Ok(out)
}

/// The named posts of this authority.
pub async fn posts_by_id(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ids: &[i64],
) -> Result<Vec<PostChoice>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = choice_select(tenant);
    stmt.and_where(Expr::col(("p", "id")).is_in(ids.iter().copied()));
    choices(db.query_all(&stmt).await?)
}

fn choices(rows: Vec<sea_orm::QueryResult>) -> Result<Vec<PostChoice>, DbErr> {
    let mut out = Vec::new();
    for r in rows {
        let body: String = r.try_get("", "body")?;
        let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let at: Option<DateTime<Utc>> = r.try_get("", "at")?;
        out.push(PostChoice {
            id: r.try_get("", "id")?,
            at,
            author: format!(
                "{} {}",
                r.try_get::<String>("", "first_name")?,
                r.try_get::<String>("", "last_name")?
            ),
            excerpt: first.chars().take(60).collect(),
        });
    }
    Ok(out)
}

/// Whether a post belongs to this authority.
pub async fn post_exists(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<bool, DbErr> {
    let stmt = Query::select()
        .column("id")
        .from("posts")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(post_id))
        .to_owned();
    Ok(db.query_one(&stmt).await?.is_some())
}
