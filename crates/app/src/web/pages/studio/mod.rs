//! The post studio: an Amtfluencer writes a post the way the text workshop taught it, with
//! templates, the checks of `domain::studio` and a preview of what LinkedIn will show (folded
//! behind "…mehr"). Works without JavaScript (save and check); `static/studio.js` adds live
//! checks and saving while typing. Earlier versions are kept; a post made by hand on LinkedIn
//! is marked published with its address.

mod consent;
mod editor;
mod list;
mod photo;
mod review;
pub mod view;

pub use list::start_of;
pub use review::MAX_COMMENT_CHARS;

use amtfluencer_domain::permissions::Permission;
use amtfluencer_domain::studio::{self, CheckInput, CheckReport, Language};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::db::{self, calendar::post as post_entity, entities::ambassador};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::tenancy::Member;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/t/{slug}/studio",
            get(list::list_posts).post(list::create_post),
        )
        .route(
            "/t/{slug}/studio/{id}",
            get(editor::show_editor).post(editor::save_post),
        )
        .route("/t/{slug}/studio/{id}/autosave", post(editor::autosave))
        .route(
            "/t/{slug}/studio/{id}/restore",
            post(editor::restore_version),
        )
        .route(
            "/t/{slug}/studio/{id}/published",
            post(editor::mark_published),
        )
        .route(
            "/t/{slug}/studio/{id}/photo",
            post(photo::upload_photo).layer(DefaultBodyLimit::max(crate::web::MAX_UPLOAD_BYTES)),
        )
        .route(
            "/t/{slug}/studio/{id}/photo/alt",
            post(photo::save_alt_text),
        )
        .route("/t/{slug}/studio/{id}/photo/people", post(consent::answer))
        .route(
            "/t/{slug}/studio/{id}/photo/people/add",
            post(consent::add_person),
        )
        .route(
            "/t/{slug}/studio/{id}/photo/people/{person}/consent",
            post(consent::record_consent),
        )
        .route(
            "/t/{slug}/studio/{id}/photo/people/{person}/withdraw",
            post(consent::withdraw),
        )
        .route(
            "/t/{slug}/studio/{id}/photo/people/{person}/remove",
            post(consent::remove),
        )
        .route("/t/{slug}/studio/{id}/review", post(review::request))
        .route(
            "/t/{slug}/studio/{id}/review/withdraw",
            post(review::withdraw),
        )
        .route("/t/{slug}/media/{id}", get(photo::show_media))
}

/// `/t/{slug}/studio/{id}…`
#[derive(serde::Deserialize)]
pub struct PostPath {
    slug: String,
    id: i64,
}

/// A template of the text workshop: its name and the text it starts with.
pub struct Template {
    pub id: &'static str,
    pub name_key: &'static str,
    pub text: &'static str,
}

pub const TEMPLATES: [Template; 3] = [
    Template {
        id: "hook",
        name_key: "studio-template-hook",
        text: "[Ein starker erster Satz, der neugierig macht]\n\n[Ein Einblick: was ist passiert, wer war dabei, was hast du gemacht?]\n\n[Was hast du dabei gelernt, was hat dich überrascht?]\n\n[Eine Frage an die Leserinnen und Leser]\n\n#Musterstadt #Verwaltung #Karriere",
    },
    Template {
        id: "day",
        name_key: "studio-template-day",
        text: "Ein Tag als [deine Aufgabe] bei der Stadt:\n\n7:30 – [womit der Tag beginnt]\n10:00 – [was mittags los ist]\n14:00 – [was am Nachmittag passiert]\n\n[Was dir an diesem Tag am meisten Spaß gemacht hat]\n\nWas möchtet ihr über meinen Job wissen?\n\n#Ausbildung #ÖffentlicherDienst #Musterstadt",
    },
    Template {
        id: "three",
        name_key: "studio-template-three",
        text: "3 Dinge, die ich in [Zeitraum] bei der Stadt gelernt habe:\n\n1. [Erstens]\n2. [Zweitens]\n3. [Drittens]\n\nWelche Erfahrung habt ihr gemacht?\n\n#Lernen #Verwaltung #Musterstadt",
    },
];

/// The Amtfluencer record of the signed-in member, or 404 (the studio is for Amtfluencer).
async fn me(state: &AppState, member: &Member) -> Result<ambassador::Model, AppError> {
    member.require(Permission::EditOwnProfile)?;
    member.require(Permission::WritePosts)?;
    db::ambassadors::of_user(&state.db, member.tenant_id(), member.user.id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn own_post(
    state: &AppState,
    member: &Member,
    id: i64,
) -> Result<(ambassador::Model, post_entity::Model), AppError> {
    let me = me(state, member).await?;
    let p = db::studio::own_post(&state.db, member.tenant_id(), me.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((me, p))
}

/// The checks of a text in the page's language, with the authority's page as the mention.
fn check(member: &Member, lang: Lang, text: &str) -> CheckReport {
    studio::check_post(&CheckInput {
        text,
        language: match lang {
            Lang::De => Language::De,
            Lang::En => Language::En,
        },
        style: db::reviews::StudioSettings::of(&member.tenant).inclusive_style,
        authority_page: Some(&member.tenant.name),
    })
}
