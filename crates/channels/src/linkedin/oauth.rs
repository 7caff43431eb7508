//! The 3-legged OAuth flow and the member's identity. Access tokens live about 60 days and come
//! without a refresh token, so the member reconnects; the app reminds before `expires_in` ends.

use std::fmt;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::Deserialize;
use url::Url;

use super::LinkedInClient;
use crate::http::{read_body, read_json, send};
use crate::{AccessToken, ChannelError};

/// Sign-in (OpenID Connect) plus posting as the member.
pub const SCOPES: &str = "openid profile email w_member_social";

/// The scope without which a connection cannot post.
const POST_SCOPE: &str = "w_member_social";

/// Reading the member's post analytics; granted only to apps LinkedIn approved for it.
pub const ANALYTICS_SCOPE: &str = "r_member_postAnalytics";

/// Whether granted scopes, as LinkedIn lists them (spaces or commas), include
/// [`ANALYTICS_SCOPE`].
pub fn grants_post_analytics(scopes: &str) -> bool {
    scopes.split([' ', ',']).any(|s| s == ANALYTICS_SCOPE)
}

/// An access token and what it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedInToken {
    pub access_token: AccessToken,
    /// Lifetime counted from the exchange; about 60 days.
    pub expires_in: Duration,
    pub scopes: Vec<String>,
}

impl LinkedInToken {
    /// Whether the member granted posting (they can untick it on LinkedIn's consent page).
    pub fn can_post(&self) -> bool {
        self.scopes.iter().any(|s| s == POST_SCOPE)
    }

    /// Whether the member granted reading their post analytics.
    pub fn can_read_post_analytics(&self) -> bool {
        self.scopes.iter().any(|s| s == ANALYTICS_SCOPE)
    }
}

/// The member as the userinfo endpoint describes them.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct LinkedInMember {
    /// The member id; stable for our app.
    pub sub: String,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    pub picture: Option<String>,
}

impl LinkedInMember {
    /// `urn:li:person:{sub}`, the author of the member's posts.
    pub fn person_urn(&self) -> String {
        format!("urn:li:person:{}", self.sub)
    }
}

impl fmt::Debug for LinkedInMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Personal data stays out of logs; the id is enough to trace a problem.
        f.debug_struct("LinkedInMember")
            .field("sub", &self.sub)
            .finish_non_exhaustive()
    }
}

/// The result of a completed sign-in: the token and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedInConnection {
    pub token: LinkedInToken,
    pub member: LinkedInMember,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
    #[serde(default)]
    scope: String,
}

#[derive(Deserialize)]
struct OAuthErrorBody {
    error: Option<String>,
    error_description: Option<String>,
}

impl LinkedInClient {
    /// The scopes the sign-in asks for: [`SCOPES`], plus [`ANALYTICS_SCOPE`] when configured.
    pub fn scopes(&self) -> String {
        if self.config.post_analytics {
            format!("{SCOPES} {ANALYTICS_SCOPE}")
        } else {
            SCOPES.to_owned()
        }
    }

    /// Where to send the member's browser. `state` must be unguessable and checked on return.
    pub fn authorize_url(&self, redirect_uri: &str, state: &str) -> Result<Url, ChannelError> {
        let mut url = Url::parse(&self.oauth_url("/oauth/v2/authorization")).map_err(|e| {
            ChannelError::UnexpectedResponse {
                detail: format!("LinkedIn OAuth base URL: {e}"),
            }
        })?;
        let pairs = [
            ("response_type", "code"),
            ("client_id", self.config.client_id.as_str()),
            ("redirect_uri", redirect_uri),
            ("state", state),
            ("scope", &self.scopes()),
        ];
        url.set_query(Some(&crate::http::query(&pairs)));
        Ok(url)
    }

