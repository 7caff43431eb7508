//! LinkedIn's member post analytics (impressions, members reached, reactions, comments,
//! reposts), for instances whose LinkedIn app has LinkedIn's approved `r_member_postAnalytics`
//! (`linkedin.post_analytics`) and authors whose connection granted it.
//!
//! Everyone else is simply not asked: their posts are not touched, and their figures come from
//! the export files as before.

use std::collections::HashMap;

use amtfluencer_channels::linkedin::{LinkedInChannel, PostAnalytics, grants_post_analytics};
use amtfluencer_channels::{AccessToken, AnyChannel, ChannelError};
use chrono::SubsecRound;
use sea_orm::DatabaseConnection;

use super::super::Publishing;
use super::{COUNTS_DAYS, CountsReport, figure, store};
use crate::channels::LINKEDIN;
use crate::db::{self, connections, entities::planned_post, metrics::Figures};
use crate::tenancy::TenantId;

/// One person's way to ask, found once per run.
#[derive(Clone)]
enum Access {
    /// The channel, the token and the connection's id.
    Ready(LinkedInChannel, AccessToken, i64),
    /// No connected account with the scope: the person's posts are left alone.
    NotAsked,
    /// Asking is pointless in this run, and why (in plain German, for the post).
    Broken(String),
}

/// Reads the lifetime figures of every published LinkedIn post of the last [`COUNTS_DAYS`]
/// days whose author may be asked. Does nothing where the instance does not ask for the scope.
pub async fn fetch_linkedin_figures(
    p: &Publishing,
    db: &DatabaseConnection,
) -> anyhow::Result<CountsReport> {
    let mut report = CountsReport::default();
    if !p
        .channels
        .linkedin()
        .is_some_and(|c| c.config().post_analytics)
    {
        return Ok(report);
    }
    let observed_at = db::now().trunc_subsecs(0);
    let since = observed_at - chrono::Duration::days(COUNTS_DAYS);
    let mut access: HashMap<(i64, i64), Access> = HashMap::new();
    // A retired API version fails every call alike: nobody else is asked in this run.
    let mut retired: Option<String> = None;
    for post in db::publishing::recent_published(db, LINKEDIN, since).await? {
        let who = (post.tenant_id, post.ambassador_id);
        let known = match access.get(&who) {
            Some(a) => a.clone(),
            None => {
                let a = access_of(p, db, &post).await?;
                access.insert(who, a.clone());
                a
            }
        };
        let ready = match known {
            Access::NotAsked => continue,
            Access::Broken(msg) => Err(msg),
            Access::Ready(c, t, id) => match &retired {
                Some(msg) => Err(msg.clone()),
                None => Ok((c, t, id)),
            },
        };
        let (channel, token, account_id) = match ready {
            Ok(r) => r,
            Err(msg) => {
                report.fail(db, post.id, &msg).await?;
                continue;
            }
        };
        let urn = post.external_id.clone().unwrap_or_default();
        match channel.post_analytics(&token, &urn).await {
            Ok(a) => {
                store(db, &post, observed_at, figures(a)).await?;
                report.stored += 1;
            }
            Err(ChannelError::NotFound { .. }) => {
                tracing::info!(post = post.id, "the LinkedIn post is deleted on LinkedIn");
                db::publishing::mark_remote_deleted(db, post.id).await?;
                report.deleted += 1;
            }
            Err(e) => {
                let msg = e.user_message();
                report.fail(db, post.id, &msg).await?;
                if let ChannelError::ApiVersionRetired { version } = &e {
                    tracing::error!(
                        post = post.id,
                        version,
                        "LinkedIn refuses the configured API version; no LinkedIn figures \
                         until linkedin.version is moved on"
                    );
                    retired = Some(msg);
                    continue;
                }
                tracing::warn!(post = post.id, error = %e, "LinkedIn figures not read");
                if e.needs_reconnect() {
                    connections::mark_expired(db, account_id, &msg).await?;
                }
                // The rest of this person's posts would fail the same way (or add load).
                let whole_person = e.needs_reconnect()
                    || e.is_retryable()
                    || matches!(e, ChannelError::MissingScope { .. });
                if whole_person {
                    access.insert(who, Access::Broken(msg));
                }
            }
        }
    }
    Ok(report)
}

/// LinkedIn's totals as a snapshot. A figure LinkedIn does not have yet counts as 0, except
/// members reached, which stays unknown; LinkedIn tells no clicks here.
fn figures(a: PostAnalytics) -> Figures {
    let total = |n: Option<u64>| n.map_or(0, figure);
    Figures {
        impressions: total(a.impressions),
        members_reached: a.members_reached.map(figure),
        reactions: total(a.reactions),
        comments: total(a.comments),
        reposts: total(a.reshares),
        clicks: None,
    }
}

/// The author's channel and token, if their connection may be asked.
async fn access_of(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
) -> anyhow::Result<Access> {
    let tenant = TenantId(post.tenant_id);
    let account = connections::for_channel(db, tenant, post.ambassador_id, LINKEDIN)
        .await?
        .filter(|a| a.status == connections::CONNECTED && grants_post_analytics(&a.scopes));
    let Some(account) = account else {
        return Ok(Access::NotAsked);
    };
    let channel = match p.channels.channel_for(&account) {
        Ok(AnyChannel::LinkedIn(c)) => c,
        Ok(_) | Err(_) => {
            tracing::warn!(account = account.id, "a LinkedIn connection is unusable");
            return Ok(Access::Broken(
                "Die LinkedIn-Verbindung ist nicht nutzbar. Bitte verbinden Sie das Konto neu."
                    .to_owned(),
            ));
        }
    };
    match p.channels.token(&account) {
        Ok(token) => Ok(Access::Ready(channel, token, account.id)),
        Err(e) => {
            tracing::warn!(account = account.id, error = %e, "a stored token cannot be read");
            Ok(Access::Broken(
                "Die gespeicherte Verbindung lässt sich nicht mehr lesen. Bitte verbinden Sie \
                 das Konto neu."
                    .to_owned(),
            ))
        }
    }
}
