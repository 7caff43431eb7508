//! Posts and images through the versioned REST API (`/rest/posts`, `/rest/images`).

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde_json::json;
use url::Url;

use super::{LinkedInChannel, encode_urn, little_text, post_url};
use crate::http::{read_json, send};
use crate::{
    AccessToken, Channel, ChannelError, Counts, Image, OutgoingPost, Published, Visibility,
};

/// LinkedIn's limit for `commentary`, counted on the text the reader sees.
pub const MAX_COMMENTARY_CHARS: usize = 3000;
const IMAGE_TYPES: &[&str] = &["image/jpeg", "image/png", "image/gif"];

#[derive(Deserialize)]
struct InitializeUpload {
    value: UploadTarget,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UploadTarget {
    upload_url: String,
    image: String,
}

fn visibility(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "PUBLIC",
        Visibility::Unlisted => "LOGGED_IN",
        Visibility::Followers => "CONNECTIONS",
    }
}

impl LinkedInChannel {
    /// Checks what LinkedIn would refuse, before anything is uploaded.
    fn check(post: &OutgoingPost) -> Result<(), ChannelError> {
        let len = post.text.chars().count();
        if len > MAX_COMMENTARY_CHARS {
            return Err(ChannelError::Rejected {
                message: format!(
                    "Der Text ist {len} Zeichen lang; LinkedIn erlaubt höchstens \
                     {MAX_COMMENTARY_CHARS}."
                ),
            });
        }
        if post.text.trim().is_empty() && post.image.is_none() {
            return Err(ChannelError::Rejected {
                message: "Der Beitrag ist leer.".to_owned(),
            });
        }
        if let Some(image) = &post.image
            && !IMAGE_TYPES.contains(&image.mime.as_str())
        {
            return Err(ChannelError::Rejected {
                message: format!(
                    "LinkedIn nimmt nur JPEG-, PNG- und GIF-Bilder an, nicht {}.",
                    image.mime
                ),
            });
        }
        Ok(())
    }

    /// Registers an image and uploads its bytes; returns the image URN.
    async fn upload_image(
        &self,
        token: &AccessToken,
        image: &Image,
    ) -> Result<String, ChannelError> {
        let c = &self.client;
        let req = c
            .rest(
                Method::POST,
                &c.api_url("/rest/images?action=initializeUpload"),
                token,
            )
            .header(ACCEPT, "application/json")
            .json(&json!({"initializeUploadRequest": {"owner": self.author}}));
        let res = send(req).await?;
        if !res.status().is_success() {
            return Err(c.error(res).await);
        }
        let target = read_json::<InitializeUpload>(res, "LinkedIn initializeUpload")
            .await?
            .value;
        let upload_url = self.trusted_upload_url(&target.upload_url)?;
        let req = c
            .http
            .client()
            .put(upload_url)
            .header(reqwest::header::AUTHORIZATION, token.bearer())
            .header(CONTENT_TYPE, &image.mime)
            .body(image.bytes.clone());
        let res = send(req).await?;
        if !res.status().is_success() {
            return Err(match c.error(res).await {
                ChannelError::Rejected { message } => ChannelError::Rejected {
                    message: format!("Das Bild wurde nicht angenommen ({message})."),
                },
                other => other,
            });
        }
        Ok(target.image)
    }

    /// The bearer token goes only to LinkedIn (or to the configured API host, in tests).
    fn trusted_upload_url(&self, raw: &str) -> Result<Url, ChannelError> {
        let url = Url::parse(raw).map_err(|e| ChannelError::UnexpectedResponse {
            detail: format!("LinkedIn upload URL: {e}"),
        })?;
        let api = &self.client.config.api_base_url;
        let same_origin = url.origin() == api.origin();
        let linkedin_host = url.scheme() == "https"
            && url
                .host_str()
                .is_some_and(|h| h == "linkedin.com" || h.ends_with(".linkedin.com"));
        if same_origin || linkedin_host {
            Ok(url)
        } else {
            Err(ChannelError::UnexpectedResponse {
                detail: format!(
                    "LinkedIn upload URL on an unexpected host: {:?}",
                    url.host_str()
                ),
            })
        }
    }

    fn post_body(&self, post: &OutgoingPost, image: Option<(&str, &Image)>) -> serde_json::Value {
        let mut body = json!({
            "author": self.author,
            "commentary": little_text(&post.text, &post.mentions),
            "visibility": visibility(post.visibility),
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": []
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": false
        });
        if let Some((urn, image)) = image {
            body["content"] = json!({"media": {"id": urn, "altText": image.alt_text}});
        }
        body
    }

    /// Whether a post of this author exists, to look before sending again after a crash.
    pub async fn post_exists(&self, token: &AccessToken, urn: &str) -> Result<bool, ChannelError> {
        let c = &self.client;
        let url = c.api_url(&format!("/rest/posts/{}", encode_urn(urn)));
        let res = send(
            c.rest(Method::GET, &url, token)
                .header(ACCEPT, "application/json"),
        )
        .await?;
        match res.status() {
            s if s.is_success() => Ok(true),
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(false),
            _ => Err(c.error(res).await),
        }
    }
}

impl Channel for LinkedInChannel {
    async fn publish(
        &self,
        token: &AccessToken,
        post: &OutgoingPost,
    ) -> Result<Published, ChannelError> {
        Self::check(post)?;
        let image_urn = match &post.image {
            Some(image) => Some((self.upload_image(token, image).await?, image)),
            None => None,
        };
        let body = self.post_body(post, image_urn.as_ref().map(|(u, i)| (u.as_str(), *i)));
        let c = &self.client;
        let req = c
            .rest(Method::POST, &c.api_url("/rest/posts"), token)
            .json(&body);
        let res = req.send().await.map_err(|e| {
            let connect = e.is_connect();
            let detail = e.without_url().to_string();
            // Once connected, the post may have been created even though no answer came.
            if connect {
                ChannelError::Unavailable { detail }
            } else {
                ChannelError::Unconfirmed { detail }
            }
        })?;
        if res.status() != StatusCode::CREATED {
            return Err(if res.status().is_success() {
                ChannelError::Unconfirmed {
                    detail: format!("posts: HTTP {} instead of 201", res.status().as_u16()),
                }
            } else {
                c.error(res).await
            });
        }
        let urn = res
            .headers()
            .get("x-restli-id")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| v.starts_with("urn:li:"))
            .ok_or_else(|| ChannelError::Unconfirmed {
                detail: "posts: 201 without x-restli-id".to_owned(),
            })?;
        Ok(Published {
            url: post_url(urn),
            remote_id: urn.to_owned(),
        })
    }

    fn supports_counts(&self) -> bool {
        false
    }

    async fn fetch_counts(&self, _: &AccessToken, _: &str) -> Result<Counts, ChannelError> {
        Err(ChannelError::Unsupported {
            detail: "LinkedIn member post figures need partner access".to_owned(),
        })
    }

    async fn delete(&self, token: &AccessToken, remote_id: &str) -> Result<(), ChannelError> {
        let c = &self.client;
        let url = c.api_url(&format!("/rest/posts/{}", encode_urn(remote_id)));
        let res = send(c.rest(Method::DELETE, &url, token)).await?;
        match res.status() {
            s if s.is_success() => Ok(()),
            StatusCode::NOT_FOUND | StatusCode::GONE => Ok(()),
            _ => Err(c.error(res).await),
        }
    }
}
