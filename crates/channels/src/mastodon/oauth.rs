//! App registration per instance, the OAuth code flow and the account behind a token.
//! Mastodon tokens do not expire unless revoked.

use std::fmt;

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Method, RequestBuilder};
use serde::Deserialize;
use url::Url;

use super::MastodonChannel;
use crate::http::{read_json, send};
use crate::{AccessToken, ChannelError};

/// Reading figures, writing statuses and media; nothing else (no follows, no DMs).
pub const SCOPES: &str = "read write:statuses write:media";

/// Our app as registered on one instance; stored per instance and reused.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct MastodonApp {
    pub client_id: String,
    pub client_secret: String,
}

impl fmt::Debug for MastodonApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MastodonApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &"…")
            .finish()
    }
}

/// The account a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MastodonAccount {
    pub id: String,
    /// `name` on its own instance, `name@host` elsewhere.
    pub acct: String,
    /// The profile page.
    pub url: String,
    #[serde(default)]
    pub display_name: String,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
}

fn form(req: RequestBuilder, pairs: &[(&str, &str)]) -> RequestBuilder {
    let mut body = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        body.append_pair(k, v);
    }
    req.header(ACCEPT, "application/json")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.finish())
}

impl MastodonChannel {
    /// Registers Amtfluencer on the instance (`POST /api/v1/apps`).
    pub async fn register_app(
        &self,
        client_name: &str,
        redirect_uri: &str,
        website: Option<&str>,
    ) -> Result<MastodonApp, ChannelError> {
        let mut pairs = vec![
            ("client_name", client_name),
            ("redirect_uris", redirect_uri),
            ("scopes", SCOPES),
        ];
        if let Some(w) = website {
            pairs.push(("website", w));
        }
        let req = self
            .http
            .client()
            .post(self.instance.endpoint("/api/v1/apps"));
        let res = send(form(req, &pairs)).await?;
        if res.status() == reqwest::StatusCode::NOT_FOUND {
            return Err(ChannelError::Rejected {
                message: "Unter dieser Adresse antwortet keine Mastodon-Instanz.".to_owned(),
            });
        }
        if !res.status().is_success() {
            return Err(self.error(res).await);
        }
        read_json(res, "Mastodon app registration").await
    }

    /// Where to send the member's browser. `state` must be unguessable and checked on return.
    pub fn authorize_url(
        &self,
        app: &MastodonApp,
        redirect_uri: &str,
        state: &str,
    ) -> Result<Url, ChannelError> {
        let mut url = Url::parse(&self.instance.endpoint("/oauth/authorize")).map_err(|e| {
            ChannelError::UnexpectedResponse {
                detail: format!("Mastodon instance URL: {e}"),
            }
        })?;
        url.set_query(Some(&crate::http::query(&[
            ("response_type", "code"),
            ("client_id", app.client_id.as_str()),
            ("redirect_uri", redirect_uri),
            ("scope", SCOPES),
            ("state", state),
        ])));
        Ok(url)
    }

    /// Exchanges the code from the redirect for an access token (`POST /oauth/token`).
    pub async fn exchange_code(
        &self,
        app: &MastodonApp,
        code: &str,
        redirect_uri: &str,
    ) -> Result<AccessToken, ChannelError> {
        let req = self
            .http
            .client()
            .post(self.instance.endpoint("/oauth/token"));
        let res = send(form(
            req,
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("client_id", &app.client_id),
                ("client_secret", &app.client_secret),
                ("redirect_uri", redirect_uri),
                ("scope", SCOPES),
            ],
        ))
        .await?;
        if !res.status().is_success() {
            // An unknown or used code is 400 (`invalid_grant`): the member must start over.
            return Err(match res.status().as_u16() {
                400 | 401 => ChannelError::Unauthorized {
                    detail: format!("token exchange: HTTP {}", res.status().as_u16()),
                },
                _ => self.error(res).await,
            });
        }
        let t: TokenResponse = read_json(res, "Mastodon token response").await?;
        Ok(AccessToken::new(t.access_token))
    }

    /// The account behind a token (`GET /api/v1/accounts/verify_credentials`).
    pub async fn verify_credentials(
        &self,
        token: &AccessToken,
    ) -> Result<MastodonAccount, ChannelError> {
        let req = self
            .request(Method::GET, "/api/v1/accounts/verify_credentials", token)
            .header(ACCEPT, "application/json");
        let res = send(req).await?;
        if !res.status().is_success() {
            return Err(self.error(res).await);
        }
        read_json(res, "Mastodon account").await
    }
}
