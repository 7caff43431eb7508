//! Reminders to reconnect: LinkedIn tokens live about 60 days without a refresh token, so
//! the person is told 14, 7 and 2 days before, by mail and on their connections page.

use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, TransactionTrait};

use super::{Publishing, notify};
use crate::db::{self, connections};
use crate::mail::OutgoingMail;
use crate::tenancy::TenantId;

/// Days before expiry at which a reminder goes out.
pub const REMINDER_DAYS: [i32; 3] = [14, 7, 2];

/// The reminder due for a token ending at `expires` (the smallest threshold reached), if any.
pub fn threshold(expires: DateTime<Utc>, now: DateTime<Utc>) -> Option<i32> {
    let left = expires - now;
    REMINDER_DAYS
        .iter()
        .rev()
        .copied()
        .find(|d| left <= chrono::Duration::days(i64::from(*d)))
}

/// Sends the reminders that are due; each connection gets each one once, also with several
/// instances. Returns how many went out.
pub async fn remind_expiring(p: &Publishing, db: &DatabaseConnection) -> anyhow::Result<usize> {
    let now = db::now();
    let horizon = now + chrono::Duration::days(i64::from(REMINDER_DAYS[0]));
    let mut sent = 0;
    for account in connections::expiring(db, horizon).await? {
        let (Some(expires), Some(ambassador_id)) =
            (account.token_expires_at, account.ambassador_id)
        else {
            continue;
        };
        if expires <= now {
            let msg = "Die Verbindung ist abgelaufen. Bitte verbinden Sie das Konto neu.";
            connections::mark_expired(db, account.id, msg).await?;
            continue;
        }
        let Some(days) = threshold(expires, now) else {
            continue;
        };
        let tenant = TenantId(account.tenant_id);
        let Some((to, name)) = notify::address_of(db, tenant, ambassador_id).await? else {
            continue;
        };
        let slug = db::tenants::get(db, account.tenant_id)
            .await?
            .map(|t| t.slug)
            .unwrap_or_default();
        let link = format!("{}/t/{slug}/connections", p.channels.base_url());
        let date = expires.format("%d.%m.%Y").to_string();
        let mail = OutgoingMail {
            tenant_id: Some(account.tenant_id),
            to,
            to_name: Some(name.clone()),
            subject: format!(
                "{} / {}",
                p.i18n.tr(crate::i18n::Lang::De, "mail-reconnect-subject"),
                p.i18n.tr(crate::i18n::Lang::En, "mail-reconnect-subject")
            ),
            text: notify::both(
                p,
                "mail-reconnect",
                &[
                    ("name", &name),
                    ("date", &date),
                    ("days", &days.to_string()),
                ],
                &link,
            ),
            attachments: Vec::new(),
        };
        // The mark and the mail commit together: once per connection and threshold.
        let txn = db.begin().await?;
        if connections::mark_reminded(&txn, account.id, days).await? {
            crate::jobs::mail::enqueue(&txn, &mail).await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64, hours: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        (
            now + chrono::Duration::days(days) + chrono::Duration::hours(hours),
            now,
        )
    }

    #[test]
    fn a_token_with_fifteen_days_left_needs_no_reminder_yet() {
        let (e, now) = at(15, 0);
        assert_eq!(threshold(e, now), None);
    }

    #[test]
    fn the_smallest_threshold_reached_is_the_one_due() {
        let (e, now) = at(14, 0);
        assert_eq!(threshold(e, now), Some(14));
        let (e, now) = at(6, 23);
        assert_eq!(threshold(e, now), Some(7));
        let (e, now) = at(1, 0);
        assert_eq!(threshold(e, now), Some(2));
    }
}
