//! Statuses: the length check against the instance's limit, posting with an idempotency key,
//! reading counts, deleting.

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::Deserialize;

use super::{MastodonChannel, segment};
use crate::http::{read_json, send};
use crate::{AccessToken, Channel, ChannelError, Counts, OutgoingPost, Published, Visibility};

/// What an instance allows. Defaults are Mastodon's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstanceLimits {
    pub max_characters: usize,
    /// Every link counts as this many characters, however long it is.
    pub characters_reserved_per_url: usize,
    /// Longest alt text.
    pub description_limit: usize,
}

impl Default for InstanceLimits {
    fn default() -> Self {
        Self {
            max_characters: 500,
            characters_reserved_per_url: 23,
            description_limit: 1500,
        }
    }
}

#[derive(Deserialize, Default)]
struct InstanceDoc {
    #[serde(default)]
    configuration: Configuration,
}

#[derive(Deserialize, Default)]
struct Configuration {
    #[serde(default)]
    statuses: StatusesConfig,
    #[serde(default)]
    media_attachments: MediaConfig,
}

#[derive(Deserialize, Default)]
struct StatusesConfig {
    max_characters: Option<usize>,
    characters_reserved_per_url: Option<usize>,
}

#[derive(Deserialize, Default)]
struct MediaConfig {
    description_limit: Option<usize>,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    url: Option<String>,
    uri: Option<String>,
}

#[derive(Deserialize)]
struct StatusCounts {
    reblogs_count: u64,
    favourites_count: u64,
    replies_count: u64,
}

/// The length Mastodon counts: a link counts as `per_url` characters, and a mention of another
/// instance's account (`@name@host`) only by its `@name`.
pub fn countable_length(text: &str, per_url: usize) -> usize {
    let mut len = text.chars().count();
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if word.starts_with("http://") || word.starts_with("https://") {
            len = len - n + per_url.min(n);
        } else if let Some((_, host)) = word.strip_prefix('@').and_then(|r| r.split_once('@')) {
            // Trailing punctuation belongs to the sentence, not to the host.
            let host = host.trim_end_matches(|c: char| !c.is_alphanumeric());
            len -= host.chars().count() + 1;
        }
    }
    len
}

fn visibility(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Unlisted => "unlisted",
        Visibility::Followers => "private",
    }
}

/// The text as Mastodon gets it: mentions of LinkedIn pages are plain names here.
fn status_text(post: &OutgoingPost) -> String {
    post.mentions.iter().fold(post.text.clone(), |text, m| {
        text.replace(&format!("@{}", m.name), &m.name)
    })
}

impl MastodonChannel {
    /// The instance's limits (`GET /api/v2/instance`), asked once; Mastodon's defaults when the
    /// instance does not say.
    pub async fn instance_limits(&self) -> InstanceLimits {
        let fetched = self
            .limits
            .get_or_try_init(|| async {
                let req = self
                    .http
                    .client()
                    .get(self.instance.endpoint("/api/v2/instance"))
                    .header(ACCEPT, "application/json");
                let res = send(req).await?;
                if !res.status().is_success() {
                    return Err(self.error(res).await);
                }
                let doc: InstanceDoc = read_json(res, "Mastodon instance").await?;
                let d = InstanceLimits::default();
                let c = doc.configuration;
                Ok(InstanceLimits {
                    max_characters: c.statuses.max_characters.unwrap_or(d.max_characters),
                    characters_reserved_per_url: c
                        .statuses
                        .characters_reserved_per_url
                        .unwrap_or(d.characters_reserved_per_url),
                    description_limit: c
                        .media_attachments
                        .description_limit
                        .unwrap_or(d.description_limit),
                })
            })
            .await;
        fetched.copied().unwrap_or_default()
    }

    fn check(text: &str, post: &OutgoingPost, limits: InstanceLimits) -> Result<(), ChannelError> {
        let len = countable_length(text, limits.characters_reserved_per_url);
        if len > limits.max_characters {
            return Err(ChannelError::Rejected {
                message: format!(
                    "Der Text ist {len} Zeichen lang; diese Mastodon-Instanz erlaubt höchstens {}.",
                    limits.max_characters
                ),
            });
        }
        if text.trim().is_empty() && post.image.is_none() {
            return Err(ChannelError::Rejected {
                message: "Der Beitrag ist leer.".to_owned(),
            });
        }
        if let Some(image) = &post.image {
            let alt = image.alt_text.chars().count();
            if alt > limits.description_limit {
                return Err(ChannelError::Rejected {
                    message: format!(
                        "Der Alternativtext ist {alt} Zeichen lang; diese Mastodon-Instanz \
                         erlaubt höchstens {}.",
                        limits.description_limit
                    ),
                });
            }
        }
        Ok(())
    }
}

