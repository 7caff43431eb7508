//! "Are people in the photo?": the author answers, lists each person (a colleague or a
//! citizen; under 18 a guardian signs) and records the signed consent or its withdrawal.
//! Publishing waits until every listed person's consent is on record. A consent can be
//! withdrawn at any time, also after publishing; the photo is then stopped everywhere.

use amtfluencer_domain::studio::ready::PersonKind;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::view::{Flash, PersonForm, Returned, render};
use super::{PostPath, own_post};
use crate::db::{self, consent};
use crate::error::AppError;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::extract::Form;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::cohorts::parse_day;

/// `/t/{slug}/studio/{id}/photo/people/{person}/…`
#[derive(Deserialize)]
pub struct PersonPath {
    slug: String,
    id: i64,
    person: i64,
}

fn back_to(slug: &str, post: i64) -> Response {
    Redirect::to(&format!("/t/{slug}/studio/{post}?saved=1#people-h")).into_response()
}

/// The photo of one's own post and the post, or 404.
async fn own_photo(
    state: &AppState,
    member: &Member,
    post: i64,
) -> Result<(crate::db::calendar::post::Model, db::media::Photo), AppError> {
    let (_, p) = own_post(state, member, post).await?;
    let photo = db::media::of_post(&state.db, member.tenant_id(), p.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((p, photo))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AnswerForm {
    people: String,
}

pub async fn answer(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, AppError> {
    let (p, photo) = own_photo(&state, &member, path.id).await?;
    let people = match form.people.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("people: yes or no".into())),
    };
    db::media::set_people_answer(&state.db, member.tenant_id(), photo.id, people).await?;
    Ok(back_to(&path.slug, p.id))
}

const MAX_NAME_CHARS: usize = 200;

pub async fn add_person(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PostPath>,
    Form(form): Form<PersonForm>,
) -> Result<Response, AppError> {
    let (p, photo) = own_photo(&state, &member, path.id).await?;
    let mut errors = FieldErrors::default();
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        errors.add("person_name", ctx.t("consent-error-name"));
    }
    let kind = form.kind.parse::<PersonKind>().ok();
    if kind.is_none() {
        errors.add("person_kind", ctx.t("consent-error-kind"));
    }
    let minor = form.minor == "on" || form.minor == "yes";
    let guardian = form.guardian_name.trim();
    let consent_on = if form.consent_on.trim().is_empty() {
        None
    } else {
        match parse_day(&form.consent_on) {
            Some(d) if d <= db::now().date_naive() => Some(d),
            _ => {
                errors.add("person_consent_on", ctx.t("consent-error-date"));
                None
            }
        }
    };
    if minor && consent_on.is_some() && guardian.is_empty() {
        errors.add("person_guardian", ctx.t("consent-error-guardian"));
    }
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        let back = Returned {
            person: form,
            person_errors: errors,
            ..Returned::default()
        };
        return render(&state, ctx, &member, p, Flash::default(), back).await;
    };
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    consent::add(
        &txn,
        member.tenant_id(),
        consent::NewPerson {
            media_id: photo.id,
            name,
            kind,
            minor,
            guardian_name: (!guardian.is_empty()).then_some(guardian),
            consent_on,
        },
    )
    .await?;
    // Listing someone answers the question, too.
    db::media::set_people_answer(&txn, member.tenant_id(), photo.id, true).await?;
    let details =
        serde_json::json!({ "media": photo.id, "minor": minor, "consent": consent_on.is_some() });
    db::audit::by_member(&txn, &member, "photo.person_added", "post", p.id, details).await?;
    txn.commit().await?;
    Ok(back_to(&path.slug, p.id))
}

/// One listed person of the photo of one's own post.
async fn own_person(
    state: &AppState,
    member: &Member,
    path: &PersonPath,
) -> Result<(i64, consent::PhotoPerson), AppError> {
    let (p, photo) = own_photo(state, member, path.id).await?;
    let person = consent::get(&state.db, member.tenant_id(), path.person)
        .await?
        .filter(|x| x.media_id == photo.id)
        .ok_or(AppError::NotFound)?;
    Ok((p.id, person))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConsentForm {
    consent_on: String,
    guardian_name: String,
}

pub async fn record_consent(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PersonPath>,
    Form(form): Form<ConsentForm>,
) -> Result<Response, AppError> {
    let (post, person) = own_person(&state, &member, &path).await?;
    if person.withdrawn_on.is_some() {
        return Err(AppError::Conflict(ctx.t("consent-error-withdrawn")));
    }
    let on = parse_day(&form.consent_on).filter(|d| *d <= db::now().date_naive());
    let guardian = form.guardian_name.trim();
    let problem = if on.is_none() {
        Some("consent-error-date")
    } else if person.minor && guardian.is_empty() {
        Some("consent-error-guardian")
    } else {
        None
    };
    if let (Some(on), None) = (on, problem) {
        let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
        let g = (!guardian.is_empty()).then_some(guardian);
        consent::record_consent(&txn, member.tenant_id(), person.id, on, g).await?;
        let details = serde_json::json!({ "person": person.id, "on": on.to_string() });
        db::audit::by_member(
            &txn,
            &member,
            "photo.consent_recorded",
            "post",
            post,
            details,
        )
        .await?;
        txn.commit().await?;
        return Ok(back_to(&path.slug, post));
    }
    Err(AppError::Validation(vec![crate::error::FieldError {
        field: Some("consent_on".into()),
        detail: ctx.t(problem.unwrap_or("consent-error-date")),
    }]))
}

pub async fn withdraw(
    State(state): State<AppState>,
    member: Member,
    Path(path): Path<PersonPath>,
) -> Result<Response, AppError> {
    let (post, person) = own_person(&state, &member, &path).await?;
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    consent::withdraw(&txn, member.tenant_id(), person.id, db::now().date_naive()).await?;
    let details = serde_json::json!({ "person": person.id });
    db::audit::by_member(
        &txn,
        &member,
        "photo.consent_withdrawn",
        "post",
        post,
        details,
    )
    .await?;
    txn.commit().await?;
    Ok(back_to(&path.slug, post))
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: PageCtx,
    member: Member,
    Path(path): Path<PersonPath>,
) -> Result<Response, AppError> {
    let (post, person) = own_person(&state, &member, &path).await?;
    let txn = sea_orm::TransactionTrait::begin(&state.db).await?;
    if !consent::remove(&txn, member.tenant_id(), person.id).await? {
        return Err(AppError::Conflict(ctx.t("consent-error-withdrawn")));
    }
    let details = serde_json::json!({ "person": person.id });
    db::audit::by_member(&txn, &member, "photo.person_removed", "post", post, details).await?;
    txn.commit().await?;
    Ok(back_to(&path.slug, post))
}
