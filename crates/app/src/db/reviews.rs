//! The second look before a post goes out, off by default: the authority's studio settings
//! (inclusive-language style, review policy), topics marked for review, and the steps of a
//! review (asked, taken back, changes asked for, approved), each with the hash of the text it
//! was about, so that an approval holds for exactly the text that is published.

use amtfluencer_domain::studio::InclusiveStyle;
use amtfluencer_domain::studio::ready::{ReviewAction, ReviewPolicy, ReviewState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, JoinType, Order, Query};
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::now;
use crate::db::entities::tenant;
use crate::tenancy::TenantId;

/// The studio's part of `tenants.settings` (JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StudioSettings {
    pub inclusive_style: InclusiveStyle,
    pub review: ReviewPolicy,
}

impl Default for StudioSettings {
    fn default() -> Self {
        Self {
            inclusive_style: InclusiveStyle::Off,
            review: ReviewPolicy::Off,
        }
    }
}

#[derive(Serialize, Deserialize, Default)]
struct StoredStudio {
    #[serde(default)]
    inclusive_style: Option<String>,
    #[serde(default)]
    review: Option<String>,
}

impl StudioSettings {
    /// The settings of an authority; unknown or missing values fall back to the defaults.
    pub fn of(t: &tenant::Model) -> Self {
        let all: serde_json::Value = serde_json::from_str(&t.settings).unwrap_or_default();
        let stored: StoredStudio = all
            .get("studio")
            .cloned()
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        let d = Self::default();
        Self {
            inclusive_style: stored
                .inclusive_style
                .and_then(|s| s.parse().ok())
                .unwrap_or(d.inclusive_style),
            review: stored
                .review
                .and_then(|s| s.parse().ok())
                .unwrap_or(d.review),
        }
    }
}

