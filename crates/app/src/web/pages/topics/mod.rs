//! The topic catalogue: ideas with a prompt and a photo idea, filtered by category, tag and
//! status, with how often and how recently each was used and how it performed (aggregates
//! only). Amtfluencer propose topics; the team accepts, merges and archives them. "Ideas for
//! you" suggests topics the person has not used, nobody used lately, that did well and that
//! colleagues of the same department wrote about.

mod detail;
mod form;
mod list;

use amtfluencer_domain::types::required_text;
use axum::Router;
use axum::routing::{get, post};
use serde::Deserialize;

use crate::db::topics::NewTopic;
use crate::i18n::Lang;
use crate::web::layout::PageCtx;
use crate::web::pages::start::format_date;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/t/{slug}/topics", get(list::list_topics))
        .route(
            "/t/{slug}/topics/new",
            get(form::new_topic).post(form::create_topic),
        )
        .route("/t/{slug}/topics/{id}", get(detail::show_topic))
        .route(
            "/t/{slug}/topics/{id}/edit",
            get(form::edit_topic).post(form::update_topic),
        )
        .route("/t/{slug}/topics/{id}/status", post(detail::change_status))
        .route("/t/{slug}/topics/{id}/merge", post(detail::merge_topic))
}

use crate::state::AppState;

/// `/t/{slug}/topics/{id}…`
#[derive(Deserialize)]
pub struct TopicPath {
    pub slug: String,
    pub id: i64,
}

/// A topic as typed; all text so that a wrong value comes back as typed.
#[derive(Deserialize, Clone, Default)]
#[serde(default)]
pub struct TopicInput {
    pub title: String,
    pub description: String,
    pub prompt: String,
    pub photo_idea: String,
    pub category: String,
    /// Comma-separated.
    pub tags: String,
}

const MAX_TEXT: usize = 2000;
const MAX_TAGS: usize = 8;

/// Checks a typed topic; `t` looks up a message.
pub fn check_topic(
    input: &TopicInput,
    t: impl Fn(&str) -> String,
) -> Result<NewTopic, Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let title = required_text(&input.title, 120)
        .map_err(|_| errors.push(("title", t("topic-error-title"))))
        .ok();
    let category = required_text(&input.category, 60)
        .map_err(|_| errors.push(("category", t("topic-error-category"))))
        .ok();
    let mut long = |field: &'static str, text: &str| {
        let v = text.trim().to_owned();
        if v.chars().count() > MAX_TEXT {
            errors.push((field, t("topic-error-long")));
        }
        v
    };
    let description = long("description", &input.description);
    let prompt = long("prompt", &input.prompt);
    let photo_idea = long("photo_idea", &input.photo_idea);
    let mut tags: Vec<String> = Vec::new();
    for tag in input
        .tags
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(tag)) {
            tags.push(tag.chars().take(40).collect());
        }
    }
    if tags.len() > MAX_TAGS {
        errors.push(("tags", t("topic-error-tags")));
    }
    match (title, category) {
        (Some(title), Some(category)) if errors.is_empty() => Ok(NewTopic {
            title,
            description,
            prompt,
            photo_idea,
            category,
            tags,
        }),
        _ => Err(errors),
    }
}

fn status_label(ctx: &PageCtx, status: &str) -> String {
    ctx.t(&format!("topic-status-{status}"))
}

/// "3.012" / "3,012" style is not needed: whole numbers and one decimal.
fn engagement(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1} %");
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

fn last_used(ctx: &PageCtx, at: Option<chrono::DateTime<chrono::Utc>>) -> String {
    match at {
        Some(at) => format_date(ctx.lang, at.date_naive()),
        None => ctx.t("topic-never"),
    }
}
