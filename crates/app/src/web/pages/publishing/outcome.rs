//! After an attempt whose outcome is unknown the author looks at their profile and says what
//! they found: "Er ist erschienen" with the post's link (the post is then published with the
//! id from that link, nothing is sent again) or "Er ist nicht erschienen" (a draft again, to
//! be scheduled anew).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::TransactionTrait;

use super::posts::{PostPath, ScheduleForm, own_post, render_post};
use crate::channels::links::{linkedin_post, mastodon_status};
use crate::channels::{LINKEDIN, MASTODON};
use crate::db::{self, connections, entities::planned_post, publishing::kind};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::{Member, TenantId};
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;

fn unconfirmed(ctx: &PageCtx, post: &planned_post::Model) -> Result<(), AppError> {
    if post.status == "failed" && post.failure_kind.as_deref() == Some(kind::UNCONFIRMED) {
        Ok(())
    } else {
        Err(AppError::Conflict(ctx.t("post-error-not-unconfirmed")))
    }
}

/// The network's id and the post's address from what was pasted, or the field's mistake.
async fn read_link(
    state: &AppState,
    ctx: &PageCtx,
    tenant: TenantId,
    post: &planned_post::Model,
    text: &str,
) -> Result<Result<(String, String), String>, AppError> {
    match post.channel.as_str() {
        LINKEDIN => Ok(linkedin_post(text)
            .map(|key| (key.urn(), key.url()))
            .ok_or_else(|| ctx.t("post-error-url-linkedin"))),
        MASTODON => {
            // The instance of the connection, expired or not: a status lives there.
            let account =
                connections::for_channel(&state.db, tenant, post.ambassador_id, MASTODON).await?;
            let instance = account
                .and_then(|a| a.instance_url)
                .and_then(|u| amtfluencer_channels::MastodonInstance::parse(&u).ok());
            let Some(instance) = instance else {
                return Ok(Err(ctx.t("post-error-url-no-instance")));
            };
            let host = instance.url().host_str().unwrap_or_default().to_owned();
            Ok(mastodon_status(text, &instance)
                .map(|s| (s.id, s.url))
                .ok_or_else(|| ctx.t1("post-error-url-mastodon", "instance", host.as_str())))
        }
        _ => Ok(Err(ctx.t("post-error-url-linkedin"))),
    }
}

/// "Er ist erschienen – hier ist der Link".
pub async fn confirm_appeared(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PostPath>,
    Form(form): Form<ScheduleForm>,
) -> Result<Response, AppError> {
    let post = own_post(&state, &member, p.id).await?;
    unconfirmed(&ctx, &post)?;
    let (external_id, url) =
        match read_link(&state, &ctx, member.tenant_id(), &post, &form.url).await? {
            Ok(found) => found,
            Err(message) => {
                let mut errors = FieldErrors::default();
                errors.add("url", message);
                return Ok(render_post(
                    ctx,
                    &member,
                    post,
                    form,
                    errors,
                    Vec::new(),
                    None,
                ));
            }
        };
    let txn = state.db.begin().await?;
    if !db::publishing::confirm_published(&txn, member.tenant_id(), post.id, &external_id, &url)
        .await?
    {
        return Err(AppError::Conflict(ctx.t("post-error-not-unconfirmed")));
    }
    let details = serde_json::json!({
        "external_id": external_id,
        "url": url,
        "manual": true,
        "after": kind::UNCONFIRMED,
    });
    db::audit::by_member(&txn, &member, "post.published", "post", post.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/publishing/posts/{}", p.slug, post.id)).into_response())
}

/// "Er ist nicht erschienen": a draft again.
pub async fn confirm_not_appeared(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(p): Path<PostPath>,
) -> Result<Response, AppError> {
    let post = own_post(&state, &member, p.id).await?;
    unconfirmed(&ctx, &post)?;
    let txn = state.db.begin().await?;
    if !db::publishing::confirm_not_published(&txn, member.tenant_id(), post.id).await? {
        return Err(AppError::Conflict(ctx.t("post-error-not-unconfirmed")));
    }
    let details = serde_json::json!({ "after": kind::UNCONFIRMED });
    db::audit::by_member(
        &txn,
        &member,
        "post.not_published",
        "post",
        post.id,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/publishing/posts/{}", p.slug, post.id)).into_response())
}
