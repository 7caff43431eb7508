//! Member post analytics (`/rest/memberCreatorPostAnalytics`), for apps with LinkedIn's
//! approved `r_member_postAnalytics` scope: a post's lifetime totals, one request per metric.
//!
//! LinkedIn documents the answer as `{"elements": [{"value": 1234, "metricType": {"…V1":
//! "IMPRESSION"}}]}`. We read it liberally (a plain-string `metricType`, `count` instead of
//! `value`, numbers written as strings) and name exactly what we could not read otherwise.

use reqwest::header::ACCEPT;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::{ANALYTICS_SCOPE, LinkedInChannel, encode_urn};
use crate::http::{read_body, read_json, send};
use crate::{AccessToken, ChannelError};

/// What LinkedIn counts for a member's post (its `queryType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PostMetric {
    Impressions,
    MembersReached,
    Reactions,
    Comments,
    Reshares,
}

impl PostMetric {
    pub const ALL: [PostMetric; 5] = [
        Self::Impressions,
        Self::MembersReached,
        Self::Reactions,
        Self::Comments,
        Self::Reshares,
    ];

    /// LinkedIn's name of the metric, as `queryType` and in `metricType`.
    pub fn query_type(self) -> &'static str {
        match self {
            Self::Impressions => "IMPRESSION",
            Self::MembersReached => "MEMBERS_REACHED",
            Self::Reactions => "REACTION",
            Self::Comments => "COMMENT",
            Self::Reshares => "RESHARE",
        }
    }
}

/// A post's lifetime totals. `None` where LinkedIn answered with no element: it has no figure
/// (yet), which for a fresh post usually means 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PostAnalytics {
    pub impressions: Option<u64>,
    pub members_reached: Option<u64>,
    pub reactions: Option<u64>,
    pub comments: Option<u64>,
    pub reshares: Option<u64>,
}

impl PostAnalytics {
    fn slot(&mut self, metric: PostMetric) -> &mut Option<u64> {
        match metric {
            PostMetric::Impressions => &mut self.impressions,
            PostMetric::MembersReached => &mut self.members_reached,
            PostMetric::Reactions => &mut self.reactions,
            PostMetric::Comments => &mut self.comments,
            PostMetric::Reshares => &mut self.reshares,
        }
    }
}

/// The `entity` parameter in Rest.li 2.0 syntax, e.g. `(share:urn%3Ali%3Ashare%3A123)` or
/// `(ugc:urn%3Ali%3AugcPost%3A456)`: the union member named after the post's kind, the URN
/// encoded inside it so that its colons are not read as Rest.li syntax.
///
/// Other URNs (an `urn:li:activity:` from a pasted link) cannot be asked for:
/// [`ChannelError::Unsupported`], before any request.
pub fn analytics_entity(urn: &str) -> Result<String, ChannelError> {
    let kind = [("urn:li:share:", "share"), ("urn:li:ugcPost:", "ugc")]
        .into_iter()
        .find(|(prefix, _)| urn.strip_prefix(prefix).is_some_and(|id| !id.is_empty()))
        .map(|(_, kind)| kind)
        .ok_or_else(|| ChannelError::Unsupported {
            detail: format!(
                "LinkedIn post analytics need a urn:li:share or urn:li:ugcPost, not {urn:?}"
            ),
        })?;
    Ok(format!("({kind}:{})", encode_urn(urn)))
}

impl LinkedInChannel {
    /// Every [`PostMetric`] of one of the member's posts, stopping at the first error.
    pub async fn post_analytics(
        &self,
        token: &AccessToken,
        urn: &str,
    ) -> Result<PostAnalytics, ChannelError> {
        let entity = analytics_entity(urn)?;
        let mut out = PostAnalytics::default();
        for metric in PostMetric::ALL {
            *out.slot(metric) = self.read_metric(token, &entity, metric).await?;
        }
        Ok(out)
    }

    /// The lifetime total of one metric of one post; `None` when LinkedIn has no figure.
    pub async fn post_metric(
        &self,
        token: &AccessToken,
        urn: &str,
        metric: PostMetric,
    ) -> Result<Option<u64>, ChannelError> {
        self.read_metric(token, &analytics_entity(urn)?, metric)
            .await
    }

    async fn read_metric(
        &self,
        token: &AccessToken,
        entity: &str,
        metric: PostMetric,
    ) -> Result<Option<u64>, ChannelError> {
        let c = &self.client;
        // Built by hand: a query serializer would encode the Rest.li parentheses and colon.
        let url = c.api_url(&format!(
            "/rest/memberCreatorPostAnalytics?q=entity&entity={entity}&queryType={}\
             &aggregation=TOTAL",
            metric.query_type()
        ));
        let req = c
            .rest(Method::GET, &url, token)
            .header(ACCEPT, "application/json");
        let res = send(req).await?;
        let status = res.status();
        if !status.is_success() {
            let headers = res.headers().clone();
            let body = read_body(res).await.unwrap_or_default();
            return Err(match c.error_from(status, &headers, &body) {
                // The token works (it posts), it just may not read analytics.
                ChannelError::Unauthorized { detail } if status == StatusCode::FORBIDDEN => {
                    ChannelError::MissingScope {
                        scope: ANALYTICS_SCOPE.to_owned(),
                        detail,
                    }
                }
                other => other,
            });
        }
        let body: Value = read_json(res, "LinkedIn memberCreatorPostAnalytics").await?;
        read_total(&body, metric)
    }
}