/// Stores the studio settings, keeping every other part of `tenants.settings`.
pub async fn save_settings(
    db: &impl ConnectionTrait,
    t: &tenant::Model,
    s: StudioSettings,
) -> Result<(), DbErr> {
    let mut all: serde_json::Value = serde_json::from_str(&t.settings).unwrap_or_default();
    if !all.is_object() {
        all = serde_json::json!({});
    }
    all["studio"] = serde_json::json!({
        "inclusive_style": s.inclusive_style.as_str(),
        "review": s.review.as_str(),
    });
    let q = Query::update()
        .table("tenants")
        .value("settings", all.to_string())
        .value("updated_at", now())
        .and_where(Expr::col("id").eq(t.id))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Marks exactly these topics of the authority for review.
pub async fn set_review_topics(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    ids: &[i64],
) -> Result<(), DbErr> {
    let q = Query::update()
        .table("topics")
        .value(
            "review_required",
            Expr::col("id").is_in(ids.iter().copied()),
        )
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// The ids of the topics marked for review.
pub async fn review_topics(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<i64>, DbErr> {
    let q = Query::select()
        .column("id")
        .from("topics")
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("review_required").eq(true))
        .to_owned();
    db.query_all(&q)
        .await?
        .iter()
        .map(|r| r.try_get("", "id"))
        .collect()
}

/// The SHA-256 of a post's text, as hex.
pub fn body_hash(body: &str) -> String {
    hex::encode(Sha256::digest(body.as_bytes()))
}

#[derive(Debug, Clone)]
pub struct Step {
    pub action: ReviewAction,
    pub comment: String,
    pub body_sha256: String,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

fn step(r: &QueryResult) -> Result<Step, DbErr> {
    let action: String = r.try_get("", "action")?;
    Ok(Step {
        action: action.parse().unwrap_or(ReviewAction::Requested),
        comment: r.try_get("", "comment")?,
        body_sha256: r.try_get("", "body_sha256")?,
        by: r.try_get("", "display_name")?,
        at: r.try_get("", "created_at")?,
    })
}

/// The steps of a post's review, oldest first, with who took them.
pub async fn steps(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
) -> Result<Vec<Step>, DbErr> {
    let r = Alias::new("r");
    let u = Alias::new("u");
    let q = Query::select()
        .columns([
            (r.clone(), Alias::new("action")),
            (r.clone(), Alias::new("comment")),
            (r.clone(), Alias::new("body_sha256")),
            (r.clone(), Alias::new("created_at")),
        ])
        .column((u.clone(), Alias::new("display_name")))
        .from_as(Alias::new("post_reviews"), r.clone())
        .join_as(
            JoinType::LeftJoin,
            Alias::new("users"),
            u.clone(),
            Expr::col((u.clone(), Alias::new("id"))).equals((r.clone(), Alias::new("user_id"))),
        )
        .and_where(Expr::col((r.clone(), Alias::new("tenant_id"))).eq(tenant.0))
        .and_where(Expr::col((r.clone(), Alias::new("post_id"))).eq(post_id))
        .order_by((r.clone(), Alias::new("created_at")), Order::Asc)
        .order_by((r, Alias::new("id")), Order::Asc)
        .to_owned();
    db.query_all(&q).await?.iter().map(step).collect()
}

pub async fn add_step(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
    user_id: i64,
    action: ReviewAction,
    comment: &str,
    body: &str,
) -> Result<(), DbErr> {
    let q = Query::insert()
        .into_table("post_reviews")
        .columns([
            "tenant_id",
            "post_id",
            "user_id",
            "action",
            "comment",
            "body_sha256",
            "created_at",
        ])
        .values_panic([
            tenant.0.into(),
            post_id.into(),
            user_id.into(),
            action.as_str().into(),
            comment.into(),
            body_hash(body).into(),
            now().into(),
        ])
        .to_owned();
    db.execute(&q).await?;
    Ok(())
}

/// Whether a post on this topic needs a second look under the authority's policy.
pub async fn required(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    policy: ReviewPolicy,
    topic_id: Option<i64>,
) -> Result<bool, DbErr> {
    let marked = match (policy, topic_id) {
        (ReviewPolicy::Topics, Some(id)) => review_topics(db, tenant).await?.contains(&id),
        _ => false,
    };
    Ok(policy.requires(marked))
}

/// The review state of a post's current text.
pub async fn state(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    settings: StudioSettings,
    post_id: i64,
    topic_id: Option<i64>,
    body: &str,
) -> Result<ReviewState, DbErr> {
    let required = required(db, tenant, settings.review, topic_id).await?;
    if !required {
        return Ok(ReviewState::NotRequired);
    }
    let hash = body_hash(body);
    let steps: Vec<(ReviewAction, bool)> = steps(db, tenant, post_id)
        .await?
        .into_iter()
        .map(|s| (s.action, s.body_sha256 == hash))
        .collect();
    Ok(ReviewState::from_steps(true, &steps))
}

/// Moves a post from one of `from` to `to`; false when it was not in one of them.
pub async fn move_status(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    post_id: i64,
    from: &[&str],
    to: &str,
) -> Result<bool, DbErr> {
    let q = Query::update()
        .table("posts")
        .value("status", to)
        .value("updated_at", now())
        .and_where(Expr::col("tenant_id").eq(tenant.0))
        .and_where(Expr::col("id").eq(post_id))
        .and_where(Expr::col("status").is_in(from.iter().copied()))
        .to_owned();
    Ok(db.execute(&q).await?.rows_affected() == 1)
}

/// A post waiting for its second look.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub post_id: i64,
    pub author: String,
    pub topic: Option<String>,
    pub body: String,
    pub since: DateTime<Utc>,
}

/// The posts waiting for a second look, the longest waiting first.
pub async fn waiting(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Waiting>, DbErr> {
    let p = Alias::new("p");
    let a = Alias::new("a");
    let t = Alias::new("t");
    let q = Query::select()
        .expr_as(
            Expr::col((p.clone(), Alias::new("id"))),
            Alias::new("post_id"),
        )
        .expr_as(
            Expr::col((p.clone(), Alias::new("body"))),
            Alias::new("body"),
        )
        .expr_as(
            Expr::col((p.clone(), Alias::new("updated_at"))),
            Alias::new("since"),
        )
        .expr_as(
            Expr::col((a.clone(), Alias::new("first_name"))),
            Alias::new("first_name"),
        )
        .expr_as(
            Expr::col((a.clone(), Alias::new("last_name"))),
            Alias::new("last_name"),
        )
        .expr_as(
            Expr::col((t.clone(), Alias::new("title"))),
            Alias::new("topic"),
        )
        .from_as(Alias::new("posts"), p.clone())
        .join_as(
            JoinType::InnerJoin,
            Alias::new("ambassadors"),
            a.clone(),
            Expr::col((a.clone(), Alias::new("id")))
                .equals((p.clone(), Alias::new("ambassador_id"))),
        )
        .join_as(
            JoinType::LeftJoin,
            Alias::new("topics"),
            t.clone(),
            Expr::col((t.clone(), Alias::new("id"))).equals((p.clone(), Alias::new("topic_id"))),
        )
        .and_where(Expr::col((p.clone(), Alias::new("tenant_id"))).eq(tenant.0))
        .and_where(Expr::col((p.clone(), Alias::new("status"))).eq("in_review"))
        .order_by((p, Alias::new("updated_at")), Order::Asc)
        .to_owned();
    db.query_all(&q)
        .await?
        .iter()
        .map(|r| {
            let first: String = r.try_get("", "first_name")?;
            let last: String = r.try_get("", "last_name")?;
            Ok(Waiting {
                post_id: r.try_get("", "post_id")?,
                author: format!("{first} {last}"),
                topic: r.try_get("", "topic")?,
                body: r.try_get("", "body")?,
                since: r.try_get("", "since")?,
            })
        })
        .collect()
}
