//! One scheduled post to its network, exactly once, with every outcome recorded on the post.

use amtfluencer_channels::{AnyChannel, Channel, ChannelError, Image, OutgoingPost, Published};
use amtfluencer_domain::jobs::retry_delay;
use sea_orm::DatabaseConnection;

use super::{MAX_ROUNDS, PublishJob, Publishing, enqueue_publish, notify};
use crate::channels::ConnectionError;
use crate::db::{
    self, connections,
    entities::{channel_account, planned_post},
    publishing::kind,
};
use crate::tenancy::TenantId;

/// Mastodon remembers an `Idempotency-Key` for about an hour; after that a resend could post
/// twice, so an older unfinished attempt is left for the person to check.
const MASTODON_KEY_MEMORY: chrono::Duration = chrono::Duration::minutes(50);

/// Stable for one post and its planned time, so every resend carries the same key.
fn idempotency_key(job: &PublishJob) -> String {
    format!(
        "amtfluencer-post-{}-{}",
        job.post_id,
        job.scheduled_at.timestamp()
    )
}

pub(super) async fn run(
    p: &Publishing,
    db: &DatabaseConnection,
    job: &PublishJob,
) -> anyhow::Result<()> {
    let Some(post) = db::publishing::by_id(db, job.post_id).await? else {
        return Ok(());
    };
    // Taken back or moved to another time since this job was made: not ours to send.
    if post.status != "scheduled" || post.scheduled_at != Some(job.scheduled_at) {
        return Ok(());
    }
    let tenant = TenantId(post.tenant_id);
    let account = connections::for_channel(db, tenant, post.ambassador_id, &post.channel)
        .await?
        .filter(|a| a.status == connections::CONNECTED);
    let Some(account) = account else {
        return stop(p, db, &post, kind::RECONNECT, &no_connection(&post.channel)).await;
    };
    let channel = match p.channels.channel_for(&account) {
        Ok(c) => c,
        Err(ConnectionError::LinkedInOff) => {
            let msg = "LinkedIn ist auf dieser Instanz nicht (mehr) eingerichtet. Bitte wenden \
                       Sie sich an den Betrieb.";
            return stop(p, db, &post, kind::SETUP, msg).await;
        }
        Err(e) => return stop(p, db, &post, kind::SETUP, &e.to_string()).await,
    };
    let Ok(token) = p.channels.token(&account) else {
        let msg = "Die gespeicherte Verbindung lässt sich nicht mehr lesen. Bitte verbinden Sie \
                   das Konto neu.";
        return stop(p, db, &post, kind::RECONNECT, msg).await;
    };
    let outgoing = match outgoing(p, db, &post, job).await {
        Ok(o) => o,
        Err(msg) => return stop(p, db, &post, kind::SETUP, &msg).await,
    };

    if !db::publishing::begin_attempt(db, post.id, job.scheduled_at).await? {
        // An attempt was recorded and never finished: the worker died after (perhaps) sending.
        let Some(now) = db::publishing::by_id(db, post.id).await? else {
            return Ok(());
        };
        let Some(started) = now.publish_started_at.filter(|_| now.status == "scheduled") else {
            return Ok(());
        };
        match &channel {
            AnyChannel::Mastodon(_) if db::now() - started < MASTODON_KEY_MEMORY => {
                // The same key makes the instance answer with the status it created, if any.
            }
            AnyChannel::LinkedIn(li) if now.external_id.is_some() => {
                let urn = now.external_id.clone().unwrap_or_default();
                if li.post_exists(&token, &urn).await.unwrap_or(false) {
                    let url = amtfluencer_channels::linkedin::post_url(&urn);
                    db::publishing::mark_published(db, post.id, &urn, &url).await?;
                    return Ok(());
                }
                return unconfirmed(p, db, &post).await;
            }
            _ => return unconfirmed(p, db, &post).await,
        }
    }

    match channel.publish(&token, &outgoing).await {
        Ok(Published { remote_id, url }) => {
            db::publishing::mark_published(db, post.id, &remote_id, &url).await?;
            tracing::info!(post = post.id, channel = %post.channel, "post published");
            Ok(())
        }
        Err(e) => failed(p, db, &post, &account, job, e).await,
    }
}

