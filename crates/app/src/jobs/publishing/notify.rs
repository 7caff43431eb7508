//! Mails to the person whose post or connection needs them.

use sea_orm::DatabaseConnection;

use super::Publishing;
use crate::db::{self, entities::planned_post};
use crate::i18n::Lang;
use crate::mail::OutgoingMail;
use crate::tenancy::TenantId;

/// Where the person is reached: their sign-in address, else the address in the roster.
pub(super) async fn address_of(
    db: &DatabaseConnection,
    tenant: TenantId,
    ambassador_id: i64,
) -> anyhow::Result<Option<(String, String)>> {
    let Some(a) = db::ambassadors::get(db, tenant, ambassador_id).await? else {
        return Ok(None);
    };
    let name = format!("{} {}", a.first_name, a.last_name);
    let email = match a.user_id {
        Some(u) => db::users::by_id(db, u).await?.map(|u| u.email),
        None => None,
    };
    Ok(email.or(a.email).map(|e| (e, name)))
}

/// A mail in both languages: the German sentence from the network or our check, the link.
pub(super) fn both(p: &Publishing, key: &str, args: &[(&str, &str)], link: &str) -> String {
    let de = p.i18n.tr_args(Lang::De, key, args);
    let en = p.i18n.tr_args(Lang::En, key, args);
    format!("{de}\n\n{link}\n\n---\n\n{en}\n\n{link}\n")
}

pub(super) async fn post_stopped(
    p: &Publishing,
    db: &DatabaseConnection,
    post: &planned_post::Model,
    reason: &str,
) -> anyhow::Result<()> {
    let tenant = TenantId(post.tenant_id);
    let Some((to, name)) = address_of(db, tenant, post.ambassador_id).await? else {
        return Ok(());
    };
    let slug = db::tenants::get(db, post.tenant_id)
        .await?
        .map(|t| t.slug)
        .unwrap_or_default();
    let link = format!(
        "{}/t/{slug}/publishing/posts/{}",
        p.channels.base_url(),
        post.id
    );
    let mail = OutgoingMail {
        tenant_id: Some(post.tenant_id),
        to,
        to_name: Some(name.clone()),
        subject: format!(
            "{} / {}",
            p.i18n.tr(Lang::De, "mail-post-stopped-subject"),
            p.i18n.tr(Lang::En, "mail-post-stopped-subject")
        ),
        text: both(
            p,
            "mail-post-stopped",
            &[("name", &name), ("reason", reason)],
            &link,
        ),
        attachments: Vec::new(),
    };
    crate::jobs::mail::enqueue(db, &mail).await?;
    Ok(())
}
