//! The editor page as rendered: the text with its checks, the photo with the people in it and
//! their consents, the second look, the preview, what still stops publishing, and the earlier
//! versions. Forms that came back with mistakes are shown again as typed.

use amtfluencer_domain::studio::Severity;
use amtfluencer_domain::studio::ready::{PersonKind, ReviewAction, ReviewState};
use askama::Template;
use axum::response::Response;
use serde::Deserialize;

use super::check;
use crate::db::{self, calendar::post as post_entity, consent::PhotoPerson, readiness, reviews};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;
use crate::web::fields::FieldErrors;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;
use crate::web::render::page;

pub struct CheckLine {
    pub severity: &'static str,
    pub severity_label: String,
    pub message: String,
}

pub struct VersionLine {
    pub id: i64,
    pub when: String,
    pub start: String,
}

/// A person in the photo as listed, with what is on record in words.
pub struct PersonLine {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub minor: bool,
    /// "Einwilligung liegt vor (seit …)", "fehlt", "widerrufen am …".
    pub state: String,
    /// ok, missing or withdrawn (for the badge).
    pub badge: &'static str,
    pub needs_consent: bool,
    pub withdrawn: bool,
}

pub struct StepLine {
    pub what: String,
    pub by: String,
    pub when: String,
    pub comment: String,
}

/// The form to list a person, as typed.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct PersonForm {
    pub name: String,
    pub kind: String,
    pub minor: String,
    pub guardian_name: String,
    pub consent_on: String,
}

#[derive(Template)]
#[template(path = "studio/editor.html")]
struct EditorPage {
    ctx: PageCtx,
    base: String,
    body: String,
    status: String,
    editable: bool,
    published_url: Option<String>,
    topic: Option<(String, String, String)>,
    checks: Vec<CheckLine>,
    characters: usize,
    fold_before: String,
    fold_after: String,
    reading: String,
    versions: Vec<VersionLine>,
    saved: bool,
    url_value: String,
    url_error: Option<String>,
    photo: Option<db::media::Photo>,
    photo_notes: Vec<String>,
    photo_error: Option<String>,
    people: Vec<PersonLine>,
    person: PersonForm,
    person_errors: FieldErrors,
    blockers: Vec<String>,
    review: ReviewView,
    today: String,
}

/// The second look as the author sees it.
pub struct ReviewView {
    pub required: bool,
    /// The state in words.
    pub state: String,
    /// The author may ask now (nothing pending).
    pub can_request: bool,
    /// A request is pending and may be taken back.
    pub can_withdraw: bool,
    pub steps: Vec<StepLine>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Flash {
    pub saved: Option<String>,
    /// What the photo pipeline removed: `gps,camera,exif,xmp,iptc,comments`.
    pub removed: Option<String>,
    pub photo_error: Option<String>,
}

/// What a form sent back brings to the page.
#[derive(Default)]
pub struct Returned {
    pub url: (String, Option<String>),
    pub person: PersonForm,
    pub person_errors: FieldErrors,
}

fn removed_notes(ctx: &PageCtx, removed: Option<&str>) -> Vec<String> {
    removed
        .map(|r| {
            let mut notes: Vec<String> = r
                .split(',')
                .filter(|c| ["gps", "camera", "exif", "xmp", "iptc", "comments"].contains(c))
                .map(|c| ctx.t(&format!("studio-removed-{c}")))
                .collect();
            if notes.is_empty() {
                notes.push(ctx.t("studio-removed-nothing"));
            }
            notes
        })
        .unwrap_or_default()
}

fn person_line(ctx: &PageCtx, p: &PhotoPerson) -> PersonLine {
    let f = p.facts();
    let (state, badge) = if let Some(d) = p.withdrawn_on {
        let d = format_date(ctx.lang, d);
        (ctx.t1("consent-withdrawn-on", "date", &d), "withdrawn")
    } else if f.consent_valid() {
        let d = p
            .consent_on
            .map(|d| format_date(ctx.lang, d))
            .unwrap_or_default();
        let key = if p.minor {
            "consent-given-guardian"
        } else {
            "consent-given-on"
        };
        let args = [
            ("date", d.as_str()),
            ("guardian", p.guardian_name.as_deref().unwrap_or("")),
        ];
        (ctx.i18n.tr_args(ctx.lang, key, &args), "ok")
    } else if f.consent_given {
        (ctx.t("consent-guardian-missing"), "missing")
    } else {
        (ctx.t("consent-missing"), "missing")
    };
    PersonLine {
        id: p.id,
        name: p.name.clone(),
        kind: ctx.t(match p.kind {
            PersonKind::Colleague => "consent-kind-colleague",
            PersonKind::Citizen => "consent-kind-citizen",
        }),
        minor: p.minor,
        state,
        badge,
        needs_consent: badge == "missing",
        withdrawn: p.withdrawn_on.is_some(),
    }
}

fn action_key(a: ReviewAction) -> &'static str {
    match a {
        ReviewAction::Requested => "review-step-requested",
        ReviewAction::Withdrawn => "review-step-withdrawn",
        ReviewAction::Changes => "review-step-changes",
        ReviewAction::Approved => "review-step-approved",
    }
}

fn state_key(s: ReviewState) -> &'static str {
    match s {
        ReviewState::NotRequired => "review-state-not-required",
        ReviewState::NotRequested => "review-state-not-requested",
        ReviewState::Pending => "review-state-pending",
        ReviewState::ChangesRequested => "review-state-changes",
        ReviewState::Outdated => "review-state-outdated",
        ReviewState::Approved => "review-state-approved",
    }
}