/// The total of `metric` in an answer; `None` for an empty `elements`. Elements of another
/// metric are skipped; several of ours (daily slices) are added up.
fn read_total(body: &Value, metric: PostMetric) -> Result<Option<u64>, ChannelError> {
    let name = metric.query_type();
    let problem = |what: String| ChannelError::UnexpectedResponse {
        detail: format!("LinkedIn memberCreatorPostAnalytics {name}: {what}"),
    };
    let elements = body
        .get("elements")
        .and_then(Value::as_array)
        .ok_or_else(|| problem(format!("no \"elements\" list in {}", excerpt(body))))?;
    let mut total: Option<u64> = None;
    let mut others = Vec::new();
    for (i, element) in elements.iter().enumerate() {
        match metric_type(element) {
            Some(t) if t != name => {
                others.push(t.to_owned());
                continue;
            }
            _ => {}
        }
        let raw = element.get("value").or_else(|| element.get("count"));
        let n = raw.and_then(count).ok_or_else(|| {
            problem(format!(
                "element {i} has no count of 0 or more in \"value\": {}",
                excerpt(element)
            ))
        })?;
        total = Some(total.unwrap_or(0).saturating_add(n));
    }
    if total.is_none() && !others.is_empty() {
        return Err(problem(format!(
            "the answer names only other metrics: {}",
            others.join(", ")
        )));
    }
    Ok(total)
}

/// `metricType` as a plain string, or as LinkedIn's union `{"…MetricTypeV1": "IMPRESSION"}`.
fn metric_type(element: &Value) -> Option<&str> {
    match element.get("metricType")? {
        Value::String(s) => Some(s),
        Value::Object(union) => union.values().find_map(Value::as_str),
        _ => None,
    }
}

/// A count written as a whole number (`12`, `12.0`) or as its digits (`"12"`).
fn count(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && *f >= 0.0 && f.fract() == 0.0 && *f < u64::MAX as f64)
                .map(|f| f as u64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The start of a JSON value for an error message.
fn excerpt(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const UNION: &str =
        "com.linkedin.adsexternalapi.memberanalytics.v1.CreatorPostAnalyticsMetricTypeV1";

    #[test]
    fn a_share_and_a_ugc_post_are_named_with_their_urn_encoded() {
        assert_eq!(
            analytics_entity("urn:li:share:7012345678901234501").unwrap(),
            "(share:urn%3Ali%3Ashare%3A7012345678901234501)"
        );
        assert_eq!(
            analytics_entity("urn:li:ugcPost:6999").unwrap(),
            "(ugc:urn%3Ali%3AugcPost%3A6999)"
        );
    }

    #[test]
    fn an_activity_urn_cannot_be_asked_for() {
        for urn in ["urn:li:activity:7012", "urn:li:share:", "7012", ""] {
            assert!(
                matches!(analytics_entity(urn), Err(ChannelError::Unsupported { .. })),
                "{urn:?}"
            );
        }
    }

    #[test]
    fn the_documented_answer_is_read() {
        let body = json!({"paging": {"start": 0, "count": 10}, "elements": [
            {"value": 1234, "metricType": {UNION: "IMPRESSION"}}
        ]});
        assert_eq!(
            read_total(&body, PostMetric::Impressions).unwrap(),
            Some(1234)
        );
    }

    #[test]
    fn a_plain_metric_type_a_count_field_and_numbers_as_text_are_accepted() {
        let body = json!({"elements": [{"count": "17", "metricType": "REACTION"}]});
        assert_eq!(read_total(&body, PostMetric::Reactions).unwrap(), Some(17));
        let body = json!({"elements": [{"value": 3.0}]});
        assert_eq!(read_total(&body, PostMetric::Comments).unwrap(), Some(3));
    }

    #[test]
    fn an_empty_answer_means_no_figure() {
        let body = json!({"elements": []});
        assert_eq!(read_total(&body, PostMetric::Reshares).unwrap(), None);
    }

    #[test]
    fn daily_slices_are_added_and_other_metrics_skipped() {
        let body = json!({"elements": [
            {"value": 5, "metricType": "IMPRESSION"},
            {"value": 99, "metricType": {UNION: "REACTION"}},
            {"value": 7, "metricType": {UNION: "IMPRESSION"}}
        ]});
        assert_eq!(
            read_total(&body, PostMetric::Impressions).unwrap(),
            Some(12)
        );
    }

    #[test]
    fn what_is_not_understood_is_named() {
        let cases = [
            (json!({"values": []}), "no \"elements\" list"),
            (
                json!({"elements": [{"value": -1, "metricType": "COMMENT"}]}),
                "element 0 has no count",
            ),
            (
                json!({"elements": [{"value": "viele"}]}),
                "element 0 has no count",
            ),
            (
                json!({"elements": [{"value": 4, "metricType": "REACTION"}]}),
                "only other metrics: REACTION",
            ),
        ];
        for (body, expected) in cases {
            let e = read_total(&body, PostMetric::Comments).unwrap_err();
            let ChannelError::UnexpectedResponse { detail } = &e else {
                panic!("{e:?}")
            };
            assert!(
                detail.contains(expected) && detail.contains("COMMENT"),
                "{detail}"
            );
        }
    }
}
