//! Mastodon's counts (boosts, favourites, replies), read from each status with its author's
//! token; a status the instance no longer has is marked deleted.

use std::collections::HashMap;

use amtfluencer_channels::{AccessToken, AnyChannel, Channel, ChannelError, MastodonInstance};
use chrono::SubsecRound;
use sea_orm::DatabaseConnection;

use super::super::Publishing;
use super::{COUNTS_DAYS, CountsReport, figure, store};
use crate::channels::MASTODON;
use crate::db::{self, connections, entities::planned_post, metrics::Figures};
use crate::tenancy::TenantId;

/// One person's way to ask: the channel and token, or why there is none (in plain German).
type Access = Result<(AnyChannel, AccessToken, i64), String>;

/// Reads the counts of every published Mastodon post of the last [`COUNTS_DAYS`] days.
pub async fn fetch_mastodon_counts(
    p: &Publishing,
    db: &DatabaseConnection,
) -> anyhow::Result<CountsReport> {
    let observed_at = db::now().trunc_subsecs(0);
    let since = observed_at - chrono::Duration::days(COUNTS_DAYS);
    let mut report = CountsReport::default();
    // Asked for once per person; a person whose instance failed is not asked again this run.
    let mut access: HashMap<(i64, i64), Access> = HashMap::new();
    for post in db::publishing::recent_published(db, MASTODON, since).await? {
        let who = (post.tenant_id, post.ambassador_id);
        let known = match access.get(&who) {
            Some(a) => a.clone(),
            None => {
                let a = access_of(p, db, &post).await?;
                access.insert(who, a.clone());
                a
            }
        };
        let (channel, token, account_id) = match known {
            Ok(a) => a,
            Err(msg) => {
                report.fail(db, post.id, &msg).await?;
                continue;
            }
        };
        if let Err(msg) = same_instance(&channel, &post) {
            report.fail(db, post.id, &msg).await?;
            continue;
        }
        let remote_id = post.external_id.clone().unwrap_or_default();
        match channel.fetch_counts(&token, &remote_id).await {
            Ok(c) => {
                let figures = Figures {
                    // Mastodon counts no views.
                    impressions: 0,
                    members_reached: None,
                    reactions: figure(c.reactions),
                    comments: figure(c.comments),
                    reposts: figure(c.reposts),
                    clicks: None,
                };
                store(db, &post, observed_at, figures).await?;
                report.stored += 1;
            }
            Err(ChannelError::NotFound { .. }) => {
                tracing::info!(
                    post = post.id,
                    "the Mastodon status is deleted on its instance"
                );
                db::publishing::mark_remote_deleted(db, post.id).await?;
                report.deleted += 1;
            }
            Err(e) => {
                tracing::warn!(post = post.id, error = %e, "Mastodon counts not read");
                let msg = e.user_message();
                report.fail(db, post.id, &msg).await?;
                if e.needs_reconnect() {
                    connections::mark_expired(db, account_id, &msg).await?;
                }
                if e.needs_reconnect() || e.is_retryable() {
                    // The rest of this person's posts would fail the same way (or add load).
                    access.insert(who, Err(msg));
                }
            }
        }
    }
    Ok(report)
}

/// The channel and token of the post's author, or why there is none.
async fn access_of(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
) -> anyhow::Result<Access> {
    let tenant = TenantId(post.tenant_id);
    let account = connections::for_channel(db, tenant, post.ambassador_id, MASTODON)
        .await?
        .filter(|a| a.status == connections::CONNECTED);
    let Some(account) = account else {
        return Ok(Err(
            "Das Mastodon-Konto ist nicht (mehr) verbunden; die Zahlen können \
                       nicht abgefragt werden."
                .to_owned(),
        ));
    };
    let channel = match p.channels.channel_for(&account) {
        Ok(c) => c,
        Err(e) => {
            tracing::warn!(account = account.id, error = %e, "a Mastodon connection is unusable");
            return Ok(Err(
                "Die Verbindung zur Mastodon-Instanz ist nicht nutzbar. Bitte \
                           verbinden Sie das Konto neu."
                    .to_owned(),
            ));
        }
    };
    match p.channels.token(&account) {
        Ok(token) => Ok(Ok((channel, token, account.id))),
        Err(e) => {
            tracing::warn!(account = account.id, error = %e, "a stored token cannot be read");
            Ok(Err(
                "Die gespeicherte Verbindung lässt sich nicht mehr lesen. Bitte \
                    verbinden Sie das Konto neu."
                    .to_owned(),
            ))
        }
    }
}

/// A status id means something only on the instance that gave it: after a move to another
/// instance, the old posts are not asked for there.
fn same_instance(channel: &AnyChannel, post: &planned_post::Model) -> Result<(), String> {
    let AnyChannel::Mastodon(m) = channel else {
        return Err("Keine Mastodon-Verbindung.".to_owned());
    };
    let posted_on = post
        .external_url
        .as_deref()
        .and_then(|u| MastodonInstance::parse(u).ok());
    match posted_on {
        Some(i) if &i != m.instance() => Err(format!(
            "Der Beitrag liegt auf {}, verbunden ist {}; die Zahlen können nicht abgefragt \
             werden.",
            i.url().as_str().trim_end_matches('/'),
            m.instance().url().as_str().trim_end_matches('/')
        )),
        _ => Ok(()),
    }
}