/// The steps of a post's review in words, for the author's and the reviewer's page.
pub fn step_lines(ctx: &PageCtx, steps: &[reviews::Step]) -> Vec<StepLine> {
    steps
        .iter()
        .map(|s| StepLine {
            what: ctx.t(action_key(s.action)),
            by: s.by.clone().unwrap_or_default(),
            when: format!(
                "{}, {} UTC",
                format_date(ctx.lang, s.at.date_naive()),
                s.at.format("%H:%M")
            ),
            comment: s.comment.clone(),
        })
        .collect()
}

async fn review_view(
    state: &AppState,
    ctx: &PageCtx,
    member: &Member,
    p: &post_entity::Model,
) -> Result<ReviewView, AppError> {
    let tenant = member.tenant_id();
    let settings = reviews::StudioSettings::of(&member.tenant);
    let review = reviews::state(&state.db, tenant, settings, p.id, p.topic_id, &p.body).await?;
    let steps = reviews::steps(&state.db, tenant, p.id).await?;
    let pending = p.status == "in_review";
    let state_text = if pending {
        ctx.t("review-state-pending")
    } else if review == ReviewState::NotRequired {
        ctx.t("review-state-not-required")
    } else {
        ctx.t(state_key(review))
    };
    Ok(ReviewView {
        required: review != ReviewState::NotRequired,
        state: state_text,
        can_request: !pending
            && db::studio::EDITABLE.contains(&p.status.as_str())
            && review != ReviewState::Approved,
        can_withdraw: pending,
        steps: step_lines(ctx, &steps),
    })
}

pub fn severity(ctx: &PageCtx, s: Severity) -> (&'static str, String) {
    let (severity, key) = match s {
        Severity::Error => ("error", "studio-severity-error"),
        Severity::Warning => ("warning", "studio-severity-warning"),
        Severity::Info => ("info", "studio-severity-info"),
    };
    (severity, ctx.t(key))
}

pub async fn render(
    state: &AppState,
    ctx: PageCtx,
    member: &Member,
    p: post_entity::Model,
    flash: Flash,
    back: Returned,
) -> Result<Response, AppError> {
    let tenant = member.tenant_id();
    let photo = db::media::of_post(&state.db, tenant, p.id).await?;
    let people = match &photo {
        Some(ph) => db::consent::list(&state.db, tenant, ph.id).await?,
        None => Vec::new(),
    };
    let facts = readiness::PostFacts {
        id: p.id,
        topic_id: p.topic_id,
        body: &p.body,
    };
    let blockers = readiness::blockers(&state.db, &member.tenant, facts)
        .await?
        .iter()
        .map(|b| match ctx.lang {
            Lang::De => b.text_de(),
            Lang::En => b.text_en(),
        })
        .collect();
    let report = check(member, ctx.lang, &p.body);
    let m = &report.metrics;
    let fold = p
        .body
        .char_indices()
        .nth(m.fold_index)
        .map_or(p.body.len(), |(i, _)| i);
    let topic = match p.topic_id {
        Some(id) => db::topics::get(&state.db, tenant, id)
            .await?
            .map(|t| (t.title, t.prompt, t.photo_idea)),
        None => None,
    };
    let versions = db::studio::versions(&state.db, tenant, p.id)
        .await?
        .into_iter()
        .map(|v| VersionLine {
            id: v.id,
            when: format!(
                "{}, {} UTC",
                format_date(ctx.lang, v.created_at.date_naive()),
                v.created_at.format("%H:%M")
            ),
            start: super::list::start_of(&v.body),
        })
        .collect();
    let reading = ctx.i18n.tr_args(
        ctx.lang,
        "studio-reading",
        &[
            ("amstad", &format!("{:.0}", m.flesch_amstad)),
            ("wiener", &format!("{:.1}", m.wiener_sachtextformel)),
        ],
    );
    let status = if back.url.1.is_some() || !back.person_errors.is_empty() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let review = review_view(state, &ctx, member, &p).await?;
    let mut res = page(&EditorPage {
        base: format!("/t/{}/studio/{}", member.tenant.slug, p.id),
        status: ctx.t(&format!("studio-status-{}", p.status)),
        editable: db::studio::EDITABLE.contains(&p.status.as_str()),
        published_url: p.external_url.clone(),
        topic,
        checks: report
            .checks
            .iter()
            .map(|c| {
                let (severity, severity_label) = severity(&ctx, c.severity);
                CheckLine {
                    severity,
                    severity_label,
                    message: c.message.clone(),
                }
            })
            .collect(),
        characters: m.characters,
        fold_before: p.body[..fold].to_owned(),
        fold_after: p.body[fold..].to_owned(),
        reading,
        versions,
        saved: flash.saved.is_some(),
        url_value: back.url.0,
        url_error: back.url.1,
        photo,
        photo_notes: removed_notes(&ctx, flash.removed.as_deref()),
        photo_error: flash.photo_error.map(|e| e.chars().take(400).collect()),
        people: people.iter().map(|x| person_line(&ctx, x)).collect(),
        person: back.person,
        person_errors: back.person_errors,
        blockers,
        review,
        today: db::now().date_naive().to_string(),
        body: p.body,
        ctx: ctx.for_member(member),
    });
    *res.status_mut() = status;
    Ok(res)
}
