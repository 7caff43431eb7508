//! Accepting an invitation: a new person chooses a name and a password; someone who has an
//! account already confirms with their password (or is signed in as that address). Either way
//! they join the authority with the invited role, the token is spent, and they are signed in.

use amtfluencer_domain::permissions::Role;
use amtfluencer_domain::types::{Email, required_text};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use sea_orm::TransactionTrait;
use serde::Deserialize;

use super::{FieldErrors, FieldProblem, check_new_password, invalid_link, sign_in, unprocessable};
use crate::auth::password;
use crate::db::auth_tokens::{TokenKind, Unusable};
use crate::db::entities::{auth_token, tenant, user};
use crate::db::{self, users::NewUser};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::TenantId;
use crate::web::layout::{PageCtx, role_key};
use crate::web::render::page;
use crate::web::session::Viewer;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/invite/{token}",
        get(show_invitation).post(accept_invitation),
    )
}

/// How the invited person proves who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No account yet: name and a new password.
    New,
    /// An account exists: its password.
    Existing,
    /// Signed in as the invited address already: one click.
    SignedIn,
}

/// A usable invitation with what it leads to.
struct Invitation {
    token: auth_token::Model,
    tenant: tenant::Model,
    role: Role,
    existing: Option<user::Model>,
}

impl Invitation {
    fn mode(&self, viewer: Option<&Viewer>) -> Mode {
        match &self.existing {
            None => Mode::New,
            Some(u) if viewer.is_some_and(|v| v.user.id == u.id) => Mode::SignedIn,
            Some(_) => Mode::Existing,
        }
    }
}

async fn load(state: &AppState, token: &str) -> Result<Result<Invitation, Unusable>, AppError> {
    let found =
        db::auth_tokens::find_usable(&state.db, TokenKind::Invitation, token, db::now()).await?;
    let token = match found {
        Ok(t) => t,
        Err(why) => return Ok(Err(why)),
    };
    let tenant = db::auth_tokens::invitation_tenant(&state.db, &token).await?;
    let role = token.role.as_deref().and_then(|r| r.parse::<Role>().ok());
    let email = Email::parse(&token.email).ok();
    let (Some(tenant), Some(role), Some(email)) = (tenant, role, email) else {
        return Ok(Err(Unusable::Unknown));
    };
    let existing = db::users::by_email(&state.db, &email).await?;
    // A suspended authority or a disabled account cannot be joined through an old link.
    if tenant.suspended_at.is_some() || existing.as_ref().is_some_and(|u| u.disabled_at.is_some()) {
        return Ok(Err(Unusable::Spent));
    }
    Ok(Ok(Invitation {
        token,
        tenant,
        role,
        existing,
    }))
}

#[derive(Template)]
#[template(path = "invite/accept.html")]
struct AcceptPage {
    ctx: PageCtx,
    action: String,
    intro: String,
    role: String,
    email: String,
    mode: Mode,
    name: String,
    errors: FieldErrors,
}

fn accept_page(
    ctx: PageCtx,
    inv: &Invitation,
    mode: Mode,
    token: &str,
    name: String,
    problems: &[FieldProblem],
) -> AcceptPage {
    AcceptPage {
        action: format!("/invite/{token}"),
        intro: ctx.t1("accept-intro", "authority", &inv.tenant.name),
        role: ctx.t1("accept-role", "role", &ctx.t(role_key(inv.role))),
        email: inv.token.email.clone(),
        mode,
        name,
        errors: FieldErrors::new(&ctx, problems),
        ctx,
    }
}

async fn show_invitation(
    State(state): State<AppState>,
    ctx: PageCtx,
    viewer: Option<Viewer>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let inv = match load(&state, &token).await? {
        Ok(inv) => inv,
        Err(why) => return Ok(invalid_link(ctx, why, false)),
    };
    let mode = inv.mode(viewer.as_ref());
    Ok(page(&accept_page(
        ctx,
        &inv,
        mode,
        &token,
        String::new(),
        &[],
    )))
}

#[derive(Deserialize)]
struct AcceptForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

async fn accept_invitation(
    State(state): State<AppState>,
    ctx: PageCtx,
    headers: HeaderMap,
    viewer: Option<Viewer>,
    Path(token): Path<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, AppError> {
    let inv = match load(&state, &token).await? {
        Ok(inv) => inv,
        Err(why) => return Ok(invalid_link(ctx, why, false)),
    };
    let mode = inv.mode(viewer.as_ref());
    let again = |ctx, problem: FieldProblem, name: String| {
        unprocessable(page(&accept_page(
            ctx,
            &inv,
            mode,
            &token,
            name,
            &[problem],
        )))
    };
    let new_account = match (mode, &inv.existing) {
        (Mode::New, _) => {
            let Ok(name) = required_text(&form.name, 100) else {
                let problem = FieldProblem {
                    field: "name",
                    key: "name-missing",
                };
                return Ok(again(ctx, problem, form.name));
            };
            if let Some(problem) = check_new_password(&form.password, &form.password2) {
                return Ok(again(ctx, problem, form.name));
            }
            Some((name, password::hash(form.password).await?))
        }
        (Mode::Existing, Some(u)) => {
            if !password::verify(form.password, u.password_hash.clone()).await {
                let problem = FieldProblem {
                    field: "password",
                    key: "accept-wrong-password",
                };
                return Ok(again(ctx, problem, String::new()));
            }
            None
        }
        _ => None,
    };
    let Some(user_id) = join(&state, &inv, new_account).await? else {
        return Ok(invalid_link(ctx, Unusable::Spent, false));
    };
    let to = format!("/t/{}/", inv.tenant.slug);
    if mode == Mode::SignedIn {
        return Ok(Redirect::to(&to).into_response());
    }
    let cookie = sign_in(&state, &headers, viewer.as_ref(), user_id).await?;
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response())
}

/// Spends the token and adds the membership (creating the account first for a new person),
/// all or nothing. `None` when another request spent the token first.
async fn join(
    state: &AppState,
    inv: &Invitation,
    new_account: Option<(String, String)>,
) -> Result<Option<i64>, AppError> {
    let tenant = TenantId(inv.tenant.id);
    let txn = state.db.begin().await?;
    if !db::auth_tokens::mark_used(&txn, inv.token.id, db::now()).await? {
        // Explicitly: a dropped transaction stays open on its pooled connection until reuse.
        txn.rollback().await?;
        return Ok(None);
    }
    let user_id = match (new_account, &inv.existing) {
        (Some((name, hash)), _) => {
            let email = Email::parse(&inv.token.email)
                .map_err(|e| anyhow::anyhow!("invitation address: {e}"))?;
            let new = NewUser {
                email: &email,
                display_name: &name,
                password_hash: Some(hash),
                is_operator: false,
            };
            db::users::create(&txn, new).await?.id
        }
        (None, Some(u)) => u.id,
        (None, None) => return Err(anyhow::anyhow!("an invitation without an account").into()),
    };
    if db::users::role_in(&txn, tenant, user_id).await?.is_none() {
        db::users::add_membership(&txn, tenant, user_id, inv.role).await?;
    }
    db::audit::record(
        &txn,
        Some(tenant),
        db::audit::Entry {
            actor_user_id: Some(user_id),
            action: "invitation.accepted",
            object_type: "invitation",
            object_id: Some(inv.token.id.to_string()),
            details: serde_json::json!({
                "email": inv.token.email,
                "role": inv.role.as_str(),
                "new_account": inv.existing.is_none(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Some(user_id))
}