    /// Exchanges the code from the redirect for an access token.
    pub async fn exchange_code(
        &self,
        code: &str,
        redirect_uri: &str,
    ) -> Result<LinkedInToken, ChannelError> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "authorization_code")
            .append_pair("code", code)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("client_id", &self.config.client_id)
            .append_pair("client_secret", &self.config.client_secret)
            .finish();
        let req = self
            .http
            .client()
            .post(self.oauth_url("/oauth/v2/accessToken"))
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
        let res = send(req).await?;
        let status = res.status();
        if !status.is_success() {
            let headers = res.headers().clone();
            let body = read_body(res).await.unwrap_or_default();
            let parsed: Option<OAuthErrorBody> = serde_json::from_slice(&body).ok();
            let message = parsed.map(|b| {
                [b.error, b.error_description]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(": ")
            });
            // An unknown, used or expired code is answered with 400: the member must start over.
            return Err(match status.as_u16() {
                400 | 401 => ChannelError::Unauthorized {
                    detail: format!(
                        "token exchange: HTTP {status} {}",
                        message.unwrap_or_default()
                    ),
                },
                _ => crate::http::error_for_status(status, &headers, message),
            });
        }
        let t: TokenResponse = read_json(res, "LinkedIn token response").await?;
        Ok(LinkedInToken {
            access_token: AccessToken::new(t.access_token),
            expires_in: Duration::from_secs(t.expires_in),
            scopes: t
                .scope
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }

    /// The member behind a token.
    pub async fn userinfo(&self, token: &AccessToken) -> Result<LinkedInMember, ChannelError> {
        let req = self
            .http
            .client()
            .get(self.api_url("/v2/userinfo"))
            .header(ACCEPT, "application/json")
            .header(AUTHORIZATION, token.bearer());
        let res = send(req).await?;
        if !res.status().is_success() {
            return Err(self.error(res).await);
        }
        let member: LinkedInMember = read_json(res, "LinkedIn userinfo").await?;
        if member.sub.trim().is_empty() {
            return Err(ChannelError::UnexpectedResponse {
                detail: "LinkedIn userinfo without sub".to_owned(),
            });
        }
        Ok(member)
    }

    /// Completes the sign-in: exchanges the code and asks who the member is.
    pub async fn connect(
        &self,
        code: &str,
        redirect_uri: &str,
    ) -> Result<LinkedInConnection, ChannelError> {
        let token = self.exchange_code(code, redirect_uri).await?;
        let member = self.userinfo(&token.access_token).await?;
        Ok(LinkedInConnection { token, member })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linkedin::LinkedInConfig;
    use crate::{Http, HttpOptions};

    #[test]
    fn the_authorization_url_asks_for_sign_in_and_posting_with_our_state() {
        let config = LinkedInConfig::new("client-1", "secret", "202511").unwrap();
        let client = LinkedInClient::new(Http::new(HttpOptions::default()).unwrap(), config);
        let url = client
            .authorize_url("https://amt.example/callback", "st&ate")
            .unwrap();
        assert_eq!(url.path(), "/oauth/v2/authorization");
        let q: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("client_id"), Some("client-1"));
        assert_eq!(get("redirect_uri"), Some("https://amt.example/callback"));
        assert_eq!(get("state"), Some("st&ate"));
        assert_eq!(get("scope"), Some("openid profile email w_member_social"));
        assert!(
            url.as_str()
                .ends_with("scope=openid%20profile%20email%20w_member_social")
        );
    }

    #[test]
    fn post_analytics_are_asked_for_only_when_configured() {
        let mut config = LinkedInConfig::new("client-1", "secret", "202511").unwrap();
        config.post_analytics = true;
        let client = LinkedInClient::new(Http::new(HttpOptions::default()).unwrap(), config);
        let url = client.authorize_url("https://amt.example/cb", "s").unwrap();
        assert!(
            url.as_str().ends_with(
                "scope=openid%20profile%20email%20w_member_social%20r_member_postAnalytics"
            ),
            "{url}"
        );
    }

    #[test]
    fn granted_analytics_are_recognised_in_either_list_form() {
        assert!(grants_post_analytics("email,openid,r_member_postAnalytics"));
        assert!(grants_post_analytics(
            "w_member_social r_member_postAnalytics"
        ));
        assert!(!grants_post_analytics("w_member_social"));
        assert!(!grants_post_analytics("r_member_postAnalyticsX"));
        assert!(!grants_post_analytics(""));
    }
}
