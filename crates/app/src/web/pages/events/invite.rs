//! Inviting people to an event and telling them about changes: each invitation gets its own
//! RSVP link (a single secret, stored hashed) and a mail with the event as an `.ics` file.
//! Inviting someone twice sends nothing; a changed or cancelled event reaches everyone
//! invited, with a fresh link (the link in the latest mail is the one that counts).

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::programme::{CandidateStatus, EventKind};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ConnectionTrait, TransactionTrait};

use super::{EventPath, find_for_team, ics_file, zone};
use crate::auth::tokens::{hash_token, random_token};
use crate::db::{self, entities::event, events::Guest};
use crate::error::AppError;
use crate::i18n::{I18n, Lang};
use crate::jobs;
use crate::localtime;
use crate::mail::{Attachment, OutgoingMail, compose};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::pages::start::format_date;

/// Why a mail about an event goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    Invitation,
    Changed,
    Cancelled,
}

impl Notice {
    fn prefix(self) -> &'static str {
        match self {
            Notice::Invitation => "mail-event",
            Notice::Changed => "mail-event-changed",
            Notice::Cancelled => "mail-event-cancelled",
        }
    }
}

/// What the mail about an event needs.
pub struct EventMail<'a> {
    pub notice: Notice,
    pub name: &'a str,
    pub authority: &'a str,
    pub event: &'a event::Model,
    pub tz: chrono_tz::Tz,
    pub link: &'a str,
}

/// The mail's subject and text, German first (dates and times in the authority's zone).
pub fn compose_mail(i18n: &I18n, m: &EventMail<'_>) -> anyhow::Result<compose::Composed> {
    let start = localtime::to_local(m.tz, m.event.starts_at);
    let end = localtime::to_local(m.tz, m.event.ends_at);
    let date = format_date(Lang::De, start.date());
    let (from, to) = (
        start.format("%H:%M").to_string(),
        end.format("%H:%M").to_string(),
    );
    let args = [
        ("name", m.name),
        ("authority", m.authority),
        ("title", m.event.title.as_str()),
        ("date", date.as_str()),
        ("start", from.as_str()),
        ("end", to.as_str()),
        ("location", m.event.location.as_str()),
    ];
    compose::message(i18n, m.notice.prefix(), &args, m.link)
}

/// Puts the mail for one invitation on the queue, with a new RSVP link.
async fn enqueue_mail(
    db: &impl ConnectionTrait,
    state: &AppState,
    member: &Member,
    e: &event::Model,
    invitee: (&str, &str),
    token: &str,
    notice: Notice,
) -> Result<(), AppError> {
    let (name, email) = invitee;
    let link = format!("{}/rsvp/{token}", state.config.base_url);
    let composed = compose_mail(
        &state.i18n,
        &EventMail {
            notice,
            name,
            authority: &member.tenant.name,
            event: e,
            tz: zone(member),
            link: &link,
        },
    )
    .map_err(AppError::Internal)?;
    let ics = ics_file(&state.config.base_url, &member.tenant.slug, e);
    let method = if notice == Notice::Cancelled {
        "CANCEL"
    } else {
        "PUBLISH"
    };
    let mail = OutgoingMail {
        tenant_id: Some(member.tenant.id),
        to: email.to_owned(),
        to_name: Some(name.to_owned()),
        subject: composed.subject,
        text: composed.text,
        attachments: vec![Attachment {
            name: "termin.ics".into(),
            content_type: format!("text/calendar; charset=utf-8; method={method}"),
            data: ics.into_bytes(),
        }],
    };
    jobs::mail::enqueue(db, &mail).await?;
    Ok(())
}

/// The people ticked in the invitation form: `a:<id>` for Amtfluencer, `c:<id>` for candidates.
fn ticked(pairs: &[(String, String)]) -> Vec<Guest> {
    pairs
        .iter()
        .filter(|(k, _)| k == "guest")
        .filter_map(|(_, v)| {
            let (kind, id) = v.split_once(':')?;
            let id = id.parse().ok()?;
            match kind {
                "a" => Some(Guest::Ambassador(id)),
                "c" => Some(Guest::Candidate(id)),
                _ => None,
            }
        })
        .collect()
}

pub async fn invite_people(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<EventPath>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let e = find_for_team(&state, &member, p.id).await?;
    let back = format!("/t/{}/events/{}", p.slug, e.id);
    if e.cancelled_at.is_some() || e.ends_at < db::now() {
        return Err(AppError::Conflict(
            "the event is over or cancelled".to_owned(),
        ));
    }
    let guests = ticked(&pairs);
    if guests.is_empty() {
        return Ok(Redirect::to(&format!("{back}?invite=none#invite-h")).into_response());
    }
    let tenant = member.tenant_id();
    let txn = state.db.begin().await?;
    let mut sent = 0_u32;
    for guest in guests {
        let (name, email) = match guest {
            Guest::Ambassador(id) => {
                let a = db::ambassadors::get(&txn, tenant, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                (format!("{} {}", a.first_name, a.last_name), a.email)
            }
            Guest::Candidate(id) => {
                let c = db::candidates::get(&txn, tenant, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                if e.kind == EventKind::InfoEvent.as_str() {
                    // Invited to the info event is a step of the recruitment.
                    db::candidates::set_status(
                        &txn,
                        tenant,
                        c.id,
                        CandidateStatus::Interested,
                        CandidateStatus::Invited,
                    )
                    .await?;
                }
                (format!("{} {}", c.first_name, c.last_name), c.email)
            }
        };
        let token = random_token();
        let invitation = db::events::invite(&txn, tenant, e.id, guest, hash_token(&token)).await?;
        if invitation.is_none() {
            continue;
        }
        if let Some(email) = email.as_deref() {
            enqueue_mail(
                &txn,
                &state,
                &member,
                &e,
                (&name, email),
                &token,
                Notice::Invitation,
            )
            .await?;
            sent += 1;
        }
    }
    let details = serde_json::json!({ "mails": sent });
    db::audit::by_member(&txn, &member, "event.invited", "event", e.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("{back}?invited={sent}")).into_response())
}

/// Tells everyone invited (and not declined, for a change) about a change or a cancellation.
pub async fn notify_invitees(
    db: &impl ConnectionTrait,
    state: &AppState,
    member: &Member,
    e: &event::Model,
    notice: Notice,
) -> Result<(), AppError> {
    let tenant = member.tenant_id();
    for i in db::events::invitees(db, tenant, e.id).await? {
        let declined = i.invitation.rsvp.as_deref() == Some("no");
        let Some(email) = i.email.as_deref() else {
            continue;
        };
        if notice == Notice::Changed && declined {
            continue;
        }
        let token = random_token();
        db::events::set_token_hash(db, tenant, i.invitation.id, hash_token(&token)).await?;
        let name = format!("{} {}", i.first_name, i.last_name);
        enqueue_mail(db, state, member, e, (&name, email), &token, notice).await?;
    }
    Ok(())
}
