//! The topic catalogue: ideas with a prompt, a photo idea, a category and tags. Amtfluencer
//! propose topics, the team accepts, merges (the posts move to the target) or archives them.

pub mod entity;
mod stats;

use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use self::entity::{Column as C, Entity as Topics, Model};
use super::calendar::post::{Column as P, Entity as Posts};
use super::now;
use crate::tenancy::TenantId;

pub use stats::{MIN_POSTS_FOR_FIGURES, TopicStats, idea_facts, latest_figures, stats};

/// Where a topic stands in the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicStatus {
    /// Suggested by an Amtfluencer, waiting for the team.
    Proposed,
    Active,
    /// Folded into another topic; its posts moved there.
    Merged,
    Archived,
}

impl TopicStatus {
    pub const ALL: [TopicStatus; 4] = [Self::Proposed, Self::Active, Self::Merged, Self::Archived];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Active => "active",
            Self::Merged => "merged",
            Self::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A checked topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic {
    pub title: String,
    pub description: String,
    pub prompt: String,
    pub photo_idea: String,
    pub category: String,
    pub tags: Vec<String>,
}

/// All topics of the authority, by category and title.
pub async fn list(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Model>, DbErr> {
    Topics::find()
        .filter(C::TenantId.eq(tenant.0))
        .order_by_asc(C::Category)
        .order_by_asc(C::Title)
        .all(db)
        .await
}

/// One topic of this authority.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
) -> Result<Option<Model>, DbErr> {
    Topics::find_by_id(id)
        .filter(C::TenantId.eq(tenant.0))
        .one(db)
        .await
}

fn tags_json(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".to_owned())
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    new: NewTopic,
    status: TopicStatus,
    proposed_by: Option<i64>,
) -> Result<Model, DbErr> {
    let t = now();
    entity::ActiveModel {
        tenant_id: Set(tenant.0),
        title: Set(new.title),
        description: Set(new.description),
        prompt: Set(new.prompt),
        photo_idea: Set(new.photo_idea),
        category: Set(new.category),
        tags: Set(tags_json(&new.tags)),
        status: Set(status.as_str().to_owned()),
        proposed_by: Set(proposed_by),
        merged_into: Set(None),
        shared_with_network: Set(false),
        created_at: Set(t),
        updated_at: Set(t),
        ..Default::default()
    }
    .insert(db)
    .await
}

/// Changes the text of a topic fetched through [`get`].
pub async fn update(
    db: &impl ConnectionTrait,
    topic: &Model,
    new: NewTopic,
) -> Result<Model, DbErr> {
    let mut m: entity::ActiveModel = topic.clone().into();
    m.title = Set(new.title);
    m.description = Set(new.description);
    m.prompt = Set(new.prompt);
    m.photo_idea = Set(new.photo_idea);
    m.category = Set(new.category);
    m.tags = Set(tags_json(&new.tags));
    m.updated_at = Set(now());
    m.update(db).await
}

pub async fn set_status(
    db: &impl ConnectionTrait,
    topic: &Model,
    status: TopicStatus,
) -> Result<Model, DbErr> {
    let mut m: entity::ActiveModel = topic.clone().into();
    m.status = Set(status.as_str().to_owned());
    if status != TopicStatus::Merged {
        m.merged_into = Set(None);
    }
    m.updated_at = Set(now());
    m.update(db).await
}

/// Folds `from` into `into`: every post (and short link) of `from` moves over; returns how
/// many posts moved.
pub async fn merge(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    from: &Model,
    into: &Model,
) -> Result<u64, DbErr> {
    let moved = Posts::update_many()
        .col_expr(P::TopicId, Expr::value(into.id))
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::TopicId.eq(from.id))
        .exec(db)
        .await?
        .rows_affected;
    super::links::move_topic(db, tenant, from.id, into.id).await?;
    let mut m: entity::ActiveModel = from.clone().into();
    m.status = Set(TopicStatus::Merged.as_str().to_owned());
    m.merged_into = Set(Some(into.id));
    m.updated_at = Set(now());
    m.update(db).await?;
    Ok(moved)
}

/// Deletes a topic; its posts stay, without a topic.
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<bool, DbErr> {
    Posts::update_many()
        .col_expr(P::TopicId, Expr::value(Option::<i64>::None))
        .filter(P::TenantId.eq(tenant.0))
        .filter(P::TopicId.eq(id))
        .exec(db)
        .await?;
    Topics::update_many()
        .col_expr(C::MergedInto, Expr::value(Option::<i64>::None))
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::MergedInto.eq(id))
        .exec(db)
        .await?;
    let res = Topics::delete_many()
        .filter(C::TenantId.eq(tenant.0))
        .filter(C::Id.eq(id))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}
