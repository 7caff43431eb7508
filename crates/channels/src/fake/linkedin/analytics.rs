//! `GET /rest/memberCreatorPostAnalytics?q=entity&entity=(share:urn%3Ali%3Ashare%3A…)&queryType=…&aggregation=TOTAL`:
//! a post's lifetime total of one metric, for tokens with `r_member_postAnalytics`.
//!
//! The query is read raw, as LinkedIn's Rest.li 2.0 parser reads it: a URN whose colons are not
//! encoded inside the parentheses is refused, so a client that encodes wrongly fails here.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{ANALYTICS_TOKEN, Shared, check_rest, error};
use crate::fake::{bearer, json_error};

const METRIC_UNION: &str =
    "com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1";

/// A post's lifetime figures as the fake tells them; `None` answers with no element, as
/// LinkedIn does for a figure it does not have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PostFigures {
    pub impressions: Option<u64>,
    pub members_reached: Option<u64>,
    pub reactions: Option<u64>,
    pub comments: Option<u64>,
    pub reshares: Option<u64>,
}

impl PostFigures {
    /// Every figure known.
    pub fn new(
        impressions: u64,
        members_reached: u64,
        reactions: u64,
        comments: u64,
        reshares: u64,
    ) -> Self {
        Self {
            impressions: Some(impressions),
            members_reached: Some(members_reached),
            reactions: Some(reactions),
            comments: Some(comments),
            reshares: Some(reshares),
        }
    }

    fn of(&self, query_type: &str) -> Option<Option<u64>> {
        Some(match query_type {
            "IMPRESSION" => self.impressions,
            "MEMBERS_REACHED" => self.members_reached,
            "REACTION" => self.reactions,
            "COMMENT" => self.comments,
            "RESHARE" => self.reshares,
            _ => return None,
        })
    }
}

fn bad_request(message: &str) -> Response {
    json_error(
        StatusCode::BAD_REQUEST,
        json!({"status": 400, "code": "ILLEGAL_ARGUMENT", "message": message}),
    )
}

pub(super) async fn member_post_analytics(
    State(state): State<Shared>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    if let Some(r) = check_rest(&headers, &state) {
        return r;
    }
    if bearer(&headers) != Some(ANALYTICS_TOKEN) {
        return json_error(
            StatusCode::FORBIDDEN,
            json!({"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
                   "message": "Not enough permissions to access: memberCreatorPostAnalytics.GET.20251101"}),
        );
    }
    let query = query.unwrap_or_default();
    let params: HashMap<&str, &str> = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    if params.get("q") != Some(&"entity") {
        return bad_request("q=entity expected");
    }
    if params.get("aggregation") != Some(&"TOTAL") {
        return bad_request("this fake answers aggregation=TOTAL only");
    }
    let urn = match params.get("entity").map(|e| entity_urn(e)) {
        Some(Ok(urn)) => urn,
        Some(Err(problem)) => return bad_request(&problem),
        None => return bad_request("entity missing"),
    };
    let query_type = params.get("queryType").copied().unwrap_or_default();
    let s = state.lock().unwrap();
    let figures = match s.figures.get(&urn) {
        Some(f) => *f,
        None if s.posts.iter().any(|p| p.urn == urn) => PostFigures::default(),
        None => return error(StatusCode::NOT_FOUND, &format!("{urn} not found")),
    };
    let Some(value) = figures.of(query_type) else {
        return bad_request(&format!("queryType {query_type:?} is not supported"));
    };
    let elements: Vec<_> = value
        .map(|v| json!({"value": v, "metricType": {METRIC_UNION: query_type}}))
        .into_iter()
        .collect();
    axum::Json(json!({"paging": {"start": 0, "count": 10, "links": []}, "elements": elements}))
        .into_response()
}

/// The post URN of `(share:urn%3Ali%3Ashare%3A…)` or `(ugc:urn%3Ali%3AugcPost%3A…)`.
fn entity_urn(raw: &str) -> Result<String, String> {
    let inner = raw
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(|| format!("entity {raw:?} is not a Rest.li union in parentheses"))?;
    let (kind, encoded) = inner
        .split_once(':')
        .ok_or_else(|| format!("entity {raw:?} names no member"))?;
    if encoded.contains([':', '(', ')', ',']) {
        return Err(format!("the URN in entity {raw:?} must be percent-encoded"));
    }
    let urn: String = url::form_urlencoded::parse(format!("u={encoded}").as_bytes())
        .map(|(_, v)| v.into_owned())
        .next()
        .unwrap_or_default();
    let prefix = match kind {
        "share" => "urn:li:share:",
        "ugc" => "urn:li:ugcPost:",
        other => return Err(format!("entity member {other:?} is unknown")),
    };
    if urn.strip_prefix(prefix).is_none_or(str::is_empty) {
        return Err(format!("entity {kind} needs a {prefix}… URN, not {urn:?}"));
    }
    Ok(urn)
}
