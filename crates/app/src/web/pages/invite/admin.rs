//! The programme team's invitations: invite someone with a role, see the open invitations,
//! withdraw one.

use amtfluencer_domain::permissions::{MEMBER_ROLES, Permission, Role};
use amtfluencer_domain::types::{Email, required_text};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{FieldErrors, FieldProblem, format_time, unprocessable};
use crate::db::{self, auth_tokens::NewInvitation};
use crate::error::AppError;
use crate::jobs;
use crate::mail::{OutgoingMail, compose};
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::layout::{PageCtx, role_key};
use crate::web::render::page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/invitations",
            get(list_invitations).post(create_invitation),
        )
        .route("/t/{slug}/invitations/{id}/revoke", post(revoke_invitation))
}

pub struct OpenInvitation {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub expires: String,
}

/// What the form holds: empty, or what was typed.
#[derive(Default, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

#[derive(Template)]
#[template(path = "invite/list.html")]
struct InvitationsPage {
    ctx: PageCtx,
    base: String,
    form: InviteForm,
    /// (value, label) of each role that can be invited.
    roles: Vec<(&'static str, String)>,
    errors: FieldErrors,
    open: Vec<OpenInvitation>,
    notice: Option<String>,
    outbox: bool,
}

/// What the redirect after a form tells the list page; never words from the URL.
#[derive(Deserialize)]
struct Flash {
    sent: Option<String>,
    revoked: Option<String>,
}

async fn list_invitations(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Query(flash): Query<Flash>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let view = invitations_page(&state, ctx, &member, InviteForm::default(), &[]).await?;
    let notice = match (flash.sent, flash.revoked) {
        (Some(_), _) => Some(view.ctx.t("invitations-sent")),
        (None, Some(_)) => Some(view.ctx.t("invitations-revoked")),
        _ => None,
    };
    Ok(page(&InvitationsPage { notice, ..view }))
}

async fn invitations_page(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    form: InviteForm,
    problems: &[FieldProblem],
) -> Result<InvitationsPage, AppError> {
    let ctx = ctx.for_member(member);
    let open = db::auth_tokens::open_invitations(&state.db, member.tenant_id(), db::now())
        .await?
        .into_iter()
        .map(|t| OpenInvitation {
            id: t.id,
            email: t.email,
            role: t
                .role
                .and_then(|r| r.parse::<Role>().ok())
                .map_or_else(String::new, |r| ctx.t(role_key(r))),
            expires: format_time(ctx.lang, t.expires_at),
        })
        .collect();
    Ok(InvitationsPage {
        base: format!("/t/{}/", member.tenant.slug),
        roles: MEMBER_ROLES
            .iter()
            .map(|r| (r.as_str(), ctx.t(role_key(*r))))
            .collect(),
        errors: FieldErrors::new(&ctx, problems),
        form,
        open,
        notice: None,
        outbox: state.config.smtp_url.is_none(),
        ctx,
    })
}

/// The parsed form, or every problem with it.
fn parse_invite(form: &InviteForm) -> Result<(Email, String, Role), Vec<FieldProblem>> {
    let email = Email::parse(&form.email);
    let name = required_text(&form.name, 100);
    let role = form
        .role
        .parse::<Role>()
        .ok()
        .filter(|r| MEMBER_ROLES.contains(r));
    match (email, name, role) {
        (Ok(e), Ok(n), Some(r)) => Ok((e, n, r)),
        (e, n, r) => {
            let mut problems = Vec::new();
            if e.is_err() {
                problems.push(FieldProblem {
                    field: "email",
                    key: "invitations-error-email",
                });
            }
            if n.is_err() {
                problems.push(FieldProblem {
                    field: "name",
                    key: "invitations-error-name",
                });
            }
            if r.is_none() {
                problems.push(FieldProblem {
                    field: "role",
                    key: "invitations-error-role",
                });
            }
            Err(problems)
        }
    }
}

async fn create_invitation(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let (email, name, role) = match parse_invite(&form) {
        Ok(parsed) => parsed,
        Err(problems) => return form_again(&state, ctx, &member, form, &problems).await,
    };
    if already_member(&state, &member, &email).await? {
        let problem = FieldProblem {
            field: "email",
            key: "invitations-error-member",
        };
        return form_again(&state, ctx, &member, form, &[problem]).await;
    }
    let txn = state.db.begin().await?;
    let new = NewInvitation {
        email: &email,
        role,
        created_by: member.user.id,
    };
    let (token, invitation) =
        db::auth_tokens::create_invitation(&txn, member.tenant_id(), new).await?;
    let link = format!("{}/invite/{token}", state.config.base_url);
    let text = compose::invitation(
        &state.i18n,
        &compose::Invitation {
            name: &name,
            inviter: &member.user.display_name,
            authority: &member.tenant.name,
            role,
            link: &link,
        },
    )?;
    let mail = OutgoingMail {
        tenant_id: Some(member.tenant.id),
        to: email.as_str().to_owned(),
        to_name: Some(name),
        subject: text.subject,
        text: text.text,
        attachments: Vec::new(),
    };
    jobs::mail::enqueue(&txn, &mail).await?;
    let details = serde_json::json!({ "email": email.as_str(), "role": role.as_str() });
    audit(&txn, &member, "invitation.created", invitation.id, details).await?;
    txn.commit().await?;
    let to = format!("/t/{}/invitations?sent=1", member.tenant.slug);
    Ok(Redirect::to(&to).into_response())
}

async fn already_member(
    state: &AppState,
    member: &Member,
    email: &Email,
) -> Result<bool, AppError> {
    let Some(user) = db::users::by_email(&state.db, email).await? else {
        return Ok(false);
    };
    let role = db::users::role_in(&state.db, member.tenant_id(), user.id).await?;
    Ok(role.is_some())
}

async fn form_again(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    form: InviteForm,
    problems: &[FieldProblem],
) -> Result<Response, AppError> {
    let view = invitations_page(state, ctx, member, form, problems).await?;
    Ok(unprocessable(page(&view)))
}

#[derive(Deserialize)]
struct RevokePath {
    slug: String,
    id: i64,
}

async fn revoke_invitation(
    State(state): State<AppState>,
    member: Member,
    Path(p): Path<RevokePath>,
) -> Result<Response, AppError> {
    member.require(Permission::ManageProgramme)?;
    let txn = state.db.begin().await?;
    let Some(gone) = db::auth_tokens::revoke_invitation(&txn, member.tenant_id(), p.id).await?
    else {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    };
    let details = serde_json::json!({ "email": gone.email, "role": gone.role });
    audit(&txn, &member, "invitation.revoked", gone.id, details).await?;
    txn.commit().await?;
    Ok(Redirect::to(&format!("/t/{}/invitations?revoked=1", p.slug)).into_response())
}

async fn audit(
    db: &impl sea_orm::ConnectionTrait,
    member: &Member,
    action: &str,
    id: i64,
    details: serde_json::Value,
) -> Result<(), AppError> {
    db::audit::record(
        db,
        Some(member.tenant_id()),
        db::audit::Entry {
            actor_user_id: Some(member.user.id),
            action,
            object_type: "invitation",
            object_id: Some(id.to_string()),
            details,
        },
    )
    .await?;
    Ok(())
}