/// What the network said, turned into the post's next state.
async fn failed(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
    account: &channel_account::Model,
    job: &PublishJob,
    e: ChannelError,
) -> anyhow::Result<()> {
    tracing::warn!(post = post.id, channel = %post.channel, error = %e, "publishing failed");
    if e.is_retryable() {
        if job.round >= MAX_ROUNDS {
            let msg = "Die Plattform war mehrfach nicht erreichbar. Der Beitrag wurde nicht \
                       veröffentlicht; bitte planen Sie ihn neu.";
            return stop(p, db, post, kind::REJECTED, msg).await;
        }
        // Nothing was created: the attempt is over, and the next round comes after the wait
        // the network asked for (at least our own backoff).
        let wait = match &e {
            ChannelError::RateLimited {
                retry_after: Some(d),
            } => (*d).max(retry_delay(job.round)),
            _ => retry_delay(job.round),
        };
        db::publishing::attempt_failed_cleanly(db, post.id, &e.user_message()).await?;
        let next = PublishJob {
            round: job.round + 1,
            ..job.clone()
        };
        let at = db::now() + chrono::Duration::from_std(wait).unwrap_or_default();
        enqueue_publish(db, post.tenant_id, next, at).await?;
        return Ok(());
    }
    match e {
        ChannelError::Unauthorized { .. } => {
            connections::mark_expired(db, account.id, &e.user_message()).await?;
            stop(p, db, post, kind::RECONNECT, &e.user_message()).await
        }
        ChannelError::Unconfirmed { .. } => unconfirmed(p, db, post).await,
        ChannelError::Rejected { .. } => stop(p, db, post, kind::REJECTED, &e.user_message()).await,
        _ => stop(p, db, post, kind::SETUP, &e.user_message()).await,
    }
}

/// The post as the network gets it: the text, the photo with its alt text, the key.
async fn outgoing(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
    job: &PublishJob,
) -> Result<OutgoingPost, String> {
    // Checked again at the minute it goes out: a consent may have been withdrawn since.
    let tenant = db::tenants::get(db, post.tenant_id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "Die Behörde des Beitrags gibt es nicht mehr.".to_owned())?;
    let facts = db::readiness::PostFacts {
        id: post.id,
        topic_id: post.topic_id,
        body: &post.body,
    };
    let blockers = db::readiness::blockers(db, &tenant, facts)
        .await
        .map_err(|e| e.to_string())?;
    if !blockers.is_empty() {
        let why: Vec<String> = blockers.iter().map(|b| b.text_de()).collect();
        return Err(format!(
            "Der Beitrag wurde nicht veröffentlicht. {} Danach planen Sie ihn bitte neu.",
            why.join(" ")
        ));
    }
    let mut out = OutgoingPost::text(post.body.clone(), idempotency_key(job));
    let image = db::publishing::image_of(db, TenantId(post.tenant_id), post.id)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(img) = image {
        let bytes = p.media.load(&img.storage_key).await.map_err(|e| {
            tracing::error!(post = post.id, error = %e, "the photo of a post cannot be read");
            "Das Foto des Beitrags ist nicht mehr vorhanden. Bitte laden Sie es neu hoch."
                .to_owned()
        })?;
        out.image = Some(Image {
            bytes,
            mime: img.content_type,
            alt_text: img.alt_text,
        });
    }
    Ok(out)
}

fn no_connection(channel: &str) -> String {
    let network = if channel == crate::channels::LINKEDIN {
        "LinkedIn"
    } else {
        "Mastodon"
    };
    format!(
        "Es ist kein {network}-Konto verbunden (oder die Verbindung ist abgelaufen). Bitte \
         verbinden Sie Ihr Konto unter „Verbindungen“ und planen Sie den Beitrag neu."
    )
}

async fn unconfirmed(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
) -> anyhow::Result<()> {
    let msg = ChannelError::Unconfirmed {
        detail: String::new(),
    }
    .user_message();
    stop(p, db, post, kind::UNCONFIRMED, &msg).await
}

/// The post stops; the person learns why on the post's page and by mail.
async fn stop(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
    failure_kind: &str,
    reason: &str,
) -> anyhow::Result<()> {
    db::publishing::mark_failed(db, post.id, failure_kind, reason).await?;
    notify::post_stopped(p, db, post, reason).await?;
    Ok(())
}