impl Channel for MastodonChannel {
    async fn publish(
        &self,
        token: &AccessToken,
        post: &OutgoingPost,
    ) -> Result<Published, ChannelError> {
        let text = status_text(post);
        Self::check(&text, post, self.instance_limits().await)?;
        let media_id = match &post.image {
            Some(image) => Some(self.upload_media(token, image).await?),
            None => None,
        };
        let body = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("status", &text)
                .append_pair("visibility", visibility(post.visibility));
            if let Some(id) = &media_id {
                form.append_pair("media_ids[]", id);
            }
            if let Some(lang) = &post.language {
                form.append_pair("language", lang);
            }
            form.finish()
        };
        // The idempotency key makes a resend after a lost answer return the same status, so a
        // failure without an answer is safe to retry.
        let req = self
            .request(Method::POST, "/api/v1/statuses", token)
            .header("Idempotency-Key", &post.idempotency_key)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
        let res = send(req).await?;
        if res.status() != StatusCode::OK {
            return Err(if res.status().is_success() {
                ChannelError::Unconfirmed {
                    detail: format!("statuses: HTTP {} instead of 200", res.status().as_u16()),
                }
            } else {
                self.error(res).await
            });
        }
        let status: Status =
            read_json(res, "Mastodon status")
                .await
                .map_err(|e| ChannelError::Unconfirmed {
                    detail: e.to_string(),
                })?;
        let url = status.url.or(status.uri).filter(|u| !u.is_empty());
        match url {
            Some(url) if !status.id.is_empty() => Ok(Published {
                remote_id: status.id,
                url,
            }),
            _ => Err(ChannelError::Unconfirmed {
                detail: "status without id or url".to_owned(),
            }),
        }
    }

    fn supports_counts(&self) -> bool {
        true
    }

    async fn fetch_counts(
        &self,
        token: &AccessToken,
        remote_id: &str,
    ) -> Result<Counts, ChannelError> {
        let path = format!("/api/v1/statuses/{}", segment(remote_id));
        let req = self
            .request(Method::GET, &path, token)
            .header(ACCEPT, "application/json");
        let res = send(req).await?;
        if !res.status().is_success() {
            return Err(self.error(res).await);
        }
        let c: StatusCounts = read_json(res, "Mastodon status").await?;
        Ok(Counts {
            reactions: c.favourites_count,
            reposts: c.reblogs_count,
            comments: c.replies_count,
            impressions: None,
        })
    }

    async fn delete(&self, token: &AccessToken, remote_id: &str) -> Result<(), ChannelError> {
        let path = format!("/api/v1/statuses/{}", segment(remote_id));
        let res = send(self.request(Method::DELETE, &path, token)).await?;
        match res.status() {
            s if s.is_success() => Ok(()),
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(()),
            _ => Err(self.error(res).await),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_link_counts_as_twenty_three_characters() {
        let url = format!("https://musterstadt.de/{}", "a".repeat(200));
        assert_eq!(countable_length(&format!("Mehr: {url}"), 23), 6 + 23);
    }

    #[test]
    fn a_remote_mention_counts_without_its_host() {
        assert_eq!(countable_length("Hallo @stadt@social.bund.de!", 23), 13);
    }

    #[test]
    fn umlauts_and_emoji_count_as_one_character_each() {
        assert_eq!(countable_length("Grüße 🎉", 23), 7);
    }

    #[test]
    fn a_linkedin_page_mention_is_plain_text_on_mastodon() {
        let mut post = OutgoingPost::text("Danke @Stadt Musterstadt!", "k");
        post.mentions.push(crate::Mention {
            name: "Stadt Musterstadt".into(),
            urn: "urn:li:organization:1".into(),
        });
        assert_eq!(status_text(&post), "Danke Stadt Musterstadt!");
    }
}
