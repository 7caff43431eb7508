//! What stops a post from leaving the tool, read from the records: the photo's alt text and
//! the consents of the people in it, and the second look where the authority asks for one.
//! Marking a post published by hand, scheduling it and the publish job all ask here.

use amtfluencer_domain::studio::ready::{self, Blocker};
use sea_orm::{ConnectionTrait, DbErr};

use super::{consent, reviews};
use crate::db::entities::tenant;
use crate::tenancy::TenantId;

/// The post as far as readiness is concerned.
pub struct PostFacts<'a> {
    pub id: i64,
    pub topic_id: Option<i64>,
    pub body: &'a str,
}

pub async fn blockers(
    db: &impl ConnectionTrait,
    t: &tenant::Model,
    post: PostFacts<'_>,
) -> Result<Vec<Blocker>, DbErr> {
    let tenant = TenantId(t.id);
    let photo = consent::photo_facts(db, tenant, post.id).await?;
    let settings = reviews::StudioSettings::of(t);
    let review = reviews::state(db, tenant, settings, post.id, post.topic_id, post.body).await?;
    Ok(ready::blockers(photo.as_ref(), review))
}
